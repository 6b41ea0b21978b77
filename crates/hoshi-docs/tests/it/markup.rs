//! Markup parsing and checking, HTML escaping, placeholders.

use hoshi_docs::html;
use hoshi_docs::markup::{self, Block, check, parse, placeholders};

#[test]
fn parses_every_block() {
    let body = "最初の段落です。\n二行目です。\n\n- 項目A\n- 項目B\n1. 手順1\n2. 手順2\n10. 手順10\n\n## 小見出し\n| 役割 | 氏名 |\n|---|:---:|\n| 代表 | 山田 |\n| 担当 |\n\n| a | b |\n| c | d |\n最後";
    let blocks = parse(body);
    assert_eq!(
        blocks,
        vec![
            Block::Para("最初の段落です。\n二行目です。".into()),
            Block::Bullets(vec!["項目A".into(), "項目B".into()]),
            Block::Numbered(vec!["手順1".into(), "手順2".into(), "手順10".into()]),
            Block::Heading("小見出し".into()),
            Block::Table {
                header: Some(vec!["役割".into(), "氏名".into()]),
                rows: vec![vec!["代表".into(), "山田".into()], vec!["担当".into()]],
            },
            Block::Table {
                header: None,
                rows: vec![vec!["a".into(), "b".into()], vec!["c".into(), "d".into()]],
            },
            Block::Para("最後".into()),
        ]
    );
    assert!(parse("").is_empty());
    assert!(parse("\n\n  \n").is_empty());
    // Not a numbered item without the space, nor a bullet without it.
    assert_eq!(parse("1.5 mm\n-1"), vec![Block::Para("1.5 mm\n-1".into())]);
}

#[test]
fn blocks_serialise_with_a_type_tag() {
    let j = serde_json::to_string(&parse("## H\n\n| a |\n|---|\n| b |")).unwrap();
    assert_eq!(
        j,
        r#"[{"type":"heading","value":"H"},{"type":"table","value":{"header":["a"],"rows":[["b"]]}}]"#
    );
}

#[test]
fn check_reports_problems_with_line_numbers() {
    assert_eq!(check("ok\n\n| a | b |\n|---|---|\n| 1 | 2 |"), Ok(()));
    let e = check(
        "段落\n| a | b |\n|---|---|\n| 1 | 2 | 3 |\n| 1 | 2 |\n## \nx\u{1}y\n| a |\n| b |\n|---|",
    )
    .unwrap_err();
    let lines: Vec<usize> = e.iter().map(|p| p.line).collect();
    assert_eq!(lines, vec![4, 6, 7, 10], "{e:?}");
    assert!(e[0].message_ja.contains("4行目") && e[0].message_en.contains("line 4"));
    assert!(
        e.iter()
            .all(|p| !p.message_ja.is_empty() && !p.message_en.is_empty())
    );
    let long = "あ".repeat(markup::MAX_BODY + 1);
    let e = check(&long).unwrap_err();
    assert_eq!(e[0].line, 0);
    assert!(e[0].message_en.contains("too long"));
    assert_eq!(check(&"あ".repeat(markup::MAX_BODY)), Ok(()));
}

#[test]
fn placeholders_are_found_in_both_languages() {
    let body = "代表者：〔未設定：代表者〕\n| 〔未設定：会社名〕 | [not set: insurer] |\n〔未設定：閉じない\n[not set: x";
    assert_eq!(
        placeholders(body),
        vec![
            "〔未設定：代表者〕",
            "〔未設定：会社名〕",
            "[not set: insurer]"
        ]
    );
    assert!(placeholders("普通の文です。[注] 〔参考〕").is_empty());
}

#[test]
fn html_escapes_every_text_and_marks_placeholders() {
    let body = "<script>alert(\"x\")</script> & 'q'\n\n- <b>太字</b>\n1. a&b\n\n## <h1>\n| <th> | \"x\" |\n|---|---|\n| 〔未設定：会社名〕 | <img src=x onerror=alert(1)> |";
    let h = html::body(body);
    assert!(!h.contains("<script"), "{h}");
    assert!(!h.contains("<b>"));
    assert!(!h.contains("<img"));
    assert!(!h.contains("<h1>"));
    assert!(h.contains("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;q&#39;"));
    assert!(h.contains("<li>&lt;b&gt;太字&lt;/b&gt;</li>"));
    assert!(h.contains("<ol><li>a&amp;b</li></ol>"));
    assert!(h.contains("<h3>&lt;h1&gt;</h3>"));
    assert!(h.contains("<thead><tr><th>&lt;th&gt;</th><th>&quot;x&quot;</th></tr></thead>"));
    assert!(h.contains("<td><mark class=\"missing\">〔未設定：会社名〕</mark></td>"));
    assert_eq!(
        html::inline("a[not set: x <y>]b"),
        "a<mark class=\"missing\">[not set: x &lt;y&gt;]</mark>b"
    );
    assert_eq!(html::body("一行目\n二行目"), "<p>一行目<br>二行目</p>\n");
}

#[test]
fn arbitrary_bytes_never_panic() {
    let samples = [
        "|",
        "||",
        "|---|",
        "## ",
        "- ",
        "1. ",
        "9999999999. x",
        "〔未設定：",
        "〔未設定：〕〕",
        "[not set: ]]",
        "\u{0}\u{1f}\u{7f}",
        "|\u{0}|",
        "\r\n\r\n|a|\r\n|-|",
        "١. arabic digit",
    ];
    for s in samples {
        let _ = parse(s);
        let _ = check(s);
        let _ = html::body(s);
        let _ = placeholders(s);
    }
    // A pseudo-random mix of the markup's special characters.
    let alphabet: Vec<char> = "|-#:. 1\n〔〕未設定：[]notse<>&\"'あ\u{0}"
        .chars()
        .collect();
    let mut x: u64 = 0x9e37_79b9_7f4a_7c15;
    for _ in 0..2000 {
        let mut s = String::new();
        for _ in 0..40 {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            s.push(alphabet[(x % alphabet.len() as u64) as usize]);
        }
        let _ = parse(&s);
        let _ = check(&s);
        let h = html::body(&s);
        assert!(!h.contains("<>") && !h.contains("\"'"), "{h}");
    }
}
