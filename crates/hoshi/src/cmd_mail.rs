//! `hoshi mail check`: mails (`.eml` files, mbox files, Maildir folders) judged by
//! `hoshi-fraud` against the organisation's profile, as text or JSON; `--filter` reads one
//! message on standard input and writes it back with an `X-Hoshi-Fraud:` header, for
//! Postfix, procmail or sieve pipes.

use std::io::{Read, Write};
use std::path::{Path, PathBuf};

use anyhow::{Result, anyhow};
use hoshi_core::Lang;
use hoshi_fraud::judge::{Judge, Verdict, judge};
use hoshi_fraud::message::{Message, parse, split_mbox};
use hoshi_fraud::profile::Profile;
use hoshi_fraud::report::{Checked, Report, with_header};

use crate::cli::{ListFormat, MailCheckArgs, MailCmd, MailPostureArgs};

/// Largest mail or mbox file read.
const MAX_FILE: usize = 256 * 1024 * 1024;
/// Largest message read on standard input in filter mode.
const MAX_STDIN: usize = 64 * 1024 * 1024;

pub fn run(c: MailCmd, lang: Lang) -> Result<()> {
    match c {
        MailCmd::Check(a) if a.filter => filter(&a, lang),
        MailCmd::Check(a) => check(a, lang),
        MailCmd::Posture(a) => posture(&a, lang),
    }
}

fn profile(path: &Path, lang: Lang) -> Result<Profile> {
    let text = crate::files::read_text(path, 4 * 1024 * 1024)?;
    Profile::parse(&text).map_err(|e| {
        let place = match (e.line, e.column) {
            (Some(l), Some(c)) => format!("{l}:{c}: "),
            _ => String::new(),
        };
        anyhow!(match lang {
            Lang::Ja => format!(
                "{}: プロファイルを読めません: {place}{}",
                path.display(),
                e.message_in(true)
            ),
            Lang::En => format!(
                "{}: the profile cannot be read: {place}{}",
                path.display(),
                e.message_in(false)
            ),
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

/// DKIM verification by hoshi itself (`--verify-dkim`), keys looked up through the resolver.
struct Verifier {
    rt: tokio::runtime::Runtime,
    dns: hoshi_posture::Dns,
}

impl Verifier {
    fn new(a: &MailCheckArgs) -> Result<Option<Verifier>> {
        if !a.verify_dkim {
            return Ok(None);
        }
        let timeout = std::time::Duration::from_secs(5);
        let rt = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()?;
        let dns = rt
            .block_on(async {
                if a.dns.is_empty() {
                    hoshi_posture::Dns::system(timeout)
                } else {
                    hoshi_posture::Dns::servers(&a.dns, timeout)
                }
            })
            .map_err(|e| anyhow!("DNS: {e}"))?;
        Ok(Some(Verifier { rt, dns }))
    }

    /// `(domain, passed)` per signature; `None` when a key could not be looked up and none
    /// passed (a DNS failure proves nothing either way).
    fn verify(&self, raw: &[u8]) -> Option<Vec<(String, bool)>> {
        use hoshi_posture::dkim_verify::{Verdict as Dkim, verify_message};
        let outcomes = self
            .rt
            .block_on(verify_message(&self.dns, raw, crate::files::now()));
        let temp = outcomes
            .iter()
            .any(|o| matches!(o.result, Dkim::TempError(_)));
        let out: Vec<(String, bool)> = outcomes
            .iter()
            .filter(|o| !matches!(o.result, Dkim::TempError(_)))
            .map(|o| (o.domain.clone(), matches!(o.result, Dkim::Pass)))
            .collect();
        (!temp || out.iter().any(|(_, pass)| *pass)).then_some(out)
    }
}

fn read_mail(bytes: &[u8], verifier: Option<&Verifier>) -> Message {
    let mut m = parse(bytes);
    if let Some(v) = verifier {
        m.own_dkim = v.verify(bytes);
    }
    m
}

fn check(a: MailCheckArgs, lang: Lang) -> Result<()> {
    let p = profile(&a.profile, lang)?;
    let verifier = Verifier::new(&a)?;
    // The profile's names and domains worked out once for every mail.
    let judge = Judge::new(&p);
    let mut checked = Vec::new();
    for (name, bytes) in messages(&a.mails)? {
        let m = read_mail(&bytes, verifier.as_ref());
        let j = judge.judge(&m);
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
            // Without a resolver the mail is still judged (and always passed on).
            let verifier = Verifier::new(a).unwrap_or_else(|e| {
                eprintln!("hoshi mail check --filter: {e}");
                None
            });
            let m = read_mail(&raw, verifier.as_ref());
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

/// `hoshi mail posture`: every domain checked through the resolver chosen; exit 3 when a
/// finding needs fixing (`fix` or `serious`), as `hoshi scan` does.
fn posture(a: &MailPostureArgs, lang: Lang) -> Result<()> {
    use hoshi_posture::{Dns, Options, Report, Severity, check_domain, domain};
    let mut domains = Vec::new();
    for d in &a.domains {
        domains.push(domain::normalise(d).ok_or_else(|| {
            anyhow!(match lang {
                Lang::Ja => format!("{d}: ドメイン名として読めません（例: example.co.jp）"),
                Lang::En => format!("{d}: not a domain name (e.g. example.co.jp)"),
            })
        })?);
    }
    let servers = a.dns.clone();
    let mut extra_roots = Vec::new();
    if let Some(f) = &a.ca_file {
        let pem = crate::files::read_bytes(f, 4 * 1024 * 1024)?;
        extra_roots = hoshi_posture::net::pem_certificates(&pem).ok_or_else(|| {
            anyhow!(match lang {
                Lang::Ja => format!("{}: PEM 形式の証明書が読めません", f.display()),
                Lang::En => format!("{}: no PEM certificate could be read", f.display()),
            })
        })?;
    }
    let timeout = std::time::Duration::from_secs(a.timeout.clamp(1, 120));
    let opts = Options {
        selectors: a.selectors.clone(),
        connect: !a.no_connect,
        smtp_port: a.smtp_port,
        https_port: a.https_port,
        extra_roots,
        timeout,
        now: crate::files::now(),
        allow: None,
    };
    let rt = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()?;
    let report = rt.block_on(async {
        let dns = if servers.is_empty() {
            Dns::system(timeout)
        } else {
            Dns::servers(&servers, timeout)
        }
        .map_err(|e| anyhow!("DNS: {e}"))?;
        let mut out = Vec::new();
        for d in &domains {
            out.push(check_domain(&dns, d, &opts).await);
        }
        anyhow::Ok(Report::new(opts.now, out))
    })?;
    match a.format {
        ListFormat::Json => println!("{}", serde_json::to_string_pretty(&report)?),
        ListFormat::Text => print!("{}", report.to_text(lang == Lang::Ja)),
    }
    if report.worst() >= Severity::Medium {
        Err(crate::SeriousFindings.into())
    } else {
        Ok(())
    }
}
