//! Password and account rules; rules for devices and information (with the classification).

use crate::Datum;
use crate::fill::{Cx, clean, dash};

pub(crate) fn accounts(cx: &mut Cx) {
    let company = cx.company();
    let lead = cx.who(Datum::SecurityLead);
    let it = cx.who(Datum::ItContact);
    let leaver = cx.i.rules.leaver_days;
    let months = cx.i.rules.account_review_months as u32;
    let months = cx.rule(months);
    let ja = cx.ja;
    cx.section(
        "purpose",
        "1. 目的と対象",
        "1. Purpose and scope",
        if ja {
            format!(
                "この規程は、{company}の業務で使うパソコン、スマートフォン、サーバ、ネットワーク機器、クラウドサービスのアカウント（ユーザID）とパスワードの扱いを定めます。メンバー全員と、当社の機器やサービスを使う委託先が対象です。"
            )
        } else {
            format!(
                "These rules govern user accounts (IDs) and passwords on the computers, smartphones, servers, network devices and cloud services used in the business of {company}. They apply to all members and to contractors who use our devices or services."
            )
        },
    );
    let leaver_ja = if leaver == 0 {
        "最終日のうちに".to_string()
    } else {
        format!("最終日から{leaver}日以内に")
    };
    let leaver_en = if leaver == 0 {
        "on their last day".to_string()
    } else {
        format!("within {leaver} day(s) of their last day")
    };
    cx.section(
        "ids",
        "2. ユーザIDの発行・変更・削除",
        "2. Creating, changing and removing IDs",
        if ja {
            format!(
                "- ユーザIDは1人に1つ発行し、他の人と共有しません。機器の仕様などでやむを得ず共有IDを使うときは、誰がいつ使ったかを記録して、使った人を特定できるようにします。\n\
                 - IDの発行、権限の変更、削除は、上長が申請し、セキュリティ責任者 {lead} が承認したうえで、IT担当者 {it} が行います。\n\
                 - 退職や契約終了のときは、{leaver_ja}IDを削除または無効にします。異動などで不要になった権限も、すぐに外します。\n\
                 - {months}か月ごとにすべてのIDと権限を棚卸しし、使われていないIDや不要な権限を削除します。"
            )
        } else {
            format!(
                "- Each person gets their own ID; IDs are never shared. Where a device leaves no choice but a shared ID, who used it and when is recorded so that the user can be identified.\n\
                 - IDs are created, changed and removed by the IT contact {it} on a manager's request approved by the security lead {lead}.\n\
                 - When someone leaves or a contract ends, their IDs are removed or disabled {leaver_en}. Access no longer needed after a change of role is removed at once.\n\
                 - Every {months} months all IDs and access rights are reviewed; unused IDs and unneeded rights are removed."
            )
        },
    );
    cx.section(
        "admin",
        "3. 管理者アカウント",
        "3. Administrator accounts",
        if ja {
            "- 管理者権限は、業務で本当に必要な人だけに与えます。\n\
             - 管理者権限を持つ人は、普段の業務用IDとは別の管理者用IDを使い、メールやWeb閲覧には使いません。\n\
             - 管理者IDは共有しません。やむを得ず共有するときは、使った人と日時を記録します。\n\
             - 管理者IDには、その用途に必要な最小限の権限だけを付けます。\n\
             - 誰がどの管理者IDを持っているかは、IT担当者が一覧で管理し、不要になった管理者IDはすぐに削除します。"
                .to_string()
        } else {
            "- Administrator rights are given only to those whose work truly needs them.\n\
             - Administrators use a separate administrator ID, not their everyday ID, and never use it for e-mail or web browsing.\n\
             - Administrator IDs are not shared; where sharing cannot be avoided, who used it and when is recorded.\n\
             - Each administrator ID has only the rights its purpose requires.\n\
             - The IT contact keeps a list of who holds which administrator ID and removes administrator IDs as soon as they are no longer needed."
                .to_string()
        },
    );
    accounts_passwords(cx);
    accounts_mfa(cx);
    accounts_rest(cx);
}

fn accounts_passwords(cx: &mut Cx) {
    let len = cx.i.rules.password_min_len as u32;
    let len = cx.rule(len);
    let body = if cx.ja {
        format!(
            "- パスワードは{len}文字以上にします。覚えやすい複数の単語をつなげた長い文にすると、強くて忘れにくくなります。\n\
             - 名前、誕生日、会社名、「password」、「123456」、キーボードの並びなど、推測されやすいものは使いません。\n\
             - 機器やサービスに最初から設定されている初期パスワードは、使い始める前に必ず変更します。\n\
             - 機器やサービスごとに別々のパスワードにし、使い回しをしません。\n\
             - パソコンのログオンとスマートフォンのロック解除には、6文字以上のパスワードまたはPINを設定し、10回続けて失敗したらロックされる（または待ち時間が延びる）設定にします。"
        )
    } else {
        format!(
            "- Passwords are at least {len} characters long. A long phrase of several unrelated words is both strong and easy to remember.\n\
             - Nothing easy to guess: no names, birthdays, the company name, \"password\", \"123456\" or keyboard patterns.\n\
             - Default passwords set by the maker or provider are changed before a device or service is first used.\n\
             - Every device and service gets its own password; passwords are never reused.\n\
             - Computer logons and smartphone unlocks use a password or PIN of at least 6 characters and lock (or make the user wait longer) after 10 failed attempts in a row."
        )
    };
    cx.section(
        "passwords",
        "4. パスワードの決め方",
        "4. Choosing passwords",
        body,
    );
}

fn accounts_mfa(cx: &mut Cx) {
    let required = cx.i.rules.mfa_required;
    let mut body = match (cx.ja, required) {
        (true, true) => "多要素認証（パスワードに加えて、認証アプリ、ワンタイムパスワード、セキュリティキー、生体認証などを組み合わせる方法）が使えるサービスでは、必ず有効にします。特に、重要な機密情報を扱うクラウドサービスと、社外から社内へ入るリモートアクセスでは例外を認めません。",
        (true, false) => "重要な機密情報を扱うクラウドサービスと、社外から社内へ入るリモートアクセスでは、多要素認証（パスワードに加えて、認証アプリ、ワンタイムパスワード、セキュリティキーなどを組み合わせる方法）を必ず有効にします。その他のサービスでも、できる限り有効にします。",
        (false, true) => "Multi-factor authentication (a password combined with an authenticator app, one-time code, security key or biometrics) is switched on wherever a service offers it. There are no exceptions for cloud services holding important confidential information or for remote access into our network.",
        (false, false) => "Multi-factor authentication (a password combined with an authenticator app, one-time code or security key) is always switched on for cloud services holding important confidential information and for remote access into our network, and wherever else it is practical.",
    }
    .to_string();
    body.push_str(if cx.ja {
        "\n\n当社が利用している主なサービス：\n\n| サービス | 用途 | 管理者 |\n|---|---|---|"
    } else {
        "\n\nMain services we use:\n\n| Service | Used for | Administrator |\n|---|---|---|"
    });
    let services: Vec<_> =
        cx.i.services
            .iter()
            .filter(|s| !clean(&s.name).is_empty())
            .collect();
    if services.is_empty() {
        let m = cx.miss(Datum::Services);
        body.push_str(&format!("\n| {m} |  |  |"));
    }
    let rows = services
        .into_iter()
        .map(|s| {
            format!(
                "\n| {} | {} | {} |",
                clean(&s.name),
                dash(&s.purpose),
                dash(&s.owner)
            )
        })
        .collect();
    cx.rows(&mut body, rows);
    cx.section(
        "mfa",
        "5. 多要素認証",
        "5. Multi-factor authentication",
        body,
    );
}

fn accounts_rest(cx: &mut Cx) {
    let lock = cx.i.rules.lock_minutes as u32;
    let lock = cx.rule(lock);
    let it = cx.who(Datum::ItContact);
    let ja = cx.ja;
    cx.section(
        "lock",
        "6. 画面のロック",
        "6. Screen lock",
        if ja {
            format!(
                "席を離れるときは、必ず画面をロックします。操作しないまま{lock}分たつと自動でロックされるように設定します。"
            )
        } else {
            format!(
                "Lock the screen whenever you leave your desk. Devices lock automatically after {lock} minutes without use."
            )
        },
    );
    cx.section(
        "storage",
        "7. パスワードの保管",
        "7. Keeping passwords safe",
        if ja {
            "- パスワードは、会社が認めたパスワード管理アプリに保管します。紙に書く場合は、鍵のかかる引き出しなどに保管します。\n\
             - 付箋に書いて機器に貼ったり、メールやチャットでそのまま送ったりしません。\n\
             - 他の人にパスワードを教えません。IT担当者や上司を名乗る人から聞かれても教えません。"
                .to_string()
        } else {
            "- Keep passwords in a password manager the Company has approved; if written on paper, keep it in a locked drawer.\n\
             - Never stick passwords on a device or send them as plain text by e-mail or chat.\n\
             - Never tell anyone your password — not even someone claiming to be from IT or your manager."
                .to_string()
        },
    );
    cx.section(
        "leak",
        "8. パスワードが漏れたとき",
        "8. When a password may have leaked",
        if ja {
            format!(
                "1. 漏れた、または漏れたかもしれないと気づいたら、すぐにIT担当者 {it} に知らせます。\n\
                 2. そのパスワードをただちに変更します。同じパスワードを使っていた他のサービスがあれば、それも変更します。\n\
                 3. 多要素認証の設定と、最近のログイン履歴を確かめます。\n\
                 4. 身に覚えのないログインがあれば、インシデント対応手順書に従って報告します。\n\
                 5. 管理者のパスワードの場合は、ファイアウォールやルータなど関係する機器のパスワードも変更します。"
            )
        } else {
            format!(
                "1. As soon as you know or suspect that a password has leaked, tell the IT contact {it}.\n\
                 2. Change that password at once, and on any other service where the same password was used.\n\
                 3. Check the multi-factor settings and the recent sign-in history.\n\
                 4. If there are sign-ins you do not recognise, report them under the incident response procedure.\n\
                 5. For an administrator password, also change the passwords of related devices such as firewalls and routers."
            )
        },
    );
    cx.section(
        "awareness",
        "9. 周知",
        "9. Making the rules known",
        if ja {
            "この規程は、入社時と毎年1回、また改定したときにメンバー全員に知らせ、各自が読んだことを確認します。".to_string()
        } else {
            "Every member is told about these rules on joining, once a year and after every amendment, and confirms having read them.".to_string()
        },
    );
}

/// The classification levels, highest first, and how each is handled.
fn classes(cx: &Cx) -> Vec<String> {
    let v: Vec<String> =
        cx.i.rules
            .classes
            .iter()
            .map(|c| clean(c))
            .filter(|c| !c.is_empty())
            .take(10)
            .collect();
    if !v.is_empty() {
        return v;
    }
    if cx.ja {
        vec!["極秘".into(), "社外秘".into(), "公開".into()]
    } else {
        vec![
            "Strictly confidential".into(),
            "Internal".into(),
            "Public".into(),
        ]
    }
}

/// Handling of a level: 0 highest, 1 internal, 2 public.
fn handling(ja: bool, level: usize) -> [&'static str; 5] {
    match (ja, level) {
        (true, 0) => [
            "お客様から預かった図面や仕様、個人情報、価格・原価、パスワード",
            "表紙やファイル名に区分を表示",
            "アクセスできる人を限った場所に保管し、紙は施錠保管",
            "暗号化して送り、宛先を二人で確認。持ち出しは責任者の許可制",
            "シュレッダーまたは溶解処理、データは復元できない方法で消去",
        ],
        (true, 1) => [
            "社内の手順書、議事録、取引先の一覧",
            "必要に応じて区分を表示",
            "社内の共有フォルダ・社内のサービスに保管",
            "社外へは業務に必要な相手にだけ送る",
            "シュレッダー、データは削除",
        ],
        (true, _) => [
            "ホームページ、カタログ、公表済みの資料",
            "表示は不要",
            "制限なし",
            "制限なし",
            "通常の廃棄",
        ],
        (false, 0) => [
            "Customers' drawings and specifications, personal data, prices and costs, passwords",
            "Mark the class on the cover or in the file name",
            "Only where access is limited to named people; paper locked away",
            "Encrypted, recipient checked by two people; taken out only with the lead's permission",
            "Shredded or pulped; data erased so it cannot be recovered",
        ],
        (false, 1) => [
            "Internal procedures, minutes, lists of partners",
            "Mark the class where useful",
            "Company shared folders and services",
            "Outside only to those who need it for the work",
            "Shredded; data deleted",
        ],
        (false, _) => [
            "Website, catalogues, published material",
            "No mark needed",
            "No restriction",
            "No restriction",
            "Normal disposal",
        ],
    }
}

pub(crate) fn devices(cx: &mut Cx) {
    let company = cx.company();
    let ja = cx.ja;
    cx.section(
        "purpose",
        "1. 目的",
        "1. Purpose",
        if ja {
            format!(
                "この規程は、{company}の情報を重要度に応じて分類して扱い、情報を扱うパソコンなどの機器を安全に管理するためのルールを定めます。メンバー全員が対象です。"
            )
        } else {
            format!(
                "These rules classify the information of {company} by its importance, say how each class is handled, and keep the devices that handle it safe. They apply to all members."
            )
        },
    );
    devices_classes(cx);
    devices_register(cx);
    devices_rules(cx);
    devices_assets(cx);
    devices_media(cx);
}

fn devices_classes(cx: &mut Cx) {
    let ja = cx.ja;
    let classes = classes(cx);
    let n = classes.len();
    let mut body = if ja {
        "情報を作った人、または受け取った人が区分を決めます。迷ったときは上の区分として扱います。\n\n\
         | 区分 | 主な情報 | 表示 | 保管 | 送付・持出し | 廃棄 |\n|---|---|---|---|---|---|"
            .to_string()
    } else {
        "Whoever creates or receives information decides its class; when unsure, use the higher class.\n\n\
         | Class | Typical information | Marking | Storage | Sending and taking out | Disposal |\n|---|---|---|---|---|---|"
            .to_string()
    };
    for (i, c) in classes.iter().enumerate() {
        let level = if i == 0 {
            0
        } else if i + 1 == n {
            2
        } else {
            1
        };
        let h = handling(ja, level);
        body.push_str(&format!(
            "\n| {c} | {} | {} | {} | {} | {} |",
            h[0], h[1], h[2], h[3], h[4]
        ));
    }
    let top = &classes[0];
    body.push_str(&if ja {
        format!(
            "\n\n## 取り扱う場所\n\
             「{top}」の情報は、関係者以外が立ち入らない執務エリアでだけ扱い、来客スペースや社外の人目のある場所では画面や書類を広げません。サーバや書類の保管庫がある場所は施錠し、入れる人を限ります。"
        )
    } else {
        format!(
            "\n\n## Where information is handled\n\
             \"{top}\" information is handled only in work areas closed to visitors; screens and papers are not opened in visitor areas or in public. Rooms with servers or document cabinets are locked and open only to named people."
        )
    });
    cx.section(
        "classes",
        "2. 情報の分類と取扱い",
        "2. Classes of information and their handling",
        body,
    );
}

fn devices_register(cx: &mut Cx) {
    let lead = cx.who(Datum::SecurityLead);
    let body = if cx.ja {
        format!(
            "重要な機密情報は、次の台帳で管理します。台帳はセキュリティ責任者 {lead} が管理し、年に1回以上見直します。\n\n\
             | 情報の名称 | 管理者 | 部署 | 保管場所 | 保管期限 | 開示先 | 管理者の連絡先 |\n|---|---|---|---|---|---|---|\n\
             |  |  |  |  |  |  |  |\n|  |  |  |  |  |  |  |"
        )
    } else {
        format!(
            "Important confidential information is recorded in the register below, kept by the security lead {lead} and reviewed at least once a year.\n\n\
             | Information | Owner | Department | Stored at | Kept until | Shared with | Owner's contact |\n|---|---|---|---|---|---|---|\n\
             |  |  |  |  |  |  |  |\n|  |  |  |  |  |  |  |"
        )
    };
    cx.section(
        "register",
        "3. 重要な機密情報の台帳",
        "3. Register of important confidential information",
        body,
    );
}

fn devices_rules(cx: &mut Cx) {
    let it = cx.who(Datum::ItContact);
    let body = if cx.ja {
        format!(
            "- 機器を新しく使い始めるときは、IT担当者 {it} の承認を得て、機器の一覧に登録します。\n\
             - 社内のネットワークには、会社が認めた機器だけをつなぎます。私物の機器はつなぎません。\n\
             - ソフトウェアは、会社が認めたものだけを入れます。不要になったソフトウェアは削除します。\n\
             - OSやソフトウェアの自動更新を有効にします。重大な脆弱性を直す更新は、公開から14日以内に適用します。すぐに適用できないときは、回避策をとるか、その機器をネットワークから切り離します。\n\
             - メーカーのサポートが終わった機器やソフトウェアは使い続けません。\n\
             - すべてのパソコンとサーバにウイルス対策ソフトを入れ、定義ファイルを最新に保ちます。\n\
             - このルールが守られているかを、年に1回以上点検します。"
        )
    } else {
        format!(
            "- New devices are put into use only with the approval of the IT contact {it} and are added to the device list.\n\
             - Only devices the Company has approved are connected to our network; personal devices are not.\n\
             - Only software the Company has approved is installed; software no longer needed is removed.\n\
             - Automatic updates are on for operating systems and software. Updates that fix serious vulnerabilities are applied within 14 days of release; where that is not possible, a workaround is applied or the device is taken off the network.\n\
             - Devices and software whose vendor support has ended are not kept in use.\n\
             - Every computer and server runs malware protection with current signatures.\n\
             - Compliance with these rules is checked at least once a year."
        )
    };
    cx.section(
        "devices",
        "4. 機器とソフトウェアの管理",
        "4. Managing devices and software",
        body,
    );
}

fn devices_assets(cx: &mut Cx) {
    let mut body = if cx.ja {
        "| 管理番号 | 名称 | 種類 | 管理者 | 設置・保管場所 |\n|---|---|---|---|---|".to_string()
    } else {
        "| No. | Name | Kind | Owner | Location |\n|---|---|---|---|---|".to_string()
    };
    let assets: Vec<_> =
        cx.i.assets
            .iter()
            .filter(|a| !clean(&a.name).is_empty())
            .collect();
    if assets.is_empty() {
        let m = cx.miss(Datum::Assets);
        body.push_str(&format!("\n|  | {m} |  |  |  |"));
    }
    let rows = assets
        .into_iter()
        .map(|a| {
            format!(
                "\n| {} | {} | {} | {} | {} |",
                dash(&a.number),
                clean(&a.name),
                dash(&a.kind),
                dash(&a.owner),
                dash(&a.place)
            )
        })
        .collect();
    cx.rows(&mut body, rows);
    cx.section(
        "assets",
        "5. 機器・情報資産の一覧",
        "5. List of devices and information assets",
        body,
    );
}

fn devices_media(cx: &mut Cx) {
    let lead = cx.who(Datum::SecurityLead);
    let it = cx.who(Datum::ItContact);
    let ja = cx.ja;
    cx.section(
        "media",
        "6. USBメモリなどの外部記録媒体",
        "6. USB sticks and other removable media",
        if ja {
            "- 外部記録媒体は、会社が支給したものだけを使います。\n\
             - パソコンでは、媒体をつないだときの自動実行・自動再生を無効にします。\n\
             - 最も重要な区分の情報を媒体に入れるのは、責任者の許可を得た場合だけとし、必ず暗号化します。\n\
             - 使い終わったデータは媒体から消去します。拾った媒体や出どころの分からない媒体はつなぎません。"
                .to_string()
        } else {
            "- Use only removable media issued by the Company.\n\
             - Auto-run and auto-play are switched off on every computer.\n\
             - Information of the highest class goes on removable media only with the lead's permission, and always encrypted.\n\
             - Delete data from the media once it is no longer needed. Never connect media you found or whose origin you do not know."
                .to_string()
        },
    );
    cx.section(
        "lost",
        "7. 持ち出しと紛失・盗難",
        "7. Taking devices out; loss and theft",
        if ja {
            format!(
                "- 社外へ持ち出すパソコンやスマートフォンは、画面ロックと暗号化を設定しておきます。電車や飲食店に置いたまま離れません。\n\
                 - 紛失や盗難に気づいたら、すぐにIT担当者 {it} とセキュリティ責任者 {lead} に知らせます。IT担当者は遠隔ロックやデータの消去、関係するパスワードの変更を行います。\n\
                 - 紛失や盗難はインシデントとして扱い、インシデント対応手順書に従って記録します。"
            )
        } else {
            format!(
                "- Computers and smartphones taken out of the office have screen lock and encryption set up, and are never left unattended on trains or in restaurants.\n\
                 - Report a loss or theft at once to the IT contact {it} and the security lead {lead}. The IT contact locks or wipes the device remotely and changes the passwords concerned.\n\
                 - A loss or theft is an incident and is recorded under the incident response procedure."
            )
        },
    );
    cx.section(
        "disposal",
        "8. 廃棄",
        "8. Disposal",
        if ja {
            "- 紙の資料は、区分に応じてシュレッダーにかけるか、溶解処理を委託します。\n\
             - 機器を捨てたり返却したりするときは、専用のソフトでデータを消去するか、記憶装置を物理的に壊します。業者に頼むときは消去証明書を受け取ります。\n\
             - 廃棄した機器は一覧から外し、廃棄の日と方法を記録します。"
                .to_string()
        } else {
            "- Paper is shredded or sent for pulping according to its class.\n\
             - Before a device is thrown away or returned, its data is erased with dedicated software or its storage is physically destroyed; a contractor doing this provides a certificate of erasure.\n\
             - Disposed devices are removed from the list, with the date and method recorded."
                .to_string()
        },
    );
    cx.section(
        "review",
        "9. 見直し",
        "9. Review",
        if ja {
            "この規程と分類は年に1回以上見直します。メンバー全員に周知し、各自が読んだことを確認します。".to_string()
        } else {
            "These rules and the classes are reviewed at least once a year, made known to every member, and each member confirms having read them.".to_string()
        },
    );
}
