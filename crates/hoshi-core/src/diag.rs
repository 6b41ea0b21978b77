//! Positioned problems in a user's file, shared by every parser.

use std::fmt;

/// One problem in a file, with its position.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    pub file: String,
    /// 1-based; 0 when the problem has no single position.
    pub line: usize,
    pub column: usize,
    pub message: String,
}

impl Diagnostic {
    pub fn new(file: &str, line: usize, column: usize, message: impl Into<String>) -> Diagnostic {
        Diagnostic {
            file: file.to_string(),
            line,
            column,
            message: message.into(),
        }
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.line == 0 {
            write!(f, "{}: {}", self.file, self.message)
        } else {
            write!(
                f,
                "{}:{}:{}: {}",
                self.file, self.line, self.column, self.message
            )
        }
    }
}

/// Every problem found in one file: parsers report them all, not only the first.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostics {
    /// What kind of file this is, for the heading ("catalog", "answer file").
    pub kind: &'static str,
    pub items: Vec<Diagnostic>,
}

impl Diagnostics {
    pub fn one(kind: &'static str, d: Diagnostic) -> Diagnostics {
        Diagnostics {
            kind,
            items: vec![d],
        }
    }
}

impl fmt::Display for Diagnostics {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let n = self.items.len();
        writeln!(
            f,
            "invalid {} ({n} problem{}):",
            self.kind,
            if n == 1 { "" } else { "s" }
        )?;
        for d in &self.items {
            writeln!(f, "  {d}")?;
        }
        Ok(())
    }
}

impl std::error::Error for Diagnostics {}
