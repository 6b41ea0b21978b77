//! `hoshi mail check`: mails (`.eml` files, mbox files, Maildir folders) judged by
//! `hoshi-fraud` against the organisation's profile, as text or JSON; `--filter` reads one
//! message on standard input and writes it back with an `X-Hoshi-Fraud:` header, for
//! Postfix, procmail or sieve pipes.

use std::io::{Read, Write};
use std::path::{Path, PathBuf};

use anyhow::{Result, anyhow};
use hoshi_core::Lang;
use hoshi_fraud::judge::{Verdict, judge};
use hoshi_fraud::message::{Message, parse, split_mbox};
use hoshi_fraud::profile::Profile;
use hoshi_fraud::report::{Checked, Report, with_header};

use crate::cli::{ListFormat, MailCheckArgs, MailCmd};

/// Largest mail or mbox file read.
const MAX_FILE: usize = 256 * 1024 * 1024;
/// Largest message read on standard input in filter mode.
const MAX_STDIN: usize = 64 * 1024 * 1024;

pub fn run(c: MailCmd, lang: Lang) -> Result<()> {
    match c {
        MailCmd::Check(a) if a.filter => filter(&a, lang),
        MailCmd::Check(a) => check(a, lang),
    }
}

fn profile(path: &Path, lang: Lang) -> Result<Profile> {
    let text = crate::files::read_text(path, 4 * 1024 * 1024)?;
    Profile::parse(&text).map_err(|e| {
        anyhow!(match lang {
            Lang::Ja => format!("{}: プロファイルを読めません: {e}", path.display()),
            Lang::En => format!("{}: the profile cannot be read: {e}", path.display()),
        })
    })
}

/// Every message in the arguments, named by file (and position in an mbox).
fn messages(paths: &[PathBuf]) -> Result<Vec<(String, Vec<u8>)>> {
    let mut out = Vec::new();
    for p in paths {
        if p.is_dir() {
            // A Maildir: cur/ and new/ (a folder of .eml files is read the same way).
            let mut files: Vec<PathBuf> = Vec::new();
            for sub in ["cur", "new"] {
                if let Ok(rd) = std::fs::read_dir(p.join(sub)) {
                    files.extend(rd.filter_map(|e| e.ok().map(|e| e.path())));
                }
            }
            if files.is_empty() {
                files.extend(
                    std::fs::read_dir(p)
                        .map_err(|e| anyhow!("{}: {e}", p.display()))?
                        .filter_map(|e| e.ok().map(|e| e.path()))
                        .filter(|f| f.is_file()),
                );
            }
            files.sort();
            for f in files.into_iter().filter(|f| f.is_file()) {
                let bytes = crate::files::read_bytes(&f, MAX_FILE)?;
                out.push((f.display().to_string(), bytes));
            }
            continue;
        }
        let bytes = crate::files::read_bytes(p, MAX_FILE)?;
        if bytes.starts_with(b"From ") {
            for (i, m) in split_mbox(&bytes).into_iter().enumerate() {
                out.push((format!("{}#{}", p.display(), i + 1), m.to_vec()));
            }
        } else {
            out.push((p.display().to_string(), bytes));
        }
    }
    Ok(out)
}

fn check(a: MailCheckArgs, lang: Lang) -> Result<()> {
    let p = profile(&a.profile, lang)?;
    let mut checked = Vec::new();
    for (name, bytes) in messages(&a.mails)? {
        let m: Message = parse(&bytes);
        let j = judge(&m, &p);
        checked.push(Checked::new(name, &m, j));
    }
    let report = Report::new(&p.organisation.name, checked);
    match a.format {
        ListFormat::Json => print!("{}", report.to_json()),
        ListFormat::Text => print!("{}", report.to_text(lang)),
    }
    if report.messages.iter().any(|m| m.verdict != Verdict::Ok) {
        // As `hoshi scan`: 3 for "found something", so a script tells it from an error (1).
        Err(crate::SeriousFindings.into())
    } else {
        Ok(())
    }
}

/// Filter mode: the message always goes back out (a filter must not lose mail). One it cannot
/// judge — no readable profile, larger than the limit — goes out marked `X-Hoshi-Fraud:
/// unchecked`, the reason on standard error; a larger one is streamed through whole.
fn filter(a: &MailCheckArgs, lang: Lang) -> Result<()> {
    let mut stdin = std::io::stdin().lock();
    let mut raw = Vec::new();
    (&mut stdin)
        .take(MAX_STDIN as u64 + 1)
        .read_to_end(&mut raw)?;
    let mut stdout = std::io::stdout().lock();
    if raw.len() > MAX_STDIN {
        eprintln!(
            "hoshi mail check --filter: message larger than {MAX_STDIN} bytes, passed on unchecked"
        );
        stdout.write_all(&hoshi_fraud::report::unchecked(&raw))?;
        std::io::copy(&mut stdin, &mut stdout)?;
        stdout.flush()?;
        return Ok(());
    }
    let out = match profile(&a.profile, lang) {
        Ok(p) => {
            let m = parse(&raw);
            with_header(&raw, &judge(&m, &p))
        }
        Err(e) => {
            eprintln!("hoshi mail check --filter: {e}");
            hoshi_fraud::report::unchecked(&raw)
        }
    };
    stdout.write_all(&out)?;
    stdout.flush()?;
    Ok(())
}
