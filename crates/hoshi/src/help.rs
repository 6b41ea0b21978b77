//! Every text of the command line's help, in Japanese and English, and [`localize`], which puts
//! them on clap's `Command` for one language.
//!
//! [`PAGES`] holds one entry per command: what it does, what each of its arguments means, its
//! examples (the same command lines in both languages, comments translated) and a closing note.
//! `cli.rs` holds no text. The tests below walk the whole command tree in both languages and fail
//! when a command or an argument has no text, when an entry names nothing, or when a Japanese
//! text is missing or still the English one.
//!
//! In Japanese, clap's own words are replaced too: the usage heading (a help template), the
//! section headings (every argument gets a heading, subcommands theirs), `-h/--help` and
//! `-V/--version` (our own flags), the `help` subcommand's line, and the `[default: …]`,
//! `[env: …]` and `[possible values: …]` notes (hidden, then appended to the help text). clap
//! offers no way to change `[OPTIONS]` in the usage line; `<COMMAND>` and value names such as
//! `<FILE>` stay as they are beside it. English keeps clap's own words.
//!
//! clap counts every character as one column (its `unicode` feature would bring another crate)
//! and breaks lines only at spaces, so Japanese is laid out here: each argument's help on the line
//! below it, every text broken into lines for the terminal's width (`COLUMNS`, else 80) the way
//! Japanese is broken ([`wrap`]). Long example lines continue with a backslash in both languages.

use clap::builder::Styles;
use clap::{Arg, ArgAction, Command};
use hoshi_core::Lang;

/// A text in Japanese and English.
#[derive(Debug, Clone, Copy)]
struct Tr {
    ja: &'static str,
    en: &'static str,
}

impl Tr {
    fn get(self, lang: Lang) -> &'static str {
        match lang {
            Lang::Ja => self.ja,
            Lang::En => self.en,
        }
    }
}

const fn tr(ja: &'static str, en: &'static str) -> Tr {
    Tr { ja, en }
}

/// One argument's help: its clap id (the field's name), the text, and the section it is listed
/// under when not the usual one.
struct ArgHelp {
    id: &'static str,
    help: Tr,
    heading: Option<Tr>,
}

const fn arg(id: &'static str, ja: &'static str, en: &'static str) -> ArgHelp {
    ArgHelp {
        id,
        help: tr(ja, en),
        heading: None,
    }
}

const fn arg_under(heading: Tr, id: &'static str, ja: &'static str, en: &'static str) -> ArgHelp {
    ArgHelp {
        id,
        help: tr(ja, en),
        heading: Some(heading),
    }
}

/// An example: a command line (the same in both languages) and what it does, if it needs saying.
struct Example {
    line: &'static str,
    comment: Option<Tr>,
}

const fn ex(line: &'static str) -> Example {
    Example {
        line,
        comment: None,
    }
}

const fn ex_says(line: &'static str, ja: &'static str, en: &'static str) -> Example {
    Example {
        line,
        comment: Some(tr(ja, en)),
    }
}

/// One command's help.
struct Page {
    /// The command as typed: `hoshi`, `hoshi catalog import-ipa`.
    path: &'static str,
    about: Tr,
    long_about: Option<Tr>,
    args: &'static [ArgHelp],
    examples: &'static [Example],
    /// A paragraph after the examples.
    note: Option<Tr>,
}

impl Page {
    const fn new(path: &'static str, ja: &'static str, en: &'static str) -> Page {
        Page {
            path,
            about: tr(ja, en),
            long_about: None,
            args: &[],
            examples: &[],
            note: None,
        }
    }

    const fn long_about(self, ja: &'static str, en: &'static str) -> Page {
        Page {
            long_about: Some(tr(ja, en)),
            ..self
        }
    }

    const fn args(self, args: &'static [ArgHelp]) -> Page {
        Page { args, ..self }
    }

    const fn examples(self, examples: &'static [Example]) -> Page {
        Page { examples, ..self }
    }

    const fn note(self, ja: &'static str, en: &'static str) -> Page {
        Page {
            note: Some(tr(ja, en)),
            ..self
        }
    }
}

const FORMAT: ArgHelp = arg("format", "出力形式", "Output format");
const FORCE: ArgHelp = arg(
    "force",
    "出力先のファイルがあれば上書き",
    "Replace the output file if it exists",
);
const ANSWERS: ArgHelp = arg("answers", "回答ファイル（YAML）", "The answer file (YAML)");
const MAIL: Tr = tr("メール", "Mail");
const ATTESTATIONS: Tr = tr("署名付き結果", "Attestations");

/// The help of every command, in the order `hoshi --help` lists them.
const PAGES: &[Page] = &[
    Page::new(
        "hoshi",
        "hoshi（星）: SCS評価制度（★3/★4）のための自己評価・証跡・検証できる署名付き結果",
        "hoshi (星): self-assessment, evidence and verifiable results for Japan's SCS supply-chain security scheme (SCS評価制度 ★3/★4)",
    )
    .long_about(
        "hoshi（星）: サプライチェーン強化に向けたセキュリティ対策評価制度（SCS評価制度 ★3/★4）の\
         ための、自己評価・証跡・検証できる署名付き結果を扱うツールです。\n\n\
         hoshi は自己評価の準備・記録・証明を支援します。星（★）の付与や認証は行いません。",
        "hoshi (星): self-assessment, evidence and verifiable results for Japan's \
         Supply-Chain Security evaluation scheme (SCS評価制度 ★3/★4).\n\n\
         hoshi prepares, records and proves a self-assessment; it does not award a star or any \
         certification.",
    )
    .args(&[
        arg("lang", "表示言語（ja または en）", "Display language (ja or en)"),
        arg(
            "data",
            "データディレクトリ（取り込んだカタログの保存先）",
            "Data directory (imported catalogs are stored here)",
        ),
        arg(
            "database",
            "データディレクトリの SQLite ではなく PostgreSQL を使います（例: postgres://hoshi@db.example.jp/hoshi。環境変数 HOSHI_DATABASE_URL でも指定できます）。複数の hoshi serve で 1 つのデータベースを共有できます",
            "Use PostgreSQL instead of the data directory's SQLite file (e.g. postgres://hoshi@db.example.jp/hoshi; also HOSHI_DATABASE_URL). Several hoshi serve processes can share one database",
        ),
    ])
    .examples(&[
        ex("hoshi catalog show scs --level 3"),
        ex("hoshi assess new --catalog scs --level 3 -o answers.yaml"),
        ex("hoshi assess report answers.yaml --format html -o report.html"),
        ex("hoshi level"),
    ])
    .note(
        "表示言語: 既定は日本語です。英語にするには --lang en または HOSHI_LANG=en を指定します\
         （en_US など日本語以外のロケールでも英語になります）。",
        "Language: Japanese by default; --lang en or HOSHI_LANG=en for English (a non-Japanese \
         locale such as en_US also selects English).",
    ),
    // catalog
    Page::new(
        "hoshi catalog",
        "カタログの一覧表示・内容表示・検査・比較・取り込みを行います",
        "List, show, check, compare and import catalogs",
    ),
    Page::new(
        "hoshi catalog list",
        "同梱のカタログと取り込んだカタログを一覧表示します",
        "List the bundled and imported catalogs",
    )
    .args(&[FORMAT])
    .examples(&[
        ex("hoshi catalog list"),
        ex("hoshi catalog list --format json"),
    ]),
    Page::new(
        "hoshi catalog show",
        "カタログの要求事項と評価基準を表示します",
        "Show a catalog's requirements and criteria",
    )
    .args(&[
        arg(
            "id",
            "カタログ ID（版も指定可）: `scs` または `scs@2026-03-27`",
            "Catalog ID, optionally with an edition: `scs` or `scs@2026-03-27`",
        ),
        arg(
            "level",
            "このレベルに必要な評価基準だけを表示（レベルは累積で、4 は 3 を含む）",
            "Only criteria needed for this level (levels are cumulative: 4 includes 3)",
        ),
        FORMAT,
        arg(
            "guidance",
            "評価基準ごとの対応のしかたも表示",
            "Also print the guidance for each criterion",
        ),
    ])
    .examples(&[
        ex("hoshi catalog show scs --level 3"),
        ex("hoshi catalog show scs --level 3 --lang en --guidance"),
        ex("hoshi catalog show scs@2026-03-27 --format json"),
        ex("hoshi catalog show priority8"),
    ]),
    Page::new(
        "hoshi catalog check",
        "カタログファイルを検査し、内容を表示します",
        "Validate a catalog file and print what it contains",
    )
    .args(&[arg(
        "file",
        "検査するカタログファイル（TOML）",
        "The catalog file to check (TOML)",
    )])
    .examples(&[ex("hoshi catalog check my-catalog.toml")]),
    Page::new(
        "hoshi catalog import-ipa",
        "IPA 公式の ★3・★4 要求事項・評価基準のワークブックを取り込みます（公式の文言のまま）",
        "Import IPA's official ★3・★4 requirements and criteria workbook (keeps the official wording)",
    )
    .args(&[
        arg("file", "IPA 公式のワークブック（.xlsx）", "IPA's official workbook (.xlsx)"),
        arg(
            "edition",
            "版の日付（YYYY-MM-DD）。省略すると表の上に書かれた日付を使います",
            "Edition to stamp (YYYY-MM-DD); by default the date printed above the header",
        ),
        arg("id", "保存先のカタログ ID", "Catalog ID to store it under"),
        arg(
            "force",
            "同じ版を別のファイルから取り込み済みなら置き換え",
            "Replace an earlier import of the same edition made from a different file",
        ),
    ])
    .examples(&[
        ex("hoshi catalog import-ipa 20260327001-c.xlsx"),
        ex("hoshi catalog import-ipa criteria.xlsx --edition 2026-03-27"),
    ])
    .note(
        "カタログは <data>/catalogs/ に保存され、`scs-ipa` として使えるようになります\
         （★3・★4 の評価基準 153 件すべて）。",
        "The catalog is stored in <data>/catalogs/ and then available as `scs-ipa` (all 153 \
         criteria for ★3 and ★4).",
    ),
    Page::new(
        "hoshi catalog diff",
        "2 つのカタログを評価基準ごとに比較します（追加・削除・文言の変更・移動）",
        "Compare two catalogs criterion by criterion (added, removed, reworded, moved)",
    )
    .args(&[
        arg(
            "old",
            "比較元のカタログ（`id` または `id@版`）",
            "The older catalog (`id` or `id@edition`)",
        ),
        arg(
            "new",
            "比較先のカタログ（`id` または `id@版`）",
            "The newer catalog (`id` or `id@edition`)",
        ),
        FORMAT,
    ])
    .examples(&[ex("hoshi catalog diff scs scs-ipa")]),
    // assess
    Page::new(
        "hoshi assess",
        "回答ファイルの作成、結果の出力、版の比較、Excel での回答のやり取りを行います",
        "Create answer files, report on them, compare editions, exchange answers as Excel",
    ),
    Page::new(
        "hoshi assess new",
        "記入用の回答ファイルを作成します（そのレベルの評価基準すべてを本文付きで）",
        "Write an answer file to fill in: every criterion of the level with its text",
    )
    .args(&[
        arg(
            "catalog",
            "カタログ ID（版も指定可: `scs@2026-03-27`）",
            "Catalog ID, optionally with an edition (`scs@2026-03-27`)",
        ),
        arg("level", "目標レベル", "Target level"),
        arg(
            "organisation",
            "ファイルに書き込む組織名",
            "Organisation name written into the file",
        ),
        arg("output", "回答ファイルの出力先", "Where to write the answer file"),
        FORCE,
    ])
    .examples(&[
        ex("hoshi assess new --catalog scs --level 3 -o answers.yaml"),
        ex("hoshi assess new --catalog scs --level 3 --organisation '株式会社サンプル' -o answers.yaml"),
    ]),
    Page::new(
        "hoshi assess report",
        "判定、大分類別の進捗、対応が必要な評価基準（優先順）とロードマップを出力します",
        "Verdict, progress per category, gaps in priority order and a roadmap",
    )
    .args(&[
        ANSWERS,
        FORMAT,
        arg(
            "output",
            "標準出力の代わりに書き出すファイル（pdf では必須）",
            "Write to a file instead of standard output (required for pdf)",
        ),
        arg(
            "title",
            "PDF: 報告書の表題（省略時は回答ファイル名）",
            "PDF: the report's title (default: the answer file's name)",
        ),
        arg(
            "records",
            "PDF の損害額の試算: 保有する個人情報・顧客情報の件数",
            "PDF cost estimate: personal or customer records held",
        ),
        arg(
            "revenue",
            "PDF の損害額の試算: 年間売上高（円。12億、3000万、1,200,000,000 など）",
            "PDF cost estimate: annual revenue in yen (12億, 3000万, 1,200,000,000)",
        ),
        arg(
            "stoppage_days",
            "PDF の損害額の試算: 事業が止まる日数",
            "PDF cost estimate: days the business would stand still",
        ),
    ])
    .examples(&[
        ex("hoshi assess report answers.yaml"),
        ex("hoshi assess report answers.yaml --format html -o report.html"),
        ex("hoshi assess report answers.yaml --format json | jq .gaps[0]"),
        ex("hoshi assess report answers.yaml --format pdf -o report.pdf --records 20000 --revenue 12億 --stoppage-days 14"),
    ])
    .note(
        "PDF は日本語の経営者向け報告書です（--lang en で英語）。表紙、1ページのサマリー、\
         大分類別のグラフ、対応が必要な評価基準、段階別ロードマップ、根拠資料の一覧を載せ、\
         --records、--revenue、--stoppage-days のいずれかを指定すると損害額の試算も加えます\
         （指定しなかった値は 0 として計算します）。",
        "The PDF is a management report in Japanese (or English with --lang en): cover, one-page \
         summary, chart per category, gap list, roadmap, evidence index and, when --records, \
         --revenue or --stoppage-days is given, a damage-cost estimate (a flag left out counts as \
         0).",
    ),
    Page::new(
        "hoshi assess export-xlsx",
        "回答を公式様式の Excel ワークブックに書き出します（O 列「自己評価」は ○/△/✖ から選択、P 列「理由」、Q 列「根拠および実施する事」、R 列「補足情報」）",
        "Write the answers to an Excel workbook in the official layout (O 自己評価 with a ○/△/✖ drop-down, P 理由, Q 根拠および実施する事, R 補足情報)",
    )
    .args(&[
        ANSWERS,
        arg("output", "書き出すワークブック（.xlsx）", "The workbook to write (.xlsx)"),
        FORCE,
    ])
    .examples(&[ex("hoshi assess export-xlsx answers.yaml answers.xlsx")]),
    Page::new(
        "hoshi assess import-xlsx",
        "記入済みのワークブックから回答を読み込みます（hoshi で書き出したもの、または O〜R 列を記入した公式ワークブック）",
        "Read answers back from a filled-in workbook (hoshi's export or the official workbook with columns O–R filled in)",
    )
    .args(&[
        arg("file", "記入済みのワークブック（.xlsx）", "The filled-in workbook (.xlsx)"),
        arg(
            "output",
            "回答ファイルの出力先（省略時は標準出力）",
            "Where to write the answer file (standard output if omitted)",
        ),
        arg(
            "catalog",
            "回答を照らし合わせるカタログ（省略時はワークブックに記録されたもの、なければ `scs`）",
            "Catalog to read the answers against (default: the one recorded in the workbook, else `scs`)",
        ),
        arg(
            "level",
            "目標レベル（省略時はワークブックに記録されたもの、なければ 3）",
            "Target level (default: the one recorded in the workbook, else 3)",
        ),
        FORCE,
    ])
    .examples(&[
        ex("hoshi assess import-xlsx filled.xlsx -o answers.yaml"),
        ex("hoshi assess import-xlsx official-filled.xlsx --catalog scs --level 3 -o answers.yaml"),
    ])
    .note(
        "取り込めない行（不明な ID、不明な記号、数式、重複した ID、理由のない「対象外」）は行番号と\
         ともに表示し、それ以外の行は取り込みます。取り込めなかった行があると終了コードは 1 です。",
        "Rows that cannot be taken (unknown ID, unknown mark, formula, duplicate ID, 対象外 \
         without a reason) are listed by row number; all other rows are kept. The exit status is \
         1 when any row was not taken.",
    ),
    Page::new(
        "hoshi assess compare",
        "ある版のカタログに対する回答を、別の版と比較します",
        "Compare answers made against one catalog edition with another edition",
    )
    .args(&[
        ANSWERS,
        arg(
            "to",
            "新しい版のカタログ（`id` または `id@版`）",
            "The newer catalog (`id` or `id@edition`)",
        ),
        arg(
            "output",
            "新しい版に引き継いだ回答も書き出すファイル",
            "Also write the answers carried over to the newer edition",
        ),
        FORCE,
        FORMAT,
    ])
    .examples(&[ex(
        "hoshi assess compare answers.yaml --to scs@2027-04-01 -o answers-2027.yaml",
    )]),
    // level
    Page::new(
        "hoshi level",
        "取引先に求めるレベル（★3 か ★4 か）を、発注企業向けの 3 つの質問で判断します",
        "Which level to ask of a supplier: the buyer's decision tree (three questions)",
    )
    .args(&[
        arg(
            "confidential_info",
            "発注企業の重要な機密情報を、取引先の IT 環境で扱いますか？",
            "Is the buyer's important confidential information handled on the supplier's IT?",
        ),
        arg(
            "unacceptable_delay",
            "取引先の業務が止まった場合、発注企業の事業に許容できない遅れが生じますか？",
            "Would the supplier stopping cause the buyer an unacceptable delay?",
        ),
        arg(
            "system_access",
            "取引先の環境から、発注企業の社内システムに接続できますか？",
            "Can the supplier's environment reach the buyer's internal systems?",
        ),
        FORMAT,
    ])
    .examples(&[
        ex_says(
            "hoshi level",
            "端末で 3 つの質問に答えます",
            "asks the three questions in a terminal",
        ),
        ex("hoshi level --confidential-info no --unacceptable-delay yes --system-access no"),
        ex("hoshi level --confidential-info no --unacceptable-delay no --system-access no --format json"),
    ]),
    // serve
    Page::new(
        "hoshi serve",
        "Web アプリケーションを起動します（データはデータディレクトリ内の SQLite に保存）",
        "Run the web application (embedded SQLite in the data directory)",
    )
    .args(&[
        arg("listen", "待ち受けるアドレスとポート", "Address and port to listen on"),
        arg(
            "public_url",
            "利用者が hoshi を開く URL（リンクに使用。https:// なら Cookie に Secure を付けます）",
            "The URL users reach hoshi at (used in links; https:// marks cookies Secure)",
        ),
        arg(
            "max_upload_mb",
            "証跡としてアップロードできるファイルの上限（MB）",
            "Largest evidence upload, in megabytes",
        ),
        arg(
            "demo",
            "デモ用の取引先・発注企業と、回答途中の ★3 自己評価を作成",
            "Seed a demo supplier, a demo buyer and a partly answered ★3 assessment",
        ),
        arg(
            "validity_days_star3",
            "確認済みの ★3 の結果の有効日数",
            "Days a confirmed ★3 result stays valid",
        ),
        arg(
            "validity_days_star4",
            "確認済みの ★4 の結果の有効日数",
            "Days a confirmed ★4 result stays valid",
        ),
        arg_under(
            MAIL,
            "smtp_host",
            "招待・リマインドのメールを送る SMTP サーバー。指定しなければメールは送らず、招待リンクは画面からコピーして伝えます",
            "SMTP server for invitation and reminder mail. Without it nothing is mailed and people copy invitation links from the page",
        ),
        arg_under(
            MAIL,
            "smtp_port",
            "SMTP のポート（STARTTLS は 587、TLS は 465、同じマシン上の中継サーバーは 25）",
            "SMTP port (587 for STARTTLS, 465 for TLS, 25 for a local relay)",
        ),
        arg_under(
            MAIL,
            "smtp_security",
            "SMTP 接続の保護方式。`none` は同じマシン上の中継サーバーにだけ使います",
            "How the SMTP connection is protected. `none` is only for a relay on this machine",
        ),
        arg_under(
            MAIL,
            "smtp_user",
            "AUTH PLAIN の SMTP ユーザー名（パスワードは HOSHI_SMTP_PASSWORD で指定）",
            "SMTP user for AUTH PLAIN; the password comes from HOSHI_SMTP_PASSWORD",
        ),
        arg_under(
            MAIL,
            "smtp_from",
            "hoshi が送るメールの差出人アドレス（--smtp-host を指定するときは必須）",
            "Sender address of hoshi's mail (required with --smtp-host)",
        ),
        arg_under(
            MAIL,
            "smtp_from_name",
            "メールソフトに表示される差出人名",
            "Sender name shown in mail clients",
        ),
        arg_under(
            MAIL,
            "smtp_ca_file",
            "SMTP サーバーの確認に追加で信頼する CA 証明書（PEM）。社内の中継サーバー独自の CA など",
            "Extra CA certificates (PEM) to trust for the SMTP server, e.g. a company relay's own CA",
        ),
        arg_under(
            ATTESTATIONS,
            "issuer_ca_file",
            "取り込む署名付き結果の発行元（別の hoshi）から公開鍵を取得するときに追加で信頼する CA 証明書（PEM）。社内 CA を使う発行元など",
            "Extra CA certificates (PEM) to trust when fetching another hoshi's public keys for an imported attestation (an issuer behind a company CA)",
        ),
        arg_under(
            ATTESTATIONS,
            "allow_private_issuers",
            "発行元の公開鍵を、プライベートやローカルのアドレスからも取得します（閉じたネットワーク向け）。既定では公開された HTTPS のアドレスにだけ接続します",
            "Also fetch issuers' keys from private and local addresses (a closed network). Off by default: the server only contacts public HTTPS addresses",
        ),
        arg(
            "trusted_proxies",
            "hoshi の前に置くリバースプロキシのアドレスまたは範囲（例: 10.0.0.0/8。複数ある場合は繰り返し指定）。このプロキシからの要求に限り X-Forwarded-For から利用者のアドレスを取るため、ログインの試行制限がプロキシ単位ではなく利用者ごとに働きます",
            "A reverse proxy in front of hoshi (an address or range such as 10.0.0.0/8; repeat for several). Only for requests from these is the client taken from X-Forwarded-For, so sign-in limits count per real client instead of per proxy",
        ),
        arg(
            "scan_allow",
            "外部公開状況の検査で、インターネット以外のアドレス（社内 LAN など）の検査を許可するネットワーク（例: 192.168.10.0/24。複数ある場合は繰り返し指定）。既定ではインターネット上のアドレスだけを検査します",
            "Networks outside the public internet that the exposure check may scan (e.g. 192.168.10.0/24 for an on-premises server checking its own LAN; repeat for several). By default only internet addresses are scanned",
        ),
        arg(
            "scan_without_approval",
            "外部公開状況の検査で、組織が登録した対象を管理者の承認なしに検査します（自社だけで使うサーバー向け）。既定では、管理者が /admin/scan-targets で承認した対象だけを検査します",
            "Scan the targets organisations declare without an administrator's approval (a server the company runs for itself). By default only targets an administrator approved at /admin/scan-targets are scanned",
        ),
        arg(
            "scan_daily_max",
            "1 つの組織が 1 日（日本時間）に実行できる検査の回数の上限（定期検査を含む）",
            "Scans one organisation may run per day (Japan time), scheduled ones included",
        ),
        arg(
            "backup_roots",
            "組織がローカルの restic リポジトリを登録できるフォルダー（複数ある場合は繰り返し指定）。既定ではなく、リモートのリポジトリだけを登録できます",
            "Folders under which organisations may register local restic repositories (repeat for several). None by default: only remote repositories",
        ),
        arg(
            "backup_allow",
            "インターネット以外でリポジトリのサーバーを置いてよいネットワーク（例: 社内 NAS の 192.168.10.0/24。複数ある場合は繰り返し指定）",
            "Networks outside the public internet where repository servers may be (e.g. 192.168.10.0/24 for a NAS on the LAN; repeat for several)",
        ),
        arg(
            "backup_allow_sftp",
            "sftp: のリポジトリを許可します（restic はこのサーバー自身の SSH 鍵と設定を使います）",
            "Allow sftp: repositories (restic then uses this server's own SSH keys and settings)",
        ),
        arg(
            "restic",
            "バックアップの確認に使う restic プログラム",
            "The restic program backup verification runs",
        ),
        arg(
            "dns",
            "メールドメインの設定の確認で問い合わせる DNS サーバー（IP アドレス、または IP アドレス:ポート。複数ある場合は繰り返し指定）。既定ではこのサーバーのリゾルバー（/etc/resolv.conf）を使います",
            "Name servers the mail domain posture check asks (an IP address or IP:PORT; repeat for several). By default the system's resolver (/etc/resolv.conf) is used",
        ),
        arg(
            "posture_allow",
            "メールドメインの設定の確認で、インターネット以外に接続してよいネットワーク（例: 社内のメールサーバーがある 192.168.10.0/24。複数ある場合は繰り返し指定）。既定ではインターネット上のアドレスにだけ接続します",
            "Networks outside the public internet the mail domain posture check may connect to (e.g. 192.168.10.0/24 where an internal mail server is; repeat for several). By default only internet addresses are connected to",
        ),
    ])
    .examples(&[
        ex_says(
            "hoshi serve --demo",
            "デモデータで試します",
            "look around with demo data",
        ),
        ex("hoshi serve --listen 0.0.0.0:8080 --data /srv/hoshi-data --public-url https://hoshi.example.jp"),
    ])
    .note(
        "初めて起動したときに、最初の管理者を作成するための 1 回限りのリンクを表示します。",
        "On first start hoshi prints a one-time link to create the first administrator.",
    ),
    // audit
    Page::new(
        "hoshi audit",
        "データディレクトリの監査ログを検証します",
        "Check the audit log of the data directory",
    ),
    Page::new(
        "hoshi audit verify",
        "監査ログのハッシュチェーンを計算し直し、一致しない最初の記録を示します",
        "Recompute the hash chain of the audit log and name the first entry that does not match",
    )
    .args(&[arg(
        "recorded",
        "別の場所に控えた記録（番号:ハッシュ）。サーバーは起動時と 1 時間ごとにチェーンの先頭をログに書きます。その記録が今もそのまま残っているかを確かめ、最新の記録がまとめて消された場合も検出します",
        "An entry kept elsewhere, as NUMBER:HASH. The server writes the chain's head to its log at start and every hour; this checks that the entry is still there unchanged, so losing the newest entries shows too",
    )])
    .examples(&[
        ex("hoshi audit verify"),
        ex("hoshi audit verify --data /srv/hoshi-data"),
        ex("hoshi audit verify --recorded 1520:5f0c…"),
    ])
    .note(
        "終了コードは、チェーンが壊れていなければ 0、記録の編集・削除・並べ替えや最新の記録の消失があれば 1 です。",
        "Exit status 0 when the chain is intact, 1 when an entry was edited, deleted or \
         reordered, or the newest entries are gone.",
    ),
    // attest
    Page::new(
        "hoshi attest",
        "署名付き結果をオフラインで検証します",
        "Verify signed results (attestations) offline",
    ),
    Page::new(
        "hoshi attest verify",
        "署名付き結果（DSSE エンベロープ）を発行元の公開鍵または鍵セットでオフラインで検証し、無効な理由をすべて表示します",
        "Verify an attestation (a DSSE envelope) offline, with the issuer's public key or key set, and print every reason it is not valid",
    )
    .args(&[
        arg(
            "file",
            "署名付き結果のファイル（hoshi からダウンロードした JSON）",
            "The attestation file (JSON, as downloaded from hoshi)",
        ),
        arg(
            "key",
            "発行元の Ed25519 公開鍵（base64。これを保存したファイルも可）",
            "The issuer's Ed25519 public key, base64 (or a file that holds it)",
        ),
        arg(
            "keys",
            "発行元の鍵セット: https://<発行元>/.well-known/hoshi-keys.json、またはそれを保存したファイル",
            "The issuer's key set: https://<issuer>/.well-known/hoshi-keys.json, or a file saved from it",
        ),
        arg(
            "revoked",
            "発行元の失効リスト: https://<発行元>/.well-known/hoshi-revoked.json、または JSON ファイル（署名付き結果の ID の配列、または {\"revoked\": [...]}）",
            "The issuer's revocation list: https://<issuer>/.well-known/hoshi-revoked.json, or a JSON file (a list of attestation ids, or {\"revoked\": [...]})",
        ),
        arg(
            "subjects",
            "署名の対象のうち、その名前のものとファイルが一致するかも確認（例: report.pdf=report.pdf）",
            "Also check a file against the subject of that name, e.g. report.pdf=report.pdf",
        ),
        arg(
            "date",
            "有効期限を今日ではなくこの日付（YYYY-MM-DD）で判定",
            "Judge expiry as of this date (YYYY-MM-DD) instead of today",
        ),
        FORMAT,
    ])
    .examples(&[
        ex("hoshi attest verify result.intoto.json --key 'q2v…base64…='"),
        ex("hoshi attest verify result.intoto.json --keys hoshi-keys.json --revoked revoked.json --subject report.pdf=report.pdf"),
        ex("hoshi attest verify result.intoto.json --keys https://hoshi.example.jp/.well-known/hoshi-keys.json --revoked https://hoshi.example.jp/.well-known/hoshi-revoked.json"),
    ])
    .note(
        "終了コードは、有効なら 0、無効なら 1（理由をすべて表示）、使い方の誤りは 2 です。",
        "Exit status 0 when valid, 1 when not (each reason is printed), 2 for wrong usage.",
    ),
    // keys
    Page::new(
        "hoshi keys",
        "この hoshi の署名鍵（データディレクトリ内）を管理します",
        "The instance's signing keys (in the data directory)",
    ),
    Page::new(
        "hoshi keys list",
        "署名鍵を一覧表示します（使用中の鍵と、ローテーションで失効扱いにした鍵）",
        "List the signing keys: the active one and those retired by rotation",
    ),
    Page::new(
        "hoshi keys rotate",
        "新しい署名鍵を作成して使用中にします。古い鍵は失効扱いになり（公開鍵は公開を続けるので、署名済みの結果は引き続き検証できます）、秘密鍵のシードは削除します。その後 `hoshi serve` を再起動してください",
        "Make a new active signing key; the old one is retired (its public key stays published, so what it signed still verifies) and its private seed is deleted. Restart `hoshi serve` afterwards",
    ),
    // vulns
    Page::new(
        "hoshi vulns",
        "使っているソフトウェアや機器を、手元に取り込んだ脆弱性データと照合します（インターネット接続は不要です）",
        "Match the software and devices you run against vulnerability data held on this machine (no internet needed)",
    ),
    Page::new(
        "hoshi vulns db",
        "脆弱性データの索引を管理します",
        "Manage the vulnerability index",
    ),
    Page::new(
        "hoshi vulns db import",
        "公開されている脆弱性データ（OSV の記録、NVD の CVE 記録または API の応答、CISA KEV カタログ、FIRST の EPSS 日次 CSV）を索引に取り込みます。同じ ID の記録は新しいものだけを残します",
        "Import public vulnerability data (OSV records, NVD CVE records or API answers, the CISA KEV catalog, FIRST's daily EPSS CSV) into the index; of records with the same id only the newest is kept",
    )
    .args(&[
        arg(
            "paths",
            "取り込むファイルまたはディレクトリ（ディレクトリの中の .json と .csv をすべて読みます）",
            "Files or directories to import (every .json and .csv inside a directory is read)",
        ),
        arg(
            "db",
            "索引のディレクトリ（省略時はデータディレクトリの vulns）",
            "The index directory (default: vulns in the data directory)",
        ),
    ])
    .examples(&[ex("hoshi vulns db import advisory-database/advisories/github-reviewed known_exploited_vulnerabilities.json")])
    .note(
        "読み取れないファイルが 1 つでもあれば、そのファイル名と理由を示し、索引は変更しません。",
        "If any file cannot be read, its name and the reason are shown and the index is left unchanged.",
    ),
    Page::new(
        "hoshi vulns db update",
        "公開されている脆弱性データをインターネットから取得し、db import と同じ検査をして索引に取り込みます: CISA KEV カタログ、FIRST の EPSS（当日分）、OSV のエコシステムごとの一括ファイル（all.zip）はすべて、NVD は CVE API 2.0 から前回以降に更新された記録を取得します",
        "Fetch public vulnerability data from the internet and import it with the same checks as db import: the CISA KEV catalog, FIRST's EPSS scores of the day and OSV's export of each ecosystem (all.zip) whole, and from NVD's CVE API 2.0 the records modified since the last update",
    )
    .args(&[
        arg(
            "db",
            "索引のディレクトリ（省略時はデータディレクトリの vulns）",
            "The index directory (default: vulns in the data directory)",
        ),
        arg(
            "sources",
            "取得元のアドレスを変えます（名前は kev・epss・osv・nvd。osv は all.zip の上のアドレス、nvd は API のアドレス）。off を指定するとその取得元は取得しません。https:// のみ（http:// はこのコンピューター自身のみ）。繰り返し指定できます",
            "Another address for a source (kev, epss, osv — the address above the all.zip files — or nvd, the API's address), or off to leave it out; https:// only (plain http:// only to this machine). Can be repeated",
        ),
        arg(
            "ecosystems",
            "OSV から取得するエコシステム（カンマ区切り。例: PyPI,npm,Maven,Go,crates.io,NuGet,RubyGems,Packagist,Debian,Ubuntu,Alpine）",
            "The OSV ecosystems to fetch, comma-separated (e.g. PyPI,npm,Maven,Go,crates.io,NuGet,RubyGems,Packagist,Debian,Ubuntu,Alpine)",
        ),
        arg(
            "nvd_since",
            "NVD からこの日（YYYY-MM-DD、UTC）以降に更新された記録を取得します（省略時は索引にある NVD の記録の最新の更新日時以降。初回は直近 119 日）",
            "Fetch the NVD records modified since this day (YYYY-MM-DD, UTC; default: since the newest NVD record in the index, the first time the last 119 days)",
        ),
        arg(
            "max_mb",
            "1 回の更新でダウンロードする量の上限（MB、すべての取得元の合計）。展開後はその 8 倍まで、展開した 1 ファイルは 64 MB まで",
            "The most one update downloads, all sources together, in MB; they may unpack to 8 times that, each unpacked file to 64 MB",
        ),
    ])
    .examples(&[
        ex("hoshi vulns db update"),
        ex_says(
            "hoshi vulns db update --nvd-since 2002-01-01 --max-mb 4096",
            "NVD の全期間を取得します（API キーがあると待ち時間が短くなります）",
            "Fetch NVD's whole history (an API key shortens the waits)",
        ),
        ex_says(
            "hoshi vulns db update --ecosystems Maven,npm --source nvd=off",
            "OSV は Maven と npm だけ、NVD は取得しません",
            "OSV for Maven and npm only, nothing from NVD",
        ),
    ])
    .note(
        "すべてを索引のディレクトリの一時ディレクトリにダウンロードしてから取り込みます。接続できない、エラーが返る、応答が読み取れない、上限を超える、取り込めないファイルがある、のいずれかの場合は、そのアドレスと理由を示し、索引は変更しません。NVD への要求の間は、NVD の利用制限に従って 6 秒（環境変数 NVD_API_KEY に API キーがあれば 0.7 秒）待ちます。索引から記録を削除することはありません。インターネットにつながらない環境では、別の場所でダウンロードしたファイルを db import で取り込んでください。",
        "Everything is downloaded into a temporary directory in the index directory first, then imported. When a server cannot be reached, answers with an error or with something unreadable, sends more than the limit, or a file cannot be imported, the address and the reason are shown and the index is left unchanged. Requests to NVD are 6 s apart as NVD's rate limit asks (0.7 s with an API key in NVD_API_KEY). Records are never removed from the index. Without internet access, download the files elsewhere and use db import.",
    ),
    Page::new(
        "hoshi vulns check",
        "資産台帳（CSV・Excel）、SBOM（CycloneDX の JSON・XML、SPDX 2.x の JSON・タグ値形式）、パッケージ一覧（dpkg-query -W、rpm -qa）、Windows のソフトウェア一覧（Get-Package | Export-Csv、winget export）を索引と照合し、脆弱性を悪用確認済み（KEV）のものから示します。重大・高（CVSS 7.0 以上）の脆弱性で公表から 14 日を超えたもの、またはサポートが終了した資産があれば終了コード 1 を返します",
        "Check the asset register (CSV or Excel), SBOMs (CycloneDX JSON or XML, SPDX 2.x JSON or tag-value), package lists (dpkg-query -W, rpm -qa) and Windows software lists (Get-Package | Export-Csv, winget export) against the index; vulnerabilities known to be exploited (KEV) first. Exits with status 1 when a Critical/High (CVSS 7.0 or more) one has been public for more than 14 days, or an asset is past its support",
    )
    .args(&[
        arg(
            "files",
            "照合するファイル。種類は拡張子ではなく内容で判断します: 資産台帳（hoshi の台帳テンプレートの見出しを持つ CSV・Excel。VPN 装置などはメーカーと OS から CPE を補います）、CycloneDX（JSON・XML 1.0〜1.6）、SPDX 2.x（JSON・タグ値形式）、dpkg-query -W または rpm -qa の出力、Get-Package | Export-Csv の CSV（UTF-8・UTF-16）、winget export の JSON",
            "Files to check, told apart by their content, not their names: the asset register (CSV or Excel with the headers of hoshi's register template; VPN and firewall appliances get their CPE from maker and OS), CycloneDX (JSON, XML 1.0–1.6), SPDX 2.x (JSON, tag-value), the output of dpkg-query -W or rpm -qa, Get-Package | Export-Csv (UTF-8 or UTF-16), winget export JSON",
        ),
        arg(
            "db",
            "索引のディレクトリ（省略時はデータディレクトリの vulns）",
            "The index directory (default: vulns in the data directory)",
        ),
        FORMAT,
        arg(
            "today",
            "14 日ルールを判定する日（YYYY-MM-DD、省略時は日本時間の今日）",
            "The day the 14-day rule is judged on (YYYY-MM-DD; default: today in Japan)",
        ),
        arg(
            "distro",
            "dpkg の一覧のディストリビューション（debian または ubuntu）",
            "The distribution of a dpkg list (debian or ubuntu)",
        ),
    ])
    .examples(&[
        ex("hoshi vulns check bom.cdx.json"),
        ex("hoshi vulns check bom.cdx.xml sbom.spdx"),
        ex_says(
            "dpkg-query -W > packages.txt && hoshi vulns check --format json packages.txt",
            "サーバーのパッケージを照合し、JSON で出力します",
            "Check a server's packages and write JSON",
        ),
        ex_says(
            "powershell -Command \"Get-Package | Export-Csv -Encoding UTF8 pc-001.csv\"",
            "Windows PC のソフトウェア一覧を書き出します（その PC で実行）",
            "Write a Windows PC's software list (run on that PC)",
        ),
        ex_says(
            "winget export -o pc-001.json --include-versions",
            "winget でも書き出せます（版も含めます）",
            "Or with winget, versions included",
        ),
        ex("hoshi vulns check pc-001.csv pc-001.json"),
        ex_says(
            "hoshi vulns check --format html 資産台帳.xlsx > 照合結果.html",
            "資産台帳を照合し、1 つの HTML ページとして保存します",
            "Check the asset register and save the result as one HTML page",
        ),
    ])
    .note(
        "Windows のソフトウェア一覧は名前と版だけなので、よく使われるデスクトップソフト（Google Chrome、Microsoft Edge、Firefox、Thunderbird、Adobe Acrobat・Acrobat Reader、7-Zip、WinRAR、Notepad++、VLC、PuTTY、WinSCP、FileZilla、LibreOffice、Wireshark、TeamViewer、AnyDesk、Zoom、Oracle Java）は名前または winget のパッケージ ID から CPE を補って照合します。それ以外のソフトは照合できません（NuGet のパッケージを除く）。照合できなかった件数はファイルごとに表示します。読み取れない行や項目があれば、ファイル名・行番号・期待した形式を示し、何も照合しません。",
        "Windows software lists give names and versions only: common desktop software (Google Chrome, Microsoft Edge, Firefox, Thunderbird, Adobe Acrobat and Acrobat Reader, 7-Zip, WinRAR, Notepad++, VLC, PuTTY, WinSCP, FileZilla, LibreOffice, Wireshark, TeamViewer, AnyDesk, Zoom, Oracle Java) gets its CPE from the name or the winget package id and is matched; other programs are not checked (NuGet packages aside), and how many components of each file were not checked is shown. A row or field that cannot be read is named with the file, the line and what was expected, and nothing is checked.",
    ),
    // backup
    Page::new(
        "hoshi backup",
        "バックアップが実際に復元できるかを確かめます",
        "Prove that backups actually restore",
    ),
    Page::new(
        "hoshi backup verify",
        "restic のリポジトリを検証します。構造のチェック、スナップショットの古さ（方針との比較）、遠隔地のコピー、実際の復元テスト（復元したファイルの内容をスナップショットのハッシュと照合）を行い、4-3-4-1〜4-3-4-3 の結果を示します。問題があれば終了コード 1 を返します。restic（0.14 以降）が必要です",
        "Verify a restic repository: its structural check, snapshot ages against the policy, an off-site copy, and a real restore test (restored content checked against the snapshot's hashes), with results for 4-3-4-1 to 4-3-4-3. Exits with status 1 on a problem. Needs restic (0.14 or later)",
    )
    .args(&[
        arg("repo", "リポジトリ（restic と同じ書き方: パス、sftp:…、s3:…）", "The repository, written as restic takes it (a path, sftp:…, s3:…)"),
        arg("password_file", "パスワードのファイル", "A file holding the password"),
        arg("password_env", "パスワードを持つ環境変数の名前（省略時は RESTIC_PASSWORD）", "The environment variable holding the password (default: RESTIC_PASSWORD)"),
        arg("max_age_days", "最新のスナップショットとして許す古さ（日、既定 1.5）", "How old the newest snapshot may be, in days (default 1.5)"),
        arg("host", "このホストのスナップショットだけを見ます", "Only snapshots of this host count"),
        arg("paths", "必ずバックアップされているべきパス（繰り返し指定できます）", "A path that must be backed up (repeatable)"),
        arg("offsite", "遠隔地のコピーを置いた 2 つ目のリポジトリ（同じパスワード）", "A second repository holding the off-site copy (same password)"),
        arg("restore_sample", "復元テストで復元するファイル数（既定 20）", "Files restored by the restore test (default 20)"),
        arg("read_data_subset", "check でデータも読み直す範囲（例: 10%）", "Also re-read this share of the data in the check (e.g. 10%)"),
        FORMAT,
    ])
    .examples(&[
        ex("hoshi backup verify /mnt/nas/restic --password-file /etc/restic/pw --path /srv/share"),
        ex("hoshi backup verify sftp:backup@nas:/restic --offsite s3:s3.example.jp/copy --format json"),
        ex_says(
            "hoshi backup verify /mnt/nas/restic --format html > 復元テスト.html",
            "結果を 1 つの HTML ページとして保存します（復元手順書に添える記録として印刷できます）",
            "Save the result as one HTML page (printable, to keep with the restore procedure)",
        ),
    ])
    .note(
        "パスワードはコマンドラインには書かず、ファイルか環境変数で渡します。復元テストは一時フォルダーに復元し、終わると削除します。HTML はスクリプトや外部ファイルを使わない 1 ファイルのページです。",
        "The password is never given on the command line, only through a file or an environment variable. The restore test restores into a temporary folder, removed afterwards. The HTML is a single page with no scripts and nothing loaded from elsewhere.",
    ),
    // accounts
    Page::new(
        "hoshi accounts",
        "アカウントの管理状況を、管理画面から出力したファイルで確認します",
        "Check how accounts are managed, from the files the admin consoles export",
    ),
    Page::new(
        "hoshi accounts check",
        "アカウントの一覧（Microsoft 365 のアクティブなユーザー、Entra ID のユーザー登録の詳細とサインイン ログ、Get-MgUser のサインイン アクティビティ、Google Workspace のユーザー一覧、Active Directory の Get-ADUser | Export-Csv）を読み、多要素認証のないアカウント、長く使われていないアカウント、管理者（数、未使用、共有）、共有・汎用の ID、無期限のパスワード、権限が残った無効アカウントを、重大なものから示します。要求事項ごとの回答の案も示します。緊急・高の指摘があれば終了コード 1 を返します",
        "Read account lists (Microsoft 365 active users, Entra ID user registration details and sign-in logs, Get-MgUser with its sign-in activity, the Google Workspace user list, Active Directory's Get-ADUser | Export-Csv) and show, worst first, accounts without MFA, accounts unused for long, administrators (count, unused, shared), shared or generic IDs, passwords that never expire and disabled accounts that kept privileges, with a suggested answer per criterion. Exits with status 1 on a critical or high finding",
    )
    .args(&[
        arg(
            "files",
            "エクスポートしたファイル（CSV。UTF-8・UTF-16・Shift_JIS）。種類は見出しで判断します。Microsoft 365 のユーザー一覧に、Entra ID の登録の詳細とサインイン ログ（Entra 管理センターの「サインイン ログ」からダウンロードした CSV）を渡すと、ユーザー プリンシパル名で結び付けます。サインイン ログは、ユーザー一覧と一緒に渡してください",
            "Exported files (CSV in UTF-8, UTF-16 or Shift_JIS), told apart by their headers. Entra ID registration details and sign-in logs (the CSV downloaded from Sign-in logs in the Entra admin center) are joined to the Microsoft 365 user list by user principal name; give a sign-in log together with the user list",
        ),
        FORMAT,
        arg(
            "stale_days",
            "この日数を超えてサインインのない有効なアカウントを「長く使われていない」とします（既定 90）",
            "An enabled account without a sign-in for more than this many days counts as unused (default 90)",
        ),
        arg(
            "today",
            "判定する日（YYYY-MM-DD、省略時は日本時間の今日）",
            "The day to judge on (YYYY-MM-DD; default: today in Japan)",
        ),
    ])
    .examples(&[
        ex("hoshi accounts check users.csv registration.csv"),
        ex_says(
            "powershell -Command \"Get-ADUser -Filter * -Properties Enabled,LastLogonDate,PasswordLastSet,PasswordNeverExpires,adminCount,MemberOf | Export-Csv -Encoding UTF8 ad-users.csv\"",
            "Active Directory のユーザー一覧を書き出します（ドメインコントローラーで実行）",
            "Export Active Directory's users (run on a domain controller)",
        ),
        ex("hoshi accounts check --format json ad-users.csv"),
        ex_says(
            "hoshi accounts check --format html users.csv signins.csv > 確認結果.html",
            "ユーザー一覧とサインイン ログを合わせて確認し、1 つの HTML ページとして保存します",
            "Check the user list with the sign-in log and save the result as one HTML page",
        ),
    ])
    .note(
        "結果にはアカウント名が含まれます。組織の外に渡さないでください。サインイン ログは Entra ID Free では 7 日分、P1・P2 でも 30 日分しか残らないため、ログに現れないアカウントは、ログの期間が --stale-days より短ければ「ログに現れない」とだけ示します。ログだけを渡すと、使われていないアカウントが分からないため確認しません。",
        "The results name accounts; keep them inside the organisation. Entra ID keeps sign-ins for 7 days (Free) or 30 days (P1, P2), so an account missing from a log shorter than --stale-days is only reported as not seen. A sign-in log given alone is refused, since it cannot show unused accounts.",
    ),
    // mail
    Page::new(
        "hoshi mail",
        "メールによる詐欺（社長や役員をかたる詐欺、ビジネスメール詐欺）と、自社のメールドメインのなりすまし対策を確認します",
        "Check mail for fraud (CEO fraud, business e-mail compromise) and how well the organisation's mail domains resist forgery",
    ),
    Page::new(
        "hoshi mail check",
        "メール（.eml、mbox、Maildir）を組織のプロファイル（自社のドメイン、役員・社員、取引先、社内の決まり）と照らし合わせ、社長や役員をかたる詐欺（LINE グループの作成や二次元コードの送付の依頼など）と、取引先を装った口座変更などのビジネスメール詐欺を見分けます。判定は fraud（詐欺の疑いが強い）、suspicious（要注意）、ok のいずれかで、理由と取るべき行動を示します。ok 以外があれば終了コード 3 を返します（エラーは 1）",
        "Judge mails (.eml, mbox, Maildir) against the organisation's profile (its domains, officers and staff, partners, payment rules): CEO fraud (a LINE group and its QR code asked for in an officer's name…) and business e-mail compromise (a partner's bank account \"changing\"…). Each mail gets fraud, suspicious or ok with the reasons and what to do. Exits with status 3 when any mail is not ok (1 on an error)",
    )
    .args(&[
        arg(
            "profile",
            "組織のプロファイル（hoshi-fraud-profile/1 形式の TOML ファイル）",
            "The organisation profile (a TOML file in the hoshi-fraud-profile/1 format)",
        ),
        arg(
            "mails",
            "確認するメール: .eml ファイル、mbox ファイル、Maildir のフォルダー",
            "The mails to check: .eml files, mbox files, Maildir folders",
        ),
        FORMAT,
        arg(
            "filter",
            "標準入力から 1 通を読み、X-Hoshi-Fraud ヘッダーを加えて標準出力に書き出します（Postfix・procmail・sieve から使うため）。届いたメールにもともと付いていた X-Hoshi-Fraud ヘッダーは取り除きます",
            "Read one message on standard input and write it to standard output with an X-Hoshi-Fraud header added (for Postfix, procmail or sieve); an X-Hoshi-Fraud header the mail arrived with is removed",
        ),
        arg(
            "verify_dkim",
            "自社のメールサーバーの認証結果（Authentication-Results）がないメールについて、DKIM 署名を hoshi 自身が DNS の公開鍵で検証し、その結果で判定します",
            "For mails without the organisation's mail server's stamp (Authentication-Results), verify their DKIM signatures with keys from DNS and judge with the result",
        ),
        arg(
            "dns",
            "--verify-dkim で問い合わせる DNS サーバー（IP または IP:ポート、繰り返し指定できます）。省略するとこのコンピューターの設定を使います",
            "Name server for --verify-dkim (IP or IP:PORT, repeatable); without it, this computer's resolver",
        ),
    ])
    .examples(&[
        ex("hoshi mail check --profile 星川精機.toml 受信/怪しいメール.eml"),
        ex("hoshi mail check --profile 星川精機.toml --format json ~/Maildir"),
        ex_says(
            "hoshi mail check --profile /etc/hoshi/profile.toml --filter < in.eml > out.eml",
            "1 通を判定し、ヘッダーを付けて書き出します",
            "Judge one message and write it out with the header",
        ),
    ])
    .note(
        "認証結果（SPF・DKIM・DMARC）は、プロファイルの authserv_ids に書いた自社のメールサーバーが付けたものだけを信用します。",
        "Authentication results (SPF, DKIM, DMARC) are believed only when stamped by the organisation's own mail server named in the profile's authserv_ids.",
    ),
    Page::new(
        "hoshi mail posture",
        "メールドメインのなりすまし対策と暗号化の設定を確認します: SPF（書式、DNS 参照回数の上限、+all・~all）、DKIM（セレクタごとの鍵の種類と長さ）、DMARC（ポリシー、p=none は要対応、アラインメント、レポートの送り先）、MTA-STS と TLS-RPT、MX の STARTTLS と証明書。指摘ごとに重さと直し方を示し、公開すべきレコードの例を添えます。要対応・重大の指摘があれば終了コード 3 を返します（エラーは 1）",
        "Check a mail domain's protection against forgery and interception: SPF (syntax, the DNS look-up limit, +all/~all), DKIM (key type and size per selector), DMARC (policy, p=none flagged, alignment, report addresses), MTA-STS and TLS-RPT, the MX hosts' STARTTLS and certificates. Each finding has a weight and a fix, with the record to publish. Exits with status 3 when something needs fixing (1 on an error)",
    )
    .args(&[
        arg("domains", "確認するドメイン（例: example.co.jp）", "The domains to check (e.g. example.co.jp)"),
        arg(
            "selectors",
            "確認する DKIM セレクタ（繰り返し指定できます）。送ったメールの DKIM-Signature ヘッダーの s= の値です。省略するとよく使われるセレクタを試します",
            "DKIM selector to check (repeatable): the s= value of a sent mail's DKIM-Signature header. Without it, common selectors are tried",
        ),
        arg(
            "dns",
            "問い合わせる DNS サーバー（IP または IP:ポート、繰り返し指定できます）。省略するとこのコンピューターの設定（/etc/resolv.conf）を使います",
            "Name server to ask (IP or IP:PORT, repeatable); without it, this computer's resolver (/etc/resolv.conf)",
        ),
        arg(
            "no_connect",
            "DNS だけを確認し、MX への SMTP 接続と MTA-STS ポリシーの取得を行いません（ポート 25 が閉じた回線向け）",
            "Only DNS: no SMTP connection to the MX hosts and no MTA-STS policy fetch (for networks that block port 25)",
        ),
        arg(
            "ca_file",
            "追加で信頼する認証局の証明書（PEM）。閉じたネットワークの MX や MTA-STS ホストの確認用です",
            "Extra trusted CA certificates (PEM), for MX and MTA-STS hosts on a closed network",
        ),
        arg("timeout", "1 回の問い合わせ・接続を待つ秒数", "Seconds to wait for each query or connection"),
        FORMAT,
        arg(
            "smtp_port",
            "MX の SMTP ポート（通常は 25。試験用ネットワークのためのものです）",
            "SMTP port of the MX hosts (25; other values are for test networks)",
        ),
        arg(
            "https_port",
            "MTA-STS ホストの HTTPS ポート（通常は 443。試験用ネットワークのためのものです）",
            "HTTPS port of the MTA-STS host (443; other values are for test networks)",
        ),
    ])
    .examples(&[
        ex("hoshi mail posture hoshikawa-seiki.co.jp --selector selector1 --selector selector2"),
        ex_says(
            "hoshi mail posture --dns 192.0.2.53 --no-connect --format json example.co.jp",
            "指定した DNS サーバーだけに問い合わせ、結果を JSON で書き出します",
            "Ask only the given name server and write the result as JSON",
        ),
    ])
    .note(
        "MX への接続は EHLO と STARTTLS の後、証明書を確かめて QUIT するだけで、メールは送りません。DNS の問い合わせに失敗した項目は「確認できませんでした」と示し、レコードがないものとは扱いません。",
        "The MX check says EHLO and STARTTLS, verifies the certificate and QUITs; no mail is sent. An item whose DNS query failed is reported as not checked, never as a missing record.",
    ),
    // assets
    Page::new(
        "hoshi assets",
        "資産台帳（PC、サーバー、ネットワーク機器、スマートデバイス、クラウドサービス）のファイルを扱います。台帳そのものは Web アプリケーションで管理します",
        "Work with asset register files (PCs, servers, network devices, smart devices, cloud services); the web application keeps the register itself",
    ),
    Page::new(
        "hoshi assets template",
        "資産台帳のテンプレート（Excel または CSV）を書き出します。見出しは --lang の言語で、Excel には記入例と種別の一覧のシートが付きます",
        "Write the asset register template (Excel or CSV), headers in the --lang language; the Excel file has an example sheet and the list of kinds",
    )
    .args(&[
        arg("output", "書き出すファイル", "The file to write"),
        FORMAT,
        FORCE,
    ])
    .examples(&[ex("hoshi assets template -o 資産台帳.xlsx")]),
    Page::new(
        "hoshi assets check",
        "記入した資産台帳（CSV・Excel）を読み取り、問題のある行をすべて示します。サポートが終了した資産（4-4-4-1）と、脆弱性を照合できない資産も示します。サポート終了の資産があれば終了コード 1 を返します",
        "Read a filled-in asset register (CSV or Excel) and name every bad row; list assets past their support (4-4-4-1) and those that cannot be checked for vulnerabilities. Exits with status 1 when an asset is past its support",
    )
    .args(&[
        arg("file", "資産台帳のファイル（CSV は UTF-8・Shift_JIS・UTF-16）", "The register file (CSV in UTF-8, Shift_JIS or UTF-16)"),
        arg(
            "today",
            "サポート終了を判定する日（YYYY-MM-DD、省略時は日本時間の今日）",
            "The day support ends are judged on (YYYY-MM-DD; default: today in Japan)",
        ),
    ])
    .examples(&[
        ex("hoshi assets check 資産台帳.xlsx"),
        ex_says(
            "hoshi vulns check 資産台帳.xlsx",
            "台帳の機器を脆弱性データと照合します",
            "Check the register's devices against the vulnerability data",
        ),
    ]),
    // db
    Page::new(
        "hoshi db",
        "データベースを管理します",
        "Manage the database",
    ),
    Page::new(
        "hoshi db migrate-to",
        "データディレクトリの SQLite にあるすべてのデータ（証跡ファイルを含む）を、空の PostgreSQL データベースに移します。移した後で、件数と監査ログのハッシュチェーンが元と一致することを確かめます",
        "Move everything in the data directory's SQLite database, evidence files included, into an empty PostgreSQL database; then check that the row counts and the audit log's hash chain match the original",
    )
    .args(&[arg(
        "url",
        "移行先の PostgreSQL データベース（空であること）。例: postgres://hoshi@db.example.jp/hoshi",
        "The PostgreSQL database to move into (it must be empty), e.g. postgres://hoshi@db.example.jp/hoshi",
    )])
    .examples(&[ex(
        "hoshi db migrate-to --data /srv/hoshi-data postgres://hoshi@db.example.jp/hoshi",
    )])
    .note(
        "実行中の hoshi serve を止めてから実行してください。途中で失敗した場合、移行先には何も書き込まれません。署名鍵（データディレクトリの keys）は移しません。すべてのサーバーに同じディレクトリを渡してください。",
        "Stop hoshi serve first. If anything fails, nothing is written to the target. The signing keys (keys in the data directory) are not moved: give every server that same directory.",
    ),
    // scan
    Page::new(
        "hoshi scan",
        "インターネットから見える自社の機器を調べます（開いているポート、VPN 機器とそのバージョン、RDP、データベース、管理画面など）",
        "Check what your company exposes to the internet (open ports, VPN appliances and their versions, RDP, databases, management pages…)",
    )
    .long_about(
        "指定したホスト名・アドレス・範囲の TCP ポートを調べ、開いているポートごとに何が動いているかを\
         確かめ、評価基準に関わる指摘と対処を示します。root 権限は不要です。\n\n\
         攻撃や侵入の試みは一切行いません（脆弱性を突く通信、ログインの試行、パスワードの推測をしません）。\
         送った内容はすべて結果に記録されます。自社が管理している対象だけを指定してください。",
        "Sweeps the TCP ports of the host names, addresses and ranges given, identifies what runs \
         on every open port, and reports findings tied to the SCS criteria with what to do. No root \
         needed.\n\nNothing intrusive is ever sent: no exploit, no login attempt, no password \
         guessing; everything sent is recorded in the result. Scan only what your company runs.",
    )
    .args(&[
        arg(
            "targets",
            "ホスト名、IP アドレス、または CIDR 範囲（例: vpn.example.co.jp 192.0.2.10 192.0.2.0/28）",
            "Host names, IP addresses or CIDR ranges (e.g. vpn.example.co.jp 192.0.2.10 192.0.2.0/28)",
        ),
        arg(
            "ports",
            "調べるポート: all（1〜65535 すべて）、top（公開されやすいポート 145 個）、または 22,443,8000-8100 のような一覧",
            "Ports to sweep: all (1–65535), top (145 ports where exposure is usually found), or a list such as 22,443,8000-8100",
        ),
        FORMAT,
        arg("output", "結果の出力先（省略時は標準出力）", "Where to write the result (standard output if omitted)"),
        arg(
            "rate",
            "1 秒あたりの接続試行の上限（0 で無制限）",
            "Connection attempts per second at most (0: no limit)",
        ),
        arg(
            "timeout",
            "1 つの応答を待つ最長時間（秒）",
            "The longest wait for one answer while identifying (seconds)",
        ),
        arg(
            "show_closed",
            "閉じているポートも一つずつ表示します（省略時は数だけ）",
            "List closed ports one by one (only counted otherwise)",
        ),
        FORCE,
        arg(
            "vulns_db",
            "VPN 機器などのファームウェアのバージョンを照合する脆弱性の索引（hoshi vulns db import で作成。省略時はデータディレクトリの vulns）。索引がなければ hoshi に同梱の機器脆弱性表で照合します",
            "The vulnerability index appliance firmware versions are checked against (made by hoshi vulns db import; default: vulns in the data directory). Without an index, hoshi's bundled appliance table is used",
        ),
    ])
    .examples(&[
        ex("hoshi scan vpn.example.co.jp"),
        ex_says(
            "hoshi scan --ports all --format json -o scan.json 192.0.2.0/28",
            "範囲のすべてのポートを調べ、JSON で保存します",
            "Sweep every port of a range and save the result as JSON",
        ),
        ex_says(
            "hoshi scan --format html -o exposure.html vpn.example.co.jp",
            "結果をブラウザーで開ける 1 つの HTML ファイルにします",
            "Write the result as one HTML page to open in a browser",
        ),
    ])
    .note(
        "終了コード: 0 は緊急・高の指摘なし、3 は緊急または高の指摘あり、1 はスキャンを実行できなかった場合です。",
        "Exit status: 0 when there is no critical or high finding, 3 when there is, 1 when the scan could not run.",
    ),
];

/// clap's own words in Japanese.
mod ja {
    pub(super) const USAGE: &str = "使い方:";
    pub(super) const COMMANDS: &str = "コマンド";
    pub(super) const ARGUMENTS: &str = "引数";
    pub(super) const OPTIONS: &str = "オプション";
    pub(super) const EXAMPLES: &str = "例:";
    pub(super) const HELP: &str = "ヘルプを表示します";
    pub(super) const HELP_SUMMARY: &str = "ヘルプを表示します（詳しくは '--help'）";
    pub(super) const HELP_FULL: &str = "ヘルプを表示します（要約は '-h'）";
    pub(super) const VERSION: &str = "バージョンを表示します";
    pub(super) const HELP_COMMAND: &str = "このヘルプ、または指定したコマンドのヘルプを表示します";
    pub(super) const ENV: &str = "環境変数";
    pub(super) const DEFAULT: &str = "既定値";
    pub(super) const POSSIBLE_VALUES: &str = "選択肢";
}

/// Where options every command takes (`--lang`, `--data`) are listed: after the command's own.
const GLOBAL_ORDER: usize = 900;
/// Where `-h/--help` and `-V/--version` are listed: last, as clap does.
const LAST_ORDER: usize = 999;
/// The width of English help: clap's own limit (clap lays English out itself; this is for the
/// examples).
const ENGLISH_WIDTH: usize = 100;
/// Where clap puts an argument's help on the line below it: two spaces and eight.
const NEXT_LINE_INDENT: usize = 10;

/// Puts the help in `lang` on the whole command tree (and, in Japanese, clap's own words), then
/// builds it.
pub(crate) fn localize(cmd: Command, lang: Lang) -> Command {
    let styles = cmd.get_styles().clone();
    let path = cmd.get_name().to_owned();
    let width = match lang {
        Lang::Ja => japanese_width(),
        Lang::En => ENGLISH_WIDTH,
    };
    let mut global = GLOBAL_ORDER;
    let mut cmd = texts(cmd, &path, lang, &styles, width).mut_args(|a| {
        if !a.is_global_set() {
            return a;
        }
        global += 1;
        a.display_order(global)
    });
    if lang == Lang::Ja {
        cmd = japanese(cmd, &styles, width, width)
            .term_width(width)
            .disable_version_flag(true)
            .arg(
                Arg::new("version")
                    .short('V')
                    .long("version")
                    .action(ArgAction::Version)
                    .help(ja::VERSION)
                    .help_heading(ja::OPTIONS)
                    .display_order(LAST_ORDER),
            );
        cmd.build();
        return japanese_help_command(cmd, &styles, width);
    }
    cmd.build();
    cmd
}

/// The texts of [`PAGES`] on `cmd` (found by `path`) and its subcommands.
fn texts(cmd: Command, path: &str, lang: Lang, styles: &Styles, width: usize) -> Command {
    let mut cmd = cmd;
    if let Some(page) = PAGES.iter().find(|p| p.path == path) {
        cmd = cmd
            .about(page.about.get(lang))
            .long_about(page.long_about.map(|t| t.get(lang)))
            .mut_args(|a| match page.args.iter().find(|h| a.get_id() == h.id) {
                Some(h) => a
                    .help(h.help.get(lang))
                    .help_heading(h.heading.map(|t| t.get(lang))),
                None => a,
            });
        if let Some(after) = after_help(page, lang, styles, width) {
            cmd = cmd.after_help(after);
        }
    }
    cmd.mut_subcommands(|sc| {
        let path = format!("{path} {}", sc.get_name());
        texts(sc, &path, lang, styles, width)
    })
}

/// The examples and the closing note, for a terminal `width` cells wide.
fn after_help(page: &Page, lang: Lang, styles: &Styles, width: usize) -> Option<String> {
    let mut parts = Vec::new();
    if !page.examples.is_empty() {
        let title = match (lang, page.examples.len()) {
            (Lang::Ja, _) => ja::EXAMPLES,
            (Lang::En, 1) => "Example:",
            (Lang::En, _) => "Examples:",
        };
        let h = styles.get_header();
        let mut text = format!("{h}{title}{h:#}");
        let commented = page
            .examples
            .iter()
            .filter(|e| e.comment.is_some())
            .map(|e| cells(e.line))
            .max()
            .unwrap_or(0);
        for e in page.examples {
            text.push('\n');
            match e.comment {
                Some(c) => text.push_str(&format!("  {:commented$}  # {}", e.line, c.get(lang))),
                None => text.push_str(&example(e.line, width)),
            }
        }
        parts.push(text);
    }
    parts.extend(page.note.map(|n| match lang {
        // clap breaks lines only at spaces and counts a character as one cell.
        Lang::Ja => wrap(n.ja, width),
        Lang::En => n.en.to_owned(),
    }));
    (!parts.is_empty()).then(|| parts.join("\n\n"))
}

/// An example command line, indented, continued with a backslash where wider than `width` (a
/// shell still reads it as one line, so it can be copied as it stands). Lines break before an option
/// or a pipe, so an option stays with its value; inside one only when it is too wide alone.
fn example(line: &str, width: usize) -> String {
    const CONTINUE: &str = " \\\n      ";
    const INDENT: usize = 6;
    let mut groups: Vec<Vec<&str>> = Vec::new();
    for word in line.split(' ') {
        match groups.last_mut() {
            Some(group) if !word.starts_with('-') && word != "|" => group.push(word),
            _ => groups.push(vec![word]),
        }
    }
    let mut out = String::from("  ");
    let mut used = 2;
    for (i, group) in groups.iter().enumerate() {
        let group_cells = group.iter().map(|w| cells(w) + 1).sum::<usize>() - 1;
        if i > 0 {
            if used > INDENT && used + 1 + group_cells + 2 > width {
                out.push_str(CONTINUE);
                used = INDENT;
            } else {
                out.push(' ');
                used += 1;
            }
        }
        for (j, word) in group.iter().enumerate() {
            if j > 0 {
                if used + 1 + cells(word) + 2 > width {
                    out.push_str(CONTINUE);
                    used = INDENT;
                } else {
                    out.push(' ');
                    used += 1;
                }
            }
            out.push_str(word);
            used += cells(word);
        }
    }
    out
}

/// The width Japanese help is laid out for: `COLUMNS` when set, else 80; at most 100, clap's own
/// limit.
fn japanese_width() -> usize {
    std::env::var("COLUMNS")
        .ok()
        .and_then(|c| c.trim().parse::<usize>().ok())
        .filter(|&w| w >= 40)
        .unwrap_or(80)
        .min(100)
}

/// clap's own words in Japanese on `cmd` and its subcommands: template, headings, the help flag
/// and the notes on values; and every text broken into lines of `width` cells (`about_width` for
/// the command's line in its parent's list).
fn japanese(cmd: Command, styles: &Styles, about_width: usize, width: usize) -> Command {
    let help = Arg::new("help")
        .short('h')
        .long("help")
        .action(ArgAction::Help)
        .help_heading(ja::OPTIONS)
        .next_line_help(true)
        .display_order(LAST_ORDER);
    // As clap's own flag: a summary with -h and more with --help only where there is more.
    let help = if cmd.get_long_about().is_some() {
        help.help(ja::HELP_SUMMARY).long_help(ja::HELP_FULL)
    } else {
        help.help(ja::HELP)
    };
    let about = cmd.get_about().map(|a| wrap(&a.to_string(), about_width));
    let long_about = cmd.get_long_about().map(|a| wrap(&a.to_string(), width));
    let sub_about_width = width.saturating_sub(list_column(&cmd));
    let mut positional = 0;
    let mut cmd = cmd
        .disable_help_flag(true)
        .help_template(template(styles))
        .subcommand_help_heading(ja::COMMANDS)
        .mut_args(|a| {
            // Positional arguments under a heading are sorted like options: keep their order.
            let order = a.is_positional().then(|| {
                positional += 1;
                positional
            });
            japanese_arg(a, order, styles, width)
        })
        .arg(help)
        .mut_subcommands(|sc| japanese(sc, styles, sub_about_width, width));
    if let Some(about) = about {
        cmd = cmd.about(about);
    }
    if let Some(long_about) = long_about {
        cmd = cmd.long_about(long_about);
    }
    cmd
}

/// clap's help template with the usage heading in Japanese.
fn template(styles: &Styles) -> String {
    let u = styles.get_usage();
    format!(
        "{{before-help}}{{about-with-newline}}\n{u}{}{u:#} {{usage}}\n\n{{all-args}}{{after-help}}",
        ja::USAGE
    )
}

/// The column where clap starts the description of each subcommand in `cmd`'s list: two spaces,
/// the longest name (clap's `help` included), two more.
fn list_column(cmd: &Command) -> usize {
    let longest = cmd
        .get_subcommands()
        .filter(|sc| !sc.is_hide_set())
        .map(|sc| cells(sc.get_name()))
        .chain(["help".len()])
        .max()
        .unwrap_or(0);
    2 + longest + 2
}

/// An argument's help with clap's notes in Japanese, on the line below the argument and broken
/// into lines that fit.
fn japanese_arg(arg: Arg, order: Option<usize>, styles: &Styles, width: usize) -> Arg {
    let help = arg.get_help().map(ToString::to_string).unwrap_or_default();
    let mut lines: Vec<Vec<Piece>> = help.split('\n').map(pieces).collect();
    // A note is never broken: `[既定値: hoshi-data]` stays on one line.
    if let Some(last) = lines.last_mut() {
        last.extend(value_notes(&arg, styles).iter().map(|n| unbroken(n)));
    }
    let width = width.saturating_sub(NEXT_LINE_INDENT);
    let help = lines
        .iter()
        .map(|l| fill(l, width))
        .collect::<Vec<_>>()
        .join("\n");
    // Hidden because written above (clap refuses the settings where they mean nothing).
    let mut arg = arg.help(help).next_line_help(true);
    if arg.get_env().is_some() {
        arg = arg.hide_env(true);
    }
    if arg.get_action().takes_values() {
        arg = arg.hide_default_value(true).hide_possible_values(true);
    }
    if arg.get_help_heading().is_none() {
        let heading = if arg.is_positional() {
            ja::ARGUMENTS
        } else {
            ja::OPTIONS
        };
        arg = arg.help_heading(heading);
    }
    match order {
        Some(o) => arg.display_order(o),
        None => arg,
    }
}

/// What clap notes after an argument's help (`[env: …]`, `[default: …]`,
/// `[possible values: …]`), in Japanese and in clap's styles.
fn value_notes(arg: &Arg, styles: &Styles) -> Vec<String> {
    let (c, v) = (styles.get_context(), styles.get_context_value());
    let note = |label: &str, value: &str| format!("{c}[{label}: {c:#}{v}{value}{v:#}{c}]{c:#}");
    let mut notes = Vec::new();
    if let Some(name) = arg.get_env().filter(|_| !arg.is_hide_env_set()) {
        let now = std::env::var_os(name).unwrap_or_default();
        let value = format!("{}={}", name.to_string_lossy(), now.to_string_lossy());
        notes.push(note(ja::ENV, &value));
    }
    if !arg.get_action().takes_values() {
        return notes;
    }
    let defaults: Vec<String> = arg
        .get_default_values()
        .iter()
        .map(|d| {
            let d = d.to_string_lossy();
            if d.is_empty() || d.contains(char::is_whitespace) {
                format!("{d:?}")
            } else {
                d.into_owned()
            }
        })
        .collect();
    if !arg.is_hide_default_value_set() && !defaults.is_empty() {
        notes.push(note(ja::DEFAULT, &defaults.join(" ")));
    }
    let possible: Vec<String> = arg
        .get_possible_values()
        .iter()
        .filter(|p| !p.is_hide_set())
        .map(|p| p.get_name().to_owned())
        .collect();
    if !arg.is_hide_possible_values_set() && !possible.is_empty() {
        notes.push(note(ja::POSSIBLE_VALUES, &possible.join(", ")));
    }
    notes
}

/// clap's `help` subcommand in Japanese: its line in the list and its own page (it exists only
/// once the tree is built).
fn japanese_help_command(cmd: Command, styles: &Styles, width: usize) -> Command {
    let about = wrap(ja::HELP_COMMAND, width.saturating_sub(list_column(&cmd)));
    let cmd = cmd.mut_subcommands(|sc| japanese_help_command(sc, styles, width));
    if cmd.find_subcommand("help").is_none() {
        return cmd;
    }
    cmd.mut_subcommand("help", |h| {
        h.about(about)
            .help_template(template(styles))
            .subcommand_help_heading(ja::COMMANDS)
    })
}

/// Terminal cells `s` takes (East Asian wide characters two).
fn cells(s: &str) -> usize {
    hoshi_report::width::width(s)
}

/// `text` broken into lines of at most `width` cells as Japanese is: between two characters when
/// either is wide, or at a space; never inside an ASCII word, a `<placeholder>`, a `{…}`, a
/// `` `code` `` or an escape sequence, never before closing punctuation, never after an opening
/// bracket. A piece wider than `width` stays whole.
fn wrap(text: &str, width: usize) -> String {
    text.split('\n')
        .map(|line| fill(&pieces(line), width))
        .collect::<Vec<_>>()
        .join("\n")
}

/// A piece of a line that is never broken: whether a space comes before it, its text, its cells.
struct Piece {
    space_before: bool,
    text: String,
    cells: usize,
}

/// `line` cut where [`wrap`] may break it.
fn pieces(line: &str) -> Vec<Piece> {
    let mut out = Vec::new();
    let mut cur = Piece {
        space_before: false,
        text: String::new(),
        cells: 0,
    };
    let mut prev: Option<char> = None;
    // Inside `<…>`, `{…}` or `` `…` ``: no break at all.
    let (mut angle, mut brace, mut code) = (0usize, 0usize, false);
    let mut chars = line.chars();
    while let Some(c) = chars.next() {
        if c == '\x1b' {
            // A style: no width, kept with what follows it.
            cur.text.push(c);
            for d in chars.by_ref() {
                cur.text.push(d);
                if d == 'm' {
                    break;
                }
            }
            continue;
        }
        let space = c == ' ';
        let inside = angle > 0 || brace > 0 || code;
        let breaks = !inside && (space || prev.is_some_and(|p| may_break_between(p, c)));
        if breaks && cur.cells > 0 {
            let space_before = std::mem::replace(&mut cur.space_before, false);
            out.push(Piece {
                space_before,
                text: std::mem::take(&mut cur.text),
                cells: std::mem::take(&mut cur.cells),
            });
        }
        match c {
            '<' => angle += 1,
            '>' => angle = angle.saturating_sub(1),
            '{' => brace += 1,
            '}' => brace = brace.saturating_sub(1),
            '`' => code = !code,
            _ => {}
        }
        if space && !inside {
            cur.space_before = true;
            prev = None;
            continue;
        }
        cur.text.push(c);
        cur.cells += hoshi_report::width::char_width(c);
        prev = Some(c);
    }
    if !cur.text.is_empty() {
        out.push(cur);
    }
    out
}

/// `text` as one piece, after a space.
fn unbroken(text: &str) -> Piece {
    let parts = pieces(text);
    let mut piece = Piece {
        space_before: true,
        text: String::new(),
        cells: 0,
    };
    for (i, p) in parts.iter().enumerate() {
        if i > 0 && p.space_before {
            piece.text.push(' ');
            piece.cells += 1;
        }
        piece.text.push_str(&p.text);
        piece.cells += p.cells;
    }
    piece
}

/// The pieces on lines of at most `width` cells, each line as full as it can be.
fn fill(pieces: &[Piece], width: usize) -> String {
    let mut out = String::new();
    let mut used = 0;
    for p in pieces {
        let space = usize::from(p.space_before && used > 0);
        if used > 0 && used + space + p.cells > width {
            out.push('\n');
            used = 0;
        } else if space == 1 {
            out.push(' ');
            used += 1;
        }
        out.push_str(&p.text);
        used += p.cells;
    }
    out
}

fn may_break_between(prev: char, next: char) -> bool {
    const NO_BREAK_AFTER: &str = "（「『【〔〈《［｛([{<★〜/";
    const NO_BREAK_BEFORE: &str = "、。，．）」』】〕〉》］｝)]}>,.:;!?！？：；・ー〜…ぁぃぅぇぉっゃゅょゎァィゥェォッャュョヮヵヶ々/";
    let wide = |c| hoshi_report::width::char_width(c) == 2;
    (wide(prev) || wide(next)) && !NO_BREAK_AFTER.contains(prev) && !NO_BREAK_BEFORE.contains(next)
}

#[cfg(test)]
mod tests {
    use clap::Command;
    use hoshi_core::Lang;

    use super::{PAGES, cells, example, wrap};
    use crate::cli::command;

    fn has_japanese(s: &str) -> bool {
        s.chars()
            .any(|c| matches!(c, '\u{3040}'..='\u{30ff}' | '\u{4e00}'..='\u{9fff}'))
    }

    /// Every command of the tree with its path, the Japanese one beside the English one.
    fn walk<'a>(
        ja: &'a Command,
        en: &'a Command,
        path: &str,
    ) -> Vec<(String, &'a Command, &'a Command)> {
        let mut out = vec![(path.to_owned(), ja, en)];
        for sub in ja.get_subcommands() {
            let en_sub = en
                .find_subcommand(sub.get_name())
                .expect("the same commands in both languages");
            out.extend(walk(sub, en_sub, &format!("{path} {}", sub.get_name())));
        }
        out
    }

    /// The words of a help text: without clap's notes on values (ours are in Japanese whatever
    /// the text before them) and with lines joined.
    fn text(s: Option<&clap::builder::StyledStr>) -> Option<String> {
        let mut s = s?.to_string();
        for note in ["[環境変数:", "[既定値:", "[選択肢:"] {
            while let Some(start) = s.find(note) {
                let end = s[start..].find(']').map_or(s.len(), |e| start + e + 1);
                s.replace_range(start..end, "");
            }
        }
        Some(s.split_whitespace().collect::<Vec<_>>().join(" "))
    }

    /// What is English (or missing) in the Japanese help of one command.
    fn untranslated(path: &str, ja: &Command, en: &Command) -> Vec<String> {
        let mut bad = Vec::new();
        let mut check = |what: String, ja: Option<String>, en: Option<String>| match (ja, en) {
            (None, None) => {}
            (Some(j), Some(e)) if has_japanese(&j) && j != e => {}
            (j, e) => bad.push(format!("{path}: {what}: ja {j:?}, en {e:?}")),
        };
        check("about".into(), text(ja.get_about()), text(en.get_about()));
        check(
            "long_about".into(),
            text(ja.get_long_about()),
            text(en.get_long_about()),
        );
        check(
            "after_help".into(),
            text(ja.get_after_help()),
            text(en.get_after_help()),
        );
        // clap's `help` subcommand holds copies of the commands, for shell completion only.
        let copy = path.rsplit(' ').skip(1).any(|w| w == "help");
        if ja.has_subcommands() && !copy {
            check(
                "commands heading".into(),
                ja.get_subcommand_help_heading().map(str::to_owned),
                Some("Commands".into()),
            );
        }
        for a in ja.get_arguments() {
            let id = a.get_id().as_str();
            let en_help = en.get_arguments().find(|e| e.get_id() == id);
            check(
                format!("{id} help"),
                text(a.get_help()),
                en_help.and_then(|e| text(e.get_help())),
            );
            check(
                format!("{id} heading"),
                a.get_help_heading().map(str::to_owned),
                Some(
                    en_help
                        .and_then(|e| e.get_help_heading())
                        .unwrap_or("Options")
                        .into(),
                ),
            );
        }
        bad
    }

    #[test]
    fn every_command_and_argument_has_its_help_in_japanese() {
        let (ja, en) = (command(Lang::Ja), command(Lang::En));
        let bad: Vec<String> = walk(&ja, &en, "hoshi")
            .into_iter()
            .flat_map(|(path, ja, en)| untranslated(&path, ja, en))
            .collect();
        assert!(bad.is_empty(), "not in Japanese:\n{}", bad.join("\n"));
        // The walk went everywhere: every page, the arguments, clap's own `help` subcommand.
        assert!(walk(&ja, &en, "hoshi").len() > PAGES.len());
    }

    #[test]
    fn the_table_and_the_command_line_match() {
        let en = command(Lang::En);
        let tree = walk(&en, &en, "hoshi");
        let mut bad = Vec::new();
        for (i, page) in PAGES.iter().enumerate() {
            if PAGES[..i].iter().any(|p| p.path == page.path) {
                bad.push(format!("{}: twice in the table", page.path));
            }
            let Some((_, cmd, _)) = tree.iter().find(|(p, ..)| p == page.path) else {
                bad.push(format!("{}: no such command", page.path));
                continue;
            };
            for a in page.args {
                if !cmd.get_arguments().any(|c| c.get_id() == a.id) {
                    bad.push(format!("{}: no argument `{}`", page.path, a.id));
                }
            }
        }
        // Every command but clap's `help` has a page, and every argument but clap's own flags and
        // the global ones (on the `hoshi` page) has a text on its command's page.
        let root = &PAGES[0];
        for (path, cmd, _) in &tree {
            if path.split(' ').any(|w| w == "help") {
                continue;
            }
            let Some(page) = PAGES.iter().find(|p| p.path == path) else {
                bad.push(format!("{path}: no page in the table"));
                continue;
            };
            for a in cmd.get_arguments() {
                let id = a.get_id().as_str();
                let on = if a.is_global_set() { root } else { page };
                if !["help", "version"].contains(&id) && !on.args.iter().any(|h| h.id == id) {
                    bad.push(format!("{path}: no text for `{id}`"));
                }
            }
        }
        assert!(bad.is_empty(), "{}", bad.join("\n"));
    }

    #[test]
    fn english_keeps_clap_s_own_words_and_the_texts_it_had() {
        let en = command(Lang::En);
        let mut out = Vec::new();
        en.clone().write_long_help(&mut out).unwrap();
        let help = String::from_utf8(out).unwrap();
        for s in [
            "hoshi (星): self-assessment, evidence and verifiable results for Japan's",
            "it does not award a star or any",
            "Usage: hoshi [OPTIONS] <COMMAND>",
            "Commands:",
            "List, show, check, compare and import catalogs",
            "Print this message or the help of the given subcommand(s)",
            "Options:",
            "Display language (ja or en)",
            "[env: HOSHI_DATA=",
            "[default: hoshi-data]",
            "Print help (see a summary with '-h')",
            "Print version",
            "Examples:\n  hoshi catalog show scs --level 3",
            "Language: Japanese by default; --lang en or HOSHI_LANG=en for English",
        ] {
            assert!(help.contains(s), "{s:?} not in\n{help}");
        }
        assert!(
            !has_japanese(&help.replace("星", "").replace("SCS評価制度", "")),
            "{help}"
        );
    }

    #[test]
    fn both_trees_pass_clap_s_checks() {
        command(Lang::Ja).debug_assert();
        command(Lang::En).debug_assert();
    }

    #[test]
    fn japanese_lines_fit_and_break_where_japanese_may() {
        let text = "発行元の鍵セット: https://<発行元>/.well-known/hoshi-keys.json、またはそれを保存したファイル。★3・★4 の評価基準（153 件）を取り込みます";
        for width in [20, 30, 44, 70] {
            let lines = wrap(text, width);
            assert_eq!(lines.replace(['\n', ' '], ""), text.replace(' ', ""));
            for l in lines.lines() {
                let long_url = l.contains("well-known");
                assert!(cells(l) <= width || long_url, "{width}: {l:?}");
                assert!(
                    !l.starts_with(['、', '。', '）', '・', ':']),
                    "{width}: {l:?}"
                );
                assert!(!l.ends_with(['（', '★']), "{width}: {l:?}");
            }
            assert!(
                lines.contains("https://<発行元>/.well-known/hoshi-keys.json"),
                "{lines}"
            );
        }
    }

    #[test]
    fn long_examples_continue_before_an_option() {
        let line = "hoshi attest verify result.intoto.json --keys https://hoshi.example.jp/.well-known/hoshi-keys.json --revoked revoked.json";
        let out = example(line, 80);
        assert_eq!(
            out,
            "  hoshi attest verify result.intoto.json \\\n      --keys https://hoshi.example.jp/.well-known/hoshi-keys.json \\\n      --revoked revoked.json"
        );
        assert_eq!(example("hoshi level", 80), "  hoshi level");
        // A shell joins the lines back into the command.
        assert_eq!(out.replace(" \\\n      ", " ").trim_start(), line);
    }
}
