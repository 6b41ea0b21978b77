//! Secrets kept for the organisation (a backup repository's password and backend keys): sealed
//! with AES-256-GCM under the deployment's sealing key before they reach the store, opened only
//! where they are used, never shown again.
//!
//! The key is `<data>/keys/sealing.key` (32 random bytes as hex, mode 0600), beside the signing
//! keys. A single server makes it on first use; servers sharing a database must all be given the
//! same file (like the signing key) and never make one of their own — a server without it
//! refuses to seal ([`SealError::NoKey`]).
//!
//! A sealed value is `hs1.<key id>.<nonce>.<ciphertext+tag>` (hex), where the key id is the first
//! 8 bytes of the key's SHA-256: a value sealed under another key is reported as such, not as
//! damage. The additional data binds each value to its place (organisation, record, field), so
//! a value copied into another row or another organisation does not open.

use std::io::Write;
use std::path::{Path, PathBuf};

use ring::aead::{AES_256_GCM, Aad, LessSafeKey, Nonce, UnboundKey};
use ring::rand::{SecureRandom, SystemRandom};
use sha2::{Digest, Sha256};

const PREFIX: &str = "hs1";

/// Why a secret could not be sealed or opened.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SealError {
    /// No sealing key on this server (servers sharing a database must be given one).
    NoKey,
    /// The key file exists but cannot be read or is not 32 bytes of hex.
    BadKey(String),
    /// The value was sealed under another key (another server's, or before a key change).
    OtherKey { key_id: String },
    /// The value is damaged or belongs to another place.
    Damaged,
}

impl std::fmt::Display for SealError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            SealError::NoKey => f.write_str("no sealing key (keys/sealing.key) on this server"),
            SealError::BadKey(e) => write!(f, "the sealing key cannot be used: {e}"),
            SealError::OtherKey { key_id } => {
                write!(f, "sealed under another key ({key_id})")
            }
            SealError::Damaged => f.write_str("sealed value damaged or moved"),
        }
    }
}

/// The deployment's sealing key.
pub struct Sealer {
    key: LessSafeKey,
    key_id: String,
}

fn hex(b: &[u8]) -> String {
    b.iter().map(|x| format!("{x:02x}")).collect()
}

fn unhex(s: &str) -> Option<Vec<u8>> {
    if !s.len().is_multiple_of(2) {
        return None;
    }
    (0..s.len())
        .step_by(2)
        .map(|i| u8::from_str_radix(s.get(i..i + 2)?, 16).ok())
        .collect()
}

fn key_path(data_dir: &Path) -> PathBuf {
    data_dir.join("keys").join("sealing.key")
}

impl Sealer {
    /// Opens the key in `data_dir`; when there is none, makes it if `create` (a single server)
    /// or fails with [`SealError::NoKey`].
    pub fn open(data_dir: &Path, create: bool) -> Result<Sealer, SealError> {
        let path = key_path(data_dir);
        let bytes = match std::fs::read_to_string(&path) {
            Ok(t) => unhex(t.trim()).ok_or_else(|| {
                SealError::BadKey(format!("{}: not 64 hex digits", path.display()))
            })?,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                if !create {
                    return Err(SealError::NoKey);
                }
                let mut k = [0u8; 32];
                SystemRandom::new()
                    .fill(&mut k)
                    .map_err(|_| SealError::BadKey("no system randomness".into()))?;
                write_new(&path, hex(&k).as_bytes())
                    .map_err(|e| SealError::BadKey(format!("{}: {e}", path.display())))?;
                // Another server process may have made it at the same moment: read back what
                // is on disk.
                let t = std::fs::read_to_string(&path)
                    .map_err(|e| SealError::BadKey(format!("{}: {e}", path.display())))?;
                unhex(t.trim()).ok_or_else(|| {
                    SealError::BadKey(format!("{}: not 64 hex digits", path.display()))
                })?
            }
            Err(e) => return Err(SealError::BadKey(format!("{}: {e}", path.display()))),
        };
        Sealer::from_bytes(&bytes)
            .ok_or_else(|| SealError::BadKey(format!("{}: not 32 bytes", path.display())))
    }

    /// A sealer over raw key bytes (32).
    pub fn from_bytes(bytes: &[u8]) -> Option<Sealer> {
        if bytes.len() != 32 {
            return None;
        }
        let key = UnboundKey::new(&AES_256_GCM, bytes).ok()?;
        let key_id = hex(&Sha256::digest(bytes)[..8]);
        Some(Sealer {
            key: LessSafeKey::new(key),
            key_id,
        })
    }

    /// Seals `plain` for the place `aad` (e.g. `org/target/password`).
    pub fn seal(&self, aad: &str, plain: &str) -> Result<String, SealError> {
        let mut nonce = [0u8; 12];
        SystemRandom::new()
            .fill(&mut nonce)
            .map_err(|_| SealError::BadKey("no system randomness".into()))?;
        let mut data = plain.as_bytes().to_vec();
        self.key
            .seal_in_place_append_tag(
                Nonce::assume_unique_for_key(nonce),
                Aad::from(self.aad(aad).as_bytes()),
                &mut data,
            )
            .map_err(|_| SealError::Damaged)?;
        Ok(format!(
            "{PREFIX}.{}.{}.{}",
            self.key_id,
            hex(&nonce),
            hex(&data)
        ))
    }

    /// Opens a value sealed for `aad`.
    pub fn open_value(&self, aad: &str, sealed: &str) -> Result<String, SealError> {
        let mut parts = sealed.split('.');
        let (Some(PREFIX), Some(kid), Some(n), Some(c), None) = (
            parts.next(),
            parts.next(),
            parts.next(),
            parts.next(),
            parts.next(),
        ) else {
            return Err(SealError::Damaged);
        };
        if kid != self.key_id {
            return Err(SealError::OtherKey {
                key_id: kid.to_string(),
            });
        }
        let nonce: [u8; 12] = unhex(n)
            .and_then(|v| v.try_into().ok())
            .ok_or(SealError::Damaged)?;
        let mut data = unhex(c).ok_or(SealError::Damaged)?;
        let plain = self
            .key
            .open_in_place(
                Nonce::assume_unique_for_key(nonce),
                Aad::from(self.aad(aad).as_bytes()),
                &mut data,
            )
            .map_err(|_| SealError::Damaged)?;
        String::from_utf8(plain.to_vec()).map_err(|_| SealError::Damaged)
    }

    fn aad(&self, place: &str) -> String {
        format!("hoshi-seal-v1\n{place}")
    }
}

/// Writes a new file readable by the owner only; an existing file is left as it is.
fn write_new(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir)?;
    }
    let tmp = path.with_extension(format!("tmp{}", std::process::id()));
    let _ = std::fs::remove_file(&tmp);
    let mut o = std::fs::OpenOptions::new();
    o.write(true).create_new(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        o.mode(0o600);
    }
    let mut f = o.open(&tmp)?;
    f.write_all(bytes)?;
    f.sync_all()?;
    drop(f);
    // A hard link fails when the file exists: the first server's key wins.
    let r = std::fs::hard_link(&tmp, path);
    let _ = std::fs::remove_file(&tmp);
    match r {
        Err(e) if e.kind() != std::io::ErrorKind::AlreadyExists => Err(e),
        _ => Ok(()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sealed_values_open_only_in_their_place_and_under_their_key() {
        let dir = std::env::temp_dir().join(format!("hoshi-seal-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        assert_eq!(Sealer::open(&dir, false).err(), Some(SealError::NoKey));
        let s = Sealer::open(&dir, true).unwrap();
        let v = s.seal("org1/t1/password", "パスワード&secret").unwrap();
        assert!(!v.contains("secret"));
        assert_eq!(
            s.open_value("org1/t1/password", &v).unwrap(),
            "パスワード&secret"
        );
        // Another place, a flipped byte, another key: refused.
        assert_eq!(
            s.open_value("org2/t1/password", &v),
            Err(SealError::Damaged)
        );
        let mut bad = v.clone();
        let last = bad.pop().unwrap();
        bad.push(if last == '0' { '1' } else { '0' });
        assert_eq!(
            s.open_value("org1/t1/password", &bad),
            Err(SealError::Damaged)
        );
        let other = Sealer::from_bytes(&[7u8; 32]).unwrap();
        assert!(matches!(
            other.open_value("org1/t1/password", &v),
            Err(SealError::OtherKey { .. })
        ));
        // The key on disk is reused, and readable by its owner only.
        let again = Sealer::open(&dir, true).unwrap();
        assert_eq!(
            again.open_value("org1/t1/password", &v).unwrap(),
            "パスワード&secret"
        );
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = std::fs::metadata(key_path(&dir))
                .unwrap()
                .permissions()
                .mode();
            assert_eq!(mode & 0o777, 0o600);
        }
        let _ = std::fs::remove_dir_all(&dir);
    }
}
