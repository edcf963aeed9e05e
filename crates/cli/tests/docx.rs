#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]
//! `scorecard --format docx --out FILE` (outputs.md, "Papers for a
//! committee": "The CLI writes the same files"): the Word paper of the
//! golden case, its tables, the usage error without `--out`, and the file
//! opened by LibreOffice and printed to PDF as a committee clerk would.

use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

fn case_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/golden/public_city")
}

/// The golden case's arguments: month, settings and files as cmd.json lists them.
fn public_city_args() -> Vec<String> {
    let dir = case_dir();
    let cmd: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(dir.join("cmd.json")).unwrap()).unwrap();
    let mut args = vec![
        "--today".to_string(),
        "2026-11-26".to_string(),
        "--month".to_string(),
        cmd["month"].as_str().unwrap().to_string(),
        "--settings".to_string(),
        dir.join("settings.json").to_string_lossy().into_owned(),
    ];
    args.extend(
        cmd["files"]
            .as_array()
            .unwrap()
            .iter()
            .map(|f| dir.join(f.as_str().unwrap()).to_string_lossy().into_owned()),
    );
    args
}

fn scorecard(args: &[String]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_scorecard"))
        .args(args)
        .output()
        .unwrap()
}

fn tempdir(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!(
        "csc-scorecard-cli-docx-{name}-{}",
        std::process::id()
    ));
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// Writes the golden case's Word paper into `dir` and returns its path.
fn write_paper(dir: &Path) -> PathBuf {
    let out = dir.join("scorecard-2017-12.docx");
    let mut args = public_city_args();
    args.extend([
        "--format".to_string(),
        "docx".to_string(),
        "--out".to_string(),
        out.to_string_lossy().into_owned(),
    ]);
    let run = scorecard(&args);
    assert_eq!(
        run.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&run.stderr)
    );
    assert!(run.stdout.is_empty(), "the paper goes to --out, not stdout");
    out
}

fn part(docx: &Path, name: &str) -> String {
    let bytes = std::fs::read(docx).unwrap();
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
    let mut text = String::new();
    archive
        .by_name(name)
        .unwrap()
        .read_to_string(&mut text)
        .unwrap();
    text
}

#[test]
fn docx_out_writes_the_papers_tables() {
    let dir = tempdir("tables");
    let docx = write_paper(&dir);
    let document = part(&docx, "word/document.xml");
    // The summary and the fourteen indicators of expected.json.
    let expected: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(case_dir().join("expected.json")).unwrap())
            .unwrap();
    let indicators = expected["indicators"].as_array().unwrap();
    assert_eq!(document.matches("<w:tbl>").count(), 1 + indicators.len());
    for indicator in indicators {
        let heading = format!(
            "{}.) {}",
            indicator["number"],
            indicator["title"].as_str().unwrap()
        );
        assert!(document.contains(&heading), "{heading}");
    }
    // The golden settings give no marking: the default, top and bottom.
    assert!(part(&docx, "word/header1.xml").contains(">OFFICIAL<"));
    assert!(part(&docx, "word/footer1.xml").contains(">OFFICIAL<"));
    // No charts on the command line.
    assert!(!document.contains("<wp:docPr "));
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn docx_without_out_exits_2() {
    let mut args = public_city_args();
    args.extend(["--format".to_string(), "docx".to_string()]);
    let run = scorecard(&args);
    assert_eq!(run.status.code(), Some(2));
    assert!(run.stdout.is_empty());
    let stderr = String::from_utf8_lossy(&run.stderr);
    assert!(stderr.contains("give --out FILE"), "{stderr}");
}

/// `soffice` on the PATH, when it can open Word documents (Debian splits
/// the writer from the rest: `libreoffice-writer-nogui`).
fn soffice_with_writer() -> Result<PathBuf, String> {
    let path = std::env::var_os("PATH").unwrap_or_default();
    let soffice = std::env::split_paths(&path)
        .map(|dir| dir.join("soffice"))
        .find(|p| p.is_file())
        .ok_or("soffice is not on the PATH")?;
    let program = std::fs::canonicalize(&soffice)
        .ok()
        .and_then(|p| p.parent().map(Path::to_path_buf))
        .ok_or("cannot tell where soffice is installed")?;
    let has_writer = [program.clone(), program.join("../Frameworks")]
        .iter()
        .filter_map(|dir| std::fs::read_dir(dir).ok())
        .flatten()
        .filter_map(Result::ok)
        .any(|entry| entry.file_name().to_string_lossy().starts_with("libswlo"));
    if has_writer {
        Ok(soffice)
    } else {
        Err(format!(
            "{} has no writer (install libreoffice-writer-nogui)",
            soffice.display()
        ))
    }
}

/// The pages of a PDF: its `/Type /Page` objects (not `/Pages`).
fn page_count(pdf: &[u8]) -> usize {
    let text = String::from_utf8_lossy(pdf);
    text.split("/Type")
        .skip(1)
        .filter(|rest| {
            let rest = rest.trim_start();
            rest.starts_with("/Page") && !rest.starts_with("/Pages")
        })
        .count()
}

#[test]
fn libreoffice_prints_the_paper_to_pdf() {
    let soffice = match soffice_with_writer() {
        Ok(soffice) => soffice,
        Err(why) => {
            eprintln!("skipped: {why}");
            return;
        }
    };
    let dir = tempdir("pdf");
    let docx = write_paper(&dir);
    let mut child = Command::new(soffice)
        .args([
            "--headless",
            "-env:UserInstallation=file:///tmp/lo-profile-docx",
            "--convert-to",
            "pdf",
            "--outdir",
        ])
        .arg(&dir)
        .arg(&docx)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    // A stuck office process must not hang the suite.
    let deadline = Instant::now() + Duration::from_secs(180);
    let status = loop {
        if let Some(status) = child.try_wait().unwrap() {
            break status;
        }
        if Instant::now() > deadline {
            let _ = child.kill();
            panic!("soffice did not finish converting in 180 s");
        }
        std::thread::sleep(Duration::from_millis(200));
    };
    assert!(status.success(), "soffice: {status}");
    let pdf = std::fs::read(dir.join("scorecard-2017-12.pdf")).unwrap();
    assert!(pdf.starts_with(b"%PDF-"));
    // Fifteen tables and the About section do not fit on one A4 page.
    let pages = page_count(&pdf);
    assert!(pages >= 3, "{pages} pages");
    // pdfinfo, where installed, agrees and sees A4.
    if let Ok(info) = Command::new("pdfinfo")
        .arg(dir.join("scorecard-2017-12.pdf"))
        .output()
    {
        let info = String::from_utf8_lossy(&info.stdout);
        let listed = info
            .lines()
            .find_map(|line| line.strip_prefix("Pages:"))
            .and_then(|n| n.trim().parse::<usize>().ok());
        assert_eq!(listed, Some(pages), "{info}");
        assert!(info.contains("(A4)"), "{info}");
    }
    std::fs::remove_dir_all(&dir).unwrap();
}
