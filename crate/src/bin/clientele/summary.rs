//! `clientele summary FILE... [--json]`
//!
//! Reads the files into one session and prints the summary's findings
//! ([`clientele::insights::insights`], through [`clientele::Workspace::summary`] with the
//! default settings, as the page's Summary tab asks for them): each finding's numbers, the
//! customers it concerns and the action, then the findings the data cannot support with the
//! columns that would add them. With `--json` the output is the object the page receives;
//! errors print `{"error": {...}}` and exit 2.

use std::path::PathBuf;
use std::process::ExitCode;

use clientele::insights::{Finding, Insights, SummaryRequest};
use clientele::Workspace;

/// Arguments of `clientele summary`.
#[derive(clap::Args, Debug)]
pub struct SummaryArgs {
    /// One or more sales exports, read in order into one dataset.
    #[arg(required = true)]
    pub files: Vec<PathBuf>,
    /// Print the summary as JSON (the object the page shows).
    #[arg(long)]
    pub json: bool,
}

/// Runs `clientele summary`.
pub fn run(args: SummaryArgs) -> ExitCode {
    let session = match crate::read(&args.files) {
        Ok(s) => s,
        Err(e) => return crate::report_error(args.json, &e),
    };
    let mut ws = Workspace::from_session(session);
    let insights = match ws.summary(&SummaryRequest::default()) {
        Ok(i) => i,
        Err(e) => return crate::report_error(args.json, &e),
    };
    if args.json {
        match serde_json::to_string(&insights) {
            Ok(j) => out!("{j}"),
            Err(e) => return crate::segments::fail(true, "internal.serialise", &e.to_string()),
        }
    } else {
        print(&insights);
    }
    ExitCode::SUCCESS
}

fn money(x: f64) -> String {
    let s = format!("{:.2}", x.abs());
    let (int, frac) = s.split_once('.').unwrap_or((&s, "00"));
    let mut grouped = String::new();
    for (k, c) in int.chars().enumerate() {
        if k > 0 && (int.len() - k) % 3 == 0 {
            grouped.push(',');
        }
        grouped.push(c);
    }
    format!("{}{grouped}.{frac}", if x < 0.0 { "-" } else { "" })
}

fn pct(x: f64) -> String {
    format!("{:.1}%", 100.0 * x)
}

fn sentence(f: &Finding) -> String {
    let v = |k: &str| f.values.get(k).copied().unwrap_or(f64::NAN);
    let items = |f: &Finding| {
        f.items.as_ref().map_or_else(String::new, |it| {
            let steps: Vec<String> = it.antecedent.iter().map(|el| el.join(" + ")).collect();
            format!("{} → {}", steps.join(", then "), it.consequent.join(" + "))
        })
    };
    match f.id {
        "concentration" => format!(
            "The top 20% of customers ({:.0}) make {} of revenue (Gini {:.4}).",
            v("top20Customers"),
            pct(v("top20Share")),
            v("gini")
        ),
        "at_risk" => format!(
            "{:.0} valuable customers are at risk: they spent {} in the last year ({} in all).",
            v("customers"),
            money(v("lastYearRevenue")),
            money(v("revenue"))
        ),
        "win_back" => format!(
            "{:.0} big, frequent buyers have gone quiet (worth winning back): {} spent in all.",
            v("customers"),
            money(v("revenue"))
        ),
        "second_purchase" => format!(
            "{} of new customers ({:.0} of {:.0}) ordered again within {:.0} days; the median wait was {:.1} days.",
            pct(v("rate")),
            v("repeaters"),
            v("cohort"),
            v("windowDays"),
            v("medianDays")
        ),
        "below_zero" => {
            format!("{:.0} customers cost more than they bring: {} in all.", v("customers"), money(v("loss")))
        }
        "deal_seekers" => format!(
            "Deal seekers are {} of customers and {} of revenue.",
            pct(v("customerShare")),
            pct(v("revenueShare"))
        ),
        "declining" => format!(
            "{:.0} customers are declining: {} in the previous {:.0} days, {} in the last {:.0}.",
            v("customers"),
            money(v("previousSpend")),
            v("windowDays"),
            money(v("recentSpend")),
            v("windowDays")
        ),
        "cross_sell" => format!(
            "Best cross-sell: {}: {} of those baskets (lift {:.2}, {:.0} baskets).",
            items(f),
            pct(v("confidence")),
            v("lift"),
            v("count")
        ),
        "sequence" => format!(
            "Best sequence: {}: {} of those customers (lift {:.2}, {:.0} customers).",
            items(f),
            pct(v("confidence")),
            v("lift"),
            v("count")
        ),
        "clv" => format!(
            "The current customers are expected to spend {} over the next {:.0} months (CLV, {} a month discount).",
            money(v("expectedRevenue")),
            v("horizonMonths"),
            pct(v("monthlyDiscount"))
        ),
        other => other.to_owned(),
    }
}

fn print(s: &Insights) {
    out!("Summary of {} customers as of {}", s.customers, s.as_of);
    for f in &s.findings {
        out!("");
        out!("* {}", crate::shown(&sentence(f)));
        for w in &f.warnings {
            out!("  warning[{}]: {}", w.code, w.message);
        }
        if let Some(a) = f.advice {
            out!("  what to do ({}): {}", a.name_en, a.actions_en.join("; "));
        }
        let c = &f.customers;
        match &c.segment {
            Some(seg) => out!("  customers concerned: {} (export: segment {:?} {})", c.count, seg.scheme, seg.key),
            None => out!("  customers concerned: {}", c.count),
        }
    }
    if !s.left_out.is_empty() {
        out!("");
        out!("Left out (the data cannot support them):");
        for l in &s.left_out {
            let needs: Vec<&str> = l.needs.iter().map(|r| r.name()).collect();
            if needs.is_empty() {
                out!("  {:<16} too little data", l.id);
            } else {
                out!("  {:<16} needs a {} column", l.id, needs.join(" and a "));
            }
        }
    }
}
