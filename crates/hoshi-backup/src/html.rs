//! A verification as one self-contained HTML page (`hoshi backup verify --format html`, and the
//! web application's download): the record of a restore test to print or keep with the restore
//! procedure (4-3-4-3). No script, no external resource; every value that comes from the
//! repository or the caller (locations, host names, paths, restic's own words) is escaped.

use std::fmt::Write as _;

use hoshi_core::text::escape_html as esc;
use hoshi_core::{Lang, Status};

use crate::findings::size;
use crate::{FileProblem, Policy, Verification};

const STYLE: &str = "body{font-family:'BIZ UDPGothic','Noto Sans JP','Hiragino Sans',Meiryo,sans-serif;margin:2rem auto;max-width:72rem;padding:0 1rem;color:#1b2733;line-height:1.6}\
h1{font-size:1.5rem}h2{font-size:1.2rem;margin-top:2rem;border-bottom:1px solid #ccd5de}\
table{border-collapse:collapse;width:100%;margin:.5rem 0}th,td{border:1px solid #ccd5de;padding:.35rem .5rem;vertical-align:top;text-align:left}\
th{background:#eef3f8}td.n{text-align:right;white-space:nowrap}td.c{white-space:nowrap}code{font-size:.9em;overflow-wrap:anywhere}\
pre{white-space:pre-wrap;overflow-wrap:anywhere;background:#f5f7f9;padding:.5rem;font-size:.85em}\
.st{display:inline-block;padding:0 .5rem;border-radius:1rem;font-size:.85em;white-space:nowrap}\
.met{background:#dff3e4;color:#1d5b2c}.partial{background:#fff1cc;color:#6b4b00}.not_met{background:#fde2e2;color:#8a1c1c}.unanswered{background:#e7edf3;color:#33414e}\
.verdict{font-weight:bold;padding:.5rem 1rem;border-radius:.3rem}\
.muted{color:#5a6877;font-size:.9em}dl{display:grid;grid-template-columns:max-content 1fr;gap:.2rem 1rem}dt{font-weight:bold}dd{margin:0}ul{margin:0;padding-left:1.2rem}\
@media print{body{margin:0;max-width:none;font-size:10pt}h2{break-after:avoid}tr{break-inside:avoid}}";

fn status_class(s: Status) -> &'static str {
    match s {
        Status::Met => "met",
        Status::Partial => "partial",
        Status::NotMet => "not_met",
        Status::NotApplicable | Status::Unanswered => "unanswered",
    }
}

fn days(d: f64, lang: Lang) -> String {
    match (d.is_finite(), lang) {
        (true, Lang::Ja) => format!("{d:.1} 日前"),
        (true, Lang::En) => format!("{d:.1} days ago"),
        (false, _) => "?".into(),
    }
}

fn policy_days(d: f64) -> String {
    if d.is_finite() {
        format!("{d:.1}")
    } else {
        "?".into()
    }
}

fn seconds(ms: u64) -> String {
    format!("{:.1}", ms as f64 / 1000.0)
}

fn short(id: &str) -> &str {
    id.get(..8).unwrap_or(id)
}

/// A yes/no badge: good or bad.
fn verdict(ok: bool, yes: &str, no: &str) -> String {
    if ok {
        format!("<span class=\"st met\">{yes}</span>")
    } else {
        format!("<span class=\"st not_met\">{no}</span>")
    }
}

fn file_problem(p: &FileProblem, lang: Lang) -> String {
    let ja = lang == Lang::Ja;
    match p {
        FileProblem::NotRestored if ja => "復元されませんでした".into(),
        FileProblem::NotRestored => "not restored".into(),
        FileProblem::NotInSnapshot if ja => "スナップショットのツリーにありません".into(),
        FileProblem::NotInSnapshot => "not in the snapshot's tree".into(),
        FileProblem::BlobNotIndexed { blob } if ja => format!(
            "データのブロック {} がインデックスにありません",
            short(blob)
        ),
        FileProblem::BlobNotIndexed { blob } => {
            format!("data blob {} is in no index", short(blob))
        }
        FileProblem::SizeMismatch { expected, actual } if ja => {
            format!("大きさが違います（スナップショット {expected} バイト、復元 {actual} バイト）")
        }
        FileProblem::SizeMismatch { expected, actual } => {
            format!("wrong size ({expected} bytes in the snapshot, {actual} restored)")
        }
        FileProblem::HashMismatch { chunk } if ja => format!(
            "{} 番目のブロックの内容がスナップショットのハッシュと一致しません",
            chunk + 1
        ),
        FileProblem::HashMismatch { chunk } => {
            format!("block {} does not match the snapshot's hash", chunk + 1)
        }
        FileProblem::Unreadable { detail } if ja => format!("読み取れません（{detail}）"),
        FileProblem::Unreadable { detail } => format!("cannot be read ({detail})"),
    }
}

/// The verification as a self-contained HTML page in `lang`.
pub fn render(v: &Verification, policy: &Policy, lang: Lang) -> String {
    let ja = lang == Lang::Ja;
    let t = |j: &'static str, e: &'static str| if ja { j } else { e };
    let title = t("バックアップの検証結果", "Backup verification");
    let mut o = String::new();
    let _ = write!(
        o,
        "<!DOCTYPE html>\n<html lang=\"{}\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\
         <title>{title}</title><style>{STYLE}</style></head><body>\n<h1>{title}</h1>\n",
        lang.code(),
    );
    let n = v.problems.len();
    let _ = writeln!(
        o,
        "<p class=\"verdict {}\">{}</p>",
        if v.passed() { "met" } else { "not_met" },
        match (v.passed(), ja) {
            (true, true) => "問題は見つかりませんでした。".to_string(),
            (true, false) => "No problem was found.".to_string(),
            (false, true) => format!("問題が {n} 件見つかりました。"),
            (false, false) => format!("{n} problem(s) found."),
        }
    );
    header(v, policy, lang, &mut o);
    snapshots(v, lang, &mut o);
    restore(v, lang, &mut o);
    offsite(v, lang, &mut o);
    let _ = writeln!(o, "<h2>{}</h2>", t("見つかった問題", "Problems found"));
    if v.problems.is_empty() {
        let _ = writeln!(o, "<p>{}</p>", t("ありません。", "None."));
    } else {
        o.push_str("<ul>");
        for p in &v.problems {
            let _ = write!(o, "<li>{}</li>", esc(&p.message(lang)));
        }
        o.push_str("</ul>\n");
    }
    findings(v, lang, &mut o);
    let _ = write!(
        o,
        "<p class=\"muted\">{} hoshi-backup {}</p>\n</body></html>\n",
        t(
            "復元テストは一時フォルダーに復元して内容を確かめ、終了後に削除しています。",
            "The restore test restored into a temporary folder, checked the content and removed it afterwards."
        ),
        env!("CARGO_PKG_VERSION"),
    );
    o
}

fn header(v: &Verification, policy: &Policy, lang: Lang, o: &mut String) {
    let ja = lang == Lang::Ja;
    let t = |j: &'static str, e: &'static str| if ja { j } else { e };
    let mut rule = if ja {
        format!(
            "最新のスナップショットが {} 日以内",
            policy_days(policy.max_age_days)
        )
    } else {
        format!(
            "the newest snapshot at most {} days old",
            policy_days(policy.max_age_days)
        )
    };
    if let Some(h) = &policy.host {
        let _ = write!(rule, "{}<code>{}</code>", t("、ホスト ", "; host "), esc(h));
    }
    if !policy.required_paths.is_empty() {
        let paths: Vec<String> = policy
            .required_paths
            .iter()
            .map(|p| format!("<code>{}</code>", esc(p)))
            .collect();
        let _ = write!(rule, "{}{}", t("、対象パス ", "; paths "), paths.join(", "));
    }
    let check = &v.check;
    let read = match (&check.read_data_subset, ja) {
        (Some(s), true) => format!("データの一部（{}）も読み直して確認", esc(s)),
        (Some(s), false) => format!("data re-read ({})", esc(s)),
        (None, true) => "構造のみ（データの読み直しなし）".into(),
        (None, false) => "structure only (data not re-read)".into(),
    };
    let _ = writeln!(
        o,
        "<dl><dt>{}</dt><dd><code>{}</code></dd><dt>restic</dt><dd>{}</dd><dt>{}</dt><dd>{rule}</dd>\
         <dt>{}</dt><dd>{} — {read}{}{}{}</dd><dt>{}</dt><dd>{} {}</dd></dl>",
        t("リポジトリ", "Repository"),
        esc(&v.location),
        esc(&v.restic_version),
        t("方針", "Policy"),
        t("構造のチェック", "Structural check"),
        verdict(check.ok, t("問題なし", "passed"), t("問題あり", "failed")),
        t("（", " ("),
        seconds(check.duration_ms),
        t(" 秒）", " s)"),
        t("所要時間", "Took"),
        seconds(v.duration_ms),
        t("秒", "s"),
    );
    if let Some(d) = &check.detail {
        let _ = writeln!(o, "<pre>{}</pre>", esc(d));
    }
}

fn snapshots(v: &Verification, lang: Lang, o: &mut String) {
    let ja = lang == Lang::Ja;
    let t = |j: &'static str, e: &'static str| if ja { j } else { e };
    let _ = writeln!(
        o,
        "<h2>{}{}{}{}</h2>",
        t("スナップショット（", "Snapshots ("),
        v.snapshot_count,
        t(" 件", ""),
        t("）", ")"),
    );
    if v.groups.is_empty() {
        let _ = writeln!(
            o,
            "<p>{}</p>",
            t("スナップショットがありません。", "There are no snapshots.")
        );
    } else {
        let _ = write!(
            o,
            "<table><thead><tr><th>{}</th><th>{}</th><th>{}</th><th>{}</th><th>{}</th><th>{}</th></tr></thead><tbody>",
            t("ホスト", "Host"),
            t("パス", "Paths"),
            t("件数", "Count"),
            t("最新", "Newest"),
            t("古さ", "Age"),
            t("方針", "Policy"),
        );
        for g in &v.groups {
            let _ = write!(
                o,
                "<tr><td><code>{}</code></td><td><code>{}</code></td><td class=\"n\">{}</td><td>{} <code>{}</code></td><td class=\"n\">{}</td><td>{}</td></tr>",
                esc(&g.host),
                esc(&g.paths.join(", ")),
                g.count,
                esc(&g.newest_time),
                esc(short(&g.newest_id)),
                days(g.newest_age_days, lang),
                verdict(
                    g.within_policy,
                    t("範囲内", "within"),
                    t("古すぎます", "too old")
                ),
            );
        }
        o.push_str("</tbody></table>\n");
    }
    if v.coverage.is_empty() {
        return;
    }
    let _ = write!(
        o,
        "<h2>{}</h2><table><thead><tr><th>{}</th><th>{}</th><th>{}</th><th>{}</th></tr></thead><tbody>",
        t("対象パスの保護状況", "Required paths"),
        t("パス", "Path"),
        t("含む最新のスナップショット", "Newest snapshot holding it"),
        t("古さ", "Age"),
        t("方針", "Policy"),
    );
    for c in &v.coverage {
        let (id, age) = match &c.newest {
            Some((id, age)) => (format!("<code>{}</code>", esc(short(id))), days(*age, lang)),
            None => (t("なし", "none").to_string(), "—".to_string()),
        };
        let _ = write!(
            o,
            "<tr><td><code>{}</code></td><td>{id}</td><td class=\"n\">{age}</td><td>{}</td></tr>",
            esc(&c.path),
            verdict(
                c.within_policy,
                t("範囲内", "within"),
                t("満たしていません", "not met")
            ),
        );
    }
    o.push_str("</tbody></table>\n");
}

fn restore(v: &Verification, lang: Lang, o: &mut String) {
    let ja = lang == Lang::Ja;
    let t = |j: &'static str, e: &'static str| if ja { j } else { e };
    let _ = writeln!(o, "<h2>{}</h2>", t("復元テスト", "Restore test"));
    let Some(r) = &v.restore else {
        let _ = writeln!(
            o,
            "<p>{}</p>",
            t(
                "行っていません（復元できるスナップショットがないか、省略しました）。",
                "Not made (no snapshot to restore from, or skipped)."
            )
        );
        return;
    };
    let _ = writeln!(
        o,
        "<dl><dt>{}</dt><dd>{}</dd><dt>{}</dt><dd><code>{}</code> {}</dd><dt>{}</dt><dd>{}</dd>\
         <dt>{}</dt><dd>{}</dd><dt>{}</dt><dd>{}</dd><dt>{}</dt><dd>{}</dd><dt>{}</dt><dd>{}</dd></dl>",
        t("結果", "Result"),
        verdict(
            r.passed() && r.sampled > 0,
            t("成功", "succeeded"),
            t("失敗", "failed")
        ),
        t("スナップショット", "Snapshot"),
        esc(short(&r.snapshot_id)),
        esc(&r.snapshot_time),
        t("スナップショット内のファイル", "Files in the snapshot"),
        r.files_in_snapshot,
        t("復元したファイル", "Files restored"),
        r.sampled,
        t("内容が一致したファイル", "Files whose content matched"),
        r.verified_files,
        t("一致したデータ量", "Bytes matched"),
        if ja {
            format!("{}（{} バイト）", size(r.verified_bytes), r.verified_bytes)
        } else {
            format!("{} ({} bytes)", size(r.verified_bytes), r.verified_bytes)
        },
        t("所要時間", "Time"),
        if ja {
            format!(
                "復元 {} 秒、照合 {} 秒、合計 {} 秒",
                seconds(r.restore_ms),
                seconds(r.verify_ms),
                seconds(r.total_ms)
            )
        } else {
            format!(
                "restore {} s, verification {} s, total {} s",
                seconds(r.restore_ms),
                seconds(r.verify_ms),
                seconds(r.total_ms)
            )
        },
    );
    if let Some(e) = &r.error {
        let _ = writeln!(o, "<p>{}</p>", esc(&e.message(lang)));
    }
    if let Some(e) = &r.restic_error {
        let _ = writeln!(
            o,
            "<p>{}</p><pre>{}</pre>",
            t("restic の出力:", "restic said:"),
            esc(e)
        );
    }
    if r.files.is_empty() {
        return;
    }
    let _ = write!(
        o,
        "<table><thead><tr><th>{}</th><th>{}</th><th>{}</th><th>{}</th></tr></thead><tbody>",
        t("ファイル", "File"),
        t("大きさ", "Size"),
        t("照合したブロック", "Blocks checked"),
        t("結果", "Result"),
    );
    for f in &r.files {
        let result = match &f.problem {
            None => verdict(true, t("一致", "matched"), ""),
            Some(p) => format!(
                "<span class=\"st not_met\">{}</span> {}",
                t("不一致", "failed"),
                esc(&file_problem(p, lang))
            ),
        };
        let _ = write!(
            o,
            "<tr><td><code>{}</code></td><td class=\"n\">{}</td><td class=\"n\">{}</td><td>{result}</td></tr>",
            esc(&f.path),
            size(f.size),
            f.blobs,
        );
    }
    o.push_str("</tbody></table>\n");
}

fn offsite(v: &Verification, lang: Lang, o: &mut String) {
    let ja = lang == Lang::Ja;
    let t = |j: &'static str, e: &'static str| if ja { j } else { e };
    let _ = writeln!(o, "<h2>{}</h2>", t("遠隔地のコピー", "Off-site copy"));
    let Some(off) = &v.offsite else {
        let _ = writeln!(
            o,
            "<p>{}</p>",
            t(
                "確認していません（2 つ目のリポジトリが指定されていません）。",
                "Not checked (no second repository was given)."
            )
        );
        return;
    };
    let newest = match (&off.newest_id, off.newest_age_days) {
        (Some(id), Some(age)) => format!("<code>{}</code> {}", esc(short(id)), days(age, lang)),
        _ => t(
            "同じホスト・パスのスナップショットはありません",
            "no snapshot of the same host and paths",
        )
        .into(),
    };
    let _ = writeln!(
        o,
        "<dl><dt>{}</dt><dd><code>{}</code></dd><dt>{}</dt><dd>{newest}</dd><dt>{}</dt><dd>{}</dd><dt>{}</dt><dd>{}</dd></dl>",
        t("リポジトリ", "Repository"),
        esc(&off.location),
        t("最新のコピー", "Newest copy"),
        t(
            "最新のスナップショットと同じ内容",
            "Same content as the newest snapshot"
        ),
        if off.same_tree_as_newest {
            t("はい", "yes")
        } else {
            t("いいえ", "no")
        },
        t("方針", "Policy"),
        verdict(
            off.within_policy,
            t("範囲内", "within"),
            t("満たしていません", "not met")
        ),
    );
    if let Some(e) = &off.error {
        let _ = writeln!(o, "<p>{}</p>", esc(&e.message(lang)));
    }
}

fn findings(v: &Verification, lang: Lang, o: &mut String) {
    let ja = lang == Lang::Ja;
    let t = |j: &'static str, e: &'static str| if ja { j } else { e };
    let _ = write!(
        o,
        "<h2>{}</h2><table><thead><tr><th>{}</th><th>{}</th><th>{}</th></tr></thead><tbody>",
        t("要求事項ごとの結果", "Result per criterion"),
        t("要求事項", "Criterion"),
        t("回答の案", "Suggested"),
        t("内容", "Finding"),
    );
    for f in &v.findings {
        let text = f.text(lang);
        let _ = write!(
            o,
            "<tr><td class=\"c\"><code>{}</code></td><td><span class=\"st {}\">{}</span></td><td><strong>{}</strong><br>{}</td></tr>",
            esc(&f.criteria.join(", ")),
            status_class(f.status),
            f.status.label().get(lang),
            esc(&text.title),
            esc(&text.advice),
        );
    }
    o.push_str("</tbody></table>\n");
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{
        CheckResult, Coverage, FileCheck, OffsiteCheck, Problem, RestoreTest, SnapshotGroup,
    };

    fn verification() -> (Verification, Policy) {
        let policy = Policy {
            max_age_days: 1.5,
            host: Some("<script>alert(1)</script>".into()),
            required_paths: vec!["/srv/共有/<経理>".into()],
            offsite_max_age_days: None,
        };
        let mut v = Verification {
            location: "sftp:backup@nas:/restic?<b>".into(),
            restic_version: "0.14.0".into(),
            check: CheckResult {
                ok: true,
                read_data_subset: Some("10%".into()),
                duration_ms: 1200,
                detail: None,
            },
            snapshot_count: 4,
            groups: vec![SnapshotGroup {
                host: "fileserver".into(),
                paths: vec!["/srv/共有".into()],
                count: 4,
                newest_id: "a1b2c3d4e5f6".into(),
                newest_time: "2026-12-01T02:00:00+09:00".into(),
                newest_age_days: 0.4,
                within_policy: true,
            }],
            coverage: vec![Coverage {
                path: "/srv/共有/<経理>".into(),
                newest: Some(("a1b2c3d4e5f6".into(), 0.4)),
                within_policy: true,
            }],
            restore: Some(RestoreTest {
                snapshot_id: "a1b2c3d4e5f6".into(),
                snapshot_time: "2026-12-01T02:00:00+09:00".into(),
                files_in_snapshot: 1234,
                sampled: 2,
                files: vec![
                    FileCheck {
                        path: "/srv/共有/見積書.xlsx".into(),
                        size: 450_000,
                        blobs: 1,
                        problem: None,
                    },
                    FileCheck {
                        path: "/srv/共有/<img src=x onerror=alert(2)>.txt".into(),
                        size: 10,
                        blobs: 1,
                        problem: Some(FileProblem::HashMismatch { chunk: 0 }),
                    },
                ],
                verified_files: 1,
                verified_bytes: 450_000,
                restore_ms: 2500,
                verify_ms: 300,
                total_ms: 2800,
                restic_error: None,
                error: None,
            }),
            offsite: Some(OffsiteCheck {
                location: "s3:s3.example.jp/copy".into(),
                newest_id: Some("ffee0011aabb".into()),
                newest_age_days: Some(0.9),
                same_tree_as_newest: true,
                within_policy: true,
                error: None,
            }),
            problems: vec![Problem::RestoreFailed {
                failed: 1,
                sampled: 2,
            }],
            findings: Vec::new(),
            duration_ms: 5400,
        };
        v.findings = crate::findings::findings(&v, &policy);
        (v, policy)
    }

    #[test]
    fn values_from_the_repository_are_escaped() {
        let (v, policy) = verification();
        let h = render(&v, &policy, Lang::Ja);
        assert!(!h.contains("<script"), "{h}");
        assert!(!h.contains("<img src=x"));
        assert!(!h.contains("<b>"));
        assert!(h.contains("&lt;script&gt;alert(1)&lt;/script&gt;"));
        assert!(h.contains("/srv/共有/&lt;経理&gt;"));
        assert!(h.contains("&lt;img src=x onerror=alert(2)&gt;.txt"));
        assert!(h.starts_with("<!DOCTYPE html>\n<html lang=\"ja\">"));
        assert!(!h.contains("http://") && !h.contains("https://"));
    }

    #[test]
    fn key_figures_appear() {
        let (v, policy) = verification();
        let h = render(&v, &policy, Lang::Ja);
        for s in [
            "問題が 1 件見つかりました。",
            "<code>sftp:backup@nas:/restic?&lt;b&gt;</code>",
            "<dd>0.14.0</dd>",
            "最新のスナップショットが 1.5 日以内",
            "データの一部（10%）も読み直して確認",
            "<td class=\"n\">4</td>",
            "0.4 日前",
            "<dd>1234</dd>",
            "450.0 KB",
            "450000 バイト",
            "復元 2.5 秒、照合 0.3 秒、合計 2.8 秒",
            "1 番目のブロックの内容がスナップショットのハッシュと一致しません",
            "s3:s3.example.jp/copy",
            "<code>4-3-4-3</code>",
            "<span class=\"st not_met\">未実施</span>",
            "<span class=\"st met\">実施済み</span>",
        ] {
            assert!(h.contains(s), "{s} missing:\n{h}");
        }
        let en = render(&v, &policy, Lang::En);
        assert!(en.contains("<html lang=\"en\">"));
        assert!(en.contains("restore 2.5 s, verification 0.3 s, total 2.8 s"));
        assert!(en.contains("block 1 does not match the snapshot&#39;s hash"));
        assert!(en.contains("1 problem(s) found."));
    }
}
