//! One category's criteria with their answers and evidence.

use hoshi_core::Status;

use crate::evidence::EvidenceView;
use crate::kernel::ctx::Ctx;
use crate::kernel::prelude::*;

/// `?saved=1` after a save: the page says so. `?show=` narrows the list.
#[derive(Deserialize, Default)]
pub struct SavedQuery {
    saved: Option<String>,
    #[serde(default)]
    show: String,
}

/// Which criteria the page lists.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(super) enum Show {
    #[default]
    All,
    /// Not yet met: unanswered, partly or not implemented.
    Open,
    Unanswered,
    /// With a comment from the expert.
    Commented,
}

impl Show {
    fn parse(s: &str) -> Show {
        match s {
            "open" => Show::Open,
            "unanswered" => Show::Unanswered,
            "commented" => Show::Commented,
            _ => Show::All,
        }
    }

    fn id(self) -> &'static str {
        match self {
            Show::All => "",
            Show::Open => "open",
            Show::Unanswered => "unanswered",
            Show::Commented => "commented",
        }
    }

    /// Whether this filter lists `c` (a criterion shown again with a problem always is).
    fn lists(self, c: &CritView) -> bool {
        c.failed()
            || match self {
                Show::All => true,
                Show::Open => matches!(c.status.as_str(), "unanswered" | "partial" | "not-met"),
                Show::Unanswered => c.status == "unanswered",
                Show::Commented => !c.comments.is_empty(),
            }
    }
}
use super::overview::load;

struct CritView {
    evidence_items: Vec<EvidenceView>,
    /// Expert comments: (author, time, text).
    comments: Vec<(String, String, String)>,
    id: String,
    text: String,
    guidance: String,
    evidence_examples: Vec<String>,
    status: String,
    status_label: String,
    reason: String,
    evidence: String,
    note: String,
    version: i64,
    updated: String,
    /// What is wrong with what was typed here: (field, message).
    problems: Vec<(Option<&'static str>, String)>,
    /// Someone else saved this criterion meanwhile: their answer (status, reason, evidence, note).
    theirs: Option<(String, String, String, String)>,
    /// hoshi's exposure check speaks to this criterion (a link to it is shown).
    scan: bool,
}

impl CritView {
    /// The message beside `field`, if any.
    fn error(&self, field: &str) -> Option<&str> {
        self.problems
            .iter()
            .find(|(f, _)| *f == Some(field))
            .map(|(_, m)| m.as_str())
    }

    /// Whether this criterion's answer comes back with problems or a conflict.
    fn failed(&self) -> bool {
        !self.problems.is_empty() || self.theirs.is_some()
    }
}

struct ReqView {
    id: String,
    title: String,
    text: String,
    criteria: Vec<CritView>,
}

#[derive(Template)]
#[template(path = "assessments/category.html")]
struct CategoryT {
    p: Page,
    /// The evidence form shown again (at its criterion), or page-level problems ("answers").
    fs: FormState,
    org_id: String,
    org_name: String,
    id: String,
    title: String,
    category: String,
    category_id: String,
    all_categories: Vec<(String, String)>,
    requirements: Vec<ReqView>,
    statuses: Vec<(String, String)>,
    can_edit: bool,
    /// The review has the answers: nothing can be changed until it is withdrawn or returned.
    locked: bool,
    /// The supplier may answer the reviewer's comments now.
    can_reply: bool,
    /// The largest file the server takes, in MB and bytes, and what to say above it.
    max_mb: usize,
    max_bytes: usize,
    too_large: String,
    org_evidence: Vec<(String, String)>,
    /// The filter in use, and how many criteria each filter lists (all, open, unanswered,
    /// commented).
    show: &'static str,
    counts: [usize; 4],
    /// The first criterion on the page without an answer.
    first_unanswered: Option<String>,
    /// Overdue recurring checks per criterion (the yearly cycle).
    cycle: crate::cycle::Warnings,
}

pub async fn category_page(
    State(state): State<Shared>,
    Member { ctx, m, .. }: Member<Viewer>,
    Path((_, id, cat)): Path<(OrgId, AssessmentId, String)>,
    Query(q): Query<SavedQuery>,
) -> AppResult<Response> {
    let saved = q.saved.is_some();
    let again = Again {
        show: Show::parse(&q.show),
        ..Again::default()
    };
    render_category(&state, &ctx, &m, (&id, &cat), saved, again).await
}

/// What the user typed into one criterion's answer fields, and what is wrong with it.
pub(super) struct Typed {
    /// The version of the answer the form was made from.
    pub version: i64,
    pub status: String,
    pub reason: String,
    pub evidence: String,
    pub note: String,
    /// (field, message)
    pub problems: Vec<(Option<&'static str>, String)>,
    /// Someone else saved meanwhile: their answer as the page shows it.
    pub theirs: Option<(String, String, String, String)>,
}

/// The page shown again: what was typed per criterion (nothing of it saved), and the evidence
/// form or a page-level problem in `fs`.
#[derive(Default)]
pub(super) struct Again {
    pub typed: std::collections::HashMap<String, Typed>,
    pub fs: FormState,
    /// Which criteria the page lists.
    pub show: Show,
}

/// What is stored for the assessment, read once for the whole page.
struct Stored<'a> {
    answers: &'a std::collections::BTreeMap<String, hoshi_store::assessments::AnswerRow>,
    linked: &'a [(String, hoshi_store::evidence::Evidence)],
    comments: &'a [hoshi_store::reviews::Comment],
    today: String,
    /// The reader's time zone, for the comments' and answers' times.
    zone: hoshi_core::time::Zone,
}

impl Stored<'_> {
    /// One evidence item as the page lists it.
    fn evidence(&self, e: &hoshi_store::evidence::Evidence) -> EvidenceView {
        EvidenceView {
            id: e.id.clone(),
            title: e.title.clone(),
            kind: e.kind.clone(),
            detail: e.file_name.clone().or(e.url.clone()).unwrap_or_default(),
            dates: match &e.expires_date {
                Some(x) => format!("{} – {x}", e.effective_date),
                None => format!("{} –", e.effective_date),
            },
            expired: e.expired(&self.today),
        }
    }

    /// One criterion with its answer (or what was typed, when its form is shown again), its
    /// evidence and the expert's comments.
    fn criterion(
        &self,
        cr: &hoshi_core::Criterion,
        again: &Again,
        lang: hoshi_core::Lang,
    ) -> CritView {
        let a = self.answers.get(&cr.id);
        let ans = a.map(|x| x.answer.clone()).unwrap_or_default();
        let typed_here = again.typed.get(&cr.id);
        let typed = |field: &str, stored: String| match typed_here {
            Some(t) => match field {
                "status" => t.status.clone(),
                "reason" => t.reason.clone(),
                "evidence" => t.evidence.clone(),
                _ => t.note.clone(),
            },
            None => stored,
        };
        CritView {
            scan: hoshi_scan::view::TESTED.contains(&cr.id.as_str())
                || hoshi_scan::view::REFUTED_ONLY.contains(&cr.id.as_str()),
            comments: self
                .comments
                .iter()
                .filter(|m| m.criterion_id == cr.id)
                .map(|m| {
                    (
                        m.author_name.clone(),
                        self.zone.minutes(m.created_at),
                        m.body.clone(),
                    )
                })
                .collect(),
            evidence_items: self
                .linked
                .iter()
                .filter(|(k, _)| k == &cr.id)
                .map(|(_, e)| self.evidence(e))
                .collect(),
            id: cr.id.clone(),
            text: cr.text.get(lang).to_string(),
            guidance: cr.guidance.get(lang).to_string(),
            evidence_examples: cr.evidence.get(lang).to_vec(),
            status: typed("status", ans.status.id().to_string()),
            status_label: ans.status.label().get(lang).to_string(),
            reason: typed("reason", ans.reason),
            evidence: typed("evidence", ans.evidence.join("\n")),
            note: typed("note", ans.note),
            version: typed_here
                .map(|t| t.version)
                .unwrap_or_else(|| a.map(|x| x.version).unwrap_or(0)),
            updated: a
                .map(|x| self.zone.minutes(x.updated_at))
                .unwrap_or_default(),
            problems: typed_here.map(|t| t.problems.clone()).unwrap_or_default(),
            theirs: typed_here.and_then(|t| t.theirs.clone()),
        }
    }
}

#[derive(Template)]
#[template(path = "assessments/table.html")]
struct TableT {
    p: Page,
    org_id: String,
    org_name: String,
    id: String,
    title: String,
    /// Each category of the level with its criteria, in the official order.
    categories: Vec<(String, Vec<CritView>)>,
    statuses: Vec<(String, String)>,
    can_edit: bool,
    locked: bool,
    fs: FormState,
    /// How many criteria the level has, and how many are still unanswered.
    total: usize,
    unanswered: usize,
}

/// `GET /o/{org}/a/{id}/table`: every criterion of the level in one compact table, the way
/// suppliers know the official workbook (status, reason, evidence, note per row).
pub async fn table_page(
    State(state): State<Shared>,
    Member { ctx, m, .. }: Member<Viewer>,
    Path((_, id)): Path<(OrgId, AssessmentId)>,
    Query(q): Query<SavedQuery>,
) -> AppResult<Response> {
    render_table(&state, &ctx, &m, &id, q.saved.is_some(), Again::default()).await
}

/// The compact table; `again` puts back what was typed and says what is wrong with it.
pub(super) async fn render_table(
    state: &Shared,
    ctx: &Ctx,
    m: &hoshi_store::orgs::Membership,
    id: &str,
    saved: bool,
    again: Again,
) -> AppResult<Response> {
    let (row, answers) = load(state, m, id).await?;
    let catalog = catalog_for(state, &row)?;
    let c = &*catalog;
    let (aid, scope) = (row.id.clone(), m.scope().clone());
    let (linked, comments, review) = state
        .db(move |s| {
            s.read(|c| {
                Ok((
                    hoshi_store::evidence::for_assessment(c, &scope, &aid)?,
                    hoshi_store::reviews::comments(c, &scope, &aid)?,
                    hoshi_store::reviews::get(c, &scope, &aid)?,
                ))
            })
        })
        .await?;
    let locked = review
        .as_ref()
        .is_some_and(|r| !r.status.answers_editable());
    let lang = ctx.lang;
    let stored = Stored {
        answers: &answers,
        linked: &linked,
        comments: &comments,
        today: crate::kernel::time::today(),
        zone: ctx.zone(),
    };
    let in_level: Vec<&hoshi_core::Criterion> = c.criteria_for_level(row.level).collect();
    let categories: Vec<(String, Vec<CritView>)> = c
        .categories
        .iter()
        .map(|k| {
            let rows: Vec<CritView> = in_level
                .iter()
                .filter(|cr| c.category_of(cr).map(|x| &x.id) == Some(&k.id))
                .map(|cr| stored.criterion(cr, &again, lang))
                .collect();
            (format!("{} {}", k.id, k.name.get(lang)), rows)
        })
        .filter(|(_, rows)| !rows.is_empty())
        .collect();
    let total = in_level.len();
    let unanswered = categories
        .iter()
        .flat_map(|(_, r)| r)
        .filter(|v| v.status == "unanswered")
        .count();
    let mut p = Page::new(ctx, "table_view").flash(saved.then_some("saved"));
    p.title = format!("{} — {}", ctx.t().s("table_view"), row.title);
    Ok(html(TableT {
        p,
        org_id: m.org.id.clone(),
        org_name: m.org.name.clone(),
        id: row.id.clone(),
        title: row.title.clone(),
        categories,
        statuses: Status::ALL
            .iter()
            .map(|s| (s.id().to_string(), s.label().get(lang).to_string()))
            .collect(),
        can_edit: m.role.can_edit() && !locked,
        locked,
        fs: again.fs,
        total,
        unanswered,
    }))
}

/// The category page with the evidence form of one criterion shown again (`fs` is at the
/// criterion).
pub(crate) async fn render_evidence_again(
    state: &Shared,
    ctx: &Ctx,
    m: &hoshi_store::orgs::Membership,
    page: (&str, &str),
    fs: FormState,
) -> AppResult<Response> {
    let again = Again {
        fs,
        ..Again::default()
    };
    render_category(state, ctx, m, page, false, again).await
}

/// The category's requirements with the criteria the filter lists; also how many criteria each
/// filter would list and the first unanswered criterion listed.
fn list_requirements(
    c: &hoshi_core::Catalog,
    category: &str,
    in_level: &[&hoshi_core::Criterion],
    stored: &Stored<'_>,
    again: &Again,
    lang: hoshi_core::Lang,
) -> (Vec<ReqView>, [usize; 4], Option<String>) {
    let mut counts = [0usize; 4];
    let mut first_unanswered = None;
    let requirements = c
        .requirements
        .iter()
        .filter(|r| r.category == category)
        .filter_map(|r| {
            let criteria: Vec<CritView> = in_level
                .iter()
                .filter(|cr| cr.requirement == r.id)
                .map(|cr| stored.criterion(cr, again, lang))
                .inspect(|v| {
                    for (i, s) in [Show::All, Show::Open, Show::Unanswered, Show::Commented]
                        .into_iter()
                        .enumerate()
                    {
                        counts[i] += usize::from(s.lists(v));
                    }
                })
                .filter(|v| again.show.lists(v))
                .inspect(|v| {
                    if v.status == "unanswered" && first_unanswered.is_none() {
                        first_unanswered = Some(v.id.clone());
                    }
                })
                .collect();
            (!criteria.is_empty()).then(|| ReqView {
                id: r.id.clone(),
                title: r.title.get(lang).to_string(),
                text: r.text.get(lang).to_string(),
                criteria,
            })
        })
        .collect::<Vec<_>>();
    (requirements, counts, first_unanswered)
}

/// One category's page. `again` puts back what the user typed and says what is wrong with it.
pub(super) async fn render_category(
    state: &Shared,
    ctx: &Ctx,
    m: &hoshi_store::orgs::Membership,
    (id, cat): (&str, &str),
    saved: bool,
    again: Again,
) -> AppResult<Response> {
    let (row, answers) = load(state, m, id).await?;
    let catalog = catalog_for(state, &row)?;
    let c = &*catalog;
    let category = c.category(cat).ok_or(AppError::NotFound)?;
    let (aid, scope) = (row.id.clone(), m.scope().clone());
    let (linked, all_evidence, comments, review) = state
        .db(move |s| {
            s.read(|c| {
                Ok((
                    hoshi_store::evidence::for_assessment(c, &scope, &aid)?,
                    hoshi_store::evidence::list(c, &scope)?,
                    hoshi_store::reviews::comments(c, &scope, &aid)?,
                    hoshi_store::reviews::get(c, &scope, &aid)?,
                ))
            })
        })
        .await?;
    // Submitted, in review or confirmed: the answers are read-only here.
    let locked = review
        .as_ref()
        .is_some_and(|r| !r.status.answers_editable());
    let can_reply = m.role.can_edit() && review.is_some_and(|r| r.status.takes_replies());
    let lang = ctx.lang;
    let in_level: Vec<&hoshi_core::Criterion> = c.criteria_for_level(row.level).collect();
    let stored = Stored {
        answers: &answers,
        linked: &linked,
        comments: &comments,
        today: crate::kernel::time::today(),
        zone: ctx.zone(),
    };
    let (requirements, counts, first_unanswered) =
        list_requirements(c, &category.id, &in_level, &stored, &again, lang);
    let cycle = crate::cycle::overdue_warnings(state, m.scope(), lang).await?;
    if counts[0] == 0 {
        return Err(AppError::NotFound);
    }
    let mut p = Page::new(ctx, "categories").flash(saved.then_some("saved"));
    p.title = format!(
        "{} {} — {}",
        category.id,
        category.name.get(lang),
        row.title
    );
    let all_categories = c
        .categories
        .iter()
        .filter(|k| {
            in_level
                .iter()
                .any(|cr| c.category_of(cr).map(|x| &x.id) == Some(&k.id))
        })
        .map(|k| (k.id.clone(), k.name.get(lang).to_string()))
        .collect();
    Ok(html(CategoryT {
        p,
        org_id: m.org.id.clone(),
        org_name: m.org.name.clone(),
        id: row.id.clone(),
        title: row.title.clone(),
        category: format!("{} {}", category.id, category.name.get(lang)),
        category_id: category.id.clone(),
        all_categories,
        requirements,
        statuses: Status::ALL
            .iter()
            .map(|s| (s.id().to_string(), s.label().get(lang).to_string()))
            .collect(),
        can_edit: m.role.can_edit() && !locked,
        locked,
        can_reply,
        max_mb: state.config.max_upload.div_ceil(1024 * 1024),
        max_bytes: state.config.max_upload,
        too_large: hoshi_core::UserError::EvidenceTooLarge {
            max_mb: state.config.max_upload.div_ceil(1024 * 1024),
        }
        .message(lang),
        org_evidence: all_evidence
            .iter()
            .map(|e| (e.id.clone(), format!("{} ({})", e.title, e.effective_date)))
            .collect(),
        fs: again.fs,
        show: again.show.id(),
        counts,
        first_unanswered,
        cycle,
    }))
}

#[derive(Deserialize)]
pub struct ReplyForm {
    #[serde(default)]
    _csrf: String,
    #[serde(default)]
    body: String,
}

/// `POST /o/{org}/a/{id}/comments/{crit}`: the supplier answers the reviewer's comments on a
/// criterion (in review, or after a return); a refusal comes back beside that criterion.
pub async fn reply(
    State(state): State<Shared>,
    Path((org, id, crit)): Path<(OrgId, AssessmentId, String)>,
    OrgForm {
        member: Member { ctx, m, .. },
        form: f,
    }: OrgForm<Editor, ReplyForm>,
) -> AppResult<Response> {
    let (row, c) = assessment_and_catalog(&state, m.scope(), &id).await?;
    let c = &*c;
    let category = crate::kernel::page::category_of_criterion(c, &row, &crit)?;
    let fs = FormState::new("reply", &[("body", &f.body)]).at(&crit);
    let (uid, oid, aid, cid) = (
        ctx.user()?.0.id.clone(),
        m.org.id.clone(),
        row.id.clone(),
        crit.clone(),
    );
    let done = state
        .db(move |s| {
            s.write(|tx| hoshi_store::reviews::reply(tx, now(), &uid, &oid, &aid, &cid, &f.body))
        })
        .await;
    match checked(done, fs, ctx.lang)? {
        Ok(()) => {
            Ok(Redirect::to(&format!("/o/{org}/a/{id}/c/{category}#c-{crit}")).into_response())
        }
        Err(fs) => {
            let again = Again {
                fs,
                ..Again::default()
            };
            let page = render_category(&state, &ctx, &m, (&id, &category), false, again).await?;
            Ok(unprocessable(page))
        }
    }
}
