//! What an exposure scan found, into the register: one asset per scanned host that showed a
//! product, numbered `EXT-<address>` so a later scan updates the same entry. The product hoshi
//! recognises best (a VPN or firewall appliance before a plain web server) becomes the asset's
//! OS or firmware and version; every identified service is listed in the notes.

use hoshi_core::asset::{AssetInput, AssetKind};
use hoshi_core::{ScanId, UserError};
use hoshi_scan::view::{HostView, ReportView};
use hoshi_store::assets;
use hoshi_store::exposure;

use crate::kernel::prelude::*;

/// The columns a scan fills; the rest (owner, location, support end…) stay as typed.
const COLUMNS: [&str; 8] = [
    "tag", "kind", "name", "maker", "model", "os", "version", "notes",
];

/// The appliance a port shows: by the scanner's fingerprint (its `vulns` id), else by maker and
/// product as a register would write them.
fn appliance_of(
    p: &hoshi_scan::view::PortView,
) -> Option<&'static hoshi_vulns::appliance::Appliance> {
    let (vendor, product) = (p.vendor.as_deref().unwrap_or(""), p.product.as_deref()?);
    static DB: std::sync::OnceLock<hoshi_scan::fingerprint::Db> = std::sync::OnceLock::new();
    let db = DB.get_or_init(hoshi_scan::fingerprint::Db::bundled);
    let by_rule = db
        .http
        .iter()
        .filter(|r| r.vendor == vendor && r.product == product)
        .filter_map(|r| r.vulns.as_deref())
        .chain(
            db.banner
                .iter()
                .filter(|r| r.vendor == vendor && r.product == product)
                .filter_map(|r| r.vulns.as_deref()),
        )
        .find_map(hoshi_vulns::appliance::by_scan_id);
    by_rule.or_else(|| hoshi_vulns::appliance::recognise(vendor, product))
}

/// The register entry for one scanned host, if it showed any product.
pub(super) fn asset_of(h: &HostView, date: &str, lang: Lang) -> Option<AssetInput> {
    let identified: Vec<_> = h
        .ports
        .iter()
        .filter(|p| p.state == "open" && p.product.is_some())
        .collect();
    let appliance = |p: &&hoshi_scan::view::PortView| appliance_of(p).is_some();
    let best = identified
        .iter()
        .find(|p| appliance(p) && p.version.is_some())
        .or_else(|| identified.iter().find(|p| appliance(p)))
        .or_else(|| identified.iter().find(|p| p.version.is_some()))
        .or_else(|| identified.first())?;
    let services: Vec<String> = identified
        .iter()
        .map(|p| format!("{}/tcp {}", p.port, p.what()))
        .collect();
    let notes = match lang {
        Lang::Ja => format!(
            "外部公開状況の検査（{date}）で検出: {}",
            services.join("、")
        ),
        Lang::En => format!(
            "Found by the exposure check ({date}): {}",
            services.join(", ")
        ),
    };
    // An appliance is written as the register writes it: maker, its OS (`FortiOS`) and the
    // face the scan saw (`FortiGate SSL-VPN`) as the model.
    let (kind, maker, model, os) = match appliance_of(best) {
        Some(app) => (
            AssetKind::Network,
            app.maker.to_string(),
            best.product.clone().unwrap_or_default(),
            app.product.to_string(),
        ),
        None => (
            AssetKind::Server,
            best.vendor.clone().unwrap_or_default(),
            String::new(),
            best.product.clone().unwrap_or_default(),
        ),
    };
    Some(
        AssetInput {
            tag: format!("EXT-{}", h.address),
            kind: kind.code().to_string(),
            name: h.host_name.clone().unwrap_or_else(|| h.address.clone()),
            maker,
            model,
            os,
            version: best.version.clone().unwrap_or_default(),
            notes: notes.chars().take(hoshi_core::asset::MAX_NOTES).collect(),
            ..AssetInput::default()
        }
        .normalised(),
    )
}

/// `POST /o/{org}/assets/from-scan/{sid}`: adds or updates the hosts a finished scan identified.
pub async fn from_scan(
    State(state): State<Shared>,
    Path((_, sid)): Path<(OrgId, ScanId)>,
    OrgForm {
        member: Member { ctx, m, .. },
        ..
    }: OrgForm<Editor, CsrfOnly>,
) -> AppResult<Response> {
    let scope = m.scope().clone();
    let scan = state
        .db(move |s| s.read(|c| exposure::get(c, &scope, sid.as_str())))
        .await?;
    if scan.state != "done" {
        return Err(AppError::BadRequest(UserError::ScanNotFinished));
    }
    let view = scan
        .report
        .as_deref()
        .and_then(|r| ReportView::parse(r).ok())
        .ok_or_else(|| AppError::Internal(format!("scan {} has no readable report", scan.id)))?;
    let date = hoshi_core::time::date_jst(scan.finished_at.unwrap_or_else(now));
    let rows: Vec<AssetInput> = view
        .hosts
        .iter()
        .filter_map(|h| asset_of(h, &date, ctx.lang))
        .filter(|a| a.validate().is_ok())
        .collect();
    let uid = ctx.user()?.0.id.clone();
    let org = m.org.id.clone();
    let id = scan.id.clone();
    let done = state
        .db(move |s| {
            s.write(|tx| {
                assets::import(
                    tx,
                    now(),
                    &uid,
                    &org,
                    &rows,
                    &COLUMNS,
                    assets::From::Scan(&id),
                )
            })
        })
        .await?;
    Ok(Redirect::to(&format!(
        "/o/{}/assets?created={}&updated={}&unchanged={}#import",
        m.org.id, done.created, done.updated, done.unchanged
    ))
    .into_response())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn host(json: &str) -> HostView {
        let report = format!(r#"{{"started_at":"s","finished_at":"f","hosts":[{json}]}}"#);
        ReportView::parse(&report).unwrap().hosts.remove(0)
    }

    #[test]
    fn the_appliance_is_the_asset_and_every_service_is_noted() {
        let h = host(
            r#"{"address":"203.0.113.7","host_name":"vpn.example.co.jp","ports":[
                {"port":22,"state":"open","service":"ssh","vendor":"OpenBSD","product":"OpenSSH","version":"9.2p1"},
                {"port":443,"state":"open","service":"https","vendor":"Fortinet","product":"FortiGate SSL-VPN","version":"7.2.5"},
                {"port":8443,"state":"filtered"}]}"#,
        );
        let a = asset_of(&h, "2026-12-03", Lang::Ja).unwrap();
        assert_eq!(a.tag, "EXT-203.0.113.7");
        assert_eq!(a.kind, "network");
        assert_eq!(a.name, "vpn.example.co.jp");
        assert_eq!(
            (
                a.maker.as_str(),
                a.model.as_str(),
                a.os.as_str(),
                a.version.as_str()
            ),
            ("Fortinet", "FortiGate SSL-VPN", "FortiOS", "7.2.5")
        );
        assert!(a.notes.contains("22/tcp OpenSSH 9.2p1"), "{}", a.notes);
        assert_eq!(a.validate(), Ok(()));
        // The register entry is checked as FortiOS 7.2.5.
        let c = hoshi_vulns::assets::component_of(&a);
        assert_eq!(
            c[0].cpe.as_deref(),
            Some("cpe:2.3:o:fortinet:fortios:7.2.5:*:*:*:*:*:*:*")
        );
    }

    #[test]
    fn a_host_without_a_product_gives_no_asset() {
        let h = host(
            r#"{"address":"203.0.113.8","ports":[{"port":80,"state":"open","service":"http"}]}"#,
        );
        assert_eq!(asset_of(&h, "2026-12-03", Lang::Ja), None);
        let h = host(
            r#"{"address":"203.0.113.9","ports":[{"port":21,"state":"open","product":"vsFTPd","version":"3.0.3"}]}"#,
        );
        let a = asset_of(&h, "2026-12-03", Lang::En).unwrap();
        assert_eq!(
            (a.kind.as_str(), a.name.as_str()),
            ("server", "203.0.113.9")
        );
    }
}
