//! Texts of the evidence pages.

use crate::kernel::i18n::texts;

pub(crate) const TEXTS: &[(&str, &str, &str)] = texts! {
    "evidence_used" => ("使用箇所", "Used for"),
    "evidence_pick" => ("添付する基準（任意）", "Criterion to attach it to (optional)"),
    "evidence_pick_none" => ("基準に添付しない（証跡の一覧にだけ保存）", "None (kept in the evidence list only)"),
};
