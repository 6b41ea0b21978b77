//! Installed-package lists an administrator can produce in seconds: `dpkg-query -W` (Debian,
//! Ubuntu) and `rpm -qa` (Red Hat family, SUSE). Each line becomes a component with its package
//! URL; a line that is not a package is reported with its number, and nothing else is guessed.

use crate::purl::Purl;
use crate::sbom::Component;

/// Most lines read from one list.
pub const MAX_LINES: usize = 200_000;

/// A line that could not be read: its number (from 1) and the text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BadLine {
    pub line: usize,
    pub text: String,
}

/// The components of a list, and its unreadable lines.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Read {
    pub components: Vec<Component>,
    pub bad: Vec<BadLine>,
}

fn deb(name: &str, version: &str, distro: &str) -> Component {
    let purl = Purl {
        kind: "deb".into(),
        namespace: Some(distro.into()),
        name: name.into(),
        version: Some(version.into()),
        qualifiers: Vec::new(),
    };
    Component {
        name: name.into(),
        version: Some(version.into()),
        purl: Some(purl),
        cpe: None,
    }
}

fn printable(s: &str) -> String {
    s.chars().take(200).filter(|c| !c.is_control()).collect()
}

/// `dpkg-query -W` output (`name[:arch]<TAB>version`; packages known but not installed have
/// no version and are skipped). `distro` is `debian` or `ubuntu` (the package URL's namespace).
pub fn dpkg(text: &str, distro: &str) -> Read {
    let mut r = Read::default();
    for (i, line) in text.lines().enumerate().take(MAX_LINES) {
        let line = line.trim_end_matches('\r');
        if line.trim().is_empty() {
            continue;
        }
        let mut f = line.split('\t');
        let (Some(name), version) = (f.next(), f.next()) else {
            continue;
        };
        let name = name.split(':').next().unwrap_or(name).trim();
        let valid_name = !name.is_empty()
            && name
                .bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b"+-.".contains(&b));
        match version.map(str::trim) {
            Some("") if valid_name => {}
            Some(v) if valid_name && !v.contains(char::is_whitespace) => {
                r.components.push(deb(name, v, distro));
            }
            _ => r.bad.push(BadLine {
                line: i + 1,
                text: printable(line),
            }),
        }
    }
    r
}

/// `rpm -qa` output: `name-version-release.arch` per line (the default query format), or
/// `name-version-release` without the architecture. The epoch is not in this format.
pub fn rpm(text: &str) -> Read {
    const ARCHES: &[&str] = &[
        "x86_64", "noarch", "i686", "i386", "aarch64", "ppc64le", "s390x", "armv7hl", "src",
    ];
    let mut r = Read::default();
    for (i, line) in text.lines().enumerate().take(MAX_LINES) {
        let line = line.trim();
        if line.is_empty() {
            continue;
        }
        let (nvr, arch) = match line.rsplit_once('.') {
            Some((nvr, a)) if ARCHES.contains(&a) => (nvr, Some(a)),
            _ => (line, None),
        };
        let parts = nvr.rsplitn(3, '-').collect::<Vec<_>>();
        let ok = parts.len() == 3
            && parts.iter().all(|p| !p.is_empty())
            && (parts[2] == "gpg-pubkey" || parts[1].starts_with(|c: char| c.is_ascii_digit()))
            && !line.contains(char::is_whitespace);
        if !ok {
            r.bad.push(BadLine {
                line: i + 1,
                text: printable(line),
            });
            continue;
        }
        let (release, version, name) = (parts[0], parts[1], parts[2]);
        if name == "gpg-pubkey" {
            // rpm lists its imported signing keys as packages; they are not software.
            continue;
        }
        let v = format!("{version}-{release}");
        r.components.push(Component {
            name: name.into(),
            version: Some(v.clone()),
            purl: Some(Purl {
                kind: "rpm".into(),
                namespace: None,
                name: name.into(),
                version: Some(v),
                qualifiers: arch
                    .map(|a| vec![("arch".to_string(), a.to_string())])
                    .unwrap_or_default(),
            }),
            cpe: None,
        });
    }
    r
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rpm_names_split_from_the_right() {
        let r = rpm(
            "openssl-libs-3.0.7-27.el9.x86_64\nkernel-5.14.0-427.13.1.el9_4.x86_64\n\
                     python3-dnf-plugins-core-4.3.0-13.el9.noarch\ngpg-pubkey-fd431d51-4ae0493b\n\
                     not a package\n",
        );
        let got: Vec<(&str, &str)> = r
            .components
            .iter()
            .map(|c| (c.name.as_str(), c.version.as_deref().unwrap()))
            .collect();
        assert_eq!(
            got,
            [
                ("openssl-libs", "3.0.7-27.el9"),
                ("kernel", "5.14.0-427.13.1.el9_4"),
                ("python3-dnf-plugins-core", "4.3.0-13.el9"),
            ]
        );
        // gpg-pubkey (a signing key rpm lists) is skipped; the sentence is no package.
        assert_eq!(r.bad.iter().map(|b| b.line).collect::<Vec<_>>(), [5]);
    }
}
