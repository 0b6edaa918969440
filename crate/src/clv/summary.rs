//! Per-customer frequency / recency / T / monetary from a transaction log, exactly as lifetimes'
//! `summary_data_from_transaction_data(..., freq='D', freq_multiplier=1 or 7)` computes them, and
//! the calibration / holdout split of `calibration_and_holdout_data`.
//!
//! ## Definitions (users ask; lifetimes #430, #447)
//!
//! Times are the shop's wall-clock seconds since 1970-01-01 (as in
//! [`LineItems::time`](crate::model::LineItems)). A line's **purchase day** is its calendar day,
//! `floor(time / 86 400)`. All purchases of one customer on one calendar day merge into one
//! *purchase period*, whose value is the sum of their amounts. The observation ends at the end
//! of the calendar day of `end`: lines on that day count, later lines are ignored.
//!
//! With `u` = 1 day ([`TimeUnit::Days`]) or 7 days ([`TimeUnit::Weeks`]):
//!
//! | field | definition |
//! |---|---|
//! | `frequency` (x) | distinct purchase days − 1: the number of *repeat* purchase periods |
//! | `recency` (tₓ) | (last purchase day − first purchase day) / u; 0 for one-time buyers |
//! | `T` | (observation end day − first purchase day) / u: the customer's age at the end |
//! | `monetary` | mean of the day sums over the repeat days (the first day is excluded); 0 when x = 0 |
//!
//! Weeks are therefore days / 7 (lifetimes `freq='D', freq_multiplier=7`), not calendar weeks:
//! two purchases on Monday and Tuesday of one week are two purchases. Which lines are purchases
//! is the caller's choice; [`summary_from_lines`] and [`summary_from_orders`] use the purchase
//! lines of the store's order timeline ([`Orders`]) only, so returns neither create nor cancel
//! purchase periods.

use crate::sort;
use serde::{Deserialize, Serialize};

use crate::model::{Convention, LineItems, OrderKind, Orders};
pub use crate::time::{day_of, format_day};

/// The time unit of recency, T and every model time (`t` in predictions).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "snake_case")]
pub enum TimeUnit {
    /// One calendar day.
    Days,
    /// Seven calendar days (days / 7, not calendar weeks).
    #[default]
    Weeks,
}

impl TimeUnit {
    /// Calendar days in one unit.
    pub fn days(self) -> f64 {
        match self {
            TimeUnit::Days => 1.0,
            TimeUnit::Weeks => 7.0,
        }
    }

    /// Units in one month, as lifetimes' `customer_lifetime_value` counts them
    /// (`freq='D'`: 30, `freq='W'`: 4.345).
    pub fn per_month(self) -> f64 {
        match self {
            TimeUnit::Days => 30.0,
            TimeUnit::Weeks => 4.345,
        }
    }
}

/// Why a summary could not be built.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum SummaryError {
    /// Column slices of different lengths.
    #[error("the input columns have different lengths ({what})")]
    LengthMismatch { what: &'static str },
    /// No customer has a purchase on or before the end of observation.
    #[error("no customer has a purchase on or before the end of the observation period")]
    NoCustomers,
    /// A value is NaN or infinite.
    #[error("{field} of row {index} is not a finite number")]
    NotFinite { field: &'static str, index: usize },
    /// A value is out of its range (negative, fractional frequency, recency above T, …).
    #[error("{field} of row {index} is {value}, which is not valid ({rule})")]
    OutOfRange { field: &'static str, index: usize, value: f64, rule: &'static str },
    /// The holdout period ends before the calibration period.
    #[error("the holdout end must not be before the calibration end")]
    BadSplit,
}

impl SummaryError {
    /// Stable code for the page's i18n.
    pub fn code(&self) -> &'static str {
        match self {
            SummaryError::LengthMismatch { .. } => "clv.length_mismatch",
            SummaryError::NoCustomers => "clv.no_customers",
            SummaryError::NotFinite { .. } => "clv.not_finite",
            SummaryError::OutOfRange { .. } => "clv.out_of_range",
            SummaryError::BadSplit => "clv.bad_split",
        }
    }
}

/// Per-customer RFM summary, column by column, sorted by customer id. This is the input of every
/// model. See the module documentation for the exact definitions.
#[derive(Debug, Clone, PartialEq, Serialize, Default)]
pub struct CustomerSummary {
    pub unit: TimeUnit,
    /// Customer ids (the caller's; [`LineItems`] customer ids when built from lines).
    pub customer: Vec<u32>,
    /// x: repeat purchase periods.
    pub frequency: Vec<f64>,
    /// tₓ: age at the last purchase, in `unit`.
    pub recency: Vec<f64>,
    /// T: age at the end of observation, in `unit`.
    #[serde(rename = "T")]
    pub t: Vec<f64>,
    /// Mean value of the repeat purchase periods (0 when x = 0).
    pub monetary: Vec<f64>,
    /// Day number (days since 1970-01-01) of each customer's first purchase; empty when the
    /// summary was given as columns.
    pub first_day: Vec<i64>,
    /// Day number of the end of observation, when known.
    pub end_day: Option<i64>,
}

impl CustomerSummary {
    /// A summary from ready-made columns (for example lifetimes' CSV output), validated:
    /// every value finite, `frequency` a non-negative whole number, `0 ≤ recency ≤ T`,
    /// `T ≥ 0`, `monetary ≥ 0`, recency 0 when frequency is 0. `monetary` may be empty.
    pub fn from_columns(
        unit: TimeUnit,
        frequency: Vec<f64>,
        recency: Vec<f64>,
        t: Vec<f64>,
        monetary: Vec<f64>,
    ) -> Result<Self, SummaryError> {
        let n = frequency.len();
        if recency.len() != n || t.len() != n {
            return Err(SummaryError::LengthMismatch { what: "frequency, recency and T" });
        }
        let monetary = if monetary.is_empty() { vec![0.0; n] } else { monetary };
        if monetary.len() != n {
            return Err(SummaryError::LengthMismatch { what: "monetary" });
        }
        let s = CustomerSummary {
            unit,
            customer: (0..n as u32).collect(),
            frequency,
            recency,
            t,
            monetary,
            first_day: Vec::new(),
            end_day: None,
        };
        s.validate()?;
        Ok(s)
    }

    /// Number of customers.
    pub fn len(&self) -> usize {
        self.frequency.len()
    }

    /// Whether there are no customers.
    pub fn is_empty(&self) -> bool {
        self.frequency.is_empty()
    }

    /// Customers with at least one repeat purchase.
    pub fn repeat_customers(&self) -> usize {
        self.frequency.iter().filter(|&&x| x > 0.0).count()
    }

    /// Checks the invariants listed at [`CustomerSummary::from_columns`].
    pub fn validate(&self) -> Result<(), SummaryError> {
        let n = self.frequency.len();
        if self.recency.len() != n || self.t.len() != n || self.monetary.len() != n {
            return Err(SummaryError::LengthMismatch { what: "summary columns" });
        }
        if n == 0 {
            return Err(SummaryError::NoCustomers);
        }
        for i in 0..n {
            let (x, tx, t, m) = (self.frequency[i], self.recency[i], self.t[i], self.monetary[i]);
            for (field, v) in [("frequency", x), ("recency", tx), ("T", t), ("monetary", m)] {
                if !v.is_finite() {
                    return Err(SummaryError::NotFinite { field, index: i });
                }
            }
            if x < 0.0 || x != x.floor() {
                return Err(SummaryError::OutOfRange {
                    field: "frequency",
                    index: i,
                    value: x,
                    rule: "a whole number ≥ 0",
                });
            }
            if t < 0.0 {
                return Err(SummaryError::OutOfRange { field: "T", index: i, value: t, rule: "T ≥ 0" });
            }
            if tx < 0.0 || tx > t * (1.0 + 1e-12) {
                return Err(SummaryError::OutOfRange {
                    field: "recency",
                    index: i,
                    value: tx,
                    rule: "0 ≤ recency ≤ T",
                });
            }
            if x == 0.0 && tx != 0.0 {
                return Err(SummaryError::OutOfRange {
                    field: "recency",
                    index: i,
                    value: tx,
                    rule: "recency is 0 when frequency is 0",
                });
            }
            if m < 0.0 {
                return Err(SummaryError::OutOfRange { field: "monetary", index: i, value: m, rule: "monetary ≥ 0" });
            }
        }
        Ok(())
    }
}

/// Customers → distinct purchase days with summed amounts, flat: customer `k` (ascending ids)
/// owns days `start[k]..start[k + 1]`, in day order.
#[derive(Default)]
struct PurchaseDays {
    customer: Vec<u32>,
    start: Vec<usize>,
    day: Vec<i64>,
    sum: Vec<f64>,
}

impl PurchaseDays {
    /// Adds one purchase; purchases must come sorted by customer, then day.
    fn push(&mut self, c: u32, d: i64, a: f64) {
        if self.customer.last() != Some(&c) {
            self.customer.push(c);
            self.start.push(self.day.len());
        } else if self.day.last() == Some(&d) {
            *self.sum.last_mut().expect("a day") += a;
            return;
        }
        self.day.push(d);
        self.sum.push(a);
    }

    fn len(&self) -> usize {
        self.customer.len()
    }

    /// Days of customer `k` (position, not id).
    fn range(&self, k: usize) -> std::ops::Range<usize> {
        self.start[k]..self.start.get(k + 1).copied().unwrap_or(self.day.len())
    }
}

/// Groups lines into customers → distinct purchase days with summed amounts, keeping lines
/// with `day ≤ last_day`. Customers come out sorted by id.
fn purchase_days(customer: &[u32], time: &[i64], amount: &[f64], last_day: i64) -> Result<PurchaseDays, SummaryError> {
    if time.len() != customer.len() || amount.len() != customer.len() {
        return Err(SummaryError::LengthMismatch { what: "customer, time and amount" });
    }
    let mut rows: Vec<(u32, i64, f64)> = Vec::with_capacity(customer.len());
    for i in 0..customer.len() {
        if !amount[i].is_finite() {
            return Err(SummaryError::NotFinite { field: "amount", index: i });
        }
        let day = day_of(time[i]);
        if day <= last_day {
            rows.push((customer[i], day, amount[i]));
        }
    }
    sort::sort_unstable_by_key(&mut rows, |&(c, d, _)| (c, d));
    let mut out = PurchaseDays::default();
    for (c, d, a) in rows {
        out.push(c, d, a);
    }
    Ok(out)
}

/// The purchase days of an order timeline's purchase lines, keeping those with
/// `day ≤ last_day`; no sort: the entries come sorted by customer and time.
fn order_days(orders: &Orders, last_day: i64) -> Result<PurchaseDays, SummaryError> {
    let mut out = PurchaseDays::default();
    for e in 0..orders.len() {
        if orders.kind[e] != OrderKind::Purchase {
            continue;
        }
        let a = orders.amount[e];
        if !a.is_finite() {
            return Err(SummaryError::NotFinite { field: "amount", index: e });
        }
        let day = day_of(orders.time[e]);
        if day <= last_day {
            out.push(orders.customer[e], day, a);
        }
    }
    Ok(out)
}

fn summarise(purchases: &PurchaseDays, end_day: i64, unit: TimeUnit) -> CustomerSummary {
    let u = unit.days();
    let n = purchases.len();
    let mut s = CustomerSummary {
        unit,
        customer: Vec::with_capacity(n),
        frequency: Vec::with_capacity(n),
        recency: Vec::with_capacity(n),
        t: Vec::with_capacity(n),
        monetary: Vec::with_capacity(n),
        first_day: Vec::with_capacity(n),
        end_day: Some(end_day),
    };
    for k in 0..n {
        let r = purchases.range(k);
        let days = &purchases.day[r.clone()];
        let first = days[0];
        let last = days[days.len() - 1];
        let x = days.len() - 1;
        let mut sum = crate::num::Sum::default();
        for &a in &purchases.sum[r.start + 1..r.end] {
            sum.add(a);
        }
        s.customer.push(purchases.customer[k]);
        s.frequency.push(x as f64);
        s.recency.push((last - first) as f64 / u);
        s.t.push((end_day - first) as f64 / u);
        s.monetary.push(if x == 0 { 0.0 } else { sum.value() / x as f64 });
        s.first_day.push(first);
    }
    s
}

/// Builds the summary from transaction lines: `customer`, `time` (seconds) and `amount` are
/// parallel columns, one entry per line; every line given is a purchase. `end` is the end of
/// observation (any second of its last day). See the module docs for the definitions.
///
/// Customers whose first purchase is on the last day get T = 0; they are kept (their
/// likelihood contribution is exactly 0: they carry no information yet).
///
/// Errors: mismatched lengths, a non-finite amount, or no purchase on or before `end`.
pub fn summary_from_transactions(
    customer: &[u32],
    time: &[i64],
    amount: &[f64],
    end: i64,
    unit: TimeUnit,
) -> Result<CustomerSummary, SummaryError> {
    let end_day = day_of(end);
    let p = purchase_days(customer, time, amount, end_day)?;
    if p.len() == 0 {
        return Err(SummaryError::NoCustomers);
    }
    Ok(summarise(&p, end_day, unit))
}

/// The purchase lines of `lines` ([`Convention::Net`]: every purchase line) of known customers
/// as `(customer, time, amount)` columns, merged per order and time and sorted by customer then
/// time ([`Orders::purchase_columns`]). Returns are left out: they neither create nor cancel a
/// purchase period. Guest lines (customer [`NO_CUSTOMER`](crate::model::NO_CUSTOMER)) are left
/// out too: a guest has no purchase history to model.
pub fn purchase_columns(lines: &LineItems) -> (Vec<u32>, Vec<i64>, Vec<f64>) {
    Orders::without_detail(lines, Convention::Net).purchase_columns()
}

/// [`summary_from_transactions`] over the purchase lines of a [`LineItems`] store. `end`
/// defaults to the last purchase line's time.
pub fn summary_from_lines(
    lines: &LineItems,
    end: Option<i64>,
    unit: TimeUnit,
) -> Result<CustomerSummary, SummaryError> {
    summary_from_orders(&Orders::without_detail(lines, Convention::Net), end, unit)
}

/// The summary of an order timeline's purchase lines. `end` defaults to the last purchase
/// line's time.
pub fn summary_from_orders(orders: &Orders, end: Option<i64>, unit: TimeUnit) -> Result<CustomerSummary, SummaryError> {
    let last = (0..orders.len()).filter(|&e| orders.kind[e] == OrderKind::Purchase).map(|e| orders.time[e]).max();
    let end = end.or(last).ok_or(SummaryError::NoCustomers)?;
    let end_day = day_of(end);
    let p = order_days(orders, end_day)?;
    if p.len() == 0 {
        return Err(SummaryError::NoCustomers);
    }
    Ok(summarise(&p, end_day, unit))
}

/// A calibration summary plus what each of its customers did in the holdout period, as
/// lifetimes' `calibration_and_holdout_data` gives it, and the raw repeat days needed for the
/// tracking chart.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CalibrationHoldout {
    /// Summary over the lines on or before the calibration end day (customers first seen in the
    /// holdout are not in it: they were not yet customers when the models were fitted).
    pub calibration: CustomerSummary,
    /// Distinct purchase days of each calibration customer in the holdout
    /// (calibration end day, observation end day].
    pub holdout_frequency: Vec<f64>,
    /// Mean day sum over those holdout days (0 when none). lifetimes averages raw lines here;
    /// Clientele averages the merged days, consistently with the calibration monetary.
    pub holdout_monetary: Vec<f64>,
    /// (observation end day − calibration end day) / unit.
    pub holdout_duration: f64,
    pub calibration_end_day: i64,
    pub observation_end_day: i64,
    /// Every repeat purchase day of the calibration customers, in both periods, sorted.
    pub repeat_days: Vec<i64>,
}

/// Splits a transaction log at `calibration_end` (inclusive day) and summarises both periods up
/// to `observation_end` (inclusive day). Every line given is a purchase.
pub fn calibration_holdout(
    customer: &[u32],
    time: &[i64],
    amount: &[f64],
    calibration_end: i64,
    observation_end: i64,
    unit: TimeUnit,
) -> Result<CalibrationHoldout, SummaryError> {
    let (cal_day, obs_day) = split_days(calibration_end, observation_end)?;
    let all = purchase_days(customer, time, amount, obs_day)?;
    split(&all, cal_day, obs_day, unit)
}

/// [`calibration_holdout`] over an order timeline's purchase lines.
pub fn calibration_holdout_from_orders(
    orders: &Orders,
    calibration_end: i64,
    observation_end: i64,
    unit: TimeUnit,
) -> Result<CalibrationHoldout, SummaryError> {
    let (cal_day, obs_day) = split_days(calibration_end, observation_end)?;
    let all = order_days(orders, obs_day)?;
    split(&all, cal_day, obs_day, unit)
}

/// The calibration and observation end days; the observation must not end first.
fn split_days(calibration_end: i64, observation_end: i64) -> Result<(i64, i64), SummaryError> {
    let (cal_day, obs_day) = (day_of(calibration_end), day_of(observation_end));
    if obs_day < cal_day {
        return Err(SummaryError::BadSplit);
    }
    Ok((cal_day, obs_day))
}

fn split(all: &PurchaseDays, cal_day: i64, obs_day: i64, unit: TimeUnit) -> Result<CalibrationHoldout, SummaryError> {
    let mut cal = PurchaseDays::default();
    for k in 0..all.len() {
        for j in all.range(k) {
            if all.day[j] <= cal_day {
                cal.push(all.customer[k], all.day[j], all.sum[j]);
            }
        }
    }
    if cal.len() == 0 {
        return Err(SummaryError::NoCustomers);
    }
    let calibration = summarise(&cal, cal_day, unit);
    let mut holdout_frequency = Vec::with_capacity(cal.len());
    let mut holdout_monetary = Vec::with_capacity(cal.len());
    let mut repeat_days = Vec::new();
    for k in (0..all.len()).filter(|&k| all.day[all.range(k).start] <= cal_day) {
        let r = all.range(k);
        let (mut held, mut sum) = (0usize, crate::num::Sum::default());
        for j in r.clone().filter(|&j| all.day[j] > cal_day) {
            held += 1;
            sum.add(all.sum[j]);
        }
        holdout_frequency.push(held as f64);
        holdout_monetary.push(if held == 0 { 0.0 } else { sum.value() / held as f64 });
        repeat_days.extend_from_slice(&all.day[r.start + 1..r.end]);
    }
    sort::sort_total(&mut repeat_days);
    Ok(CalibrationHoldout {
        calibration,
        holdout_frequency,
        holdout_monetary,
        holdout_duration: (obs_day - cal_day) as f64 / unit.days(),
        calibration_end_day: cal_day,
        observation_end_day: obs_day,
        repeat_days,
    })
}
