//! Expiry reminders: one per threshold a confirmed result crosses.

use hoshi_store::mail::{self, NewMail};

use crate::kernel::time::{date_plus, days_until};
use crate::{Shared, now};

/// The reminder before a confirmed result expires.
pub fn expiry_text(e: &mail::Expiring, days_left: i64, link: &str) -> (String, String) {
    let subject = format!(
        "【hoshi】「{}」の有効期限が近づいています（{}）",
        e.title, e.valid_until
    );
    let body = format!(
        "{org} ご担当者様\n\n\
         専門家確認済みの自己評価「{title}」（★{level}）の有効期限は {until} です（あと {days} 日）。\n\
         有効期限を過ぎると、この結果を共有している発注企業には「有効期限切れ」と表示されます。\n\
         新しい年度の自己評価を作成し、専門家確認と自己適合宣誓を期限までに済ませてください。\n\n\
         {link}\n\n\
         ----\n\
         The confirmed self-assessment \"{title}\" (★{level}) of {org} is valid until {until} ({days} days left). \
         After that, buyers you share it with will see it as expired. Start the next assessment and have it confirmed and declared in time.\n",
        org = e.org_name,
        title = e.title,
        level = e.level,
        until = e.valid_until,
        days = days_left,
    );
    (subject, body)
}

/// Days before expiry at which reminders go out (and the banner appears from the first).
pub const REMINDER_DAYS: [i64; 3] = [60, 30, 7];

/// One pass of expiry reminders: each confirmed result gets one reminder per threshold it
/// crosses (only the nearest if several are crossed at once), mailed to the organisation's owners
/// and editors when SMTP is set up. Returns the number of reminders given.
pub async fn remind(state: &Shared) -> Result<usize, crate::kernel::error::AppError> {
    let today = crate::kernel::time::today();
    let horizon = date_plus(REMINDER_DAYS[0]);
    let mailing = state.config.mail.is_some();
    let base = state.config.public_url.trim_end_matches('/').to_string();
    let given = state
        .db(move |s| {
            let list = s.read(|c| mail::expiring_between(c, &today, &horizon))?;
            let mut given = 0;
            for e in list {
                let Some(left) = days_until(&e.valid_until) else {
                    continue;
                };
                // The nearest threshold reached; the larger ones are claimed silently.
                let Some(&at) = REMINDER_DAYS.iter().rev().find(|&&d| left <= d) else {
                    continue;
                };
                let link = format!("{base}/o/{}/a/{}", e.org_id, e.assessment_id);
                let claimed = s.write(|tx| {
                    let n = now();
                    let mut first = false;
                    for d in REMINDER_DAYS.iter().filter(|&&d| d >= at) {
                        let won = mail::claim_reminder(tx, n, &e.assessment_id, &format!("d{d}"))?;
                        if *d == at {
                            first = won;
                        }
                    }
                    if first && mailing {
                        // Recipients are read only for a reminder actually given.
                        let (subject, body) = expiry_text(&e, left, &link);
                        for r in &mail::org_editors(tx, &e.org_id)? {
                            if hoshi_mail::check_address(r).is_ok() {
                                mail::enqueue(
                                    tx,
                                    n,
                                    NewMail {
                                        org_id: Some(&e.org_id),
                                        kind: "expiry_reminder",
                                        ref_id: &e.assessment_id,
                                        recipient: r,
                                        subject: &subject,
                                        body: &body,
                                    },
                                )?;
                            }
                        }
                    }
                    Ok(first)
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
