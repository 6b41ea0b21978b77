//! # hoshi-attest
//!
//! A confirmed result as something anyone can check offline with the issuer's public key: an
//! [in-toto Statement v1](https://github.com/in-toto/attestation) carried in a
//! [DSSE](https://github.com/secure-systems-lab/dsse) envelope and signed with Ed25519 over the
//! DSSE pre-authentication encoding ([`pae`]).
//!
//! The crate is pure: it takes bytes and keys and returns values; key files, the clock and the
//! revocation list come from the caller. Verification never stops at the first problem: it
//! returns every reason an attestation is not valid ([`Failure`]).

mod keys;
mod statement;
mod verify;

pub use keys::{KeyEntry, KeySet, KeyStatus, PublicKey, SigningKey, key_id};
pub use statement::{
    CategorySummary, Declaration, ExpertConfirmation, IN_PERSON, Organisation, PREDICATE_TYPE,
    Predicate, RECORDED, STATEMENT_TYPE, Statement, Subject,
};
pub use verify::{Failure, Verification, VerifyInput, read_unverified, verify};

use hoshi_core::base64;
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

/// The payload type of every hoshi attestation.
pub const PAYLOAD_TYPE: &str = "application/vnd.in-toto+json";

/// Largest envelope accepted (a statement is a few kilobytes).
pub const MAX_ENVELOPE_BYTES: usize = 1024 * 1024;

/// DSSE pre-authentication encoding: `DSSEv1 <len(type)> <type> <len(body)> <body>`.
pub fn pae(payload_type: &str, payload: &[u8]) -> Vec<u8> {
    let mut out = format!(
        "DSSEv1 {} {} {} ",
        payload_type.len(),
        payload_type,
        payload.len()
    )
    .into_bytes();
    out.extend_from_slice(payload);
    out
}

/// Lower-case hex SHA-256.
pub fn sha256_hex(bytes: &[u8]) -> String {
    Sha256::digest(bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// One signature of an envelope.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Signature {
    pub keyid: String,
    /// base64
    pub sig: String,
}

/// A DSSE envelope as JSON.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Envelope {
    pub payload_type: String,
    /// base64 of the statement's JSON
    pub payload: String,
    pub signatures: Vec<Signature>,
}

impl Envelope {
    /// Signs `statement` with `key`.
    pub fn sign(statement: &Statement, key: &SigningKey) -> Envelope {
        let body = statement.to_json();
        let sig = key.sign(&pae(PAYLOAD_TYPE, &body));
        Envelope {
            payload_type: PAYLOAD_TYPE.into(),
            payload: base64::encode(&body),
            signatures: vec![Signature {
                keyid: key.key_id().to_string(),
                sig: base64::encode(&sig),
            }],
        }
    }

    pub fn to_json(&self) -> Vec<u8> {
        // An envelope always serialises (strings and a list).
        let mut v = serde_json::to_vec_pretty(self).unwrap_or_default();
        v.push(b'\n');
        v
    }

    /// The attestation's identifier, `predicate.id` of the signed statement (read without
    /// verifying anything: use [`verify`] before trusting it).
    pub fn id(&self) -> Option<String> {
        let payload = base64::decode(&self.payload)?;
        let v: serde_json::Value = serde_json::from_slice(&payload).ok()?;
        match v.get("predicate")?.get("id") {
            Some(id) => {
                let id = id.as_str()?;
                is_id(id).then(|| id.to_string())
            }
            // Made before ids were chosen: the payload's digest, as then.
            None => Some(sha256_hex(&payload)),
        }
    }
}

/// An attestation id: 64 lowercase hex digits.
pub fn is_id(s: &str) -> bool {
    s.len() == 64
        && s.bytes()
            .all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b))
}

/// A revocation list as published at `/.well-known/hoshi-revoked.json` (`{"revoked": [{"id":
/// …}]}`), or a plain list of ids.
pub fn parse_revoked(bytes: &[u8]) -> Result<Vec<String>, String> {
    let v: serde_json::Value =
        serde_json::from_slice(bytes).map_err(|e| format!("not JSON: {e}"))?;
    let list = v.get("revoked").unwrap_or(&v);
    list.as_array()
        .ok_or_else(|| "expected a list of attestation ids or {\"revoked\": [...]}".to_string())?
        .iter()
        .enumerate()
        .map(|(i, x)| {
            x.as_str()
                .or_else(|| x.get("id").and_then(|i| i.as_str()))
                .map(str::to_string)
                .ok_or_else(|| format!("entry {}: not an attestation id", i + 1))
        })
        .collect()
}

/// An issuer's keys: a key set as published at `/.well-known/hoshi-keys.json`, or one public
/// key in base64.
pub fn parse_keys(bytes: &[u8]) -> Result<KeySet, String> {
    let text = std::str::from_utf8(bytes).map_err(|_| "the keys are not text".to_string())?;
    if text.trim_start().starts_with('{') {
        KeySet::from_json(bytes)
    } else {
        let pk = PublicKey::from_base64(text.trim())?;
        Ok(KeySet::single(&pk, ""))
    }
}
