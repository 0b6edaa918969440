//! The optional classes of the demo's customers file (seed 003): a credit level and a
//! satisfaction score per customer, drawn on their own random stream (so the rest of the store
//! is unchanged), with two planted effects:
//!
//! - **credit**: the profitable archetypes (True Friends, Butterflies, decliners) are rated
//!   优秀 / Excellent 45% of the time, every other customer 12%;
//! - **satisfaction** (a 1-5 score): deal seekers score 1 or 2 60% of the time, every other
//!   customer 10%.
//!
//! [`effect`] records how the plants came out in the written rows (shares and lifts), in the
//! demo truth's `class_effect`.

use serde::Serialize;

use super::archetypes::Archetype;
use super::customers::{text, Text};
use super::params::Lang;
use crate::rng::Rng;

/// Stream id for [`Rng::stream`] (1-3 are the archetypes').
pub const STREAM_CLASSES: u64 = 4;

/// Credit levels, best first.
pub const CREDIT: [Text; 4] = [("优秀", "Excellent"), ("良好", "Good"), ("一般", "Fair"), ("较差", "Poor")];
/// Weights of [`CREDIT`] for the profitable archetypes.
pub const CREDIT_WEIGHTS_PROFITABLE: [u32; 4] = [45, 35, 15, 5];
/// Weights of [`CREDIT`] for every other customer.
pub const CREDIT_WEIGHTS_OTHER: [u32; 4] = [12, 38, 35, 15];

/// Satisfaction scores, 1 (very unhappy) to 5, written as digits in both languages.
pub const SATISFACTION: [&str; 5] = ["1", "2", "3", "4", "5"];
/// Weights of [`SATISFACTION`] for deal seekers.
pub const SATISFACTION_WEIGHTS_DEAL_SEEKER: [u32; 5] = [25, 35, 25, 10, 5];
/// Weights of [`SATISFACTION`] for every other customer.
pub const SATISFACTION_WEIGHTS_OTHER: [u32; 5] = [3, 7, 25, 40, 25];

/// Customers file header of the two columns, in column order.
pub const HEADER: [Text; 2] = [("信用等级", "Credit Rating"), ("满意度", "Satisfaction")];

/// Customer `c`'s (credit index, satisfaction index): a pure function of (seed, c, archetype).
pub fn draw(seed: u64, c: u32, archetype: Archetype) -> (usize, usize) {
    let mut rng = Rng::stream(seed, STREAM_CLASSES, u64::from(c), 0);
    let credit = rng.weighted(if archetype.profitable() { &CREDIT_WEIGHTS_PROFITABLE } else { &CREDIT_WEIGHTS_OTHER });
    let satisfaction = rng.weighted(if archetype == Archetype::DealSeeker {
        &SATISFACTION_WEIGHTS_DEAL_SEEKER
    } else {
        &SATISFACTION_WEIGHTS_OTHER
    });
    (credit, satisfaction)
}

/// One planted class effect as it came out: the value's share in a group of customers against
/// all customers.
#[derive(Debug, Clone, Serialize)]
pub struct ClassLift {
    /// `credit` or `satisfaction` (the profile's column key).
    pub column: &'static str,
    /// The values counted together (in the file's language).
    pub values: Vec<&'static str>,
    /// `tier_a_margin` (as in the city effect) or an archetype key.
    pub group: &'static str,
    pub definition: &'static str,
    pub customers_in_group: u64,
    pub with_value_in_group: u64,
    pub customers: u64,
    pub with_value: u64,
    /// share in the group / share among all customers.
    pub lift: f64,
}

/// The planted classes and their realised lifts.
#[derive(Debug, Clone, Serialize)]
pub struct ClassEffect {
    pub planted: &'static str,
    pub credit_levels: Vec<&'static str>,
    pub satisfaction_scores: Vec<&'static str>,
    pub lifts: Vec<ClassLift>,
}

fn lift(
    column: &'static str,
    values: Vec<&'static str>,
    group: &'static str,
    definition: &'static str,
    in_group: &[bool],
    has: &[bool],
) -> ClassLift {
    let n = has.len() as u64;
    let g = in_group.iter().filter(|&&x| x).count() as u64;
    let with = has.iter().filter(|&&x| x).count() as u64;
    let both = in_group.iter().zip(has).filter(|(a, b)| **a && **b).count() as u64;
    let share_all = super::truth::ratio(with, n);
    let l = if share_all > 0.0 { super::truth::ratio(both, g) / share_all } else { 0.0 };
    ClassLift {
        column,
        values,
        group,
        definition,
        customers_in_group: g,
        with_value_in_group: both,
        customers: n,
        with_value: with,
        lift: l,
    }
}

/// The class effect of a store: `archetypes` per customer, `margin` per customer (cents, as the
/// truth's tier A uses).
pub fn effect(seed: u64, archetypes: &[u8], margin: &[i64], lang: Lang) -> ClassEffect {
    let draws: Vec<(usize, usize)> =
        archetypes.iter().enumerate().map(|(c, &a)| draw(seed, c as u32, Archetype::from_index(a))).collect();
    let excellent: Vec<bool> = draws.iter().map(|d| d.0 == 0).collect();
    let low: Vec<bool> = draws.iter().map(|d| d.1 <= 1).collect();
    let tier_a = super::truth::tier_a(margin);
    let deal_seekers: Vec<bool> =
        archetypes.iter().map(|&a| Archetype::from_index(a) == Archetype::DealSeeker).collect();
    ClassEffect {
        planted: "credit Excellent for 45% of True Friends, Butterflies and decliners against 12% of other customers; satisfaction 1 or 2 for 60% of deal seekers against 10% of other customers",
        credit_levels: CREDIT.iter().map(|&t| text(t, lang)).collect(),
        satisfaction_scores: SATISFACTION.to_vec(),
        lifts: vec![
            lift(
                "credit",
                vec![text(CREDIT[0], lang)],
                "tier_a_margin",
                "tier A: the customers with the highest margin (net sales − cost) whose cumulative margin first reaches 50% of the total",
                &tier_a,
                &excellent,
            ),
            lift(
                "satisfaction",
                vec![SATISFACTION[0], SATISFACTION[1]],
                "deal_seeker",
                "the deal-seeker archetype (customer ids in `customers.deal_seeker`)",
                &deal_seekers,
                &low,
            ),
        ],
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn draws_are_deterministic_and_planted() {
        assert_eq!(draw(7, 3, Archetype::TrueFriend), draw(7, 3, Archetype::TrueFriend));
        // Over 4,000 draws the planted shares come out near their weights.
        let n = 4_000u32;
        let share = |a: Archetype, f: &dyn Fn((usize, usize)) -> bool| {
            (0..n).filter(|&c| f(draw(1, c, a))).count() as f64 / f64::from(n)
        };
        assert!((share(Archetype::TrueFriend, &|d| d.0 == 0) - 0.45).abs() < 0.03);
        assert!((share(Archetype::Stranger, &|d| d.0 == 0) - 0.12).abs() < 0.03);
        assert!((share(Archetype::DealSeeker, &|d| d.1 <= 1) - 0.60).abs() < 0.03);
        assert!((share(Archetype::Barnacle, &|d| d.1 <= 1) - 0.10).abs() < 0.03);
    }
}
