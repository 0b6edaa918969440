#![allow(clippy::unwrap_used)]
//! The native binary prints the same overview the library computes, and structured errors.

mod common;

use std::process::Command;

use common::*;

#[test]
fn overview_json_equals_the_library_result() {
    let path = shared("online_retail/OnlineRetail.csv.gz");
    let out = Command::new(env!("CARGO_BIN_EXE_clientele")).arg("overview").arg(&path).arg("--json").output().unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let cli: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let lib = serde_json::to_value(read("OnlineRetail.csv.gz", &online_retail_gz()).unwrap()).unwrap();
    assert_eq!(cli, lib);
    assert_eq!(cli["rows"]["read"], 541_909);
}

#[test]
fn error_is_printed_as_structured_json_with_exit_status_2() {
    let dir = std::env::temp_dir().join(format!("clientele-cli-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("no-date.csv");
    std::fs::write(&path, "Customer,Amount\nc1,5\n").unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_clientele")).arg("overview").arg(&path).arg("--json").output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["error"]["code"], "ingest.missing_role");
    assert_eq!(v["error"]["file"], "no-date.csv");
    assert_eq!(v["error"]["row"], 1);
    assert!(String::from_utf8_lossy(&out.stderr).contains("no-date.csv, row 1: no column holds the date and time"));
    std::fs::remove_dir_all(&dir).ok();
}

/// The global reading flags: the page's mapping as --file-options JSON reads the headerless
/// CDNOW log, and --keep-zero-price keeps its eight zero-dollar purchases (2,357 customers, as
/// the CLV papers count them, instead of 2,349); both reach every subcommand that reads files.
#[test]
fn file_options_and_keep_zero_price_apply_to_every_subcommand() {
    let path = shared("cdnow/CDNOW_sample.txt");
    let mapping = r#"{"noHeader":true,"roles":["customer_id",null,"datetime","quantity","amount"]}"#;
    let run = |args: &[&str]| -> serde_json::Value {
        let out = Command::new(env!("CARGO_BIN_EXE_clientele")).args(args).arg(&path).output().unwrap();
        assert!(out.status.success(), "{args:?}: {}", String::from_utf8_lossy(&out.stderr));
        serde_json::from_slice(&out.stdout).unwrap()
    };
    let dropped = run(&["overview", "--json", "--file-options", mapping]);
    assert_eq!(dropped["sales"]["customers"], 2349);
    assert_eq!(dropped["files"][0]["rows"]["dropped"], 8);
    let kept = run(&["overview", "--json", "--file-options", mapping, "--keep-zero-price"]);
    assert_eq!(kept["sales"]["customers"], 2357);
    assert_eq!(kept["files"][0]["rows"]["dropped"], 0);
    let clv = run(&["clv", "--json", "--keep-zero-price", "--file-options", mapping]);
    assert_eq!(clv["customers"], 2357);
    let out = Command::new(env!("CARGO_BIN_EXE_clientele"))
        .args(["overview", "--file-options", "{bad"])
        .arg(&path)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("cli.bad_file_options"));
}
