//! Texts of the organisation pages: members, invitations, 法人番号.

use crate::kernel::i18n::texts;

pub(crate) const TEXTS: &[(&str, &str, &str)] = texts! {
    "role" => ("役割", "Role"),
    "members" => ("メンバー", "Members"),
    "invite" => ("メンバーを招待", "Invite a member"),
    "invite_link" => ("招待リンク（7日間有効・1回限り）。招待する人に安全な方法で伝えてください。", "Invitation link (valid for 7 days, single use). Pass it on securely."),
    "invite_title" => ("組織への招待", "Invitation"),
    "invite_to" => ("次の組織に招待されています", "You are invited to"),
    "invite_accept" => ("招待を受ける", "Accept the invitation"),
    "invite_signup" => ("アカウントを作成して参加", "Create an account and join"),
    "no_assessments" => ("まだ自己評価がありません。", "No self-assessments yet."),
    "new_assessment" => ("自己評価を始める", "Start a self-assessment"),
    "assessment_title" => ("名称（例: 2026年度 ★3 自己評価）", "Title (e.g. FY2026 ★3 self-assessment)"),
    "catalog" => ("カタログ", "Catalog"),
    "member_remove" => ("組織から外す", "Remove"),
    "member_change" => ("変更", "Change"),
    "body_h" => ("★4 評価機関としての登録", "Registration as a ★4 evaluation body"),
    "body_intro" => ("この組織が ★4 の評価を行う評価機関である場合、認定・登録の内容を登録します。登録すると、受注企業からの ★4 評価の依頼を組織として承諾できます。", "If this organisation evaluates ★4 assessments, register its accreditation. It can then accept ★4 evaluation requests from suppliers."),
    "body_registered" => ("評価機関として登録済み", "Registered as an evaluation body"),
    "body_register" => ("評価機関として登録する", "Register as an evaluation body"),
    "accreditation" => ("認定・登録の名称", "Accreditation"),
    "org_corporate_intro" => ("この組織の法人番号です。署名付きの結果に記載され、発注企業が取引先と照合するのに使います。空欄にすると記載しません。", "This organisation's corporate number. It is written into signed results so that buyers can match them to the supplier they registered. Leave blank to omit it."),
};
