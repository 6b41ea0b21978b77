//! Reading and validating `hoshi-catalog/1` TOML files.

use std::collections::{HashMap, HashSet};
use std::ops::Range;

use hoshi_core::{
    Catalog, Category, Criterion, Diagnostic, Diagnostics, Effort, Framework, Lang, LevelDef,
    Measure, Origin, Relation, Requirement, SourceFile, Text, TextList, Threat, XRef,
};
use serde::Deserialize;
use toml::Spanned;

pub const FORMAT: &str = "hoshi-catalog/1";
/// Largest catalog file accepted.
pub const MAX_FILE_BYTES: usize = 8 * 1024 * 1024;
/// Most criteria one catalog may hold.
pub const MAX_CRITERIA: usize = 10_000;

/// Every problem found in a catalog file.
pub type CatalogError = Diagnostics;

const KIND: &str = "catalog";

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawCatalog {
    format: Spanned<String>,
    framework: Spanned<RawFramework>,
    #[serde(default)]
    level: Vec<Spanned<RawLevel>>,
    #[serde(default)]
    category: Vec<Spanned<RawCategory>>,
    #[serde(default)]
    requirement: Vec<Spanned<RawRequirement>>,
    #[serde(default)]
    criterion: Vec<Spanned<RawCriterion>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawFramework {
    id: Spanned<String>,
    edition: Spanned<String>,
    title: Text,
    publisher: Text,
    source_url: String,
    effective_date: Spanned<String>,
    licence: Text,
    languages: Spanned<Vec<String>>,
    #[serde(default)]
    origin: Option<Spanned<String>>,
    #[serde(default)]
    note: Option<Text>,
    #[serde(default)]
    source: Option<SourceFile>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawLevel {
    rank: Spanned<u8>,
    label: Text,
    name: Text,
    #[serde(default)]
    summarised: bool,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawCategory {
    id: Spanned<String>,
    name: Text,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawRequirement {
    id: Spanned<String>,
    category: Spanned<String>,
    levels: Spanned<Vec<u8>>,
    title: Text,
    text: Text,
    #[serde(default)]
    summarised: bool,
    #[serde(default)]
    measures: Vec<Spanned<String>>,
    #[serde(default)]
    threats: Vec<Spanned<String>>,
    #[serde(default)]
    sub_category: Option<RawSubCategory>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawSubCategory {
    id: String,
    name: Text,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawCriterion {
    id: Spanned<String>,
    requirement: Spanned<String>,
    level: Spanned<u8>,
    text: Text,
    #[serde(default)]
    guidance: Text,
    #[serde(default)]
    evidence: TextList,
    #[serde(default)]
    measure: Option<Spanned<String>>,
    #[serde(default)]
    threats: Vec<Spanned<String>>,
    #[serde(default)]
    effort: Option<Spanned<String>>,
    #[serde(default)]
    xref: Vec<Spanned<RawXRef>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawXRef {
    framework: String,
    id: String,
    relation: Spanned<String>,
}

struct Ctx<'a> {
    file: &'a str,
    text: &'a str,
    diags: Vec<Diagnostic>,
}

impl Ctx<'_> {
    fn at(&mut self, span: Range<usize>, message: impl Into<String>) {
        let (line, column) = line_col(self.text, span.start);
        self.diags
            .push(Diagnostic::new(self.file, line, column, message));
    }
}

/// 1-based line and column (in characters) of a byte offset.
pub fn line_col(text: &str, offset: usize) -> (usize, usize) {
    let mut offset = offset.min(text.len());
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    let before = &text[..offset];
    let line = before.matches('\n').count() + 1;
    let line_start = before.rfind('\n').map(|i| i + 1).unwrap_or(0);
    let column = text[line_start..offset].chars().count() + 1;
    (line, column)
}

fn is_slug(s: &str) -> bool {
    !s.is_empty()
        && s.len() <= 64
        && s.bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
        && !s.starts_with('-')
}

/// IDs of categories, requirements and criteria: short, no spaces or control characters.
fn is_item_id(s: &str) -> bool {
    !s.is_empty()
        && s.len() <= 64
        && s.bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'.' || b == b'_')
}

/// SCS-style numeric dotted ID such as `4-1-3-2`.
fn numeric_parts(s: &str) -> Option<usize> {
    let parts: Vec<&str> = s.split('-').collect();
    if parts
        .iter()
        .all(|p| !p.is_empty() && p.len() <= 3 && p.bytes().all(|b| b.is_ascii_digit()))
    {
        Some(parts.len())
    } else {
        None
    }
}

fn is_date(s: &str) -> bool {
    hoshi_core::time::parse_date(s).is_some_and(|(y, ..)| (1990..=2200).contains(&y))
}

fn check_text(
    ctx: &mut Ctx,
    span: Range<usize>,
    what: &str,
    text: &Text,
    langs: &[Lang],
    required: bool,
) {
    if text.is_empty() {
        if required {
            ctx.at(span, format!("{what} is empty"));
        }
        return;
    }
    for &l in langs {
        if text.exact(l).is_none() {
            ctx.at(
                span.clone(),
                format!("{what} has no `{l}` text, but the framework declares language `{l}`"),
            );
        }
    }
}

/// Parses and validates one catalog file. `file` names the file in messages.
pub fn parse_catalog(file: &str, text: &str) -> Result<Catalog, CatalogError> {
    let one = |line, column, message: String| {
        Diagnostics::one(KIND, Diagnostic::new(file, line, column, message))
    };
    if text.len() > MAX_FILE_BYTES {
        return Err(one(
            0,
            0,
            format!(
                "file is {} bytes; catalogs may be at most {MAX_FILE_BYTES} bytes",
                text.len()
            ),
        ));
    }
    let raw: RawCatalog = match toml::from_str(text) {
        Ok(r) => r,
        Err(e) => {
            let (line, column) = e.span().map(|s| line_col(text, s.start)).unwrap_or((0, 0));
            return Err(one(line, column, e.message().trim().to_string()));
        }
    };
    let mut ctx = Ctx {
        file,
        text,
        diags: Vec::new(),
    };
    let catalog = build(&mut ctx, raw);
    if ctx.diags.is_empty() {
        Ok(catalog)
    } else {
        Err(Diagnostics {
            kind: KIND,
            items: ctx.diags,
        })
    }
}

fn build(ctx: &mut Ctx, raw: RawCatalog) -> Catalog {
    check_format(ctx, &raw.format);
    let fw = check_framework(ctx, raw.framework);
    let (levels, ranks) = build_levels(ctx, raw.level, &fw.langs, &fw.span);
    let (categories, cat_ids) = build_categories(ctx, raw.category, &fw.langs);
    let rules = Rules {
        langs: &fw.langs,
        ranks: &ranks,
        own_words: fw.origin == Origin::Hoshi,
    };
    let (requirements, req_levels) = build_requirements(ctx, raw.requirement, &rules, &cat_ids);
    let criteria = build_criteria(ctx, raw.criterion, &rules, &req_levels);
    Catalog {
        framework: framework(fw.raw, fw.langs, fw.origin),
        levels,
        categories,
        requirements,
        criteria,
    }
}

/// The `[framework]` table after its checks, with the languages and origin it declares.
struct CheckedFramework {
    raw: RawFramework,
    span: Range<usize>,
    langs: Vec<Lang>,
    origin: Origin,
}

/// What the items of a catalog are checked against.
struct Rules<'a> {
    /// Languages every text must be given in.
    langs: &'a [Lang],
    /// Level ranks the catalog defines.
    ranks: &'a HashSet<u8>,
    /// The catalog is in hoshi's own words (not official text), so more fields are required.
    own_words: bool,
}

/// Reports a `format` other than the one this parser reads.
fn check_format(ctx: &mut Ctx, format: &Spanned<String>) {
    if format.get_ref() != FORMAT {
        ctx.at(
            format.span(),
            format!(
                "unsupported format `{}`; expected `{FORMAT}`",
                format.get_ref()
            ),
        );
    }
}

/// Checks the `[framework]` table and reads its languages and origin.
fn check_framework(ctx: &mut Ctx, raw: Spanned<RawFramework>) -> CheckedFramework {
    let span = raw.span();
    let fw = raw.into_inner();
    check_framework_fields(ctx, &fw);
    let langs = parse_languages(ctx, &fw.languages);
    let origin = parse_origin(ctx, fw.origin.as_ref());
    for (what, t) in [
        ("framework.title", &fw.title),
        ("framework.publisher", &fw.publisher),
        ("framework.licence", &fw.licence),
    ] {
        check_text(ctx, span.clone(), what, t, &langs, true);
    }
    CheckedFramework {
        raw: fw,
        span,
        langs,
        origin,
    }
}

/// Checks the framework's id, edition and effective date.
fn check_framework_fields(ctx: &mut Ctx, fw: &RawFramework) {
    if !is_slug(fw.id.get_ref()) {
        ctx.at(
            fw.id.span(),
            format!(
                "framework id `{}` must be lower-case letters, digits and '-'",
                fw.id.get_ref()
            ),
        );
    }
    if fw.edition.get_ref().trim().is_empty() || fw.edition.get_ref().len() > 64 {
        ctx.at(fw.edition.span(), "edition must be 1 to 64 characters");
    }
    if !is_date(fw.effective_date.get_ref()) {
        ctx.at(
            fw.effective_date.span(),
            format!(
                "effective_date `{}` must be a date written YYYY-MM-DD",
                fw.effective_date.get_ref()
            ),
        );
    }
}

/// Reads the framework's languages, reporting unknown ones and an empty list.
fn parse_languages(ctx: &mut Ctx, languages: &Spanned<Vec<String>>) -> Vec<Lang> {
    let mut langs = Vec::new();
    for l in languages.get_ref() {
        match Lang::parse(l) {
            Some(lang) if l == lang.code() => langs.push(lang),
            _ => ctx.at(
                languages.span(),
                format!("unknown language `{l}`; expected ja or en"),
            ),
        }
    }
    if langs.is_empty() && !languages.get_ref().is_empty() {
        // already reported
    } else if langs.is_empty() {
        ctx.at(
            languages.span(),
            "languages must name at least one language",
        );
    }
    langs
}

/// Reads the framework's origin (hoshi when absent or unknown).
fn parse_origin(ctx: &mut Ctx, origin: Option<&Spanned<String>>) -> Origin {
    match origin {
        None => Origin::Hoshi,
        Some(o) => match o.get_ref().as_str() {
            "hoshi" => Origin::Hoshi,
            "official" => Origin::Official,
            other => {
                ctx.at(
                    o.span(),
                    format!("unknown origin `{other}`; expected hoshi or official"),
                );
                Origin::Hoshi
            }
        },
    }
}

/// Checks the `[[level]]` tables; returns the levels sorted by rank and the set of ranks.
fn build_levels(
    ctx: &mut Ctx,
    raw: Vec<Spanned<RawLevel>>,
    langs: &[Lang],
    fw_span: &Range<usize>,
) -> (Vec<LevelDef>, HashSet<u8>) {
    let mut levels = Vec::new();
    let mut ranks = HashSet::new();
    for l in raw {
        let span = l.span();
        let l = l.into_inner();
        let rank = *l.rank.get_ref();
        if !ranks.insert(rank) {
            ctx.at(l.rank.span(), format!("level rank {rank} is defined twice"));
        }
        check_text(
            ctx,
            span.clone(),
            &format!("level {rank} label"),
            &l.label,
            langs,
            true,
        );
        check_text(
            ctx,
            span,
            &format!("level {rank} name"),
            &l.name,
            langs,
            true,
        );
        levels.push(LevelDef {
            rank,
            label: l.label,
            name: l.name,
            summarised: l.summarised,
        });
    }
    if levels.is_empty() {
        ctx.at(fw_span.clone(), "the catalog defines no [[level]]");
    }
    levels.sort_by_key(|l| l.rank);
    (levels, ranks)
}

/// Checks the `[[category]]` tables; returns the categories and the set of their IDs.
fn build_categories(
    ctx: &mut Ctx,
    raw: Vec<Spanned<RawCategory>>,
    langs: &[Lang],
) -> (Vec<Category>, HashSet<String>) {
    let mut categories = Vec::new();
    let mut cat_ids = HashSet::new();
    for c in raw {
        let span = c.span();
        let c = c.into_inner();
        let id = c.id.get_ref().clone();
        if !is_item_id(&id) {
            ctx.at(
                c.id.span(),
                format!("category id `{id}` is not a valid ID (letters, digits, '-', '.', '_')"),
            );
        } else if !cat_ids.insert(id.clone()) {
            ctx.at(c.id.span(), format!("category `{id}` is defined twice"));
        }
        check_text(
            ctx,
            span,
            &format!("category {id} name"),
            &c.name,
            langs,
            true,
        );
        categories.push(Category { id, name: c.name });
    }
    (categories, cat_ids)
}

/// Checks the `[[requirement]]` tables; returns the requirements and the levels of each by ID.
fn build_requirements(
    ctx: &mut Ctx,
    raw: Vec<Spanned<RawRequirement>>,
    rules: &Rules,
    cat_ids: &HashSet<String>,
) -> (Vec<Requirement>, HashMap<String, Vec<u8>>) {
    let mut requirements = Vec::new();
    let mut req_levels: HashMap<String, Vec<u8>> = HashMap::new();
    for r in raw {
        let span = r.span();
        let r = r.into_inner();
        let id = r.id.get_ref().clone();
        check_requirement_id(ctx, &r, cat_ids, &req_levels);
        check_requirement_levels(ctx, &id, &r.levels, rules.ranks);
        check_text(
            ctx,
            span.clone(),
            &format!("requirement {id} title"),
            &r.title,
            rules.langs,
            rules.own_words,
        );
        check_text(
            ctx,
            span.clone(),
            &format!("requirement {id} text"),
            &r.text,
            rules.langs,
            true,
        );
        let measures = vocab_list(
            ctx,
            &r.measures,
            "measure",
            Measure::parse,
            Measure::expected,
        );
        let threats = vocab_list(ctx, &r.threats, "threat", Threat::parse, Threat::expected);
        if let Some(sub) = &r.sub_category
            && (!id.starts_with(&format!("{}-", sub.id))
                || !sub.id.starts_with(&format!("{}-", r.category.get_ref()))
                || sub.name.ja.as_deref().is_none_or(|n| n.trim().is_empty()))
        {
            ctx.at(
                span,
                format!(
                    "requirement `{id}`: sub_category `{}` must sit between its category and the requirement (e.g. 4-1 for 4-1-3) and have a Japanese name",
                    sub.id
                ),
            );
        }
        req_levels
            .entry(id.clone())
            .or_insert_with(|| r.levels.get_ref().clone());
        requirements.push(Requirement {
            id,
            category: r.category.into_inner(),
            levels: r.levels.into_inner(),
            title: r.title,
            text: r.text,
            summarised: r.summarised,
            measures,
            threats,
            sub_category: r.sub_category.map(|s| hoshi_core::SubCategory {
                id: s.id,
                name: s.name,
            }),
        });
    }
    (requirements, req_levels)
}

/// Checks a requirement's ID: valid, not seen before, and under a defined category.
fn check_requirement_id(
    ctx: &mut Ctx,
    r: &RawRequirement,
    cat_ids: &HashSet<String>,
    req_levels: &HashMap<String, Vec<u8>>,
) {
    let id = r.id.get_ref();
    if !is_item_id(id) {
        ctx.at(
            r.id.span(),
            format!("requirement id `{id}` is not a valid ID"),
        );
    } else if req_levels.contains_key(id) {
        ctx.at(r.id.span(), format!("requirement `{id}` is defined twice"));
    }
    let cat = r.category.get_ref();
    if !cat_ids.contains(cat) {
        ctx.at(
            r.category.span(),
            format!("requirement `{id}` names category `{cat}`, which is not defined"),
        );
    } else if let (Some(_), Some(_)) = (numeric_parts(id), numeric_parts(cat))
        && !id.starts_with(&format!("{cat}-"))
    {
        ctx.at(
            r.id.span(),
            format!("requirement `{id}` must start with its category ID `{cat}-`"),
        );
    }
}

/// Reports a requirement with no levels or with levels the catalog does not define.
fn check_requirement_levels(
    ctx: &mut Ctx,
    id: &str,
    levels: &Spanned<Vec<u8>>,
    ranks: &HashSet<u8>,
) {
    if levels.get_ref().is_empty() {
        ctx.at(levels.span(), format!("requirement `{id}` has no levels"));
    }
    for lv in levels.get_ref() {
        if !ranks.contains(lv) {
            ctx.at(
                levels.span(),
                format!("requirement `{id}` names level {lv}, which is not defined"),
            );
        }
    }
}

/// Checks the `[[criterion]]` tables (none are read when there are too many).
fn build_criteria(
    ctx: &mut Ctx,
    raw: Vec<Spanned<RawCriterion>>,
    rules: &Rules,
    req_levels: &HashMap<String, Vec<u8>>,
) -> Vec<Criterion> {
    if raw.len() > MAX_CRITERIA {
        ctx.at(
            0..0,
            format!(
                "the catalog has {} criteria; at most {MAX_CRITERIA} are accepted",
                raw.len()
            ),
        );
        return Vec::new();
    }
    let mut crit_ids = HashSet::new();
    raw.into_iter()
        .map(|c| build_criterion(ctx, c, rules, req_levels, &mut crit_ids))
        .collect()
}

/// Checks one criterion and turns it into a [`Criterion`].
fn build_criterion(
    ctx: &mut Ctx,
    raw: Spanned<RawCriterion>,
    rules: &Rules,
    req_levels: &HashMap<String, Vec<u8>>,
    crit_ids: &mut HashSet<String>,
) -> Criterion {
    let span = raw.span();
    let c = raw.into_inner();
    let id = c.id.get_ref().clone();
    if !is_item_id(&id) {
        ctx.at(
            c.id.span(),
            format!("criterion id `{id}` is not a valid ID"),
        );
    } else if !crit_ids.insert(id.clone()) {
        ctx.at(c.id.span(), format!("criterion `{id}` is defined twice"));
    }
    check_criterion_placement(ctx, &c, rules.ranks, req_levels);
    check_criterion_texts(ctx, &span, &c, rules);
    let measure = parse_measure(ctx, c.measure.as_ref());
    let threats = vocab_list(ctx, &c.threats, "threat", Threat::parse, Threat::expected);
    if rules.own_words && threats.is_empty() {
        ctx.at(span.clone(), format!("criterion {id} names no threats"));
    }
    let effort = parse_effort(ctx, &span, &id, c.effort.as_ref(), rules.own_words);
    let xref = parse_xrefs(ctx, &span, &id, c.xref);
    Criterion {
        id,
        requirement: c.requirement.into_inner(),
        level: *c.level.get_ref(),
        text: c.text,
        guidance: c.guidance,
        evidence: c.evidence,
        measure,
        threats,
        effort,
        xref,
    }
}

/// Checks that a criterion sits under a defined requirement, at a level that requirement has.
fn check_criterion_placement(
    ctx: &mut Ctx,
    c: &RawCriterion,
    ranks: &HashSet<u8>,
    req_levels: &HashMap<String, Vec<u8>>,
) {
    let id = c.id.get_ref();
    let req = c.requirement.get_ref();
    let level = *c.level.get_ref();
    let Some(levels_of_req) = req_levels.get(req) else {
        ctx.at(
            c.requirement.span(),
            format!("criterion `{id}` names requirement `{req}`, which is not defined"),
        );
        return;
    };
    if let (Some(n), Some(m)) = (numeric_parts(id), numeric_parts(req))
        && (n != m + 1 || !id.starts_with(&format!("{req}-")))
    {
        ctx.at(
            c.id.span(),
            format!(
                "criterion `{id}` does not belong under requirement `{req}` (expected `{req}-<n>`)"
            ),
        );
    }
    if !ranks.contains(&level) {
        ctx.at(
            c.level.span(),
            format!("criterion `{id}` has level {level}, which is not defined"),
        );
    } else if !levels_of_req.contains(&level) {
        ctx.at(
            c.level.span(),
            format!(
                "criterion `{id}` has level {level}, but its requirement `{req}` belongs to levels {levels_of_req:?}"
            ),
        );
    }
}

/// Checks a criterion's text, guidance and evidence examples in every declared language.
fn check_criterion_texts(ctx: &mut Ctx, span: &Range<usize>, c: &RawCriterion, rules: &Rules) {
    let id = c.id.get_ref();
    check_text(
        ctx,
        span.clone(),
        &format!("criterion {id} text"),
        &c.text,
        rules.langs,
        true,
    );
    check_text(
        ctx,
        span.clone(),
        &format!("criterion {id} guidance"),
        &c.guidance,
        rules.langs,
        rules.own_words,
    );
    if rules.own_words {
        for &l in rules.langs {
            let items = match l {
                Lang::Ja => &c.evidence.ja,
                Lang::En => &c.evidence.en,
            };
            if items.is_empty() {
                ctx.at(
                    span.clone(),
                    format!("criterion {id} has no `{l}` evidence examples"),
                );
            }
        }
    }
    if !c.evidence.ja.is_empty()
        && !c.evidence.en.is_empty()
        && c.evidence.ja.len() != c.evidence.en.len()
    {
        ctx.at(
            span.clone(),
            format!(
                "criterion {id}: evidence has {} ja items but {} en items; they must match",
                c.evidence.ja.len(),
                c.evidence.en.len()
            ),
        );
    }
}

/// Reads a criterion's measure, reporting an unknown one.
fn parse_measure(ctx: &mut Ctx, measure: Option<&Spanned<String>>) -> Option<Measure> {
    measure.and_then(|m| {
        let p = Measure::parse(m.get_ref());
        if p.is_none() {
            ctx.at(
                m.span(),
                format!(
                    "unknown measure `{}`; expected one of: {}",
                    m.get_ref(),
                    Measure::expected()
                ),
            );
        }
        p
    })
}

/// Reads a criterion's effort (medium when absent or unknown); hoshi's own catalogs must give one.
fn parse_effort(
    ctx: &mut Ctx,
    span: &Range<usize>,
    id: &str,
    effort: Option<&Spanned<String>>,
    own_words: bool,
) -> Effort {
    match effort {
        None => {
            if own_words {
                ctx.at(
                    span.clone(),
                    format!("criterion {id} has no effort (low, medium or high)"),
                );
            }
            Effort::Medium
        }
        Some(e) => Effort::parse(e.get_ref()).unwrap_or_else(|| {
            ctx.at(
                e.span(),
                format!(
                    "unknown effort `{}`; expected one of: {}",
                    e.get_ref(),
                    Effort::expected()
                ),
            );
            Effort::Medium
        }),
    }
}

/// Reads a criterion's cross-references, reporting unknown relations and malformed targets.
fn parse_xrefs(
    ctx: &mut Ctx,
    span: &Range<usize>,
    id: &str,
    raw: Vec<Spanned<RawXRef>>,
) -> Vec<XRef> {
    let mut xref = Vec::new();
    for x in raw {
        let x = x.into_inner();
        let relation = Relation::parse(x.relation.get_ref()).unwrap_or_else(|| {
            ctx.at(
                x.relation.span(),
                format!(
                    "unknown relation `{}`; expected one of: {}",
                    x.relation.get_ref(),
                    Relation::expected()
                ),
            );
            Relation::Intersects
        });
        if !is_slug(&x.framework) || !is_item_id(&x.id) {
            ctx.at(
                span.clone(),
                format!(
                    "criterion {id}: cross-reference `{}:{}` is malformed",
                    x.framework, x.id
                ),
            );
        }
        xref.push(XRef {
            framework: x.framework,
            id: x.id,
            relation,
        });
    }
    xref
}

fn framework(fw: RawFramework, languages: Vec<Lang>, origin: Origin) -> Framework {
    Framework {
        id: fw.id.into_inner(),
        edition: fw.edition.into_inner(),
        title: fw.title,
        publisher: fw.publisher,
        source_url: fw.source_url,
        effective_date: fw.effective_date.into_inner(),
        licence: fw.licence,
        languages,
        origin,
        note: fw.note,
        source: fw.source,
    }
}

fn vocab_list<T>(
    ctx: &mut Ctx,
    list: &[Spanned<String>],
    what: &str,
    parse: fn(&str) -> Option<T>,
    expected: fn() -> String,
) -> Vec<T> {
    let mut out = Vec::new();
    for item in list {
        let s = item.get_ref();
        match parse(s) {
            Some(v) => out.push(v),
            None => ctx.at(
                item.span(),
                format!("unknown {what} `{s}`; expected one of: {}", expected()),
            ),
        }
    }
    out
}
