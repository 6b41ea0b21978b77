//! `hoshi backup verify`: a restic repository verified by `hoshi-backup` (structure, snapshot
//! ages against the policy, an off-site copy, a real restore test), as text, JSON or one HTML
//! page.

use anyhow::{Result, anyhow};
use hoshi_backup::{Options, PasswordSource, Policy, RepoSpec, Verification};
use hoshi_core::Lang;

use crate::cli::{BackupCmd, BackupVerifyArgs, PageFormat};

pub fn run(c: BackupCmd, lang: Lang) -> Result<()> {
    match c {
        BackupCmd::Verify(a) => verify(a, lang),
    }
}

/// The password source: a file, a named variable, or restic's own `RESTIC_PASSWORD`.
fn password(a: &BackupVerifyArgs) -> PasswordSource {
    match (&a.password_file, &a.password_env) {
        (Some(f), _) => PasswordSource::File(f.clone()),
        (None, Some(v)) => PasswordSource::EnvVar(v.clone()),
        (None, None) => PasswordSource::EnvVar("RESTIC_PASSWORD".into()),
    }
}

fn verify(a: BackupVerifyArgs, lang: Lang) -> Result<()> {
    let pw = password(&a);
    let repo = RepoSpec::new(a.repo.clone(), pw.clone());
    let policy = Policy {
        max_age_days: a.max_age_days,
        host: a.host.clone(),
        required_paths: a.paths.clone(),
        offsite_max_age_days: None,
    };
    let opts = Options {
        restore_sample: a.restore_sample,
        read_data_subset: a.read_data_subset.clone(),
        offsite: a.offsite.as_ref().map(|o| RepoSpec::new(o.clone(), pw)),
        ..Options::default()
    };
    let v = hoshi_backup::verify(&repo, &policy, &opts)
        .map_err(|e| anyhow!("{}: {}", a.repo, e.message(lang)))?;
    match a.format {
        PageFormat::Json => {
            let mut s = serde_json::to_string_pretty(&v)?;
            s.push('\n');
            print!("{s}");
        }
        PageFormat::Text => print!("{}", text(&v, lang)),
        PageFormat::Html => print!("{}", hoshi_backup::html::render(&v, &policy, lang)),
    }
    if v.passed() {
        Ok(())
    } else {
        Err(crate::Reported.into())
    }
}

fn text(v: &Verification, lang: Lang) -> String {
    use std::fmt::Write as _;
    let ja = lang == Lang::Ja;
    let mut o = String::new();
    let _ = writeln!(
        o,
        "{}",
        if ja {
            format!(
                "{}（restic {}）: スナップショット {} 件、構造チェック {}",
                v.location,
                v.restic_version,
                v.snapshot_count,
                if v.check.ok {
                    "問題なし"
                } else {
                    "問題あり"
                }
            )
        } else {
            format!(
                "{} (restic {}): {} snapshots, structural check {}",
                v.location,
                v.restic_version,
                v.snapshot_count,
                if v.check.ok { "passed" } else { "failed" }
            )
        }
    );
    for g in &v.groups {
        let _ = writeln!(
            o,
            "  {} {}: {} {} ({:.1} {}){}",
            g.host,
            g.paths.join(", "),
            if ja { "最新" } else { "newest" },
            g.newest_time,
            g.newest_age_days,
            if ja { "日前" } else { "days ago" },
            match (g.within_policy, ja) {
                (true, _) => "",
                (false, true) => " — 方針より古い",
                (false, false) => " — older than the policy",
            }
        );
    }
    if let Some(r) = &v.restore {
        let _ = writeln!(
            o,
            "{}",
            if ja {
                format!(
                    "復元テスト: {} 件中 {} 件（{} バイト）を復元し、スナップショットのハッシュと一致しました",
                    r.sampled, r.verified_files, r.verified_bytes
                )
            } else {
                format!(
                    "restore test: {} of {} files ({} bytes) restored and matched the snapshot's hashes",
                    r.verified_files, r.sampled, r.verified_bytes
                )
            }
        );
    }
    if let Some(off) = &v.offsite {
        let _ = writeln!(
            o,
            "{}: {} — {}",
            if ja {
                "遠隔地のコピー"
            } else {
                "off-site copy"
            },
            off.location,
            match (off.within_policy, ja) {
                (true, true) => "方針の範囲内",
                (true, false) => "within the policy",
                (false, true) => "方針を満たしていません",
                (false, false) => "not within the policy",
            }
        );
    }
    for p in &v.problems {
        let _ = writeln!(o, "! {}", p.message(lang));
    }
    for f in &v.findings {
        let t = f.text(lang);
        let _ = writeln!(
            o,
            "\n[{}] {}\n    {}",
            f.criteria.join(", "),
            t.title,
            t.advice
        );
    }
    let _ = writeln!(
        o,
        "\n{}: {} ms",
        if ja { "所要時間" } else { "took" },
        v.duration_ms
    );
    o
}
