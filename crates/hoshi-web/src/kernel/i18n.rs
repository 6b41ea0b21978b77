//! UI text in Japanese and English. Japanese is the default; each user can switch.

use std::collections::HashMap;
use std::sync::LazyLock;

use hoshi_core::Lang;

/// The translator handed to every template.
#[derive(Debug, Clone, Copy)]
pub struct Tr {
    pub lang: Lang,
}

/// A text table: `key => (Japanese, English)` becomes `&[(key, ja, en)]`. Each feature keeps
/// its own table next to its pages (`<feature>/texts.rs`); [`crate::TEXT_TABLES`] lists them.
macro_rules! texts {
    ($($key:literal => ($ja:literal, $en:literal)),+ $(,)?) => {
        &[$(($key, $ja, $en)),+]
    };
}
pub(crate) use texts;

/// The kernel's texts: the layout, error pages, sign-up and what several features share.
pub(crate) const TEXTS: &[(&str, &str, &str)] = texts! {
    "disclaimer" => ("hoshi は自己評価の準備・記録・証明を支援するツールです。星（★）の付与や認証は行いません。", "hoshi helps prepare, record and prove a self-assessment. It does not award stars or certifications."),
    "skip" => ("本文へ移動", "Skip to content"),
    "lang_switch" => ("English", "日本語"),
    "orgs" => ("組織", "Organisations"),
    "account" => ("アカウント", "Account"),
    "logout" => ("ログアウト", "Sign out"),
    "login" => ("ログイン", "Sign in"),
    "email" => ("メールアドレス", "E-mail address"),
    "password" => ("パスワード", "Password"),
    "password_again" => ("パスワード（確認）", "Password (again)"),
    "display_name" => ("氏名", "Name"),
    "too_many" => ("短時間に多くのログインが試みられました。しばらく待ってからお試しください。", "Too many sign-in attempts from your network. Please wait a little and try again."),
    "create" => ("作成", "Create"),
    "save" => ("保存", "Save"),
    "saved" => ("保存しました。", "Saved."),
    "password_rules" => ("10文字以上。よく使われるパスワードや、メールアドレス・氏名を含むものは使えません。", "At least 10 characters; no common passwords, and not your e-mail address or name."),
    "org_name" => ("組織名（会社名）", "Organisation (company) name"),
    "role_owner" => ("オーナー", "Owner"),
    "role_editor" => ("編集者", "Editor"),
    "role_viewer" => ("閲覧者", "Viewer"),
    "have_account" => ("すでにアカウントがある場合はログインしてください。", "Already have an account? Sign in first."),
    "assessments" => ("自己評価", "Self-assessments"),
    "level" => ("目標レベル", "Target level"),
    "progress" => ("進捗", "Progress"),
    "verdict" => ("判定", "Verdict"),
    "gaps" => ("ギャップ（優先度順）", "Gaps (by priority)"),
    "status" => ("状態", "Status"),
    "reason" => ("理由（対象外の場合は必須）", "Reason (required for not applicable)"),
    "evidence" => ("根拠・証跡・実施すること（1行に1件）", "Evidence and actions (one per line)"),
    "conflict" => ("この評価基準は、あなたが開いた後に別の人が更新しました。あなたの入力は保存されていません。最新の内容を確認して、もう一度保存してください。", "Someone else saved this criterion after you opened it. Your input was NOT saved: check the latest version below and save again."),
    "err_bad_request" => ("この操作は完了できませんでした", "This could not be done"),
    "err_forbidden" => ("権限がありません", "Not allowed"),
    "err_not_found" => ("見つかりません", "Not found"),
    "err_conflict" => ("ほかの人が先に更新しました", "Someone else changed it first"),
    "err_too_many" => ("しばらくお待ちください", "Please wait a moment"),
    "err_internal" => ("サーバーでエラーが発生しました", "Something went wrong"),
    "form_problems" => ("入力内容を確認してください。次の点を直してから、もう一度送信してください。", "Please check the form: fix the following and send it again."),
    "err_code" => ("エラーコード", "Error code"),
    "back_home" => ("トップページへ戻る", "Back to the start page"),
    "not_found" => ("ページが見つかりません。", "Page not found."),
    "forbidden" => ("この操作を行う権限がありません。", "You are not allowed to do this."),
    "csrf" => ("フォームの有効期限が切れたか、別のサイトから送信されました。ページを開き直してください。", "The form expired or was sent from another site. Please reload the page."),
    "storage_full" => ("サーバーのディスクがいっぱいか、書き込みできない状態のため、保存できませんでした。入力した内容は保存されていません。hoshi の管理者に連絡してください。", "The server's disk is full or cannot be written, so nothing was saved. Please tell your hoshi administrator."),
    "internal" => ("内部エラーが発生しました。管理者に連絡してください。", "Something went wrong on the server. Please contact the administrator."),
    "nothing" => ("なし", "Nothing"),
    "answer_these" => ("評価基準に回答する", "Answer the criteria"),
    "portfolio" => ("取引先（受注企業）の一覧", "Suppliers"),
    "buyers" => ("発注企業（取引先からの依頼）", "Buyers (requests from customers)"),
    "corporate_number" => ("法人番号（13桁）", "Corporate number (法人番号, 13 digits)"),
    "st_draft" => ("自己評価中", "Self-assessing"),
    "st_submitted" => ("確認依頼済み", "Submitted"),
    "st_in_review" => ("専門家確認中", "In expert review"),
    "st_returned" => ("差し戻し", "Returned"),
    "st_confirmed" => ("確認済み", "Confirmed"),
    "evaluation_body" => ("評価機関", "Evaluation body"),
    "licences" => ("ライセンス（hoshi と同梱フォント）", "Licences (hoshi and the bundled font)"),
    "download_attestation" => ("署名付き結果をダウンロード", "Download attestation"),
    "st_expired" => ("有効期限切れ", "Expired"),
    "st_revoked" => ("署名付き結果を失効", "Signed result revoked"),
    "level_short" => ("レベル不足", "Below the required level"),
    "valid_until" => ("有効期限", "Valid until"),
    "declaration" => ("自己適合宣誓", "Management declaration"),
    "accept" => ("承諾する", "Accept"),
    "expert" => ("確認する専門家", "Expert"),
    "registration_number" => ("登録番号", "Registration number"),
    "evidence_items" => ("証跡", "Evidence"),
    "evidence_name" => ("名称（省略時はファイル名）", "Title (defaults to the file name)"),
    "evidence_effective" => ("有効日", "Effective from"),
    "evidence_none" => ("まだ証跡がありません。", "No evidence yet."),
    "evidence_expired" => ("期限切れ", "Expired"),
};

/// Every key of every table, with its texts.
static ALL: LazyLock<HashMap<&'static str, (&'static str, &'static str)>> = LazyLock::new(|| {
    crate::TEXT_TABLES
        .iter()
        .flat_map(|t| t.iter())
        .map(|(k, ja, en)| (*k, (*ja, *en)))
        .collect()
});

fn lookup(key: &str, lang: Lang) -> Option<&'static str> {
    ALL.get(key).map(|(ja, en)| match lang {
        Lang::Ja => *ja,
        Lang::En => *en,
    })
}

/// The text of `key` in `lang`, if the key exists.
pub fn text(key: &str, lang: Lang) -> Option<&'static str> {
    lookup(key, lang)
}

/// Every key, in table order (kernel first), repeated if two tables define it.
pub fn keys() -> Vec<&'static str> {
    crate::TEXT_TABLES
        .iter()
        .flat_map(|t| t.iter().map(|(k, _, _)| *k))
        .collect()
}

impl Tr {
    pub fn new(lang: Lang) -> Tr {
        Tr { lang }
    }

    /// The text for `key`; an unknown key shows itself so the gap is visible, never a crash.
    pub fn s<'a>(&self, key: &'a str) -> &'a str {
        lookup(key, self.lang).unwrap_or(key)
    }

    pub fn code(&self) -> &'static str {
        self.lang.code()
    }

    pub fn other(&self) -> &'static str {
        match self.lang {
            Lang::Ja => "en",
            Lang::En => "ja",
        }
    }
}
