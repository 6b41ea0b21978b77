//! Passwords (Argon2id, policy meeting SCS ★3 4-1-5), TOTP (RFC 6238) and its QR code.

use argon2::{Argon2, PasswordHash, PasswordHasher, PasswordVerifier};
use hmac::{Hmac, KeyInit, Mac};
use hoshi_core::PasswordProblem;
use sha1::Sha1;

/// Minimum password length. hoshi locks an account after 10 failed logins and offers MFA, so by
/// SCS ★3 criterion 4-1-5-3 eight characters are the floor; we ask for ten to leave a margin.
pub const MIN_PASSWORD: usize = 10;
pub const MAX_PASSWORD: usize = 256;

/// Passwords too easy to guess (4-1-5-2): the most common ones and keyboard runs.
const COMMON: &[&str] = &[
    "password",
    "passw0rd",
    "p@ssw0rd",
    "12345678",
    "123456789",
    "1234567890",
    "qwertyuiop",
    "qwerty123",
    "iloveyou",
    "11111111",
    "00000000",
    "abcdefgh",
    "abc12345",
    "letmein1",
    "welcome1",
    "admin123",
    "administrator",
    "changeme",
    "trustno1",
    "sunshine",
    "princess",
    "football",
    "baseball",
    "dragon12",
    "monkey12",
    "master12",
    "zaq12wsx",
    "1q2w3e4r",
    "1qaz2wsx",
    "asdfghjk",
    "zxcvbnm1",
    "password1",
    "password123",
    "qwerty12345",
    "hoshihoshi",
    "supplychain",
    "security1",
    "sekyurithi",
];

/// Checks a new password; returns the reasons it is refused (empty when accepted).
pub fn password_problems(password: &str, email: &str, name: &str) -> Vec<PasswordProblem> {
    let mut out = Vec::new();
    let n = password.chars().count();
    if n < MIN_PASSWORD {
        out.push(PasswordProblem::TooShort);
    }
    if n > MAX_PASSWORD {
        out.push(PasswordProblem::TooLong);
    }
    let lower = password.to_lowercase();
    let compact: String = lower.chars().filter(|c| c.is_alphanumeric()).collect();
    if COMMON
        .iter()
        .any(|c| compact.contains(c) && compact.len() <= c.len() + 2)
    {
        out.push(PasswordProblem::Common);
    }
    let distinct: std::collections::HashSet<char> = password.chars().collect();
    if n >= MIN_PASSWORD && distinct.len() < 4 {
        out.push(PasswordProblem::Repetitive);
    }
    let local = email.split('@').next().unwrap_or("").to_lowercase();
    if local.chars().count() >= 4 && lower.contains(&local) {
        out.push(PasswordProblem::ContainsEmail);
    }
    let name = name.trim().to_lowercase();
    if name.chars().count() >= 4 && lower.contains(&name) {
        out.push(PasswordProblem::ContainsName);
    }
    out
}

/// Argon2id with the crate's recommended parameters (19 MiB, 2 passes).
pub fn hash_password(password: &str) -> Result<String, String> {
    Argon2::default()
        .hash_password(password.as_bytes())
        .map(|h| h.to_string())
        .map_err(|e| format!("cannot hash the password: {e}"))
}

pub fn verify_password(password: &str, stored: &str) -> bool {
    match PasswordHash::new(stored) {
        Ok(h) => Argon2::default()
            .verify_password(password.as_bytes(), &h)
            .is_ok(),
        Err(_) => false,
    }
}

/// A hash to verify against when the account does not exist, so that timing does not reveal
/// which e-mail addresses have accounts.
pub fn dummy_hash() -> &'static str {
    static H: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    H.get_or_init(|| hash_password("not-a-real-password-for-timing").unwrap_or_default())
}

const B32: &[u8; 32] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

pub fn base32(data: &[u8]) -> String {
    let mut out = String::new();
    let mut buffer: u32 = 0;
    let mut bits = 0;
    for &b in data {
        buffer = (buffer << 8) | u32::from(b);
        bits += 8;
        while bits >= 5 {
            out.push(B32[((buffer >> (bits - 5)) & 31) as usize] as char);
            bits -= 5;
        }
    }
    if bits > 0 {
        out.push(B32[((buffer << (5 - bits)) & 31) as usize] as char);
    }
    out
}

pub fn base32_decode(s: &str) -> Option<Vec<u8>> {
    let mut out = Vec::new();
    let mut buffer: u32 = 0;
    let mut bits = 0;
    for c in s.chars().filter(|c| !c.is_whitespace() && *c != '=') {
        let v = B32
            .iter()
            .position(|&x| x as char == c.to_ascii_uppercase())? as u32;
        buffer = (buffer << 5) | v;
        bits += 5;
        if bits >= 8 {
            out.push(((buffer >> (bits - 8)) & 0xff) as u8);
            bits -= 8;
        }
    }
    Some(out)
}

pub const TOTP_STEP: i64 = 30;

/// The 6-digit TOTP code (HMAC-SHA1, 30-second steps) for time step `step`.
pub fn totp_code(secret: &[u8], step: i64) -> u32 {
    let mut mac =
        <Hmac<Sha1> as KeyInit>::new_from_slice(secret).expect("HMAC takes any key length");
    mac.update(&(step as u64).to_be_bytes());
    let h = mac.finalize().into_bytes();
    let off = (h[h.len() - 1] & 0x0f) as usize;
    let bin = (u32::from(h[off]) & 0x7f) << 24
        | u32::from(h[off + 1]) << 16
        | u32::from(h[off + 2]) << 8
        | u32::from(h[off + 3]);
    bin % 1_000_000
}

/// The time step a code matches, allowing one step of clock drift either way.
pub fn totp_match(secret_b32: &str, code: &str, now: i64) -> Option<i64> {
    let secret = base32_decode(secret_b32)?;
    let code: String = hoshi_core::text::half_width_digits(code)
        .chars()
        .filter(|c| c.is_ascii_digit())
        .collect();
    if code.len() != 6 {
        return None;
    }
    let want: u32 = code.parse().ok()?;
    let step = now.div_euclid(TOTP_STEP);
    [step, step - 1, step + 1]
        .into_iter()
        .find(|&s| totp_code(&secret, s) == want)
}

/// The `otpauth://` URI authenticator apps read from the QR code.
pub fn otpauth_uri(secret_b32: &str, account: &str) -> String {
    format!(
        "otpauth://totp/hoshi:{}?secret={secret_b32}&issuer=hoshi&algorithm=SHA1&digits=6&period=30",
        hoshi_core::text::percent_encode(account, b"")
    )
}

/// The QR code of `text` as an SVG image (black modules on white, 4-module quiet zone).
pub fn qr_svg(text: &str) -> String {
    use qrcodegen::{QrCode, QrCodeEcc};
    let Ok(qr) = QrCode::encode_text(text, QrCodeEcc::Medium) else {
        return String::new();
    };
    let border = 4;
    let size = qr.size() + 2 * border;
    let mut path = String::new();
    for y in 0..qr.size() {
        for x in 0..qr.size() {
            if qr.get_module(x, y) {
                path.push_str(&format!("M{},{}h1v1h-1z", x + border, y + border));
            }
        }
    }
    format!(
        r##"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {size} {size}" width="220" height="220" role="img" aria-label="QR code" shape-rendering="crispEdges"><rect width="100%" height="100%" fill="#fff"/><path d="{path}" fill="#000"/></svg>"##
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_typed_in_full_width_digits_match() {
        let secret = base32(b"12345678901234567890");
        let now = 1_800_000_000;
        let code = format!("{:06}", totp_code(b"12345678901234567890", now / TOTP_STEP));
        let wide: String = code
            .chars()
            .map(|c| char::from_u32('０' as u32 + c.to_digit(10).unwrap()).unwrap())
            .collect();
        assert_eq!(totp_match(&secret, &wide, now), Some(now / TOTP_STEP));
        assert_eq!(
            totp_match(&secret, &format!("{}　{}", &wide[..9], &wide[9..]), now),
            Some(now / TOTP_STEP)
        );
    }

    /// RFC 6238 appendix B, SHA-1 seed "12345678901234567890" (the last 6 digits of the 8-digit values).
    #[test]
    fn rfc6238_vectors() {
        let secret = b"12345678901234567890";
        for (t, code) in [
            (59, 287082),
            (1111111109, 81804),
            (1111111111, 50471),
            (1234567890, 5924),
            (2000000000, 279037),
        ] {
            assert_eq!(totp_code(secret, t / 30), code, "t = {t}");
        }
    }

    #[test]
    fn base32_round_trip_and_match() {
        let s = base32(b"12345678901234567890");
        assert_eq!(s, "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ");
        assert_eq!(base32_decode(&s).unwrap(), b"12345678901234567890");
        assert_eq!(totp_match(&s, "287 082", 59), Some(1));
        assert_eq!(
            totp_match(&s, "287082", 59 + 30),
            Some(1),
            "one step of drift"
        );
        assert_eq!(totp_match(&s, "287082", 59 + 90), None);
        assert_eq!(totp_match(&s, "12345", 59), None);
    }

    #[test]
    fn password_policy() {
        assert!(password_problems("short1!", "a@b.jp", "").contains(&PasswordProblem::TooShort));
        assert!(password_problems("Password123", "a@b.jp", "").contains(&PasswordProblem::Common));
        assert!(
            password_problems("aaaaaaaaaaaa", "a@b.jp", "").contains(&PasswordProblem::Repetitive)
        );
        assert!(
            password_problems("taro.yamada-2026", "taro.yamada@example.jp", "")
                .contains(&PasswordProblem::ContainsEmail)
        );
        assert!(password_problems("kawasemi-no-sora-7", "taro@example.jp", "Taro").is_empty());
        let h = hash_password("kawasemi-no-sora-7").unwrap();
        assert!(h.starts_with("$argon2id$"));
        assert!(verify_password("kawasemi-no-sora-7", &h));
        assert!(!verify_password("kawasemi-no-sora-8", &h));
        assert!(!verify_password("x", "not a hash"));
    }

    #[test]
    fn qr_is_svg() {
        let svg = qr_svg(&otpauth_uri("GEZDGNBV", "山田@example.jp"));
        assert!(svg.starts_with("<svg") && svg.contains("<path d=\"M"));
    }
}
