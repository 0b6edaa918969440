//! `clientele warehouse sql --engine duckdb|spark|postgres|bigquery [--min-support S]
//! [--as-of DATE] [--columns ROLE,...] [--max-len N] [--script]`
//!
//! Prints the recipe that turns a warehouse's `sales_lines` into the summary files
//! (`clientele_*.csv`) that every command reads like any file: see [`clientele::warehouse`].

use std::process::ExitCode;

use clientele::warehouse::sql::{recipe, spark_script, Engine, RecipeOptions, ROLES};

#[derive(clap::Args, Debug)]
pub struct WarehouseArgs {
    #[command(subcommand)]
    pub command: WarehouseCommand,
}

#[derive(clap::Subcommand, Debug)]
pub enum WarehouseCommand {
    /// Prints the SQL recipe over `sales_lines` (columns named by Clientele's roles).
    Sql(SqlArgs),
}

#[derive(clap::ValueEnum, Debug, Clone, Copy)]
pub enum EngineArg {
    Duckdb,
    Spark,
    Postgres,
    Bigquery,
}

#[derive(clap::Args, Debug)]
pub struct SqlArgs {
    /// The engine the recipe is written for.
    #[arg(long, value_enum)]
    pub engine: EngineArg,
    /// Minimum support of the itemsets file: a share of baskets in (0, 1], or a count above 1.
    #[arg(long, default_value_t = 0.01)]
    pub min_support: f64,
    /// Analysis date of the customers file's spend windows (YYYY-MM-DD); default the last line + 1 day.
    #[arg(long, value_name = "DATE")]
    pub as_of: Option<String>,
    /// The columns `sales_lines` has, by role name (the others read as empty).
    #[arg(long, value_delimiter = ',', default_value = "order_id,customer_id,datetime,product_id,quantity,unit_price")]
    pub columns: Vec<String>,
    /// Longest itemset mined.
    #[arg(long, default_value_t = 6)]
    pub max_len: usize,
    /// Spark only: print a PySpark script that runs the recipe and writes the files.
    #[arg(long)]
    pub script: bool,
}

pub fn run(args: WarehouseArgs) -> ExitCode {
    let WarehouseCommand::Sql(a) = args.command;
    if let Some(bad) = a.columns.iter().find(|c| !ROLES.contains(&c.as_str())) {
        return crate::segments::fail(
            false,
            "cli.bad_column",
            &format!("--columns: {bad:?} is not a role name (one of {})", ROLES.join(", ")),
        );
    }
    if a.min_support.is_nan() || a.min_support <= 0.0 || !a.min_support.is_finite() {
        return crate::segments::fail(
            false,
            "cli.bad_support",
            "--min-support must be a share in (0, 1] or a count above 1",
        );
    }
    if let Some(d) = &a.as_of {
        if clientele::ingest::values::parse_datetime(d).is_none() {
            return crate::segments::fail(
                false,
                "cli.bad_date",
                &format!("--as-of {d:?} is not a date (use YYYY-MM-DD)"),
            );
        }
    }
    let engine = match a.engine {
        EngineArg::Duckdb => Engine::DuckDb,
        EngineArg::Spark => Engine::Spark,
        EngineArg::Postgres => Engine::Postgres,
        EngineArg::Bigquery => Engine::BigQuery,
    };
    let keep_zero_price = crate::READ_OPTIONS.get().is_some_and(|o| o.keep_zero_price);
    let o = RecipeOptions {
        engine,
        min_support: a.min_support,
        max_len: a.max_len.max(1),
        as_of: a.as_of,
        keep_zero_price,
        columns: a.columns,
        ..RecipeOptions::default()
    };
    if a.script {
        if engine != Engine::Spark {
            return crate::segments::fail(false, "cli.script_needs_spark", "--script is for --engine spark");
        }
        out!("{}", spark_script(&o));
    } else {
        out!("{}", recipe(&o));
    }
    ExitCode::SUCCESS
}

/// `clientele rules` on summary files: rules from the itemsets file; sequences need the lines.
pub(crate) fn rules(
    args: &crate::rules::RulesArgs,
    s: &clientele::warehouse::Summaries,
    max_len: Option<usize>,
) -> Result<crate::rules::Report, crate::rules::Failure> {
    use crate::rules::{Failure, Report};
    use clientele::basket::{BasketError, MinSupport};
    if args.sequences {
        return Err(Failure::Basket(BasketError::NotAvailable {
            what: "sales lines (summary files hold none, so no sequences: run raw mode)",
        }));
    }
    let support = MinSupport::from_setting(args.min_support, None).map_err(Failure::Basket)?;
    let rp = crate::rules::rule_params(args)?;
    clientele::warehouse::rules::rules_report(s, support, max_len, &rp).map(|r| Report::Rules(Box::new(r))).map_err(
        |e| match e {
            clientele::warehouse::rules::SummaryRulesError::Basket(b) => Failure::Basket(b),
            other => Failure::Summary(other),
        },
    )
}
