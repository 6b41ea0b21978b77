//! UI text in Japanese and English. Japanese is the default; each user can switch.

use hoshi_core::Lang;

/// The translator handed to every template.
#[derive(Debug, Clone, Copy)]
pub struct Tr {
    pub lang: Lang,
}

macro_rules! texts {
    ($($key:literal => ($ja:literal, $en:literal)),+ $(,)?) => {
        fn lookup(key: &str, lang: Lang) -> Option<&'static str> {
            match key {
                $($key => Some(match lang { Lang::Ja => $ja, Lang::En => $en }),)+
                _ => None,
            }
        }

        #[cfg(test)]
        pub(crate) const KEYS: &[&str] = &[$($key),+];
    };
}

texts! {
    "app_tagline" => ("サプライチェーン・セキュリティ評価制度（SCS評価制度）の自己評価", "Self-assessment for Japan's Supply-Chain Security evaluation scheme"),
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
    "login_failed" => ("メールアドレスまたはパスワードが正しくありません。", "The e-mail address or password is not correct."),
    "locked" => ("ログインの失敗が続いたため、このアカウントは一時的にロックされています。15分後にもう一度お試しください。", "Too many failed sign-ins: this account is locked for 15 minutes."),
    "too_many" => ("短時間に多くのログインが試みられました。しばらく待ってからお試しください。", "Too many sign-in attempts from your network. Please wait a little and try again."),
    "mfa_title" => ("2段階認証", "Two-step verification"),
    "mfa_code" => ("認証アプリの6桁のコード、または回復コード", "The 6-digit code from your authenticator app, or a recovery code"),
    "mfa_failed" => ("コードが正しくないか、すでに使われています。", "The code is wrong or has already been used."),
    "verify" => ("確認", "Verify"),
    "mfa_setup_title" => ("2段階認証（多要素認証）の設定", "Set up two-step verification (MFA)"),
    "mfa_setup_intro" => ("認証アプリ（Microsoft Authenticator、Google Authenticator など）で QR コードを読み取り、表示された6桁のコードを入力してください。", "Scan the QR code with an authenticator app (Microsoft Authenticator, Google Authenticator, …) and enter the 6-digit code it shows."),
    "mfa_secret" => ("QR コードを読み取れない場合は、次のキーを手入力してください", "If you cannot scan the code, type this key"),
    "mfa_required_admin" => ("管理者は2段階認証の設定が必須です。", "Administrators must set up two-step verification."),
    "mfa_encouraged" => ("2段階認証を設定すると、パスワードが漏れても不正ログインを防げます。", "Set up two-step verification: it keeps your account safe even if your password leaks."),
    "mfa_enabled" => ("2段階認証を有効にしました。", "Two-step verification is on."),
    "mfa_on" => ("2段階認証: 有効", "Two-step verification: on"),
    "mfa_off" => ("2段階認証: 未設定", "Two-step verification: not set up"),
    "recovery_title" => ("回復コード", "Recovery codes"),
    "recovery_intro" => ("スマートフォンをなくしたときは、次のコードを1回ずつ使ってログインできます。今すぐ安全な場所に保管してください。この画面を閉じると二度と表示されません。", "If you lose your phone, each of these codes signs you in once. Store them somewhere safe now: they will not be shown again."),
    "recovery_left" => ("未使用の回復コード", "Unused recovery codes"),
    "continue" => ("続ける", "Continue"),
    "setup_title" => ("最初の管理者を作成", "Create the first administrator"),
    "setup_intro" => ("この hoshi を管理するアカウントを作成します。作成後、2段階認証を設定します。", "Create the account that administers this hoshi. Two-step verification comes next."),
    "setup_invalid" => ("このセットアップ用リンクは無効か、すでに使われています。", "This set-up link is invalid or has already been used."),
    "create" => ("作成", "Create"),
    "save" => ("保存", "Save"),
    "saved" => ("保存しました。", "Saved."),
    "password_rules" => ("10文字以上。よく使われるパスワードや、メールアドレス・氏名を含むものは使えません。", "At least 10 characters; no common passwords, and not your e-mail address or name."),
    "pw_too_short" => ("パスワードは10文字以上にしてください。", "The password must be at least 10 characters."),
    "pw_too_long" => ("パスワードが長すぎます（256文字まで）。", "The password is too long (256 characters at most)."),
    "pw_common" => ("推測されやすいパスワードです。別のものにしてください。", "This password is too easy to guess."),
    "pw_repetitive" => ("同じ文字の繰り返しが多すぎます。", "Too many repeated characters."),
    "pw_contains_email" => ("メールアドレスを含むパスワードは使えません。", "The password must not contain your e-mail address."),
    "pw_contains_name" => ("氏名を含むパスワードは使えません。", "The password must not contain your name."),
    "pw_mismatch" => ("確認用のパスワードが一致しません。", "The passwords do not match."),
    "email_invalid" => ("メールアドレスの形式が正しくありません。", "This is not a valid e-mail address."),
    "name_required" => ("氏名を入力してください（100文字まで）。", "Please enter your name (100 characters at most)."),
    "email_taken" => ("このメールアドレスのアカウントはすでにあります。ログインしてから招待を受けてください。", "An account with this e-mail address exists: sign in, then accept the invitation."),
    "your_orgs" => ("所属している組織", "Your organisations"),
    "no_orgs" => ("まだ組織がありません。自社の組織を作成してください。", "You belong to no organisation yet. Create your company's."),
    "new_org" => ("組織を作成", "Create an organisation"),
    "org_name" => ("組織名（会社名）", "Organisation (company) name"),
    "role" => ("役割", "Role"),
    "role_owner" => ("オーナー", "Owner"),
    "role_editor" => ("編集者", "Editor"),
    "role_viewer" => ("閲覧者", "Viewer"),
    "members" => ("メンバー", "Members"),
    "invite" => ("メンバーを招待", "Invite a member"),
    "invite_link" => ("招待リンク（7日間有効・1回限り）。招待する人に安全な方法で伝えてください。", "Invitation link (valid for 7 days, single use). Pass it on securely."),
    "invite_title" => ("組織への招待", "Invitation"),
    "invite_to" => ("次の組織に招待されています", "You are invited to"),
    "invite_invalid" => ("この招待リンクは無効か、期限切れか、すでに使われています。", "This invitation link is invalid, expired or already used."),
    "invite_accept" => ("招待を受ける", "Accept the invitation"),
    "invite_signup" => ("アカウントを作成して参加", "Create an account and join"),
    "have_account" => ("すでにアカウントがある場合はログインしてください。", "Already have an account? Sign in first."),
    "assessments" => ("自己評価", "Self-assessments"),
    "no_assessments" => ("まだ自己評価がありません。", "No self-assessments yet."),
    "new_assessment" => ("自己評価を始める", "Start a self-assessment"),
    "assessment_title" => ("名称（例: 2026年度 ★3 自己評価）", "Title (e.g. FY2026 ★3 self-assessment)"),
    "catalog" => ("カタログ", "Catalog"),
    "level" => ("目標レベル", "Target level"),
    "progress" => ("進捗", "Progress"),
    "verdict" => ("判定", "Verdict"),
    "by_category" => ("大分類別の進捗", "Progress by category"),
    "categories" => ("大分類", "Categories"),
    "gaps" => ("ギャップ（優先度順）", "Gaps (by priority)"),
    "roadmap" => ("ロードマップ", "Roadmap"),
    "history" => ("変更履歴", "History"),
    "export" => ("書き出し", "Export"),
    "criteria_done" => ("件 実施済み／対象外", "met or not applicable"),
    "status" => ("状態", "Status"),
    "reason" => ("理由（対象外の場合は必須）", "Reason (required for not applicable)"),
    "evidence" => ("根拠・証跡・実施すること（1行に1件）", "Evidence and actions (one per line)"),
    "note" => ("補足情報", "Notes"),
    "guidance" => ("対応のしかた", "How to meet it"),
    "typical_evidence" => ("証跡の例", "Typical evidence"),
    "last_saved" => ("最終更新", "Last saved"),
    "conflict" => ("この評価基準は、あなたが開いた後に別の人が更新しました。あなたの入力は保存されていません。最新の内容を確認して、もう一度保存してください。", "Someone else saved this criterion after you opened it. Your input was NOT saved: check the latest version below and save again."),
    "your_input" => ("あなたの入力（未保存）", "Your input (not saved)"),
    "current_version" => ("現在保存されている内容", "What is saved now"),
    "na_needs_reason" => ("「対象外」には理由が必要です。", "Not applicable needs a reason."),
    "back" => ("戻る", "Back"),
    "not_found" => ("ページが見つかりません。", "Page not found."),
    "forbidden" => ("この操作を行う権限がありません。", "You are not allowed to do this."),
    "bad_request" => ("入力内容に誤りがあります。", "Something in the request is not right."),
    "csrf" => ("フォームの有効期限が切れたか、別のサイトから送信されました。ページを開き直してください。", "The form expired or was sent from another site. Please reload the page."),
    "internal" => ("内部エラーが発生しました。管理者に連絡してください。", "Something went wrong on the server. Please contact the administrator."),
    "when" => ("日時", "When"),
    "who" => ("誰が", "Who"),
    "what" => ("内容", "What"),
    "before" => ("変更前", "Before"),
    "after" => ("変更後", "After"),
    "risk" => ("リスク", "Risk"),
    "measure" => ("優先対策", "Priority measure"),
    "effort" => ("工数", "Effort"),
    "nothing" => ("なし", "Nothing"),
    "open" => ("開く", "Open"),
    "answer_these" => ("評価基準に回答する", "Answer the criteria"),
    "criterion" => ("評価基準", "Criterion"),
    "phase" => ("時期", "When"),
    "all_levels" => ("レベル別", "Levels"),
    "import_title" => ("Excel から回答を取り込む", "Import answers from Excel"),
    "import_intro" => ("書き出した Excel、または公式ワークブックの O〜R 列（自己評価・理由・根拠および実施する事・補足情報）に記入したファイルを取り込みます。内容が異なる回答だけを更新し、すべて変更履歴に残ります。取り込めない行は行番号とともに表示します。", "Upload the exported workbook, or the official workbook with columns O–R (self-assessment, reason, evidence, notes) filled in. Only answers that differ are updated, each recorded in the history. Rows that cannot be taken are listed by row number."),
    "import_button" => ("取り込む", "Import"),
    "import_problems" => ("取り込めなかった行", "Rows not taken"),
    "import_other_catalog" => ("このワークブックは別のカタログまたは版の評価のものです。", "This workbook belongs to an assessment of another catalog or edition."),
    "last_owner" => ("組織には少なくとも1人のオーナーが必要です。", "An organisation needs at least one owner."),
    "member_remove" => ("組織から外す", "Remove"),
    "member_change" => ("変更", "Change"),
    "bad_form" => ("フォームの内容を読み取れませんでした（文字コードが UTF-8 でない、または項目が不足しています）。", "The form could not be read (not UTF-8, or fields are missing)."),
    "portfolio" => ("取引先（受注企業）の一覧", "Suppliers"),
    "buyers" => ("発注企業（取引先からの依頼）", "Buyers (requests from customers)"),
    "register_supplier" => ("取引先を登録", "Register a supplier"),
    "supplier_name" => ("取引先名（会社名）", "Supplier (company) name"),
    "corporate_number" => ("法人番号（13桁）", "Corporate number (法人番号, 13 digits)"),
    "contact_name" => ("担当者名", "Contact person"),
    "contact_email" => ("担当者のメールアドレス", "Contact e-mail"),
    "supplies" => ("取引内容（委託している業務・部品など）", "What they supply"),
    "due_date" => ("期限", "Due date"),
    "decision_tree" => ("求めるレベルの判断（3つの質問）", "Level to request (three questions)"),
    "yes" => ("はい", "yes"),
    "no" => ("いいえ", "no"),
    "required_level" => ("求めるレベル", "Required level"),
    "achieved_level" => ("達成レベル", "Achieved level"),
    "status_counts" => ("状態別の件数", "Suppliers by status"),
    "filter" => ("絞り込み", "Filter"),
    "all" => ("すべて", "All"),
    "overdue" => ("期限超過", "Overdue"),
    "expiring" => ("期限切れ間近", "Expiring soon"),
    "sort" => ("並び順", "Sort"),
    "sort_name" => ("名前", "Name"),
    "search" => ("名前・法人番号で検索", "Search by name or number"),
    "export_csv" => ("CSV で書き出し", "Export CSV"),
    "page_of" => ("ページ", "Page"),
    "suppliers_none" => ("まだ取引先が登録されていません。", "No suppliers registered yet."),
    "st_invited" => ("招待中（未承諾）", "Invited (not accepted)"),
    "st_not_shared" => ("未共有", "Not shared"),
    "st_draft" => ("自己評価中", "Self-assessing"),
    "st_submitted" => ("確認依頼済み", "Submitted"),
    "st_in_review" => ("専門家確認中", "In expert review"),
    "st_returned" => ("差し戻し", "Returned"),
    "st_confirmed" => ("確認済み", "Confirmed"),
    "st_expired" => ("有効期限切れ", "Expired"),
    "scope_status" => ("状態と判定のみ", "Status and verdict only"),
    "scope_summary" => ("大分類別の概要まで", "Up to the per-category summary"),
    "scope_full" => ("すべて（ギャップ・回答・証跡を含む）", "Everything (gaps, answers and evidence)"),
    "invite_supplier" => ("招待リンクを発行", "Create an invitation link"),
    "supplier_link" => ("招待リンク（14日間有効・1回限り）。取引先の担当者に安全な方法で伝えてください。", "Invitation link (14 days, single use). Pass it to the supplier securely."),
    "accepted_by" => ("承諾した組織", "Accepted by"),
    "not_accepted" => ("まだ承諾されていません。", "Not accepted yet."),
    "shared_view" => ("取引先が共有している内容", "What the supplier shares"),
    "nothing_shared" => ("取引先はまだ何も共有していません。", "The supplier shares nothing yet."),
    "reasons" => ("判断の理由", "Reasons"),
    "valid_until" => ("有効期限", "Valid until"),
    "declaration" => ("自己適合宣誓", "Management declaration"),
    "supplier_invite_title" => ("取引先としての招待", "Invitation as a supplier"),
    "supplier_invite_intro" => ("次の発注企業から、セキュリティ対策の自己評価の共有を依頼されています。", "This buyer asks you to share your security self-assessment."),
    "accept_into" => ("どの組織として承諾しますか", "Accept as which organisation"),
    "new_org_named" => ("新しい組織を作成（組織名）", "A new organisation (name)"),
    "accept" => ("承諾する", "Accept"),
    "share" => ("共有", "Share"),
    "share_with" => ("この発注企業に共有する自己評価と範囲", "Assessment and scope to share with this buyer"),
    "revoke_share" => ("共有をやめる", "Stop sharing"),
    "no_buyers" => ("まだ発注企業からの依頼はありません。", "No buyer requests yet."),
    "supplier_name_bad" => ("取引先名は1〜200文字にしてください。", "A supplier name must be 1 to 200 characters."),
    "corporate_number_bad" => ("法人番号が正しくありません", "The corporate number is not valid"),
    "relationship_exists" => ("この法人番号の取引先はすでに登録されています。", "A supplier with this corporate number is already registered."),
    "relationship_accepted" => ("この取引先はすでに招待を承諾しています。", "This supplier has already accepted."),
    "supplier_invite_invalid" => ("この招待リンクは無効か、期限切れか、すでに使われています。", "This invitation link is invalid, expired or already used."),
    "supplier_is_buyer" => ("自社を自社の取引先にすることはできません。", "An organisation cannot be its own supplier."),
    "supplier_already_linked" => ("この組織はすでにこの発注企業の取引先です。", "This organisation is already a supplier of this buyer."),
    "share_unrelated" => ("取引関係のない組織とは共有できません。", "You can only share with your own buyers."),
    "decision_unanswered" => ("3つの質問すべてに「はい」か「いいえ」で答えてください", "Answer all three questions with yes or no"),
    "too_long" => ("入力が長すぎます", "An entry is too long"),
    "tokens" => ("API トークン", "API tokens"),
    "tokens_intro" => ("JSON API を使うための個人用トークンです。1つの組織に限って有効で、あなたのその組織での役割を超えることはできません。API の仕様:", "Personal tokens for the JSON API. Each works for one organisation and never beyond your role there. API description:"),
    "token_once" => ("このトークンは今回しか表示されません。安全な場所に保管してください。", "This token is shown only now. Store it somewhere safe."),
    "token_name" => ("名前（用途）", "Name (purpose)"),
    "token_access" => ("権限", "Access"),
    "token_read" => ("読み取り", "Read"),
    "token_rw" => ("読み書き", "Read and write"),
    "token_expires" => ("有効期限", "Expires"),
    "token_revoke" => ("無効にする", "Revoke"),
    "token_dead" => ("無効", "Inactive"),
    "token_new" => ("トークンを作成", "Create a token"),
    "token_days" => ("有効日数（1〜366）", "Valid for (days, 1–366)"),
    "token_write" => ("書き込みも許可する（編集者以上のみ有効）", "Allow writing (only effective for editors and owners)"),
    "token_name_bad" => ("トークンの名前は1〜100文字にしてください。", "A token name must be 1 to 100 characters."),
    "token_days_bad" => ("有効日数は1〜366日にしてください。", "Validity must be 1 to 366 days."),
    "evidence_items" => ("証跡", "Evidence"),
    "evidence_add" => ("証跡を追加", "Add evidence"),
    "evidence_file" => ("ファイル（PDF、画像、Word・Excel・PowerPoint、テキスト。20MBまで）", "File (PDF, image, Word/Excel/PowerPoint, text; up to 20 MB)"),
    "evidence_link_url" => ("またはリンク（https://…）", "or a link (https://…)"),
    "evidence_name" => ("名称（省略時はファイル名）", "Title (defaults to the file name)"),
    "evidence_effective" => ("有効日", "Effective from"),
    "evidence_expires" => ("有効期限（任意）", "Expires (optional)"),
    "evidence_attach" => ("既存の証跡を紐づける", "Attach existing evidence"),
    "evidence_detach" => ("紐づけを外す", "Detach"),
    "evidence_none" => ("まだ証跡がありません。", "No evidence yet."),
    "evidence_expired" => ("期限切れ", "Expired"),
    "evidence_used" => ("使用箇所", "Used for"),
    "evidence_title" => ("証跡の名称は1〜200文字にしてください。", "An evidence title must be 1 to 200 characters."),
    "evidence_date" => ("日付は YYYY-MM-DD の形式で入力してください。", "Dates must be written YYYY-MM-DD."),
    "evidence_expiry_before" => ("有効期限が有効日より前になっています。", "The expiry date is before the effective date."),
    "evidence_one_of" => ("ファイルかリンクのどちらか一方を指定してください。", "Give either a file or a link, not both."),
    "evidence_type" => ("このファイルの種類は受け付けられません（内容から判定しています）。PDF、画像、Word・Excel・PowerPoint、テキストを使ってください。", "This kind of file is not accepted (judged by its content). Use PDF, images, Word/Excel/PowerPoint or plain text."),
    "evidence_url" => ("リンクは http:// または https:// で始まるURLにしてください。", "A link must be an http:// or https:// URL."),
    "evidence_form" => ("証跡はファイル添付のフォーム（multipart/form-data）で送ってください。", "Send evidence with the file upload form (multipart/form-data)."),
    "evidence_too_large" => ("ファイルが大きすぎます。", "The file is too large."),
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_key_has_both_languages() {
        for k in KEYS {
            for l in Lang::ALL {
                assert!(!lookup(k, l).unwrap().is_empty(), "{k} {l}");
            }
        }
    }
}
