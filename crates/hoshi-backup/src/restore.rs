//! The restore test: a deterministic sample of the newest snapshot's files restored by
//! `restic restore` into a temporary directory, each restored file then checked chunk by chunk
//! against the SHA-256 blob ids the snapshot's tree lists for it.

use std::collections::{HashMap, HashSet};
use std::ffi::OsString;
use std::fs::File;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::time::Instant;

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use crate::run::{Restic, tail};
use crate::{BackupError, Options, Snapshot, Step, ms};

/// Bytes restic adds to every encrypted blob (16-byte IV + 16-byte MAC).
const CRYPTO_OVERHEAD: u64 = 32;

/// The figures of one restore test (4-3-4-3).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RestoreTest {
    pub snapshot_id: String,
    pub snapshot_time: String,
    /// Regular files in the snapshot.
    pub files_in_snapshot: usize,
    /// Files chosen for the test.
    pub sampled: usize,
    pub files: Vec<FileCheck>,
    /// Files restored whose every chunk matched the snapshot's hashes.
    pub verified_files: usize,
    /// Their bytes.
    pub verified_bytes: u64,
    /// `restic restore` of the sample.
    pub restore_ms: u64,
    /// Reading the trees and index and hashing the restored files.
    pub verify_ms: u64,
    pub total_ms: u64,
    /// restic's own complaint during the restore, if any.
    pub restic_error: Option<String>,
    /// The test could not be carried out (e.g. the file list could not be read).
    pub error: Option<BackupError>,
}

impl RestoreTest {
    pub fn failed(&self) -> usize {
        self.files.iter().filter(|f| f.problem.is_some()).count()
    }

    /// Every sampled file came back intact.
    pub fn passed(&self) -> bool {
        self.error.is_none() && self.failed() == 0 && self.verified_files == self.sampled
    }
}

/// One sampled file.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct FileCheck {
    /// The path inside the snapshot, as `restic ls` writes it.
    pub path: String,
    pub size: u64,
    /// Content blobs checked.
    pub blobs: usize,
    pub problem: Option<FileProblem>,
}

/// Why a sampled file does not count as restored.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum FileProblem {
    /// `restic restore` did not write it.
    NotRestored,
    /// The snapshot's tree has no file node at this path.
    NotInSnapshot,
    /// A content blob is in no index, so its length is unknown.
    BlobNotIndexed {
        blob: String,
    },
    /// The restored file's length differs from the snapshot's.
    SizeMismatch {
        expected: u64,
        actual: u64,
    },
    /// The chunk at this position does not hash to the blob id the snapshot lists.
    HashMismatch {
        chunk: usize,
    },
    Unreadable {
        detail: String,
    },
}

#[derive(Deserialize)]
struct LsNode {
    #[serde(default)]
    struct_type: String,
    #[serde(default, rename = "type")]
    kind: String,
    #[serde(default)]
    path: String,
    #[serde(default)]
    size: u64,
}

#[derive(Deserialize, Clone)]
struct TreeNode {
    name: String,
    #[serde(rename = "type")]
    kind: String,
    #[serde(default)]
    size: Option<u64>,
    #[serde(default)]
    content: Option<Vec<String>>,
    #[serde(default)]
    subtree: Option<String>,
}

#[derive(Deserialize)]
struct Tree {
    #[serde(default)]
    nodes: Vec<TreeNode>,
}

#[derive(Deserialize)]
struct IndexFile {
    #[serde(default)]
    packs: Vec<IndexPack>,
}

#[derive(Deserialize)]
struct IndexPack {
    #[serde(default)]
    blobs: Vec<IndexBlob>,
}

#[derive(Deserialize)]
struct IndexBlob {
    id: String,
    #[serde(default, rename = "type")]
    kind: String,
    length: u64,
    #[serde(default)]
    uncompressed_length: Option<u64>,
}

/// A directory removed when dropped.
struct TempDir(PathBuf);

impl TempDir {
    fn new(base: Option<&Path>) -> std::io::Result<TempDir> {
        let base = base.map_or_else(std::env::temp_dir, Path::to_path_buf);
        let nanos = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.subsec_nanos());
        for n in 0..100u32 {
            let p = base.join(format!(
                "hoshi-restore-{}-{nanos:x}-{n}",
                std::process::id()
            ));
            let mut b = std::fs::DirBuilder::new();
            #[cfg(unix)]
            std::os::unix::fs::DirBuilderExt::mode(&mut b, 0o700);
            match b.create(&p) {
                Ok(()) => return Ok(TempDir(p)),
                Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {}
                Err(e) => return Err(e),
            }
        }
        Err(std::io::Error::other("no free temporary directory name"))
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

/// `count` items spread evenly over `len`, the same each time: index `(2i+1)·len / 2·count`.
pub(crate) fn spread(len: usize, count: usize) -> Vec<usize> {
    let count = count.min(len);
    (0..count)
        .map(|i| (2 * i + 1) * len / (2 * count))
        .collect()
}

/// The sample: regular files with content (empty files prove nothing), sorted by path.
fn sample(files: &mut [(String, u64)], n: usize) -> Vec<(String, u64)> {
    files.sort();
    let with_content: Vec<&(String, u64)> = files.iter().filter(|(_, s)| *s > 0).collect();
    let pool: Vec<&(String, u64)> = if with_content.is_empty() {
        files.iter().collect()
    } else {
        with_content
    };
    spread(pool.len(), n)
        .into_iter()
        .map(|i| pool[i].clone())
        .collect()
}

/// A restic `--include` pattern matching exactly `path`.
fn include_pattern(path: &str) -> String {
    let mut s = String::with_capacity(path.len());
    for c in path.chars() {
        if matches!(c, '*' | '?' | '[' | '\\') {
            s.push('\\');
        }
        s.push(c);
    }
    s
}

/// Errors that end the whole verification rather than only the restore test.
fn fatal(e: &BackupError) -> bool {
    matches!(
        e,
        BackupError::ResticNotFound { .. }
            | BackupError::WrongPassword
            | BackupError::NotARepository { .. }
            | BackupError::PasswordUnavailable { .. }
    )
}

pub(crate) fn test(
    restic: &Restic,
    snap: &Snapshot,
    opts: &Options,
) -> Result<RestoreTest, BackupError> {
    let started = Instant::now();
    let mut t = RestoreTest {
        snapshot_id: snap.id.clone(),
        snapshot_time: snap.time.clone(),
        files_in_snapshot: 0,
        sampled: 0,
        files: Vec::new(),
        verified_files: 0,
        verified_bytes: 0,
        restore_ms: 0,
        verify_ms: 0,
        total_ms: 0,
        restic_error: None,
        error: None,
    };
    if let Err(e) = run_test(restic, snap, opts, &mut t) {
        if fatal(&e) {
            return Err(e);
        }
        t.error = Some(e);
    }
    t.total_ms = ms(started.elapsed());
    Ok(t)
}

fn run_test(
    restic: &Restic,
    snap: &Snapshot,
    opts: &Options,
    t: &mut RestoreTest,
) -> Result<(), BackupError> {
    let mut files = list_files(restic, &snap.id)?;
    t.files_in_snapshot = files.len();
    let chosen = sample(&mut files, opts.restore_sample);
    t.sampled = chosen.len();
    if chosen.is_empty() {
        return Ok(());
    }
    let dir = TempDir::new(opts.temp_dir.as_deref()).map_err(|e| BackupError::Io {
        step: Step::Restore,
        detail: e.to_string(),
    })?;
    let mut args: Vec<OsString> = vec![
        "restore".into(),
        "--no-lock".into(),
        "--quiet".into(),
        snap.id.clone().into(),
        "--target".into(),
        dir.0.clone().into_os_string(),
    ];
    for (path, _) in &chosen {
        args.push("--include".into());
        args.push(include_pattern(path).into());
    }
    // The restore and the reading of what the snapshot says run side by side.
    let (restored, planned) = std::thread::scope(|s| {
        let planner = s.spawn(|| {
            let start = Instant::now();
            (plan(restic, snap, &chosen), start.elapsed())
        });
        let start = Instant::now();
        let out = restic.run_raw(Step::Restore, &args);
        let restored = (out, start.elapsed());
        let planned = planner.join().unwrap_or_else(|_| {
            (
                Err(BackupError::Io {
                    step: Step::ReadTree,
                    detail: "tree reader panicked".into(),
                }),
                std::time::Duration::ZERO,
            )
        });
        (restored, planned)
    });
    let out = restored.0?;
    t.restore_ms = ms(restored.1);
    if !out.status.success() {
        let e = crate::run::classify(Step::Restore, &out);
        if fatal(&e) {
            return Err(e);
        }
        t.restic_error = Some(tail(&out.stderr, 6));
    }
    let plan = planned.0?;
    let verify_start = Instant::now();
    t.files = verify_files(plan, &dir.0, &chosen);
    for f in t.files.iter().filter(|f| f.problem.is_none()) {
        t.verified_files += 1;
        t.verified_bytes += f.size;
    }
    t.verify_ms = ms(verify_start.elapsed() + planned.1);
    Ok(())
}

fn list_files(restic: &Restic, id: &str) -> Result<Vec<(String, u64)>, BackupError> {
    let out = restic.run(
        Step::List,
        &["ls".into(), "--no-lock".into(), "--json".into(), id.into()],
    )?;
    let mut files = Vec::new();
    for line in out.stdout.split(|b| *b == b'\n') {
        if line.iter().all(u8::is_ascii_whitespace) {
            continue;
        }
        let node: LsNode = serde_json::from_slice(line).map_err(|e| BackupError::Parse {
            step: Step::List,
            detail: e.to_string(),
        })?;
        if node.struct_type == "node" && node.kind == "file" {
            files.push((node.path, node.size));
        }
    }
    Ok(files)
}

fn parse<T: for<'a> Deserialize<'a>>(step: Step, bytes: &[u8]) -> Result<T, BackupError> {
    serde_json::from_slice(bytes).map_err(|e| BackupError::Parse {
        step,
        detail: e.to_string(),
    })
}

/// Runs `f` over `items` on up to `workers` threads; results in the items' order. Each restic
/// run spends most of its time deriving the key from the password (scrypt, about 0.5 s), so
/// independent reads run side by side.
fn parallel<T: Sync, R: Send>(items: &[T], workers: usize, f: impl Fn(&T) -> R + Sync) -> Vec<R> {
    use std::sync::Mutex;
    use std::sync::atomic::{AtomicUsize, Ordering};
    let next = AtomicUsize::new(0);
    let out: Mutex<Vec<Option<R>>> = Mutex::new((0..items.len()).map(|_| None).collect());
    std::thread::scope(|s| {
        for _ in 0..workers.clamp(1, items.len().max(1)) {
            s.spawn(|| {
                loop {
                    let i = next.fetch_add(1, Ordering::SeqCst);
                    let Some(item) = items.get(i) else { break };
                    let r = f(item);
                    if let Ok(mut o) = out.lock() {
                        o[i] = Some(r);
                    }
                }
            });
        }
    });
    out.into_inner()
        .unwrap_or_default()
        .into_iter()
        .flatten()
        .collect()
}

/// Concurrent restic runs: enough to hide the key derivation, few enough for scrypt's memory.
fn workers() -> usize {
    std::thread::available_parallelism().map_or(2, |n| n.get().clamp(2, 4))
}

fn read_tree(restic: &Restic, id: &String) -> Result<Vec<TreeNode>, BackupError> {
    let out = restic.run(
        Step::ReadTree,
        &["cat".into(), "--no-lock".into(), "blob".into(), id.into()],
    )?;
    let tree: Tree = parse(Step::ReadTree, &out.stdout)?;
    Ok(tree.nodes)
}

/// The file nodes at `paths` (`/src/a/x.txt`) below the tree `root`, walking the trees level by
/// level and reading each level's trees side by side.
fn file_nodes(
    restic: &Restic,
    root: &str,
    paths: &[&str],
) -> Result<Vec<Option<TreeNode>>, BackupError> {
    let parts: Vec<Vec<&str>> = paths
        .iter()
        .map(|p| p.split('/').filter(|c| !c.is_empty()).collect())
        .collect();
    let mut at: Vec<Option<String>> = vec![Some(root.to_string()); paths.len()];
    let mut found: Vec<Option<TreeNode>> = vec![None; paths.len()];
    let mut cache: HashMap<String, Vec<TreeNode>> = HashMap::new();
    for depth in 0.. {
        let mut need: Vec<String> = at
            .iter()
            .flatten()
            .filter(|id| !cache.contains_key(*id))
            .cloned()
            .collect();
        if at.iter().all(Option::is_none) {
            break;
        }
        need.sort();
        need.dedup();
        let trees = parallel(&need, workers(), |id| read_tree(restic, id));
        for (id, t) in need.into_iter().zip(trees) {
            cache.insert(id, t?);
        }
        for (i, slot) in at.iter_mut().enumerate() {
            let Some(id) = slot.take() else { continue };
            let nodes = cache.get(&id).map_or(&[][..], Vec::as_slice);
            let Some(name) = parts[i].get(depth) else {
                continue;
            };
            if depth + 1 == parts[i].len() {
                found[i] = nodes
                    .iter()
                    .find(|n| n.name == *name && n.kind == "file")
                    .cloned();
            } else {
                *slot = nodes
                    .iter()
                    .find(|n| n.name == *name && n.kind == "dir")
                    .and_then(|n| n.subtree.clone());
            }
        }
    }
    Ok(found)
}

/// Plaintext lengths of the data blobs (all, or the wanted ones), from the index files (read
/// side by side).
fn blob_lengths(
    restic: &Restic,
    wanted: Option<&HashSet<String>>,
) -> Result<HashMap<String, u64>, BackupError> {
    let mut found = HashMap::new();
    if wanted.is_some_and(HashSet::is_empty) {
        return Ok(found);
    }
    let out = restic.run(
        Step::ReadIndex,
        &["list".into(), "--no-lock".into(), "index".into()],
    )?;
    let ids: Vec<String> = String::from_utf8_lossy(&out.stdout)
        .split_whitespace()
        .map(str::to_string)
        .collect();
    let read = |id: &String| -> Result<Vec<(String, u64)>, BackupError> {
        let out = restic.run(
            Step::ReadIndex,
            &["cat".into(), "--no-lock".into(), "index".into(), id.into()],
        )?;
        let index: IndexFile = parse(Step::ReadIndex, &out.stdout)?;
        Ok(index
            .packs
            .into_iter()
            .flat_map(|p| p.blobs)
            .filter(|b| b.kind == "data" && wanted.is_none_or(|w| w.contains(&b.id)))
            .map(|b| {
                let len = b
                    .uncompressed_length
                    .unwrap_or(b.length.saturating_sub(CRYPTO_OVERHEAD));
                (b.id, len)
            })
            .collect())
    };
    for part in parallel(&ids, workers(), read) {
        found.extend(part?);
    }
    Ok(found)
}

/// What the snapshot says each sampled file must be: its node (blob ids, size) and the
/// plaintext length of every blob.
type Plan = (Vec<Option<TreeNode>>, HashMap<String, u64>);

fn plan(restic: &Restic, snap: &Snapshot, chosen: &[(String, u64)]) -> Result<Plan, BackupError> {
    let paths: Vec<&str> = chosen.iter().map(|(p, _)| p.as_str()).collect();
    // The index is read beside the tree walk (every data blob's length, not only the sample's:
    // the sample's blob ids are known only at the walk's end, and each restic run costs a key
    // derivation).
    let (nodes, lengths) = std::thread::scope(|s| {
        let index = s.spawn(|| blob_lengths(restic, None));
        let nodes = file_nodes(restic, &snap.tree, &paths);
        let lengths = index.join().unwrap_or_else(|_| {
            Err(BackupError::Io {
                step: Step::ReadIndex,
                detail: "index reader panicked".into(),
            })
        });
        (nodes, lengths)
    });
    Ok((nodes?, lengths?))
}

fn verify_files(plan: Plan, target: &Path, chosen: &[(String, u64)]) -> Vec<FileCheck> {
    let (nodes, lengths) = plan;
    chosen
        .iter()
        .zip(nodes)
        .map(|((path, size), node)| {
            let (blobs, problem) = match node {
                None => (0, Some(FileProblem::NotInSnapshot)),
                Some(n) => {
                    let content = n.content.unwrap_or_default();
                    let expected = n.size.unwrap_or(*size);
                    let restored = target.join(path.trim_start_matches('/'));
                    (
                        content.len(),
                        check_file(&restored, &content, expected, &lengths),
                    )
                }
            };
            FileCheck {
                path: path.clone(),
                size: *size,
                blobs,
                problem,
            }
        })
        .collect()
}

/// Hashes the restored file chunk by chunk against the blob ids; `None` when it is intact.
fn check_file(
    path: &Path,
    content: &[String],
    expected: u64,
    lengths: &HashMap<String, u64>,
) -> Option<FileProblem> {
    let meta = match std::fs::symlink_metadata(path) {
        Ok(m) if m.is_file() => m,
        Ok(_) => return Some(FileProblem::NotRestored),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            return Some(FileProblem::NotRestored);
        }
        Err(e) => {
            return Some(FileProblem::Unreadable {
                detail: e.to_string(),
            });
        }
    };
    if meta.len() != expected {
        return Some(FileProblem::SizeMismatch {
            expected,
            actual: meta.len(),
        });
    }
    let mut file = match File::open(path) {
        Ok(f) => f,
        Err(e) => {
            return Some(FileProblem::Unreadable {
                detail: e.to_string(),
            });
        }
    };
    let mut buf = vec![0u8; 1024 * 1024];
    let mut total = 0u64;
    for (i, blob) in content.iter().enumerate() {
        let Some(&len) = lengths.get(blob) else {
            return Some(FileProblem::BlobNotIndexed { blob: blob.clone() });
        };
        let mut hasher = Sha256::new();
        let mut left = len;
        while left > 0 {
            let take = usize::try_from(left.min(buf.len() as u64)).unwrap_or(buf.len());
            if let Err(e) = file.read_exact(&mut buf[..take]) {
                return Some(FileProblem::Unreadable {
                    detail: e.to_string(),
                });
            }
            hasher.update(&buf[..take]);
            left -= take as u64;
        }
        total += len;
        if hex(&hasher.finalize()) != *blob {
            return Some(FileProblem::HashMismatch { chunk: i });
        }
    }
    if total != expected {
        return Some(FileProblem::SizeMismatch {
            expected,
            actual: total,
        });
    }
    None
}

fn hex(bytes: &[u8]) -> String {
    const D: &[u8; 16] = b"0123456789abcdef";
    let mut s = String::with_capacity(bytes.len() * 2);
    for b in bytes {
        s.push(D[usize::from(b >> 4)] as char);
        s.push(D[usize::from(b & 15)] as char);
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spread_is_even_and_stable() {
        assert_eq!(spread(10, 5), vec![1, 3, 5, 7, 9]);
        assert_eq!(spread(3, 10), vec![0, 1, 2]);
        assert_eq!(spread(0, 4), Vec::<usize>::new());
        assert_eq!(spread(100, 1), vec![50]);
    }

    #[test]
    fn include_patterns_are_literal() {
        assert_eq!(include_pattern("/a/b*[1]?.txt"), "/a/b\\*\\[1]\\?.txt");
    }

    #[test]
    fn sample_prefers_files_with_content() {
        let mut files = vec![
            ("/b".to_string(), 0),
            ("/a".to_string(), 3),
            ("/c".to_string(), 5),
        ];
        assert_eq!(
            sample(&mut files, 5),
            vec![("/a".to_string(), 3), ("/c".to_string(), 5)]
        );
    }
}
