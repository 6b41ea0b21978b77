//! Package lists from real systems (tests/data/packages).

use hoshi_vulns::packages::dpkg;

#[test]
fn dpkg_query_of_a_debian_12_machine() {
    let path = format!(
        "{}/tests/data/packages/dpkg-query-debian12.txt",
        env!("CARGO_MANIFEST_DIR")
    );
    let text = std::fs::read_to_string(path).unwrap();
    let lines = text.lines().count();
    let r = dpkg(&text, "debian");
    assert_eq!(r.components.len(), lines - 1, "every package line read");
    assert_eq!(r.bad.len(), 1);
    assert_eq!(r.bad[0].line, lines);
    assert_eq!(r.bad[0].text, "this line is not from dpkg");
    let ssh = r
        .components
        .iter()
        .find(|c| c.name == "openssh-server")
        .unwrap();
    // The epoch stays in the version (Debian order needs it); the purl names Debian.
    assert!(ssh.version.as_deref().unwrap().starts_with("1:9.2p1-"));
    assert_eq!(
        ssh.purl.as_ref().and_then(|p| p.osv_package()),
        Some(("Debian", "openssh-server".into()))
    );
    // "libssl3:amd64" is the package libssl3.
    assert!(r.components.iter().any(|c| c.name == "libssl3"));
}
