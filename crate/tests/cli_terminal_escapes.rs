#![allow(clippy::unwrap_used)]
//! The CLI's text mode prints file, entry, column, item and customer names: escape sequences,
//! C1 controls and bidirectional overrides in them are written as `\u{..}`, so a hostile file
//! cannot drive the terminal it is shown on (clear it, set its title, hide text with a
//! right-to-left override). Files from the hostile corpus (`tests/hostile/`).

use std::path::PathBuf;
use std::process::Command;

fn corpus(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../tests/hostile").join(name)
}

/// Runs the CLI; returns its stdout and stderr.
fn run(args: &[&str], file: &str) -> (Vec<u8>, Vec<u8>) {
    let out = Command::new(env!("CARGO_BIN_EXE_clientele")).args(args).arg(corpus(file)).output().unwrap();
    assert!(matches!(out.status.code(), Some(0 | 2)), "{args:?} {file}: {:?}", out.status);
    (out.stdout, out.stderr)
}

/// The characters that drive a terminal, found in `bytes` (UTF-8 or not).
fn drivers(bytes: &[u8]) -> Vec<String> {
    let text = String::from_utf8_lossy(bytes);
    text.chars()
        .filter(|&c| {
            (c < ' ' && !matches!(c, '\n' | '\r' | '\t'))
                || ('\u{7f}'..='\u{9f}').contains(&c)
                || matches!(c, '\u{061c}' | '\u{200e}' | '\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
        })
        .map(|c| format!("U+{:04X}", c as u32))
        .collect()
}

#[test]
fn text_output_writes_escape_codes_in_names_as_escapes() {
    let cases: &[(&[&str], &str, &str)] = &[
        // Items: `\x1b[31mRed\x1b[0m`, an OSC 8 link, C1 CSI (U+009B).
        (
            &["rules", "--min-support", "0.01", "--min-confidence", "0.01", "--top", "200"],
            "terminal-escapes.csv",
            "\\u{1b}[31mRed\\u{1b}[0m",
        ),
        (
            &["rules", "--basket-format", "--min-confidence", "0.01", "--top", "200"],
            "basket-escapes.txt",
            "b\\u{202e}c",
        ),
        (
            &["rules", "--min-support", "0.01", "--min-confidence", "0.01", "--top", "200"],
            "rtl-marks.csv",
            "Item\\u{202e} evil",
        ),
        // Customer ids in the customer table: `c\x1b[2Jclear` would clear the screen.
        (&["customers"], "terminal-escapes.csv", "c\\u{1b}[2Jclear"),
        (&["customers"], "rtl-marks.csv", "c\\u{202e}gnp.exe"),
        // Entry names of an archive.
        (&["overview"], "zip-escape-names.zip", "\\u{1b}[31mred\\u{1b}[0m.csv"),
        (&["overview"], "zip-escape-names.zip", "r\\u{202e}vsc.csv"),
    ];
    for (args, file, want) in cases {
        let (stdout, stderr) = run(args, file);
        assert!(!stdout.contains(&0x1b), "{args:?} {file}: a raw ESC in stdout");
        assert_eq!(drivers(&stdout), Vec::<String>::new(), "{args:?} {file}: stdout");
        assert_eq!(drivers(&stderr), Vec::<String>::new(), "{args:?} {file}: stderr");
        let text = String::from_utf8_lossy(&stdout);
        assert!(text.contains(want), "{args:?} {file}: {want} not shown in\n{text}");
    }
}

#[test]
fn error_messages_on_stderr_are_escaped_too() {
    // A header whose column names hold ESC and no date column: the message lists the columns.
    let dir = std::env::temp_dir().join(format!("clientele-escapes-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join("cols.csv");
    std::fs::write(&file, "Customer\x1b]0;pwned\x07,Amount\u{202e}\nc1,5\n").unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_clientele")).arg("overview").arg(&file).output().unwrap();
    let _ = std::fs::remove_dir_all(&dir);
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.starts_with("error[ingest.missing_role]"), "{stderr}");
    assert!(stderr.contains("Customer\\u{1b}]0;pwned\\u{7}"), "{stderr}");
    assert_eq!(drivers(&out.stderr), Vec::<String>::new());
}
