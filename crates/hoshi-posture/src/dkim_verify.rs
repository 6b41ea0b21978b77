//! DKIM signature verification (RFC 6376): RSA-SHA256 and Ed25519-SHA256 (RFC 8463), with
//! RFC 8301's rules (SHA-1 signatures and RSA keys under 1024 bits are not accepted).
//!
//! Everything here is pure — the message bytes and the key record in, a verdict out — except
//! `verify_message`, which looks each signature's key up through `Dns::txt`. Cryptography is
//! ring's: RSA PKCS#1 v1.5 with SHA-256 and Ed25519, and SHA-256 for the hashes.

use ring::digest::{SHA256, digest};
use ring::signature::{
    ED25519, RSA_PKCS1_1024_8192_SHA256_FOR_LEGACY_USE_ONLY, RSA_PKCS1_2048_8192_SHA256,
    UnparsedPublicKey, VerificationAlgorithm,
};
use serde::Serialize;

use crate::dkim;

/// DKIM-Signature fields verified per message, from the top; any further ones are ignored.
pub const MAX_SIGNATURES: usize = 8;
/// Header fields considered per message, from the top; any further ones are ignored.
pub const MAX_HEADER_FIELDS: usize = 1000;
/// A larger message is not verified (PermError).
pub const MAX_MESSAGE_BYTES: usize = 64 * 1024 * 1024;
/// Names in one signature's `h=` at most.
const MAX_SIGNED_NAMES: usize = 1000;

/// Why a signature did not pass, or a note on one that did, in Japanese and English.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Reason {
    /// Stable code, e.g. `body_hash_mismatch`.
    pub code: &'static str,
    pub ja: String,
    pub en: String,
}

fn reason(code: &'static str, ja: impl Into<String>, en: impl Into<String>) -> Reason {
    Reason {
        code,
        ja: ja.into(),
        en: en.into(),
    }
}

/// A signature that did not verify: `Fail` (checked, and wrong) or `PermError` (cannot be
/// checked: bad syntax, no usable key).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Failure {
    Fail(Reason),
    PermError(Reason),
}

impl Failure {
    pub fn reason(&self) -> &Reason {
        match self {
            Failure::Fail(r) | Failure::PermError(r) => r,
        }
    }
}

fn perm(code: &'static str, ja: impl Into<String>, en: impl Into<String>) -> Failure {
    Failure::PermError(reason(code, ja, en))
}

fn fail(code: &'static str, ja: impl Into<String>, en: impl Into<String>) -> Failure {
    Failure::Fail(reason(code, ja, en))
}

/// The result of one signature (RFC 8601's words: pass, fail, temperror, permerror).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "status", content = "reason", rename_all = "lowercase")]
pub enum Verdict {
    Pass,
    Fail(Reason),
    /// The key could not be looked up this time (DNS time-out, SERVFAIL); try again later.
    TempError(Reason),
    PermError(Reason),
}

impl From<Failure> for Verdict {
    fn from(f: Failure) -> Verdict {
        match f {
            Failure::Fail(r) => Verdict::Fail(r),
            Failure::PermError(r) => Verdict::PermError(r),
        }
    }
}

/// One DKIM-Signature of a message and what became of it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Outcome {
    /// `d=` (empty when unreadable).
    pub domain: String,
    /// `s=` (empty when unreadable).
    pub selector: String,
    pub result: Verdict,
    /// Worth knowing beside the result: a body length limit (`l=`), a key in testing mode.
    pub notes: Vec<Reason>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Algorithm {
    RsaSha256,
    Ed25519Sha256,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Canon {
    Simple,
    Relaxed,
}

/// One header field as it appears: its name in lower case, and its bytes from the name to the
/// end of the last line, folding included, lines ending in CRLF, without the final CRLF.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Field {
    pub name: String,
    pub raw: Vec<u8>,
}

/// A message split into its header fields (at most `MAX_HEADER_FIELDS`) and its body, with
/// bare LF line ends made CRLF.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Message {
    pub fields: Vec<Field>,
    pub body: Vec<u8>,
}

/// A parsed DKIM-Signature field.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Signature {
    pub algorithm: Algorithm,
    pub header_canon: Canon,
    pub body_canon: Canon,
    /// `d=`, in lower case.
    pub domain: String,
    /// `s=`, in lower case.
    pub selector: String,
    /// `h=`, in lower case, in order.
    pub signed_headers: Vec<String>,
    #[serde(skip)]
    pub body_hash: Vec<u8>,
    #[serde(skip)]
    pub signature: Vec<u8>,
    /// `i=` as written, or `@` and `d=` when absent.
    pub identity: String,
    /// `l=`: only this many bytes of the canonicalised body are signed; more may be appended.
    pub body_length: Option<u64>,
    pub timestamp: Option<i64>,
    pub expires: Option<i64>,
    /// Position of this DKIM-Signature among `Message::fields`.
    pub field: usize,
}

/// Bare LF (not after CR) becomes CRLF.
fn crlf(raw: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(raw.len() + raw.len() / 32);
    let mut prev = 0u8;
    for &b in raw {
        if b == b'\n' && prev != b'\r' {
            out.push(b'\r');
        }
        out.push(b);
        prev = b;
    }
    out
}

fn line_end(data: &[u8], from: usize) -> usize {
    data[from..]
        .windows(2)
        .position(|w| w == b"\r\n")
        .map_or(data.len(), |p| from + p)
}

fn valid_field_name(name: &[u8]) -> bool {
    !name.is_empty() && name.iter().all(|b| (33..=126).contains(b) && *b != b':')
}

fn too_large() -> Failure {
    perm(
        "message_too_large",
        format!(
            "メッセージが {} MiB を超えるため、DKIM 署名は確認していません。",
            MAX_MESSAGE_BYTES >> 20
        ),
        format!(
            "The message is over {} MiB, so its DKIM signatures were not checked.",
            MAX_MESSAGE_BYTES >> 20
        ),
    )
}

/// Splits a message (CRLF or bare LF line ends) into header fields and body. A line that is
/// neither a field nor a continuation (e.g. an mbox `From ` line) is skipped.
pub fn parse_message(raw: &[u8]) -> Result<Message, Failure> {
    if raw.len() > MAX_MESSAGE_BYTES {
        return Err(too_large());
    }
    let mut data = crlf(raw);
    let mut fields: Vec<Field> = Vec::new();
    let mut in_field = false;
    let mut pos = 0;
    let body_start = loop {
        if pos >= data.len() {
            break data.len();
        }
        let end = line_end(&data, pos);
        let next = (end + 2).min(data.len());
        let line = &data[pos..end];
        if line.is_empty() {
            break next;
        }
        if line[0] == b' ' || line[0] == b'\t' {
            if let (true, Some(last)) = (in_field, fields.last_mut()) {
                last.raw.extend_from_slice(b"\r\n");
                last.raw.extend_from_slice(line);
            }
        } else {
            let name = line
                .iter()
                .position(|b| *b == b':')
                .map(|c| trim_wsp(&line[..c]));
            in_field = match name {
                Some(name) if valid_field_name(name) && fields.len() < MAX_HEADER_FIELDS => {
                    fields.push(Field {
                        name: String::from_utf8_lossy(name).to_ascii_lowercase(),
                        raw: line.to_vec(),
                    });
                    true
                }
                _ => false,
            };
        }
        pos = next;
    };
    let body = data.split_off(body_start);
    Ok(Message { fields, body })
}

fn is_wsp(b: u8) -> bool {
    b == b' ' || b == b'\t'
}

fn trim_wsp(s: &[u8]) -> &[u8] {
    let start = s.iter().position(|b| !is_wsp(*b)).unwrap_or(s.len());
    let end = s.iter().rposition(|b| !is_wsp(*b)).map_or(start, |e| e + 1);
    &s[start..end]
}

/// RFC 6376 3.4.2: lower-case name, unfolded, runs of WSP made one space, none around the colon
/// or at the end.
fn relaxed_header(raw: &[u8]) -> Vec<u8> {
    let colon = raw.iter().position(|b| *b == b':').unwrap_or(raw.len());
    let mut out = trim_wsp(&raw[..colon]).to_ascii_lowercase();
    out.push(b':');
    let value = raw.get(colon + 1..).unwrap_or(&[]);
    let mut started = false;
    let mut space = false;
    let mut i = 0;
    while i < value.len() {
        let b = value[i];
        if b == b'\r' && value.get(i + 1) == Some(&b'\n') {
            i += 2;
            continue;
        }
        if is_wsp(b) {
            space = true;
        } else {
            if space && started {
                out.push(b' ');
            }
            space = false;
            started = true;
            out.push(b);
        }
        i += 1;
    }
    out.extend_from_slice(b"\r\n");
    out
}

fn canon_header(canon: Canon, raw: &[u8]) -> Vec<u8> {
    match canon {
        Canon::Relaxed => relaxed_header(raw),
        Canon::Simple => {
            let mut out = raw.to_vec();
            out.extend_from_slice(b"\r\n");
            out
        }
    }
}

/// RFC 6376 3.4.3: empty lines at the end removed; one CRLF at the end, even of an empty body.
fn simple_body(body: &[u8]) -> Vec<u8> {
    let mut end = body.len();
    while end >= 2 && &body[end - 2..end] == b"\r\n" {
        end -= 2;
    }
    let mut out = body[..end].to_vec();
    out.extend_from_slice(b"\r\n");
    out
}

/// RFC 6376 3.4.4: WSP at line ends removed, other runs of WSP made one space, empty lines at
/// the end removed; an empty body stays empty.
fn relaxed_body(body: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(body.len());
    let mut pos = 0;
    while pos < body.len() {
        let end = line_end(body, pos);
        let mut space = false;
        for &b in &body[pos..end] {
            if is_wsp(b) {
                space = true;
            } else {
                if space {
                    out.push(b' ');
                }
                space = false;
                out.push(b);
            }
        }
        out.extend_from_slice(b"\r\n");
        pos = end + 2;
    }
    while out.ends_with(b"\r\n\r\n") {
        out.truncate(out.len() - 2);
    }
    if out == b"\r\n" {
        out.clear();
    }
    out
}

fn canon_body(canon: Canon, body: &[u8]) -> Vec<u8> {
    match canon {
        Canon::Simple => simple_body(body),
        Canon::Relaxed => relaxed_body(body),
    }
}

fn trim_fws(s: &str) -> &str {
    s.trim_matches(|c| c == ' ' || c == '\t' || c == '\r' || c == '\n')
}

fn syntax(ja: impl Into<String>, en: impl Into<String>) -> Failure {
    perm("signature_syntax", ja, en)
}

/// A tag list (RFC 6376 3.2): `name=value` separated by `;`, folding whitespace around each.
fn tag_list(value: &str) -> Result<Vec<(String, String)>, Failure> {
    let mut out: Vec<(String, String)> = Vec::new();
    for part in value.split(';') {
        if trim_fws(part).is_empty() {
            continue;
        }
        let Some((name, v)) = part.split_once('=') else {
            return Err(syntax(
                "DKIM-Signature に タグ=値 の形ではない部分があります。",
                "A part of the DKIM-Signature is not tag=value.",
            ));
        };
        let name = trim_fws(name);
        let good = name.starts_with(|c: char| c.is_ascii_alphabetic())
            && name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_');
        if !good || out.iter().any(|(n, _)| n == name) {
            return Err(syntax(
                format!("DKIM-Signature のタグ名「{name}」が不正か、二度現れています。"),
                format!("The DKIM-Signature tag name \"{name}\" is malformed or repeated."),
            ));
        }
        out.push((name.to_string(), trim_fws(v).to_string()));
    }
    Ok(out)
}

fn tag<'a>(tags: &'a [(String, String)], name: &str) -> Option<&'a str> {
    tags.iter()
        .find(|(n, _)| n == name)
        .map(|(_, v)| v.as_str())
}

fn field_value(raw: &[u8]) -> String {
    let colon = raw
        .iter()
        .position(|b| *b == b':')
        .map_or(raw.len(), |c| c + 1);
    String::from_utf8_lossy(&raw[colon..]).into_owned()
}

/// `d=` and `s=` of a DKIM-Signature field, as far as they can be read (for reporting one that
/// does not parse).
pub fn domain_selector(field: &Field) -> (String, String) {
    let value = field_value(&field.raw);
    let mut d = String::new();
    let mut s = String::new();
    for part in value.split(';') {
        if let Some((n, v)) = part.split_once('=') {
            match trim_fws(n) {
                "d" => d = trim_fws(v).to_ascii_lowercase(),
                "s" => s = trim_fws(v).to_ascii_lowercase(),
                _ => {}
            }
        }
    }
    (d, s)
}

fn missing(tag: &str) -> Failure {
    syntax(
        format!("DKIM-Signature に必須の {tag}= がありません。"),
        format!("The DKIM-Signature lacks the required {tag}= tag."),
    )
}

fn algorithm(a: &str) -> Result<Algorithm, Failure> {
    match a.to_ascii_lowercase().as_str() {
        "rsa-sha256" => Ok(Algorithm::RsaSha256),
        "ed25519-sha256" => Ok(Algorithm::Ed25519Sha256),
        "rsa-sha1" => Err(fail(
            "sha1_rejected",
            "SHA-1 の署名（a=rsa-sha1）は受け付けません（RFC 8301）。署名する側で rsa-sha256 か ed25519-sha256 に切り替えてください。",
            "SHA-1 signatures are not accepted (a=rsa-sha1, RFC 8301). The signer should switch to rsa-sha256 or ed25519-sha256.",
        )),
        other => Err(perm(
            "unknown_algorithm",
            format!("署名方式「{other}」には対応していません。"),
            format!("The signing algorithm \"{other}\" is not supported."),
        )),
    }
}

fn canons(c: Option<&str>) -> Result<(Canon, Canon), Failure> {
    let one = |s: &str| match s.trim().to_ascii_lowercase().as_str() {
        "simple" => Ok(Canon::Simple),
        "relaxed" => Ok(Canon::Relaxed),
        other => Err(syntax(
            format!("正規化方式（c=）「{other}」には対応していません。"),
            format!("The canonicalization (c=) \"{other}\" is not supported."),
        )),
    };
    match c {
        None => Ok((Canon::Simple, Canon::Simple)),
        Some(c) => match c.split_once('/') {
            Some((h, b)) => Ok((one(h)?, one(b)?)),
            None => Ok((one(c)?, Canon::Simple)),
        },
    }
}

/// A domain name of letters, digits, `-` and `_`, labels of 1–63 bytes, 253 bytes at most.
fn valid_domain(d: &str) -> bool {
    !d.is_empty()
        && d.len() <= 253
        && d.split('.').all(|l| {
            !l.is_empty()
                && l.len() <= 63
                && l.chars()
                    .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
        })
}

fn base64_tag(v: Option<&str>, name: &str) -> Result<Vec<u8>, Failure> {
    let v = v.ok_or_else(|| missing(name))?;
    let compact: String = v.chars().filter(|c| !c.is_whitespace()).collect();
    match hoshi_core::base64::decode(&compact) {
        Some(b) if !b.is_empty() => Ok(b),
        _ => Err(syntax(
            format!("DKIM-Signature の {name}= が base64 として読めません。"),
            format!("The DKIM-Signature's {name}= is not valid base64."),
        )),
    }
}

fn number(v: Option<&str>, name: &str) -> Result<Option<u64>, Failure> {
    v.map(|v| {
        let v = v.trim();
        if v.is_empty() || v.len() > 18 || !v.bytes().all(|b| b.is_ascii_digit()) {
            return Err(syntax(
                format!("DKIM-Signature の {name}= が数ではありません。"),
                format!("The DKIM-Signature's {name}= is not a number."),
            ));
        }
        v.parse::<u64>().map_err(|_| missing(name))
    })
    .transpose()
}

/// The domain of an `i=` value (after the last `@`), in lower case.
fn identity_domain(i: &str) -> String {
    i.rsplit_once('@')
        .map_or(i, |(_, d)| d)
        .trim()
        .to_ascii_lowercase()
}

fn check_identity(i: &str, d: &str) -> Result<(), Failure> {
    let id = identity_domain(i);
    if !i.contains('@') || !(id == d || id.ends_with(&format!(".{d}"))) {
        return Err(perm(
            "identity_outside_domain",
            format!("署名の i=（{i}）が d=（{d}）やその下のドメインではありません。"),
            format!("The signature's i= ({i}) is not in d= ({d}) or a subdomain of it."),
        ));
    }
    Ok(())
}

fn signed_names(h: Option<&str>) -> Result<Vec<String>, Failure> {
    let names: Vec<String> = h
        .ok_or_else(|| missing("h"))?
        .split(':')
        .map(|n| trim_fws(n).to_ascii_lowercase())
        .collect();
    if names.len() > MAX_SIGNED_NAMES || names.iter().any(String::is_empty) {
        return Err(syntax(
            "署名するヘッダーの一覧（h=）が空の名前を含むか、長すぎます。",
            "The list of signed header fields (h=) has an empty name or is too long.",
        ));
    }
    if !names.iter().any(|n| n == "from") {
        return Err(perm(
            "from_not_signed",
            "署名するヘッダーの一覧（h=）に From がありません。From を署名しない DKIM 署名は無効です。",
            "The list of signed header fields (h=) does not include From; such a signature is not valid.",
        ));
    }
    Ok(names)
}

impl Signature {
    /// Parses the DKIM-Signature field at `index` of a message.
    pub fn parse(field: &Field, index: usize) -> Result<Signature, Failure> {
        let tags = tag_list(&field_value(&field.raw))?;
        let t = |n: &str| tag(&tags, n);
        if t("v") != Some("1") {
            return Err(syntax(
                "DKIM-Signature の v= が 1 ではありません。",
                "The DKIM-Signature's v= is not 1.",
            ));
        }
        let algorithm = algorithm(t("a").ok_or_else(|| missing("a"))?)?;
        let (header_canon, body_canon) = canons(t("c"))?;
        let domain = t("d").ok_or_else(|| missing("d"))?.to_ascii_lowercase();
        let selector = t("s").ok_or_else(|| missing("s"))?.to_ascii_lowercase();
        if !valid_domain(&domain) || !valid_domain(&selector) {
            return Err(syntax(
                "DKIM-Signature の d= か s= がドメイン名として正しくありません。",
                "The DKIM-Signature's d= or s= is not a valid domain name.",
            ));
        }
        if let Some(q) = t("q")
            && !q
                .split(':')
                .any(|m| trim_fws(m).eq_ignore_ascii_case("dns/txt"))
        {
            return Err(syntax(
                "鍵の取得方法（q=）に dns/txt がありません。",
                "The key query method (q=) does not include dns/txt.",
            ));
        }
        let identity = t("i").map_or_else(|| format!("@{domain}"), str::to_string);
        check_identity(&identity, &domain)?;
        let timestamp = number(t("t"), "t")?.map(|n| n as i64);
        let expires = number(t("x"), "x")?.map(|n| n as i64);
        if let (Some(ts), Some(x)) = (timestamp, expires)
            && x < ts
        {
            return Err(syntax(
                "署名の有効期限（x=）が署名日時（t=）より前です。",
                "The signature's expiry (x=) is before its time of signing (t=).",
            ));
        }
        Ok(Signature {
            algorithm,
            header_canon,
            body_canon,
            signed_headers: signed_names(t("h"))?,
            body_hash: base64_tag(t("bh"), "bh")?,
            signature: base64_tag(t("b"), "b")?,
            identity,
            body_length: number(t("l"), "l")?,
            timestamp,
            expires,
            domain,
            selector,
            field: index,
        })
    }
}

/// The DKIM-Signature fields of a message, top first, at most `MAX_SIGNATURES`: each with its
/// field and the parsed signature or why it cannot be read.
pub fn signatures(msg: &Message) -> Vec<(&Field, Result<Signature, Failure>)> {
    msg.fields
        .iter()
        .enumerate()
        .filter(|(_, f)| f.name == "dkim-signature")
        .take(MAX_SIGNATURES)
        .map(|(i, f)| (f, Signature::parse(f, i)))
        .collect()
}

/// The signature field with the value of `b=` removed (RFC 6376 3.7).
fn without_b(raw: &[u8]) -> Vec<u8> {
    let Some(colon) = raw.iter().position(|b| *b == b':') else {
        return raw.to_vec();
    };
    let mut out = raw[..=colon].to_vec();
    let value = &raw[colon + 1..];
    let mut start = 0;
    loop {
        let end = value[start..]
            .iter()
            .position(|b| *b == b';')
            .map_or(value.len(), |p| start + p);
        let seg = &value[start..end];
        match seg.iter().position(|b| *b == b'=') {
            Some(eq) if trim_fws_bytes(&seg[..eq]) == b"b" => out.extend_from_slice(&seg[..=eq]),
            _ => out.extend_from_slice(seg),
        }
        if end == value.len() {
            return out;
        }
        out.push(b';');
        start = end + 1;
    }
}

fn trim_fws_bytes(s: &[u8]) -> &[u8] {
    let fws = |b: &u8| matches!(b, b' ' | b'\t' | b'\r' | b'\n');
    let start = s.iter().position(|b| !fws(b)).unwrap_or(s.len());
    let end = s.iter().rposition(|b| !fws(b)).map_or(start, |e| e + 1);
    &s[start..end]
}

/// The data the signature covers (RFC 6376 3.7, 5.4.2): the signed fields, each name's
/// instances taken from the bottom up, a name with no instance left contributing nothing; then
/// the signature field itself with `b=` empty and no final CRLF.
fn header_data(msg: &Message, sig: &Signature) -> Vec<u8> {
    let mut used = vec![false; msg.fields.len()];
    let mut out = Vec::new();
    for name in &sig.signed_headers {
        if let Some(i) = (0..msg.fields.len())
            .rev()
            .find(|&i| !used[i] && msg.fields[i].name == *name)
        {
            used[i] = true;
            out.extend(canon_header(sig.header_canon, &msg.fields[i].raw));
        }
    }
    let mut own = canon_header(sig.header_canon, &without_b(&msg.fields[sig.field].raw));
    own.truncate(own.len() - 2);
    out.extend(own);
    out
}

enum PublicKey {
    Rsa { pkcs1: Vec<u8>, bits: u32 },
    Ed25519(Vec<u8>),
}

fn key_tag(record: &str, name: &str) -> Option<String> {
    record.split(';').find_map(|part| {
        let (n, v) = part.split_once('=')?;
        (trim_fws(n) == name).then(|| v.chars().filter(|c| !c.is_whitespace()).collect())
    })
}

fn key_error(code: &'static str, ja: String, en: String) -> Failure {
    Failure::PermError(reason(code, ja, en))
}

/// The key of a record, checked against the signature (RFC 6376 3.6.1, 6.1.2; RFC 8301).
fn public_key(record: &str, sig: &Signature) -> Result<(PublicKey, bool), Failure> {
    let rec = dkim::parse(record).map_err(|e| {
        key_error(
            "key_syntax",
            format!("鍵レコードが読めません。{}。", e.ja),
            format!("The key record cannot be read: {}.", e.en),
        )
    })?;
    if let Some(h) = key_tag(record, "h")
        && !h.split(':').any(|a| a.eq_ignore_ascii_case("sha256"))
    {
        return Err(key_error(
            "key_hash_mismatch",
            "鍵レコードの h= が SHA-256 を許していません。".into(),
            "The key record's h= does not allow SHA-256.".into(),
        ));
    }
    if let Some(s) = key_tag(record, "s")
        && !s
            .split(':')
            .any(|t| t == "*" || t.eq_ignore_ascii_case("email"))
    {
        return Err(key_error(
            "key_service",
            "鍵レコードの s= がメール（email）用になっていません。".into(),
            "The key record's s= does not include email.".into(),
        ));
    }
    let strict = key_tag(record, "t").is_some_and(|t| t.split(':').any(|f| f == "s"));
    if strict && identity_domain(&sig.identity) != sig.domain {
        return Err(key_error(
            "key_strict_subdomain",
            format!(
                "鍵レコードに t=s があるため i= は d=（{}）と同じドメインでなければなりませんが、{} です。",
                sig.domain, sig.identity
            ),
            format!(
                "The key record has t=s, so i= must be in d= ({}) itself, not {}.",
                sig.domain, sig.identity
            ),
        ));
    }
    let p = key_tag(record, "p").unwrap_or_default();
    let bytes = hoshi_core::base64::decode(&p).unwrap_or_default();
    let key = match (rec.key, sig.algorithm) {
        (dkim::Key::Revoked, _) => {
            return Err(key_error(
                "key_revoked",
                "鍵レコードの p= が空です。この鍵は取り消されています。".into(),
                "The key record's p= is empty: the key has been revoked.".into(),
            ));
        }
        (dkim::Key::Rsa { bits }, Algorithm::RsaSha256) => rsa_key(&bytes, bits)?,
        (dkim::Key::Ed25519, Algorithm::Ed25519Sha256) => PublicKey::Ed25519(bytes),
        _ => {
            return Err(key_error(
                "key_type_mismatch",
                "鍵の種類（k=）が署名方式（a=）と合いません。".into(),
                "The key type (k=) does not match the signing algorithm (a=).".into(),
            ));
        }
    };
    Ok((key, rec.testing))
}

fn rsa_key(bytes: &[u8], bits: u32) -> Result<PublicKey, Failure> {
    if !(1024..=8192).contains(&bits) {
        return Err(key_error(
            "key_size",
            format!(
                "RSA 鍵が {bits} ビットです。1024 ビット未満の鍵は受け付けません（RFC 8301）。8192 ビットを超える鍵にも対応していません。"
            ),
            format!(
                "The RSA key has {bits} bits: keys under 1024 bits are not accepted (RFC 8301), nor over 8192."
            ),
        ));
    }
    let pkcs1 = crate::der::rsa_public_key(bytes).ok_or_else(|| {
        key_error(
            "key_syntax",
            "鍵レコードの p= が RSA 公開鍵として読めません。".into(),
            "The key record's p= is not an RSA public key.".into(),
        )
    })?;
    Ok(PublicKey::Rsa {
        pkcs1: pkcs1.to_vec(),
        bits,
    })
}

fn check_body(msg: &Message, sig: &Signature) -> Result<(), Failure> {
    let mut body = canon_body(sig.body_canon, &msg.body);
    if let Some(l) = sig.body_length {
        match usize::try_from(l) {
            Ok(l) if l <= body.len() => body.truncate(l),
            _ => {
                return Err(fail(
                    "body_length_exceeds",
                    format!(
                        "署名された本文の長さ（l={l}）が実際の本文より長くなっています。本文が削られています。"
                    ),
                    format!(
                        "The signed body length (l={l}) is longer than the body: the body was cut."
                    ),
                ));
            }
        }
    }
    if digest(&SHA256, &body).as_ref() != sig.body_hash.as_slice() {
        return Err(fail(
            "body_hash_mismatch",
            "本文のハッシュ（bh=）が一致しません。署名の後で本文が書き換えられています。",
            "The body hash (bh=) does not match: the body was changed after signing.",
        ));
    }
    Ok(())
}

fn check_signature(key: &PublicKey, data: &[u8], sig: &[u8]) -> Result<(), Failure> {
    let ok = match key {
        PublicKey::Rsa { pkcs1, bits } => {
            let alg: &'static dyn VerificationAlgorithm = if *bits >= 2048 {
                &RSA_PKCS1_2048_8192_SHA256
            } else {
                &RSA_PKCS1_1024_8192_SHA256_FOR_LEGACY_USE_ONLY
            };
            UnparsedPublicKey::new(alg, pkcs1).verify(data, sig).is_ok()
        }
        // RFC 8463 3: Ed25519 signs the SHA-256 hash of the data.
        PublicKey::Ed25519(pk) => UnparsedPublicKey::new(&ED25519, pk)
            .verify(digest(&SHA256, data).as_ref(), sig)
            .is_ok(),
    };
    if ok {
        Ok(())
    } else {
        Err(fail(
            "signature_mismatch",
            "署名（b=）が公開鍵で検証できません。署名されたヘッダーが書き換えられたか、鍵が署名に使われたものではありません。",
            "The signature (b=) does not verify with the public key: a signed header field was changed, or the key is not the one that signed.",
        ))
    }
}

/// Verifies one signature of `raw` with the key record given (its TXT strings joined). `now` is
/// in seconds since 1970, for `x=`.
pub fn verify_with_key(
    raw: &[u8],
    sig: &Signature,
    key_record: &str,
    now: i64,
) -> Result<(), Failure> {
    let msg = parse_message(raw)?;
    verify_parsed(&msg, sig, key_record, now).map(|_| ())
}

/// As `verify_with_key` on a parsed message; `Ok(true)` when the key is in testing mode.
fn verify_parsed(
    msg: &Message,
    sig: &Signature,
    key_record: &str,
    now: i64,
) -> Result<bool, Failure> {
    if msg
        .fields
        .get(sig.field)
        .is_none_or(|f| f.name != "dkim-signature")
    {
        return Err(perm(
            "signature_not_found",
            "この DKIM-Signature はメッセージの中にありません。",
            "This DKIM-Signature is not in the message.",
        ));
    }
    if let Some(x) = sig.expires
        && x < now
    {
        return Err(fail(
            "expired",
            "署名の有効期限（x=）が過ぎています。",
            "The signature has expired (x=).",
        ));
    }
    let (key, testing) = public_key(key_record, sig)?;
    check_body(msg, sig)?;
    check_signature(&key, &header_data(msg, sig), &sig.signature)?;
    Ok(testing)
}

fn notes(sig: &Signature, testing: bool) -> Vec<Reason> {
    let mut out = Vec::new();
    if let Some(l) = sig.body_length {
        out.push(reason(
            "body_length_limit",
            format!("署名は本文の先頭 {l} バイトだけを対象にしています（l=）。その後ろに付け足された内容は署名で守られていません。"),
            format!("The signature covers only the first {l} bytes of the body (l=): anything appended after them is not protected."),
        ));
    }
    if testing {
        out.push(reason(
            "key_testing",
            "鍵レコードに t=y（試験中）があります。受信側は失敗を署名なしと同じに扱います。",
            "The key record has t=y (testing): receivers treat a failure as if the message were unsigned.",
        ));
    }
    out
}

/// Verifies every DKIM-Signature of a message (at most `MAX_SIGNATURES`, top first), looking
/// each key up at `<s>._domainkey.<d>` through `dns`: one outcome each, none for an unsigned
/// message, one PermError with empty domain and selector for a message over
/// `MAX_MESSAGE_BYTES`. `now` is in seconds since 1970.
pub async fn verify_message(dns: &crate::Dns, raw: &[u8], now: i64) -> Vec<Outcome> {
    let msg = match parse_message(raw) {
        Ok(m) => m,
        Err(f) => {
            return vec![Outcome {
                domain: String::new(),
                selector: String::new(),
                result: f.into(),
                notes: Vec::new(),
            }];
        }
    };
    let mut out = Vec::new();
    for (field, parsed) in signatures(&msg) {
        let sig = match parsed {
            Ok(sig) => sig,
            Err(f) => {
                let (domain, selector) = domain_selector(field);
                out.push(Outcome {
                    domain,
                    selector,
                    result: f.into(),
                    notes: Vec::new(),
                });
                continue;
            }
        };
        let (result, testing) = match lookup(dns, &sig).await {
            Ok(record) => match verify_parsed(&msg, &sig, &record, now) {
                Ok(testing) => (Verdict::Pass, testing),
                Err(f) => (f.into(), false),
            },
            Err(v) => (v, false),
        };
        out.push(Outcome {
            notes: notes(&sig, testing),
            domain: sig.domain,
            selector: sig.selector,
            result,
        });
    }
    out
}

/// The key record of a signature: the first TXT record at the name that reads as a DKIM key
/// record, else the first one.
async fn lookup(dns: &crate::Dns, sig: &Signature) -> Result<String, Verdict> {
    let name = format!("{}._domainkey.{}", sig.selector, sig.domain);
    match dns.txt(&name).await {
        Err(e) => Err(Verdict::TempError(reason(
            "dns_failure",
            format!(
                "鍵レコード {name} を DNS で引けませんでした（{}）。時間をおいて確かめてください。",
                e.detail
            ),
            format!(
                "The key record {name} could not be looked up ({}); try again later.",
                e.detail
            ),
        ))),
        Ok(records) if records.is_empty() => Err(Verdict::PermError(reason(
            "no_key",
            format!("鍵レコード {name} がありません。"),
            format!("There is no key record at {name}."),
        ))),
        Ok(records) => Ok(records
            .iter()
            .find(|r| dkim::parse(r).is_ok())
            .unwrap_or(&records[0])
            .clone()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    // RFC 6376 3.4.5's example.
    const HEADER: &[u8] = b"A: X\r\nB : Y\t\r\n\tZ  \r\n";
    const BODY: &[u8] = b" C \r\nD \t E\r\n\r\n\r\n";

    fn message() -> Message {
        parse_message(&[HEADER, b"\r\n", BODY].concat()).unwrap()
    }

    #[test]
    fn rfc6376_canonicalization_example() {
        let m = message();
        assert_eq!(m.fields.len(), 2);
        assert_eq!(m.fields[1].name, "b");
        let relaxed: Vec<u8> = m
            .fields
            .iter()
            .flat_map(|f| relaxed_header(&f.raw))
            .collect();
        assert_eq!(relaxed, b"a:X\r\nb:Y Z\r\n");
        let simple: Vec<u8> = m
            .fields
            .iter()
            .flat_map(|f| canon_header(Canon::Simple, &f.raw))
            .collect();
        assert_eq!(simple, HEADER);
        assert_eq!(relaxed_body(&m.body), b" C\r\nD E\r\n");
        assert_eq!(simple_body(&m.body), b" C \r\nD \t E\r\n");
    }

    #[test]
    fn empty_bodies_and_missing_final_line_end() {
        assert_eq!(simple_body(b""), b"\r\n");
        assert_eq!(simple_body(b"\r\n\r\n"), b"\r\n");
        assert_eq!(simple_body(b"x"), b"x\r\n");
        assert_eq!(relaxed_body(b""), b"");
        assert_eq!(relaxed_body(b" \t\r\n\r\n"), b"");
        assert_eq!(relaxed_body(b"x  y \t"), b"x y\r\n");
    }

    #[test]
    fn bare_lf_is_crlf_and_mbox_lines_are_skipped() {
        let m = parse_message(b"From someone Thu\nSubject: a\n b\nTo: c\n\nline\n").unwrap();
        let names: Vec<&str> = m.fields.iter().map(|f| f.name.as_str()).collect();
        assert_eq!(names, ["subject", "to"]);
        assert_eq!(m.fields[0].raw, b"Subject: a\r\n b");
        assert_eq!(m.body, b"line\r\n");
    }

    #[test]
    fn b_value_is_emptied_but_bh_kept() {
        assert_eq!(
            without_b(b"DKIM-Signature: a=1; bh=xy;\r\n b=abc\r\n def; c=2"),
            b"DKIM-Signature: a=1; bh=xy;\r\n b=; c=2"
        );
    }

    #[test]
    fn header_instances_are_taken_from_the_bottom() {
        let raw = b"DKIM-Signature: v=1; a=rsa-sha256; d=example.jp; s=s; h=from:x:x:x; bh=AAAA; b=AAAA\r\nX: 1\r\nFrom: a@example.jp\r\nX: 2\r\n\r\n";
        let m = parse_message(raw).unwrap();
        let sig = Signature::parse(&m.fields[0], 0).unwrap();
        let data = header_data(&m, &sig);
        let text = String::from_utf8(data).unwrap();
        assert!(text.starts_with("From: a@example.jp\r\nX: 2\r\nX: 1\r\nDKIM-Signature:"));
        assert!(text.ends_with("b="));
    }

    #[test]
    fn signature_syntax_rules() {
        let parse = |v: &str| {
            let f = Field {
                name: "dkim-signature".into(),
                raw: format!("DKIM-Signature: {v}").into_bytes(),
            };
            Signature::parse(&f, 0)
        };
        let ok = "v=1; a=rsa-sha256; d=example.jp; s=sel; h=From:To; bh=AAAA; b=AA AA";
        let sig = parse(ok).unwrap();
        assert_eq!(
            (sig.header_canon, sig.body_canon),
            (Canon::Simple, Canon::Simple)
        );
        assert_eq!(sig.identity, "@example.jp");
        let code = |v: &str| parse(v).unwrap_err().reason().code;
        assert_eq!(code(&ok.replace("rsa-sha256", "rsa-sha1")), "sha1_rejected");
        assert!(matches!(
            parse(&ok.replace("rsa-sha256", "rsa-sha1")),
            Err(Failure::Fail(_))
        ));
        assert_eq!(code(&ok.replace("From:", "")), "from_not_signed");
        assert_eq!(
            code(&format!("{ok}; i=a@other.jp")),
            "identity_outside_domain"
        );
        assert!(parse(&format!("{ok}; i=a@mail.example.jp")).is_ok());
        assert_eq!(code(&format!("{ok}; d=x.jp")), "signature_syntax");
        assert_eq!(code(&ok.replace("v=1", "v=2")), "signature_syntax");
        assert_eq!(code(&format!("{ok}; t=10; x=5")), "signature_syntax");
        assert_eq!(
            parse(&format!("{ok}; c=relaxed")).unwrap().body_canon,
            Canon::Simple
        );
    }
}
