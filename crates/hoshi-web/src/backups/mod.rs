//! Backups as evidence in the browser (issue 14): restic repositories the organisation registers
//! (`targets`: the list, the form, credentials sealed by `kernel::seal` and never shown again,
//! the schedule, verification on demand), each verification's result (`result`: worst first,
//! the restore test's figures, the result kept as evidence for 4-3-4-1..3 with the statuses it
//! suggests) and the restore procedure per repository (`procedure`: who, where the password is
//! kept, the steps, the last successful restore test; a printable page kept as evidence for
//! 4-3-4-3). Verifications run in `jobs::backups` with `hoshi-backup` driving the `restic`
//! program; owners are mailed when one fails.
//!
//! The server decides which repositories it may open ([`BackupPolicy`]): a local folder only
//! under the administrator's `--backup-root`s, SFTP only when enabled (it uses the server's own
//! SSH keys), a repository server only at an internet address unless its network is allowed —
//! an organisation must not be able to point the server's restic at the server's own files or
//! its internal network.

mod procedure;
mod result;
pub(crate) mod targets;
mod texts;

pub(crate) use texts::TEXTS;

use std::net::{IpAddr, ToSocketAddrs};
use std::path::{Component, Path, PathBuf};
use std::time::Duration;

use hoshi_core::UserError;
use hoshi_store::orgs::Role;

use crate::kernel::proxy::IpNet;
use crate::kernel::routes::{Access, Routes};

/// What this server's backup verification may open, and how.
#[derive(Debug, Clone)]
pub struct BackupPolicy {
    /// The restic program.
    pub restic: PathBuf,
    /// Folders under which local repositories may be opened; none: no local repositories.
    pub local_roots: Vec<PathBuf>,
    /// `sftp:` repositories (restic runs the server's `ssh` with the server's keys).
    pub allow_sftp: bool,
    /// Networks outside the public internet where a repository server may be (a NAS on the
    /// LAN; tests on loopback).
    pub allow: Vec<IpNet>,
    /// How often the schedules are looked at.
    pub tick: Duration,
    /// The limit for each restic step of one verification.
    pub step_timeout: Duration,
}

impl Default for BackupPolicy {
    fn default() -> Self {
        BackupPolicy {
            restic: PathBuf::from("restic"),
            local_roots: Vec::new(),
            allow_sftp: false,
            allow: Vec::new(),
            tick: Duration::from_secs(300),
            step_timeout: Duration::from_secs(30 * 60),
        }
    }
}

impl BackupPolicy {
    /// The test servers' policy: repositories under `root`, loopback servers, schedules looked
    /// at every second.
    pub fn for_tests(root: &Path) -> BackupPolicy {
        BackupPolicy {
            local_roots: vec![root.to_path_buf()],
            allow: vec![IpNet::parse("127.0.0.0/8").unwrap_or_else(|| unreachable!())],
            tick: Duration::from_secs(1),
            ..BackupPolicy::default()
        }
    }

    fn permits(&self, a: IpAddr) -> bool {
        hoshi_scan::target::is_public(a) || self.allow.iter().any(|n| n.contains(a))
    }

    /// Whether the server may open `location`, and the location as restic is given it. Names
    /// are resolved here (blocking: call off the async threads), once when the form is saved
    /// and again before every verification.
    pub fn check_location(&self, location: &str) -> Result<String, UserError> {
        let loc = location.trim();
        let bad = || UserError::BackupLocationBad {
            location: loc.to_string(),
        };
        let refused = || UserError::BackupLocationNotAllowed {
            location: loc.to_string(),
        };
        if loc.is_empty() || loc.len() > 500 || loc.chars().any(char::is_control) {
            return Err(bad());
        }
        let path = loc.strip_prefix("local:").unwrap_or(loc);
        if path.starts_with('/') {
            return self.check_local(Path::new(path)).map(|()| loc.to_string());
        }
        let Some((scheme, rest)) = loc.split_once(':') else {
            return Err(bad());
        };
        match scheme {
            "sftp" => {
                if !self.allow_sftp {
                    return Err(refused());
                }
                let host = sftp_host(rest).ok_or_else(bad)?;
                self.check_host(&host, 22).map_err(|()| refused())?;
            }
            "rest" | "s3" => {
                let (host, port) = url_host(rest, scheme == "s3").ok_or_else(bad)?;
                self.check_host(&host, port).map_err(|()| refused())?;
            }
            // Fixed cloud endpoints chosen by restic from the backend settings.
            "b2" | "azure" | "gs" => {
                if rest.is_empty() || rest.contains('@') {
                    return Err(bad());
                }
            }
            // rclone runs another program with the server's configuration; swift's endpoint
            // comes from a setting that could name any address.
            _ => return Err(bad()),
        }
        Ok(loc.to_string())
    }

    fn check_local(&self, path: &Path) -> Result<(), UserError> {
        let refused = || UserError::BackupLocationNotAllowed {
            location: path.display().to_string(),
        };
        if path
            .components()
            .any(|c| matches!(c, Component::ParentDir | Component::CurDir))
        {
            return Err(refused());
        }
        // Symbolic links are followed as restic would: the real place must be under a root.
        let real = std::fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf());
        let ok = self.local_roots.iter().any(|root| {
            let root = std::fs::canonicalize(root).unwrap_or_else(|_| root.clone());
            real.starts_with(&root) && real != root
        });
        if ok { Ok(()) } else { Err(refused()) }
    }

    fn check_host(&self, host: &str, port: u16) -> Result<(), ()> {
        let host = host.trim_start_matches('[').trim_end_matches(']');
        if let Ok(a) = host.parse::<IpAddr>() {
            return if self.permits(a) { Ok(()) } else { Err(()) };
        }
        let addrs: Vec<IpAddr> = (host, port)
            .to_socket_addrs()
            .map_err(|_| ())?
            .map(|s| s.ip())
            .collect();
        if !addrs.is_empty() && addrs.iter().all(|a| self.permits(*a)) {
            Ok(())
        } else {
            Err(())
        }
    }
}

/// `user@host:/path`, `host:/path` or `//user@host:port//path` → host.
fn sftp_host(rest: &str) -> Option<String> {
    let r = rest.strip_prefix("//").unwrap_or(rest);
    let authority = r.split(['/', ':']).next()?;
    let host = authority.rsplit('@').next()?;
    (!host.is_empty()).then(|| host.to_string())
}

/// `https://host[:port]/…` (or, for s3, `host/bucket`) → host and port; credentials in the URL
/// are refused (they belong in the sealed settings).
fn url_host(rest: &str, bare_allowed: bool) -> Option<(String, u16)> {
    let (https, r) = if let Some(r) = rest.strip_prefix("https://") {
        (true, r)
    } else if let Some(r) = rest.strip_prefix("http://") {
        (false, r)
    } else if bare_allowed {
        (true, rest)
    } else {
        return None;
    };
    // Go's URL reader (restic's) ends the authority at `/`, `?` or `#`: so must this one, or
    // `http://127.0.0.1#.example.jp/` would be checked as one host and opened as another.
    let authority = r.split(['/', '?', '#']).next()?;
    if authority.is_empty() || authority.contains('@') {
        return None;
    }
    let ok = |c: char| c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | ':' | '[' | ']');
    if !authority.chars().all(ok) {
        return None;
    }
    let (host, port) = match authority.rsplit_once(':') {
        Some((h, p)) if !h.ends_with(']') || authority.starts_with('[') => match p.parse() {
            Ok(p) => (h, p),
            Err(_) if authority.starts_with('[') && authority.ends_with(']') => {
                (authority, if https { 443 } else { 80 })
            }
            Err(_) => return None,
        },
        _ => (authority, if https { 443 } else { 80 }),
    };
    Some((host.to_string(), port))
}

/// Backend settings restic reads from its environment that a form may set. Names that point
/// restic at the server's own files (`AWS_SHARED_CREDENTIALS_FILE`, `AWS_PROFILE`,
/// `GOOGLE_APPLICATION_CREDENTIALS`) are not among them.
pub(crate) fn env_allowed(name: &str) -> bool {
    const EXACT: [&str; 11] = [
        "AWS_ACCESS_KEY_ID",
        "AWS_SECRET_ACCESS_KEY",
        "AWS_SESSION_TOKEN",
        "AWS_DEFAULT_REGION",
        "B2_ACCOUNT_ID",
        "B2_ACCOUNT_KEY",
        "AZURE_ACCOUNT_NAME",
        "AZURE_ACCOUNT_KEY",
        "AZURE_ACCOUNT_SAS",
        "RESTIC_REST_USERNAME",
        "RESTIC_REST_PASSWORD",
    ];
    EXACT.contains(&name) || name == "GOOGLE_PROJECT_ID" || name == "GOOGLE_ACCESS_TOKEN"
}

/// Reads the settings text area: one `NAME=value` per line, blank lines ignored.
pub(crate) fn parse_env(text: &str) -> Result<Vec<(String, String)>, UserError> {
    let mut out = Vec::new();
    for line in text.lines() {
        let l = line.trim();
        if l.is_empty() {
            continue;
        }
        let shown = l.split('=').next().unwrap_or(l).chars().take(60).collect();
        let Some((k, v)) = l.split_once('=') else {
            return Err(UserError::BackupEnvBad { line: shown });
        };
        let k = k.trim();
        if !env_allowed(k) || v.is_empty() || v.chars().any(char::is_control) {
            return Err(UserError::BackupEnvBad { line: shown });
        }
        out.push((k.to_string(), v.to_string()));
    }
    Ok(out)
}

pub(crate) fn routes() -> Routes {
    let viewer = Access::Member(Role::Viewer);
    let editor = Access::Member(Role::Editor);
    Routes::new()
        .get("/o/{org}/backups", viewer, targets::list_page)
        .post("/o/{org}/backups", editor, targets::create)
        .get("/o/{org}/backups/{target}", viewer, targets::target_page)
        .post("/o/{org}/backups/{target}", editor, targets::update)
        .post(
            "/o/{org}/backups/{target}/delete",
            Access::Member(Role::Owner),
            targets::delete,
        )
        .post("/o/{org}/backups/{target}/verify", editor, targets::verify)
        .get(
            "/o/{org}/backups/{target}/procedure",
            viewer,
            procedure::procedure_page,
        )
        .post(
            "/o/{org}/backups/{target}/procedure",
            editor,
            procedure::save,
        )
        .get(
            "/o/{org}/backups/{target}/procedure.html",
            viewer,
            procedure::download_page,
        )
        .get(
            "/o/{org}/backups/{target}/procedure/evidence",
            editor,
            procedure::attach_page,
        )
        .post(
            "/o/{org}/backups/{target}/procedure/evidence",
            editor,
            procedure::attach,
        )
        .get("/o/{org}/backups/runs/{run}", viewer, result::run_page)
        .get(
            "/o/{org}/backups/runs/{run}/result.json",
            viewer,
            result::result_json,
        )
        .get(
            "/o/{org}/backups/runs/{run}/evidence",
            editor,
            result::attach_page,
        )
        .post(
            "/o/{org}/backups/runs/{run}/evidence",
            editor,
            result::attach,
        )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn locations_the_server_may_open() {
        let root = std::env::temp_dir().join(format!("hoshi-broot-{}", std::process::id()));
        std::fs::create_dir_all(root.join("repo")).unwrap();
        let p = BackupPolicy {
            local_roots: vec![root.clone()],
            ..BackupPolicy::default()
        };
        let inside = root.join("repo").display().to_string();
        assert_eq!(p.check_location(&inside).unwrap(), inside);
        // The root itself, outside it, climbing out, a link out: refused.
        for l in [
            root.display().to_string(),
            "/etc".into(),
            format!("{}/../etc", root.display()),
        ] {
            assert!(
                matches!(
                    p.check_location(&l),
                    Err(UserError::BackupLocationNotAllowed { .. })
                ),
                "{l}"
            );
        }
        #[cfg(unix)]
        {
            let link = root.join("out");
            let _ = std::os::unix::fs::symlink("/etc", &link);
            assert!(p.check_location(&link.display().to_string()).is_err());
        }
        // Internal addresses, credentials in the URL, unknown or program-running backends.
        for (l, not_allowed) in [
            ("rest:http://127.0.0.1:8000/", true),
            ("rest:http://10.0.0.5/", true),
            ("s3:http://169.254.169.254/bucket", true),
            ("sftp:backup@nas.example:/srv/restic", true),
            ("rest:https://user:pw@backup.example/", false),
            ("rest:http://127.0.0.1#.example.jp/", true),
            ("rest:http://127.0.0.1?x=.example.jp/", true),
            ("rclone:remote:path", false),
            ("ftp://nas/x", false),
            ("relative/path", false),
        ] {
            let r = p.check_location(l);
            if not_allowed {
                assert!(
                    matches!(r, Err(UserError::BackupLocationNotAllowed { .. })),
                    "{l}: {r:?}"
                );
            } else {
                assert!(
                    matches!(r, Err(UserError::BackupLocationBad { .. })),
                    "{l}: {r:?}"
                );
            }
        }
        // A public address literal is fine; loopback when the administrator allows it.
        assert!(p.check_location("rest:https://203.0.114.9:8000/").is_ok());
        let lan = BackupPolicy {
            allow: vec![IpNet::parse("127.0.0.0/8").unwrap()],
            ..p.clone()
        };
        assert!(lan.check_location("rest:http://127.0.0.1:8000/").is_ok());
        let _ = std::fs::remove_dir_all(&root);
    }

    #[test]
    fn backend_settings() {
        assert_eq!(
            parse_env("AWS_ACCESS_KEY_ID=AKIA\n\n AWS_SECRET_ACCESS_KEY=x=y \n").unwrap(),
            vec![
                ("AWS_ACCESS_KEY_ID".into(), "AKIA".into()),
                ("AWS_SECRET_ACCESS_KEY".into(), "x=y".into())
            ]
        );
        for bad in [
            "PATH=/tmp",
            "AWS_SHARED_CREDENTIALS_FILE=/root/.aws/credentials",
            "RESTIC_PASSWORD_COMMAND=sh",
            "AWS_ACCESS_KEY_ID",
        ] {
            assert!(
                matches!(parse_env(bad), Err(UserError::BackupEnvBad { .. })),
                "{bad}"
            );
        }
    }
}
