//! Texts of the administration pages.

use crate::kernel::i18n::texts;

pub(crate) const TEXTS: &[(&str, &str, &str)] = texts! {
    "admin_users" => ("利用者の管理", "User administration"),
    "admin_users_intro" => ("この hoshi のすべてのアカウントです。パスワードを忘れた人には再設定用リンクを発行して本人に渡し、認証アプリをなくした人は2段階認証をリセットします。退職者などのアカウントは無効にできます。", "Every account of this hoshi. Give a person who forgot their password a reset link; reset the two-step verification of someone who lost their phone; disable the accounts of people who left."),
    "last_login" => ("最終ログイン", "Last sign-in"),
    "never" => ("なし", "never"),
    "administrator" => ("管理者", "Administrator"),
    "disabled" => ("無効", "Disabled"),
    "issue_reset_link" => ("再設定用リンクを発行", "Issue a reset link"),
    "reset_mfa" => ("2段階認証をリセット", "Reset two-step verification"),
    "disable_sure" => ("このアカウントを無効にします。ログイン中の端末もすべてログアウトします。よろしいですか？", "Disable this account and sign it out everywhere?"),
    "disable_account" => ("無効にする", "Disable"),
    "enable_account" => ("有効に戻す", "Enable"),
    "reset_link_for" => ("次のリンクを本人に渡してください（24時間、1回だけ有効です。このページを離れると再表示できません）。", "Give this link to the person (it works once, for 24 hours, and is not shown again):"),
    "mfa_was_reset" => ("2段階認証をリセットしました。次のログインで設定し直します。", "Two-step verification was reset; it is set up again at the next sign-in."),
    "account_disabled_done" => ("アカウントを無効にしました。ログイン中の端末もすべてログアウトしました。", "The account is disabled and signed out everywhere."),
    "account_enabled_done" => ("アカウントを有効に戻しました。", "The account is enabled again."),
};
