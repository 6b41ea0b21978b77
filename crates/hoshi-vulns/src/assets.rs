//! The asset register as input for matching: an asset's OS or firmware becomes a component
//! (by its CPE, typed or — for the appliances hoshi knows — worked out from maker and product),
//! and the software found on it components by package URL or CPE.

use hoshi_core::asset::AssetInput;

use crate::purl::Purl;
use crate::sbom::Component;

/// The component an asset's OS or firmware is checked as, if the register says enough: a CPE,
/// or maker, OS/firmware and version of a product hoshi recognises.
pub fn component_of(a: &AssetInput) -> Vec<Component> {
    let name = [&a.os, &a.model, &a.name]
        .into_iter()
        .find(|s| !s.is_empty())
        .cloned()
        .unwrap_or_default();
    if !a.cpe.is_empty() {
        return typed_cpe(a, name);
    }
    if a.version.is_empty() {
        return Vec::new();
    }
    // The appliance by maker and OS (or, without an OS, the model: `FortiGate 60F`).
    let app = crate::appliance::recognise(&a.maker, &a.os)
        .or_else(|| crate::appliance::recognise(&a.maker, &a.model));
    match app {
        Some(app) => crate::appliance::cpe_for(app, &a.version)
            .into_iter()
            .map(|cpe| Component {
                name: name.clone(),
                version: Some(a.version.clone()),
                purl: None,
                cpe: Some(cpe),
            })
            .collect(),
        None => Vec::new(),
    }
}

/// A register entry with a typed CPE: the CPE names the product; the version column, when
/// filled, is the version (a CPE copied once and not updated with the firmware would otherwise
/// keep checking the old version). An appliance hoshi knows gets NVD's way of writing it
/// (`pan-os:10.2.9:h1`).
fn typed_cpe(a: &AssetInput, name: String) -> Vec<Component> {
    let Some(f) = crate::nvd::cpe_fields(&a.cpe) else {
        return Vec::new();
    };
    let known = |v: &str| v != "*" && v != "-" && !v.is_empty();
    if a.version.is_empty() {
        let version = known(&f[3]).then(|| f[3].clone());
        return vec![Component {
            name,
            version,
            purl: None,
            cpe: Some(a.cpe.clone()),
        }];
    }
    let appliance = crate::appliance::APPLIANCES.iter().find(|app| {
        app.cpes.iter().any(|(part, vendor, product)| {
            f[0].eq_ignore_ascii_case(part)
                && f[1].eq_ignore_ascii_case(vendor)
                && f[2].eq_ignore_ascii_case(product)
        })
    });
    let cpes = match appliance {
        Some(app) => crate::appliance::cpe_for(app, &a.version)
            .into_iter()
            .filter(|c| {
                crate::nvd::cpe_fields(c).is_some_and(|g| {
                    g[1].eq_ignore_ascii_case(&f[1]) && g[2].eq_ignore_ascii_case(&f[2])
                })
            })
            .collect(),
        None => {
            // The typed CPE with the register's version in its version field (CPE 2.3 quoting
            // for anything but letters, digits, `-`, `.` and `_`).
            let quoted: String = a
                .version
                .chars()
                .flat_map(|c| {
                    let q = !(c.is_ascii_alphanumeric() || matches!(c, '-' | '.' | '_'));
                    q.then_some('\\').into_iter().chain(std::iter::once(c))
                })
                .collect();
            let mut g: Vec<String> = f.clone();
            g[3] = quoted;
            g[4] = "*".into();
            vec![format!("cpe:2.3:{}", g.join(":"))]
        }
    };
    cpes.into_iter()
        .map(|cpe| Component {
            name: name.clone(),
            version: Some(a.version.clone()),
            purl: None,
            cpe: Some(cpe),
        })
        .collect()
}

/// A piece of software from an asset's list as a component.
pub fn software_component(name: &str, version: &str, purl: &str, cpe: &str) -> Component {
    Component {
        name: name.to_string(),
        version: (!version.is_empty()).then(|| version.to_string()),
        purl: Purl::parse(purl),
        cpe: (!cpe.is_empty()).then(|| cpe.to_string()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn asset(maker: &str, os: &str, model: &str, version: &str, cpe: &str) -> AssetInput {
        AssetInput {
            tag: "NW-1".into(),
            kind: "network".into(),
            name: "VPN".into(),
            maker: maker.into(),
            os: os.into(),
            model: model.into(),
            version: version.into(),
            cpe: cpe.into(),
            ..AssetInput::default()
        }
    }

    #[test]
    fn register_rows_as_components() {
        let c = component_of(&asset("Palo Alto Networks", "PAN-OS", "", "10.2.9-h1", ""));
        assert_eq!(
            c[0].cpe.as_deref(),
            Some("cpe:2.3:o:paloaltonetworks:pan-os:10.2.9:h1:*:*:*:*:*:*")
        );
        // No OS written, the model says it.
        let c = component_of(&asset("フォーティネット", "", "FortiGate 60F", "7.2.5", ""));
        assert_eq!(
            c[0].cpe.as_deref(),
            Some("cpe:2.3:o:fortinet:fortios:7.2.5:*:*:*:*:*:*:*")
        );
        // A typed CPE without a version column is taken as it is, update field included.
        let typed = "cpe:2.3:a:ivanti:connect_secure:22.7:r2.3:*:*:*:*:*:*";
        let c = component_of(&asset("Ivanti", "", "", "", typed));
        assert_eq!(c[0].cpe.as_deref(), Some(typed));
        assert_eq!(c[0].version.as_deref(), Some("22.7"));
        // With a version column, the version is the column's: the firmware was updated, the
        // CPE copied long ago was not.
        let old = "cpe:2.3:o:fortinet:fortios:7.2.8:*:*:*:*:*:*:*";
        let c = component_of(&asset("Fortinet", "FortiOS", "", "7.2.5", old));
        assert_eq!(
            c[0].cpe.as_deref(),
            Some("cpe:2.3:o:fortinet:fortios:7.2.5:*:*:*:*:*:*:*")
        );
        let c = component_of(&asset(
            "Palo Alto",
            "",
            "",
            "10.2.9-h1",
            "cpe:2.3:o:paloaltonetworks:pan-os:*:*:*:*:*:*:*:*",
        ));
        assert_eq!(
            c[0].cpe.as_deref(),
            Some("cpe:2.3:o:paloaltonetworks:pan-os:10.2.9:h1:*:*:*:*:*:*")
        );
        let c = component_of(&asset(
            "Yamaha",
            "",
            "",
            "15.02.29",
            "cpe:2.3:o:yamaha:rtx1210_firmware:-:*:*:*:*:*:*:*",
        ));
        assert_eq!(
            c[0].cpe.as_deref(),
            Some("cpe:2.3:o:yamaha:rtx1210_firmware:15.02.29:*:*:*:*:*:*:*")
        );
        // Nothing hoshi knows and no CPE: nothing to check.
        assert!(component_of(&asset("NEC", "Windows 11 Pro", "", "23H2", "")).is_empty());
        assert!(component_of(&asset("Fortinet", "FortiOS", "", "", "")).is_empty());
    }
}
