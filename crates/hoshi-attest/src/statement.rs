//! The in-toto Statement and hoshi's predicate.

use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

pub const STATEMENT_TYPE: &str = "https://in-toto.io/Statement/v1";
/// What the predicate is: a self-assessment result under the SCS scheme, as hoshi records it.
pub const PREDICATE_TYPE: &str = "https://hoshi.dev/attestation/scs-self-assessment/v1";

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Subject {
    /// e.g. `result.json`, `report.pdf`
    pub name: String,
    /// `{"sha256": "<hex>"}`
    pub digest: BTreeMap<String, String>,
}

impl Subject {
    pub fn sha256(name: &str, bytes: &[u8]) -> Subject {
        Subject {
            name: name.into(),
            digest: BTreeMap::from([("sha256".to_string(), crate::sha256_hex(bytes))]),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Organisation {
    pub name: String,
    /// 法人番号 (13 digits), when known.
    pub corporate_number: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CategorySummary {
    pub id: String,
    pub name: String,
    /// Share of the category's criteria met or justified not applicable, in percent.
    pub percent: u32,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ExpertConfirmation {
    /// ★3: the expert's name; ★4: the evaluation body's name.
    pub name: String,
    pub qualification: String,
    pub registration_number: String,
    /// YYYY-MM-DD
    pub confirmed_on: String,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Declaration {
    pub officer_name: String,
    pub officer_title: String,
    /// YYYY-MM-DD
    pub date: String,
    /// How it was made: [`IN_PERSON`] (the officer, under their own account with a second factor)
    /// or [`RECORDED`] (recorded by a member on the officer's behalf; `statement_sha256` names the
    /// statement the officer signed). Empty in attestations made before hoshi told them apart.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub method: String,
    /// SHA-256 of the officer's signed statement, for a recorded declaration.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub statement_sha256: String,
}

/// [`Declaration::method`] of a declaration made by the officer in person.
pub const IN_PERSON: &str = "in-person";
/// [`Declaration::method`] of a declaration recorded on the officer's behalf.
pub const RECORDED: &str = "recorded";

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Predicate {
    /// The attestation's identifier: 32 random bytes in lowercase hex, chosen by the issuer
    /// before signing (so that the PDF report, itself a subject, can print it). Revocation lists
    /// name this id. Attestations made before it existed have none: their id is the SHA-256 of
    /// the signed payload.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub id: String,
    pub organisation: Organisation,
    pub catalog: String,
    pub edition: String,
    pub level: u8,
    /// `met` when every criterion of the level is met or justified not applicable.
    pub verdict: String,
    pub categories: Vec<CategorySummary>,
    pub confirmation: ExpertConfirmation,
    pub declaration: Declaration,
    /// RFC 3339
    pub issued_at: String,
    /// YYYY-MM-DD, last day of validity
    pub valid_until: String,
    /// The issuing hoshi instance (its public URL).
    pub issuer: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Statement {
    #[serde(rename = "_type")]
    pub type_: String,
    pub subject: Vec<Subject>,
    #[serde(rename = "predicateType")]
    pub predicate_type: String,
    pub predicate: Predicate,
}

impl Statement {
    pub fn new(subject: Vec<Subject>, predicate: Predicate) -> Statement {
        Statement {
            type_: STATEMENT_TYPE.into(),
            subject,
            predicate_type: PREDICATE_TYPE.into(),
            predicate,
        }
    }

    /// Canonical JSON: keys sorted at every level, no insignificant whitespace.
    pub fn to_json(&self) -> Vec<u8> {
        // Going through `Value` sorts object keys (serde_json's map is ordered by key).
        let v = serde_json::to_value(self).unwrap_or_default();
        serde_json::to_vec(&v).unwrap_or_default()
    }
}
