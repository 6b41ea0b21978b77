//! A small, strict reader for DER-encoded X.509 certificates: just the facts an exposure check
//! reports (names, validity, key, signature algorithm, fingerprint). It verifies nothing.
//!
//! Hostile input is expected (the bytes come from whatever answered on a port), so every read is
//! bounds-checked, constructed values may nest at most [`MAX_DEPTH`] levels, every loop consumes
//! input, and anything malformed gives `Err` rather than a guess. Two leniencies, both seen in
//! certificates of old appliances: long-form lengths that could have been shorter are accepted
//! (indefinite lengths are not), and text that is not valid in its declared string type is
//! decoded with replacement characters instead of failing the whole certificate.

use std::fmt::Write as _;
use std::net::{Ipv4Addr, Ipv6Addr};

/// How deeply constructed values (SEQUENCE, SET, explicit tags) may nest. A certificate needs
/// about eight levels; anything deeper is treated as an attack on the reader.
pub const MAX_DEPTH: usize = 32;

/// What a certificate says about itself.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct CertInfo {
    /// The subject in RFC 4514 order: the most specific attribute first (the reverse of the
    /// encoding), `", "` between RDNs, `+` inside a multi-valued RDN, RFC 4514 escapes, e.g.
    /// `CN=vpn.example.co.jp, O=Example, C=JP`. Values that are not strings are `#` and the hex
    /// of their DER.
    pub subject: String,
    /// The issuer, written like [`CertInfo::subject`].
    pub issuer: String,
    /// The subject's most specific common name (the last CN in the encoding), unescaped.
    pub common_name: Option<String>,
    /// The subject's most specific organization (the last O in the encoding), unescaped.
    pub organization: Option<String>,
    /// subjectAltName entries: every dNSName, and every iPAddress as text (IPv6 compressed,
    /// `2001:db8::1`), in the order of the extension.
    pub dns_names: Vec<String>,
    /// Start of validity, unix seconds.
    pub not_before: i64,
    /// End of validity, unix seconds.
    pub not_after: i64,
    /// The issuer name is byte-for-byte the subject name and, when both key identifiers are
    /// present, the authority key identifier equals the subject key identifier.
    pub self_signed: bool,
    /// `RSA`, `EC`, `Ed25519`, `Ed448`, `X25519`, `X448`, `DSA`, or the algorithm's OID.
    pub key: String,
    /// RSA and DSA: bits of the modulus (prime `p` for DSA) without leading zeros; EC: the
    /// curve's size (P-256 → 256); Ed25519 → 256, Ed448 → 456; 0 when unknown.
    pub key_bits: u32,
    /// The signature algorithm in OpenSSL's spelling (`sha256WithRSAEncryption`,
    /// `ecdsa-with-SHA256`, `Ed25519`…), or its OID.
    pub signature: String,
    /// SHA-256 of the whole DER certificate, lowercase hex.
    pub sha256: String,
}

const BOOLEAN: u8 = 0x01;
const INTEGER: u8 = 0x02;
const BIT_STRING: u8 = 0x03;
const OCTET_STRING: u8 = 0x04;
const OID: u8 = 0x06;
const SEQUENCE: u8 = 0x30;
const SET: u8 = 0x31;
const UTC_TIME: u8 = 0x17;
const GENERALIZED_TIME: u8 = 0x18;

/// Reads one DER certificate. `der` must hold exactly the certificate, nothing after it.
pub fn parse(der: &[u8]) -> Result<CertInfo, String> {
    check_nesting(der, 0)?;
    let (cert, rest) = read_tlv(der)?;
    if !rest.is_empty() {
        return Err("bytes after the certificate".into());
    }
    if cert.tag != SEQUENCE {
        return Err("a certificate is a SEQUENCE".into());
    }
    let mut outer = Reader(cert.content);
    let tbs = outer.expect(SEQUENCE, "tbsCertificate")?;
    let signature_algorithm = outer.expect(SEQUENCE, "signatureAlgorithm")?;
    outer.expect(BIT_STRING, "signatureValue")?;
    outer.finish("certificate")?;

    let tbs = parse_tbs(tbs.content)?;
    let subject = parse_name(tbs.subject.content)?;
    let issuer = parse_name(tbs.issuer.content)?;
    let (not_before, not_after) = parse_validity(tbs.validity.content)?;
    let (key, key_bits) = parse_key(tbs.spki.content)?;
    let extensions = match tbs.extensions {
        Some(tlv) => parse_extensions(tlv.content)?,
        None => Extensions::default(),
    };
    let same_key = match (extensions.authority_key_id, extensions.subject_key_id) {
        (Some(authority), Some(subject)) => authority == subject,
        _ => true,
    };
    Ok(CertInfo {
        subject: subject.text,
        issuer: issuer.text,
        common_name: subject.common_name,
        organization: subject.organization,
        dns_names: extensions.alt_names,
        not_before,
        not_after,
        self_signed: tbs.issuer.raw == tbs.subject.raw && same_key,
        key,
        key_bits,
        signature: signature_name(signature_algorithm.content)?,
        sha256: sha256_hex(der),
    })
}

/// SHA-256 through the hash rustls' *ring* provider already carries (no extra dependency).
fn sha256_hex(data: &[u8]) -> String {
    rustls::crypto::ring::cipher_suite::TLS13_AES_128_GCM_SHA256
        .tls13()
        .map(|suite| hex(suite.common.hash_provider.hash(data).as_ref()))
        .unwrap_or_default()
}

fn hex(bytes: &[u8]) -> String {
    let mut out = String::with_capacity(bytes.len() * 2);
    for b in bytes {
        let _ = write!(out, "{b:02x}");
    }
    out
}

// ---------------------------------------------------------------------------------------------
// DER primitives

/// One encoded value: its tag, its contents, and the whole encoding (tag and length included).
#[derive(Clone, Copy, Debug)]
struct Tlv<'a> {
    tag: u8,
    content: &'a [u8],
    raw: &'a [u8],
}

/// Splits the first value off `input`.
fn read_tlv(input: &[u8]) -> Result<(Tlv<'_>, &[u8]), String> {
    let truncated = || "truncated DER".to_string();
    let (&tag, rest) = input.split_first().ok_or_else(truncated)?;
    if tag & 0x1f == 0x1f {
        return Err("multi-byte DER tags are not used in certificates".into());
    }
    let (&first, mut rest) = rest.split_first().ok_or_else(truncated)?;
    let len = if first < 0x80 {
        usize::from(first)
    } else {
        let count = usize::from(first & 0x7f);
        if count == 0 {
            return Err("indefinite length is BER, not DER".into());
        }
        if count > 4 {
            return Err("DER length too large".into());
        }
        let (digits, after) = rest.split_at_checked(count).ok_or_else(truncated)?;
        rest = after;
        digits
            .iter()
            .fold(0usize, |len, &b| (len << 8) | usize::from(b))
    };
    if rest.len() < len {
        return Err(truncated());
    }
    let header = input.len() - rest.len();
    let tlv = Tlv {
        tag,
        content: &rest[..len],
        raw: &input[..header + len],
    };
    Ok((tlv, &rest[len..]))
}

/// Walks every constructed value once to bound nesting before anything else looks at the bytes.
fn check_nesting(mut input: &[u8], depth: usize) -> Result<(), String> {
    if depth > MAX_DEPTH {
        return Err(format!("DER nested deeper than {MAX_DEPTH} levels"));
    }
    while !input.is_empty() {
        let (tlv, rest) = read_tlv(input)?;
        if tlv.tag & 0x20 != 0 {
            check_nesting(tlv.content, depth + 1)?;
        }
        input = rest;
    }
    Ok(())
}

/// The values inside a constructed value, read in order.
struct Reader<'a>(&'a [u8]);

impl<'a> Reader<'a> {
    fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    fn next(&mut self, what: &str) -> Result<Tlv<'a>, String> {
        if self.0.is_empty() {
            return Err(format!("{what} missing"));
        }
        let (tlv, rest) = read_tlv(self.0)?;
        self.0 = rest;
        Ok(tlv)
    }

    fn expect(&mut self, tag: u8, what: &str) -> Result<Tlv<'a>, String> {
        let tlv = self.next(what)?;
        if tlv.tag != tag {
            return Err(format!(
                "{what}: tag 0x{:02x}, expected 0x{tag:02x}",
                tlv.tag
            ));
        }
        Ok(tlv)
    }

    /// The next value when it has `tag`, otherwise nothing (and nothing consumed).
    fn optional(&mut self, tag: u8) -> Result<Option<Tlv<'a>>, String> {
        if self.0.first() != Some(&tag) {
            return Ok(None);
        }
        self.next("optional value").map(Some)
    }

    fn finish(&self, what: &str) -> Result<(), String> {
        if self.0.is_empty() {
            Ok(())
        } else {
            Err(format!("unexpected data at the end of {what}"))
        }
    }
}

/// Dotted text of an OBJECT IDENTIFIER's contents.
fn oid_text(bytes: &[u8]) -> Result<String, String> {
    if bytes.last().is_none_or(|b| b & 0x80 != 0) {
        return Err("malformed OBJECT IDENTIFIER".into());
    }
    let mut out = String::new();
    let mut value: u64 = 0;
    let mut first = true;
    for &b in bytes {
        if value > u64::MAX >> 7 {
            return Err("OBJECT IDENTIFIER arc too large".into());
        }
        value = (value << 7) | u64::from(b & 0x7f);
        if b & 0x80 != 0 {
            continue;
        }
        if first {
            let (a, b) = match value {
                0..40 => (0, value),
                40..80 => (1, value - 40),
                _ => (2, value - 80),
            };
            let _ = write!(out, "{a}.{b}");
            first = false;
        } else {
            let _ = write!(out, ".{value}");
        }
        value = 0;
    }
    Ok(out)
}

fn expect_oid(reader: &mut Reader<'_>, what: &str) -> Result<String, String> {
    oid_text(reader.expect(OID, what)?.content)
}

/// Bits of an unsigned big-endian integer, leading zero bytes and bits excluded.
fn integer_bits(bytes: &[u8]) -> u32 {
    let significant = match bytes.iter().position(|&b| b != 0) {
        Some(start) => &bytes[start..],
        None => return 0,
    };
    let whole = (significant.len() - 1).saturating_mul(8);
    let top = 8 - significant[0].leading_zeros() as usize;
    u32::try_from(whole.saturating_add(top)).unwrap_or(u32::MAX)
}

/// The bytes of a BIT STRING that must be whole bytes (keys).
fn bit_string_bytes(content: &[u8]) -> Result<&[u8], String> {
    match content.split_first() {
        Some((&0, bytes)) => Ok(bytes),
        _ => Err("BIT STRING is not a whole number of bytes".into()),
    }
}

// ---------------------------------------------------------------------------------------------
// Certificate structure

struct Tbs<'a> {
    issuer: Tlv<'a>,
    validity: Tlv<'a>,
    subject: Tlv<'a>,
    spki: Tlv<'a>,
    extensions: Option<Tlv<'a>>,
}

fn parse_tbs(content: &[u8]) -> Result<Tbs<'_>, String> {
    let mut r = Reader(content);
    if let Some(version) = r.optional(0xa0)? {
        let mut v = Reader(version.content);
        v.expect(INTEGER, "version")?;
        v.finish("version")?;
    }
    r.expect(INTEGER, "serialNumber")?;
    r.expect(SEQUENCE, "signature")?;
    let issuer = r.expect(SEQUENCE, "issuer")?;
    let validity = r.expect(SEQUENCE, "validity")?;
    let subject = r.expect(SEQUENCE, "subject")?;
    let spki = r.expect(SEQUENCE, "subjectPublicKeyInfo")?;
    r.optional(0x81)?; // issuerUniqueID
    r.optional(0x82)?; // subjectUniqueID
    let extensions = r.optional(0xa3)?;
    r.finish("tbsCertificate")?;
    Ok(Tbs {
        issuer,
        validity,
        subject,
        spki,
        extensions,
    })
}

fn parse_validity(content: &[u8]) -> Result<(i64, i64), String> {
    let mut r = Reader(content);
    let not_before = r.next("notBefore")?;
    let not_after = r.next("notAfter")?;
    r.finish("validity")?;
    Ok((parse_time(not_before)?, parse_time(not_after)?))
}

// ---------------------------------------------------------------------------------------------
// Names

struct Name {
    text: String,
    common_name: Option<String>,
    organization: Option<String>,
}

fn parse_name(content: &[u8]) -> Result<Name, String> {
    let mut rdns = Vec::new();
    let mut common_name = None;
    let mut organization = None;
    let mut r = Reader(content);
    while !r.is_empty() {
        let set = r.expect(SET, "RelativeDistinguishedName")?;
        let mut parts = Vec::new();
        let mut s = Reader(set.content);
        while !s.is_empty() {
            let attribute = s.expect(SEQUENCE, "AttributeTypeAndValue")?;
            let mut a = Reader(attribute.content);
            let oid = expect_oid(&mut a, "attribute type")?;
            let value = a.next("attribute value")?;
            a.finish("AttributeTypeAndValue")?;
            let shown = match decode_string(value)? {
                Some(text) => {
                    match oid.as_str() {
                        "2.5.4.3" => common_name = Some(text.clone()),
                        "2.5.4.10" => organization = Some(text.clone()),
                        _ => {}
                    }
                    escape_value(&text)
                }
                None => format!("#{}", hex(value.raw)),
            };
            parts.push(format!("{}={shown}", attribute_name(&oid)));
        }
        if parts.is_empty() {
            return Err("empty RelativeDistinguishedName".into());
        }
        rdns.push(parts.join("+"));
    }
    rdns.reverse();
    Ok(Name {
        text: rdns.join(", "),
        common_name,
        organization,
    })
}

/// Short names as OpenSSL and RFC 4514 write them; other attributes as their OID.
fn attribute_name(oid: &str) -> &str {
    match oid {
        "2.5.4.3" => "CN",
        "2.5.4.4" => "SN",
        "2.5.4.5" => "serialNumber",
        "2.5.4.6" => "C",
        "2.5.4.7" => "L",
        "2.5.4.8" => "ST",
        "2.5.4.9" => "street",
        "2.5.4.10" => "O",
        "2.5.4.11" => "OU",
        "2.5.4.12" => "title",
        "2.5.4.15" => "businessCategory",
        "2.5.4.17" => "postalCode",
        "2.5.4.42" => "GN",
        "2.5.4.97" => "organizationIdentifier",
        "0.9.2342.19200300.100.1.1" => "UID",
        "0.9.2342.19200300.100.1.25" => "DC",
        "1.2.840.113549.1.9.1" => "emailAddress",
        "1.3.6.1.4.1.311.60.2.1.1" => "jurisdictionL",
        "1.3.6.1.4.1.311.60.2.1.2" => "jurisdictionST",
        "1.3.6.1.4.1.311.60.2.1.3" => "jurisdictionC",
        other => other,
    }
}

/// Text of the string types names use; `None` for anything else.
fn decode_string(tlv: Tlv<'_>) -> Result<Option<String>, String> {
    let bytes = tlv.content;
    let text = match tlv.tag {
        // UTF8String
        0x0c => String::from_utf8_lossy(bytes).into_owned(),
        // NumericString, PrintableString, IA5String, VisibleString: ASCII by definition, but
        // some issuers put UTF-8 (or Latin-1) there.
        0x12 | 0x13 | 0x16 | 0x1a => match std::str::from_utf8(bytes) {
            Ok(text) => text.to_string(),
            Err(_) => latin1(bytes),
        },
        // TeletexString, read as Latin-1 like OpenSSL does.
        0x14 => latin1(bytes),
        // UniversalString: UTF-32BE.
        0x1c => {
            if !bytes.len().is_multiple_of(4) {
                return Err("UniversalString of odd length".into());
            }
            bytes
                .chunks_exact(4)
                .map(|c| u32::from_be_bytes([c[0], c[1], c[2], c[3]]))
                .map(|u| char::from_u32(u).unwrap_or(char::REPLACEMENT_CHARACTER))
                .collect()
        }
        // BMPString: UTF-16BE.
        0x1e => {
            if !bytes.len().is_multiple_of(2) {
                return Err("BMPString of odd length".into());
            }
            let units = bytes
                .chunks_exact(2)
                .map(|c| u16::from_be_bytes([c[0], c[1]]));
            char::decode_utf16(units)
                .map(|c| c.unwrap_or(char::REPLACEMENT_CHARACTER))
                .collect()
        }
        _ => return Ok(None),
    };
    Ok(Some(text))
}

fn latin1(bytes: &[u8]) -> String {
    bytes.iter().map(|&b| char::from(b)).collect()
}

/// RFC 4514 escaping of one attribute value; control characters become `\XX` per UTF-8 byte.
fn escape_value(value: &str) -> String {
    let mut out = String::with_capacity(value.len());
    let last = value.chars().count().saturating_sub(1);
    for (i, c) in value.chars().enumerate() {
        match c {
            '"' | '+' | ',' | ';' | '<' | '>' | '\\' => {
                out.push('\\');
                out.push(c);
            }
            '#' if i == 0 => out.push_str("\\#"),
            ' ' if i == 0 || i == last => out.push_str("\\ "),
            c if c.is_control() => {
                let mut buf = [0u8; 4];
                for b in c.encode_utf8(&mut buf).bytes() {
                    let _ = write!(out, "\\{b:02X}");
                }
            }
            c => out.push(c),
        }
    }
    out
}

// ---------------------------------------------------------------------------------------------
// Time

/// UTCTime (`YYMMDDHHMM[SS]` and `Z` or `±HHMM`; years 50–99 are 19xx) or GeneralizedTime
/// (`YYYYMMDDHHMMSS`, optional fraction, and `Z` or `±HHMM`), as unix seconds.
fn parse_time(tlv: Tlv<'_>) -> Result<i64, String> {
    let text = std::str::from_utf8(tlv.content).map_err(|_| "time is not ASCII".to_string())?;
    let bad = || format!("malformed time {text:?}");
    let (year, rest) = match tlv.tag {
        UTC_TIME => {
            let yy = digits(text, 0, 2).ok_or_else(bad)?;
            (if yy >= 50 { 1900 + yy } else { 2000 + yy }, &text[2..])
        }
        GENERALIZED_TIME => (digits(text, 0, 4).ok_or_else(bad)?, &text[4..]),
        _ => return Err("validity time has an unknown type".into()),
    };
    let month = digits(rest, 0, 2).ok_or_else(bad)?;
    let day = digits(rest, 2, 2).ok_or_else(bad)?;
    let hour = digits(rest, 4, 2).ok_or_else(bad)?;
    let minute = digits(rest, 6, 2).ok_or_else(bad)?;
    let mut tail = &rest[8..];
    let mut second = 0;
    if let Some(s) = digits(tail, 0, 2) {
        second = s;
        tail = &tail[2..];
    } else if tlv.tag == GENERALIZED_TIME {
        return Err(bad());
    }
    if tlv.tag == GENERALIZED_TIME
        && let Some(fraction) = tail.strip_prefix('.')
    {
        let end = fraction
            .find(|c: char| !c.is_ascii_digit())
            .unwrap_or(fraction.len());
        if end == 0 {
            return Err(bad());
        }
        tail = &fraction[end..];
    }
    let offset = match tail.as_bytes().first() {
        Some(b'Z') if tail.len() == 1 => 0,
        Some(&sign @ (b'+' | b'-')) if tail.len() == 5 => {
            let hh = digits(tail, 1, 2).ok_or_else(bad)?;
            let mm = digits(tail, 3, 2).ok_or_else(bad)?;
            if hh > 23 || mm > 59 {
                return Err(bad());
            }
            let seconds = (hh * 60 + mm) * 60;
            if sign == b'+' { seconds } else { -seconds }
        }
        _ => return Err(bad()),
    };
    if !(1..=12).contains(&month)
        || !(1..=days_in_month(year, month)).contains(&day)
        || hour > 23
        || minute > 59
        || second > 60
    {
        return Err(bad());
    }
    let days = days_from_civil(year, month, day);
    Ok(days * 86_400 + hour * 3600 + minute * 60 + second - offset)
}

/// The number written by `len` ASCII digits at `start`, if they are all digits.
fn digits(text: &str, start: usize, len: usize) -> Option<i64> {
    let part = text.as_bytes().get(start..start + len)?;
    part.iter().try_fold(0i64, |n, &b| {
        b.is_ascii_digit().then(|| n * 10 + i64::from(b - b'0'))
    })
}

fn days_in_month(year: i64, month: i64) -> i64 {
    match month {
        2 if year % 4 == 0 && (year % 100 != 0 || year % 400 == 0) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's algorithm).
fn days_from_civil(year: i64, month: i64, day: i64) -> i64 {
    let y = if month <= 2 { year - 1 } else { year };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (month + 9) % 12;
    let doy = (153 * mp + 2) / 5 + day - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

// ---------------------------------------------------------------------------------------------
// Keys and algorithms

fn parse_key(content: &[u8]) -> Result<(String, u32), String> {
    let mut r = Reader(content);
    let algorithm = r.expect(SEQUENCE, "public key algorithm")?;
    let key = r.expect(BIT_STRING, "public key")?;
    r.finish("subjectPublicKeyInfo")?;
    let mut a = Reader(algorithm.content);
    let oid = expect_oid(&mut a, "public key algorithm")?;
    let params = if a.is_empty() {
        None
    } else {
        Some(a.next("parameters")?)
    };
    a.finish("public key algorithm")?;
    let key = bit_string_bytes(key.content)?;
    Ok(match oid.as_str() {
        // rsaEncryption, RSASSA-PSS
        "1.2.840.113549.1.1.1" | "1.2.840.113549.1.1.10" => ("RSA".into(), rsa_bits(key)?),
        "1.2.840.10045.2.1" => ("EC".into(), ec_bits(params, key)?),
        "1.3.101.112" => ("Ed25519".into(), 256),
        "1.3.101.113" => ("Ed448".into(), 456),
        "1.3.101.110" => ("X25519".into(), 256),
        "1.3.101.111" => ("X448".into(), 448),
        "1.2.840.10040.4.1" => ("DSA".into(), dsa_bits(params, key)?),
        _ => (oid, 0),
    })
}

/// RSAPublicKey ::= SEQUENCE { modulus INTEGER, publicExponent INTEGER }
fn rsa_bits(key: &[u8]) -> Result<u32, String> {
    let (sequence, rest) = read_tlv(key)?;
    if sequence.tag != SEQUENCE || !rest.is_empty() {
        return Err("malformed RSA public key".into());
    }
    let mut r = Reader(sequence.content);
    let modulus = r.expect(INTEGER, "RSA modulus")?;
    r.expect(INTEGER, "RSA exponent")?;
    r.finish("RSA public key")?;
    Ok(integer_bits(modulus.content))
}

/// The named curve's size, or else the size the encoded point implies.
fn ec_bits(params: Option<Tlv<'_>>, point: &[u8]) -> Result<u32, String> {
    if let Some(params) = params.filter(|p| p.tag == OID) {
        let bits = match oid_text(params.content)?.as_str() {
            "1.2.840.10045.3.1.1" => 192,
            "1.3.132.0.33" => 224,
            "1.2.840.10045.3.1.7" | "1.3.132.0.10" | "1.3.36.3.3.2.8.1.1.7" => 256,
            "1.3.132.0.34" | "1.3.36.3.3.2.8.1.1.11" => 384,
            "1.3.36.3.3.2.8.1.1.13" => 512,
            "1.3.132.0.35" => 521,
            _ => 0,
        };
        if bits != 0 {
            return Ok(bits);
        }
    }
    let coordinate = match point.first() {
        Some(4) => (point.len() - 1) / 2,
        Some(2 | 3) => point.len() - 1,
        _ => return Ok(0),
    };
    Ok(u32::try_from(coordinate.saturating_mul(8)).unwrap_or(0))
}

/// DSA: the size of `p` from Dss-Parms, or of the public value when the parameters are
/// inherited from the issuer.
fn dsa_bits(params: Option<Tlv<'_>>, key: &[u8]) -> Result<u32, String> {
    if let Some(params) = params.filter(|p| p.tag == SEQUENCE) {
        let mut r = Reader(params.content);
        return Ok(integer_bits(r.expect(INTEGER, "DSA p")?.content));
    }
    let (y, _) = read_tlv(key)?;
    Ok(if y.tag == INTEGER {
        integer_bits(y.content)
    } else {
        0
    })
}

/// The name of an AlgorithmIdentifier's signature algorithm (OpenSSL's long names).
fn signature_name(content: &[u8]) -> Result<String, String> {
    let mut r = Reader(content);
    let oid = expect_oid(&mut r, "signature algorithm")?;
    let name = match oid.as_str() {
        "1.2.840.113549.1.1.2" => "md2WithRSAEncryption",
        "1.2.840.113549.1.1.4" => "md5WithRSAEncryption",
        "1.2.840.113549.1.1.5" => "sha1WithRSAEncryption",
        "1.2.840.113549.1.1.10" => "rsassaPss",
        "1.2.840.113549.1.1.11" => "sha256WithRSAEncryption",
        "1.2.840.113549.1.1.12" => "sha384WithRSAEncryption",
        "1.2.840.113549.1.1.13" => "sha512WithRSAEncryption",
        "1.2.840.113549.1.1.14" => "sha224WithRSAEncryption",
        "1.3.14.3.2.29" => "sha1WithRSA",
        "1.2.840.10045.4.1" => "ecdsa-with-SHA1",
        "1.2.840.10045.4.3.1" => "ecdsa-with-SHA224",
        "1.2.840.10045.4.3.2" => "ecdsa-with-SHA256",
        "1.2.840.10045.4.3.3" => "ecdsa-with-SHA384",
        "1.2.840.10045.4.3.4" => "ecdsa-with-SHA512",
        "1.2.840.10040.4.3" => "dsaWithSHA1",
        "2.16.840.1.101.3.4.3.1" => "dsa_with_SHA224",
        "2.16.840.1.101.3.4.3.2" => "dsa_with_SHA256",
        "1.3.101.112" => "Ed25519",
        "1.3.101.113" => "Ed448",
        _ => return Ok(oid),
    };
    Ok(name.to_string())
}

// ---------------------------------------------------------------------------------------------
// Extensions

#[derive(Default)]
struct Extensions<'a> {
    alt_names: Vec<String>,
    subject_key_id: Option<&'a [u8]>,
    authority_key_id: Option<&'a [u8]>,
}

/// `[3] EXPLICIT SEQUENCE OF Extension`; reads subjectAltName and the two key identifiers.
fn parse_extensions(content: &[u8]) -> Result<Extensions<'_>, String> {
    let mut explicit = Reader(content);
    let list = explicit.expect(SEQUENCE, "extensions")?;
    explicit.finish("extensions")?;
    let mut found = Extensions::default();
    let mut r = Reader(list.content);
    while !r.is_empty() {
        let extension = r.expect(SEQUENCE, "extension")?;
        let mut e = Reader(extension.content);
        let oid = expect_oid(&mut e, "extension id")?;
        e.optional(BOOLEAN)?;
        let value = e.expect(OCTET_STRING, "extension value")?.content;
        e.finish("extension")?;
        match oid.as_str() {
            "2.5.29.17" => found.alt_names = parse_alt_names(value)?,
            "2.5.29.14" => {
                let mut v = Reader(value);
                found.subject_key_id =
                    Some(v.expect(OCTET_STRING, "subjectKeyIdentifier")?.content);
                v.finish("subjectKeyIdentifier")?;
            }
            "2.5.29.35" => {
                let mut v = Reader(value);
                let aki = v.expect(SEQUENCE, "authorityKeyIdentifier")?;
                v.finish("authorityKeyIdentifier")?;
                found.authority_key_id = Reader(aki.content).optional(0x80)?.map(|t| t.content);
            }
            _ => {}
        }
    }
    Ok(found)
}

/// GeneralNames: dNSName `[2]` and iPAddress `[7]`; other kinds are skipped.
fn parse_alt_names(value: &[u8]) -> Result<Vec<String>, String> {
    let mut outer = Reader(value);
    let names = outer.expect(SEQUENCE, "subjectAltName")?;
    outer.finish("subjectAltName")?;
    let mut out = Vec::new();
    let mut r = Reader(names.content);
    while !r.is_empty() {
        let name = r.next("GeneralName")?;
        match name.tag {
            0x82 => match std::str::from_utf8(name.content) {
                Ok(text) => out.push(text.to_string()),
                Err(_) => out.push(latin1(name.content)),
            },
            0x87 => {
                if let Ok(v4) = <[u8; 4]>::try_from(name.content) {
                    out.push(Ipv4Addr::from(v4).to_string());
                } else if let Ok(v6) = <[u8; 16]>::try_from(name.content) {
                    out.push(Ipv6Addr::from(v6).to_string());
                }
            }
            _ => {}
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::Path;
    use std::process::Command;

    /// Runs a shell command in `dir` and returns its output; fails the test when it fails.
    fn sh(dir: &Path, command: &str) -> String {
        let out = Command::new("sh")
            .args(["-c", command])
            .current_dir(dir)
            .output()
            .expect("sh runs");
        assert!(
            out.status.success(),
            "{command}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        // asn1parse prints TeletexString bytes as they are (Latin-1).
        String::from_utf8_lossy(&out.stdout).into_owned()
    }

    fn der(dir: &Path, pem: &str) -> Vec<u8> {
        sh(
            dir,
            &format!("openssl x509 -in {pem} -outform DER -out {pem}.der"),
        );
        std::fs::read(dir.join(format!("{pem}.der"))).expect("DER file")
    }

    /// openssl's own view of a certificate, and ours, must agree on every field it prints.
    fn check_against_openssl(dir: &Path, pem: &str, info: &CertInfo) {
        let fields = sh(
            dir,
            &format!(
                "openssl x509 -in {pem} -noout -dateopt iso_8601 -nameopt esc_2253,esc_ctrl,\
                 utf8,dump_nostr,dump_unknown,dump_der,sep_comma_plus_space,dn_rev,sname \
                 -subject -issuer -startdate -enddate -fingerprint -sha256"
            ),
        );
        let field = |prefix: &str| {
            fields
                .lines()
                .find_map(|l| l.strip_prefix(prefix))
                .unwrap_or_else(|| panic!("no {prefix} in {fields}"))
                .to_string()
        };
        let unix = |date: String| -> i64 {
            let seconds = sh(dir, &format!("date -u -d '{date}' +%s"));
            seconds.trim().parse().expect("seconds")
        };
        assert_eq!(info.subject, field("subject="));
        assert_eq!(info.issuer, field("issuer="));
        assert_eq!(info.not_before, unix(field("notBefore=")));
        assert_eq!(info.not_after, unix(field("notAfter=")));
        let fingerprint = field("sha256 Fingerprint=").replace(':', "");
        assert_eq!(info.sha256, fingerprint.to_lowercase());

        let text = sh(dir, &format!("openssl x509 -in {pem} -noout -text"));
        let signature = match info.signature.as_str() {
            "Ed25519" => "ED25519",
            other => other,
        };
        let line = format!("Signature Algorithm: {signature}");
        assert!(text.contains(&line), "{line} not in {text}");
        if info.key == "RSA" || info.key == "EC" {
            let line = format!("Public-Key: ({} bit)", info.key_bits);
            assert!(text.contains(&line), "{line} not in {text}");
        }
        let lines: Vec<&str> = text.lines().map(str::trim).collect();
        let alt_names: Vec<String> = lines
            .iter()
            .position(|l| l.starts_with("X509v3 Subject Alternative Name"))
            .map(|i| {
                lines[i + 1]
                    .split(", ")
                    .map(|n| {
                        n.trim_start_matches("DNS:")
                            .trim_start_matches("IP Address:")
                    })
                    .map(str::to_string)
                    .collect()
            })
            .unwrap_or_default();
        assert_eq!(info.dns_names, alt_names);
    }

    #[test]
    fn rsa_self_signed_with_alt_names() {
        let dir = tempfile::tempdir().expect("temp dir");
        let d = dir.path();
        sh(
            d,
            "openssl req -x509 -newkey rsa:2048 -nodes -keyout k.pem -out c.pem -days 30 \
             -subj '/C=JP/O=Example, Inc./CN=vpn.example.co.jp' -addext \
             'subjectAltName=DNS:vpn.example.co.jp,DNS:www.example.co.jp,IP:192.0.2.1'",
        );
        let info = parse(&der(d, "c.pem")).expect("parses");
        check_against_openssl(d, "c.pem", &info);
        assert_eq!(
            info.subject,
            r"CN=vpn.example.co.jp, O=Example\, Inc., C=JP"
        );
        assert_eq!(info.issuer, info.subject);
        assert_eq!(info.common_name.as_deref(), Some("vpn.example.co.jp"));
        assert_eq!(info.organization.as_deref(), Some("Example, Inc."));
        assert_eq!(
            info.dns_names,
            ["vpn.example.co.jp", "www.example.co.jp", "192.0.2.1"]
        );
        assert_eq!(info.not_after - info.not_before, 30 * 86_400);
        assert!(info.self_signed);
        assert_eq!((info.key.as_str(), info.key_bits), ("RSA", 2048));
        assert_eq!(info.signature, "sha256WithRSAEncryption");
        assert_eq!(info.sha256.len(), 64);
    }

    #[test]
    fn ec_with_japanese_organization_and_generalized_time() {
        let dir = tempfile::tempdir().expect("temp dir");
        let d = dir.path();
        // 36,500 days reach past 2049, so notAfter is a GeneralizedTime.
        let request = "openssl req -x509 -days 36500 -utf8 \
                       -subj '/C=JP/O=株式会社サンプル/CN=例え.jp' -addext";
        sh(
            d,
            &format!(
                "{request} 'subjectAltName=DNS:xn--r8jz45g.jp,IP:2001:db8::1' -newkey ec \
                 -pkeyopt ec_paramgen_curve:P-256 -nodes -keyout k.pem -out c.pem"
            ),
        );
        let info = parse(&der(d, "c.pem")).expect("parses");
        assert_eq!(info.subject, "CN=例え.jp, O=株式会社サンプル, C=JP");
        assert_eq!(info.organization.as_deref(), Some("株式会社サンプル"));
        assert_eq!(info.common_name.as_deref(), Some("例え.jp"));
        assert_eq!(info.dns_names, ["xn--r8jz45g.jp", "2001:db8::1"]);
        assert!(info.not_after > 2_524_608_000, "after 2050");
        assert!(info.self_signed);
        assert_eq!((info.key.as_str(), info.key_bits), ("EC", 256));
        assert_eq!(info.signature, "ecdsa-with-SHA256");
        // openssl writes IPv6 alt names uncompressed, so the comparison with all its fields uses
        // a second certificate without one.
        let text = sh(d, "openssl x509 -in c.pem -noout -ext subjectAltName");
        assert!(text.contains("IP Address:2001:DB8:0:0:0:0:0:1"), "{text}");
        sh(
            d,
            &format!("{request} subjectAltName=DNS:xn--r8jz45g.jp -key k.pem -out c2.pem"),
        );
        check_against_openssl(d, "c2.pem", &parse(&der(d, "c2.pem")).expect("parses"));
        let asn1 = sh(d, "openssl asn1parse -in c.pem");
        assert!(
            asn1.contains("UTF8STRING") && asn1.contains("GENERALIZEDTIME"),
            "{asn1}"
        );
    }

    #[test]
    fn bmp_and_teletex_strings() {
        let dir = tempfile::tempdir().expect("temp dir");
        let d = dir.path();
        // string_mask = default leaves UTF8String out: Japanese becomes a BMPString and Latin-1
        // text a TeletexString.
        std::fs::write(
            d.join("req.cnf"),
            "[req]\ndistinguished_name = dn\nstring_mask = default\nutf8 = yes\nprompt = no\n\
             [dn]\nC = JP\nO = 株式会社サンプル\nOU = Café\nCN = bmp.example.jp\n",
        )
        .expect("config");
        sh(
            d,
            "openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-384 -nodes \
             -keyout k.pem -out c.pem -days 2 -config req.cnf",
        );
        let asn1 = sh(d, "openssl asn1parse -in c.pem");
        assert!(
            asn1.contains("BMPSTRING") && asn1.contains("T61STRING"),
            "{asn1}"
        );
        let info = parse(&der(d, "c.pem")).expect("parses");
        check_against_openssl(d, "c.pem", &info);
        assert_eq!(
            info.subject,
            "CN=bmp.example.jp, OU=Café, O=株式会社サンプル, C=JP"
        );
        assert_eq!(info.organization.as_deref(), Some("株式会社サンプル"));
        assert_eq!((info.key.as_str(), info.key_bits), ("EC", 384));
        assert_eq!(info.signature, "ecdsa-with-SHA256");
    }

    #[test]
    fn leaf_signed_by_a_ca_is_not_self_signed() {
        let dir = tempfile::tempdir().expect("temp dir");
        let d = dir.path();
        sh(
            d,
            "openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-384 -nodes \
             -keyout ca.key -out ca.pem -days 30 -sha384 -subj '/O=Test CA/CN=Test Root'",
        );
        sh(
            d,
            "openssl req -new -newkey rsa:2048 -nodes -keyout leaf.key -out leaf.csr \
             -subj '/C=JP/O=Leaf/CN=leaf.example.jp'",
        );
        std::fs::write(
            d.join("ext.cnf"),
            "subjectAltName = DNS:leaf.example.jp\nsubjectKeyIdentifier = hash\n\
             authorityKeyIdentifier = keyid\n",
        )
        .expect("extensions");
        sh(
            d,
            "openssl x509 -req -in leaf.csr -CA ca.pem -CAkey ca.key -CAcreateserial \
             -out leaf.pem -days 10 -sha384 -extfile ext.cnf",
        );
        let ca = parse(&der(d, "ca.pem")).expect("CA parses");
        check_against_openssl(d, "ca.pem", &ca);
        assert!(ca.self_signed);
        assert_eq!((ca.key.as_str(), ca.key_bits), ("EC", 384));
        assert_eq!(ca.signature, "ecdsa-with-SHA384");
        assert!(ca.dns_names.is_empty());

        let leaf = parse(&der(d, "leaf.pem")).expect("leaf parses");
        check_against_openssl(d, "leaf.pem", &leaf);
        assert!(!leaf.self_signed);
        assert_eq!(leaf.issuer, "CN=Test Root, O=Test CA");
        assert_eq!(leaf.subject, "CN=leaf.example.jp, O=Leaf, C=JP");
        assert_eq!(leaf.common_name.as_deref(), Some("leaf.example.jp"));
        assert_eq!((leaf.key.as_str(), leaf.key_bits), ("RSA", 2048));
        assert_eq!(leaf.signature, "ecdsa-with-SHA384");
        assert_eq!(leaf.dns_names, ["leaf.example.jp"]);
    }

    #[test]
    fn ed25519_and_old_signatures() {
        let dir = tempfile::tempdir().expect("temp dir");
        let d = dir.path();
        sh(
            d,
            "openssl req -x509 -newkey ed25519 -nodes -keyout k.pem -out ed.pem -days 1 \
             -subj /CN=ed25519.example",
        );
        let ed = parse(&der(d, "ed.pem")).expect("parses");
        check_against_openssl(d, "ed.pem", &ed);
        assert_eq!((ed.key.as_str(), ed.key_bits), ("Ed25519", 256));
        assert_eq!(ed.signature, "Ed25519");

        for (digest, name) in [
            ("sha1", "sha1WithRSAEncryption"),
            ("md5", "md5WithRSAEncryption"),
        ] {
            sh(
                d,
                &format!(
                    "openssl req -x509 -newkey rsa:1024 -nodes -keyout r.pem -out {digest}.pem \
                     -days 1 -{digest} -subj /CN=old.example"
                ),
            );
            let pem = format!("{digest}.pem");
            let old = parse(&der(d, &pem)).expect("parses");
            check_against_openssl(d, &pem, &old);
            assert_eq!(old.signature, name);
            assert_eq!((old.key.as_str(), old.key_bits), ("RSA", 1024));
        }
    }

    fn time(tag: u8, text: &str) -> Result<i64, String> {
        parse_time(Tlv {
            tag,
            content: text.as_bytes(),
            raw: &[],
        })
    }

    #[test]
    fn times() {
        assert_eq!(time(UTC_TIME, "700101000000Z"), Ok(0));
        assert_eq!(time(UTC_TIME, "500101000000Z"), Ok(-631_152_000));
        assert_eq!(time(UTC_TIME, "491231235959Z"), Ok(2_524_607_999));
        assert_eq!(time(UTC_TIME, "991231235959Z"), Ok(946_684_799));
        assert_eq!(time(UTC_TIME, "0001010000Z"), Ok(946_684_800));
        assert_eq!(time(UTC_TIME, "000101090000+0900"), Ok(946_684_800));
        assert_eq!(time(GENERALIZED_TIME, "20500101000000Z"), Ok(2_524_608_000));
        assert_eq!(time(GENERALIZED_TIME, "19691231235959Z"), Ok(-1));
        assert_eq!(
            time(GENERALIZED_TIME, "20240229120000.25Z"),
            Ok(1_709_208_000)
        );
        assert_eq!(
            time(GENERALIZED_TIME, "99991231235959Z"),
            Ok(253_402_300_799)
        );
        for bad in [
            "",
            "2023022912000Z",
            "20230229120000Z",
            "20231301000000Z",
            "20231231240000Z",
            "20231231000000",
            "20231231000000.Z",
            "202312310000Z",
            "2023123100000０Z",
            "20231231000000+09",
        ] {
            assert!(time(GENERALIZED_TIME, bad).is_err(), "{bad}");
        }
        for bad in [
            "",
            "7001010000",
            "700132000000Z",
            "70010100000Z",
            "700101000000z",
        ] {
            assert!(time(UTC_TIME, bad).is_err(), "{bad}");
        }
        assert!(time(INTEGER, "700101000000Z").is_err());
    }

    #[test]
    fn oids_and_strings() {
        assert_eq!(oid_text(&[0x55, 0x04, 0x03]).as_deref(), Ok("2.5.4.3"));
        let sha256_rsa = [0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x01, 0x0b];
        assert_eq!(
            oid_text(&sha256_rsa).as_deref(),
            Ok("1.2.840.113549.1.1.11")
        );
        assert_eq!(oid_text(&[0x88, 0x37]).as_deref(), Ok("2.999"));
        assert!(oid_text(&[]).is_err());
        assert!(oid_text(&[0x55, 0x84]).is_err());
        let mut huge = vec![0xff; 11];
        huge.push(0x7f);
        assert!(oid_text(&huge).is_err());
        let bmp = Tlv {
            tag: 0x1e,
            content: &[0x65, 0xe5, 0x67, 0x2c],
            raw: &[],
        };
        assert_eq!(decode_string(bmp), Ok(Some("日本".to_string())));
        let odd = Tlv {
            content: &[0x65, 0xe5, 0x67],
            ..bmp
        };
        assert!(decode_string(odd).is_err());
        let teletex = Tlv {
            tag: 0x14,
            content: b"Caf\xe9",
            raw: &[],
        };
        assert_eq!(decode_string(teletex), Ok(Some("Café".to_string())));
        assert_eq!(escape_value(" #a+b "), r"\ #a\+b\ ");
        assert_eq!(escape_value("#x"), r"\#x");
        assert_eq!(escape_value("a\nb"), r"a\0Ab");
        assert_eq!(integer_bits(&[0x00, 0x80, 0x00]), 16);
        assert_eq!(integer_bits(&[0x00, 0x01]), 1);
        assert_eq!(integer_bits(&[0, 0]), 0);
    }

    fn sample() -> Vec<u8> {
        let dir = tempfile::tempdir().expect("temp dir");
        let d = dir.path();
        sh(
            d,
            "openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes \
             -keyout k.pem -out c.pem -days 3 -subj /C=JP/O=Sample/CN=sample.example \
             -addext subjectAltName=DNS:sample.example,IP:192.0.2.7",
        );
        der(d, "c.pem")
    }

    #[test]
    fn truncated_extended_and_mutated_input() {
        let cert = sample();
        assert!(parse(&cert).is_ok());
        for len in 0..cert.len() {
            assert!(parse(&cert[..len]).is_err(), "prefix of {len} bytes");
        }
        let mut longer = cert.clone();
        longer.push(0);
        assert!(parse(&longer).is_err());
        // Every single-byte change must be handled without a panic (Ok or Err).
        for i in 0..cert.len() {
            for value in [0x00, 0x80, 0xff, cert[i] ^ 0x01] {
                let mut bad = cert.clone();
                bad[i] = value;
                let _ = parse(&bad);
            }
        }
    }

    #[test]
    fn garbage_input() {
        let mut state = 0x2545_f491_4f6c_dd1d_u64;
        let mut next = move || {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            state
        };
        for round in 0..5_000 {
            let len = (next() % 600) as usize;
            let mut bytes: Vec<u8> = (0..len).map(|_| next() as u8).collect();
            if round % 2 == 0 && !bytes.is_empty() {
                bytes[0] = SEQUENCE; // get past the first check more often
            }
            let _ = parse(&bytes);
        }
        assert!(parse(&[]).is_err());
        assert!(
            parse(&[0x30, 0x80, 0x00, 0x00]).is_err(),
            "indefinite length"
        );
        assert!(
            parse(&[0x30, 0x85, 1, 0, 0, 0, 0]).is_err(),
            "5-byte length"
        );
        assert!(parse(&[0x1f, 0x81, 0x00, 0x00]).is_err(), "multi-byte tag");
        assert!(
            parse(&[0x30, 0x84, 0xff, 0xff, 0xff, 0xff]).is_err(),
            "huge length"
        );
        assert!(parse(&[0x30, 0x00]).is_err(), "empty certificate");
    }

    #[test]
    fn deep_nesting_is_refused() {
        let mut nested: Vec<u8> = Vec::new();
        for _ in 0..5_000 {
            let len = nested.len();
            let mut outer = vec![SEQUENCE];
            if len < 0x80 {
                outer.push(len as u8);
            } else {
                let bytes = (len as u32).to_be_bytes();
                let skip = bytes.iter().take_while(|&&b| b == 0).count();
                outer.push(0x80 | (4 - skip) as u8);
                outer.extend_from_slice(&bytes[skip..]);
            }
            outer.extend_from_slice(&nested);
            nested = outer;
        }
        let error = parse(&nested).expect_err("refused");
        assert!(error.contains("nested"), "{error}");
        // Just inside the limit still reaches the structural checks.
        let mut shallow = vec![0x30, 0x00];
        for _ in 1..MAX_DEPTH {
            let mut outer = vec![SEQUENCE, shallow.len() as u8];
            outer.extend_from_slice(&shallow);
            shallow = outer;
        }
        assert!(
            !parse(&shallow)
                .expect_err("not a certificate")
                .contains("nested")
        );
    }
}
