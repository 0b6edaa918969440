#![allow(clippy::unwrap_used, clippy::expect_used)]
//! Warehouse mode on Spark: the PySpark script (`clientele warehouse sql --engine spark
//! --script`: the recipe's SQL for the customer tables, `pyspark.ml.fpm.FPGrowth` for the
//! itemsets) runs in a local Spark (`local[2]`, PyPI's pyspark on Java 17, both installed on
//! first use by `scripts/spark-env`) on Online Retail, and
//! - its clientele_*.csv files hold the same rows as the DuckDB recipe's (numbers to 1e-9
//!   relative, the itemsets and their counts identical), the engine's name aside;
//! - the analyses on them give raw mode's numbers, as `warehouse_duckdb.rs` checks for DuckDB's
//!   (segments under both conventions, CLV, rules at a support of 0.01).

mod common;

use std::process::Command;

use common::warehouse::{
    assert_raw_mode_numbers, assert_same_summaries, bin, duckdb_python, duckdb_summaries, outputs, root, scratch,
    ONLINE_RETAIL_ROLES,
};

/// The Spark venv's python and the Java 17 home Spark runs with (`scripts/spark-env`).
fn spark_env() -> (String, String) {
    let out = Command::new(root().join("scripts/spark-env")).output().expect("scripts/spark-env runs");
    assert!(out.status.success(), "spark-env failed: {}", String::from_utf8_lossy(&out.stderr));
    let text = String::from_utf8(out.stdout).unwrap();
    let mut lines = text.lines();
    (lines.next().unwrap().to_owned(), lines.next().unwrap().to_owned())
}

/// Runs the Spark script on Online Retail in a local Spark; returns the summary files.
fn spark_summaries() -> Vec<std::path::PathBuf> {
    let (python, java_home) = spark_env();
    let dir = scratch("spark");
    let out =
        bin().args(["warehouse", "sql", "--engine", "spark", "--script", "--min-support", "0.01"]).output().unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let script = dir.join("clientele_spark.py");
    std::fs::write(&script, &out.stdout).unwrap();
    let run = Command::new(&python)
        .arg(root().join("tests/warehouse/run_spark.py"))
        .arg(&script)
        .arg(common::shared("online_retail/OnlineRetail.csv.gz"))
        .arg(&dir)
        .args(ONLINE_RETAIL_ROLES)
        .env("JAVA_HOME", java_home)
        .env("SPARK_LOCAL_IP", "127.0.0.1")
        .env("PYSPARK_PYTHON", &python)
        .output()
        .unwrap();
    assert!(run.status.success(), "spark: {}", String::from_utf8_lossy(&run.stderr));
    eprintln!("Spark script on Online Retail: {}", String::from_utf8_lossy(&run.stdout).trim());
    outputs(&dir)
}

#[test]
fn spark_summaries_equal_duckdb_and_give_raw_mode_numbers_on_online_retail() {
    let spark = spark_summaries();
    let duckdb = duckdb_summaries(&duckdb_python());
    let meta = std::fs::read_to_string(&spark[0]).unwrap();
    assert!(meta.lines().any(|l| l == "engine,spark"), "{meta}");
    assert_same_summaries(&duckdb, &spark, &["engine"]);
    assert_raw_mode_numbers("spark", &spark);
}
