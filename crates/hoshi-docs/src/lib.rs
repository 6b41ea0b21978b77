//! # hoshi-docs
//!
//! The documents SCS評価制度 ★3 asks a company to write — the security policy, roles and
//! contacts, confidentiality rules and pledge, password and account rules, device and information
//! handling rules (with the classification of information), backup and restore procedures, the
//! incident response procedure and its report form — drafted from the company's own data in
//! business Japanese (です・ます調) or English.
//!
//! A document is a [`Doc`]: a title and sections, each body written in a small line-based
//! [`markup`] (paragraphs, bullets, numbered steps, tables, sub-headings) that members edit in
//! the browser. [`draft`] fills a new document from [`Inputs`]; where a datum is empty it writes
//! a visible placeholder (`〔未設定：…〕` / `[not set: …]`) and lists the datum in
//! [`Draft::missing`], so approval can be refused until every placeholder is replaced
//! ([`markup::placeholders`]). [`html::body`] shows a body in a page, [`docx::write`] exports a
//! whole document as a Word file.
//!
//! Rules this crate keeps:
//! - pure: no clock, no file system, no network; the same input gives the same bytes;
//! - the texts are hoshi's own words (a test compares them with the official criteria);
//! - user text is always escaped where it is written into HTML or XML, and bad input never
//!   panics.

#![warn(missing_docs)]

pub mod docx;
mod fill;
pub mod html;
mod kinds;
pub mod markup;

use serde::{Deserialize, Serialize};

/// The kinds of document hoshi drafts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Kind {
    /// 情報セキュリティ基本方針 — information security policy.
    Policy,
    /// 役割分担と連絡先 — roles and contacts.
    Roles,
    /// 秘密保持規程 — confidentiality rules.
    Confidentiality,
    /// 秘密保持誓約書 — confidentiality pledge (a form members sign).
    Pledge,
    /// パスワード・アカウント管理規程 — password and account rules.
    Accounts,
    /// 機器・情報の管理規程 — device and information handling rules, with classification.
    Devices,
    /// バックアップ・復旧手順書 — backup and restore procedure.
    Backup,
    /// インシデント対応手順書 — incident response procedure.
    Incident,
    /// インシデント報告書（様式） — incident report form.
    IncidentReport,
}

impl Kind {
    /// Every kind, in the order the documents are listed.
    pub const ALL: [Kind; 9] = [
        Kind::Policy,
        Kind::Roles,
        Kind::Confidentiality,
        Kind::Pledge,
        Kind::Accounts,
        Kind::Devices,
        Kind::Backup,
        Kind::Incident,
        Kind::IncidentReport,
    ];

    /// The stable code used in URLs and storage.
    pub fn code(self) -> &'static str {
        match self {
            Kind::Policy => "policy",
            Kind::Roles => "roles",
            Kind::Confidentiality => "confidentiality",
            Kind::Pledge => "pledge",
            Kind::Accounts => "accounts",
            Kind::Devices => "devices",
            Kind::Backup => "backup",
            Kind::Incident => "incident",
            Kind::IncidentReport => "incident_report",
        }
    }

    /// The kind with this code.
    pub fn from_code(s: &str) -> Option<Kind> {
        Kind::ALL.into_iter().find(|k| k.code() == s)
    }

    /// The document's title.
    pub fn title(self, ja: bool) -> &'static str {
        match (self, ja) {
            (Kind::Policy, true) => "情報セキュリティ基本方針",
            (Kind::Policy, false) => "Information security policy",
            (Kind::Roles, true) => "役割分担と連絡先",
            (Kind::Roles, false) => "Security roles and contacts",
            (Kind::Confidentiality, true) => "秘密保持規程",
            (Kind::Confidentiality, false) => "Confidentiality rules",
            (Kind::Pledge, true) => "秘密保持誓約書",
            (Kind::Pledge, false) => "Confidentiality pledge",
            (Kind::Accounts, true) => "パスワード・アカウント管理規程",
            (Kind::Accounts, false) => "Password and account rules",
            (Kind::Devices, true) => "機器・情報の管理規程（情報の分類を含む）",
            (Kind::Devices, false) => {
                "Rules for devices and information (including classification)"
            }
            (Kind::Backup, true) => "バックアップ・復旧手順書",
            (Kind::Backup, false) => "Backup and restore procedure",
            (Kind::Incident, true) => "インシデント対応手順書",
            (Kind::Incident, false) => "Incident response procedure",
            (Kind::IncidentReport, true) => "インシデント報告書（様式）",
            (Kind::IncidentReport, false) => "Incident report (form)",
        }
    }

    /// One sentence: what the document is for.
    pub fn summary(self, ja: bool) -> &'static str {
        match (self, ja) {
            (Kind::Policy, true) => {
                "経営者が情報セキュリティに取り組む姿勢と、社内の基本的な約束事を示す文書です。"
            }
            (Kind::Policy, false) => {
                "States management's commitment to information security and the basic promises everyone keeps."
            }
            (Kind::Roles, true) => {
                "誰がセキュリティの責任を持ち、困ったときに誰へ連絡するかをまとめた一覧です。"
            }
            (Kind::Roles, false) => {
                "Lists who is responsible for security and whom to call when something goes wrong."
            }
            (Kind::Confidentiality, true) => {
                "何を秘密として扱い、在職中と退職後に何を守るかを定める規程です。"
            }
            (Kind::Confidentiality, false) => {
                "Defines what is kept confidential and what everyone must do during and after their work here."
            }
            (Kind::Pledge, true) => {
                "入社時や受入れ時に、秘密保持のルールを守ることを本人が署名して約束する書面です。"
            }
            (Kind::Pledge, false) => {
                "A form each person signs on joining to promise to keep the confidentiality rules."
            }
            (Kind::Accounts, true) => {
                "パスワードの決め方、多要素認証、IDの発行・削除など、アカウントの扱いを定める規程です。"
            }
            (Kind::Accounts, false) => {
                "Sets how passwords, multi-factor authentication and user IDs are created, used and removed."
            }
            (Kind::Devices, true) => {
                "パソコンなどの機器と、社内の情報を重要度に応じてどう扱うかを定める規程です。"
            }
            (Kind::Devices, false) => {
                "Sets how devices and the company's information are handled according to how sensitive they are."
            }
            (Kind::Backup, true) => {
                "何をどこへいつバックアップし、どの手順で元に戻すかを対象ごとに記した手順書です。"
            }
            (Kind::Backup, false) => {
                "Describes, for each target, what is backed up, where and when, and how it is restored."
            }
            (Kind::Incident, true) => {
                "事故や攻撃に気づいてから報告・初動・調査・復旧・最終報告までの流れと連絡先を定めた手順書です。"
            }
            (Kind::Incident, false) => {
                "The steps and contacts from noticing an incident to reporting, containment, investigation, recovery and the final report."
            }
            (Kind::IncidentReport, true) => {
                "インシデントの内容・対応・再発防止策を同じ形で記録し報告するための様式です。"
            }
            (Kind::IncidentReport, false) => {
                "A form to record and report what happened, what was done and how a repeat is prevented."
            }
        }
    }

    /// The official ★3 criterion IDs (評価基準No.) this document serves.
    pub fn criteria(self) -> &'static [&'static str] {
        match self {
            Kind::Policy => &["1-3-1-1", "1-3-1-2", "1-3-1-3"],
            Kind::Roles => &["1-2-1-1", "1-2-1-2", "1-2-1-3"],
            Kind::Confidentiality => &["1-2-3-1", "1-2-3-2", "2-1-2-1"],
            Kind::Pledge => &["1-2-3-1", "1-2-3-2"],
            Kind::Accounts => &[
                "4-1-1-2", "4-1-1-3", "4-1-2-2", "4-1-2-6", "4-1-3-2", "4-1-4-1", "4-1-4-2",
                "4-1-5-1", "4-1-5-2", "4-1-5-3", "4-1-5-4", "4-1-5-5", "4-1-6-1", "4-1-6-2",
                "4-1-6-3",
            ],
            Kind::Devices => &["3-1-1-3", "3-1-4-1", "3-1-4-3", "4-4-1-2"],
            Kind::Backup => &["4-3-4-1", "4-3-4-2", "4-3-4-3"],
            Kind::Incident => &[
                "6-1-1-1", "6-1-1-2", "6-1-1-3", "6-1-1-4", "6-1-1-5", "6-1-1-6",
            ],
            Kind::IncidentReport => &["6-1-1-5"],
        }
    }

    /// Whether every member must confirm having read the published version: the rules the
    /// criteria require to be made known to all (policy, confidentiality, passwords and
    /// accounts, device and information handling, incident response).
    pub fn needs_reading(self) -> bool {
        matches!(
            self,
            Kind::Policy | Kind::Confidentiality | Kind::Accounts | Kind::Devices | Kind::Incident
        )
    }

    /// The company data the draft is filled with.
    pub fn uses(self) -> &'static [Datum] {
        use Datum::*;
        match self {
            Kind::Policy => &[Company, Representative, SecurityLead],
            Kind::Roles => &[Company, Representative, SecurityLead, ItContact, People],
            Kind::Confidentiality => &[Company, Representative, SecurityLead, Partners],
            Kind::Pledge => &[Company, Representative],
            Kind::Accounts => &[Company, SecurityLead, ItContact, Services, Rules],
            Kind::Devices => &[Company, SecurityLead, ItContact, Assets, Rules],
            Kind::Backup => &[Company, ItContact, Backups, Rules],
            Kind::Incident => &[
                Company,
                Representative,
                SecurityLead,
                ItContact,
                Prefecture,
                Ministry,
                Insurer,
                Customers,
                Partners,
            ],
            Kind::IncidentReport => &[Company, SecurityLead],
        }
    }
}

/// One kind of company data a draft is filled with.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum Datum {
    /// The company's name.
    Company,
    /// The representative (代表者).
    Representative,
    /// The person responsible for security (セキュリティ責任者).
    SecurityLead,
    /// The IT contact (IT担当者).
    ItContact,
    /// Members with their titles.
    People,
    /// Devices and information assets.
    Assets,
    /// Cloud and external services in use.
    Services,
    /// Backup targets.
    Backups,
    /// The chosen rule values (password length, lock time, …).
    Rules,
    /// The prefecture of the head office (names the police desk).
    Prefecture,
    /// The competent ministry for the business.
    Ministry,
    /// The cyber insurer.
    Insurer,
    /// Customers to notify.
    Customers,
    /// Partners with confidentiality agreements.
    Partners,
}

impl Datum {
    /// Every datum, in declaration order.
    pub const ALL: [Datum; 14] = [
        Datum::Company,
        Datum::Representative,
        Datum::SecurityLead,
        Datum::ItContact,
        Datum::People,
        Datum::Assets,
        Datum::Services,
        Datum::Backups,
        Datum::Rules,
        Datum::Prefecture,
        Datum::Ministry,
        Datum::Insurer,
        Datum::Customers,
        Datum::Partners,
    ];

    /// The datum's name as shown in a placeholder and in forms.
    pub fn label(self, ja: bool) -> &'static str {
        match (self, ja) {
            (Datum::Company, true) => "会社名",
            (Datum::Company, false) => "company name",
            (Datum::Representative, true) => "代表者",
            (Datum::Representative, false) => "representative",
            (Datum::SecurityLead, true) => "セキュリティ責任者",
            (Datum::SecurityLead, false) => "security lead",
            (Datum::ItContact, true) => "IT担当者",
            (Datum::ItContact, false) => "IT contact",
            (Datum::People, true) => "メンバーと役割",
            (Datum::People, false) => "members and roles",
            (Datum::Assets, true) => "機器・情報資産の一覧",
            (Datum::Assets, false) => "list of devices and information assets",
            (Datum::Services, true) => "利用しているサービス",
            (Datum::Services, false) => "services in use",
            (Datum::Backups, true) => "バックアップ対象",
            (Datum::Backups, false) => "backup targets",
            (Datum::Rules, true) => "ルールの設定値",
            (Datum::Rules, false) => "rule settings",
            (Datum::Prefecture, true) => "本社所在地の都道府県",
            (Datum::Prefecture, false) => "prefecture of the head office",
            (Datum::Ministry, true) => "事業所管省庁",
            (Datum::Ministry, false) => "competent ministry",
            (Datum::Insurer, true) => "サイバー保険の保険会社",
            (Datum::Insurer, false) => "cyber insurer",
            (Datum::Customers, true) => "連絡する顧客",
            (Datum::Customers, false) => "customers to notify",
            (Datum::Partners, true) => "秘密保持契約を結ぶ取引先",
            (Datum::Partners, false) => "partners under confidentiality agreements",
        }
    }
}

/// A person named in a document.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Person {
    /// Full name.
    pub name: String,
    /// Title or role (役職・役割).
    pub title: String,
    /// E-mail address.
    pub email: String,
    /// Telephone number.
    pub phone: String,
}

/// A device or information asset.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct AssetLine {
    /// Asset number (管理番号).
    pub number: String,
    /// Name.
    pub name: String,
    /// Kind (PC, server, file share …).
    pub kind: String,
    /// Who is responsible for it.
    pub owner: String,
    /// Where it is kept.
    pub place: String,
}

/// A cloud or external service in use.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct ServiceLine {
    /// Name.
    pub name: String,
    /// What it is used for.
    pub purpose: String,
    /// Who administers it.
    pub owner: String,
}

/// One backup target.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct BackupLine {
    /// Name of the target.
    pub name: String,
    /// What is backed up.
    pub what: String,
    /// Where the copies are kept.
    pub place: String,
    /// When copies are made.
    pub schedule: String,
    /// The recorded restore procedure (one step a line), may be empty.
    pub restore: String,
}

/// The rule values the company chose.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Rules {
    /// Minimum password length (default 12).
    pub password_min_len: u8,
    /// Whether multi-factor authentication is required wherever offered (default true).
    pub mfa_required: bool,
    /// Minutes of inactivity before a screen locks (default 10).
    pub lock_minutes: u16,
    /// Months between account reviews (default 12).
    pub account_review_months: u8,
    /// Leavers' accounts are removed within this many days (default 1).
    pub leaver_days: u8,
    /// Classification levels, highest first; empty: 極秘/社外秘/公開.
    pub classes: Vec<String>,
    /// Years records (backups, incident reports) are kept (default 5).
    pub retention_years: u8,
}

impl Default for Rules {
    fn default() -> Self {
        Rules {
            password_min_len: 12,
            mfa_required: true,
            lock_minutes: 10,
            account_review_months: 12,
            leaver_days: 1,
            classes: Vec::new(),
            retention_years: 5,
        }
    }
}

/// The cyber insurer.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Insurer {
    /// Company name.
    pub name: String,
    /// Claims or incident hotline.
    pub phone: String,
    /// Policy number.
    pub policy: String,
}

/// The company data drafts are filled with.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Inputs {
    /// The company's name.
    pub company: String,
    /// The representative (代表者).
    pub representative: Person,
    /// The person responsible for security.
    pub security_lead: Person,
    /// The IT contact.
    pub it_contact: Person,
    /// Members with titles or roles.
    pub people: Vec<Person>,
    /// Devices and information assets.
    pub assets: Vec<AssetLine>,
    /// Cloud and external services in use.
    pub services: Vec<ServiceLine>,
    /// Backup targets.
    pub backups: Vec<BackupLine>,
    /// Chosen rule values.
    pub rules: Rules,
    /// Prefecture of the head office, e.g. 愛知県 (names the police desk).
    pub prefecture: String,
    /// The competent ministry for the business (事業所管大臣), free text.
    pub ministry: String,
    /// The cyber insurer.
    pub insurer: Insurer,
    /// Customers to notify after an incident.
    pub customers: Vec<String>,
    /// Partners with confidentiality agreements.
    pub partners: Vec<String>,
}

/// One section of a document.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Section {
    /// Stable key within the document (e.g. `scope`).
    pub key: String,
    /// The section's heading.
    pub heading: String,
    /// The body in [`markup`].
    pub body: String,
}

/// A document: title and sections in one language.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Doc {
    /// What kind of document it is.
    pub kind: Kind,
    /// Japanese (`true`) or English.
    pub ja: bool,
    /// The title.
    pub title: String,
    /// The sections, in order.
    pub sections: Vec<Section>,
}

/// A new document and the data that was missing while drafting it.
#[derive(Debug, Clone, PartialEq)]
pub struct Draft {
    /// The drafted document.
    pub doc: Doc,
    /// Data that was empty and left as a placeholder, each once, in [`Datum::ALL`] order.
    pub missing: Vec<Datum>,
}

/// Drafts a document of `kind` from `inputs` in Japanese (`ja`) or English.
pub fn draft(kind: Kind, inputs: &Inputs, ja: bool) -> Draft {
    let mut cx = fill::Cx::new(inputs, ja);
    let sections = kinds::sections(kind, &mut cx);
    Draft {
        doc: Doc {
            kind,
            ja,
            title: kind.title(ja).to_string(),
            sections,
        },
        missing: cx.missing(),
    }
}

/// What an export prints around the text.
#[derive(Debug, Clone, Default)]
pub struct Meta {
    /// The company's name.
    pub company: String,
    /// The version number.
    pub version: u32,
    /// Not yet published: marked 下書き / DRAFT.
    pub draft: bool,
    /// The date the version takes effect (`YYYY-MM-DD`).
    pub effective_on: Option<String>,
    /// Who approved the version.
    pub approved_by: Option<String>,
    /// When it was approved (`YYYY-MM-DD`).
    pub approved_on: Option<String>,
}

impl Meta {
    /// The line an export prints in the footer: version and effective date, or the draft mark.
    pub fn status_line(&self, ja: bool) -> String {
        let mut s = if ja {
            format!("第{}版", self.version)
        } else {
            format!("Version {}", self.version)
        };
        if self.draft {
            s.push_str(if ja { "　下書き" } else { " · DRAFT" });
        } else if let Some(d) = self.effective_on.as_deref().filter(|d| !d.is_empty()) {
            if ja {
                s.push_str(&format!("　{d} 施行"));
            } else {
                s.push_str(&format!(" · effective {d}"));
            }
        }
        s
    }

    /// The approval line (`None` when nothing was approved).
    pub fn approval_line(&self, ja: bool) -> Option<String> {
        let by = self.approved_by.as_deref().filter(|s| !s.is_empty())?;
        let on = self.approved_on.as_deref().unwrap_or("");
        Some(match (ja, on.is_empty()) {
            (true, true) => format!("承認：{by}"),
            (true, false) => format!("承認：{by}（{on}）"),
            (false, true) => format!("Approved by {by}"),
            (false, false) => format!("Approved by {by} on {on}"),
        })
    }
}
