//! Ed25519 keys (ring) and the published key set.

use hoshi_core::base64;
use ring::signature::{ED25519, Ed25519KeyPair, KeyPair, UnparsedPublicKey};
use serde::{Deserialize, Serialize};

/// `ed25519:` and the first 16 hex digits of SHA-256 of the public key: derived, so a key id can
/// be checked against the key it names.
pub fn key_id(public: &[u8]) -> String {
    format!("ed25519:{}", &crate::sha256_hex(public)[..16])
}

/// A private key: the 32-byte Ed25519 seed. Its `Debug` never shows the seed.
pub struct SigningKey {
    seed: [u8; 32],
    pair: Ed25519KeyPair,
    id: String,
}

impl std::fmt::Debug for SigningKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SigningKey")
            .field("id", &self.id)
            .finish_non_exhaustive()
    }
}

impl SigningKey {
    /// A new key from the operating system's random source.
    pub fn generate() -> Result<SigningKey, String> {
        use ring::rand::SecureRandom;
        let mut seed = [0u8; 32];
        ring::rand::SystemRandom::new()
            .fill(&mut seed)
            .map_err(|_| "the system random source failed".to_string())?;
        SigningKey::from_seed(&seed)
    }

    pub fn from_seed(seed: &[u8]) -> Result<SigningKey, String> {
        let seed: [u8; 32] = seed
            .try_into()
            .map_err(|_| format!("an Ed25519 seed is 32 bytes, not {}", seed.len()))?;
        let pair = Ed25519KeyPair::from_seed_unchecked(&seed)
            .map_err(|e| format!("not a usable Ed25519 seed: {e}"))?;
        let id = key_id(pair.public_key().as_ref());
        Ok(SigningKey { seed, pair, id })
    }

    pub fn seed(&self) -> &[u8; 32] {
        &self.seed
    }

    pub fn key_id(&self) -> &str {
        &self.id
    }

    pub fn public(&self) -> PublicKey {
        PublicKey {
            bytes: self.pair.public_key().as_ref().to_vec(),
        }
    }

    pub fn sign(&self, message: &[u8]) -> Vec<u8> {
        self.pair.sign(message).as_ref().to_vec()
    }
}

/// An Ed25519 public key.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PublicKey {
    pub bytes: Vec<u8>,
}

impl PublicKey {
    pub fn key_id(&self) -> String {
        key_id(&self.bytes)
    }

    pub fn verify(&self, message: &[u8], sig: &[u8]) -> bool {
        UnparsedPublicKey::new(&ED25519, &self.bytes)
            .verify(message, sig)
            .is_ok()
    }

    /// A key given as base64 (32 bytes) or as a key-set entry's `public_key`.
    pub fn from_base64(text: &str) -> Result<PublicKey, String> {
        let bytes = base64::decode(text.trim()).ok_or("the public key is not base64")?;
        if bytes.len() != 32 {
            return Err(format!(
                "an Ed25519 public key is 32 bytes, this one has {}",
                bytes.len()
            ));
        }
        Ok(PublicKey { bytes })
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum KeyStatus {
    /// Signs new attestations.
    Active,
    /// Rotated out: still verifies what it signed.
    Retired,
}

/// One published key.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct KeyEntry {
    pub keyid: String,
    pub alg: String,
    /// base64 of the 32-byte key
    pub public_key: String,
    pub status: KeyStatus,
    /// YYYY-MM-DD
    pub created: String,
}

/// What `/.well-known/hoshi-keys.json` publishes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
pub struct KeySet {
    pub keys: Vec<KeyEntry>,
}

impl KeySet {
    /// Reads a published key set, checking every entry (algorithm, size, key id derived from the
    /// key). Errors name the entry.
    pub fn from_json(bytes: &[u8]) -> Result<KeySet, String> {
        let set: KeySet =
            serde_json::from_slice(bytes).map_err(|e| format!("not a hoshi key set: {e}"))?;
        for (i, k) in set.keys.iter().enumerate() {
            if k.alg != "ed25519" {
                return Err(format!(
                    "key {}: algorithm {:?} is not ed25519",
                    i + 1,
                    k.alg
                ));
            }
            let pk =
                PublicKey::from_base64(&k.public_key).map_err(|e| format!("key {}: {e}", i + 1))?;
            if pk.key_id() != k.keyid {
                return Err(format!(
                    "key {}: key id {} does not belong to this key (expected {})",
                    i + 1,
                    k.keyid,
                    pk.key_id()
                ));
            }
        }
        Ok(set)
    }

    pub fn to_json(&self) -> Vec<u8> {
        let mut v = serde_json::to_vec_pretty(self).unwrap_or_default();
        v.push(b'\n');
        v
    }

    pub fn get(&self, keyid: &str) -> Option<PublicKey> {
        self.keys
            .iter()
            .find(|k| k.keyid == keyid)
            .and_then(|k| PublicKey::from_base64(&k.public_key).ok())
    }

    /// A set of one key (for `--key`).
    pub fn single(pk: &PublicKey, created: &str) -> KeySet {
        KeySet {
            keys: vec![KeyEntry {
                keyid: pk.key_id(),
                alg: "ed25519".into(),
                public_key: base64::encode(&pk.bytes),
                status: KeyStatus::Active,
                created: created.into(),
            }],
        }
    }
}
