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
        let version = (!a.version.is_empty())
            .then(|| a.version.clone())
            .or_else(|| {
                crate::nvd::cpe_fields(&a.cpe)
                    .map(|f| f[3].clone())
                    .filter(|v| v != "*" && v != "-")
            });
        return vec![Component {
            name,
            version,
            purl: None,
            cpe: Some(a.cpe.clone()),
        }];
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
        // A typed CPE wins and keeps its update field.
        let typed = "cpe:2.3:a:ivanti:connect_secure:22.7:r2.3:*:*:*:*:*:*";
        let c = component_of(&asset("Ivanti", "", "", "", typed));
        assert_eq!(c[0].cpe.as_deref(), Some(typed));
        assert_eq!(c[0].version.as_deref(), Some("22.7"));
        // Nothing hoshi knows and no CPE: nothing to check.
        assert!(component_of(&asset("NEC", "Windows 11 Pro", "", "23H2", "")).is_empty());
        assert!(component_of(&asset("Fortinet", "FortiOS", "", "", "")).is_empty());
    }
}
