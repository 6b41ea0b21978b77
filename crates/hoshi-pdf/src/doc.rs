//! What the report shows, already in the reader's language: built from the catalog, the answers
//! and their evaluation, then handed to the Typst template as JSON (`/data.json`). Every
//! user-supplied string reaches Typst as a string value, never as markup, so no input can change
//! the layout or run code.

use hoshi_core::damage::{self, Inputs};
use hoshi_core::{Assessment, Catalog, Evaluation, Lang, Status};
use serde::Serialize;

/// One piece of evidence, linked to one or more criteria.
#[derive(Debug, Clone, Default)]
pub struct EvidenceRef {
    pub criteria: Vec<String>,
    pub name: String,
    /// `file`, `link` or `text` (a reference written in the answer).
    pub kind: String,
    /// YYYY-MM-DD when known.
    pub effective: String,
    pub expires: String,
}

/// The expert confirmation and management declaration, when there are any.
#[derive(Debug, Clone, Default)]
pub struct Confirmation {
    pub confirmer: String,
    pub qualification: String,
    pub confirmed_on: String,
    pub officer_name: String,
    pub officer_title: String,
    pub declared_on: String,
}

/// The attestation the report belongs to.
#[derive(Debug, Clone, Default)]
pub struct AttestationRef {
    pub id: String,
    /// Where anyone can check it (encoded in the QR code).
    pub verify_url: String,
    pub valid_until: String,
}

/// Everything outside the answers that a report can show.
#[derive(Debug, Clone, Default)]
pub struct Extras {
    pub title: String,
    /// YYYY-MM-DD, the day the report is made.
    pub date: String,
    pub evidence: Vec<EvidenceRef>,
    pub cost: Option<Inputs>,
    pub confirmation: Option<Confirmation>,
    pub attestation: Option<AttestationRef>,
}

#[derive(Debug, Serialize)]
pub struct Doc {
    pub lang: &'static str,
    pub labels: serde_json::Value,
    pub title: String,
    pub organisation: String,
    pub catalog: String,
    pub level: String,
    pub date: String,
    pub reached: bool,
    pub verdict: String,
    pub overall: Bar,
    pub categories: Vec<Bar>,
    pub missing: Vec<Count>,
    pub urgent: Vec<GapRow>,
    pub gaps: Vec<GapRow>,
    pub roadmap: Vec<Phase>,
    pub evidence: Vec<EvidenceRow>,
    pub cost: Option<Cost>,
    pub confirmation: Option<ConfirmationRow>,
    pub attestation: Option<AttestationRow>,
}

/// Counts for a stacked bar; `percent` as the engine computes it (partial counts half).
#[derive(Debug, Serialize)]
pub struct Bar {
    pub id: String,
    pub name: String,
    pub percent: u32,
    pub met: u32,
    pub partial: u32,
    pub not_met: u32,
    pub not_applicable: u32,
    pub unanswered: u32,
    pub total: u32,
}

#[derive(Debug, Serialize)]
pub struct Count {
    pub label: String,
    pub count: usize,
}

#[derive(Debug, Serialize)]
pub struct GapRow {
    pub id: String,
    pub category: String,
    pub text: String,
    pub guidance: String,
    pub status: String,
    pub phase: String,
    pub effort: String,
    pub threat: String,
    pub measure: String,
}

#[derive(Debug, Serialize)]
pub struct Phase {
    pub label: String,
    pub items: Vec<PhaseItem>,
}

#[derive(Debug, Serialize)]
pub struct PhaseItem {
    pub id: String,
    pub text: String,
    pub effort: String,
}

#[derive(Debug, Serialize)]
pub struct EvidenceRow {
    pub criterion: String,
    pub status: String,
    pub items: Vec<String>,
}

#[derive(Debug, Serialize)]
pub struct Cost {
    pub inputs: Vec<(String, String)>,
    pub lines: Vec<CostLine>,
    pub total: String,
}

#[derive(Debug, Serialize)]
pub struct CostLine {
    pub label: String,
    pub range: String,
    pub basis: String,
}

#[derive(Debug, Serialize)]
pub struct ConfirmationRow {
    pub confirmer: String,
    pub confirmed_on: String,
    pub declaration: String,
}

#[derive(Debug, Serialize)]
pub struct AttestationRow {
    pub id: String,
    pub url: String,
    pub valid_until: String,
}

/// Takes the first sentence-ish part of a long text for tables (up to `max` characters).
fn short(text: &str, max: usize) -> String {
    let t = text.trim();
    if t.chars().count() <= max {
        return t.to_string();
    }
    let cut: String = t.chars().take(max).collect();
    format!("{cut}…")
}

fn bar(id: &str, name: &str, p: &hoshi_core::Progress) -> Bar {
    Bar {
        id: id.to_string(),
        name: name.to_string(),
        percent: p.percent(),
        met: p.met,
        partial: p.partial,
        not_met: p.not_met,
        not_applicable: p.not_applicable,
        unanswered: p.unanswered,
        total: p.total,
    }
}

impl Doc {
    /// Builds the report data from the catalog, the answers, their evaluation and the extras.
    pub fn build(
        catalog: &Catalog,
        assessment: &Assessment,
        evaluation: &Evaluation,
        lang: Lang,
        extras: &Extras,
    ) -> Doc {
        Doc {
            lang: lang.code(),
            labels: labels(lang),
            title: extras.title.clone(),
            organisation: assessment.organisation.clone(),
            catalog: format!("{} {}", catalog.framework.title.get(lang), catalog.pin()),
            level: level_label(catalog, evaluation.target, lang),
            date: extras.date.clone(),
            reached: evaluation.target_reached,
            verdict: evaluation.verdict_line_at(
                catalog,
                lang,
                if extras.confirmation.is_some() {
                    hoshi_core::Stage::Declared
                } else {
                    hoshi_core::Stage::Open
                },
            ),
            overall: bar("", "", &evaluation.overall),
            categories: evaluation
                .categories
                .iter()
                .map(|k| bar(&k.id, k.name.get(lang), &k.progress))
                .collect(),
            missing: missing(evaluation, lang),
            urgent: evaluation
                .gaps
                .iter()
                .take(3)
                .map(|g| gap_row(catalog, g, lang))
                .collect(),
            gaps: evaluation
                .gaps
                .iter()
                .map(|g| gap_row(catalog, g, lang))
                .collect(),
            roadmap: roadmap(catalog, evaluation, lang),
            evidence: evidence_rows(
                catalog,
                assessment,
                evaluation.target,
                lang,
                &extras.evidence,
            ),
            cost: extras.cost.map(|inputs| cost(&inputs, lang)),
            confirmation: extras
                .confirmation
                .as_ref()
                .map(|c| confirmation_row(c, lang)),
            attestation: extras.attestation.as_ref().map(attestation_row),
        }
    }
}

/// Picks the Japanese or the English wording.
fn pick(lang: Lang, ja: &str, en: &str) -> String {
    match lang {
        Lang::Ja => ja.to_string(),
        Lang::En => en.to_string(),
    }
}

/// The name of the target level, or its number when the catalog has no such level.
fn level_label(catalog: &Catalog, target: u8, lang: Lang) -> String {
    catalog
        .level(target)
        .map(|x| x.label.get(lang).to_string())
        .unwrap_or_else(|| target.to_string())
}

/// The name of a category, or its id when the catalog does not know it.
fn category_name(catalog: &Catalog, id: &str, lang: Lang) -> String {
    catalog
        .category(id)
        .map(|c| c.name.get(lang).to_string())
        .unwrap_or_else(|| id.to_string())
}

/// One row of the gap tables: the criterion, what it asks and what to do about it.
fn gap_row(catalog: &Catalog, g: &hoshi_core::Gap, lang: Lang) -> GapRow {
    let c = catalog.criterion(&g.criterion);
    GapRow {
        id: g.criterion.clone(),
        category: category_name(catalog, &g.category, lang),
        text: c.map(|c| c.text.get(lang).to_string()).unwrap_or_default(),
        guidance: c
            .map(|c| c.guidance.get(lang).to_string())
            .unwrap_or_default(),
        status: g.status.label().get(lang).to_string(),
        phase: g.phase.label().get(lang).to_string(),
        effort: g.effort.label().get(lang).to_string(),
        threat: g.threat.label().get(lang).to_string(),
        measure: g
            .measure
            .map(|m| m.label().get(lang).to_string())
            .unwrap_or_default(),
    }
}

/// How many gaps are not met, partly met and unanswered, leaving out the kinds with none.
fn missing(evaluation: &Evaluation, lang: Lang) -> Vec<Count> {
    let mut missing = Vec::new();
    for s in [Status::NotMet, Status::Partial, Status::Unanswered] {
        let n = evaluation.gaps.iter().filter(|g| g.status == s).count();
        if n > 0 {
            missing.push(Count {
                label: s.label().get(lang).to_string(),
                count: n,
            });
        }
    }
    missing
}

/// The roadmap phases with a short text and the effort of each criterion in them.
fn roadmap(catalog: &Catalog, evaluation: &Evaluation, lang: Lang) -> Vec<Phase> {
    evaluation
        .roadmap
        .iter()
        .map(|p| Phase {
            label: p.label.get(lang).to_string(),
            items: p
                .criteria
                .iter()
                .map(|id| phase_item(catalog, id, lang))
                .collect(),
        })
        .collect()
}

/// One criterion of a roadmap phase.
fn phase_item(catalog: &Catalog, id: &str, lang: Lang) -> PhaseItem {
    let c = catalog.criterion(id);
    PhaseItem {
        id: id.to_string(),
        text: c.map(|c| short(c.text.get(lang), 70)).unwrap_or_default(),
        effort: c
            .map(|c| c.effort.label().get(lang).to_string())
            .unwrap_or_default(),
    }
}

/// Evidence per criterion of the target level, in catalog order: the items linked by the
/// application plus the references written in the answer itself.
fn evidence_rows(
    catalog: &Catalog,
    assessment: &Assessment,
    target: u8,
    lang: Lang,
    linked: &[EvidenceRef],
) -> Vec<EvidenceRow> {
    let mut evidence = Vec::new();
    for c in catalog.criteria_for_level(target) {
        let mut items: Vec<String> = linked
            .iter()
            .filter(|e| e.criteria.iter().any(|x| x == &c.id))
            .map(|e| evidence_item(e, lang))
            .collect();
        if let Some(a) = assessment.answers.get(&c.id) {
            items.extend(
                a.evidence
                    .iter()
                    .filter(|e| !e.trim().is_empty())
                    .map(|e| e.trim().to_string()),
            );
        }
        if !items.is_empty() {
            evidence.push(EvidenceRow {
                criterion: c.id.clone(),
                status: assessment.status(&c.id).label().get(lang).to_string(),
                items,
            });
        }
    }
    evidence
}

/// A linked piece of evidence as the index lists it: its name, then its dates when known.
fn evidence_item(e: &EvidenceRef, lang: Lang) -> String {
    let mut s = e.name.clone();
    let mut dates = Vec::new();
    if !e.effective.is_empty() {
        dates.push(format!(
            "{} {}",
            pick(lang, "有効日", "effective"),
            e.effective
        ));
    }
    if !e.expires.is_empty() {
        dates.push(format!("{} {}", pick(lang, "期限", "expires"), e.expires));
    }
    if !dates.is_empty() {
        s.push_str(&format!("（{}）", dates.join("、")));
    }
    s
}

/// The damage-cost estimate for the user's inputs.
fn cost(inputs: &Inputs, lang: Lang) -> Cost {
    let e = damage::estimate(inputs);
    Cost {
        inputs: cost_inputs(inputs, lang),
        lines: e
            .lines
            .iter()
            .map(|x| CostLine {
                label: x.label.get(lang).to_string(),
                range: damage::range(x.low, x.high, lang),
                basis: x.basis.get(lang).to_string(),
            })
            .collect(),
        total: damage::range(e.low, e.high, lang),
    }
}

/// The values the estimate assumes, each with its label.
fn cost_inputs(inputs: &Inputs, lang: Lang) -> Vec<(String, String)> {
    vec![
        (
            pick(
                lang,
                "保有している個人・顧客情報",
                "Personal or customer records held",
            ),
            match lang {
                Lang::Ja => format!("{} 件", damage::grouped(inputs.records)),
                Lang::En => damage::grouped(inputs.records),
            },
        ),
        (
            pick(lang, "年間売上高", "Annual revenue"),
            damage::yen(inputs.revenue_yen, lang),
        ),
        (
            pick(lang, "想定する業務停止日数", "Days of stoppage assumed"),
            match lang {
                Lang::Ja => format!("{} 日", inputs.stoppage_days),
                Lang::En => format!("{} days", inputs.stoppage_days),
            },
        ),
    ]
}

/// Who confirmed the result and who declared it, written for the reader's language.
fn confirmation_row(c: &Confirmation, lang: Lang) -> ConfirmationRow {
    ConfirmationRow {
        confirmer: if c.qualification.is_empty() {
            c.confirmer.clone()
        } else {
            format!("{}（{}）", c.confirmer, c.qualification)
        },
        confirmed_on: c.confirmed_on.clone(),
        declaration: match lang {
            Lang::Ja => format!(
                "{} {}（{}）",
                c.officer_title, c.officer_name, c.declared_on
            ),
            Lang::En => {
                format!(
                    "{}, {} ({})",
                    c.officer_name, c.officer_title, c.declared_on
                )
            }
        },
    }
}

/// The attestation's id, where to check it and until when it is valid.
fn attestation_row(a: &AttestationRef) -> AttestationRow {
    AttestationRow {
        id: a.id.clone(),
        url: a.verify_url.clone(),
        valid_until: a.valid_until.clone(),
    }
}

/// A fixed word of the template: its key, then the Japanese and the English wording.
type Label = (&'static str, &'static str, &'static str);

/// Fixed words of the cover page.
const COVER_LABELS: &[Label] = &[
    ("report", "経営者向け報告書", "Management report"),
    (
        "subtitle",
        "サプライチェーン強化に向けたセキュリティ対策評価制度（SCS評価制度）自己評価",
        "Self-assessment under the supply-chain security evaluation scheme (SCS)",
    ),
    ("organisation", "組織", "Organisation"),
    ("catalog", "評価基準", "Criteria"),
    ("level", "目標レベル", "Target level"),
    ("date", "作成日", "Date"),
];

/// Fixed words of the management summary.
const SUMMARY_LABELS: &[Label] = &[
    ("summary", "経営層向けサマリー", "Management summary"),
    ("verdict", "判定", "Verdict"),
    ("progress", "進捗", "Progress"),
    ("missing", "不足している点", "What is missing"),
    (
        "nothing_missing",
        "不足はありません。",
        "Nothing is missing.",
    ),
    (
        "urgent",
        "最優先の3つの対応",
        "The three most urgent actions",
    ),
    (
        "cost_summary",
        "事故が起きた場合の損害の目安",
        "What an incident could cost",
    ),
    (
        "cost_not_given",
        "入力値（保有件数・売上高・停止日数）が未設定のため算出していません。",
        "Not estimated: records held, revenue and days of stoppage were not given.",
    ),
];

/// Fixed words of the signed result, the confirmation and the declaration.
const ATTESTATION_LABELS: &[Label] = &[
    ("attestation", "署名付き結果", "Signed result"),
    (
        "no_attestation",
        "この報告書には署名付き結果がありません。",
        "This report has no signed result.",
    ),
    ("attestation_id", "結果ID", "Result ID"),
    ("valid_until", "有効期限", "Valid until"),
    ("verify_at", "検証先", "Verify at"),
    ("confirmation", "確認と宣誓", "Confirmation and declaration"),
    ("confirmer", "確認者", "Confirmed by"),
    ("declaration", "自己適合宣誓", "Management declaration"),
];

/// Fixed words of the progress chart and its statuses.
const PROGRESS_LABELS: &[Label] = &[
    ("by_category", "大分類別の達成状況", "Progress by category"),
    ("criteria", "件", "criteria"),
    ("met", "実施済み", "Met"),
    ("partial", "一部実施", "Partly met"),
    ("not_met", "未実施", "Not met"),
    ("not_applicable", "対象外", "Not applicable"),
    ("unanswered", "未回答", "Unanswered"),
];

/// Fixed words of the gap table and the roadmap.
const GAP_LABELS: &[Label] = &[
    (
        "gaps",
        "対応が必要な評価基準（優先順）",
        "Criteria to act on, by priority",
    ),
    (
        "no_gaps",
        "対応が必要な評価基準はありません。",
        "No criteria to act on.",
    ),
    ("id", "評価基準", "Criterion"),
    ("content", "内容", "What it asks"),
    ("status", "状況", "Status"),
    ("when", "着手時期", "When"),
    ("effort", "工数", "Effort"),
    ("threat", "主な脅威", "Main threat"),
    ("roadmap", "段階別ロードマップ", "Roadmap in phases"),
    ("none", "なし", "None"),
];

/// Fixed words of the evidence index.
const EVIDENCE_LABELS: &[Label] = &[
    ("evidence", "根拠資料の一覧", "Evidence index"),
    (
        "no_evidence",
        "根拠資料はまだ登録されていません。",
        "No evidence recorded yet.",
    ),
    ("items", "根拠", "Evidence"),
];

/// Fixed words of the damage-cost estimate.
const DAMAGE_LABELS: &[Label] = &[
    ("damage", "損害額の試算", "Damage-cost estimate"),
    ("inputs", "前提とした値", "Inputs"),
    ("kind", "損害の種類", "Cost"),
    ("range", "金額の目安", "Range"),
    ("basis", "算出の考え方", "How it is estimated"),
    ("total", "合計", "Total"),
    (
        "damage_note",
        "中小企業で情報セキュリティ事故が起きた場合の典型的な金額（IPA「2024年度 中小企業における情報セキュリティ対策に関する実態調査」）を、入力値に合わせて調整した概算です。損害賠償金や弁護士費用、超過人件費は事案ごとの差が大きいため含めていません。見積りや予測ではなく、対策の優先度を話し合うための目安としてお使いください。",
        "Typical amounts for incidents at small and medium-sized companies (IPA survey of SME information security, 2024), adjusted to the inputs. Damages claimed by clients, lawyers' fees and overtime vary too much between cases and are not included. This is not a quote or a prediction: use it as an order of magnitude when deciding priorities.",
    ),
];

/// Fixed words of the disclaimer and the page furniture.
const FOOTER_LABELS: &[Label] = &[
    (
        "disclaimer",
        "本書は hoshi に記録された自己評価の内容をまとめたものです。hoshi は星の付与や認証を行いません。",
        "This document summarises a self-assessment recorded in hoshi. hoshi does not award stars or certify.",
    ),
    ("page", "ページ", "Page"),
    ("contents", "目次", "Contents"),
];

/// Every fixed word of the template, in the reader's language.
fn labels(lang: Lang) -> serde_json::Value {
    let sections = [
        COVER_LABELS,
        SUMMARY_LABELS,
        ATTESTATION_LABELS,
        PROGRESS_LABELS,
        GAP_LABELS,
        EVIDENCE_LABELS,
        DAMAGE_LABELS,
        FOOTER_LABELS,
    ];
    let mut m = serde_json::Map::new();
    for (k, ja, en) in sections.into_iter().flatten() {
        m.insert(
            (*k).to_string(),
            serde_json::Value::String(match lang {
                Lang::Ja => (*ja).to_string(),
                Lang::En => (*en).to_string(),
            }),
        );
    }
    serde_json::Value::Object(m)
}
