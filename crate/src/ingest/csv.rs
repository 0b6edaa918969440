//! A push CSV reader: bytes go in chunk by chunk, whole records come out.
//!
//! It wraps `csv-core`, which is what lets the browser feed a file in pieces: a record split
//! across two chunks is completed when the next chunk arrives. Quoting follows RFC 4180 (`""`
//! inside quotes), CRLF and LF both end a record, and blank lines are skipped.

/// One parsed record: its fields and its 1-based number in the file.
///
/// The fields lie one after another with one separator byte between them (the delimiter, for
/// records from the reader), so a plain line is a record as it stands, without a copy. A record
/// that `csv-core` unquoted is laid out the same way, so a row's [`Record::bytes`] and
/// [`Record::ends`] do not depend on which path read it.
#[derive(Debug)]
pub struct Record<'a> {
    data: &'a [u8],
    ends: &'a [usize],
    /// 1-based record number: the first record (usually the header) is 1.
    pub number: u64,
    /// The file's own 1-based number for the record, what messages show: for text the physical
    /// line it starts on (a quoted field holding newlines spans lines, blank lines count), for a
    /// workbook the sheet's row number.
    pub line: u64,
    /// The record is the line of a quote opened and never closed before the end of the input
    /// (see [`RecordReader::feed`]): its fields are the line split at the delimiter as written,
    /// and the row is to be dropped as `unclosed_quote`.
    pub unclosed_quote: bool,
}

impl<'a> Record<'a> {
    /// A record over given bytes and field ends, fields separated by one byte (for records
    /// that do not come from the reader: held rows, workbook rows; see [`Record::join`]).
    pub fn from_parts(data: &'a [u8], ends: &'a [usize], number: u64) -> Self {
        Record { data, ends, number, line: number, unclosed_quote: false }
    }

    /// The record with its own line (or sheet row) number, see [`Record::line`].
    pub fn at_line(mut self, line: u64) -> Self {
        self.line = line;
        self
    }

    /// Appends `field` to a record being built in `data` / `ends`, after `separator`.
    pub fn join(data: &mut Vec<u8>, ends: &mut Vec<usize>, field: &[u8], separator: u8) {
        if !ends.is_empty() {
            data.push(separator);
        }
        data.extend_from_slice(field);
        ends.push(data.len());
    }

    /// The number of fields.
    pub fn len(&self) -> usize {
        self.ends.len()
    }

    /// Whether the record has no fields.
    pub fn is_empty(&self) -> bool {
        self.ends.is_empty()
    }

    /// Field `i` as raw bytes.
    #[inline]
    pub fn get(&self, i: usize) -> Option<&'a [u8]> {
        let (start, end) = self.span(i)?;
        Some(&self.data[start..end])
    }

    /// Field `i` as a byte range into [`Record::bytes`].
    #[inline]
    pub fn span(&self, i: usize) -> Option<(usize, usize)> {
        let end = *self.ends.get(i)?;
        Some((if i == 0 { 0 } else { self.ends[i - 1] + 1 }, end))
    }

    /// The bytes of all fields with their separators, for hashing whole rows.
    pub fn bytes(&self) -> &'a [u8] {
        &self.data[..self.ends.last().copied().unwrap_or(0)]
    }

    /// The field boundaries (exclusive end offsets into [`Record::bytes`]).
    pub fn ends(&self) -> &'a [usize] {
        self.ends
    }
}

/// The largest record accepted, in bytes. A longer one means an unclosed quote or binary data.
pub const MAX_RECORD_BYTES: usize = 16 << 20;

/// The most line ends one quoted field may hold. A field holding more is a stray quote closed
/// by another one far later (or never): with [`RecordReader::cut_unclosed_quote`] its record is
/// cut at the opening quote's line like an unclosed quote's, and the lines after it are read
/// again as records of their own.
pub const MAX_QUOTED_LINES: u64 = 100;

/// Feeds bytes to `csv-core` and hands every complete record to a callback.
#[derive(Debug)]
pub struct RecordReader {
    core: csv_core::Reader,
    delimiter: u8,
    out: Vec<u8>,
    out_len: usize,
    ends: Vec<usize>,
    ends_len: usize,
    /// A record from `csv-core`, laid out as [`Record`] describes.
    joined: Vec<u8>,
    joined_ends: Vec<usize>,
    /// The text of the record `csv-core` is reading, as written.
    raw: Vec<u8>,
    /// Cut a record whose quote is never closed at its line ([`RecordReader::cut_unclosed_quote`]).
    cut_unclosed: bool,
    records: u64,
    /// Line ends consumed so far (CR LF is one), and whether the last byte consumed was a CR.
    line_ends: u64,
    after_cr: bool,
    /// The line the record being read by `csv-core` starts on, once its first byte is in.
    record_line: Option<u64>,
    /// `line_ends` and `after_cr` where [`RecordReader::raw`] starts, to number the lines read
    /// again after an unclosed quote.
    raw_start: (u64, bool),
    /// The line ends inside the record being read when its quoted fields were last measured
    /// (see [`RecordReader::runaway_check`]).
    measured_at: u64,
    /// The core sits between records (nothing of the next one consumed), so a whole line can
    /// skip it: see [`RecordReader::split_plain_lines`].
    between_records: bool,
}

/// What went wrong while splitting records.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SplitError<E> {
    /// A record grew beyond [`MAX_RECORD_BYTES`]; carries the line it starts on.
    TooLarge(u64),
    /// The callback failed.
    Callback(E),
}

impl RecordReader {
    /// A reader for the given field delimiter.
    pub fn new(delimiter: u8) -> Self {
        let core = csv_core::ReaderBuilder::new().delimiter(delimiter).build();
        RecordReader {
            core,
            delimiter,
            out: vec![0; 64 * 1024],
            out_len: 0,
            ends: vec![0; 64],
            ends_len: 0,
            joined: Vec::new(),
            joined_ends: Vec::new(),
            raw: Vec::new(),
            cut_unclosed: false,
            records: 0,
            line_ends: 0,
            after_cr: false,
            record_line: None,
            raw_start: (0, false),
            measured_at: 0,
            between_records: true,
        }
    }

    /// Sets what happens to a quote opened and never closed before the end of the input. By
    /// default (`false`) records are exactly `csv-core`'s: the rest of the input is one field of
    /// the last record. With `true` (what [`crate::ingest::Session`] does) that record is cut at
    /// the line of the opening quote and the lines after it are read again (see
    /// [`RecordReader::feed`]).
    pub fn cut_unclosed_quote(mut self, cut: bool) -> Self {
        self.cut_unclosed = cut;
        self
    }

    /// Records completed so far.
    pub fn records(&self) -> u64 {
        self.records
    }

    /// Line ends consumed so far (CR LF is one).
    pub fn line_ends(&self) -> u64 {
        self.line_ends
    }

    /// Whether the reader sits between records with nothing of the next one read, after a line
    /// feed: text fed from here on is read as a fresh reader would read it, line numbers aside
    /// (what a range of a parallel read assumes of its start).
    pub fn at_line_start(&self) -> bool {
        self.between_records && self.out_len == 0 && self.ends_len == 0 && !self.after_cr
    }

    /// Feeds a chunk; an empty chunk means end of input and flushes the last record.
    ///
    /// A quote opened at the start of a field and never closed makes the rest of the input one
    /// field of one record. With [`RecordReader::cut_unclosed_quote`], at the end of the input
    /// that record is taken apart instead: the text from its start to the end of the line holding the opening quote
    /// becomes one record marked [`Record::unclosed_quote`] (the line as written, split at the
    /// delimiter), and the text after that line is read again as records of their own. Every
    /// quote after an unclosed one was doubled (`""`), or it would have closed the field, so the
    /// text read again cannot open a field that runs past its line: it is read once, in linear
    /// time, whatever the chunking.
    ///
    /// A quoted field that holds more than [`MAX_QUOTED_LINES`] line ends (a stray quote closed
    /// by another far later) is taken apart the same way, as soon as it is seen: the record is cut
    /// at the line of its opening quote and the text after that line is read again. Whether a
    /// field is cut depends only on the text, never on where the chunks end.
    pub fn feed<E>(
        &mut self,
        input: &[u8],
        on_record: &mut impl FnMut(&Record<'_>) -> Result<(), E>,
    ) -> Result<(), SplitError<E>> {
        if !input.is_empty() {
            return self.feed_text(input, on_record);
        }
        // The end: flush the last record; if it ran to the end inside a quote, read the text
        // after the quote's line again.
        while let Some((rest, _)) = self.feed_part(b"", true, on_record)? {
            self.restart();
            self.feed_text(&rest, on_record)?;
        }
        Ok(())
    }

    /// Feeds text, and the text to read again after each cut record before what follows it.
    fn feed_text<E>(
        &mut self,
        input: &[u8],
        on_record: &mut impl FnMut(&Record<'_>) -> Result<(), E>,
    ) -> Result<(), SplitError<E>> {
        // A stack, not recursion: text read again can hold a cut record of its own.
        let mut again: Vec<(Vec<u8>, usize)> = Vec::new();
        let mut pos = 0;
        loop {
            let text = match again.last() {
                Some((t, at)) => &t[*at..],
                None => &input[pos..],
            };
            // Empty input would end the record `csv-core` is reading.
            let cut = if text.is_empty() { None } else { self.feed_part(text, false, on_record)? };
            match cut {
                None => {
                    if again.pop().is_none() {
                        return Ok(());
                    }
                }
                Some((rest, used)) => {
                    match again.last_mut() {
                        Some((_, at)) => *at += used,
                        None => pos += used,
                    }
                    self.restart();
                    again.push((rest, 0));
                }
            }
        }
    }

    /// Starts `csv-core` afresh between records, for text read again after a cut record.
    fn restart(&mut self) {
        self.core.reset();
        self.out_len = 0;
        self.ends_len = 0;
        self.between_records = true;
    }

    /// [`RecordReader::feed`] for one piece of input. After a cut record (see
    /// [`RecordReader::feed`]), returns the text to read again and how much of `input` was
    /// consumed; what is left of `input` comes after that text.
    fn feed_part<E>(
        &mut self,
        input: &[u8],
        at_end: bool,
        on_record: &mut impl FnMut(&Record<'_>) -> Result<(), E>,
    ) -> Result<Option<(Vec<u8>, usize)>, SplitError<E>> {
        use csv_core::ReadRecordResult as R;
        let whole = input;
        let mut input = input;
        loop {
            if self.between_records && !at_end {
                input = self.split_plain_lines(input, on_record)?;
                if input.is_empty() {
                    return Ok(None);
                }
                // A record with a quote, or one not complete in this chunk.
                self.between_records = false;
                self.raw.clear();
                self.raw_start = (self.line_ends, self.after_cr);
                self.record_line = None;
                self.measured_at = 0;
            }
            let (res, n_in, n_out, n_ends) =
                self.core.read_record(input, &mut self.out[self.out_len..], &mut self.ends[self.ends_len..]);
            // The record's text as written, to take it apart if a quote is never closed.
            if self.cut_unclosed {
                self.raw.extend_from_slice(&input[..n_in]);
            }
            self.count_lines(&input[..n_in]);
            input = &input[n_in..];
            self.out_len += n_out;
            self.ends_len += n_ends;
            // A quoted field past its line budget is cut as soon as it is seen.
            let open = match res {
                R::Record | R::End => None,
                _ => self.runaway_check(res == R::OutputFull && self.out.len() >= MAX_RECORD_BYTES, false),
            };
            if let Some(open) = open {
                let rest = self.cut_at(open, on_record)?;
                return Ok(Some((rest.unwrap_or_default(), whole.len() - input.len())));
            }
            match res {
                R::InputEmpty => {
                    if !at_end {
                        return Ok(None);
                    }
                }
                R::OutputFull => {
                    if self.out.len() >= MAX_RECORD_BYTES {
                        return Err(SplitError::TooLarge(self.record_line.unwrap_or(self.line_ends + 1)));
                    }
                    let n = self.out.len() * 2;
                    self.out.resize(n, 0);
                }
                R::OutputEndsFull => {
                    let n = self.ends.len() * 2;
                    self.ends.resize(n, 0);
                }
                R::Record => {
                    // A field past its line budget first (the record's own line end, if it has
                    // one, is not inside it), then a quote open at the end of the input.
                    let open = self.runaway_check(true, !at_end).or_else(|| {
                        if at_end && self.cut_unclosed {
                            unclosed_quote_at(&self.raw, self.delimiter)
                        } else {
                            None
                        }
                    });
                    if let Some(open) = open {
                        let rest = self.cut_at(open, on_record)?;
                        return Ok(rest.map(|r| (r, whole.len() - input.len())));
                    }
                    self.records += 1;
                    self.joined.clear();
                    self.joined_ends.clear();
                    let mut start = 0;
                    for &end in &self.ends[..self.ends_len] {
                        Record::join(&mut self.joined, &mut self.joined_ends, &self.out[start..end], self.delimiter);
                        start = end;
                    }
                    let line = self.record_line.take().unwrap_or(self.line_ends + 1);
                    let rec = Record {
                        data: &self.joined,
                        ends: &self.joined_ends,
                        number: self.records,
                        line,
                        unclosed_quote: false,
                    };
                    self.out_len = 0;
                    self.ends_len = 0;
                    self.between_records = true;
                    self.raw.clear();
                    on_record(&rec).map_err(SplitError::Callback)?;
                }
                R::End => return Ok(None),
            }
        }
    }
}

impl RecordReader {
    /// The opening quote of the first field of the record being read that holds more than
    /// [`MAX_QUOTED_LINES`] line ends, if any. Measuring reads the record's text, so it is done
    /// when the record holds that many line ends and again each time they have doubled, and
    /// always when `now` (the record is complete, or about to be refused as too large). A
    /// complete record's last line end (`ended`) ends it rather than lying inside it.
    fn runaway_check(&mut self, now: bool, ended: bool) -> Option<usize> {
        if !self.cut_unclosed {
            return None;
        }
        let first = self.record_line?;
        let inside = (self.line_ends + 1 - first).saturating_sub(u64::from(ended));
        if inside <= MAX_QUOTED_LINES || (!now && inside < self.measured_at.saturating_mul(2)) {
            return None;
        }
        self.measured_at = inside;
        runaway_quote_at(&self.raw, self.delimiter)
    }

    /// Cuts the record being read at the line of the quote at `open`: the text up to that line
    /// becomes a record marked [`Record::unclosed_quote`] (the line as written, split at the
    /// delimiter); returns the text after that line, to be read again.
    fn cut_at<E>(
        &mut self,
        open: usize,
        on_record: &mut impl FnMut(&Record<'_>) -> Result<(), E>,
    ) -> Result<Option<Vec<u8>>, SplitError<E>> {
        self.records += 1;
        self.joined.clear();
        self.joined_ends.clear();
        let line_end = self.raw[open..].iter().position(|b| matches!(b, b'\r' | b'\n')).map(|i| open + i);
        let raw = std::mem::take(&mut self.raw);
        let line = &raw[..line_end.unwrap_or(raw.len())];
        let line = &line[line.iter().take_while(|b| matches!(b, b'\r' | b'\n')).count()..];
        for field in line.split(|&b| b == self.delimiter) {
            Record::join(&mut self.joined, &mut self.joined_ends, field, self.delimiter);
        }
        let rest = line_end.map(|at| raw[at + 1..].to_vec());
        let line = self.record_line.take().unwrap_or(self.line_ends + 1);
        if let Some(at) = line_end {
            // The lines after the quote's line are read again: number them again from there.
            (self.line_ends, self.after_cr) = self.raw_start;
            self.count_lines(&raw[..=at]);
            self.record_line = None;
        }
        let rec =
            Record { data: &self.joined, ends: &self.joined_ends, number: self.records, line, unclosed_quote: true };
        self.out_len = 0;
        self.ends_len = 0;
        self.between_records = true;
        self.raw = raw;
        self.raw.clear();
        on_record(&rec).map_err(SplitError::Callback)?;
        Ok(rest)
    }

    /// Counts the line ends in bytes consumed by `csv-core` (CR LF is one, a lone CR or LF is
    /// one), and notes the line of the record's first byte.
    fn count_lines(&mut self, bytes: &[u8]) {
        for &b in bytes {
            match b {
                b'\n' => {
                    self.line_ends += u64::from(!self.after_cr);
                    self.after_cr = false;
                }
                b'\r' => {
                    self.line_ends += 1;
                    self.after_cr = true;
                }
                _ => {
                    self.after_cr = false;
                    if self.record_line.is_none() {
                        self.record_line = Some(self.line_ends + 1);
                    }
                }
            }
        }
    }
}

/// Where the quote that opened the first field of `raw` holding more than [`MAX_QUOTED_LINES`]
/// line ends is (CR LF counts once), reading `raw` as [`unclosed_quote_at`] does.
fn runaway_quote_at(raw: &[u8], delimiter: u8) -> Option<usize> {
    let (mut in_quotes, mut at_start, mut after_quote) = (false, true, false);
    let (mut open, mut lines, mut prev_cr) = (0, 0u64, false);
    for (i, &b) in raw.iter().enumerate() {
        if in_quotes {
            match b {
                b'"' => {
                    in_quotes = false;
                    after_quote = true;
                }
                b'\n' if prev_cr => {}
                b'\r' | b'\n' => {
                    lines += 1;
                    if lines > MAX_QUOTED_LINES {
                        return Some(open);
                    }
                }
                _ => {}
            }
            prev_cr = b == b'\r';
            continue;
        }
        if after_quote && b == b'"' {
            // `""` inside quotes: a literal quote, the field goes on.
            in_quotes = true;
            after_quote = false;
            continue;
        }
        after_quote = false;
        match b {
            b'"' if at_start => {
                (in_quotes, open, lines, prev_cr) = (true, i, 0, false);
            }
            _ if b == delimiter || matches!(b, b'\r' | b'\n') => at_start = true,
            _ => at_start = false,
        }
    }
    None
}

/// Where the quote that opened the last field of `raw` is, if that field is still open at the
/// end of `raw`: `raw` is one record as written, read as `csv-core` reads it (a quote opens a
/// field only at its start, `""` inside quotes is a quote, CR and LF end a record, and record
/// ends before the record are skipped).
fn unclosed_quote_at(raw: &[u8], delimiter: u8) -> Option<usize> {
    #[derive(Clone, Copy, PartialEq)]
    enum State {
        StartRecord,
        StartField,
        InField,
        InQuoted,
        /// A quote inside quotes: a second quote makes it a literal quote; anything else
        /// closes the field.
        QuoteInQuoted,
    }
    let mut state = State::StartRecord;
    let mut open = 0;
    for (i, &b) in raw.iter().enumerate() {
        let term = matches!(b, b'\r' | b'\n');
        state = match state {
            State::StartRecord if term => State::StartRecord,
            State::StartRecord | State::StartField if b == b'"' => {
                open = i;
                State::InQuoted
            }
            State::InQuoted if b == b'"' => State::QuoteInQuoted,
            State::InQuoted => State::InQuoted,
            State::QuoteInQuoted if b == b'"' => State::InQuoted,
            _ if b == delimiter => State::StartField,
            // A record end: whatever follows is not part of this record.
            _ if term => return None,
            _ => State::InField,
        };
    }
    (state == State::InQuoted).then_some(open)
}

impl RecordReader {
    /// The fast path for the common record: one without a quote, complete in `input`. It is
    /// found eight bytes at a time and handed on in place, split exactly as `csv-core` splits
    /// it: a CR, an LF or a run of them ends a record, and blank lines are skipped. Returns the
    /// input from the first record that needs the full reader (a quote, or the chunk's end).
    fn split_plain_lines<'i, E>(
        &mut self,
        input: &'i [u8],
        on_record: &mut impl FnMut(&Record<'_>) -> Result<(), E>,
    ) -> Result<&'i [u8], SplitError<E>> {
        const ONES: u64 = 0x0101_0101_0101_0101;
        const LOW7: u64 = 0x7f7f_7f7f_7f7f_7f7f;
        /// The high bit of every zero byte of `x`, exactly (no carries between bytes).
        #[inline(always)]
        fn zero_bytes(x: u64) -> u64 {
            !(((x & LOW7).wrapping_add(LOW7)) | x | LOW7)
        }
        let delimiter = self.delimiter;
        let (d, q, cr, lf) =
            (ONES * u64::from(delimiter), ONES * u64::from(b'"'), ONES * u64::from(b'\r'), ONES * u64::from(b'\n'));
        let mut pos = 0;
        'records: loop {
            while pos < input.len() && matches!(input[pos], b'\n' | b'\r') {
                let cr = input[pos] == b'\r';
                self.line_ends += u64::from(cr || !self.after_cr);
                self.after_cr = cr;
                pos += 1;
            }
            let start = pos;
            let mut n_ends = 0;
            let mut i = start;
            loop {
                // The special bytes of the next eight, as one bit each; the tail byte by byte.
                let mut hits = if i + 8 <= input.len() {
                    let mut w = [0u8; 8];
                    w.copy_from_slice(&input[i..i + 8]);
                    let w = u64::from_le_bytes(w);
                    zero_bytes(w ^ d) | zero_bytes(w ^ q) | zero_bytes(w ^ cr) | zero_bytes(w ^ lf)
                } else if i < input.len() {
                    input[i..].iter().enumerate().fold(0u64, |m, (k, &b)| {
                        m | (u64::from(b == delimiter || matches!(b, b'"' | b'\r' | b'\n')) << (8 * k + 7))
                    })
                } else {
                    return Ok(&input[start..]);
                };
                while hits != 0 {
                    let at = i + (hits.trailing_zeros() / 8) as usize;
                    hits &= hits - 1;
                    let byte = input[at];
                    if byte == b'"' {
                        return Ok(&input[start..]);
                    }
                    if n_ends == self.ends.len() {
                        let n = self.ends.len() * 2;
                        self.ends.resize(n, 0);
                    }
                    self.ends[n_ends] = at - start;
                    n_ends += 1;
                    if byte != delimiter {
                        self.records += 1;
                        let rec = Record {
                            data: &input[start..at],
                            ends: &self.ends[..n_ends],
                            number: self.records,
                            line: self.line_ends + 1,
                            unclosed_quote: false,
                        };
                        // The record's end: one line end (a CR LF's LF is counted as its CR's).
                        self.line_ends += 1;
                        self.after_cr = byte == b'\r';
                        on_record(&rec).map_err(SplitError::Callback)?;
                        pos = at + 1;
                        continue 'records;
                    }
                }
                i += 8;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn split(chunks: &[&[u8]], delimiter: u8) -> Vec<Vec<String>> {
        let mut rdr = RecordReader::new(delimiter);
        let mut rows = Vec::new();
        let mut cb = |r: &Record<'_>| -> Result<(), ()> {
            rows.push((0..r.len()).map(|i| String::from_utf8_lossy(r.get(i).unwrap()).into_owned()).collect());
            Ok(())
        };
        for c in chunks {
            rdr.feed(c, &mut cb).unwrap();
        }
        rdr.feed(b"", &mut cb).unwrap();
        rows
    }

    #[test]
    fn records_split_across_chunks_are_joined() {
        let rows = split(&[b"a,b\r\n1,\"x", b",y\"\n2,", b"z"], b',');
        assert_eq!(rows, vec![vec!["a", "b"], vec!["1", "x,y"], vec!["2", "z"]]);
    }

    #[test]
    fn every_split_point_gives_the_same_records() {
        let text: &[u8] = b"id;name\n1;\"semi;colon\"\n\n2;\"quote \"\"q\"\"\nnewline\"\n3;last";
        let whole = split(&[text], b';');
        assert_eq!(whole.len(), 4);
        assert_eq!(whole[2], vec!["2", "quote \"q\"\nnewline"]);
        for cut in 0..text.len() {
            assert_eq!(split(&[&text[..cut], &text[cut..]], b';'), whole, "cut at {cut}");
        }
    }

    /// The records of `text` from `csv-core` alone, without the plain-line fast path.
    fn core_only(text: &[u8], delimiter: u8) -> Vec<Vec<String>> {
        let mut core = csv_core::ReaderBuilder::new().delimiter(delimiter).build();
        let (mut out, mut ends, mut rows) = (vec![0u8; 4096], vec![0usize; 64], Vec::new());
        let (mut input, mut out_len, mut ends_len) = (text, 0, 0);
        loop {
            let (res, n_in, n_out, n_ends) = core.read_record(input, &mut out[out_len..], &mut ends[ends_len..]);
            input = &input[n_in..];
            out_len += n_out;
            ends_len += n_ends;
            match res {
                csv_core::ReadRecordResult::Record => {
                    let mut from = 0;
                    let record_ends = &ends[..ends_len];
                    (out_len, ends_len) = (0, 0);
                    rows.push(
                        record_ends
                            .iter()
                            .map(|&e| {
                                let f = String::from_utf8_lossy(&out[from..e]).into_owned();
                                from = e;
                                f
                            })
                            .collect(),
                    );
                }
                csv_core::ReadRecordResult::End => return rows,
                csv_core::ReadRecordResult::InputEmpty => {}
                other => panic!("{other:?}"),
            }
        }
    }

    #[test]
    fn plain_lines_split_as_csv_core_splits_them() {
        let texts: [&[u8]; 6] = [
            b"a,b,c\r\n1,,3\r\n\r\n,x,\r\n\"q,1\",2,3\r\nlast,,",
            b"a,b\rc,d\n\ne,f\r\r\ng\n",
            b"\n\r\nid,name\n1,\"multi\nline\"\n2,plain\n3,\"\"\"\"\n4,x\"y\n",
            b",\n,,\n\"\"\n\n",
            b"x;y;z\n1;2;3\n4;\"5;6\";7\n",
            "客户,金额\n张三,1\r\n李四,\"2,5\"\n".as_bytes(),
        ];
        for (i, text) in texts.iter().enumerate() {
            let delimiter = if i == 4 { b';' } else { b',' };
            let want = core_only(text, delimiter);
            assert_eq!(split(&[text], delimiter), want, "text {i}");
            for cut in 0..text.len() {
                assert_eq!(split(&[&text[..cut], &text[cut..]], delimiter), want, "text {i} cut at {cut}");
            }
        }
    }

    #[test]
    fn random_texts_split_as_csv_core_splits_them() {
        // Short texts over an alphabet dense in delimiters, quotes and line ends, cut anywhere.
        let mut x = 0x2545_f491_4f6c_dd1du64;
        let mut next = move || {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            x
        };
        let alphabet = b"ab,,\"\r\n\n x;";
        for _ in 0..3000 {
            let len = (next() % 40) as usize;
            let text: Vec<u8> = (0..len).map(|_| alphabet[(next() % alphabet.len() as u64) as usize]).collect();
            let want = core_only(&text, b',');
            let cut = (next() % (len as u64 + 1)) as usize;
            assert_eq!(
                split(&[&text[..cut], &text[cut..]], b','),
                want,
                "{:?} cut at {cut}",
                String::from_utf8_lossy(&text)
            );
        }
    }

    /// The records of `text` cut at `cut`, each with its unclosed-quote mark.
    fn split_marked(text: &[u8], cut: usize) -> Vec<(Vec<String>, bool)> {
        let mut rdr = RecordReader::new(b',').cut_unclosed_quote(true);
        let mut rows = Vec::new();
        let mut cb = |r: &Record<'_>| -> Result<(), ()> {
            let fields = (0..r.len()).map(|i| String::from_utf8_lossy(r.get(i).unwrap()).into_owned()).collect();
            rows.push((fields, r.unclosed_quote));
            Ok(())
        };
        rdr.feed(&text[..cut], &mut cb).unwrap();
        rdr.feed(&text[cut..], &mut cb).unwrap();
        rdr.feed(b"", &mut cb).unwrap();
        rows
    }

    #[test]
    fn unclosed_quote_is_cut_at_its_line() {
        let text: &[u8] = b"a,b\n1,\"x\ny\"\n2,\"open\n3,say \"\"hi\"\"\n\n4,z";
        let want = vec![
            (vec!["a".to_owned(), "b".to_owned()], false),
            (vec!["1".to_owned(), "x\ny".to_owned()], false),
            (vec!["2".to_owned(), "\"open".to_owned()], true),
            (vec!["3".to_owned(), "say \"\"hi\"\"".to_owned()], false),
            (vec!["4".to_owned(), "z".to_owned()], false),
        ];
        for cut in 0..=text.len() {
            assert_eq!(split_marked(text, cut), want, "cut at {cut}");
        }
        // Closed at the very end, or a quote inside a field: nothing is unclosed.
        for text in [&b"1,\"x\""[..], b"1,x\"y\n2,\"\"", b"1,\"a\"\"\"\n"] {
            assert!(split_marked(text, 0).iter().all(|r| !r.1), "{:?}", String::from_utf8_lossy(text));
        }
    }

    #[test]
    fn random_texts_keep_their_records_up_to_an_unclosed_quote() {
        // Whatever the cut: a text with no unclosed quote gives csv-core's records; one with an unclosed quote
        // gives csv-core's records before the last, then the marked line, then records that are never marked.
        let mut x = 0x9e37_79b9_7f4a_7c15u64;
        let mut next = move || {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            x
        };
        let alphabet = b"ab,,\"\"\r\n\n x";
        let mut marked = 0;
        for _ in 0..5000 {
            let len = (next() % 40) as usize;
            let text: Vec<u8> = (0..len).map(|_| alphabet[(next() % alphabet.len() as u64) as usize]).collect();
            let core = core_only(&text, b',');
            let whole = split_marked(&text, text.len());
            let cut = (next() % (len as u64 + 1)) as usize;
            assert_eq!(split_marked(&text, cut), whole, "{:?} cut at {cut}", String::from_utf8_lossy(&text));
            match whole.iter().position(|r| r.1) {
                None => assert_eq!(whole.iter().map(|r| r.0.clone()).collect::<Vec<_>>(), core),
                Some(at) => {
                    marked += 1;
                    assert_eq!(at, core.len() - 1, "{:?}", String::from_utf8_lossy(&text));
                    let before: Vec<_> = whole[..at].iter().map(|r| r.0.clone()).collect();
                    assert_eq!(before, core[..at]);
                    assert!(whole[at + 1..].iter().all(|r| !r.1));
                }
            }
        }
        assert!(marked > 100, "{marked}");
    }

    #[test]
    fn records_are_laid_out_alike_on_both_paths() {
        // The same row, plain and quoted: equal bytes and ends, so equal fingerprints.
        let mut seen = Vec::new();
        let mut rdr = RecordReader::new(b',');
        let mut cb = |r: &Record<'_>| -> Result<(), ()> {
            seen.push((r.bytes().to_vec(), r.ends().to_vec()));
            Ok(())
        };
        rdr.feed(b"536365,\"85123A\",WHITE\n536365,85123A,WHITE\n", &mut cb).unwrap();
        rdr.feed(b"", &mut cb).unwrap();
        assert_eq!(seen.len(), 2);
        assert_eq!(seen[0], seen[1]);
        assert_eq!(seen[0], (b"536365,85123A,WHITE".to_vec(), vec![6, 13, 19]));
    }

    #[test]
    fn huge_record_is_refused() {
        let mut rdr = RecordReader::new(b',');
        let big = vec![b'"'; 1];
        let body = vec![b'x'; 1 << 20];
        let mut cb = |_: &Record<'_>| -> Result<(), ()> { Ok(()) };
        rdr.feed(&big, &mut cb).unwrap();
        let mut err = None;
        for _ in 0..40 {
            if let Err(e) = rdr.feed(&body, &mut cb) {
                err = Some(e);
                break;
            }
        }
        assert_eq!(err, Some(SplitError::TooLarge(1)));
    }
}
