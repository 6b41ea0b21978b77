//! `hoshi assets`: the asset register as a file — the template to fill in, and a check of a
//! filled-in copy (every bad row named, support ends, entries hoshi cannot check for
//! vulnerabilities). The web application keeps the register itself; `hoshi vulns check` takes
//! the same file.

use std::path::Path;

use anyhow::{Result, anyhow, bail};
use hoshi_core::Lang;
use hoshi_core::asset::{AssetKind, support_ended};
use hoshi_xlsx::register;

use crate::cli::{AssetsCmd, SheetFormat};

pub fn run(c: AssetsCmd, lang: Lang) -> Result<()> {
    match c {
        AssetsCmd::Template {
            output,
            format,
            force,
        } => template(&output, format, force, lang),
        AssetsCmd::Check { file, today } => check(&file, today, lang),
    }
}

fn template(output: &Path, format: SheetFormat, force: bool, lang: Lang) -> Result<()> {
    let bytes = match format {
        SheetFormat::Xlsx => {
            register::to_xlsx(&[], lang).map_err(|e| anyhow!(e.message_in(lang)))?
        }
        SheetFormat::Csv => register::to_csv(&[], lang),
    };
    crate::files::write_atomic(output, &bytes, force)?;
    match lang {
        Lang::Ja => println!(
            "資産台帳のテンプレートを {} に書き出しました。1 行 1 台で記入し、hoshi assets check で確認してください。",
            output.display()
        ),
        Lang::En => println!(
            "wrote the asset register template to {}; fill in one asset per row and check it with hoshi assets check",
            output.display()
        ),
    }
    Ok(())
}

fn check(file: &Path, today: Option<String>, lang: Lang) -> Result<()> {
    let today = match today {
        Some(t) if hoshi_core::time::parse_date(&t).is_some() => t,
        Some(t) => bail!(match lang {
            Lang::Ja => format!("--today には YYYY-MM-DD の日付を指定してください（{t}）"),
            Lang::En => format!("--today takes a date YYYY-MM-DD (got {t})"),
        }),
        None => hoshi_core::time::date_jst(crate::files::now()),
    };
    let bytes = crate::files::read_bytes(file, register::MAX_BYTES)?;
    let reg = register::read(&bytes).map_err(|e| {
        let lines = e.lines(lang);
        for l in lines.iter().skip(1) {
            eprintln!("{}: {l}", file.display());
        }
        anyhow!(
            "{}: {}",
            file.display(),
            lines.first().cloned().unwrap_or_default()
        )
    })?;
    let ja = lang == Lang::Ja;
    let n = reg.assets.len();
    let kinds: Vec<String> = AssetKind::ALL
        .iter()
        .filter_map(|k| {
            let c = reg
                .assets
                .iter()
                .filter(|(_, a)| a.kind == k.code())
                .count();
            (c > 0).then(|| format!("{} {c}", k.label(lang)))
        })
        .collect();
    println!(
        "{}",
        if ja {
            format!(
                "{}: {n} 件を読み取りました（{}）",
                file.display(),
                kinds.join("、")
            )
        } else {
            format!("{}: {n} assets read ({})", file.display(), kinds.join(", "))
        }
    );
    if !reg.ignored.is_empty() {
        println!(
            "{}: {}",
            if ja {
                "取り込まない列"
            } else {
                "columns not read"
            },
            reg.ignored.join(", ")
        );
    }
    let ended = report(&reg, &today, lang);
    if ended > 0 {
        return Err(crate::Reported.into());
    }
    Ok(())
}

/// Prints what a clean register lacks: assets past support (their count is returned), assets
/// that cannot be checked for vulnerabilities, assets without a support end.
fn report(reg: &register::Register, today: &str, lang: Lang) -> usize {
    let ja = lang == Lang::Ja;
    let mut ended = 0;
    for (row, a) in &reg.assets {
        if support_ended(&a.support_end, today) {
            ended += 1;
            println!(
                "{}",
                if ja {
                    format!(
                        "{row} 行目 {} {}: サポート終了（{}）。更新、廃棄、またはインターネットからの切り離しが必要です（4-4-4-1）",
                        a.tag, a.name, a.support_end
                    )
                } else {
                    format!(
                        "row {row} {} {}: past its support ({}); replace, retire or cut it off from the internet (4-4-4-1)",
                        a.tag, a.name, a.support_end
                    )
                }
            );
        }
    }
    let uncheckable: Vec<String> = reg
        .assets
        .iter()
        .filter(|(_, a)| hoshi_vulns::assets::component_of(a).is_empty())
        .map(|(_, a)| a.tag.clone())
        .collect();
    if !uncheckable.is_empty() {
        println!(
            "{}: {}",
            if ja {
                "脆弱性を照合できない資産（バージョンと CPE、または hoshi が知る機器のメーカーと OS が必要）"
            } else {
                "assets that cannot be checked for vulnerabilities (need a version and a CPE, or maker and OS of an appliance hoshi knows)"
            },
            uncheckable.join(", ")
        );
    }
    let no_end = reg
        .assets
        .iter()
        .filter(|(_, a)| a.support_end.is_empty() && a.kind != AssetKind::Cloud.code())
        .count();
    if no_end > 0 {
        println!(
            "{}",
            if ja {
                format!("サポート終了日の記入がない資産: {no_end} 件")
            } else {
                format!("assets without a support end: {no_end}")
            }
        );
    }
    ended
}
