//! Evidence files by their SHA-256, stored once: as files in the data directory with SQLite
//! (`evidence/ab/abcd…`, written to a temporary name and renamed), in the database with
//! PostgreSQL (table `evidence_blobs`, in parts of 1 MiB), so that every server of a deployment
//! reads the same files and a database backup holds them.

use std::io::Write;
use std::path::{Path, PathBuf};

use sha2::{Digest, Sha256};

use crate::db::{DbError, DbErrorKind, WriteTx};
use crate::{Backend, Result, Store, StoreError, hex, params};

/// The size of one stored part on PostgreSQL.
const PART: usize = 1 << 20;

/// Where a file lives in an SQLite data directory.
pub fn file_path(data_dir: &Path, sha: &str) -> PathBuf {
    data_dir.join("evidence").join(&sha[..2]).join(sha)
}

fn is_sha(s: &str) -> bool {
    s.len() == 64
        && s.bytes()
            .all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b))
}

fn io_error(what: &str, e: &std::io::Error) -> StoreError {
    let kind = match e.kind() {
        std::io::ErrorKind::StorageFull | std::io::ErrorKind::ReadOnlyFilesystem => {
            DbErrorKind::Storage
        }
        _ => DbErrorKind::Other,
    };
    StoreError::Db(DbError {
        kind,
        message: format!("{what}: {e}"),
    })
}

impl Store {
    /// Stores `bytes` (once, however often it is called); returns their SHA-256.
    pub fn put_blob(&self, bytes: &[u8]) -> Result<String> {
        let sha = hex(&Sha256::digest(bytes));
        match &self.backend {
            Backend::Sqlite(s) => put_file(s.data_dir(), &sha, bytes)?,
            Backend::Postgres(p) => {
                p.write_unlocked(|c| put_parts(&WriteTx::pg(c), &sha, bytes))?
            }
        }
        Ok(sha)
    }

    /// The file stored under `sha`, checked against its hash; `NotFound` when there is none.
    pub fn get_blob(&self, sha: &str) -> Result<Vec<u8>> {
        if !is_sha(sha) {
            return Err(StoreError::NotFound);
        }
        let bytes = match &self.backend {
            Backend::Sqlite(s) => match std::fs::read(file_path(s.data_dir(), sha)) {
                Ok(b) => b,
                Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                    return Err(StoreError::NotFound);
                }
                Err(e) => return Err(io_error("evidence file", &e)),
            },
            Backend::Postgres(_) => {
                let parts = self.read(|c| {
                    c.query_map(
                        "SELECT data FROM evidence_blobs WHERE sha256 = ?1 ORDER BY part",
                        [sha],
                        |r| r.get::<Vec<u8>>(0),
                    )
                })?;
                if parts.is_empty() {
                    return Err(StoreError::NotFound);
                }
                parts.concat()
            }
        };
        if hex(&Sha256::digest(&bytes)) != sha {
            return Err(StoreError::Io(format!(
                "evidence file {sha} is damaged (its content no longer matches its hash)"
            )));
        }
        Ok(bytes)
    }

    /// Removes half-written evidence files a crash left behind in an SQLite data directory
    /// (names starting with a dot); returns how many. Nothing to do on PostgreSQL, where a file
    /// is written in one transaction.
    pub fn sweep_partial_blobs(&self) -> usize {
        match &self.backend {
            Backend::Sqlite(s) => sweep_partial(s.data_dir()),
            Backend::Postgres(_) => 0,
        }
    }
}

fn put_file(data_dir: &Path, sha: &str, bytes: &[u8]) -> Result<()> {
    let path = file_path(data_dir, sha);
    if path.exists() {
        return Ok(());
    }
    let dir = path
        .parent()
        .ok_or_else(|| StoreError::Io("bad evidence path".into()))?;
    std::fs::create_dir_all(dir).map_err(|e| io_error("evidence directory", &e))?;
    let tmp = dir.join(format!(".{sha}.{}", crate::new_id()));
    let written = std::fs::File::create(&tmp)
        .and_then(|mut f| f.write_all(bytes).and_then(|()| f.sync_all()))
        .and_then(|()| std::fs::rename(&tmp, &path));
    if let Err(e) = written {
        // A full disk must not fill up further with half-written copies.
        let _ = std::fs::remove_file(&tmp);
        return Err(io_error("evidence file", &e));
    }
    Ok(())
}

fn put_parts(tx: &WriteTx, sha: &str, bytes: &[u8]) -> Result<()> {
    let have = tx
        .query_opt(
            "SELECT 1 FROM evidence_blobs WHERE sha256 = ?1 AND part = 0",
            [sha],
            |r| r.get::<i64>(0),
        )?
        .is_some();
    if have {
        return Ok(());
    }
    if bytes.is_empty() {
        tx.execute(
            "INSERT INTO evidence_blobs (sha256, part, data) VALUES (?1, 0, ?2) ON CONFLICT (sha256, part) DO NOTHING",
            params![sha, Vec::<u8>::new()],
        )?;
    }
    for (i, part) in bytes.chunks(PART).enumerate() {
        tx.execute(
            "INSERT INTO evidence_blobs (sha256, part, data) VALUES (?1, ?2, ?3) ON CONFLICT (sha256, part) DO NOTHING",
            params![sha, i, part],
        )?;
    }
    Ok(())
}

/// Removes half-written files (names starting with a dot) under `data_dir/evidence`.
pub fn sweep_partial(data_dir: &Path) -> usize {
    let Ok(dirs) = std::fs::read_dir(data_dir.join("evidence")) else {
        return 0;
    };
    let mut removed = 0;
    for dir in dirs.flatten() {
        let Ok(files) = std::fs::read_dir(dir.path()) else {
            continue;
        };
        for f in files.flatten() {
            if f.file_name().to_string_lossy().starts_with('.')
                && std::fs::remove_file(f.path()).is_ok()
            {
                removed += 1;
            }
        }
    }
    removed
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn half_written_files_are_swept() {
        let d = std::env::temp_dir().join(format!("hoshi-sweep-{}", crate::new_id()));
        let dir = d.join("evidence").join("ab");
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::write(dir.join(".abcd.1234"), b"half").unwrap();
        std::fs::write(dir.join("abcd"), b"whole").unwrap();
        assert_eq!(sweep_partial(&d), 1);
        assert!(dir.join("abcd").exists() && !dir.join(".abcd.1234").exists());
        std::fs::remove_dir_all(&d).unwrap();
    }
}
