//! The organisation profile the mail check uses: owners edit the `hoshi-fraud-profile/1` text;
//! a mistake comes back at the field with its line and column and nothing is saved; the save
//! goes over the revision the owner saw. Until one is saved, a draft is made from what hoshi
//! holds: the organisation's name, its members (officer titles, the domain most of them use)
//! and the suppliers of its portfolio (names and their contacts' domains).

use hoshi_core::UserError;
use hoshi_fraud::profile::Profile;
use hoshi_store::fraud;

use crate::kernel::prelude::*;

#[derive(Template)]
#[template(path = "mailcheck/profile.html")]
struct ProfileT {
    p: Page,
    org_id: String,
    org_name: String,
    text: String,
    rev: i64,
    updated: String,
    fs: FormState,
}

fn quote(s: &str) -> String {
    let mut o = String::from("\"");
    for c in s.chars() {
        match c {
            '"' => o.push_str("\\\""),
            '\\' => o.push_str("\\\\"),
            c if c.is_control() => {}
            c => o.push(c),
        }
    }
    o.push('"');
    o
}

fn domain_of(email: &str) -> Option<String> {
    email
        .rsplit_once('@')
        .map(|(_, d)| d.trim().to_ascii_lowercase())
        .filter(|d| d.contains('.'))
}

/// A first profile from the organisation's members and suppliers.
fn draft(
    org: &str,
    members: &[hoshi_store::orgs::Member],
    suppliers: &[hoshi_store::supply::PortfolioRow],
    lang: Lang,
) -> String {
    let probe = Profile::default();
    let mut domains: Vec<(String, usize)> = Vec::new();
    for m in members {
        if let Some(d) = domain_of(&m.email).filter(|d| !probe.free_mail(d)) {
            match domains.iter_mut().find(|(x, _)| *x == d) {
                Some(e) => e.1 += 1,
                None => domains.push((d, 1)),
            }
        }
    }
    domains.sort_by_key(|d| std::cmp::Reverse(d.1));
    let own: Vec<String> = domains.iter().map(|(d, _)| quote(d)).collect();
    let ja = lang == Lang::Ja;
    let mut o = String::new();
    o.push_str("format = \"hoshi-fraud-profile/1\"\n");
    o.push_str(if ja {
        "# 共有のメールボックス、追加のフリーメール、メーリングリストのドメイン（任意）\n"
    } else {
        "# shared mailboxes, extra free-mail domains, mailing-list domains (optional)\n"
    });
    o.push_str("shared_mailboxes = []\nfree_mail = []\nlists = []\n\n[organisation]\n");
    o.push_str(&format!("name = {}\n", quote(org)));
    o.push_str(&format!("domains = [{}]\n", own.join(", ")));
    o.push_str(if ja {
        "# 自社のメールサーバーが Authentication-Results に書く名前（例: mx1.example.co.jp）\n"
    } else {
        "# the name your mail server writes in Authentication-Results (e.g. mx1.example.co.jp)\n"
    });
    o.push_str("authserv_ids = []\n\n[rules]\nbank_change_confirmed_by_phone = true\n");
    for m in members {
        o.push_str("\n[[people]]\n");
        o.push_str(&format!("name = {}\n", quote(&m.display_name)));
        o.push_str("kana = \"\"\nromaji = \"\"\n");
        o.push_str(&format!(
            "role = {}\nofficer = {}\n",
            quote(m.officer_title.as_deref().unwrap_or("")),
            m.officer_title.is_some()
        ));
        o.push_str(&format!("addresses = [{}]\n", quote(&m.email)));
    }
    for s in suppliers {
        let r = &s.relationship;
        o.push_str("\n[[partners]]\n");
        o.push_str(&format!("name = {}\n", quote(&r.supplier_name)));
        let d: Vec<String> = domain_of(&r.contact_email)
            .filter(|d| !probe.free_mail(d))
            .map(|d| quote(&d))
            .into_iter()
            .collect();
        o.push_str(&format!(
            "domains = [{}]\ndkim_domains = [{}]\n",
            d.join(", "),
            d.join(", ")
        ));
        if !r.contact_name.is_empty() {
            o.push_str(&format!("contacts = [{}]\n", quote(&r.contact_name)));
        }
    }
    o
}

async fn render(
    state: &Shared,
    ctx: &Ctx,
    m: &hoshi_store::orgs::Membership,
    fs: FormState,
    flash: bool,
) -> AppResult<Response> {
    let scope = m.scope().clone();
    let (stored, members, suppliers) = state
        .db(move |s| {
            s.read(|c| {
                Ok((
                    fraud::profile(c, &scope)?,
                    hoshi_store::orgs::members(c, &scope)?,
                    hoshi_store::supply::portfolio(c, &scope)?,
                ))
            })
        })
        .await?;
    let t = ctx.t();
    let (text, rev, updated) = match &stored {
        Some(s) => (
            s.profile.clone(),
            s.rev,
            format!("{} · {}", ctx.time(s.updated_at), s.updated_by_name),
        ),
        None => (
            draft(&m.org.name, &members, &suppliers, ctx.lang),
            0,
            t.s("mail_profile_draft").to_string(),
        ),
    };
    let mut p = Page::new(ctx, "mail_profile_title").flash(flash.then_some("mail_profile_saved"));
    p.title = format!("{} — {}", t.s("mail_profile_title"), m.org.name);
    Ok(html(ProfileT {
        p,
        org_id: m.org.id.clone(),
        org_name: m.org.name.clone(),
        text: fs.value("profile", "profile", &text).to_string(),
        rev,
        updated,
        fs,
    }))
}

#[derive(Deserialize, Default)]
pub struct ProfileQuery {
    #[serde(default)]
    saved: Option<String>,
}

/// `GET /o/{org}/mail/profile` (owners)
pub async fn profile_page(
    State(state): State<Shared>,
    Member { ctx, m, .. }: Member<Owner>,
    Query(q): Query<ProfileQuery>,
) -> AppResult<Response> {
    render(&state, &ctx, &m, FormState::default(), q.saved.is_some()).await
}

#[derive(Deserialize, Default)]
pub struct ProfileForm {
    #[serde(default)]
    _csrf: String,
    #[serde(default)]
    rev: String,
    #[serde(default)]
    profile: String,
}

/// `POST /o/{org}/mail/profile` (owners)
pub async fn save(
    State(state): State<Shared>,
    OrgForm {
        member: Member { ctx, m, .. },
        form: f,
    }: OrgForm<Owner, ProfileForm>,
) -> AppResult<Response> {
    let fs = FormState::new("profile", &[("profile", &f.profile)]);
    let rev: i64 = f
        .rev
        .parse()
        .map_err(|_| AppError::BadRequest(UserError::BadRequest))?;
    let text = f.profile.replace("\r\n", "\n");
    let done = match Profile::parse(&text) {
        Err(e) => Err(AppError::BadRequest(UserError::FraudProfileBad {
            place: match (e.line, e.column) {
                (Some(l), Some(c)) => format!("{l}:{c}"),
                _ => String::new(),
            },
            detail_ja: e.message_ja,
            detail_en: e.message,
        })),
        Ok(_) if text.len() > 1024 * 1024 => Err(AppError::BadRequest(UserError::TooLong {
            field: "profile",
            max: 1024 * 1024,
        })),
        Ok(_) => {
            let (uid, org) = (ctx.user()?.0.id.clone(), m.org.id.clone());
            state
                .db(move |s| s.write(|tx| fraud::save_profile(tx, now(), &uid, &org, rev, &text)))
                .await
        }
    };
    match checked(done, fs, ctx.lang)? {
        Ok(()) => {
            Ok(Redirect::to(&format!("/o/{}/mail/profile?saved=1", m.org.id)).into_response())
        }
        Err(fs) => Ok(unprocessable(render(&state, &ctx, &m, fs, false).await?)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_draft_is_a_valid_profile() {
        let members = vec![hoshi_store::orgs::Member {
            user_id: "u".into(),
            email: "t.hoshikawa@hoshikawa-seiki.co.jp".into(),
            display_name: "星川 \"太郎\"".into(),
            role: Role::Owner,
            officer_title: Some("代表取締役".into()),
        }];
        for lang in [Lang::Ja, Lang::En] {
            let text = draft("星川精機株式会社", &members, &[], lang);
            let p = Profile::parse(&text).unwrap_or_else(|e| panic!("{e}\n{text}"));
            assert!(p.own_domain("hoshikawa-seiki.co.jp"));
            assert!(p.people[0].officer);
        }
    }
}
