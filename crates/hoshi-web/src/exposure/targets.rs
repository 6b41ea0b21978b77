//! Declaring what the organisation runs on the internet: addresses, ranges, host names.

use hoshi_core::{ScanTargetId, UserError};
use hoshi_scan::target::{Spec, network_of, parse, range_size};
use hoshi_store::exposure::{self, NewTarget};

use super::ScanPolicy;
use super::page::render_exposure;
use crate::kernel::prelude::*;

#[derive(Deserialize)]
pub struct DeclareForm {
    #[serde(default)]
    _csrf: String,
    #[serde(default)]
    target: String,
    #[serde(default)]
    confirm: String,
}

/// A target checked and written the way it is stored.
#[derive(Debug, PartialEq, Eq)]
pub(super) struct Checked {
    pub target: String,
    pub kind: &'static str,
    pub addresses: i64,
}

/// Reads what a member typed: one address, a range (its network address and prefix) or a host
/// name; refuses addresses this server may not scan and ranges larger than one scan.
pub(super) fn check(typed: &str, policy: &ScanPolicy) -> Result<Checked, UserError> {
    let typed = typed.trim();
    let bad = || UserError::ScanTargetBad {
        target: typed.chars().take(100).collect(),
    };
    let not_public = || UserError::ScanTargetNotPublic {
        target: typed.to_string(),
    };
    match parse(typed).map_err(|_| bad())? {
        Spec::Address(a) => {
            if !policy.permits(a) {
                return Err(not_public());
            }
            Ok(Checked {
                target: a.to_string(),
                kind: "address",
                addresses: 1,
            })
        }
        Spec::Range { base, prefix } => {
            let count = range_size(base, prefix);
            if count > policy.max_addresses as u128 {
                return Err(UserError::ScanRangeTooLarge {
                    target: typed.to_string(),
                    count,
                    max: policy.max_addresses,
                });
            }
            let network = network_of(base, prefix);
            if !policy.permits_block(network, prefix) {
                return Err(not_public());
            }
            if count == 1 {
                return Ok(Checked {
                    target: network.to_string(),
                    kind: "address",
                    addresses: 1,
                });
            }
            Ok(Checked {
                target: format!("{network}/{prefix}"),
                kind: "range",
                addresses: i64::try_from(count).unwrap_or(i64::MAX),
            })
        }
        Spec::Host(h) => {
            // Names only a local network resolves would have the server probe its own
            // surroundings: a single label, and the suffixes reserved for local use.
            const LOCAL: &[&str] = &[
                ".local",
                ".localhost",
                ".internal",
                ".intranet",
                ".lan",
                ".home",
                ".home.arpa",
                ".corp",
                ".localdomain",
                ".arpa",
            ];
            let dotted = format!(".{h}");
            if !h.contains('.') || LOCAL.iter().any(|s| dotted.ends_with(s)) {
                return Err(UserError::ScanTargetInternalName { target: h });
            }
            Ok(Checked {
                target: h,
                kind: "host",
                addresses: 1,
            })
        }
    }
}

/// `POST /o/{org}/exposure/targets`: editors and owners declare; what an editor declares waits
/// for an owner, an owner's declaration counts at once (a range once the box is ticked).
pub async fn declare(
    State(state): State<Shared>,
    OrgForm {
        member: Member { ctx, m, .. },
        form: f,
    }: OrgForm<Editor, DeclareForm>,
) -> AppResult<Response> {
    let fs = FormState::new("target", &[("target", &f.target)]);
    let is_owner = m.role == Role::Owner;
    let done = match check(&f.target, &state.config.scan) {
        Err(e) => Err(AppError::BadRequest(e)),
        Ok(c) if c.kind == "range" && is_owner && f.confirm != "yes" => {
            Err(AppError::BadRequest(UserError::ScanRangeConfirm))
        }
        Ok(c) => {
            let uid = ctx.user()?.0.id.clone();
            let org = m.org.id.clone();
            state
                .db(move |s| {
                    s.write(|tx| {
                        exposure::declare(
                            tx,
                            now(),
                            &uid,
                            &org,
                            NewTarget {
                                target: &c.target,
                                kind: c.kind,
                                addresses: c.addresses,
                                confirmed: is_owner,
                            },
                        )
                    })
                })
                .await
                .map(|_| ())
        }
    };
    match checked(done, fs, ctx.lang)? {
        Ok(()) => Ok(Redirect::to(&format!("/o/{}/exposure#targets", m.org.id)).into_response()),
        Err(fs) => Ok(unprocessable(render_exposure(&state, &ctx, &m, fs).await?)),
    }
}

/// `POST /o/{org}/exposure/targets/{tid}/confirm`: an owner confirms an editor's declaration.
pub async fn confirm(
    State(state): State<Shared>,
    Path((_, tid)): Path<(OrgId, ScanTargetId)>,
    OrgForm {
        member: Member { ctx, m, .. },
        ..
    }: OrgForm<Owner, CsrfOnly>,
) -> AppResult<Response> {
    let uid = ctx.user()?.0.id.clone();
    let org = m.org.id.clone();
    state
        .db(move |s| s.write(|tx| exposure::confirm(tx, now(), &uid, &org, &tid)))
        .await?;
    Ok(Redirect::to(&format!("/o/{}/exposure#targets", m.org.id)).into_response())
}

/// `POST /o/{org}/exposure/targets/{tid}/remove`
pub async fn remove(
    State(state): State<Shared>,
    Path((_, tid)): Path<(OrgId, ScanTargetId)>,
    OrgForm {
        member: Member { ctx, m, .. },
        ..
    }: OrgForm<Owner, CsrfOnly>,
) -> AppResult<Response> {
    let uid = ctx.user()?.0.id.clone();
    let org = m.org.id.clone();
    state
        .db(move |s| s.write(|tx| exposure::remove(tx, now(), &uid, &org, &tid)))
        .await?;
    Ok(Redirect::to(&format!("/o/{}/exposure#targets", m.org.id)).into_response())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn targets_are_stored_in_one_form_and_only_public_ones_by_default() {
        let p = ScanPolicy::default();
        assert_eq!(
            check(" 133.242.0.1 ", &p),
            Ok(Checked {
                target: "133.242.0.1".into(),
                kind: "address",
                addresses: 1
            })
        );
        assert_eq!(
            check("133.242.0.77/28", &p),
            Ok(Checked {
                target: "133.242.0.64/28".into(),
                kind: "range",
                addresses: 16
            })
        );
        assert_eq!(check("133.242.0.1/32", &p).unwrap().kind, "address");
        assert_eq!(
            check("VPN.Example.co.jp", &p).unwrap().target,
            "vpn.example.co.jp"
        );
        for private in [
            "192.168.1.1",
            "10.0.0.0/24",
            "127.0.0.1",
            "::1",
            "169.254.169.254",
        ] {
            assert!(
                matches!(
                    check(private, &p),
                    Err(UserError::ScanTargetNotPublic { .. })
                ),
                "{private}"
            );
        }
        assert!(matches!(
            check("133.242.0.0/16", &p),
            Err(UserError::ScanRangeTooLarge { count: 65536, .. })
        ));
        assert!(matches!(
            check("vpn..example", &p),
            Err(UserError::ScanTargetBad { .. })
        ));
        for local in [
            "localhost",
            "redis",
            "metadata.google.internal",
            "nas.local",
            "router.home.arpa",
            "db.corp",
        ] {
            assert!(
                matches!(
                    check(local, &p),
                    Err(UserError::ScanTargetInternalName { .. })
                ),
                "{local}"
            );
        }
        // The administrator's networks are allowed, and only inside them.
        let lan = ScanPolicy {
            allow: vec![crate::kernel::proxy::IpNet::parse("192.168.10.0/24").unwrap()],
            ..ScanPolicy::default()
        };
        assert!(check("192.168.10.0/28", &lan).is_ok());
        assert!(check("192.168.11.1", &lan).is_err());
        assert!(check("192.168.0.0/23", &lan).is_err());
        // The same block written as IPv4-mapped IPv6 is judged as the IPv4 block.
        assert!(check("::ffff:192.168.10.0/124", &lan).is_ok());
        assert!(check("::ffff:192.168.10.0/120", &lan).is_ok());
        assert!(check("::ffff:192.168.10.0/119", &lan).is_err());
    }
}
