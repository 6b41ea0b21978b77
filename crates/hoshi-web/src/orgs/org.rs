//! Creating an organisation, its page, and its 法人番号.

use hoshi_core::Lang;
use hoshi_core::UserError;
use hoshi_store::assessments::{self};
use hoshi_store::orgs::{self};

use crate::kernel::ctx::Ctx;
use crate::kernel::prelude::*;

#[derive(Deserialize)]
pub struct NameForm {
    #[serde(default)]
    _csrf: String,
    #[serde(default)]
    name: String,
}

pub async fn create_org(
    State(state): State<Shared>,
    SignedForm { ctx, user, form: f }: SignedForm<NameForm>,
) -> AppResult<Response> {
    let uid = user.id.clone();
    let fs = FormState::new("new_org", &[("name", &f.name)]);
    let created = state
        .db(move |s| s.write(|tx| orgs::create(tx, now(), &uid, &f.name)))
        .await;
    match checked(created, fs, ctx.lang)? {
        Ok(org) => Ok(Redirect::to(&format!("/o/{}", org.id)).into_response()),
        Err(fs) => Ok(unprocessable(
            crate::account::render_home(&state, &ctx, fs).await?,
        )),
    }
}

struct AssessmentSummary {
    id: String,
    title: String,
    catalog: String,
    level: String,
    percent: u32,
    verdict: String,
}

/// A member as the organisation page lists them.
struct MemberRow {
    name: String,
    email: String,
    role_label: String,
    user_id: String,
    role: &'static str,
    /// Their title as an officer; empty when they are not one.
    officer_title: String,
}

#[derive(Template)]
#[template(path = "orgs/org.html")]
struct OrgT {
    p: Page,
    org_id: String,
    org_name: String,
    assessments: Vec<AssessmentSummary>,
    can_edit: bool,
    can_manage: bool,
    catalogs: Vec<(String, String)>,
    members: Vec<MemberRow>,
    invite_link: Option<String>,
    /// The organisation's declaration as a ★4 evaluation body: (accreditation, registration no.).
    body: Option<(String, String)>,
    /// 法人番号, printed in signed results.
    corporate_number: String,
    /// A form of this page shown again with its problems.
    fs: FormState,
    /// The buyers that asked this organisation for a level: (buyer, ★n, due date).
    asked: Vec<(String, String, String)>,
    /// Suppliers this organisation watches as a buyer (not archived).
    suppliers: i64,
}

/// Catalog and level choices for a new assessment: `id@edition:level`.
fn catalog_choices(state: &Shared, lang: Lang) -> Vec<(String, String)> {
    let mut out = Vec::new();
    for c in state.catalogs().iter() {
        for l in c.levels.iter().filter(|l| !l.summarised) {
            out.push((
                format!("{}:{}", c.pin(), l.rank),
                format!(
                    "{} — {} ({})",
                    l.label.get(lang),
                    c.framework.title.get(lang),
                    c.pin()
                ),
            ));
        }
    }
    out
}

pub(crate) async fn render_org(
    state: &Shared,
    ctx: &Ctx,
    m: &orgs::Membership,
    invite_link: Option<String>,
    fs: FormState,
) -> AppResult<Response> {
    let (oid, scope) = (m.org.id.clone(), m.scope().clone());
    let (rows, members, answers, (body, corporate_number, buyers, suppliers)) = state
        .db(move |s| {
            s.read(|c| {
                let rows = assessments::list(c, &scope)?;
                let members = orgs::members(c, &scope)?;
                let mut answers = Vec::new();
                for r in &rows {
                    answers.push(assessments::answers(c, &scope, &r.id)?);
                }
                let body = hoshi_store::evaluation::body_of(c, &oid)?
                    .map(|b| (b.accreditation, b.registration_number));
                let number = orgs::corporate_number(c, &scope)?.unwrap_or_default();
                let buyers = hoshi_store::supply::buyers(c, &scope)?;
                let (suppliers, _) = hoshi_store::supply::counts(c, &scope)?;
                Ok((rows, members, answers, (body, number, buyers, suppliers)))
            })
        })
        .await?;
    let t = ctx.t();
    let lang = ctx.lang;
    let summaries = rows
        .iter()
        .zip(&answers)
        .map(|(r, a)| {
            let (percent, verdict, level) = match catalog_for(state, r) {
                Ok(catalog) => {
                    let c = &*catalog;
                    let e = hoshi_core::evaluate_unchecked(c, &assessments::to_core(r, a, ""));
                    let label = c
                        .level(r.level)
                        .map(|l| l.label.get(lang).to_string())
                        .unwrap_or_default();
                    (e.overall.percent(), e.verdict_line(c, lang), label)
                }
                Err(_) => (0, String::new(), r.level.to_string()),
            };
            AssessmentSummary {
                id: r.id.clone(),
                title: r.title.clone(),
                catalog: format!("{}@{}", r.catalog, r.edition),
                level,
                percent,
                verdict,
            }
        })
        .collect();
    let mut p = Page::new(ctx, "orgs");
    p.title = m.org.name.clone();
    let asked = buyers
        .into_iter()
        .map(|(r, name, _)| {
            (
                name,
                format!("★{}", r.required_level),
                r.due_date.unwrap_or_default(),
            )
        })
        .collect();
    Ok(html(OrgT {
        asked,
        suppliers,
        p,
        org_id: m.org.id.clone(),
        org_name: m.org.name.clone(),
        assessments: summaries,
        can_edit: m.role.can_edit(),
        can_manage: m.role.can_manage(),
        catalogs: catalog_choices(state, lang),
        members: members
            .into_iter()
            .map(|x| MemberRow {
                role_label: role_label(&t, x.role),
                role: x.role.id(),
                officer_title: x.officer_title.unwrap_or_default(),
                name: x.display_name,
                email: x.email,
                user_id: x.user_id,
            })
            .collect(),
        invite_link,
        body,
        corporate_number,
        fs,
    }))
}

pub async fn org_page(
    State(state): State<Shared>,
    Member { ctx, m, .. }: Member<Viewer>,
) -> AppResult<Response> {
    render_org(&state, &ctx, &m, None, FormState::default()).await
}

#[derive(Deserialize)]
pub struct CorporateNumberForm {
    #[serde(default)]
    _csrf: String,
    #[serde(default)]
    corporate_number: String,
}

/// `POST /o/{org}/corporate-number`: an owner sets (or, blank, clears) the organisation's
/// 法人番号; the check digit is verified.
pub async fn set_corporate_number(
    State(state): State<Shared>,
    Path(org): Path<OrgId>,
    OrgForm {
        member: Member { ctx, m, .. },
        form: f,
    }: OrgForm<Owner, CorporateNumberForm>,
) -> AppResult<Response> {
    let number = if f.corporate_number.trim().is_empty() {
        None
    } else {
        match hoshi_core::corporate::validate(&f.corporate_number) {
            Ok(n) => Some(n),
            Err(e) => {
                let fs = FormState::new(
                    "corporate_number",
                    &[("corporate_number", &f.corporate_number)],
                )
                .problem(&UserError::CorporateNumber(e), ctx.lang);
                return Ok(unprocessable(render_org(&state, &ctx, &m, None, fs).await?));
            }
        }
    };
    let uid = ctx.user()?.0.id.clone();
    let oid = m.org.id.clone();
    state
        .db(move |s| {
            s.write(|tx| orgs::set_corporate_number(tx, now(), &uid, &oid, number.as_deref()))
        })
        .await?;
    Ok(Redirect::to(&format!("/o/{org}#corporate-number")).into_response())
}
