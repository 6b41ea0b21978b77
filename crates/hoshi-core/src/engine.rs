//! Scoring: verdict per level, progress per category, gaps in risk order and a phased roadmap.
//!
//! There is no percentage pass mark. A level is reached only when every criterion of that level
//! (levels are cumulative) is met or justified not applicable.

use serde::Serialize;

use crate::assessment::{Assessment, AssessmentIssue, Status};
use crate::model::{Catalog, Criterion, Lang, Text};
use crate::vocab::{Effort, Measure, Threat};

/// Counts of criteria by status.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct Progress {
    pub total: u32,
    pub met: u32,
    pub partial: u32,
    pub not_met: u32,
    pub not_applicable: u32,
    pub unanswered: u32,
}

impl Progress {
    pub fn add(&mut self, status: Status) {
        self.total += 1;
        match status {
            Status::Met => self.met += 1,
            Status::Partial => self.partial += 1,
            Status::NotMet => self.not_met += 1,
            Status::NotApplicable => self.not_applicable += 1,
            Status::Unanswered => self.unanswered += 1,
        }
    }

    /// Criteria that count towards the level (met or justified not applicable).
    pub fn done(&self) -> u32 {
        self.met + self.not_applicable
    }

    /// Criteria with an answer of any kind.
    pub fn answered(&self) -> u32 {
        self.total - self.unanswered
    }

    /// Progress from 0.0 to 1.0: done criteria count fully, partially met ones half.
    pub fn ratio(&self) -> f64 {
        if self.total == 0 {
            return 1.0;
        }
        (f64::from(self.done()) + 0.5 * f64::from(self.partial)) / f64::from(self.total)
    }

    /// Progress in whole percent, rounded down (99.6 % is not 100 %).
    pub fn percent(&self) -> u32 {
        if self.total == 0 {
            return 100;
        }
        // Integer maths: (2*done + partial) * 100 / (2*total).
        (2 * self.done() + self.partial) * 100 / (2 * self.total)
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct LevelVerdict {
    pub rank: u8,
    pub label: Text,
    /// Every criterion of the level is met or justified not applicable.
    pub reached: bool,
    /// The catalog describes the level in summary only, so it cannot be judged here.
    pub summarised: bool,
    /// Criteria that keep the level from being reached.
    pub blocking: u32,
    pub progress: Progress,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CategoryProgress {
    pub id: String,
    pub name: Text,
    pub progress: Progress,
}

/// When a gap should be closed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Phase {
    Now,
    Within30Days,
    Within90Days,
    WithinYear,
}

impl Phase {
    pub const ALL: [Phase; 4] = [
        Phase::Now,
        Phase::Within30Days,
        Phase::Within90Days,
        Phase::WithinYear,
    ];

    pub fn label(self) -> Text {
        let (ja, en) = match self {
            Phase::Now => ("今すぐ", "Now"),
            Phase::Within30Days => ("30日以内", "Within 30 days"),
            Phase::Within90Days => ("90日以内", "Within 90 days"),
            Phase::WithinYear => ("1年以内", "Within a year"),
        };
        Text::new(ja, en)
    }

    /// Phase from risk and effort. The doors ransomware uses most (exposed flaws, weak sign-in)
    /// are started at once even when the work is large; lesser risks get time to plan.
    pub fn plan(risk: u8, effort: Effort) -> Phase {
        match (risk, effort) {
            (95.., Effort::Low | Effort::Medium) => Phase::Now,
            (95.., Effort::High) => Phase::Within30Days,
            (85..95, Effort::Low) => Phase::Now,
            (85..95, Effort::Medium) => Phase::Within30Days,
            (85..95, Effort::High) => Phase::Within90Days,
            (60..85, Effort::Low) => Phase::Within30Days,
            (60..85, Effort::Medium) => Phase::Within90Days,
            (60..85, Effort::High) => Phase::WithinYear,
            (_, Effort::Low) => Phase::Within90Days,
            (_, _) => Phase::WithinYear,
        }
    }
}

/// A criterion of the target level that is not yet met or justified.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Gap {
    pub criterion: String,
    pub requirement: String,
    pub category: String,
    pub status: Status,
    /// 0–100: the severity of the worst threat the criterion addresses, lowered for partial work.
    pub risk: u8,
    pub threat: Threat,
    pub measure: Option<Measure>,
    pub effort: Effort,
    pub phase: Phase,
}

/// Risk of leaving `criterion` in `status`: the severity of its primary threat (the first one the
/// catalog lists), ten points lower when the work is partly done.
pub fn risk(criterion: &Criterion, status: Status) -> (u8, Threat) {
    let threat = criterion
        .threats
        .first()
        .copied()
        .unwrap_or(Threat::Governance);
    let base = threat.severity();
    let risk = match status {
        Status::Partial => base.saturating_sub(10),
        _ => base,
    };
    (risk, threat)
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RoadmapPhase {
    pub phase: Phase,
    pub label: Text,
    pub criteria: Vec<String>,
}

/// Where a result stands, for the verdict's last sentence.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Stage {
    /// Being answered (or returned for changes).
    Open,
    /// Submitted for review, or being reviewed.
    InReview,
    /// Confirmed by the expert or evaluation body, not yet declared.
    Confirmed,
    /// Confirmed and declared by management.
    Declared,
}

impl Stage {
    /// The stage of a review in `status`, declared or not.
    pub fn of(status: crate::ReviewStatus, declared: bool) -> Stage {
        use crate::ReviewStatus as S;
        match status {
            S::Draft | S::Returned => Stage::Open,
            S::Submitted | S::InReview => Stage::InReview,
            S::Confirmed if declared => Stage::Declared,
            S::Confirmed => Stage::Confirmed,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Evaluation {
    pub catalog: String,
    pub edition: String,
    pub target: u8,
    pub target_reached: bool,
    pub levels: Vec<LevelVerdict>,
    /// Progress over the criteria of the target level.
    pub overall: Progress,
    pub categories: Vec<CategoryProgress>,
    /// Unmet criteria of the target level, highest risk first.
    pub gaps: Vec<Gap>,
    pub roadmap: Vec<RoadmapPhase>,
}

/// Evaluates `assessment` against `catalog`. Fails when the assessment does not fit the catalog
/// (other catalog, unknown level or criterion, not-applicable without a reason).
pub fn evaluate(
    catalog: &Catalog,
    assessment: &Assessment,
) -> Result<Evaluation, Vec<AssessmentIssue>> {
    let issues = assessment.check(catalog);
    if !issues.is_empty() {
        return Err(issues);
    }
    Ok(evaluate_unchecked(catalog, assessment))
}

/// The scoring itself; callers must have checked the assessment. Unknown answer IDs are ignored.
pub fn evaluate_unchecked(catalog: &Catalog, assessment: &Assessment) -> Evaluation {
    let target = assessment.level;

    let levels: Vec<LevelVerdict> = catalog
        .levels
        .iter()
        .map(|l| {
            let mut progress = Progress::default();
            for c in catalog.criteria_for_level(l.rank) {
                progress.add(assessment.status(&c.id));
            }
            let blocking = progress.total - progress.done();
            LevelVerdict {
                rank: l.rank,
                label: l.label.clone(),
                reached: !l.summarised && blocking == 0,
                summarised: l.summarised,
                blocking,
                progress,
            }
        })
        .collect();

    let mut categories: Vec<CategoryProgress> = catalog
        .categories
        .iter()
        .map(|c| CategoryProgress {
            id: c.id.clone(),
            name: c.name.clone(),
            progress: Progress::default(),
        })
        .collect();
    let mut overall = Progress::default();
    let mut gaps = Vec::new();

    for (order, c) in catalog.criteria_for_level(target).enumerate() {
        let status = assessment.status(&c.id);
        overall.add(status);
        let category = catalog
            .requirement(&c.requirement)
            .map(|r| r.category.as_str())
            .unwrap_or_default();
        if let Some(cp) = categories.iter_mut().find(|cp| cp.id == category) {
            cp.progress.add(status);
        }
        if !status.is_satisfied() {
            let (risk, threat) = risk(c, status);
            gaps.push((
                order,
                Gap {
                    criterion: c.id.clone(),
                    requirement: c.requirement.clone(),
                    category: category.to_string(),
                    status,
                    risk,
                    threat,
                    measure: c.measure,
                    effort: c.effort,
                    phase: Phase::plan(risk, c.effort),
                },
            ));
        }
    }
    categories.retain(|c| c.progress.total > 0);

    // Highest risk first; at equal risk, quick wins first; then catalog order.
    gaps.sort_by(|(oa, a), (ob, b)| {
        b.risk
            .cmp(&a.risk)
            .then(a.effort.cmp(&b.effort))
            .then(oa.cmp(ob))
    });
    let gaps: Vec<Gap> = gaps.into_iter().map(|(_, g)| g).collect();

    let roadmap = Phase::ALL
        .iter()
        .map(|&phase| RoadmapPhase {
            phase,
            label: phase.label(),
            criteria: gaps
                .iter()
                .filter(|g| g.phase == phase)
                .map(|g| g.criterion.clone())
                .collect(),
        })
        .collect();

    let target_reached = levels
        .iter()
        .find(|l| l.rank == target)
        .is_some_and(|l| l.reached);

    Evaluation {
        catalog: catalog.framework.id.clone(),
        edition: catalog.framework.edition.clone(),
        target,
        target_reached,
        levels,
        overall,
        categories,
        gaps,
        roadmap,
    }
}

impl Evaluation {
    /// A one-line verdict in `lang`. hoshi never grants a level: it states whether the
    /// self-assessment covers every criterion of it.
    pub fn verdict_line(&self, catalog: &Catalog, lang: Lang) -> String {
        self.verdict_line_at(catalog, lang, Stage::Open)
    }

    /// The verdict as one sentence, naming the next step for where the result stands.
    pub fn verdict_line_at(&self, catalog: &Catalog, lang: Lang, stage: Stage) -> String {
        let label = catalog
            .level(self.target)
            .map(|l| l.label.get(lang).to_string())
            .unwrap_or_else(|| self.target.to_string());
        let blocking = self
            .levels
            .iter()
            .find(|l| l.rank == self.target)
            .map(|l| l.blocking)
            .unwrap_or(0);
        // ★3 is confirmed by an expert; ★4 is evaluated by an evaluation body.
        let (next_ja, next_en) = match (stage, self.target >= 4) {
            (Stage::Open, true) => (
                "評価機関による評価と自己適合宣誓に進めます。",
                "Next: evaluation by an evaluation body and the management declaration.",
            ),
            (Stage::Open, false) => (
                "専門家確認と自己適合宣誓に進めます。",
                "Next: expert confirmation and the management declaration.",
            ),
            (Stage::InReview, true) => (
                "評価機関による評価を受けています。",
                "It is being evaluated by the evaluation body.",
            ),
            (Stage::InReview, false) => (
                "専門家の確認を受けています。",
                "It is with the expert for confirmation.",
            ),
            (Stage::Confirmed, _) => (
                "確認を受けました。次は経営者による自己適合宣誓です。",
                "It is confirmed; next is the management declaration.",
            ),
            (Stage::Declared, _) => (
                "確認と自己適合宣誓は完了しています。",
                "Confirmation and the management declaration are done.",
            ),
        };
        match (self.target_reached, lang) {
            (true, Lang::Ja) => format!(
                "自己評価では {label} のすべての評価基準を満たしています（実施済みまたは理由のある対象外）。{next_ja}"
            ),
            (true, Lang::En) => format!(
                "By this self-assessment every {label} criterion is met or justified not applicable. {next_en}"
            ),
            (false, Lang::Ja) => format!(
                "{label} の要件を満たしていません。残り {blocking} 件の評価基準が未達または未回答です。"
            ),
            (false, Lang::En) => {
                format!("{label} is not yet met: {blocking} criteria are not met or unanswered.")
            }
        }
    }
}
