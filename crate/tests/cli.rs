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
    let path = dir.join("no-customer.csv");
    std::fs::write(&path, "Order,Date,Amount\n1,2024-01-01,5\n").unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_clientele")).arg("overview").arg(&path).arg("--json").output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["error"]["code"], "ingest.missing_role");
    assert_eq!(v["error"]["file"], "no-customer.csv");
    assert_eq!(v["error"]["row"], 1);
    assert!(String::from_utf8_lossy(&out.stderr).contains("no-customer.csv, row 1: no column holds the customer id"));
    std::fs::remove_dir_all(&dir).ok();
}
