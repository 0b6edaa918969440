//! `clientele campaign SALES... --campaign FILE --start DATE --window-days N
//! [--cost-per-contact X] [--margin M] [--json]`
//!
//! Reads the sales files into one session and the campaign file (customer id, group, optional
//! segment and start), and prints [`clientele::campaign::analyse`]: per group customers,
//! responders, response rate, orders and net sales per customer; the uplift with its 95%
//! intervals (Newcombe–Wilson, Welch); incremental revenue and ROI; the same per segment. With
//! `--json` the output is the object the page's Campaign tab shows; errors print
//! `{"error": {...}}` and exit 2.

use std::path::PathBuf;
use std::process::ExitCode;

use clientele::campaign::{analyse, read_campaign, CampaignOptions, CampaignReport, GroupStats};

/// Arguments of `clientele campaign`.
#[derive(clap::Args, Debug)]
pub struct CampaignArgs {
    /// One or more sales exports, read in order into one dataset.
    #[arg(required = true)]
    pub files: Vec<PathBuf>,
    /// The campaign file: customer id, group (contacted / control, 触达组 / 对照组, 1 / 0),
    /// optional segment and start columns.
    #[arg(long, value_name = "FILE")]
    pub campaign: PathBuf,
    /// Start of the campaign (YYYY-MM-DD); a start column of the file wins per row.
    #[arg(long, value_name = "DATE")]
    pub start: Option<String>,
    /// Response window, days from the start.
    #[arg(long, default_value_t = 30)]
    pub window_days: u32,
    /// Cost of one contact (for the ROI).
    #[arg(long, default_value_t = 0.0)]
    pub cost_per_contact: f64,
    /// Profit share of net sales, 0 to 1 (1: revenue counted as profit).
    #[arg(long, default_value_t = 1.0)]
    pub margin: f64,
    /// Print the result as JSON (the object the page shows).
    #[arg(long)]
    pub json: bool,
}

/// Runs `clientele campaign`.
pub fn run(a: CampaignArgs) -> ExitCode {
    let session = match crate::read(&a.files) {
        Ok(s) => s,
        Err(e) => return crate::report_error(a.json, &e),
    };
    let bytes = match std::fs::read(&a.campaign) {
        Ok(b) => b,
        Err(e) => {
            let name = a.campaign.display().to_string();
            let err = clientele::campaign::CampaignError::Unreadable { file: name, detail: e.to_string() };
            return crate::report_error(a.json, &err);
        }
    };
    let name =
        a.campaign.file_name().map_or_else(|| a.campaign.display().to_string(), |n| n.to_string_lossy().into_owned());
    let file = match read_campaign(&name, &bytes) {
        Ok(f) => f,
        Err(e) => return crate::report_error(a.json, &e),
    };
    let options = CampaignOptions {
        start: a.start.clone(),
        window_days: a.window_days,
        cost_per_contact: a.cost_per_contact,
        margin: a.margin,
    };
    let report = match analyse(session.lines(), &file, &options) {
        Ok(r) => r,
        Err(e) => return crate::report_error(a.json, &e),
    };
    if a.json {
        out!("{}", serde_json::to_string(&report).expect("the campaign report serialises"));
    } else {
        print_report(&report);
    }
    ExitCode::SUCCESS
}

fn pct(x: Option<f64>) -> String {
    x.map_or_else(|| "—".to_owned(), |v| format!("{:.2}%", 100.0 * v))
}

fn num(x: Option<f64>) -> String {
    x.map_or_else(|| "—".to_owned(), |v| format!("{v:.2}"))
}

fn group_line(name: &str, g: &GroupStats) -> String {
    format!(
        "  {name:<10} {:>8} customers  {:>7} responders  rate {} [{}, {}]  {:>7} orders  net sales/customer {}",
        g.customers,
        g.responders,
        pct(g.response_rate),
        pct(g.response_rate_low),
        pct(g.response_rate_high),
        g.orders,
        num(g.net_sales_per_customer)
    )
}

fn print_report(r: &CampaignReport) {
    out!(
        "campaign {}: {} rows, start {}, window {} days",
        crate::shown(&r.file),
        r.rows,
        r.start.as_deref().unwrap_or("per row"),
        r.window_days
    );
    out!("{}", group_line("contacted", &r.groups.contacted));
    out!("{}", group_line("control", &r.groups.control));
    let u = &r.uplift;
    out!(
        "  uplift: response rate {} [{}, {}]; net sales/customer {} [{}, {}]",
        pct(Some(u.response_rate).filter(|v| v.is_finite())),
        pct(u.response_rate_low),
        pct(u.response_rate_high),
        num(Some(u.net_sales_per_customer).filter(|v| v.is_finite())),
        num(u.net_sales_per_customer_low),
        num(u.net_sales_per_customer_high)
    );
    out!(
        "  incremental revenue {} [{}, {}]; cost {:.2}; incremental profit {}; ROI {}",
        num(u.incremental_revenue),
        num(u.incremental_revenue_low),
        num(u.incremental_revenue_high),
        u.cost,
        num(u.incremental_profit),
        pct(u.roi)
    );
    out!(
        "  not in the sales: {} contacted, {} control; {} rows without a customer id, {} repeated rows",
        r.not_in_sales.contacted,
        r.not_in_sales.control,
        r.rows_without_customer,
        r.duplicate_rows
    );
    if !r.segments.is_empty() {
        out!("by segment ({}):", r.segment_source);
        for s in &r.segments {
            out!(
                "  {:<24} contacted {} / {}, control {} / {}, uplift {} [{}, {}]",
                crate::shown(&s.segment),
                s.groups.contacted.responders,
                s.groups.contacted.customers,
                s.groups.control.responders,
                s.groups.control.customers,
                pct(Some(s.uplift.response_rate).filter(|v| v.is_finite())),
                pct(s.uplift.response_rate_low),
                pct(s.uplift.response_rate_high)
            );
        }
    }
}
