//! One plain-text file read on several threads (issue 16), with the result of one reader.
//!
//! 1. The head of the file (its first [`HEAD_BYTES`], to the next line feed) is read as
//!    [`Session::push`] reads it: container, encoding, delimiter and header are settled there.
//! 2. If the file can be split (plain UTF-8 text with a delimiter, a sales file, the reader
//!    between records), the rest is cut into ranges that start after a line feed. Each range is
//!    read on a thread of its own by a fresh [`csv::RecordReader`] and a fork of the file's
//!    [`RowState`] ([`RowState::fork`]) into a store of its own (its own interners).
//! 3. The ranges are checked against what one reader would have done, then merged in order:
//!    - every range but the last ends between records, so the next one started where one
//!      reader would have started a record (a range cut inside a quoted field ends inside it,
//!      and the read falls back);
//!    - the first non-ASCII byte after an all-ASCII head starts valid UTF-8 (else one reader
//!      switches to a legacy encoding there);
//!    - no date both day-month orders read was read with another order than one reader would
//!      have used ([`DateColumn::either_diff`](super::super::rows::DateColumn));
//!    - the file stays within [`Limits::max_line_items`](crate::ingest::Limits).
//!
//!    The first range starts from a copy of the store's interners, so its ids are one reader's
//!    and its interners become the store's; the other ranges' ids are remapped by interning each
//!    range's names in its own first-seen order, so every id is the one one reader gives; lines, counts, first rows (renumbered to the file's
//!    lines), distinct sets, placeholders and the compensated amount sum (added again value by
//!    value) follow.
//! 4. Anything else is read by one thread from the end of the head on, and the reason is kept
//!    ([`ParallelRead::fallback`]). Either way [`Session::end_file`] finishes the file, so the
//!    report and the store are identical, byte for byte, to [`Session::read_file_with`]'s.

use super::{Container, FileIngest, FileOptions, LineItems, RowState, Session};
use crate::error::IngestError;
use crate::ingest::csv::RecordReader;
use crate::ingest::report::{FileKind, FileReport};

/// The head read by one thread before the file is split: the sniff windows and the header's
/// sample records fit well inside it.
pub const HEAD_BYTES: u64 = 1 << 20;

/// The least bytes a range is given: smaller files are read by one thread. Online Retail
/// (47 MB) read in two ranges took a little more CPU (0.25 s user against 0.23 s), 1.8× the
/// memory (58 MB against 33 MB) and no less wall time on the 2-core machine, so a range is at
/// least 32 MiB (about a quarter of a second of one reader's work).
pub const MIN_RANGE_BYTES: u64 = 32 << 20;

/// Lines the head goes on by when it ends inside a quoted field.
const MAX_QUOTED_LINES_AFTER_HEAD: usize = 200;

/// Read buffer of each thread.
const READ_BYTES: usize = 1 << 20;

/// Positioned reads of a file's bytes, shared by the threads.
pub trait ReadAt: Sync {
    /// The length in bytes.
    fn size(&self) -> u64;
    /// Reads into `buf` from `offset`; returns how many bytes were read (0 at the end).
    fn read_at(&self, buf: &mut [u8], offset: u64) -> std::io::Result<usize>;
}

impl ReadAt for [u8] {
    fn size(&self) -> u64 {
        self.len() as u64
    }
    fn read_at(&self, buf: &mut [u8], offset: u64) -> std::io::Result<usize> {
        let start = usize::try_from(offset).unwrap_or(usize::MAX).min(self.len());
        let n = buf.len().min(self.len() - start);
        buf[..n].copy_from_slice(&self[start..start + n]);
        Ok(n)
    }
}

#[cfg(unix)]
impl ReadAt for std::fs::File {
    fn size(&self) -> u64 {
        self.metadata().map_or(0, |m| m.len())
    }
    fn read_at(&self, buf: &mut [u8], offset: u64) -> std::io::Result<usize> {
        std::os::unix::fs::FileExt::read_at(self, buf, offset)
    }
}

/// How a file was read: by how many ranges, or why by one thread.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParallelRead {
    pub file: String,
    /// Ranges read on threads of their own after the head (0 when read by one thread).
    pub ranges: usize,
    /// Why the file was read by one thread, if it was.
    pub fallback: Option<&'static str>,
}

/// One range's result.
struct Part {
    rows: RowState,
    lines: LineItems,
    /// Line ends in the range, and whether its reader ended between records.
    line_ends: u64,
    at_line_start: bool,
    /// The offset of its first non-ASCII byte.
    first_non_ascii: Option<u64>,
}

impl Session {
    /// Reads a whole file with up to `threads` threads (see the module docs); the result is
    /// [`Session::read_file_with`]'s, whatever `threads` is. [`Session::parallel_reads`] says
    /// how each file was read.
    pub fn read_parallel_with(
        &mut self,
        name: &str,
        source: &(impl ReadAt + ?Sized),
        options: FileOptions,
        threads: usize,
    ) -> Result<&FileReport, IngestError> {
        let size = source.size();
        self.begin_file_with(name, size, options)?;
        let threads = threads.max(1);
        if threads == 1 || size < HEAD_BYTES + 2 * MIN_RANGE_BYTES {
            let why = if threads == 1 { "one thread" } else { "small file" };
            return self.read_parallel_at(name, source, size, size, &[], Some(why));
        }
        let n = (threads as u64).min((size - HEAD_BYTES) / MIN_RANGE_BYTES).max(1);
        let cuts: Vec<u64> = (1..n).map(|k| HEAD_BYTES + (size - HEAD_BYTES) * k / n).collect();
        self.read_parallel_at(name, source, size, HEAD_BYTES, &cuts, None)
    }

    /// How each file read with [`Session::read_parallel_with`] was read, in order.
    pub fn parallel_reads(&self) -> &[ParallelRead] {
        &self.parallel
    }

    /// [`Session::read_parallel_with`] after `begin_file`, with the head's length and the other
    /// ranges' starts given (each is moved to the next line start; tests cut anywhere). With
    /// `why` set, or no line feed after the head, the file is read by one thread.
    #[doc(hidden)]
    pub fn read_parallel_at(
        &mut self,
        name: &str,
        source: &(impl ReadAt + ?Sized),
        size: u64,
        head: u64,
        cuts: &[u64],
        why: Option<&'static str>,
    ) -> Result<&FileReport, IngestError> {
        let mut head_end = if why.is_none() { self.line_start(source, head.min(size), size)? } else { size };
        self.push_range(source, 0, head_end)?;
        // A head that ends inside a quoted field goes on a line at a time (a few at most).
        let plain = self.current.as_ref().is_some_and(|f| f.container == Some(Container::None));
        for _ in 0..if plain { MAX_QUOTED_LINES_AFTER_HEAD } else { 0 } {
            let inside = self.current.as_ref().and_then(|f| f.text.reader.as_ref()).is_some_and(|r| !r.at_line_start());
            if !inside || head_end >= size {
                break;
            }
            let next = self.line_start(source, head_end, size)?;
            self.push_range(source, head_end, next)?;
            head_end = next;
        }
        let outcome = match why {
            Some(why) => Err(why),
            None if head_end >= size => Err("no line feed after the head"),
            None => self.read_ranges(source, head_end, size, cuts),
        };
        let ranges = *outcome.as_ref().unwrap_or(&0);
        self.parallel.push(ParallelRead { file: name.to_owned(), ranges, fallback: outcome.err() });
        if ranges == 0 {
            self.push_range(source, head_end, size)?;
        }
        self.end_file()
    }

    /// Feeds bytes `from..to` to the open file in [`READ_BYTES`] chunks.
    fn push_range(&mut self, source: &(impl ReadAt + ?Sized), from: u64, to: u64) -> Result<(), IngestError> {
        let mut buf = vec![0u8; READ_BYTES];
        let mut at = from;
        while at < to {
            let want = ((to - at) as usize).min(buf.len());
            match read_full(source, &mut buf[..want], at) {
                Ok(0) => break,
                Ok(n) => {
                    self.push(&buf[..n])?;
                    at += n as u64;
                }
                Err(_) => {
                    self.current = None;
                    return Err(IngestError::Protocol { detail: "the file could not be read from disk" });
                }
            }
        }
        Ok(())
    }

    /// The offset just after the first line feed at or after `from` (`size` if there is none).
    fn line_start(&mut self, source: &(impl ReadAt + ?Sized), from: u64, size: u64) -> Result<u64, IngestError> {
        line_start(source, from, size).map_err(|_| {
            self.current = None;
            IngestError::Protocol { detail: "the file could not be read from disk" }
        })
    }

    /// Reads `from..size` in ranges on threads and merges them into the open file, or says why
    /// it cannot (nothing of the ranges is kept then).
    fn read_ranges(
        &mut self,
        source: &(impl ReadAt + ?Sized),
        from: u64,
        size: u64,
        cuts: &[u64],
    ) -> Result<usize, &'static str> {
        let file = self.current.as_ref().ok_or("no open file")?;
        splittable(file)?;
        let delimiter = file.text.delimiter.ok_or("no delimiter")?;
        // Range starts, each at a line start.
        let mut starts = vec![from];
        for &c in cuts {
            let s = line_start(source, c.clamp(from, size), size).map_err(|_| "read error")?;
            if s > *starts.last().unwrap_or(&from) && s < size {
                starts.push(s);
            }
        }
        let mut ranges: Vec<(u64, u64)> = starts.windows(2).map(|w| (w[0], w[1])).collect();
        ranges.push((*starts.last().unwrap_or(&from), size));
        // Lines per range, estimated from the head, to size each store.
        let read = file.rows.counts.read.max(1);
        let per_row = (from as f64 / read as f64).max(16.0);
        let last = ranges.len() - 1;
        let layout: Vec<crate::model::AttributeColumn> =
            self.lines.attributes.columns.iter().map(|c| crate::model::AttributeColumn::new(c.kind, &c.name)).collect();
        let parts: Vec<Result<Part, &'static str>> = std::thread::scope(|scope| {
            let handles: Vec<_> = ranges
                .iter()
                .enumerate()
                .map(|(i, &(a, b))| {
                    let mut rows = file.rows.fork();
                    if i == 0 {
                        // The first range goes on with the head's amount sum, as one reader
                        // would: the merge takes its sum, and it keeps no amounts to add again.
                        rows.stats.amount_sum = file.rows.stats.amount_sum;
                        rows.amounts = None;
                    }
                    let reserve = ((b - a) as f64 / per_row * 1.05) as usize;
                    let mut lines = LineItems::default();
                    lines.attributes.columns = layout.clone();
                    if i == 0 {
                        // The first range starts from the store's names: its ids are the ones
                        // one reader gives, and the merge takes its interners as they are.
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
                    lines.reserve(reserve);
                    scope.spawn(move || read_range(source, a, b, i == last, delimiter, rows, lines))
                })
                .collect();
            handles.into_iter().map(|h| h.join().unwrap_or(Err("a range's thread panicked"))).collect()
        });
        let parts = parts.into_iter().collect::<Result<Vec<Part>, &'static str>>()?;
        check(file, &self.lines, source, &parts)?;
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
        return Err("head ends inside a record");
    }
    Ok(())
}

/// Reads as many bytes as `buf` holds from `offset`, fewer only at the end.
fn read_full(source: &(impl ReadAt + ?Sized), buf: &mut [u8], offset: u64) -> std::io::Result<usize> {
    let mut n = 0;
    while n < buf.len() {
        match source.read_at(&mut buf[n..], offset + n as u64) {
            Ok(0) => break,
            Ok(k) => n += k,
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
            Err(e) => return Err(e),
        }
    }
    Ok(n)
}

/// The offset just after the first line feed at or after `from`, or `size`.
fn line_start(source: &(impl ReadAt + ?Sized), from: u64, size: u64) -> std::io::Result<u64> {
    let mut buf = vec![0u8; 64 * 1024];
    let mut at = from;
    while at < size {
        let n = read_full(source, &mut buf, at)?;
        if n == 0 {
            break;
        }
        if let Some(i) = buf[..n].iter().position(|&b| b == b'\n') {
            return Ok(at + i as u64 + 1);
        }
        at += n as u64;
    }
    Ok(size)
}

/// Reads `from..to` into a store of its own.
fn read_range(
    source: &(impl ReadAt + ?Sized),
    from: u64,
    to: u64,
    last: bool,
    delimiter: u8,
    mut rows: RowState,
    mut lines: LineItems,
) -> Result<Part, &'static str> {
    let reserve = lines.customer.capacity();
    if let Some(a) = rows.amounts.as_mut() {
        a.reserve(reserve);
    }
    let mut reader = RecordReader::new(delimiter).cut_unclosed_quote(true);
    let mut buf = vec![0u8; READ_BYTES];
    let mut first_non_ascii = None;
    let mut at = from;
    let mut on_record = |r: &crate::ingest::csv::Record<'_>| rows.on_record(r, &mut lines);
    while at < to {
        let want = ((to - at) as usize).min(buf.len());
        let n = read_full(source, &mut buf[..want], at).map_err(|_| "read error")?;
        if n == 0 {
            break;
        }
        let chunk = &buf[..n];
        if first_non_ascii.is_none() && !chunk.is_ascii() {
            first_non_ascii = chunk.iter().position(|b| !b.is_ascii()).map(|i| at + i as u64);
        }
        reader.feed(chunk, &mut on_record).map_err(|_| "a range could not be read alone")?;
        at += n as u64;
    }
    if last {
        reader.feed(b"", &mut on_record).map_err(|_| "a range could not be read alone")?;
    }
    let at_line_start = last || reader.at_line_start();
    Ok(Part { rows, lines, line_ends: reader.line_ends(), at_line_start, first_non_ascii })
}

/// Whether the parts are what one reader would have read (see the module docs).
fn check(
    file: &FileIngest,
    lines: &LineItems,
    source: &(impl ReadAt + ?Sized),
    parts: &[Part],
) -> Result<(), &'static str> {
    if parts.iter().any(|p| !p.at_line_start) {
        return Err("a range starts inside a quoted field");
    }
    if parts.iter().any(|p| p.rows.stats.placeholders.len() >= 64) {
        return Err("many placeholder names");
    }
    if file.text.ascii_so_far {
        if let Some(at) = parts.iter().find_map(|p| p.first_non_ascii) {
            let mut b = [0u8; 4];
            let n = read_full(source, &mut b, at).map_err(|_| "read error")?;
            let starts_valid = match std::str::from_utf8(&b[..n]) {
                Ok(_) => true,
                Err(e) => e.valid_up_to() > 0,
            };
            if !starts_valid {
                return Err("a legacy encoding after an ASCII head");
            }
        }
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
    // The compact columns, value by value (each widens as one reader's would: to the form its
    // widest value needs, whichever range it came from).
    macro_rules! compact {
        ($field:ident, $map:expr) => {{
            lines.$field.reserve(total);
            for (k, part) in parts.iter_mut().enumerate() {
                let from = std::mem::take(&mut part.lines.$field);
                for v in from.iter() {
                    lines.$field.push($map(k, v));
                }
            }
        }};
    }
    compact!(product, |k: usize, v: u32| mapped(&maps[k].products, v));
    compact!(category, |k: usize, v: u32| mapped(&maps[k].categories, v));
    compact!(channel, |k: usize, v: u32| mapped(&maps[k].channels, v));
    compact!(time, same);
    compact!(quantity, same);
    compact!(amount, same);
    compact!(discount, same);
    compact!(cost, same);
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
    let names = |from: &mut crate::model::Interner, into: &mut crate::model::Interner| {
        if first {
            *into = std::mem::take(from);
            Vec::new()
        } else {
            remap(from, into)
        }
    };
    let customers = names(&mut pl.customers, &mut lines.customers);
    let orders = names(&mut pl.orders, &mut lines.orders);
    let products = names(&mut pl.products, &mut lines.products);
    let categories = names(&mut pl.categories, &mut lines.categories);
    let channels = names(&mut pl.channels, &mut lines.channels);
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
    for (col, pcol) in lines.attributes.columns.iter_mut().zip(&mut pl.attributes.columns) {
        let values = names(&mut pcol.values, &mut col.values);
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
    let (c, pc) = (&mut rows.counts, &p.counts);
    c.read += pc.read;
    c.purchase += pc.purchase;
    c.returns += pc.returns;
    c.customer_rows += pc.customer_rows;
    c.dropped += pc.dropped;
    c.guest += pc.guest;
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
