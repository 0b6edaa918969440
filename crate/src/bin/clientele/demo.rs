//! `clientele demo [--seed N] [--customers N] [--years N] [--lang zh|en] --out DIR [--json]`
//!
//! Writes the demo store ([`clientele::demo`]) into DIR: `demo_sales.csv`,
//! `demo_customers.csv` and `demo_truth.json`, the same bytes the page generates for the same
//! parameters, and the planted campaign ([`clientele::campaign::demo`]): `demo_campaign.csv`,
//! `demo_campaign_orders.csv` and its truth as `campaign` in `demo_truth.json`. The rows are streamed to disk, so a million customers (about 25 million lines)
//! need no more memory than a few bytes per customer and one time window of events.

use std::fs::File;
use std::io::BufWriter;
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Instant;

use clientele::demo::{truth_json, write_demo, DemoError, DemoParams, Lang, CUSTOMERS_FILE, SALES_FILE, TRUTH_FILE};

/// Arguments of `clientele demo`.
#[derive(clap::Args, Debug)]
pub struct DemoArgs {
    /// Seed: the same seed gives the same files on every platform.
    #[arg(long, default_value_t = DemoParams::default().seed)]
    seed: u64,
    /// Number of customers (1 to 9,999,999); about 12 orders each.
    #[arg(long, default_value_t = DemoParams::default().customers)]
    customers: u32,
    /// Years of history (1 to 10), ending 31 December 2025.
    #[arg(long, default_value_t = DemoParams::default().years)]
    years: u32,
    /// Language of headers, product names, cities and statuses: zh or en.
    #[arg(long, default_value = "zh")]
    lang: String,
    /// Directory to write into (created if missing).
    #[arg(long, value_name = "DIR")]
    out: PathBuf,
    /// Print the summary as JSON.
    #[arg(long)]
    json: bool,
}

/// Runs `clientele demo`.
pub fn run(args: DemoArgs) -> ExitCode {
    match write(&args) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => crate::report_error(args.json, &e),
    }
}

fn write(args: &DemoArgs) -> Result<(), DemoError> {
    let lang: Lang = args.lang.parse()?;
    let params = DemoParams { seed: args.seed, customers: args.customers, years: args.years, lang };
    params.validate()?;
    std::fs::create_dir_all(&args.out)?;
    let started = Instant::now();
    let mut sales = BufWriter::with_capacity(1 << 20, File::create(args.out.join(SALES_FILE))?);
    let mut customers = BufWriter::with_capacity(1 << 16, File::create(args.out.join(CUSTOMERS_FILE))?);
    let truth = write_demo(&params, &mut sales, &mut customers)?;
    drop((sales, customers));
    std::fs::write(args.out.join(TRUTH_FILE), truth_json(&truth))?;
    plant_campaign(&args.out, &truth)?;
    let seconds = started.elapsed().as_secs_f64();
    let c = &truth.counts;
    if args.json {
        let summary = serde_json::json!({
            "out": args.out.display().to_string(),
            "files": [SALES_FILE, CUSTOMERS_FILE, TRUTH_FILE],
            "customers": c.customers,
            "orders": c.orders,
            "sale_lines": c.sale_lines,
            "return_lines": c.return_lines,
            "sales_bytes": truth.files.sales.bytes,
            "seconds": seconds,
        });
        out!("{summary}");
    } else {
        out!(
            "wrote {} customers, {} orders, {} lines ({} returns), {} bytes of sales, {} to {}, into {} in {seconds:.2} s",
            c.customers,
            c.orders,
            c.sale_lines + c.return_lines,
            c.return_lines,
            truth.files.sales.bytes,
            truth.first_day,
            truth.last_day,
            args.out.display()
        );
    }
    Ok(())
}

/// Plants the campaign ([`clientele::campaign::demo`]): writes its two files and adds its truth
/// to `demo_truth.json` as `campaign`.
fn plant_campaign(out: &std::path::Path, truth: &clientele::demo::Truth) -> Result<(), DemoError> {
    use clientele::campaign::demo::{plant_in, truth_json, CAMPAIGN_FILE, ORDERS_FILE};
    let sales = std::fs::read(out.join(SALES_FILE))?;
    let c = plant_in(&sales, truth).map_err(|e| DemoError::Io(std::io::Error::other(e.to_string())))?;
    std::fs::write(out.join(CAMPAIGN_FILE), &c.campaign_csv)?;
    std::fs::write(out.join(ORDERS_FILE), &c.orders_csv)?;
    std::fs::write(out.join(TRUTH_FILE), truth_json(truth, &c.truth))?;
    Ok(())
}
