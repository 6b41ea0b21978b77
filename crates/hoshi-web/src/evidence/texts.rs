//! Texts of the evidence pages.

use crate::kernel::i18n::texts;

pub(crate) const TEXTS: &[(&str, &str, &str)] = texts! {
    "evidence_used" => ("使用箇所", "Used for"),
};
