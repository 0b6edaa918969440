//! `clientele customers FILE... [--convention net|purchases-only] [--as-of DATE]
//! [--segment SCHEME:KEY] --csv`
//!
//! Prints the per-customer table, one row per customer with its facts, scores and the label of
//! every scheme, as CSV ([`clientele::segment::export::csv`]: formula-like cells neutralised).
//! `--segment tier:A` (or `rfm11:champions`, `quadrant:true_friends`, `flag:deal_seeker`...)
//! prints only that segment: the export for SMS and email tools. The numbers are those of the
//! page's table. `--control-share 0.1 --seed S [--lang zh-CN]` holds out a random control group
//! and adds the `group` column ([`clientele::campaign::split`]), as the page's exports do.

use std::process::ExitCode;

use clientele::campaign::split::{csv_with_group, ControlOptions, GroupLang};
use clientele::segment::{export, RowQuery, Scheme, SegmentRef};

use super::segments::{fail, segment, SegmentArgs};

/// Arguments of `clientele customers`.
#[derive(clap::Args, Debug)]
pub struct CustomersArgs {
    #[command(flatten)]
    pub common: SegmentArgs,
    /// Only the customers of one segment, as SCHEME:KEY (schemes: rfm11, rfm8, rule, tier,
    /// usage, quadrant, flag, lifecycle, class as `class:credit=Excellent`).
    #[arg(long, value_name = "SCHEME:KEY")]
    pub segment: Option<String>,
    /// CSV output (the only format; accepted for clarity).
    #[arg(long)]
    pub csv: bool,
    /// Hold out this share of the exported customers as a random control group (0 to 1, e.g.
    /// 0.1): adds a last column `group` (contacted / control). Do not contact the control group.
    #[arg(long, value_name = "SHARE")]
    pub control_share: Option<f64>,
    /// Seed of the control split (the page's seed gives the same split).
    #[arg(long, default_value = "0")]
    pub seed: String,
    /// Language of the `group` values: en (contacted / control) or zh-CN (触达组 / 对照组).
    #[arg(long, default_value = "en", value_parser = ["en", "zh-CN"])]
    pub lang: String,
}

fn parse_segment(s: &str) -> Option<SegmentRef> {
    let (scheme, key) = s.split_once(':')?;
    let scheme = match scheme {
        "rfm11" => Scheme::Rfm11,
        "rfm8" => Scheme::Rfm8,
        "rule" => Scheme::Rule,
        "tier" => Scheme::Tier,
        "usage" => Scheme::Usage,
        "quadrant" => Scheme::Quadrant,
        "flag" => Scheme::Flag,
        "lifecycle" => Scheme::Lifecycle,
        "class" => Scheme::Class,
        _ => return None,
    };
    Some(SegmentRef { scheme, key: key.to_owned() })
}

/// Runs `clientele customers`.
pub fn run(args: CustomersArgs) -> ExitCode {
    let segment_ref = match args.segment.as_deref().map(|s| parse_segment(s).ok_or(s)).transpose() {
        Ok(r) => r,
        Err(s) => {
            return fail(false, "cli.bad_segment", &format!("--segment {s:?} is not SCHEME:KEY (for example tier:A)"))
        }
    };
    let s = match segment(&args.common, false) {
        Ok(s) => s,
        Err(code) => return code,
    };
    let q = RowQuery { segment: segment_ref, ..RowQuery::default() };
    // A closed pipe (`| head`) ends the output quietly instead of panicking.
    // Control characters and bidirectional overrides in ids and labels are written as `\u{..}`
    // (line breaks kept), so that the CSV shown on a terminal cannot drive it.
    let csv = match args.control_share {
        None => export::csv(&s.table, &q),
        Some(share) => {
            let lang = if args.lang == "zh-CN" { GroupLang::ZhCn } else { GroupLang::En };
            let control = ControlOptions { share, seed: args.seed.clone(), lang };
            match csv_with_group(&s.table, &q, &control) {
                Ok(csv) => csv,
                Err(e) => return crate::report_error(false, &e),
            }
        }
    };
    let _ = std::io::Write::write_all(&mut std::io::stdout().lock(), crate::escape_controls(&csv, true).as_bytes());
    ExitCode::SUCCESS
}
