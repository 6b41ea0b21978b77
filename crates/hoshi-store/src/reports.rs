//! What the damage-cost estimate of an assessment's PDF report is based on.

use crate::db::{ReadTx, WriteTx};
use crate::params;
use serde_json::json;

use crate::Result;
use crate::audit::{self, Change};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct ReportInputs {
    pub records: u64,
    pub revenue_yen: u64,
    pub stoppage_days: u32,
}

pub fn get(
    c: &ReadTx,
    scope: &crate::OrgScope,
    assessment_id: &str,
) -> Result<Option<ReportInputs>> {
    of_org(c, scope.org_id(), assessment_id)
}

fn of_org(c: &ReadTx, org_id: &str, assessment_id: &str) -> Result<Option<ReportInputs>> {
    c.query_opt(
        "SELECT r.records, r.revenue_yen, r.stoppage_days FROM report_inputs r
         JOIN assessments a ON a.id = r.assessment_id
         WHERE a.org_id = ?1 AND r.assessment_id = ?2",
        params![org_id, assessment_id],
        |r| {
            Ok(ReportInputs {
                records: r.get::<i64>(0)?.max(0) as u64,
                revenue_yen: r.get::<i64>(1)?.max(0) as u64,
                stoppage_days: r.get::<i64>(2)?.clamp(0, i64::from(u32::MAX)) as u32,
            })
        },
    )
}

/// Stores the inputs (the caller checked their range) or, with `None`, clears them.
pub fn set(
    tx: &WriteTx,
    now: i64,
    actor: &str,
    org_id: &str,
    assessment_id: &str,
    inputs: Option<ReportInputs>,
) -> Result<()> {
    crate::assessments::of_org(tx, org_id, assessment_id)?;
    let before = of_org(tx, org_id, assessment_id)?;
    match inputs {
        Some(i) => tx.execute(
            "INSERT INTO report_inputs (assessment_id, records, revenue_yen, stoppage_days, updated_by, updated_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6)
             ON CONFLICT (assessment_id) DO UPDATE SET records = excluded.records, revenue_yen = excluded.revenue_yen,
               stoppage_days = excluded.stoppage_days, updated_by = excluded.updated_by, updated_at = excluded.updated_at",
            params![assessment_id, i.records as i64, i.revenue_yen as i64, i.stoppage_days, actor, now],
        )?,
        None => tx.execute(
            "DELETE FROM report_inputs WHERE assessment_id = ?1",
            [assessment_id],
        )?,
    };
    let v = |i: Option<ReportInputs>| {
        i.map(|i| json!({"records": i.records, "revenue_yen": i.revenue_yen, "stoppage_days": i.stoppage_days}))
    };
    audit::append(
        tx,
        now,
        Change {
            actor: Some(actor),
            org_id: Some(org_id),
            action: "report.inputs",
            target: &format!("assessment:{assessment_id}"),
            before: v(before),
            after: v(inputs),
        },
    )?;
    Ok(())
}
