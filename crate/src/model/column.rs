//! Compact columns of the line items (issue 16, "a leaner store"): each keeps its values in the
//! narrowest form that gives every value back bit for bit, and widens the whole column, once,
//! when a value does not fit. A column reads through [`Codes::at`] and friends; nothing outside
//! sees the stored form, so every analysis gets the very `u32`, `i64` and `f64` values it got from
//! plain vectors.
//!
//! - [`Codes`]: interned ids (product, category, channel) in 1, 2 or 4 bytes: a shop's
//!   categories and channels fit one byte, its products two.
//! - [`Times`]: seconds since 1970 as 4-byte offsets from a base chosen at the first value (any
//!   68 years either side of it), else 8 bytes.
//! - [`Decimals`]: quantities and money in 4-byte hundredths when dividing the hundredths by 100
//!   gives the very same `f64` (what the reader's own `m / 10^k` parse gives for up to two
//!   decimals), NaN and −0.0 included; else 8 bytes.
//!
//! ```
//! use clientele::model::{Codes, Decimals, Times};
//! let mut d = Decimals::default();
//! for v in [230.34, -1.5, f64::NAN, -0.0] {
//!     d.push(v);
//! }
//! assert_eq!(d.bytes_per_value(), 4);
//! assert_eq!((d.at(0), d.at(1), d.at(2).is_nan(), d.at(3).to_bits()), (230.34, -1.5, true, (-0.0f64).to_bits()));
//! d.push(0.1 + 0.2); // 0.30000000000000004: no hundredths give it back
//! assert_eq!((d.bytes_per_value(), d.at(4), d.at(0)), (8, 0.1 + 0.2, 230.34));
//! let mut c = Codes::default();
//! c.push(7);
//! c.push(u32::MAX);
//! assert_eq!((c.bytes_per_value(), c.at(1)), (1, u32::MAX));
//! c.push(300);
//! assert_eq!((c.bytes_per_value(), c.at(0), c.at(1), c.at(2)), (2, 7, u32::MAX, 300));
//! let mut t = Times::default();
//! t.push(1_704_067_200);
//! t.push(-2_208_988_800); // 1900: over 68 years before the base
//! assert_eq!((t.bytes_per_value(), t.at(0), t.at(1)), (8, 1_704_067_200, -2_208_988_800));
//! ```

mod append;
mod wire;

/// Interned ids, `u32::MAX` (the absent id) included, in the narrowest of 1, 2 or 4 bytes.
#[derive(Debug, Clone, PartialEq)]
pub struct Codes(CodesRepr);

#[derive(Debug, Clone, PartialEq)]
enum CodesRepr {
    /// Ids below `u8::MAX`; `u8::MAX` stands for `u32::MAX`.
    U8(Vec<u8>),
    /// Ids below `u16::MAX`; `u16::MAX` stands for `u32::MAX`.
    U16(Vec<u16>),
    U32(Vec<u32>),
}

impl Default for Codes {
    fn default() -> Self {
        Codes(CodesRepr::U8(Vec::new()))
    }
}

impl Codes {
    /// The id at `i`.
    #[inline]
    pub fn at(&self, i: usize) -> u32 {
        match &self.0 {
            CodesRepr::U8(v) => match v[i] {
                u8::MAX => u32::MAX,
                c => u32::from(c),
            },
            CodesRepr::U16(v) => match v[i] {
                u16::MAX => u32::MAX,
                c => u32::from(c),
            },
            CodesRepr::U32(v) => v[i],
        }
    }

    #[inline]
    pub fn push(&mut self, id: u32) {
        loop {
            match &mut self.0 {
                CodesRepr::U8(v) if id == u32::MAX || id < u32::from(u8::MAX) => return v.push(id as u8),
                CodesRepr::U16(v) if id == u32::MAX || id < u32::from(u16::MAX) => return v.push(id as u16),
                CodesRepr::U32(v) => return v.push(id),
                _ => self.widen(),
            }
        }
    }

    /// Sets the id at `i`.
    pub fn set(&mut self, i: usize, id: u32) {
        loop {
            match &mut self.0 {
                CodesRepr::U8(v) if id == u32::MAX || id < u32::from(u8::MAX) => return v[i] = id as u8,
                CodesRepr::U16(v) if id == u32::MAX || id < u32::from(u16::MAX) => return v[i] = id as u16,
                CodesRepr::U32(v) => return v[i] = id,
                _ => self.widen(),
            }
        }
    }

    /// One step wider, every id kept.
    fn widen(&mut self) {
        let extra = self.capacity() - self.len();
        let wider = match &self.0 {
            CodesRepr::U8(_) => {
                let mut v = Vec::with_capacity(self.len() + extra);
                v.extend(self.iter().map(|id| if id == u32::MAX { u16::MAX } else { id as u16 }));
                CodesRepr::U16(v)
            }
            _ => {
                let mut v = Vec::with_capacity(self.len() + extra);
                v.extend(self.iter());
                CodesRepr::U32(v)
            }
        };
        self.0 = wider;
    }

    pub fn len(&self) -> usize {
        match &self.0 {
            CodesRepr::U8(v) => v.len(),
            CodesRepr::U16(v) => v.len(),
            CodesRepr::U32(v) => v.len(),
        }
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    pub fn capacity(&self) -> usize {
        match &self.0 {
            CodesRepr::U8(v) => v.capacity(),
            CodesRepr::U16(v) => v.capacity(),
            CodesRepr::U32(v) => v.capacity(),
        }
    }

    pub fn reserve(&mut self, additional: usize) {
        match &mut self.0 {
            CodesRepr::U8(v) => v.reserve(additional),
            CodesRepr::U16(v) => v.reserve(additional),
            CodesRepr::U32(v) => v.reserve(additional),
        }
    }

    pub fn truncate(&mut self, len: usize) {
        match &mut self.0 {
            CodesRepr::U8(v) => v.truncate(len),
            CodesRepr::U16(v) => v.truncate(len),
            CodesRepr::U32(v) => v.truncate(len),
        }
    }

    /// The ids in order.
    pub fn iter(&self) -> impl DoubleEndedIterator<Item = u32> + ExactSizeIterator + '_ {
        (0..self.len()).map(move |i| self.at(i))
    }

    /// Bytes per stored id: 1, 2 or 4.
    pub fn bytes_per_value(&self) -> usize {
        match &self.0 {
            CodesRepr::U8(_) => 1,
            CodesRepr::U16(_) => 2,
            CodesRepr::U32(_) => 4,
        }
    }

    /// Bytes allocated.
    pub fn heap_bytes(&self) -> usize {
        self.capacity() * self.bytes_per_value()
    }
}

/// Seconds since 1970 (`i64`), as 4-byte offsets from a base while every value is within 2³¹
/// seconds (68 years) of the first.
#[derive(Debug, Clone, PartialEq)]
pub struct Times(TimesRepr);

#[derive(Debug, Clone, PartialEq)]
enum TimesRepr {
    /// `base + offset`; the base is set by the first value of an empty column.
    Near {
        base: i64,
        offsets: Vec<u32>,
    },
    Far(Vec<i64>),
}

impl Default for Times {
    fn default() -> Self {
        Times(TimesRepr::Near { base: 0, offsets: Vec::new() })
    }
}

impl Times {
    #[inline]
    pub fn at(&self, i: usize) -> i64 {
        match &self.0 {
            TimesRepr::Near { base, offsets } => base + i64::from(offsets[i]),
            TimesRepr::Far(v) => v[i],
        }
    }

    #[inline]
    fn offset(base: i64, t: i64) -> Option<u32> {
        u32::try_from(t.checked_sub(base)?).ok()
    }

    #[inline]
    pub fn push(&mut self, t: i64) {
        match &mut self.0 {
            TimesRepr::Near { base, offsets } => {
                if offsets.is_empty() {
                    *base = t.saturating_sub(1 << 31);
                }
                match Self::offset(*base, t) {
                    Some(o) => offsets.push(o),
                    None => {
                        self.widen();
                        self.push(t);
                    }
                }
            }
            TimesRepr::Far(v) => v.push(t),
        }
    }

    /// Sets the time at `i`.
    pub fn set(&mut self, i: usize, t: i64) {
        match &mut self.0 {
            TimesRepr::Near { base, offsets } => match Self::offset(*base, t) {
                Some(o) => offsets[i] = o,
                None => {
                    self.widen();
                    self.set(i, t);
                }
            },
            TimesRepr::Far(v) => v[i] = t,
        }
    }

    fn widen(&mut self) {
        let mut v = Vec::with_capacity(self.capacity());
        v.extend(self.iter());
        self.0 = TimesRepr::Far(v);
    }

    pub fn len(&self) -> usize {
        match &self.0 {
            TimesRepr::Near { offsets, .. } => offsets.len(),
            TimesRepr::Far(v) => v.len(),
        }
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    pub fn capacity(&self) -> usize {
        match &self.0 {
            TimesRepr::Near { offsets, .. } => offsets.capacity(),
            TimesRepr::Far(v) => v.capacity(),
        }
    }

    pub fn reserve(&mut self, additional: usize) {
        match &mut self.0 {
            TimesRepr::Near { offsets, .. } => offsets.reserve(additional),
            TimesRepr::Far(v) => v.reserve(additional),
        }
    }

    pub fn truncate(&mut self, len: usize) {
        match &mut self.0 {
            TimesRepr::Near { offsets, .. } => offsets.truncate(len),
            TimesRepr::Far(v) => v.truncate(len),
        }
    }

    pub fn iter(&self) -> impl DoubleEndedIterator<Item = i64> + ExactSizeIterator + '_ {
        (0..self.len()).map(move |i| self.at(i))
    }

    /// Bytes per stored time: 4 or 8.
    pub fn bytes_per_value(&self) -> usize {
        match &self.0 {
            TimesRepr::Near { .. } => 4,
            TimesRepr::Far(_) => 8,
        }
    }

    pub fn heap_bytes(&self) -> usize {
        self.capacity() * self.bytes_per_value()
    }
}

/// Quantities and money (`f64`), as 4-byte hundredths while each value is exactly
/// `hundredths / 100.0` (see the module docs).
#[derive(Debug, Clone, PartialEq)]
pub struct Decimals(DecimalsRepr);

#[derive(Debug, Clone, PartialEq)]
enum DecimalsRepr {
    Hundredths(Vec<i32>),
    Full(Vec<f64>),
}

impl Default for Decimals {
    fn default() -> Self {
        Decimals(DecimalsRepr::Hundredths(Vec::new()))
    }
}

/// Codes of the values hundredths cannot spell, below any hundredths kept (|h| ≤ 2·10⁹).
const NAN_CODE: i32 = i32::MIN;
const NEG_NAN_CODE: i32 = i32::MIN + 1;
const NEG_ZERO_CODE: i32 = i32::MIN + 2;

#[inline]
fn from_hundredths(h: i32) -> f64 {
    match h {
        NAN_CODE => f64::NAN,
        NEG_NAN_CODE => -f64::NAN,
        NEG_ZERO_CODE => -0.0,
        h => f64::from(h) / 100.0,
    }
}

/// The hundredths that give `v` back bit for bit, if any.
#[inline]
fn to_hundredths(v: f64) -> Option<i32> {
    let h = (v * 100.0).round();
    if h.abs() <= 2e9 {
        let h = h as i32;
        if from_hundredths(h).to_bits() == v.to_bits() {
            return Some(h);
        }
    }
    let bits = v.to_bits();
    if bits == f64::NAN.to_bits() {
        Some(NAN_CODE)
    } else if bits == (-f64::NAN).to_bits() {
        Some(NEG_NAN_CODE)
    } else if bits == (-0.0f64).to_bits() {
        Some(NEG_ZERO_CODE)
    } else {
        None
    }
}

impl Decimals {
    #[inline]
    pub fn at(&self, i: usize) -> f64 {
        match &self.0 {
            DecimalsRepr::Hundredths(v) => from_hundredths(v[i]),
            DecimalsRepr::Full(v) => v[i],
        }
    }

    #[inline]
    pub fn push(&mut self, x: f64) {
        match &mut self.0 {
            DecimalsRepr::Hundredths(v) => match to_hundredths(x) {
                Some(h) => v.push(h),
                None => {
                    self.widen();
                    self.push(x);
                }
            },
            DecimalsRepr::Full(v) => v.push(x),
        }
    }

    pub fn set(&mut self, i: usize, x: f64) {
        match &mut self.0 {
            DecimalsRepr::Hundredths(v) => match to_hundredths(x) {
                Some(h) => v[i] = h,
                None => {
                    self.widen();
                    self.set(i, x);
                }
            },
            DecimalsRepr::Full(v) => v[i] = x,
        }
    }

    fn widen(&mut self) {
        let mut v = Vec::with_capacity(self.capacity());
        v.extend(self.iter());
        self.0 = DecimalsRepr::Full(v);
    }

    pub fn len(&self) -> usize {
        match &self.0 {
            DecimalsRepr::Hundredths(v) => v.len(),
            DecimalsRepr::Full(v) => v.len(),
        }
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    pub fn capacity(&self) -> usize {
        match &self.0 {
            DecimalsRepr::Hundredths(v) => v.capacity(),
            DecimalsRepr::Full(v) => v.capacity(),
        }
    }

    pub fn reserve(&mut self, additional: usize) {
        match &mut self.0 {
            DecimalsRepr::Hundredths(v) => v.reserve(additional),
            DecimalsRepr::Full(v) => v.reserve(additional),
        }
    }

    pub fn truncate(&mut self, len: usize) {
        match &mut self.0 {
            DecimalsRepr::Hundredths(v) => v.truncate(len),
            DecimalsRepr::Full(v) => v.truncate(len),
        }
    }

    pub fn iter(&self) -> impl DoubleEndedIterator<Item = f64> + ExactSizeIterator + '_ {
        (0..self.len()).map(move |i| self.at(i))
    }

    /// Bytes per stored value: 4 or 8.
    pub fn bytes_per_value(&self) -> usize {
        match &self.0 {
            DecimalsRepr::Hundredths(_) => 4,
            DecimalsRepr::Full(_) => 8,
        }
    }

    pub fn heap_bytes(&self) -> usize {
        self.capacity() * self.bytes_per_value()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decimals_give_every_value_back_bit_for_bit() {
        let values = [
            0.0,
            -0.0,
            1.0,
            -1.0,
            0.01,
            230.34,
            -118.66,
            19_999_999.99,
            20_000_000.01,
            1e300,
            f64::NAN,
            -f64::NAN,
            0.1 + 0.2,
            1.0 / 3.0,
            f64::INFINITY,
        ];
        let mut d = Decimals::default();
        for (i, &v) in values.iter().enumerate() {
            d.push(v);
            // Hundredths while every value so far has them: the first seven do.
            assert_eq!(d.bytes_per_value(), if i < 8 { 4 } else { 8 }, "after {v}");
        }
        for (i, &v) in values.iter().enumerate() {
            assert_eq!(d.at(i).to_bits(), v.to_bits(), "{v}");
        }
        // Every value of two decimals as the reader parses it (m / 10^k) is kept in hundredths.
        for m in -100_000i64..100_000 {
            for k in [1.0, 10.0, 100.0] {
                let v = m as f64 / k;
                let h = to_hundredths(v).expect("hundredths");
                assert_eq!(from_hundredths(h).to_bits(), v.to_bits());
            }
        }
    }

    #[test]
    fn codes_and_times_widen_and_set_keep_other_values() {
        let mut c = Codes::default();
        let ids: Vec<u32> = (0..300).chain([u32::MAX, 70_000, 5]).collect();
        for &id in &ids {
            c.push(id);
        }
        assert_eq!(c.iter().collect::<Vec<_>>(), ids);
        assert_eq!(c.bytes_per_value(), 4);
        let mut c = Codes::default();
        c.push(1);
        c.set(0, 1000);
        assert_eq!((c.at(0), c.bytes_per_value()), (1000, 2));
        c.truncate(0);
        assert!(c.is_empty());

        let mut t = Times::default();
        let times = [1_704_067_200i64, 1_704_067_200 - (1 << 31), 1_704_067_200 + (1 << 31) - 1, 0];
        for &x in &times[..3] {
            t.push(x);
        }
        assert_eq!(t.bytes_per_value(), 4);
        t.set(1, times[3]);
        assert_eq!(t.bytes_per_value(), 4);
        t.push(i64::MIN);
        assert_eq!(t.bytes_per_value(), 8);
        assert_eq!(t.iter().collect::<Vec<_>>(), [times[0], times[3], times[2], i64::MIN]);
    }
}
