//! Collects a file's problems, keeping at most a sample of each repeated
//! problem so a file with a million bad cells cannot exhaust memory; the
//! rest are counted and summarised in one line.

use std::borrow::Cow;
use std::collections::HashMap;

use crate::diagnostics::{Problem, Severity};

/// Problems kept per (code, column) before the rest are only counted.
const SAMPLE_PER_GROUP: usize = 200;

#[derive(Debug, Default)]
pub struct ProblemSink {
    file: String,
    kept: Vec<Problem>,
    groups: HashMap<(Cow<'static, str>, String), (usize, Severity, String)>,
}

impl ProblemSink {
    pub fn new(file: &str) -> ProblemSink {
        ProblemSink {
            file: file.to_string(),
            ..ProblemSink::default()
        }
    }

    pub fn file(&self) -> &str {
        &self.file
    }

    pub fn push(&mut self, problem: Problem) {
        let group = self
            .groups
            .entry((problem.code.clone(), problem.column.clone()))
            .or_insert((0, problem.severity, problem.message.clone()));
        group.0 += 1;
        if group.0 <= SAMPLE_PER_GROUP {
            self.kept.push(problem);
        }
    }

    /// Whether a problem with this code was found in this column.
    pub fn has(&self, code: &str, column: &str) -> bool {
        self.groups
            .keys()
            .any(|(c, col)| c.as_ref() == code && col == column)
    }

    /// A problem about one cell of this file.
    pub fn cell(
        &mut self,
        row: u32,
        column: &str,
        value: &str,
        code: &'static str,
        severity: Severity,
        message: String,
    ) {
        let problem = Problem::cell(&self.file, row, column, value, code, severity, message);
        self.push(problem);
    }

    /// A problem about the whole file.
    pub fn whole_file(&mut self, code: &'static str, severity: Severity, message: String) {
        let problem = Problem::file(&self.file, code, severity, message);
        self.push(problem);
    }

    /// The kept problems plus one summary line per group that overflowed.
    pub fn finish(mut self) -> Vec<Problem> {
        let mut overflowed: Vec<_> = self
            .groups
            .into_iter()
            .filter(|(_, (count, _, _))| *count > SAMPLE_PER_GROUP)
            .collect();
        overflowed.sort_by(|a, b| a.0.cmp(&b.0));
        for ((code, column), (count, severity, example)) in overflowed {
            let more = count - SAMPLE_PER_GROUP;
            self.kept.push(Problem {
                file: self.file.clone(),
                row: None,
                column,
                value: String::new(),
                message: format!("{more} more rows like: {example}"),
                code,
                severity,
            });
        }
        self.kept
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keeps_a_sample_and_summarises_the_rest() {
        let mut sink = ProblemSink::new("big.csv");
        for row in 0..(SAMPLE_PER_GROUP as u32 + 5) {
            sink.cell(
                row + 2,
                "Date",
                "x",
                "invalid_date",
                Severity::Warning,
                "not a date".into(),
            );
        }
        sink.cell(
            3,
            "Team",
            "t",
            "unmapped_team",
            Severity::Warning,
            "unmapped".into(),
        );
        let problems = sink.finish();
        assert_eq!(problems.len(), SAMPLE_PER_GROUP + 2);
        let summary = problems.last().unwrap();
        assert_eq!(summary.message, "5 more rows like: not a date");
        assert_eq!(summary.row, None);
    }
}
