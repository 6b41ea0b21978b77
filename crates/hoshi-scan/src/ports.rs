//! Which ports to sweep: `all` (1–65535), `top` (the ports where exposure is found in practice)
//! or a list such as `22,443,8000-8100`.

use hoshi_core::Lang;

/// The ports `--ports top` sweeps: remote access and VPN portals, remote desktop and shells,
/// file sharing, databases, mail, web servers and the admin pages of routers, UTMs, NAS and
/// cameras that small companies expose (with the alternative ports vendors ship them on).
pub const TOP: &[u16] = &[
    21, 22, 23, 25, 53, 80, 81, 82, 83, 88, 102, 110, 111, 135, 139, 143, 179, 389, 443, 444, 445,
    465, 502, 512, 513, 514, 515, 541, 548, 554, 587, 623, 631, 636, 873, 902, 993, 995, 1080,
    1194, 1433, 1434, 1521, 1723, 1883, 2000, 2049, 2082, 2083, 2086, 2087, 2121, 2222, 2375, 2376,
    2379, 3000, 3128, 3260, 3306, 3389, 3390, 4000, 4040, 4343, 4433, 4443, 4444, 4567, 4786, 4848,
    5000, 5001, 5060, 5061, 5432, 5555, 5601, 5631, 5800, 5900, 5901, 5902, 5984, 5985, 5986, 6000,
    6379, 6443, 6666, 7001, 7002, 7070, 7443, 7547, 7777, 8000, 8001, 8008, 8009, 8010, 8020, 8080,
    8081, 8082, 8083, 8085, 8086, 8088, 8089, 8090, 8181, 8291, 8443, 8444, 8500, 8834, 8880, 8888,
    8889, 9000, 9001, 9043, 9080, 9090, 9091, 9100, 9200, 9300, 9418, 9443, 9999, 10000, 10001,
    10443, 11211, 15672, 20000, 27017, 28017, 34567, 37777, 50000, 50070, 55443,
];

/// The ports to sweep, in ascending order without duplicates.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Ports(Vec<u16>);

/// Why a port list cannot be read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PortsError {
    pub spec: String,
    pub item: String,
}

impl PortsError {
    pub fn message(&self, lang: Lang) -> String {
        match lang {
            Lang::Ja => format!(
                "ポート指定「{}」の「{}」を読み取れません。all、top、または 22,443,8000-8100 のように 1〜65535 の番号と範囲で指定してください。",
                self.spec, self.item
            ),
            Lang::En => format!(
                "cannot read `{}` in the port list `{}`: give all, top, or numbers and ranges from 1 to 65535 such as 22,443,8000-8100",
                self.item, self.spec
            ),
        }
    }
}

impl Ports {
    pub fn all() -> Ports {
        Ports((1..=u16::MAX).collect())
    }

    pub fn top() -> Ports {
        let mut v = TOP.to_vec();
        v.sort_unstable();
        v.dedup();
        Ports(v)
    }

    /// Reads `all`, `top` or a list of ports and ranges.
    pub fn parse(spec: &str) -> Result<Ports, PortsError> {
        match spec.trim() {
            "all" | "-" => return Ok(Ports::all()),
            "top" => return Ok(Ports::top()),
            _ => {}
        }
        let err = |item: &str| PortsError {
            spec: spec.to_string(),
            item: item.to_string(),
        };
        let port = |s: &str| s.trim().parse::<u16>().ok().filter(|p| *p > 0);
        let mut v = Vec::new();
        for item in spec.split(',') {
            match item.split_once('-') {
                Some((a, b)) => {
                    let (a, b) = (
                        port(a).ok_or_else(|| err(item))?,
                        port(b).ok_or_else(|| err(item))?,
                    );
                    if a > b {
                        return Err(err(item));
                    }
                    v.extend(a..=b);
                }
                None => v.push(port(item).ok_or_else(|| err(item))?),
            }
        }
        v.sort_unstable();
        v.dedup();
        Ok(Ports(v))
    }

    pub fn as_slice(&self) -> &[u16] {
        &self.0
    }

    pub fn len(&self) -> usize {
        self.0.len()
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lists_ranges_and_names() {
        assert_eq!(
            Ports::parse("443,22,8000-8002,22").unwrap().as_slice(),
            [22, 443, 8000, 8001, 8002]
        );
        assert_eq!(Ports::parse("all").unwrap().len(), 65_535);
        let top = Ports::parse("top").unwrap();
        assert!(top.as_slice().windows(2).all(|w| w[0] < w[1]));
        for p in [22, 443, 3389, 445, 10443, 4433, 5432] {
            assert!(top.as_slice().contains(&p), "{p}");
        }
        for bad in ["0", "65536", "80-70", "ssh", "1,,2", ""] {
            let e = Ports::parse(bad).unwrap_err();
            assert!(e.message(Lang::Ja).contains("1〜65535"), "{bad}");
        }
    }
}
