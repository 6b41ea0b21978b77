//! `hoshi assess …`

use std::path::Path;

use anyhow::{Result, anyhow};
use hoshi_catalog::Registry;
use hoshi_core::{Assessment, Catalog, Lang};
use hoshi_report::{Format, Report};

use crate::Reported;
use crate::cli::{AssessCmd, ListFormat, ReportFormat};
use crate::cmd_catalog::{change_label, find};
use crate::files::{load_registry, read_bytes, read_text, write_atomic};

/// Reads an answer file and checks it against the catalog it names.
pub fn load_answers<'r>(
    reg: &'r Registry,
    path: &Path,
    lang: Lang,
) -> Result<(&'r Catalog, Assessment)> {
    let text = read_text(path, hoshi_answers::MAX_FILE_BYTES)?;
    let name = path.display().to_string();
    let file = match hoshi_answers::parse(&name, &text) {
        Ok(f) => f,
        Err(e) => {
            eprint!("{e}");
            return Err(Reported.into());
        }
    };
    let catalog = find(reg, &file.pin(), lang)?;
    match file.to_assessment(catalog) {
        Ok(a) => Ok((catalog, a)),
        Err(e) => {
            eprint!("{e}");
            Err(Reported.into())
        }
    }
}

fn check_level(catalog: &Catalog, level: u8, lang: Lang) -> Result<()> {
    let a = Assessment::new(catalog, level);
    let issues = a.check(catalog);
    if let Some(i) = issues.first() {
        return Err(anyhow!("{}", i.message(lang)));
    }
    Ok(())
}

/// The language and data directory every `assess` subcommand works with.
#[derive(Clone, Copy)]
struct Ctx<'a> {
    lang: Lang,
    data: &'a Path,
}

/// Runs one `assess` subcommand.
pub fn run(cmd: AssessCmd, lang: Lang, data: &Path) -> Result<()> {
    let ctx = Ctx { lang, data };
    match cmd {
        AssessCmd::New {
            catalog,
            level,
            organisation,
            output,
            force,
        } => new_answers(ctx, &catalog, level, &organisation, &output, force),
        AssessCmd::Report {
            answers,
            format,
            output,
            title,
            records,
            revenue,
            stoppage_days,
        } => report(
            ctx,
            &answers,
            format,
            output,
            title,
            damage_inputs(records, revenue, stoppage_days),
        ),
        AssessCmd::ExportXlsx {
            answers,
            output,
            force,
        } => export_xlsx(ctx, &answers, &output, force),
        AssessCmd::ImportXlsx {
            file,
            output,
            catalog,
            level,
            force,
        } => import_xlsx(
            ctx,
            &file,
            output.as_deref(),
            catalog.as_deref(),
            level,
            force,
        ),
        AssessCmd::Compare {
            answers,
            to,
            output,
            force,
            format,
        } => compare(ctx, &answers, &to, output, force, format),
    }
}

/// `assess new`: writes an empty answer file for a catalog and level.
fn new_answers(
    ctx: Ctx,
    catalog: &str,
    level: u8,
    organisation: &str,
    output: &Path,
    force: bool,
) -> Result<()> {
    let lang = ctx.lang;
    let reg = load_registry(ctx.data)?;
    let c = find(&reg, catalog, lang)?;
    check_level(c, level, lang)?;
    let mut a = Assessment::new(c, level);
    a.organisation = organisation.trim().to_string();
    let text = hoshi_answers::write(c, &a, lang);
    write_atomic(output, text.as_bytes(), force)?;
    let n = c.criteria_for_level(level).count();
    match lang {
        Lang::Ja => eprintln!(
            "{} に回答ファイルを作成しました（{}、★{level}、評価基準 {n} 件）。各項目の status を記入し、`hoshi assess report {}` で結果を確認してください。",
            output.display(),
            c.pin(),
            output.display()
        ),
        Lang::En => eprintln!(
            "Wrote {} ({}, ★{level}, {n} criteria). Fill in each status, then run `hoshi assess report {}`.",
            output.display(),
            c.pin(),
            output.display()
        ),
    }
    Ok(())
}

/// The damage-cost inputs, when any of them was given (a flag left out counts as 0).
fn damage_inputs(
    records: Option<u64>,
    revenue: Option<u64>,
    stoppage_days: Option<u32>,
) -> Option<hoshi_core::damage::Inputs> {
    (records.is_some() || revenue.is_some() || stoppage_days.is_some()).then(|| {
        hoshi_core::damage::Inputs {
            records: records.unwrap_or(0),
            revenue_yen: revenue.unwrap_or(0),
            stoppage_days: stoppage_days.unwrap_or(0),
        }
    })
}

/// `assess report`: evaluates an answer file and writes the report in the chosen format.
fn report(
    ctx: Ctx,
    answers: &Path,
    format: ReportFormat,
    output: Option<std::path::PathBuf>,
    title: Option<String>,
    cost: Option<hoshi_core::damage::Inputs>,
) -> Result<()> {
    let lang = ctx.lang;
    let reg = load_registry(ctx.data)?;
    let (catalog, assessment) = load_answers(&reg, answers, lang)?;
    let evaluation = hoshi_core::evaluate(catalog, &assessment).map_err(|issues| {
        let msgs: Vec<String> = issues.iter().map(|i| i.message(lang)).collect();
        anyhow!("{}: {}", answers.display(), msgs.join("; "))
    })?;
    let report = Report {
        catalog,
        assessment: &assessment,
        evaluation: &evaluation,
        lang,
    };
    let fmt = match format {
        ReportFormat::Pdf => {
            let title = title.unwrap_or_else(|| {
                answers
                    .file_name()
                    .map(|n| n.to_string_lossy().to_string())
                    .unwrap_or_default()
            });
            return write_pdf(catalog, &assessment, &evaluation, lang, title, cost, output);
        }
        ReportFormat::Text => Format::Text,
        ReportFormat::Json => Format::Json,
        ReportFormat::Md => Format::Markdown,
        ReportFormat::Html => Format::Html,
    };
    let out = report.render(fmt);
    match output {
        Some(p) => write_atomic(&p, out.as_bytes(), true)?,
        None => print!("{out}"),
    }
    Ok(())
}

/// `assess export-xlsx`: writes the answers as a workbook to fill in.
fn export_xlsx(ctx: Ctx, answers: &Path, output: &Path, force: bool) -> Result<()> {
    let lang = ctx.lang;
    let reg = load_registry(ctx.data)?;
    let (catalog, assessment) = load_answers(&reg, answers, lang)?;
    let bytes = hoshi_xlsx::export(catalog, &assessment, lang).map_err(|e| anyhow!("{e}"))?;
    write_atomic(output, &bytes, force)?;
    let n = catalog.criteria_for_level(assessment.level).count();
    match lang {
        Lang::Ja => eprintln!(
            "{} に書き出しました（評価基準 {n} 件、O 列は ○/△/✖/対象外 から選択）。",
            output.display()
        ),
        Lang::En => eprintln!(
            "Wrote {} ({n} criteria; column O offers ○/△/✖/対象外).",
            output.display()
        ),
    }
    Ok(())
}

/// `assess import-xlsx`: turns a filled-in workbook into an answer file; fails when any row
/// was not taken.
fn import_xlsx(
    ctx: Ctx,
    file: &Path,
    output: Option<&Path>,
    catalog: Option<&str>,
    level: Option<u8>,
    force: bool,
) -> Result<()> {
    let lang = ctx.lang;
    let bytes = read_bytes(file, hoshi_xlsx::MAX_FILE_BYTES)?;
    let reg = load_registry(ctx.data)?;
    let (wb, meta) =
        hoshi_xlsx::read_meta(bytes).map_err(|e| anyhow!("{}: {e}", file.display()))?;
    let spec = match (catalog, &meta) {
        (Some(c), _) => c.to_string(),
        (None, Some(m)) => format!("{}@{}", m.catalog, m.edition),
        (None, None) => "scs".to_string(),
    };
    let c = find(&reg, &spec, lang)?;
    let level = level.or(meta.as_ref().and_then(|m| m.level)).unwrap_or(3);
    check_level(c, level, lang)?;
    let organisation = meta
        .as_ref()
        .map(|m| m.organisation.clone())
        .unwrap_or_default();
    let imported = hoshi_xlsx::import(wb, c, level, &organisation)
        .map_err(|e| anyhow!("{}: {e}", file.display()))?;
    for p in &imported.problems {
        eprintln!("{}: {}", file.display(), p.message(lang));
    }
    let text = hoshi_answers::write(c, &imported.assessment, lang);
    match output {
        Some(o) => write_atomic(o, text.as_bytes(), force)?,
        None => print!("{text}"),
    }
    let rejected = imported.problems.len();
    match lang {
        Lang::Ja => eprintln!(
            "シート「{}」から {} 行を取り込みました（{}、★{level}）。取り込めなかった行: {rejected} 行。",
            imported.sheet,
            imported.taken,
            c.pin()
        ),
        Lang::En => eprintln!(
            "Took {} rows from sheet `{}` ({}, ★{level}); rows not taken: {rejected}.",
            imported.taken,
            imported.sheet,
            c.pin()
        ),
    }
    if rejected > 0 {
        return Err(Reported.into());
    }
    Ok(())
}

/// `assess compare`: shows what a new catalog edition changes for the answers, and writes the
/// carried-over answers when asked.
fn compare(
    ctx: Ctx,
    answers: &Path,
    to: &str,
    output: Option<std::path::PathBuf>,
    force: bool,
    format: ListFormat,
) -> Result<()> {
    let lang = ctx.lang;
    let reg = load_registry(ctx.data)?;
    let (old, assessment) = load_answers(&reg, answers, lang)?;
    let new = find(&reg, to, lang)?;
    let m = hoshi_core::migrate(&assessment, old, new);
    match format {
        ListFormat::Json => println!("{}", serde_json::to_string_pretty(&m.impacts)?),
        ListFormat::Text => print_impacts(&m, assessment.level, lang),
    }
    if let Some(out) = output {
        let text = hoshi_answers::write(new, &m.migrated, lang);
        write_atomic(&out, text.as_bytes(), force)?;
        eprintln!(
            "{}",
            match lang {
                Lang::Ja => format!(
                    "{} に新しい版への回答を書き出しました。変更のある評価基準を見直してください。",
                    out.display()
                ),
                Lang::En => format!(
                    "Wrote the carried-over answers to {}; review the changed criteria.",
                    out.display()
                ),
            }
        );
    }
    Ok(())
}

/// Prints the changed criteria of a comparison, marking with `*` those outside the level.
fn print_impacts(m: &hoshi_core::Migration, level: u8, lang: Lang) {
    let review: Vec<_> = m.impacts.iter().filter(|i| i.in_scope).collect();
    match lang {
        Lang::Ja => println!(
            "{} → {}: 変更のある評価基準 {} 件（うち ★{} の範囲 {} 件）、変更なし {} 件",
            m.diff.from,
            m.diff.to,
            m.impacts.len(),
            level,
            review.len(),
            m.diff.unchanged
        ),
        Lang::En => println!(
            "{} → {}: {} criteria changed ({} within ★{}), {} unchanged",
            m.diff.from,
            m.diff.to,
            m.impacts.len(),
            review.len(),
            level,
            m.diff.unchanged
        ),
    }
    for i in &m.impacts {
        let labels: Vec<String> = i.changes.iter().map(|c| change_label(c, lang)).collect();
        let scope = if i.in_scope { "" } else { " *" };
        println!(
            "  {:<10} {:<28} {}{scope}",
            i.id,
            labels.join(", "),
            i.status.label().get(lang)
        );
    }
}

/// `assess report --format pdf`: the management report, written atomically.
fn write_pdf(
    catalog: &Catalog,
    assessment: &Assessment,
    evaluation: &hoshi_core::Evaluation,
    lang: Lang,
    title: String,
    cost: Option<hoshi_core::damage::Inputs>,
    output: Option<std::path::PathBuf>,
) -> Result<()> {
    let Some(output) = output else {
        return Err(anyhow!(match lang {
            Lang::Ja => "PDF は -o で出力先のファイルを指定してください（例: -o report.pdf）。",
            Lang::En => "a PDF needs a file to write to: give -o, e.g. -o report.pdf",
        }));
    };
    let extras = hoshi_pdf::Extras {
        title,
        date: crate::files::today(),
        cost,
        ..hoshi_pdf::Extras::default()
    };
    let pdf = hoshi_pdf::Render::report(
        &hoshi_typst::Typst,
        catalog,
        assessment,
        evaluation,
        lang,
        &extras,
    )
    .map_err(|e| anyhow!("{e}"))?;
    write_atomic(&output, &pdf, true)?;
    match lang {
        Lang::Ja => eprintln!(
            "{} に書き出しました（{} バイト）。",
            output.display(),
            pdf.len()
        ),
        Lang::En => eprintln!("Wrote {} ({} bytes).", output.display(), pdf.len()),
    }
    Ok(())
}
