//! `hoshi level`: the buyer's decision tree.

use std::io::{BufRead, IsTerminal, Write};

use anyhow::{Result, anyhow, bail};
use hoshi_core::{Lang, LevelAnswers, Question, decide};

use crate::cli::{LevelArgs, ListFormat, YesNo};

fn parse_yes_no(s: &str) -> Option<bool> {
    match s.trim().to_lowercase().as_str() {
        "y" | "yes" | "はい" | "は" | "1" | "true" => Some(true),
        "n" | "no" | "いいえ" | "い" | "0" | "false" => Some(false),
        _ => None,
    }
}

fn ask(q: Question, lang: Lang) -> Result<bool> {
    let stdin = std::io::stdin();
    let mut stderr = std::io::stderr();
    for _ in 0..5 {
        let hint = match lang {
            Lang::Ja => "[はい/いいえ]",
            Lang::En => "[yes/no]",
        };
        write!(stderr, "{} {hint} ", q.prompt().get(lang))?;
        stderr.flush()?;
        let mut line = String::new();
        if stdin.lock().read_line(&mut line)? == 0 {
            bail!("no answer given (end of input)");
        }
        if let Some(v) = parse_yes_no(&line) {
            return Ok(v);
        }
        writeln!(
            stderr,
            "{}",
            match lang {
                Lang::Ja => "「はい」か「いいえ」（y / n）で答えてください。",
                Lang::En => "Please answer yes or no (y / n).",
            }
        )?;
    }
    bail!("no valid answer after 5 tries")
}

pub fn run(args: LevelArgs, lang: Lang) -> Result<()> {
    let given = [
        (
            Question::ConfidentialInfo,
            args.confidential_info,
            "--confidential-info",
        ),
        (
            Question::UnacceptableDelay,
            args.unacceptable_delay,
            "--unacceptable-delay",
        ),
        (
            Question::SystemAccess,
            args.system_access,
            "--system-access",
        ),
    ];
    let interactive = std::io::stdin().is_terminal();
    let missing: Vec<&str> = given
        .iter()
        .filter(|(_, v, _)| v.is_none())
        .map(|(_, _, f)| *f)
        .collect();
    if !missing.is_empty() && !interactive {
        return Err(anyhow!(
            "missing answers: {} (each takes yes or no); run in a terminal to be asked",
            missing.join(", ")
        ));
    }
    let mut answers = LevelAnswers::default();
    for (q, v, _) in given {
        let yes = match v {
            Some(YesNo::Yes) => true,
            Some(YesNo::No) => false,
            None => ask(q, lang)?,
        };
        answers.set(q, yes);
    }
    let d = decide(answers);
    match args.format {
        ListFormat::Json => println!("{}", serde_json::to_string_pretty(&d)?),
        ListFormat::Text => {
            println!("{}", d.summary(lang));
            for r in &d.reasons {
                let mark = match (r.answer, lang) {
                    (true, Lang::Ja) => "はい",
                    (false, Lang::Ja) => "いいえ",
                    (true, Lang::En) => "yes",
                    (false, Lang::En) => "no",
                };
                println!("  - [{mark}] {}", r.text.get(lang));
            }
            println!("{}", d.advice.get(lang));
        }
    }
    Ok(())
}
