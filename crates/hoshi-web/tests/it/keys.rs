//! Signing keys: made on first start with private permissions, kept across restarts, published,
//! rotated with the old public key still published.

use crate::common::*;
use axum::http::StatusCode;
use hoshi_attest::{KeySet, KeyStatus};
use hoshi_web::attest::keys::Keystore;

#[cfg(unix)]
fn mode(p: &std::path::Path) -> u32 {
    use std::os::unix::fs::PermissionsExt;
    std::fs::metadata(p).unwrap().permissions().mode() & 0o777
}

#[tokio::test]
async fn first_start_makes_a_private_key_and_publishes_it() {
    let app = app();
    let dir = app.dir.path().join("keys");
    let seeds: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .filter_map(|e| e.ok())
        .filter(|e| e.file_name().to_string_lossy().ends_with(".seed"))
        .collect();
    assert_eq!(seeds.len(), 1);
    #[cfg(unix)]
    {
        assert_eq!(mode(&seeds[0].path()), 0o600);
        assert_eq!(mode(&dir), 0o700);
    }
    let mut c = Client::new(&app);
    let r = c.get("/.well-known/hoshi-keys.json").await;
    assert_eq!(r.status, StatusCode::OK);
    let set = KeySet::from_json(r.body.as_bytes()).unwrap();
    assert_eq!(set.keys.len(), 1);
    assert_eq!(set.keys[0].status, KeyStatus::Active);
    // The seed is never published.
    let seed = std::fs::read_to_string(seeds[0].path()).unwrap();
    assert!(!r.body.contains(seed.trim()));
}

#[test]
fn keys_survive_restarts_and_rotation_keeps_old_public_keys() {
    let d = tempfile::tempdir().unwrap();
    let first = Keystore::open(d.path(), "2026-11-21").unwrap();
    let id1 = first.active().key_id().to_string();
    let sig = first.active().sign(b"signed before rotation");
    drop(first);
    let mut again = Keystore::open(d.path(), "2026-11-22").unwrap();
    assert_eq!(again.active().key_id(), id1, "same key after a restart");
    again.rotate("2026-11-23").unwrap();
    let id2 = again.active().key_id().to_string();
    assert_ne!(id1, id2);
    let set = again.key_set().clone();
    assert_eq!(set.keys.len(), 2);
    let old = set.keys.iter().find(|k| k.keyid == id1).unwrap();
    assert_eq!(old.status, KeyStatus::Retired);
    // What the retired key signed still verifies with its published key; its seed is gone.
    assert!(
        set.get(&id1)
            .unwrap()
            .verify(b"signed before rotation", &sig)
    );
    assert!(
        !d.path()
            .join("keys")
            .join(format!("{}.seed", id1.replace(':', "-")))
            .exists()
    );
    let reopened = Keystore::open(d.path(), "2026-11-24").unwrap();
    assert_eq!(reopened.active().key_id(), id2);
    // A seed that does not match the published active key stops the start with a reason.
    let seed = d
        .path()
        .join("keys")
        .join(format!("{}.seed", id2.replace(':', "-")));
    std::fs::write(&seed, "00".repeat(32)).unwrap();
    let e = Keystore::open(d.path(), "2026-11-25").err().unwrap();
    assert!(e.contains("belongs to"), "{e}");
}
