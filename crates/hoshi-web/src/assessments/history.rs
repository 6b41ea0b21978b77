//! The assessment's audited history.

use std::collections::HashMap;

use hoshi_store::audit;
use hoshi_store::orgs::{self};

use super::overview::load;
use crate::kernel::prelude::*;

#[derive(Template)]
#[template(path = "assessments/history.html")]
struct HistoryT {
    p: Page,
    org_id: String,
    org_name: String,
    id: String,
    title: String,
    entries: Vec<Entry>,
}

/// One line of the history.
struct Entry {
    when: String,
    who: String,
    /// What happened, as a sentence.
    what: String,
    /// The stored record (before → after), for those who audit.
    record: String,
}

/// An answer's status as the history names it.
fn status_name(v: Option<&serde_json::Value>, lang: Lang) -> String {
    let id = v
        .and_then(|v| v.get("status"))
        .and_then(|s| s.as_str())
        .unwrap_or("unanswered");
    hoshi_core::Status::parse(id)
        .unwrap_or(hoshi_core::Status::Unanswered)
        .label()
        .get(lang)
        .to_string()
}

/// What a review step in the history means, in the reader's language.
fn describe_review(
    action: &str,
    item: &str,
    after: Option<&serde_json::Value>,
    lang: Lang,
) -> String {
    let pick = |j: String, e: String| if lang == Lang::Ja { j } else { e };
    match action {
        "review.reply" => pick(
            format!("{item} の確認者のコメントに返信しました。"),
            format!("Replied to the reviewer on {item}."),
        ),
        "review.comment" if item.is_empty() => pick(
            "差し戻しの理由を記しました。".into(),
            "Gave the reason for returning it.".into(),
        ),
        "review.comment" => pick(
            format!("{item} にコメントしました。"),
            format!("Commented on {item}."),
        ),
        "review.invite_expert" => pick(
            "専門家への依頼リンクを発行しました。".into(),
            "Issued a link inviting the expert.".into(),
        ),
        "review.expert_assigned" => pick(
            "専門家が確認を引き受けました。".into(),
            "The expert accepted the review.".into(),
        ),
        "review.evaluator_assigned" => pick(
            "評価機関が評価を引き受けました。".into(),
            "The evaluation body accepted the evaluation.".into(),
        ),
        "review.draft" => pick(
            "確認依頼を取り下げました。".into(),
            "Withdrew the request for review.".into(),
        ),
        "review.submitted" => pick(
            "確認を依頼しました。".into(),
            "Submitted it for review.".into(),
        ),
        "review.in-review" => pick("確認を開始しました。".into(), "Started the review.".into()),
        "review.returned" => pick("差し戻しました。".into(), "Returned it for changes.".into()),
        "review.confirmed" => pick("確認を完了しました。".into(), "Confirmed it.".into()),
        "review.valid_until" => {
            let until = after
                .and_then(|a| a.get("valid_until"))
                .and_then(|v| v.as_str())
                .unwrap_or("");
            pick(
                format!("有効期限を {until} としました。"),
                format!("Set the validity to {until}."),
            )
        }
        "review.declare" => pick(
            "経営者が自己適合宣誓を行いました。".into(),
            "Management made the declaration.".into(),
        ),
        "review.expiry_reminder" => pick(
            "有効期限が近いことを知らせました。".into(),
            "Sent a reminder that the validity ends soon.".into(),
        ),
        other => other.to_string(),
    }
}

/// What an audit entry about an assessment means, in the reader's language.
fn describe(
    action: &str,
    item: &str,
    before: Option<&serde_json::Value>,
    after: Option<&serde_json::Value>,
    lang: Lang,
) -> String {
    let ja = lang == Lang::Ja;
    let pick = |j: String, e: String| if ja { j } else { e };
    match action {
        "answer.save" => {
            let (from, to) = (status_name(before, lang), status_name(after, lang));
            if from == to {
                pick(
                    format!("{item} の回答（{to}）の内容を更新しました。"),
                    format!("Updated the answer to {item} ({to})."),
                )
            } else {
                pick(
                    format!("{item} の回答を「{from}」から「{to}」に変更しました。"),
                    format!("Changed the answer to {item} from {from} to {to}."),
                )
            }
        }
        "assessment.create" => pick(
            "自己評価を作成しました。".into(),
            "Created the self-assessment.".into(),
        ),
        "evidence.link" => pick(
            format!("{item} に証跡を紐付けました。"),
            format!("Attached evidence to {item}."),
        ),
        "evidence.unlink" => pick(
            format!("{item} から証跡を外しました。"),
            format!("Detached evidence from {item}."),
        ),
        a if a.starts_with("review.") => describe_review(a, item, after, lang),
        "evaluation.record" => pick(
            format!("{item} の評価結果を記録しました。"),
            format!("Recorded the evaluation of {item}."),
        ),
        "report.inputs" => pick(
            "損害額試算の入力を更新しました。".into(),
            "Updated the cost-estimate inputs.".into(),
        ),
        "attestation.issue" => pick(
            "署名付き結果を発行しました。".into(),
            "Issued a signed result.".into(),
        ),
        "attestation.revoke" => pick(
            "署名付き結果を失効させました。".into(),
            "Revoked a signed result.".into(),
        ),
        "attestation.publish" => pick(
            "署名付き結果を公開登録しました。".into(),
            "Listed a signed result on the public register.".into(),
        ),
        "attestation.unpublish" => pick(
            "署名付き結果の公開登録を取り下げました。".into(),
            "Took a signed result off the public register.".into(),
        ),
        other => other.to_string(),
    }
}

pub async fn history_page(
    State(state): State<Shared>,
    Member { ctx, m, .. }: Member<Viewer>,
    Path((_, id)): Path<(OrgId, AssessmentId)>,
) -> AppResult<Response> {
    let (row, _) = load(&state, &m, &id).await?;
    let (aid, scope) = (row.id.clone(), m.scope().clone());
    let (entries, names) = state
        .db(move |s| {
            s.read(|c| {
                let entries = audit::for_target(c, &scope, &format!("assessment:{aid}"), 500)?;
                let mut names: HashMap<String, String> = orgs::members(c, &scope)?
                    .into_iter()
                    .map(|m| (m.user_id, m.display_name))
                    .collect();
                // The expert or evaluation body's people acted here too: name them.
                for actor in entries.iter().filter_map(|e| e.actor.as_ref()) {
                    if !names.contains_key(actor)
                        && let Ok(u) = hoshi_store::users::get(c, actor)
                    {
                        names.insert(actor.clone(), u.display_name);
                    }
                }
                Ok((entries, names))
            })
        })
        .await?;
    let lang = ctx.lang;
    let entries = entries
        .into_iter()
        .map(|e| {
            let item = e.target.split_once('/').map(|(_, x)| x).unwrap_or("");
            let before = e
                .before
                .as_deref()
                .and_then(|b| serde_json::from_str(b).ok());
            let after = e
                .after
                .as_deref()
                .and_then(|a| serde_json::from_str(a).ok());
            Entry {
                when: ctx.time(e.at),
                who: e
                    .actor
                    .as_ref()
                    .and_then(|a| names.get(a).cloned())
                    .unwrap_or_else(|| ctx.t().s("history_someone").to_string()),
                what: describe(&e.action, item, before.as_ref(), after.as_ref(), lang),
                record: [e.before, e.after]
                    .into_iter()
                    .flatten()
                    .collect::<Vec<_>>()
                    .join(" → "),
            }
        })
        .collect();
    let mut p = Page::new(&ctx, "history");
    p.title = format!("{} — {}", ctx.t().s("history"), row.title);
    Ok(html(HistoryT {
        p,
        org_id: m.org.id.clone(),
        org_name: m.org.name.clone(),
        id: row.id.clone(),
        title: row.title.clone(),
        entries,
    }))
}
