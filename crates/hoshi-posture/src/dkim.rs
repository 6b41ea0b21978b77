//! DKIM key records (RFC 6376 3.6.1, RFC 8463 for Ed25519): the key type and its size.

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Key {
    Rsa {
        bits: u32,
    },
    Ed25519,
    /// `p=` is empty: the key was withdrawn.
    Revoked,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Record {
    pub key: Key,
    /// `t=y`: receivers treat failures as if unsigned.
    pub testing: bool,
    /// `h=` allows only SHA-1.
    pub sha1_only: bool,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SyntaxError {
    pub ja: String,
    pub en: String,
}

fn err(ja: &str, en: &str) -> SyntaxError {
    SyntaxError {
        ja: ja.into(),
        en: en.into(),
    }
}

pub fn parse(txt: &str) -> Result<Record, SyntaxError> {
    let mut k = "rsa".to_string();
    let mut p = None;
    let mut testing = false;
    let mut sha1_only = false;
    for (i, tag) in txt
        .split(';')
        .map(str::trim)
        .filter(|t| !t.is_empty())
        .enumerate()
    {
        let Some((name, value)) = tag.split_once('=') else {
            return Err(err(
                "タグ=値 の形ではない部分があります",
                "a part is not tag=value",
            ));
        };
        let value = value.trim();
        match name.trim() {
            "v" if i > 0 || value != "DKIM1" => {
                return Err(err(
                    "v= は先頭に v=DKIM1 として書きます",
                    "v= must come first, as v=DKIM1",
                ));
            }
            "k" => k = value.to_ascii_lowercase(),
            "p" => p = Some(value.split_whitespace().collect::<String>()),
            "t" => testing = value.split(':').any(|f| f.trim() == "y"),
            "h" => {
                sha1_only = value
                    .split(':')
                    .all(|h| h.trim().eq_ignore_ascii_case("sha1"));
            }
            _ => {}
        }
    }
    let Some(p) = p else {
        return Err(err(
            "公開鍵（p=）がありません",
            "the public key (p=) is missing",
        ));
    };
    let key = if p.is_empty() {
        Key::Revoked
    } else {
        let bytes = hoshi_core::base64::decode(&p).ok_or_else(|| {
            err(
                "公開鍵（p=）が base64 として読めません",
                "the public key (p=) is not valid base64",
            )
        })?;
        match k.as_str() {
            "rsa" => Key::Rsa {
                bits: crate::der::rsa_bits(&bytes).ok_or_else(|| {
                    err(
                        "公開鍵（p=）が RSA 公開鍵として読めません",
                        "the public key (p=) is not an RSA public key",
                    )
                })?,
            },
            "ed25519" if bytes.len() == 32 => Key::Ed25519,
            "ed25519" => {
                return Err(err(
                    "Ed25519 の公開鍵は 32 バイトです",
                    "an Ed25519 public key is 32 bytes",
                ));
            }
            _ => {
                return Err(err(
                    "鍵の種類（k=）が rsa でも ed25519 でもありません",
                    "the key type (k=) is neither rsa nor ed25519",
                ));
            }
        }
    };
    Ok(Record {
        key,
        testing,
        sha1_only,
    })
}

/// Selectors tried when none are given: the defaults of common mail services and tools
/// (Microsoft 365, Google Workspace, many hosting panels and OpenDKIM set-ups).
pub const COMMON_SELECTORS: &[&str] = &[
    "selector1",
    "selector2",
    "google",
    "default",
    "dkim",
    "mail",
    "s1",
    "s2",
    "k1",
];

#[cfg(test)]
mod tests {
    use super::*;

    fn spki_with_modulus(bytes: usize) -> String {
        // SubjectPublicKeyInfo for an RSA key whose modulus has `bytes` bytes (top bit set).
        let mut n = vec![0x00, 0xc3];
        n.extend(std::iter::repeat_n(0x5a, bytes - 1));
        let int = |body: &[u8]| -> Vec<u8> { tlv(0x02, body) };
        let rsa = tlv(0x30, &[int(&n), int(&[1, 0, 1])].concat());
        let mut bits = vec![0];
        bits.extend(rsa);
        let alg = tlv(
            0x30,
            &[
                tlv(
                    0x06,
                    &[0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x01, 0x01],
                ),
                vec![0x05, 0x00],
            ]
            .concat(),
        );
        hoshi_core::base64::encode(&tlv(0x30, &[alg, tlv(0x03, &bits)].concat()))
    }

    fn tlv(tag: u8, body: &[u8]) -> Vec<u8> {
        let mut out = vec![tag];
        match body.len() {
            n if n < 0x80 => out.push(n as u8),
            n if n < 0x100 => out.extend([0x81, n as u8]),
            n => out.extend([0x82, (n >> 8) as u8, n as u8]),
        }
        out.extend_from_slice(body);
        out
    }

    #[test]
    fn reads_rsa_key_sizes() {
        for bytes in [128, 256, 512] {
            let r = parse(&format!("v=DKIM1; k=rsa; p={}", spki_with_modulus(bytes))).unwrap();
            assert_eq!(
                r.key,
                Key::Rsa {
                    bits: bytes as u32 * 8
                }
            );
        }
    }

    #[test]
    fn revoked_testing_ed25519_and_broken() {
        assert_eq!(parse("v=DKIM1; p=").unwrap().key, Key::Revoked);
        let ed = hoshi_core::base64::encode(&[7u8; 32]);
        let r = parse(&format!("k=ed25519; t=y; p={ed}")).unwrap();
        assert_eq!(r.key, Key::Ed25519);
        assert!(r.testing);
        assert!(parse("k=rsa; p=!!!").is_err());
        assert!(parse("k=rsa; p=AAAA").is_err());
        assert!(parse("k=rsa; v=DKIM1; p=").is_err());
        assert!(
            parse(&format!("h=sha1; p={}", spki_with_modulus(256)))
                .unwrap()
                .sha1_only
        );
    }
}
