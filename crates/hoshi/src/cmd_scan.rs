//! `hoshi scan`: the exposure check from the command line.

use std::time::Duration;

use anyhow::{Result, anyhow};
use hoshi_core::Lang;
use hoshi_scan::findings::Severity;
use hoshi_scan::ports::Ports;
use hoshi_scan::scan::Options;

use crate::cli::{ScanArgs, ScanFormat};

pub fn run(args: ScanArgs, lang: Lang) -> Result<()> {
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
    let vulns = hoshi_scan::vulns::Table::bundled();
    let rt = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()?;
    let report = rt
        .block_on(hoshi_scan::scan::run(&opts, &db, &vulns))
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
