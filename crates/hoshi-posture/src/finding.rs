//! What a posture check found: one finding per point, with its weight, the words for the reader
//! in Japanese and English, and where one helps, the record to publish.

use serde::Serialize;

/// How much a finding matters, worst last so that `max()` is the worst.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// Set as it should be.
    Good,
    /// Worth knowing; nothing to do.
    Info,
    /// A recommended improvement.
    Low,
    /// Should be fixed: mail in the organisation's name can be forged or read on the way.
    Medium,
    /// Broken or wide open: fix first.
    High,
}

impl Severity {
    /// The stable code (as in the JSON), also the CSS class of kept pages.
    pub fn code(self) -> &'static str {
        match self {
            Severity::High => "high",
            Severity::Medium => "medium",
            Severity::Low => "low",
            Severity::Info => "info",
            Severity::Good => "good",
        }
    }

    pub fn label(self, ja: bool) -> &'static str {
        match (self, ja) {
            (Severity::Good, true) => "良好",
            (Severity::Info, true) => "参考",
            (Severity::Low, true) => "推奨",
            (Severity::Medium, true) => "要対応",
            (Severity::High, true) => "重大",
            (Severity::Good, false) => "good",
            (Severity::Info, false) => "info",
            (Severity::Low, false) => "recommended",
            (Severity::Medium, false) => "fix",
            (Severity::High, false) => "serious",
        }
    }
}

/// The part of the mail set-up a finding is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Area {
    Spf,
    Dkim,
    Dmarc,
    MtaSts,
    TlsRpt,
    Mx,
}

impl Area {
    pub fn label(self) -> &'static str {
        match self {
            Area::Spf => "SPF",
            Area::Dkim => "DKIM",
            Area::Dmarc => "DMARC",
            Area::MtaSts => "MTA-STS",
            Area::TlsRpt => "TLS-RPT",
            Area::Mx => "MX",
        }
    }
}

/// A DNS record (or, for MTA-STS, a file) the organisation should publish.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Publish {
    /// Owner name of the record, or the URL of the file.
    pub name: String,
    /// `TXT`, or `file` for the MTA-STS policy.
    pub kind: String,
    pub value: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Finding {
    pub area: Area,
    /// Stable code, e.g. `dmarc_policy_none` (documented in the crate's README).
    pub code: &'static str,
    pub severity: Severity,
    pub ja: String,
    pub en: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub publish: Option<Publish>,
}

impl Finding {
    pub fn new(
        area: Area,
        code: &'static str,
        severity: Severity,
        ja: impl Into<String>,
        en: impl Into<String>,
    ) -> Finding {
        Finding {
            area,
            code,
            severity,
            ja: ja.into(),
            en: en.into(),
            publish: None,
        }
    }

    #[must_use]
    pub fn publish(
        mut self,
        name: impl Into<String>,
        kind: &str,
        value: impl Into<String>,
    ) -> Self {
        self.publish = Some(Publish {
            name: name.into(),
            kind: kind.to_string(),
            value: value.into(),
        });
        self
    }

    pub fn text(&self, ja: bool) -> &str {
        if ja { &self.ja } else { &self.en }
    }
}
