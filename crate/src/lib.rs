//! # Clientele core
//!
//! Customer segmentation and basket analysis for retailers. This crate is plain Rust: it knows
//! nothing of the browser. The page runs it as WebAssembly inside a Web Worker through the thin
//! [`wasm`] module (built only for `wasm32`), and the native CLI `clientele` runs the same code.
//!
//! Pipeline: [`ingest`] (bytes → typed rows, every row accounted for) → [`model`] (the one
//! columnar store every analysis reads, and [`model::Orders`], each customer's order timeline)
//! → analyses: [`overview`](mod@overview), [`segment`], [`basket`], [`clv`].
//!
//! Features (all on by default, through `cli`): `containers` (ZIP archives and Excel workbooks),
//! `legacy` (GBK, Big5, Shift_JIS, windows-1252... and their detection) and `demo` (the demo
//! store). The page's first wasm module is built without them and answers
//! [`IngestError::NeedsFullReader`] for a file that needs one; the worker then loads the full
//! module (`--features full`) and reads the files again.
//!
//! ## Where each number on the page comes from
//!
//! One row per figure or group of figures of a tab (`www/views/*.js`); the page only lays out
//! what these functions return, in both languages.
//!
//! | Tab | Number on the page | Computed by |
//! |---|---|---|
//! | Summary | the findings, their numbers, customers concerned and chart data; the findings left out and the columns that would add them | [`insights::insights`] over [`segment::analyse`], [`basket`] rules and sequences, [`clv::analyse`] (through [`Workspace::summary`]) |
//! | Overview | rows read / used / dropped, drops by reason, flagged rows | [`ingest::Session`] (`RowState::on_row`), reported as [`ingest::RowCounts`] |
//! | Overview | customers, orders, products, regions, date range "in the file" | [`ingest::FileStats`] |
//! | Overview | customers, orders, return and cancelled orders, gross sales, returns, net revenue, guest orders and sales (kept lines) | [`overview::overview`] → [`overview::Sales`] |
//! | Overview | monthly orders, customers, net revenue | [`overview::overview`] → [`overview::Month`] |
//! | RFM, Value, Customers | the per-customer facts: recency, orders, gross / net sales, monetary, margin, discount, spend windows (analysis date, convention, skipped lines) | [`segment::facts::customer_facts_from_orders`] over [`model::Orders`], called by [`segment::analyse`] |
//! | RFM | R, F, M scores and their edges | [`segment::rfm::score`] |
//! | RFM | R × F heatmap | [`segment::schemes::rf_heatmap`] |
//! | RFM | 11 named segments; 8 classes and their means | [`segment::schemes::named_map`], [`segment::schemes::eight_classes`] |
//! | RFM | custom range rules: overlaps, gaps, sizes | [`segment::schemes::check_rules`] |
//! | RFM, Value | size, share of customers, sales and profit of every segment | [`segment::analyse`] → [`segment::Segmentation`] |
//! | Value | tiers A–D; heavy / medium / light | [`segment::tiers::value_tiers`], [`segment::tiers::usage_groups`] |
//! | Value | monetary deciles; purchase tenths | [`segment::tiers::monetary_deciles`], [`segment::tiers::purchase_deciles`] |
//! | Value | top 1 / 5 / 10 / 20 % shares (Pareto); Lorenz curve and Gini | [`segment::tiers::top_shares`], [`segment::tiers::lorenz`] |
//! | Value | loyalty × profitability quadrant | [`segment::quadrant::quadrant`] (loyalty: [`segment::quadrant::behaviour_loyalty`] or BG/NBD P(alive)) |
//! | Value | profit, value flags (most valuable / growable, below zero, deal seekers, declining) | [`segment::value::profit`], [`segment::value::flags`] |
//! | Lifecycle | stage of every customer, stage sizes and sales | [`segment::lifecycle::lifecycle_from_orders`] (the segmentation's orders), [`segment::lifecycle::lifecycle`] |
//! | Lifecycle | migration matrix between two dates | [`segment::lifecycle::lifecycle_migration`], [`segment::lifecycle::migration`] (any labelling) |
//! | Lifecycle | monthly cohorts: retention and net sales triangle | [`segment::cohorts::cohorts`] |
//! | Clusters | k-means++ sweep, silhouettes, cluster centres and sizes | [`segment::cluster::cluster`] |
//! | Clusters | attribute profiles of the segments; top segment against the rest | [`segment::profile::profile`], [`segment::profile::top_vs_rest`], columns from [`segment::profile::store_columns`] |
//! | Customers | the paged per-customer table (facts, scores, every label) | [`segment::CustomerTable::rows`] |
//! | Customers | segment CSV export | [`segment::export::csv`] |
//! | Compare | the saved and the loaded labels (id, RFM segment, tier); the from × to matrices, kept / stayed / moved / new / absent, a cell's CSV | [`segment::CustomerTable::labels`], [`segment::compare::compare`], [`segment::compare::cell_csv`] |
//! | RFM, Value, Lifecycle, Customers | descriptions and recommended actions | [`segment::actions::advice`] |
//! | Baskets | baskets, items, mean basket size, guest baskets | [`basket::Transactions::from_lines`] |
//! | Baskets | suggested exclusions (fees, bags, add-ons) | [`basket::Transactions::suggest_exclusions`] |
//! | Baskets | most frequent items chart | [`basket::item_frequencies`] |
//! | Baskets | frequent itemsets and rules by length | [`basket::rules_report`] ([`basket::fpgrowth`], [`basket::association_rules`]) |
//! | Baskets | the rules table: support, confidence, lift and the other measures, sorted, filtered, searched, CSV | [`basket::RuleTable::page`], [`basket::RuleTable::csv`], measures in [`basket::Measures`] |
//! | Baskets | rules of one segment against another | [`basket::compare_segments`] |
//! | Baskets | recommendations CSV | [`basket::recommend`] |
//! | Sequences | sequential patterns and "A, then B within N days" rules | [`basket::sequences_report`] ([`basket::cspade`], [`basket::sequence_rules`]), paged by [`basket::sequence_page`] |
//! | Lifetime value | customers, repeat customers and transactions, first purchase, observation end | [`clv::analyse`]: the purchase lines through [`model::Orders`] ([`clv::summary::purchase_columns`]) → [`clv::summary_from_transactions`] |
//! | Lifetime value | BG/NBD, Pareto/NBD and Gamma-Gamma parameters, standard errors, log-likelihood, convergence | [`clv::BgNbd::fit`], [`clv::ParetoNbd::fit`], [`clv::GammaGamma::fit`] |
//! | Lifetime value | per customer: expected purchases, P(alive), expected spend, CLV | [`clv::predict`], [`clv::customer_lifetime_value`], in [`clv::CustomerTable`] |
//! | Lifetime value | holdout check: tracking curve, frequency table, MAE, RMSE | [`clv::summary::calibration_holdout`], [`clv::validate`] |
//! | Lifetime value | warnings (short holdout, horizon beyond history) | [`clv::analyse`] → [`clv::Warning`] |

// Sorts go through `sort` (clippy.toml's disallowed-methods).
#![warn(clippy::disallowed_methods)]

pub mod basket;
pub mod campaign;
pub mod capabilities;
pub mod clv;
pub mod csv_out;
#[cfg(feature = "demo")]
pub mod demo;
pub mod error;
pub mod ingest;
pub mod insights;
pub mod model;
pub mod num;
pub mod overview;
pub mod rng;
pub mod segment;
pub mod sort;
pub mod time;
pub mod warehouse;
pub mod workspace;

#[cfg(target_arch = "wasm32")]
pub mod wasm;

pub use error::{Coded, Error, ErrorReport, IngestError};
pub use ingest::Session;
pub use overview::{overview, Overview};
pub use workspace::Workspace;

/// The crate version, reported in every result.
pub const VERSION: &str = env!("CARGO_PKG_VERSION");
