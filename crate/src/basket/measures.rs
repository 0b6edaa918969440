//! Rule measures with mlxtend's definitions and edge conventions.

use serde::{Serialize, Serializer};

/// The interest measures of a rule `A → C`, from the supports (shares) of A ∪ C, A and C.
///
/// Definitions (mlxtend `association_rules`):
///
/// | measure | formula | edge convention |
/// |---|---|---|
/// | support | s(AC) | |
/// | confidence | s(AC) / s(A) | |
/// | lift | confidence / s(C) | |
/// | leverage | s(AC) − s(A)·s(C) | |
/// | conviction | (1 − s(C)) / (1 − confidence) | +∞ when confidence ≥ 1 |
/// | Zhang | leverage / max(s(AC)(1 − s(A)), s(A)(s(C) − s(AC))) | 0 when the denominator is 0 |
/// | Jaccard | s(AC) / (s(A) + s(C) − s(AC)) | |
/// | certainty | (confidence − s(C)) / (1 − s(C)) | 0 when s(C) = 1 |
/// | Kulczynski | (s(AC)/s(A) + s(AC)/s(C)) / 2 | |
///
/// In JSON, a conviction of +∞ is the string `"Infinity"`; every other value is a number.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Measures {
    pub antecedent_support: f64,
    pub consequent_support: f64,
    pub support: f64,
    pub confidence: f64,
    pub lift: f64,
    pub leverage: f64,
    #[serde(serialize_with = "finite_or_infinity")]
    pub conviction: f64,
    pub zhang: f64,
    pub jaccard: f64,
    pub certainty: f64,
    pub kulczynski: f64,
}

impl Measures {
    /// The measures from support counts and the number of baskets.
    pub fn from_counts(count_ac: u32, count_a: u32, count_c: u32, n: u32) -> Measures {
        let n = n as f64;
        Measures::from_supports(count_ac as f64 / n, count_a as f64 / n, count_c as f64 / n)
    }

    /// The measures from supports (shares of baskets).
    pub fn from_supports(s_ac: f64, s_a: f64, s_c: f64) -> Measures {
        let confidence = s_ac / s_a;
        let leverage = s_ac - s_a * s_c;
        let conviction = if confidence < 1.0 { (1.0 - s_c) / (1.0 - confidence) } else { f64::INFINITY };
        let zhang_den = f64::max(s_ac * (1.0 - s_a), s_a * (s_c - s_ac));
        let zhang = if zhang_den == 0.0 { 0.0 } else { leverage / zhang_den };
        let certainty_den = 1.0 - s_c;
        let certainty = if certainty_den == 0.0 { 0.0 } else { (confidence - s_c) / certainty_den };
        Measures {
            antecedent_support: s_a,
            consequent_support: s_c,
            support: s_ac,
            confidence,
            lift: confidence / s_c,
            leverage,
            conviction,
            zhang,
            jaccard: s_ac / (s_a + s_c - s_ac),
            certainty,
            kulczynski: (s_ac / s_a + s_ac / s_c) / 2.0,
        }
    }
}

/// Serialises +∞ as `"Infinity"` and −∞ as `"-Infinity"` (JSON has no infinities), finite
/// values as numbers.
pub(crate) fn finite_or_infinity<S: Serializer>(v: &f64, s: S) -> Result<S::Ok, S::Error> {
    if *v == f64::INFINITY {
        s.serialize_str("Infinity")
    } else if *v == f64::NEG_INFINITY {
        s.serialize_str("-Infinity")
    } else {
        s.serialize_f64(*v)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn onion_eggs_from_mlxtend() {
        // Five baskets: Onion in 3, Eggs in 4, both in 3.
        let m = Measures::from_counts(3, 3, 4, 5);
        assert!((m.support - 0.6).abs() < 1e-12);
        assert_eq!(m.confidence, 1.0);
        assert!((m.lift - 1.25).abs() < 1e-12);
        assert!((m.leverage - 0.12).abs() < 1e-12);
        assert_eq!(m.conviction, f64::INFINITY);
        assert!((m.zhang - 0.5).abs() < 1e-12);
        assert!((m.jaccard - 0.75).abs() < 1e-12);
        assert!((m.certainty - 1.0).abs() < 1e-12);
        assert!((m.kulczynski - 0.875).abs() < 1e-12);
        let json = serde_json::to_value(m).unwrap();
        assert_eq!(json["conviction"], "Infinity");
        assert_eq!(json["lift"], 1.25);
    }

    #[test]
    fn consequent_in_every_basket() {
        let m = Measures::from_counts(2, 2, 5, 5);
        assert_eq!(m.certainty, 0.0);
        assert_eq!(m.conviction, f64::INFINITY);
        assert_eq!(m.zhang, 0.0);
        assert_eq!(m.lift, 1.0);
    }
}
