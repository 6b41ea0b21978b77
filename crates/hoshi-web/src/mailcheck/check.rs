//! Checking one mail: the page (upload or paste, the organisation's recent checks and counts),
//! and the verdict page. The mail is parsed and judged in memory and dropped; the record keeps
//! the verdict, score and signal codes.

use hoshi_fraud::judge::{Judgement, Verdict, judge};
use hoshi_fraud::message::{Address, parse};
use hoshi_fraud::profile::Profile;
use hoshi_store::fraud;

use crate::kernel::prelude::*;

#[derive(Template)]
#[template(path = "mailcheck/page.html")]
struct PageT {
    p: Page,
    org_id: String,
    org_name: String,
    is_owner: bool,
    has_profile: bool,
    /// The profile names no authserv-id: mail from the own domain can never be proved genuine.
    no_authserv: bool,
    counts: (i64, i64, i64),
    recent: Vec<(String, String, String, &'static str, i64)>,
    can_attach: bool,
    fs: FormState,
}

#[derive(Template)]
#[template(path = "mailcheck/result.html")]
struct ResultT {
    p: Page,
    org_id: String,
    org_name: String,
    verdict_class: &'static str,
    heading: String,
    from: String,
    subject: String,
    score: u32,
    reasons: Vec<String>,
    advice: String,
    ok: bool,
}

fn verdict_label(t: &Tr, v: &str) -> (String, &'static str) {
    match v {
        "fraud" => (t.s("mail_v_fraud").to_string(), "s-not-met"),
        "suspicious" => (t.s("mail_v_suspicious").to_string(), "s-partial"),
        _ => (t.s("mail_v_ok").to_string(), "s-met"),
    }
}

async fn stored_profile(
    state: &Shared,
    m: &hoshi_store::orgs::Membership,
) -> AppResult<Option<Profile>> {
    let scope = m.scope().clone();
    let stored = state
        .db(move |s| s.read(|c| fraud::profile(c, &scope)))
        .await?;
    // A stored profile was checked when saved; one that no longer reads (a newer format) is
    // treated as absent rather than failing the check.
    Ok(stored.and_then(|s| Profile::parse(&s.profile).ok()))
}

async fn render(
    state: &Shared,
    ctx: &Ctx,
    m: &hoshi_store::orgs::Membership,
    fs: FormState,
    attached: bool,
) -> AppResult<Response> {
    let scope = m.scope().clone();
    let since = now() - 365 * 86_400;
    let (has_profile, counts, recent) = state
        .db(move |s| {
            s.read(|c| {
                Ok((
                    fraud::profile(c, &scope)?,
                    fraud::counts(c, &scope, since)?,
                    fraud::recent(c, &scope, 20)?,
                ))
            })
        })
        .await?;
    let no_authserv = has_profile
        .as_ref()
        .and_then(|s| Profile::parse(&s.profile).ok())
        .is_some_and(|p| p.organisation.authserv_ids.is_empty());
    let has_profile = has_profile.is_some();
    let t = ctx.t();
    let recent = recent
        .into_iter()
        .map(|r| {
            let (label, class) = verdict_label(&t, &r.verdict);
            (
                ctx.time(r.checked_at),
                r.checked_by_name,
                label,
                class,
                r.score,
            )
        })
        .collect();
    let mut p = Page::new(ctx, "mail_title").flash(attached.then_some("mail_attached"));
    p.title = format!("{} — {}", t.s("mail_title"), m.org.name);
    Ok(html(PageT {
        p,
        org_id: m.org.id.clone(),
        org_name: m.org.name.clone(),
        is_owner: m.role == Role::Owner,
        has_profile,
        no_authserv,
        counts,
        recent,
        can_attach: m.role >= Role::Editor,
        fs,
    }))
}

/// `GET /o/{org}/mail`
pub async fn page(
    State(state): State<Shared>,
    Member { ctx, m, .. }: Member<Viewer>,
    Query(q): Query<std::collections::HashMap<String, String>>,
) -> AppResult<Response> {
    render(
        &state,
        &ctx,
        &m,
        FormState::default(),
        q.contains_key("attached"),
    )
    .await
}

/// Judges `raw`, records the verdict, shows it.
async fn judge_and_show(
    state: &Shared,
    ctx: &Ctx,
    m: &hoshi_store::orgs::Membership,
    raw: Vec<u8>,
) -> AppResult<Response> {
    let profile = stored_profile(state, m)
        .await?
        .unwrap_or_else(|| minimal(&m.org.name));
    let (msg, j): (hoshi_fraud::message::Message, Judgement) =
        tokio::task::spawn_blocking(move || {
            let msg = parse(&raw);
            let j = judge(&msg, &profile);
            (msg, j)
        })
        .await
        .map_err(|e| AppError::Internal(e.to_string()))?;
    let codes: Vec<&str> = j
        .reasons
        .iter()
        .filter(|r| r.points > 0)
        .map(|r| r.code)
        .collect();
    let (uid, org) = (ctx.user()?.0.id.clone(), m.org.id.clone());
    let (verdict, score, codes) = (j.verdict.code(), i64::from(j.score), codes.join(","));
    state
        .db(move |s| s.write(|tx| fraud::record(tx, now(), &uid, &org, verdict, score, &codes)))
        .await?;
    let t = ctx.t();
    let ja = ctx.lang == Lang::Ja;
    let (heading, verdict_class) = match j.verdict {
        Verdict::Fraud => (t.s("mail_verdict_fraud"), "s-not-met"),
        Verdict::Suspicious => (t.s("mail_verdict_suspicious"), "s-partial"),
        Verdict::Ok => (t.s("mail_verdict_ok"), "s-met"),
    };
    let from = msg.from.as_ref().map(Address::shown).unwrap_or_default();
    let mut p = Page::new(ctx, "mail_title");
    p.title = format!("{heading} — {}", m.org.name);
    Ok(html(ResultT {
        p,
        org_id: m.org.id.clone(),
        org_name: m.org.name.clone(),
        verdict_class,
        heading: heading.to_string(),
        from,
        subject: msg.subject.clone(),
        score: j.score,
        reasons: j
            .reasons
            .iter()
            .filter(|r| r.points > 0 || r.code == "bank_change_rule")
            .map(|r| if ja { r.ja.clone() } else { r.en.clone() })
            .collect(),
        advice: if ja { j.advice_ja } else { j.advice_en },
        ok: j.verdict == Verdict::Ok,
    }))
}

/// Without a profile the check still knows the free-mail list, look-alike tricks and what
/// fraud asks for; names and domains are unknown.
fn minimal(name: &str) -> Profile {
    Profile {
        format: hoshi_fraud::profile::FORMAT.into(),
        organisation: hoshi_fraud::profile::Organisation {
            name: name.to_string(),
            ..Default::default()
        },
        ..Default::default()
    }
}

/// `POST /o/{org}/mail/file` (multipart, field `file`)
pub async fn check_file(
    State(state): State<Shared>,
    upload: OrgUpload<Viewer>,
) -> AppResult<Response> {
    let (Member { ctx, m, .. }, up) = upload.read_or_problem(state.config.max_upload).await?;
    let fs = FormState::new("check", &[]);
    match up {
        Ok(up) if !up.bytes.is_empty() => judge_and_show(&state, &ctx, &m, up.bytes).await,
        Ok(_) => Ok(unprocessable(
            render(
                &state,
                &ctx,
                &m,
                fs.problem(&hoshi_core::UserError::FraudMailMissing, ctx.lang),
                false,
            )
            .await?,
        )),
        Err(e) => Ok(unprocessable(
            render(&state, &ctx, &m, fs.problem(&e, ctx.lang), false).await?,
        )),
    }
}

#[derive(Deserialize, Default)]
pub struct SourceForm {
    #[serde(default)]
    _csrf: String,
    #[serde(default)]
    source: String,
}

/// `POST /o/{org}/mail/source` (the pasted source)
pub async fn check_source(
    State(state): State<Shared>,
    OrgForm {
        member: Member { ctx, m, .. },
        form,
    }: OrgForm<Viewer, SourceForm>,
) -> AppResult<Response> {
    if form.source.trim().is_empty() {
        let fs = FormState::new("check", &[])
            .problem(&hoshi_core::UserError::FraudMailMissing, ctx.lang);
        return Ok(unprocessable(render(&state, &ctx, &m, fs, false).await?));
    }
    // A pasted mail has lost its line ends' carriage returns, and often leading blank lines.
    let raw = form.source.trim_start().replace("\r\n", "\n").into_bytes();
    judge_and_show(&state, &ctx, &m, raw).await
}
