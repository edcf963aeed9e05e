//! Writes the example data set (`crates/example`) to
//! `examples/dec-2017/` (or `--out DIR`), optionally `--scale N` copies of
//! the city for load tests. See `docs/example-data.md`.
//!
//! `cargo run --release -p xtask --bin generate_example -- [--out DIR] [--scale N]`

#![allow(
    clippy::expect_used,
    clippy::panic,
    reason = "a developer tool: a bad argument or an unwritable folder stops it with a message"
)]

use std::path::PathBuf;

use csc_example::generate;

fn main() {
    let mut out = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../examples/dec-2017");
    let mut scale = 1u32;
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--out" => out = PathBuf::from(args.next().expect("--out DIR")),
            "--scale" => {
                scale = args
                    .next()
                    .and_then(|s| s.parse().ok())
                    .filter(|&n| n >= 1)
                    .expect("--scale N (a whole number, 1 or more)");
            }
            "-h" | "--help" => {
                println!("usage: generate_example [--out DIR] [--scale N]");
                return;
            }
            other => panic!(
                "unknown argument `{other}` (usage: generate_example [--out DIR] [--scale N])"
            ),
        }
    }
    let files = generate(scale);
    std::fs::create_dir_all(&out).expect("create the output folder");
    let mut total = 0;
    for (name, bytes) in &files {
        std::fs::write(out.join(name), bytes).expect("write a file");
        total += bytes.len();
    }
    eprintln!(
        "wrote {} files, {:.2} MB, to {}",
        files.len(),
        total as f64 / 1_000_000.0,
        out.display()
    );
}
