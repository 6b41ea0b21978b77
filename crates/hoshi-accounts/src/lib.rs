//! # hoshi-accounts
//!
//! Account exports as evidence (issue 14, part 1): read the files an administrator can export
//! in minutes — Microsoft 365 active users, the Entra ID user registration details and sign-in
//! log, `Get-MgUser` with its sign-in activity, the Google Workspace user list, Active
//! Directory's `Get-ADUser | Export-Csv`, or any CSV with a column mapping — and find accounts without MFA, unused and never-used accounts,
//! administrators (listed, too many, unused, shared), shared or generic IDs, passwords that never
//! expire and disabled accounts that kept administrator rights, each tied to the SCS ★3 criteria
//! it bears on, with a suggested status per criterion.
//!
//! Pure: bytes and values in, values out; no files, no network, no clock (`today` is passed in).
//!
//! - [`read`](mod@read): the readers (formats, where their column names come from, limits);
//! - [`error`]: why a file was refused, row by row, in Japanese and English;
//! - [`model`]: one account, whichever export it came from;
//! - [`check`](mod@check): the checks and the suggested-status rules;
//! - [`html`]: the result as one self-contained HTML page;
//! - [`shared`]: what counts as a shared or generic ID;
//! - [`text`], [`date`]: decoding, the kana/width normaliser, the dates exports write.

pub mod check;
pub mod date;
pub mod error;
pub mod html;
pub mod model;
pub mod read;
pub mod shared;
pub mod text;

pub use check::{Check, Finding, Options, Report, Severity, Suggested, Summary, check};
pub use date::Day;
pub use error::{Problem, ProblemKind, ReadError};
pub use model::{Account, SignIn, System};
pub use read::{Export, Format, Mapping, combine, read, read_mapped, try_combine};
