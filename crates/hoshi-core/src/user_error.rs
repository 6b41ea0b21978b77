//! What a person can fix, as a closed set. Every refusal a user can cause — a form field, a link
//! that expired, a step the review does not allow yet — is one variant here, with a stable code
//! (the JSON API's `error`, the key in logs), the form field it belongs to when there is one, and
//! its message in Japanese and English. Because the messages are a `match`, a variant without a
//! text in either language does not compile.
//!
//! Messages are complete sentences in each language; details (a count, a list of requirement
//! IDs, a field's name) are values, never text in another language appended to the message.

use crate::Lang;
use crate::corporate::CorporateNumberError;
use crate::review::ReviewStatus;

/// A problem with what the user sent or asked for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum UserError {
    // ------------------------------------------------------------ forms in general
    /// The form could not be decoded (not UTF-8, wrong content type, fields missing).
    BadForm,
    /// A request no form of hoshi produces (an unknown choice, a malformed value).
    BadRequest,
    /// A text field is over its limit.
    TooLong {
        field: &'static str,
        max: usize,
    },
    /// The language must be ja or en.
    BadLang,

    // ------------------------------------------------------------ accounts
    SetupLinkInvalid,
    NameRequired,
    EmailInvalid,
    EmailTaken,
    /// A password policy problem (see `Password`).
    Password(PasswordProblem),
    PasswordMismatch,
    /// The current password, asked before a change, is not right.
    CurrentPasswordWrong,
    /// A password-reset link that is unknown, used or expired.
    ResetLinkInvalid,
    /// An administrator cannot disable their own account or the last active administrator.
    LastAdmin,
    /// The account was disabled by an administrator.
    AccountDisabled,
    /// Sign-in from this address is paused for `minutes` after repeated failures.
    AccountLocked {
        minutes: i64,
    },
    TokenNameBad,
    TokenDaysBad,

    // ------------------------------------------------------------ organisations
    OrgNameBad,
    LastOwner,
    CorporateNumber(CorporateNumberError),
    InvitationInvalid,

    // ------------------------------------------------------------ assessments
    TitleBad,
    CatalogUnknown,
    LevelNotAssessable {
        level: u8,
    },
    StatusUnknown,
    NaNeedsReason,
    TooManyEvidenceLines {
        max: usize,
    },
    AssessmentLocked,
    ImportOtherCatalog,
    /// The file is not an Excel workbook hoshi can read (the technical reason goes to the log).
    WorkbookUnreadable,
    /// The edition given for an imported workbook is not a date `YYYY-MM-DD`.
    CatalogEditionBad,
    /// The official workbook of this edition was imported before from another file; the
    /// administrator must say that it replaces the earlier one.
    CatalogReplaceConfirm {
        pin: String,
    },
    /// The catalog to be replaced has assessments resting on it.
    CatalogInUse {
        pin: String,
        assessments: i64,
    },
    RecordsBad,
    RevenueBad,
    StoppageBad {
        max: u32,
    },

    // ------------------------------------------------------------ evidence
    EvidenceTitle,
    EvidenceDate,
    EvidenceExpiryBefore,
    EvidenceOneOf,
    EvidenceType,
    EvidenceUrl,
    /// The file is over the server's limit (`max_mb` MB).
    EvidenceTooLarge {
        max_mb: usize,
    },
    EvidenceForm,
    UploadUnreadable,

    // ------------------------------------------------------------ exposure check
    /// Neither an address, a range nor a host name.
    ScanTargetBad {
        target: String,
    },
    /// A private, loopback or otherwise non-public address this server is not allowed to scan.
    ScanTargetNotPublic {
        target: String,
    },
    /// A range larger than one scan covers.
    ScanRangeTooLarge {
        target: String,
        count: u128,
        max: usize,
    },
    /// Declared already.
    ScanTargetExists {
        target: String,
    },
    /// An owner declaring a range must confirm the organisation may have it scanned.
    ScanRangeConfirm,
    /// The port list could not be read.
    ScanPortsBad,
    /// Nothing confirmed to scan.
    ScanNoTargets,
    /// A scan of the organisation is queued or running.
    ScanBusy,
    /// The day's scans are used up.
    ScanDailyLimit {
        max: u32,
    },
    /// The rescan interval is out of range.
    ScanEveryBad,
    /// The scan has not finished, so it cannot be evidence.
    ScanNotFinished,
    /// How long a scan stays valid evidence is out of range.
    ScanValidDays,
    /// The targets that count hold more addresses than one scan covers.
    ScanTooManyAddresses {
        count: i64,
        max: usize,
    },
    /// A name only the server's own network knows (single label, .local, .internal …).
    ScanTargetInternalName {
        target: String,
    },

    // ------------------------------------------------------------ asset register
    AssetTagMissing,
    AssetNameMissing,
    AssetKindUnknown {
        kind: String,
    },
    AssetDateBad {
        value: String,
    },
    AssetCpeBad {
        cpe: String,
    },
    /// Another asset of the organisation has this number.
    AssetTagExists {
        tag: String,
    },
    /// Someone changed the asset since the form was opened.
    AssetChanged,
    /// The register file has no rows, no header row hoshi knows, or a column twice.
    RegisterEmpty,
    RegisterNoHeader,
    RegisterColumnTwice {
        column: String,
    },
    /// The same asset number on two rows of one file.
    RegisterTagTwice {
        tag: String,
        first_row: usize,
    },
    /// The file is neither CSV (UTF-8 or Shift_JIS) nor an Excel workbook hoshi can read.
    RegisterUnreadable,
    RegisterTooManyRows {
        max: usize,
    },
    /// An inventory (SBOM, package list) could not be read; `reason` is the reader's, already in
    /// the user's language.
    InventoryUnreadable {
        reason: String,
    },
    /// No vulnerability data has been imported on this server.
    VulnsNoData,

    // ------------------------------------------------------------ backups
    /// A backup target's name is empty or too long.
    BackupNameBad,
    /// Another backup target of the organisation has this name.
    BackupNameTaken {
        name: String,
    },
    /// Not a repository location hoshi can hand to restic.
    BackupLocationBad {
        location: String,
    },
    /// A location this server may not open (a local folder outside the allowed ones, SFTP where
    /// it is not enabled, a server address inside the server's own network).
    BackupLocationNotAllowed {
        location: String,
    },
    /// A new target needs the repository password.
    BackupPasswordMissing,
    /// A backend setting line is not `NAME=value` with a name restic's backends read.
    BackupEnvBad {
        line: String,
    },
    BackupMaxAgeBad,
    BackupSampleBad,
    BackupEveryBad,
    /// Someone changed the target since the form was opened.
    BackupChanged,
    /// A verification of the target is queued or running.
    BackupBusy,
    /// The secrets cannot be sealed: the server has no sealing key (several servers).
    BackupNoSealingKey,

    // ------------------------------------------------------------ fraud mail check
    /// Someone saved the profile since the form was opened.
    FraudProfileChanged,
    /// The profile text is not a valid `hoshi-fraud-profile/1` file; `place` is `line:column`
    /// when known, `detail` the reader's words.
    FraudProfileBad {
        place: String,
        /// What is wrong, in Japanese and in English.
        detail_ja: String,
        detail_en: String,
    },
    /// Neither a file nor pasted source was given.
    FraudMailMissing,

    // ------------------------------------------------------------ documents (issue 16)
    /// A document's title is empty or too long.
    DocTitleBad,
    /// A section's text breaks the markup (a table row with the wrong number of cells…).
    DocSectionBad {
        heading: String,
        line: usize,
        detail_ja: String,
        detail_en: String,
    },
    /// Someone saved a newer version while this one was being edited.
    DocChanged {
        latest: i64,
    },
    /// A version still has `〔未設定：…〕` places and cannot be approved.
    DocPlaceholders {
        items: Vec<String>,
    },
    /// Only the newest version, not yet approved, can be approved; only an approved newest
    /// version can be published.
    DocWrongState,
    /// The effective date is not a date, or before the approval.
    DocEffectiveDateBad,
    /// The organisation already has this document in this language.
    DocExists,

    // ------------------------------------------------------------ registers (issue 16)
    /// Someone changed the register entry since the form was opened.
    RegEntryChanged,
    /// Another entry of the same register has this name.
    RegEntryExists {
        name: String,
    },
    /// The same name on two rows of one register file.
    RegNameTwice {
        name: String,
        first_row: usize,
    },
    /// A field that must be filled in (`field`: the column's key).
    RegRequired {
        field: &'static str,
    },
    /// A date column holding something that is not a date.
    RegDateBad {
        field: &'static str,
        value: String,
    },
    /// A column with a closed list of values (yes/no, classification) holding another value.
    RegChoiceBad {
        field: &'static str,
        value: String,
        allowed: String,
    },
    /// A number of hours that is not a whole number from 1 to 8760.
    RegHoursBad {
        field: &'static str,
        value: String,
    },
    /// A register file without rows, or without the header row of the register it was sent to.
    RegFileEmpty,
    RegFileNoHeader {
        column_ja: &'static str,
        column_en: &'static str,
    },

    // ------------------------------------------------------------ buyers and suppliers
    SupplierNameBad,
    DueDateBad,
    DecisionUnanswered {
        question: &'static str,
    },
    RelationshipExists,
    RelationshipAccepted,
    SupplierIsBuyer,
    SupplierAlreadyLinked,
    ShareUnrelated,
    MailBad,

    // ------------------------------------------------------------ review
    ReviewNoExpert,
    ReviewWrongState(ReviewStatus),
    Star4NeedsBody,
    ExpertProfileBad,
    ExpertIsMember,
    EvaluatorForStar4Only,
    EvaluatorNotBody,
    EvaluatorLoginRequired,
    CommentBad,
    /// Returning an assessment for changes needs a reason.
    ReturnReasonMissing,
    ConfirmNotMet {
        open: usize,
    },
    EvaluationBad,
    EvaluationBodyBad,
    EvaluationIncomplete {
        missing: usize,
    },
    EvaluationFailed {
        requirements: Vec<String>,
    },
    DeclareAgree,
    DeclareBad,
    DeclareNotConfirmed,
    /// Declaring in person needs a member recorded as an officer.
    DeclareNotOfficer,
    /// Declaring in person needs the officer's second factor.
    DeclareNeedsMfa,
    /// A declaration recorded on an officer's behalf needs the officer's signed statement.
    DeclareStatementMissing,
    /// An officer's title is longer than 100 characters.
    OfficerTitleBad,

    // ------------------------------------------------------------ signed results
    AttestNotConfirmed,
    AttestNotDeclared,
    AttestExpired,
    AttestReviewChanged,
    AttestationReasonBad,
    AttestationRevokedAlready,
    VerifyNoFile,
    VerifyTooLarge,
    ImportTooLarge,
    ImportNoNumber,
    ImportOtherOrg {
        found: String,
        expected: String,
    },
    ImportIssuerNotHttps,
    ImportFetchFailed {
        problem: FetchProblem,
    },
    ImportBadKeys,
    ImportBadRevoked,
    /// The attestation does not verify; `reasons` are the verifier's, already in the user's
    /// language.
    ImportInvalid {
        reasons: Vec<String>,
    },
}

/// Why a download from another server failed (the technical detail goes to the log).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FetchProblem {
    /// The address is not one hoshi fetches from (not https://, malformed).
    Address,
    /// The host resolves to a private or local address, which is not fetched unless allowed.
    PrivateAddress,
    /// No answer: the name does not resolve, the connection fails or times out.
    Unreachable,
    /// The TLS handshake failed (certificate not trusted, wrong name).
    Tls,
    /// The server answered with an error status.
    HttpStatus,
    /// The answer was not a usable HTTP answer (cut off, too large, malformed).
    BadAnswer,
}

/// Why a password is refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PasswordProblem {
    TooShort,
    TooLong,
    Common,
    Repetitive,
    ContainsEmail,
    ContainsName,
}

impl PasswordProblem {
    pub fn code(self) -> &'static str {
        match self {
            PasswordProblem::TooShort => "too_short",
            PasswordProblem::TooLong => "too_long",
            PasswordProblem::Common => "common",
            PasswordProblem::Repetitive => "repetitive",
            PasswordProblem::ContainsEmail => "contains_email",
            PasswordProblem::ContainsName => "contains_name",
        }
    }
}

fn pick(lang: Lang, ja: &str, en: &str) -> String {
    match lang {
        Lang::Ja => ja.to_string(),
        Lang::En => en.to_string(),
    }
}

impl UserError {
    /// The stable code: the JSON API's `error` and the log key.
    #[allow(clippy::too_many_lines, reason = "a table: one code per variant")]
    pub fn code(&self) -> &'static str {
        use UserError as E;
        match self {
            E::BadForm => "bad_form",
            E::BadRequest => "bad_request",
            E::TooLong { .. } => "too_long",
            E::BadLang => "bad_lang",
            E::SetupLinkInvalid => "setup_invalid",
            E::NameRequired => "name_required",
            E::EmailInvalid => "email_invalid",
            E::EmailTaken => "email_taken",
            E::Password(_) => "password_weak",
            E::PasswordMismatch => "pw_mismatch",
            E::CurrentPasswordWrong => "current_password_wrong",
            E::ResetLinkInvalid => "reset_link_invalid",
            E::LastAdmin => "last_admin",
            E::AccountDisabled => "account_disabled",
            E::AccountLocked { .. } => "locked",
            E::TokenNameBad => "token_name_bad",
            E::TokenDaysBad => "token_days_bad",
            E::OrgNameBad => "org_name_bad",
            E::LastOwner => "last_owner",
            E::CorporateNumber(_) => "corporate_number_bad",
            E::InvitationInvalid => "invite_invalid",
            E::TitleBad => "title_bad",
            E::CatalogUnknown => "catalog_unknown",
            E::LevelNotAssessable { .. } => "level_not_assessable",
            // The API's codes since it was published.
            E::StatusUnknown => "bad_status",
            E::NaNeedsReason => "reason_required",
            E::TooManyEvidenceLines { .. } => "too_many_evidence",
            E::AssessmentLocked => "assessment_locked",
            E::ImportOtherCatalog => "import_other_catalog",
            E::WorkbookUnreadable => "workbook_unreadable",
            E::CatalogEditionBad => "catalog_edition_bad",
            E::CatalogReplaceConfirm { .. } => "catalog_replace_confirm",
            E::CatalogInUse { .. } => "catalog_in_use",
            E::RecordsBad => "bad_records",
            E::RevenueBad => "bad_revenue",
            E::StoppageBad { .. } => "bad_stoppage",
            E::EvidenceTitle => "evidence_title",
            E::EvidenceDate => "evidence_date",
            E::EvidenceExpiryBefore => "evidence_expiry_before",
            E::EvidenceOneOf => "evidence_one_of",
            E::EvidenceType => "evidence_type",
            E::EvidenceUrl => "evidence_url",
            E::EvidenceTooLarge { .. } => "evidence_too_large",
            E::EvidenceForm => "evidence_form",
            E::UploadUnreadable => "upload_unreadable",
            E::ScanTargetBad { .. } => "scan_target_bad",
            E::ScanTargetNotPublic { .. } => "scan_target_not_public",
            E::ScanRangeTooLarge { .. } => "scan_range_too_large",
            E::ScanTargetExists { .. } => "scan_target_exists",
            E::ScanRangeConfirm => "scan_range_confirm",
            E::ScanPortsBad => "scan_ports_bad",
            E::ScanNoTargets => "scan_no_targets",
            E::ScanBusy => "scan_busy",
            E::ScanDailyLimit { .. } => "scan_daily_limit",
            E::ScanEveryBad => "scan_every_bad",
            E::ScanNotFinished => "scan_not_finished",
            E::ScanValidDays => "scan_valid_days",
            E::ScanTooManyAddresses { .. } => "scan_too_many_addresses",
            E::ScanTargetInternalName { .. } => "scan_target_internal_name",
            E::AssetTagMissing => "asset_tag_missing",
            E::AssetNameMissing => "asset_name_missing",
            E::AssetKindUnknown { .. } => "asset_kind_unknown",
            E::AssetDateBad { .. } => "asset_date_bad",
            E::AssetCpeBad { .. } => "asset_cpe_bad",
            E::AssetTagExists { .. } => "asset_tag_exists",
            E::AssetChanged => "asset_changed",
            E::RegisterEmpty => "register_empty",
            E::RegisterNoHeader => "register_no_header",
            E::RegisterColumnTwice { .. } => "register_column_twice",
            E::RegisterTagTwice { .. } => "register_tag_twice",
            E::RegisterUnreadable => "register_unreadable",
            E::RegisterTooManyRows { .. } => "register_too_many_rows",
            E::InventoryUnreadable { .. } => "inventory_unreadable",
            E::VulnsNoData => "vulns_no_data",
            E::BackupNameBad => "backup_name_bad",
            E::BackupNameTaken { .. } => "backup_name_taken",
            E::BackupLocationBad { .. } => "backup_location_bad",
            E::BackupLocationNotAllowed { .. } => "backup_location_not_allowed",
            E::BackupPasswordMissing => "backup_password_missing",
            E::BackupEnvBad { .. } => "backup_env_bad",
            E::BackupMaxAgeBad => "backup_max_age_bad",
            E::BackupSampleBad => "backup_sample_bad",
            E::BackupEveryBad => "backup_every_bad",
            E::BackupChanged => "backup_changed",
            E::BackupBusy => "backup_busy",
            E::BackupNoSealingKey => "backup_no_sealing_key",
            E::FraudProfileChanged => "fraud_profile_changed",
            E::FraudProfileBad { .. } => "fraud_profile_bad",
            E::FraudMailMissing => "fraud_mail_missing",
            E::DocTitleBad => "doc_title_bad",
            E::DocSectionBad { .. } => "doc_section_bad",
            E::DocChanged { .. } => "doc_changed",
            E::DocPlaceholders { .. } => "doc_placeholders",
            E::DocWrongState => "doc_wrong_state",
            E::DocEffectiveDateBad => "doc_effective_date_bad",
            E::DocExists => "doc_exists",
            E::RegEntryChanged => "reg_entry_changed",
            E::RegEntryExists { .. } => "reg_entry_exists",
            E::RegNameTwice { .. } => "reg_name_twice",
            E::RegRequired { .. } => "reg_required",
            E::RegDateBad { .. } => "reg_date_bad",
            E::RegChoiceBad { .. } => "reg_choice_bad",
            E::RegHoursBad { .. } => "reg_hours_bad",
            E::RegFileEmpty => "reg_file_empty",
            E::RegFileNoHeader { .. } => "reg_file_no_header",
            E::SupplierNameBad => "supplier_name_bad",
            E::DueDateBad => "due_date_bad",
            E::DecisionUnanswered { .. } => "decision_unanswered",
            E::RelationshipExists => "relationship_exists",
            E::RelationshipAccepted => "relationship_accepted",
            E::SupplierIsBuyer => "supplier_is_buyer",
            E::SupplierAlreadyLinked => "supplier_already_linked",
            E::ShareUnrelated => "share_unrelated",
            E::MailBad => "mail_bad",
            E::ReviewNoExpert => "review_no_expert",
            E::ReviewWrongState(_) => "review_wrong_state",
            E::Star4NeedsBody => "star4_needs_body",
            E::ExpertProfileBad => "expert_profile_bad",
            E::ExpertIsMember => "expert_is_member",
            E::EvaluatorForStar4Only => "evaluator_for_star4_only",
            E::EvaluatorNotBody => "evaluator_not_body",
            E::EvaluatorLoginRequired => "evaluator_login_required",
            E::CommentBad => "comment_bad",
            E::ReturnReasonMissing => "return_reason_missing",
            E::ConfirmNotMet { .. } => "confirm_not_met",
            E::EvaluationBad => "evaluation_bad",
            E::EvaluationBodyBad => "evaluation_body_bad",
            E::EvaluationIncomplete { .. } => "evaluation_incomplete",
            E::EvaluationFailed { .. } => "evaluation_failed",
            E::DeclareAgree => "declare_agree",
            E::DeclareBad => "declare_bad",
            E::DeclareNotConfirmed => "declare_not_confirmed",
            E::DeclareNotOfficer => "declare_not_officer",
            E::DeclareNeedsMfa => "declare_needs_mfa",
            E::DeclareStatementMissing => "declare_statement_missing",
            E::OfficerTitleBad => "officer_title_bad",
            E::AttestNotConfirmed => "attest_not_confirmed",
            E::AttestNotDeclared => "attest_not_declared",
            E::AttestExpired => "attest_expired",
            E::AttestReviewChanged => "attest_review_changed",
            E::AttestationReasonBad => "attestation_reason_bad",
            E::AttestationRevokedAlready => "attestation_revoked_already",
            E::VerifyNoFile => "verify_no_file",
            E::VerifyTooLarge => "verify_too_large",
            E::ImportTooLarge => "import_too_large",
            E::ImportNoNumber => "import_no_number",
            E::ImportOtherOrg { .. } => "import_other_org",
            E::ImportIssuerNotHttps => "import_issuer_not_https",
            E::ImportFetchFailed { .. } => "import_fetch_failed",
            E::ImportBadKeys => "import_bad_keys",
            E::ImportBadRevoked => "import_bad_revoked",
            E::ImportInvalid { .. } => "import_invalid",
        }
    }

    /// The message, a complete sentence in `lang`.
    #[allow(
        clippy::too_many_lines,
        reason = "the message table: one arm per variant"
    )]
    pub fn message(&self, lang: Lang) -> String {
        use UserError as E;
        let p = |ja: &str, en: &str| pick(lang, ja, en);
        match self {
            E::BadForm => p(
                "フォームの内容を読み取れませんでした（文字コードが UTF-8 でないか、項目が足りません）。ページを開き直してください。",
                "The form could not be read (not UTF-8, or fields are missing). Please reload the page.",
            ),
            E::BadRequest => p(
                "入力内容に誤りがあります。",
                "Something in the request is not right.",
            ),
            E::TooLong { max, .. } => match lang {
                Lang::Ja => format!("入力が長すぎます（{max}文字まで）。"),
                Lang::En => format!("This entry is too long ({max} characters at most)."),
            },
            E::BadLang => p(
                "言語は ja か en を指定してください。",
                "The language must be ja or en.",
            ),
            E::SetupLinkInvalid => p(
                "このセットアップ用リンクは無効か、すでに使われています。",
                "This set-up link is invalid or has already been used.",
            ),
            E::NameRequired => p(
                "氏名を入力してください（100文字まで）。",
                "Please enter your name (100 characters at most).",
            ),
            E::EmailInvalid => p(
                "メールアドレスの形式が正しくありません。",
                "This is not a valid e-mail address.",
            ),
            E::EmailTaken => p(
                "このメールアドレスのアカウントはすでにあります。ログインしてから招待を受けてください。",
                "An account with this e-mail address exists: sign in, then accept the invitation.",
            ),
            E::Password(pp) => match pp {
                PasswordProblem::TooShort => p(
                    "パスワードは10文字以上にしてください。",
                    "The password must be at least 10 characters.",
                ),
                PasswordProblem::TooLong => p(
                    "パスワードが長すぎます（256文字まで）。",
                    "The password is too long (256 characters at most).",
                ),
                PasswordProblem::Common => p(
                    "推測されやすいパスワードです。別のものにしてください。",
                    "This password is too easy to guess.",
                ),
                PasswordProblem::Repetitive => p(
                    "同じ文字の繰り返しが多すぎます。",
                    "Too many repeated characters.",
                ),
                PasswordProblem::ContainsEmail => p(
                    "メールアドレスを含むパスワードは使えません。",
                    "The password must not contain your e-mail address.",
                ),
                PasswordProblem::ContainsName => p(
                    "氏名を含むパスワードは使えません。",
                    "The password must not contain your name.",
                ),
            },
            E::PasswordMismatch => p(
                "確認用のパスワードが一致しません。",
                "The passwords do not match.",
            ),
            E::CurrentPasswordWrong => p(
                "現在のパスワードが正しくありません。",
                "The current password is not correct.",
            ),
            E::LastAdmin => p(
                "自分自身のアカウントや、最後の管理者のアカウントは無効にできません。",
                "You cannot disable your own account or the last active administrator.",
            ),
            E::AccountDisabled => p(
                "このアカウントは管理者によって無効にされています。管理者にお問い合わせください。",
                "This account was disabled by an administrator. Please contact them.",
            ),
            E::ResetLinkInvalid => p(
                "このパスワード再設定用リンクは無効です（使用済みか、有効期限が切れています）。管理者に新しいリンクの発行を依頼してください。",
                "This password-reset link is not valid (used or expired). Ask an administrator for a new one.",
            ),
            E::AccountLocked { minutes } => match lang {
                Lang::Ja => format!(
                    "ログインの失敗が続いたため、この場所からのログインを一時的に止めています。{minutes}分後にもう一度お試しください。"
                ),
                Lang::En => format!(
                    "After repeated failures, sign-in from this address is paused. Please try again in {minutes} minutes."
                ),
            },
            E::TokenNameBad => p(
                "トークンの名前は1〜100文字にしてください。",
                "A token name must be 1 to 100 characters.",
            ),
            E::TokenDaysBad => p(
                "有効日数は1〜366日にしてください。",
                "Validity must be 1 to 366 days.",
            ),
            E::OrgNameBad => p(
                "組織名は1〜200文字で入力してください（空白だけの名前は使えません）。",
                "An organisation name must be 1 to 200 characters (not only spaces).",
            ),
            E::LastOwner => p(
                "組織には少なくとも1人のオーナーが必要です。",
                "An organisation needs at least one owner.",
            ),
            E::CorporateNumber(e) => match (lang, e) {
                (Lang::Ja, CorporateNumberError::Length(n)) => {
                    format!("法人番号は13桁の数字です（入力は{n}桁です）。")
                }
                (Lang::Ja, CorporateNumberError::NotDigit(c)) => {
                    format!("法人番号には数字だけを入力してください（「{c}」は数字ではありません）。")
                }
                (Lang::Ja, CorporateNumberError::CheckDigit { .. }) => {
                    "法人番号の検査用数字（先頭の1桁）が合いません。入力に誤りがないか確認してください。".to_string()
                }
                (Lang::En, CorporateNumberError::Length(n)) => {
                    format!("A corporate number (法人番号) has 13 digits; this one has {n}.")
                }
                (Lang::En, CorporateNumberError::NotDigit(c)) => {
                    format!("A corporate number (法人番号) has digits only; “{c}” is not a digit.")
                }
                (Lang::En, CorporateNumberError::CheckDigit { .. }) => {
                    "The check digit (the first digit) of this corporate number (法人番号) does not match: please check for a typing error.".to_string()
                }
            },
            E::InvitationInvalid => p(
                "この招待リンクは無効か、期限切れか、すでに使われています。",
                "This invitation link is invalid, expired or already used.",
            ),
            E::TitleBad => p(
                "タイトルは1〜200文字で入力してください（空白だけのタイトルは使えません）。",
                "A title must be 1 to 200 characters (not only spaces).",
            ),
            E::CatalogUnknown => p(
                "選んだカタログはこの hoshi に読み込まれていません。一覧から選び直してください。",
                "The catalog chosen is not loaded in this hoshi. Please choose one from the list.",
            ),
            E::LevelNotAssessable { level } => match lang {
                Lang::Ja => format!(
                    "このカタログの★{level}は要約のみのため、自己評価を始められません。IPA の公式ワークブックを取り込んだカタログ（scs-ipa）を選んでください。一覧にない場合は、この hoshi の管理者に取り込みを依頼してください（管理者メニューの「カタログの管理」）。"
                ),
                Lang::En => format!(
                    "This catalog holds only a summary of ★{level}, so no assessment can start from it. Choose the catalog imported from IPA's official workbook (scs-ipa); if it is not listed, ask this hoshi's administrator to import it (Catalogs, in the administration menu)."
                ),
            },
            E::StatusUnknown => p(
                "評価は「達成」「一部達成」「未達」「対象外」「未回答」から選んでください。",
                "Choose met, partly met, not met, not applicable or unanswered.",
            ),
            E::NaNeedsReason => p(
                "「対象外」には理由が必要です。",
                "Not applicable needs a reason.",
            ),
            E::TooManyEvidenceLines { max } => match lang {
                Lang::Ja => format!("証跡は1つの評価基準につき{max}行までです。"),
                Lang::En => format!("An answer can list at most {max} evidence lines."),
            },
            E::AssessmentLocked => p(
                "確認を依頼中または確認済みのため、回答を変更できません。",
                "The assessment is in review or confirmed: answers cannot change.",
            ),
            E::ImportOtherCatalog => p(
                "このワークブックは別のカタログまたは版の評価のものです。",
                "This workbook belongs to an assessment of another catalog or edition.",
            ),
            E::WorkbookUnreadable => p(
                "このファイルは、hoshi が読み取れる Excel ワークブック（.xlsx）ではないか、壊れています。hoshi から書き出したファイルか IPA の公式ワークブックを使ってください。",
                "This file is not an Excel workbook (.xlsx) hoshi can read, or it is damaged. Use a file exported from hoshi or IPA's official workbook.",
            ),
            E::CatalogEditionBad => p(
                "版は公開日を YYYY-MM-DD の形で入力してください（例: 2026-03-27）。空欄なら、ワークブックの表題に書かれた日付を使います。",
                "Write the edition as its publication date, YYYY-MM-DD (e.g. 2026-03-27). Leave it empty to use the date printed above the table.",
            ),
            E::CatalogReplaceConfirm { pin } => match lang {
                Lang::Ja => format!(
                    "{pin} は別のファイルから取り込み済みです。このファイルで置き換える場合は「取り込み済みの版を置き換える」にチェックを入れて、もう一度送ってください。"
                ),
                Lang::En => format!(
                    "{pin} was imported before from a different file. To replace it with this one, tick \"replace the imported edition\" and send again."
                ),
            },
            E::CatalogInUse { pin, assessments } => match lang {
                Lang::Ja => format!(
                    "{pin} では {assessments} 件の自己評価が行われているため、置き換えられません。新しい版として取り込む場合は、版の日付を入力してください。"
                ),
                Lang::En => format!(
                    "{assessments} assessment(s) rest on {pin}, so it cannot be replaced. To import this file as a new edition, enter its date."
                ),
            },
            E::RecordsBad => p(
                "個人・顧客情報の件数を整数で入力してください（例: 20000）。",
                "Records held must be a whole number (e.g. 20000).",
            ),
            E::RevenueBad => p(
                "年間売上高を円で入力してください（例: 1200000000、12億、3000万）。",
                "Give the annual revenue in yen (e.g. 1200000000, 12億, 3000万).",
            ),
            E::StoppageBad { max } => match lang {
                Lang::Ja => format!("業務停止日数を 0〜{max} の整数で入力してください。"),
                Lang::En => format!("Days of stoppage must be a whole number from 0 to {max}."),
            },
            E::EvidenceTitle => p(
                "証跡の名称は1〜200文字にしてください。",
                "An evidence title must be 1 to 200 characters.",
            ),
            E::EvidenceDate => p(
                "日付は YYYY-MM-DD の形式で、実在する日を入力してください。",
                "Dates must be real days written YYYY-MM-DD.",
            ),
            E::EvidenceExpiryBefore => p(
                "有効期限が有効日より前になっています。",
                "The expiry date is before the effective date.",
            ),
            E::EvidenceOneOf => p(
                "ファイルかリンクのどちらか一方を指定してください。",
                "Give either a file or a link, not both.",
            ),
            E::EvidenceType => p(
                "このファイルの種類は受け付けられません（内容から判定しています）。PDF、画像、Word・Excel・PowerPoint、テキストを使ってください。",
                "This kind of file is not accepted (judged by its content). Use PDF, images, Word/Excel/PowerPoint or plain text.",
            ),
            E::EvidenceUrl => p(
                "リンクは http:// または https:// で始まるURLにしてください。",
                "A link must be an http:// or https:// URL.",
            ),
            E::EvidenceTooLarge { max_mb } => match lang {
                Lang::Ja => format!(
                    "ファイルが大きすぎます。{max_mb} MB 以下のファイルを選んでください。"
                ),
                Lang::En => format!("The file is too large: choose one of {max_mb} MB or less."),
            },
            E::EvidenceForm => p(
                "ファイルはファイル添付のフォーム（multipart/form-data）で送ってください。",
                "Send files with the file upload form (multipart/form-data).",
            ),
            E::UploadUnreadable => p(
                "送信されたファイルを読み取れませんでした。もう一度お試しください。",
                "The upload could not be read. Please try again.",
            ),
            E::ScanTargetBad { target } => match lang {
                Lang::Ja => format!(
                    "「{target}」を読み取れません。IP アドレス（203.0.113.10）、範囲（203.0.113.0/28）、ホスト名（vpn.example.co.jp）のいずれかで入力してください。"
                ),
                Lang::En => format!(
                    "\"{target}\" cannot be read: enter an IP address (203.0.113.10), a range (203.0.113.0/28) or a host name (vpn.example.co.jp)."
                ),
            },
            E::ScanTargetNotPublic { target } => match lang {
                Lang::Ja => format!(
                    "「{target}」はインターネットから見えない（プライベート・ループバックなどの）アドレスです。このサーバーではスキャンできません。外部に公開しているアドレスを登録してください。"
                ),
                Lang::En => format!(
                    "\"{target}\" is not an internet address (private, loopback or similar); this server does not scan it. Declare the addresses you expose to the internet."
                ),
            },
            E::ScanRangeTooLarge { target, count, max } => match lang {
                Lang::Ja => format!(
                    "範囲「{target}」には {count} 個のアドレスがあり、1 回のスキャンの上限（{max} 個）を超えています。範囲を分けて登録してください。"
                ),
                Lang::En => format!(
                    "The range \"{target}\" holds {count} addresses, more than one scan covers ({max}); declare it in smaller parts."
                ),
            },
            E::ScanTargetExists { target } => match lang {
                Lang::Ja => format!("「{target}」は登録済みです。"),
                Lang::En => format!("\"{target}\" is declared already."),
            },
            E::ScanRangeConfirm => p(
                "範囲を登録するには、この組織が管理し、スキャンしてよい範囲であることを確認するチェックを入れてください。",
                "To declare a range, tick the box confirming that your organisation runs it and may have it scanned.",
            ),
            E::ScanPortsBad => p(
                "ポートは「top」（よく使われるポート）、「all」（全 65,535 ポート）、または 22,443,8000-8100 のような番号の並びで指定してください。",
                "Give the ports as \"top\" (commonly used ports), \"all\" (all 65,535) or numbers such as 22,443,8000-8100.",
            ),
            E::ScanNoTargets => p(
                "スキャンできる対象がありません。先に公開しているアドレスかホスト名を登録してください（範囲はオーナーの確認後に対象になります）。",
                "There is nothing to scan yet: declare the addresses or host names you expose first (a range counts once an owner has confirmed it).",
            ),
            E::ScanBusy => p(
                "この組織のスキャンが実行中か順番待ちです。終わってからもう一度実行してください。",
                "A scan of this organisation is queued or running; start another once it has finished.",
            ),
            E::ScanDailyLimit { max } => match lang {
                Lang::Ja => format!(
                    "スキャンは 1 日 {max} 回までです。明日（日本時間）になってから実行してください。"
                ),
                Lang::En => format!("At most {max} scans a day; run the next one tomorrow (Japan time)."),
            },
            E::ScanEveryBad => p(
                "定期スキャンの間隔は 1〜90 日の整数で入力してください（0 で停止）。",
                "The rescan interval must be a whole number of days from 1 to 90 (0 stops it).",
            ),
            E::ScanNotFinished => p(
                "スキャンが完了していないため、証跡にできません。",
                "The scan has not finished, so it cannot be evidence yet.",
            ),
            E::ScanTooManyAddresses { count, max } => match lang {
                Lang::Ja => format!(
                    "検査対象のアドレスが合計 {count} 個あり、1 回の検査の上限（{max} 個）を超えています。対象を減らすか、分けて登録してください。"
                ),
                Lang::En => format!(
                    "The targets hold {count} addresses in all, more than one scan covers ({max}); remove some or declare them in parts."
                ),
            },
            E::ScanTargetInternalName { target } => match lang {
                Lang::Ja => format!(
                    "「{target}」は社内やサーバー内でしか通用しない名前です。インターネットで公開しているホスト名（例: vpn.example.co.jp）を登録してください。"
                ),
                Lang::En => format!(
                    "\"{target}\" is a name only a local network knows; declare a host name published on the internet (e.g. vpn.example.co.jp)."
                ),
            },
            E::ScanValidDays => p(
                "証跡の有効日数は 1〜366 の整数で入力してください。",
                "The days the evidence stays valid must be a whole number from 1 to 366.",
            ),
            E::AssetTagMissing => p(
                "管理番号を入力してください（例: PC-001）。台帳の中で重複しない番号にしてください。",
                "Enter the asset number (e.g. PC-001); each asset needs its own number.",
            ),
            E::AssetNameMissing => p(
                "名称を入力してください（例: 経理部 ノートPC、本社 VPN 装置）。",
                "Enter a name (e.g. Accounting laptop, head-office VPN device).",
            ),
            E::AssetKindUnknown { kind } => match lang {
                Lang::Ja => format!(
                    "種別「{kind}」は使えません。PC、サーバー、仮想サーバー、ネットワーク機器、スマートデバイス、クラウドサービス、その他のいずれかにしてください。"
                ),
                Lang::En => format!(
                    "The kind \"{kind}\" is not one hoshi knows; use PC, Server, Virtual host, Network device, Smart device, Cloud service or Other."
                ),
            },
            E::AssetDateBad { value } => match lang {
                Lang::Ja => format!(
                    "サポート終了日「{value}」を日付として読み取れません。2027-03-31 または 2027/3/31 の形式で、実在する日を入力してください。"
                ),
                Lang::En => format!(
                    "The support end \"{value}\" is not a date; write a real day as 2027-03-31 or 2027/3/31."
                ),
            },
            E::AssetCpeBad { cpe } => match lang {
                Lang::Ja => format!(
                    "CPE「{cpe}」の形式が正しくありません。cpe:2.3:o:fortinet:fortios:7.2.8:*:*:*:*:*:*:* のように 13 項目で入力するか、空欄にしてください。"
                ),
                Lang::En => format!(
                    "The CPE \"{cpe}\" is malformed; write all 13 parts as in cpe:2.3:o:fortinet:fortios:7.2.8:*:*:*:*:*:*:*, or leave it empty."
                ),
            },
            E::AssetTagExists { tag } => match lang {
                Lang::Ja => format!(
                    "管理番号「{tag}」は別の資産で使われています。別の番号にしてください。"
                ),
                Lang::En => format!(
                    "The asset number \"{tag}\" belongs to another asset; choose another number."
                ),
            },
            E::AssetChanged => p(
                "この資産は、画面を開いた後にほかの人が変更しました。最新の内容を確認してから、もう一度保存してください。",
                "Someone changed this asset after you opened it; check the current entry and save again.",
            ),
            E::RegisterEmpty => p(
                "ファイルに資産の行がありません。見出し行の下に 1 行 1 台で記入してください。",
                "The file holds no assets; write one asset per row below the header row.",
            ),
            E::RegisterNoHeader => p(
                "見出し行が見つかりません。1 行目に「管理番号」「種別」「名称」などの見出しを置いてください（テンプレートを使うと確実です）。",
                "No header row found: the first row needs headers such as Asset number, Kind and Name (the template has them).",
            ),
            E::RegisterColumnTwice { column } => match lang {
                Lang::Ja => format!(
                    "見出し「{column}」が 2 回あります。どちらの列を使うか決められないため、片方を削除してください。"
                ),
                Lang::En => format!(
                    "The header \"{column}\" appears twice; remove one so hoshi knows which column to read."
                ),
            },
            E::RegisterTagTwice { tag, first_row } => match lang {
                Lang::Ja => format!(
                    "管理番号「{tag}」が {first_row} 行目にもあります。1 台につき 1 行にしてください。"
                ),
                Lang::En => format!(
                    "The asset number \"{tag}\" is on row {first_row} as well; write each asset on one row."
                ),
            },
            E::RegisterUnreadable => p(
                "ファイルを読み取れません。CSV（UTF-8 または Shift_JIS）か Excel ブック（.xlsx）を選んでください。",
                "The file cannot be read; choose a CSV file (UTF-8 or Shift_JIS) or an Excel workbook (.xlsx).",
            ),
            E::RegisterTooManyRows { max } => match lang {
                Lang::Ja => format!(
                    "1 つのファイルで取り込めるのは {max} 行までです。ファイルを分けてください。"
                ),
                Lang::En => format!("One file may hold at most {max} rows; split it."),
            },
            E::InventoryUnreadable { reason } => match lang {
                Lang::Ja => format!("ソフトウェア一覧を読み取れません: {reason}"),
                Lang::En => format!("The software list cannot be read: {reason}"),
            },
            E::VulnsNoData => p(
                "このサーバーには脆弱性データがまだ取り込まれていません。管理者が hoshi vulns db import で取り込むと照合できます。",
                "No vulnerability data has been imported on this server yet; an administrator imports it with hoshi vulns db import.",
            ),
            E::BackupNameBad => p(
                "名前を 1〜100 文字で入力してください（例: ファイルサーバー日次バックアップ）。",
                "Enter a name of 1 to 100 characters (e.g. file server daily backup).",
            ),
            E::BackupNameTaken { name } => match lang {
                Lang::Ja => format!("「{name}」という名前のバックアップはすでに登録されています。別の名前にしてください。"),
                Lang::En => format!("A backup named \"{name}\" is registered already; choose another name."),
            },
            E::BackupLocationBad { location } => match lang {
                Lang::Ja => format!(
                    "「{location}」は restic のリポジトリの場所として読めません。/srv/backup/restic のような絶対パス、sftp:ユーザー@ホスト:/パス、s3:https://ホスト/バケット、rest:https://ホスト/ のように入力してください（パスワードや鍵は場所に含めず、下の欄に入力してください）。"
                ),
                Lang::En => format!(
                    "\"{location}\" is not a restic repository location hoshi can use. Enter an absolute path such as /srv/backup/restic, sftp:user@host:/path, s3:https://host/bucket or rest:https://host/ (credentials go in the fields below, not in the location)."
                ),
            },
            E::BackupLocationNotAllowed { location } => match lang {
                Lang::Ja => format!(
                    "「{location}」はこのサーバーからは開けません。ローカルのフォルダーは管理者が許可した場所（hoshi serve --backup-root）の下だけ、SFTP は管理者が有効にした場合だけ、サーバー名は社内ネットワークのアドレスでないものだけ使えます。管理者に相談してください。"
                ),
                Lang::En => format!(
                    "This server may not open \"{location}\": local folders only under the places the administrator allowed (hoshi serve --backup-root), SFTP only where the administrator enabled it, and server names only when they are not addresses inside the server's own network. Ask the administrator."
                ),
            },
            E::BackupPasswordMissing => p(
                "リポジトリのパスワードを入力してください。保存後は暗号化して保管し、画面には二度と表示しません。",
                "Enter the repository password. It is stored encrypted and never shown again.",
            ),
            E::BackupEnvBad { line } => match lang {
                Lang::Ja => format!(
                    "接続設定「{line}」を読めません。1 行に 1 つ、AWS_ACCESS_KEY_ID=… のように「名前=値」で入力してください（使える名前は AWS_*、B2_*、AZURE_*、GOOGLE_*、OS_*、RESTIC_REST_USERNAME、RESTIC_REST_PASSWORD です）。"
                ),
                Lang::En => format!(
                    "The backend setting \"{line}\" cannot be read: one per line as NAME=value, e.g. AWS_ACCESS_KEY_ID=… (names allowed: AWS_*, B2_*, AZURE_*, GOOGLE_*, OS_*, RESTIC_REST_USERNAME, RESTIC_REST_PASSWORD)."
                ),
            },
            E::BackupMaxAgeBad => p(
                "最新のバックアップの許容日数は 1〜400 の整数で入力してください（毎日取得するなら 1 か 2）。",
                "The allowed age of the newest backup must be a whole number of days from 1 to 400 (1 or 2 for daily backups).",
            ),
            E::BackupSampleBad => p(
                "復元テストのファイル数は 0〜1000 の整数で入力してください（0 で復元テストをしません）。",
                "The number of files for the restore test must be a whole number from 0 to 1000 (0 skips the restore test).",
            ),
            E::BackupEveryBad => p(
                "定期確認の間隔は 1〜90 日の整数で入力してください（0 で停止）。",
                "The verification interval must be a whole number of days from 1 to 90 (0 stops it).",
            ),
            E::BackupChanged => p(
                "このバックアップの設定は、画面を開いた後に別の人が変更しました。ページを開き直して確認してから保存してください。",
                "Someone else changed this backup's settings after you opened the page; reload it and check before saving.",
            ),
            E::BackupBusy => p(
                "このバックアップの確認が実行中か順番待ちです。終わってからもう一度実行してください。",
                "A verification of this backup is queued or running; start another once it has finished.",
            ),
            E::FraudProfileChanged => p(
                "プロファイルは、画面を開いた後に別の人が保存しました。ページを開き直して確認してから保存してください。",
                "Someone else saved the profile after you opened the page; reload it and check before saving.",
            ),
            E::FraudProfileBad {
                place,
                detail_ja,
                detail_en,
            } => match lang {
                Lang::Ja => format!(
                    "プロファイルを読めません（{}）: {detail_ja}。項目名と値の書き方を確認してください。",
                    match place.split_once(':') {
                        Some((l, c)) => format!("{l} 行目、{c} 文字目"),
                        None => "位置不明".to_string(),
                    }
                ),
                Lang::En => format!(
                    "The profile cannot be read ({}): {detail_en}. Check the field names and how their values are written.",
                    if place.is_empty() { "position unknown".to_string() } else { format!("line:column {place}") }
                ),
            },
            E::FraudMailMissing => p(
                "確認するメールを、ファイル（.eml）で選ぶか、メールのソースを貼り付けてください。",
                "Choose the mail as a file (.eml) or paste its source.",
            ),
            E::DocTitleBad => p(
                "文書名を 1〜200 文字で入力してください。",
                "Enter a title of 1 to 200 characters.",
            ),
            E::DocSectionBad {
                heading,
                line,
                detail_ja,
                detail_en,
            } => match lang {
                Lang::Ja => format!("「{heading}」の {line} 行目: {detail_ja}"),
                Lang::En => format!("\"{heading}\", line {line}: {detail_en}"),
            },
            E::DocChanged { latest } => match lang {
                Lang::Ja => format!(
                    "編集中に他の人が新しい版（第 {latest} 版）を保存しました。最新の版を開き直してから、変更を入れ直してください。"
                ),
                Lang::En => format!(
                    "Someone saved a newer version (version {latest}) while you were editing. Open the latest version and make your changes again."
                ),
            },
            E::DocPlaceholders { items } => match lang {
                Lang::Ja => format!(
                    "未設定の項目が残っているため承認できません: {}。文書を編集して埋めるか、「文書に使う情報」で設定してから作り直してください。",
                    items.join("、")
                ),
                Lang::En => format!(
                    "It cannot be approved while places are not filled in: {}. Edit the document, or set them under \"Information for documents\" and draft again.",
                    items.join(", ")
                ),
            },
            E::DocWrongState => p(
                "この版はその操作ができる状態ではありません。承認できるのは最新の未承認の版、公開できるのは承認済みの最新の版だけです。",
                "This version cannot take that step: only the newest unapproved version can be approved, and only an approved newest version can be published.",
            ),
            E::DocEffectiveDateBad => p(
                "施行日を YYYY-MM-DD の形で、承認日以降の日付で入力してください。",
                "Enter the effective date as YYYY-MM-DD, on or after the approval date.",
            ),
            E::DocExists => p(
                "この文書はこの言語ですでに作成されています。一覧から開いて編集してください。",
                "This document already exists in this language. Open it from the list to edit it.",
            ),
            E::RegEntryChanged => p(
                "この項目は、画面を開いた後にほかの人が変更しました。最新の内容を確認してから、もう一度保存してください。",
                "Someone changed this entry after you opened it; check the current entry and save again.",
            ),
            E::RegEntryExists { name } => match lang {
                Lang::Ja => format!(
                    "「{name}」はこの台帳にすでに登録されています。既存の項目を編集するか、別の名称にしてください。"
                ),
                Lang::En => format!(
                    "\"{name}\" is already in this register; edit that entry or choose another name."
                ),
            },
            E::RegNameTwice { name, first_row } => match lang {
                Lang::Ja => format!(
                    "「{name}」が {first_row} 行目にもあります。1 件につき 1 行にしてください。"
                ),
                Lang::En => format!(
                    "\"{name}\" is on row {first_row} as well; write each entry on one row."
                ),
            },
            E::RegRequired { .. } => p("入力してください。", "Please fill this in."),
            E::RegDateBad { value, .. } => match lang {
                Lang::Ja => format!(
                    "「{value}」は日付として読めません。2027-03-31 のように年-月-日で入力してください。"
                ),
                Lang::En => format!(
                    "\"{value}\" is not a date; write it as year-month-day, e.g. 2027-03-31."
                ),
            },
            E::RegChoiceBad { value, allowed, .. } => match lang {
                Lang::Ja => format!("「{value}」は選べる値ではありません。{allowed} のどれかにしてください。"),
                Lang::En => format!("\"{value}\" is not one of the values allowed: {allowed}."),
            },
            E::RegHoursBad { value, .. } => match lang {
                Lang::Ja => format!(
                    "「{value}」は時間数として読めません。1 から 8760 までの整数（例: 24）で入力してください。"
                ),
                Lang::En => format!(
                    "\"{value}\" is not a number of hours; write a whole number from 1 to 8760 (e.g. 24)."
                ),
            },
            E::RegFileEmpty => p(
                "ファイルに台帳の行がありません。見出し行の下に 1 行 1 件で記入してください。",
                "The file holds no entries; write one entry per row below the header row.",
            ),
            E::RegFileNoHeader { column_ja, column_en } => match lang {
                Lang::Ja => format!(
                    "この台帳の見出し行が見つかりません。1 行目に「{column_ja}」などの見出しを置いてください（テンプレートを使うと確実です）。"
                ),
                Lang::En => format!(
                    "No header row of this register found: the first row needs headers such as {column_en} (the template has them)."
                ),
            },
            E::BackupNoSealingKey => p(
                "このサーバーには認証情報を暗号化する鍵がありません。管理者が各サーバーのデータディレクトリの keys/sealing.key に同じ鍵を置く必要があります。",
                "This server has no key to encrypt credentials with; the administrator must put the same keys/sealing.key in every server's data directory.",
            ),
            E::SupplierNameBad => p(
                "取引先名は1〜200文字にしてください。",
                "A supplier name must be 1 to 200 characters.",
            ),
            E::DueDateBad => p(
                "期限は YYYY-MM-DD の形式で、実在する日を入力してください。",
                "The due date must be a real day written YYYY-MM-DD.",
            ),
            E::DecisionUnanswered { .. } => p(
                "3つの質問すべてに「はい」か「いいえ」で答えてください。",
                "Answer all three questions with yes or no.",
            ),
            E::RelationshipExists => p(
                "この法人番号の取引先はすでに登録されています。",
                "A supplier with this corporate number is already registered.",
            ),
            E::RelationshipAccepted => p(
                "この取引先はすでに招待を承諾しています。",
                "This supplier has already accepted.",
            ),
            E::SupplierIsBuyer => p(
                "自社を自社の取引先にすることはできません。",
                "An organisation cannot be its own supplier.",
            ),
            E::SupplierAlreadyLinked => p(
                "この組織はすでにこの発注企業の取引先です。",
                "This organisation is already a supplier of this buyer.",
            ),
            E::ShareUnrelated => p(
                "取引関係のない組織とは共有できません。",
                "You can only share with your own buyers.",
            ),
            E::MailBad => p(
                "メールの宛先または件名が正しくありません。",
                "The mail's address or subject is not valid.",
            ),
            E::ReviewNoExpert => p(
                "先に専門家を招待してください。",
                "Invite an expert first.",
            ),
            E::ReviewWrongState(s) => {
                let (ja, en) = match s {
                    ReviewStatus::Draft => ("未提出", "draft"),
                    ReviewStatus::Submitted => ("確認依頼済み", "submitted"),
                    ReviewStatus::InReview => ("確認中", "in review"),
                    ReviewStatus::Returned => ("差し戻し", "returned"),
                    ReviewStatus::Confirmed => ("確認済み", "confirmed"),
                };
                match lang {
                    Lang::Ja => format!("今の状態（{ja}）ではこの操作はできません。"),
                    Lang::En => format!("This step is not possible while the review is {en}."),
                }
            }
            E::Star4NeedsBody => p(
                "★4 の自己評価は評価機関が評価します。専門家個人としては承諾できません。",
                "A ★4 assessment is evaluated by an evaluation body; it cannot be accepted as an individual expert.",
            ),
            E::ExpertProfileBad => p(
                "資格と登録番号を入力してください（各200文字まで）。",
                "Enter a qualification and a registration number (200 characters each).",
            ),
            E::ExpertIsMember => p(
                "自社のメンバーは自社の自己評価の専門家確認を行えません。",
                "A member of the organisation cannot be its expert.",
            ),
            E::EvaluatorForStar4Only => p(
                "評価機関による評価は ★4 の自己評価が対象です。★3 は専門家が確認します。",
                "Evaluation bodies evaluate ★4 assessments; ★3 is confirmed by an expert.",
            ),
            E::EvaluatorNotBody => p(
                "選んだ組織は評価機関として登録されていないか、あなたに評価を記録する権限がありません。",
                "The organisation chosen is not an evaluation body, or you may not record evaluations for it.",
            ),
            E::EvaluatorLoginRequired => p(
                "★4 の評価依頼は、評価機関の組織に所属するアカウントでログインしてから承諾してください。",
                "Sign in with an account of your evaluation body to accept a ★4 evaluation.",
            ),
            E::ReturnReasonMissing => p(
                "差し戻す理由を入力してください（受注企業に表示されます）。",
                "Give the reason for returning it (the supplier sees it).",
            ),
            E::CommentBad => p(
                "コメントは1〜5000文字にしてください。",
                "A comment must be 1 to 5,000 characters.",
            ),
            E::ConfirmNotMet { open } => match lang {
                Lang::Ja => format!(
                    "未達または未回答の評価基準が{open}件残っているため、確認できません。"
                ),
                Lang::En => format!(
                    "Cannot confirm: {open} criteria are still not met or unanswered."
                ),
            },
            E::EvaluationBad => p(
                "評価結果は、書面確認・現地確認・技術検証のそれぞれについて「適合」「不適合」「対象外」から選んでください（所見は2000字まで）。",
                "Choose met, not met or not applicable for document review, on-site review and technical verification (findings up to 2,000 characters).",
            ),
            E::EvaluationBodyBad => p(
                "認定・登録の名称（200字まで）と登録番号（100字まで）を入力してください。",
                "Enter the accreditation (up to 200 characters) and registration number (up to 100).",
            ),
            E::EvaluationIncomplete { missing } => match lang {
                Lang::Ja => format!(
                    "3つの方法すべての結果がまだ記録されていない要求事項が{missing}件あるため、確定できません。"
                ),
                Lang::En => format!(
                    "{missing} requirements do not have all three results recorded yet, so the evaluation cannot be confirmed."
                ),
            },
            E::EvaluationFailed { requirements } => match lang {
                Lang::Ja => format!(
                    "「不適合」と記録された要求事項（{}）があるため、確定できません。受注企業に差し戻してください。",
                    requirements.join("、")
                ),
                Lang::En => format!(
                    "Requirements recorded as not met ({}): the evaluation cannot be confirmed. Return it to the supplier.",
                    requirements.join(", ")
                ),
            },
            E::DeclareAgree => p(
                "宣誓の内容を確認したうえで、チェックを入れてください。",
                "Please read the statement and tick the box.",
            ),
            E::DeclareBad => p(
                "役員の氏名と役職を入力してください（各100文字まで）。",
                "Enter the officer's name and title (100 characters each).",
            ),
            E::DeclareNotConfirmed => p(
                "専門家の確認が済んでから宣誓してください。",
                "Declare only after the expert has confirmed.",
            ),
            E::DeclareNotOfficer => p(
                "本人による宣誓は、組織のページで役員として登録されたメンバーだけが行えます。役員がこの hoshi のアカウントを持たない場合は、役員が署名した宣誓書をアップロードして代理で記録してください。",
                "Only a member recorded as an officer on the organisation page can declare in person. If the officer has no account here, upload the statement the officer signed and record it on their behalf.",
            ),
            E::DeclareNeedsMfa => p(
                "宣誓の前に、あなたのアカウントで2段階認証を設定してください（アカウント → 2段階認証）。",
                "Set up two-step verification on your account before declaring (Account → Two-step verification).",
            ),
            E::DeclareStatementMissing => p(
                "役員が署名した宣誓書のファイル（PDF または画像）を選んでください。",
                "Choose the file of the statement the officer signed (PDF or image).",
            ),
            E::OfficerTitleBad => p(
                "役職名は100文字以内で入力してください。",
                "An officer's title must be at most 100 characters.",
            ),
            E::AttestNotConfirmed => p(
                "署名付きの結果は、専門家確認（★4 は評価機関の評価）が済んだ自己評価にだけ発行できます。",
                "A signed result can be issued only for a confirmed assessment.",
            ),
            E::AttestNotDeclared => p(
                "署名付きの結果を発行する前に、自己適合宣誓を済ませてください。",
                "Sign the management declaration before issuing a signed result.",
            ),
            E::AttestExpired => p(
                "この結果は有効期限が過ぎているため、署名付きの結果を発行できません。",
                "This result has expired; no signed result can be issued.",
            ),
            E::AttestReviewChanged => p(
                "署名の準備中に専門家確認の状態が変わりました。ページを開き直して、もう一度発行してください。",
                "The confirmation changed while the result was being signed. Reload the page and issue it again.",
            ),
            E::AttestationReasonBad => p(
                "失効の理由を500字以内で入力してください。",
                "Give a reason for revoking (up to 500 characters).",
            ),
            E::AttestationRevokedAlready => p(
                "この署名付き結果はすでに失効しています。",
                "This attestation is already revoked.",
            ),
            E::VerifyNoFile => p(
                "署名付き結果のファイルを選んでください。",
                "Choose an attestation file.",
            ),
            E::VerifyTooLarge => p(
                "署名付き結果のファイルが大きすぎます（1 MB まで）。",
                "The attestation file is too large (1 MB at most).",
            ),
            E::ImportTooLarge => p(
                "ファイルが大きすぎます（1 MB まで）。",
                "The file is too large (1 MB at most).",
            ),
            E::ImportNoNumber => p(
                "この署名付き結果には法人番号が記載されていないため、取引先と照合できません。",
                "This attestation names no corporate number, so it cannot be matched to the supplier.",
            ),
            E::ImportOtherOrg { found, expected } => match lang {
                Lang::Ja => format!(
                    "この署名付き結果は別の組織（法人番号 {found}）のものです。この取引先の法人番号は {expected} です。"
                ),
                Lang::En => format!(
                    "This attestation is for another organisation (corporate number {found}); this supplier's is {expected}."
                ),
            },
            E::ImportIssuerNotHttps => p(
                "署名付き結果の発行元が https:// のアドレスではないため、公開鍵を取得できません。",
                "The attestation's issuer is not an https:// address; its keys cannot be fetched.",
            ),
            E::ImportFetchFailed { problem } => {
                let (ja, en) = match problem {
                    FetchProblem::Address => (
                        "発行元のアドレスから取得できない形式です",
                        "the issuer's address cannot be fetched from",
                    ),
                    FetchProblem::PrivateAddress => (
                        "発行元が社内・ローカル（プライベート）のアドレスにあるため、取得しませんでした。閉じたネットワークで使う場合は、管理者が hoshi serve を --allow-private-issuers 付きで起動してください",
                        "the issuer is on a private or local address, which is not fetched; on a closed network the administrator can start hoshi serve with --allow-private-issuers",
                    ),
                    FetchProblem::Unreachable => (
                        "発行元のサーバーに接続できませんでした",
                        "the issuer's server could not be reached",
                    ),
                    FetchProblem::Tls => (
                        "発行元のサーバーとの暗号化通信（TLS）を確立できませんでした（サーバー証明書を確認してください）",
                        "no secure (TLS) connection to the issuer's server could be made (check its certificate)",
                    ),
                    FetchProblem::HttpStatus => (
                        "発行元のサーバーがエラーを返しました",
                        "the issuer's server answered with an error",
                    ),
                    FetchProblem::BadAnswer => (
                        "発行元のサーバーの応答を読み取れませんでした",
                        "the issuer's server gave an answer that could not be read",
                    ),
                };
                match lang {
                    Lang::Ja => format!("発行元から公開鍵または失効リストを取得できませんでした。{ja}。"),
                    Lang::En => format!("The issuer's keys or revocation list could not be fetched: {en}."),
                }
            }
            E::ImportBadKeys => p(
                "発行元の公開鍵を読み取れません。",
                "The issuer's public keys could not be read.",
            ),
            E::ImportBadRevoked => p(
                "発行元の失効リストを読み取れません。",
                "The issuer's revocation list could not be read.",
            ),
            E::ImportInvalid { reasons } => {
                let mut m = p(
                    "この署名付き結果は検証できないため、取り込みませんでした。",
                    "This attestation does not verify and was not imported.",
                );
                if !reasons.is_empty() {
                    m.push_str(&match lang {
                        Lang::Ja => format!("理由: {}", reasons.join(" / ")),
                        Lang::En => format!(" Reasons: {}", reasons.join(" / ")),
                    });
                }
                m
            }
        }
    }

    /// The form field the problem belongs to, when a form produced it.
    pub fn field(&self) -> Option<&'static str> {
        use UserError as E;
        Some(match self {
            E::TooLong { field, .. } => field,
            E::NameRequired => "display_name",
            E::EmailInvalid | E::EmailTaken => "email",
            E::Password(_) => "password",
            E::PasswordMismatch => "password2",
            E::CurrentPasswordWrong => "current_password",
            E::TokenNameBad => "name",
            E::TokenDaysBad => "days",
            E::OrgNameBad | E::SupplierNameBad => "name",
            E::CorporateNumber(_) | E::RelationshipExists => "corporate_number",
            E::TitleBad => "title",
            E::CatalogUnknown | E::LevelNotAssessable { .. } => "catalog",
            E::StatusUnknown => "status",
            E::NaNeedsReason => "reason",
            E::TooManyEvidenceLines { .. } => "evidence",
            E::RecordsBad => "records",
            E::RevenueBad => "revenue",
            E::StoppageBad { .. } => "stoppage_days",
            E::EvidenceTitle => "title",
            E::EvidenceDate | E::EvidenceExpiryBefore => "expires_date",
            E::EvidenceUrl => "url",
            E::EvidenceType | E::EvidenceTooLarge { .. } => "file",
            E::VerifyNoFile | E::VerifyTooLarge | E::ImportTooLarge => "file",
            E::WorkbookUnreadable | E::ImportOtherCatalog => "file",
            E::CatalogEditionBad | E::CatalogInUse { .. } => "edition",
            E::CatalogReplaceConfirm { .. } => "replace",
            E::DueDateBad => "due_date",
            E::DecisionUnanswered { question } => question,
            E::ExpertProfileBad => "qualification",
            E::CommentBad | E::ReturnReasonMissing => "body",
            E::DeclareAgree => "agree",
            E::DeclareBad => "officer_name",
            E::DeclareStatementMissing => "file",
            E::ScanTargetBad { .. }
            | E::ScanTargetNotPublic { .. }
            | E::ScanRangeTooLarge { .. }
            | E::ScanTargetExists { .. }
            | E::ScanTargetInternalName { .. } => "target",
            E::ScanRangeConfirm => "confirm",
            E::ScanPortsBad => "ports",
            E::ScanEveryBad => "every",
            E::ScanValidDays => "valid_days",
            E::AssetTagMissing | E::AssetTagExists { .. } => "tag",
            E::AssetNameMissing => "name",
            E::AssetKindUnknown { .. } => "kind",
            E::AssetDateBad { .. } => "support_end",
            E::AssetCpeBad { .. } => "cpe",
            E::RegisterEmpty
            | E::RegisterNoHeader
            | E::RegisterColumnTwice { .. }
            | E::RegisterTagTwice { .. }
            | E::RegisterUnreadable
            | E::RegisterTooManyRows { .. }
            | E::InventoryUnreadable { .. } => "file",
            E::OfficerTitleBad => "officer_title",
            E::BackupNameBad | E::BackupNameTaken { .. } => "name",
            E::BackupLocationBad { .. } | E::BackupLocationNotAllowed { .. } => "location",
            E::BackupPasswordMissing => "password",
            E::BackupEnvBad { .. } => "env",
            E::BackupMaxAgeBad => "max_age_days",
            E::BackupSampleBad => "restore_sample",
            E::BackupEveryBad => "every",
            E::FraudProfileBad { .. } => "profile",
            E::FraudMailMissing => "file",
            E::DocTitleBad => "title",
            E::DocSectionBad { .. } => "sections",
            E::DocEffectiveDateBad => "effective_on",
            E::RegEntryExists { .. } => "name",
            E::RegRequired { field }
            | E::RegDateBad { field, .. }
            | E::RegChoiceBad { field, .. }
            | E::RegHoursBad { field, .. } => field,
            E::RegNameTwice { .. } | E::RegFileEmpty | E::RegFileNoHeader { .. } => "file",
            E::AttestationReasonBad => "reason",
            E::EvaluationBodyBad => "accreditation",
            _ => return None,
        })
    }
}

impl UserError {
    /// One value of every variant, for tests that go over every message (the `match` below
    /// makes a new variant fail to compile until it is listed here).
    #[allow(clippy::too_many_lines, reason = "one example per variant")]
    pub fn examples() -> Vec<UserError> {
        use UserError as E;
        let all = vec![
            E::BadForm,
            E::BadRequest,
            E::TooLong {
                field: "note",
                max: 20_000,
            },
            E::BadLang,
            E::SetupLinkInvalid,
            E::NameRequired,
            E::EmailInvalid,
            E::EmailTaken,
            E::Password(PasswordProblem::TooShort),
            E::PasswordMismatch,
            E::CurrentPasswordWrong,
            E::ResetLinkInvalid,
            E::LastAdmin,
            E::AccountDisabled,
            E::AccountLocked { minutes: 15 },
            E::TokenNameBad,
            E::TokenDaysBad,
            E::OrgNameBad,
            E::LastOwner,
            E::CorporateNumber(CorporateNumberError::CheckDigit {
                expected: 1,
                found: 2,
            }),
            E::InvitationInvalid,
            E::TitleBad,
            E::CatalogUnknown,
            E::LevelNotAssessable { level: 4 },
            E::StatusUnknown,
            E::NaNeedsReason,
            E::TooManyEvidenceLines { max: 200 },
            E::AssessmentLocked,
            E::ImportOtherCatalog,
            E::WorkbookUnreadable,
            E::CatalogEditionBad,
            E::CatalogReplaceConfirm {
                pin: "scs-ipa@2026-03-27".into(),
            },
            E::CatalogInUse {
                pin: "scs-ipa@2026-03-27".into(),
                assessments: 3,
            },
            E::RecordsBad,
            E::RevenueBad,
            E::StoppageBad { max: 3650 },
            E::EvidenceTitle,
            E::EvidenceDate,
            E::EvidenceExpiryBefore,
            E::EvidenceOneOf,
            E::EvidenceType,
            E::EvidenceUrl,
            E::EvidenceTooLarge { max_mb: 20 },
            E::EvidenceForm,
            E::UploadUnreadable,
            E::ScanTargetBad {
                target: "vpn..example".into(),
            },
            E::ScanTargetNotPublic {
                target: "192.168.1.1".into(),
            },
            E::ScanRangeTooLarge {
                target: "203.0.113.0/16".into(),
                count: 65536,
                max: 256,
            },
            E::ScanTargetExists {
                target: "203.0.113.10".into(),
            },
            E::ScanRangeConfirm,
            E::ScanPortsBad,
            E::ScanNoTargets,
            E::ScanBusy,
            E::ScanDailyLimit { max: 20 },
            E::ScanEveryBad,
            E::ScanNotFinished,
            E::ScanValidDays,
            E::AssetTagMissing,
            E::AssetNameMissing,
            E::AssetKindUnknown {
                kind: "冷蔵庫".into(),
            },
            E::AssetDateBad {
                value: "2027-02-30".into(),
            },
            E::AssetCpeBad {
                cpe: "cpe:/o:fortinet".into(),
            },
            E::AssetTagExists {
                tag: "PC-001".into(),
            },
            E::AssetChanged,
            E::RegisterEmpty,
            E::RegisterNoHeader,
            E::RegisterColumnTwice {
                column: "名称".into(),
            },
            E::RegisterTagTwice {
                tag: "PC-001".into(),
                first_row: 2,
            },
            E::RegisterUnreadable,
            E::RegisterTooManyRows { max: 20_000 },
            E::InventoryUnreadable {
                reason: "12 行目".into(),
            },
            E::VulnsNoData,
            E::BackupNameBad,
            E::BackupNameTaken { name: "NAS".into() },
            E::BackupLocationBad {
                location: "ftp://nas".into(),
            },
            E::BackupLocationNotAllowed {
                location: "/etc".into(),
            },
            E::BackupPasswordMissing,
            E::BackupEnvBad {
                line: "PATH=/tmp".into(),
            },
            E::BackupMaxAgeBad,
            E::BackupSampleBad,
            E::BackupEveryBad,
            E::BackupChanged,
            E::BackupBusy,
            E::BackupNoSealingKey,
            E::FraudProfileChanged,
            E::FraudProfileBad {
                place: "3:1".into(),
                detail_ja: "「oficer」という項目はありません".into(),
                detail_en: "unknown field `oficer`".into(),
            },
            E::FraudMailMissing,
            E::DocTitleBad,
            E::DocSectionBad {
                heading: "基本方針".into(),
                line: 3,
                detail_ja: "表の列の数が見出し行と違います".into(),
                detail_en: "the row has a different number of cells than the header".into(),
            },
            E::DocChanged { latest: 4 },
            E::DocPlaceholders {
                items: vec!["〔未設定：保険会社〕".into()],
            },
            E::DocWrongState,
            E::DocEffectiveDateBad,
            E::DocExists,
            E::RegEntryChanged,
            E::RegEntryExists {
                name: "顧客名簿".into(),
            },
            E::RegNameTwice {
                name: "顧客名簿".into(),
                first_row: 2,
            },
            E::RegRequired { field: "name" },
            E::RegDateBad {
                field: "nda_expires",
                value: "来年".into(),
            },
            E::RegChoiceBad {
                field: "nda",
                value: "たぶん".into(),
                allowed: "あり / なし".into(),
            },
            E::RegHoursBad {
                field: "notify_hours",
                value: "すぐ".into(),
            },
            E::RegFileEmpty,
            E::RegFileNoHeader {
                column_ja: "取引先名",
                column_en: "Partner",
            },
            E::ScanTooManyAddresses {
                count: 300,
                max: 256,
            },
            E::ScanTargetInternalName {
                target: "metadata.google.internal".into(),
            },
            E::SupplierNameBad,
            E::DueDateBad,
            E::DecisionUnanswered {
                question: "system-access",
            },
            E::RelationshipExists,
            E::RelationshipAccepted,
            E::SupplierIsBuyer,
            E::SupplierAlreadyLinked,
            E::ShareUnrelated,
            E::MailBad,
            E::ReviewNoExpert,
            E::ReviewWrongState(ReviewStatus::Confirmed),
            E::Star4NeedsBody,
            E::ExpertProfileBad,
            E::ExpertIsMember,
            E::EvaluatorForStar4Only,
            E::EvaluatorNotBody,
            E::EvaluatorLoginRequired,
            E::CommentBad,
            E::ReturnReasonMissing,
            E::ConfirmNotMet { open: 3 },
            E::EvaluationBad,
            E::EvaluationBodyBad,
            E::EvaluationIncomplete { missing: 43 },
            E::EvaluationFailed {
                requirements: vec!["4-1-1".into(), "4-2-3".into()],
            },
            E::DeclareAgree,
            E::DeclareBad,
            E::DeclareNotConfirmed,
            E::DeclareNotOfficer,
            E::DeclareNeedsMfa,
            E::DeclareStatementMissing,
            E::OfficerTitleBad,
            E::AttestNotConfirmed,
            E::AttestNotDeclared,
            E::AttestExpired,
            E::AttestReviewChanged,
            E::AttestationReasonBad,
            E::AttestationRevokedAlready,
            E::VerifyNoFile,
            E::VerifyTooLarge,
            E::ImportTooLarge,
            E::ImportNoNumber,
            E::ImportOtherOrg {
                found: "7000012050002".into(),
                expected: "1180301018771".into(),
            },
            E::ImportIssuerNotHttps,
            E::ImportFetchFailed {
                problem: FetchProblem::PrivateAddress,
            },
            E::ImportBadKeys,
            E::ImportBadRevoked,
            E::ImportInvalid {
                reasons: vec!["[revoked] 失効しています".into()],
            },
        ];
        for e in &all {
            match e {
                E::BadForm
                | E::BadRequest
                | E::TooLong { .. }
                | E::BadLang
                | E::SetupLinkInvalid
                | E::NameRequired
                | E::EmailInvalid
                | E::EmailTaken
                | E::Password(_)
                | E::PasswordMismatch
                | E::CurrentPasswordWrong
                | E::ResetLinkInvalid
                | E::LastAdmin
                | E::AccountDisabled
                | E::AccountLocked { .. }
                | E::TokenNameBad
                | E::TokenDaysBad
                | E::OrgNameBad
                | E::LastOwner
                | E::CorporateNumber(_)
                | E::InvitationInvalid
                | E::TitleBad
                | E::CatalogUnknown
                | E::LevelNotAssessable { .. }
                | E::StatusUnknown
                | E::NaNeedsReason
                | E::TooManyEvidenceLines { .. }
                | E::AssessmentLocked
                | E::ImportOtherCatalog
                | E::WorkbookUnreadable
                | E::CatalogEditionBad
                | E::CatalogReplaceConfirm { .. }
                | E::CatalogInUse { .. }
                | E::RecordsBad
                | E::RevenueBad
                | E::StoppageBad { .. }
                | E::EvidenceTitle
                | E::EvidenceDate
                | E::EvidenceExpiryBefore
                | E::EvidenceOneOf
                | E::EvidenceType
                | E::EvidenceUrl
                | E::EvidenceTooLarge { .. }
                | E::EvidenceForm
                | E::UploadUnreadable
                | E::ScanTargetBad { .. }
                | E::ScanTargetNotPublic { .. }
                | E::ScanRangeTooLarge { .. }
                | E::ScanTargetExists { .. }
                | E::ScanRangeConfirm
                | E::ScanPortsBad
                | E::ScanNoTargets
                | E::ScanBusy
                | E::ScanDailyLimit { .. }
                | E::ScanEveryBad
                | E::ScanNotFinished
                | E::ScanValidDays
                | E::ScanTooManyAddresses { .. }
                | E::ScanTargetInternalName { .. }
                | E::AssetTagMissing
                | E::AssetNameMissing
                | E::AssetKindUnknown { .. }
                | E::AssetDateBad { .. }
                | E::AssetCpeBad { .. }
                | E::AssetTagExists { .. }
                | E::AssetChanged
                | E::RegisterEmpty
                | E::RegisterNoHeader
                | E::RegisterColumnTwice { .. }
                | E::RegisterTagTwice { .. }
                | E::RegisterUnreadable
                | E::RegisterTooManyRows { .. }
                | E::InventoryUnreadable { .. }
                | E::VulnsNoData
                | E::BackupNameBad
                | E::BackupNameTaken { .. }
                | E::BackupLocationBad { .. }
                | E::BackupLocationNotAllowed { .. }
                | E::BackupPasswordMissing
                | E::BackupEnvBad { .. }
                | E::BackupMaxAgeBad
                | E::BackupSampleBad
                | E::BackupEveryBad
                | E::BackupChanged
                | E::BackupBusy
                | E::BackupNoSealingKey
                | E::FraudProfileChanged
                | E::FraudProfileBad { .. }
                | E::FraudMailMissing
                | E::DocTitleBad
                | E::DocSectionBad { .. }
                | E::DocChanged { .. }
                | E::DocPlaceholders { .. }
                | E::DocWrongState
                | E::DocEffectiveDateBad
                | E::DocExists
                | E::RegEntryChanged
                | E::RegEntryExists { .. }
                | E::RegNameTwice { .. }
                | E::RegRequired { .. }
                | E::RegDateBad { .. }
                | E::RegChoiceBad { .. }
                | E::RegHoursBad { .. }
                | E::RegFileEmpty
                | E::RegFileNoHeader { .. }
                | E::SupplierNameBad
                | E::DueDateBad
                | E::DecisionUnanswered { .. }
                | E::RelationshipExists
                | E::RelationshipAccepted
                | E::SupplierIsBuyer
                | E::SupplierAlreadyLinked
                | E::ShareUnrelated
                | E::MailBad
                | E::ReviewNoExpert
                | E::ReviewWrongState(_)
                | E::Star4NeedsBody
                | E::ExpertProfileBad
                | E::ExpertIsMember
                | E::EvaluatorForStar4Only
                | E::EvaluatorNotBody
                | E::EvaluatorLoginRequired
                | E::CommentBad
                | E::ReturnReasonMissing
                | E::ConfirmNotMet { .. }
                | E::EvaluationBad
                | E::EvaluationBodyBad
                | E::EvaluationIncomplete { .. }
                | E::EvaluationFailed { .. }
                | E::DeclareAgree
                | E::DeclareBad
                | E::DeclareNotConfirmed
                | E::DeclareNotOfficer
                | E::DeclareNeedsMfa
                | E::DeclareStatementMissing
                | E::OfficerTitleBad
                | E::AttestNotConfirmed
                | E::AttestNotDeclared
                | E::AttestExpired
                | E::AttestReviewChanged
                | E::AttestationReasonBad
                | E::AttestationRevokedAlready
                | E::VerifyNoFile
                | E::VerifyTooLarge
                | E::ImportTooLarge
                | E::ImportNoNumber
                | E::ImportOtherOrg { .. }
                | E::ImportIssuerNotHttps
                | E::ImportFetchFailed { .. }
                | E::ImportBadKeys
                | E::ImportBadRevoked
                | E::ImportInvalid { .. } => {}
            }
        }
        all
    }
}

impl std::fmt::Display for UserError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message(Lang::En))
    }
}

impl std::error::Error for UserError {}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_are_unique_and_every_message_exists_in_both_languages() {
        let all = UserError::examples();
        let mut codes: Vec<&str> = all.iter().map(UserError::code).collect();
        codes.sort_unstable();
        let n = codes.len();
        codes.dedup();
        assert_eq!(codes.len(), n, "two variants share a code");
        for e in &all {
            for lang in Lang::ALL {
                assert!(!e.message(lang).trim().is_empty(), "{e:?} {lang}");
            }
            assert_ne!(e.message(Lang::Ja), e.message(Lang::En), "{e:?}");
        }
    }
}
