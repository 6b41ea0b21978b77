//! clap's messages about wrong usage (an unknown option, a missing value…) in Japanese, through
//! clap's own hook for formatting errors. English keeps clap's messages.
//!
//! What stays English: the reason a value parser gives (`--lang fr`, `--revenue 12兆`: the
//! parsers' own messages), clap's rare hints written as sentences ("to pass '-x' as a value, use
//! '-- -x'"), and errors that are not about usage (writing to the terminal failed).

use std::fmt::Write as _;

use clap::builder::{StyledStr, Styles};
use clap::error::{ContextKind, ContextValue, ErrorFormatter, ErrorKind};
use hoshi_core::Lang;

/// Prints `err` in `lang` (help and version as they are) and exits as clap does: status 2 for
/// wrong usage, 0 for help and version.
pub fn exit(err: clap::Error, lang: Lang) -> ! {
    match lang {
        Lang::Ja => err.apply::<Japanese>().exit(),
        Lang::En => err.exit(),
    }
}

/// Formats clap's errors in Japanese.
pub struct Japanese;

type Error = clap::error::Error<Japanese>;

impl ErrorFormatter for Japanese {
    fn format_error(err: &Error) -> StyledStr {
        let styles = Styles::styled();
        let (e, valid) = (styles.get_error(), styles.get_valid());
        let mut out = String::new();
        let _ = write!(out, "{e}エラー:{e:#} ");
        out.push_str(&message(err, &styles).unwrap_or_else(|| fallback(err)));
        let mut tips = Vec::new();
        for (kind, what) in [
            (ContextKind::SuggestedSubcommand, "サブコマンド"),
            (ContextKind::SuggestedArg, "引数"),
            (ContextKind::SuggestedValue, "値"),
        ] {
            if let Some(v) = err.get(kind) {
                tips.push(format!("似た{what}があります: {}", quoted(v, valid)));
            }
        }
        if let Some(ContextValue::StyledStrs(hints)) = err.get(ContextKind::Suggested) {
            tips.extend(hints.iter().map(ToString::to_string));
        }
        if !tips.is_empty() {
            out.push('\n');
        }
        for tip in tips {
            let _ = write!(out, "\n  {valid}ヒント:{valid:#} {tip}");
        }
        if let Some(ContextValue::StyledStr(usage)) = err.get(ContextKind::Usage) {
            let usage = usage.to_string();
            let usage = usage.strip_prefix("Usage: ").unwrap_or(&usage);
            let u = styles.get_usage();
            let _ = write!(out, "\n\n{u}使い方:{u:#} {usage}");
        }
        let l = styles.get_literal();
        let _ = writeln!(out, "\n\n詳しくは '{l}--help{l:#}' を実行してください。");
        StyledStr::from(out)
    }
}

/// What went wrong, when clap says which argument or value.
fn message(err: &Error, styles: &Styles) -> Option<String> {
    let (bad, lit) = (styles.get_invalid(), styles.get_literal());
    let string = |kind| match err.get(kind) {
        Some(ContextValue::String(s)) => Some(s.clone()),
        _ => None,
    };
    let number = |kind| match err.get(kind) {
        Some(ContextValue::Number(n)) => Some(*n),
        _ => None,
    };
    let arg = string(ContextKind::InvalidArg).map(|a| format!("'{lit}{a}{lit:#}'"));
    let value = string(ContextKind::InvalidValue).map(|v| format!("'{bad}{v}{bad:#}'"));
    let sub = string(ContextKind::InvalidSubcommand).map(|s| format!("'{bad}{s}{bad:#}'"));
    let list = |kind, name: &str| match err.get(kind) {
        Some(ContextValue::Strings(v)) if !v.is_empty() => {
            format!("\n  [{name}: {}]", v.join(", "))
        }
        _ => String::new(),
    };
    Some(match err.kind() {
        ErrorKind::UnknownArgument => format!("予期しない引数 {} があります", arg?),
        ErrorKind::InvalidSubcommand => format!("不明なサブコマンド {} です", sub?),
        ErrorKind::MissingSubcommand => format!(
            "{} にはサブコマンドが必要です{}",
            sub?,
            list(ContextKind::ValidSubcommand, "サブコマンド")
        ),
        ErrorKind::MissingRequiredArgument => match err.get(ContextKind::InvalidArg)? {
            ContextValue::Strings(args) => format!(
                "次の必須の引数が指定されていません:{}",
                args.iter().map(|a| format!("\n  {a}")).collect::<String>()
            ),
            _ => return None,
        },
        ErrorKind::InvalidValue if string(ContextKind::InvalidValue)?.is_empty() => {
            format!("{} に値が指定されていません", arg?)
        }
        ErrorKind::InvalidValue => format!(
            "{} に {} は指定できません{}",
            arg?,
            value?,
            list(ContextKind::ValidValue, "選択肢")
        ),
        ErrorKind::ValueValidation => {
            let why = std::error::Error::source(err).map(|s| format!(": {s}"));
            format!(
                "{} に {} は指定できません{}",
                arg?,
                value?,
                why.unwrap_or_default()
            )
        }
        ErrorKind::ArgumentConflict => conflict(err, arg?, styles)?,
        ErrorKind::NoEquals => format!("{} の値は = に続けて指定してください", arg?),
        ErrorKind::TooManyValues => format!("{} に余分な値 {} があります", arg?, value?),
        ErrorKind::TooFewValues | ErrorKind::WrongNumberOfValues => format!(
            "{} には値が {} 個必要ですが、{} 個しか指定されていません",
            arg?,
            number(ContextKind::MinValues).or(number(ContextKind::ExpectedNumValues))?,
            number(ContextKind::ActualNumValues)?
        ),
        ErrorKind::InvalidUtf8 => "引数に UTF-8 として読めない文字が含まれています".to_owned(),
        _ => return None,
    })
}

fn conflict(err: &Error, arg: String, styles: &Styles) -> Option<String> {
    let bad = styles.get_invalid();
    let twice = err.get(ContextKind::InvalidArg) == err.get(ContextKind::PriorArg);
    Some(match err.get(ContextKind::PriorArg) {
        _ if twice => format!("{arg} は 1 回だけ指定できます"),
        Some(ContextValue::String(prior)) => {
            format!("{arg} と '{bad}{prior}{bad:#}' は同時に指定できません")
        }
        Some(ContextValue::Strings(prior)) => format!(
            "{arg} は次の引数と同時に指定できません:{}",
            prior
                .iter()
                .map(|p| format!("\n  {bad}{p}{bad:#}"))
                .collect::<String>()
        ),
        _ => format!("{arg} はほかに指定した引数と同時に指定できません"),
    })
}

/// clap's own words, for what has no context to say more.
fn fallback(err: &Error) -> String {
    err.kind()
        .as_str()
        .map(str::to_owned)
        .or_else(|| std::error::Error::source(err).map(ToString::to_string))
        .unwrap_or_else(|| "原因不明のエラーです".to_owned())
}

fn quoted(v: &ContextValue, style: &clap::builder::styling::Style) -> String {
    let one = |s: &str| format!("'{style}{s}{style:#}'");
    match v {
        ContextValue::String(s) => one(s),
        ContextValue::Strings(v) => v.iter().map(|s| one(s)).collect::<Vec<_>>().join(", "),
        other => other.to_string(),
    }
}
