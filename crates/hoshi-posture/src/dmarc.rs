//! DMARC records (RFC 7489): the tags that decide what happens to mail that fails, and where
//! reports go.

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Policy {
    None,
    Quarantine,
    Reject,
}

impl Policy {
    fn parse(s: &str) -> Option<Policy> {
        match s.to_ascii_lowercase().as_str() {
            "none" => Some(Policy::None),
            "quarantine" => Some(Policy::Quarantine),
            "reject" => Some(Policy::Reject),
            _ => None,
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Policy::None => "none",
            Policy::Quarantine => "quarantine",
            Policy::Reject => "reject",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Record {
    pub policy: Policy,
    /// `p=` was missing and a valid `rua=` made the record count as `p=none` (RFC 7489 6.6.3).
    pub policy_implied: bool,
    pub subdomain_policy: Option<Policy>,
    pub pct: u8,
    pub strict_dkim: bool,
    pub strict_spf: bool,
    /// Aggregate report addresses (`mailto:` URIs without the scheme and size limit).
    pub rua: Vec<String>,
    pub ruf: Vec<String>,
    /// URIs in `rua`/`ruf` that are not `mailto:` addresses.
    pub bad_uris: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SyntaxError {
    pub ja: String,
    pub en: String,
}

fn err(ja: impl Into<String>, en: impl Into<String>) -> SyntaxError {
    SyntaxError {
        ja: ja.into(),
        en: en.into(),
    }
}

/// A TXT string is a DMARC record when its first tag is `v=DMARC1`.
pub fn is_dmarc(txt: &str) -> bool {
    let first = txt.split(';').next().unwrap_or("");
    match first.split_once('=') {
        Some((k, v)) => k.trim() == "v" && v.trim() == "DMARC1",
        None => false,
    }
}

pub fn parse(txt: &str) -> Result<Record, SyntaxError> {
    if !is_dmarc(txt) {
        return Err(err(
            "最初のタグが v=DMARC1 ではありません",
            "the first tag is not v=DMARC1",
        ));
    }
    let mut rec = Record {
        policy: Policy::None,
        policy_implied: false,
        subdomain_policy: None,
        pct: 100,
        strict_dkim: false,
        strict_spf: false,
        rua: Vec::new(),
        ruf: Vec::new(),
        bad_uris: Vec::new(),
    };
    let mut policy = None;
    for tag in txt
        .split(';')
        .skip(1)
        .map(str::trim)
        .filter(|t| !t.is_empty())
    {
        let Some((k, v)) = tag.split_once('=') else {
            return Err(err(
                format!("「{tag}」は タグ=値 の形ではありません"),
                format!("'{tag}' is not tag=value"),
            ));
        };
        let (k, v) = (k.trim().to_ascii_lowercase(), v.trim());
        match k.as_str() {
            "p" => {
                policy = Some(Policy::parse(v).ok_or_else(|| {
                    err(
                        format!("p={v} は none・quarantine・reject のどれでもありません"),
                        format!("p={v} is not none, quarantine or reject"),
                    )
                })?);
            }
            "sp" => {
                rec.subdomain_policy = Some(Policy::parse(v).ok_or_else(|| {
                    err(
                        format!("sp={v} は none・quarantine・reject のどれでもありません"),
                        format!("sp={v} is not none, quarantine or reject"),
                    )
                })?);
            }
            "pct" => {
                rec.pct = v.parse::<u8>().ok().filter(|n| *n <= 100).ok_or_else(|| {
                    err(
                        format!("pct={v} は 0〜100 の整数ではありません"),
                        format!("pct={v} is not a whole number from 0 to 100"),
                    )
                })?;
            }
            "adkim" | "aspf" => {
                let strict = match v.to_ascii_lowercase().as_str() {
                    "s" => true,
                    "r" => false,
                    _ => {
                        return Err(err(
                            format!("{k}={v} は r か s で指定します"),
                            format!("{k}={v} must be r or s"),
                        ));
                    }
                };
                if k == "adkim" {
                    rec.strict_dkim = strict;
                } else {
                    rec.strict_spf = strict;
                }
            }
            "rua" | "ruf" => {
                for uri in v.split(',').map(str::trim).filter(|u| !u.is_empty()) {
                    match mailto(uri) {
                        Some(addr) if k == "rua" => rec.rua.push(addr),
                        Some(addr) => rec.ruf.push(addr),
                        None => rec.bad_uris.push(uri.to_string()),
                    }
                }
            }
            _ => {}
        }
    }
    match policy {
        Some(p) => rec.policy = p,
        None if !rec.rua.is_empty() => rec.policy_implied = true,
        None => {
            return Err(err(
                "必須の p= タグがありません",
                "the required p= tag is missing",
            ));
        }
    }
    Ok(rec)
}

/// `mailto:user@example.jp!10m` → `user@example.jp`.
fn mailto(uri: &str) -> Option<String> {
    let rest = uri
        .get(..7)?
        .eq_ignore_ascii_case("mailto:")
        .then(|| &uri[7..])?;
    let addr = rest.split('!').next()?.trim();
    let (local, domain) = addr.rsplit_once('@')?;
    (!local.is_empty() && domain.contains('.') && !domain.contains(['/', ' ']))
        .then(|| addr.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_policy_alignment_and_reports() {
        let r = parse(
            "v=DMARC1; p=quarantine; sp=none; pct=50; adkim=s; \
             rua=mailto:dmarc@example.co.jp,mailto:x@reports.example.net!10m; ruf=https://x",
        )
        .unwrap();
        assert_eq!(r.policy, Policy::Quarantine);
        assert_eq!(r.subdomain_policy, Some(Policy::None));
        assert_eq!(r.pct, 50);
        assert!(r.strict_dkim && !r.strict_spf);
        assert_eq!(r.rua, vec!["dmarc@example.co.jp", "x@reports.example.net"]);
        assert_eq!(r.bad_uris, vec!["https://x"]);
    }

    #[test]
    fn rejects_broken_records() {
        assert!(parse("p=reject; v=DMARC1").is_err());
        assert!(parse("v=DMARC1; p=block").is_err());
        assert!(parse("v=DMARC1; p=reject; pct=150").is_err());
        assert!(
            parse("v=DMARC1; rua=mailto:a@b.example")
                .unwrap()
                .policy_implied
        );
        assert!(parse("v=DMARC1").is_err());
        assert!(!is_dmarc("v=spf1 -all"));
    }
}
