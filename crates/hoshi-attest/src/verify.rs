//! Offline verification, reporting every reason for failure.

use hoshi_core::{Lang, base64};

use crate::{
    Envelope, KeySet, MAX_ENVELOPE_BYTES, PAYLOAD_TYPE, PREDICATE_TYPE, STATEMENT_TYPE, Statement,
    pae,
};

/// Why an attestation is not valid.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Failure {
    /// Not a DSSE envelope, bad base64, or a payload that is not a hoshi statement.
    Malformed(String),
    /// The envelope's payload type is not in-toto's.
    PayloadType(String),
    /// The statement or predicate type is not the one hoshi issues.
    StatementType(String),
    NoSignature,
    /// Signed with a key the verifier does not know.
    UnknownKey(String),
    /// The signature does not match the payload for this key.
    BadSignature(String),
    /// The result's validity ended on this date.
    Expired(String),
    /// The issuer revoked this attestation.
    Revoked(String),
    /// A file given for checking does not have the digest the statement names.
    SubjectMismatch(String),
    /// A file given for checking is not a subject of the statement.
    SubjectMissing(String),
}

impl Failure {
    /// A stable code for scripts.
    pub fn code(&self) -> &'static str {
        match self {
            Failure::Malformed(_) => "malformed",
            Failure::PayloadType(_) => "payload-type",
            Failure::StatementType(_) => "statement-type",
            Failure::NoSignature => "no-signature",
            Failure::UnknownKey(_) => "unknown-key",
            Failure::BadSignature(_) => "bad-signature",
            Failure::Expired(_) => "expired",
            Failure::Revoked(_) => "revoked",
            Failure::SubjectMismatch(_) => "subject-mismatch",
            Failure::SubjectMissing(_) => "subject-missing",
        }
    }

    pub fn message(&self, lang: Lang) -> String {
        match (self, lang) {
            (Failure::Malformed(d), Lang::Ja) => format!("形式が正しくありません: {d}"),
            (Failure::Malformed(d), Lang::En) => format!("malformed: {d}"),
            (Failure::PayloadType(t), Lang::Ja) => {
                format!("ペイロードの種類 {t:?} は {PAYLOAD_TYPE} ではありません")
            }
            (Failure::PayloadType(t), Lang::En) => {
                format!("payload type {t:?} is not {PAYLOAD_TYPE}")
            }
            (Failure::StatementType(t), Lang::Ja) => {
                format!("hoshi の署名付き結果ではありません（種類 {t}）")
            }
            (Failure::StatementType(t), Lang::En) => format!("not a hoshi attestation (type {t})"),
            (Failure::NoSignature, Lang::Ja) => "署名がありません".into(),
            (Failure::NoSignature, Lang::En) => "no signature".into(),
            (Failure::UnknownKey(k), Lang::Ja) => format!("鍵 {k} は信頼する鍵に含まれていません"),
            (Failure::UnknownKey(k), Lang::En) => format!("key {k} is not among the trusted keys"),
            (Failure::BadSignature(k), Lang::Ja) => {
                format!("鍵 {k} の署名が内容と一致しません（改ざんまたは別の内容の署名）")
            }
            (Failure::BadSignature(k), Lang::En) => format!(
                "the signature by {k} does not match the content (altered, or a signature of something else)"
            ),
            (Failure::Expired(d), Lang::Ja) => format!("有効期限（{d}）が過ぎています"),
            (Failure::Expired(d), Lang::En) => format!("expired: valid until {d}"),
            (Failure::Revoked(id), Lang::Ja) => format!("発行者が失効させています（{id}）"),
            (Failure::Revoked(id), Lang::En) => format!("revoked by the issuer ({id})"),
            (Failure::SubjectMismatch(n), Lang::Ja) => {
                format!("{n} のハッシュ値が署名付き結果の記載と一致しません")
            }
            (Failure::SubjectMismatch(n), Lang::En) => {
                format!("{n} does not have the digest the attestation names")
            }
            (Failure::SubjectMissing(n), Lang::Ja) => {
                format!("{n} はこの署名付き結果の対象に含まれていません")
            }
            (Failure::SubjectMissing(n), Lang::En) => {
                format!("{n} is not a subject of this attestation")
            }
        }
    }
}

/// What to check an envelope against.
pub struct VerifyInput<'a> {
    pub keys: &'a KeySet,
    /// Revoked attestation ids.
    pub revoked: &'a [String],
    /// Today, YYYY-MM-DD.
    pub today: &'a str,
    /// Files to check against the subjects: (subject name, content).
    pub files: &'a [(String, Vec<u8>)],
}

/// The outcome: valid exactly when `failures` is empty.
#[derive(Debug, Clone)]
pub struct Verification {
    pub failures: Vec<Failure>,
    pub statement: Option<Statement>,
    pub id: Option<String>,
    /// Key ids whose signature verified.
    pub signed_by: Vec<String>,
}

impl Verification {
    pub fn valid(&self) -> bool {
        self.failures.is_empty()
    }
}

/// The envelope and its decoded payload, or why it is not one.
fn open(envelope: &[u8]) -> Result<(Envelope, Vec<u8>), Failure> {
    if envelope.len() > MAX_ENVELOPE_BYTES {
        return Err(Failure::Malformed(format!(
            "{} bytes, more than the {MAX_ENVELOPE_BYTES} an attestation may have",
            envelope.len()
        )));
    }
    let env: Envelope = serde_json::from_slice(envelope)
        .map_err(|e| Failure::Malformed(format!("not a DSSE envelope: {e}")))?;
    let payload = base64::decode(&env.payload)
        .ok_or_else(|| Failure::Malformed("the payload is not base64".into()))?;
    Ok((env, payload))
}

fn statement_of(payload: &[u8]) -> Result<Statement, Failure> {
    serde_json::from_slice(payload)
        .map_err(|e| Failure::Malformed(format!("the payload is not a hoshi statement: {e}")))
}

/// What an envelope claims, without checking any signature: only for deciding where to look
/// for the keys to [`verify`] it with (the issuer), never for trusting its content.
pub fn read_unverified(envelope: &[u8]) -> Result<Statement, Failure> {
    let (_, payload) = open(envelope)?;
    statement_of(&payload)
}

/// Verifies an envelope: structure, payload type, every signature, statement and predicate type,
/// validity date, revocation and the digests of any files given.
pub fn verify(envelope: &[u8], input: &VerifyInput) -> Verification {
    let mut out = Verification {
        failures: vec![],
        statement: None,
        id: None,
        signed_by: vec![],
    };
    let (env, payload) = match open(envelope) {
        Ok(x) => x,
        Err(f) => {
            out.failures.push(f);
            return out;
        }
    };
    if env.payload_type != PAYLOAD_TYPE {
        out.failures
            .push(Failure::PayloadType(env.payload_type.clone()));
    }
    if env.signatures.is_empty() {
        out.failures.push(Failure::NoSignature);
    }
    let signed = pae(&env.payload_type, &payload);
    for s in &env.signatures {
        let Some(key) = input.keys.get(&s.keyid) else {
            out.failures.push(Failure::UnknownKey(s.keyid.clone()));
            continue;
        };
        match base64::decode(&s.sig) {
            Some(sig) if key.verify(&signed, &sig) => out.signed_by.push(s.keyid.clone()),
            _ => out.failures.push(Failure::BadSignature(s.keyid.clone())),
        }
    }
    let statement = match statement_of(&payload) {
        Ok(s) => s,
        Err(f) => {
            out.failures.push(f);
            return out;
        }
    };
    if statement.predicate.id.is_empty() {
        out.id = Some(crate::sha256_hex(&payload));
    } else if crate::is_id(&statement.predicate.id) {
        out.id = Some(statement.predicate.id.clone());
    } else {
        out.failures.push(Failure::Malformed(
            "predicate.id is not 64 lowercase hex digits".into(),
        ));
    }
    if statement.type_ != STATEMENT_TYPE {
        out.failures
            .push(Failure::StatementType(statement.type_.clone()));
    }
    if statement.predicate_type != PREDICATE_TYPE {
        out.failures
            .push(Failure::StatementType(statement.predicate_type.clone()));
    }
    if statement.predicate.valid_until.as_str() < input.today {
        out.failures
            .push(Failure::Expired(statement.predicate.valid_until.clone()));
    }
    if let Some(id) = &out.id
        && input.revoked.iter().any(|r| r == id)
    {
        out.failures.push(Failure::Revoked(id.clone()));
    }
    for (name, bytes) in input.files {
        match statement.subject.iter().find(|s| &s.name == name) {
            None => out.failures.push(Failure::SubjectMissing(name.clone())),
            Some(s) => {
                if s.digest.get("sha256") != Some(&crate::sha256_hex(bytes)) {
                    out.failures.push(Failure::SubjectMismatch(name.clone()));
                }
            }
        }
    }
    out.statement = Some(statement);
    out
}
