//! The backup and restore procedure: one sub-section per backup target.

use crate::fill::{Cx, MAX_ROWS, MAX_TARGETS, clean, dash};
use crate::{BackupLine, Datum};

pub(crate) fn backup(cx: &mut Cx) {
    let company = cx.company();
    let it = cx.who(Datum::ItContact);
    let years = cx.i.rules.retention_years as u32;
    let years = cx.rule(years);
    let ja = cx.ja;
    cx.section(
        "purpose",
        "1. 目的",
        "1. Purpose",
        if ja {
            format!(
                "ランサムウェア、機器の故障、誤操作などでデータを失っても、{company}が業務を再開できるように、バックアップの取り方と元に戻す手順を対象ごとに定めます。バックアップの運用と復元は、IT担当者 {it} が受け持ちます。"
            )
        } else {
            format!(
                "So that {company} can resume work after losing data to ransomware, hardware failure or a mistake, this procedure sets, for each target, how backups are taken and how they are restored. The IT contact {it} runs the backups and restores."
            )
        },
    );
    cx.section(
        "rules",
        "2. 基本のルール",
        "2. Basic rules",
        if ja {
            format!(
                "- 対象ごとに、何を、どこへ、どの頻度で取るかを決め、下の一覧と各対象の節に書きます。\n\
                 - 過去の状態に戻れるように、複数の世代を残します。\n\
                 - 重要な機密情報を含む対象は、社内とは別の場所（遠隔地やクラウド）にもコピーを置きます。\n\
                 - 少なくとも1つのコピーは、普段のネットワークから切り離すか、後から書き換えられない形で保管し、ランサムウェアに一緒に暗号化されないようにします。\n\
                 - バックアップが成功しているかを、IT担当者が毎週確かめます。\n\
                 - バックアップの記録と復元テストの記録は{years}年間保管します。"
            )
        } else {
            format!(
                "- For each target we decide what is copied, where to and how often, and write it in the list below and in the target's section.\n\
                 - Several generations are kept so that we can go back to an earlier state.\n\
                 - Targets holding important confidential information are also copied to a second site (off-site or cloud).\n\
                 - At least one copy is kept disconnected from the everyday network or in a form that cannot be changed afterwards, so ransomware cannot encrypt it too.\n\
                 - The IT contact checks every week that backups succeed.\n\
                 - Backup logs and restore-test records are kept for {years} years."
            )
        },
    );
    overview(cx);
    let targets: Vec<BackupLine> =
        cx.i.backups
            .iter()
            .filter(|b| !clean(&b.name).is_empty())
            .take(MAX_TARGETS)
            .cloned()
            .collect();
    if targets.is_empty() {
        let m = cx.miss(Datum::Backups);
        let body = if cx.ja {
            format!("バックアップの対象を登録すると、ここに対象ごとの手順が入ります：{m}")
        } else {
            format!("Once backup targets are entered, each gets its own procedure here: {m}")
        };
        cx.section(
            "target-1",
            "4. 対象ごとの手順",
            "4. Procedure per target",
            body,
        );
    }
    for (n, b) in targets.iter().enumerate() {
        target(cx, n + 1, b);
    }
    closing(cx);
}

fn overview(cx: &mut Cx) {
    let mut body = if cx.ja {
        "| 対象 | 内容 | 保管先 | 頻度 |\n|---|---|---|---|".to_string()
    } else {
        "| Target | What | Kept at | How often |\n|---|---|---|---|".to_string()
    };
    let rows: Vec<String> =
        cx.i.backups
            .iter()
            .filter(|b| !clean(&b.name).is_empty())
            .take(MAX_ROWS)
            .map(|b| {
                format!(
                    "\n| {} | {} | {} | {} |",
                    clean(&b.name),
                    dash(&b.what),
                    dash(&b.place),
                    dash(&b.schedule)
                )
            })
            .collect();
    if rows.is_empty() {
        let m = cx.miss(Datum::Backups);
        body.push_str(&format!("\n| {m} |  |  |  |"));
    }
    body.extend(rows);
    cx.section(
        "overview",
        "3. バックアップ対象の一覧",
        "3. Backup targets",
        body,
    );
}

/// The restore steps written by the company, one a line, without their own numbering.
fn own_steps(restore: &str) -> Vec<String> {
    restore
        .lines()
        .map(|l| {
            let t = l.trim();
            let t = t.strip_prefix("- ").unwrap_or(t);
            let digits = t.chars().take_while(|c| c.is_ascii_digit()).count();
            let rest = &t[digits..];
            let rest = if digits > 0 {
                rest.strip_prefix(". ")
                    .or_else(|| rest.strip_prefix('.'))
                    .or_else(|| rest.strip_prefix(')'))
                    .unwrap_or(rest)
            } else {
                rest
            };
            clean(rest)
        })
        .filter(|s| !s.is_empty())
        .take(40)
        .collect()
}

fn target(cx: &mut Cx, n: usize, b: &BackupLine) {
    let name = clean(&b.name);
    let steps = own_steps(&b.restore);
    let (what, place, when) = (dash(&b.what), dash(&b.place), dash(&b.schedule));
    let mut body = if cx.ja {
        format!("- 内容：{what}\n- 保管先：{place}\n- 頻度：{when}\n\n## 復元の手順")
    } else {
        format!("- What: {what}\n- Kept at: {place}\n- How often: {when}\n\n## Restore steps")
    };
    let mut lines: Vec<String> = if cx.ja {
        vec![
            "復元が必要な範囲（どのデータを、いつの時点まで戻すか）を確かめ、セキュリティ責任者に伝えます。".into(),
            "ウイルス感染が疑われるときは、原因の機器をネットワークから切り離し、復元先が安全であることを確かめてから始めます。".into(),
        ]
    } else {
        vec![
            "Confirm what must be restored (which data, back to which point in time) and inform the security lead.".into(),
            "If malware is suspected, disconnect the affected device from the network and make sure the restore destination is clean before starting.".into(),
        ]
    };
    if steps.is_empty() {
        let m = cx.miss(Datum::Backups);
        lines.extend(if cx.ja {
            vec![
                format!("保管先（{place}）から、問題が起きる前の最新の世代を選びます。"),
                "まず別の場所に復元し、ファイルが開けること、内容が正しいことを確かめます。".into(),
                "本来の場所に復元し、利用者に確認してもらいます。".into(),
                format!("この対象に固有の操作（使うソフトや画面の手順）：{m}"),
            ]
        } else {
            vec![
                format!("From the backup location ({place}), choose the latest generation from before the problem began."),
                "Restore to a separate location first and check that the files open and are correct.".into(),
                "Restore to the original location and ask the users to check.".into(),
                format!("Steps specific to this target (software and screens used): {m}"),
            ]
        });
    } else {
        lines.extend(steps);
    }
    lines.push(
        cx.t(
            "復元した日時、使った世代、結果を記録します。",
            "Record the date and time, the generation used and the result.",
        )
        .into(),
    );
    for (i, l) in lines.iter().enumerate() {
        body.push_str(&format!("\n{}. {l}", i + 1));
    }
    let heading = if cx.ja {
        format!("4.{n} 対象：{name}")
    } else {
        format!("4.{n} Target: {name}")
    };
    cx.sec(&format!("target-{n}"), &heading, body);
}

fn closing(cx: &mut Cx) {
    let ja = cx.ja;
    cx.section(
        "test",
        "5. 復元テスト",
        "5. Restore tests",
        if ja {
            "- 年に1回以上、対象ごとに実際にデータを復元し、手順どおりに戻せることを確かめます。\n\
             - かかった時間と結果を記録し、戻せなかったものや手順と違ったところがあれば、この手順書とバックアップの設定を直します。\n\
             - 対象のシステムや保管先を変えたときも、その都度テストします。"
                .to_string()
        } else {
            "- At least once a year, data is actually restored for every target to prove the steps work.\n\
             - The time taken and the result are recorded; anything that could not be restored, or any step that differed, leads to a correction of this procedure and of the backup settings.\n\
             - A test is also run whenever a target system or backup location changes."
                .to_string()
        },
    );
}
