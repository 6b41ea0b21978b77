//! `hoshi attest verify`

use anyhow::{Result, anyhow};
use hoshi_attest::{KeySet, PublicKey, Verification, VerifyInput, verify};
use hoshi_core::Lang;

use crate::Reported;
use crate::cli::{AttestCmd, AttestVerifyArgs, KeysCmd, ListFormat};
use crate::files::read_bytes;

const KEY_FILE_LIMIT: usize = 1024 * 1024;
const SUBJECT_LIMIT: usize = 512 * 1024 * 1024;

pub fn run(cmd: AttestCmd, lang: Lang) -> Result<()> {
    match cmd {
        AttestCmd::Verify(a) => verify_cmd(a, lang),
    }
}

/// A key set or revocation list: a file, or an https:// address (plain http to this machine).
fn read_source(source: &str) -> Result<Vec<u8>> {
    if hoshi_mail::https::is_url(source) {
        // The user chose the address: any host, plain http to this machine.
        let opts = hoshi_mail::https::FetchOptions {
            allow_loopback_http: true,
            allow_private: true,
            ..Default::default()
        };
        hoshi_mail::https::get_blocking(source, KEY_FILE_LIMIT, &opts).map_err(|e| anyhow!("{e}"))
    } else {
        read_bytes(std::path::Path::new(source), KEY_FILE_LIMIT)
    }
}

/// `attest verify`: checks a signed result against the issuer's keys, the revocation list and
/// the files it covers, and prints the outcome; fails when the result is not valid.
fn verify_cmd(a: AttestVerifyArgs, lang: Lang) -> Result<()> {
    let envelope = read_bytes(&a.file, hoshi_attest::MAX_ENVELOPE_BYTES + 1)?;
    let keys = issuer_keys(&a)?;
    let revoked: Vec<String> = match &a.revoked {
        None => vec![],
        Some(source) => {
            let bytes = read_source(source)?;
            hoshi_attest::parse_revoked(&bytes).map_err(|e| anyhow!("{source}: {e}"))?
        }
    };
    let files = read_subjects(&a.subjects)?;
    let date = match &a.date {
        Some(d) if hoshi_core::time::parse_date(d).is_some() => d.clone(),
        Some(d) => return Err(anyhow!("--date {d}: expected YYYY-MM-DD")),
        None => crate::files::today(),
    };
    let v = verify(
        &envelope,
        &VerifyInput {
            keys: &keys,
            revoked: &revoked,
            today: &date,
            files: &files,
        },
    );
    let file = a.file.display().to_string();
    if a.format == ListFormat::Json {
        print_json(&file, &v, lang)?;
    } else if v.valid() {
        print_valid(&file, &v, lang);
    } else {
        print_invalid(&file, &v, lang);
    }
    if v.valid() {
        Ok(())
    } else {
        Err(Reported.into())
    }
}

/// The issuer's keys: one key given inline or in a file (--key), or a key set (--keys).
fn issuer_keys(a: &AttestVerifyArgs) -> Result<KeySet> {
    Ok(match (&a.key, &a.keys) {
        (Some(k), _) => {
            // A key given inline, or a file holding it.
            let text = match std::fs::metadata(k) {
                Ok(m) if m.is_file() => {
                    String::from_utf8(read_bytes(std::path::Path::new(k), KEY_FILE_LIMIT)?)
                        .map_err(|_| anyhow!("{k}: the key file is not text"))?
                }
                _ => k.clone(),
            };
            let pk = PublicKey::from_base64(&text).map_err(|e| anyhow!("--key: {e}"))?;
            KeySet::single(&pk, "")
        }
        (None, Some(source)) => {
            let bytes = read_source(source)?;
            KeySet::from_json(&bytes).map_err(|e| anyhow!("{source}: {e}"))?
        }
        (None, None) => return Err(anyhow!("give the issuer's key with --key or --keys")),
    })
}

/// Reads the files given as `--subject NAME=PATH`, each with the name it is signed under.
fn read_subjects(subjects: &[String]) -> Result<Vec<(String, Vec<u8>)>> {
    let mut files = Vec::new();
    for s in subjects {
        let (name, path) = s.split_once('=').ok_or_else(|| {
            anyhow!("--subject {s}: expected NAME=PATH, e.g. report.pdf=report.pdf")
        })?;
        files.push((
            name.to_string(),
            read_bytes(std::path::Path::new(path), SUBJECT_LIMIT)?,
        ));
    }
    Ok(files)
}

/// Prints the outcome as JSON.
fn print_json(file: &str, v: &Verification, lang: Lang) -> Result<()> {
    let out = serde_json::json!({
        "file": file,
        "valid": v.valid(),
        "id": v.id,
        "signed_by": v.signed_by,
        "failures": v.failures.iter().map(|f| serde_json::json!({"code": f.code(), "message": f.message(lang)})).collect::<Vec<_>>(),
        "statement": v.statement,
    });
    println!("{}", serde_json::to_string_pretty(&out)?);
    Ok(())
}

/// Prints what a valid result attests: organisation, level, confirmation, keys and id.
fn print_valid(file: &str, v: &Verification, lang: Lang) {
    let p = &v
        .statement
        .as_ref()
        .expect("valid has a statement")
        .predicate;
    match lang {
        Lang::Ja => {
            println!("{file}: 有効な署名付き結果です。");
            println!(
                "  組織: {}（法人番号 {}）",
                p.organisation.name,
                p.organisation.corporate_number.as_deref().unwrap_or("—")
            );
            println!(
                "  レベル: ★{}（{} {}）、有効期限 {}",
                p.level, p.catalog, p.edition, p.valid_until
            );
            println!(
                "  確認: {}（{} {}）、自己適合宣誓: {} {}（{}）",
                p.confirmation.name,
                p.confirmation.qualification,
                p.confirmation.registration_number,
                p.declaration.officer_title,
                p.declaration.officer_name,
                p.declaration.date
            );
            println!("  署名した鍵: {}", v.signed_by.join(", "));
            println!("  署名付き結果の ID: {}", v.id.clone().unwrap_or_default());
        }
        Lang::En => {
            println!("{file}: valid attestation.");
            println!(
                "  organisation: {} (corporate number {})",
                p.organisation.name,
                p.organisation.corporate_number.as_deref().unwrap_or("—")
            );
            println!(
                "  level: ★{} ({} {}), valid until {}",
                p.level, p.catalog, p.edition, p.valid_until
            );
            println!(
                "  confirmed by: {} ({} {}); declared by {} {} ({})",
                p.confirmation.name,
                p.confirmation.qualification,
                p.confirmation.registration_number,
                p.declaration.officer_title,
                p.declaration.officer_name,
                p.declaration.date
            );
            println!("  signed by: {}", v.signed_by.join(", "));
            println!("  attestation id: {}", v.id.clone().unwrap_or_default());
        }
    }
}

/// Prints why a result is not valid, one reason a line, on stderr.
fn print_invalid(file: &str, v: &Verification, lang: Lang) {
    match lang {
        Lang::Ja => eprintln!("{file}: 無効です（理由 {} 件）", v.failures.len()),
        Lang::En => eprintln!("{file}: NOT valid ({} reasons)", v.failures.len()),
    }
    for f in &v.failures {
        eprintln!("  - [{}] {}", f.code(), f.message(lang));
    }
}

/// `hoshi keys list|rotate`
pub fn keys(
    cmd: KeysCmd,
    lang: Lang,
    data: &std::path::Path,
    database: &hoshi_store::Database,
) -> Result<()> {
    let mut ks = hoshi_web::attest::keys::Keystore::open(data, &crate::files::today())
        .map_err(|e| anyhow!(e))?;
    if let KeysCmd::Rotate = cmd {
        let old = ks.active().key_id().to_string();
        ks.rotate(&crate::files::today()).map_err(|e| anyhow!(e))?;
        if let hoshi_store::Database::Postgres(_) = database {
            // The deployment records the new key, so servers given it start again.
            let id = ks.active().key_id().to_string();
            hoshi_store::Store::connect(database)
                .and_then(|s| s.write(|tx| hoshi_store::deployment::set_signing_key(tx, &id)))
                .map_err(|e| anyhow!("{}: {}", database.describe(), e.message(lang)))?;
        }
        match lang {
            Lang::Ja => println!(
                "新しい署名鍵 {} を作成しました。{old} は失効扱い（検証用に公開を継続）にしました。hoshi serve を再起動してください。",
                ks.active().key_id()
            ),
            Lang::En => println!(
                "New signing key {}; {old} is retired (still published for verification). Restart hoshi serve.",
                ks.active().key_id()
            ),
        }
    }
    for k in &ks.key_set().keys {
        let status = match (k.status, lang) {
            (hoshi_attest::KeyStatus::Active, Lang::Ja) => "使用中",
            (hoshi_attest::KeyStatus::Active, Lang::En) => "active",
            (hoshi_attest::KeyStatus::Retired, Lang::Ja) => "失効（検証用）",
            (hoshi_attest::KeyStatus::Retired, Lang::En) => "retired (verification only)",
        };
        println!("{}  {}  {}  {}", k.keyid, k.created, status, k.public_key);
    }
    Ok(())
}
