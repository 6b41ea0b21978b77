//! MTA-STS (RFC 8461) and SMTP TLS reporting (RFC 8460): the DNS records and the policy file.

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    Enforce,
    Testing,
    None,
}

impl Mode {
    pub fn as_str(self) -> &'static str {
        match self {
            Mode::Enforce => "enforce",
            Mode::Testing => "testing",
            Mode::None => "none",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Policy {
    pub mode: Mode,
    pub mx: Vec<String>,
    pub max_age: u64,
}

/// `_mta-sts` TXT: `v=STSv1; id=…` with an id of 1–32 letters and digits.
pub fn sts_record_ok(txt: &str) -> Result<String, (&'static str, &'static str)> {
    let mut tags = txt.split(';').map(str::trim).filter(|t| !t.is_empty());
    if tags.next().map(|t| t.replace(' ', "")) != Some("v=STSv1".into()) {
        return Err((
            "最初のタグが v=STSv1 ではありません",
            "the first tag is not v=STSv1",
        ));
    }
    for t in tags {
        if let Some(id) = t.strip_prefix("id=") {
            let id = id.trim();
            if (1..=32).contains(&id.len()) && id.bytes().all(|c| c.is_ascii_alphanumeric()) {
                return Ok(id.to_string());
            }
            return Err((
                "id= は英数字 1〜32 文字で書きます",
                "id= must be 1 to 32 letters and digits",
            ));
        }
    }
    Err(("id= タグがありません", "the id= tag is missing"))
}

pub fn is_sts(txt: &str) -> bool {
    txt.trim_start().starts_with("v=STSv1")
}

/// The policy file (`https://mta-sts.<domain>/.well-known/mta-sts.txt`).
pub fn parse_policy(text: &str) -> Result<Policy, (String, String)> {
    let two = |ja: String, en: String| (ja, en);
    let mut version = None;
    let mut mode = None;
    let mut mx = Vec::new();
    let mut max_age = None;
    for (n, line) in text.lines().enumerate() {
        let line = line.trim_end_matches('\r');
        if line.trim().is_empty() {
            continue;
        }
        let Some((k, v)) = line.split_once(':') else {
            return Err(two(
                format!("{}行目: 「キー: 値」の形ではありません", n + 1),
                format!("line {}: not 'key: value'", n + 1),
            ));
        };
        let v = v.trim();
        match k.trim() {
            "version" => version = Some(v.to_string()),
            "mode" => {
                mode = Some(match v {
                    "enforce" => Mode::Enforce,
                    "testing" => Mode::Testing,
                    "none" => Mode::None,
                    _ => {
                        return Err(two(
                            format!("mode: {v} は enforce・testing・none のどれでもありません"),
                            format!("mode: {v} is not enforce, testing or none"),
                        ));
                    }
                });
            }
            "mx" => mx.push(v.to_ascii_lowercase()),
            "max_age" => {
                max_age = Some(
                    v.parse::<u64>()
                        .ok()
                        .filter(|n| *n <= 31_557_600)
                        .ok_or_else(|| {
                            two(
                                format!("max_age: {v} は 0〜31557600 の秒数ではありません"),
                                format!("max_age: {v} is not 0–31557600 seconds"),
                            )
                        })?,
                );
            }
            _ => {}
        }
    }
    if version.as_deref() != Some("STSv1") {
        return Err(two(
            "version: STSv1 がありません".into(),
            "version: STSv1 is missing".into(),
        ));
    }
    let mode = mode.ok_or_else(|| two("mode: がありません".into(), "mode: is missing".into()))?;
    let max_age =
        max_age.ok_or_else(|| two("max_age: がありません".into(), "max_age: is missing".into()))?;
    if mx.is_empty() && mode != Mode::None {
        return Err(two("mx: が1行もありません".into(), "no mx: line".into()));
    }
    Ok(Policy { mode, mx, max_age })
}

/// Whether a policy `mx:` pattern covers a host: exact, or `*.` for exactly one more label.
pub fn mx_matches(pattern: &str, host: &str) -> bool {
    let host = host.trim_end_matches('.').to_ascii_lowercase();
    let pattern = pattern.trim_end_matches('.').to_ascii_lowercase();
    match pattern.strip_prefix("*.") {
        Some(base) => host
            .split_once('.')
            .is_some_and(|(first, rest)| !first.is_empty() && rest == base),
        None => host == pattern,
    }
}

/// `_smtp._tls` TXT: `v=TLSRPTv1; rua=mailto:…,https://…`. Returns the report addresses.
pub fn parse_tls_rpt(txt: &str) -> Result<Vec<String>, (&'static str, &'static str)> {
    let mut tags = txt.split(';').map(str::trim).filter(|t| !t.is_empty());
    if tags.next().map(|t| t.replace(' ', "")) != Some("v=TLSRPTv1".into()) {
        return Err((
            "最初のタグが v=TLSRPTv1 ではありません",
            "the first tag is not v=TLSRPTv1",
        ));
    }
    for t in tags {
        if let Some(rua) = t.strip_prefix("rua=") {
            let uris: Vec<String> = rua.split(',').map(|u| u.trim().to_string()).collect();
            let ok = uris.iter().all(|u| {
                (u.starts_with("mailto:") && u.contains('@')) || u.starts_with("https://")
            });
            return if ok && !uris.is_empty() {
                Ok(uris)
            } else {
                Err((
                    "rua= は mailto: か https: の宛先で書きます",
                    "rua= must be mailto: or https: addresses",
                ))
            };
        }
    }
    Err(("rua= タグがありません", "the rua= tag is missing"))
}

pub fn is_tls_rpt(txt: &str) -> bool {
    txt.trim_start().starts_with("v=TLSRPTv1")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn policy_and_patterns() {
        let p = parse_policy(
            "version: STSv1\r\nmode: enforce\r\nmx: mx1.example.co.jp\r\nmx: *.mail.example.net\r\nmax_age: 604800\r\n",
        )
        .unwrap();
        assert_eq!(p.mode, Mode::Enforce);
        assert_eq!(p.max_age, 604_800);
        assert!(mx_matches(&p.mx[1], "a.mail.example.net."));
        assert!(!mx_matches(&p.mx[1], "a.b.mail.example.net"));
        assert!(!mx_matches(&p.mx[1], "mail.example.net"));
        assert!(mx_matches(&p.mx[0], "MX1.example.co.jp"));
        assert!(parse_policy("version: STSv1\nmode: enforce\nmax_age: 86400\n").is_err());
        assert!(parse_policy("mode: enforce\nmx: a.example\nmax_age: 1\n").is_err());
    }

    #[test]
    fn records() {
        assert_eq!(
            sts_record_ok("v=STSv1; id=20261203T0900").unwrap(),
            "20261203T0900"
        );
        assert!(sts_record_ok("v=STSv1; id=2026-12-03").is_err());
        assert!(sts_record_ok("v=STSv1;").is_err());
        assert_eq!(
            parse_tls_rpt("v=TLSRPTv1; rua=mailto:tls@example.jp").unwrap(),
            vec!["mailto:tls@example.jp"]
        );
        assert!(parse_tls_rpt("v=TLSRPTv1; rua=tls@example.jp").is_err());
    }
}
