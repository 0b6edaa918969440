//! `clientele rules`: frequent itemsets and association rules.
//!
//! ```text
//! clientele rules FILE... --min-support S --min-confidence C [--max-len N]
//!                 [--items product|category] [--basket-format] [--exclude ITEM]...
//!                 [--min-lift L] [--multi-consequent] [--prune-redundant] [--sort lift|…]
//!                 [--top N] [--json]
//! clientele rules FILE... --sequences --min-support S --min-confidence C
//!                 [--mingap D] [--maxgap D] [--maxwin D] [--max-len N] [--json]
//! ```
//! Files are read as by `overview` and the page: one basket per order of the purchase lines; a
//! file of one basket per line, items separated by commas and no header (arules'
//! `groceries.csv`), is recognised as such, and `--basket-format` only insists that every file
//! is one (the reader's basket mode, [`clientele::ingest::FileOptions::baskets`]). `--json` prints the [`RulesReport`] the page receives; in it a conviction of
//! +∞ is the string `"Infinity"`.
//!
//! With `--sequences`, each customer's baskets are ordered by day and the output is sequential
//! patterns and "A, then B within [mingap, maxgap] days" rules (arulesSequences' `cspade`
//! semantics; support counts customers; `--max-len` limits the number of elements): the
//! [`SequencesReport`] with `--json`.

use std::path::PathBuf;
use std::process::ExitCode;

use clientele::basket::{
    rules_report, sequences_report, BasketError, FpGrowthParams, ItemKey, MinSupport, RuleParams, RuleSort,
    RulesReport, SequenceParams, SequencesReport, Transactions, ValidRuleParams,
};

#[derive(clap::ValueEnum, Debug, Clone, Copy, PartialEq, Eq)]
pub enum Items {
    Product,
    Category,
}

#[derive(clap::ValueEnum, Debug, Clone, Copy, PartialEq, Eq)]
pub enum Sort {
    Lift,
    Confidence,
    Support,
    Leverage,
    Conviction,
}

/// Mines frequent itemsets (FP-growth) and association rules from baskets.
#[derive(clap::Args, Debug)]
pub struct RulesArgs {
    /// One or more files, read in order into one dataset.
    #[arg(required = true)]
    pub files: Vec<PathBuf>,
    /// Minimum support: a share of baskets in (0, 1], or a basket count when above 1.
    #[arg(long, default_value_t = 0.01)]
    pub min_support: f64,
    /// Minimum confidence, inclusive.
    #[arg(long, default_value_t = 0.5)]
    pub min_confidence: f64,
    /// Longest itemset (and rule) mined.
    #[arg(long)]
    pub max_len: Option<usize>,
    /// What an item is.
    #[arg(long, value_enum, default_value_t = Items::Product)]
    pub items: Items,
    /// Files hold one basket per line, items separated by commas, no header.
    #[arg(long)]
    pub basket_format: bool,
    /// Leave this item out (repeatable), e.g. `--exclude POST --exclude DOT`.
    #[arg(long = "exclude", value_name = "ITEM")]
    pub exclude: Vec<String>,
    /// Minimum lift, inclusive.
    #[arg(long, default_value_t = 0.0)]
    pub min_lift: f64,
    /// Allow consequents of several items (mlxtend); by default one item (arules).
    #[arg(long)]
    pub multi_consequent: bool,
    /// Drop rules for which a more general rule has at least the same confidence.
    #[arg(long)]
    pub prune_redundant: bool,
    /// Sort rules by this measure, descending (ties broken deterministically).
    #[arg(long, value_enum, default_value_t = Sort::Lift)]
    pub sort: Sort,
    /// Rules printed in text mode.
    #[arg(long, default_value_t = 20)]
    pub top: usize,
    /// Print the result as JSON (the same object the page shows).
    #[arg(long)]
    pub json: bool,
    /// Mine sequential patterns per customer ("A, then B within N days") instead of itemsets.
    #[arg(long)]
    pub sequences: bool,
    /// Sequences: minimum days between consecutive elements.
    #[arg(long, default_value_t = 1, requires = "sequences")]
    pub mingap: u32,
    /// Sequences: maximum days between consecutive elements.
    #[arg(long, requires = "sequences")]
    pub maxgap: Option<u32>,
    /// Sequences: maximum days between the first and the last element.
    #[arg(long, requires = "sequences")]
    pub maxwin: Option<u32>,
}

pub(crate) enum Report {
    Rules(Box<RulesReport>),
    Sequences(SequencesReport),
}

pub(crate) enum Failure {
    Ingest(clientele::IngestError),
    Basket(BasketError),
    Needs(clientele::capabilities::NeedsError),
    Summary(clientele::warehouse::rules::SummaryRulesError),
}

fn analyse(args: &RulesArgs) -> Result<Report, Failure> {
    if args.basket_format && args.items == Items::Category {
        return Err(Failure::Basket(BasketError::NotAvailable { what: "product category in basket-format files" }));
    }
    // The page's reader, which finds basket-format files by itself; the flag only insists.
    let session = super::read_as(&args.files, args.basket_format).map_err(Failure::Ingest)?;
    // Rules need item lines; sequences also customers and dates: a coded refusal, exit 2.
    use clientele::capabilities::{allows, Analysis};
    let what = if args.sequences { Analysis::Sequences } else { Analysis::Rules };
    if let Some(summaries) = clientele::warehouse::read::summaries(session.lines()) {
        return super::warehouse::rules(args, summaries, args.max_len);
    }
    allows(session.lines()).check(what).map_err(Failure::Needs)?;
    let key = match args.items {
        Items::Product => ItemKey::Product,
        Items::Category => ItemKey::Category,
    };
    let tx = Transactions::from_lines(session.lines(), key).map_err(Failure::Basket)?;
    let tx = if args.exclude.is_empty() { tx } else { tx.exclude(&args.exclude).map_err(Failure::Basket)? };
    let support = MinSupport::from_setting(args.min_support, None).map_err(Failure::Basket)?;
    if args.sequences {
        let mut sp = SequenceParams::default().mingap(args.mingap).maxgap(args.maxgap).maxwin(args.maxwin);
        sp.min_support = support;
        if let Some(n) = args.max_len {
            sp = sp.maxlen(n);
        }
        let sp = sp.check().map_err(Failure::Basket)?;
        return sequences_report(&tx, &sp, args.min_confidence, &mut |_| true)
            .map(Report::Sequences)
            .map_err(Failure::Basket);
    }
    let ip = FpGrowthParams::default().min_support(support).max_len(args.max_len).check().map_err(Failure::Basket)?;
    let rp = rule_params(args)?;
    rules_report(&tx, &ip, &rp, &mut |_| true).map(|r| Report::Rules(Box::new(r))).map_err(Failure::Basket)
}

/// The rule settings of the command line, checked (raw lines and summary files alike).
pub(crate) fn rule_params(args: &RulesArgs) -> Result<ValidRuleParams, Failure> {
    let sort = match args.sort {
        Sort::Lift => RuleSort::Lift,
        Sort::Confidence => RuleSort::Confidence,
        Sort::Support => RuleSort::Support,
        Sort::Leverage => RuleSort::Leverage,
        Sort::Conviction => RuleSort::Conviction,
    };
    RuleParams::new(args.min_confidence)
        .min_lift(args.min_lift)
        .multi_consequent(args.multi_consequent)
        .prune_redundant(args.prune_redundant)
        .sort(sort)
        .check()
        .map_err(Failure::Basket)
}

/// Runs `clientele rules`.
pub fn run(args: RulesArgs) -> ExitCode {
    match analyse(&args) {
        Ok(report) => {
            if args.json {
                let json = match &report {
                    Report::Rules(r) => serde_json::to_string(r),
                    Report::Sequences(r) => serde_json::to_string(r),
                };
                match json {
                    Ok(s) => out!("{s}"),
                    Err(e) => {
                        eprintln!("error: the result could not be written as JSON: {e}");
                        return ExitCode::from(2);
                    }
                }
            } else {
                match &report {
                    Report::Rules(r) => print_report(r, args.top),
                    Report::Sequences(r) => print_sequences(r, args.top),
                }
            }
            ExitCode::SUCCESS
        }
        Err(Failure::Ingest(e)) => crate::report_error(args.json, &e),
        Err(Failure::Basket(e)) => crate::report_error(args.json, &e),
        Err(Failure::Needs(e)) => crate::report_error(args.json, &e),
        Err(Failure::Summary(e)) => super::segments::fail(args.json, "warehouse.rules", &e.to_string()),
    }
}

fn print_report(r: &RulesReport, top: usize) {
    let name = |ids: &[u32]| ids.iter().map(|&i| super::shown(&r.items[i as usize])).collect::<Vec<_>>().join(", ");
    out!(
        "{} baskets, {} items; minimum support count {}; {} frequent itemsets (by length: {:?})",
        r.baskets,
        r.items.len(),
        r.min_count,
        r.itemsets,
        r.itemsets_by_len
    );
    let by_len: Vec<String> =
        r.rules_by_len.iter().enumerate().filter(|(_, &n)| n > 0).map(|(k, n)| format!("{k}:{n}")).collect();
    out!("{} rules (by length {})", r.rules.rules.len(), by_len.join(", "));
    if r.rules.redundant_pruned > 0 {
        out!("{} redundant rules dropped", r.rules.redundant_pruned);
    }
    for x in &r.exclusion_suggestions {
        out!(
            "  consider --exclude \"{}\" ({:?}, in {:.1}% of baskets)",
            super::shown(&x.name),
            x.reason,
            100.0 * x.share
        );
    }
    out!("{:>9} {:>8} {:>9} {:>9}  rule", "support", "conf", "lift", "conviction");
    for rule in r.rules.rules.iter().take(top) {
        let m = &rule.measures;
        out!(
            "{:>9.5} {:>8.4} {:>9.4} {:>9.3}  {{{}}} → {{{}}}",
            m.support,
            m.confidence,
            m.lift,
            m.conviction,
            name(&rule.antecedent),
            name(&rule.consequent)
        );
    }
}

fn print_sequences(r: &SequencesReport, top: usize) {
    let element = |e: &[u32]| {
        format!("{{{}}}", e.iter().map(|&i| super::shown(&r.items[i as usize])).collect::<Vec<_>>().join(", "))
    };
    let window = match r.maxgap {
        Some(g) => format!("within {}–{g} days", r.mingap),
        None => format!("at least {} day(s) later", r.mingap),
    };
    out!(
        "{} customers, {} items; minimum support {} customers; {} frequent sequences (by elements: {:?})",
        r.customers,
        r.items.len(),
        r.min_count,
        r.patterns,
        r.patterns_by_len.iter().enumerate().skip(1).map(|(k, n)| format!("{k}:{n}")).collect::<Vec<_>>()
    );
    out!("{} rules at confidence ≥ {}; each step {window}", r.rules.len(), r.min_confidence);
    for rule in r.rules.iter().take(top) {
        let ante: Vec<String> = rule.antecedent.iter().map(|e| element(e)).collect();
        out!(
            "  {} → {}: {:.1}% of those customers (lift {:.3}, {} customers, support {:.4})",
            ante.join(" → "),
            element(&rule.consequent),
            100.0 * rule.confidence,
            rule.lift,
            rule.count,
            rule.support
        );
    }
}
