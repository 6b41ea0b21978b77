//! File access for the CLI: bounded reads, atomic writes, the catalog store in the data directory.

use std::fs;
use std::io::{Read, Write};
use std::path::{Path, PathBuf};

use anyhow::{Context, Result, anyhow, bail};
use hoshi_catalog::Registry;

/// Reads at most `limit` bytes of a file; larger files are refused with a clear message.
pub fn read_bytes(path: &Path, limit: usize) -> Result<Vec<u8>> {
    let f = fs::File::open(path).with_context(|| format!("cannot open {}", path.display()))?;
    let meta = f
        .metadata()
        .with_context(|| format!("cannot read {}", path.display()))?;
    if meta.is_dir() {
        bail!("{} is a directory, not a file", path.display());
    }
    if meta.len() > limit as u64 {
        bail!(
            "{} is {} bytes; the limit for this kind of file is {limit} bytes",
            path.display(),
            meta.len()
        );
    }
    let mut buf = Vec::new();
    f.take(limit as u64 + 1)
        .read_to_end(&mut buf)
        .with_context(|| format!("cannot read {}", path.display()))?;
    if buf.len() > limit {
        bail!(
            "{} is larger than the limit of {limit} bytes",
            path.display()
        );
    }
    Ok(buf)
}

/// Reads a UTF-8 text file of at most `limit` bytes.
pub fn read_text(path: &Path, limit: usize) -> Result<String> {
    let bytes = read_bytes(path, limit)?;
    String::from_utf8(bytes).map_err(|e| {
        let at = e.utf8_error().valid_up_to();
        let text = String::from_utf8_lossy(&e.as_bytes()[..at]);
        let line = text.matches('\n').count() + 1;
        anyhow!(
            "{}:{line}: the file is not valid UTF-8 (byte {at}); save it as UTF-8",
            path.display()
        )
    })
}

/// Writes a file atomically (temporary file in the same directory, then rename), so a reader
/// never sees a half-written file. Refuses to replace an existing file unless `force`.
pub fn write_atomic(path: &Path, data: &[u8], force: bool) -> Result<()> {
    if !force && path.exists() {
        bail!(
            "{} already exists; choose another name or pass --force to replace it",
            path.display()
        );
    }
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d.to_path_buf(),
        _ => PathBuf::from("."),
    };
    if !dir.is_dir() {
        bail!("directory {} does not exist", dir.display());
    }
    let name = path
        .file_name()
        .ok_or_else(|| anyhow!("{} is not a file name", path.display()))?;
    let tmp = dir.join(format!(
        ".{}.tmp-{}",
        name.to_string_lossy(),
        std::process::id()
    ));
    let result = (|| -> Result<()> {
        let mut f =
            fs::File::create(&tmp).with_context(|| format!("cannot create {}", tmp.display()))?;
        f.write_all(data)?;
        f.sync_all()?;
        fs::rename(&tmp, path).with_context(|| format!("cannot write {}", path.display()))?;
        Ok(())
    })();
    if result.is_err() {
        let _ = fs::remove_file(&tmp);
    }
    result
}

pub fn catalog_dir(data: &Path) -> PathBuf {
    data.join("catalogs")
}

/// Bundled catalogs plus every catalog imported into `<data>/catalogs`. A broken imported file
/// is reported and skipped, so it never hides the bundled catalogs.
pub fn load_registry(data: &Path) -> Result<Registry> {
    let mut reg = Registry::bundled().map_err(|e| anyhow!("bundled catalogs are invalid: {e}"))?;
    let dir = catalog_dir(data);
    let Ok(entries) = fs::read_dir(&dir) else {
        return Ok(reg);
    };
    let mut files: Vec<PathBuf> = entries
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "toml"))
        .collect();
    files.sort();
    for f in files {
        let text = match read_text(&f, hoshi_catalog::MAX_FILE_BYTES) {
            Ok(t) => t,
            Err(e) => {
                eprintln!("warning: skipping {}: {e:#}", f.display());
                continue;
            }
        };
        if let Err(e) = reg.add_text(&f.display().to_string(), &text) {
            eprintln!("warning: skipping {}: {e}", f.display());
        }
    }
    Ok(reg)
}

/// The current UTC time as RFC 3339 (`2026-11-21T06:52:00Z`).
pub fn now_rfc3339() -> String {
    hoshi_core::time::rfc3339(now())
}

/// Today's UTC date, `YYYY-MM-DD`.
pub fn today() -> String {
    hoshi_core::time::date(now())
}

/// Seconds since the Unix epoch: the command line's one clock.
pub fn now() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_secs() as i64)
        .unwrap_or(0)
}
