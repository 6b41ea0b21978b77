//! Just enough DER to read an RSA key's size and its PKCS#1 form, and a certificate's expiry.

/// One element: tag, contents, and what follows it.
pub(crate) fn element(b: &[u8]) -> Option<(u8, &[u8], &[u8])> {
    let tag = *b.first()?;
    let first = *b.get(1)?;
    let (len, head) = if first < 0x80 {
        (usize::from(first), 2)
    } else {
        let n = usize::from(first & 0x7f);
        if n == 0 || n > 4 {
            return None;
        }
        let mut len = 0usize;
        for i in 0..n {
            len = (len << 8) | usize::from(*b.get(2 + i)?);
        }
        (len, 2 + n)
    };
    let end = head.checked_add(len)?;
    (end <= b.len()).then(|| (tag, &b[head..end], &b[end..]))
}

pub(crate) const SEQUENCE: u8 = 0x30;
const INTEGER: u8 = 0x02;
const BIT_STRING: u8 = 0x03;
const OID: u8 = 0x06;
const RSA_ENCRYPTION: &[u8] = &[0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x01, 0x01];

/// Bits in an RSA modulus, from a SubjectPublicKeyInfo or a bare PKCS#1 RSAPublicKey.
pub(crate) fn rsa_bits(key: &[u8]) -> Option<u32> {
    let (tag, body, _) = element(key)?;
    if tag != SEQUENCE {
        return None;
    }
    let (t1, first, rest) = element(body)?;
    if t1 == INTEGER {
        return Some(int_bits(first));
    }
    // SubjectPublicKeyInfo: SEQUENCE { SEQUENCE { OID, params }, BIT STRING }
    let (t_oid, oid, _) = element(first)?;
    if t1 != SEQUENCE || t_oid != OID || oid != RSA_ENCRYPTION {
        return None;
    }
    let (t_bits, bits, _) = element(rest)?;
    if t_bits != BIT_STRING || bits.first() != Some(&0) {
        return None;
    }
    let (t_seq, inner, _) = element(&bits[1..])?;
    let (t_n, n, _) = element(inner)?;
    (t_seq == SEQUENCE && t_n == INTEGER).then(|| int_bits(n))
}

/// The PKCS#1 RSAPublicKey (the form ring verifies with) of a SubjectPublicKeyInfo for
/// rsaEncryption, or of a bare RSAPublicKey, which is returned as it is. Nothing may follow it.
pub(crate) fn rsa_public_key(key: &[u8]) -> Option<&[u8]> {
    let (tag, body, rest) = element(key)?;
    if tag != SEQUENCE || !rest.is_empty() {
        return None;
    }
    let (t1, first, after) = element(body)?;
    if t1 == INTEGER {
        let (t2, _, end) = element(after)?;
        return (t2 == INTEGER && end.is_empty()).then_some(key);
    }
    let (t_oid, oid, _) = element(first)?;
    if t1 != SEQUENCE || t_oid != OID || oid != RSA_ENCRYPTION {
        return None;
    }
    let (t_bits, bits, end) = element(after)?;
    if t_bits != BIT_STRING || bits.first() != Some(&0) || !end.is_empty() {
        return None;
    }
    let inner = &bits[1..];
    let (t_seq, _, trailing) = element(inner)?;
    (t_seq == SEQUENCE && trailing.is_empty() && rsa_bits(inner).is_some()).then_some(inner)
}

fn int_bits(n: &[u8]) -> u32 {
    let n = match n.iter().position(|b| *b != 0) {
        Some(i) => &n[i..],
        None => return 0,
    };
    (n.len() as u32 - 1) * 8 + (8 - n[0].leading_zeros())
}

/// A certificate's notAfter as seconds since 1970.
pub(crate) fn not_after(cert: &[u8]) -> Option<i64> {
    let (_, c, _) = element(cert)?;
    let (_, tbs, _) = element(c)?;
    let mut rest = tbs;
    let (tag, _, r) = element(rest)?;
    if tag == 0xa0 {
        rest = r; // explicit version
    }
    // serial, signature algorithm, issuer, validity
    let (_, _, r) = element(rest)?;
    let (_, _, r) = element(r)?;
    let (_, _, r) = element(r)?;
    let (tag, validity, _) = element(r)?;
    if tag != SEQUENCE {
        return None;
    }
    let (_, _, r) = element(validity)?;
    let (tag, t, _) = element(r)?;
    time(tag, std::str::from_utf8(t).ok()?)
}

fn time(tag: u8, s: &str) -> Option<i64> {
    let s = s.strip_suffix('Z')?;
    let (year, rest) = match tag {
        0x17 => {
            let yy: i64 = s.get(..2)?.parse().ok()?;
            (if yy >= 50 { 1900 + yy } else { 2000 + yy }, &s[2..])
        }
        0x18 => (s.get(..4)?.parse().ok()?, &s[4..]),
        _ => return None,
    };
    let num = |r: std::ops::Range<usize>| -> Option<i64> { rest.get(r)?.parse().ok() };
    let days = hoshi_core::time::days_from_civil(year, num(0..2)?, num(2..4)?);
    Some(days * 86_400 + num(4..6)? * 3600 + num(6..8)? * 60 + num(8..10)?)
}
