//! Small numeric helpers shared by the analyses.

use crate::sort;

/// A compensated (Neumaier) sum: adding 400,000 prices keeps every cent, and the result does not
/// depend on the platform, so native and wasm agree to the bit.
///
/// ```
/// use clientele::num::Sum;
/// let mut s = Sum::default();
/// for _ in 0..10 { s.add(0.1); }
/// assert_eq!(s.value(), 1.0);
/// ```
#[derive(Debug, Default, Clone, Copy, PartialEq)]
pub struct Sum {
    sum: f64,
    compensation: f64,
}

impl Sum {
    /// Adds one value.
    pub fn add(&mut self, x: f64) {
        let t = self.sum + x;
        if self.sum.abs() >= x.abs() {
            self.compensation += (self.sum - t) + x;
        } else {
            self.compensation += (x - t) + self.sum;
        }
        self.sum = t;
    }

    /// The sum so far.
    pub fn value(&self) -> f64 {
        self.sum + self.compensation
    }
}

/// The median of `v`, which is sorted in place (by [`f64::total_cmp`]): the middle value, or the
/// mean of the two middle values for an even length. `None` for an empty slice: it has no median,
/// and each caller says what that means for it (a quadrant split of 0, an empty cluster's NaN, a
/// default gap).
///
/// ```
/// use clientele::num::median;
/// assert_eq!(median(&mut [4.0, 1.0, 3.0]), Some(3.0));
/// assert_eq!(median(&mut [4.0, 1.0, 3.0, 2.0]), Some(2.5));
/// assert_eq!(median(&mut []), None);
/// ```
pub fn median(v: &mut [f64]) -> Option<f64> {
    if v.is_empty() {
        return None;
    }
    sort::sort_total_by(v, f64::total_cmp);
    let n = v.len();
    Some(if n % 2 == 1 { v[n / 2] } else { (v[n / 2 - 1] + v[n / 2]) / 2.0 })
}

/// Rounds money to 1e-6, the precision reported, so tiny binary residues (…0000001) vanish.
pub fn round_money(x: f64) -> f64 {
    let r = (x * 1e6).round() / 1e6;
    if r == 0.0 {
        0.0
    } else {
        r
    }
}
