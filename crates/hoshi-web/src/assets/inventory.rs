//! Reading an uploaded software list: `hoshi vulns check`'s reader, picked by the file's
//! content; the first unreadable lines are named in the member's language.

use hoshi_core::Lang;
use hoshi_store::assets::Software;

/// Most components one list may hold.
const MAX_ITEMS: usize = 100_000;

/// The kind of list (as stored) and its software, or why it cannot be read.
pub(super) fn read(
    bytes: &[u8],
    distro: &str,
    lang: Lang,
) -> Result<(&'static str, Vec<Software>), String> {
    let distro = if distro.is_empty() { "debian" } else { distro };
    let inv = hoshi_vulns::input::read(bytes, distro).map_err(|e| {
        let lines = e.lines(lang, 5);
        if lines.is_empty() {
            e.message(lang)
        } else {
            format!("{} ({})", e.message(lang), lines.join(" / "))
        }
    })?;
    if inv.components.len() > MAX_ITEMS {
        return Err(hoshi_vulns::sbom::SbomError::TooMany {
            components: inv.components.len(),
        }
        .message(lang));
    }
    Ok((
        inv.kind.code(),
        inv.components
            .into_iter()
            .map(|c| Software {
                name: c.name,
                version: c.version.unwrap_or_default(),
                purl: c.purl.map(|p| p.to_string()).unwrap_or_default(),
                cpe: c.cpe.unwrap_or_default(),
            })
            .collect(),
    ))
}
