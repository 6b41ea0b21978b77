//! `prepare_ipa`: the shared step before storing an imported workbook.

use hoshi_catalog::{Registry, parse_catalog};
use hoshi_core::{Catalog, Lang};
use hoshi_xlsx::fixture::{Options, edition_rows, workbook};
use hoshi_xlsx::{Existing, IpaError, IpaOptions, prepare_ipa};

fn star3_ids(reg: &Registry) -> Vec<String> {
    reg.get("scs")
        .unwrap()
        .criteria_for_level(3)
        .map(|c| c.id.clone())
        .collect()
}

fn opts() -> IpaOptions {
    IpaOptions {
        id: "scs-ipa".into(),
        file_name: "official.xlsx".into(),
        imported_at: "2026-11-21T00:00:00Z".into(),
        edition: None,
    }
}

#[test]
fn absent_then_same_then_different() {
    let mut reg = Registry::bundled().unwrap();
    let rows = edition_rows(&star3_ids(&reg));
    let bytes = workbook(&rows, &Options::default());

    let p = prepare_ipa(bytes.clone(), &opts(), &reg).unwrap();
    assert_eq!(p.existing, Existing::Absent);
    assert_eq!(p.file_name, "scs-ipa-2026-03-27.toml");
    assert_eq!(p.catalog.pin(), "scs-ipa@2026-03-27");
    assert_eq!(p.catalog.criteria.len(), 153);
    assert_eq!(p.import.counts.get(&4), Some(&72));
    // The text is the validated catalog, and the guide (bundled scs) supplied guidance.
    let back: Catalog = parse_catalog("x.toml", &p.toml).unwrap();
    assert_eq!(back, p.catalog);
    assert_eq!(
        p.catalog.criterion("4-4-4-2").unwrap().guidance,
        reg.get("scs")
            .unwrap()
            .criterion("4-4-4-2")
            .unwrap()
            .guidance
    );
    assert_eq!(
        p.catalog.framework.source.as_ref().unwrap().sha256,
        p.import.sha256
    );

    reg.add(p.catalog.clone(), &p.file_name).unwrap();
    let again = prepare_ipa(bytes, &opts(), &reg).unwrap();
    assert_eq!(again.existing, Existing::Same);

    // A changed workbook of the same edition.
    let mut changed = rows.clone();
    changed[0].criterion = "改訂された文言".into();
    let other = prepare_ipa(workbook(&changed, &Options::default()), &opts(), &reg).unwrap();
    assert_eq!(other.existing, Existing::Different);
    assert_ne!(other.import.sha256, again.import.sha256);
}

#[test]
fn a_bundled_catalog_under_the_same_pin_is_different() {
    let reg = Registry::bundled().unwrap();
    let bytes = workbook(&edition_rows(&star3_ids(&reg)), &Options::default());
    let o = IpaOptions {
        id: "scs".into(),
        ..opts()
    };
    let p = prepare_ipa(bytes, &o, &reg).unwrap();
    assert_eq!(p.existing, Existing::Different);
}

#[test]
fn options_are_checked_before_the_workbook_is_read() {
    let reg = Registry::bundled().unwrap();
    let o = IpaOptions {
        edition: Some("27.3.2026".into()),
        ..opts()
    };
    let e = prepare_ipa(b"not even a zip".to_vec(), &o, &reg).unwrap_err();
    assert_eq!(
        e,
        IpaError::BadEdition {
            edition: "27.3.2026".into()
        }
    );
    let e = prepare_ipa(b"not even a zip".to_vec(), &opts(), &reg).unwrap_err();
    assert!(matches!(e, IpaError::Unreadable(_)), "{e:?}");
    assert!(
        e.message(Lang::Ja)
            .contains(".xlsx 形式のワークブックではありません"),
        "{e:?}"
    );
}
