//! The restore test: a deterministic sample of the newest snapshot's files restored by
//! `restic restore` into a temporary directory, each restored file then checked chunk by chunk
//! against the SHA-256 blob ids the snapshot's tree lists for it.
//!
//! Every restic run costs a key derivation (scrypt, about 0.5 s of CPU), and 0.14 reads one tree
//! per `cat blob`, so what the snapshot says about the sample is read with as few runs as
//! possible, side by side:
//!
//! 1. `ls --json` (the file list, to draw the sample) beside `list packs`;
//! 2. `restore` of the sample beside one `find --pack ALL-PACKS --show-pack-id --snapshot ID
//!    --json`: restic walks the snapshot's trees and prints, for every file, its content blob ids
//!    in order (`{"object_type":"blob","id":…,"path":…}`), then each blob's index entry
//!    (`<Blob (data) 1a2b3c4d, offset …, length …, uncompressed length …>`, by short id);
//! 3. each restored file hashed chunk by chunk.
//!
//! A sampled file whose blob list from `find` is not complete (a blob without a length, or
//! lengths that do not add up to the size `ls` gave) — and every file when `find` fails or the
//! repository has more than [`FIND_MAX_PACKS`] packs — is planned the old way: the trees on its
//! path read level by level with `cat blob`, the lengths from `list index` + `cat index`. So a
//! damaged repository gets the same diagnosis as before, and the guarantee is the same either
//! way: blob ids from the snapshot's trees, lengths from the index, sizes from the tree.

use std::borrow::Cow;
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

/// Above this many pack files the sample is planned from the trees (a few runs per directory,
/// independent of the repository's size) rather than by one `find` over the whole snapshot:
/// find's command line carries every pack id (65 bytes each) and it reads every pack's header.
const FIND_MAX_PACKS: usize = 4096;

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
    /// Reading what the snapshot says about the sample (beside the restore) and hashing the
    /// restored files.
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

/// The sample within a byte budget: chosen files that would take the total beyond `budget`
/// are left out (the smaller ones still fit).
fn within(chosen: Vec<(String, u64)>, budget: u64) -> Vec<(String, u64)> {
    let mut total = 0u64;
    chosen
        .into_iter()
        .filter(|(_, size)| {
            let fits = total.saturating_add(*size) <= budget;
            if fits {
                total += size;
            }
            fits
        })
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
    std::thread::scope(|s| {
        // The pack list does not depend on the sample: it is read beside the file list.
        let packs = s.spawn(|| list_packs(restic));
        let mut files = list_files(restic, &snap.id)?;
        t.files_in_snapshot = files.len();
        let chosen = within(
            sample(&mut files, opts.restore_sample),
            opts.max_restore_bytes,
        );
        t.sampled = chosen.len();
        if chosen.is_empty() {
            return Ok(());
        }
        let dir = TempDir::new(opts.temp_dir.as_deref()).map_err(|e| BackupError::Io {
            step: Step::Restore,
            detail: e.to_string(),
        })?;
        let args = restore_args(&snap.id, &dir.0, &chosen);
        // The restore and the reading of what the snapshot says run side by side.
        let (out, (planned, plan_time)) = std::thread::scope(|inner| {
            let planner = inner.spawn(|| {
                let start = Instant::now();
                let packs = packs.join().ok().and_then(Result::ok);
                (plan(restic, snap, &chosen, packs), start.elapsed())
            });
            let start = Instant::now();
            let out = restic.run_raw(Step::Restore, &args);
            t.restore_ms = ms(start.elapsed());
            let planned = planner.join().unwrap_or_else(|_| {
                (
                    Err(BackupError::Io {
                        step: Step::ReadTree,
                        detail: "tree reader panicked".into(),
                    }),
                    std::time::Duration::ZERO,
                )
            });
            (out, planned)
        });
        let out = out?;
        if !out.status.success() {
            let e = crate::run::classify(Step::Restore, &out);
            if fatal(&e) {
                return Err(e);
            }
            t.restic_error = Some(tail(&out.stderr, 6));
        }
        let plan = planned?;
        let verify_start = Instant::now();
        t.files = verify_files(plan, &dir.0, &chosen);
        for f in t.files.iter().filter(|f| f.problem.is_none()) {
            t.verified_files += 1;
            t.verified_bytes += f.size;
        }
        t.verify_ms = ms(verify_start.elapsed() + plan_time);
        Ok(())
    })
}

fn restore_args(id: &str, target: &Path, chosen: &[(String, u64)]) -> Vec<OsString> {
    let mut args: Vec<OsString> = vec![
        "restore".into(),
        "--no-lock".into(),
        "--quiet".into(),
        id.into(),
        "--target".into(),
        target.as_os_str().to_owned(),
    ];
    for (path, _) in chosen {
        args.push("--include".into());
        args.push(include_pattern(path).into());
    }
    args
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

/// What the snapshot says one sampled file must be.
#[derive(Debug, Clone, PartialEq)]
struct Expected {
    /// Its content blob ids, in order.
    content: Vec<String>,
    size: u64,
}

/// What the sampled files must be.
struct Plan {
    /// Per sampled file (`None`: no file node at its path).
    expected: Vec<Option<Expected>>,
    /// The plaintext length of every blob.
    lengths: HashMap<String, u64>,
    /// Sampled files planned from the trees rather than by `find`.
    #[cfg_attr(not(test), allow(dead_code))]
    from_trees: usize,
}

fn plan(
    restic: &Restic,
    snap: &Snapshot,
    chosen: &[(String, u64)],
    packs: Option<Vec<String>>,
) -> Result<Plan, BackupError> {
    let mut expected: Vec<Option<Expected>> = vec![None; chosen.len()];
    let mut lengths = HashMap::new();
    if let Some(packs) = packs.filter(|p| !p.is_empty() && p.len() <= FIND_MAX_PACKS) {
        let wanted: HashSet<&str> = chosen.iter().map(|(p, _)| p.as_str()).collect();
        match find_contents(restic, &snap.id, &packs, &wanted) {
            Ok(found) => {
                for (slot, (path, size)) in expected.iter_mut().zip(chosen) {
                    if let Some(e) = found.complete(path, *size, &mut lengths) {
                        *slot = Some(e);
                    }
                }
            }
            Err(e) if fatal(&e) || matches!(e, BackupError::Timeout { .. }) => return Err(e),
            // Planned from the trees below.
            Err(_) => {}
        }
    }
    let rest: Vec<usize> = (0..chosen.len())
        .filter(|&i| expected[i].is_none())
        .collect();
    if rest.is_empty() {
        return Ok(Plan {
            expected,
            lengths,
            from_trees: 0,
        });
    }
    // The trees on the remaining files' paths, and beside them the index.
    let paths: Vec<&str> = rest.iter().map(|&i| chosen[i].0.as_str()).collect();
    let (nodes, all) = std::thread::scope(|s| {
        let index = s.spawn(|| blob_lengths(restic, None));
        let nodes = file_nodes(restic, &snap.tree, &paths);
        let all = index.join().unwrap_or_else(|_| {
            Err(BackupError::Io {
                step: Step::ReadIndex,
                detail: "index reader panicked".into(),
            })
        });
        (nodes, all)
    });
    let (nodes, all) = (nodes?, all?);
    for (i, node) in rest.into_iter().zip(nodes) {
        expected[i] = node.map(|n| Expected {
            content: n.content.unwrap_or_default(),
            size: n.size.unwrap_or(chosen[i].1),
        });
    }
    lengths.extend(all);
    Ok(Plan {
        expected,
        lengths,
        from_trees: paths.len(),
    })
}

/// The pack files' ids (`list packs`).
fn list_packs(restic: &Restic) -> Result<Vec<String>, BackupError> {
    let out = restic.run(
        Step::ReadTree,
        &["list".into(), "--no-lock".into(), "packs".into()],
    )?;
    Ok(String::from_utf8_lossy(&out.stdout)
        .split_whitespace()
        .filter(|s| s.len() == 64 && s.bytes().all(|b| b.is_ascii_hexdigit()))
        .map(str::to_string)
        .collect())
}

/// One hit of `find --json`, borrowed from the output where it can be.
#[derive(Deserialize)]
struct FindHit<'a> {
    #[serde(default, borrow)]
    object_type: Cow<'a, str>,
    #[serde(default, borrow)]
    id: Cow<'a, str>,
    #[serde(default, borrow)]
    path: Cow<'a, str>,
}

/// Reads find's array of hits keeping only the sampled paths' (the array has a hit per blob of
/// every file in the snapshot).
struct WantedHits<'w> {
    wanted: &'w HashSet<&'w str>,
    contents: HashMap<String, Vec<String>>,
}

impl<'de> serde::de::DeserializeSeed<'de> for &mut WantedHits<'_> {
    type Value = ();

    fn deserialize<D: serde::Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        d.deserialize_seq(self)
    }
}

impl<'de> serde::de::Visitor<'de> for &mut WantedHits<'_> {
    type Value = ();

    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str("an array of find hits")
    }

    fn visit_seq<A: serde::de::SeqAccess<'de>>(self, mut seq: A) -> Result<(), A::Error> {
        while let Some(hit) = seq.next_element::<FindHit<'de>>()? {
            if hit.object_type == "blob" && self.wanted.contains(hit.path.as_ref()) {
                self.contents
                    .entry(hit.path.into_owned())
                    .or_default()
                    .push(hit.id.into_owned());
            }
        }
        Ok(())
    }
}

/// What `restic find --pack … --show-pack-id` says about the sampled files.
#[derive(Debug, Default, PartialEq)]
struct Found {
    /// The content blob ids of each wanted path, in order.
    contents: HashMap<String, Vec<String>>,
    /// Plaintext lengths by short id (the first 8 hex digits, as find prints them); `None` when
    /// two blobs with that short id have different lengths.
    lengths: HashMap<String, Option<u64>>,
}

impl Found {
    /// The file at `path` when its every blob has a length and they add up to `size`; the
    /// lengths go into `lengths`.
    fn complete(
        &self,
        path: &str,
        size: u64,
        lengths: &mut HashMap<String, u64>,
    ) -> Option<Expected> {
        let content = self.contents.get(path)?;
        let lens: Vec<u64> = content
            .iter()
            .map(|b| *self.lengths.get(b.get(..8)?)?)
            .collect::<Option<_>>()?;
        if lens.iter().sum::<u64>() != size {
            return None;
        }
        lengths.extend(content.iter().cloned().zip(lens));
        Some(Expected {
            content: content.clone(),
            size,
        })
    }
}

/// One `find` run over the snapshot: the content blob ids of the files at `wanted` and the
/// lengths of those blobs, for every blob of the given packs.
fn find_contents(
    restic: &Restic,
    snapshot: &str,
    packs: &[String],
    wanted: &HashSet<&str>,
) -> Result<Found, BackupError> {
    let mut args: Vec<OsString> = vec![
        "find".into(),
        "--no-lock".into(),
        "--json".into(),
        "--show-pack-id".into(),
        "--snapshot".into(),
        snapshot.into(),
        "--pack".into(),
    ];
    args.extend(packs.iter().map(OsString::from));
    let out = restic.run(Step::ReadTree, &args)?;
    parse_find(&out.stdout, wanted)
}

/// find's output: a JSON array of hits, then two text lines per blob of the packs.
fn parse_find(stdout: &[u8], wanted: &HashSet<&str>) -> Result<Found, BackupError> {
    use serde::de::DeserializeSeed;
    let bad = |e: serde_json::Error| BackupError::Parse {
        step: Step::ReadTree,
        detail: e.to_string(),
    };
    // Where the JSON ends and the pack entries begin.
    let mut stream =
        serde_json::Deserializer::from_slice(stdout).into_iter::<serde::de::IgnoredAny>();
    let end = match stream.next() {
        Some(Ok(_)) => stream.byte_offset(),
        Some(Err(e)) => return Err(bad(e)),
        None => 0,
    };
    let mut hits = WantedHits {
        wanted,
        contents: HashMap::new(),
    };
    if end > 0 {
        let mut de = serde_json::Deserializer::from_slice(&stdout[..end]);
        (&mut hits).deserialize(&mut de).map_err(bad)?;
    }
    let rest = &stdout[end..];
    let mut found = Found {
        contents: hits.contents,
        lengths: HashMap::new(),
    };
    let shorts: HashSet<&str> = found
        .contents
        .values()
        .flatten()
        .filter_map(|b| b.get(..8))
        .collect();
    let mut lengths: HashMap<String, Option<u64>> = HashMap::new();
    for line in String::from_utf8_lossy(rest).lines() {
        let Some((short, len)) = pack_entry(line) else {
            continue;
        };
        if shorts.contains(short) {
            let slot = lengths.entry(short.to_string()).or_insert(Some(len));
            if *slot != Some(len) {
                *slot = None;
            }
        }
    }
    found.lengths = lengths;
    Ok(found)
}

/// `… Pack 0123abcd: <Blob (data) 1a2b3c4d, offset 0, length 1234, uncompressed length 5678>`:
/// the short id and the plaintext length (the uncompressed length, or the stored length less the
/// encryption overhead when the blob is not compressed).
fn pack_entry(line: &str) -> Option<(&str, u64)> {
    let inner = line
        .split_once("<Blob (data) ")?
        .1
        .trim_end()
        .strip_suffix('>')?;
    let mut parts = inner.split(", ");
    let short = parts.next()?;
    parts.next()?.strip_prefix("offset ")?;
    let length: u64 = parts.next()?.strip_prefix("length ")?.parse().ok()?;
    let plain: u64 = parts
        .next()?
        .strip_prefix("uncompressed length ")?
        .parse()
        .ok()?;
    if short.len() != 8 || parts.next().is_some() {
        return None;
    }
    let len = if plain > 0 {
        plain
    } else {
        length.checked_sub(CRYPTO_OVERHEAD)?
    };
    Some((short, len))
}

fn verify_files(plan: Plan, target: &Path, chosen: &[(String, u64)]) -> Vec<FileCheck> {
    let Plan {
        expected, lengths, ..
    } = plan;
    let items: Vec<(&(String, u64), Option<Expected>)> = chosen.iter().zip(expected).collect();
    let hashers = std::thread::available_parallelism().map_or(1, |n| n.get().min(4));
    parallel(&items, hashers, |((path, size), e)| {
        let (blobs, problem) = match e {
            None => (0, Some(FileProblem::NotInSnapshot)),
            Some(e) => {
                let restored = target.join(path.trim_start_matches('/'));
                (
                    e.content.len(),
                    check_file(&restored, &e.content, e.size, &lengths),
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
        let files = vec![
            ("/a".to_string(), 10),
            ("/b".to_string(), 5_000),
            ("/c".to_string(), 20),
        ];
        assert_eq!(
            within(files, 100),
            vec![("/a".to_string(), 10), ("/c".to_string(), 20)]
        );
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
    fn pack_entries_give_plaintext_lengths() {
        let line = " ... Pack 0123abcd: <Blob (data) 1a2b3c4d, offset 0, length 1234, uncompressed length 5678>";
        assert_eq!(pack_entry(line), Some(("1a2b3c4d", 5678)));
        let plain = " ... Pack 0123abcd: <Blob (data) 1a2b3c4d, offset 9, length 1234, uncompressed length 0>";
        assert_eq!(pack_entry(plain), Some(("1a2b3c4d", 1202)));
        for other in [
            "Object belongs to pack 0123",
            "Object 1a2b3c4d not found in the index",
            " ... Pack 0123abcd: <Blob (tree) 1a2b3c4d, offset 0, length 99, uncompressed length 0>",
            " ... Pack 0123abcd: <Blob (data) 1a2b3c4d, offset 0, length 12, uncompressed length 0>",
            " ... Pack 0123abcd: <Blob (data) 1a2b, offset 0, length 1234, uncompressed length 0>",
        ] {
            assert_eq!(pack_entry(other), None, "{other}");
        }
    }

    #[test]
    fn find_output_gives_contents_in_order_and_unambiguous_lengths() {
        let a = format!("aaaaaaaa{}", "0".repeat(56));
        let b = format!("bbbbbbbb{}", "0".repeat(56));
        let c = format!("cccccccc{}", "0".repeat(56));
        let hit = |id: &str, path: &str| {
            format!(
                r#"{{"object_type":"blob","id":"{id}","path":"{path}","parent_tree":"00","snapshot":"11","time":"2026-12-01T00:00:00Z"}}"#
            )
        };
        let entry = |short: &str, len: u64| {
            format!(
                "Object belongs to pack ff\n ... Pack ff: <Blob (data) {short}, offset 0, length {}, uncompressed length 0>\n",
                len + 32
            )
        };
        let out = format!(
            "[{},{},{},{},{}]\n{}{}{}{}{}Object dddddddd not found in the index\n",
            hit(&a, "/x/one"),
            hit(&b, "/x/one"),
            hit(&a, "/x/one"),
            hit(&c, "/x/two"),
            hit(&a, "/x/other"),
            entry("aaaaaaaa", 10),
            entry("bbbbbbbb", 20),
            entry("cccccccc", 5),
            entry("cccccccc", 6),
            entry("eeeeeeee", 1),
        );
        let wanted: HashSet<&str> = ["/x/one", "/x/two", "/x/none"].into_iter().collect();
        let found = parse_find(out.as_bytes(), &wanted).unwrap();
        assert_eq!(found.contents.len(), 2);
        assert_eq!(
            found.contents["/x/one"],
            vec![a.clone(), b.clone(), a.clone()]
        );
        assert_eq!(found.lengths["aaaaaaaa"], Some(10));
        assert_eq!(found.lengths["cccccccc"], None, "two blobs, two lengths");
        assert!(!found.lengths.contains_key("eeeeeeee"), "not in the sample");
        let mut lengths = HashMap::new();
        let one = found.complete("/x/one", 40, &mut lengths).unwrap();
        assert_eq!(one.content.len(), 3);
        assert_eq!(lengths[&b], 20);
        assert_eq!(
            found.complete("/x/one", 41, &mut lengths),
            None,
            "sizes differ"
        );
        assert_eq!(
            found.complete("/x/two", 5, &mut lengths),
            None,
            "ambiguous length"
        );
        assert_eq!(found.complete("/x/none", 1, &mut lengths), None);
        assert!(parse_find(b"[]\n", &wanted).unwrap().contents.is_empty());
        assert!(parse_find(b"Unable to load tree 00\n", &wanted).is_err());
    }

    /// Deterministic bytes that do not compress or deduplicate.
    fn noise(seed: u64, len: usize) -> Vec<u8> {
        let mut x = seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1;
        (0..len)
            .map(|_| {
                x ^= x << 13;
                x ^= x >> 7;
                x ^= x << 17;
                (x >> 24) as u8
            })
            .collect()
    }

    /// On a real repository, the plan from one `find` is the plan from the trees and the index:
    /// the same blob ids in the same order, the same lengths, for every file — multi-chunk,
    /// repeated chunks, compressed and not, two directories with the same tree, odd names.
    #[test]
    fn find_plans_exactly_what_the_trees_and_index_say() {
        use std::process::Command;
        if Command::new("restic").arg("version").output().is_err() {
            assert_ne!(
                std::env::var("HOSHI_RESTIC").as_deref(),
                Ok("required"),
                "restic cannot run"
            );
            eprintln!("SKIPPED: restic is not installed here");
            return;
        }
        let dir = tempfile::tempdir().unwrap();
        let src = dir.path().join("data");
        for d in ["a/b/c", "copy1/x", "copy2/x", "名前 [1]"] {
            std::fs::create_dir_all(src.join(d)).unwrap();
        }
        std::fs::write(src.join("a/b/c/large.bin"), noise(1, 10_000_000)).unwrap();
        std::fs::write(
            src.join("a/b/c/repeated.bin"),
            noise(2, 3_000_000).repeat(4),
        )
        .unwrap();
        std::fs::write(
            src.join("a/b/text.txt"),
            "見積金額 120,000円\n".repeat(50_000),
        )
        .unwrap();
        for d in ["copy1/x", "copy2/x"] {
            std::fs::write(src.join(d).join("same.bin"), noise(3, 200_000)).unwrap();
            std::fs::write(src.join(d).join("same.txt"), "the same\n").unwrap();
        }
        std::fs::write(src.join("名前 [1]/*?.txt"), "odd\n").unwrap();
        std::fs::write(src.join("a/empty"), "").unwrap();
        let pw = dir.path().join("pw");
        std::fs::write(&pw, "pw\n").unwrap();
        let repo = dir.path().join("repo");
        let restic_cmd = |args: &[&str]| {
            let out = Command::new("restic")
                .arg("--repo")
                .arg(&repo)
                .arg("--no-cache")
                .args(args)
                .env("RESTIC_PASSWORD_FILE", &pw)
                .output()
                .unwrap();
            assert!(
                out.status.success(),
                "{}",
                String::from_utf8_lossy(&out.stderr)
            );
        };
        restic_cmd(&["init"]);
        restic_cmd(&["backup", src.to_str().unwrap()]);
        let spec = crate::RepoSpec::new(
            repo.to_str().unwrap(),
            crate::PasswordSource::File(pw.clone()),
        );
        let restic = Restic::new(
            "restic".into(),
            &spec,
            std::time::Duration::from_secs(120),
            64 << 20,
        )
        .unwrap();
        let snap = crate::snapshots(&restic, Step::Snapshots)
            .unwrap()
            .remove(0);
        let mut files = list_files(&restic, &snap.id).unwrap();
        let chosen = sample(&mut files, 1000);
        assert_eq!(chosen.len(), 8);
        let packs = list_packs(&restic).unwrap();
        assert!(!packs.is_empty());
        let fast = plan(&restic, &snap, &chosen, Some(packs)).unwrap();
        assert_eq!(fast.from_trees, 0, "every file planned by find");
        let slow = plan(&restic, &snap, &chosen, None).unwrap();
        assert_eq!(slow.from_trees, chosen.len());
        assert_eq!(fast.expected, slow.expected);
        let mut blobs = 0;
        for e in fast.expected.iter().flatten() {
            for b in &e.content {
                assert_eq!(fast.lengths.get(b), slow.lengths.get(b), "{b}");
                blobs += 1;
            }
        }
        let large = chosen
            .iter()
            .position(|(p, _)| p.ends_with("large.bin"))
            .unwrap();
        assert!(fast.expected[large].as_ref().unwrap().content.len() > 1);
        assert!(blobs > chosen.len());
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
