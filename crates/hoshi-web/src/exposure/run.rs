//! Starting a scan and setting the rescan schedule (owners).

use hoshi_core::UserError;
use hoshi_scan::ports::Ports;
use hoshi_store::exposure::{self, NewScan, Target};

use super::page::render_exposure;
use crate::kernel::prelude::*;

#[derive(Deserialize)]
pub struct RunForm {
    #[serde(default)]
    _csrf: String,
    #[serde(default)]
    ports: String,
}

/// The ports as typed, checked: `top`, `all` or a list.
pub(super) fn ports_spec(typed: &str) -> Result<String, UserError> {
    let typed = typed.trim();
    let spec = if typed.is_empty() { "top" } else { typed };
    if spec.len() > 500 {
        return Err(UserError::ScanPortsBad);
    }
    Ports::parse(spec).map_err(|_| UserError::ScanPortsBad)?;
    Ok(spec.to_string())
}

/// The start of today in Japan (Unix seconds): the daily budget's window.
pub fn day_start_jst(now: i64) -> i64 {
    use hoshi_core::time::JST_OFFSET;
    (now + JST_OFFSET).div_euclid(86_400) * 86_400 - JST_OFFSET
}

/// `POST /o/{org}/exposure/scans`: queues a scan of every declared target that counts.
pub async fn start(
    State(state): State<Shared>,
    OrgForm {
        member: Member { ctx, m, .. },
        form: f,
    }: OrgForm<Owner, RunForm>,
) -> AppResult<Response> {
    let fs = FormState::new("scan", &[("ports", &f.ports)]);
    let uid = ctx.user()?.0.id.clone();
    let scope = m.scope().clone();
    let daily_max = state.config.scan.daily_max;
    let (approval, max) = (state.config.scan.approval, state.config.scan.max_addresses);
    let queued = match ports_spec(&f.ports) {
        Err(e) => Err(AppError::BadRequest(e)),
        Ok(ports) => {
            state
                .db(move |s| {
                    s.write(|tx| {
                        let active: Vec<Target> = exposure::targets(tx, &scope)?
                            .into_iter()
                            .filter(|t| t.active(approval))
                            .collect();
                        let count: i64 = active.iter().map(|t| t.addresses).sum();
                        if count > max as i64 {
                            return Err(hoshi_store::StoreError::Rule(
                                UserError::ScanTooManyAddresses { count, max },
                            ));
                        }
                        let targets: Vec<String> = active.into_iter().map(|t| t.target).collect();
                        let n = now();
                        exposure::request(
                            tx,
                            n,
                            scope.org_id(),
                            NewScan {
                                requested_by: Some(&uid),
                                ports: &ports,
                                targets: &targets,
                                daily_max,
                                day_start: day_start_jst(n),
                            },
                        )
                    })
                })
                .await
        }
    };
    match checked(queued, fs, ctx.lang)? {
        Ok(id) => {
            state.scan_wake.notify_one();
            Ok(Redirect::to(&format!("/o/{}/exposure/scans/{id}", m.org.id)).into_response())
        }
        Err(fs) => Ok(unprocessable(render_exposure(&state, &ctx, &m, fs).await?)),
    }
}

#[derive(Deserialize)]
pub struct ScheduleForm {
    #[serde(default)]
    _csrf: String,
    #[serde(default)]
    every: String,
    #[serde(default)]
    ports: String,
}

/// `POST /o/{org}/exposure/schedule`: rescans every N days (0 stops them).
pub async fn schedule(
    State(state): State<Shared>,
    OrgForm {
        member: Member { ctx, m, .. },
        form: f,
    }: OrgForm<Owner, ScheduleForm>,
) -> AppResult<Response> {
    let fs = FormState::new("schedule", &[("every", &f.every), ("ports", &f.ports)]);
    let every = f
        .every
        .trim()
        .parse::<i64>()
        .ok()
        .filter(|d| (0..=90).contains(d));
    let done = match (every, ports_spec(&f.ports)) {
        (None, _) => Err(AppError::BadRequest(UserError::ScanEveryBad)),
        (_, Err(e)) => Err(AppError::BadRequest(e)),
        (Some(every), Ok(ports)) => {
            let uid = ctx.user()?.0.id.clone();
            let org = m.org.id.clone();
            state
                .db(move |s| {
                    s.write(|tx| exposure::set_schedule(tx, now(), &uid, &org, every, &ports))
                })
                .await
        }
    };
    match checked(done, fs, ctx.lang)? {
        Ok(()) => Ok(Redirect::to(&format!("/o/{}/exposure#schedule", m.org.id)).into_response()),
        Err(fs) => Ok(unprocessable(render_exposure(&state, &ctx, &m, fs).await?)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_day_starts_at_midnight_in_japan() {
        // 2026-12-02 15:00 UTC is 2026-12-03 00:00 JST.
        let midnight_jst = 1_796_223_600;
        assert_eq!(day_start_jst(midnight_jst), midnight_jst);
        assert_eq!(day_start_jst(midnight_jst + 86_399), midnight_jst);
        assert_eq!(day_start_jst(midnight_jst - 1), midnight_jst - 86_400);
    }

    #[test]
    fn ports_are_checked_before_anything_is_queued() {
        assert_eq!(ports_spec("").unwrap(), "top");
        assert_eq!(
            ports_spec(" 22,443,8000-8010 ").unwrap(),
            "22,443,8000-8010"
        );
        assert!(ports_spec("70000").is_err());
        assert!(ports_spec("http").is_err());
    }
}
