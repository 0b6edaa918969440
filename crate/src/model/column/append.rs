//! Whole columns appended at once (the merge of ranges read apart, issue 16): each gives the
//! very column that pushing the other's values one by one gives (the same values, the same
//! stored form), in a copy of the stored values where the forms allow.

use super::{Codes, CodesRepr, Decimals, DecimalsRepr, Times, TimesRepr};

/// The bytes a code needs (`u32::MAX`, the absent id, fits every form).
fn width(id: u32) -> u8 {
    if id == u32::MAX || id < u32::from(u8::MAX) {
        1
    } else if id < u32::from(u16::MAX) {
        2
    } else {
        4
    }
}

impl Codes {
    /// Appends `map` of every id of `other`.
    pub fn append_mapped(&mut self, other: &Codes, map: impl Fn(u32) -> u32) {
        let ids: Vec<u32> = other.iter().map(map).collect();
        // The form pushing them would end in: the widest any value needs.
        let need = ids.iter().map(|&id| width(id)).max().unwrap_or(1);
        while (self.bytes_per_value() as u8) < need {
            self.widen();
        }
        match &mut self.0 {
            CodesRepr::U8(v) => v.extend(ids.iter().map(|&id| if id == u32::MAX { u8::MAX } else { id as u8 })),
            CodesRepr::U16(v) => v.extend(ids.iter().map(|&id| if id == u32::MAX { u16::MAX } else { id as u16 })),
            CodesRepr::U32(v) => v.extend_from_slice(&ids),
        }
    }
}

impl Times {
    /// Appends every time of `other`.
    pub fn append(&mut self, other: &Times) {
        if self.is_empty() && matches!(self.0, TimesRepr::Near { .. }) {
            // Pushed into an empty column, the first time sets the base as it did in `other`.
            let mut v = other.clone();
            v.reserve(self.capacity().saturating_sub(v.len()));
            *self = v;
            return;
        }
        match (&mut self.0, &other.0) {
            (TimesRepr::Far(v), TimesRepr::Far(o)) => v.extend_from_slice(o),
            (TimesRepr::Far(v), _) => v.extend(other.iter()),
            (TimesRepr::Near { base, offsets }, TimesRepr::Near { base: b2, offsets: o }) => {
                let (lo, hi) = o.iter().fold((u32::MAX, 0), |(lo, hi), &x| (lo.min(x), hi.max(x)));
                let shift = *b2 - *base;
                let fits = o.is_empty() || (shift + i64::from(lo) >= 0 && shift + i64::from(hi) <= i64::from(u32::MAX));
                if fits {
                    offsets.extend(o.iter().map(|&x| (i64::from(x) + shift) as u32));
                } else {
                    other.iter().for_each(|t| self.push(t));
                }
            }
            (TimesRepr::Near { .. }, TimesRepr::Far(_)) => other.iter().for_each(|t| self.push(t)),
        }
    }
}

impl Decimals {
    /// Appends every value of `other`.
    pub fn append(&mut self, other: &Decimals) {
        if let DecimalsRepr::Full(_) = other.0 {
            // Some value of `other` has no hundredths: pushing them widens this column too.
            if let DecimalsRepr::Hundredths(_) = self.0 {
                self.widen();
            }
        }
        match (&mut self.0, &other.0) {
            (DecimalsRepr::Hundredths(v), DecimalsRepr::Hundredths(o)) => v.extend_from_slice(o),
            (DecimalsRepr::Full(v), DecimalsRepr::Full(o)) => v.extend_from_slice(o),
            (DecimalsRepr::Full(v), DecimalsRepr::Hundredths(_)) => v.extend(other.iter()),
            (DecimalsRepr::Hundredths(_), DecimalsRepr::Full(_)) => unreachable!("widened above"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rng::Rng;

    /// Random columns appended whole equal the same values pushed one by one, form included.
    #[test]
    fn appending_a_column_is_pushing_its_values() {
        let mut rng = Rng::new(16);
        for case in 0..400 {
            let n = |rng: &mut Rng| rng.below(40) as usize;
            let pick_id = |rng: &mut Rng| match rng.below(10) {
                0 => u32::MAX,
                1..=5 => rng.below(250) as u32,
                6..=8 => rng.below(70_000) as u32,
                _ => rng.below(1 << 20) as u32,
            };
            let (mut a, mut b) = (Codes::default(), Codes::default());
            (0..n(&mut rng)).for_each(|_| a.push(pick_id(&mut rng)));
            (0..n(&mut rng)).for_each(|_| b.push(pick_id(&mut rng)));
            let map = |id: u32| if id == u32::MAX { id } else { id.wrapping_mul(7) % 300_000 };
            let mut want = a.clone();
            b.iter().for_each(|id| want.push(map(id)));
            a.append_mapped(&b, map);
            assert_eq!(a, want, "codes {case}");

            let pick_t = |rng: &mut Rng| match rng.below(6) {
                0 => -2_208_988_800 + rng.below(1000) as i64,
                _ => 1_704_067_200 + rng.below(5_000_000_000) as i64 - 2_500_000_000,
            };
            let (mut a, mut b) = (Times::default(), Times::default());
            (0..n(&mut rng)).for_each(|_| a.push(pick_t(&mut rng)));
            (0..n(&mut rng)).for_each(|_| b.push(pick_t(&mut rng)));
            let mut want = a.clone();
            b.iter().for_each(|t| want.push(t));
            a.append(&b);
            assert_eq!(a, want, "times {case}");

            let pick_x = |rng: &mut Rng| match rng.below(8) {
                0 => f64::NAN,
                1 => -0.0,
                2 => 0.1 + 0.2,
                _ => (rng.below(200_000) as f64 - 100_000.0) / 100.0,
            };
            let (mut a, mut b) = (Decimals::default(), Decimals::default());
            (0..n(&mut rng)).for_each(|_| a.push(pick_x(&mut rng)));
            (0..n(&mut rng)).for_each(|_| b.push(pick_x(&mut rng)));
            let mut want = a.clone();
            b.iter().for_each(|x| want.push(x));
            a.append(&b);
            let bits = |d: &Decimals| (d.bytes_per_value(), d.iter().map(f64::to_bits).collect::<Vec<_>>());
            assert_eq!(bits(&a), bits(&want), "decimals {case}");
        }
    }
}
