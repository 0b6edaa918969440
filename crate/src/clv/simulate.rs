//! Deterministic transaction logs drawn from the BG/NBD and Gamma-Gamma models, for benchmarks
//! and for tests that a fit recovers the parameters that generated the data.
//!
//! Each customer is acquired on a uniform day of the first `acquisition_days` (her first
//! purchase), draws a purchase rate λ ~ Gamma(r, α) per unit, a dropout probability
//! p ~ Beta(a, b) and a spend scale ν ~ Gamma(q, γ); while alive she buys at exponential gaps
//! of rate λ and after each repeat purchase drops out with probability p (the BG/NBD story,
//! Fader, Hardie & Lee 2005); each purchase is worth z ~ Gamma(p_spend, ν). Purchase times are
//! rounded down to their day, so two purchases on one day merge in the summary as in real logs.
//! The stream is fixed by `seed` (xoshiro256** of [`crate::rng`]).

use super::{BgNbd, GammaGamma, TimeUnit};
use crate::rng::Rng;
use crate::time::DAY;

/// What to simulate.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct SimulationSpec {
    pub customers: usize,
    /// Purchase-process parameters, α in `unit`.
    pub bgnbd: BgNbd,
    /// Spend parameters.
    pub spend: GammaGamma,
    pub unit: TimeUnit,
    /// Day number (days since 1970-01-01) of the first possible acquisition.
    pub first_day: i64,
    /// Customers are acquired uniformly over this many days.
    pub acquisition_days: i64,
    /// The observation ends this many days after `first_day` (last day included).
    pub observation_days: i64,
    pub seed: u64,
}

impl SimulationSpec {
    /// The CDNOW set-up: BG/NBD and Gamma-Gamma at their CDNOW-sample estimates (weeks),
    /// acquisition over the 12 weeks from 1997-01-01, observation to 1997-09-30 (39 weeks).
    pub fn cdnow_like(customers: usize, seed: u64) -> Self {
        SimulationSpec {
            customers,
            bgnbd: BgNbd { r: 0.242593, alpha: 4.413532, a: 0.792886, b: 2.425752 },
            spend: GammaGamma { p: 6.2488, q: 3.7446, gamma: 15.4477 },
            unit: TimeUnit::Weeks,
            first_day: crate::time::days_from_civil(1997, 1, 1),
            acquisition_days: 84,
            observation_days: 273,
            seed,
        }
    }

    /// Seconds of the last observed day (the `end` of a summary).
    pub fn end(&self) -> i64 {
        (self.first_day + self.observation_days - 1) * DAY
    }
}

/// A simulated log: parallel (customer, time in seconds, amount) columns, customers 0.. in
/// order, each customer's purchases in time order.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct SimulatedLog {
    pub customer: Vec<u32>,
    pub time: Vec<i64>,
    pub amount: Vec<f64>,
}

fn uniform(rng: &mut Rng) -> f64 {
    // 53 random bits in (0, 1).
    ((rng.next_u64() >> 11) as f64 + 0.5) * (1.0 / (1u64 << 53) as f64)
}

fn normal(rng: &mut Rng) -> f64 {
    let (u, v) = (uniform(rng), uniform(rng));
    (-2.0 * u.ln()).sqrt() * (std::f64::consts::TAU * v).cos()
}

/// Gamma(shape, scale 1) by Marsaglia & Tsang (2000), boosted for shape < 1.
fn gamma(rng: &mut Rng, shape: f64) -> f64 {
    if shape < 1.0 {
        return gamma(rng, shape + 1.0) * uniform(rng).powf(1.0 / shape);
    }
    let d = shape - 1.0 / 3.0;
    let c = 1.0 / (9.0 * d).sqrt();
    loop {
        let z = normal(rng);
        let v = (1.0 + c * z).powi(3);
        if v <= 0.0 {
            continue;
        }
        let u = uniform(rng);
        if u.ln() < 0.5 * z * z + d - d * v + d * v.ln() {
            return d * v;
        }
    }
}

/// Draws the log described by `spec`.
pub fn simulate(spec: &SimulationSpec) -> SimulatedLog {
    let mut rng = Rng::new(spec.seed);
    let BgNbd { r, alpha, a, b } = spec.bgnbd;
    let u = spec.unit.days();
    let last_day = spec.first_day + spec.observation_days - 1;
    let mut log = SimulatedLog::default();
    for c in 0..spec.customers {
        let birth = spec.first_day + rng.below(spec.acquisition_days.max(1) as u64) as i64;
        let lambda = gamma(&mut rng, r) / alpha;
        let (ga, gb) = (gamma(&mut rng, a), gamma(&mut rng, b));
        let p = ga / (ga + gb);
        let nu = gamma(&mut rng, spec.spend.q) / spec.spend.gamma;
        let mut push = |day: i64, rng: &mut Rng| {
            log.customer.push(c as u32);
            log.time.push(day * DAY);
            log.amount.push(((gamma(rng, spec.spend.p) / nu) * 100.0).round() / 100.0);
        };
        push(birth, &mut rng);
        let horizon = (last_day - birth) as f64 / u;
        let mut t = 0.0;
        loop {
            t += -uniform(&mut rng).ln() / lambda;
            if t.is_nan() || t > horizon {
                break;
            }
            push(birth + (t * u).floor() as i64, &mut rng);
            if uniform(&mut rng) < p {
                break;
            }
        }
    }
    log
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::clv::{summary_from_transactions, FitOptions};

    #[test]
    fn same_seed_same_log_and_the_fit_recovers_the_parameters() {
        let spec = SimulationSpec::cdnow_like(20_000, 7);
        let log = simulate(&spec);
        assert_eq!(log, simulate(&spec));
        assert_ne!(log, simulate(&SimulationSpec { seed: 8, ..spec }));
        let s = summary_from_transactions(&log.customer, &log.time, &log.amount, spec.end(), TimeUnit::Weeks).unwrap();
        assert_eq!(s.len(), 20_000);
        assert!(s.t.iter().all(|&t| (189.0 / 7.0..=39.0).contains(&t)));
        let fit = BgNbd::fit(&s, &FitOptions::default()).unwrap();
        assert!(fit.convergence.converged);
        // Within a few standard errors of the truth (20,000 customers; day rounding merges a
        // few same-day purchases, which biases r slightly down).
        let (p, se) = (fit.params, fit.standard_errors.unwrap());
        for (name, got, se, want) in [
            ("r", p.r, se.r, 0.242593),
            ("alpha", p.alpha, se.alpha, 4.413532),
            ("a", p.a, se.a, 0.792886),
            ("b", p.b, se.b, 2.425752),
        ] {
            assert!((got - want).abs() < 4.0 * se, "{name}: {got} ± {se}, truth {want}");
        }
        let gg = GammaGamma::fit(&s, &FitOptions::default()).unwrap().params;
        assert!((gg.p - 6.2488).abs() < 0.25 * 6.2488 && (gg.q - 3.7446).abs() < 0.25 * 3.7446, "{gg:?}");
    }
}
