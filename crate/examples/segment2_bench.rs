//! Times segmentation part two (issue 5: lifecycle, migration, cohorts, clusters, attribute
//! profiles) on Online Retail after ingest. Run with
//!
//! ```text
//! cargo run --release --example segment2_bench [-- REPEATS]
//! ```
//! Prints one JSON object of median times in milliseconds over REPEATS runs (default 21):
//!
//! - `lifecycle_ms`: stages of every customer at the day after the last line;
//! - `migration_ms`: stages at that date and 90 days earlier, and the matrix between them;
//! - `cohorts_ms`: the monthly cohort triangle;
//! - `cluster_sweep_ms`: k-means++ on the golden RFM (4,338 customers, purchases only) for
//!   k = 2..8, one seeding each (the default), silhouettes on the fixed 1,500-customer sample, seed 1;
//! - `profile_ms`: the demo store's attribute columns and main channel (`store_columns`) and
//!   the lifecycle stages profiled against them (5,000 customers; Online Retail has no
//!   attributes).
//!
//! Not a test: timings are never asserted.

use clientele::demo::{generate, DemoParams, SALES_FILE};
use clientele::ingest::values::DAY;
use clientele::model::{AttributeKind, LineItems, NO_CUSTOMER};
use clientele::segment::cluster::{cluster, ClusterInput, ClusterParams};
use clientele::segment::cohorts::cohorts;
use clientele::segment::lifecycle::{lifecycle, lifecycle_migration, LifecycleParams, Stage};
use clientele::segment::profile::{profile, store_columns, ProfileParams};
use clientele::Session;

mod common;
use common::time_ms;

fn shared(rel: &str) -> std::path::PathBuf {
    std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../shared/data").join(rel)
}

fn as_of(lines: &LineItems) -> i64 {
    (0..lines.len()).filter(|&i| lines.customer[i] != NO_CUSTOMER).map(|i| lines.time.at(i)).max().unwrap_or(0) + DAY
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let repeats: usize = std::env::args().nth(1).and_then(|a| a.parse().ok()).unwrap_or(21);
    let bytes = std::fs::read(shared("online_retail/OnlineRetail.csv.gz"))?;
    let mut s = Session::default();
    s.read_file("OnlineRetail.csv.gz", bytes.len() as u64, &bytes[..])?;
    let lines = s.lines();
    let date = as_of(lines);
    let p = LifecycleParams::default();
    let (lifecycle_ms, l) = time_ms(repeats, || lifecycle(lines, date, &p));
    let l = l?;
    let (migration_ms, m) = time_ms(repeats, || lifecycle_migration(lines, date - 90 * DAY, date, &p));
    let m = m?;
    let (cohorts_ms, c) = time_ms(repeats, || cohorts(lines, date));

    let text = std::fs::read_to_string(shared("online_retail/golden_rfm_purchases_only.csv"))?;
    let (mut r, mut f, mut mo) = (Vec::new(), Vec::new(), Vec::new());
    for line in text.lines().skip(1) {
        let cells: Vec<&str> = line.split(',').collect();
        r.push(cells[1].parse::<f64>()?);
        f.push(cells[2].parse::<f64>()?);
        mo.push(cells[3].parse::<f64>()?);
    }
    let input = ClusterInput { recency_days: &r, frequency: &f, monetary: &mo, extra: vec![] };
    let cp = ClusterParams { seed: Some(1), ..Default::default() };
    let (cluster_sweep_ms, k) = time_ms(repeats, || cluster(&input, &cp));
    let k = k?;

    let demo = generate(&DemoParams::default())?;
    let mut ds = Session::default();
    ds.read_file(SALES_FILE, demo.sales_csv.len() as u64, &demo.sales_csv[..])?;
    let mut dl = ds.lines().clone();
    if dl.attributes.column(AttributeKind::City).is_none() {
        // The customers file, joined by hand when ingest has not joined it.
        let text = String::from_utf8(demo.customers_csv.clone())?;
        let kinds = [
            AttributeKind::Gender,
            AttributeKind::Age,
            AttributeKind::City,
            AttributeKind::MemberLevel,
            AttributeKind::JoinDate,
        ];
        for row in text.trim_start_matches('\u{feff}').lines().skip(1) {
            let cells: Vec<&str> = row.split(',').collect();
            if let Some(c) = dl.customers.get(cells[0]) {
                for (j, &kind) in kinds.iter().enumerate() {
                    dl.attributes.column_mut(kind, kind_name(kind)).set(c, cells.get(j + 1).copied().unwrap_or(""));
                }
            }
        }
    }
    let ddate = as_of(&dl);
    let stages = lifecycle(&dl, ddate, &p)?;
    let names: Vec<String> = Stage::ALL.iter().map(|s| s.key().to_owned()).collect();
    let labels = stages.labels(dl.customers.len());
    let (profile_ms, pr) =
        time_ms(repeats, || profile(&names, &labels, &store_columns(&dl, ddate), &ProfileParams::default()));
    let pr = pr?;

    println!(
        "{{\"repeats\":{repeats},\"customers\":{},\"lifecycle_ms\":{lifecycle_ms:.3},\"migration_ms\":{migration_ms:.3},\"migration_newcomers\":{},\"cohorts_ms\":{cohorts_ms:.3},\"cohorts\":{},\"cluster_customers\":{},\"cluster_sweep_ms\":{cluster_sweep_ms:.3},\"cluster_k\":{},\"cluster_iterations\":{:?},\"profile_customers\":{},\"profile_columns\":{},\"profile_ms\":{profile_ms:.3}}}",
        l.customers.len(),
        m.matrix.rows[6].customers,
        c.cohorts.len(),
        r.len(),
        k.k,
        k.curve.iter().map(|s| s.iterations).collect::<Vec<_>>(),
        pr.customers,
        pr.columns.len(),
    );
    Ok(())
}

fn kind_name(kind: AttributeKind) -> &'static str {
    match kind {
        AttributeKind::Gender => "Gender",
        AttributeKind::Age => "Age Band",
        AttributeKind::City => "City",
        AttributeKind::Region => "Region",
        AttributeKind::MemberLevel => "Member Level",
        AttributeKind::JoinDate => "Join Date",
        AttributeKind::Credit => "Credit Rating",
        AttributeKind::Satisfaction => "Satisfaction",
    }
}
