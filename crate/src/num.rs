//! Small numeric helpers shared by the analyses.

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

/// Rounds money to 1e-6, the precision reported, so tiny binary residues (…0000001) vanish.
pub fn round_money(x: f64) -> f64 {
    let r = (x * 1e6).round() / 1e6;
    if r == 0.0 {
        0.0
    } else {
        r
    }
}
