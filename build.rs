//! Cuts the changelog to its latest release for the page's Help tab, which
//! shows only that: the whole file would be ~4 KB gzip more to open the page.

use std::path::Path;

fn main() {
    println!("cargo:rerun-if-changed=CHANGELOG.md");
    let changelog = std::fs::read_to_string("CHANGELOG.md").unwrap_or_default();
    let mut latest = String::new();
    let mut releases = 0;
    for line in changelog.lines() {
        if line.starts_with("## ") {
            releases += 1;
        }
        if releases == 2 {
            break;
        }
        if releases == 1 {
            latest.push_str(line);
            latest.push('\n');
        }
    }
    let out = std::env::var("OUT_DIR").unwrap_or_else(|_| ".".to_string());
    let written = std::fs::write(Path::new(&out).join("latest_release.md"), latest);
    if let Err(error) = written {
        println!("cargo:warning=could not write the latest release: {error}");
    }
}
