//! Collects a file's problems, keeping at most a sample of each repeated
//! problem so a file with a million bad cells cannot exhaust memory; the
//! rest are counted and summarised in one line.

use std::collections::HashMap;

use crate::diagnostics::{Problem, ProblemCode, Severity};

/// Problems kept per (code, column) before the rest are only counted.
const SAMPLE_PER_GROUP: usize = 200;

#[derive(Debug, Default)]
pub struct ProblemSink {
    file: String,
    kept: Vec<Problem>,
    groups: HashMap<(ProblemCode, String), (usize, Severity, String)>,
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
            .entry((problem.code, problem.column.clone()))
            .or_insert((0, problem.severity, problem.message.clone()));
        group.0 += 1;
        if group.0 <= SAMPLE_PER_GROUP {
            self.kept.push(problem);
        }
    }

    /// Whether a problem with this code was found in this column.
    pub fn has(&self, code: ProblemCode, column: &str) -> bool {
        self.groups
            .keys()
            .any(|(c, col)| *c == code && col == column)
    }

    /// A problem about one cell of this file.
    pub fn cell(
        &mut self,
        row: u32,
        column: &str,
        value: &str,
        code: ProblemCode,
        severity: Severity,
        message: String,
    ) {
        let problem = Problem::cell(&self.file, row, column, value, code, severity, message);
        self.push(problem);
    }

    /// A problem about the whole file.
    pub(crate) fn whole_file(&mut self, code: ProblemCode, severity: Severity, message: String) {
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
        // By the code's string, then the column.
        overflowed.sort_by(|a, b| (a.0.0.as_str(), &a.0.1).cmp(&(b.0.0.as_str(), &b.0.1)));
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
                ProblemCode::InvalidDate,
                Severity::Warning,
                "not a date".into(),
            );
        }
        sink.cell(
            3,
            "Team",
            "t",
            ProblemCode::UnmappedTeam,
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
