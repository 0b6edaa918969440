//! One plain-text file read on several threads (issue 16), with the result of one reader.
//!
//! 1. The head of the file (its first [`HEAD_BYTES`], to the next line feed) is read as
//!    [`Session::push`] reads it: container, encoding, delimiter and header are settled there.
//! 2. If the file can be split (plain UTF-8 text with a delimiter, a sales file, the reader
//!    between records), the rest is cut into ranges that start after a line feed. Each range is
//!    read on a thread of its own by a fresh [`csv::RecordReader`] and a fork of the file's
//!    [`RowState`] ([`RowState::fork`]) into a store of its own (its own interners).
//! 3. The ranges are checked against what one reader would have done and merged in order, as
//!    [`super::ranges`] says.
//! 4. Anything else is read by one thread from the end of the head on, and the reason is kept
//!    ([`ParallelRead::fallback`]). Either way [`Session::end_file`] finishes the file, so the
//!    report and the store are identical, byte for byte, to [`Session::read_file_with`]'s.

use super::ranges::{Part, RangeReader};
use super::{Container, FileOptions, Session};
use crate::error::IngestError;
use crate::ingest::report::FileReport;

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
        self.push_bytes_at(source, 0, head_end)?;
        // A head that ends inside a quoted field goes on a line at a time (a few at most).
        let plain = self.current.as_ref().is_some_and(|f| f.container == Some(Container::None));
        for _ in 0..if plain { MAX_QUOTED_LINES_AFTER_HEAD } else { 0 } {
            let inside = self.current.as_ref().and_then(|f| f.text.reader.as_ref()).is_some_and(|r| !r.at_line_start());
            if !inside || head_end >= size {
                break;
            }
            let next = self.line_start(source, head_end, size)?;
            self.push_bytes_at(source, head_end, next)?;
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
            self.push_bytes_at(source, head_end, size)?;
        }
        self.end_file()
    }

    /// Feeds bytes `from..to` to the open file in [`READ_BYTES`] chunks.
    fn push_bytes_at(&mut self, source: &(impl ReadAt + ?Sized), from: u64, to: u64) -> Result<(), IngestError> {
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
        self.range_plan()?;
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
        let last = ranges.len() - 1;
        let readers = ranges
            .iter()
            .enumerate()
            .map(|(i, &(a, b))| self.fork_range(i == 0, from, b - a))
            .collect::<Result<Vec<_>, _>>()?;
        let parts: Vec<Result<Part, &'static str>> = std::thread::scope(|scope| {
            let handles: Vec<_> = readers
                .into_iter()
                .zip(&ranges)
                .enumerate()
                .map(|(i, (reader, &(a, b)))| scope.spawn(move || read_range(source, a, b, i == last, reader)))
                .collect();
            handles.into_iter().map(|h| h.join().unwrap_or(Err("a range's thread panicked"))).collect()
        });
        self.merge_parts(parts.into_iter().collect::<Result<Vec<Part>, &'static str>>()?)
    }
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

/// Reads `from..to` with a range's reader.
fn read_range(
    source: &(impl ReadAt + ?Sized),
    from: u64,
    to: u64,
    last: bool,
    mut reader: RangeReader,
) -> Result<Part, &'static str> {
    let mut buf = vec![0u8; READ_BYTES];
    let mut at = from;
    while at < to {
        let want = ((to - at) as usize).min(buf.len());
        let n = read_full(source, &mut buf[..want], at).map_err(|_| "read error")?;
        if n == 0 {
            break;
        }
        reader.push(&buf[..n]);
        at += n as u64;
    }
    Ok(reader.finish(last))
}
