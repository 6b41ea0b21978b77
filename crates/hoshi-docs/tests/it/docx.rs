//! The DOCX export: a well-formed package with the expected parts, headings, lists and tables,
//! the same bytes every time.

use std::io::{Cursor, Read};

use hoshi_docs::markup::{Block, parse};
use hoshi_docs::{Doc, Kind, Meta, Section, docx, draft};
use quick_xml::Reader;
use quick_xml::events::Event;

use crate::fixture::full;

pub fn meta() -> Meta {
    Meta {
        company: "株式会社ほしぞら精機".into(),
        version: 3,
        draft: false,
        effective_on: Some("2026-12-01".into()),
        approved_by: Some("山田 太郎".into()),
        approved_on: Some("2026-11-28".into()),
    }
}

fn parts(bytes: &[u8]) -> Vec<(String, String)> {
    let mut z = zip::ZipArchive::new(Cursor::new(bytes)).expect("a zip archive");
    (0..z.len())
        .map(|i| {
            let mut f = z.by_index(i).unwrap();
            let mut s = String::new();
            f.read_to_string(&mut s).unwrap();
            (f.name().unwrap().to_string(), s)
        })
        .collect()
}

/// Parses the XML to the end; returns the local names of all start/empty elements and the text.
fn parse_xml(xml: &str) -> (Vec<String>, String) {
    let mut r = Reader::from_str(xml);
    let mut names = Vec::new();
    let mut text = String::new();
    loop {
        match r.read_event() {
            Ok(Event::Start(e)) | Ok(Event::Empty(e)) => {
                names.push(e.name().into_inner().to_string());
                for a in e.attributes() {
                    a.expect("well-formed attribute");
                }
            }
            Ok(Event::Text(t)) => text.push_str(&t.xml10_content()),
            Ok(Event::GeneralRef(r)) => {
                let n = r.xml10_content().to_string();
                text.push(match n.as_str() {
                    "amp" => '&',
                    "lt" => '<',
                    "gt" => '>',
                    "quot" => '"',
                    "apos" => '\'',
                    other => panic!("unexpected entity {other}"),
                });
            }
            Ok(Event::Eof) => break,
            Ok(_) => {}
            Err(e) => panic!("not well-formed at {}: {e}", r.buffer_position()),
        }
    }
    (names, text)
}

fn count(names: &[String], n: &str) -> usize {
    names.iter().filter(|x| x.as_str() == n).count()
}

#[test]
fn every_document_is_a_well_formed_package() {
    let want = [
        "[Content_Types].xml",
        "_rels/.rels",
        "docProps/core.xml",
        "docProps/app.xml",
        "word/document.xml",
        "word/_rels/document.xml.rels",
        "word/styles.xml",
        "word/numbering.xml",
        "word/settings.xml",
        "word/fontTable.xml",
        "word/header1.xml",
        "word/footer1.xml",
    ];
    for k in Kind::ALL {
        for ja in [true, false] {
            let doc = draft(k, &full(), ja).doc;
            let bytes = docx::write(&doc, &meta());
            let ps = parts(&bytes);
            let names: Vec<&str> = ps.iter().map(|(n, _)| n.as_str()).collect();
            assert_eq!(names, want);
            for (name, xml) in &ps {
                let _ = parse_xml(xml);
                assert!(xml.starts_with("<?xml"), "{name}");
            }
            let (els, text) = parse_xml(&ps[4].1);
            assert!(text.contains(&doc.title));
            assert!(text.contains("株式会社ほしぞら精機"));
            for s in &doc.sections {
                assert!(text.contains(&s.heading), "{k:?}: heading {}", s.heading);
            }
            let xml = &ps[4].1;
            let h1 = xml.matches("<w:pStyle w:val=\"Heading1\"/>").count();
            assert_eq!(h1, doc.sections.len(), "{k:?}");
            assert_eq!(xml.matches("<w:pStyle w:val=\"Title\"/>").count(), 1);
            let blocks: Vec<Block> = doc.sections.iter().flat_map(|s| parse(&s.body)).collect();
            let tables = blocks
                .iter()
                .filter(|b| matches!(b, Block::Table { .. }))
                .count();
            let items: usize = blocks
                .iter()
                .map(|b| match b {
                    Block::Bullets(v) | Block::Numbered(v) => v.len(),
                    _ => 0,
                })
                .sum();
            let subs = blocks
                .iter()
                .filter(|b| matches!(b, Block::Heading(_)))
                .count();
            assert_eq!(count(&els, "w:tbl"), tables, "{k:?}");
            assert_eq!(count(&els, "w:numPr"), items, "{k:?}");
            assert_eq!(
                xml.matches("<w:pStyle w:val=\"Heading2\"/>").count(),
                subs,
                "{k:?}"
            );
            assert!(tables + items > 3, "{k:?}: hardly any structure");
            assert_eq!(count(&els, "w:sectPr"), 1);
            assert!(xml.contains("<w:pgSz w:w=\"11906\" w:h=\"16838\"/>"), "A4");
            // Every table's rows have as many cells as its grid has columns.
            for tbl in xml.split("<w:tbl>").skip(1) {
                let tbl = tbl.split("</w:tbl>").next().unwrap();
                let cols = tbl.matches("<w:gridCol ").count();
                for row in tbl.split("<w:tr>").skip(1) {
                    assert_eq!(row.matches("<w:tc>").count(), cols, "{k:?}");
                }
            }
            let (_, header) = parse_xml(&ps[10].1);
            assert!(header.contains("株式会社ほしぞら精機") && header.contains(&doc.title));
            let footer = &ps[11].1;
            assert!(footer.contains(" PAGE ") && footer.contains(" NUMPAGES "));
            assert!(footer.contains(if ja { "第3版" } else { "Version 3" }));
            assert!(footer.contains("2026-12-01"));
            let (_, core) = parse_xml(&ps[2].1);
            assert!(core.contains(&doc.title) && core.contains("hoshi"));
        }
    }
}

#[test]
fn lists_are_numbered_per_list_and_bullets_shared() {
    let doc = draft(Kind::Incident, &full(), true).doc;
    let ps = parts(&docx::write(&doc, &meta()));
    let xml = &ps[4].1;
    let numbering = &ps[7].1;
    // Five numbered lists in the phases section alone.
    let num_ids: std::collections::BTreeSet<&str> = xml
        .match_indices("<w:numId w:val=\"")
        .map(|(i, m)| {
            let rest = &xml[i + m.len()..];
            &rest[..rest.find('"').unwrap()]
        })
        .collect();
    assert!(num_ids.contains("1"), "bullets");
    assert!(num_ids.len() >= 6, "{num_ids:?}");
    for id in &num_ids {
        assert!(
            numbering.contains(&format!("<w:num w:numId=\"{id}\">")),
            "{id}"
        );
    }
    assert_eq!(
        numbering.matches("<w:startOverride w:val=\"1\"/>").count(),
        num_ids.len() - 1
    );
    assert!(
        numbering.contains("w:numFmt w:val=\"bullet\"")
            && numbering.contains("w:numFmt w:val=\"decimal\"")
    );
    let styles = &ps[6].1;
    for s in [
        "BIZ UDPGothic",
        "w:styleId=\"Title\"",
        "w:styleId=\"Heading1\"",
        "w:styleId=\"Heading2\"",
    ] {
        assert!(styles.contains(s), "{s}");
    }
    assert!(ps[9].1.contains("Yu Gothic") && ps[9].1.contains("MS Gothic"));
}

#[test]
fn same_document_same_bytes() {
    for k in Kind::ALL {
        let doc = draft(k, &full(), true).doc;
        let a = docx::write(&doc, &meta());
        let b = docx::write(&doc.clone(), &meta());
        assert_eq!(a, b, "{k:?}");
    }
    let doc = draft(Kind::Policy, &full(), true).doc;
    let mut m = meta();
    m.version = 4;
    assert_ne!(docx::write(&doc, &meta()), docx::write(&doc, &m));
}

#[test]
fn draft_mark_and_hostile_text() {
    let doc = Doc {
        kind: Kind::Policy,
        ja: true,
        title: "方針 <b>&\"'\u{1}\u{FFFF}".into(),
        sections: vec![Section {
            key: "x".into(),
            heading: "</w:t><w:p>".into(),
            body: "<script>&amp;\u{0}\u{b}\n\n- ]]><!--\n| <a> | \"b\" |\n|---|---|\n| 1 |".into(),
        }],
    };
    let m = Meta {
        company: "A&B <Co>".into(),
        version: 1,
        draft: true,
        ..Meta::default()
    };
    let ps = parts(&docx::write(&doc, &m));
    let (_, text) = parse_xml(&ps[4].1);
    assert!(text.contains("方針 <b>&\"'"), "{text}");
    assert!(text.contains("</w:t><w:p>"));
    assert!(text.contains("<script>&amp;"));
    assert!(!text.contains('\u{1}') && !text.contains('\u{FFFF}'));
    let (_, footer) = parse_xml(&ps[11].1);
    assert!(footer.contains("下書き"), "{footer}");
    let (_, header) = parse_xml(&ps[10].1);
    assert!(header.contains("A&B <Co>"));
    for (_, xml) in &ps {
        let _ = parse_xml(xml);
    }
    // An empty document is still a valid package.
    let empty = Doc {
        kind: Kind::Roles,
        ja: false,
        title: String::new(),
        sections: vec![],
    };
    let ps = parts(&docx::write(&empty, &Meta::default()));
    assert_eq!(ps.len(), 12);
    let (_, footer) = parse_xml(&ps[11].1);
    assert!(footer.contains("Version 0"));
}
