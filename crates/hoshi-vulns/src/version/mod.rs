//! Version order per scheme. Every scheme parses a version string into a comparable value or
//! refuses it; [`compare`] is the one entry point the matchers use.
//!
//! Each scheme lives in its own module and turns a string into a key whose `Ord` is the
//! scheme's order, so every scheme is a total order by construction (antisymmetric and
//! transitive; different strings may still compare equal, as `1.0` and `1.0.0` do in PEP 440).
//! Where a scheme's reference implementation is itself not transitive (Maven's
//! `ComparableVersion` on mixed separators), the module says which rule gave way.
//!
//! Common to all schemes: at most [`MAX_LEN`] bytes, surrounding ASCII whitespace ignored, an
//! empty string is never a version.

mod debian;
mod generic;
mod maven;
mod nuget;
mod num;
mod pep440;
mod rpm;
mod semver;

use std::cmp::Ordering;

/// Longest version string accepted, in bytes (before surrounding whitespace is removed).
pub const MAX_LEN: usize = 256;

/// The ordering rules a version string follows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Scheme {
    /// Semantic Versioning 2.0.0 (crates.io, npm, Go modules with a leading `v`).
    SemVer,
    /// Python's PEP 440 (PyPI).
    Pep440,
    /// Maven's ComparableVersion rules.
    Maven,
    /// NuGet (SemVer 2 with up to four numeric parts, case-insensitive labels).
    NuGet,
    /// Debian policy: `[epoch:]upstream[-revision]`, `~` before everything.
    Debian,
    /// RPM `[epoch:]version[-release]` with rpmvercmp.
    Rpm,
    /// Vendor firmware strings (FortiOS `7.2.8`, PAN-OS `10.2.9-h1`, Ivanti `22.7R2.3`,
    /// NetScaler `13.1-49.13`, SonicOS `7.0.1-5035`) and any other dotted numbers with
    /// letters: numeric runs compared as numbers, the rest as text.
    Generic,
}

impl Scheme {
    /// The scheme for an OSV `affected[].package.ecosystem` value; `None` for ecosystems whose
    /// "versions" are not ordered strings (`GIT`, `OSS-Fuzz`) or that are unknown.
    ///
    /// A suffix after the first `:` (`Debian:12`, `Ubuntu:22.04:LTS`, `AlmaLinux:9`,
    /// `Alpine:v3.19`, `Red Hat:rhel_aus:8.4::appstream`) names a release of the distribution
    /// and is ignored. The mapping:
    ///
    /// | OSV ecosystem | scheme |
    /// |---|---|
    /// | `crates.io`, `npm`, `Go`, `Hex`, `Pub`, `SwiftURL`, `GitHub Actions`, `Bitnami` | SemVer |
    /// | `PyPI` | Pep440 |
    /// | `Maven` | Maven |
    /// | `NuGet` | NuGet |
    /// | `Debian`, `Ubuntu` | Debian |
    /// | `AlmaLinux`, `Rocky Linux`, `Red Hat`, `openSUSE`, `SUSE`, `Mageia`, `openEuler`, `Azure Linux`, `Photon OS` | Rpm |
    /// | `Alpine`, `Wolfi`, `Chainguard`, `RubyGems`, `Packagist`, `Hackage`, `CRAN`, `ConanCenter`, `Linux`, `Android` | Generic (approximation, see below) |
    ///
    /// Generic is an approximation for those last ones: it orders numbers as numbers, puts the
    /// common pre-release words (`alpha`, `beta`, `rc`, `pre`, `dev`, …) before the release and
    /// other letters after it. That is right for apk's `-r1` revisions and `_rc1`/`_p1`
    /// suffixes, Composer's `-RC1`/`-beta2`, PVP and CRAN numbers; it is wrong for RubyGems
    /// versions whose pre-release is a bare letter (`1.0.a` sorts after `1.0` here, before it in
    /// RubyGems) and for apk's `_git`/`_svn` suffixes (which apk places after the release, as
    /// here, but orders among themselves by its own table).
    pub fn from_osv_ecosystem(ecosystem: &str) -> Option<Scheme> {
        let name = ecosystem.split(':').next().unwrap_or("").trim();
        let scheme = match name {
            "crates.io" | "npm" | "Go" | "Hex" | "Pub" | "SwiftURL" | "GitHub Actions"
            | "Bitnami" => Scheme::SemVer,
            "PyPI" => Scheme::Pep440,
            "Maven" => Scheme::Maven,
            "NuGet" => Scheme::NuGet,
            "Debian" | "Ubuntu" => Scheme::Debian,
            "AlmaLinux" | "Rocky Linux" | "Red Hat" | "openSUSE" | "SUSE" | "Mageia"
            | "openEuler" | "Azure Linux" | "Photon OS" => Scheme::Rpm,
            "Alpine" | "Wolfi" | "Chainguard" | "RubyGems" | "Packagist" | "Hackage" | "CRAN"
            | "ConanCenter" | "Linux" | "Android" => Scheme::Generic,
            _ => return None,
        };
        Some(scheme)
    }
}

/// Orders two versions of `scheme`; `None` when either is not a version of that scheme.
pub fn compare(scheme: Scheme, a: &str, b: &str) -> Option<Ordering> {
    match scheme {
        Scheme::SemVer => compare_by(semver::parse, a, b),
        Scheme::Pep440 => compare_by(pep440::parse, a, b),
        Scheme::Maven => compare_by(maven::parse, a, b),
        Scheme::NuGet => compare_by(nuget::parse, a, b),
        Scheme::Debian => compare_by(debian::parse, a, b),
        Scheme::Rpm => compare_by(rpm::parse, a, b),
        Scheme::Generic => compare_by(generic::parse, a, b),
    }
}

/// Whether `s` is a version of `scheme` (what [`compare`] accepts).
pub fn parse_ok(scheme: Scheme, s: &str) -> bool {
    match scheme {
        Scheme::SemVer => semver::parse(s).is_some(),
        Scheme::Pep440 => pep440::parse(s).is_some(),
        Scheme::Maven => maven::parse(s).is_some(),
        Scheme::NuGet => nuget::parse(s).is_some(),
        Scheme::Debian => debian::parse(s).is_some(),
        Scheme::Rpm => rpm::parse(s).is_some(),
        Scheme::Generic => generic::parse(s).is_some(),
    }
}

fn compare_by<K: Ord>(parse: fn(&str) -> Option<K>, a: &str, b: &str) -> Option<Ordering> {
    Some(parse(a)?.cmp(&parse(b)?))
}

/// The part of `s` a scheme parses: `None` when too long or blank, else `s` without
/// surrounding ASCII whitespace.
fn admit(s: &str) -> Option<&str> {
    if s.len() > MAX_LEN {
        return None;
    }
    let t = s.trim_matches(|c: char| c.is_ascii_whitespace());
    (!t.is_empty()).then_some(t)
}

/// Lexicographic order of two token sequences where the shorter one continues with `end`
/// (each scheme decides where "nothing more" sits among its tokens).
fn cmp_padded<T: Ord>(a: &[T], b: &[T], end: &T) -> Ordering {
    let len = a.len().max(b.len());
    (0..len)
        .map(|i| a.get(i).unwrap_or(end).cmp(b.get(i).unwrap_or(end)))
        .find(|o| o.is_ne())
        .unwrap_or(Ordering::Equal)
}

/// Test helper shared by the scheme modules: every version in `sorted` is older than the ones
/// after it; versions inside one `[..]` group compare equal.
#[cfg(test)]
pub(crate) fn assert_ascending(scheme: Scheme, groups: &[&[&str]]) {
    for (i, gi) in groups.iter().enumerate() {
        for (j, gj) in groups.iter().enumerate() {
            for a in *gi {
                for b in *gj {
                    let want = i.cmp(&j);
                    assert_eq!(
                        compare(scheme, a, b),
                        Some(want),
                        "{scheme:?}: {a} vs {b} should be {want:?}"
                    );
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn osv_ecosystems_map_to_schemes() {
        let cases = [
            ("crates.io", Some(Scheme::SemVer)),
            ("npm", Some(Scheme::SemVer)),
            ("Go", Some(Scheme::SemVer)),
            ("PyPI", Some(Scheme::Pep440)),
            ("Maven", Some(Scheme::Maven)),
            ("NuGet", Some(Scheme::NuGet)),
            ("Debian:12", Some(Scheme::Debian)),
            ("Ubuntu:22.04:LTS", Some(Scheme::Debian)),
            ("AlmaLinux:9", Some(Scheme::Rpm)),
            ("Rocky Linux:8", Some(Scheme::Rpm)),
            ("Red Hat:rhel_aus:8.4::appstream", Some(Scheme::Rpm)),
            ("Alpine:v3.19", Some(Scheme::Generic)),
            ("RubyGems", Some(Scheme::Generic)),
            ("Packagist", Some(Scheme::Generic)),
            ("GIT", None),
            ("OSS-Fuzz", None),
            ("", None),
            ("pypi", None),
        ];
        for (eco, want) in cases {
            assert_eq!(Scheme::from_osv_ecosystem(eco), want, "{eco}");
        }
    }

    #[test]
    fn refuses_blank_and_overlong_input() {
        let long = "1.".repeat(200) + "1";
        for scheme in ALL {
            assert_eq!(compare(scheme, "", "1.0"), None, "{scheme:?}");
            assert_eq!(compare(scheme, "1.0.0", "   "), None, "{scheme:?}");
            assert_eq!(compare(scheme, &long, "1.0.0"), None, "{scheme:?}");
            assert!(!parse_ok(scheme, &long));
            assert!(!parse_ok(scheme, "not a version"), "{scheme:?}");
            assert!(!parse_ok(scheme, "1.0\u{3000}β"), "{scheme:?}");
            assert_eq!(compare(scheme, " 1.0.0 ", "1.0.0"), Some(Ordering::Equal));
        }
    }

    const ALL: [Scheme; 7] = [
        Scheme::SemVer,
        Scheme::Pep440,
        Scheme::Maven,
        Scheme::NuGet,
        Scheme::Debian,
        Scheme::Rpm,
        Scheme::Generic,
    ];
}
