//! Texts of expert confirmation, evaluation bodies and the management declaration.

use crate::kernel::i18n::texts;

pub(crate) const TEXTS: &[(&str, &str, &str)] = texts! {
    "method_document" => ("書面確認", "Document review"),
    "method_onsite" => ("現地確認", "On-site review"),
    "method_technical" => ("技術検証", "Technical verification"),
    "result_pass" => ("適合", "Met"),
    "result_fail" => ("不適合", "Not met"),
    "result_na" => ("対象外", "Not applicable"),
    "evaluation_h" => ("★4 第三者評価の結果（要求事項ごと）", "★4 evaluation results (per requirement)"),
    "evaluation_counts" => ("3つの方法すべてを記録した要求事項", "Requirements with all three methods recorded"),
    "evaluation_done" => ("記録済み", "Recorded"),
    "evaluation_note" => ("所見", "Findings"),
    "evaluation_record" => ("記録する", "Record"),
    "self_assessment_answers" => ("受注企業の自己評価", "The supplier's self-assessment"),
    "evaluator_intro" => ("★4 の評価は、評価機関として登録された組織が行います。評価機関の組織で編集者以上の権限を持つアカウントで承諾してください。", "★4 is evaluated by an organisation registered as an evaluation body. Accept with an account that is an editor or owner there."),
    "evaluator_login_required" => ("★4 の評価依頼は、評価機関の組織に所属するアカウントでログインしてから承諾してください。", "Sign in with an account of your evaluation body to accept a ★4 evaluation."),
    "evaluator_no_body" => ("あなたが編集者以上として所属する組織に、評価機関として登録されたものがありません。組織のページで評価機関として登録してから、このリンクを開き直してください。", "None of the organisations you edit is registered as an evaluation body. Register one on its organisation page, then open this link again."),
    "st_in_evaluation" => ("評価機関が評価中", "Being evaluated"),
    "reviews" => ("確認を依頼されている自己評価", "Assessments to review"),
    "expert_invite_title" => ("専門家としての確認依頼", "Request to review as an expert"),
    "expert_invite_intro" => ("次の組織から、★3 自己評価の専門家確認を依頼されています。資格と登録番号を登録してください。", "This organisation asks you to confirm its ★3 self-assessment. Record your qualification and registration number."),
    "qualification" => ("資格（例: 情報処理安全確保支援士）", "Qualification (e.g. Registered Information Security Specialist)"),
    "start_review" => ("確認を始める", "Start the review"),
    "return_review" => ("差し戻す", "Return for changes"),
    "confirm_review" => ("確認する", "Confirm"),
    "return_reason" => ("差し戻す理由（受注企業に表示されます）", "Why it goes back (the supplier sees this)"),
    "return_review_sure" => ("この自己評価を受注企業に差し戻します。よろしいですか？", "Return this self-assessment to the supplier?"),
    "confirm_review_sure" => ("確認を完了すると取り消せません。確認した内容に間違いはありませんか？", "Confirming cannot be undone. Is everything you checked in order?"),
    "return_reason_shown" => ("差し戻しの理由", "Reason for the return"),
    "comment" => ("コメント", "Comment"),
};
