//! `hoshi scan`: the exposure check from the command line.

use std::path::Path;
use std::time::Duration;

use anyhow::{Result, anyhow, bail};
use hoshi_core::Lang;
use hoshi_scan::findings::Severity;
use hoshi_scan::ports::Ports;
use hoshi_scan::scan::Options;
use hoshi_scan::vulns::{Imported, Knowledge, Table};

use crate::cli::{ScanArgs, ScanFormat};

pub fn run(args: ScanArgs, lang: Lang, data: &Path) -> Result<()> {
    let ports = Ports::parse(&args.ports).map_err(|e| anyhow!(e.message(lang)))?;
    if !(0.1..=60.0).contains(&args.timeout) {
        return Err(anyhow!(match lang {
            Lang::Ja => format!(
                "--timeout には 0.1〜60 秒を指定してください（{} が指定されました）。",
                args.timeout
            ),
            Lang::En => format!("--timeout takes 0.1 to 60 seconds (got {})", args.timeout),
        }));
    }
    let mut opts = Options {
        targets: args.targets.clone(),
        ports_label: args.ports.clone(),
        ports,
        probe_timeout: Duration::from_secs_f64(args.timeout),
        show_closed: args.show_closed,
        lang,
        ..Options::default()
    };
    opts.sweep.rate = args.rate;
    let db = hoshi_scan::fingerprint::Db::bundled();
    let vulns: Box<dyn Knowledge> = match &args.vulns_db {
        Some(dir) => match imported(dir, lang)? {
            Some(k) => Box::new(k),
            None => bail!(match lang {
                Lang::Ja => format!(
                    "{} に脆弱性の索引がありません。`hoshi vulns db import` で NVD と KEV のデータを取り込むか、--vulns-db を省略して同梱の機器脆弱性表を使ってください。",
                    dir.display()
                ),
                Lang::En => format!(
                    "no vulnerability index in {}; import NVD and KEV data with `hoshi vulns db import`, or leave out --vulns-db to use the bundled appliance table",
                    dir.display()
                ),
            }),
        },
        None => match imported(&data.join("vulns"), lang)? {
            Some(k) => Box::new(k),
            None => Box::new(Table::bundled()),
        },
    };
    let rt = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()?;
    let report = rt
        .block_on(hoshi_scan::scan::run(&opts, &db, vulns.as_ref()))
        .map_err(|e| anyhow!(e.message(lang)))?;
    let out = match args.format {
        ScanFormat::Text => report.text(lang),
        ScanFormat::Html => report.html(lang),
        ScanFormat::Json => {
            let mut s = serde_json::to_string_pretty(&report)?;
            s.push('\n');
            s
        }
    };
    match &args.output {
        Some(path) => crate::files::write_atomic(path, out.as_bytes(), args.force)?,
        None => print!("{out}"),
    }
    match report.summary.worst {
        Some(Severity::Critical | Severity::High) => Err(crate::SeriousFindings.into()),
        _ => Ok(()),
    }
}

/// The index `hoshi vulns db import` wrote in `dir`, as the scan's vulnerability knowledge:
/// `None` when there is none (no `manifest.json`) or it holds no NVD records (it cannot say
/// anything of appliance firmware; the bundled table does, and standard error says so).
///
/// Only the records of the appliances' CPE products are read, through `keys.tsv`, as `hoshi vulns
/// check` reads what its components need (the whole index when the keys file is missing or does
/// not fit the records).
fn imported(dir: &Path, lang: Lang) -> Result<Option<Imported>> {
    use hoshi_vulns::index;
    let Some(text) = crate::cmd_vulns::read_opt(&dir.join("manifest.json"))? else {
        return Ok(None);
    };
    let in_dir = |e: String| anyhow!("{}: {e}", dir.display());
    let manifest: index::Manifest =
        serde_json::from_str(&text).map_err(|e| in_dir(e.to_string()))?;
    if manifest.nvd_records == 0 {
        eprintln!(
            "{}",
            match lang {
                Lang::Ja => format!(
                    "{} の脆弱性の索引には NVD の記録がないため、機器のファームウェアは同梱の機器脆弱性表で照合します。",
                    dir.display()
                ),
                Lang::En => format!(
                    "the vulnerability index in {} holds no NVD records: appliance firmware is checked against the bundled appliance table",
                    dir.display()
                ),
            }
        );
        return Ok(None);
    }
    // Only the appliances' records are read (through keys.tsv when it fits).
    let data = crate::cmd_vulns::load_for(dir, &hoshi_scan::vulns::every_appliance())?;
    let today = hoshi_core::time::date_jst(
        std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| i64::try_from(d.as_secs()).unwrap_or(0)),
    );
    Ok(Some(Imported::new(
        data,
        &today,
        manifest.snapshot(Lang::En),
        manifest.snapshot(Lang::Ja),
    )))
}
