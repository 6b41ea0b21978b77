//! The review of an assessment as a state machine: the one place that says when answers lock,
//! which step may follow which, and when a confirmed result counts. The store enforces it when
//! it writes; pages use the same rules to decide which buttons to show.
//!
//! ```text
//! draft ──submit──▶ submitted ──start──▶ in-review ──confirm──▶ confirmed
//!   ▲                                        │
//!   └──────── returned ◀────return───────────┘   (returned ──submit──▶ submitted)
//! ```
//!
//! A confirmed result expires when its valid-until date passes; that is derived on read, never
//! stored.

/// Where a review stands. Stored (and serialised) as [`ReviewStatus::id`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum ReviewStatus {
    /// Nobody has submitted it (also: no review row yet).
    Draft,
    /// Submitted to the expert or evaluation body, not yet taken up.
    Submitted,
    /// The expert or evaluation body is reviewing it.
    InReview,
    /// Sent back for changes; answers can change again.
    Returned,
    /// Confirmed by the expert or evaluation body.
    Confirmed,
}

/// A step that moves a review on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ReviewStep {
    /// The supplier submits (from draft, or again after a return).
    Submit,
    /// The supplier takes a submission back before the reviewer has started.
    Withdraw,
    /// The reviewer starts.
    Start,
    /// The reviewer sends it back for changes.
    Return,
    /// The reviewer confirms.
    Confirm,
}

impl ReviewStatus {
    pub const ALL: [ReviewStatus; 5] = [
        ReviewStatus::Draft,
        ReviewStatus::Submitted,
        ReviewStatus::InReview,
        ReviewStatus::Returned,
        ReviewStatus::Confirmed,
    ];

    /// The stored identifier.
    pub fn id(self) -> &'static str {
        match self {
            ReviewStatus::Draft => "draft",
            ReviewStatus::Submitted => "submitted",
            ReviewStatus::InReview => "in-review",
            ReviewStatus::Returned => "returned",
            ReviewStatus::Confirmed => "confirmed",
        }
    }

    pub fn parse(s: &str) -> Option<ReviewStatus> {
        ReviewStatus::ALL.into_iter().find(|st| st.id() == s)
    }

    /// Answers can change only while nobody is looking at them: before submission and after a
    /// return. From submission on (and after confirmation) they are locked.
    pub fn answers_editable(self) -> bool {
        matches!(self, ReviewStatus::Draft | ReviewStatus::Returned)
    }

    /// The expert or evaluation body can be invited, or replaced, only before the review starts
    /// (draft, submitted and not yet started) or after a return. Once a reviewer is looking at the
    /// answers, and after confirmation, the reviewer stays: the confirmation names them.
    pub fn reviewer_replaceable(self) -> bool {
        matches!(
            self,
            ReviewStatus::Draft | ReviewStatus::Submitted | ReviewStatus::Returned
        )
    }

    /// Comments belong to a review in progress: none before it starts or after it ends.
    pub fn takes_comments(self) -> bool {
        self == ReviewStatus::InReview
    }

    /// The supplier answers the reviewer's comments while the review is in progress or after a
    /// return, before submitting again.
    pub fn takes_replies(self) -> bool {
        matches!(self, ReviewStatus::InReview | ReviewStatus::Returned)
    }

    /// The status after `step`, or `None` when the step is not possible from here.
    pub fn after(self, step: ReviewStep) -> Option<ReviewStatus> {
        use ReviewStatus as S;
        use ReviewStep as P;
        match (self, step) {
            (S::Draft | S::Returned, P::Submit) => Some(S::Submitted),
            (S::Submitted, P::Start) => Some(S::InReview),
            (S::Submitted, P::Withdraw) => Some(S::Draft),
            (S::InReview, P::Return) => Some(S::Returned),
            (S::InReview, P::Confirm) => Some(S::Confirmed),
            _ => None,
        }
    }

    /// Whether `step` is possible from here.
    pub fn allows(self, step: ReviewStep) -> bool {
        self.after(step).is_some()
    }

    /// A confirmed result that is still valid on `today` (YYYY-MM-DD; the last valid day counts).
    pub fn valid_on(self, valid_until: Option<&str>, today: &str) -> bool {
        self == ReviewStatus::Confirmed && valid_until.is_some_and(|v| v >= today)
    }
}

impl std::fmt::Display for ReviewStatus {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.id())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_round_trip() {
        for s in ReviewStatus::ALL {
            assert_eq!(ReviewStatus::parse(s.id()), Some(s));
        }
        assert_eq!(ReviewStatus::parse("in_review"), None);
    }

    #[test]
    fn the_documented_flow_and_nothing_else() {
        use ReviewStatus as S;
        use ReviewStep as P;
        let steps = [P::Submit, P::Start, P::Return, P::Confirm];
        let allowed: Vec<(S, P, S)> = S::ALL
            .into_iter()
            .flat_map(|s| {
                steps
                    .into_iter()
                    .filter_map(move |p| Some((s, p, s.after(p)?)))
            })
            .collect();
        assert_eq!(
            allowed,
            vec![
                (S::Draft, P::Submit, S::Submitted),
                (S::Submitted, P::Start, S::InReview),
                (S::InReview, P::Return, S::Returned),
                (S::InReview, P::Confirm, S::Confirmed),
                (S::Returned, P::Submit, S::Submitted),
            ]
        );
    }

    #[test]
    fn answers_lock_from_submission() {
        let editable: Vec<_> = ReviewStatus::ALL
            .into_iter()
            .filter(|s| s.answers_editable())
            .collect();
        assert_eq!(editable, vec![ReviewStatus::Draft, ReviewStatus::Returned]);
    }

    #[test]
    fn valid_through_the_last_day() {
        let c = ReviewStatus::Confirmed;
        assert!(c.valid_on(Some("2027-03-31"), "2027-03-31"));
        assert!(!c.valid_on(Some("2027-03-31"), "2027-04-01"));
        assert!(!c.valid_on(None, "2027-01-01"));
        assert!(!ReviewStatus::InReview.valid_on(Some("2099-01-01"), "2027-01-01"));
    }
}
