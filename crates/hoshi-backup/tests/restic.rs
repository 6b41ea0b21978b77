//! Real restic repositories, made with the `restic` program in temporary directories: healthy,
//! empty, old, copied off-site, and damaged (missing and corrupted packs, missing index), opened
//! with right and wrong passwords. Without restic these tests skip with a notice, unless
//! `HOSHI_RESTIC=required` (as CI sets it), when they fail.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::OnceLock;
use std::time::{Duration, Instant, SystemTime};

use hoshi_backup::{
    BackupError, FileProblem, Options, PasswordSource, Policy, Problem, RepoSpec, Verification,
    verify,
};
use hoshi_core::{Lang, Status};

const HOST: &str = "hoshi-test-host";

fn restic_present() -> bool {
    match Command::new("restic").arg("version").output() {
        Ok(o) if o.status.success() => true,
        other => {
            if std::env::var("HOSHI_RESTIC").as_deref() == Ok("required") {
                panic!("HOSHI_RESTIC=required but restic cannot run: {other:?}");
            }
            eprintln!(
                "SKIPPED: restic is not installed here (apt-get install restic); CI runs this"
            );
            false
        }
    }
}

/// Runs restic against `repo` with the password file; panics on failure.
fn restic(repo: &Path, pw: &Path, args: &[&str]) -> String {
    let mut cmd = Command::new("restic");
    for (k, _) in std::env::vars_os() {
        if k.to_string_lossy().starts_with("RESTIC_") {
            cmd.env_remove(k);
        }
    }
    let out = cmd
        .arg("--repo")
        .arg(repo)
        .arg("--no-cache")
        .args(args)
        .env("RESTIC_PASSWORD_FILE", pw)
        .output()
        .expect("run restic");
    assert!(
        out.status.success(),
        "restic {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
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

/// A tree of files: small and large (several chunks), an empty one, names with pattern
/// characters and Japanese.
fn generate(root: &Path, scale: usize) {
    let dirs = ["docs", "docs/契約書", "db", "mail/2026"];
    let mut seed = 1;
    for d in dirs {
        std::fs::create_dir_all(root.join(d)).unwrap();
        for i in 0..6 {
            seed += 1;
            let len = 1000 + (seed as usize * 7919) % 60_000;
            std::fs::write(root.join(d).join(format!("file-{i}.bin")), noise(seed, len)).unwrap();
        }
    }
    std::fs::write(root.join("db/large.dump"), noise(99, 10_000_000 * scale)).unwrap();
    std::fs::write(
        root.join("docs/見積書 2026[改]*.txt"),
        "見積金額：120,000円\n",
    )
    .unwrap();
    std::fs::write(root.join("docs/empty.txt"), "").unwrap();
}

struct Fixture {
    pw: PathBuf,
    src: PathBuf,
    repo: PathBuf,
}

/// One healthy repository made once; damaging tests work on copies.
fn fixture() -> &'static Fixture {
    static F: OnceLock<Fixture> = OnceLock::new();
    F.get_or_init(|| {
        // A fixed place under target/, made afresh by each run (a static is never dropped).
        let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("hoshi-backup-fixture");
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        let pw = dir.join("password");
        std::fs::write(&pw, "correct horse battery staple\n").unwrap();
        let src = dir.join("data");
        generate(&src, 1);
        let repo = dir.join("repo");
        restic(&repo, &pw, &["init"]);
        let s = src.to_str().unwrap();
        restic(
            &repo,
            &pw,
            &["backup", "--host", HOST, "--time", "2026-01-01 00:00:00", s],
        );
        restic(&repo, &pw, &["backup", "--host", HOST, s]);
        Fixture { pw, src, repo }
    })
}

/// Copies a repository. Its `locks/` folder is left empty: other tests run restic on the shared
/// fixture at the same time, and a copied lock of a live process would lock the copy too (a
/// `check` failed that way once, "already locked exclusively by PID …").
fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for e in std::fs::read_dir(from).unwrap() {
        let e = e.unwrap();
        let target = to.join(e.file_name());
        if e.file_name() == "locks" {
            std::fs::create_dir_all(&target).unwrap();
            continue;
        }
        if e.file_type().unwrap().is_dir() {
            copy_dir(&e.path(), &target);
        } else {
            std::fs::copy(e.path(), &target).unwrap();
            let mut perm = std::fs::metadata(&target).unwrap().permissions();
            #[allow(clippy::permissions_set_readonly_false)]
            perm.set_readonly(false);
            std::fs::set_permissions(&target, perm).unwrap();
        }
    }
}

/// A copy of the healthy repository to damage.
fn damaged_copy() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let repo = dir.path().join("repo");
    copy_dir(&fixture().repo, &repo);
    (dir, repo)
}

fn spec(repo: &Path) -> RepoSpec {
    RepoSpec::new(
        repo.to_str().unwrap(),
        PasswordSource::File(fixture().pw.clone()),
    )
}

fn policy() -> Policy {
    Policy {
        max_age_days: 1.0,
        host: Some(HOST.into()),
        required_paths: vec![fixture().src.to_str().unwrap().to_string()],
        offsite_max_age_days: None,
    }
}

fn opts(sample: usize) -> Options {
    Options {
        restore_sample: sample,
        step_timeout: Duration::from_secs(120),
        ..Options::default()
    }
}

fn status(v: &Verification, criterion: &str) -> Status {
    v.findings
        .iter()
        .find(|f| f.criteria.contains(&criterion))
        .map(|f| f.status)
        .unwrap()
}

/// The largest pack file under data/: it holds the large file's chunks.
/// A pack with a blob of `large.dump`, and where that blob lies in it (asked of restic: which
/// blobs belong to the file, and the index's offset and length of one): bytes flipped there
/// damage that file and no other, whatever way `restic backup` happened to mix files into packs
/// (it saves several files at once, so the layout changes from run to run).
fn blob_of_large_dump(repo: &Path) -> (PathBuf, u64, u64) {
    let pw = &fixture().pw;
    let found: Vec<serde_json::Value> = {
        let packs = restic(repo, pw, &["list", "packs"]);
        let mut args = vec!["find", "--json"];
        for p in packs.lines() {
            args.push("--pack");
            args.push(p.trim());
        }
        serde_json::from_str(restic(repo, pw, &args).trim()).unwrap()
    };
    let wanted: std::collections::HashSet<&str> = found
        .iter()
        .filter(|o| {
            o["path"]
                .as_str()
                .is_some_and(|p| p.ends_with("large.dump"))
        })
        .filter_map(|o| o["id"].as_str())
        .collect();
    assert!(
        !wanted.is_empty(),
        "large.dump has no data blobs: {found:?}"
    );
    for index in restic(repo, pw, &["list", "index"]).lines() {
        let idx: serde_json::Value =
            serde_json::from_str(&restic(repo, pw, &["cat", "index", index.trim()])).unwrap();
        for pack in idx["packs"].as_array().unwrap() {
            for blob in pack["blobs"].as_array().unwrap() {
                if wanted.contains(blob["id"].as_str().unwrap()) {
                    let id = pack["id"].as_str().unwrap();
                    let path = repo.join("data").join(&id[..2]).join(id);
                    let offset = blob["offset"].as_u64().unwrap();
                    let length = blob["length"].as_u64().unwrap();
                    return (path, offset, length);
                }
            }
        }
    }
    panic!("no index entry for large.dump's blobs")
}

fn largest_pack(repo: &Path) -> PathBuf {
    let mut best: Option<(u64, PathBuf)> = None;
    for sub in std::fs::read_dir(repo.join("data")).unwrap() {
        for f in std::fs::read_dir(sub.unwrap().path()).unwrap() {
            let p = f.unwrap().path();
            let len = std::fs::metadata(&p).unwrap().len();
            if best.as_ref().is_none_or(|(l, _)| len > *l) {
                best = Some((len, p));
            }
        }
    }
    best.unwrap().1
}

#[test]
fn healthy_repository_passes_with_a_verified_restore() {
    if !restic_present() {
        return;
    }
    let f = fixture();
    let v = verify(&spec(&f.repo), &policy(), &opts(8)).unwrap();
    assert!(v.passed(), "{:#?}", v.problems);
    assert!(v.check.ok);
    assert!(v.restic_version.starts_with("0."), "{}", v.restic_version);
    assert_eq!(v.snapshot_count, 2);
    assert_eq!(v.groups.len(), 1);
    assert_eq!(v.groups[0].count, 2);
    assert!(v.groups[0].newest_age_days < 0.1);
    assert!(v.coverage[0].within_policy);
    let r = v.restore.as_ref().unwrap();
    assert_eq!(r.files_in_snapshot, 27);
    assert_eq!(r.sampled, 8);
    assert_eq!(r.verified_files, 8);
    assert!(r.verified_bytes > 0);
    assert!(
        r.files.iter().all(|f| f.size > 0),
        "empty files are not sampled"
    );
    assert!(r.files.iter().all(|f| f.blobs >= 1));
    assert_eq!(status(&v, "4-3-4-1"), Status::Met);
    assert_eq!(status(&v, "4-3-4-2"), Status::Unanswered);
    assert_eq!(status(&v, "4-3-4-3"), Status::Met);
    let text = &v.findings[2].text(Lang::Ja).advice;
    assert!(text.contains("8 ファイル"), "{text}");
    // The same sample every time.
    let again = verify(&spec(&f.repo), &policy(), &opts(8)).unwrap();
    let paths = |v: &Verification| -> Vec<String> {
        v.restore
            .as_ref()
            .unwrap()
            .files
            .iter()
            .map(|f| f.path.clone())
            .collect()
    };
    assert_eq!(paths(&v), paths(&again));
}

#[test]
fn every_file_restores_including_multi_chunk_and_odd_names() {
    if !restic_present() {
        return;
    }
    let f = fixture();
    let v = verify(&spec(&f.repo), &policy(), &opts(1000)).unwrap();
    let r = v.restore.as_ref().unwrap();
    assert!(r.passed(), "{r:#?}");
    assert_eq!(r.sampled, 26, "all files with content");
    let large = r
        .files
        .iter()
        .find(|f| f.path.ends_with("large.dump"))
        .unwrap();
    assert!(
        large.blobs > 1,
        "10 MB is more than restic's largest chunk (8 MiB), so several chunks: {large:?}"
    );
    assert!(
        r.files
            .iter()
            .any(|f| f.path.ends_with("見積書 2026[改]*.txt"))
    );
}

#[test]
fn password_from_an_environment_variable() {
    if !restic_present() {
        return;
    }
    let f = fixture();
    let pw = std::fs::read_to_string(&f.pw).unwrap();
    // SAFETY: the variable name is unique to this test; nothing else reads it.
    unsafe { std::env::set_var("HOSHI_TEST_BACKUP_PW", pw.trim_end()) };
    let s = RepoSpec::new(
        f.repo.to_str().unwrap(),
        PasswordSource::EnvVar("HOSHI_TEST_BACKUP_PW".into()),
    );
    let v = verify(&s, &policy(), &opts(2)).unwrap();
    assert!(v.passed(), "{:#?}", v.problems);
    let missing = RepoSpec::new(
        f.repo.to_str().unwrap(),
        PasswordSource::EnvVar("HOSHI_TEST_BACKUP_PW_UNSET".into()),
    );
    let e = verify(&missing, &policy(), &opts(2)).unwrap_err();
    assert!(
        matches!(e, BackupError::PasswordUnavailable { .. }),
        "{e:?}"
    );
}

#[test]
fn wrong_password_is_a_clear_error() {
    if !restic_present() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let bad = dir.path().join("pw");
    std::fs::write(&bad, "not the password").unwrap();
    let s = RepoSpec::new(fixture().repo.to_str().unwrap(), PasswordSource::File(bad));
    let e = verify(&s, &policy(), &opts(2)).unwrap_err();
    assert_eq!(e, BackupError::WrongPassword);
    assert!(e.message(Lang::Ja).contains("パスワードが正しくありません"));
    assert!(e.message(Lang::En).contains("password is wrong"));
}

#[test]
fn not_a_repository() {
    if !restic_present() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let e = verify(&spec(dir.path()), &policy(), &opts(2)).unwrap_err();
    assert!(matches!(e, BackupError::NotARepository { .. }), "{e:?}");
    assert!(e.message(Lang::Ja).contains("リポジトリがありません"));
}

#[test]
fn restic_not_installed() {
    let dir = tempfile::tempdir().unwrap();
    let pw = dir.path().join("pw");
    std::fs::write(&pw, "x").unwrap();
    let o = Options {
        restic: "/nonexistent/bin/restic".into(),
        ..opts(1)
    };
    let s = RepoSpec::new(dir.path().to_str().unwrap(), PasswordSource::File(pw));
    let e = verify(&s, &Policy::default(), &o).unwrap_err();
    assert!(matches!(e, BackupError::ResticNotFound { .. }), "{e:?}");
    assert!(e.message(Lang::Ja).contains("インストールしてください"));
}

#[test]
fn a_step_over_its_time_limit_is_stopped() {
    if !restic_present() {
        return;
    }
    let o = Options {
        step_timeout: Duration::from_millis(1),
        ..opts(1)
    };
    let e = verify(&spec(&fixture().repo), &policy(), &o).unwrap_err();
    assert!(matches!(e, BackupError::Timeout { .. }), "{e:?}");
}

#[test]
fn empty_repository() {
    if !restic_present() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let repo = dir.path().join("repo");
    restic(&repo, &fixture().pw, &["init"]);
    let v = verify(&spec(&repo), &policy(), &opts(4)).unwrap();
    assert!(v.problems.contains(&Problem::Empty), "{:?}", v.problems);
    assert!(v.restore.is_none());
    assert_eq!(status(&v, "4-3-4-1"), Status::NotMet);
    assert_eq!(status(&v, "4-3-4-3"), Status::Unanswered);
    assert!(
        Problem::Empty
            .message(Lang::Ja)
            .contains("スナップショットが一つもありません")
    );
}

#[test]
fn old_snapshots_and_uncovered_paths() {
    if !restic_present() {
        return;
    }
    let f = fixture();
    let dir = tempfile::tempdir().unwrap();
    let repo = dir.path().join("repo");
    restic(&repo, &f.pw, &["init"]);
    let docs = f.src.join("docs");
    restic(
        &repo,
        &f.pw,
        &[
            "backup",
            "--host",
            HOST,
            "--time",
            "2025-06-01 09:00:00",
            docs.to_str().unwrap(),
        ],
    );
    let mut p = policy();
    p.required_paths = vec![
        docs.join("契約書").to_str().unwrap().to_string(),
        f.src.join("db").to_str().unwrap().to_string(),
    ];
    let v = verify(&spec(&repo), &p, &opts(2)).unwrap();
    assert!(
        v.problems
            .iter()
            .any(|x| matches!(x, Problem::TooOld { age_days, .. } if *age_days > 100.0)),
        "{:?}",
        v.problems
    );
    assert!(
        v.problems
            .iter()
            .any(|x| matches!(x, Problem::NotCovered { path } if path.ends_with("/db")))
    );
    assert_eq!(status(&v, "4-3-4-1"), Status::NotMet);
    // The old snapshot still restores.
    assert_eq!(status(&v, "4-3-4-3"), Status::Met);
    // Judged at its own time, the snapshot is fresh.
    let at = SystemTime::UNIX_EPOCH + Duration::from_secs(1_748_768_400 + 3600);
    let o = Options {
        now: Some(at),
        ..opts(0)
    };
    p.required_paths.pop();
    let v = verify(&spec(&repo), &p, &o).unwrap();
    assert!(v.passed(), "{:?}", v.problems);
}

#[test]
fn off_site_copy_made_by_restic_copy() {
    if !restic_present() {
        return;
    }
    let f = fixture();
    let dir = tempfile::tempdir().unwrap();
    let off = dir.path().join("offsite");
    restic(&off, &f.pw, &["init"]);
    let o = Options {
        offsite: Some(spec(&off)),
        ..opts(0)
    };
    // Nothing copied yet.
    let v = verify(&spec(&f.repo), &policy(), &o).unwrap();
    assert!(v.problems.contains(&Problem::NoOffsiteCopy));
    assert_eq!(status(&v, "4-3-4-2"), Status::NotMet);
    restic(
        &off,
        &f.pw,
        &[
            "copy",
            "--from-repo",
            f.repo.to_str().unwrap(),
            "--from-password-file",
            f.pw.to_str().unwrap(),
        ],
    );
    let v = verify(&spec(&f.repo), &policy(), &o).unwrap();
    let c = v.offsite.as_ref().unwrap();
    assert!(c.within_policy && c.same_tree_as_newest, "{c:?}");
    assert_eq!(status(&v, "4-3-4-2"), Status::Met);
    assert!(v.passed());
    // An off-site repository that cannot be opened is a finding, not a failed verification.
    let o = Options {
        offsite: Some(spec(dir.path())),
        ..opts(0)
    };
    let v = verify(&spec(&f.repo), &policy(), &o).unwrap();
    assert!(matches!(
        v.offsite.as_ref().unwrap().error,
        Some(BackupError::NotARepository { .. })
    ));
    assert_eq!(status(&v, "4-3-4-2"), Status::NotMet);
}

#[test]
fn missing_pack_file() {
    if !restic_present() {
        return;
    }
    let (_dir, repo) = damaged_copy();
    let pack = largest_pack(&repo);
    std::fs::remove_file(&pack).unwrap();
    let v = verify(&spec(&repo), &policy(), &opts(1000)).unwrap();
    let name = pack.file_name().unwrap().to_str().unwrap().to_string();
    assert!(
        v.problems
            .contains(&Problem::MissingPack { packs: vec![name] }),
        "{:?}",
        v.problems
    );
    assert!(!v.check.ok);
    let r = v.restore.as_ref().unwrap();
    assert!(!r.passed());
    assert!(r.restic_error.is_some());
    let large = r
        .files
        .iter()
        .find(|f| f.path.ends_with("large.dump"))
        .unwrap();
    assert!(large.problem.is_some(), "{large:?}");
    assert_eq!(status(&v, "4-3-4-1"), Status::NotMet);
    assert_eq!(status(&v, "4-3-4-3"), Status::NotMet);
    assert!(v.problems[0].message(Lang::Ja).contains("パックファイル"));
}

#[test]
fn corrupted_pack_is_caught_by_the_restore_test_and_by_reading_data() {
    if !restic_present() {
        return;
    }
    let (_dir, repo) = damaged_copy();
    let (pack, offset, length) = blob_of_large_dump(&repo);
    let mut bytes = std::fs::read(&pack).unwrap();
    let mid = usize::try_from(offset + length / 2).unwrap();
    for b in &mut bytes[mid..mid + 16] {
        *b ^= 0xff;
    }
    std::fs::write(&pack, bytes).unwrap();
    // The structural check cannot see it (sizes are intact); the restore test does.
    let v = verify(&spec(&repo), &policy(), &opts(1000)).unwrap();
    assert!(v.check.ok);
    let r = v.restore.as_ref().unwrap();
    let large = r
        .files
        .iter()
        .find(|f| f.path.ends_with("large.dump"))
        .unwrap();
    assert!(
        matches!(
            large.problem,
            Some(
                FileProblem::NotRestored
                    | FileProblem::HashMismatch { .. }
                    | FileProblem::SizeMismatch { .. }
            )
        ),
        "{large:?}"
    );
    assert!(
        v.problems
            .iter()
            .any(|p| matches!(p, Problem::RestoreFailed { failed: 1, .. }))
    );
    // Reading all data finds the pack.
    let o = Options {
        read_data_subset: Some("100%".into()),
        ..opts(0)
    };
    let v = verify(&spec(&repo), &policy(), &o).unwrap();
    let name = pack.file_name().unwrap().to_str().unwrap().to_string();
    assert!(
        v.problems
            .contains(&Problem::CorruptPack { packs: vec![name] }),
        "{:?}",
        v.problems
    );
}

#[test]
fn missing_index() {
    if !restic_present() {
        return;
    }
    let (_dir, repo) = damaged_copy();
    for e in std::fs::read_dir(repo.join("index")).unwrap() {
        std::fs::remove_file(e.unwrap().path()).unwrap();
    }
    let v = verify(&spec(&repo), &policy(), &opts(4)).unwrap();
    assert!(
        v.problems.contains(&Problem::MissingIndex),
        "{:?}",
        v.problems
    );
    let r = v.restore.as_ref().unwrap();
    assert!(r.error.is_some() && !r.passed(), "{r:?}");
    assert_eq!(status(&v, "4-3-4-3"), Status::NotMet);
    assert!(Problem::MissingIndex.message(Lang::En).contains("index"));
}

/// `cargo test -p hoshi-backup --test restic -- --ignored --nocapture bench`: a ~100 MB
/// repository, hoshi's restore test beside `restic restore` of the same sample.
#[test]
#[ignore = "benchmark"]
fn bench_restore_test_against_restic_restore() {
    if !restic_present() {
        return;
    }
    let f = fixture();
    let dir = tempfile::tempdir().unwrap();
    let src = dir.path().join("data");
    generate(&src, 1);
    for i in 0..32 {
        std::fs::write(
            src.join(format!("db/part-{i:02}.bin")),
            noise(1000 + i, 3_000_000),
        )
        .unwrap();
    }
    let repo = dir.path().join("repo");
    restic(&repo, &f.pw, &["init"]);
    restic(
        &repo,
        &f.pw,
        &["backup", "--host", HOST, src.to_str().unwrap()],
    );
    let mut p = policy();
    p.required_paths.clear();
    let v = verify(&spec(&repo), &p, &opts(20)).unwrap();
    let r = v.restore.as_ref().unwrap();
    assert!(r.passed(), "{r:?}");
    let target = dir.path().join("plain");
    let mut args = vec![
        "restore".to_string(),
        "latest".into(),
        "--target".into(),
        target.to_str().unwrap().into(),
    ];
    for file in &r.files {
        args.push("--include".into());
        args.push(
            file.path
                .replace('[', "\\[")
                .replace('*', "\\*")
                .replace('?', "\\?"),
        );
    }
    let refs: Vec<&str> = args.iter().map(String::as_str).collect();
    let t = Instant::now();
    restic(&repo, &f.pw, &refs);
    let plain = t.elapsed();
    let target2 = dir.path().join("verified");
    let mut refs2 = refs.clone();
    refs2[3] = target2.to_str().unwrap();
    refs2.push("--verify");
    let t = Instant::now();
    restic(&repo, &f.pw, &refs2);
    let with_verify = t.elapsed();
    eprintln!(
        "repository {} MB; sample {} files, {} bytes\n hoshi restore test: total {} ms (restore {} ms, verify {} ms)\n restic restore: {} ms; restic restore --verify: {} ms; hoshi verify(): {} ms",
        dir_size(&repo) / 1_000_000,
        r.verified_files,
        r.verified_bytes,
        r.total_ms,
        r.restore_ms,
        r.verify_ms,
        plain.as_millis(),
        with_verify.as_millis(),
        v.duration_ms
    );
}

fn dir_size(p: &Path) -> u64 {
    std::fs::read_dir(p)
        .unwrap()
        .map(|e| {
            let e = e.unwrap();
            if e.file_type().unwrap().is_dir() {
                dir_size(&e.path())
            } else {
                e.metadata().unwrap().len()
            }
        })
        .sum()
}
