//! Display width of text in a terminal: East Asian wide and full-width characters take two cells.

/// Cells `c` takes in a monospace terminal.
pub fn char_width(c: char) -> usize {
    let u = c as u32;
    if u < 0x20 || (0x7f..0xa0).contains(&u) {
        return 0;
    }
    // Combining marks.
    if (0x300..0x370).contains(&u) || (0xfe00..0xfe10).contains(&u) || u == 0x200b {
        return 0;
    }
    let wide = (0x1100..=0x115f).contains(&u)
        || (0x2e80..=0x303e).contains(&u)
        || (0x3041..=0x33ff).contains(&u)
        || (0x3400..=0x4dbf).contains(&u)
        || (0x4e00..=0x9fff).contains(&u)
        || (0xa000..=0xa4cf).contains(&u)
        || (0xac00..=0xd7a3).contains(&u)
        || (0xf900..=0xfaff).contains(&u)
        || (0xfe30..=0xfe4f).contains(&u)
        || (0xff00..=0xff60).contains(&u)
        || (0xffe0..=0xffe6).contains(&u)
        || (0x1f300..=0x1f64f).contains(&u)
        || (0x20000..=0x3fffd).contains(&u)
        || u == 0x2605; // ★
    if wide { 2 } else { 1 }
}

pub fn width(s: &str) -> usize {
    s.chars().map(char_width).sum()
}

/// `s` padded with spaces to `w` cells (or cut with an ellipsis when longer).
pub fn pad(s: &str, w: usize) -> String {
    let mut out = String::new();
    let mut used = 0;
    let total = width(s);
    if total <= w {
        out.push_str(s);
        used = total;
    } else {
        for c in s.chars() {
            let cw = char_width(c);
            if used + cw + 1 > w {
                break;
            }
            out.push(c);
            used += cw;
        }
        out.push('…');
        used += 1;
    }
    out.extend(std::iter::repeat_n(' ', w.saturating_sub(used)));
    out
}

/// Breaks `s` into lines of at most `w` cells.
pub fn wrap(s: &str, w: usize) -> Vec<String> {
    let mut lines = Vec::new();
    for para in s.lines() {
        let mut line = String::new();
        let mut used = 0;
        for c in para.chars() {
            let cw = char_width(c);
            if used + cw > w && !line.is_empty() {
                lines.push(std::mem::take(&mut line));
                used = 0;
            }
            line.push(c);
            used += cw;
        }
        lines.push(line);
    }
    lines
}

/// Breaks a comma-separated list into lines of at most `w` cells, only between items.
pub fn wrap_list(items: &[String], w: usize) -> Vec<String> {
    let mut lines = Vec::new();
    let mut line = String::new();
    for (i, item) in items.iter().enumerate() {
        let piece = if i + 1 < items.len() {
            format!("{item},")
        } else {
            item.clone()
        };
        if !line.is_empty() && width(&line) + 1 + width(&piece) > w {
            lines.push(std::mem::take(&mut line));
        }
        if !line.is_empty() {
            line.push(' ');
        }
        line.push_str(&piece);
    }
    if !line.is_empty() {
        lines.push(line);
    }
    lines
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn widths() {
        assert_eq!(width("abc"), 3);
        assert_eq!(width("ガバナンス"), 10);
        assert_eq!(width("★3"), 3);
        assert_eq!(width(&pad("攻撃等の防御", 14)), 14);
        assert_eq!(width(&pad("インシデントからの復旧", 10)), 10);
    }

    #[test]
    fn wrap_respects_width() {
        for l in wrap(
            "多要素認証を使用すること。ユーザ及び管理者がサービスにアクセスする場合",
            20,
        ) {
            assert!(width(&l) <= 20, "{l}");
        }
    }
}
