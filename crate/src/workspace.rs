//! One analysis as the page drives it: files are pushed into a [`Workspace`], then results are
//! read from it. It keeps what the page reads again and again (the segmentation of the last
//! options, the baskets and rules, the CLV customer table) and recomputes only when the settings
//! differ, so a replaced worker answers the same.
//!
//! The wasm boundary (`crate::wasm`) is this type behind `JsValue`s: each of its methods
//! deserialises, calls one method here and serialises. Every method returns the core's plain
//! serde data, or an [`Error`] that [`crate::ErrorReport::of`] turns into `{code, params, file,
//! row, column, message}`.

use crate::basket::workbench::{
    BasketSettings, CompareRequest, MineSummary, Prepared, SegmentContrast, SequenceQuery, SequenceSettings,
    SequencesView, Workbench,
};
use crate::basket::{ItemFrequency, ProgressFn, RulePage, RuleQuery};
use crate::capabilities::{allows, Analysis};
use crate::clv::{ClvRequest, TablePage, TableQuery, TableView};
use crate::error::Error;
use crate::ingest::{FileOptions, FileReport};
use crate::segment::cluster::Clustering;
use crate::segment::cohorts::{cohorts, Cohorts};
use crate::segment::lifecycle::Migration;
use crate::segment::views::{
    lifecycle_view, ClusterRequest, LifecycleRequest, LifecycleView, MigrationRequest, ProfileRequest, ProfileView,
};
use crate::segment::{self, RowPage, RowQuery, SegmentOptions, SegmentRef, Segmented};
use crate::{IngestError, Overview, Session};

/// Files read so far and the results kept between calls.
#[derive(Debug, Default)]
pub struct Workspace {
    session: Session,
    /// The last segmentation and its options.
    segmented: Option<(SegmentOptions, Segmented)>,
    basket: Workbench,
    clv: TableView,
}

impl Workspace {
    pub fn new() -> Workspace {
        Workspace::default()
    }

    /// The files read so far.
    pub fn session(&self) -> &Session {
        &self.session
    }

    /// Starts a file of `size` bytes.
    pub fn begin_file(&mut self, name: &str, size: u64, options: FileOptions) -> Result<(), IngestError> {
        self.session.begin_file_with(name, size, options)
    }

    /// Feeds the next chunk; returns the data rows read so far in this file.
    pub fn push(&mut self, chunk: &[u8]) -> Result<u64, IngestError> {
        self.session.push(chunk)
    }

    /// Finishes the file; returns its report.
    pub fn end_file(&mut self) -> Result<&FileReport, IngestError> {
        self.session.end_file()
    }

    /// The open file's body read in ranges by several readers (the page's range workers): see
    /// the protocol in `crate::ingest::session::ranges` ([`Session::range_plan`] and what follows).
    pub fn ranges(&mut self) -> &mut Session {
        &mut self.session
    }

    /// `Ok` when the data read allows `analysis`, else the coded error naming the column it
    /// lacks (`analysis.needs_customer_id`...): see [`crate::capabilities`].
    pub fn can(&self, analysis: Analysis) -> Result<(), Error> {
        Ok(allows(self.session.lines()).check(analysis)?)
    }

    /// The overview of everything read so far.
    pub fn overview(&self) -> Overview {
        crate::overview(&self.session)
    }

    /// The segmentation for `options`, computed unless it is the kept one.
    pub fn segmented(&mut self, options: &SegmentOptions) -> Result<&Segmented, Error> {
        self.can(Analysis::RfSegments)?;
        kept_segmentation(&mut self.segmented, self.session.lines(), options)
    }

    /// A window of the per-customer table of the segmentation for `options`.
    pub fn segment_rows(&mut self, options: &SegmentOptions, query: &RowQuery) -> Result<RowPage, Error> {
        Ok(self.segmented(options)?.table.rows(query))
    }

    /// A window of every customer's id, RFM segment and value tier (the page's period comparison).
    pub fn segment_labels(
        &mut self,
        options: &SegmentOptions,
        offset: usize,
        limit: usize,
    ) -> Result<segment::labels::LabelPage, Error> {
        Ok(self.segmented(options)?.table.labels(offset, limit))
    }

    /// The customers of one segment as CSV (formula cells neutralised).
    pub fn segment_export(&mut self, options: &SegmentOptions, segment: SegmentRef) -> Result<String, Error> {
        let query = RowQuery { segment: Some(segment), ..RowQuery::default() };
        Ok(segment::export::csv(&self.segmented(options)?.table, &query))
    }

    /// Lifecycle stages at two dates and the migration matrix between them.
    pub fn segment_lifecycle(&self, request: &LifecycleRequest) -> Result<LifecycleView, Error> {
        self.can(Analysis::Lifecycle)?;
        Ok(lifecycle_view(self.session.lines(), request)?)
    }

    /// Monthly acquisition cohorts up to `as_of` (seconds).
    pub fn segment_cohorts(&self, as_of: i64) -> Result<Cohorts, Error> {
        self.can(Analysis::Cohorts)?;
        Ok(cohorts(self.session.lines(), as_of))
    }

    /// k-means++ clusters on the R, F, M of the segmentation for `options`.
    pub fn segment_clusters(
        &mut self,
        options: &SegmentOptions,
        request: &ClusterRequest,
    ) -> Result<Clustering, Error> {
        self.can(Analysis::Clusters)?;
        Ok(self.segmented(options)?.clusters(request)?)
    }

    /// Attribute profiles of one scheme of the segmentation for `options`.
    pub fn segment_profile(
        &mut self,
        options: &SegmentOptions,
        request: &ProfileRequest,
    ) -> Result<ProfileView, Error> {
        self.can(Analysis::Profiles)?;
        let lines = self.session.lines();
        Ok(kept_segmentation(&mut self.segmented, lines, options)?.profile(lines, request)?)
    }

    /// The migration matrix of a scheme between an earlier date and the options' own.
    pub fn segment_migration(
        &mut self,
        options: &SegmentOptions,
        request: &MigrationRequest,
    ) -> Result<Migration, Error> {
        self.can(Analysis::Lifecycle)?;
        let lines = self.session.lines();
        Ok(kept_segmentation(&mut self.segmented, lines, options)?.migration(lines, options, request)?)
    }

    /// The baskets before mining.
    pub fn basket_prepare(&mut self, settings: &BasketSettings) -> Result<Prepared<'_>, Error> {
        Ok(self.basket.prepare(self.session.lines(), settings)?)
    }

    /// Mines itemsets and rules (unless kept); returns the run's summary.
    pub fn basket_mine(
        &mut self,
        settings: &BasketSettings,
        progress: ProgressFn<'_>,
    ) -> Result<MineSummary<'_>, Error> {
        Ok(self.basket.mine_summary(self.session.lines(), settings, progress)?)
    }

    /// A window of the rules.
    pub fn basket_rules(&mut self, settings: &BasketSettings, query: &RuleQuery) -> Result<RulePage, Error> {
        Ok(self.basket.rules_page(self.session.lines(), settings, query)?)
    }

    /// Every matching rule as CSV.
    pub fn basket_rules_csv(&mut self, settings: &BasketSettings, query: &RuleQuery) -> Result<String, Error> {
        Ok(self.basket.rules_csv(self.session.lines(), settings, query)?)
    }

    /// The most frequent items after exclusions.
    pub fn basket_items(&mut self, settings: &BasketSettings, top: usize) -> Result<Vec<ItemFrequency>, Error> {
        Ok(self.basket.items(self.session.lines(), settings, top)?)
    }

    /// Sequential patterns and a window of the sequence rules.
    pub fn basket_sequences(
        &mut self,
        settings: &BasketSettings,
        seq: &SequenceSettings,
        query: &SequenceQuery,
        progress: ProgressFn<'_>,
    ) -> Result<SequencesView, Error> {
        self.can(Analysis::Sequences)?;
        Ok(self.basket.sequences(self.session.lines(), settings, seq, query, progress)?)
    }

    /// Next-best products per customer as CSV.
    pub fn basket_recommendations_csv(
        &mut self,
        settings: &BasketSettings,
        seq: &SequenceSettings,
        top_n: usize,
    ) -> Result<String, Error> {
        self.can(Analysis::Sequences)?;
        Ok(self.basket.recommendations_csv(self.session.lines(), settings, seq, top_n)?)
    }

    /// Rules mined within two segments of the segmentation for `options`.
    pub fn basket_compare(
        &mut self,
        settings: &BasketSettings,
        options: &SegmentOptions,
        request: &CompareRequest,
    ) -> Result<SegmentContrast, Error> {
        self.can(Analysis::RfSegments)?;
        let lines = self.session.lines();
        let segments = kept_segmentation(&mut self.segmented, lines, options)?;
        self.basket.compare(lines, settings, segments, request)
    }

    /// Fits the CLV models; returns the report without its per-customer columns (kept here and
    /// read with [`Workspace::clv_rows`]).
    pub fn clv_fit(&mut self, request: &ClvRequest) -> Result<serde_json::Value, Error> {
        self.can(Analysis::ClvCounts)?;
        let lines = self.session.lines();
        let report = crate::clv::analyse(lines, &request.options(lines)?)?;
        let (summary, table) = report.into_summary();
        self.clv = TableView::new(table);
        Ok(summary)
    }

    /// A window of the customer table of the last fit.
    pub fn clv_rows(&mut self, query: &TableQuery) -> Result<TablePage<'_>, Error> {
        Ok(self.clv.page(query)?)
    }
}

impl Workspace {
    /// A workspace over files already read (the CLI's).
    pub fn from_session(session: Session) -> Workspace {
        Workspace { session, ..Workspace::default() }
    }

    /// The summary's findings ([`crate::insights::insights`]) over the segmentation, rules and
    /// sequences of `request` (kept for the tabs that show them) and a BG/NBD + Gamma-Gamma fit.
    pub fn summary(&mut self, request: &crate::insights::SummaryRequest) -> Result<crate::insights::Insights, Error> {
        use crate::insights::{best_rule, best_sequence, insights};
        self.can(Analysis::RfSegments)?;
        let lines = self.session.lines();
        let rule = best_rule(&mut self.basket, lines, &request.basket);
        let sequence = best_sequence(&mut self.basket, lines, &request.basket, &request.sequences);
        let clv_needs = allows(lines).get(Analysis::ClvMoney).needs.clone();
        let clv = if clv_needs.is_empty() {
            let options = crate::clv::ClvOptions { pareto_nbd: false, ..crate::clv::ClvOptions::default() };
            crate::clv::analyse(lines, &options).map_err(|_| Vec::new())
        } else {
            Err(clv_needs)
        };
        let seg = kept_segmentation(&mut self.segmented, lines, &request.segment)?;
        Ok(insights(lines, seg, rule, sequence, clv.as_ref().map_err(Clone::clone)))
    }

    /// The customers of `ids` (a finding's list) as the segment export's CSV.
    pub fn customers_export(&mut self, options: &SegmentOptions, ids: &[String]) -> Result<String, Error> {
        let table = &self.segmented(options)?.table;
        Ok(segment::export::csv_of_ids(table, ids))
    }
}

/// The kept segmentation when its options are `options`, else a new one (kept).
fn kept_segmentation<'a>(
    kept: &'a mut Option<(SegmentOptions, Segmented)>,
    lines: &crate::model::LineItems,
    options: &SegmentOptions,
) -> Result<&'a Segmented, Error> {
    if let Some(k) = kept.take().filter(|(o, _)| o == options) {
        return Ok(&kept.insert(k).1);
    }
    let result = segment::analyse(lines, options)?;
    Ok(&kept.insert((options.clone(), result)).1)
}

/// The defaults of every setting the page sends, owned by the core and exported once (the
/// page's settings start from them instead of copies).
#[derive(Debug, Clone, Default, serde::Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Defaults {
    pub basket: BasketSettings,
    pub sequences: SequenceSettings,
    pub clv: ClvRequest,
    pub segment: SegmentOptions,
}
