//! The byte-level fast paths of the row loop, each the same as a plain std equivalent (the
//! tests at the bottom check them against it): trimming and comparing cells without `memcmp`
//! (a byte loop on wasm32), reading a cell without re-validating UTF-8, stripping id guards
//! without copying, and fingerprinting rows to count duplicates with a sort instead of a hash
//! set.

use crate::sort;
use std::borrow::Cow;

use super::csv;
use super::values;

/// Strips spreadsheet guards (`="…"`, `'`, tab) from an id cell, keeping leading zeros.
pub(super) fn strip_guard_cow(c: Cow<'_, str>) -> Cow<'_, str> {
    // Most ids carry no guard, and the cell is trimmed already.
    if !matches!(c.as_bytes().first(), Some(b'\t' | b'=' | b'\'')) {
        return c;
    }
    match c {
        Cow::Borrowed(s) => Cow::Borrowed(trim(values::strip_excel_guard(s))),
        Cow::Owned(s) => Cow::Owned(trim(values::strip_excel_guard(&s)).to_owned()),
    }
}

/// `a == b` for the short cells the last-value caches compare on every row, by 8-byte words:
/// no call to `memcmp`, which on wasm32 is a byte loop.
#[inline]
pub(super) fn same_text(a: &str, b: &str) -> bool {
    let (a, b) = (a.as_bytes(), b.as_bytes());
    if a.len() != b.len() {
        return false;
    }
    let word = |s: &[u8]| {
        let mut w = [0u8; 8];
        w.copy_from_slice(s);
        u64::from_le_bytes(w)
    };
    let (mut x, mut y) = (a.chunks_exact(8), b.chunks_exact(8));
    for (p, q) in (&mut x).zip(&mut y) {
        if word(p) != word(q) {
            return false;
        }
    }
    x.remainder().iter().zip(y.remainder()).all(|(p, q)| p == q)
}

/// `str::trim` (Unicode whitespace), fast for ASCII: ASCII whitespace (with vertical tab, which
/// `trim_ascii` keeps) is cut byte-wise, and only a non-ASCII first or last byte calls `trim`.
#[inline]
pub(super) fn trim(s: &str) -> &str {
    let b = s.as_bytes();
    // Most cells: a first and a last byte that are printable ASCII, so nothing to cut.
    if let (Some(&f), Some(&l)) = (b.first(), b.last()) {
        if f > b' ' && f < 0x7f && l > b' ' && l < 0x7f {
            return s;
        }
    }
    let ws = |c: &u8| matches!(c, b' ' | b'\t' | b'\n' | b'\r' | 0x0b | 0x0c);
    let start = b.iter().position(|c| !ws(c)).unwrap_or(b.len());
    let end = b.iter().rposition(|c| !ws(c)).map_or(start, |i| i + 1);
    // Both cuts fall on ASCII bytes, hence on char boundaries.
    let t = &s[start..end];
    match t.as_bytes() {
        [f, .., l] if !f.is_ascii() || !l.is_ascii() => t.trim(),
        [f] if !f.is_ascii() => t.trim(),
        _ => t,
    }
}

/// Cell `i` of a record as trimmed text; invalid UTF-8 is replaced and reported in `bad_utf8`.
/// `valid` is the whole record's text when it is valid UTF-8 (checked once per record).
#[inline(always)]
pub(super) fn text_cell<'a>(
    rec: &csv::Record<'a>,
    valid: Option<&'a str>,
    i: Option<usize>,
    bad_utf8: &mut bool,
) -> Option<Cow<'a, str>> {
    let (start, end) = rec.span(i?)?;
    if let Some(text) = valid.and_then(|t| t.get(start..end)) {
        return Some(Cow::Borrowed(trim(text)));
    }
    Some(text_cell_slow(&rec.bytes()[start..end], bad_utf8))
}

/// [`text_cell`] of a record that is not valid UTF-8 as a whole.
#[cold]
#[inline(never)]
fn text_cell_slow<'a>(raw: &'a [u8], bad_utf8: &mut bool) -> Cow<'a, str> {
    match std::str::from_utf8(raw) {
        Ok(s) => Cow::Borrowed(trim(s)),
        Err(_) => {
            *bad_utf8 = true;
            Cow::Owned(String::from_utf8_lossy(raw).trim().to_owned())
        }
    }
}

/// How many values repeat an earlier one: `len − distinct`. The values are well-mixed hashes,
/// so they are first moved into 256 buckets by their top byte (in place), and each
/// bucket is sorted while it sits in the cache.
pub(super) fn count_repeats(values: &mut [u64]) -> u64 {
    if values.len() < 4096 {
        sort::sort_hot(values);
        return values.windows(2).filter(|w| w[0] == w[1]).count() as u64;
    }
    let mut starts = [0usize; 257];
    for v in values.iter() {
        starts[(v >> 56) as usize + 1] += 1;
    }
    for i in 1..257 {
        starts[i] += starts[i - 1];
    }
    // In place (an American flag sort on the top byte): a copy of the fingerprints was the
    // store's peak at the end of a ten-million-line file (80 MB beside the 80 MB they are).
    let mut next = starts;
    for b in 0..256 {
        while next[b] < starts[b + 1] {
            let d = (values[next[b]] >> 56) as usize;
            if d == b {
                next[b] += 1;
            } else {
                values.swap(next[b], next[d]);
                next[d] += 1;
            }
        }
    }
    let mut repeats = 0;
    for b in 0..256 {
        let bucket = &mut values[starts[b]..starts[b + 1]];
        sort::sort_hot(bucket);
        repeats += bucket.windows(2).filter(|w| w[0] == w[1]).count() as u64;
    }
    repeats
}

/// A 64-bit fingerprint of a row's cells, the same on every platform. A false duplicate needs
/// a collision (p ≈ n²/2⁶⁵: 3·10⁻⁶ at ten million rows). FxHash is not used here: it hashes to
/// `usize`, 32 bits on wasm32, where half a million rows collide dozens of times. This is
/// xxHash64's round and finaliser over little-endian `u64` words in two lanes, with the field
/// boundaries mixed in; 64-bit arithmetic only, so wasm32 (which has no 128-bit multiply) is
/// as quick as native and gives the same value.
pub(super) fn row_fingerprint(rec: &csv::Record<'_>) -> u64 {
    const P1: u64 = 0x9e37_79b1_85eb_ca87;
    const P2: u64 = 0xc2b2_ae3d_27d4_eb4f;
    const P3: u64 = 0x1656_67b1_9e37_79f9;
    #[inline(always)]
    fn round(acc: u64, w: u64) -> u64 {
        acc.wrapping_add(w.wrapping_mul(P2)).rotate_left(31).wrapping_mul(P1)
    }
    #[inline(always)]
    fn word(b: &[u8]) -> u64 {
        let mut w = [0u8; 8];
        w[..b.len()].copy_from_slice(b);
        u64::from_le_bytes(w)
    }
    let bytes = rec.bytes();
    let (mut a, mut b) = (P1 ^ bytes.len() as u64, P2);
    let mut pairs = bytes.chunks_exact(16);
    for p in &mut pairs {
        a = round(a, word(&p[..8]));
        b = round(b, word(&p[8..]));
    }
    let rest = pairs.remainder();
    let (x, y) = if rest.len() > 8 { (word(&rest[..8]), word(&rest[8..])) } else { (word(rest), 0) };
    a = round(a, x);
    b = round(b, y ^ ((rest.len() as u64) << 56));
    // The field boundaries, so `a,bc` and `ab,c` differ.
    let mut ends = rec.ends().chunks_exact(2);
    for e in &mut ends {
        a = round(a, e[0] as u64);
        b = round(b, e[1] as u64);
    }
    a = round(a, ends.remainder().first().map_or(u64::MAX, |&e| e as u64));
    b = round(b, rec.ends().len() as u64);
    let mut h = a.rotate_left(7) ^ b.rotate_left(18).wrapping_mul(P3);
    h ^= h >> 33;
    h = h.wrapping_mul(P2);
    h ^= h >> 29;
    h = h.wrapping_mul(P3);
    h ^ (h >> 32)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn same_text_is_str_eq() {
        let cells = [
            "",
            "a",
            "b",
            "17850",
            "17851",
            "12/1/2010 8:26",
            "12/1/2010 8:27",
            "12345678",
            "12345679",
            "123456789",
            "東京",
            "東亰",
            "a\0",
        ];
        for a in cells {
            for b in cells {
                assert_eq!(same_text(a, b), a == b, "{a:?} {b:?}");
            }
        }
    }

    #[test]
    fn trim_is_str_trim() {
        for s in [
            "",
            " ",
            "a",
            " a ",
            "\t\x0b a\x0c\r\n",
            "\u{a0}x\u{a0}",
            " \u{85} é ",
            "é",
            " 東京 ",
            "\u{3000}",
            "a\u{2003} ",
            " \u{a0} b",
        ] {
            assert_eq!(trim(s), s.trim(), "{s:?}");
        }
    }

    #[test]
    fn fingerprint_sees_bytes_and_boundaries() {
        let fp = |data: &[u8], ends: &[usize]| row_fingerprint(&csv::Record::from_parts(data, ends, 1));
        // Records as the reader lays them out: fields separated by one byte.
        let rows: [(&[u8], &[usize]); 6] = [
            (b"a,bc", &[1, 4]),
            (b"ab,c", &[2, 4]),
            (b"abc", &[3]),
            (b"a,bcd", &[1, 5]),
            (b"536365,85123A,WHITE HANGING HEART", &[6, 13, 33]),
            (b"536365,85123A,WHITE HANGING HEARU", &[6, 13, 33]),
        ];
        let all: std::collections::HashSet<u64> = rows.iter().map(|(d, e)| fp(d, e)).collect();
        assert_eq!(all.len(), rows.len());
        assert_eq!(fp(b"a,bc", &[1, 4]), fp(b"a,bc", &[1, 4]));
        assert_eq!(fp(b"", &[0]), fp(b"", &[0]));
        assert_ne!(fp(b"", &[0]), fp(b"", &[0, 0]));
    }

    #[test]
    fn repeats_are_len_minus_distinct() {
        // SplitMix64 values with planted repeats, across the small and the bucketed paths.
        let mut rng = crate::rng::SplitMix64(7);
        let mut next = || rng.next_u64();
        for n in [0usize, 1, 10, 4095, 4096, 50_000] {
            let mut v: Vec<u64> = (0..n).map(|_| next()).collect();
            for i in (0..n).step_by(7) {
                let j = (i * 31) % n.max(1);
                v.push(v[j]);
            }
            let distinct = v.iter().collect::<std::collections::HashSet<_>>().len();
            let want = (v.len() - distinct) as u64;
            assert_eq!(count_repeats(&mut v), want, "n = {n}");
        }
        assert_eq!(count_repeats(&mut [5, 5, 5, u64::MAX, u64::MAX, 0]), 3);
    }

    #[test]
    fn guard_strip_is_the_plain_one() {
        for s in
            ["00123", "=\"00123\"", "'00123", "\t00123", "\t\t'0012", "=\"\"", "'", "=\" 12 \"", "' x", "=1+1", "=\"a"]
        {
            let want = values::strip_excel_guard(s).trim();
            assert_eq!(strip_guard_cow(Cow::Borrowed(s)), want, "{s:?}");
            assert_eq!(strip_guard_cow(Cow::Owned(s.to_owned())), want, "{s:?}");
        }
        // An id without a guard comes back as it was, not copied.
        assert!(matches!(strip_guard_cow(Cow::Borrowed("17850")), Cow::Borrowed("17850")));
    }

    #[test]
    fn text_cell_is_lossy_utf8_trimmed() {
        let data: &[u8] = b" 536365 ,\xff17850\xfe, \xe6\x9d\xb1\xe4\xba\xac ,,\xe6\x9d";
        let ends = [8, 16, 25, 26, 29];
        let rec = csv::Record::from_parts(data, &ends, 1);
        let valid = std::str::from_utf8(rec.bytes()).ok();
        assert!(valid.is_none());
        let mut bad = false;
        for i in 0..rec.len() {
            let want = String::from_utf8_lossy(rec.get(i).unwrap()).trim().to_owned();
            assert_eq!(text_cell(&rec, valid, Some(i), &mut bad).as_deref(), Some(want.as_str()), "cell {i}");
        }
        assert!(bad);
        assert_eq!(text_cell(&rec, valid, None, &mut bad), None);
        assert_eq!(text_cell(&rec, valid, Some(9), &mut bad), None);
        // A valid record is read from its text, and nothing is flagged.
        let data = b"a , b";
        let rec = csv::Record::from_parts(data, &[2, 5], 1);
        let mut bad = false;
        let valid = std::str::from_utf8(data).ok();
        assert_eq!(text_cell(&rec, valid, Some(1), &mut bad).as_deref(), Some("b"));
        assert!(matches!(text_cell(&rec, valid, Some(0), &mut bad), Some(Cow::Borrowed("a"))));
        assert!(!bad);
    }
}
