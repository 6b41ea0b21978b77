//! Filling drafts: the company's data written into markup (cleaned so it cannot break a line or
//! a table), or a placeholder when a datum is empty.

use crate::{Datum, Inputs, Person, Section};

/// The placeholder written for an empty datum.
pub(crate) fn placeholder(d: Datum, ja: bool) -> String {
    if ja {
        format!("〔未設定：{}〕", d.label(true))
    } else {
        format!("[not set: {}]", d.label(false))
    }
}

/// Longest piece of user text written into a draft, in characters (longer text is cut with
/// "…"), so that drafts stay within [`crate::markup::MAX_BODY`].
pub(crate) const MAX_FIELD: usize = 300;
/// Most rows of company data in one table, and most backup targets (one section each).
pub(crate) const MAX_ROWS: usize = 100;
pub(crate) const MAX_TARGETS: usize = 30;

/// User text made safe for one markup line or table cell: control characters and line breaks
/// become spaces, runs of spaces collapse, `|` becomes the full-width bar; cut at
/// [`MAX_FIELD`] characters.
pub(crate) fn clean(s: &str) -> String {
    let mut out = String::with_capacity(s.len().min(MAX_FIELD * 4));
    let mut space = false;
    for (n, c) in s.chars().enumerate() {
        if n >= MAX_FIELD {
            out.push('…');
            break;
        }
        let c = match c {
            '|' => '｜',
            c if c.is_control() || c.is_whitespace() => ' ',
            c => c,
        };
        if c == ' ' {
            space = true;
            continue;
        }
        if space && !out.is_empty() {
            out.push(' ');
        }
        space = false;
        out.push(c);
    }
    out
}

/// The drafting context: inputs, language and the data found missing so far.
pub(crate) struct Cx<'a> {
    pub i: &'a Inputs,
    pub ja: bool,
    missing: Vec<Datum>,
    sections: Vec<Section>,
}

impl<'a> Cx<'a> {
    pub fn new(i: &'a Inputs, ja: bool) -> Self {
        Cx {
            i,
            ja,
            missing: Vec::new(),
            sections: Vec::new(),
        }
    }

    /// The missing data, each once, in declaration order.
    pub fn missing(&self) -> Vec<Datum> {
        let mut m = self.missing.clone();
        m.sort();
        m.dedup();
        m
    }

    /// Japanese or English.
    pub fn t<'s>(&self, ja: &'s str, en: &'s str) -> &'s str {
        if self.ja { ja } else { en }
    }

    /// Records `d` as missing and returns its placeholder.
    pub fn miss(&mut self, d: Datum) -> String {
        self.missing.push(d);
        placeholder(d, self.ja)
    }

    /// `v` cleaned, or the placeholder of `d` when it is empty.
    pub fn val(&mut self, v: &str, d: Datum) -> String {
        let c = clean(v);
        if c.is_empty() { self.miss(d) } else { c }
    }

    pub fn company(&mut self) -> String {
        let c = self.i.company.clone();
        self.val(&c, Datum::Company)
    }

    fn person_of(&self, d: Datum) -> &'a Person {
        match d {
            Datum::Representative => &self.i.representative,
            Datum::SecurityLead => &self.i.security_lead,
            _ => &self.i.it_contact,
        }
    }

    /// The person as named after their role in running text: the name in Japanese (the text
    /// already says the role), "Name (Title)" in English; or the placeholder.
    pub fn who(&mut self, d: Datum) -> String {
        let p = self.person_of(d);
        let name = self.val(&p.name, d);
        let title = clean(&p.title);
        if title.is_empty() || self.ja || name.starts_with('[') {
            name
        } else {
            format!("{name} ({title})")
        }
    }

    /// "Title Name" for a signature line (the role's label when no title is given).
    pub fn signed(&mut self, d: Datum) -> String {
        let p = self.person_of(d);
        let name = self.val(&p.name, d);
        let title = clean(&p.title);
        let title = if title.is_empty() {
            d.label(self.ja).to_string()
        } else {
            title
        };
        if self.ja {
            format!("{title} {name}")
        } else {
            format!("{name}, {title}")
        }
    }

    /// A table row for a role: role | name | title | phone | e-mail (dash for an empty field of a
    /// named person).
    pub fn contact_row(&mut self, role: &str, d: Datum) -> String {
        let p = self.person_of(d);
        let name = self.val(&p.name, d);
        format!(
            "| {role} | {name} | {} | {} | {} |",
            dash(&p.title),
            dash(&p.phone),
            dash(&p.email)
        )
    }

    /// A rule value, or the placeholder of [`Datum::Rules`] when it is zero.
    pub fn rule(&mut self, v: u32) -> String {
        if v == 0 {
            self.miss(Datum::Rules)
        } else {
            v.to_string()
        }
    }

    /// A list of names as one phrase (「、」 or ", "), or the placeholder.
    pub fn list(&mut self, items: &[String], d: Datum) -> String {
        let v: Vec<String> = items
            .iter()
            .map(|s| clean(s))
            .filter(|s| !s.is_empty())
            .take(MAX_ROWS)
            .collect();
        if v.is_empty() {
            self.miss(d)
        } else {
            v.join(self.t("、", ", "))
        }
    }

    /// The police desk for the prefecture (警視庁 for Tokyo).
    pub fn police(&mut self) -> String {
        let p = clean(&self.i.prefecture);
        if p.is_empty() {
            let m = self.miss(Datum::Prefecture);
            return if self.ja {
                format!("{m}の警察 サイバー犯罪相談窓口")
            } else {
                format!("cyber crime consultation desk of the prefectural police ({m})")
            };
        }
        let tokyo = p == "東京都" || p == "東京" || p.eq_ignore_ascii_case("tokyo");
        match (self.ja, tokyo) {
            (true, true) => "警視庁 サイバー犯罪相談窓口".into(),
            (true, false) => {
                let base = match p.as_str() {
                    "大阪" | "京都" => format!("{p}府"),
                    "北海" => "北海道".into(),
                    _ if p.ends_with(['都', '道', '府', '県']) || p.is_ascii() => p,
                    _ => format!("{p}県"),
                };
                format!("{base}警察 サイバー犯罪相談窓口")
            }
            (false, true) => {
                "Tokyo Metropolitan Police Department (警視庁), cyber crime consultation desk"
                    .into()
            }
            (false, false) if p.is_ascii() => {
                format!("{p} Prefectural Police, cyber crime consultation desk")
            }
            (false, false) => {
                format!("prefectural police of {p}, cyber crime consultation desk")
            }
        }
    }

    /// Appends table rows of company data: at most [`MAX_ROWS`], and only while the body stays
    /// well within [`crate::markup::MAX_BODY`]; a note says how many were left out.
    pub fn rows(&self, body: &mut String, rows: Vec<String>) {
        let budget = crate::markup::MAX_BODY - 4000;
        let mut len = body.chars().count();
        let mut shown = 0;
        for r in &rows {
            let n = r.chars().count();
            if shown == MAX_ROWS || len + n > budget {
                break;
            }
            body.push_str(r);
            len += n;
            shown += 1;
        }
        let rest = rows.len() - shown;
        if rest > 0 {
            body.push_str(&if self.ja {
                format!("\n\nほか{rest}件は、hoshi の一覧で管理しています。")
            } else {
                format!("\n\n{rest} more are kept in the list in hoshi.")
            });
        }
    }

    /// Adds a section.
    pub fn sec(&mut self, key: &str, heading: &str, body: String) {
        self.sections.push(Section {
            key: key.to_string(),
            heading: heading.to_string(),
            body: body.trim_end().to_string(),
        });
    }

    /// Adds a section with the heading in both languages.
    pub fn section(&mut self, key: &str, ja: &str, en: &str, body: String) {
        let h = if self.ja { ja } else { en };
        self.sec(key, h, body);
    }

    pub fn take(&mut self) -> Vec<Section> {
        std::mem::take(&mut self.sections)
    }
}

/// The cleaned text, or a dash when empty.
pub(crate) fn dash(s: &str) -> String {
    let c = clean(s);
    if c.is_empty() { "—".into() } else { c }
}
