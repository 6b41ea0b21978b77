//! The check as one self-contained HTML page (`hoshi accounts check --format html`, and the web
//! application's download): to open in a browser, print, or keep as evidence for 4-1. No script,
//! no external resource; every value from the exports (IDs, names, role names, file names) is
//! escaped — an export is whatever someone typed into a console.

use std::fmt::Write as _;

use hoshi_core::Lang;
use hoshi_core::text::escape_html as esc;

use crate::check::{Check, Finding, Options, Report, Severity, Suggested};
use crate::date::Day;
use crate::read::{Export, Format};

const STYLE: &str = "body{font-family:'BIZ UDPGothic','Noto Sans JP','Hiragino Sans',Meiryo,sans-serif;margin:2rem auto;max-width:72rem;padding:0 1rem;color:#1b2733;line-height:1.6}\
h1{font-size:1.5rem}h2{font-size:1.2rem;margin-top:2rem;border-bottom:1px solid #ccd5de}h3{font-size:1.05rem;margin:1.5rem 0 .3rem}\
table{border-collapse:collapse;width:100%;margin:.5rem 0}th,td{border:1px solid #ccd5de;padding:.35rem .5rem;vertical-align:top;text-align:left}\
th{background:#eef3f8}table.fig{width:auto;min-width:24rem}table.acc{table-layout:fixed}td.n{text-align:right;white-space:nowrap}td.c{white-space:nowrap}code{font-size:.9em;overflow-wrap:anywhere}\
.sev,.st{display:inline-block;padding:0 .5rem;border-radius:1rem;font-size:.85em;white-space:nowrap}\
.critical,.high,.not_met{background:#fde2e2;color:#8a1c1c}.medium,.partial{background:#fff1cc;color:#6b4b00}\
.low,.info,.no_data{background:#e7edf3;color:#33414e}.met{background:#dff3e4;color:#1d5b2c}\
.muted{color:#5a6877;font-size:.9em}dl{display:grid;grid-template-columns:max-content 1fr;gap:.2rem 1rem}dt{font-weight:bold}dd{margin:0}ul{margin:0;padding-left:1.2rem}\
@media print{body{margin:0;max-width:none;font-size:10pt}h2,h3{break-after:avoid}tr,.advice{break-inside:avoid}}";

/// A file the accounts were read from, as the page lists it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Source {
    /// The file name as the user knows it.
    pub name: String,
    pub format: Format,
    /// Accounts in the file (users, for a sign-in log).
    pub accounts: usize,
    /// The days a sign-in log covers.
    pub period: Option<(Day, Day)>,
}

impl Source {
    pub fn of(name: impl Into<String>, export: &Export) -> Source {
        Source {
            name: name.into(),
            format: export.format,
            accounts: export.accounts.len(),
            period: export.period,
        }
    }
}

fn sev_class(s: Severity) -> &'static str {
    match s {
        Severity::Critical => "critical",
        Severity::High => "high",
        Severity::Medium => "medium",
        Severity::Low => "low",
        Severity::Info => "info",
    }
}

fn status_class(s: Suggested) -> &'static str {
    match s {
        Suggested::Met => "met",
        Suggested::Partial => "partial",
        Suggested::NotMet => "not_met",
        Suggested::NoData => "no_data",
    }
}

/// What the checks look at for each criterion, in a few words.
fn criterion_point(criterion: &str, lang: Lang) -> &'static str {
    let (ja, en) = match criterion {
        "4-1-3-2" => (
            "クラウドサービスのアカウントが多要素認証を使っているか",
            "Whether cloud accounts use MFA",
        ),
        "4-1-1-3" => (
            "長く使われていない・一度も使われていない ID が残っていないか",
            "Whether IDs unused for long, or never used, are left enabled",
        ),
        "4-1-2-6" => (
            "使われていない管理者 ID が残っていないか",
            "Whether unused administrator IDs are left enabled",
        ),
        "4-1-2-2" => (
            "管理者が必要な人数に絞られ、共有されていないか",
            "Whether administrators are few and not shared",
        ),
        "4-1-2-5" => (
            "管理者 ID ごとに使う人が分かるか",
            "Whether each administrator ID names its user",
        ),
        "4-1-1-2" => (
            "共有・汎用の ID がないか",
            "Whether shared or generic IDs exist",
        ),
        "4-1-1-4" => (
            "無効にしたアカウントに権限が残っていないか",
            "Whether disabled accounts kept privileges",
        ),
        _ => ("", ""),
    };
    match lang {
        Lang::Ja => ja,
        Lang::En => en,
    }
}

/// The number or detail of a finding, in words.
fn note(f: &Finding, lang: Lang) -> String {
    let ja = lang == Lang::Ja;
    let mut parts = Vec::new();
    match (f.check, f.number, ja) {
        (Check::Unused | Check::AdminUnused, Some(n), true) => {
            parts.push(format!("最後のサインインから {n} 日"))
        }
        (Check::Unused | Check::AdminUnused, Some(n), false) => {
            parts.push(format!("{n} days since the last sign-in"))
        }
        (Check::AdminUnused, None, true) | (Check::NeverUsed, _, true) => {
            parts.push("一度も使われていません".into())
        }
        (Check::AdminUnused, None, false) | (Check::NeverUsed, _, false) => {
            parts.push("never used".into())
        }
        (Check::NotSeen, Some(n), true) => parts.push(format!("ログの {n} 日間にサインインなし")),
        (Check::NotSeen, Some(n), false) => parts.push(format!("no sign-in in the log's {n} days")),
        (Check::AdminTooMany, Some(n), true) => parts.push(format!("管理者 {n} 人")),
        (Check::AdminTooMany, Some(n), false) => parts.push(format!("{n} administrators")),
        (_, Some(n), _) => parts.push(n.to_string()),
        _ => {}
    }
    if let Some(d) = &f.detail {
        parts.push(d.clone());
    }
    esc(&parts.join(" / "))
}

/// The report as a self-contained HTML page in `lang`. `sources` lists the files read (may be
/// empty).
pub fn render(report: &Report, opts: &Options, sources: &[Source], lang: Lang) -> String {
    let ja = lang == Lang::Ja;
    let t = |j: &'static str, e: &'static str| if ja { j } else { e };
    let title = t("アカウント管理の確認結果", "Account check");
    let mut o = String::new();
    let _ = write!(
        o,
        "<!DOCTYPE html>\n<html lang=\"{}\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\
         <title>{title}</title><style>{STYLE}</style></head><body>\n<h1>{title}</h1>\n<dl>",
        lang.code(),
    );
    let _ = write!(
        o,
        "<dt>{}</dt><dd>{}</dd><dt>{}</dt><dd>{}</dd>",
        t("判定日", "Judged on"),
        opts.today.iso(),
        t("「長く使われていない」とする日数", "Unused after"),
        if ja {
            format!("{} 日", opts.stale_days)
        } else {
            format!("{} days", opts.stale_days)
        },
    );
    if !sources.is_empty() {
        let _ = write!(
            o,
            "<dt>{}</dt><dd><ul>",
            t("読み込んだファイル", "Files read")
        );
        for s in sources {
            let count = match (s.format, ja) {
                (Format::EntraSignIns, true) => format!("ユーザー {} 人", s.accounts),
                (Format::EntraSignIns, false) => format!("{} users", s.accounts),
                (_, true) => format!("アカウント {} 件", s.accounts),
                (_, false) => format!("{} accounts", s.accounts),
            };
            let period = match (s.period, ja) {
                (Some((a, b)), true) => format!("、{a} 〜 {b}"),
                (Some((a, b)), false) => format!(", {a} to {b}"),
                (None, _) => String::new(),
            };
            let _ = write!(
                o,
                "<li><code>{}</code> — {}{}{count}{period}{}</li>",
                esc(&s.name),
                s.format.label(lang),
                t("（", " ("),
                t("）", ")"),
            );
        }
        o.push_str("</ul></dd>");
    }
    o.push_str("</dl>\n");
    summary(report, lang, &mut o);
    findings(report, lang, &mut o);
    let _ = write!(
        o,
        "<p class=\"muted\">{} hoshi-accounts {}</p>\n</body></html>\n",
        t(
            "この結果にはアカウント名が含まれます。組織の外に渡さないでください。回答の案は、渡されたファイルから分かる範囲での判断です。",
            "This result names accounts; keep it inside the organisation. The suggested answers judge only what the files given show."
        ),
        env!("CARGO_PKG_VERSION"),
    );
    o
}

fn summary(r: &Report, lang: Lang, o: &mut String) {
    let ja = lang == Lang::Ja;
    let t = |j: &'static str, e: &'static str| if ja { j } else { e };
    let s = &r.summary;
    let _ = write!(
        o,
        "<h2>{}</h2>\n<table class=\"fig\"><tbody>",
        t("概要", "Summary")
    );
    for (label, n) in [
        (t("アカウント", "Accounts"), s.accounts),
        (t("有効なアカウント", "Enabled"), s.enabled),
        (t("有効な管理者", "Enabled administrators"), s.admins),
        (
            t(
                "多要素認証の状態が分かるクラウドのアカウント",
                "Cloud accounts whose MFA state is known",
            ),
            s.mfa_known,
        ),
        (
            t("うち多要素認証なし", "of which without MFA"),
            s.mfa_missing,
        ),
    ] {
        let _ = write!(o, "<tr><th>{label}</th><td class=\"n\">{n}</td></tr>");
    }
    o.push_str("</tbody></table>\n");
    let _ = write!(
        o,
        "<h2>{}</h2>\n<table><thead><tr><th>{}</th><th>{}</th><th>{}</th></tr></thead><tbody>",
        t("要求事項ごとの回答の案", "Suggested answer per criterion"),
        t("要求事項", "Criterion"),
        t("確認した点", "What was checked"),
        t("回答の案", "Suggested"),
    );
    for c in &s.statuses {
        let _ = write!(
            o,
            "<tr><td class=\"c\"><code>{}</code></td><td>{}</td><td><span class=\"st {}\">{}</span></td></tr>",
            esc(c.criterion),
            criterion_point(c.criterion, lang),
            status_class(c.status),
            c.status.label(lang),
        );
    }
    o.push_str("</tbody></table>\n");
}

fn findings(r: &Report, lang: Lang, o: &mut String) {
    let ja = lang == Lang::Ja;
    let t = |j: &'static str, e: &'static str| if ja { j } else { e };
    let _ = writeln!(
        o,
        "<h2>{}</h2>",
        t("指摘（重大なものから）", "Findings, worst first")
    );
    if r.findings.is_empty() {
        let _ = writeln!(o, "<p>{}</p>", t("指摘はありません。", "No findings."));
        return;
    }
    // Findings come worst first, each check's together; keep that order.
    let mut groups: Vec<(Check, Vec<&Finding>)> = Vec::new();
    for f in &r.findings {
        match groups.iter_mut().find(|(c, _)| *c == f.check) {
            Some((_, list)) => list.push(f),
            None => groups.push((f.check, vec![f])),
        }
    }
    for (check, list) in groups {
        let _ = write!(
            o,
            "<h3><span class=\"sev {}\">{}</span> {}{}{}{}</h3>\n<p class=\"muted\">{}: {}</p>\n<p class=\"advice\">{}</p>\n",
            sev_class(check.severity()),
            check.severity().label(lang),
            check.title(lang),
            t("（", " ("),
            list.len(),
            t(" 件）", ")"),
            t("関連する要求事項", "SCS criteria"),
            esc(&check.criteria().join(", ")),
            check.advice(lang),
        );
        let _ = write!(
            o,
            "<table class=\"acc\"><colgroup><col style=\"width:30%\"><col style=\"width:18%\"><col style=\"width:6%\"><col style=\"width:16%\"><col style=\"width:30%\"></colgroup>\
             <thead><tr><th>{}</th><th>{}</th><th>{}</th><th>{}</th><th>{}</th></tr></thead><tbody>",
            t("ID", "ID"),
            t("氏名", "Name"),
            t("行", "Row"),
            t("システム", "System"),
            t("補足", "Detail"),
        );
        for f in list {
            let (id, name, row) = match &f.account {
                Some(a) => (
                    format!("<code>{}</code>", esc(&a.id)),
                    esc(&a.name),
                    a.row.to_string(),
                ),
                None => ("—".into(), String::new(), "—".into()),
            };
            let _ = write!(
                o,
                "<tr><td>{id}</td><td>{name}</td><td class=\"n\">{row}</td><td>{}</td><td>{}</td></tr>",
                esc(f.system.label()),
                note(f, lang),
            );
        }
        o.push_str("</tbody></table>\n");
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::check::check;
    use crate::model::{Account, SignIn, System};

    fn report() -> (Report, Options) {
        let today = Day::ymd(2026, 12, 1).unwrap();
        let mut evil = Account::new(
            System::Microsoft365,
            2,
            "<script>alert(1)</script>@x.example",
        );
        evil.name = "<img src=x onerror=alert(2)>".into();
        evil.mfa = Some(false);
        evil.admin = Some(true);
        let mut old = Account::new(System::GoogleWorkspace, 3, "kimura.aoi@x.example");
        old.name = "木村 葵".into();
        old.mfa = Some(true);
        old.last_sign_in = SignIn::On(Day(today.0 - 120));
        let opts = Options::new(today);
        (check(&[evil, old], &opts), opts)
    }

    #[test]
    fn values_from_the_exports_are_escaped() {
        let (r, opts) = report();
        let sources = [Source {
            name: "<b>users</b>.csv".into(),
            format: Format::M365Users,
            accounts: 1,
            period: None,
        }];
        let h = render(&r, &opts, &sources, Lang::Ja);
        assert!(!h.contains("<script>alert"), "{h}");
        assert!(!h.contains("<img src=x"));
        assert!(!h.contains("<b>users"));
        assert!(h.contains("&lt;script&gt;alert(1)&lt;/script&gt;@x.example"));
        assert!(h.contains("&lt;img src=x onerror=alert(2)&gt;"));
        assert!(!h.contains("<script"), "no script of its own either");
        assert!(h.starts_with("<!DOCTYPE html>\n<html lang=\"ja\">"));
        assert!(
            !h.contains("http://") && !h.contains("https://"),
            "nothing external"
        );
    }

    #[test]
    fn key_figures_criteria_and_findings_appear_worst_first() {
        let (r, opts) = report();
        let h = render(&r, &opts, &[], Lang::Ja);
        assert!(
            h.contains("<th>アカウント</th><td class=\"n\">2</td>"),
            "{h}"
        );
        assert!(h.contains("<th>うち多要素認証なし</th><td class=\"n\">1</td>"));
        assert!(h.contains("<code>4-1-3-2</code>"));
        assert!(h.contains("<span class=\"st not_met\">未実施</span>"));
        assert!(h.contains("最後のサインインから 120 日"));
        assert!(h.contains("木村 葵"));
        assert!(h.contains(Check::AdminNoMfa.advice(Lang::Ja)));
        let critical = h.find("sev critical").unwrap();
        let medium = h.find("sev medium").unwrap();
        assert!(critical < medium, "worst first");
        let en = render(&r, &opts, &[], Lang::En);
        assert!(en.contains("<html lang=\"en\">"));
        assert!(en.contains("Findings, worst first"));
        assert!(en.contains("120 days since the last sign-in"));
        assert!(en.contains("Administrator without MFA (1)"));
    }

    #[test]
    fn a_clean_report_says_so() {
        let opts = Options::new(Day::ymd(2026, 12, 1).unwrap());
        let r = check(&[], &opts);
        assert!(render(&r, &opts, &[], Lang::Ja).contains("指摘はありません。"));
        assert!(render(&r, &opts, &[], Lang::En).contains("No findings."));
    }
}
