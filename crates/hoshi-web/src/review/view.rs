//! How a review is shown on other features' pages: status label, declaration line, statement text.

use hoshi_core::ReviewStatus;
use hoshi_store::ReadTx;
use hoshi_store::reviews::{self, Review};

use crate::kernel::i18n::Tr;

/// The review of an assessment of the organisation in scope.
pub fn review_of(
    c: &ReadTx,
    scope: &hoshi_store::OrgScope,
    assessment_id: &str,
) -> hoshi_store::Result<Option<Review>> {
    reviews::get(c, scope, assessment_id)
}

/// The declaration as shown: "代表取締役 山田 太郎 (2026-11-21、本人が宣誓)"; empty before it.
pub fn declared_text(t: &Tr, r: Option<&Review>) -> String {
    r.and_then(|r| {
        r.declared_on.as_ref().map(|d| {
            let how = match (r.declared_in_person, &r.declaration_evidence) {
                (true, _) => t.s("declared_in_person"),
                (false, Some(_)) => t.s("declared_recorded"),
                (false, None) => "",
            };
            format!(
                "{} {} ({d}{how})",
                r.officer_title.as_deref().unwrap_or_default(),
                r.officer_name.as_deref().unwrap_or_default()
            )
        })
    })
    .unwrap_or_default()
}

/// The review status as shown to people, with expiry derived from the date.
pub fn status_label(t: &Tr, r: Option<&Review>, today: &str) -> String {
    t.s(match r {
        None => "st_draft",
        Some(r) => match r.status {
            ReviewStatus::Draft => "st_draft",
            ReviewStatus::Submitted => "st_submitted",
            ReviewStatus::InReview if r.evaluator_org.is_some() => "st_in_evaluation",
            ReviewStatus::InReview => "st_in_review",
            ReviewStatus::Returned => "st_returned",
            ReviewStatus::Confirmed if !r.status.valid_on(r.valid_until.as_deref(), today) => {
                "st_expired"
            }
            ReviewStatus::Confirmed => "st_confirmed",
        },
    })
    .to_string()
}

use hoshi_core::Lang;

/// The declaration text an officer signs, in the language it is shown in.
pub fn statement(lang: Lang, org: &str, level: &str, by_body: bool) -> String {
    if by_body {
        return match lang {
            Lang::Ja => format!(
                "{org}は、この{level}の自己評価が事実に基づいて行われ、評価機関による書面確認・現地確認・技術検証を受けたことを確認します。経営の責任において、記載した対策を今後も継続して実施することを宣誓します。"
            ),
            Lang::En => format!(
                "{org} confirms that this {level} self-assessment reflects the facts and was evaluated by an evaluation body through document review, on-site review and technical verification. Under management's responsibility, we declare that we will keep carrying out the measures it describes."
            ),
        };
    }
    match lang {
        Lang::Ja => format!(
            "{org}は、この{level}の自己評価が事実に基づいて行われ、セキュリティの専門家による確認を受けたことを確認します。経営の責任において、記載した対策を今後も継続して実施することを宣誓します。"
        ),
        Lang::En => format!(
            "{org} confirms that this {level} self-assessment reflects the facts and was confirmed by a security expert. Under management's responsibility, we declare that we will keep carrying out the measures it describes."
        ),
    }
}
