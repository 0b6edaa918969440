//! Parameters, linfa-style: plain unchecked structs with builder methods, validated by `check()`
//! into the `Valid…` structs the algorithms take.

use serde::{Deserialize, Serialize};

use super::BasketError;

/// A minimum support: a share of the baskets (or customers), or an absolute count.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum MinSupport {
    /// A share in (0, 1]: the count needed is `ceil(share × N)`.
    Share(f64),
    /// An absolute count ≥ 1.
    Count(u32),
}

impl MinSupport {
    /// The minimum count for `n` baskets: `ceil(share × n)`, at least 1. A product within 1e-9
    /// (relative) of an integer is taken as that integer, so binary residues do not add one.
    pub fn min_count(self, n: usize) -> u32 {
        match self {
            MinSupport::Count(c) => c.max(1),
            MinSupport::Share(s) => {
                let x = s * n as f64;
                let r = x.round();
                let c = if (x - r).abs() <= 1e-9 * r.max(1.0) { r } else { x.ceil() };
                (c.max(1.0).min(u32::MAX as f64)) as u32
            }
        }
    }

    fn check(self, name: &'static str) -> Result<(), BasketError> {
        match self {
            MinSupport::Share(s) if !(s > 0.0 && s <= 1.0) => Err(BasketError::InvalidParameter {
                name,
                expected: "a share in (0, 1] or a count of at least 1",
                value: s.to_string(),
            }),
            MinSupport::Count(0) => Err(BasketError::InvalidParameter {
                name,
                expected: "a share in (0, 1] or a count of at least 1",
                value: "0".into(),
            }),
            _ => Ok(()),
        }
    }
}

/// Which frequent itemsets to report.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Target {
    /// Every frequent itemset.
    #[default]
    All,
    /// Itemsets with no superset of the same support (among the itemsets mined, so within
    /// `max_len`).
    Closed,
    /// Itemsets with no frequent superset (among the itemsets mined, so within `max_len`).
    Maximal,
}

/// FP-growth settings (unchecked).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FpGrowthParams {
    pub min_support: MinSupport,
    /// Longest itemset mined; `None` for no limit.
    pub max_len: Option<usize>,
    pub target: Target,
    /// Refuse to produce more itemsets than this (an explosion guard); default 2,000,000.
    /// Checked as itemsets are found, and before a single path's combinations are enumerated.
    pub max_itemsets: usize,
    /// Count the itemsets first without storing any, and refuse before mining when the count
    /// passes `max_itemsets` (costs a second pass over the tree; default off).
    pub estimate_first: bool,
}

impl Default for FpGrowthParams {
    fn default() -> Self {
        FpGrowthParams {
            min_support: MinSupport::Share(0.01),
            max_len: None,
            target: Target::All,
            max_itemsets: 2_000_000,
            estimate_first: false,
        }
    }
}

impl FpGrowthParams {
    /// Settings with this minimum support share, everything else default.
    pub fn new(min_support: f64) -> Self {
        FpGrowthParams { min_support: MinSupport::Share(min_support), ..Default::default() }
    }
    pub fn min_support(mut self, s: MinSupport) -> Self {
        self.min_support = s;
        self
    }
    pub fn max_len(mut self, n: Option<usize>) -> Self {
        self.max_len = n;
        self
    }
    pub fn target(mut self, t: Target) -> Self {
        self.target = t;
        self
    }
    pub fn max_itemsets(mut self, cap: usize) -> Self {
        self.max_itemsets = cap;
        self
    }
    pub fn estimate_first(mut self, v: bool) -> Self {
        self.estimate_first = v;
        self
    }
    /// Validates the settings.
    pub fn check(self) -> Result<ValidFpGrowthParams, BasketError> {
        self.min_support.check("min_support")?;
        if self.max_len == Some(0) {
            return Err(BasketError::InvalidParameter { name: "max_len", expected: "at least 1", value: "0".into() });
        }
        if self.max_itemsets == 0 {
            return Err(BasketError::InvalidParameter {
                name: "max_itemsets",
                expected: "at least 1",
                value: "0".into(),
            });
        }
        Ok(ValidFpGrowthParams(self))
    }
}

/// Checked FP-growth settings.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ValidFpGrowthParams(FpGrowthParams);

impl ValidFpGrowthParams {
    pub fn min_support(&self) -> MinSupport {
        self.0.min_support
    }
    pub fn max_len(&self) -> Option<usize> {
        self.0.max_len
    }
    pub fn target(&self) -> Target {
        self.0.target
    }
    pub fn max_itemsets(&self) -> usize {
        self.0.max_itemsets
    }
    pub fn estimate_first(&self) -> bool {
        self.0.estimate_first
    }
}

/// The primary sort key of a rule list (descending). Ties are broken by lift, confidence,
/// support, shorter antecedent, then antecedent and consequent item ids (name order), so the order
/// is total and deterministic.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RuleSort {
    #[default]
    Lift,
    Confidence,
    Support,
    Leverage,
    Conviction,
}

/// Association rule settings (unchecked).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RuleParams {
    /// Minimum confidence, inclusive, in [0, 1].
    pub min_confidence: f64,
    /// Minimum lift, inclusive; 0 keeps all.
    pub min_lift: f64,
    /// Allow consequents of more than one item (mlxtend); default one item (arules).
    pub multi_consequent: bool,
    /// Keep only rules whose antecedent contains at least one of these item names.
    pub antecedent_any: Vec<String>,
    /// Keep only rules whose consequent contains at least one of these item names.
    pub consequent_any: Vec<String>,
    /// Drop a rule when a rule with the same consequent and a smaller non-empty antecedent has at
    /// least its confidence.
    pub prune_redundant: bool,
    pub sort: RuleSort,
    /// Refuse to produce more rules than this; default 10,000,000.
    pub max_rules: usize,
    /// Refuse rules whose memory ([`rule_bytes`](super::rules::rule_bytes) each: about 150
    /// bytes for a pair) would pass this many bytes; default 512 MiB (about 3.5 M pair rules).
    /// Both caps are checked before any rule is built: when the bound from the itemsets'
    /// lengths passes either, the rules are first counted without being kept.
    #[serde(default = "default_max_rules_bytes")]
    pub max_rules_bytes: usize,
}

fn default_max_rules_bytes() -> usize {
    512 << 20
}

impl Default for RuleParams {
    fn default() -> Self {
        RuleParams {
            min_confidence: 0.5,
            min_lift: 0.0,
            multi_consequent: false,
            antecedent_any: Vec::new(),
            consequent_any: Vec::new(),
            prune_redundant: false,
            sort: RuleSort::Lift,
            max_rules: 10_000_000,
            max_rules_bytes: default_max_rules_bytes(),
        }
    }
}

impl RuleParams {
    /// Settings with this minimum confidence, everything else default.
    pub fn new(min_confidence: f64) -> Self {
        RuleParams { min_confidence, ..Default::default() }
    }
    pub fn min_lift(mut self, v: f64) -> Self {
        self.min_lift = v;
        self
    }
    pub fn multi_consequent(mut self, v: bool) -> Self {
        self.multi_consequent = v;
        self
    }
    pub fn antecedent_any(mut self, items: Vec<String>) -> Self {
        self.antecedent_any = items;
        self
    }
    pub fn consequent_any(mut self, items: Vec<String>) -> Self {
        self.consequent_any = items;
        self
    }
    pub fn prune_redundant(mut self, v: bool) -> Self {
        self.prune_redundant = v;
        self
    }
    pub fn sort(mut self, s: RuleSort) -> Self {
        self.sort = s;
        self
    }
    pub fn max_rules(mut self, cap: usize) -> Self {
        self.max_rules = cap;
        self
    }
    pub fn max_rules_bytes(mut self, cap: usize) -> Self {
        self.max_rules_bytes = cap;
        self
    }
    /// Validates the settings.
    pub fn check(self) -> Result<ValidRuleParams, BasketError> {
        if !(0.0..=1.0).contains(&self.min_confidence) {
            return Err(BasketError::InvalidParameter {
                name: "min_confidence",
                expected: "in [0, 1]",
                value: self.min_confidence.to_string(),
            });
        }
        if !(self.min_lift >= 0.0 && self.min_lift.is_finite()) {
            return Err(BasketError::InvalidParameter {
                name: "min_lift",
                expected: "a finite number ≥ 0",
                value: self.min_lift.to_string(),
            });
        }
        if self.max_rules == 0 {
            return Err(BasketError::InvalidParameter { name: "max_rules", expected: "at least 1", value: "0".into() });
        }
        if self.max_rules_bytes == 0 {
            return Err(BasketError::InvalidParameter {
                name: "max_rules_bytes",
                expected: "at least 1",
                value: "0".into(),
            });
        }
        Ok(ValidRuleParams(self))
    }
}

/// Checked rule settings.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ValidRuleParams(RuleParams);

impl std::ops::Deref for ValidRuleParams {
    type Target = RuleParams;
    fn deref(&self) -> &RuleParams {
        &self.0
    }
}

/// cSPADE settings (unchecked), times in days.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SequenceParams {
    /// Minimum support, over customers (sequences).
    pub min_support: MinSupport,
    /// Minimum days between consecutive elements (default 1: strictly later days).
    pub mingap: u32,
    /// Maximum days between consecutive elements; `None` for no limit.
    pub maxgap: Option<u32>,
    /// Maximum days between the first and the last element; `None` for no limit.
    pub maxwin: Option<u32>,
    /// Maximum items in one element (cspade default 10).
    pub maxsize: usize,
    /// Maximum elements in a sequence (cspade default 10).
    pub maxlen: usize,
    /// Refuse to produce more patterns than this; default 2,000,000.
    pub max_patterns: usize,
}

impl Default for SequenceParams {
    fn default() -> Self {
        SequenceParams {
            min_support: MinSupport::Share(0.1),
            mingap: 1,
            maxgap: None,
            maxwin: None,
            maxsize: 10,
            maxlen: 10,
            max_patterns: 2_000_000,
        }
    }
}

impl SequenceParams {
    /// Settings with this minimum support share, everything else default.
    pub fn new(min_support: f64) -> Self {
        SequenceParams { min_support: MinSupport::Share(min_support), ..Default::default() }
    }
    pub fn mingap(mut self, days: u32) -> Self {
        self.mingap = days;
        self
    }
    pub fn maxgap(mut self, days: Option<u32>) -> Self {
        self.maxgap = days;
        self
    }
    pub fn maxwin(mut self, days: Option<u32>) -> Self {
        self.maxwin = days;
        self
    }
    pub fn maxsize(mut self, n: usize) -> Self {
        self.maxsize = n;
        self
    }
    pub fn maxlen(mut self, n: usize) -> Self {
        self.maxlen = n;
        self
    }
    pub fn max_patterns(mut self, cap: usize) -> Self {
        self.max_patterns = cap;
        self
    }
    /// Validates the settings.
    pub fn check(self) -> Result<ValidSequenceParams, BasketError> {
        self.min_support.check("min_support")?;
        if self.mingap == 0 {
            return Err(BasketError::InvalidParameter {
                name: "mingap",
                expected: "at least 1 day",
                value: "0".into(),
            });
        }
        if let Some(g) = self.maxgap {
            if g < self.mingap {
                return Err(BasketError::InvalidParameter {
                    name: "maxgap",
                    expected: "at least mingap",
                    value: g.to_string(),
                });
            }
        }
        for (name, v) in [("maxsize", self.maxsize), ("maxlen", self.maxlen), ("max_patterns", self.max_patterns)] {
            if v == 0 {
                return Err(BasketError::InvalidParameter { name, expected: "at least 1", value: "0".into() });
            }
        }
        Ok(ValidSequenceParams(self))
    }
}

/// Checked cSPADE settings.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ValidSequenceParams(SequenceParams);

impl std::ops::Deref for ValidSequenceParams {
    type Target = SequenceParams;
    fn deref(&self) -> &SequenceParams {
        &self.0
    }
}

/// Recommendation settings (unchecked).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RecommendParams {
    /// Products per customer.
    pub top_n: usize,
    /// A sequence rule applies only while its window is open: the customer's last matching
    /// antecedent element is at most `maxgap` days before the last day in the data (when the
    /// rules were mined with a maxgap).
    pub respect_window: bool,
}

impl Default for RecommendParams {
    fn default() -> Self {
        RecommendParams { top_n: 5, respect_window: true }
    }
}

impl RecommendParams {
    /// Validates the settings.
    pub fn check(self) -> Result<ValidRecommendParams, BasketError> {
        if self.top_n == 0 {
            return Err(BasketError::InvalidParameter { name: "top_n", expected: "at least 1", value: "0".into() });
        }
        Ok(ValidRecommendParams(self))
    }
}

/// Checked recommendation settings.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ValidRecommendParams(RecommendParams);

impl std::ops::Deref for ValidRecommendParams {
    type Target = RecommendParams;
    fn deref(&self) -> &RecommendParams {
        &self.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn min_count_is_ceil_without_float_residue() {
        assert_eq!(MinSupport::Share(0.001).min_count(9835), 10);
        assert_eq!(MinSupport::Share(0.01).min_count(18532), 186);
        assert_eq!(MinSupport::Share(0.1).min_count(30), 3);
        assert_eq!(MinSupport::Share(0.6).min_count(5), 3);
        assert_eq!(MinSupport::Share(0.4).min_count(4), 2);
        assert_eq!(MinSupport::Share(1e-9).min_count(10), 1);
        assert_eq!(MinSupport::Count(7).min_count(10), 7);
    }

    #[test]
    fn invalid_parameters_are_refused() {
        assert!(FpGrowthParams::new(0.0).check().is_err());
        assert!(FpGrowthParams::new(1.5).check().is_err());
        assert!(FpGrowthParams::new(f64::NAN).check().is_err());
        assert!(FpGrowthParams::new(0.1).max_len(Some(0)).check().is_err());
        assert!(RuleParams::new(1.1).check().is_err());
        assert!(SequenceParams::new(0.4).maxgap(Some(0)).check().is_err());
        assert_eq!(FpGrowthParams::new(0.1).check().map(|p| p.max_len()), Ok(None));
    }
}
