//! Texts of signed results: issuing, verification, the public register, imports.

use crate::kernel::i18n::texts;

pub(crate) const TEXTS: &[(&str, &str, &str)] = texts! {
    "verify_unknown_id" => ("この ID の署名付き結果は、この hoshi では発行されていません。報告書に印刷された QR コードや URL をもう一度確かめてください。", "No signed result with this ID was issued by this hoshi. Check the QR code or address printed in the report."),
    "register_search" => ("組織名または法人番号で探す", "Search by organisation name or 法人番号"),
    "register_none_found" => ("この条件に当たる公開中の結果はありません。", "No published result matches."),
    "verify_title" => ("署名付き結果の検証", "Verify a signed result (attestation)"),
    "verify_intro" => ("受け取った署名付き結果のファイルが、この hoshi の鍵で署名され、改ざんされておらず、有効期限内で、失効していないことを確かめます。ログインは不要です。", "Check that an attestation file was signed with this hoshi's key, is unaltered, within its validity and not revoked. No sign-in needed."),
    "verify_file" => ("署名付き結果のファイル（.json）", "Attestation file (.json)"),
    "verify_button" => ("検証する", "Verify"),
    "verify_valid" => ("有効です。署名は正しく、内容は改ざんされておらず、有効期限内で失効していません。", "Valid: the signature is correct, nothing was changed, it is within its validity and not revoked."),
    "verify_invalid" => ("無効です。理由:", "Not valid. Reasons:"),
    "verify_offline" => ("ネットワークなしで確かめるには:", "To check offline:"),
    "register_title" => ("公開登録簿", "Public register"),
    "register_intro" => ("この hoshi で署名付きの結果を公開することを選んだ組織の一覧です。表示するのは組織名・レベル・有効期限と署名付きファイルだけで、回答や不足項目は公開されません。", "Organisations that chose to publish a signed result on this hoshi. Only the name, level, validity and the signed file are shown; answers and gaps are never public."),
    "register_empty" => ("公開されている結果はまだありません。", "Nothing has been published yet."),
    "register_check" => ("確認", "Check"),
};
