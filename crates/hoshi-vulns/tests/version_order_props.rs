//! Property tests of `hoshi_vulns::version::compare`: on generated valid versions every scheme
//! is a total order (reflexive, antisymmetric, transitive) and accepts what it generated; on
//! arbitrary input it never panics and refuses anything over the length limit.

use hoshi_vulns::version::{MAX_LEN, Scheme, compare, parse_ok};
use proptest::prelude::*;
use std::cmp::Ordering;

/// Strategy per scheme: small alphabets so that equal and near-equal versions are common.
fn valid(scheme: Scheme) -> BoxedStrategy<String> {
    let pattern = match scheme {
        Scheme::SemVer => {
            "v?(0|1|10)\\.(0|1|2)\\.(0|1)(-(0|1|11|alpha|beta|rc|x-y)(\\.(0|1|2|alpha|b)){0,2})?(\\+(b|1|0\\.a))?"
        }
        Scheme::Pep440 => {
            "(1!)?(0|1|2|00)(\\.(0|1|2)){0,2}([-_.]?(a|b|rc|alpha|c|pre)[-_.]?(0|1|2)?)?(\\.post(0|1)?|-1|r2)?([.]?dev(0|1)?)?(\\+(abc|1|a\\.1|1\\.a|0|b-2))?"
        }
        Scheme::Maven => {
            "(0|1|2|10)([.-]?(0|1|2|10|alpha|a1|b2|m3|rc|cr|sp|snapshot|final|ga|release|foo|z|)){0,6}"
        }
        Scheme::NuGet => {
            "(0|1|2)(\\.(0|1|2|00)){0,3}(-(alpha|Alpha|beta|1|01|rc|a-b)(\\.(1|2|a|B)){0,2})?(\\+meta)?"
        }
        Scheme::Debian => "([0-2]:)?[0-9]([0-9ab.+~]){0,6}(-[0-9ab.+~]{1,4})?",
        Scheme::Rpm => "([0-2]:)?[0-9]([0-9ab._+~^]){0,6}(-[0-9ab._+~^]{1,4})?",
        Scheme::Generic => "[vV]?(0|1|2|10)([.()_ -]?(0|1|2|10|h|r|R|rc|beta|dev|b|x)){0,6}",
    };
    proptest::string::string_regex(pattern)
        .expect("valid regex")
        .boxed()
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

fn cmp(scheme: Scheme, a: &str, b: &str) -> Ordering {
    compare(scheme, a, b).unwrap_or_else(|| panic!("{scheme:?} refused {a:?} or {b:?}"))
}

fn check_total_order(scheme: Scheme, a: &str, b: &str, c: &str) {
    assert_eq!(
        cmp(scheme, a, a),
        Ordering::Equal,
        "{scheme:?} reflexive {a}"
    );
    let ab = cmp(scheme, a, b);
    assert_eq!(
        cmp(scheme, b, a),
        ab.reverse(),
        "{scheme:?} antisymmetric {a} {b}"
    );
    let bc = cmp(scheme, b, c);
    let ac = cmp(scheme, a, c);
    // Transitivity of <=, of <, and of ==, in every direction.
    if ab.is_le() && bc.is_le() {
        assert!(ac.is_le(), "{scheme:?}: {a} <= {b} <= {c} but {a} > {c}");
    }
    if ab.is_ge() && bc.is_ge() {
        assert!(ac.is_ge(), "{scheme:?}: {a} >= {b} >= {c} but {a} < {c}");
    }
    if ab.is_lt() && bc.is_le() || ab.is_le() && bc.is_lt() {
        assert!(ac.is_lt(), "{scheme:?}: {a} < {b} <= {c} but not {a} < {c}");
    }
    if ab.is_eq() {
        assert_eq!(bc, ac, "{scheme:?}: {a} == {b} but they differ against {c}");
    }
}

fn triples(scheme: Scheme) -> impl Strategy<Value = (String, String, String)> {
    (valid(scheme), valid(scheme), valid(scheme))
}

macro_rules! order_props {
    ($($name:ident => $scheme:expr),* $(,)?) => {
        proptest! {
            #![proptest_config(ProptestConfig::with_cases(2000))]
            $(
                #[test]
                fn $name((a, b, c) in triples($scheme)) {
                    check_total_order($scheme, &a, &b, &c);
                }
            )*
        }
    };
}

order_props! {
    semver_is_a_total_order => Scheme::SemVer,
    pep440_is_a_total_order => Scheme::Pep440,
    maven_is_a_total_order => Scheme::Maven,
    nuget_is_a_total_order => Scheme::NuGet,
    debian_is_a_total_order => Scheme::Debian,
    rpm_is_a_total_order => Scheme::Rpm,
    generic_is_a_total_order => Scheme::Generic,
}

/// Anything a version-ish string can contain, plus multi-byte characters.
const NOISY: &str = "[0-9a-zA-Z.+~^:_()!\\- é漢🦀\u{0}\t]{0,40}";

proptest! {
    #![proptest_config(ProptestConfig::with_cases(1000))]

    #[test]
    fn arbitrary_strings_never_panic(a in any::<String>(), b in NOISY) {
        for scheme in ALL {
            let ab = compare(scheme, &a, &b);
            let ba = compare(scheme, &b, &a);
            prop_assert_eq!(ab.map(Ordering::reverse), ba);
            prop_assert_eq!(ab.is_some(), parse_ok(scheme, &a) && parse_ok(scheme, &b));
            let _ = compare(scheme, &b, &b);
        }
    }

    #[test]
    fn noisy_versions_are_ordered_consistently(a in NOISY, b in NOISY, c in NOISY) {
        for scheme in ALL {
            if parse_ok(scheme, &a) && parse_ok(scheme, &b) && parse_ok(scheme, &c) {
                check_total_order(scheme, &a, &b, &c);
            }
        }
    }

    #[test]
    fn overlong_input_is_refused(unit in "[0-9.a-z~^+-]{1,8}", repeat in 1usize..2000) {
        let long = unit.repeat(repeat);
        for scheme in ALL {
            let got = compare(scheme, &long, "1.0.0");
            if long.len() > MAX_LEN {
                prop_assert_eq!(got, None);
            }
        }
    }

    #[test]
    fn long_multibyte_input_is_refused(s in "[é漢🦀0-9.]{100,400}") {
        for scheme in ALL {
            prop_assert_eq!(compare(scheme, &s, "1.0.0"), None);
        }
    }
}

#[test]
fn huge_numbers_compare_by_value() {
    let big = "9".repeat(100);
    let bigger = format!("1{}", "0".repeat(100));
    for scheme in ALL {
        let a = format!("1.{big}.0");
        let b = format!("1.{bigger}.0");
        assert_eq!(compare(scheme, &a, &b), Some(Ordering::Less), "{scheme:?}");
    }
}
