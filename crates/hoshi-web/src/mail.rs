//! Outgoing mail: the texts hoshi sends, the outbox worker and the expiry reminders.
//!
//! Handlers never talk SMTP: they write the message into the store's outbox in the same
//! transaction as the change (an invitation, a reminder), then wake the worker. The worker sends
//! what is due and records the outcome; transient failures are retried by the store's schedule.
//! Without SMTP settings nothing is queued and people copy links from the page instead.

use hoshi_core::time;
use hoshi_store::mail::{self, NewMail};
use hoshi_store::supply::Relationship;

use crate::{Shared, now};

/// The invitation mail to a supplier's contact. Japanese first, English below.
pub fn supplier_invite_text(
    buyer: &str,
    r: &Relationship,
    link: &str,
    expires_at: i64,
) -> (String, String) {
    let due = r.due_date.clone().unwrap_or_else(|| "未設定".into());
    let due_en = r.due_date.clone().unwrap_or_else(|| "not set".into());
    let expires = time::minutes(expires_at);
    let greeting = if r.contact_name.is_empty() {
        format!("{} ご担当者様", r.supplier_name)
    } else {
        format!("{} {} 様", r.supplier_name, r.contact_name)
    };
    let subject = format!("【hoshi】{buyer} からサプライチェーン・セキュリティ評価のご依頼");
    let supplies = if r.supplies.is_empty() {
        String::new()
    } else {
        format!("取引内容: {}\n", r.supplies)
    };
    let body = format!(
        "{greeting}\n\n\
         {buyer} から、hoshi を通じてサプライチェーン・セキュリティ評価制度（SCS評価制度）に基づく自己評価のご依頼が届いています。\n\n\
         求めるレベル: ★{level}\n\
         回答期限: {due}\n\
         {supplies}\n\
         次のリンクを開き、招待を承諾してください。承諾すると、既存の組織または新しく作成する組織で自己評価を始められます。一度作成した自己評価は、ほかの発注企業とも共有できます。\n\n\
         {link}\n\n\
         このリンクは1回限り有効で、{expires} まで使えます。お心当たりがない場合は、このメールを破棄してください。リンクを開かない限り、何も登録されません。\n\n\
         ----\n\
         {buyer} has asked you, through hoshi, for a self-assessment under Japan's Supply-Chain Security evaluation scheme at level ★{level} (due: {due_en}). \
         Open the link above to accept; it works once and until {expires}. If you did not expect this message, ignore it: nothing is registered unless the link is opened.\n",
        level = r.required_level,
    );
    (subject, body)
}

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

fn date_plus(days: i64) -> String {
    time::date(now() + days * 86_400)
}

/// Days from today (UTC) until `date` (YYYY-MM-DD); negative when past.
pub fn days_until(date: &str) -> Option<i64> {
    let (y, m, d) = time::parse_date(date)?;
    Some(time::days_from_civil(y, m, d) - now().div_euclid(86_400))
}

/// One pass of expiry reminders: each confirmed result gets one reminder per threshold it
/// crosses (only the nearest if several are crossed at once), mailed to the organisation's owners
/// and editors when SMTP is set up. Returns the number of reminders given.
pub async fn remind(state: &Shared) -> Result<usize, crate::error::AppError> {
    let today = time::date(now());
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

/// Sends every message that is due. Returns how many were sent.
pub async fn deliver_due(state: &Shared) -> usize {
    let Some(cfg) = state.config.mail.clone() else {
        return 0;
    };
    let due = match state.db(|s| s.read(|c| mail::due(c, now(), 50))).await {
        Ok(d) => d,
        Err(e) => {
            tracing::warn!(error = ?e, "mail outbox unreadable");
            return 0;
        }
    };
    let mut sent = 0;
    for m in due {
        let msg = hoshi_mail::Message {
            from_name: cfg.from_name.clone(),
            from: cfg.from.clone(),
            to: m.recipient.clone(),
            subject: m.subject.clone(),
            body: m.body.clone(),
        };
        let result = hoshi_mail::send(&cfg, &msg, now(), &m.id).await;
        let id = m.id.clone();
        let outcome = match &result {
            Ok(()) => {
                sent += 1;
                tracing::info!(kind = %m.kind, id = %m.id, "mail sent");
                state
                    .db(move |s| s.write(|tx| mail::mark_sent(tx, now(), &id)))
                    .await
            }
            Err(e) => {
                tracing::warn!(kind = %m.kind, id = %m.id, error = %e, "mail not sent");
                let (text, permanent) = (e.to_string(), e.is_permanent());
                state
                    .db(move |s| s.write(|tx| mail::mark_failed(tx, now(), &id, &text, permanent)))
                    .await
            }
        };
        if let Err(e) = outcome {
            tracing::warn!(error = ?e, "cannot record the mail outcome");
        }
    }
    sent
}

/// Background work of a running server: the mail worker (woken on new mail, else every 30 s),
/// expiry reminders every hour, and the hourly purge of expired sessions.
pub fn spawn_background(state: Shared) {
    let worker = state.clone();
    tokio::spawn(async move {
        loop {
            deliver_due(&worker).await;
            tokio::select! {
                _ = worker.mail_wake.notified() => {},
                _ = tokio::time::sleep(std::time::Duration::from_secs(30)) => {},
            }
        }
    });
    tokio::spawn(async move {
        let mut tick = tokio::time::interval(std::time::Duration::from_secs(3600));
        loop {
            tick.tick().await;
            if let Err(e) = remind(&state).await {
                tracing::warn!(error = ?e, "expiry reminders failed");
            }
            let _ = state
                .db(|s| s.write(|tx| hoshi_store::sessions::purge_expired(tx, now())))
                .await;
        }
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn days_until_inverts_the_calendar() {
        let today = time::date(now());
        assert_eq!(days_until(&today), Some(0));
        assert_eq!(days_until(&date_plus(30)), Some(30));
        assert_eq!(days_until(&date_plus(-400)), Some(-400));
        assert_eq!(days_until("2026-13"), None);
    }
}
