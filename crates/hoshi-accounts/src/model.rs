//! One account as the checks see it, whichever export it came from. A value the export does not
//! carry is `None` (unknown), never guessed.

use crate::date::Day;
use serde::Serialize;

/// Where an account lives.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum System {
    Microsoft365,
    GoogleWorkspace,
    ActiveDirectory,
    /// A system read through a caller's column mapping (a VPN appliance's local users …);
    /// `cloud` says whether it is a cloud service, for the MFA check.
    Other {
        name: String,
        cloud: bool,
    },
}

impl System {
    /// Cloud services are where 4-1-3-2 asks for MFA.
    pub fn cloud(&self) -> bool {
        match self {
            System::Microsoft365 | System::GoogleWorkspace => true,
            System::ActiveDirectory => false,
            System::Other { cloud, .. } => *cloud,
        }
    }

    pub fn label(&self) -> &str {
        match self {
            System::Microsoft365 => "Microsoft 365",
            System::GoogleWorkspace => "Google Workspace",
            System::ActiveDirectory => "Active Directory",
            System::Other { name, .. } => name,
        }
    }
}

/// The last sign-in as far as the export tells.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", content = "day", rename_all = "snake_case")]
pub enum SignIn {
    /// The export has no sign-in column.
    Unknown,
    /// The column is there and empty or "Never logged in".
    Never,
    On(Day),
    /// No successful sign-in since this day, as far as a sign-in log shows: the log covers this
    /// day up to its end and holds no successful sign-in of the account. The last sign-in was
    /// earlier, or never; how much earlier the log cannot tell.
    NotSince(Day),
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Account {
    pub system: System,
    /// The row in the file it was read from (for the administrator to find it).
    pub row: usize,
    /// The sign-in ID: the user principal name, the e-mail address, or the sAMAccountName.
    pub id: String,
    /// The user principal name where the export has one besides `id` (Active Directory).
    pub upn: Option<String>,
    /// The display name (empty when the export has none).
    pub name: String,
    pub enabled: Option<bool>,
    pub last_sign_in: SignIn,
    pub created: Option<Day>,
    /// A second factor registered (MFA capable / 2-step verification enrolled).
    pub mfa: Option<bool>,
    /// 2-step verification enforced by policy (Google Workspace).
    pub mfa_enforced: Option<bool>,
    pub admin: Option<bool>,
    /// Role or group names that make the account an administrator, where the export names them.
    pub admin_roles: Vec<String>,
    pub password_never_expires: Option<bool>,
    pub password_last_set: Option<Day>,
}

impl Account {
    /// An account with only its system, row and ID known.
    pub fn new(system: System, row: usize, id: impl Into<String>) -> Account {
        Account {
            system,
            row,
            id: id.into(),
            upn: None,
            name: String::new(),
            enabled: None,
            last_sign_in: SignIn::Unknown,
            created: None,
            mfa: None,
            mfa_enforced: None,
            admin: None,
            admin_roles: Vec::new(),
            password_never_expires: None,
            password_last_set: None,
        }
    }

    /// Disabled only when the export says so: an unknown state counts as enabled.
    pub fn is_enabled(&self) -> bool {
        self.enabled != Some(false)
    }

    pub fn is_admin(&self) -> bool {
        self.admin == Some(true)
    }
}

/// A display name from given and family names. Names written in Japanese script go family
/// name first (山田 太郎), others given name first (Taro Yamada).
pub fn full_name(given: &str, family: &str) -> String {
    let (given, family) = (given.trim(), family.trim());
    let japanese = |s: &str| {
        s.chars().any(|c| {
            matches!(c, '\u{3040}'..='\u{30FF}' | '\u{3400}'..='\u{9FFF}' | '\u{FF66}'..='\u{FF9F}')
        })
    };
    let (first, second) = if japanese(given) || japanese(family) {
        (family, given)
    } else {
        (given, family)
    };
    match (first.is_empty(), second.is_empty()) {
        (true, _) => second.to_string(),
        (_, true) => first.to_string(),
        _ => format!("{first} {second}"),
    }
}
