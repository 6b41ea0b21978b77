//! Readers: the bytes of an export in, accounts out. All-or-nothing: any bad row refuses the
//! file with every problem named (see [`crate::error`]).
//!
//! # Where the column names come from
//!
//! Headers are compared after [`crate::text::header_key`] (case, width, kana, spaces and
//! bracketed notes such as `[Required]` ignored), so `First Name [Required]` matches `first name`.
//!
//! - **Microsoft 365 admin center, Users › Active users › Export users.** English names as the
//!   export writes them: `Display name`, `User principal name`, `First name`, `Last name`,
//!   `Block credential`, `When created`, `Password never expires`, `Last password change time
//!   stamp`, `Licenses`, `Department`, `Title` (a third-party import guide at fullerv.com lists
//!   `Display name, User principal name, First name, Last name, When created, Department,
//!   Licenses` from the export; the rest are from the export as remembered from the MSOnline-era
//!   `Get-MsolUser` properties the export mirrors — not confirmed against a Microsoft page).
//!   The export has no last sign-in; a `Last sign-in` column is read when present.
//!   Japanese (NOT confirmed from documentation — the admin center localises the export, but no
//!   Microsoft page listing the Japanese headers was found): `表示名`, `ユーザー プリンシパル名`,
//!   `名`, `姓`, `サインインのブロック`, `作成日時`, `パスワードを無期限にする`.
//! - **Entra ID, Authentication methods › User registration details › Download.** The columns
//!   follow the Graph `userRegistrationDetails` resource (learn.microsoft.com/graph/api/resources/
//!   userregistrationdetails: `userPrincipalName`, `userDisplayName`, `isAdmin`, `isMfaCapable`,
//!   `isMfaRegistered`, `methodsRegistered`, `defaultMfaMethod`), which the portal writes as
//!   `User principal name`, `User display name`/`Name`, `Is admin`, `Is MFA capable`, `Is MFA
//!   registered`, `Methods registered`, `Default method` (the spaced forms as a PowerShell
//!   gallery collector, AzureScout, names them; both spellings are accepted).
//!   Japanese headers: not confirmed; `ユーザー プリンシパル名`, `管理者`, `MFA 対応`, `MFA 登録済み`
//!   are accepted as a guess.
//! - **Google Workspace Admin console, Directory › Users › Download users.** The download shares
//!   its columns with the bulk-update CSV template (support.google.com/a/answer/40057, "Column
//!   reference"): `First Name [Required]`, `Last Name [Required]`, `Email Address [Required]`,
//!   `Org Unit Path [Required]`, `Status [READ ONLY]`, `Last Sign In [READ ONLY]`, `2sv Enrolled
//!   [READ ONLY]`, `2sv Enforced [READ ONLY]`. An admin column (`Admin role` / `Is Admin`) is
//!   read when present (not confirmed as part of the download). Japanese headers: not
//!   confirmed; `名`, `姓`, `メールアドレス`, `ステータス`, `最終ログイン`, `2 段階認証プロセスの登録`,
//!   `2 段階認証プロセスの適用`, `管理者ロール` are accepted as a guess.
//! - **Active Directory, `Get-ADUser -Filter * -Properties … | Export-Csv`.** Property names of
//!   the ActiveDirectory module (learn.microsoft.com/powershell/module/activedirectory/get-aduser):
//!   `SamAccountName`, `UserPrincipalName`, `Name`, `DisplayName`, `GivenName`, `Surname`,
//!   `Enabled`, `LastLogonDate`, `PasswordLastSet`, `PasswordNeverExpires`, `adminCount`,
//!   `MemberOf`, `whenCreated`. PowerShell never localises property names. A `#TYPE` first line
//!   (Windows PowerShell 5 without `-NoTypeInformation`) is skipped. `MemberOf` exported without
//!   `-join` reads `Microsoft.ActiveDirectory.Management.ADPropertyValueCollection`: group
//!   membership is then unknown, not an error.
//! - **Entra ID, Monitoring › Sign-in logs › Download › CSV** (`InteractiveSignIns_<from>_<to>.csv`,
//!   one row per sign-in attempt). The English header, as a published schema note written from
//!   real downloads lists it (an incident-response ETL project's "M365 Schema Reference", found
//!   through code search), begins `Date (UTC), Request ID, User agent, Correlation ID, User ID,
//!   User, Username, User type, …, Status, Sign-in error code, Failure reason, …`; 57 header
//!   cells, `Incoming token type` twice and `Application ID ` with a trailing space (neither is
//!   read, so neither matters). Microsoft's page on sign-in log details names the same fields
//!   (User, Username, User ID). Dates are ISO 8601 in UTC (`2026-11-30T00:15:02Z`); statuses `Success`,
//!   `Failure`, `Interrupted`. Read: `Date (UTC)`, `Username` (the UPN), `User`, `Status`.
//!   Japanese headers: NOT confirmed — no page listing the Japanese portal's download headers was
//!   found (Microsoft's Japanese documentation itself writes `Username` and `User ID` untranslated
//!   in its list of sign-in fields); `日付 (UTC)`, `ユーザー名`, `ユーザー`, `状態` and the values
//!   `成功`, `失敗`, `中断` are accepted as a guess, and the English headers always work. The
//!   portal keeps sign-ins for 7 days (Entra ID Free) or 30 days (P1/P2), so one download
//!   covers at most that; several downloads may be given together. See [`combine`] for how the
//!   log is joined to the account list, and why it is refused on its own ([`try_combine`]).
//! - **Microsoft Graph PowerShell, `Get-MgUser -All -Property … SignInActivity | Select-Object …
//!   | Export-Csv`.** `signInActivity` is an object, so a script flattens it with a calculated
//!   property: the columns read are `UserPrincipalName`, `DisplayName`, `AccountEnabled`,
//!   `CreatedDateTime` and the last sign-in as `LastSuccessfulSignInDateTime` (preferred: only
//!   successful sign-ins; the property exists since late 2023 and is empty before) or
//!   `LastSignInDateTime` (interactive attempts), each also with a `SignInActivity.` prefix. Graph
//!   property names are never localised. An empty last sign-in reads as never signed in.

use crate::date::{self, Day};
use crate::error::{MAX_PROBLEMS, Problem, ProblemKind, ReadError};
use crate::model::{Account, SignIn, System, full_name};
use crate::text;
use hoshi_core::Lang;
use serde::Serialize;
use std::collections::HashMap;

/// Largest file read (a 100,000-account AD export with group lists is around 60 MB).
pub const MAX_BYTES: usize = 128 * 1024 * 1024;
/// Most data rows read from one file.
pub const MAX_ROWS: usize = 250_000;

/// The exports hoshi recognises by their header row.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Format {
    M365Users,
    EntraRegistration,
    /// The Entra ID sign-in log: sign-ins, not accounts (see [`combine`]).
    EntraSignIns,
    /// `Get-MgUser` with its sign-in activity, exported to CSV.
    GraphUsers,
    GoogleUsers,
    ActiveDirectory,
    /// Read with a caller's [`Mapping`].
    Mapped,
}

impl Format {
    /// The formats tried, in order, when the caller does not say which.
    pub const DETECTED: [Format; 6] = [
        Format::EntraSignIns,
        Format::ActiveDirectory,
        Format::EntraRegistration,
        Format::GoogleUsers,
        Format::M365Users,
        Format::GraphUsers,
    ];

    pub fn code(self) -> &'static str {
        match self {
            Format::M365Users => "m365_users",
            Format::EntraRegistration => "entra_registration",
            Format::EntraSignIns => "entra_sign_ins",
            Format::GraphUsers => "graph_users",
            Format::GoogleUsers => "google_users",
            Format::ActiveDirectory => "active_directory",
            Format::Mapped => "mapped",
        }
    }

    /// What the file is, for people.
    pub fn label(self, lang: Lang) -> &'static str {
        let (ja, en) = match self {
            Format::M365Users => (
                "Microsoft 365 のアクティブなユーザー",
                "Microsoft 365 active users",
            ),
            Format::EntraRegistration => (
                "Entra ID のユーザー登録の詳細",
                "Entra ID user registration details",
            ),
            Format::EntraSignIns => ("Entra ID のサインイン ログ", "Entra ID sign-in log"),
            Format::GraphUsers => (
                "Get-MgUser のサインイン アクティビティ",
                "Get-MgUser sign-in activity",
            ),
            Format::GoogleUsers => ("Google Workspace のユーザー一覧", "Google Workspace users"),
            Format::ActiveDirectory => (
                "Active Directory のユーザー（Export-Csv）",
                "Active Directory users (Export-Csv)",
            ),
            Format::Mapped => ("列の対応を指定した CSV", "CSV read with a column mapping"),
        };
        match lang {
            Lang::Ja => ja,
            Lang::En => en,
        }
    }

    /// A list of accounts of Microsoft 365 / Entra ID, which a sign-in log can be joined to.
    fn lists_microsoft_accounts(self) -> bool {
        matches!(
            self,
            Format::M365Users | Format::EntraRegistration | Format::GraphUsers
        )
    }
}

/// Columns for a system hoshi has no reader for, named as in the file's header row.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Mapping {
    /// The system's name as shown in findings ("VPN 装置").
    pub system: String,
    /// Whether the system is a cloud service (the MFA check applies).
    pub cloud: bool,
    pub id: String,
    pub name: Option<String>,
    /// Yes/no values (有効/無効 …).
    pub enabled: Option<String>,
    pub last_sign_in: Option<String>,
    /// Yes/no values (True/False, はい/いいえ, 有効/無効, あり/なし, 1/0).
    pub mfa: Option<String>,
    /// Yes/no, or a role name: 一般, user, member, none mean not an administrator; any other
    /// role (管理者, admin, super user …) makes the account one.
    pub admin: Option<String>,
}

/// The accounts of one file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Export {
    pub format: Format,
    /// For a sign-in log: one account per user in it, `last_sign_in` the newest successful
    /// sign-in ([`SignIn::NotSince`] the log's first day when it has only failed ones).
    pub accounts: Vec<Account>,
    /// The first and last day a sign-in log covers (its oldest and newest rows); `None` for
    /// account lists.
    pub period: Option<(Day, Day)>,
}

/// What a column holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Field {
    Id,
    Upn,
    DisplayName,
    Given,
    Family,
    Enabled,
    Blocked,
    GoogleStatus,
    LastSignIn,
    Created,
    /// The last sign-in attempt, used where no successful one is known (Graph
    /// `lastSignInDateTime`).
    LastAttempt,
    /// The day of one sign-in (sign-in log).
    EventDate,
    /// Whether that sign-in succeeded (sign-in log).
    EventStatus,
    Mfa,
    MfaRegistered,
    MfaEnforced,
    Admin,
    AdminRole,
    AdminCount,
    MemberOf,
    PasswordNeverExpires,
    PasswordLastSet,
}

/// A column: its field and the header names it goes by, the first being the name used in
/// messages and the earlier names preferred when several are present.
struct Col {
    field: Field,
    names: Vec<String>,
}

fn col(field: Field, names: &[&str]) -> Col {
    Col {
        field,
        names: names.iter().map(|s| s.to_string()).collect(),
    }
}

/// The columns of a format and the fields it cannot do without (each inner list: one of).
fn columns(format: Format) -> (Vec<Col>, Vec<Vec<Field>>) {
    match format {
        Format::M365Users => m365_columns(),
        Format::EntraRegistration => entra_columns(),
        Format::EntraSignIns => sign_in_log_columns(),
        Format::GraphUsers => graph_users_columns(),
        Format::GoogleUsers => google_columns(),
        Format::ActiveDirectory => ad_columns(),
        Format::Mapped => (Vec::new(), Vec::new()),
    }
}

fn m365_columns() -> (Vec<Col>, Vec<Vec<Field>>) {
    use Field as F;
    (
        vec![
            col(
                F::Id,
                &[
                    "User principal name",
                    "ユーザー プリンシパル名",
                    "UserPrincipalName",
                ],
            ),
            col(F::DisplayName, &["Display name", "表示名"]),
            col(F::Given, &["First name", "名"]),
            col(F::Family, &["Last name", "姓"]),
            col(
                F::Blocked,
                &[
                    "Block credential",
                    "サインインのブロック",
                    "BlockCredential",
                ],
            ),
            col(F::Created, &["When created", "作成日時", "WhenCreated"]),
            col(
                F::PasswordNeverExpires,
                &[
                    "Password never expires",
                    "パスワードを無期限にする",
                    "PasswordNeverExpires",
                ],
            ),
            col(
                F::PasswordLastSet,
                &[
                    "Last password change time stamp",
                    "LastPasswordChangeTimestamp",
                ],
            ),
            col(
                F::LastSignIn,
                &["Last sign-in", "Last sign-in date", "最終サインイン"],
            ),
        ],
        vec![vec![F::Id], vec![F::Blocked]],
    )
}

fn entra_columns() -> (Vec<Col>, Vec<Vec<Field>>) {
    use Field as F;
    (
        vec![
            col(
                F::Id,
                &[
                    "User principal name",
                    "userPrincipalName",
                    "ユーザー プリンシパル名",
                ],
            ),
            col(
                F::DisplayName,
                &[
                    "User display name",
                    "userDisplayName",
                    "Name",
                    "Display name",
                    "名前",
                    "表示名",
                ],
            ),
            col(F::Admin, &["Is admin", "isAdmin", "Admin", "管理者"]),
            col(
                F::Mfa,
                &["Is MFA capable", "isMfaCapable", "MFA capable", "MFA 対応"],
            ),
            col(
                F::MfaRegistered,
                &[
                    "Is MFA registered",
                    "isMfaRegistered",
                    "MFA registered",
                    "MFA 登録済み",
                ],
            ),
        ],
        vec![vec![F::Id], vec![F::Mfa, F::MfaRegistered]],
    )
}

/// Headers of the Entra ID sign-in log download (see the module documentation).
fn sign_in_log_columns() -> (Vec<Col>, Vec<Vec<Field>>) {
    use Field as F;
    (
        vec![
            col(F::Id, &["Username", "ユーザー名"]),
            col(F::DisplayName, &["User", "ユーザー"]),
            col(F::EventDate, &["Date (UTC)", "日付 (UTC)", "日付", "日時"]),
            col(F::EventStatus, &["Status", "状態"]),
        ],
        vec![vec![F::Id], vec![F::EventDate], vec![F::EventStatus]],
    )
}

/// Properties of `Get-MgUser` as a script exports them (see the module documentation).
fn graph_users_columns() -> (Vec<Col>, Vec<Vec<Field>>) {
    use Field as F;
    (
        vec![
            col(F::Id, &["UserPrincipalName"]),
            col(F::DisplayName, &["DisplayName"]),
            col(F::Given, &["GivenName"]),
            col(F::Family, &["Surname"]),
            col(F::Enabled, &["AccountEnabled"]),
            col(
                F::LastSignIn,
                &[
                    "LastSuccessfulSignInDateTime",
                    "SignInActivity.LastSuccessfulSignInDateTime",
                ],
            ),
            col(
                F::LastAttempt,
                &["LastSignInDateTime", "SignInActivity.LastSignInDateTime"],
            ),
            col(F::Created, &["CreatedDateTime"]),
        ],
        vec![vec![F::Id], vec![F::LastSignIn, F::LastAttempt]],
    )
}

fn google_columns() -> (Vec<Col>, Vec<Vec<Field>>) {
    use Field as F;
    (
        vec![
            col(
                F::Id,
                &[
                    "Email Address [Required]",
                    "Email Address",
                    "メールアドレス",
                ],
            ),
            col(F::Given, &["First Name [Required]", "名"]),
            col(F::Family, &["Last Name [Required]", "姓"]),
            col(F::GoogleStatus, &["Status [READ ONLY]", "ステータス"]),
            col(F::LastSignIn, &["Last Sign In [READ ONLY]", "最終ログイン"]),
            col(
                F::Mfa,
                &["2sv Enrolled [READ ONLY]", "2 段階認証プロセスの登録"],
            ),
            col(
                F::MfaEnforced,
                &["2sv Enforced [READ ONLY]", "2 段階認証プロセスの適用"],
            ),
            col(
                F::AdminRole,
                &[
                    "Admin role",
                    "Admin Role [READ ONLY]",
                    "Is Admin",
                    "管理者ロール",
                ],
            ),
            col(
                F::Created,
                &["Created [READ ONLY]", "Creation time", "作成日"],
            ),
        ],
        vec![vec![F::Id], vec![F::GoogleStatus, F::Mfa]],
    )
}

fn ad_columns() -> (Vec<Col>, Vec<Vec<Field>>) {
    use Field as F;
    (
        vec![
            col(F::Id, &["SamAccountName"]),
            col(F::Upn, &["UserPrincipalName"]),
            col(F::DisplayName, &["DisplayName", "Name"]),
            col(F::Given, &["GivenName"]),
            col(F::Family, &["Surname"]),
            col(F::Enabled, &["Enabled"]),
            col(F::LastSignIn, &["LastLogonDate"]),
            col(F::PasswordLastSet, &["PasswordLastSet"]),
            col(F::PasswordNeverExpires, &["PasswordNeverExpires"]),
            col(F::AdminCount, &["adminCount"]),
            col(F::MemberOf, &["MemberOf"]),
            col(F::Created, &["whenCreated", "Created"]),
        ],
        vec![vec![F::Id], vec![F::Enabled]],
    )
}

/// The columns of a caller's mapping; every named column is needed.
fn mapped_columns(m: &Mapping) -> (Vec<Col>, Vec<Vec<Field>>) {
    let mut cols = vec![Col {
        field: Field::Id,
        names: vec![m.id.clone()],
    }];
    let optional = [
        (Field::DisplayName, &m.name),
        (Field::Enabled, &m.enabled),
        (Field::LastSignIn, &m.last_sign_in),
        (Field::Mfa, &m.mfa),
        (Field::AdminRole, &m.admin),
    ];
    for (field, name) in optional {
        if let Some(name) = name {
            cols.push(Col {
                field,
                names: vec![name.clone()],
            });
        }
    }
    let needs = cols.iter().map(|c| vec![c.field]).collect();
    (cols, needs)
}

/// Reads an export; `format` `None` recognises it by its header row.
pub fn read(bytes: &[u8], format: Option<Format>) -> Result<Export, ReadError> {
    let table = Table::parse(bytes)?;
    let format = match format {
        Some(f) => f,
        None => Format::DETECTED
            .into_iter()
            .find(|f| {
                let (cols, needs) = columns(*f);
                table.bind(&cols, &needs).is_ok()
            })
            .ok_or_else(|| ReadError::file(ProblemKind::UnknownFormat))?,
    };
    let (cols, needs) = columns(format);
    if format == Format::EntraSignIns {
        return table.sign_in_log(&cols, &needs);
    }
    let system = match format {
        Format::M365Users
        | Format::EntraRegistration
        | Format::EntraSignIns
        | Format::GraphUsers => System::Microsoft365,
        Format::GoogleUsers => System::GoogleWorkspace,
        Format::ActiveDirectory | Format::Mapped => System::ActiveDirectory,
    };
    let accounts = table.accounts(&cols, &needs, &system)?;
    Ok(Export {
        format,
        accounts,
        period: None,
    })
}

/// Reads a generic CSV through the caller's column mapping.
pub fn read_mapped(bytes: &[u8], mapping: &Mapping) -> Result<Export, ReadError> {
    let table = Table::parse(bytes)?;
    let (cols, needs) = mapped_columns(mapping);
    let system = System::Other {
        name: mapping.system.clone(),
        cloud: mapping.cloud,
    };
    let accounts = table.accounts(&cols, &needs, &system)?;
    Ok(Export {
        format: Format::Mapped,
        accounts,
        period: None,
    })
}

/// The rows of a CSV file: the header (with its row number) and the data rows.
struct Table {
    header_row: usize,
    header: Vec<String>,
    rows: Vec<(usize, Vec<String>)>,
}

impl Table {
    fn parse(bytes: &[u8]) -> Result<Table, ReadError> {
        if bytes.len() > MAX_BYTES {
            return Err(ReadError::file(ProblemKind::TooLarge {
                max_mb: MAX_BYTES / (1024 * 1024),
            }));
        }
        let (text, delim) =
            text::decode(bytes).ok_or_else(|| ReadError::file(ProblemKind::Unreadable))?;
        let mut reader = csv::ReaderBuilder::new()
            .has_headers(false)
            .flexible(true)
            .delimiter(delim)
            .from_reader(text.as_bytes());
        let mut header: Option<(usize, Vec<String>)> = None;
        let mut rows = Vec::new();
        for (i, rec) in reader.records().enumerate() {
            let rec = rec.map_err(|_| ReadError::file(ProblemKind::Unreadable))?;
            let row = i + 1;
            let cells: Vec<String> = rec.iter().map(|c| c.trim().to_string()).collect();
            if cells.iter().all(String::is_empty) || (row == 1 && cells[0].starts_with("#TYPE")) {
                continue;
            }
            if header.is_none() {
                header = Some((row, cells));
            } else if rows.len() == MAX_ROWS {
                return Err(ReadError::file(ProblemKind::TooManyRows { max: MAX_ROWS }));
            } else {
                rows.push((row, cells));
            }
        }
        let Some((header_row, header)) = header else {
            return Err(ReadError::file(ProblemKind::Empty));
        };
        if rows.is_empty() {
            return Err(ReadError::file(ProblemKind::Empty));
        }
        Ok(Table {
            header_row,
            header,
            rows,
        })
    }

    /// Which cell holds each field, or the missing and doubled columns.
    fn bind(&self, cols: &[Col], needs: &[Vec<Field>]) -> Result<Vec<(Field, usize)>, ReadError> {
        let keys: Vec<String> = self.header.iter().map(|h| text::header_key(h)).collect();
        let mut bound = Vec::new();
        let mut problems = Vec::new();
        for c in cols {
            let found = c.names.iter().find_map(|n| {
                let k = text::header_key(n);
                let at: Vec<usize> = (0..keys.len()).filter(|&i| keys[i] == k).collect();
                (!at.is_empty()).then_some(at)
            });
            match found.as_deref() {
                Some([i]) => bound.push((c.field, *i)),
                Some([_, j, ..]) => problems.push(Problem {
                    row: self.header_row,
                    column: Some(self.header[*j].clone()),
                    kind: ProblemKind::ColumnTwice,
                }),
                _ => {}
            }
        }
        for need in needs {
            if !need.iter().any(|f| bound.iter().any(|(b, _)| b == f)) {
                let expected = cols
                    .iter()
                    .find(|c| c.field == need[0])
                    .map_or_else(String::new, |c| c.names[0].clone());
                problems.push(Problem {
                    row: self.header_row,
                    column: None,
                    kind: ProblemKind::MissingColumn { expected },
                });
            }
        }
        if problems.is_empty() {
            Ok(bound)
        } else {
            Err(ReadError { problems, more: 0 })
        }
    }

    fn accounts(
        &self,
        cols: &[Col],
        needs: &[Vec<Field>],
        system: &System,
    ) -> Result<Vec<Account>, ReadError> {
        let bound = self.bind(cols, needs)?;
        let mut problems = Vec::new();
        let mut accounts = Vec::with_capacity(self.rows.len());
        let mut seen: HashMap<String, usize> = HashMap::with_capacity(self.rows.len());
        for (row, cells) in &self.rows {
            let before = problems.len();
            let account = self.row(*row, cells, &bound, system, &mut problems);
            let key = account.id.to_lowercase();
            if key.is_empty() {
                continue;
            }
            if let Some(&first_row) = seen.get(&key) {
                let id_col = bound.iter().find(|(f, _)| *f == Field::Id).map(|(_, i)| *i);
                problems.push(Problem {
                    row: *row,
                    column: id_col.map(|i| self.header[i].clone()),
                    kind: ProblemKind::DuplicateId {
                        value: account.id.clone(),
                        first_row,
                    },
                });
            } else {
                seen.insert(key, *row);
            }
            if problems.len() == before {
                accounts.push(account);
            }
        }
        if problems.is_empty() {
            return Ok(accounts);
        }
        let more = problems.len().saturating_sub(MAX_PROBLEMS);
        problems.truncate(MAX_PROBLEMS);
        Err(ReadError { problems, more })
    }

    /// A row with more non-empty cells than the header has columns.
    fn cell_count(&self, row: usize, cells: &[String], problems: &mut Vec<Problem>) {
        let width = self.header.len();
        if cells.len() > width && cells[width..].iter().any(|c| !c.is_empty()) {
            problems.push(Problem {
                row,
                column: None,
                kind: ProblemKind::CellCount {
                    expected: width,
                    found: cells.len(),
                },
            });
        }
    }

    /// A sign-in log: one row per sign-in, one account per user name (case-insensitive) with
    /// its newest successful sign-in. Every bad date or status is named; a row without a user
    /// name (an attempt that named nobody) names no account and is passed over.
    fn sign_in_log(&self, cols: &[Col], needs: &[Vec<Field>]) -> Result<Export, ReadError> {
        let bound = self.bind(cols, needs)?;
        let at = |f: Field| bound.iter().find(|(b, _)| *b == f).map(|(_, i)| *i);
        let (Some(id_at), Some(date_at), Some(status_at)) =
            (at(Field::Id), at(Field::EventDate), at(Field::EventStatus))
        else {
            return Err(ReadError::file(ProblemKind::UnknownFormat));
        };
        let name_at = at(Field::DisplayName);
        let mut problems = Vec::new();
        let mut accounts: Vec<Account> = Vec::new();
        let mut index: HashMap<String, usize> = HashMap::new();
        let mut period: Option<(Day, Day)> = None;
        for (row, cells) in &self.rows {
            let before = problems.len();
            self.cell_count(*row, cells, &mut problems);
            let cell = |i: usize| cells.get(i).map_or("", String::as_str);
            let mut problem = |i: usize, kind| {
                problems.push(Problem {
                    row: *row,
                    column: Some(self.header[i].clone()),
                    kind,
                })
            };
            let day = date::parse(cell(date_at));
            if day.is_none() {
                problem(
                    date_at,
                    ProblemKind::BadDate {
                        value: cell(date_at).to_string(),
                    },
                );
            }
            let ok = sign_in_status(cell(status_at));
            if let Err(kind) = &ok {
                problem(status_at, kind.clone());
            }
            let id = cell(id_at);
            let (Some(day), Ok(ok)) = (day, ok) else {
                continue;
            };
            if problems.len() > before || id.is_empty() {
                continue;
            }
            period = Some(period.map_or((day, day), |(a, b)| (a.min(day), b.max(day))));
            let i = *index.entry(id.to_lowercase()).or_insert_with(|| {
                let mut a = Account::new(System::Microsoft365, *row, id);
                a.name = name_at.map_or("", cell).to_string();
                accounts.push(a);
                accounts.len() - 1
            });
            let a = &mut accounts[i];
            if ok && !matches!(a.last_sign_in, SignIn::On(d) if d >= day) {
                a.last_sign_in = SignIn::On(day);
                a.row = *row;
            }
        }
        if !problems.is_empty() {
            let more = problems.len().saturating_sub(MAX_PROBLEMS);
            problems.truncate(MAX_PROBLEMS);
            return Err(ReadError { problems, more });
        }
        let Some((first, _)) = period else {
            return Err(ReadError::file(ProblemKind::Empty));
        };
        for a in &mut accounts {
            if a.last_sign_in == SignIn::Unknown {
                a.last_sign_in = SignIn::NotSince(first);
            }
        }
        Ok(Export {
            format: Format::EntraSignIns,
            accounts,
            period,
        })
    }

    /// One data row as an account; its problems go to `problems`.
    fn row(
        &self,
        row: usize,
        cells: &[String],
        bound: &[(Field, usize)],
        system: &System,
        problems: &mut Vec<Problem>,
    ) -> Account {
        self.cell_count(row, cells, problems);
        let mut acc = Account::new(system.clone(), row, "");
        let mut names = (String::new(), String::new(), String::new());
        for &(field, i) in bound {
            let value = cells.get(i).map_or("", String::as_str);
            if let Err(kind) = apply(&mut acc, &mut names, field, value) {
                problems.push(Problem {
                    row,
                    column: Some(self.header[i].clone()),
                    kind,
                });
            }
        }
        let (display, given, family) = names;
        acc.name = if display.is_empty() {
            full_name(&given, &family)
        } else {
            display
        };
        acc
    }
}

/// Puts one cell's value into the account.
fn apply(
    acc: &mut Account,
    names: &mut (String, String, String),
    field: Field,
    v: &str,
) -> Result<(), ProblemKind> {
    use Field as F;
    match field {
        F::Id if v.is_empty() => return Err(ProblemKind::EmptyValue),
        F::Id => acc.id = v.to_string(),
        F::Upn => acc.upn = (!v.is_empty()).then(|| v.to_string()),
        F::DisplayName => names.0 = v.to_string(),
        F::Given => names.1 = v.to_string(),
        F::Family => names.2 = v.to_string(),
        F::Enabled => acc.enabled = flag(v)?,
        F::Blocked => acc.enabled = flag(v)?.map(|b| !b),
        F::GoogleStatus => acc.enabled = google_status(v)?,
        F::LastSignIn => acc.last_sign_in = sign_in(v)?,
        // Only where no successful sign-in is known (bound after `LastSignIn`).
        F::LastAttempt => {
            let attempt = sign_in(v)?;
            if matches!(acc.last_sign_in, SignIn::Unknown | SignIn::Never) {
                acc.last_sign_in = attempt;
            }
        }
        // Sign-in log rows are read by `Table::sign_in_log`.
        F::EventDate | F::EventStatus => {}
        F::Created => acc.created = day(v)?,
        F::PasswordLastSet => acc.password_last_set = day(v)?,
        F::PasswordNeverExpires => acc.password_never_expires = flag(v)?,
        F::Mfa => acc.mfa = flag(v)?.or(acc.mfa),
        // "Registered" counts only where "capable" is absent.
        F::MfaRegistered => acc.mfa = acc.mfa.or(flag(v)?),
        F::MfaEnforced => acc.mfa_enforced = flag(v)?,
        F::Admin => acc.admin = flag(v)?.or(acc.admin),
        F::AdminRole => admin_role(acc, v)?,
        F::AdminCount => {
            let a = if v.is_empty() { Some(false) } else { flag(v)? };
            acc.admin = Some(acc.admin == Some(true) || a == Some(true));
        }
        F::MemberOf => member_of(acc, v),
    }
    Ok(())
}

/// A yes/no cell; empty is unknown.
pub(crate) fn flag(v: &str) -> Result<Option<bool>, ProblemKind> {
    let f = text::fold(v);
    match f.as_str() {
        "" => Ok(None),
        "true" | "yes" | "y" | "1" | "on" | "enabled" | "ハイ" | "有効" | "アリ" | "○" | "✓" => {
            Ok(Some(true))
        }
        "false" | "no" | "n" | "0" | "off" | "disabled" | "イイエ" | "無効" | "ナシ" | "×"
        | "-" => Ok(Some(false)),
        _ => Err(ProblemKind::BadFlag {
            value: v.to_string(),
        }),
    }
}

fn google_status(v: &str) -> Result<Option<bool>, ProblemKind> {
    match text::fold(v).as_str() {
        "" => Ok(None),
        "active" | "アクティブ" | "有効" => Ok(Some(true)),
        "suspended" | "archived" | "停止中" | "一時停止中" | "停止" | "アカイブ済ミ"
        | "アカイブ" => Ok(Some(false)),
        _ => Err(ProblemKind::BadStatus {
            value: v.to_string(),
        }),
    }
}

fn sign_in(v: &str) -> Result<SignIn, ProblemKind> {
    match text::fold(v).as_str() {
        "" | "never" | "neverloggedin" | "ログインナシ" | "未ログイン" | "ナシ" | "-" => {
            Ok(SignIn::Never)
        }
        _ => date::parse(v).map(SignIn::On).ok_or(ProblemKind::BadDate {
            value: v.to_string(),
        }),
    }
}

/// Whether a sign-in log row is a successful sign-in.
fn sign_in_status(v: &str) -> Result<bool, ProblemKind> {
    match text::fold(v).as_str() {
        "success" | "成功" => Ok(true),
        "failure" | "interrupted" | "失敗" | "中断" => Ok(false),
        _ => Err(ProblemKind::BadSignInStatus {
            value: v.to_string(),
        }),
    }
}

fn day(v: &str) -> Result<Option<Day>, ProblemKind> {
    if v.is_empty() {
        return Ok(None);
    }
    date::parse(v).map(Some).ok_or(ProblemKind::BadDate {
        value: v.to_string(),
    })
}

fn admin_role(acc: &mut Account, v: &str) -> Result<(), ProblemKind> {
    match flag(v) {
        Ok(b) => acc.admin = b.or(acc.admin),
        Err(_)
            if matches!(
                text::fold(v).as_str(),
                "none"
                    | "user"
                    | "member"
                    | "general"
                    | "standard"
                    | "ユザ"
                    | "一般"
                    | "一般ユザ"
                    | "利用者"
            ) =>
        {
            acc.admin = Some(false);
        }
        Err(_) => {
            acc.admin = Some(true);
            acc.admin_roles.push(v.to_string());
        }
    }
    Ok(())
}

/// Built-in Active Directory groups whose members administer the domain or its servers.
const PRIVILEGED_GROUPS: [&str; 7] = [
    "domain admins",
    "enterprise admins",
    "schema admins",
    "administrators",
    "account operators",
    "server operators",
    "backup operators",
];

fn member_of(acc: &mut Account, v: &str) {
    if v.is_empty() || v.starts_with("Microsoft.ActiveDirectory") {
        return;
    }
    // Distinguished names hold commas, so groups are found by their `CN=` parts.
    for part in v.split(['\n', ';', '|']) {
        let cn = part
            .trim()
            .strip_prefix("CN=")
            .or_else(|| part.trim().strip_prefix("cn="))
            .unwrap_or(part.trim());
        let name = cn.split(',').next().unwrap_or("").trim();
        if PRIVILEGED_GROUPS.contains(&name.to_lowercase().as_str()) {
            acc.admin = Some(true);
            acc.admin_roles.push(name.to_string());
        }
    }
    if acc.admin.is_none() {
        acc.admin = Some(false);
    }
}

/// All accounts of several exports.
///
/// - A Microsoft 365 account list (active users, or `Get-MgUser`) and an Entra ID
///   registration-details export are joined by user principal name (case-insensitive): the first
///   gives enabled state and dates, the second MFA and admin. Registration rows without a user
///   row are kept as accounts of their own.
/// - Sign-in logs are joined to every Microsoft 365 account by user principal name: an account
///   with a successful sign-in in a log takes the newest one as its last sign-in (unless the
///   list already knows a newer one); an account without one, whose last sign-in the list does
///   not give, becomes [`SignIn::NotSince`] the first day of the logs' unbroken period ending
///   with the newest log, or [`SignIn::Never`] when it was created within that period. Users in
///   a log but in no list are left out: the list says which accounts exist. A log with no list
///   at all therefore adds nothing; [`try_combine`] refuses that case.
pub fn combine(exports: Vec<Export>) -> Vec<Account> {
    let mut registration: HashMap<String, Account> = HashMap::new();
    let mut order: Vec<String> = Vec::new();
    let mut logs = Vec::new();
    let mut out = Vec::new();
    let mut rest = Vec::new();
    for e in exports {
        match e.format {
            Format::EntraRegistration => {
                for a in e.accounts {
                    let key = a.id.to_lowercase();
                    order.push(key.clone());
                    registration.insert(key, a);
                }
            }
            Format::EntraSignIns => logs.push(e),
            _ => rest.push(e),
        }
    }
    for e in rest {
        for mut a in e.accounts {
            if matches!(e.format, Format::M365Users | Format::GraphUsers)
                && let Some(r) = registration.remove(&a.id.to_lowercase())
            {
                a.mfa = r.mfa.or(a.mfa);
                a.admin = r.admin.or(a.admin);
                if a.name.is_empty() {
                    a.name = r.name;
                }
            }
            out.push(a);
        }
    }
    out.extend(order.iter().filter_map(|k| registration.remove(k)));
    join_sign_ins(&mut out, &logs);
    out
}

/// [`combine`], refusing sign-in logs given without a Microsoft 365 account list
/// ([`ProblemKind::SignInLogAlone`]): alone they show only the accounts that were used, and a
/// check of them would pass exactly the accounts it is meant to find.
pub fn try_combine(exports: Vec<Export>) -> Result<Vec<Account>, ReadError> {
    let log = exports.iter().any(|e| e.format == Format::EntraSignIns);
    let list = exports.iter().any(|e| e.format.lists_microsoft_accounts());
    if log && !list {
        return Err(ReadError::file(ProblemKind::SignInLogAlone));
    }
    Ok(combine(exports))
}

/// The first day of the period the logs cover without a gap, up to the newest log's last day.
fn unbroken_start(logs: &[Export]) -> Option<Day> {
    let mut periods: Vec<(Day, Day)> = logs.iter().filter_map(|e| e.period).collect();
    periods.sort();
    let mut merged: Vec<(Day, Day)> = Vec::new();
    for (start, end) in periods {
        match merged.last_mut() {
            Some(last) if start.0 <= last.1.0 + 1 => last.1 = last.1.max(end),
            _ => merged.push((start, end)),
        }
    }
    merged.iter().max_by_key(|p| p.1).map(|p| p.0)
}

fn join_sign_ins(accounts: &mut [Account], logs: &[Export]) {
    let Some(start) = unbroken_start(logs) else {
        return;
    };
    let mut newest: HashMap<String, Day> = HashMap::new();
    for a in logs.iter().flat_map(|e| &e.accounts) {
        if let SignIn::On(d) = a.last_sign_in {
            let e = newest.entry(a.id.to_lowercase()).or_insert(d);
            *e = (*e).max(d);
        }
    }
    for a in accounts
        .iter_mut()
        .filter(|a| a.system == System::Microsoft365)
    {
        a.last_sign_in = match (newest.get(&a.id.to_lowercase()), a.last_sign_in) {
            (Some(&d), SignIn::On(known)) => SignIn::On(known.max(d)),
            (Some(&d), _) => SignIn::On(d),
            (None, known @ (SignIn::On(_) | SignIn::Never)) => known,
            (None, _) if a.created.is_some_and(|c| c >= start) => SignIn::Never,
            (None, _) => SignIn::NotSince(start),
        };
    }
}
