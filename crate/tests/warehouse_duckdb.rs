#![allow(clippy::unwrap_used, clippy::expect_used)]
//! Warehouse mode against raw mode on Online Retail: the DuckDB recipe (`clientele warehouse sql
//! --engine duckdb`) runs in PyPI's DuckDB (a venv made by `scripts/warehouse-venv`), and the
//! commands on its summary files give the numbers they give on the raw export:
//! - `segments --json` under both conventions: every number equal to 1e-9 (relative), every
//!   count and label identical; the quadrant's scatter points (one per customer, in the order
//!   the customers were first seen, which a warehouse does not keep) as the same multiset;
//! - `clv --json`: every figure to 1e-9, the customer table matched by customer id;
//! - `rules --min-support 0.01`: the summary's itemsets are exactly FP-growth's on the raw
//!   lines (items and counts), and the rules are identical.
//!
//! The Postgres and BigQuery recipes are parsed by sqlglot in their dialects.

mod common;

use std::process::Command;

use common::warehouse::{assert_raw_mode_numbers, bin, duckdb_python, duckdb_summaries, root};

#[test]
fn duckdb_summaries_give_raw_mode_numbers_on_online_retail() {
    let files = duckdb_summaries(&duckdb_python());
    assert_raw_mode_numbers("duckdb", &files);
}

#[test]
fn postgres_and_bigquery_recipes_parse_in_their_dialects() {
    let python = duckdb_python();
    for (engine, dialect) in
        [("postgres", "postgres"), ("bigquery", "bigquery"), ("spark", "spark"), ("duckdb", "duckdb")]
    {
        let out = bin()
            .args(["warehouse", "sql", "--engine", engine, "--columns"])
            .arg(clientele::warehouse::sql::ROLES.join(","))
            .output()
            .unwrap();
        assert!(out.status.success());
        let check = Command::new(&python)
            .arg(root().join("tests/warehouse/parse_sql.py"))
            .arg(dialect)
            .env("RECIPE", String::from_utf8(out.stdout).unwrap())
            .output()
            .unwrap();
        assert!(
            check.status.success(),
            "{engine}: {}{}",
            String::from_utf8_lossy(&check.stdout),
            String::from_utf8_lossy(&check.stderr)
        );
        let n: usize = String::from_utf8_lossy(&check.stdout).trim().parse().unwrap();
        assert!(n >= 12, "{engine}: {n} statements");
    }
}
