//! `clientele compare EARLIER LATER [--convention net|purchases-only] [--window-days N] [--json]
//! [--cell SCHEME:FROM:TO]`
//!
//! The page's Compare tab on two files: each is segmented on its own (its own analysis date,
//! the last line + 1 day), and the RFM segments and value tiers of the earlier file's customers
//! are joined by id with the later file's ([`clientele::segment::compare`]). Prints per scheme
//! the kept, stayed, moved, new and absent customers and the from × to matrix; with `--json`
//! the [`clientele::segment::compare::Comparison`] the page receives. `--cell rfm11:at_risk:lost`
//! prints that cell's customers as CSV instead (`@new` as FROM for the customers new in the
//! later file, `@absent` as TO for those absent from it), as the page's cell export does.

use std::path::PathBuf;
use std::process::ExitCode;

use clientele::segment::compare::{cell_csv, compare, CellRef, CompareScheme, SchemeComparison};

use super::segments::{fail, segment, ConventionArg, SegmentArgs};

/// Arguments of `clientele compare`.
#[derive(clap::Args, Debug)]
pub struct CompareArgs {
    /// The earlier sales export (the saved analysis, in the page's terms).
    pub earlier: PathBuf,
    /// The later sales export (the loaded data).
    pub later: PathBuf,
    /// How returns count, for both files: `net` or `purchases-only`.
    #[arg(long, value_enum, default_value = "net")]
    pub convention: ConventionArg,
    /// Length of the recent and previous spend windows, days.
    #[arg(long, default_value_t = 90)]
    pub window_days: u32,
    /// Print the comparison as JSON (the object the page receives).
    #[arg(long)]
    pub json: bool,
    /// Print one cell's customers as CSV: SCHEME:FROM:TO (schemes rfm11, tier; `@new` as FROM,
    /// `@absent` as TO).
    #[arg(long, value_name = "SCHEME:FROM:TO")]
    pub cell: Option<String>,
}

fn parse_cell(s: &str) -> Option<CellRef> {
    let mut parts = s.splitn(3, ':');
    let scheme = CompareScheme::from_key(parts.next()?)?;
    let (from, to) = (parts.next()?, parts.next()?);
    Some(CellRef {
        scheme: Some(scheme),
        from: (from != "@new").then(|| from.to_owned()),
        to: (to != "@absent").then(|| to.to_owned()),
    })
}

/// Runs `clientele compare`.
pub fn run(args: CompareArgs) -> ExitCode {
    let cell = match args.cell.as_deref().map(|s| parse_cell(s).ok_or(s)).transpose() {
        Ok(c) => c,
        Err(s) => {
            return fail(
                args.json,
                "cli.bad_cell",
                &format!("--cell {s:?} is not SCHEME:FROM:TO (for example tier:A:B)"),
            )
        }
    };
    let side = |file: &PathBuf| SegmentArgs {
        files: vec![file.clone()],
        convention: args.convention,
        as_of: None,
        window_days: args.window_days,
        cost_per_order: 0.0,
        cost_per_return: 0.0,
        clv: false,
    };
    let (earlier, later) = match (segment(&side(&args.earlier), args.json), segment(&side(&args.later), args.json)) {
        (Ok(a), Ok(b)) => (a.table.label_set(), b.table.label_set()),
        (Err(code), _) | (_, Err(code)) => return code,
    };
    if let Some(cell) = cell {
        return match cell_csv(&earlier, &later, &cell) {
            Ok(c) => {
                let text = crate::escape_controls(&c.csv, true);
                let _ = std::io::Write::write_all(&mut std::io::stdout().lock(), text.as_bytes());
                ExitCode::SUCCESS
            }
            Err(e) => crate::report_error(args.json, &e),
        };
    }
    let c = match compare(&earlier, &later) {
        Ok(c) => c,
        Err(e) => return crate::report_error(args.json, &e),
    };
    if args.json {
        out!("{}", serde_json::to_string(&c).expect("the comparison serialises"));
        return ExitCode::SUCCESS;
    }
    out!(
        "{} customers in {}, {} in {}",
        c.saved_customers,
        args.earlier.display(),
        c.current_customers,
        args.later.display()
    );
    for scheme in CompareScheme::ALL {
        print_scheme(scheme, c.get(scheme));
    }
    ExitCode::SUCCESS
}

fn print_scheme(scheme: CompareScheme, s: &SchemeComparison) {
    let pct = |x: Option<f64>| x.map_or_else(|| "—".to_owned(), |x| format!("{:.1}%", 100.0 * x));
    out!(
        "{}: kept {}, stayed {} ({}), moved {} ({}), new {}, absent {}",
        scheme.key(),
        s.kept,
        s.stayed,
        pct(s.stayed_share),
        s.moved,
        pct(s.moved_share),
        s.new,
        s.absent
    );
    let m = &s.matrix;
    // One column per later label then @absent, each as wide as its header (at least a count).
    let heads: Vec<&str> = m.labels.iter().map(String::as_str).chain(["@absent"]).collect();
    let widths: Vec<usize> = heads.iter().map(|h| h.chars().count().max(6) + 1).collect();
    let first = m.labels.iter().map(|l| l.chars().count()).chain([9]).max().unwrap_or(9);
    let line = |name: &str, cells: &[String], total: String| {
        let cells: String = cells.iter().zip(&widths).map(|(c, &w)| format!("{c:>w$}")).collect();
        let text = format!("  {name:<first$}{cells} {total:>7}");
        out!("{}", text.trim_end());
    };
    line("from \\ to", &heads.iter().map(|h| (*h).to_owned()).collect::<Vec<_>>(), "total".to_owned());
    for r in &m.rows {
        let from = r.from.map_or("@new", |i| m.labels[i].as_str());
        let cells: Vec<String> = r.to.iter().chain([&r.no_longer]).map(u64::to_string).collect();
        line(from, &cells, r.customers.to_string());
    }
    line("total", &m.later_sizes.iter().map(u64::to_string).collect::<Vec<_>>(), String::new());
}
