//! Tests of the code's shape, which the compiler does not hold: where a
//! handler may reach, and the one place sessions end. They read the source.

use std::path::{Path, PathBuf};

/// Every Rust file under `api/src/` + `dir`.
fn rust_files(dir: &str) -> Vec<PathBuf> {
    fn walk(dir: &Path, found: &mut Vec<PathBuf>) {
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                walk(&path, found);
            } else if path.extension().is_some_and(|ext| ext == "rs") {
                found.push(path);
            }
        }
    }
    let mut found = Vec::new();
    walk(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("src").join(dir),
        &mut found,
    );
    found
}

/// Handlers call the engine (`crate::auth`) and answer; what two routes
/// need belongs a layer down, never in one of them. A route file names
/// no other route module: only routes/mod.rs's `mount`, and a test
/// module's `super::*`.
#[test]
fn no_route_file_imports_another() {
    let files = rust_files("routes");
    let mut offences = Vec::new();
    for file in files.iter().filter(|file| !file.ends_with("routes/mod.rs")) {
        let text = std::fs::read_to_string(file).unwrap();
        for (number, line) in text.lines().enumerate() {
            let code = line.split("//").next().unwrap_or_default();
            let names_a_route = code.contains("crate::routes::")
                || code.contains("super::super::")
                || (code.contains("super::")
                    && !code.contains("use super::mount;")
                    && !code.contains("use super::*;"));
            if names_a_route {
                offences.push(format!(
                    "{}:{}: {}",
                    file.display(),
                    number + 1,
                    line.trim()
                ));
            }
        }
    }
    assert!(offences.is_empty(), "{}", offences.join("\n"));
}

/// Every end of a session passes through store/sessions.rs: no other code
/// of the API deletes a session row, and there only the statements of
/// `end_sessions!`, the sign-out by cookie and the expiry sweep do.
#[test]
fn no_other_code_deletes_a_session_row() {
    let files = rust_files("");
    let mut elsewhere = Vec::new();
    let mut here = 0;
    for file in &files {
        if file.ends_with("architecture.rs") {
            continue;
        }
        let text = std::fs::read_to_string(file).unwrap().to_lowercase();
        let deletes = text.matches("delete from sessions").count();
        if file.ends_with("store/sessions.rs") {
            here = deletes;
        } else if deletes > 0 {
            elsewhere.push(file.display().to_string());
        }
    }
    assert!(
        elsewhere.is_empty(),
        "session rows deleted in {elsewhere:?}"
    );
    // END_ALL, END_ALL_BUT, END_ONE, SWEEP_EXPIRED and END_BY_TOKEN.
    assert_eq!(here, 5, "a new way to delete sessions in store/sessions.rs");
}

/// The longest a handler may be: extract, one call into the engine, answer.
const HANDLER_MAX_LINES: usize = 50;

/// Every handler (a function of a route file under `#[utoipa::path]`) is at
/// most [`HANDLER_MAX_LINES`] lines, its signature and braces included: what
/// grows past that is work, and work belongs in the engine.
#[test]
fn no_handler_is_over_fifty_lines() {
    let mut offences = Vec::new();
    let mut handlers = 0;
    for file in rust_files("routes") {
        let text = std::fs::read_to_string(&file).unwrap();
        let lines: Vec<&str> = text.lines().collect();
        for (number, line) in lines.iter().enumerate() {
            if !line.starts_with("#[utoipa::path(") {
                continue;
            }
            handlers += 1;
            let start = number + 1;
            let end = (start..lines.len())
                .find(|&at| lines[at] == "}")
                .expect("a handler ends with a closing brace at the margin");
            let length = end - start + 1;
            if length > HANDLER_MAX_LINES {
                let name = lines[start].trim();
                offences.push(format!(
                    "{}:{}: {name} ({length} lines)",
                    file.display(),
                    start + 1
                ));
            }
        }
    }
    assert!(handlers > 50, "found only {handlers} handlers");
    assert!(offences.is_empty(), "{}", offences.join("\n"));
}
