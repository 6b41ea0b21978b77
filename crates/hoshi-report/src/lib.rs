//! # hoshi-report
//!
//! Renders an evaluated assessment (verdict, per-category progress, gaps in risk order, roadmap)
//! as plain text, JSON, Markdown or a self-contained HTML page with an SVG bar chart; and renders
//! catalogs for `hoshi catalog show`. Pure: values in, strings out.

mod catalog_view;
mod html;
mod text;
pub mod width;

use hoshi_core::{Assessment, Catalog, Evaluation, Lang, Status};
use serde::Serialize;

pub use catalog_view::{catalog_json, catalog_text};
pub use html::category_chart;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Text,
    Json,
    Markdown,
    Html,
}

impl Format {
    pub fn parse(s: &str) -> Option<Format> {
        match s {
            "text" | "txt" => Some(Format::Text),
            "json" => Some(Format::Json),
            "md" | "markdown" => Some(Format::Markdown),
            "html" => Some(Format::Html),
            _ => None,
        }
    }
}

/// Everything a report needs.
pub struct Report<'a> {
    pub catalog: &'a Catalog,
    pub assessment: &'a Assessment,
    pub evaluation: &'a Evaluation,
    pub lang: Lang,
}

/// UI words used by every format.
pub(crate) fn t(lang: Lang, key: &str) -> &'static str {
    match (key, lang) {
        ("title", Lang::Ja) => "自己評価レポート",
        ("title", Lang::En) => "Self-assessment report",
        ("catalog", Lang::Ja) => "カタログ",
        ("catalog", Lang::En) => "Catalog",
        ("target", Lang::Ja) => "目標レベル",
        ("target", Lang::En) => "Target level",
        ("organisation", Lang::Ja) => "組織",
        ("organisation", Lang::En) => "Organisation",
        ("verdict", Lang::Ja) => "判定",
        ("verdict", Lang::En) => "Verdict",
        ("progress", Lang::Ja) => "進捗",
        ("progress", Lang::En) => "Progress",
        ("by_category", Lang::Ja) => "大分類別の進捗",
        ("by_category", Lang::En) => "Progress by category",
        ("category", Lang::Ja) => "大分類",
        ("category", Lang::En) => "Category",
        ("gaps", Lang::Ja) => "優先度順のギャップ",
        ("gaps", Lang::En) => "Gaps by priority",
        ("no_gaps", Lang::Ja) => "ギャップはありません。",
        ("no_gaps", Lang::En) => "No gaps.",
        ("roadmap", Lang::Ja) => "ロードマップ",
        ("roadmap", Lang::En) => "Roadmap",
        ("risk", Lang::Ja) => "リスク",
        ("risk", Lang::En) => "Risk",
        ("measure", Lang::Ja) => "優先対策",
        ("measure", Lang::En) => "Priority measure",
        ("effort", Lang::Ja) => "工数",
        ("effort", Lang::En) => "Effort",
        ("when", Lang::Ja) => "時期",
        ("when", Lang::En) => "When",
        ("status", Lang::Ja) => "状態",
        ("status", Lang::En) => "Status",
        ("criterion", Lang::Ja) => "評価基準",
        ("criterion", Lang::En) => "Criterion",
        ("total", Lang::Ja) => "計",
        ("total", Lang::En) => "total",
        ("nothing", Lang::Ja) => "なし",
        ("nothing", Lang::En) => "nothing",
        ("levels", Lang::Ja) => "レベル別の状況",
        ("levels", Lang::En) => "Levels",
        ("reached", Lang::Ja) => "すべての評価基準を充足",
        ("reached", Lang::En) => "all criteria satisfied",
        ("not_reached", Lang::Ja) => "未達",
        ("not_reached", Lang::En) => "not yet",
        ("summarised", Lang::Ja) => "このカタログでは要約のみ（判定不可）",
        ("summarised", Lang::En) => "summarised in this catalog (cannot be judged)",
        ("remaining", Lang::Ja) => "残り",
        ("remaining", Lang::En) => "remaining",
        ("disclaimer", Lang::Ja) => {
            "このレポートは自己評価の記録です。hoshi は星（★）の付与や認証を行いません。結果の登録は制度の運営機関が行います。"
        }
        ("disclaimer", Lang::En) => {
            "This report records a self-assessment. hoshi does not award a star or any certification; the scheme's operator registers results."
        }
        ("how", Lang::Ja) => "対応のしかた",
        ("how", Lang::En) => "How to close it",
        ("evidence", Lang::Ja) => "証跡の例",
        ("evidence", Lang::En) => "Typical evidence",
        ("threat", Lang::Ja) => "想定される脅威",
        ("threat", Lang::En) => "Threat",
        _ => "",
    }
}

/// Status counts in one line, for example `実施済み 30 / 一部実施 5 / …`.
pub(crate) fn counts_line(p: &hoshi_core::Progress, lang: Lang) -> String {
    let parts = [
        (Status::Met, p.met),
        (Status::Partial, p.partial),
        (Status::NotMet, p.not_met),
        (Status::NotApplicable, p.not_applicable),
        (Status::Unanswered, p.unanswered),
    ];
    let mut s: Vec<String> = parts
        .iter()
        .map(|(st, n)| format!("{} {n}", st.label().get(lang)))
        .collect();
    s.push(format!("{} {}", t(lang, "total"), p.total));
    s.join(" / ")
}

/// First line of a criterion text, shortened to `max` characters.
pub(crate) fn short(text: &str, max: usize) -> String {
    let first = text.lines().next().unwrap_or("").trim();
    if first.chars().count() <= max {
        first.to_string()
    } else {
        let mut s: String = first.chars().take(max.saturating_sub(1)).collect();
        s.push('…');
        s
    }
}

#[derive(Serialize)]
struct JsonGap<'a> {
    rank: usize,
    criterion: &'a str,
    requirement: &'a str,
    category: &'a str,
    text: &'a str,
    guidance: &'a str,
    evidence: &'a [String],
    status: Status,
    risk: u8,
    threat: hoshi_core::Threat,
    threat_label: String,
    measure: Option<hoshi_core::Measure>,
    effort: hoshi_core::Effort,
    phase: hoshi_core::Phase,
}

#[derive(Serialize)]
struct JsonReport<'a> {
    format: &'static str,
    catalog: String,
    catalog_title: &'a str,
    organisation: &'a str,
    target_level: u8,
    target_reached: bool,
    verdict: String,
    levels: &'a [hoshi_core::engine::LevelVerdict],
    overall: JsonProgress,
    categories: Vec<JsonCategory<'a>>,
    gaps: Vec<JsonGap<'a>>,
    roadmap: &'a [hoshi_core::engine::RoadmapPhase],
}

#[derive(Serialize)]
struct JsonProgress {
    #[serde(flatten)]
    counts: hoshi_core::Progress,
    percent: u32,
}

#[derive(Serialize)]
struct JsonCategory<'a> {
    id: &'a str,
    name: &'a str,
    #[serde(flatten)]
    progress: JsonProgress,
}

impl Report<'_> {
    pub fn render(&self, format: Format) -> String {
        match format {
            Format::Text => text::render_text(self),
            Format::Markdown => text::render_markdown(self),
            Format::Html => html::render_html(self),
            Format::Json => self.render_json(),
        }
    }

    fn render_json(&self) -> String {
        let lang = self.lang;
        let e = self.evaluation;
        let report = JsonReport {
            format: "hoshi-report/1",
            catalog: self.catalog.pin(),
            catalog_title: self.catalog.framework.title.get(lang),
            organisation: &self.assessment.organisation,
            target_level: e.target,
            target_reached: e.target_reached,
            verdict: e.verdict_line(self.catalog, lang),
            levels: &e.levels,
            overall: JsonProgress {
                counts: e.overall,
                percent: e.overall.percent(),
            },
            categories: e
                .categories
                .iter()
                .map(|c| JsonCategory {
                    id: &c.id,
                    name: c.name.get(lang),
                    progress: JsonProgress {
                        counts: c.progress,
                        percent: c.progress.percent(),
                    },
                })
                .collect(),
            gaps: e
                .gaps
                .iter()
                .enumerate()
                .map(|(i, g)| JsonGap {
                    rank: i + 1,
                    criterion: &g.criterion,
                    requirement: &g.requirement,
                    category: &g.category,
                    text: self
                        .catalog
                        .criterion(&g.criterion)
                        .map(|c| c.text.get(lang))
                        .unwrap_or(""),
                    guidance: self
                        .catalog
                        .criterion(&g.criterion)
                        .map(|c| c.guidance.get(lang))
                        .unwrap_or(""),
                    evidence: self
                        .catalog
                        .criterion(&g.criterion)
                        .map(|c| c.evidence.get(lang))
                        .unwrap_or(&[]),
                    status: g.status,
                    risk: g.risk,
                    threat: g.threat,
                    threat_label: g.threat.label().get(lang).to_string(),
                    measure: g.measure,
                    effort: g.effort,
                    phase: g.phase,
                })
                .collect(),
            roadmap: &e.roadmap,
        };
        let mut s = serde_json::to_string_pretty(&report).unwrap_or_else(|_| "{}".into());
        s.push('\n');
        s
    }
}
