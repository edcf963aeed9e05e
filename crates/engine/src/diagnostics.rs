//! Data-quality problems: findings about the user's data, collected and
//! never thrown. Each names the file, row (the header is row 1, as a
//! spreadsheet shows it), column header, value, what was expected, and a
//! stable code ([`ProblemCode`], in `codes`). The one place their wording is
//! built, so the page, the print and the CLI say the same thing.

mod codes;

use serde::{Deserialize, Serialize};

pub use codes::{ProblemCode, problem_codes_markdown};

/// How much a problem matters to the figures.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// The file or row could not be used at all.
    Error,
    /// A value was left out of some indicators, or looks wrong.
    Warning,
    /// Something the user should know, with no effect on the figures.
    Info,
}

impl Severity {
    /// Every severity, most serious first (the data-quality filter's order).
    pub const ALL: [Severity; 3] = [Severity::Error, Severity::Warning, Severity::Info];

    /// The stable word of the JSON and the CSV download (`error`, `warning`,
    /// `info`), as serde writes it.
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Info => "info",
        }
    }

    /// The severity `as_str` names.
    pub fn parse(text: &str) -> Option<Severity> {
        Severity::ALL.into_iter().find(|s| s.as_str() == text)
    }

    /// How a person reads it in the data-quality table.
    pub fn label(self) -> &'static str {
        match self {
            Severity::Error => "Error",
            Severity::Warning => "Warning",
            Severity::Info => "Information",
        }
    }

    /// The data-quality filter's choice for it.
    pub fn filter_label(self) -> &'static str {
        match self {
            Severity::Error => "Errors (rows or files left out)",
            Severity::Warning => "Warnings",
            Severity::Info => "Information",
        }
    }
}

/// One finding about the data.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Problem {
    pub file: String,
    /// Spreadsheet row number (header = 1); `None` for whole-file problems.
    pub row: Option<u32>,
    /// The column's header as written in the file; empty for row or file problems.
    pub column: String,
    /// The offending value as written (cut to a readable length).
    pub value: String,
    pub message: String,
    /// A stable identifier for grouping and filtering, written as its
    /// string (e.g. `invalid_date`).
    pub code: ProblemCode,
    pub severity: Severity,
}

/// Longest value quoted back to the user; the rest is elided so a
/// 10-million-character cell cannot flood the report.
const MAX_VALUE_CHARS: usize = 80;

impl Problem {
    /// A problem about a whole file.
    pub fn file(file: &str, code: ProblemCode, severity: Severity, message: String) -> Problem {
        Problem {
            file: file.to_string(),
            row: None,
            column: String::new(),
            value: String::new(),
            message,
            code,
            severity,
        }
    }

    /// A problem about one cell.
    pub fn cell(
        file: &str,
        row: u32,
        column: &str,
        value: &str,
        code: ProblemCode,
        severity: Severity,
        message: String,
    ) -> Problem {
        Problem {
            file: file.to_string(),
            row: Some(row),
            column: column.to_string(),
            value: shorten(value),
            message,
            code,
            severity,
        }
    }
}

/// Cuts a value to a quotable length on a character boundary.
pub fn shorten(value: &str) -> String {
    if value.chars().count() <= MAX_VALUE_CHARS {
        return value.to_string();
    }
    let mut cut: String = value.chars().take(MAX_VALUE_CHARS).collect();
    cut.push('…');
    cut
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn severities_name_themselves_as_serde_does() {
        for severity in Severity::ALL {
            let json = serde_json::to_string(&severity).unwrap();
            assert_eq!(json, format!("\"{}\"", severity.as_str()));
            assert_eq!(Severity::parse(severity.as_str()), Some(severity));
        }
        assert_eq!(Severity::parse("Error"), None);
        assert_eq!(Severity::Info.label(), "Information");
    }

    #[test]
    fn long_values_are_cut_on_a_character_boundary() {
        let value = "é".repeat(200);
        let problem = Problem::cell(
            "f.csv",
            2,
            "Team",
            &value,
            ProblemCode::UnmappedTeam,
            Severity::Info,
            "m".into(),
        );
        assert_eq!(problem.value.chars().count(), MAX_VALUE_CHARS + 1);
        assert!(problem.value.ends_with('…'));
    }

    #[test]
    fn the_code_is_written_as_its_string() {
        let problem = Problem::file(
            "a.csv",
            ProblemCode::Windows1252,
            Severity::Info,
            "m".into(),
        );
        let json = serde_json::to_string(&problem).unwrap();
        assert_eq!(
            json,
            r#"{"file":"a.csv","row":null,"column":"","value":"","message":"m","code":"windows_1252","severity":"info"}"#
        );
        assert_eq!(serde_json::from_str::<Problem>(&json).unwrap(), problem);
    }
}
