//! # hoshi-core
//!
//! The pure domain of hoshi: the catalog model, assessments, scoring (verdict, progress, gaps,
//! roadmap), edition comparison and the buyer's decision tree.
//!
//! Rules this crate keeps:
//! - no I/O of any kind (no files, network, clock, environment, randomness); `time` only does
//!   calendar arithmetic on timestamps the caller supplies;
//! - no knowledge of file formats: parsing lives in `hoshi-catalog`, `hoshi-answers`, `hoshi-xlsx`;
//! - every function is deterministic, so everything here can be tested exhaustively.

pub mod assessment;
pub mod asset;
pub mod base64;
pub mod compare;
pub mod corporate;
pub mod cycle;
pub mod damage;
pub mod decision;
pub mod diag;
pub mod engine;
pub mod html;
pub mod id;
pub mod incident;
pub mod model;
pub mod review;
pub mod text;
pub mod time;
pub mod user_error;
pub mod vocab;

pub use assessment::{Answer, AnswerError, AnswerInput, Assessment, AssessmentIssue, Status};
pub use compare::{CatalogDiff, Change, Migration, diff, migrate};
pub use decision::{LevelAnswers, LevelDecision, Question, decide};
pub use diag::{Diagnostic, Diagnostics};
pub use engine::{Evaluation, Gap, Phase, Progress, Stage, evaluate, evaluate_unchecked};
pub use id::{
    AccountCheckId, AssessmentId, AssetId, AttestationId, BackupRunId, BackupTargetId, DocumentId,
    EvidenceId, OrgId, RegisterEntryId, RelationshipId, ScanId, ScanTargetId, TokenId, UserId,
    VulnReportId,
};
pub use model::{
    Catalog, Category, Criterion, Framework, Lang, LevelDef, Origin, Requirement, SourceFile,
    SubCategory, Text, TextList, XRef,
};
pub use review::{ReviewStatus, ReviewStep};
pub use user_error::{FetchProblem, PasswordProblem, UserError};
pub use vocab::{Effort, Measure, Relation, Threat};
