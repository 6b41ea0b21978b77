//! The mail checks of the last year as evidence: how many mails members checked, per verdict
//! and per month, and the tricks found most — linked to incident-response training (4-2-2-1)
//! and the incident procedure (6-1-1-1) without suggesting an answer (the counts show the
//! practice exists, not that a criterion is met). No mail content exists to include.

use std::collections::{BTreeMap, HashMap};

use hoshi_store::fraud;

use crate::evidence::choose::{self, Spec, Suggestion};
use crate::evidence::kept::KeptFile;
use crate::kernel::prelude::*;

const CRITERIA: [&str; 2] = ["4-2-2-1", "6-1-1-1"];

fn spec(ctx: &Ctx, m: &hoshi_store::orgs::Membership) -> Spec {
    let t = ctx.t();
    Spec {
        heading: t.s("mail_attach").to_string(),
        intro: t.s("mail_attach_intro").to_string(),
        basis: t.s("mail_title").to_string(),
        action: format!("/o/{}/mail/evidence", m.org.id),
        crumbs: vec![(format!("/o/{}/mail", m.org.id), t.s("mail_title").into())],
        // The counts cover a year and are made again whenever needed.
        default_days: 366,
        suggestions: CRITERIA
            .iter()
            .map(|c| Suggestion {
                criterion: (*c).to_string(),
                status: None,
                reason: t.s("mail_attach_reason").to_string(),
            })
            .collect(),
    }
}

/// The kept page: counts only, in Japanese and English.
fn summary(org: &str, rows: &[(i64, String, String)], made: &str) -> String {
    let mut per_verdict: HashMap<&str, usize> = HashMap::new();
    let mut per_month: BTreeMap<String, [usize; 3]> = BTreeMap::new();
    let mut codes: HashMap<&str, usize> = HashMap::new();
    for (at, verdict, cs) in rows {
        *per_verdict.entry(verdict.as_str()).or_default() += 1;
        let month: String = hoshi_core::time::date_jst(*at).chars().take(7).collect();
        let e = per_month.entry(month).or_default();
        match verdict.as_str() {
            "fraud" => e[2] += 1,
            "suspicious" => e[1] += 1,
            _ => e[0] += 1,
        }
        for c in cs.split(',').filter(|c| !c.is_empty()) {
            *codes.entry(c).or_default() += 1;
        }
    }
    let mut top: Vec<(&str, usize)> = codes.into_iter().collect();
    top.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
    let months: String = per_month
        .iter()
        .map(|(m, [ok, s, f])| {
            format!("<tr><td>{m}</td><td>{ok}</td><td>{s}</td><td>{f}</td></tr>\n")
        })
        .collect();
    let tricks: String = top
        .iter()
        .take(10)
        .map(|(c, n)| match hoshi_fraud::judge::signal_name(c) {
            Some((ja, en)) => format!(
                "<li>{ja} <span lang=\"en\">/ {en}</span> <code>{}</code>: {n}</li>\n",
                esc(c)
            ),
            None => format!("<li><code>{}</code>: {n}</li>\n", esc(c)),
        })
        .collect();
    let n = |v: &str| per_verdict.get(v).copied().unwrap_or(0);
    format!(
        "<!doctype html>\n<html lang=\"ja\"><head><meta charset=\"utf-8\"><title>{title}</title>\
         <style>body{{font-family:sans-serif;max-width:50em;margin:2em auto;line-height:1.6}}\
         th,td{{border:1px solid #999;padding:.3em .6em;text-align:left}}table{{border-collapse:collapse}}</style>\
         </head><body>\n<h1>{title}</h1>\n<p>{org} · {made}</p>\n\
         <p>過去 365 日に、メンバーが hoshi で確認した不審メールの件数です（メールの内容は保存していません）。\
         <br><span lang=\"en\">Mails members checked with hoshi in the last 365 days (no mail content is kept).</span></p>\n\
         <p>合計 / total: {total} — 問題なし / ok: {ok} · 要注意 / suspicious: {sus} · 詐欺の疑いが強い / fraud: {fraud}</p>\n\
         <table><thead><tr><th>月 / month</th><th>ok</th><th>suspicious</th><th>fraud</th></tr></thead><tbody>\n{months}</tbody></table>\n\
         <h2>多く見つかった手口 / Signals found most</h2>\n<ul>\n{tricks}</ul>\n</body></html>\n",
        title = esc("不審メール確認の記録 / Suspicious mail checks"),
        org = esc(org),
        total = rows.len(),
        ok = n("ok"),
        sus = n("suspicious"),
        fraud = n("fraud"),
    )
}

/// `GET /o/{org}/mail/evidence[?a=ASSESSMENT]`
pub async fn attach_page(
    State(state): State<Shared>,
    Member { ctx, m, .. }: Member<Editor>,
    Query(q): Query<HashMap<String, String>>,
) -> AppResult<Response> {
    let chosen = q.get("a").cloned().unwrap_or_default();
    choose::page(
        &state,
        &ctx,
        &m,
        &spec(&ctx, &m),
        &chosen,
        FormState::default(),
    )
    .await
}

/// `POST /o/{org}/mail/evidence`
pub async fn attach(
    State(state): State<Shared>,
    OrgForm {
        member: Member { ctx, m, .. },
        form,
    }: OrgForm<Editor, Vec<(String, String)>>,
) -> AppResult<Response> {
    let n = now();
    let scope = m.scope().clone();
    let rows = state
        .db(move |s| s.read(|c| fraud::since(c, &scope, n - 365 * 86_400)))
        .await?;
    let made = hoshi_core::time::date_jst(n);
    let body = summary(&m.org.name, &rows, &made);
    let title = format!("{} {made}", ctx.t().s("mail_evidence_title"));
    let done = format!("/o/{}/mail?attached=1", m.org.id);
    choose::save(
        &state,
        &ctx,
        &m,
        &spec(&ctx, &m),
        &form,
        move |days| KeptFile {
            bytes: body.into_bytes(),
            file_name: format!("hoshi-mail-checks-{made}.html"),
            media_type: "text/html",
            title,
            expires: hoshi_core::time::date_jst(n + days * 86_400),
            effective: made,
        },
        done,
    )
    .await
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_summary_counts_per_verdict_month_and_signal() {
        let rows = vec![
            (
                1_780_000_000,
                "fraud".to_string(),
                "impersonated_officer,asks_channel_move".to_string(),
            ),
            (1_780_000_100, "ok".to_string(), String::new()),
            (
                1_785_000_000,
                "fraud".to_string(),
                "impersonated_officer".to_string(),
            ),
        ];
        let s = summary("北辰<工業>", &rows, "2026-12-03");
        assert!(s.contains("合計 / total: 3"), "{s}");
        assert!(s.contains("fraud: 2"));
        assert!(s.contains("<code>impersonated_officer</code>: 2"));
        assert!(s.contains("北辰&lt;工業&gt;"));
    }
}
