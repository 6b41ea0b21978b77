//! The instance's signing keys on disk, and their publication.
//!
//! `<data>/keys/` (mode 0700) holds the active Ed25519 seed as `<key id>.seed` (mode 0600, hex)
//! and `hoshi-keys.json`, every public key this instance ever used with its status. A key is made
//! on first start; rotation makes a new active key, marks the old one retired (its public key stays
//! published so what it signed still verifies) and deletes the old seed.

use std::io::Write;
use std::path::{Path, PathBuf};

use hoshi_attest::{KeyEntry, KeySet, KeyStatus, SigningKey};
use hoshi_core::base64;

pub struct Keystore {
    dir: PathBuf,
    active: SigningKey,
    set: KeySet,
}

fn unhex(s: &str) -> Option<Vec<u8>> {
    let s = s.trim();
    if !s.len().is_multiple_of(2) {
        return None;
    }
    (0..s.len())
        .step_by(2)
        .map(|i| u8::from_str_radix(s.get(i..i + 2)?, 16).ok())
        .collect()
}

fn file_name(keyid: &str) -> String {
    format!("{}.seed", keyid.replace(':', "-"))
}

/// Writes `bytes` to a new file readable by the owner only, then renames it into place.
fn write_private(path: &Path, bytes: &[u8], mode: u32) -> std::io::Result<()> {
    let tmp = path.with_extension("tmp");
    let _ = std::fs::remove_file(&tmp);
    let mut o = std::fs::OpenOptions::new();
    o.write(true).create_new(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        o.mode(mode);
    }
    #[cfg(not(unix))]
    let _ = mode;
    let mut f = o.open(&tmp)?;
    f.write_all(bytes)?;
    f.sync_all()?;
    std::fs::rename(&tmp, path)
}

impl Keystore {
    /// Opens the key directory, making the first key when there is none.
    pub fn open(data_dir: &Path, today: &str) -> Result<Keystore, String> {
        let dir = data_dir.join("keys");
        std::fs::create_dir_all(&dir).map_err(|e| format!("{}: {e}", dir.display()))?;
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            std::fs::set_permissions(&dir, std::fs::Permissions::from_mode(0o700))
                .map_err(|e| format!("{}: {e}", dir.display()))?;
        }
        Self::read(dir, Some(today))
    }

    /// Opens the key directory without changing it (it may be a read-only mount shared by every
    /// server of a deployment); an error when it holds no active key.
    pub fn open_existing(data_dir: &Path) -> Result<Keystore, String> {
        Self::read(data_dir.join("keys"), None)
    }

    fn read(dir: std::path::PathBuf, create_on: Option<&str>) -> Result<Keystore, String> {
        let set_path = dir.join("hoshi-keys.json");
        let set = match std::fs::read(&set_path) {
            Ok(b) => KeySet::from_json(&b).map_err(|e| format!("{}: {e}", set_path.display()))?,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => KeySet::default(),
            Err(e) => return Err(format!("{}: {e}", set_path.display())),
        };
        let active = set.keys.iter().find(|k| k.status == KeyStatus::Active);
        match active {
            Some(k) => {
                let path = dir.join(file_name(&k.keyid));
                let text = std::fs::read_to_string(&path)
                    .map_err(|e| format!("the active key's seed {}: {e}", path.display()))?;
                let seed = unhex(&text).ok_or_else(|| format!("{}: not hex", path.display()))?;
                let key =
                    SigningKey::from_seed(&seed).map_err(|e| format!("{}: {e}", path.display()))?;
                if key.key_id() != k.keyid {
                    return Err(format!(
                        "{}: the seed belongs to {}, not to the published active key {}",
                        path.display(),
                        key.key_id(),
                        k.keyid
                    ));
                }
                Ok(Keystore {
                    dir,
                    active: key,
                    set,
                })
            }
            None => {
                let Some(today) = create_on else {
                    return Err(format!(
                        "no signing key in {}: create it once with `hoshi keys list --data {}` and give every server the same directory",
                        dir.display(),
                        dir.parent().unwrap_or(&dir).display()
                    ));
                };
                let mut ks = Keystore {
                    active: SigningKey::generate()?,
                    dir,
                    set,
                };
                ks.install(today)?;
                Ok(ks)
            }
        }
    }

    /// Writes the active key's seed and the key set with it as the active key.
    fn install(&mut self, today: &str) -> Result<(), String> {
        let seed_path = self.dir.join(file_name(self.active.key_id()));
        write_private(
            &seed_path,
            hoshi_store::hex(self.active.seed()).as_bytes(),
            0o600,
        )
        .map_err(|e| format!("{}: {e}", seed_path.display()))?;
        for k in &mut self.set.keys {
            k.status = KeyStatus::Retired;
        }
        self.set.keys.push(KeyEntry {
            keyid: self.active.key_id().to_string(),
            alg: "ed25519".into(),
            public_key: base64::encode(&self.active.public().bytes),
            status: KeyStatus::Active,
            created: today.into(),
        });
        let set_path = self.dir.join("hoshi-keys.json");
        write_private(&set_path, &self.set.to_json(), 0o644)
            .map_err(|e| format!("{}: {e}", set_path.display()))
    }

    /// A new active key; the old one is retired (public key kept) and its seed deleted.
    pub fn rotate(&mut self, today: &str) -> Result<(), String> {
        let old = self.dir.join(file_name(self.active.key_id()));
        self.active = SigningKey::generate()?;
        self.install(today)?;
        std::fs::remove_file(&old).map_err(|e| format!("{}: {e}", old.display()))
    }

    pub fn active(&self) -> &SigningKey {
        &self.active
    }

    pub fn key_set(&self) -> &KeySet {
        &self.set
    }
}

/// `GET /.well-known/hoshi-keys.json`: every public key of this instance, active and retired.
pub(crate) async fn published_keys(
    axum::extract::State(state): axum::extract::State<crate::Shared>,
) -> axum::response::Response {
    use axum::http::header;
    use axum::response::IntoResponse;
    let body = state
        .keys
        .read()
        .unwrap_or_else(|p| p.into_inner())
        .as_ref()
        .map(|k| k.key_set().to_json());
    match body {
        Some(b) => (
            [
                (header::CONTENT_TYPE, "application/json"),
                (header::CACHE_CONTROL, "public, max-age=300"),
            ],
            b,
        )
            .into_response(),
        None => crate::kernel::error::AppError::NotFound.into_response(),
    }
}
