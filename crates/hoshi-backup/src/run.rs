//! Running the `restic` program: the password only in the child's environment, stdin closed, a
//! time limit per step and bounded output.

use std::ffi::OsString;
use std::io::Read;
use std::path::PathBuf;
use std::process::{Child, Command, ExitStatus, Stdio};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::thread;
use std::time::{Duration, Instant};

use crate::{BackupError, PasswordSource, RepoSpec, Step};

/// How much of stderr is kept (the tail, where restic writes its fatal error).
const STDERR_KEEP: usize = 256 * 1024;

/// One restic repository, ready to run commands against.
pub(crate) struct Restic {
    program: PathBuf,
    location: String,
    env: Vec<(OsString, OsString)>,
    /// No environment of this process reaches the child (see `RepoSpec::isolated`).
    isolated: bool,
    timeout: Duration,
    max_output: usize,
}

pub(crate) struct Output {
    pub status: ExitStatus,
    pub stdout: Vec<u8>,
    pub stderr: String,
}

impl Output {
    /// stdout and stderr together, for matching restic's messages (it writes some of `check`'s
    /// findings to stdout and others to stderr).
    pub fn all_text(&self) -> String {
        let mut s = String::from_utf8_lossy(&self.stdout).into_owned();
        s.push('\n');
        s.push_str(&self.stderr);
        s
    }
}

impl Restic {
    pub fn new(
        program: PathBuf,
        repo: &RepoSpec,
        timeout: Duration,
        max_output: usize,
    ) -> Result<Restic, BackupError> {
        let isolated = repo.isolated;
        let mut env: Vec<(OsString, OsString)> = repo
            .env
            .iter()
            .map(|(k, v)| (OsString::from(k), OsString::from(v)))
            .collect();
        match &repo.password {
            PasswordSource::EnvVar(name) => match std::env::var_os(name) {
                Some(v) if !v.is_empty() => env.push(("RESTIC_PASSWORD".into(), v)),
                _ => {
                    return Err(BackupError::PasswordUnavailable {
                        source_name: format!("${name}"),
                    });
                }
            },
            PasswordSource::File(path) => {
                if !path.is_file() {
                    return Err(BackupError::PasswordUnavailable {
                        source_name: path.display().to_string(),
                    });
                }
                env.push(("RESTIC_PASSWORD_FILE".into(), path.clone().into_os_string()));
            }
            PasswordSource::Value(v) => {
                if v.is_empty() {
                    return Err(BackupError::PasswordUnavailable {
                        source_name: "(empty)".into(),
                    });
                }
                env.push(("RESTIC_PASSWORD".into(), v.into()));
            }
        }
        Ok(Restic {
            program,
            location: repo.location.clone(),
            env,
            isolated,
            timeout,
            max_output,
        })
    }

    fn command(&self, args: &[OsString]) -> Command {
        let mut cmd = Command::new(&self.program);
        // Nothing of the caller's restic settings (another repository, a password command, a
        // cache directory) may leak into the check: only what the spec says.
        if self.isolated {
            cmd.env_clear()
                .env("PATH", "/usr/local/bin:/usr/bin:/bin")
                .env("HOME", "/nonexistent")
                .env("AWS_EC2_METADATA_DISABLED", "true");
        } else {
            for (k, _) in std::env::vars_os() {
                if k.to_string_lossy().starts_with("RESTIC_") {
                    cmd.env_remove(&k);
                }
            }
        }
        cmd.envs(self.env.iter().map(|(k, v)| (k, v)));
        cmd.arg("--repo").arg(&self.location).arg("--no-cache");
        cmd.args(args);
        cmd.stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped());
        cmd
    }

    /// Runs `restic ARGS` and returns its output whatever the exit status; errors only when
    /// it could not run, ran too long or wrote too much.
    pub fn run_raw(&self, step: Step, args: &[OsString]) -> Result<Output, BackupError> {
        let child = self.command(args).spawn().map_err(|e| {
            if e.kind() == std::io::ErrorKind::NotFound {
                BackupError::ResticNotFound {
                    program: self.program.display().to_string(),
                }
            } else {
                BackupError::Io {
                    step,
                    detail: e.to_string(),
                }
            }
        })?;
        self.collect(step, child)
    }

    /// Runs `restic ARGS`; a non-zero exit is classified into a [`BackupError`].
    pub fn run(&self, step: Step, args: &[OsString]) -> Result<Output, BackupError> {
        let out = self.run_raw(step, args)?;
        if out.status.success() {
            Ok(out)
        } else {
            Err(classify(step, &out))
        }
    }

    fn collect(&self, step: Step, mut child: Child) -> Result<Output, BackupError> {
        let overflow = Arc::new(AtomicBool::new(false));
        let mut stdout = child.stdout.take().expect("piped stdout");
        let mut stderr = child.stderr.take().expect("piped stderr");
        let limit = self.max_output;
        let flag = Arc::clone(&overflow);
        let out_reader = thread::spawn(move || {
            let mut buf = Vec::new();
            let mut chunk = [0u8; 64 * 1024];
            loop {
                match stdout.read(&mut chunk) {
                    Ok(0) | Err(_) => break,
                    Ok(n) if buf.len() + n > limit => {
                        flag.store(true, Ordering::SeqCst);
                        break;
                    }
                    Ok(n) => buf.extend_from_slice(&chunk[..n]),
                }
            }
            buf
        });
        let err_reader = thread::spawn(move || {
            let mut buf = Vec::new();
            let mut chunk = [0u8; 16 * 1024];
            loop {
                match stderr.read(&mut chunk) {
                    Ok(0) | Err(_) => break,
                    Ok(n) => {
                        buf.extend_from_slice(&chunk[..n]);
                        if buf.len() > STDERR_KEEP * 2 {
                            buf.drain(..buf.len() - STDERR_KEEP);
                        }
                    }
                }
            }
            buf
        });
        let start = Instant::now();
        let mut killed = None;
        let status = loop {
            match child.try_wait() {
                Ok(Some(status)) => break status,
                Ok(None) => {}
                Err(e) => {
                    let _ = child.kill();
                    let _ = child.wait();
                    return Err(BackupError::Io {
                        step,
                        detail: e.to_string(),
                    });
                }
            }
            if overflow.load(Ordering::SeqCst) {
                killed = Some(BackupError::OutputTooLarge { step, limit });
            } else if start.elapsed() > self.timeout {
                killed = Some(BackupError::Timeout {
                    step,
                    seconds: self.timeout.as_secs(),
                });
            }
            if killed.is_some() {
                let _ = child.kill();
                break child.wait().map_err(|e| BackupError::Io {
                    step,
                    detail: e.to_string(),
                })?;
            }
            thread::sleep(Duration::from_millis(5));
        };
        let stdout = out_reader.join().unwrap_or_default();
        let stderr = err_reader.join().unwrap_or_default();
        if let Some(e) = killed {
            return Err(e);
        }
        if overflow.load(Ordering::SeqCst) {
            return Err(BackupError::OutputTooLarge { step, limit });
        }
        Ok(Output {
            status,
            stdout,
            stderr: String::from_utf8_lossy(&stderr).into_owned(),
        })
    }
}

/// The last few lines of restic's error output, for a message.
pub(crate) fn tail(text: &str, lines: usize) -> String {
    let kept: Vec<&str> = text
        .lines()
        .map(str::trim_end)
        .filter(|l| !l.is_empty() && !l.starts_with('\t') && !l.starts_with("github.com/"))
        .filter(|l| !l.starts_with("runtime.") && !l.starts_with("main."))
        .collect();
    let from = kept.len().saturating_sub(lines);
    kept[from..].join("\n")
}

/// The access errors every step can meet, from restic's own words (0.14).
pub(crate) fn classify(step: Step, out: &Output) -> BackupError {
    let text = out.all_text();
    if text.contains("wrong password or no key found") {
        BackupError::WrongPassword
    } else if text.contains("Is there a repository at the following location?")
        || text.contains("unable to open config file")
    {
        BackupError::NotARepository {
            detail: tail(&out.stderr, 3),
        }
    } else if text.contains("empty password is not allowed")
        || text.contains("Resolving password failed")
    {
        BackupError::PasswordUnavailable {
            source_name: "RESTIC_PASSWORD".into(),
        }
    } else {
        BackupError::Restic {
            step,
            code: out.status.code(),
            detail: tail(&out.stderr, 6),
        }
    }
}
