//! One file's body read in ranges, each by a reader of its own, then merged into the store with
//! the result of one reader (issue 16). Natively the ranges are read on threads
//! ([`super::parallel`]); in the page each is read by a worker of its own, in a wasm instance of
//! its own, and comes back in the byte form of [`crate::model::wire`].
//!
//! The page's protocol, every step on a [`Session`]:
//! 1. the main worker begins the file and pushes its head, up to a line start; [`Session::range_plan`]
//!    says whether the rest can be read in ranges (or why not);
//! 2. each range worker begins the same file with the same options in a session of its own,
//!    pushes the same head, then [`Session::begin_range`], [`Session::push_range`] with the
//!    range's bytes, [`Session::end_range`] and [`Session::range_bytes`];
//! 3. the main worker reads the first range the same way (its part stays in its session), adds
//!    the others' bytes in order ([`Session::add_range_bytes`]) and calls
//!    [`Session::merge_ranges`]. On success the file is whole and `end_file` finishes it; else
//!    nothing of the ranges was kept, the reason is returned, and the main worker pushes the rest
//!    of the file itself.
//!
//! A range worker's head read gives the same reader state as the main worker's: every part
//! carries a fingerprint of the state it started from, and a part whose fingerprint is not the
//! main worker's makes the merge fall back.
//!
//! The ranges are checked against what one reader would have done, then merged in order:
//! - every range but the last ends between records, so the next one started where one reader
//!   would have started a record (a range cut inside a quoted field ends inside it, and the read
//!   falls back);
//! - the first non-ASCII byte after an all-ASCII head starts valid UTF-8 (else one reader
//!   switches to a legacy encoding there);
//! - no date both day-month orders read was read with another order than one reader would have
//!   used ([`DateColumn::either_diff`](super::super::rows::DateColumn));
//! - the file stays within [`Limits::max_line_items`](crate::ingest::Limits).
//!
//! The first range starts from a copy of the store's interners, so its ids are one reader's and
//! its interners become the store's; the other ranges' ids are remapped by interning each range's
//! names in its own first-seen order, so every id is the one one reader gives; lines, counts,
//! first rows (renumbered to the file's lines), distinct sets, placeholders and the compensated
//! amount sum (added again value by value) follow.

use super::{Container, FileIngest, LineItems, RowState, Session};
use crate::ingest::csv::RecordReader;
use crate::ingest::report::FileKind;
use crate::model::wire::{NameList, Reader, StoreNames, WireResult, Writer};

/// Why [`Session::range_plan`] refuses a head that ends inside a quoted field: the reader pushes
/// the next line and asks again (a few lines at most), as [`super::parallel`] does.
pub const HEAD_INSIDE_RECORD: &str = "head ends inside a record";

/// One range's result.
#[derive(Debug)]
pub(super) struct Part {
    pub(super) rows: RowState,
    pub(super) lines: LineItems,
    /// Line ends in the range, and whether its reader ended between records.
    line_ends: u64,
    at_line_start: bool,
    /// Whether the range's first non-ASCII byte starts valid UTF-8 (none: all ASCII).
    non_ascii_valid: Option<bool>,
    /// What the range's reader started from (see [`fingerprint`]).
    fingerprint: u64,
    /// Why the range could not be read alone, if it could not.
    failed: Option<&'static str>,
    /// The names of a part read back from its byte form (its interners are then empty).
    names: Option<StoreNames>,
}

/// Reads one range of a file's body into a store of its own.
#[derive(Debug)]
pub(super) struct RangeReader {
    rows: RowState,
    lines: LineItems,
    reader: RecordReader,
    /// Up to 4 bytes from the range's first non-ASCII byte on.
    non_ascii: Option<Vec<u8>>,
    fingerprint: u64,
    failed: Option<&'static str>,
}

/// The ranges of the open file read so far (the page's protocol).
#[derive(Debug, Default)]
pub(super) struct Pending {
    reader: Option<RangeReader>,
    parts: Vec<Part>,
    /// A range whose bytes did not read back.
    failed: Option<&'static str>,
}

/// A hash of what a range's reader starts from: the settled header (its row, names, roles and
/// what was read from them), the file's settings, the dates' evidence, the attribute slots, the
/// store's attribute columns and the delimiter. (Hashing the forked state's whole `Debug` text
/// put 8.5 KB of gzip into the page's first module.)
fn fingerprint(rows: &RowState, lines: &LineItems, delimiter: u8) -> u64 {
    use std::hash::{Hash, Hasher};
    let mut h = Fnv(0xcbf2_9ce4_8422_2325);
    if let Some(head) = rows.header.as_deref() {
        (head.kind as u8, head.row, &head.names, &head.roles, head.unpriced, head.region_is_address).hash(&mut h);
        let slots = [head.customer, head.datetime, head.paid_time, head.order, head.product_id, head.product_name];
        let more = [head.quantity, head.unit_price, head.amount, head.region, head.status, head.refund];
        let rest = [head.discount, head.cost, head.category, head.store];
        (slots, more, rest, head.discount_kind as u8, head.cost_kind as u8, &head.attributes, head.max_required)
            .hash(&mut h);
    }
    serde_json::to_string(&rows.options).unwrap_or_default().hash(&mut h);
    (rows.header_settled, rows.decimal_comma, rows.drop_guests, rows.dates.user.map(|d| d as u8)).hash(&mut h);
    (rows.dates.month_first, rows.dates.day_first, rows.date_range.first, rows.date_range.last).hash(&mut h);
    (rows.stats.has_order, rows.stats.has_product, rows.stats.has_region).hash(&mut h);
    for slot in &rows.attr_slots {
        (slot.cell, slot.province, slot.column).hash(&mut h);
    }
    for c in &lines.attributes.columns {
        (c.kind, &c.name).hash(&mut h);
    }
    delimiter.hash(&mut h);
    h.finish()
}

/// FNV-1a: the same in every build and instance (std's hasher is seeded per process).
struct Fnv(u64);

impl std::hash::Hasher for Fnv {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = (self.0 ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3);
        }
    }
}

impl RangeReader {
    /// Feeds the range's next bytes (a failure is kept for the merge to report).
    pub(super) fn push(&mut self, chunk: &[u8]) {
        if self.failed.is_some() {
            return;
        }
        match &mut self.non_ascii {
            None if chunk.is_ascii() => {}
            None => {
                if let Some(i) = chunk.iter().position(|b| !b.is_ascii()) {
                    self.non_ascii = Some(chunk[i..chunk.len().min(i + 4)].to_vec());
                }
            }
            Some(b) if b.len() < 4 => {
                let n = (4 - b.len()).min(chunk.len());
                b.extend_from_slice(&chunk[..n]);
            }
            Some(_) => {}
        }
        let (rows, lines) = (&mut self.rows, &mut self.lines);
        let mut on_record = |r: &crate::ingest::csv::Record<'_>| rows.on_record(r, lines);
        if self.reader.feed(chunk, &mut on_record).is_err() {
            self.failed = Some("a range could not be read alone");
        }
    }

    /// The range's part; `last` when it ends the file.
    pub(super) fn finish(mut self, last: bool) -> Part {
        if last && self.failed.is_none() {
            let (rows, lines) = (&mut self.rows, &mut self.lines);
            let mut on_record = |r: &crate::ingest::csv::Record<'_>| rows.on_record(r, lines);
            if self.reader.feed(b"", &mut on_record).is_err() {
                self.failed = Some("a range could not be read alone");
            }
        }
        let non_ascii_valid = self.non_ascii.map(|b| match std::str::from_utf8(&b) {
            Ok(_) => true,
            Err(e) => e.valid_up_to() > 0,
        });
        Part {
            at_line_start: last || self.reader.at_line_start(),
            line_ends: self.reader.line_ends(),
            rows: self.rows,
            lines: self.lines,
            non_ascii_valid,
            fingerprint: self.fingerprint,
            failed: self.failed,
            names: None,
        }
    }
}

impl Session {
    /// Whether the open file, after the bytes pushed so far (its head, up to a line start), can
    /// be read in ranges; else why not.
    pub fn range_plan(&self) -> Result<(), &'static str> {
        splittable(self.current.as_ref().ok_or("no open file")?)
    }

    /// A reader for a range of `range_bytes` after a head of `head_bytes`; `first` for the range
    /// right after the head (read by the session that will merge).
    pub(super) fn fork_range(
        &self,
        first: bool,
        head_bytes: u64,
        range_bytes: u64,
    ) -> Result<RangeReader, &'static str> {
        let file = self.current.as_ref().ok_or("no open file")?;
        splittable(file)?;
        let delimiter = file.text.delimiter.ok_or("no delimiter")?;
        let mut rows = file.rows.fork();
        let mut lines = LineItems::default();
        lines.attributes.columns =
            self.lines.attributes.columns.iter().map(|c| crate::model::AttributeColumn::new(c.kind, &c.name)).collect();
        let fingerprint = fingerprint(&rows, &lines, delimiter);
        if first {
            // The first range goes on with the head's amount sum, as one reader would: the merge
            // takes its sum, and it keeps no amounts to add again. It starts from the store's
            // names: its ids are the ones one reader gives, and the merge takes its interners.
            rows.stats.amount_sum = file.rows.stats.amount_sum;
            rows.amounts = None;
            let l = &self.lines;
            lines.customers = l.customers.clone();
            lines.orders = l.orders.clone();
            lines.products = l.products.clone();
            lines.categories = l.categories.clone();
            lines.channels = l.channels.clone();
            for (into, from) in lines.attributes.columns.iter_mut().zip(&l.attributes.columns) {
                into.values = from.values.clone();
            }
        }
        // Lines in the range, estimated from the head, to size its store.
        let per_row = (head_bytes as f64 / file.rows.counts.read.max(1) as f64).max(16.0);
        let reserve = (range_bytes as f64 / per_row * 1.05) as usize;
        lines.reserve(reserve);
        if let Some(a) = rows.amounts.as_mut() {
            a.reserve(reserve);
        }
        let reader = RecordReader::new(delimiter).cut_unclosed_quote(true);
        Ok(RangeReader { rows, lines, reader, non_ascii: None, fingerprint, failed: None })
    }

    /// Starts reading a range of the open file (see the module docs): `first` for the range right
    /// after the head, in the session that merges; `head_bytes` pushed so far, `range_bytes` the
    /// range's length (to size its store).
    pub fn begin_range(&mut self, first: bool, head_bytes: u64, range_bytes: u64) {
        if first {
            self.ranges = Pending::default();
        }
        match self.fork_range(first, head_bytes, range_bytes) {
            Ok(reader) => self.ranges.reader = Some(reader),
            Err(why) => self.ranges.failed = Some(why),
        }
    }

    /// Feeds the next bytes of the range begun last.
    pub fn push_range(&mut self, chunk: &[u8]) {
        if let Some(r) = self.ranges.reader.as_mut() {
            r.push(chunk);
        }
    }

    /// Ends the range begun last (`last` when it ends the file) and keeps its part.
    pub fn end_range(&mut self, last: bool) {
        if let Some(r) = self.ranges.reader.take() {
            self.ranges.parts.push(r.finish(last));
        }
    }

    /// The byte form of the last range ended here (a range worker's answer), taken out of the
    /// session. A range that could not be begun gives a form that makes the merge fall back.
    pub fn range_bytes(&mut self) -> Vec<u8> {
        // Room for the whole form at once: a vector doubling up to hundreds of MB copies itself
        // each time, and a wasm memory keeps every old copy's room.
        let size = self.ranges.parts.last().map_or(0, |p| {
            let rows = &p.rows;
            let lines: usize = p.lines.heap_bytes().iter().map(|(_, b)| b).sum();
            lines + 8 * (rows.row_prints.len() + rows.amounts.as_ref().map_or(0, Vec::len)) + 4096
        });
        let mut w = Writer { bytes: Vec::with_capacity(size) };
        match self.ranges.parts.pop() {
            Some(part) => {
                w.bool(true);
                write_part(&part, &mut w);
            }
            None => w.bool(false),
        }
        w.bytes
    }

    /// Adds the byte form of the next range, read by another session.
    pub fn add_range_bytes(&mut self, bytes: &[u8]) {
        let read = self.current.as_ref().ok_or("no open file").and_then(|file| {
            let mut r = Reader::new(bytes);
            let part = match r.bool() {
                Ok(true) => read_part(&mut r, file, &self.lines).ok().filter(|_| r.at_end()),
                _ => None,
            };
            part.ok_or("a range's worker could not read it")
        });
        match read {
            Ok(part) => self.ranges.parts.push(part),
            Err(why) => self.ranges.failed = self.ranges.failed.or(Some(why)),
        }
    }

    /// Merges the ranges read (see the module docs) into the open file and returns how many
    /// there were, or says why they cannot be (nothing of them is kept then: the caller pushes
    /// the rest of the file).
    pub fn merge_ranges(&mut self) -> Result<usize, &'static str> {
        let pending = std::mem::take(&mut self.ranges);
        if let Some(why) = pending.failed {
            return Err(why);
        }
        self.merge_parts(pending.parts)
    }

    /// Checks the parts and merges them into the open file, in order.
    pub(super) fn merge_parts(&mut self, parts: Vec<Part>) -> Result<usize, &'static str> {
        let file = self.current.as_ref().ok_or("no open file")?;
        if parts.is_empty() {
            return Err("no ranges");
        }
        check(file, &self.lines, &parts)?;
        let n = parts.len();
        let file = self.current.as_mut().ok_or("no open file")?;
        merge(&mut file.rows, &mut self.lines, parts, file.text.reader.as_ref().map_or(0, RecordReader::line_ends));
        Ok(n)
    }
}

/// Whether the open file, after its head, can be read in ranges.
fn splittable(file: &FileIngest) -> Result<(), &'static str> {
    if file.container != Some(Container::None) {
        return Err("container (gzip, zip, workbook): read whole");
    }
    if file.text.encoding != Some(super::decode::UTF_8) || file.text.decoder.is_none() {
        return Err("not UTF-8 text");
    }
    if !file.text.deciding.is_empty() {
        return Err("encoding still being decided at the end of the head");
    }
    if file.text.spaces.is_some() {
        return Err("whitespace-aligned columns");
    }
    if file.options.baskets {
        return Err("basket text");
    }
    match file.rows.header.as_ref() {
        Some(h) if file.rows.header_settled && h.kind == FileKind::Sales => {}
        Some(_) => return Err("not a sales file"),
        None => return Err("header not settled in the head"),
    }
    if !file.text.reader.as_ref().is_some_and(RecordReader::at_line_start) {
        return Err(HEAD_INSIDE_RECORD);
    }
    Ok(())
}

/// Whether the parts are what one reader would have read (see the module docs).
fn check(file: &FileIngest, lines: &LineItems, parts: &[Part]) -> Result<(), &'static str> {
    if let Some(why) = parts.iter().find_map(|p| p.failed) {
        return Err(why);
    }
    if parts.iter().any(|p| p.fingerprint != parts[0].fingerprint) {
        return Err("a range's reader did not start as the file's");
    }
    if parts.iter().any(|p| !p.at_line_start) {
        return Err("a range starts inside a quoted field");
    }
    if parts.iter().any(|p| p.rows.stats.placeholders.len() >= 64) {
        return Err("many placeholder names");
    }
    if file.text.ascii_so_far && parts.iter().find_map(|p| p.non_ascii_valid) == Some(false) {
        return Err("a legacy encoding after an ASCII head");
    }
    // Each range's ambiguous dates were read with the order known at the head; one reader knows
    // the evidence of the ranges before too. The same order for all, or the read falls back.
    let main = &file.rows.dates;
    if main.user.is_none() {
        let head = main.day_first as i64 - main.month_first as i64;
        let mut before = head;
        for p in parts {
            if let Some((lo, hi)) = p.rows.dates.either_diff {
                // The part read a date day-first iff its diff > 0; one reader's diff is
                // `before - head` higher. They disagree for diffs between the two thresholds.
                let shift = before - head;
                let (x, y) = if shift >= 0 { (-shift, 0) } else { (0, -shift) };
                if shift != 0 && hi > x && lo <= y {
                    return Err("the day-month order changed inside a range");
                }
            }
            let d = &p.rows.dates;
            before += (d.day_first - main.day_first) as i64 - (d.month_first - main.month_first) as i64;
        }
    }
    let max = file.options.limits.max_line_items;
    let total = lines.len().saturating_sub(file.lines_at_start) + parts.iter().map(|p| p.lines.len()).sum::<usize>();
    if total as u64 > max {
        return Err("beyond the line-item limit");
    }
    Ok(())
}

// ---- the byte form of a part (read back by the session that merges) ----------------------------
// Every field `check`, `merge` and `merge_small` read of a part other than the first is here.

fn write_seen(w: &mut Writer, s: &crate::ingest::rows::Seen) {
    w.len(s.bits.len());
    w.bytes.extend(s.bits.iter().map(|&b| u8::from(b)));
    w.u64(s.count);
}

fn read_seen(r: &mut Reader<'_>) -> WireResult<crate::ingest::rows::Seen> {
    let bits = r.u8s()?.into_iter().map(|b| b != 0).collect();
    Ok(crate::ingest::rows::Seen { bits, count: r.u64()? })
}

fn write_part(p: &Part, w: &mut Writer) {
    w.u64(p.line_ends);
    w.bool(p.at_line_start);
    w.u8(match p.non_ascii_valid {
        None => 0,
        Some(false) => 1,
        Some(true) => 2,
    });
    w.u64(p.fingerprint);
    w.str(p.failed.unwrap_or(""));
    let rows = &p.rows;
    let c = &rows.counts;
    for v in [c.read, c.purchase, c.returns, c.customer_rows, c.dropped, c.guest] {
        w.u64(v);
    }
    w.u64s(&rows.dropped);
    for first in &rows.first_rows {
        w.u64s(first);
    }
    w.u64s(&rows.flagged);
    w.u64s(&rows.value_cells);
    w.u64s(&rows.value_bad);
    w.u64s(&rows.row_prints);
    let s = &rows.stats;
    for seen in [&s.customers, &s.orders, &s.cancelled_orders, &s.products] {
        write_seen(w, seen);
    }
    let mut regions: Vec<&str> = s.regions.iter().map(|r| &**r).collect();
    crate::sort::sort(&mut regions);
    w.len(regions.len());
    regions.iter().for_each(|r| w.str(r));
    w.opt_i64(s.first);
    w.opt_i64(s.last);
    w.len(s.placeholders.len());
    for p in &s.placeholders {
        w.str(&p.text);
        w.u64(p.lines);
    }
    w.f64s(rows.amounts.as_deref().unwrap_or_default());
    let d = &rows.dates;
    w.u64(d.month_first);
    w.u64(d.day_first);
    w.u64(d.ambiguous);
    w.u32s(&d.read_month_first);
    w.u32s(&d.read_day_first);
    w.bool(d.either_diff.is_some());
    let (lo, hi) = d.either_diff.unwrap_or_default();
    w.i64(lo);
    w.i64(hi);
    p.lines.write_wire(w);
}

/// A part read back, on the row state the open file's own ranges start from.
fn read_part(r: &mut Reader<'_>, file: &FileIngest, store: &LineItems) -> WireResult<Part> {
    let err = crate::model::wire::WireError;
    let line_ends = r.u64()?;
    let at_line_start = r.bool()?;
    let non_ascii_valid = match r.u8()? {
        0 => None,
        1 => Some(false),
        2 => Some(true),
        _ => return Err(err),
    };
    let fingerprint = r.u64()?;
    let failed = (!r.str()?.is_empty()).then_some("a range could not be read alone");
    let mut rows = file.rows.fork();
    let c = &mut rows.counts;
    for v in [&mut c.read, &mut c.purchase, &mut c.returns, &mut c.customer_rows, &mut c.dropped, &mut c.guest] {
        *v = r.u64()?;
    }
    rows.dropped = r.u64s()?.try_into().map_err(|_| err)?;
    for first in &mut rows.first_rows {
        *first = r.u64s()?;
    }
    rows.flagged = r.u64s()?.try_into().map_err(|_| err)?;
    rows.value_cells = r.u64s()?.try_into().map_err(|_| err)?;
    rows.value_bad = r.u64s()?.try_into().map_err(|_| err)?;
    rows.row_prints = r.u64s()?;
    let s = &mut rows.stats;
    s.customers = read_seen(r)?;
    s.orders = read_seen(r)?;
    s.cancelled_orders = read_seen(r)?;
    s.products = read_seen(r)?;
    for _ in 0..r.len(8)? {
        s.regions.insert(r.str()?.into());
    }
    s.first = r.opt_i64()?;
    s.last = r.opt_i64()?;
    for _ in 0..r.len(16)? {
        let text = r.str()?.to_owned();
        s.placeholders.push(crate::ingest::placeholder::PlaceholderCount { text, lines: r.u64()? });
    }
    rows.amounts = Some(r.f64s()?);
    let d = &mut rows.dates;
    d.month_first = r.u64()?;
    d.day_first = r.u64()?;
    d.ambiguous = r.u64()?;
    d.read_month_first = r.u32s()?;
    d.read_day_first = r.u32s()?;
    let some = r.bool()?;
    let (lo, hi) = (r.i64()?, r.i64()?);
    d.either_diff = some.then_some((lo, hi));
    let (lines, names) = LineItems::read_wire(r, &store.attributes.columns)?;
    Ok(Part { rows, lines, line_ends, at_line_start, non_ascii_valid, fingerprint, failed, names: Some(names) })
}

/// The global id of each of `from`'s names, interned into `into` in `from`'s id order; `from`
/// is left empty (its memory given back as soon as it is read).
fn remap(from: &mut crate::model::Interner, into: &mut crate::model::Interner) -> Vec<u32> {
    let from = std::mem::take(from);
    into.reserve_for(&from);
    from.names().map(|name| into.intern(name)).collect()
}

fn mapped(map: &[u32], id: u32) -> u32 {
    map.get(id as usize).copied().unwrap_or(id)
}

/// Marks in `into` the remapped ids `from` marked.
fn mark_seen(into: &mut crate::ingest::rows::Seen, from: &crate::ingest::rows::Seen, map: &[u32]) {
    for (i, &b) in from.bits.iter().enumerate() {
        if b {
            into.mark(mapped(map, i as u32));
        }
    }
}

/// The new ids of one range's interned names.
struct Maps {
    customers: Vec<u32>,
    orders: Vec<u32>,
    products: Vec<u32>,
    categories: Vec<u32>,
    channels: Vec<u32>,
}

/// Appends the ranges to the file, in order: first each range's names, counts and figures, then
/// the store column by column, each range's copy of a column freed once appended (so the peak is
/// about one store and one column, not two stores).
fn merge(rows: &mut RowState, lines: &mut LineItems, mut parts: Vec<Part>, mut line_base: u64) {
    let (month0, day0) = (rows.dates.month_first, rows.dates.day_first);
    let mut base = lines.len();
    let mut maps = Vec::with_capacity(parts.len());
    for (k, part) in parts.iter_mut().enumerate() {
        maps.push(merge_small(rows, lines, part, line_base, base, month0, day0, k == 0));
        line_base += part.line_ends;
        base += part.lines.len();
    }
    let total = base - lines.len();
    fn column<T: Copy>(
        into: &mut Vec<T>,
        total: usize,
        parts: &mut [Part],
        get: impl Fn(&mut LineItems) -> &mut Vec<T>,
        map: impl Fn(usize, T) -> T,
    ) {
        into.reserve_exact(total);
        for (k, part) in parts.iter_mut().enumerate() {
            let from = std::mem::take(get(&mut part.lines));
            into.extend(from.iter().map(|&v| map(k, v)));
        }
    }
    fn same<T>(_: usize, v: T) -> T {
        v
    }
    column(&mut lines.customer, total, &mut parts, |l| &mut l.customer, |k, v| mapped(&maps[k].customers, v));
    column(&mut lines.order, total, &mut parts, |l| &mut l.order, |k, v| mapped(&maps[k].orders, v));
    column(&mut lines.kind, total, &mut parts, |l| &mut l.kind, same);
    // The compact columns, each range's appended whole (each widens as one reader's would: to the
    // form its widest value needs, whichever range it came from).
    lines.product.reserve(total);
    lines.category.reserve(total);
    lines.channel.reserve(total);
    lines.time.reserve(total);
    for d in [&mut lines.quantity, &mut lines.amount, &mut lines.discount, &mut lines.cost] {
        d.reserve(total);
    }
    for (k, part) in parts.iter_mut().enumerate() {
        let (m, pl) = (&maps[k], &mut part.lines);
        lines.product.append_mapped(&std::mem::take(&mut pl.product), |v| mapped(&m.products, v));
        lines.category.append_mapped(&std::mem::take(&mut pl.category), |v| mapped(&m.categories, v));
        lines.channel.append_mapped(&std::mem::take(&mut pl.channel), |v| mapped(&m.channels, v));
        lines.time.append(&std::mem::take(&mut pl.time));
        lines.quantity.append(&std::mem::take(&mut pl.quantity));
        lines.amount.append(&std::mem::take(&mut pl.amount));
        lines.discount.append(&std::mem::take(&mut pl.discount));
        lines.cost.append(&std::mem::take(&mut pl.cost));
    }
    let prints: usize = parts.iter().map(|p| p.rows.row_prints.len()).sum();
    rows.row_prints.reserve_exact(prints);
    for part in &mut parts {
        let from = std::mem::take(&mut part.rows.row_prints);
        rows.row_prints.extend_from_slice(&from);
    }
}

/// One range's names (remapped), counts and file-level figures; returns its id maps.
#[allow(clippy::too_many_arguments)]
fn merge_small(
    rows: &mut RowState,
    lines: &mut LineItems,
    part: &mut Part,
    line_base: u64,
    base: usize,
    month0: u64,
    day0: u64,
    first: bool,
) -> Maps {
    let (p, pl) = (&mut part.rows, &mut part.lines);
    // The first range's interners began as the store's (see `read_ranges`): they are taken whole,
    // and its ids stay (an empty map is the identity).
    // A part read back from its byte form brings its names as lists, interned here once.
    let mut remote = part.names.take();
    let names = |from: &mut crate::model::Interner, list: Option<&NameList>, into: &mut crate::model::Interner| {
        if first {
            *into = std::mem::take(from);
            Vec::new()
        } else if let Some(list) = list {
            into.reserve(list.len());
            list.names().map(|name| into.intern(name)).collect()
        } else {
            remap(from, into)
        }
    };
    let r = remote.as_ref();
    let customers = names(&mut pl.customers, r.map(|n| &n.customers), &mut lines.customers);
    let orders = names(&mut pl.orders, r.map(|n| &n.orders), &mut lines.orders);
    let products = names(&mut pl.products, r.map(|n| &n.products), &mut lines.products);
    let categories = names(&mut pl.categories, r.map(|n| &n.categories), &mut lines.categories);
    let channels = names(&mut pl.channels, r.map(|n| &n.channels), &mut lines.channels);
    for (i, name) in std::mem::take(&mut pl.product_names).into_iter().enumerate() {
        let Some(name) = name else { continue };
        let g = mapped(&products, i as u32) as usize;
        if lines.product_names.len() <= g {
            lines.product_names.resize(g + 1, None);
        }
        if lines.product_names[g].is_none() {
            lines.product_names[g] = Some(name);
        }
    }
    let attribute_lists = remote.as_mut().map(|n| std::mem::take(&mut n.attributes)).unwrap_or_default();
    for (i, (col, pcol)) in lines.attributes.columns.iter_mut().zip(&mut pl.attributes.columns).enumerate() {
        let values = names(&mut pcol.values, attribute_lists.get(i), &mut col.values);
        for (c, &v) in pcol.by_customer.iter().enumerate() {
            if v == crate::model::NO_VALUE {
                continue;
            }
            let g = mapped(&customers, c as u32) as usize;
            if col.by_customer.len() <= g {
                col.by_customer.resize(g + 1, crate::model::NO_VALUE);
            }
            col.by_customer[g] = mapped(&values, v);
        }
    }
    // Counts.
    rows.counts.merge(&p.counts);
    for i in 0..rows.dropped.len() {
        rows.dropped[i] += p.dropped[i];
        for &line in &p.first_rows[i] {
            if rows.first_rows[i].len() < 5 {
                rows.first_rows[i].push(line + line_base);
            }
        }
    }
    for (f, &pf) in rows.flagged.iter_mut().zip(&p.flagged) {
        *f += pf;
    }
    for (slot, &pslot) in rows.value_cells.iter_mut().zip(&p.value_cells) {
        *slot += pslot;
    }
    for (slot, &pslot) in rows.value_bad.iter_mut().zip(&p.value_bad) {
        *slot += pslot;
    }
    // File-level figures.
    let (s, ps) = (&mut rows.stats, &p.stats);
    mark_seen(&mut s.customers, &ps.customers, &customers);
    mark_seen(&mut s.orders, &ps.orders, &orders);
    mark_seen(&mut s.cancelled_orders, &ps.cancelled_orders, &orders);
    mark_seen(&mut s.products, &ps.products, &products);
    for r in &ps.regions {
        if !s.regions.contains(r) {
            s.regions.insert(r.clone());
        }
    }
    s.first = match (s.first, ps.first) {
        (Some(a), Some(b)) => Some(a.min(b)),
        (a, b) => a.or(b),
    };
    s.last = match (s.last, ps.last) {
        (Some(a), Some(b)) => Some(a.max(b)),
        (a, b) => a.or(b),
    };
    if first {
        s.amount_sum = ps.amount_sum;
    }
    for &a in p.amounts.take().as_deref().unwrap_or_default() {
        s.amount_sum.add(a);
    }
    for pc in &ps.placeholders {
        match s.placeholders.iter().position(|c| c.text == pc.text) {
            Some(i) => s.placeholders[i].lines += pc.lines,
            None if s.placeholders.len() < 64 => s.placeholders.push(pc.clone()),
            None => {}
        }
    }
    // Dates: the range's evidence beyond the head's, and its ambiguous lines renumbered.
    let (d, pd) = (&mut rows.dates, &p.dates);
    d.month_first += pd.month_first - month0;
    d.day_first += pd.day_first - day0;
    d.ambiguous += pd.ambiguous;
    let at = |i: &u32| i + base as u32;
    d.read_month_first.extend(pd.read_month_first.iter().map(at));
    d.read_day_first.extend(pd.read_day_first.iter().map(at));
    Maps { customers, orders, products, categories, channels }
}
