//! One asset: its page (details, software list, what the latest patch report found on it), the
//! form to add or change it (saved only over the revision the member saw), deleting it, and
//! uploading its software list.

use hoshi_core::asset::{AssetInput, AssetKind};
use hoshi_core::{AssetId, UserError};
use hoshi_store::assets::{self, Asset, FileRef, Software};
use hoshi_vulns::report::{Report, ReportFinding, severity_label};
use sha2::Digest as _;

use super::register::{kind_label, support_status, today};
use crate::kernel::prelude::*;

/// Software rows shown on the page; the rest are counted.
const SHOWN_SOFTWARE: usize = 500;

#[derive(Deserialize, Default)]
pub struct AssetForm {
    #[serde(default)]
    _csrf: String,
    #[serde(default)]
    rev: String,
    #[serde(default)]
    tag: String,
    #[serde(default)]
    kind: String,
    #[serde(default)]
    name: String,
    #[serde(default)]
    maker: String,
    #[serde(default)]
    model: String,
    #[serde(default)]
    os: String,
    #[serde(default)]
    version: String,
    #[serde(default)]
    cpe: String,
    #[serde(default)]
    owner: String,
    #[serde(default)]
    location: String,
    #[serde(default)]
    maintainer: String,
    #[serde(default)]
    support_end: String,
    #[serde(default)]
    notes: String,
}

impl AssetForm {
    fn input(&self) -> AssetInput {
        AssetInput {
            tag: self.tag.clone(),
            kind: self.kind.clone(),
            name: self.name.clone(),
            maker: self.maker.clone(),
            model: self.model.clone(),
            os: self.os.clone(),
            version: self.version.clone(),
            cpe: self.cpe.clone(),
            owner: self.owner.clone(),
            location: self.location.clone(),
            maintainer: self.maintainer.clone(),
            support_end: self.support_end.clone(),
            notes: self.notes.clone(),
        }
    }

    fn state(&self) -> FormState {
        FormState::new(
            "asset",
            &[
                ("tag", &self.tag),
                ("kind", &self.kind),
                ("name", &self.name),
                ("maker", &self.maker),
                ("model", &self.model),
                ("os", &self.os),
                ("version", &self.version),
                ("cpe", &self.cpe),
                ("owner", &self.owner),
                ("location", &self.location),
                ("maintainer", &self.maintainer),
                ("support_end", &self.support_end),
                ("notes", &self.notes),
            ],
        )
    }
}

/// One text field of the form, with its label and hint in the member's language.
struct Field {
    name: &'static str,
    label: String,
    value: String,
    hint: String,
    wide: bool,
}

fn fields(t: &Tr, fs: &FormState, a: &AssetInput) -> Vec<Field> {
    let f = |name: &'static str, label: &str, v: &str, hint: &str| Field {
        name,
        label: label.to_string(),
        value: fs.value("asset", name, v).to_string(),
        hint: hint.to_string(),
        wide: matches!(name, "name" | "cpe" | "notes"),
    };
    vec![
        f("tag", t.s("assets_tag"), &a.tag, ""),
        f("name", t.s("assets_name"), &a.name, ""),
        f("maker", t.s("assets_maker"), &a.maker, ""),
        f("model", t.s("assets_model"), &a.model, ""),
        f("os", t.s("assets_os"), &a.os, ""),
        f("version", t.s("assets_version"), &a.version, ""),
        f("cpe", t.s("assets_cpe"), &a.cpe, t.s("assets_cpe_hint")),
        f("owner", t.s("assets_owner"), &a.owner, ""),
        f("location", t.s("assets_location"), &a.location, ""),
        f("maintainer", t.s("assets_maintainer"), &a.maintainer, ""),
        f(
            "support_end",
            t.s("assets_support_end"),
            &a.support_end,
            t.s("assets_support_end_hint"),
        ),
    ]
}

struct FindingRow {
    severity: String,
    severity_class: &'static str,
    product: String,
    id: String,
    kev: bool,
    overdue: bool,
    fixed: String,
}

#[derive(Template)]
#[template(path = "assets/asset.html")]
struct AssetT {
    p: Page,
    org_id: String,
    org_name: String,
    can_edit: bool,
    is_owner: bool,
    /// Empty for a new asset.
    id: String,
    heading: String,
    rev: i64,
    fs: FormState,
    fields: Vec<Field>,
    kinds: Vec<(String, String)>,
    kind: String,
    notes: String,
    summary: Vec<(String, String)>,
    support_class: &'static str,
    support_note: String,
    inventory: Option<String>,
    software: Vec<Software>,
    software_more: usize,
    findings: Vec<FindingRow>,
    report_id: String,
}

pub(super) fn severity_class(s: &str) -> &'static str {
    match s {
        "critical" | "high" => "s-not-met",
        "medium" => "s-partial",
        _ => "s-unanswered",
    }
}

fn finding_row(f: &ReportFinding, lang: Lang) -> FindingRow {
    FindingRow {
        severity: severity_label(&f.severity, lang).to_string(),
        severity_class: severity_class(&f.severity),
        product: format!(
            "{} {}",
            f.component.name,
            f.component.version.as_deref().unwrap_or("")
        ),
        id: f.id.clone(),
        kev: f.kev,
        overdue: f.overdue,
        fixed: f.fixed.join(", "),
    }
}

struct Shown {
    asset: Option<Asset>,
    inventory: Option<hoshi_store::assets::Inventory>,
    software: Vec<Software>,
    latest: Option<(String, Report)>,
}

async fn load(
    state: &Shared,
    m: &hoshi_store::orgs::Membership,
    id: Option<String>,
) -> AppResult<Shown> {
    let scope = m.scope().clone();
    let Some(id) = id else {
        return Ok(Shown {
            asset: None,
            inventory: None,
            software: Vec::new(),
            latest: None,
        });
    };
    state
        .db(move |s| {
            s.read(|c| {
                let asset = assets::get(c, &scope, &id)?;
                let (inventory, software) = assets::software(c, &scope, &id)?;
                let latest = match assets::reports(c, &scope, 1)?.first() {
                    Some(r) => {
                        let (_, json) = assets::report(c, &scope, &r.id)?;
                        Report::parse(&json).ok().map(|rep| (r.id.clone(), rep))
                    }
                    None => None,
                };
                Ok(Shown {
                    asset: Some(asset),
                    inventory,
                    software,
                    latest,
                })
            })
        })
        .await
}

async fn render(
    state: &Shared,
    ctx: &Ctx,
    m: &hoshi_store::orgs::Membership,
    id: Option<String>,
    fs: FormState,
) -> AppResult<Response> {
    let shown = load(state, m, id).await?;
    let t = ctx.t();
    let input = shown
        .asset
        .as_ref()
        .map(|a| a.input.clone())
        .unwrap_or_default();
    let today = today();
    let (support_class, support_note) = support_status(&t, &input.support_end, &today);
    let summary = if shown.asset.is_some() {
        vec![
            (
                t.s("assets_kind").to_string(),
                kind_label(&input.kind, ctx.lang),
            ),
            (t.s("assets_maker").to_string(), input.maker.clone()),
            (t.s("assets_model").to_string(), input.model.clone()),
            (
                t.s("assets_os").to_string(),
                format!("{} {}", input.os, input.version).trim().to_string(),
            ),
            (t.s("assets_owner").to_string(), input.owner.clone()),
            (t.s("assets_location").to_string(), input.location.clone()),
            (
                t.s("assets_maintainer").to_string(),
                input.maintainer.clone(),
            ),
            (
                t.s("assets_support_end").to_string(),
                input.support_end.clone(),
            ),
        ]
    } else {
        Vec::new()
    };
    let (findings, report_id) = match (&shown.latest, &shown.asset) {
        (Some((rid, rep)), Some(a)) => (
            rep.findings
                .iter()
                .filter(|f| f.component.asset.as_deref() == Some(a.input.tag.as_str()))
                .map(|f| finding_row(f, ctx.lang))
                .collect(),
            rid.clone(),
        ),
        _ => (Vec::new(), String::new()),
    };
    let title = match &shown.asset {
        Some(a) => format!("{} {}", a.input.tag, a.input.name),
        None => t.s("assets_new_title").to_string(),
    };
    let mut p = Page::new(ctx, "assets_title");
    p.title = format!("{title} — {}", m.org.name);
    let heading = title;
    let software_more = shown.software.len().saturating_sub(SHOWN_SOFTWARE);
    let mut software = shown.software;
    software.truncate(SHOWN_SOFTWARE);
    Ok(html(AssetT {
        p,
        org_id: m.org.id.clone(),
        org_name: m.org.name.clone(),
        can_edit: m.role >= Role::Editor,
        is_owner: m.role == Role::Owner,
        id: shown
            .asset
            .as_ref()
            .map(|a| a.id.clone())
            .unwrap_or_default(),
        heading,
        rev: shown.asset.as_ref().map_or(0, |a| a.rev),
        fields: fields(&t, &fs, &input),
        kinds: AssetKind::ALL
            .iter()
            .map(|k| (k.code().to_string(), k.label(ctx.lang).to_string()))
            .collect(),
        kind: fs.value("asset", "kind", &input.kind).to_string(),
        notes: fs.value("asset", "notes", &input.notes).to_string(),
        fs,
        summary,
        support_class,
        support_note,
        inventory: shown.inventory.map(|i| {
            format!(
                "{} ({}, {}) · {} · {}",
                i.file_name,
                i.kind,
                i.components,
                i.uploaded_by_name,
                ctx.time(i.uploaded_at)
            )
        }),
        software,
        software_more,
        findings,
        report_id,
    }))
}

/// `GET /o/{org}/assets/new`
pub async fn new_page(
    State(state): State<Shared>,
    Member { ctx, m, .. }: Member<Editor>,
) -> AppResult<Response> {
    render(&state, &ctx, &m, None, FormState::default()).await
}

/// `GET /o/{org}/assets/{asset}`
pub async fn asset_page(
    State(state): State<Shared>,
    Member { ctx, m, .. }: Member<Viewer>,
    Path((_, id)): Path<(OrgId, AssetId)>,
) -> AppResult<Response> {
    render(
        &state,
        &ctx,
        &m,
        Some(id.as_str().to_string()),
        FormState::default(),
    )
    .await
}

fn checked_input(f: &AssetForm) -> Result<AssetInput, AppError> {
    let a = f.input().normalised();
    a.validate().map_err(AppError::BadRequest)?;
    Ok(a)
}

/// `POST /o/{org}/assets`
pub async fn create(
    State(state): State<Shared>,
    OrgForm {
        member: Member { ctx, m, .. },
        form: f,
    }: OrgForm<Editor, AssetForm>,
) -> AppResult<Response> {
    let fs = f.state();
    let done = match checked_input(&f) {
        Err(e) => Err(e),
        Ok(a) => {
            let uid = ctx.user()?.0.id.clone();
            let org = m.org.id.clone();
            state
                .db(move |s| s.write(|tx| assets::create(tx, now(), &uid, &org, &a, "form")))
                .await
        }
    };
    match checked(done, fs, ctx.lang)? {
        Ok(a) => Ok(Redirect::to(&format!("/o/{}/assets/{}", m.org.id, a.id)).into_response()),
        Err(fs) => Ok(unprocessable(render(&state, &ctx, &m, None, fs).await?)),
    }
}

/// `POST /o/{org}/assets/{asset}`: saves over the revision the form was made from.
pub async fn update(
    State(state): State<Shared>,
    Path((_, id)): Path<(OrgId, AssetId)>,
    OrgForm {
        member: Member { ctx, m, .. },
        form: f,
    }: OrgForm<Editor, AssetForm>,
) -> AppResult<Response> {
    let id = id.as_str().to_string();
    let fs = f.state();
    let rev: i64 = f
        .rev
        .parse()
        .map_err(|_| AppError::BadRequest(UserError::BadRequest))?;
    let done = match checked_input(&f) {
        Err(e) => Err(e),
        Ok(a) => {
            let uid = ctx.user()?.0.id.clone();
            let (org, aid) = (m.org.id.clone(), id.clone());
            state
                .db(move |s| s.write(|tx| assets::update(tx, now(), &uid, &org, &aid, rev, &a)))
                .await
        }
    };
    match checked(done, fs, ctx.lang)? {
        Ok(_) => Ok(Redirect::to(&format!("/o/{}/assets/{id}", m.org.id)).into_response()),
        Err(fs) => Ok(unprocessable(render(&state, &ctx, &m, Some(id), fs).await?)),
    }
}

/// `POST /o/{org}/assets/{asset}/delete`: owners only (the register is evidence; removing
/// an entry is the organisation's decision).
pub async fn delete(
    State(state): State<Shared>,
    Path((_, id)): Path<(OrgId, AssetId)>,
    OrgForm {
        member: Member { ctx, m, .. },
        ..
    }: OrgForm<Owner, CsrfOnly>,
) -> AppResult<Response> {
    let uid = ctx.user()?.0.id.clone();
    let org = m.org.id.clone();
    state
        .db(move |s| s.write(|tx| assets::delete(tx, now(), &uid, &org, id.as_str())))
        .await?;
    Ok(Redirect::to(&format!("/o/{}/assets", m.org.id)).into_response())
}

/// `POST /o/{org}/assets/{asset}/software`: replaces the asset's software list with the one
/// read from the uploaded file (an SBOM, a package list, an installed-software export).
pub async fn software(
    State(state): State<Shared>,
    Path((_, id)): Path<(OrgId, AssetId)>,
    upload: OrgUpload<Editor>,
) -> AppResult<Response> {
    let id = id.as_str().to_string();
    let (Member { ctx, m, .. }, up) = upload.read_or_problem(state.config.max_upload).await?;
    let fs = FormState::new("software", &[]);
    let up = match up {
        Ok(up) => up,
        Err(e) => {
            let fs = fs.problem(&e, ctx.lang);
            return Ok(unprocessable(render(&state, &ctx, &m, Some(id), fs).await?));
        }
    };
    let read = super::inventory::read(&up.bytes, &up.distro, ctx.lang);
    let done = match read {
        Err(reason) => Err(AppError::BadRequest(UserError::InventoryUnreadable {
            reason,
        })),
        Ok((kind, items)) => {
            let sha = hoshi_store::hex(&sha2::Sha256::digest(&up.bytes));
            let uid = ctx.user()?.0.id.clone();
            let (org, aid, file) = (m.org.id.clone(), id.clone(), up.file_name.clone());
            state
                .db(move |s| {
                    s.write(|tx| {
                        assets::set_software(
                            tx,
                            now(),
                            &uid,
                            &org,
                            &aid,
                            FileRef {
                                kind,
                                file_name: &file,
                                sha256: &sha,
                            },
                            &items,
                        )
                    })
                })
                .await
        }
    };
    match checked(done, fs, ctx.lang)? {
        Ok(()) => {
            Ok(Redirect::to(&format!("/o/{}/assets/{id}#software", m.org.id)).into_response())
        }
        Err(fs) => Ok(unprocessable(render(&state, &ctx, &m, Some(id), fs).await?)),
    }
}
