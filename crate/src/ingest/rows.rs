//! Row by row: each data row is classified by the drop-reason ladder ([`RowState::on_row`]) and
//! counted, and kept rows become line items in the store.
//!
//! The ladder, in order (the first that applies wins; every row read lands in exactly one of
//! purchase, return or one drop reason, so `read = purchase + returns + dropped`):
//!
//! 0. the line of a quote never closed before the end of the file → `unclosed_quote` (the lines
//!    after it are rows of their own: see [`csv::RecordReader::cut_unclosed_quote`]);
//! 1. a blank row → `blank_row`; a totals row (`合计`, `Total`: [`is_total`]) → `total_row`;
//! 2. fewer fields than the mapped columns need → `missing_field`;
//! 3. a date that does not parse or falls outside [`YearRange::DEFAULT`] (1900–2100) → `bad_date`;
//!    a quantity, price or amount that does not parse, or that (or quantity × price) is beyond
//!    ±[`MAX_ABS_NUMBER`] → `bad_number`;
//! 4. no customer id, under the "customer present" convention → `no_customer_id`;
//! 5. an unpaid, closed or cancelled order that was not refunded → `unpaid_or_cancelled`;
//! 6. a negative price → `negative_price`; a zero price (unless kept) → `zero_price`; a zero
//!    quantity → `zero_quantity`;
//! 7. else a return (a `C` invoice, a return document, a negative quantity or amount) or a
//!    purchase; a refunded purchase also adds a return line for the money that went back.
//!
//! Title rows above the header are dropped as `title_row` when the header is settled. Flags
//! ([`Flag`]) are counted beside the disposition and do not change it.

use std::borrow::Cow;

use rustc_hash::FxHashSet;

use super::csv;
use super::fast::{count_repeats, row_fingerprint, same_text, strip_guard_cow, text_cell};
use super::header::{
    find_header, guess_cost_kind, guess_decimal_comma, Header, Layout, OwnedRecord, MAX_HEADER_FIELDS, MAX_HEADER_ROW,
    ROLE_SAMPLE_RECORDS,
};
use super::report::{DateEvidence, DropReason, FileKind, FileStats, Flag, FlagCount, ReasonCount, RowCounts};
use super::session::FileOptions;
use super::values::{self, DateCell, DateOrder, YearRange, MAX_ABS_NUMBER};
use super::vocab::{
    classify_status, is_cancellation_id, is_masked, is_total, province_of_address, CostKind, DiscountKind, Status,
};
use crate::error::IngestError;
use crate::model::{Line, LineItems, LineKind, NO_CUSTOMER, NO_PRODUCT, NO_VALUE};
use crate::num::Sum;

/// Which ids of an interner a file has seen, and how many.
#[derive(Debug, Default)]
pub(super) struct Seen {
    pub(super) bits: Vec<bool>,
    pub(super) count: u64,
}

impl Seen {
    pub(super) fn mark(&mut self, id: u32) {
        let i = id as usize;
        if i >= self.bits.len() {
            self.bits.resize((i + 1).max(self.bits.len() * 2), false);
        }
        if !self.bits[i] {
            self.bits[i] = true;
            self.count += 1;
        }
    }
}

/// Distinct values seen in a file, over all rows.
#[derive(Debug, Default)]
pub(super) struct Distinct {
    pub(super) customers: Seen,
    pub(super) orders: Seen,
    pub(super) cancelled_orders: Seen,
    pub(super) products: Seen,
    pub(super) regions: FxHashSet<Box<str>>,
    pub(super) first: Option<i64>,
    pub(super) last: Option<i64>,
    pub(super) amount_sum: Sum,
    pub(super) has_order: bool,
    pub(super) has_product: bool,
    pub(super) has_region: bool,
    pub(super) placeholders: Vec<super::placeholder::PlaceholderCount>,
}

impl Distinct {
    pub(super) fn report(&self) -> FileStats {
        FileStats {
            customers: self.customers.count,
            orders: self.has_order.then_some(self.orders.count),
            cancelled_orders: self.has_order.then_some(self.cancelled_orders.count),
            products: self.has_product.then_some(self.products.count),
            regions: self.has_region.then_some(self.regions.len() as u64),
            first: self.first.map(values::format_datetime),
            last: self.last.map(values::format_datetime),
            amount_sum: crate::num::round_money(self.amount_sum.value()),
            placeholders: self.placeholders.clone(),
        }
    }
}

/// The day-month order of a file's slash dates, decided from the rows only one order can read.
/// Rows both orders read are parsed with the order known so far (month-first until proven
/// otherwise) and remembered; at the end of the file those read with the losing order are
/// corrected (see [`RowState::fix_dates`]).
#[derive(Debug, Default)]
pub(super) struct DateColumn {
    pub(super) user: Option<DateOrder>,
    pub(super) month_first: u64,
    pub(super) day_first: u64,
    /// Kept lines whose ambiguous date was read month-first / day-first.
    pub(super) read_month_first: Vec<u32>,
    pub(super) read_day_first: Vec<u32>,
    pub(super) ambiguous: u64,
    /// The lowest and highest `day_first − month_first` at which a date both orders read was
    /// resolved: a part of a parallel read is read as the whole file would be if the order known
    /// at the part's start never changes the order any of them was read with (see
    /// `session::parallel`).
    pub(super) either_diff: Option<(i64, i64)>,
}

impl DateColumn {
    pub(super) fn current(&self) -> DateOrder {
        self.user.unwrap_or(if self.day_first > self.month_first { DateOrder::DayFirst } else { DateOrder::MonthFirst })
    }

    pub(super) fn report(&self) -> (Option<DateOrder>, DateEvidence) {
        let any = self.month_first + self.day_first + self.ambiguous > 0;
        let evidence =
            DateEvidence { month_first: self.month_first, day_first: self.day_first, ambiguous: self.ambiguous };
        ((any || self.user.is_some()).then(|| self.current()), evidence)
    }
}

/// Row-level classification and accounting for one file.
#[derive(Debug)]
pub(super) struct RowState {
    pub(super) file: String,
    pub(super) options: FileOptions,
    pub(super) header: Option<Box<Header>>,
    /// Records held until the header row is found.
    pub(super) scan: Vec<OwnedRecord>,
    pub(super) header_settled: bool,
    pub(super) counts: RowCounts,
    pub(super) dropped: [u64; DropReason::ALL.len()],
    pub(super) first_rows: [Vec<u64>; DropReason::ALL.len()],
    pub(super) flagged: [u64; Flag::ALL.len()],
    /// Every row's fingerprint, counted for duplicates when the file ends
    /// ([`count_repeats`]: a sort is far kinder to the cache than a hash set of half a million).
    pub(super) row_prints: Vec<u64>,
    pub(super) stats: Distinct,
    pub(super) dates: DateColumn,
    pub(super) decimal_comma: bool,
    /// The first values of each column, for the mapping view.
    pub(super) samples: Vec<Vec<String>>,
    pub(super) key: String,
    /// The line of each product already in the basket being read (one basket row).
    basket_lines: rustc_hash::FxHashMap<u32, usize>,
    pub(super) category_cache: LastValue,
    pub(super) channel_cache: LastValue,
    /// The last customer and order ids: an order's lines come one after another.
    pub(super) customer_cache: LastValue,
    pub(super) order_cache: LastValue,
    /// The last region added to the distinct regions (most rows repeat the one before).
    pub(super) last_region: String,
    /// The size of a plain text file in bytes (0 for containers), to size the columns.
    pub(super) size_hint: u64,
    /// The last status cell read and its class.
    pub(super) last_status: (String, Status),
    /// The last date cell read and its reading (an order's lines share their date).
    pub(super) last_date: Option<(String, DateCell)>,
    /// Rows with no customer id are dropped rather than kept as guest lines.
    pub(super) drop_guests: bool,
    /// A customer file's distinct customer ids, in first-seen order.
    pub(super) customer_ids: Vec<u32>,
    /// The attribute columns of the sales rows: where each goes in the store's attributes.
    pub(super) attr_slots: Vec<AttrSlot>,
    /// What the store's flags and attributes were before this file's header set them.
    pub(super) before: Option<StoreBefore>,
    /// The years a date must fall in ([`YearRange::DEFAULT`]); others are `bad_date`.
    pub(super) date_range: YearRange,
    /// The store's line count when this file's first record came, to count the file's line items
    /// against [`super::Limits::max_line_items`].
    lines_at_start: Option<usize>,
    /// When the store reaches `.0` lines, room is made in the order interner for the rest of
    /// the file at the rate of the lines read since it held `.1` order ids, for `.2` lines in
    /// all (the estimate from the file size): see [`RowState::reserve_orders`].
    orders_checkpoint: Option<(usize, usize, usize)>,
    /// Per value column ([`VALUE_SLOTS`]): the non-empty cells read, and of those the ones that
    /// could not be read (for the report's `doubtful`).
    pub(super) value_cells: [u64; VALUE_SLOTS],
    pub(super) value_bad: [u64; VALUE_SLOTS],
    /// Every amount added to `stats.amount_sum`, in order, when set: a part of a parallel read
    /// keeps them so the file's compensated sum is added up exactly as one reader would.
    pub(super) amounts: Option<Vec<f64>>,
}

/// The columns whose unreadable cells are counted: date, quantity, unit price, amount, refund,
/// cost.
pub(super) const VALUE_SLOTS: usize = 6;

/// The parts of the store a file changes besides appending lines, as they were before it.
#[derive(Debug)]
pub(super) struct StoreBefore {
    pub(super) columns: crate::model::Columns,
    /// Kept only when the file has attribute columns.
    pub(super) attributes: Option<crate::model::CustomerAttributes>,
}

/// The last value interned in a column and its id: consecutive rows often repeat a value
/// (an order's channel, a customer's city), and a string compare is cheaper than a hash lookup.
#[derive(Debug, Default)]
pub(super) struct LastValue {
    pub(super) text: String,
    pub(super) id: Option<u32>,
}

impl LastValue {
    pub(super) fn id(&mut self, value: &str, interner: &mut crate::model::Interner) -> u32 {
        match self.id {
            Some(id) if same_text(&self.text, value) => id,
            _ => {
                let id = interner.intern(value);
                self.text.clear();
                self.text.push_str(value);
                self.id = Some(id);
                id
            }
        }
    }
}

/// One attribute column of a file: its cell index and its column in the store's attributes.
#[derive(Debug)]
pub(super) struct AttrSlot {
    pub(super) cell: usize,
    /// The cell is a postal address whose province is the value (see [`Header::region_is_address`]).
    pub(super) province: bool,
    pub(super) column: usize,
    pub(super) last: LastValue,
}

impl RowState {
    pub(super) fn new(file: &str, options: &FileOptions) -> Self {
        RowState {
            file: file.to_owned(),
            options: options.clone(),
            header: None,
            scan: Vec::new(),
            header_settled: false,
            counts: RowCounts::default(),
            dropped: [0; DropReason::ALL.len()],
            first_rows: Default::default(),
            flagged: [0; Flag::ALL.len()],
            row_prints: Vec::new(),
            stats: Distinct::default(),
            dates: DateColumn { user: options.date_order, ..DateColumn::default() },
            decimal_comma: options.decimal_comma.unwrap_or(false),
            samples: Vec::new(),
            key: String::new(),
            basket_lines: rustc_hash::FxHashMap::default(),
            category_cache: LastValue::default(),
            channel_cache: LastValue::default(),
            customer_cache: LastValue::default(),
            order_cache: LastValue::default(),
            last_region: String::new(),
            last_date: None,
            last_status: (String::new(), Status::Normal),
            size_hint: 0,
            drop_guests: false,
            customer_ids: Vec::new(),
            attr_slots: Vec::new(),
            before: None,
            date_range: YearRange::DEFAULT,
            lines_at_start: None,
            orders_checkpoint: None,
            value_cells: [0; VALUE_SLOTS],
            value_bad: [0; VALUE_SLOTS],
            amounts: None,
        }
    }

    /// A reader for a later range of the same file (a part of a read in ranges, see
    /// `session::ranges`): the settled header and the file's settings, the date-order evidence
    /// so far, and nothing counted. Its line items go to a store of its own, numbered from 0.
    pub(super) fn fork(&self) -> RowState {
        let mut part = RowState::new(&self.file, &self.options);
        part.header = self.header.clone();
        part.header_settled = self.header_settled;
        part.decimal_comma = self.decimal_comma;
        part.dates.month_first = self.dates.month_first;
        part.dates.day_first = self.dates.day_first;
        part.drop_guests = self.drop_guests;
        part.date_range = self.date_range;
        part.stats.has_order = self.stats.has_order;
        part.stats.has_product = self.stats.has_product;
        part.stats.has_region = self.stats.has_region;
        part.attr_slots = self
            .attr_slots
            .iter()
            .map(|s| AttrSlot { cell: s.cell, province: s.province, column: s.column, last: LastValue::default() })
            .collect();
        part.lines_at_start = Some(0);
        part.amounts = Some(Vec::new());
        part
    }

    /// Whether over 20% of a column's non-empty cells could not be read as its role asks
    /// (checked for the date, quantity, unit price, amount, refund and cost of a sales file).
    pub(super) fn doubtful(&self, h: &Header, column: usize) -> bool {
        if h.kind != FileKind::Sales {
            return false;
        }
        let slots = [h.datetime, h.quantity, h.unit_price, h.amount, h.refund, h.cost];
        slots
            .iter()
            .zip(self.value_cells.iter().zip(&self.value_bad))
            .any(|(c, (&cells, &bad))| *c == Some(column) && bad * 5 > cells)
    }

    /// Counts the rows that repeat an earlier row exactly; called once, when the file ends.
    pub(super) fn settle_duplicates(&mut self) {
        let mut prints = std::mem::take(&mut self.row_prints);
        self.flagged[Flag::DuplicateRow as usize] += count_repeats(&mut prints);
    }

    pub(super) fn counts(&self) -> RowCounts {
        let mut c = self.counts.clone();
        c.dropped_by_reason = DropReason::ALL
            .iter()
            .enumerate()
            .filter(|(i, _)| self.dropped[*i] > 0)
            .map(|(i, &reason)| ReasonCount { reason, rows: self.dropped[i], first_rows: self.first_rows[i].clone() })
            .collect();
        c.flagged = Flag::ALL
            .iter()
            .zip(self.flagged)
            .filter(|(_, n)| *n > 0)
            .map(|(&flag, rows)| FlagCount { flag, rows })
            .collect();
        c
    }

    pub(super) fn flag(&mut self, f: Flag) {
        self.flagged[f as usize] += 1;
    }

    pub(super) fn drop_row(&mut self, r: DropReason, number: u64) {
        let i = r as usize;
        self.dropped[i] += 1;
        if self.first_rows[i].len() < 5 {
            self.first_rows[i].push(number);
        }
        self.counts.dropped += 1;
    }

    pub(super) fn on_record(&mut self, rec: &csv::Record<'_>, lines: &mut LineItems) -> Result<(), IngestError> {
        let start = *self.lines_at_start.get_or_insert(lines.len());
        if let Some(header) = self.header.take() {
            self.on_row(&header, rec, lines);
            self.header = Some(header);
            if self.orders_checkpoint.is_some_and(|(at, _, _)| lines.len() >= at) {
                self.reserve_orders(lines, start);
            }
            return self.check_line_items(lines, start, rec.number);
        }
        if self.header_settled {
            return Ok(());
        }
        // A header has at most as many columns as a spreadsheet; basket lines (read as baskets
        // on request) have no header, and any number of items.
        if rec.len() > MAX_HEADER_FIELDS && !rec.unclosed_quote && !self.options.baskets {
            return Err(IngestError::TooManyFields {
                file: self.file.clone(),
                row: rec.line,
                fields: rec.len() as u64,
                max: MAX_HEADER_FIELDS as u64,
            });
        }
        self.scan.push(OwnedRecord::new(rec));
        // The header is looked for in the first records, and below the row the user set.
        let wanted = self.options.header_row.filter(|_| !self.options.baskets && !self.options.no_header);
        if self.scan.len() >= ROLE_SAMPLE_RECORDS && wanted.map_or(true, |row| rec.line >= row) {
            self.settle_header(lines)?;
        }
        Ok(())
    }

    /// Makes room in the order interner for the order ids still to come, at the rate of the
    /// lines read since the checkpoint was set, and a quarter more (an order's lines are
    /// adjacent in the exports, so the rate holds over a file, roughly: the demo's first MiB
    /// has 0.345 order ids a line, the whole file 0.397; customers come back, so their rate does
    /// not hold). The order interner of the ten-million-line demo otherwise grew to 3.9 M ids
    /// by doubling: its old and new tables and names held at once, 140 MB of a wasm memory's
    /// peak at the end of ingest.
    fn reserve_orders(&mut self, lines: &mut LineItems, start: usize) {
        let Some((_, orders_before, rows)) = self.orders_checkpoint.take() else { return };
        let read = lines.len() - start;
        let rate = (lines.orders.len() - orders_before) as f64 / read.max(1) as f64;
        lines.orders.reserve((1.25 * rate * rows.saturating_sub(read) as f64) as usize);
    }

    /// The line items of this file (those after `start`) are within
    /// [`super::Limits::max_line_items`]: each costs 30–60 bytes held, so a few
    /// hundred KB of gzip that inflates to tens of millions of rows ends in a coded error at `row`
    /// instead of filling the tab's memory.
    fn check_line_items(&self, lines: &LineItems, start: usize, row: u64) -> Result<(), IngestError> {
        let max = self.options.limits.max_line_items;
        if lines.len().saturating_sub(start) as u64 > max {
            return Err(super::Limits::exceeded(&self.file, "maxLineItems", max, Some(row)));
        }
        Ok(())
    }

    /// Picks the header row among the records seen so far ([`find_header`]), then reads the
    /// held records.
    pub(super) fn settle_header(&mut self, lines: &mut LineItems) -> Result<(), IngestError> {
        if self.header_settled {
            return Ok(());
        }
        if self.scan.is_empty() {
            return Ok(());
        }
        self.header_settled = true;
        let scan = std::mem::take(&mut self.scan);
        if let Some(row) = self.options.header_row.filter(|_| !self.options.baskets && !self.options.no_header) {
            // The user's header row: one the file has, never a silent fallback to another.
            if !scan.iter().any(|r| r.line == row && !r.unclosed_quote) {
                let last = scan.last().map_or(0, |r| r.line).min(MAX_HEADER_ROW);
                return Err(IngestError::HeaderRowOutOfRange { file: self.file.clone(), row, last });
            }
        }
        let (header_at, names) = match find_header(&scan, &self.options, self.decimal_comma) {
            Layout::Baskets => return self.settle_baskets(scan, lines),
            Layout::Header { at, names } => (Some(at), names),
            Layout::NoHeader { names } => (None, names),
        };
        if let (Some(at), Some(table)) = (header_at, crate::warehouse::Table::of_header(&names)) {
            return self.settle_summary(table, at, names, scan, lines);
        }
        if names.iter().all(String::is_empty) {
            return Err(IngestError::NoHeader { file: self.file.clone() });
        }
        let number = header_at.map_or(0, |i| scan[i].line);
        let data_from = header_at.map_or(0, |i| i + 1);
        // Each column's cells of the held data rows, row-aligned (empty cells kept), for the roles.
        let mut samples = vec![Vec::new(); names.len()];
        for r in scan[data_from..].iter().filter(|r| !r.unclosed_quote) {
            let mut cells = r.cells().into_iter();
            for column in samples.iter_mut() {
                column.push(cells.next().unwrap_or_default());
            }
        }
        let dc = self
            .options
            .decimal_comma
            .unwrap_or_else(|| super::roles::cells_decimal_comma(samples.iter().flatten().map(String::as_str)));
        let mut header = Header::new(&self.file, number, names, self.options.roles.as_deref(), &samples, dc)?;
        self.stats.has_order = header.order.is_some();
        self.stats.has_product = header.product_id.is_some() || header.product_name.is_some();
        self.stats.has_region = header.region.is_some();
        if self.options.decimal_comma.is_none() {
            self.decimal_comma = guess_decimal_comma(&header, scan[data_from..].iter().map(OwnedRecord::cells));
        }
        if header.cost_kind == CostKind::Unknown {
            header.cost_kind =
                guess_cost_kind(&header, scan[data_from..].iter().map(OwnedRecord::cells), self.decimal_comma);
        }
        self.before = Some(StoreBefore {
            columns: lines.columns,
            attributes: (!header.attributes.is_empty()).then(|| lines.attributes.clone()),
        });
        let c = &mut lines.columns;
        c.discount |= header.discount.is_some();
        c.cost |= header.cost.is_some();
        c.category |= header.category.is_some();
        c.channel |= header.store.is_some();
        c.order_id |= header.order.is_some();
        c.product |= self.stats.has_product;
        c.unpriced |= header.kind == FileKind::Sales && header.unpriced;
        c.undated |= header.kind == FileKind::Sales && header.datetime.is_none();
        self.attr_slots = header
            .attributes
            .iter()
            .map(|&(kind, cell)| {
                lines.attributes.column_mut(kind, &header.names[cell]);
                let column = lines.attributes.columns.iter().position(|c| c.kind == kind).unwrap_or(0);
                let province = kind == crate::model::AttributeKind::Region && header.region_is_address;
                AttrSlot { cell, province, column, last: LastValue::default() }
            })
            .collect();
        self.samples = vec![Vec::new(); header.names.len()];
        for r in &scan[data_from..] {
            for (i, cell) in r.cells().into_iter().enumerate().take(header.names.len()) {
                if !cell.is_empty() && self.samples[i].len() < 5 {
                    self.samples[i].push(cell);
                }
            }
        }
        for r in &scan[..header_at.unwrap_or(0)] {
            self.counts.read += 1;
            let reason = if r.unclosed_quote { DropReason::UnclosedQuote } else { DropReason::TitleRow };
            self.drop_row(reason, r.line);
        }
        // Room for the rows to come, estimated from the file size and the rows held so far.
        let held = &scan[data_from..];
        let start = self.lines_at_start.unwrap_or(lines.len());
        if self.size_hint > 0 && !held.is_empty() && header.kind == FileKind::Sales {
            let per_row = held.iter().map(|r| r.data.len() + 2).sum::<usize>() as f64 / held.len() as f64;
            // Up to the line-item limit: a file past the old cap of 4 M rows grew every column
            // twice more (to room for 16 M lines at 9.9 M), each time copying it where realloc
            // cannot move pages (wasm).
            let max = self.options.limits.max_line_items as f64;
            let rows = (self.size_hint as f64 / per_row * 1.05).min(max) as usize;
            lines.reserve(rows);
            self.row_prints.reserve(rows);
            // The order ids, once a 32nd of the lines has given their rate (the held rows are
            // too few: 99 in the demo).
            self.orders_checkpoint = Some((start + (rows / 32).max(1 << 16), lines.orders.len(), rows));
        }
        for r in held {
            self.on_row(&header, &r.record(), lines);
            self.check_line_items(lines, start, r.number)?;
        }
        self.header = Some(Box::new(header));
        Ok(())
    }

    /// Reads a warehouse summary file (see [`crate::warehouse`]), recognised by its header.
    fn settle_summary(
        &mut self,
        table: crate::warehouse::Table,
        at: usize,
        names: Vec<String>,
        scan: Vec<OwnedRecord>,
        lines: &mut LineItems,
    ) -> Result<(), IngestError> {
        let mut header = Header::baskets(names.len());
        header.kind = FileKind::Summary;
        header.row = scan[at].line;
        header.roles = vec![None; names.len()];
        header.names = names;
        header.summary = Some(table);
        header.unpriced = false;
        self.before = Some(StoreBefore { columns: lines.columns, attributes: None });
        self.samples = vec![Vec::new(); header.names.len()];
        for r in &scan[..at] {
            self.counts.read += 1;
            let reason = if r.unclosed_quote { DropReason::UnclosedQuote } else { DropReason::TitleRow };
            self.drop_row(reason, r.line);
        }
        let start = self.lines_at_start.unwrap_or(lines.len());
        for r in &scan[at + 1..] {
            self.on_row(&header, &r.record(), lines);
            self.check_line_items(lines, start, r.number)?;
        }
        self.header = Some(Box::new(header));
        Ok(())
    }

    /// A row of a warehouse summary file: see [`crate::warehouse::read::push_row`]. A row that
    /// cannot be read is dropped as `bad_number` (or `bad_date` for its date).
    fn on_summary_row(&mut self, h: &Header, rec: &csv::Record<'_>, lines: &mut LineItems) {
        let Some(table) = h.summary else { return };
        let text: Vec<Cow<'_, str>> =
            (0..rec.len()).map(|i| String::from_utf8_lossy(rec.get(i).unwrap_or_default())).collect();
        let cells: Vec<&str> = text.iter().map(|c| c.as_ref()).collect();
        match crate::warehouse::read::push_row(table, &cells, lines) {
            Ok(()) => self.counts.summary_rows += 1,
            Err("datetime") => self.drop_row(DropReason::BadDate, rec.line),
            Err(_) => self.drop_row(DropReason::BadNumber, rec.line),
        }
    }

    /// Reads a basket-format file (see [`FileKind::Baskets`]): every record is a basket.
    pub(super) fn settle_baskets(&mut self, scan: Vec<OwnedRecord>, lines: &mut LineItems) -> Result<(), IngestError> {
        // The item columns shown (names, samples) stop at a spreadsheet's width; every item of a
        // longer basket is still read. A basket line of 7.5 million items took 2.9 GB in columns.
        let width = scan.iter().map(|r| r.ends.len()).max().unwrap_or(0).min(MAX_HEADER_FIELDS);
        let header = Header::baskets(width);
        self.stats.has_order = true;
        self.stats.has_product = true;
        self.before = Some(StoreBefore { columns: lines.columns, attributes: None });
        let c = &mut lines.columns;
        c.order_id = true;
        c.product = true;
        c.undated = true;
        c.unpriced = true;
        self.samples = vec![Vec::new(); width];
        for r in &scan {
            let rec = r.record();
            for (i, samples) in self.samples.iter_mut().enumerate().take(rec.len()) {
                if samples.len() >= 5 {
                    continue;
                }
                let raw = String::from_utf8_lossy(rec.get(i).unwrap_or_default());
                let cell = values::strip_excel_guard(raw.trim()).trim();
                if !cell.is_empty() {
                    samples.push(cell.to_owned());
                }
            }
        }
        let start = self.lines_at_start.unwrap_or(lines.len());
        for r in &scan {
            self.on_row(&header, &r.record(), lines);
            self.check_line_items(lines, start, r.number)?;
        }
        self.header = Some(Box::new(header));
        Ok(())
    }

    /// A record of a basket-format file: one order (`<file>: basket <record number>`, so that
    /// the baskets of two files stay apart) with one line per
    /// item, no customer (a guest line), time 0 and amount 0. Items are taken as written, spaces
    /// included (`cream cheese ` is not `cream cheese`); empty cells are skipped. An item named
    /// twice in one basket is one line with quantity 2, as a till would print it.
    pub(super) fn on_basket_row(&mut self, rec: &csv::Record<'_>, lines: &mut LineItems) {
        self.key.clear();
        self.key.push_str(&self.file);
        self.key.push_str(": basket ");
        self.key.push_str(&rec.number.to_string());
        let order = lines.orders.intern(&self.key);
        self.stats.orders.mark(order);
        let mut bad_utf8 = false;
        self.basket_lines.clear();
        for i in 0..rec.len() {
            let Some(raw) = rec.get(i) else { continue };
            if raw.trim_ascii().is_empty() {
                continue;
            }
            let item = match std::str::from_utf8(raw) {
                Ok(s) => Cow::Borrowed(s),
                Err(_) => {
                    bad_utf8 = true;
                    String::from_utf8_lossy(raw)
                }
            };
            super::placeholder::count(&mut self.stats.placeholders, &item);
            let product = lines.products.intern(&item);
            self.stats.products.mark(product);
            // A map, not a scan of the basket's lines: a basket of n items stays O(n).
            match self.basket_lines.entry(product) {
                std::collections::hash_map::Entry::Occupied(l) => {
                    let i = *l.get();
                    lines.quantity.set(i, lines.quantity.at(i) + 1.0);
                }
                std::collections::hash_map::Entry::Vacant(v) => {
                    v.insert(lines.len());
                    lines.push(NO_CUSTOMER, order, 0, product, 1.0, 0.0, LineKind::Purchase);
                }
            }
        }
        if bad_utf8 {
            self.flag(Flag::InvalidUtf8);
        }
        self.flag(Flag::NoCustomerId);
        self.counts.purchase += 1;
        self.counts.guest += 1;
    }

    /// Rewrites the ambiguous dates read with the order that lost, once the file is read.
    pub(super) fn fix_dates(&mut self, lines: &mut LineItems, lines_at_start: usize) {
        let order = self.dates.current();
        let wrong = match order {
            DateOrder::MonthFirst => std::mem::take(&mut self.dates.read_day_first),
            DateOrder::DayFirst => std::mem::take(&mut self.dates.read_month_first),
        };
        if wrong.is_empty() {
            return;
        }
        // Without an order column a line's order is its customer and day (see `on_row`): the
        // day was the wrong one, so the order is keyed again with the right day.
        let keyed_by_day = self.header.as_ref().is_some_and(|h| h.kind == FileKind::Sales && h.order.is_none());
        for i in wrong {
            let i = i as usize;
            let t = lines.time.at(i);
            let days = t.div_euclid(values::DAY);
            let secs = t.rem_euclid(values::DAY);
            let (y, m, d) = values::civil_from_days(days);
            let t = values::days_from_civil(y, d, m) * values::DAY + secs;
            lines.time.set(i, t);
            if keyed_by_day {
                let c = lines.customer[i];
                self.key.clear();
                self.key.push_str(if c == NO_CUSTOMER { "" } else { lines.customers.name(c) });
                self.key.push('|');
                self.key.push_str(&values::format_datetime(t)[..10]);
                lines.order[i] = lines.orders.intern(&self.key);
            }
        }
        // The date range over the kept lines, now that they are right.
        let times = (lines_at_start..lines.len()).map(|i| lines.time.at(i));
        self.stats.first = times.clone().min();
        self.stats.last = times.max();
    }

    /// Records a customer's attribute cells (the last non-empty value wins).
    pub(super) fn set_attributes(
        &mut self,
        rec: &csv::Record<'_>,
        valid: Option<&str>,
        customer: u32,
        lines: &mut LineItems,
    ) {
        let mut bad = false;
        for slot in &mut self.attr_slots {
            let Some(mut value) = text_cell(rec, valid, Some(slot.cell), &mut bad) else {
                continue;
            };
            if slot.province {
                value = Cow::Borrowed(province_of_address(&value).unwrap_or(""));
            }
            if value.is_empty() {
                continue;
            }
            let Some(col) = lines.attributes.columns.get_mut(slot.column) else {
                continue;
            };
            let id = slot.last.id(&value, &mut col.values);
            let i = customer as usize;
            if col.by_customer.len() <= i {
                col.by_customer.resize(i + 1, NO_VALUE);
            }
            col.by_customer[i] = id;
        }
    }

    /// A row of a customer-attributes file: its attributes go to its customer (the last
    /// non-empty value wins). Dropped: a totals row, a short row, a row with no customer id.
    pub(super) fn on_customer_row(&mut self, h: &Header, rec: &csv::Record<'_>, lines: &mut LineItems) {
        let valid = std::str::from_utf8(rec.bytes()).ok();
        let mut bad_utf8 = false;
        let customer = text_cell(rec, valid, h.customer, &mut bad_utf8);
        let first = text_cell(rec, valid, Some(0), &mut bad_utf8);
        if bad_utf8 {
            self.flag(Flag::InvalidUtf8);
        }
        let total = |c: &Option<Cow<'_, str>>| c.as_deref().is_some_and(is_total);
        if total(&first) || total(&customer) {
            self.drop_row(DropReason::TotalRow, rec.line);
            return;
        }
        if rec.len() <= h.max_required {
            self.drop_row(DropReason::MissingField, rec.line);
            return;
        }
        let Some(customer) = customer.map(strip_guard_cow).filter(|c| !c.is_empty()) else {
            self.flag(Flag::NoCustomerId);
            self.drop_row(DropReason::NoCustomerId, rec.line);
            return;
        };
        if is_masked(&customer) {
            self.flag(Flag::MaskedCustomerId);
        }
        let id = lines.customers.intern(&customer);
        let before = self.stats.customers.count;
        self.stats.customers.mark(id);
        if self.stats.customers.count > before {
            self.customer_ids.push(id);
        }
        self.set_attributes(rec, valid, id, lines);
        self.counts.customer_rows += 1;
    }

    /// Classifies one data row, updates the counts and keeps it if it is a purchase or return.
    pub(super) fn on_row(&mut self, h: &Header, rec: &csv::Record<'_>, lines: &mut LineItems) {
        self.counts.read += 1;
        let number = rec.line;

        if rec.unclosed_quote {
            self.drop_row(DropReason::UnclosedQuote, number);
            return;
        }
        if (0..rec.len()).all(|i| rec.get(i).is_some_and(|f| f.trim_ascii().is_empty())) {
            self.drop_row(DropReason::BlankRow, number);
            return;
        }
        self.row_prints.push(row_fingerprint(rec));
        match h.kind {
            FileKind::Sales => {}
            FileKind::Customers => return self.on_customer_row(h, rec, lines),
            FileKind::Baskets => return self.on_basket_row(rec, lines),
            FileKind::Summary => return self.on_summary_row(h, rec, lines),
        }

        // Cells, as trimmed text. Invalid UTF-8 is replaced and flagged.
        let valid = std::str::from_utf8(rec.bytes()).ok();
        let mut bad_utf8 = false;
        let mut cell = |i: Option<usize>| text_cell(rec, valid, i, &mut bad_utf8);
        let short = rec.len() <= h.max_required;
        let first = cell(Some(0));
        let customer = cell(h.customer);
        let datetime = cell(h.datetime);
        let paid_time = cell(h.paid_time);
        let order = cell(h.order);
        let product_id = cell(h.product_id);
        let product_name = cell(h.product_name);
        let region = cell(h.region);
        let quantity_cell = cell(h.quantity);
        let price_cell = cell(h.unit_price);
        let amount_cell = cell(h.amount);
        let status_cell = cell(h.status);
        let refund_cell = cell(h.refund);
        let discount_cell = cell(h.discount);
        let cost_cell = cell(h.cost);
        let category_cell = cell(h.category);
        let store_cell = cell(h.store);
        if bad_utf8 {
            self.flag(Flag::InvalidUtf8);
        }
        let total = |c: &Option<Cow<'_, str>>| c.as_deref().is_some_and(is_total);
        if total(&first) || total(&customer) || total(&order) {
            self.drop_row(DropReason::TotalRow, number);
            return;
        }

        // Flags and file-level figures, over every row.
        // Keys are interned once, kept row or not, and the file's distinct counts mark the ids.
        let customer = customer.map(|c| strip_guard_cow(c)).filter(|c| !c.is_empty());
        let customer_id = customer.as_deref().map(|c| self.customer_cache.id(c, &mut lines.customers));
        match customer_id {
            Some(id) => self.stats.customers.mark(id),
            None => self.flag(Flag::NoCustomerId),
        }
        if customer.as_deref().is_some_and(is_masked) {
            self.flag(Flag::MaskedCustomerId);
        }
        let order = order.map(|o| strip_guard_cow(o)).filter(|o| !o.is_empty());
        let cancelled = order.as_deref().is_some_and(is_cancellation_id);
        let order_id = order.as_deref().map(|o| self.order_cache.id(o, &mut lines.orders));
        if let Some(id) = order_id {
            self.stats.orders.mark(id);
            if cancelled {
                self.flag(Flag::Cancellation);
                self.stats.cancelled_orders.mark(id);
            }
        }
        if product_name.as_deref().is_some_and(str::is_empty) {
            self.flag(Flag::MissingProductName);
        }
        if self.stats.has_product {
            let shown = product_name.as_deref().filter(|n| !n.is_empty()).or(product_id.as_deref());
            super::placeholder::count(&mut self.stats.placeholders, shown.unwrap_or(""));
        }
        let product_name = product_name.filter(|p| !p.is_empty());
        let product_code = product_id.map(|p| strip_guard_cow(p)).filter(|p| !p.is_empty());
        let product_id = match (&product_code, &product_name) {
            (Some(code), name) => {
                let id = lines.products.intern(code);
                if let Some(name) = name {
                    // The display name: the first name seen with the id.
                    let i = id as usize;
                    if lines.product_names.len() <= i {
                        lines.product_names.resize(i + 1, None);
                    }
                    if lines.product_names[i].is_none() {
                        lines.product_names[i] = Some((**name).into());
                    }
                }
                id
            }
            (None, Some(name)) => lines.products.intern(name),
            (None, None) => NO_PRODUCT,
        };
        if product_id != NO_PRODUCT {
            self.stats.products.mark(product_id);
        }
        if let Some(c) = customer_id {
            self.set_attributes(rec, valid, c, lines);
        }
        let region = match region {
            Some(r) if h.region_is_address => province_of_address(&r).map(Cow::Borrowed),
            r => r,
        };
        if let Some(r) = region.filter(|r| !r.is_empty()) {
            if !same_text(&r, &self.last_region) {
                if !self.stats.regions.contains(&*r) {
                    self.stats.regions.insert((*r).into());
                }
                self.last_region.clear();
                self.last_region.push_str(&r);
            }
        }
        let date = match (datetime.as_deref(), &mut self.last_date) {
            // A file without a date column: every line at time 0 (`columns.undated`).
            (None, _) if h.datetime.is_none() => DateCell::At { time: 0, order: None },
            (None, _) => DateCell::Bad,
            (Some(d), Some((text, cell))) if same_text(text, d) => *cell,
            (Some(d), last) => {
                let cell = values::parse_date_cell(d);
                match last {
                    Some((text, c)) => {
                        text.clear();
                        text.push_str(d);
                        *c = cell;
                    }
                    None => *last = Some((d.to_owned(), cell)),
                }
                cell
            }
        };
        if let DateCell::At { order: Some(o), .. } = date {
            match o {
                DateOrder::MonthFirst => self.dates.month_first += 1,
                DateOrder::DayFirst => self.dates.day_first += 1,
            }
        }
        let date_order = self.dates.current();
        if matches!(date, DateCell::Either { .. }) && self.dates.user.is_none() {
            let diff = self.dates.day_first as i64 - self.dates.month_first as i64;
            let (lo, hi) = self.dates.either_diff.unwrap_or((diff, diff));
            self.dates.either_diff = Some((lo.min(diff), hi.max(diff)));
        }
        let time = date.resolve(date_order).filter(|&t| self.date_range.contains(t));
        if let Some(t) = time {
            self.stats.first = Some(self.stats.first.map_or(t, |f| f.min(t)));
            self.stats.last = Some(self.stats.last.map_or(t, |l| l.max(t)));
        }
        let dc = self.decimal_comma;
        // A number beyond ±MAX_ABS_NUMBER is corrupt: as if it did not parse.
        let num = |c: &Option<Cow<'_, str>>| {
            c.as_deref().and_then(|c| values::parse_number_with(c, dc)).filter(|v| v.abs() <= MAX_ABS_NUMBER)
        };
        let quantity = num(&quantity_cell);
        let price = num(&price_cell);
        let amount_col = num(&amount_cell);
        let refund_value = num(&refund_cell);
        let refund = refund_value.filter(|r| *r > 0.0);
        let units = quantity.map_or(1.0, f64::abs);
        // Money off the line, ≥ 0 (see `DiscountKind`).
        let discount = discount_cell.as_deref().filter(|c| !c.is_empty()).and_then(|c| {
            let pct = c.ends_with(['%', '％']);
            let v = values::parse_number_with(c.trim_end_matches(['%', '％']), dc)?.abs();
            Some(match h.discount_kind {
                DiscountKind::Line if !pct => v,
                DiscountKind::PerUnit if !pct => v * units,
                _ => {
                    let rate = if pct || v > 1.0 { v / 100.0 } else { v };
                    match (price, amount_col) {
                        (Some(p), _) => rate * units * p.abs(),
                        (None, Some(a)) if rate < 1.0 => a.abs() * rate / (1.0 - rate),
                        _ => return None,
                    }
                }
            })
            .filter(|d| *d <= MAX_ABS_NUMBER)
        });
        // Cost of the goods on the line, ≥ 0 here (see `CostKind`).
        let cost_value = num(&cost_cell);
        // Unreadable cells per value column, for the report's `doubtful`.
        for (slot, cell, read) in [
            (0, &datetime, time.is_some()),
            (1, &quantity_cell, quantity.is_some()),
            (2, &price_cell, price.is_some()),
            (3, &amount_cell, amount_col.is_some()),
            (4, &refund_cell, refund_value.is_some()),
            (5, &cost_cell, cost_value.is_some()),
        ] {
            // A refund cell without digits says "none" (`无退款申请`).
            let counted = |c: &str| !c.is_empty() && (slot != 4 || c.bytes().any(|b| b.is_ascii_digit()));
            if cell.as_deref().is_some_and(counted) {
                self.value_cells[slot] += 1;
                self.value_bad[slot] += u64::from(!read);
            }
        }
        let cost = cost_value
            .map(|v| match h.cost_kind {
                CostKind::PerUnit => v.abs() * units,
                CostKind::Line | CostKind::Unknown => v.abs(),
            })
            .filter(|c| *c <= MAX_ABS_NUMBER);
        let status = match status_cell.as_deref() {
            // An order-level export's empty payment time: the order was never paid.
            _ if paid_time.as_deref().is_some_and(str::is_empty) => Status::NotASale,
            None => Status::Normal,
            // An order's lines repeat its status.
            Some(c) if same_text(&self.last_status.0, c) => self.last_status.1,
            Some(c) => {
                let status = classify_status(c);
                self.last_status.0.clear();
                self.last_status.0.push_str(c);
                self.last_status.1 = status;
                status
            }
        };
        if quantity.is_some_and(|q| q <= 0.0) {
            self.flag(Flag::NonPositiveQuantity);
        }
        // The price that decides zero/negative: the unit price, else the amount.
        let price_sign = if h.unit_price.is_some() { price } else { amount_col.map(f64::abs) };
        match price_sign {
            Some(0.0) => self.flag(Flag::ZeroPrice),
            Some(p) if p < 0.0 => self.flag(Flag::NegativePrice),
            _ => {}
        }
        let amount = match (amount_col, quantity, price) {
            (Some(a), _, _) => Some(a),
            // No money in the file: a purchase worth nothing, which no analysis takes as money.
            _ if h.unpriced => Some(0.0),
            // A unit price and no quantity: one unit.
            (None, None, Some(p)) if h.quantity.is_none() => Some(p),
            // Without an amount column the line paid its list value less its discount.
            (None, Some(q), Some(p)) => Some(q * p - (q * p).signum() * discount.unwrap_or(0.0)),
            _ => None,
        }
        // A product beyond the bound (10¹⁵ × 10¹⁵ is finite, but no line is worth that).
        .filter(|a| a.abs() <= MAX_ABS_NUMBER);
        if let Some(a) = amount {
            self.stats.amount_sum.add(a);
            if let Some(amounts) = self.amounts.as_mut() {
                amounts.push(a);
            }
        }

        // Disposition: the first reason that applies, else purchase or return.
        let numbers_ok = amount.is_some()
            && (h.quantity.is_none() || quantity.is_some())
            && if h.amount.is_some() { amount_col.is_some() } else { h.unpriced || price.is_some() };
        let refunded = matches!(status, Status::Refunded | Status::PartlyRefunded) || refund.is_some();
        let reason = if short {
            Some(DropReason::MissingField)
        } else if time.is_none() {
            Some(DropReason::BadDate)
        } else if !numbers_ok {
            Some(DropReason::BadNumber)
        } else if customer.is_none() && self.drop_guests {
            Some(DropReason::NoCustomerId)
        } else if status == Status::NotASale && !refunded {
            Some(DropReason::UnpaidOrCancelled)
        } else if price_sign.is_some_and(|p| p < 0.0) {
            Some(DropReason::NegativePrice)
        } else if price_sign == Some(0.0) && !self.options.keep_zero_price {
            Some(DropReason::ZeroPrice)
        } else if quantity == Some(0.0) {
            Some(DropReason::ZeroQuantity)
        } else {
            None
        };
        let (None, Some(time), Some(amount)) = (reason, time, amount) else {
            // Every row that reaches here without a value was given a reason above.
            self.drop_row(reason.unwrap_or(DropReason::BadNumber), number);
            return;
        };
        if matches!(date, DateCell::Either { .. }) {
            self.dates.ambiguous += 1;
            let at = lines.len() as u32;
            match date_order {
                DateOrder::MonthFirst => self.dates.read_month_first.push(at),
                DateOrder::DayFirst => self.dates.read_day_first.push(at),
            }
        }
        let is_return = cancelled
            || status == Status::ReturnDocument
            || quantity.is_some_and(|q| q < 0.0)
            || (h.quantity.is_none() && amount < 0.0);
        let quantity = quantity.unwrap_or(1.0).abs();
        let order_id = match order_id {
            Some(id) => id,
            None => {
                // No order id: one order per customer and calendar day (all guests of a day
                // share the order `"|<YYYY-MM-DD>"`).
                self.key.clear();
                self.key.push_str(customer.as_deref().unwrap_or(""));
                self.key.push('|');
                self.key.push_str(&values::format_datetime(time)[..10]);
                lines.orders.intern(&self.key)
            }
        };
        let discount = discount.unwrap_or(0.0);
        let cost = cost.unwrap_or(f64::NAN);
        let category = category_cell
            .filter(|c| !c.is_empty())
            .map_or(NO_VALUE, |c| self.category_cache.id(&c, &mut lines.categories));
        let channel =
            store_cell.filter(|c| !c.is_empty()).map_or(NO_VALUE, |c| self.channel_cache.id(&c, &mut lines.channels));
        if customer_id.is_none() {
            self.counts.guest += 1;
        }
        let line = Line {
            customer: customer_id.unwrap_or(NO_CUSTOMER),
            order: order_id,
            time,
            product: product_id,
            quantity,
            amount,
            kind: LineKind::Purchase,
            discount,
            cost,
            category,
            channel,
        };
        if is_return {
            self.counts.returns += 1;
            lines.push_line(Line {
                quantity: -quantity,
                amount: -amount.abs(),
                kind: LineKind::Return,
                discount: -discount,
                cost: -cost,
                ..line
            });
            return;
        }
        self.counts.purchase += 1;
        lines.push_line(line);
        if refunded {
            // The sale stands and the money that went back is a return against the customer.
            self.flag(Flag::Refunded);
            let back = match (refund, status) {
                (Some(r), _) => r.min(amount.abs()),
                (None, Status::Refunded) => amount.abs(),
                _ => 0.0,
            };
            if back > 0.0 {
                // The share of the line that went back takes its share of discount and cost.
                let share = if amount.abs() > 0.0 { back / amount.abs() } else { 0.0 };
                lines.push_line(Line {
                    quantity: -quantity * share,
                    amount: -back,
                    kind: LineKind::Return,
                    discount: -discount * share,
                    cost: -cost * share,
                    ..line
                });
            }
        }
    }
}

/// Orders a file needs before "no order has two lines" says the file is order-level: in a
/// line-item export many orders hold one line, so only a long run of them is evidence.
const ORDER_LEVEL_MIN_ORDERS: u64 = 30;

/// Whether no order has two purchase lines among the lines from `from` on, over at least
/// [`ORDER_LEVEL_MIN_ORDERS`] orders.
pub(super) fn one_purchase_line_per_order(lines: &LineItems, from: usize) -> bool {
    let mut seen = Seen::default();
    for i in from..lines.len() {
        if lines.kind[i] == LineKind::Purchase {
            let before = seen.count;
            seen.mark(lines.order[i]);
            if seen.count == before {
                return false;
            }
        }
    }
    seen.count >= ORDER_LEVEL_MIN_ORDERS
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ingest::Role;

    /// Reads a CSV text through the row state alone (no session): the state and the store.
    fn read(text: &str, options: &FileOptions, drop_guests: bool) -> (RowState, LineItems) {
        let mut rows = RowState::new("t.csv", options);
        rows.drop_guests = drop_guests;
        let mut lines = LineItems::default();
        let mut reader = csv::RecordReader::new(b',');
        let mut on = |r: &csv::Record<'_>| rows.on_record(r, &mut lines);
        assert!(reader.feed(text.as_bytes(), &mut on).is_ok());
        assert!(reader.feed(b"", &mut on).is_ok());
        rows.settle_header(&mut lines).unwrap();
        (rows, lines)
    }

    fn reasons(rows: &RowState) -> Vec<(DropReason, u64, Vec<u64>)> {
        rows.counts().dropped_by_reason.into_iter().map(|r| (r.reason, r.rows, r.first_rows)).collect()
    }

    /// One row for each rung of the ladder, in the order they are tested.
    const LADDER: &str = "Invoice,Customer,Date,Qty,Price,Status
,,,,,
合计,,,,,
1,c1,2024-01-01
2,c1,not a date,1,2.5,
3,c1,2024-01-02,x,2.5,
4,,2024-01-02,1,2.5,
5,c1,2024-01-02,1,2.5,交易关闭
6,c1,2024-01-02,1,-2.5,
7,c1,2024-01-02,1,0,
8,c1,2024-01-02,0,2.5,
C9,c1,2024-01-02,-1,2.5,
10,c1,2024-01-02,2,2.5,
11,c2,2024-01-03,1,5,refunded
";

    #[test]
    fn every_rung_of_the_ladder() {
        let (rows, lines) = read(LADDER, &FileOptions::default(), true);
        let h = rows.header.as_deref().unwrap();
        assert_eq!(
            h.roles[..5],
            [
                Some(Role::OrderId),
                Some(Role::CustomerId),
                Some(Role::Datetime),
                Some(Role::Quantity),
                Some(Role::UnitPrice)
            ]
        );
        let c = rows.counts();
        assert_eq!((c.read, c.purchase, c.returns, c.dropped, c.guest), (13, 2, 1, 10, 0));
        assert_eq!(c.read, c.purchase + c.returns + c.dropped);
        use DropReason::*;
        let want = [
            BlankRow,
            TotalRow,
            MissingField,
            BadDate,
            BadNumber,
            NoCustomerId,
            UnpaidOrCancelled,
            NegativePrice,
            ZeroPrice,
            ZeroQuantity,
        ];
        // Record numbers: the header is record 1, so the rows are records 2 to 14, each dropped
        // for its own reason (reported in the order of `DropReason::ALL`).
        let got = reasons(&rows);
        assert_eq!(got.len(), want.len());
        for (record, reason) in (2..).zip(want) {
            assert!(got.contains(&(reason, 1, vec![record])), "{reason:?} at record {record}: {got:?}");
        }
        // The return, the purchase, and the refunded purchase with its refund line.
        assert_eq!(lines.kind, [LineKind::Return, LineKind::Purchase, LineKind::Purchase, LineKind::Return]);
        assert_eq!(lines.amount.iter().collect::<Vec<_>>(), [-2.5, 5.0, 5.0, -5.0]);
        assert_eq!(lines.quantity.iter().collect::<Vec<_>>(), [-1.0, 2.0, 1.0, -1.0]);
        let flagged: Vec<Flag> = c.flagged.iter().map(|f| f.flag).collect();
        assert!(flagged.contains(&Flag::Cancellation) && flagged.contains(&Flag::Refunded), "{flagged:?}");
    }

    #[test]
    fn guests_are_kept_by_default() {
        let (rows, lines) = read(LADDER, &FileOptions::default(), false);
        let c = rows.counts();
        assert_eq!((c.read, c.purchase, c.returns, c.dropped, c.guest), (13, 3, 1, 9, 1));
        assert_eq!(lines.customer.iter().filter(|&&c| c == NO_CUSTOMER).count(), 1);
        assert!(!reasons(&rows).iter().any(|r| r.0 == DropReason::NoCustomerId));
    }

    #[test]
    fn zero_price_kept_on_request() {
        let options = FileOptions { keep_zero_price: true, ..FileOptions::default() };
        let (rows, lines) = read(LADDER, &options, true);
        assert_eq!(rows.counts().purchase, 3);
        assert!(lines.amount.iter().any(|a| a == 0.0));
    }

    #[test]
    fn title_rows_and_totals_in_a_customer_file() {
        let text = "会员资料\n会员卡号,性别,城市\nVIP1,女,上海\nVIP2,男,\n,女,北京\n合计：,,\nVIP1,,杭州\n";
        let (rows, lines) = read(text, &FileOptions::default(), false);
        let c = rows.counts();
        assert_eq!((c.read, c.customer_rows, c.dropped), (6, 3, 3));
        let got: Vec<DropReason> = reasons(&rows).into_iter().map(|r| r.0).collect();
        assert_eq!(got, [DropReason::TitleRow, DropReason::TotalRow, DropReason::NoCustomerId]);
        assert_eq!(rows.customer_ids.len(), 2);
        // The last non-empty value wins.
        let city = lines.attributes.columns.iter().find(|c| c.kind == crate::model::AttributeKind::City).unwrap();
        let vip1 = lines.customers.get("VIP1").unwrap() as usize;
        assert_eq!(city.values.name(city.by_customer[vip1]), "杭州");
    }

    #[test]
    fn basket_rows_are_guest_orders() {
        let (rows, lines) = read("milk,bread\n , \nbread,bread,eggs,\ncream cheese \n", &FileOptions::default(), false);
        let c = rows.counts();
        assert_eq!((c.read, c.purchase, c.dropped, c.guest), (4, 3, 1, 3));
        assert_eq!(reasons(&rows), [(DropReason::BlankRow, 1, vec![2])]);
        assert_eq!(lines.orders.len(), 3);
        // `bread` twice in one basket is one line of quantity 2; trailing spaces are kept.
        let bread = lines.products.get("bread").unwrap();
        assert_eq!(
            (0..lines.len())
                .filter(|&i| lines.product.at(i) == bread)
                .map(|i| lines.quantity.at(i))
                .collect::<Vec<_>>(),
            [1.0, 2.0]
        );
        assert!(lines.products.get("cream cheese ").is_some());
    }

    #[test]
    fn ambiguous_dates_follow_the_file() {
        // 03/04 reads either way until 13/04 says day-first; the first line is then rewritten.
        let (mut rows, mut lines) =
            read("Customer,Date,Amount\nc1,03/04/2024,5\nc2,13/04/2024,6\n", &FileOptions::default(), false);
        rows.fix_dates(&mut lines, 0);
        assert_eq!(rows.dates.current(), DateOrder::DayFirst);
        assert_eq!(crate::time::format_datetime(lines.time.at(0)), "2024-04-03 00:00:00");
        assert_eq!(crate::time::format_datetime(lines.time.at(1)), "2024-04-13 00:00:00");
    }

    #[test]
    fn ambiguous_dates_rekey_customer_day_orders() {
        // Without an order column an order is a customer and a day: c1's two lines of 3 April
        // (the first read as 4 March until 13/04 proves day-first) are one order.
        let text = "Customer,Date,Amount\nc1,03/04/2024,5\nc2,13/04/2024,6\nc1,03/04/2024,7\n";
        let (mut rows, mut lines) = read(text, &FileOptions::default(), false);
        rows.fix_dates(&mut lines, 0);
        assert_eq!(lines.order[0], lines.order[2]);
        assert_eq!(lines.orders.name(lines.order[0]), "c1|2024-04-03");
    }

    #[test]
    fn order_level_needs_a_long_run() {
        let mut lines = LineItems::default();
        for o in 0..ORDER_LEVEL_MIN_ORDERS as u32 {
            lines.push(0, o, 0, 0, 1.0, 1.0, LineKind::Purchase);
        }
        assert!(one_purchase_line_per_order(&lines, 0));
        assert!(!one_purchase_line_per_order(&lines, 1));
        lines.push(0, 3, 0, 1, 1.0, 1.0, LineKind::Purchase);
        assert!(!one_purchase_line_per_order(&lines, 0));
    }
}
