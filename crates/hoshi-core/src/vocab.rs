//! Closed vocabularies: priority measures, threats, effort, cross-reference relations.
//!
//! The order of [`Threat`] is the order in which hoshi ranks gaps: what ransomware operators
//! actually exploit first in Japanese small firms (police statistics cited in the seed seminar:
//! most infections came through VPN appliances and remote desktop, with unpatched devices, weak
//! passwords and forgotten accounts; recovery failed where backups were missing or encrypted).

use serde::{Deserialize, Serialize};
use std::fmt;

use crate::model::{Lang, Text};

macro_rules! vocab {
    ($(#[$m:meta])* $name:ident { $($(#[$vm:meta])* $var:ident = $id:literal),+ $(,)? }) => {
        $(#[$m])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
        pub enum $name {
            $($(#[$vm])* #[serde(rename = $id)] $var),+
        }

        impl $name {
            pub const ALL: &'static [$name] = &[$($name::$var),+];

            pub fn id(self) -> &'static str {
                match self { $($name::$var => $id),+ }
            }

            pub fn parse(s: &str) -> Option<$name> {
                match s { $($id => Some($name::$var),)+ _ => None }
            }

            /// All valid identifiers, for error messages.
            pub fn expected() -> String {
                [$($id),+].join(", ")
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(self.id())
            }
        }
    };
}

vocab!(
    /// The eight priority basic measures of the seed seminar (catalog `priority8`).
    Measure {
        ExternalAssets = "external-assets",
        Authentication = "authentication",
        Patching = "patching",
        Backup = "backup",
        Privileges = "privileges",
        AccessRestriction = "access-restriction",
        Logging = "logging",
        IncidentResponse = "incident-response",
    }
);

vocab!(
    /// What goes wrong when a criterion is not met. Declared in risk order, highest first.
    Threat {
        ExposedVulnerability = "exposed-vulnerability",
        CredentialAttack = "credential-attack",
        PrivilegeAbuse = "privilege-abuse",
        RansomwareImpact = "ransomware-impact",
        Malware = "malware",
        UndetectedIntrusion = "undetected-intrusion",
        DataLeak = "data-leak",
        SupplyChain = "supply-chain",
        SlowResponse = "slow-response",
        Governance = "governance",
    }
);

vocab!(
    /// Rough effort to close a gap for a small company.
    Effort {
        /// Days of work, no purchase.
        Low = "low",
        /// Weeks, or a small purchase.
        Medium = "medium",
        /// A project or a budget line.
        High = "high",
    }
);

vocab!(
    /// How an item relates to an item of another framework.
    Relation {
        Equal = "equal",
        /// This item covers less than the target.
        Subset = "subset",
        /// This item covers more than the target.
        Superset = "superset",
        Intersects = "intersects",
    }
);

impl Threat {
    /// Severity on a 0–100 scale; drives the order of the gap list and the roadmap phase.
    pub fn severity(self) -> u8 {
        match self {
            Threat::ExposedVulnerability => 100,
            Threat::CredentialAttack => 95,
            Threat::PrivilegeAbuse => 90,
            Threat::RansomwareImpact => 85,
            Threat::Malware => 70,
            Threat::UndetectedIntrusion => 60,
            Threat::DataLeak => 55,
            Threat::SupplyChain => 50,
            Threat::SlowResponse => 45,
            Threat::Governance => 30,
        }
    }

    pub fn label(self) -> Text {
        let (ja, en) = match self {
            Threat::ExposedVulnerability => (
                "公開機器の脆弱性悪用",
                "Exploited flaws in internet-facing devices",
            ),
            Threat::CredentialAttack => {
                ("パスワード突破・多要素認証なし", "Password attacks, no MFA")
            }
            Threat::PrivilegeAbuse => (
                "管理者権限・不要アカウントの悪用",
                "Abuse of admin rights and stale accounts",
            ),
            Threat::RansomwareImpact => (
                "暗号化・破壊から復旧できない",
                "No recovery from encryption or destruction",
            ),
            Threat::Malware => ("マルウェア感染", "Malware infection"),
            Threat::UndetectedIntrusion => ("侵入の見逃し", "Undetected intrusion"),
            Threat::DataLeak => ("情報漏えい", "Data leak"),
            Threat::SupplyChain => (
                "取引先・外部サービス経由のリスク",
                "Risk through partners and services",
            ),
            Threat::SlowResponse => ("インシデント対応の遅れ", "Slow incident response"),
            Threat::Governance => ("体制・ルールの不備", "Missing roles or rules"),
        };
        Text::new(ja, en)
    }
}

impl Measure {
    pub fn label(self) -> Text {
        let (ja, en) = match self {
            Measure::ExternalAssets => ("外部公開資産の把握", "Know your internet-exposed assets"),
            Measure::Authentication => (
                "認証の強化（多要素認証・パスワード）",
                "Stronger authentication (MFA, passwords)",
            ),
            Measure::Patching => (
                "最新バージョンの利用と迅速なパッチ適用",
                "Current versions and prompt patching",
            ),
            Measure::Backup => ("バックアップとリストアテスト", "Backups and restore tests"),
            Measure::Privileges => (
                "管理者権限の見直しとアカウント棚卸",
                "Review admin rights, inventory accounts",
            ),
            Measure::AccessRestriction => (
                "管理画面へのアクセス制限",
                "Restrict access to management interfaces",
            ),
            Measure::Logging => ("ログの取得と保管", "Collect and keep logs"),
            Measure::IncidentResponse => ("インシデント対応体制の整備", "Incident response set-up"),
        };
        Text::new(ja, en)
    }
}

impl Effort {
    pub fn label(self) -> Text {
        let (ja, en) = match self {
            Effort::Low => ("小（数日・購入不要）", "Low (days, no purchase)"),
            Effort::Medium => (
                "中（数週間・小規模な購入）",
                "Medium (weeks, small purchase)",
            ),
            Effort::High => (
                "大（プロジェクト・予算化）",
                "High (a project, a budget line)",
            ),
        };
        Text::new(ja, en)
    }
}

impl Relation {
    pub fn label(self, lang: Lang) -> &'static str {
        match (self, lang) {
            (Relation::Equal, Lang::Ja) => "同等",
            (Relation::Subset, Lang::Ja) => "一部",
            (Relation::Superset, Lang::Ja) => "包含",
            (Relation::Intersects, Lang::Ja) => "関連",
            (Relation::Equal, Lang::En) => "equal",
            (Relation::Subset, Lang::En) => "subset",
            (Relation::Superset, Lang::En) => "superset",
            (Relation::Intersects, Lang::En) => "intersects",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn threat_order_is_severity_order() {
        let sev: Vec<u8> = Threat::ALL.iter().map(|t| t.severity()).collect();
        let mut sorted = sev.clone();
        sorted.sort_by(|a, b| b.cmp(a));
        assert_eq!(
            sev, sorted,
            "Threat::ALL must be declared highest severity first"
        );
    }

    #[test]
    fn ids_round_trip() {
        for m in Measure::ALL {
            assert_eq!(Measure::parse(m.id()), Some(*m));
        }
        for t in Threat::ALL {
            assert_eq!(Threat::parse(t.id()), Some(*t));
        }
        assert_eq!(Measure::parse("patch"), None);
    }
}
