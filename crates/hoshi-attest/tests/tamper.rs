//! The tamper matrix: every kind of change is rejected with the right reason; an untouched
//! envelope always verifies.

use hoshi_attest::*;
use hoshi_core::base64;
use serde_json::Value;

fn statement(result: &[u8]) -> Statement {
    Statement::new(
        vec![Subject::sha256("result.json", result)],
        Predicate {
            id: "5e".repeat(32),
            organisation: Organisation {
                name: "小さな製作所株式会社".into(),
                corporate_number: Some("1180301018771".into()),
            },
            catalog: "scs".into(),
            edition: "2026-03-27".into(),
            level: 3,
            verdict: "met".into(),
            categories: vec![CategorySummary {
                id: "1".into(),
                name: "ガバナンスの整備".into(),
                percent: 100,
            }],
            confirmation: ExpertConfirmation {
                name: "確認 専門家".into(),
                qualification: "情報処理安全確保支援士".into(),
                registration_number: "第012345号".into(),
                confirmed_on: "2026-11-20".into(),
            },
            declaration: Declaration {
                officer_name: "山田 太郎".into(),
                officer_title: "代表取締役".into(),
                date: "2026-11-21".into(),
                ..Default::default()
            },
            issued_at: "2026-11-21T09:00:00Z".into(),
            valid_until: "2027-11-20".into(),
            issuer: "https://hoshi.example.jp".into(),
        },
    )
}

struct Fix {
    key: SigningKey,
    keys: KeySet,
    result: Vec<u8>,
    envelope: Vec<u8>,
}

fn fix() -> Fix {
    let key = SigningKey::generate().unwrap();
    let keys = KeySet::single(&key.public(), "2026-11-21");
    let result = br#"{"verdict":"met"}"#.to_vec();
    let envelope = Envelope::sign(&statement(&result), &key).to_json();
    Fix {
        key,
        keys,
        result,
        envelope,
    }
}

fn check(f: &Fix, envelope: &[u8], today: &str, revoked: &[String]) -> Verification {
    verify(
        envelope,
        &VerifyInput {
            keys: &f.keys,
            revoked,
            today,
            files: &[("result.json".into(), f.result.clone())],
        },
    )
}

fn codes(v: &Verification) -> Vec<&'static str> {
    v.failures.iter().map(|f| f.code()).collect()
}

/// A change to a statement's JSON.
type Edit = Box<dyn Fn(&mut Value)>;

/// Rewrites the payload's JSON with `edit` (keeping the original signature).
fn edit_payload(envelope: &[u8], edit: impl FnOnce(&mut Value)) -> Vec<u8> {
    let mut env: Value = serde_json::from_slice(envelope).unwrap();
    let payload = base64::decode(env["payload"].as_str().unwrap()).unwrap();
    let mut st: Value = serde_json::from_slice(&payload).unwrap();
    edit(&mut st);
    env["payload"] = Value::String(base64::encode(&serde_json::to_vec(&st).unwrap()));
    serde_json::to_vec(&env).unwrap()
}

#[test]
fn an_untouched_envelope_verifies() {
    let f = fix();
    let v = check(&f, &f.envelope, "2026-11-21", &[]);
    assert!(v.valid(), "{:?}", v.failures);
    assert_eq!(v.signed_by, vec![f.key.key_id().to_string()]);
    assert_eq!(v.statement.unwrap().predicate.level, 3);
    // Many keys, many times: always valid.
    for _ in 0..50 {
        let f = fix();
        assert!(check(&f, &f.envelope, "2027-11-20", &[]).valid());
    }
}

#[test]
fn every_predicate_field_is_covered_by_the_signature() {
    let f = fix();
    let edits: Vec<(&str, Edit)> = vec![
        (
            "organisation name",
            Box::new(|s| s["predicate"]["organisation"]["name"] = "別会社".into()),
        ),
        (
            "corporate number",
            Box::new(|s| {
                s["predicate"]["organisation"]["corporate_number"] = "7000012050002".into()
            }),
        ),
        (
            "catalog",
            Box::new(|s| s["predicate"]["catalog"] = "scs-ipa".into()),
        ),
        (
            "edition",
            Box::new(|s| s["predicate"]["edition"] = "2027-01-01".into()),
        ),
        ("level", Box::new(|s| s["predicate"]["level"] = 4.into())),
        (
            "verdict",
            Box::new(|s| s["predicate"]["verdict"] = "not-met".into()),
        ),
        (
            "category percent",
            Box::new(|s| s["predicate"]["categories"][0]["percent"] = 50.into()),
        ),
        (
            "expert",
            Box::new(|s| s["predicate"]["confirmation"]["name"] = "誰か".into()),
        ),
        (
            "qualification",
            Box::new(|s| s["predicate"]["confirmation"]["qualification"] = "なし".into()),
        ),
        (
            "officer",
            Box::new(|s| s["predicate"]["declaration"]["officer_name"] = "別人".into()),
        ),
        (
            "declaration date",
            Box::new(|s| s["predicate"]["declaration"]["date"] = "2026-01-01".into()),
        ),
        (
            "issued at",
            Box::new(|s| s["predicate"]["issued_at"] = "2020-01-01T00:00:00Z".into()),
        ),
        (
            "valid until",
            Box::new(|s| s["predicate"]["valid_until"] = "2099-12-31".into()),
        ),
        (
            "issuer",
            Box::new(|s| s["predicate"]["issuer"] = "https://evil.example".into()),
        ),
        (
            "subject digest",
            Box::new(|s| s["subject"][0]["digest"]["sha256"] = "00".repeat(32).into()),
        ),
    ];
    for (what, e) in edits {
        let tampered = edit_payload(&f.envelope, |s| e(s));
        let v = check(&f, &tampered, "2026-11-21", &[]);
        assert!(
            codes(&v).contains(&"bad-signature"),
            "{what}: {:?}",
            v.failures
        );
    }
}

#[test]
fn swapped_payload_type_fails_twice_over() {
    let f = fix();
    let mut env: Value = serde_json::from_slice(&f.envelope).unwrap();
    env["payloadType"] = "application/json".into();
    let v = check(&f, &serde_json::to_vec(&env).unwrap(), "2026-11-21", &[]);
    let c = codes(&v);
    assert!(
        c.contains(&"payload-type") && c.contains(&"bad-signature"),
        "{c:?}"
    );
}

#[test]
fn a_signature_reused_on_another_payload_fails() {
    let f = fix();
    let other = Envelope::sign(&statement(b"other result"), &f.key);
    let mut env: Value = serde_json::from_slice(&f.envelope).unwrap();
    env["signatures"][0]["sig"] = other.signatures[0].sig.clone().into();
    let v = check(&f, &serde_json::to_vec(&env).unwrap(), "2026-11-21", &[]);
    assert_eq!(codes(&v), vec!["bad-signature"]);
}

#[test]
fn wrong_or_unknown_keys_fail() {
    let f = fix();
    // Signed by another key that claims our key id.
    let stranger = SigningKey::generate().unwrap();
    let mut forged = Envelope::sign(&statement(&f.result), &stranger);
    forged.signatures[0].keyid = f.key.key_id().into();
    assert_eq!(
        codes(&check(&f, &forged.to_json(), "2026-11-21", &[])),
        vec!["bad-signature"]
    );
    // Signed by a key the verifier does not trust.
    let unknown = Envelope::sign(&statement(&f.result), &stranger).to_json();
    assert_eq!(
        codes(&check(&f, &unknown, "2026-11-21", &[])),
        vec!["unknown-key"]
    );
    // No signature at all.
    let mut env: Value = serde_json::from_slice(&f.envelope).unwrap();
    env["signatures"] = Value::Array(vec![]);
    assert_eq!(
        codes(&check(
            &f,
            &serde_json::to_vec(&env).unwrap(),
            "2026-11-21",
            &[]
        )),
        vec!["no-signature"]
    );
    // A key set whose key id does not match its key is refused when read.
    let mut set: Value = serde_json::from_slice(&f.keys.to_json()).unwrap();
    set["keys"][0]["public_key"] = base64::encode(&stranger.public().bytes).into();
    let e = KeySet::from_json(&serde_json::to_vec(&set).unwrap()).unwrap_err();
    assert!(e.contains("does not belong"), "{e}");
}

#[test]
fn expired_and_revoked_are_reported() {
    let f = fix();
    let v = check(&f, &f.envelope, "2027-11-21", &[]);
    assert_eq!(codes(&v), vec!["expired"]);
    assert!(
        v.failures[0]
            .message(hoshi_core::Lang::Ja)
            .contains("2027-11-20")
    );
    let id = Envelope::id(&serde_json::from_slice(&f.envelope).unwrap()).unwrap();
    let v = check(&f, &f.envelope, "2026-11-21", &[id]);
    assert_eq!(codes(&v), vec!["revoked"]);
    // Both at once: both reasons.
    let id = v.id.clone().unwrap();
    assert_eq!(
        codes(&check(&f, &f.envelope, "2028-01-01", &[id])),
        vec!["expired", "revoked"]
    );
}

#[test]
fn subject_files_are_checked() {
    let f = fix();
    let v = verify(
        &f.envelope,
        &VerifyInput {
            keys: &f.keys,
            revoked: &[],
            today: "2026-11-21",
            files: &[
                ("result.json".into(), b"{\"verdict\":\"not-met\"}".to_vec()),
                ("report.pdf".into(), b"%PDF".to_vec()),
            ],
        },
    );
    assert_eq!(codes(&v), vec!["subject-mismatch", "subject-missing"]);
}

#[test]
fn truncated_or_garbage_envelopes_are_malformed_never_a_panic() {
    let f = fix();
    for n in [0, 1, 10, f.envelope.len() / 2, f.envelope.len() - 3] {
        let v = check(&f, &f.envelope[..n], "2026-11-21", &[]);
        assert_eq!(codes(&v), vec!["malformed"], "cut at {n}");
    }
    let mut env: Value = serde_json::from_slice(&f.envelope).unwrap();
    env["payload"] = "not base64 ***".into();
    assert_eq!(
        codes(&check(
            &f,
            &serde_json::to_vec(&env).unwrap(),
            "2026-11-21",
            &[]
        )),
        vec!["malformed"]
    );
    // Every single-byte change anywhere in the envelope is caught.
    for i in (0..f.envelope.len()).step_by(7) {
        let mut t = f.envelope.clone();
        t[i] ^= 0x01;
        let v = check(&f, &t, "2026-11-21", &[]);
        // A flipped bit in JSON whitespace or in the key id's letter case may still parse; it
        // must never come out valid with a changed payload or signature.
        if v.valid() {
            let a: Value = serde_json::from_slice(&t).unwrap();
            let b: Value = serde_json::from_slice(&f.envelope).unwrap();
            assert_eq!(a, b, "byte {i} changed the envelope yet it verified");
        }
    }
}

#[test]
fn attestations_made_before_ids_were_chosen_still_verify() {
    // Without predicate.id (the first format), the id is the payload's SHA-256 as it was then,
    // and revoking that id still works.
    let f = fix();
    let mut st = statement(&f.result);
    st.predicate.id = String::new();
    let env = Envelope::sign(&st, &f.key).to_json();
    let outer: Value = serde_json::from_slice(&env).unwrap();
    let inner: Value = serde_json::from_slice(
        &hoshi_core::base64::decode(outer["payload"].as_str().unwrap()).unwrap(),
    )
    .unwrap();
    assert!(inner["predicate"].get("id").is_none());
    let v = check(&f, &env, "2026-11-21", &[]);
    assert!(v.valid(), "{:?}", v.failures);
    let payload: Value = serde_json::from_slice(&env).unwrap();
    let raw = hoshi_core::base64::decode(payload["payload"].as_str().unwrap()).unwrap();
    let id = sha256_hex(&raw);
    assert_eq!(v.id.as_deref(), Some(id.as_str()));
    let envelope: Envelope = serde_json::from_slice(&env).unwrap();
    assert_eq!(envelope.id().as_deref(), Some(id.as_str()));
    assert_eq!(
        codes(&check(&f, &env, "2026-11-21", &[id])),
        vec!["revoked"]
    );
}
