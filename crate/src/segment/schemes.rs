//! Named-segment schemes over RFM scores: the 11-segment map of the 125 score cells, the
//! Chinese 8-class scheme, user-defined range rules (checked), and the R×F heatmap.

use serde::{Deserialize, Serialize};

use super::facts::CustomerFacts;

/// The 11 named segments and their cells (R, F, M scores written as a 3-digit number). Every one
/// of the 125 cells is in exactly one segment (see the tests). This is the default map; the
/// widely copied range table for the same names leaves 4 segments unreachable under first match.
pub const NAMED_SEGMENTS: [(&str, &[u16]); 11] = [
    ("champions", &[555, 554, 544, 545, 454, 455, 445]),
    ("loyal", &[543, 444, 435, 355, 354, 345, 344, 335]),
    (
        "potential_loyalist",
        &[
            553, 551, 552, 541, 542, 533, 532, 531, 452, 451, 442, 441, 431, 453, 433, 432, 423, 353, 352, 351, 342,
            341, 333, 323,
        ],
    ),
    ("new_customers", &[512, 511, 422, 421, 412, 411, 311]),
    ("promising", &[525, 524, 523, 522, 521, 515, 514, 513, 425, 424, 413, 414, 415, 315, 314, 313]),
    ("need_attention", &[535, 534, 443, 434, 343, 334, 325, 324]),
    ("about_to_sleep", &[331, 321, 312, 221, 213, 231, 241, 251]),
    (
        "at_risk",
        &[255, 254, 245, 244, 253, 252, 243, 242, 235, 234, 225, 224, 153, 152, 145, 143, 142, 135, 134, 133, 125, 124],
    ),
    ("cannot_lose_them", &[155, 154, 144, 214, 215, 115, 114, 113]),
    ("hibernating", &[332, 322, 233, 232, 223, 222, 132, 123, 122, 212, 211]),
    ("lost", &[111, 112, 121, 131, 141, 151]),
];

/// Index 0..125 of a score cell.
pub fn cell_index(r: u8, f: u8, m: u8) -> usize {
    usize::from(r - 1) * 25 + usize::from(f - 1) * 5 + usize::from(m - 1)
}

/// The cell written as RFM digits (`cell_code(5,5,4) == 554`).
pub fn cell_code(r: u8, f: u8, m: u8) -> u16 {
    u16::from(r) * 100 + u16::from(f) * 10 + u16::from(m)
}

/// For each of the 125 cells, the index of its named segment in [`NAMED_SEGMENTS`]
/// (`u8::MAX` if a cell had none, which the tests prove never happens).
pub fn named_map() -> [u8; 125] {
    let mut map = [u8::MAX; 125];
    for (s, (_, cells)) in NAMED_SEGMENTS.iter().enumerate() {
        for &c in *cells {
            let (r, f, m) = ((c / 100) as u8, (c / 10 % 10) as u8, (c % 10) as u8);
            map[cell_index(r, f, m)] = s as u8;
        }
    }
    map
}

/// The 8-class keys, index = [`eight_class`]: bit 2 set = M below its mean, bit 1 = R worse
/// than its mean, bit 0 = F below its mean; so the "important" (M high) classes come first.
pub const EIGHT_CLASSES: [&str; 8] = [
    "important_value",       // 重要价值客户: R↑ F↑ M↑
    "important_development", // 重要发展客户: R↑ F↓ M↑
    "important_retention",   // 重要保持客户: R↓ F↑ M↑
    "important_win_back",    // 重要挽留客户: R↓ F↓ M↑
    "general_value",         // 一般价值客户: R↑ F↑ M↓
    "general_development",   // 一般发展客户: R↑ F↓ M↓
    "general_retention",     // 一般保持客户: R↓ F↑ M↓
    "general_win_back",      // 一般挽留客户: R↓ F↓ M↓
];

/// What the 8-class scheme compares with the means.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum EightClassBasis {
    /// Raw recency days, orders and monetary against their means (the default).
    #[default]
    Values,
    /// The 1-5 scores against the mean score.
    Scores,
}

/// The 8-class index of a customer: `high_r` means recency at or below the mean (recent),
/// `high_f` / `high_m` at or above the mean.
pub fn eight_class(high_r: bool, high_f: bool, high_m: bool) -> u8 {
    (u8::from(!high_m) << 2) | (u8::from(!high_r) << 1) | u8::from(!high_f)
}

/// The means the 8-class scheme compared with.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct EightClassMeans {
    pub basis: EightClassBasis,
    pub recency: f64,
    pub frequency: f64,
    pub monetary: f64,
}

/// Assigns the 8 classes. `r, f, m` are the scores (used with [`EightClassBasis::Scores`]).
pub fn eight_classes(
    facts: &[CustomerFacts],
    scores: (&[u8], &[u8], &[u8]),
    basis: EightClassBasis,
) -> (Vec<u8>, EightClassMeans) {
    let n = facts.len().max(1) as f64;
    let vals = |i: usize| -> (f64, f64, f64) {
        match basis {
            EightClassBasis::Values => {
                let f = &facts[i];
                (f64::from(f.recency_days), f64::from(f.orders), f.monetary)
            }
            EightClassBasis::Scores => (f64::from(scores.0[i]), f64::from(scores.1[i]), f64::from(scores.2[i])),
        }
    };
    let (mut sr, mut sf, mut sm) = (0.0, 0.0, 0.0);
    for i in 0..facts.len() {
        let (r, f, m) = vals(i);
        sr += r;
        sf += f;
        sm += m;
    }
    let means = EightClassMeans { basis, recency: sr / n, frequency: sf / n, monetary: sm / n };
    let labels = (0..facts.len())
        .map(|i| {
            let (r, f, m) = vals(i);
            let high_r = match basis {
                // Fewer days is better; a higher R score is better.
                EightClassBasis::Values => r <= means.recency,
                EightClassBasis::Scores => r >= means.recency,
            };
            eight_class(high_r, f >= means.frequency, m >= means.monetary)
        })
        .collect();
    (labels, means)
}

/// A user-defined segment: inclusive score ranges `[lo, hi]` on R, F and M. Rules apply in
/// order; a customer takes the first rule whose ranges hold all three scores.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RangeRule {
    pub name: String,
    pub r: [u8; 2],
    pub f: [u8; 2],
    pub m: [u8; 2],
}

impl RangeRule {
    /// Whether the rule holds the cell.
    pub fn holds(&self, r: u8, f: u8, m: u8) -> bool {
        (self.r[0]..=self.r[1]).contains(&r)
            && (self.f[0]..=self.f[1]).contains(&f)
            && (self.m[0]..=self.m[1]).contains(&m)
    }
}

/// Two rules that share cells: `later` never gets those cells.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Overlap {
    pub earlier: String,
    pub later: String,
    /// The shared cells as RFM digits, ascending.
    pub cells: Vec<u16>,
}

/// The check of a rule list over the 125 cells.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct RuleCheck {
    /// Rules whose ranges are empty or outside 1-5.
    pub invalid: Vec<String>,
    pub overlaps: Vec<Overlap>,
    /// Rules that no cell reaches under first match.
    pub unreachable: Vec<String>,
    /// Cells no rule holds (their customers are "other"), as RFM digits.
    pub uncovered: Vec<u16>,
    /// For each cell (index [`cell_index`]), the rule it goes to (`None` = other).
    #[serde(skip)]
    pub map: Vec<Option<u8>>,
}

/// Checks `rules` for invalid ranges, overlaps, unreachable rules and uncovered cells, and
/// builds the first-match map.
pub fn check_rules(rules: &[RangeRule]) -> RuleCheck {
    let valid = |x: [u8; 2]| (1..=5).contains(&x[0]) && (1..=5).contains(&x[1]) && x[0] <= x[1];
    let invalid = rules.iter().filter(|r| !(valid(r.r) && valid(r.f) && valid(r.m))).map(|r| r.name.clone()).collect();
    let mut map = vec![None; 125];
    let mut reached = vec![false; rules.len()];
    let mut uncovered = Vec::new();
    let mut overlaps: Vec<Overlap> = Vec::new();
    for r in 1..=5 {
        for f in 1..=5 {
            for m in 1..=5 {
                let holders: Vec<usize> = (0..rules.len().min(255)).filter(|&k| rules[k].holds(r, f, m)).collect();
                match holders.first() {
                    Some(&k) => {
                        map[cell_index(r, f, m)] = Some(k as u8);
                        reached[k] = true;
                    }
                    None => uncovered.push(cell_code(r, f, m)),
                }
                for (a, &i) in holders.iter().enumerate() {
                    for &j in &holders[a + 1..] {
                        let (e, l) = (&rules[i].name, &rules[j].name);
                        match overlaps.iter_mut().find(|o| &o.earlier == e && &o.later == l) {
                            Some(o) => o.cells.push(cell_code(r, f, m)),
                            None => overlaps.push(Overlap {
                                earlier: e.clone(),
                                later: l.clone(),
                                cells: vec![cell_code(r, f, m)],
                            }),
                        }
                    }
                }
            }
        }
    }
    let unreachable = rules.iter().zip(&reached).filter(|(_, &r)| !r).map(|(r, _)| r.name.clone()).collect();
    RuleCheck { invalid, overlaps, unreachable, uncovered, map }
}

/// The range table widely copied for the 11 names (first match). It leaves New Customers,
/// Promising, Cannot Lose Them and Lost unreachable; kept as an example of what the rule check
/// catches, never as a default.
pub fn copied_range_table() -> Vec<RangeRule> {
    let rule = |name: &str, r: [u8; 2], f: [u8; 2], m: [u8; 2]| RangeRule { name: name.to_owned(), r, f, m };
    vec![
        rule("champions", [4, 5], [4, 5], [4, 5]),
        rule("loyal", [2, 5], [3, 5], [3, 5]),
        rule("potential_loyalist", [3, 5], [1, 3], [1, 3]),
        rule("new_customers", [4, 5], [1, 1], [1, 1]),
        rule("promising", [3, 4], [1, 1], [1, 1]),
        rule("need_attention", [2, 3], [2, 3], [2, 3]),
        rule("about_to_sleep", [2, 3], [1, 2], [1, 2]),
        rule("at_risk", [1, 2], [2, 5], [2, 5]),
        rule("cannot_lose_them", [1, 1], [4, 5], [4, 5]),
        rule("hibernating", [1, 2], [1, 2], [1, 2]),
        rule("lost", [1, 2], [1, 2], [1, 2]),
    ]
}

/// One cell of the R×F heatmap.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct HeatCell {
    pub r: u8,
    pub f: u8,
    pub customers: u64,
    /// Mean monetary of the cell's customers (0 when empty).
    pub mean_monetary: f64,
}

/// The 25 R×F cells, R = 1 first, then F = 1 first.
pub fn rf_heatmap(facts: &[CustomerFacts], r: &[u8], f: &[u8]) -> Vec<HeatCell> {
    let mut count = [0u64; 25];
    let mut sum = [0.0f64; 25];
    for i in 0..facts.len() {
        let k = usize::from(r[i] - 1) * 5 + usize::from(f[i] - 1);
        count[k] += 1;
        sum[k] += facts[i].monetary;
    }
    (0..25)
        .map(|k| HeatCell {
            r: (k / 5 + 1) as u8,
            f: (k % 5 + 1) as u8,
            customers: count[k],
            mean_monetary: if count[k] > 0 { sum[k] / count[k] as f64 } else { 0.0 },
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn eight_class_index_matches_names() {
        assert_eq!(EIGHT_CLASSES[usize::from(eight_class(true, true, true))], "important_value");
        assert_eq!(EIGHT_CLASSES[usize::from(eight_class(true, false, true))], "important_development");
        assert_eq!(EIGHT_CLASSES[usize::from(eight_class(false, true, true))], "important_retention");
        assert_eq!(EIGHT_CLASSES[usize::from(eight_class(false, false, true))], "important_win_back");
        assert_eq!(EIGHT_CLASSES[usize::from(eight_class(true, true, false))], "general_value");
        assert_eq!(EIGHT_CLASSES[usize::from(eight_class(true, false, false))], "general_development");
        assert_eq!(EIGHT_CLASSES[usize::from(eight_class(false, true, false))], "general_retention");
        assert_eq!(EIGHT_CLASSES[usize::from(eight_class(false, false, false))], "general_win_back");
    }
}
