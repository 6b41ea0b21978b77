//! Comparing catalog editions, and what a new edition means for existing answers.

use serde::Serialize;

use crate::assessment::{Assessment, Status};
use crate::model::{Catalog, Lang};

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", rename_all = "kebab-case")]
pub enum Change {
    /// New in the newer edition.
    Added,
    /// No longer in the newer edition.
    Removed,
    /// The wording changed.
    TextChanged,
    /// The criterion moved to another level.
    LevelChanged { from: u8, to: u8 },
    /// The criterion moved under another requirement.
    RequirementChanged { from: String, to: String },
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CriterionChange {
    pub id: String,
    pub changes: Vec<Change>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CatalogDiff {
    pub from: String,
    pub to: String,
    /// Criteria in the newer edition's order, then removed ones in the older edition's order.
    pub criteria: Vec<CriterionChange>,
    pub unchanged: usize,
}

/// Whitespace-insensitive comparison key for criterion text.
fn norm(s: &str) -> String {
    s.chars().filter(|c| !c.is_whitespace()).collect()
}

fn text_differs(a: &crate::model::Text, b: &crate::model::Text) -> bool {
    // Compare every language both sides have; a language present on one side only is not a change.
    Lang::ALL.iter().any(|&l| match (a.exact(l), b.exact(l)) {
        (Some(x), Some(y)) => norm(x) != norm(y),
        _ => false,
    })
}

/// Differences between two catalogs, criterion by criterion.
pub fn diff(old: &Catalog, new: &Catalog) -> CatalogDiff {
    let mut criteria = Vec::new();
    let mut unchanged = 0;
    for n in &new.criteria {
        match old.criterion(&n.id) {
            None => criteria.push(CriterionChange {
                id: n.id.clone(),
                changes: vec![Change::Added],
            }),
            Some(o) => {
                let mut changes = Vec::new();
                if o.level != n.level {
                    changes.push(Change::LevelChanged {
                        from: o.level,
                        to: n.level,
                    });
                }
                if o.requirement != n.requirement {
                    changes.push(Change::RequirementChanged {
                        from: o.requirement.clone(),
                        to: n.requirement.clone(),
                    });
                }
                if text_differs(&o.text, &n.text) {
                    changes.push(Change::TextChanged);
                }
                if changes.is_empty() {
                    unchanged += 1;
                } else {
                    criteria.push(CriterionChange {
                        id: n.id.clone(),
                        changes,
                    });
                }
            }
        }
    }
    for o in &old.criteria {
        if new.criterion(&o.id).is_none() {
            criteria.push(CriterionChange {
                id: o.id.clone(),
                changes: vec![Change::Removed],
            });
        }
    }
    CatalogDiff {
        from: old.pin(),
        to: new.pin(),
        criteria,
        unchanged,
    }
}

/// What to do with one answer when moving to a newer edition.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct AnswerImpact {
    pub id: String,
    pub status: Status,
    pub changes: Vec<Change>,
    /// In scope of the assessment's level in the newer edition.
    pub in_scope: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Migration {
    pub diff: CatalogDiff,
    /// Every changed criterion with the answer it had.
    pub impacts: Vec<AnswerImpact>,
    /// The assessment carried over to the newer edition: answers of criteria that still exist are
    /// kept (changed ones must be reviewed, see `impacts`); answers of removed criteria are dropped.
    pub migrated: Assessment,
}

/// Compares an assessment made against `old` with the newer edition `new`.
pub fn migrate(assessment: &Assessment, old: &Catalog, new: &Catalog) -> Migration {
    let d = diff(old, new);
    let impacts = d
        .criteria
        .iter()
        .map(|c| AnswerImpact {
            id: c.id.clone(),
            status: assessment.status(&c.id),
            changes: c.changes.clone(),
            in_scope: new
                .criterion(&c.id)
                .is_some_and(|n| n.level <= assessment.level),
        })
        .collect();
    let mut migrated = assessment.clone();
    migrated.catalog = new.framework.id.clone();
    migrated.edition = new.framework.edition.clone();
    migrated.answers.retain(|id, _| new.criterion(id).is_some());
    Migration {
        diff: d,
        impacts,
        migrated,
    }
}
