//! `clientele segments FILE... [--convention net|purchases-only] [--as-of DATE] [--window-days N]
//! [--cost-per-order X] [--cost-per-return X] [--json]`
//!
//! Reads the files into one session and prints the segment summaries of
//! [`clientele::segment::analyse`]: RFM edges and named segments, 8 classes, tiers, deciles,
//! quadrant and flags. With `--json` the output is the [`clientele::segment::Segmentation`] the
//! page receives, plus the two results the page's Lifecycle tab asks for separately at the same
//! analysis date: `cohorts` ([`clientele::segment::cohorts::cohorts`], the heatmap's triangle)
//! and `lifecycleMigration` (the stages 90 days earlier and at the analysis date and the matrix
//! between them, [`clientele::segment::views::lifecycle_view`] with the default
//! thresholds, without the per-customer lists), so the page can be compared with the CLI; the
//! summary's `classes` splits the optional classes (credit, satisfaction, member level) by tier
//! and quadrant ([`clientele::segment::classes`]); its `responseCurves` are the response curves
//! per named segment and overall, with the P(alive) curve under `--clv`
//! ([`clientele::segment::curves`]); errors
//! print `{"error": {...}}` and exit 2.

use std::path::PathBuf;
use std::process::ExitCode;

use clientele::ingest::values::{parse_datetime, DAY};
use clientele::segment::cohorts::cohorts;
use clientele::segment::facts::{Convention, FactOptions};
use clientele::segment::views::{lifecycle_view, LifecycleRequest};
use clientele::segment::{analyse, SegmentOptions, Segmentation, Segmented};
use clientele::Session;

/// Options shared by `clientele segments` and `clientele customers`.
#[derive(clap::Args, Debug)]
pub struct SegmentArgs {
    /// One or more sales exports, read in order into one dataset.
    #[arg(required = true)]
    pub files: Vec<PathBuf>,
    /// How returns count: `net` (monetary = net sales, the default) or `purchases-only`
    /// (purchase lines only, monetary = gross sales: the common tutorial convention).
    #[arg(long, value_enum, default_value = "net")]
    pub convention: ConventionArg,
    /// Analysis date (YYYY-MM-DD or YYYY-MM-DD HH:MM:SS); default: the last line + 1 day.
    #[arg(long, value_name = "DATE")]
    pub as_of: Option<String>,
    /// Length of the recent and previous spend windows, days.
    #[arg(long, default_value_t = 90)]
    pub window_days: u32,
    /// Cost to serve one order (customer profit).
    #[arg(long, default_value_t = 0.0)]
    pub cost_per_order: f64,
    /// Cost to serve one return order.
    #[arg(long, default_value_t = 0.0)]
    pub cost_per_return: f64,
    /// Fit BG/NBD + Gamma-Gamma first: the quadrant's loyalty is P(alive) and "most growable"
    /// ranks by predicted 12-month CLV.
    #[arg(long)]
    pub clv: bool,
}

#[derive(clap::ValueEnum, Clone, Copy, Debug)]
pub enum ConventionArg {
    Net,
    PurchasesOnly,
}

/// Arguments of `clientele segments`.
#[derive(clap::Args, Debug)]
pub struct SegmentsArgs {
    #[command(flatten)]
    pub common: SegmentArgs,
    /// Print the summaries as JSON (the object the page shows).
    #[arg(long)]
    pub json: bool,
}

pub(crate) fn fail(json: bool, code: &str, message: &str) -> ExitCode {
    if json {
        out!("{}", serde_json::json!({ "error": { "code": code, "message": message } }));
    }
    eprintln!("error[{code}]: {message}");
    ExitCode::from(2)
}

/// Reads the files and runs the segmentation; on failure prints the error and returns the exit code.
pub(crate) fn segment(a: &SegmentArgs, json: bool) -> Result<Segmented, ExitCode> {
    read_and_segment(a, json).map(|(_, s)| s)
}

/// [`segment`], keeping the session for the analyses that read the lines again.
fn read_and_segment(a: &SegmentArgs, json: bool) -> Result<(Session, Segmented), ExitCode> {
    let as_of = match a.as_of.as_deref().map(|s| parse_datetime(s).ok_or(s)).transpose() {
        Ok(t) => t,
        Err(s) => return Err(fail(json, "cli.bad_date", &format!("--as-of {s:?} is not a date (use YYYY-MM-DD)"))),
    };
    let session = match crate::read(&a.files) {
        Ok(s) => s,
        Err(e) => return Err(crate::report_error(json, &e)),
    };
    // Without customer ids (or dates) there is nobody to segment: a coded refusal, exit 2.
    let allows = clientele::capabilities::allows(session.lines());
    if let Err(e) = allows.check(clientele::capabilities::Analysis::RfSegments) {
        return Err(crate::report_error(json, &e));
    }
    let mut options = SegmentOptions {
        facts: FactOptions {
            convention: match a.convention {
                ConventionArg::Net => Convention::Net,
                ConventionArg::PurchasesOnly => Convention::PurchasesOnly,
            },
            as_of,
            window_days: a.window_days,
        },
        ..SegmentOptions::default()
    };
    options.value.cost_per_order = a.cost_per_order;
    options.value.cost_per_return = a.cost_per_return;
    if a.clv {
        options.clv = true;
        options.quadrant.loyalty = clientele::segment::quadrant::LoyaltyBasis::PAlive;
    }
    let s = analyse(session.lines(), &options).map_err(|e| crate::report_error(json, &e))?;
    Ok((session, s))
}

/// The summary with the `cohorts` and `lifecycleMigration` sections (see the module docs).
fn summary_json(session: &Session, s: &Segmentation) -> Result<serde_json::Value, String> {
    let mut out = serde_json::to_value(s).map_err(|e| e.to_string())?;
    let as_of = parse_datetime(&s.facts.as_of).ok_or("the analysis date does not parse")?;
    let lines = session.lines();
    let request = LifecycleRequest { earlier: as_of - 90 * DAY, later: as_of, params: s.options.lifecycle };
    let life = lifecycle_view(lines, &request).map_err(|e| e.to_string())?;
    let o = out.as_object_mut().ok_or("the summary is not an object")?;
    o.insert("cohorts".into(), serde_json::to_value(cohorts(lines, as_of)).map_err(|e| e.to_string())?);
    o.insert("lifecycleMigration".into(), serde_json::to_value(life).map_err(|e| e.to_string())?);
    Ok(out)
}

/// Runs `clientele segments`.
pub fn run(args: SegmentsArgs) -> ExitCode {
    let (session, s) = match read_and_segment(&args.common, args.json) {
        Ok(s) => s,
        Err(code) => return code,
    };
    if args.json {
        match summary_json(&session, &s.summary) {
            Ok(j) => {
                let _ = std::io::Write::write_all(&mut std::io::stdout().lock(), format!("{j}\n").as_bytes());
            }
            Err(e) => return fail(true, "internal.serialise", &e.to_string()),
        }
    } else {
        print_summary(&s.summary);
    }
    ExitCode::SUCCESS
}

fn print_summary(s: &Segmentation) {
    let f = &s.facts;
    out!(
        "{} customers as of {} ({:?} convention; profit basis {}); skipped: {} guest lines, {} lines after the date, {} outside the convention, {} customers without purchases",
        s.customers,
        f.as_of,
        f.convention,
        f.profit_basis,
        f.skipped.guest_lines,
        f.skipped.lines_after_as_of,
        f.skipped.lines_outside_convention,
        f.skipped.customers_without_purchases
    );
    if !f.needs.is_empty() {
        out!("columns that would enable more: {}", f.needs.join(", "));
    }
    if f.needs.contains(&"amount") {
        // No money: recency and frequency only; nothing in money is printed as if it were.
        for e in s.rfm.edges.iter().take(2) {
            let bins: Vec<String> =
                e.bins.iter().map(|b| format!("{}: {}..{} ({})", b.score, b.min, b.max, b.customers)).collect();
            out!("{:?} scores  {}", e.metric, bins.join("  "));
        }
        out!("RF grid (recency score × frequency score: customers)");
        for c in s.rfm.heatmap.iter().filter(|c| c.customers > 0) {
            out!("  R{} F{}  {:>8} customers", c.r, c.f, c.customers);
        }
        out!("lifecycle stages");
        for st in &s.lifecycle.stages {
            out!("  {:<24} {:>8} customers", format!("{:?}", st.stage), st.customers);
        }
        out!("monetary scores, RFM segments, 8 classes, value tiers, deciles, quadrant, value flags: need an amount column (or a unit price)");
        return;
    }
    for e in &s.rfm.edges {
        let bins: Vec<String> =
            e.bins.iter().map(|b| format!("{}: {}..{} ({})", b.score, b.min, b.max, b.customers)).collect();
        out!("{:?} scores  {}", e.metric, bins.join("  "));
    }
    let table = |title: &str, v: &[clientele::segment::SegmentSize]| {
        out!("{title}");
        for x in v {
            out!(
                "  {:<24} {:>8} customers {:>6.2}%  revenue {:>6.2}%",
                x.key,
                x.customers,
                100.0 * x.customer_share,
                100.0 * x.revenue_share
            );
        }
    };
    table("RFM segments", &s.rfm.named);
    table("8 classes", &s.rfm.eight_class);
    table(&format!("value tiers (by {})", s.tiers.basis), &s.tiers.tiers);
    table("heavy / medium / light", &s.tiers.usage);
    out!("quadrant (profit {}, loyalty {:?})", s.quadrant.profit_basis, s.quadrant.loyalty_basis);
    for q in &s.quadrant.sizes {
        out!(
            "  {:<24} {:>8} customers {:>6.2}%  sales {:>6.2}%",
            q.key,
            q.customers,
            100.0 * q.customer_share,
            100.0 * q.sales_share
        );
    }
    let d = &s.deciles;
    let tops: Vec<String> =
        d.top.iter().map(|t| format!("top {}%: {:.1}%", t.percent, 100.0 * t.sales_share)).collect();
    out!("Gini {:.4}; {}", d.gini, tops.join(", "));
    for c in &s.flags.counts {
        match c.needs {
            Some(col) => out!("  {:<24} needs a {col} column", c.key),
            None => out!("  {:<24} {:>8} customers", c.key, c.customers),
        }
    }
}
