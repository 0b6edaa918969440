#![allow(clippy::unwrap_used)]
//! A reader that goes away early (`clientele ... | head`) ends the command quietly: no panic,
//! status 0, and nothing on stderr.

use std::io::Read;
use std::process::{Command, Stdio};

mod common;

/// Runs the CLI with `args`, reads `keep` bytes of its output, then closes the pipe.
fn run_and_close_early(args: &[&str], keep: usize) -> (std::process::ExitStatus, String, Vec<u8>) {
    let mut child = Command::new(env!("CARGO_BIN_EXE_clientele"))
        .args(args)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stdout = child.stdout.take().unwrap();
    let mut head = vec![0u8; keep];
    stdout.read_exact(&mut head).unwrap();
    drop(stdout);
    let mut stderr = String::new();
    child.stderr.take().unwrap().read_to_string(&mut stderr).unwrap();
    (child.wait().unwrap(), stderr, head)
}

#[test]
fn text_output_into_a_closed_pipe_ends_quietly() {
    let groceries = common::shared("groceries/groceries.csv");
    // Thousands of rule lines: far more than a pipe buffer holds, so writes meet the closed pipe.
    let args = [
        "rules",
        groceries.to_str().unwrap(),
        "--basket-format",
        "--min-support",
        "0.001",
        "--min-confidence",
        "0.1",
        "--top",
        "100000",
    ];
    let (status, stderr, head) = run_and_close_early(&args, 16);
    assert!(status.success(), "status {status:?}, stderr {stderr}");
    assert!(!stderr.contains("panicked"), "{stderr}");
    assert_eq!(&head[..], b"9835 baskets, 16", "the output starts as the text report does");
}
