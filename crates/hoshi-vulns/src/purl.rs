//! Package URLs (`pkg:type/namespace/name@version?qualifiers#subpath`, the purl specification):
//! reading one, and naming the package the way OSV records do (ecosystem and name).

/// A package URL's parts, percent-decoded.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Purl {
    pub kind: String,
    pub namespace: Option<String>,
    pub name: String,
    pub version: Option<String>,
    /// `distro` and the like (Debian and RPM packages name their distribution here).
    pub qualifiers: Vec<(String, String)>,
}

fn decode(s: &str) -> Option<String> {
    let b = s.as_bytes();
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        if b[i] == b'%' {
            let h = std::str::from_utf8(b.get(i + 1..i + 3)?).ok()?;
            out.push(u8::from_str_radix(h, 16).ok()?);
            i += 3;
        } else {
            out.push(b[i]);
            i += 1;
        }
    }
    String::from_utf8(out).ok()
}

impl std::fmt::Display for Purl {
    /// The canonical text without qualifiers: `pkg:type/namespace/name@version`.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "pkg:{}/", self.kind)?;
        if let Some(ns) = &self.namespace {
            write!(f, "{ns}/")?;
        }
        f.write_str(&self.name)?;
        if let Some(v) = &self.version {
            write!(f, "@{v}")?;
        }
        Ok(())
    }
}

impl Purl {
    /// Reads a package URL; `None` when it is not one.
    pub fn parse(s: &str) -> Option<Purl> {
        let s = s.trim();
        if s.len() > 2048 {
            return None;
        }
        let rest = s.strip_prefix("pkg:")?.trim_start_matches('/');
        let rest = rest.split('#').next()?;
        let (rest, query) = match rest.split_once('?') {
            Some((r, q)) => (r, Some(q)),
            None => (rest, None),
        };
        let (kind, path) = rest.split_once('/')?;
        let kind = kind.to_ascii_lowercase();
        if kind.is_empty()
            || !kind
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || b"+-.".contains(&b))
        {
            return None;
        }
        // The version follows the last `@` (a namespace may hold `@`, as npm scopes do, encoded).
        let (path, version) = match path.rsplit_once('@') {
            Some((p, v)) if !v.contains('/') => (p, Some(decode(v)?)),
            _ => (path, None),
        };
        let mut segments: Vec<String> = path
            .trim_matches('/')
            .split('/')
            .filter(|x| !x.is_empty())
            .map(decode)
            .collect::<Option<_>>()?;
        let name = segments.pop().filter(|n| !n.is_empty())?;
        let namespace = (!segments.is_empty()).then(|| segments.join("/"));
        let mut qualifiers = Vec::new();
        for q in query.unwrap_or("").split('&').filter(|q| !q.is_empty()) {
            let (k, v) = q.split_once('=')?;
            qualifiers.push((k.to_ascii_lowercase(), decode(v)?));
        }
        Some(Purl {
            kind,
            namespace,
            name,
            version: version.filter(|v| !v.is_empty()),
            qualifiers,
        })
    }

    pub fn qualifier(&self, key: &str) -> Option<&str> {
        self.qualifiers
            .iter()
            .find(|(k, _)| k == key)
            .map(|(_, v)| v.as_str())
    }

    /// The OSV ecosystem and package name this purl stands for, when OSV has one.
    pub fn osv_package(&self) -> Option<(&'static str, String)> {
        let ns = self.namespace.as_deref();
        let joined = |sep: &str| match ns {
            Some(n) => format!("{n}{sep}{}", self.name),
            None => self.name.clone(),
        };
        Some(match self.kind.as_str() {
            "npm" => ("npm", joined("/")),
            "pypi" => ("PyPI", self.name.clone()),
            "maven" => ("Maven", joined(":")),
            "golang" => ("Go", joined("/")),
            "cargo" => ("crates.io", self.name.clone()),
            "nuget" => ("NuGet", self.name.clone()),
            "gem" => ("RubyGems", self.name.clone()),
            "composer" => ("Packagist", joined("/")),
            "hex" => ("Hex", self.name.clone()),
            "pub" => ("Pub", self.name.clone()),
            "deb" => match ns {
                Some(n) if n.eq_ignore_ascii_case("ubuntu") => ("Ubuntu", self.name.clone()),
                _ => ("Debian", self.name.clone()),
            },
            "apk" => ("Alpine", self.name.clone()),
            _ => return None,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn package_urls_of_several_ecosystems() {
        let p =
            Purl::parse("pkg:maven/com.fasterxml.jackson.core/jackson-databind@2.9.10?type=jar")
                .unwrap();
        assert_eq!(
            p.osv_package(),
            Some((
                "Maven",
                "com.fasterxml.jackson.core:jackson-databind".into()
            ))
        );
        assert_eq!(p.version.as_deref(), Some("2.9.10"));
        assert_eq!(p.qualifier("type"), Some("jar"));
        let p = Purl::parse("pkg:npm/%40angular/core@16.2.0").unwrap();
        assert_eq!(p.osv_package(), Some(("npm", "@angular/core".into())));
        let p = Purl::parse("pkg:deb/debian/openssl@3.0.11-1~deb12u2?arch=amd64&distro=debian-12")
            .unwrap();
        assert_eq!(p.osv_package(), Some(("Debian", "openssl".into())));
        assert_eq!(p.version.as_deref(), Some("3.0.11-1~deb12u2"));
        assert_eq!(p.qualifier("distro"), Some("debian-12"));
        let p = Purl::parse("pkg:golang/github.com/gin-gonic/gin@v1.9.0").unwrap();
        assert_eq!(
            p.osv_package(),
            Some(("Go", "github.com/gin-gonic/gin".into()))
        );
        assert!(Purl::parse("pkg:pypi/django").unwrap().version.is_none());
        for bad in [
            "",
            "pkg:",
            "npm/lodash@1",
            "pkg:npm/",
            "pkg:npm/x@%zz",
            "pkg:n p m/x",
        ] {
            assert!(Purl::parse(bad).is_none(), "{bad}");
        }
    }
}
