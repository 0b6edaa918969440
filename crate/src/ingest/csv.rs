//! A push CSV reader: bytes go in chunk by chunk, whole records come out.
//!
//! It wraps `csv-core`, which is what lets the browser feed a file in pieces: a record split
//! across two chunks is completed when the next chunk arrives. Quoting follows RFC 4180 (`""`
//! inside quotes), CRLF and LF both end a record, and blank lines are skipped.

/// One parsed record: its fields and its 1-based number in the file.
#[derive(Debug)]
pub struct Record<'a> {
    data: &'a [u8],
    ends: &'a [usize],
    /// 1-based record number: the first record (usually the header) is 1.
    pub number: u64,
}

impl<'a> Record<'a> {
    /// A record over given bytes and field ends (for records that do not come from the reader:
    /// held rows, workbook rows).
    pub fn from_parts(data: &'a [u8], ends: &'a [usize], number: u64) -> Self {
        Record { data, ends, number }
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
    pub fn get(&self, i: usize) -> Option<&'a [u8]> {
        let end = *self.ends.get(i)?;
        let start = if i == 0 { 0 } else { self.ends[i - 1] };
        Some(&self.data[start..end])
    }

    /// Field `i` as a byte range into [`Record::bytes`].
    pub fn span(&self, i: usize) -> Option<(usize, usize)> {
        let end = *self.ends.get(i)?;
        Some((if i == 0 { 0 } else { self.ends[i - 1] }, end))
    }

    /// The concatenated bytes of all fields, for hashing whole rows.
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

/// Feeds bytes to `csv-core` and hands every complete record to a callback.
#[derive(Debug)]
pub struct RecordReader {
    core: csv_core::Reader,
    out: Vec<u8>,
    out_len: usize,
    ends: Vec<usize>,
    ends_len: usize,
    records: u64,
}

/// What went wrong while splitting records.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SplitError<E> {
    /// A record grew beyond [`MAX_RECORD_BYTES`]; carries its record number.
    TooLarge(u64),
    /// The callback failed.
    Callback(E),
}

impl RecordReader {
    /// A reader for the given field delimiter.
    pub fn new(delimiter: u8) -> Self {
        let core = csv_core::ReaderBuilder::new().delimiter(delimiter).build();
        RecordReader { core, out: vec![0; 64 * 1024], out_len: 0, ends: vec![0; 64], ends_len: 0, records: 0 }
    }

    /// Records completed so far.
    pub fn records(&self) -> u64 {
        self.records
    }

    /// Feeds a chunk; an empty chunk means end of input and flushes the last record.
    pub fn feed<E>(
        &mut self,
        mut input: &[u8],
        on_record: &mut impl FnMut(&Record<'_>) -> Result<(), E>,
    ) -> Result<(), SplitError<E>> {
        use csv_core::ReadRecordResult as R;
        let at_end = input.is_empty();
        loop {
            let (res, n_in, n_out, n_ends) =
                self.core.read_record(input, &mut self.out[self.out_len..], &mut self.ends[self.ends_len..]);
            input = &input[n_in..];
            self.out_len += n_out;
            self.ends_len += n_ends;
            match res {
                R::InputEmpty => {
                    if !at_end {
                        return Ok(());
                    }
                }
                R::OutputFull => {
                    if self.out.len() >= MAX_RECORD_BYTES {
                        return Err(SplitError::TooLarge(self.records + 1));
                    }
                    let n = self.out.len() * 2;
                    self.out.resize(n, 0);
                }
                R::OutputEndsFull => {
                    let n = self.ends.len() * 2;
                    self.ends.resize(n, 0);
                }
                R::Record => {
                    self.records += 1;
                    let rec = Record { data: &self.out[..self.out_len], ends: &self.ends[..self.ends_len], number: self.records };
                    self.out_len = 0;
                    self.ends_len = 0;
                    on_record(&rec).map_err(SplitError::Callback)?;
                }
                R::End => return Ok(()),
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
