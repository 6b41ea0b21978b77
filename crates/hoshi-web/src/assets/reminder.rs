//! The yearly review's reminders (SCS 3-1-1-4): 30 days before a year has passed since the last
//! review (or since the register's first asset), and once when it is overdue — mailed to the
//! organisation's owners and editors when SMTP is set up, claimed once per due date and
//! threshold so several servers or restarts send each only once.

use hoshi_store::assets;
use hoshi_store::mail::{self, NewMail};

use super::register::REVIEW_DAYS;
use crate::{Shared, now};

/// Days before the due date the first reminder goes out.
const AHEAD_DAYS: i64 = 30;

fn text(org: &str, due: &str, overdue: bool, link: &str) -> (String, String) {
    let subject =
        "【hoshi】資産台帳の年次見直しの時期です / The asset register's yearly review is due"
            .to_string();
    let (ja, en) = if overdue {
        (
            format!("資産台帳の見直し期限（{due}）を過ぎています。"),
            format!("The register's review was due on {due}."),
        )
    } else {
        (
            format!("資産台帳の見直し期限は {due} です。"),
            format!("The register's review is due on {due}."),
        )
    };
    let body = format!(
        "{org} ご担当者様\n\n\
         {ja}\n\
         台帳のすべての資産が現状と合っているか（廃棄・追加・管理責任者やサポート終了日の変更）を確認し、\
         hoshi の資産台帳のページで「見直しを記録する」を押してください。記録は 3-1-1-4 の証跡になります。\n\n\
         {link}\n\n\
         ----\n\
         {en} Check that every asset of {org} matches reality (disposed, added, new owners or support ends) \
         and record the review on the register's page; the record is evidence for 3-1-1-4.\n"
    );
    (subject, body)
}

/// One pass: returns how many reminders were given.
pub async fn send_review_reminders(
    state: &Shared,
) -> Result<usize, crate::kernel::error::AppError> {
    let mailing = state.config.mail.is_some();
    let base = state.config.public_url.trim_end_matches('/').to_string();
    let given = state
        .db(move |s| {
            let clocks = s.read(assets::review_clocks)?;
            let n = now();
            let mut given = 0;
            for (org, since) in clocks {
                let due_at = since + REVIEW_DAYS * 86_400;
                if n < due_at - AHEAD_DAYS * 86_400 {
                    continue;
                }
                let due = hoshi_core::time::date_jst(due_at);
                let overdue = n >= due_at;
                let kind = format!("{due}:{}", if overdue { "due" } else { "d30" });
                let link = format!("{base}/o/{org}/assets#review");
                let claimed = s.write(|tx| {
                    // Once overdue, the advance notice is no longer worth sending.
                    if overdue {
                        assets::claim_review_reminder(tx, n, &org, &format!("{due}:d30"))?;
                    }
                    let won = assets::claim_review_reminder(tx, n, &org, &kind)?;
                    if won && mailing {
                        let name = hoshi_store::orgs::name(tx, &org)?;
                        let (subject, body) = text(&name, &due, overdue, &link);
                        for r in &mail::org_editors(tx, &org)? {
                            if hoshi_mail::check_address(r).is_ok() {
                                mail::enqueue(
                                    tx,
                                    n,
                                    NewMail {
                                        org_id: Some(&org),
                                        kind: "asset_review_reminder",
                                        ref_id: &org,
                                        recipient: r,
                                        subject: &subject,
                                        body: &body,
                                    },
                                )?;
                            }
                        }
                    }
                    Ok(won)
                })?;
                if claimed {
                    given += 1;
                }
            }
            Ok(given)
        })
        .await?;
    if given > 0 {
        state.mail_wake.notify_one();
    }
    Ok(given)
}
