//! Reminders of the yearly cycle's checks (issue 16): one mail [`REMIND_DAYS`] days before a
//! task is due and one when it is overdue, to the task's owner (or, without one, the
//! organisation's owners), in the recipient's language (both when none is stored). Each is
//! claimed once per task, due date and kind, so several servers or restarts send it once; once
//! overdue, the "coming due" reminder is claimed silently rather than sent late.
//!
//! [`REMIND_DAYS`]: hoshi_core::cycle::REMIND_DAYS

use hoshi_core::cycle::{self, Due};
use hoshi_store::cycle::Coming;
use hoshi_store::mail::{self, NewMail};

use crate::Shared;
use crate::kernel::error::AppError;

/// The mail for `task` in `lang` (`ja`, `en`, anything else: both).
pub fn text(task: &Coming, overdue: bool, lang: &str, link: &str) -> (String, String) {
    let crit = if task.criterion_id.is_empty() {
        String::new()
    } else {
        format!("（{}）", task.criterion_id)
    };
    let crit_en = if task.criterion_id.is_empty() {
        String::new()
    } else {
        format!(" ({})", task.criterion_id)
    };
    let (title, due, org) = (&task.title, &task.next_due, &task.org_name);
    let (sub_ja, ja) = if overdue {
        (
            format!("【hoshi】定期確認「{title}」の期限（{due}）を過ぎています"),
            format!(
                "{org} ご担当者様\n\n\
                 定期的な確認「{title}」{crit}の期限は {due} でした。まだ記録がありません。\n\
                 確認を行い、hoshi の確認のページで結果を記録してください。記録するまで、自己評価ではこの評価基準に警告が表示されます。\n"
            ),
        )
    } else {
        (
            format!("【hoshi】定期確認「{title}」の期限が近づいています（{due}）"),
            format!(
                "{org} ご担当者様\n\n\
                 定期的な確認「{title}」{crit}の期限は {due} です。\n\
                 期限までに確認を行い、hoshi の確認のページで結果を記録してください。記録は評価基準の証跡になります。\n"
            ),
        )
    };
    let (sub_en, en) = if overdue {
        (
            format!("[hoshi] Recurring check \"{title}\" was due on {due}"),
            format!(
                "The recurring check \"{title}\"{crit_en} of {org} was due on {due} and has not been recorded. \
                 Do the check and record it on its page in hoshi; until then the self-assessment shows a warning on the criterion.\n"
            ),
        )
    } else {
        (
            format!("[hoshi] Recurring check \"{title}\" is due on {due}"),
            format!(
                "The recurring check \"{title}\"{crit_en} of {org} is due on {due}. \
                 Do the check by then and record it on its page in hoshi; the record is evidence for the criterion.\n"
            ),
        )
    };
    match lang {
        "ja" => (sub_ja, format!("{ja}\n{link}\n")),
        "en" => (sub_en, format!("{en}\n{link}\n")),
        _ => (
            format!("{sub_ja} / {sub_en}"),
            format!("{ja}\n{link}\n\n----\n{en}"),
        ),
    }
}

/// One pass with today's date in Japan.
pub async fn remind(state: &Shared) -> Result<usize, AppError> {
    remind_on(state, &crate::kernel::time::today()).await
}

/// One pass as of `today` (`YYYY-MM-DD`): returns how many reminders were given.
pub async fn remind_on(state: &Shared, today: &str) -> Result<usize, AppError> {
    let mailing = state.config.mail.is_some();
    let base = state.config.public_url.trim_end_matches('/').to_string();
    let today = today.to_string();
    let Some(horizon) = cycle::add_days(&today, cycle::REMIND_DAYS) else {
        return Ok(0);
    };
    let given = state
        .db(move |s| {
            let list = s.read(|c| hoshi_store::cycle::coming_due(c, &horizon))?;
            let mut given = 0;
            for task in list {
                let overdue = cycle::due_state(&task.next_due, &today) == Due::Overdue;
                let kind = if overdue { "overdue" } else { "soon" };
                let link = format!("{base}/o/{}/cycle/{}", task.org_id, task.task_id);
                let won = s.write(|tx| {
                    let n = crate::now();
                    if overdue {
                        hoshi_store::cycle::claim_reminder(
                            tx,
                            n,
                            &task.task_id,
                            &task.next_due,
                            "soon",
                        )?;
                    }
                    let won = hoshi_store::cycle::claim_reminder(
                        tx,
                        n,
                        &task.task_id,
                        &task.next_due,
                        kind,
                    )?;
                    if won && mailing {
                        let to = hoshi_store::cycle::recipients(
                            tx,
                            &task.org_id,
                            task.owner_id.as_deref(),
                        )?;
                        for (address, lang) in &to {
                            if hoshi_mail::check_address(address).is_err() {
                                continue;
                            }
                            let (subject, body) = text(&task, overdue, lang, &link);
                            mail::enqueue(
                                tx,
                                n,
                                NewMail {
                                    org_id: Some(&task.org_id),
                                    kind: "cycle_reminder",
                                    ref_id: &task.task_id,
                                    recipient: address,
                                    subject: &subject,
                                    body: &body,
                                },
                            )?;
                        }
                    }
                    Ok(won)
                })?;
                if won {
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

#[cfg(test)]
mod tests {
    use super::*;

    fn task() -> Coming {
        Coming {
            task_id: "t".into(),
            org_id: "o".into(),
            org_name: "星川精機".into(),
            title: "体制の点検".into(),
            criterion_id: "1-2-1-3".into(),
            next_due: "2027-04-01".into(),
            owner_id: None,
        }
    }

    #[test]
    fn mails_in_the_recipients_language() {
        let (s, b) = text(&task(), false, "ja", "https://h/x");
        assert!(s.contains("2027-04-01") && s.contains("近づいて"), "{s}");
        assert!(b.contains("1-2-1-3") && b.contains("https://h/x") && !b.contains("recurring"));
        let (s, b) = text(&task(), true, "en", "https://h/x");
        assert!(s.contains("was due") && b.contains("has not been recorded"));
        assert!(!b.contains("ご担当者様"));
        let (s, b) = text(&task(), true, "", "https://h/x");
        assert!(s.contains("過ぎています") && s.contains("was due"));
        assert!(b.contains("ご担当者様") && b.contains("has not been recorded"));
    }
}
