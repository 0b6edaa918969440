//! `clientele`: the native command line over the same core the page runs as WebAssembly.
//!
//! ```text
//! clientele overview FILE... [--json] [--keep-zero-price] [--file-options JSON]
//! ```
//! With `--json` the output is exactly the object the page receives from the worker. An error
//! prints its structured report (`{"error": {...}}` with `--json`) and exits with status 2.

use std::fs::File;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// `println!` for the command's output: when the reader has gone (a closed pipe, as in
/// `clientele overview --json FILE | head`), the process exits quietly instead of panicking.
macro_rules! out {
    () => {
        $crate::emit(format_args!(""))
    };
    ($($arg:tt)*) => {
        $crate::emit(format_args!($($arg)*))
    };
}

mod campaign;
mod clv;
mod compare;
mod customers;
mod demo;
mod rules;
mod segments;
mod summary;
mod warehouse;

use clap::{Parser, Subcommand};
use clientele::ingest::FileOptions;
use clientele::{overview, IngestError, Session};

#[derive(Parser, Debug)]
#[command(name = "clientele", version, about = "Customer segmentation and basket analysis for retail sales exports")]
struct Cli {
    #[command(subcommand)]
    command: Command,
    /// How to read every input file: the page's mapping settings as JSON (FileOptions), e.g.
    /// '{"noHeader":true,"roles":["customer_id",null,"datetime","quantity","amount"]}'.
    #[arg(long, global = true, value_name = "JSON")]
    file_options: Option<String>,
    /// Keep zero-price lines as purchases worth 0 (by default they are dropped as zero_price).
    #[arg(long, global = true)]
    keep_zero_price: bool,
    /// Threads that read each plain-text file in byte ranges (default: the cores available;
    /// 1 reads with one thread and the least memory); the result is the same for any number.
    #[arg(long, global = true, value_name = "N")]
    threads: Option<usize>,
}

/// Writes one line of output (see `out!`). A closed pipe ends the process with status 0, the
/// reader having taken what it wanted; any other write error with status 2.
pub(crate) fn emit(args: std::fmt::Arguments<'_>) {
    use std::io::Write;
    let mut stdout = std::io::stdout().lock();
    if let Err(e) = stdout.write_fmt(args).and_then(|()| stdout.write_all(b"\n")) {
        if e.kind() == std::io::ErrorKind::BrokenPipe {
            std::process::exit(0);
        }
        eprintln!("error[io.write]: the output could not be written: {e}");
        std::process::exit(2);
    }
}

/// `s` as text mode prints it: every character that could drive a terminal is written as
/// `\u{..}` (C0 controls, DEL, C1 controls and the bidirectional marks and overrides such as
/// U+202E), so a file, entry, column, item or customer name can neither send escape sequences
/// nor reorder what follows it on the screen. Everything else is left as it is.
pub(crate) fn shown(s: &str) -> std::borrow::Cow<'_, str> {
    escape_controls(s, false)
}

/// [`shown`] for multi-line output such as CSV: line breaks (`\n`, `\r`) and tabs are kept.
pub(crate) fn escape_controls(s: &str, keep_lines: bool) -> std::borrow::Cow<'_, str> {
    let drives = |c: char| {
        let line = matches!(c, '\n' | '\r' | '\t');
        (c < ' ' && !(keep_lines && line))
            || ('\u{7f}'..='\u{9f}').contains(&c)
            || matches!(c, '\u{061c}' | '\u{200e}' | '\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
    };
    if !s.chars().any(drives) {
        return std::borrow::Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        if drives(c) {
            out.push_str(&format!("\\u{{{:x}}}", c as u32));
        } else {
            out.push(c);
        }
    }
    std::borrow::Cow::Owned(out)
}

/// The reading options of this run, set once from the global flags.
static READ_OPTIONS: std::sync::OnceLock<FileOptions> = std::sync::OnceLock::new();

/// The threads each file is read with (`--threads`, default the available cores).
static READ_THREADS: std::sync::OnceLock<usize> = std::sync::OnceLock::new();

#[derive(Subcommand, Debug)]
enum Command {
    /// Reads sales exports (CSV/TSV, optionally gzipped) and prints the overview: rows read,
    /// kept and dropped by reason, customers, orders, revenue and the date range.
    Overview {
        /// One or more files, read in order into one dataset.
        #[arg(required = true)]
        files: Vec<PathBuf>,
        /// Print the overview as JSON (the same object the page shows).
        #[arg(long)]
        json: bool,
    },
    /// Fits BG/NBD, Pareto/NBD and Gamma-Gamma and predicts each customer's purchases,
    /// P(alive), spend and lifetime value; optionally validates on a holdout period.
    Clv(clv::ClvArgs),
    /// Mines frequent itemsets (FP-growth) and association rules from orders or basket-format files.
    Rules(rules::RulesArgs),
    /// Writes the demo store (sales, customers, planted truth) into a directory.
    Demo(demo::DemoArgs),
    /// Prints the per-customer table (facts, RFM scores, every segment label) as CSV.
    Customers(customers::CustomersArgs),
    /// Prints the segment summaries (RFM, 8 classes, tiers, deciles, quadrant, flags).
    Segments(segments::SegmentsArgs),
    /// Compares two periods: who moved between the RFM segments and the value tiers from the
    /// earlier file to the later one, with the new and absent customers apart.
    Compare(compare::CompareArgs),
    /// Measures a campaign against its control group: response rates, uplift with 95% intervals, ROI.
    Campaign(campaign::CampaignArgs),
    /// Prints the summary: the findings the data supports (concentration, customers at risk,
    /// second purchase, cross-sell, CLV...) and the columns that would add the others.
    Summary(summary::SummaryArgs),
    /// Warehouse mode: prints the recipe that summarises `sales_lines` inside DuckDB, Spark, Postgres or BigQuery.
    Warehouse(warehouse::WarehouseArgs),
    /// Prints every error code the core can produce, as a JSON array (the page's tests check
    /// each has a message in both languages).
    #[command(hide = true)]
    ErrorCodes,
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let mut options = match cli.file_options.as_deref().map(serde_json::from_str::<FileOptions>) {
        None => FileOptions::default(),
        Some(Ok(o)) => o,
        Some(Err(e)) => {
            eprintln!("error[cli.bad_file_options]: --file-options is not valid FileOptions JSON: {e}");
            return ExitCode::from(2);
        }
    };
    options.keep_zero_price |= cli.keep_zero_price;
    READ_OPTIONS.set(options).expect("set once");
    let cores = || std::thread::available_parallelism().map_or(1, std::num::NonZeroUsize::get);
    READ_THREADS.set(cli.threads.unwrap_or_else(cores).max(1)).expect("set once");
    match cli.command {
        Command::Clv(args) => clv::run(args),
        Command::Rules(args) => rules::run(args),
        Command::Demo(args) => demo::run(args),
        Command::Customers(args) => customers::run(args),
        Command::Segments(args) => segments::run(args),
        Command::Campaign(args) => campaign::run(args),
        Command::Compare(args) => compare::run(args),
        Command::Summary(args) => summary::run(args),
        Command::Warehouse(args) => warehouse::run(args),
        Command::ErrorCodes => {
            out!("{}", serde_json::json!(clientele::error::ERROR_CODES));
            ExitCode::SUCCESS
        }
        Command::Overview { files, json } => match read(&files) {
            Ok(session) => {
                let ov = overview(&session);
                if json {
                    out!("{}", serde_json::to_string(&ov).expect("the overview serialises"));
                } else {
                    print_overview(&ov);
                }
                ExitCode::SUCCESS
            }
            Err(e) => report_error(json, &e),
        },
    }
}

/// Prints an error of any stage, `{"error": {code, params, file, row, column, message}}` with
/// `--json` (the object the page receives) and one line on stderr; returns exit status 2.
pub(crate) fn report_error(json: bool, e: &dyn clientele::Coded) -> ExitCode {
    if json {
        out!("{}", serde_json::json!({ "error": clientele::ErrorReport::of(e) }));
    }
    eprintln!("error[{}]: {}", e.code(), shown(&e.to_string()));
    ExitCode::from(2)
}

/// Reads the files in order into one session, as the page does (the same reader, in chunks).
pub(crate) fn read(files: &[PathBuf]) -> Result<Session, IngestError> {
    read_as(files, false)
}

/// [`read`], with every file read as basket-format text when `baskets` is set.
pub(crate) fn read_as(files: &[PathBuf], baskets: bool) -> Result<Session, IngestError> {
    let mut session = Session::default();
    for path in files {
        let name = file_name(path);
        let file = File::open(path).map_err(|_| IngestError::Protocol { detail: "a file could not be opened" })?;
        let meta = file.metadata().ok();
        let bytes = meta.as_ref().map_or(0, std::fs::Metadata::len);
        let mut options = READ_OPTIONS.get().cloned().unwrap_or_default();
        options.baskets |= baskets;
        let threads = READ_THREADS.get().copied().unwrap_or(1);
        if cfg!(unix) && threads > 1 && meta.is_some_and(|m| m.is_file()) {
            session.read_parallel_with(&name, &file, options, threads)?;
        } else {
            session.read_file_with(&name, bytes, options, file)?;
        }
    }
    Ok(session)
}

/// The file's base name: what the browser's `File.name` gives, so both sides report the same.
fn file_name(path: &Path) -> String {
    path.file_name().map_or_else(|| path.display().to_string(), |n| n.to_string_lossy().into_owned())
}

fn print_overview(ov: &clientele::Overview) {
    for f in &ov.files {
        out!(
            "{} ({} bytes, container {}, {}, delimiter {:?})",
            shown(&f.name),
            f.bytes,
            f.container,
            f.encoding,
            f.delimiter
        );
        let roles: Vec<String> =
            f.columns.iter().filter_map(|c| c.role.map(|r| format!("{} → {}", shown(&c.name), r.name()))).collect();
        out!("  columns: {}", roles.join(", "));
        let s = &f.stats;
        out!(
            "  in the file: {} customers, {} orders ({} cancelled), {} products, from {} to {}",
            s.customers,
            opt(s.orders),
            opt(s.cancelled_orders),
            opt(s.products),
            s.first.as_deref().unwrap_or("—"),
            s.last.as_deref().unwrap_or("—")
        );
    }
    let r = &ov.rows;
    out!("rows read {}: {} purchase lines, {} return lines, {} dropped", r.read, r.purchase, r.returns, r.dropped);
    if r.summary_rows > 0 {
        out!("  {} rows of warehouse summary files", r.summary_rows);
    }
    for d in &r.dropped_by_reason {
        out!("  dropped {:>10}  {:?}", d.rows, d.reason);
    }
    for f in &r.flagged {
        out!("  flagged {:>10}  {:?}", f.rows, f.flag);
    }
    let s = &ov.sales;
    let money = if ov.allows.money {
        format!("gross sales {:.2}, returns {:.2}, net revenue {:.2}", s.gross_sales, s.returns, s.net_revenue)
    } else {
        "no money (the files have no amount or unit price)".to_owned()
    };
    out!(
        "kept: {} customers, {} orders ({} guest orders); {}; {} to {}",
        s.customers,
        s.orders,
        s.guest_orders,
        money,
        s.first.as_deref().unwrap_or("—"),
        s.last.as_deref().unwrap_or("—")
    );
    if let Some(w) = &ov.warehouse {
        out!(
            "these are warehouse summaries from {} ({}); needs the sales lines: {}",
            shown(&w.engine),
            w.tables.join(", "),
            w.needs_raw_lines.join(", ")
        );
    }
    out!("what this data allows:");
    for c in &ov.allows.analyses {
        let needs: Vec<&str> = c.needs.iter().map(|r| r.name()).collect();
        let state = if c.available { "yes".to_owned() } else { format!("needs {}", needs.join(", ")) };
        out!("  {:<12} {}", c.analysis.name(), state);
    }
}

fn opt(v: Option<u64>) -> String {
    v.map_or_else(|| "—".to_owned(), |v| v.to_string())
}

#[cfg(test)]
mod tests {
    use super::{escape_controls, shown};

    #[test]
    fn names_cannot_drive_the_terminal() {
        assert_eq!(shown("plain 名字 café"), "plain 名字 café");
        assert_eq!(shown("\x1b[31mred\x1b[0m"), "\\u{1b}[31mred\\u{1b}[0m");
        assert_eq!(
            shown("a\u{9b}b\u{7f}c\u{202e}d\u{2066}e\u{200f}"),
            "a\\u{9b}b\\u{7f}c\\u{202e}d\\u{2066}e\\u{200f}"
        );
        assert_eq!(shown("two\nlines\tand\rcr\x07"), "two\\u{a}lines\\u{9}and\\u{d}cr\\u{7}");
        assert_eq!(escape_controls("a,b\r\nc\x1b,\"x\ny\"\n", true), "a,b\r\nc\\u{1b},\"x\ny\"\n");
    }
}
