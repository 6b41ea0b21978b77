//! The buyer's decision tree (モデル分岐図): which level to ask of a supplier.
//!
//! Three questions; any "yes" means ★4, otherwise ★3. The answer carries its reasons.

use serde::{Deserialize, Serialize};

use crate::model::{Lang, Text};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Question {
    /// The buyer's important confidential information is handled on the supplier's IT.
    ConfidentialInfo,
    /// A stop of the supplier's business would cause the buyer an unacceptable delay.
    UnacceptableDelay,
    /// The supplier's environment can reach the buyer's internal systems.
    SystemAccess,
}

impl Question {
    pub const ALL: [Question; 3] = [
        Question::ConfidentialInfo,
        Question::UnacceptableDelay,
        Question::SystemAccess,
    ];

    pub fn id(self) -> &'static str {
        match self {
            Question::ConfidentialInfo => "confidential-info",
            Question::UnacceptableDelay => "unacceptable-delay",
            Question::SystemAccess => "system-access",
        }
    }

    pub fn prompt(self) -> Text {
        match self {
            Question::ConfidentialInfo => Text::new(
                "発注企業の重要な機密情報（漏えいすると信用の失墜や損害賠償につながる情報）を、取引先の IT 環境で扱いますか？",
                "Will the buyer's important confidential information (whose leak would cost trust or damages) be handled on the supplier's IT?",
            ),
            Question::UnacceptableDelay => Text::new(
                "取引先の業務が止まった場合、発注企業の事業に許容できない遅れが生じますか？（供給停止の影響範囲、代わりの調達先の有無、在庫で持ちこたえられるかを考えます）",
                "Would a stop of the supplier's business delay the buyer beyond what it can accept? (Consider how far a supply stop spreads, whether another supplier exists, and whether stock can bridge it.)",
            ),
            Question::SystemAccess => Text::new(
                "取引先の環境から、発注企業の社内システムに接続できますか？",
                "Can the supplier's environment connect to the buyer's internal systems?",
            ),
        }
    }

    fn reason(self, yes: bool) -> Text {
        match (self, yes) {
            (Question::ConfidentialInfo, true) => Text::new(
                "重要な機密情報を取引先の IT 環境で扱うため、漏えい時の影響が大きく ★4 が必要です。",
                "Important confidential information is handled on the supplier's IT, so a leak would be serious: ★4 is needed.",
            ),
            (Question::ConfidentialInfo, false) => Text::new(
                "重要な機密情報は取引先の IT 環境で扱いません。",
                "No important confidential information is handled on the supplier's IT.",
            ),
            (Question::UnacceptableDelay, true) => Text::new(
                "取引先が止まると許容できない遅れが生じるため、事業継続の観点から ★4 が必要です。",
                "A stop at the supplier would cause an unacceptable delay, so business continuity calls for ★4.",
            ),
            (Question::UnacceptableDelay, false) => Text::new(
                "取引先が止まっても、許容できない遅れは生じません。",
                "A stop at the supplier would not cause an unacceptable delay.",
            ),
            (Question::SystemAccess, true) => Text::new(
                "取引先の環境から社内システムに接続できるため、侵入の足がかりにならないよう ★4 が必要です。",
                "The supplier can reach internal systems, so to keep it from becoming a way in, ★4 is needed.",
            ),
            (Question::SystemAccess, false) => Text::new(
                "取引先の環境から社内システムには接続できません。",
                "The supplier cannot reach the buyer's internal systems.",
            ),
        }
    }
}

/// The buyer's three answers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct LevelAnswers {
    pub confidential_info: bool,
    pub unacceptable_delay: bool,
    pub system_access: bool,
}

impl LevelAnswers {
    pub fn get(&self, q: Question) -> bool {
        match q {
            Question::ConfidentialInfo => self.confidential_info,
            Question::UnacceptableDelay => self.unacceptable_delay,
            Question::SystemAccess => self.system_access,
        }
    }

    pub fn set(&mut self, q: Question, yes: bool) {
        match q {
            Question::ConfidentialInfo => self.confidential_info = yes,
            Question::UnacceptableDelay => self.unacceptable_delay = yes,
            Question::SystemAccess => self.system_access = yes,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct LevelReason {
    pub question: Question,
    pub answer: bool,
    pub text: Text,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct LevelDecision {
    /// 3 or 4.
    pub level: u8,
    pub reasons: Vec<LevelReason>,
    /// What the buyer should still consider.
    pub advice: Text,
}

/// Runs the decision tree.
pub fn decide(answers: LevelAnswers) -> LevelDecision {
    let reasons: Vec<LevelReason> = Question::ALL
        .iter()
        .map(|&q| LevelReason {
            question: q,
            answer: answers.get(q),
            text: q.reason(answers.get(q)),
        })
        .collect();
    let any_yes = reasons.iter().any(|r| r.answer);
    let (level, advice) = if any_yes {
        (
            4,
            Text::new(
                "★4 を求めてください。★4 でも足りない重要な取引では、個別の要件を上乗せすることも検討してください。",
                "Ask for ★4. Where even ★4 is not enough for a critical relationship, consider adding requirements of your own.",
            ),
        )
    } else {
        (
            3,
            Text::new(
                "3 つの条件に当てはまらないため、まずは ★3 を求めます。取引の事情により ★4 が妥当な追加要因がないかも確認してください。",
                "None of the three conditions applies, so ask for ★3 for now. Check whether other factors of the relationship still justify ★4.",
            ),
        )
    };
    LevelDecision {
        level,
        reasons,
        advice,
    }
}

impl LevelDecision {
    pub fn summary(&self, lang: Lang) -> String {
        match lang {
            Lang::Ja => format!("求めるレベル: ★{}", self.level),
            Lang::En => format!("Level to request: ★{}", self.level),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_combination() {
        for bits in 0u8..8 {
            let a = LevelAnswers {
                confidential_info: bits & 1 != 0,
                unacceptable_delay: bits & 2 != 0,
                system_access: bits & 4 != 0,
            };
            let d = decide(a);
            assert_eq!(d.level, if bits == 0 { 3 } else { 4 }, "answers {a:?}");
            assert_eq!(d.reasons.len(), 3);
            for r in &d.reasons {
                assert_eq!(r.answer, a.get(r.question));
            }
        }
    }
}
