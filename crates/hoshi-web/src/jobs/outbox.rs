//! The outbox worker: sends what is due and records the outcome.

use hoshi_store::mail::{self};

use super::reminders::remind;
use crate::{Shared, now};

/// Sends every message that is due and this server could claim (another server sharing the
/// database sends the rest). Returns how many were sent.
pub async fn deliver_due(state: &Shared) -> usize {
    let Some(cfg) = state.config.mail.clone() else {
        return 0;
    };
    let claim = hoshi_store::new_id();
    let c2 = claim.clone();
    let due = match state
        .db(move |s| s.write(|tx| mail::claim_due(tx, now(), 50, &c2)))
        .await
    {
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
        let claim = claim.clone();
        let outcome = match &result {
            Ok(()) => {
                sent += 1;
                tracing::info!(kind = %m.kind, id = %m.id, "mail sent");
                state
                    .db(move |s| s.write(|tx| mail::mark_sent(tx, now(), &id, &claim)))
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
    super::scans::spawn(state.clone());
    super::backups::spawn(state.clone());
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
            // Kept outside the database: `hoshi audit verify --recorded SEQ:HASH` compares.
            match state.db(|s| s.read(hoshi_store::audit::head)).await {
                Ok((seq, hash)) => tracing::info!(seq, %hash, "audit chain head"),
                Err(e) => tracing::warn!(error = ?e, "audit chain head unreadable"),
            }
            if let Err(e) = remind(&state).await {
                tracing::warn!(error = ?e, "expiry reminders failed");
            }
            if let Err(e) = crate::assets::send_review_reminders(&state).await {
                tracing::warn!(error = ?e, "register review reminders failed");
            }
            if let Err(e) = super::cycle::remind(&state).await {
                tracing::warn!(error = ?e, "recurring check reminders failed");
            }
            let checked = crate::attest::import::recheck_due(&state).await;
            if checked > 0 {
                tracing::info!(
                    checked,
                    "imported attestations checked against their issuers' revocation lists"
                );
            }
            let _ = state
                .db(|s| s.write(|tx| hoshi_store::sessions::purge_expired(tx, now())))
                .await;
            let _ = state
                .db(|s| s.write_unlocked(|tx| hoshi_store::users::purge_sign_in_budget(tx, now())))
                .await;
        }
    });
}
