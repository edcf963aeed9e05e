//! `scorecard`: the native CLI over the engine (outputs.md, "The CLI").
//!
//! A thin shell: reads the files and options, hands bytes to the engine,
//! prints JSON, CSV or a text table, or writes the committee's Excel or
//! Word paper (`csc-papers`) to `--out`. Exit 0 when a scorecard was made
//! (data problems are in the output), 2 for usage errors, 1 when no file
//! could be read. Errors go to stderr, one line each, naming the file.

use std::collections::BTreeMap;
use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use csc_engine::export;
use csc_engine::history;
use csc_engine::ingest::{SHEET_SEPARATOR, overrides_for, same_sheet, split_target};
use csc_engine::month::Month;
use csc_engine::scorecard::{self, InputFile, ScorecardError};
use csc_engine::settings::Settings;
use csc_engine::sign_off;
use csc_papers::PaperOptions;
use jiff::civil::Date;

const USAGE: &str = "usage: scorecard [--month YYYY-MM] [--settings FILE] [--as-at FILE=YYYY-MM-DD] \
[--covers FILE=YYYY-MM-DD] [--format json|csv|text|xlsx|docx] [--out FILE] [--publishable] \
[--today YYYY-MM-DD] [--history FILE]... [--sign-off FILE] FILE...
(--as-at and --covers take a file, a workbook for every sheet, or one sheet: \"book.xlsx › List 6=2021-02-28\")";

#[derive(Clone, Copy, PartialEq)]
enum Format {
    Json,
    Csv,
    Text,
    Xlsx,
    Docx,
}

struct Options {
    month: Option<Month>,
    settings: Option<PathBuf>,
    as_at: Vec<(String, Date)>,
    covers: Vec<(String, Date)>,
    format: Format,
    /// Where the output goes (stdout when not given; xlsx and docx need it).
    out: Option<PathBuf>,
    /// Small-number suppression in the papers, as the publishable print.
    publishable: bool,
    today: Option<Date>,
    /// Histories of signed-off months (JSON or the seeding CSV), merged.
    history: Vec<PathBuf>,
    /// Where to write the merged history with the reporting month signed off.
    sign_off: Option<PathBuf>,
    files: Vec<String>,
}

fn main() -> ExitCode {
    match run() {
        Ok(code) => code,
        Err(message) => {
            eprintln!("scorecard: {message}");
            eprintln!("{USAGE}");
            ExitCode::from(2)
        }
    }
}

fn parse_options() -> Result<Options, String> {
    use lexopt::prelude::*;
    let mut options = Options {
        month: None,
        settings: None,
        as_at: Vec::new(),
        covers: Vec::new(),
        format: Format::Json,
        out: None,
        publishable: false,
        today: None,
        history: Vec::new(),
        sign_off: None,
        files: Vec::new(),
    };
    let mut parser = lexopt::Parser::from_env();
    while let Some(arg) = parser.next().map_err(|e| e.to_string())? {
        match arg {
            Long("month") => {
                let text = value_of(&mut parser)?;
                options.month = Some(
                    Month::parse(&text)
                        .ok_or_else(|| format!("--month `{text}` is not a month (YYYY-MM)"))?,
                );
            }
            Long("settings") => options.settings = Some(value_of(&mut parser)?.into()),
            Long("as-at") => options
                .as_at
                .push(file_date(&value_of(&mut parser)?, "--as-at")?),
            Long("covers") => options
                .covers
                .push(file_date(&value_of(&mut parser)?, "--covers")?),
            Long("history") => options.history.push(value_of(&mut parser)?.into()),
            Long("sign-off") => options.sign_off = Some(value_of(&mut parser)?.into()),
            Long("today") => options.today = Some(iso_date(&value_of(&mut parser)?, "--today")?),
            Long("format") => {
                options.format = match value_of(&mut parser)?.as_str() {
                    "json" => Format::Json,
                    "csv" => Format::Csv,
                    "text" => Format::Text,
                    "xlsx" => Format::Xlsx,
                    "docx" => Format::Docx,
                    other => {
                        return Err(format!(
                            "--format `{other}`: expected json, csv, text, xlsx or docx"
                        ));
                    }
                }
            }
            Long("out") => options.out = Some(value_of(&mut parser)?.into()),
            Long("publishable") => options.publishable = true,
            Short('h') | Long("help") => {
                println!("{USAGE}");
                std::process::exit(0);
            }
            Value(file) => options.files.push(file.to_string_lossy().into_owned()),
            _ => return Err(arg.unexpected().to_string()),
        }
    }
    if options.files.is_empty() && options.history.is_empty() {
        return Err("no input files".to_string());
    }
    if matches!(options.format, Format::Xlsx | Format::Docx) && options.out.is_none() {
        return Err("--format xlsx and docx write a file: give --out FILE".to_string());
    }
    Ok(options)
}

fn value_of(parser: &mut lexopt::Parser) -> Result<String, String> {
    parser
        .value()
        .map_err(|e| e.to_string())?
        .into_string()
        .map_err(|_| "an option's value is not valid text".to_string())
}

fn iso_date(text: &str, option: &str) -> Result<Date, String> {
    text.parse::<Date>()
        .map_err(|_| format!("{option}: `{text}` is not a date (YYYY-MM-DD)"))
}

fn file_date(text: &str, option: &str) -> Result<(String, Date), String> {
    let (file, date) = text
        .rsplit_once('=')
        .ok_or_else(|| format!("{option} `{text}`: expected FILE=YYYY-MM-DD"))?;
    Ok((file.to_string(), iso_date(date, option)?))
}

fn run() -> Result<ExitCode, String> {
    let options = parse_options()?;
    let today = options.today.unwrap_or_else(|| {
        jiff::tz::TimeZone::UTC
            .to_datetime(jiff::Timestamp::now())
            .date()
    });
    let histories = usable_histories(&options.history)?;
    let settings = match &options.settings {
        Some(path) => {
            let text =
                std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))?;
            Settings::from_json(&text).map_err(|e| format!("{}: {e}", path.display()))?
        }
        None => Settings::default(),
    };
    for (target, _) in options.as_at.iter().chain(&options.covers) {
        let (file, _) = split_target(target);
        if !options.files.iter().any(|f| f == file) {
            return Err(format!(
                "{file}: named in --as-at/--covers but not given as a file"
            ));
        }
    }
    // Each file is read from disk when the engine comes to it and
    // dropped once parsed: one file's bytes in memory at a time. The
    // `--history` files come first, so a history among the files given
    // after them wins a tie (history.md, "Several histories").
    let inputs = histories
        .into_iter()
        .chain(options.files.iter().filter_map(|path| {
            let bytes = std::fs::read(path)
                .map_err(|error| eprintln!("{path}: cannot read: {error}"))
                .ok()?;
            Some(InputFile {
                name: path.clone(),
                bytes,
                overrides: overrides_for(path, &options.as_at, &options.covers),
            })
        }));
    // No progress line here, so no sizes are needed for one.
    let loaded = scorecard::load(inputs, settings, today, |_| {});
    for file in &loaded.files {
        if let Some(error) = &file.error {
            eprintln!("{}: {error}", file.name);
        }
    }
    // A sheet named in --as-at/--covers must be one the workbook has.
    for (target, _) in options.as_at.iter().chain(&options.covers) {
        if let (file, Some(sheet)) = split_target(target) {
            let prefix = format!("{file}{SHEET_SEPARATOR}");
            let has_sheet = loaded.files.iter().any(|f| {
                f.name
                    .strip_prefix(&prefix)
                    .is_some_and(|own| same_sheet(own, sheet))
            });
            if !has_sheet {
                return Err(format!(
                    "{file}: named in --as-at/--covers with the sheet `{sheet}`, which it does not have"
                ));
            }
        }
    }
    let card = match scorecard::compute(&loaded, &loaded.settings, options.month)
        .map(|c| c.with_drills())
    {
        Ok(card) => card,
        Err(ScorecardError::NoReadableFile) => {
            eprintln!("scorecard: no file could be read");
            return Ok(ExitCode::from(1));
        }
        Err(error) => return Err(error.to_string()),
    };
    if let Some(path) = &options.sign_off {
        let mut merged = loaded.history.clone();
        let commentary = sign_off::commentary(&merged, &card, &loaded.settings);
        sign_off::sign_off(&mut merged, &card, &commentary, today);
        std::fs::write(path, merged.to_json() + "\n")
            .map_err(|e| format!("{}: {e}", path.display()))?;
    }
    let output: Vec<u8> = match options.format {
        Format::Json => {
            let mut text =
                serde_json::to_string_pretty(&export::to_json(&card)).map_err(|e| e.to_string())?;
            text.push('\n');
            text.into_bytes()
        }
        Format::Csv => export::to_csv(&card).into_bytes(),
        Format::Text => export::to_text(&card).into_bytes(),
        Format::Xlsx | Format::Docx => {
            let paper = PaperOptions {
                publishable: options.publishable,
                printed: Some(today),
                commentary: published_commentary(&card),
                charts: Default::default(),
            };
            let made = if options.format == Format::Xlsx {
                csc_papers::xlsx::workbook(&card, &loaded.settings, &paper)
            } else {
                csc_papers::docx::document(&card, &loaded.settings, &paper)
            };
            match made {
                Ok(bytes) => bytes,
                Err(why) => {
                    eprintln!("scorecard: {why}");
                    return Ok(ExitCode::from(1));
                }
            }
        }
    };
    match &options.out {
        Some(path) => {
            std::fs::write(path, &output).map_err(|e| format!("{}: {e}", path.display()))?
        }
        None => std::io::stdout()
            .write_all(&output)
            .map_err(|e| format!("stdout: {e}"))?,
    }
    Ok(ExitCode::SUCCESS)
}

/// The commentary a paper made here carries: the history's for the month
/// (the page passes what its commentary boxes show).
fn published_commentary(card: &scorecard::Scorecard) -> BTreeMap<String, String> {
    card.indicators
        .iter()
        .filter_map(|result| {
            let text = result.published_commentary.as_ref()?;
            Some((result.definition.id.to_string(), text.clone()))
        })
        .collect()
}

/// Every `--history` file that is a history (`history::read_any`), as an
/// input for the engine, which reads and merges it with any history among
/// the files. A file that is missing is a usage error, as a missing
/// settings file is; one that is not a usable history is refused in one
/// sentence on stderr and the rest are still used (history.md, "Bad
/// input"). Entries left out of one, and which file won a month two of
/// them held differently, are in the scorecard's problems.
fn usable_histories(paths: &[PathBuf]) -> Result<Vec<InputFile>, String> {
    let mut inputs = Vec::new();
    for path in paths {
        let name = path.display().to_string();
        let bytes = std::fs::read(path).map_err(|e| format!("{name}: {e}"))?;
        if let Err(why) = history::read_any(&String::from_utf8_lossy(&bytes)) {
            eprintln!("{name}: {why}");
            continue;
        }
        inputs.push(InputFile {
            name,
            bytes,
            overrides: Default::default(),
        });
    }
    Ok(inputs)
}
