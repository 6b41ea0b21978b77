//! Findings for SCS ★3 4-3-4-1 (backups by a policy), 4-3-4-2 (an off-site copy) and 4-3-4-3
//! (a restore procedure, shown by the last restore test), and the messages of errors and
//! problems in Japanese and English.

use hoshi_core::{Lang, Status};
use serde::Serialize;

use crate::{BackupError, Policy, Problem, Verification};

/// A title and what to do.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Text {
    pub title: String,
    pub advice: String,
}

/// One finding with the criteria it informs and a suggested status.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Finding {
    pub criteria: Vec<&'static str>,
    pub status: Status,
    pub ja: Text,
    pub en: Text,
}

impl Finding {
    pub fn text(&self, lang: Lang) -> &Text {
        match lang {
            Lang::Ja => &self.ja,
            Lang::En => &self.en,
        }
    }

    fn new(criterion: &'static str, status: Status, ja: [String; 2], en: [String; 2]) -> Finding {
        let [jt, ja_advice] = ja;
        let [et, en_advice] = en;
        Finding {
            criteria: vec![criterion],
            status,
            ja: Text {
                title: jt,
                advice: ja_advice,
            },
            en: Text {
                title: et,
                advice: en_advice,
            },
        }
    }
}

fn pick(lang: Lang, ja: String, en: String) -> String {
    match lang {
        Lang::Ja => ja,
        Lang::En => en,
    }
}

fn days(d: f64) -> String {
    if d.is_finite() {
        format!("{d:.1}")
    } else {
        "?".into()
    }
}

/// Bytes in the unit a reader expects (KB, MB, GB; 1000-based as file managers show).
/// Bytes in decimal units, as every message of this crate writes them.
pub fn size(b: u64) -> String {
    let f = b as f64;
    if b < 1000 {
        format!("{b} B")
    } else if f < 1e6 {
        format!("{:.1} KB", f / 1e3)
    } else if f < 1e9 {
        format!("{:.1} MB", f / 1e6)
    } else {
        format!("{:.2} GB", f / 1e9)
    }
}

fn short(id: &str) -> &str {
    id.get(..8).unwrap_or(id)
}

pub(crate) fn error_message(e: &BackupError, lang: Lang) -> String {
    match e {
        BackupError::ResticNotFound { program } => pick(
            lang,
            format!(
                "restic プログラム（{program}）が見つかりません。サーバーに restic をインストールしてください（Debian / Ubuntu では apt-get install restic）。"
            ),
            format!(
                "The restic program ({program}) was not found. Install restic on the server (apt-get install restic on Debian or Ubuntu)."
            ),
        ),
        BackupError::PasswordUnavailable { source_name } => pick(
            lang,
            format!(
                "リポジトリのパスワードを {source_name} から読み取れません。環境変数またはパスワードファイルの設定を確認してください。"
            ),
            format!(
                "The repository password cannot be read from {source_name}. Check the environment variable or password file."
            ),
        ),
        BackupError::WrongPassword => pick(
            lang,
            "リポジトリのパスワードが正しくありません。保管しているパスワードが、このリポジトリのものか確認してください。パスワードがなければバックアップは復元できません。".into(),
            "The repository password is wrong. Check that the stored password belongs to this repository; without it the backup cannot be restored.".into(),
        ),
        BackupError::NotARepository { detail } => pick(
            lang,
            format!(
                "指定された場所に restic リポジトリがありません。場所の指定とバックアップ先の状態を確認してください。（{detail}）"
            ),
            format!(
                "There is no restic repository at the given location. Check the location and the backup destination. ({detail})"
            ),
        ),
        BackupError::Timeout { step, seconds } => pick(
            lang,
            format!(
                "{}が {seconds} 秒以内に終わらなかったため中断しました。回線やストレージの状態を確認するか、制限時間を延ばしてください。",
                step.label(Lang::Ja)
            ),
            format!(
                "The {} did not finish within {seconds} s and was stopped. Check the network or storage, or allow more time.",
                step.label(Lang::En)
            ),
        ),
        BackupError::OutputTooLarge { step, limit } => pick(
            lang,
            format!(
                "{}の出力が上限（{}）を超えたため中断しました。",
                step.label(Lang::Ja),
                size(*limit as u64)
            ),
            format!(
                "The output of the {} exceeded the limit ({}) and it was stopped.",
                step.label(Lang::En),
                size(*limit as u64)
            ),
        ),
        BackupError::Restic { step, code, detail } => pick(
            lang,
            format!(
                "{}で restic がエラーを返しました（終了コード {}）：{detail}",
                step.label(Lang::Ja),
                code.map_or("?".into(), |c| c.to_string())
            ),
            format!(
                "restic failed during the {} (exit code {}): {detail}",
                step.label(Lang::En),
                code.map_or("?".into(), |c| c.to_string())
            ),
        ),
        BackupError::Parse { step, detail } => pick(
            lang,
            format!(
                "{}で restic の出力を読み取れませんでした：{detail}",
                step.label(Lang::Ja)
            ),
            format!(
                "restic's output could not be read during the {}: {detail}",
                step.label(Lang::En)
            ),
        ),
        BackupError::Io { step, detail } => pick(
            lang,
            format!("{}で入出力エラーが発生しました：{detail}", step.label(Lang::Ja)),
            format!("I/O error during the {}: {detail}", step.label(Lang::En)),
        ),
    }
}

fn packs(p: &[String]) -> String {
    if p.is_empty() {
        return "?".into();
    }
    let mut s: Vec<&str> = p.iter().take(3).map(|x| short(x)).collect();
    if p.len() > 3 {
        s.push("…");
    }
    s.join(", ")
}

pub(crate) fn problem_message(p: &Problem, lang: Lang) -> String {
    match p {
        Problem::Empty => pick(
            lang,
            "リポジトリにスナップショットが一つもありません。バックアップが実行されていません。".into(),
            "The repository holds no snapshots: no backup has been made.".into(),
        ),
        Problem::MissingPack { packs: p } => pick(
            lang,
            format!(
                "データを収めたパックファイルが {} 個失われています（{}）。一部のファイルは復元できません。",
                p.len(),
                packs(p)
            ),
            format!(
                "{} pack file(s) holding data are missing ({}); some files cannot be restored.",
                p.len(),
                packs(p)
            ),
        ),
        Problem::CorruptPack { packs: p } => pick(
            lang,
            format!(
                "パックファイルの内容が壊れているか改ざんされています（{}）。一部のファイルは正しく復元できません。",
                packs(p)
            ),
            format!(
                "Pack files are corrupted or tampered with ({}); some files cannot be restored correctly.",
                packs(p)
            ),
        ),
        Problem::MissingIndex => pick(
            lang,
            "インデックスが失われているか壊れており、スナップショットに必要なデータを見つけられません。".into(),
            "The index is missing or damaged: data the snapshots need cannot be found.".into(),
        ),
        Problem::CheckFailed { detail } => pick(
            lang,
            format!("リポジトリの整合性チェックでエラーが見つかりました：{detail}"),
            format!("The repository check found errors: {detail}"),
        ),
        Problem::TooOld { path, age_days } => pick(
            lang,
            format!(
                "{path} の最新のバックアップは {} 日前で、方針で定めた間隔を超えています。",
                days(*age_days)
            ),
            format!(
                "The newest backup of {path} is {} days old, older than the policy allows.",
                days(*age_days)
            ),
        ),
        Problem::NotCovered { path } => pick(
            lang,
            format!("{path} はどのスナップショットにも含まれていません。"),
            format!("{path} is in no snapshot."),
        ),
        Problem::RestoreFailed { failed, sampled } => pick(
            lang,
            format!("復元テストで {sampled} ファイル中 {failed} ファイルを正しく復元できませんでした。"),
            format!("The restore test could not restore {failed} of {sampled} files intact."),
        ),
        Problem::NoOffsiteCopy => pick(
            lang,
            "2つ目のリポジトリに、方針の期間内のコピーがありません。".into(),
            "The second repository holds no copy within the policy's period.".into(),
        ),
    }
}

fn joined(v: &Verification, lang: Lang, keep: impl Fn(&Problem) -> bool) -> String {
    v.problems
        .iter()
        .filter(|p| keep(p))
        .map(|p| p.message(lang))
        .collect::<Vec<_>>()
        .join(match lang {
            Lang::Ja => "",
            Lang::En => " ",
        })
}

fn policy_finding(v: &Verification, policy: &Policy) -> Finding {
    let structural = |p: &Problem| {
        matches!(
            p,
            Problem::Empty
                | Problem::MissingPack { .. }
                | Problem::CorruptPack { .. }
                | Problem::MissingIndex
                | Problem::CheckFailed { .. }
        )
    };
    let dated = |p: &Problem| matches!(p, Problem::TooOld { .. } | Problem::NotCovered { .. });
    let max = days(policy.max_age_days);
    if v.problems.iter().any(|p| structural(p) || dated(p)) {
        let fresh = v.groups.iter().any(|g| g.within_policy);
        let status = if v.snapshot_count == 0 || !fresh || v.problems.iter().any(structural) {
            Status::NotMet
        } else {
            Status::Partial
        };
        let keep = |p: &Problem| structural(p) || dated(p);
        return Finding::new(
            "4-3-4-1",
            status,
            [
                format!("バックアップが方針（{max} 日以内）どおりに取れていません"),
                format!(
                    "{}バックアップの設定と実行結果を確認し、完了後にもう一度検証してください。",
                    joined(v, Lang::Ja, keep)
                ),
            ],
            [
                format!("Backups do not follow the policy (at most {max} days old)"),
                format!(
                    "{} Check the backup job and its results, then verify again.",
                    joined(v, Lang::En, keep)
                ),
            ],
        );
    }
    let newest = v
        .groups
        .iter()
        .map(|g| g.newest_age_days)
        .fold(f64::INFINITY, f64::min);
    let n = v.groups.len();
    Finding::new(
        "4-3-4-1",
        Status::Met,
        [
            format!("バックアップは方針（{max} 日以内）どおりに取れています"),
            format!(
                "{n} 系統のスナップショットが {} 件あり、最新は {} 日前です。リポジトリの整合性チェックでもエラーはありませんでした。",
                v.snapshot_count,
                days(newest)
            ),
        ],
        [
            format!("Backups follow the policy (at most {max} days old)"),
            format!(
                "{} snapshots in {n} series, the newest {} days old; the repository check found no errors.",
                v.snapshot_count,
                days(newest)
            ),
        ],
    )
}

fn offsite_finding(v: &Verification) -> Finding {
    let Some(o) = &v.offsite else {
        return Finding::new(
            "4-3-4-2",
            Status::Unanswered,
            [
                "オフサイトコピーは確認していません".into(),
                "別の場所に置いた2つ目のリポジトリ（restic copy の複製先など）を登録すると、重要データの遠隔地保管を確認できます。".into(),
            ],
            [
                "The off-site copy was not checked".into(),
                "Register a second repository kept elsewhere (e.g. the target of restic copy) to check the off-site copy of important data.".into(),
            ],
        );
    };
    if let Some(e) = &o.error {
        return Finding::new(
            "4-3-4-2",
            Status::NotMet,
            [
                "オフサイトのリポジトリを読み取れません".into(),
                e.message(Lang::Ja),
            ],
            [
                "The off-site repository cannot be read".into(),
                e.message(Lang::En),
            ],
        );
    }
    match (o.within_policy, o.newest_age_days) {
        (true, Some(age)) => {
            let (ja, en) = if o.same_tree_as_newest {
                (
                    "最新のスナップショットと同じ内容です。",
                    "It holds the same tree as the newest snapshot.",
                )
            } else {
                ("", "")
            };
            Finding::new(
                "4-3-4-2",
                Status::Met,
                [
                    "オフサイトにバックアップのコピーがあります".into(),
                    format!(
                        "{} の最新のコピーは {} 日前です。{ja}",
                        o.location,
                        days(age)
                    ),
                ],
                [
                    "An off-site copy of the backup exists".into(),
                    format!(
                        "The newest copy in {} is {} days old. {en}",
                        o.location,
                        days(age)
                    ),
                ],
            )
        }
        _ => Finding::new(
            "4-3-4-2",
            Status::NotMet,
            [
                "オフサイトに新しいコピーがありません".into(),
                format!(
                    "{} には、同じホストと対象パスの、方針の期間内のスナップショットがありません。restic copy などで定期的に複製してください。",
                    o.location
                ),
            ],
            [
                "No recent off-site copy".into(),
                format!(
                    "{} holds no snapshot of the same host and paths within the policy's period. Copy regularly, e.g. with restic copy.",
                    o.location
                ),
            ],
        ),
    }
}

fn restore_finding(v: &Verification) -> Finding {
    let Some(r) = &v.restore else {
        return Finding::new(
            "4-3-4-3",
            Status::Unanswered,
            [
                "復元テストは行っていません".into(),
                "復元できるスナップショットがないか、復元テストを省略しました。".into(),
            ],
            [
                "No restore test was made".into(),
                "There is no snapshot to restore from, or the restore test was skipped.".into(),
            ],
        );
    };
    let secs = r.total_ms as f64 / 1000.0;
    if r.passed() && r.sampled > 0 {
        return Finding::new(
            "4-3-4-3",
            Status::Met,
            [
                "復元テストに成功しました".into(),
                format!(
                    "スナップショット {} から {} ファイル（{}）を復元し、すべての内容がスナップショットのハッシュと一致しました（{secs:.1} 秒）。この結果を復元手順書の最終復元テストとして記録してください。",
                    short(&r.snapshot_id),
                    r.verified_files,
                    size(r.verified_bytes)
                ),
            ],
            [
                "The restore test succeeded".into(),
                format!(
                    "{} files ({}) restored from snapshot {}; every one matched the snapshot's hashes ({secs:.1} s). Record this as the last restore test in the restore procedure.",
                    r.verified_files,
                    size(r.verified_bytes),
                    short(&r.snapshot_id)
                ),
            ],
        );
    }
    let (ja, en) = match &r.error {
        Some(e) => (e.message(Lang::Ja), e.message(Lang::En)),
        None if r.sampled == 0 => (
            "最新のスナップショットに復元できるファイルがありません。".into(),
            "The newest snapshot holds no file to restore.".into(),
        ),
        None => (
            format!(
                "{} ファイル中 {} ファイルを正しく復元できませんでした。",
                r.sampled,
                r.failed()
            ),
            format!(
                "{} of {} files could not be restored intact.",
                r.failed(),
                r.sampled
            ),
        ),
    };
    Finding::new(
        "4-3-4-3",
        Status::NotMet,
        [
            "復元テストに失敗しました".into(),
            format!(
                "{ja}リポジトリを修復するか、新しいバックアップを取ってから再度テストしてください。"
            ),
        ],
        [
            "The restore test failed".into(),
            format!("{en} Repair the repository or make a new backup, then test again."),
        ],
    )
}

pub(crate) fn findings(v: &Verification, policy: &Policy) -> Vec<Finding> {
    vec![
        policy_finding(v, policy),
        offsite_finding(v),
        restore_finding(v),
    ]
}
