//! CVSS v3.0 and v3.1 base scores from their vector strings (`CVSS:3.1/AV:N/AC:L/…`), computed
//! with the formula of the FIRST specification, so that "CVSS ≥ 7.0" (SCS 4-4-4-2's threshold)
//! can be decided for records that carry only a vector, as OSV records do.

/// The base score (0.0–10.0) of a v3.0 or v3.1 vector; `None` for anything else (other
/// versions, a missing or repeated base metric, an unknown value).
pub fn base_score(vector: &str) -> Option<f64> {
    let mut parts = vector.trim().split('/');
    let v31 = match parts.next()? {
        "CVSS:3.1" => true,
        "CVSS:3.0" => false,
        _ => return None,
    };
    let mut m: [Option<char>; 8] = [None; 8];
    const NAMES: [&str; 8] = ["AV", "AC", "PR", "UI", "S", "C", "I", "A"];
    for p in parts {
        let (k, v) = p.split_once(':')?;
        let mut chars = v.chars();
        let (c, rest) = (chars.next()?, chars.next());
        if rest.is_some() {
            return None;
        }
        if let Some(i) = NAMES.iter().position(|n| *n == k)
            && m[i].replace(c).is_some()
        {
            return None;
        }
        // Temporal and environmental metrics do not change the base score.
    }
    let [av, ac, pr, ui, s, c, i, a] = m;
    let changed = match s? {
        'U' => false,
        'C' => true,
        _ => return None,
    };
    let av = match av? {
        'N' => 0.85,
        'A' => 0.62,
        'L' => 0.55,
        'P' => 0.2,
        _ => return None,
    };
    let ac = match ac? {
        'L' => 0.77,
        'H' => 0.44,
        _ => return None,
    };
    let pr = match (pr?, changed) {
        ('N', _) => 0.85,
        ('L', false) => 0.62,
        ('L', true) => 0.68,
        ('H', false) => 0.27,
        ('H', true) => 0.5,
        _ => return None,
    };
    let ui = match ui? {
        'N' => 0.85,
        'R' => 0.62,
        _ => return None,
    };
    let cia = |x: Option<char>| match x? {
        'H' => Some(0.56),
        'L' => Some(0.22),
        'N' => Some(0.0),
        _ => None,
    };
    let (c, i, a) = (cia(c)?, cia(i)?, cia(a)?);
    let iss = 1.0 - (1.0 - c) * (1.0 - i) * (1.0 - a);
    let impact = if changed {
        7.52 * (iss - 0.029) - 3.25 * (iss - 0.02f64).powi(15)
    } else {
        6.42 * iss
    };
    if impact <= 0.0 {
        return Some(0.0);
    }
    let exploitability = 8.22 * av * ac * pr * ui;
    let raw = if changed {
        (1.08 * (impact + exploitability)).min(10.0)
    } else {
        (impact + exploitability).min(10.0)
    };
    Some(if v31 { roundup31(raw) } else { roundup30(raw) })
}

/// v3.1's round-up to one decimal, defined on integers to avoid floating-point surprises.
fn roundup31(x: f64) -> f64 {
    let n = (x * 100_000.0).round() as i64;
    if n % 10_000 == 0 {
        n as f64 / 100_000.0
    } else {
        ((n / 10_000) + 1) as f64 / 10.0
    }
}

/// v3.0's round-up: the smallest one-decimal number not below `x`.
fn roundup30(x: f64) -> f64 {
    (x * 10.0).ceil() / 10.0
}

/// The qualitative rating of a score (None, Low, Medium, High, Critical).
pub fn rating(score: f64) -> &'static str {
    match score {
        s if s >= 9.0 => "critical",
        s if s >= 7.0 => "high",
        s if s >= 4.0 => "medium",
        s if s > 0.0 => "low",
        _ => "none",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scores_as_nvd_publishes_them() {
        for (v, want) in [
            // Log4Shell (CVE-2021-44228)
            ("CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:C/C:H/I:H/A:H", 10.0),
            // lodash prototype pollution (CVE-2020-8203)
            ("CVSS:3.1/AV:N/AC:H/PR:N/UI:N/S:U/C:N/I:H/A:H", 7.4),
            // FortiOS SSL-VPN (CVE-2024-21762)
            ("CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H", 9.8),
            ("CVSS:3.1/AV:N/AC:L/PR:L/UI:N/S:U/C:H/I:H/A:H", 8.8),
            ("CVSS:3.1/AV:L/AC:L/PR:L/UI:N/S:U/C:H/I:H/A:H", 7.8),
            ("CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:N/I:N/A:H", 7.5),
            ("CVSS:3.1/AV:N/AC:L/PR:N/UI:R/S:C/C:L/I:L/A:N", 6.1),
            ("CVSS:3.1/AV:N/AC:L/PR:H/UI:N/S:U/C:L/I:N/A:N", 2.7),
            ("CVSS:3.0/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H", 9.8),
            ("CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:N/I:N/A:N", 0.0),
            // Temporal metrics after the base ones change nothing.
            ("CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H/E:F/RL:O", 9.8),
        ] {
            assert_eq!(base_score(v), Some(want), "{v}");
        }
        assert_eq!(rating(7.0), "high");
        assert_eq!(rating(6.9), "medium");
        assert_eq!(rating(9.0), "critical");
    }

    #[test]
    fn anything_else_has_no_score() {
        for v in [
            "",
            "CVSS:2.0/AV:N/AC:L/Au:N/C:P/I:P/A:P",
            "AV:N/AC:L/Au:N/C:P/I:P/A:P",
            "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H",
            "CVSS:3.1/AV:N/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H",
            "CVSS:3.1/AV:X/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H",
            "CVSS:3.1/AV:NN/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H",
            "CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N",
        ] {
            assert_eq!(base_score(v), None, "{v}");
        }
    }
}
