//! Embeds the example data (`examples/dec-2017/`) in the page: writes a list
//! of `(file name, bytes)` for `ui::example`, so "Load example" needs no
//! network request. Only the page uses it; an absent folder gives an empty list.

use std::fmt::Write as _;
use std::path::Path;

fn main() {
    let dir = Path::new("examples/dec-2017");
    println!("cargo:rerun-if-changed=examples/dec-2017");
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .map(|entries| {
            entries
                .filter_map(Result::ok)
                .map(|entry| entry.file_name().to_string_lossy().into_owned())
                .filter(|name| name.ends_with(".csv") || name.ends_with(".json"))
                .collect()
        })
        .unwrap_or_default();
    names.sort();
    let mut code = String::from("pub static EXAMPLE_FILES: &[(&str, &[u8])] = &[\n");
    for name in &names {
        let path = std::fs::canonicalize(dir.join(name)).unwrap_or_else(|_| dir.join(name));
        let _ = writeln!(
            code,
            "    ({name:?}, include_bytes!({:?})),",
            path.display().to_string()
        );
    }
    code.push_str("];\n");
    let out = std::env::var("OUT_DIR").unwrap_or_else(|_| ".".into());
    let _ = std::fs::write(Path::new(&out).join("example_files.rs"), code);
}
