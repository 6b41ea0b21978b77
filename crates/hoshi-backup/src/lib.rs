//! Backups as evidence (SCS ★3 4-3-4-1 to 4-3-4-3): a restic repository verified by its
//! structural check, the age of its newest snapshots against the organisation's policy, an
//! off-site copy in a second repository, and a **real restore test** whose restored bytes are
//! checked against the snapshot's own content hashes.
//!
//! # restic program, not a library
//!
//! hoshi drives the `restic` program (Debian's 0.14.0 is the oldest supported) instead of
//! linking rustic's core crate. Checked on 2026-12-03 with a scratch crate depending on
//! `rustic_core` 0.13.0: 153 crates in its normal dependency tree, and it brings a second
//! generation of the RustCrypto traits — `aes` 0.8 / `cipher` 0.4 / `crypto-common` 0.1 /
//! `generic-array` 0.14 (for `aes256ctr_poly1305aes`) beside `cipher` 0.5 / `crypto-common` 0.2 /
//! `digest` 0.11 that hoshi's `sha2`, `hmac` and `argon2` use — plus three `darling` and two
//! `cpufeatures` versions. `cargo tree -d` would no longer be clean and the signing stack would
//! sit next to an older crypto generation. The SFTP and S3 backends the issue names would need
//! `rustic_backend` on top. The program, by contrast, is one Debian package, speaks every backend
//! restic supports, and is what the organisation itself restores with — so a restore test with
//! it is the procedure they would follow.
//!
//! # What restic 0.14 gives, and what is used
//!
//! * `snapshots --json`: time, tree id, paths, hostname, id, and `original` for copies made by
//!   `restic copy` (which keeps the tree id, so a copy is recognised by its tree).
//! * `check` (structure: packs listed in the index exist with the right size, every tree and blob
//!   a snapshot needs is indexed) and `check --read-data-subset=…` (downloads packs and verifies
//!   their hashes — only this finds flipped bytes inside a pack).
//! * `ls --json SNAPSHOT`: the file list with sizes (no content hashes).
//! * `cat blob TREE-ID`: a tree as JSON, each file with its `content` — the SHA-256 ids of its
//!   data blobs in order; `list index` + `cat index ID`: each blob's plaintext length.
//! * `restore SNAPSHOT --target DIR --include PATH…` for the sample (0.14 has no
//!   `--include-file` and no JSON output for restore).
//! * `list packs` + `find --pack ALL --show-pack-id --snapshot ID --json`: every file's blob ids
//!   in order and each blob's index entry, in one run — the trees and index are read with `cat`
//!   only as a fallback (a damaged repository, more than 4,096 packs). Every restic run pays its
//!   key derivation (~0.5 s), so the restore test runs four in two rounds (`ls` beside `list
//!   packs`, then `restore` beside `find`).
//!
//! # How the restored content is verified
//!
//! A blob's id is the SHA-256 of its plaintext; the tree lists a file's blob ids in order; the
//! tree's id is the hash of the tree and the snapshot names the tree. So for each sampled file
//! hoshi takes the file's blob ids from the snapshot's trees (through `find`, or by walking the
//! trees) and, from the index, each blob's plaintext length, then reads the **restored file** chunk by chunk and compares the
//! SHA-256 of each chunk with the blob id, and the total with the node's size. This is the same
//! guarantee `restic restore --verify` gives, computed by hoshi itself from the restored bytes,
//! and it needs no second read of the repository (as comparing with `restic dump` would).
//!
//! Passwords: from an environment variable or the caller's memory (passed to the child as
//! `RESTIC_PASSWORD`) or a file (`RESTIC_PASSWORD_FILE`); never on a command line. Every other `RESTIC_*` variable of the
//! calling process is removed from the child's environment; stdin is closed; `--no-cache` makes
//! each step read the repository itself.

mod findings;
pub mod html;
mod restore;
mod run;
pub mod time;

use std::collections::BTreeMap;
use std::path::PathBuf;
use std::time::{Duration, Instant, SystemTime};

use hoshi_core::Lang;
use serde::Serialize;

pub use findings::{Finding, Text, size};
pub use restore::{FileCheck, FileProblem, RestoreTest};
use run::Restic;

/// Where a repository is and how to open it. `Debug` shows no secret (neither the password nor
/// the values of `env`).
#[derive(Clone)]
pub struct RepoSpec {
    /// As restic's `--repo` takes it: a path, `sftp:host:/path`, `s3:https://…/bucket`, …
    pub location: String,
    pub password: PasswordSource,
    /// Backend settings for the child only (e.g. `AWS_ACCESS_KEY_ID`), never logged.
    pub env: Vec<(String, String)>,
    /// The child gets no environment of this process at all (only `PATH`, a `HOME` that does
    /// not exist, and cloud metadata lookups switched off): for repositories someone else
    /// named, so that the server's own cloud identity (`AWS_*`, `~/.aws`, an instance role)
    /// never opens them.
    pub isolated: bool,
}

impl RepoSpec {
    pub fn new(location: impl Into<String>, password: PasswordSource) -> RepoSpec {
        RepoSpec {
            location: location.into(),
            password,
            env: Vec::new(),
            isolated: false,
        }
    }
}

impl std::fmt::Debug for RepoSpec {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let env: Vec<&str> = self.env.iter().map(|(k, _)| k.as_str()).collect();
        f.debug_struct("RepoSpec")
            .field("location", &self.location)
            .field("password", &self.password)
            .field("env", &env)
            .finish()
    }
}

/// Where restic's password comes from.
#[derive(Clone)]
pub enum PasswordSource {
    /// The name of an environment variable of this process holding the password.
    EnvVar(String),
    /// A file holding the password.
    File(PathBuf),
    /// The password itself (e.g. decrypted by the web application): passed to the child in its
    /// environment only, never on a command line, never in an error or a result.
    Value(String),
}

impl std::fmt::Debug for PasswordSource {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            PasswordSource::EnvVar(n) => f.debug_tuple("EnvVar").field(n).finish(),
            PasswordSource::File(p) => f.debug_tuple("File").field(p).finish(),
            PasswordSource::Value(_) => f.write_str("Value(…)"),
        }
    }
}

/// The organisation's backup policy (4-3-4-1).
#[derive(Debug, Clone, PartialEq)]
pub struct Policy {
    /// The newest snapshot covering each required path may be at most this old.
    pub max_age_days: f64,
    /// Only snapshots of this host count; `None`: any host.
    pub host: Option<String>,
    /// Absolute paths that must be inside a snapshot's paths (as given to `restic backup`).
    pub required_paths: Vec<String>,
    /// The off-site copy may be at most this old; `None`: `max_age_days`.
    pub offsite_max_age_days: Option<f64>,
}

impl Default for Policy {
    fn default() -> Policy {
        Policy {
            max_age_days: 1.5,
            host: None,
            required_paths: Vec::new(),
            offsite_max_age_days: None,
        }
    }
}

/// How to verify.
#[derive(Debug, Clone)]
pub struct Options {
    /// The restic program.
    pub restic: PathBuf,
    /// `check --read-data-subset` (e.g. `5%`, `1/10`, `100%`); `None`: structure only.
    pub read_data_subset: Option<String>,
    /// Files restored by the restore test; 0 skips it.
    pub restore_sample: usize,
    /// The most bytes the restore test writes: sampled files that would go beyond it are left
    /// out (a small deduplicated repository can hold files of any size, and the test restores
    /// onto the server's own disk).
    pub max_restore_bytes: u64,
    /// The limit for each restic run.
    pub step_timeout: Duration,
    /// The most stdout one restic run may write (the file list of a large snapshot).
    pub max_output_bytes: usize,
    /// A second repository that should hold the off-site copy (4-3-4-2).
    pub offsite: Option<RepoSpec>,
    /// Where the restore test's temporary directory is made; `None`: the system's.
    pub temp_dir: Option<PathBuf>,
    /// "Now" for snapshot ages; `None`: the clock.
    pub now: Option<SystemTime>,
}

impl Default for Options {
    fn default() -> Options {
        Options {
            restic: PathBuf::from("restic"),
            read_data_subset: None,
            restore_sample: 20,
            max_restore_bytes: 2 * 1024 * 1024 * 1024,
            step_timeout: Duration::from_secs(30 * 60),
            max_output_bytes: 256 * 1024 * 1024,
            offsite: None,
            temp_dir: None,
            now: None,
        }
    }
}

/// The steps of a verification, named in errors.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Step {
    Version,
    Snapshots,
    Check,
    List,
    Restore,
    ReadTree,
    ReadIndex,
    Offsite,
}

impl Step {
    pub fn label(self, lang: Lang) -> &'static str {
        match (self, lang) {
            (Step::Version, Lang::Ja) => "restic のバージョン確認",
            (Step::Version, Lang::En) => "restic version",
            (Step::Snapshots, Lang::Ja) => "スナップショット一覧の取得",
            (Step::Snapshots, Lang::En) => "listing snapshots",
            (Step::Check, Lang::Ja) => "リポジトリの整合性チェック",
            (Step::Check, Lang::En) => "repository check",
            (Step::List, Lang::Ja) => "ファイル一覧の取得",
            (Step::List, Lang::En) => "listing files",
            (Step::Restore, Lang::Ja) => "復元テスト",
            (Step::Restore, Lang::En) => "restore test",
            (Step::ReadTree, Lang::Ja) => "ツリーの読み込み",
            (Step::ReadTree, Lang::En) => "reading trees",
            (Step::ReadIndex, Lang::Ja) => "インデックスの読み込み",
            (Step::ReadIndex, Lang::En) => "reading the index",
            (Step::Offsite, Lang::Ja) => "オフサイトコピーの確認",
            (Step::Offsite, Lang::En) => "off-site copy check",
        }
    }
}

/// Why a repository could not be verified at all.
#[derive(Debug, Clone, PartialEq, Serialize, serde::Deserialize, thiserror::Error)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum BackupError {
    #[error("the restic program was not found ({program})")]
    ResticNotFound { program: String },
    #[error("the repository password is not available from {source_name}")]
    PasswordUnavailable { source_name: String },
    #[error("wrong password for the repository")]
    WrongPassword,
    #[error("no restic repository at the location: {detail}")]
    NotARepository { detail: String },
    #[error("{step:?} took longer than {seconds} s")]
    Timeout { step: Step, seconds: u64 },
    #[error("{step:?} wrote more than {limit} bytes")]
    OutputTooLarge { step: Step, limit: usize },
    #[error("restic failed in {step:?} (exit {code:?}): {detail}")]
    Restic {
        step: Step,
        code: Option<i32>,
        detail: String,
    },
    #[error("unexpected restic output in {step:?}: {detail}")]
    Parse { step: Step, detail: String },
    #[error("I/O error in {step:?}: {detail}")]
    Io { step: Step, detail: String },
}

impl BackupError {
    /// What went wrong and what to do, for the administrator.
    pub fn message(&self, lang: Lang) -> String {
        findings::error_message(self, lang)
    }
}

/// What the verification found wrong with a repository that it could open.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Problem {
    /// No snapshots at all (or none of the policy's host).
    Empty,
    /// Pack files the index lists are missing.
    MissingPack { packs: Vec<String> },
    /// Pack files whose content does not match their hash.
    CorruptPack { packs: Vec<String> },
    /// Trees or blobs the snapshots need are not in any index (index files deleted or damaged).
    MissingIndex,
    /// `restic check` failed for another reason.
    CheckFailed { detail: String },
    /// The newest snapshot covering a required path (or of a group) is older than the policy.
    TooOld { path: String, age_days: f64 },
    /// A required path is in no snapshot.
    NotCovered { path: String },
    /// The restore test did not restore every sampled file intact.
    RestoreFailed { failed: usize, sampled: usize },
    /// The second repository holds no recent copy.
    NoOffsiteCopy,
}

impl Problem {
    pub fn message(&self, lang: Lang) -> String {
        findings::problem_message(self, lang)
    }
}

/// The result of `restic check`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CheckResult {
    pub ok: bool,
    pub read_data_subset: Option<String>,
    pub duration_ms: u64,
    /// The last lines restic wrote when it found errors.
    pub detail: Option<String>,
}

/// One snapshot, as `restic snapshots --json` describes it.
#[derive(Debug, Clone, PartialEq, Serialize, serde::Deserialize)]
pub struct Snapshot {
    pub id: String,
    pub time: String,
    pub tree: String,
    pub paths: Vec<String>,
    pub hostname: String,
    #[serde(default)]
    pub original: Option<String>,
    #[serde(default)]
    pub tags: Option<Vec<String>>,
}

/// The snapshots of one host and set of paths.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SnapshotGroup {
    pub host: String,
    pub paths: Vec<String>,
    pub count: usize,
    pub newest_id: String,
    pub newest_time: String,
    pub newest_age_days: f64,
    pub within_policy: bool,
}

/// Whether a required path is backed up recently enough.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Coverage {
    pub path: String,
    /// The newest snapshot holding the path, with its age.
    pub newest: Option<(String, f64)>,
    pub within_policy: bool,
}

/// The off-site repository's answer.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct OffsiteCheck {
    pub location: String,
    /// The newest snapshot there of the same host and paths as the main repository's newest.
    pub newest_id: Option<String>,
    pub newest_age_days: Option<f64>,
    /// It has the same tree as the main repository's newest snapshot (an exact copy).
    pub same_tree_as_newest: bool,
    pub within_policy: bool,
    /// The second repository could not be read.
    pub error: Option<BackupError>,
}

/// Everything one verification found.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Verification {
    pub location: String,
    pub restic_version: String,
    pub check: CheckResult,
    pub snapshot_count: usize,
    pub groups: Vec<SnapshotGroup>,
    pub coverage: Vec<Coverage>,
    pub restore: Option<RestoreTest>,
    pub offsite: Option<OffsiteCheck>,
    pub problems: Vec<Problem>,
    pub findings: Vec<Finding>,
    pub duration_ms: u64,
}

impl Verification {
    /// No problem found.
    pub fn passed(&self) -> bool {
        self.problems.is_empty()
    }
}

pub(crate) fn ms(d: Duration) -> u64 {
    u64::try_from(d.as_millis()).unwrap_or(u64::MAX)
}

/// Verifies a restic repository against the policy. `Err` only when the repository could not be
/// read at all (restic missing, wrong password, nothing there, a step timed out); damage found
/// in a readable repository is in [`Verification::problems`] and its findings.
pub fn verify(
    repo: &RepoSpec,
    policy: &Policy,
    opts: &Options,
) -> Result<Verification, BackupError> {
    let started = Instant::now();
    let now = time::epoch_seconds(opts.now.unwrap_or_else(SystemTime::now));
    let restic = Restic::new(
        opts.restic.clone(),
        repo,
        opts.step_timeout,
        opts.max_output_bytes,
    )?;
    let restic_version = version(&restic)?;
    let all = snapshots(&restic, Step::Snapshots)?;
    let snaps: Vec<Snapshot> = all
        .into_iter()
        .filter(|s| policy.host.as_ref().is_none_or(|h| &s.hostname == h))
        .collect();
    let mut problems = Vec::new();
    let check = check(&restic, opts.read_data_subset.as_deref(), &mut problems)?;
    let groups = group(&snaps, now, policy.max_age_days);
    let coverage = cover(&snaps, now, policy);
    if snaps.is_empty() {
        problems.push(Problem::Empty);
    }
    age_problems(&groups, &coverage, &mut problems);
    let newest = newest(&snaps);
    let restore = match newest {
        Some(s) if opts.restore_sample > 0 => Some(restore::test(&restic, s, opts)?),
        _ => None,
    };
    if let Some(r) = &restore
        && !r.passed()
    {
        problems.push(Problem::RestoreFailed {
            failed: r.failed(),
            sampled: r.sampled.max(r.files.len()),
        });
    }
    let offsite = match (&opts.offsite, newest) {
        (Some(spec), Some(n)) => Some(offsite(spec, n, now, policy, opts)),
        (Some(spec), None) => Some(OffsiteCheck {
            location: spec.location.clone(),
            newest_id: None,
            newest_age_days: None,
            same_tree_as_newest: false,
            within_policy: false,
            error: None,
        }),
        (None, _) => None,
    };
    if offsite.as_ref().is_some_and(|o| !o.within_policy) {
        problems.push(Problem::NoOffsiteCopy);
    }
    let mut v = Verification {
        location: repo.location.clone(),
        restic_version,
        check,
        snapshot_count: snaps.len(),
        groups,
        coverage,
        restore,
        offsite,
        problems,
        findings: Vec::new(),
        duration_ms: 0,
    };
    v.findings = findings::findings(&v, policy);
    v.duration_ms = ms(started.elapsed());
    Ok(v)
}

fn version(restic: &Restic) -> Result<String, BackupError> {
    let out = restic.run(Step::Version, &["version".into()])?;
    let text = String::from_utf8_lossy(&out.stdout);
    Ok(text
        .split_whitespace()
        .nth(1)
        .unwrap_or("unknown")
        .to_string())
}

fn snapshots(restic: &Restic, step: Step) -> Result<Vec<Snapshot>, BackupError> {
    let out = restic.run(
        step,
        &["snapshots".into(), "--no-lock".into(), "--json".into()],
    )?;
    let text = String::from_utf8_lossy(&out.stdout);
    let text = text.trim();
    if text.is_empty() || text == "null" {
        return Ok(Vec::new());
    }
    serde_json::from_str(text).map_err(|e| BackupError::Parse {
        step,
        detail: e.to_string(),
    })
}

fn check(
    restic: &Restic,
    subset: Option<&str>,
    problems: &mut Vec<Problem>,
) -> Result<CheckResult, BackupError> {
    let started = Instant::now();
    let mut args = vec!["check".into()];
    if let Some(s) = subset {
        args.push(format!("--read-data-subset={s}").into());
    }
    let out = restic.run_raw(Step::Check, &args)?;
    let duration_ms = ms(started.elapsed());
    if out.status.success() {
        return Ok(CheckResult {
            ok: true,
            read_data_subset: subset.map(str::to_string),
            duration_ms,
            detail: None,
        });
    }
    let err = run::classify(Step::Check, &out);
    if !matches!(err, BackupError::Restic { .. }) {
        return Err(err);
    }
    let found = check_problems(&out.all_text());
    problems.extend(found);
    Ok(CheckResult {
        ok: false,
        read_data_subset: subset.map(str::to_string),
        duration_ms,
        detail: Some(run::tail(&out.all_text(), 8)),
    })
}

/// The damage `restic check` (0.14) reports, from its own words.
pub(crate) fn check_problems(text: &str) -> Vec<Problem> {
    let mut missing = Vec::new();
    let mut corrupt = Vec::new();
    let mut unindexed = false;
    for line in text.lines().map(str::trim) {
        if let Some(rest) = line.strip_prefix("pack ")
            && let Some((id, what)) = rest.split_once(':')
        {
            if what.contains("does not exist") {
                missing.push(id.to_string());
            } else if what.contains("not referenced in any index") {
                unindexed = true;
            } else if what.contains("size") || what.contains("error") || what.contains("invalid") {
                corrupt.push(id.to_string());
            }
        } else if let Some(rest) = line.strip_prefix("Pack ID does not match, want ") {
            corrupt.push(rest.split(',').next().unwrap_or(rest).to_string());
        } else if (line.contains("ciphertext verification failed")
            || line.contains("hash does not match"))
            && corrupt.is_empty()
        {
            corrupt.push(String::new());
        } else if line.contains("not found in index") || line.contains("not found in repository") {
            unindexed = true;
        }
    }
    let mut out = Vec::new();
    if !missing.is_empty() {
        missing.sort();
        missing.dedup();
        out.push(Problem::MissingPack { packs: missing });
    }
    if !corrupt.is_empty() {
        corrupt.retain(|p| !p.is_empty());
        corrupt.sort();
        corrupt.dedup();
        out.push(Problem::CorruptPack { packs: corrupt });
    }
    if unindexed && out.is_empty() {
        out.push(Problem::MissingIndex);
    }
    if out.is_empty() {
        out.push(Problem::CheckFailed {
            detail: run::tail(text, 8),
        });
    }
    out
}

fn age_days(s: &Snapshot, now: f64) -> f64 {
    time::parse_rfc3339(&s.time).map_or(f64::INFINITY, |t| (now - t) / 86_400.0)
}

fn newest(snaps: &[Snapshot]) -> Option<&Snapshot> {
    snaps.iter().max_by(|a, b| {
        let ta = time::parse_rfc3339(&a.time).unwrap_or(f64::NEG_INFINITY);
        let tb = time::parse_rfc3339(&b.time).unwrap_or(f64::NEG_INFINITY);
        ta.total_cmp(&tb)
    })
}

fn group(snaps: &[Snapshot], now: f64, max_age: f64) -> Vec<SnapshotGroup> {
    let mut by: BTreeMap<(String, Vec<String>), Vec<&Snapshot>> = BTreeMap::new();
    for s in snaps {
        let mut paths = s.paths.clone();
        paths.sort();
        by.entry((s.hostname.clone(), paths)).or_default().push(s);
    }
    by.into_iter()
        .filter_map(|((host, paths), list)| {
            let owned: Vec<Snapshot> = list.iter().map(|s| (*s).clone()).collect();
            let n = newest(&owned)?;
            let age = age_days(n, now);
            Some(SnapshotGroup {
                host,
                paths,
                count: list.len(),
                newest_id: n.id.clone(),
                newest_time: n.time.clone(),
                newest_age_days: age,
                within_policy: age <= max_age,
            })
        })
        .collect()
}

/// `path` is `root` or below it.
fn inside(path: &str, root: &str) -> bool {
    let root = root.trim_end_matches('/');
    path == root || root.is_empty() || path.strip_prefix(root).is_some_and(|r| r.starts_with('/'))
}

fn cover(snaps: &[Snapshot], now: f64, policy: &Policy) -> Vec<Coverage> {
    policy
        .required_paths
        .iter()
        .map(|p| {
            let holding: Vec<Snapshot> = snaps
                .iter()
                .filter(|s| s.paths.iter().any(|root| inside(p, root)))
                .cloned()
                .collect();
            let newest = newest(&holding).map(|s| (s.id.clone(), age_days(s, now)));
            let within_policy = newest
                .as_ref()
                .is_some_and(|(_, age)| *age <= policy.max_age_days);
            Coverage {
                path: p.clone(),
                newest,
                within_policy,
            }
        })
        .collect()
}

fn age_problems(groups: &[SnapshotGroup], coverage: &[Coverage], problems: &mut Vec<Problem>) {
    for c in coverage {
        match &c.newest {
            None => problems.push(Problem::NotCovered {
                path: c.path.clone(),
            }),
            Some((_, age)) if !c.within_policy => problems.push(Problem::TooOld {
                path: c.path.clone(),
                age_days: *age,
            }),
            Some(_) => {}
        }
    }
    if coverage.is_empty() {
        // No paths named: every group's newest snapshot must be recent.
        for g in groups.iter().filter(|g| !g.within_policy) {
            problems.push(Problem::TooOld {
                path: g.paths.join(", "),
                age_days: g.newest_age_days,
            });
        }
    }
}

fn offsite(
    spec: &RepoSpec,
    newest: &Snapshot,
    now: f64,
    policy: &Policy,
    opts: &Options,
) -> OffsiteCheck {
    let max_age = policy.offsite_max_age_days.unwrap_or(policy.max_age_days);
    let mut result = OffsiteCheck {
        location: spec.location.clone(),
        newest_id: None,
        newest_age_days: None,
        same_tree_as_newest: false,
        within_policy: false,
        error: None,
    };
    let list = Restic::new(
        opts.restic.clone(),
        spec,
        opts.step_timeout,
        opts.max_output_bytes,
    )
    .and_then(|r| snapshots(&r, Step::Offsite));
    let list = match list {
        Ok(l) => l,
        Err(e) => {
            result.error = Some(e);
            return result;
        }
    };
    let mut want = newest.paths.clone();
    want.sort();
    let same: Vec<Snapshot> = list
        .into_iter()
        .filter(|s| {
            let mut p = s.paths.clone();
            p.sort();
            s.hostname == newest.hostname && p == want
        })
        .collect();
    if let Some(n) = self::newest(&same) {
        let age = age_days(n, now);
        result.newest_id = Some(n.id.clone());
        result.newest_age_days = Some(age);
        result.within_policy = age <= max_age;
    }
    result.same_tree_as_newest = same.iter().any(|s| s.tree == newest.tree);
    result
}
