//! `/admin/catalogs`: the catalogs this hoshi can assess against, and the import of IPA's
//! official workbook in the browser — the same checks as `hoshi catalog import-ipa`, with every
//! problem in the administrator's language and nothing imported when there is one.
//!
//! The imported catalog is written to `<data>/catalogs/` (where `hoshi serve` loads it at start,
//! like one imported on the command line) and put in place of the running registry, so ★4
//! assessments can start on the next request without a restart.

use std::path::PathBuf;

use hoshi_catalog::Registry;
use hoshi_core::{Catalog, Origin, UserError};

use crate::kernel::prelude::*;
use crate::now;

/// The catalog id an official workbook is imported under (the CLI's default too).
const IMPORT_ID: &str = "scs-ipa";

/// One catalog as the page lists it.
struct CatalogRow {
    pin: String,
    title: String,
    /// Each level: its label and how many criteria it has, or that it is a summary only.
    levels: Vec<String>,
    /// Bundled (hoshi's own words) or the imported file: name, date, start of its SHA-256.
    source: String,
    /// Assessments (of any organisation) resting on it.
    used_by: i64,
}

#[derive(Template)]
#[template(path = "admin/catalogs.html")]
struct CatalogsT {
    p: Page,
    catalogs: Vec<CatalogRow>,
    /// What the last import did.
    done: Option<String>,
    fs: FormState,
}

/// `GET /admin/catalogs`.
pub async fn catalogs_page(
    State(state): State<Shared>,
    Admin { ctx, .. }: Admin,
) -> AppResult<Response> {
    render(&state, &ctx, None, FormState::default()).await
}

async fn render(
    state: &Shared,
    ctx: &Ctx,
    done: Option<String>,
    fs: FormState,
) -> AppResult<Response> {
    let reg = state.catalogs();
    let pins: Vec<(String, String)> = reg
        .iter()
        .map(|c| (c.framework.id.clone(), c.framework.edition.clone()))
        .collect();
    let used = state
        .db(move |s| {
            s.read(|c| {
                pins.iter()
                    .map(|(id, ed)| hoshi_store::catalogs::assessments_using(c, id, ed))
                    .collect::<Result<Vec<i64>, _>>()
            })
        })
        .await?;
    let t = ctx.t();
    let catalogs = reg
        .iter()
        .zip(used)
        .map(|(c, used_by)| catalog_row(c, used_by, &t))
        .collect();
    let fail = !fs.is_empty();
    let page = html(CatalogsT {
        p: Page::new(ctx, "admin_catalogs"),
        catalogs,
        done,
        fs,
    });
    Ok(if fail { unprocessable(page) } else { page })
}

fn catalog_row(c: &Catalog, used_by: i64, t: &Tr) -> CatalogRow {
    let lang = t.lang;
    let levels = c
        .levels
        .iter()
        .map(|l| {
            if l.summarised {
                format!("{}: {}", l.label.get(lang), t.s("level_summary_only"))
            } else {
                let n = c.criteria_for_level(l.rank).count();
                match lang {
                    Lang::Ja => format!("{}: 評価基準 {n} 件", l.label.get(lang)),
                    Lang::En => format!("{}: {n} criteria", l.label.get(lang)),
                }
            }
        })
        .collect();
    let source = match (&c.framework.origin, &c.framework.source) {
        (Origin::Official, Some(f)) => format!(
            "{} — {} ({} {}…)",
            t.s("source_official"),
            f.file_name,
            f.imported_at.get(..10).unwrap_or(&f.imported_at),
            f.sha256.get(..12).unwrap_or(&f.sha256)
        ),
        (Origin::Official, None) => t.s("source_official").to_string(),
        (Origin::Hoshi, _) => t.s("source_bundled").to_string(),
    };
    CatalogRow {
        pin: c.pin(),
        title: c.framework.title.get(lang).to_string(),
        levels,
        source,
        used_by,
    }
}

/// `POST /admin/catalogs`: the official workbook, an optional edition date and "replace".
pub async fn import_catalog(
    State(state): State<Shared>,
    upload: AdminUpload,
) -> AppResult<Response> {
    let (Admin { ctx, user }, up) = upload
        .read_or_problem(state.config.max_upload.min(hoshi_xlsx::MAX_FILE_BYTES))
        .await?;
    let up = match up {
        Ok(up) => up,
        Err(e) => {
            let fs = FormState::new("import", &[]).problem(&e, ctx.lang);
            return render(&state, &ctx, None, fs).await;
        }
    };
    let fs = FormState::new("import", &[("edition", &up.edition)]);
    if up.bytes.is_empty() {
        let fs = fs.problem(&UserError::VerifyNoFile, ctx.lang);
        return render(&state, &ctx, None, fs).await;
    }
    if !up.edition.is_empty() && !is_date(&up.edition) {
        let fs = fs.problem(&UserError::CatalogEditionBad, ctx.lang);
        return render(&state, &ctx, None, fs).await;
    }
    // One import at a time: each builds the next registry from the current one.
    let _one = state.catalog_import.lock().await;
    let opts = hoshi_xlsx::IpaOptions {
        id: IMPORT_ID.to_string(),
        file_name: base_name(&up.file_name),
        imported_at: hoshi_core::time::rfc3339(now()),
        edition: (!up.edition.is_empty()).then(|| up.edition.clone()),
    };
    let reg = state.catalogs();
    let (bytes, reg2) = (up.bytes, reg.clone());
    let prepared =
        tokio::task::spawn_blocking(move || hoshi_xlsx::prepare_ipa(bytes, &opts, &reg2))
            .await
            .map_err(|e| AppError::Internal(format!("catalog import: {e}")))?;
    let prepared = match prepared {
        Ok(p) => p,
        // The CLI's wording names its `--edition` flag; this page has a field for it.
        Err(hoshi_xlsx::IpaError::NoEdition { .. }) => {
            let fs = fs.message(Some("edition"), ctx.t().s("catalog_no_edition").to_string());
            return render(&state, &ctx, None, fs).await;
        }
        Err(e) => {
            let mut fs = fs.message(Some("file"), e.message(ctx.lang));
            for d in e.details(ctx.lang) {
                fs = fs.message(None, d);
            }
            return render(&state, &ctx, None, fs).await;
        }
    };
    let pin = prepared.catalog.pin();
    let replacing = match prepared.existing {
        hoshi_xlsx::Existing::Same => {
            let done = ctx.t().s("catalog_same").replace("{pin}", &pin);
            return render(&state, &ctx, Some(done), FormState::default()).await;
        }
        hoshi_xlsx::Existing::Absent => false,
        hoshi_xlsx::Existing::Different => true,
    };
    if replacing && let Some(e) = replace_problem(&state, &prepared, up.replace).await? {
        return render(&state, &ctx, None, fs.problem(&e, ctx.lang)).await;
    }
    let path = store_file(
        &state,
        &prepared.file_name,
        &prepared.toml,
        &user.id,
        &pin,
        &prepared.import.sha256,
        replacing,
    )
    .await?;
    let mut next: Registry = (*reg).clone();
    next.put(prepared.catalog, &path.display().to_string());
    state.replace_catalogs(next);
    tracing::info!(catalog = %pin, file = %path.display(), "official workbook imported");
    let star3 = prepared.import.counts.get(&3).copied().unwrap_or(0);
    let star4 = prepared.import.counts.get(&4).copied().unwrap_or(0);
    let done = ctx
        .t()
        .s("catalog_imported")
        .replace("{pin}", &pin)
        .replace("{star3}", &star3.to_string())
        .replace("{star4}", &star4.to_string())
        .replace("{all}", &(star3 + star4).to_string());
    render(&state, &ctx, Some(done), FormState::default()).await
}

/// Why an earlier import of the same edition, from another file, cannot be replaced: an
/// assessment rests on it, or the administrator did not tick "replace".
async fn replace_problem(
    state: &Shared,
    prepared: &hoshi_xlsx::PreparedIpa,
    replace: bool,
) -> AppResult<Option<UserError>> {
    let pin = prepared.catalog.pin();
    let (id, ed) = (
        prepared.catalog.framework.id.clone(),
        prepared.catalog.framework.edition.clone(),
    );
    let n = state
        .db(move |s| s.read(|c| hoshi_store::catalogs::assessments_using(c, &id, &ed)))
        .await?;
    Ok(if n > 0 {
        Some(UserError::CatalogInUse {
            pin,
            assessments: n,
        })
    } else if !replace {
        Some(UserError::CatalogReplaceConfirm { pin })
    } else {
        None
    })
}

/// Writes the catalog file next to the ones `hoshi catalog import-ipa` writes: a temporary file
/// first, renamed into place in the same transaction as the audit entry (so a failed write
/// leaves neither).
///
/// With several servers on one database the file is kept in the database instead, in the same
/// transaction as the audit entry, and every server loads it (see `jobs::catalogs`).
async fn store_file(
    state: &Shared,
    file_name: &str,
    toml: &str,
    actor: &str,
    pin: &str,
    sha256: &str,
    replacing: bool,
) -> AppResult<PathBuf> {
    if state.store.is_shared() {
        let (actor, pin, sha, name, text) = (
            actor.to_string(),
            pin.to_string(),
            sha256.to_string(),
            file_name.to_string(),
            toml.to_string(),
        );
        state
            .db(move |s| {
                s.write(|tx| {
                    let n = now();
                    hoshi_store::catalogs::record_import(tx, n, &actor, &pin, &sha, replacing)?;
                    hoshi_store::catalogs::save_file(tx, n, &name, &text)
                })
            })
            .await?;
        return Ok(PathBuf::from(format!("database:{file_name}")));
    }
    let dir = state.config.data_dir.join("catalogs");
    let path = dir.join(file_name);
    let tmp = dir.join(format!(".{file_name}.tmp"));
    let (text, p2, t2) = (toml.to_string(), path.clone(), tmp.clone());
    tokio::task::spawn_blocking(move || -> std::io::Result<()> {
        use std::io::Write;
        std::fs::create_dir_all(p2.parent().expect("a file in the catalog directory"))?;
        let mut f = std::fs::File::create(&t2)?;
        f.write_all(text.as_bytes())?;
        f.sync_all()
    })
    .await
    .map_err(|e| AppError::Internal(format!("catalog write: {e}")))?
    .map_err(|e| AppError::Internal(format!("cannot write {}: {e}", tmp.display())))?;
    let (actor, pin, sha, t3, p3) = (
        actor.to_string(),
        pin.to_string(),
        sha256.to_string(),
        tmp.clone(),
        path.clone(),
    );
    let r = state
        .db(move |s| {
            s.write(|tx| {
                hoshi_store::catalogs::record_import(tx, now(), &actor, &pin, &sha, replacing)?;
                std::fs::rename(&t3, &p3).map_err(|e| {
                    hoshi_store::StoreError::Io(format!("cannot write {}: {e}", p3.display()))
                })
            })
        })
        .await;
    if r.is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
    r?;
    Ok(path)
}

/// The file's own name, without any directory a browser sent along.
fn base_name(name: &str) -> String {
    name.rsplit(['/', '\\'])
        .next()
        .unwrap_or("")
        .chars()
        .take(200)
        .collect()
}

fn is_date(s: &str) -> bool {
    let b = s.as_bytes();
    b.len() == 10
        && b[4] == b'-'
        && b[7] == b'-'
        && b.iter()
            .enumerate()
            .all(|(i, c)| i == 4 || i == 7 || c.is_ascii_digit())
        && hoshi_core::time::parse_date(s).is_some()
}
