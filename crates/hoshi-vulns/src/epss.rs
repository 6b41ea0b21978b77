//! EPSS scores (FIRST's Exploit Prediction Scoring System) from the daily CSV FIRST publishes:
//! an optional `#model_version:…,score_date:…` line, the header `cve,epss,percentile`, one CVE
//! per line. A bad line is named by its number.

use std::collections::HashMap;

/// Most lines read (the daily file has about 300,000).
pub const MAX_LINES: usize = 2_000_000;

#[derive(Debug, Clone, Default, PartialEq)]
pub struct Scores {
    pub model_version: String,
    pub score_date: String,
    /// (probability 0–1, percentile 0–1) by CVE.
    pub by_cve: HashMap<String, (f64, f64)>,
}

/// Reads the CSV; `Err((line, problem))` for the first bad line.
pub fn parse(text: &str) -> Result<Scores, (usize, String)> {
    let mut s = Scores::default();
    let mut header = false;
    for (i, line) in text.lines().enumerate().take(MAX_LINES) {
        let n = i + 1;
        let line = line.trim_end_matches('\r');
        if let Some(meta) = line.strip_prefix('#') {
            for kv in meta.split(',') {
                match kv.split_once(':') {
                    Some(("model_version", v)) => s.model_version = v.trim().to_string(),
                    Some(("score_date", v)) => s.score_date = v.trim().to_string(),
                    _ => {}
                }
            }
            continue;
        }
        if line.trim().is_empty() {
            continue;
        }
        if !header {
            if line.trim() != "cve,epss,percentile" {
                return Err((n, "expected the header `cve,epss,percentile`".into()));
            }
            header = true;
            continue;
        }
        let f: Vec<&str> = line.split(',').collect();
        let bad = || {
            (
                n,
                format!(
                    "`{}` is not `CVE-…,score,percentile`",
                    line.chars().take(80).collect::<String>()
                ),
            )
        };
        if f.len() != 3 || !f[0].starts_with("CVE-") {
            return Err(bad());
        }
        let (e, p) = (f[1].parse::<f64>(), f[2].parse::<f64>());
        match (e, p) {
            (Ok(e), Ok(p)) if (0.0..=1.0).contains(&e) && (0.0..=1.0).contains(&p) => {
                s.by_cve.insert(f[0].to_string(), (e, p));
            }
            _ => return Err(bad()),
        }
    }
    if !header {
        return Err((1, "expected the header `cve,epss,percentile`".into()));
    }
    Ok(s)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_daily_csv_and_its_problems() {
        let s = parse("#model_version:v2023.03.01,score_date:2024-12-16T00:00:00+0000\ncve,epss,percentile\nCVE-2024-21762,0.01842,0.88798\n").unwrap();
        assert_eq!(s.model_version, "v2023.03.01");
        assert_eq!(s.by_cve["CVE-2024-21762"], (0.01842, 0.88798));
        assert_eq!(parse("cve,epss\n").unwrap_err().0, 1);
        assert_eq!(
            parse("cve,epss,percentile\nCVE-1,2.0,0.5\n").unwrap_err().0,
            2
        );
    }
}
