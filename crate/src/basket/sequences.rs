//! Sequential patterns per customer with arulesSequences' `cspade` semantics, times in days.
//!
//! A customer's sequence is their baskets grouped by day (baskets of one day merge into one
//! event) in time order. A pattern `⟨E1, E2, …⟩` of itemsets occurs in a sequence when there are
//! events at days `t1 < t2 < …` with `Ei ⊆ event(ti)`, `mingap ≤ t(i+1) − ti ≤ maxgap` and
//! `t_last − t1 ≤ maxwin`. Support is the share of customers in whose sequence the pattern
//! occurs. Mining is SPADE-style depth-first search over id-lists `(customer, end day, latest
//! start day)` with equivalence-class candidate pruning (dropped for sequence extensions when a
//! maxgap is set, where it would be unsound).

use rustc_hash::FxHashMap;
use serde::Serialize;

use super::params::ValidSequenceParams;
use super::{no_progress, BasketError, Phase, Progress, ProgressFn, Transactions};

/// Customers' day-events, ready for sequence mining.
#[derive(Debug, Clone, PartialEq)]
pub struct Sequences {
    /// Item names by id (those of the source [`Transactions`]).
    pub items: Vec<String>,
    /// Customer names by sequence index.
    pub customers: Vec<String>,
    seq_offsets: Vec<u32>,
    event_day: Vec<i32>,
    event_offsets: Vec<u32>,
    event_items: Vec<u32>,
}

impl Sequences {
    /// Groups baskets by customer and day. Needs baskets that know their customer and day
    /// ([`Transactions::from_lines`]); customers are kept in the transactions' order.
    pub fn from_transactions(tx: &Transactions) -> Result<Sequences, BasketError> {
        let (Some(customer), Some(day)) = (tx.customer.as_ref(), tx.day.as_ref()) else {
            return Err(BasketError::NotAvailable { what: "customer and date of each basket" });
        };
        let mut order: Vec<u32> = (0..tx.len() as u32).collect();
        order.sort_unstable_by_key(|&b| (customer[b as usize], day[b as usize], b));
        let mut s = Sequences {
            items: tx.items.clone(),
            customers: tx.customers.clone(),
            seq_offsets: vec![0],
            event_day: Vec::new(),
            event_offsets: vec![0],
            event_items: Vec::new(),
        };
        let mut i = 0;
        let mut seq_next = 0u32;
        while i < order.len() {
            let c = customer[order[i] as usize];
            // Customers without baskets (none here) still get an empty sequence.
            while seq_next < c {
                s.seq_offsets.push(s.event_day.len() as u32);
                seq_next += 1;
            }
            while i < order.len() && customer[order[i] as usize] == c {
                let d = day[order[i] as usize];
                let start = s.event_items.len();
                while i < order.len() && customer[order[i] as usize] == c && day[order[i] as usize] == d {
                    s.event_items.extend_from_slice(tx.basket(order[i] as usize));
                    i += 1;
                }
                s.event_items[start..].sort_unstable();
                let mut w = start;
                for r in start..s.event_items.len() {
                    if r == start || s.event_items[r] != s.event_items[w - 1] {
                        s.event_items[w] = s.event_items[r];
                        w += 1;
                    }
                }
                s.event_items.truncate(w);
                if w > start {
                    s.event_day.push(d);
                    s.event_offsets.push(w as u32);
                }
            }
            s.seq_offsets.push(s.event_day.len() as u32);
            seq_next = c + 1;
        }
        while (seq_next as usize) < s.customers.len() {
            s.seq_offsets.push(s.event_day.len() as u32);
            seq_next += 1;
        }
        Ok(s)
    }

    /// Sequences from `(customer, day, items)` events, as in arulesSequences' examples.
    ///
    /// ```
    /// use clientele::basket::Sequences;
    /// let s = Sequences::from_events(&[("1", 10, vec!["C", "D"]), ("1", 15, vec!["A"]), ("2", 15, vec!["A"])]);
    /// assert_eq!(s.len(), 2);
    /// ```
    pub fn from_events<S: AsRef<str>>(events: &[(&str, i32, Vec<S>)]) -> Sequences {
        let baskets: Vec<Vec<&str>> = events.iter().map(|e| e.2.iter().map(AsRef::as_ref).collect()).collect();
        let mut tx = Transactions::from_baskets(&baskets);
        let mut ids: FxHashMap<&str, u32> = FxHashMap::default();
        let mut customers = Vec::new();
        let customer = events
            .iter()
            .map(|e| {
                *ids.entry(e.0).or_insert_with(|| {
                    customers.push(e.0.to_owned());
                    customers.len() as u32 - 1
                })
            })
            .collect();
        tx.customer = Some(customer);
        tx.day = Some(events.iter().map(|e| e.1).collect());
        tx.customers = customers;
        match Sequences::from_transactions(&tx) {
            Ok(s) => s,
            Err(_) => unreachable!("customer and day are set"),
        }
    }

    /// Number of sequences (customers).
    pub fn len(&self) -> usize {
        self.seq_offsets.len() - 1
    }

    /// Whether there are no sequences.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The events of sequence `s`: `(day, sorted item ids)` in time order.
    pub fn events(&self, s: usize) -> impl Iterator<Item = (i32, &[u32])> + '_ {
        (self.seq_offsets[s] as usize..self.seq_offsets[s + 1] as usize).map(move |e| {
            (self.event_day[e], &self.event_items[self.event_offsets[e] as usize..self.event_offsets[e + 1] as usize])
        })
    }

    /// The last day in the data.
    pub fn last_day(&self) -> Option<i32> {
        self.event_day.iter().copied().max()
    }
}

/// A frequent sequential pattern: its elements (sorted item ids each), the customers whose
/// sequence contains it, and that count over the number of customers.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SequencePattern {
    pub elements: Vec<Vec<u32>>,
    pub count: u32,
    pub support: f64,
}

/// The result of [`cspade`]: patterns sorted by number of elements, number of items, then ids.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SequencePatterns {
    /// Number of sequences (customers).
    pub sequences: u32,
    pub min_count: u32,
    pub mingap: u32,
    pub maxgap: Option<u32>,
    pub maxwin: Option<u32>,
    pub patterns: Vec<SequencePattern>,
}

/// "A, then B": the pattern minus its last element, then the last element.
/// Confidence = support(pattern) / support(antecedent); lift = confidence / support(⟨consequent⟩).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SequenceRule {
    pub antecedent: Vec<Vec<u32>>,
    pub consequent: Vec<u32>,
    pub count: u32,
    pub support: f64,
    pub confidence: f64,
    pub lift: f64,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Occ {
    sid: u32,
    end: i32,
    start: i32,
}

struct Spade<'p, 'q> {
    /// Per item: `(sid, day)` occurrences, sorted.
    vert: Vec<Vec<(u32, i32)>>,
    min_count: u32,
    mingap: i64,
    maxgap: Option<i64>,
    maxwin: Option<i64>,
    maxsize: usize,
    maxlen: usize,
    cap: usize,
    n: f64,
    out: Vec<SequencePattern>,
    progress: &'p mut (dyn FnMut(Progress) -> bool + 'q),
    top_done: u64,
    top_total: u64,
}

fn support(list: &[Occ]) -> u32 {
    let mut c = 0;
    let mut last = u32::MAX;
    for o in list {
        if o.sid != last {
            c += 1;
            last = o.sid;
        }
    }
    c
}

impl Spade<'_, '_> {
    /// Sequence extension: a new element `{y}` after the pattern's last element.
    fn s_ext(&self, list: &[Occ], y: u32) -> Vec<Occ> {
        let ly = &self.vert[y as usize];
        let mut out = Vec::new();
        let (mut i, mut j) = (0, 0);
        let simple = self.maxgap.is_none() && self.maxwin.is_none();
        while i < list.len() && j < ly.len() {
            let (si, sj) = (list[i].sid, ly[j].0);
            if si < sj {
                i += 1;
                continue;
            }
            if sj < si {
                j += 1;
                continue;
            }
            let i1 = i + list[i..].iter().take_while(|o| o.sid == si).count();
            let j1 = j + ly[j..].iter().take_while(|o| o.0 == sj).count();
            if simple {
                // Only the earliest end matters.
                let first = list[i];
                for &(_, t) in &ly[j..j1] {
                    if t as i64 - first.end as i64 >= self.mingap {
                        out.push(Occ { sid: si, end: t, start: first.start });
                    }
                }
            } else {
                for &(_, t) in &ly[j..j1] {
                    let mut best: Option<i32> = None;
                    for e in &list[i..i1] {
                        let gap = t as i64 - e.end as i64;
                        if gap < self.mingap {
                            break;
                        }
                        if self.maxgap.is_some_and(|g| gap > g) {
                            continue;
                        }
                        if self.maxwin.is_some_and(|w| t as i64 - e.start as i64 > w) {
                            continue;
                        }
                        best = Some(best.map_or(e.start, |b| b.max(e.start)));
                    }
                    if let Some(start) = best {
                        out.push(Occ { sid: si, end: t, start });
                    }
                }
            }
            i = i1;
            j = j1;
        }
        out
    }

    /// Itemset extension: `y` joins the last element (same event).
    fn i_ext(&self, list: &[Occ], y: u32) -> Vec<Occ> {
        let ly = &self.vert[y as usize];
        let mut out = Vec::new();
        let (mut i, mut j) = (0, 0);
        while i < list.len() && j < ly.len() {
            let a = (list[i].sid, list[i].end);
            match a.cmp(&ly[j]) {
                std::cmp::Ordering::Less => i += 1,
                std::cmp::Ordering::Greater => j += 1,
                std::cmp::Ordering::Equal => {
                    out.push(list[i]);
                    i += 1;
                    j += 1;
                }
            }
        }
        out
    }

    fn emit(&mut self, elements: &[Vec<u32>], count: u32) -> Result<(), BasketError> {
        if self.out.len() >= self.cap {
            return Err(BasketError::TooManySequences { cap: self.cap, min_count: self.min_count });
        }
        self.out.push(SequencePattern { elements: elements.to_vec(), count, support: count as f64 / self.n });
        if self.out.len() % 16_384 == 0 {
            self.report()?;
        }
        Ok(())
    }

    fn report(&mut self) -> Result<(), BasketError> {
        let p = Progress { phase: Phase::Sequences, done: self.top_done, total: self.top_total, found: self.out.len() as u64 };
        if (self.progress)(p) {
            Ok(())
        } else {
            Err(BasketError::Cancelled)
        }
    }

    /// Extends `pattern` (with id-list `list`), trying sequence extensions from `s_cands` and
    /// itemset extensions from `i_cands`.
    fn grow(
        &mut self,
        pattern: &mut Vec<Vec<u32>>,
        list: &[Occ],
        s_cands: &[u32],
        i_cands: &[u32],
        all_items: &[u32],
    ) -> Result<(), BasketError> {
        let mut s_found: Vec<(u32, Vec<Occ>, u32)> = Vec::new();
        if pattern.len() < self.maxlen {
            for &y in s_cands {
                let l = self.s_ext(list, y);
                let c = support(&l);
                if c >= self.min_count {
                    s_found.push((y, l, c));
                }
            }
        }
        let mut i_found: Vec<(u32, Vec<Occ>, u32)> = Vec::new();
        let last_len = pattern.last().map_or(0, Vec::len);
        if last_len < self.maxsize {
            for &y in i_cands {
                let l = self.i_ext(list, y);
                let c = support(&l);
                if c >= self.min_count {
                    i_found.push((y, l, c));
                }
            }
        }
        let s_items: Vec<u32> = s_found.iter().map(|f| f.0).collect();
        let i_items: Vec<u32> = i_found.iter().map(|f| f.0).collect();
        for (y, l, c) in s_found {
            pattern.push(vec![y]);
            self.emit(pattern, c)?;
            // ⟨P, {y}, {z}⟩ contains ⟨P, {z}⟩ only when no maxgap can break it.
            let next_s: &[u32] = if self.maxgap.is_none() { &s_items } else { all_items };
            let next_i: Vec<u32> = s_items.iter().copied().filter(|&z| z > y).collect();
            self.grow(pattern, &l, next_s, &next_i, all_items)?;
            pattern.pop();
        }
        for (y, l, c) in i_found {
            if let Some(last) = pattern.last_mut() {
                last.push(y);
            }
            self.emit(pattern, c)?;
            let next_i: Vec<u32> = i_items.iter().copied().filter(|&z| z > y).collect();
            self.grow(pattern, &l, &s_items, &next_i, all_items)?;
            if let Some(last) = pattern.last_mut() {
                last.pop();
            }
        }
        Ok(())
    }
}

/// Mines frequent sequential patterns (see [`cspade_with_progress`]).
pub fn cspade(seqs: &Sequences, params: &ValidSequenceParams) -> Result<SequencePatterns, BasketError> {
    cspade_with_progress(seqs, params, &mut no_progress)
}

/// Mines frequent sequential patterns with cSPADE's constraints; the callback returns `false`
/// to cancel.
pub fn cspade_with_progress(
    seqs: &Sequences,
    params: &ValidSequenceParams,
    progress: ProgressFn<'_>,
) -> Result<SequencePatterns, BasketError> {
    let n = seqs.len();
    if n == 0 {
        return Err(BasketError::NoBaskets);
    }
    let min_count = params.min_support.min_count(n);
    let mut vert: Vec<Vec<(u32, i32)>> = vec![Vec::new(); seqs.items.len()];
    for s in 0..n {
        for (day, items) in seqs.events(s) {
            for &y in items {
                vert[y as usize].push((s as u32, day));
            }
        }
    }
    let frequent: Vec<u32> = (0..vert.len() as u32)
        .filter(|&y| {
            let l = &vert[y as usize];
            let mut c = 0u32;
            for (k, o) in l.iter().enumerate() {
                if k == 0 || l[k - 1].0 != o.0 {
                    c += 1;
                }
            }
            c >= min_count
        })
        .collect();
    // Items never frequent cannot appear anywhere: empty their lists.
    let mut keep = vec![false; vert.len()];
    for &y in &frequent {
        keep[y as usize] = true;
    }
    for (y, l) in vert.iter_mut().enumerate() {
        if !keep[y] {
            *l = Vec::new();
        }
    }
    let mut sp = Spade {
        vert,
        min_count,
        mingap: params.mingap as i64,
        maxgap: params.maxgap.map(i64::from),
        maxwin: params.maxwin.map(i64::from),
        maxsize: params.maxsize,
        maxlen: params.maxlen,
        cap: params.max_patterns,
        n: n as f64,
        out: Vec::new(),
        progress,
        top_done: 0,
        top_total: frequent.len() as u64,
    };
    for &y in &frequent {
        let list: Vec<Occ> = sp.vert[y as usize].iter().map(|&(sid, d)| Occ { sid, end: d, start: d }).collect();
        let c = support(&list);
        let mut pattern = vec![vec![y]];
        sp.emit(&pattern, c)?;
        let i_cands: Vec<u32> = frequent.iter().copied().filter(|&z| z > y).collect();
        sp.grow(&mut pattern, &list, &frequent, &i_cands, &frequent)?;
        sp.top_done += 1;
        sp.report()?;
    }
    let mut patterns = sp.out;
    patterns.sort_unstable_by(|a, b| {
        let size = |p: &SequencePattern| p.elements.iter().map(Vec::len).sum::<usize>();
        a.elements.len().cmp(&b.elements.len()).then(size(a).cmp(&size(b))).then_with(|| a.elements.cmp(&b.elements))
    });
    Ok(SequencePatterns {
        sequences: n as u32,
        min_count,
        mingap: params.mingap,
        maxgap: params.maxgap,
        maxwin: params.maxwin,
        patterns,
    })
}

/// Rules "antecedent, then consequent" from the patterns of two or more elements, as
/// arulesSequences' `ruleInduction`: the consequent is the last element. Keeps confidence ≥
/// `min_confidence` (inclusive, compared on counts) and sorts by lift, confidence, support, then
/// ids, descending / ascending.
pub fn sequence_rules(patterns: &SequencePatterns, min_confidence: f64) -> Vec<SequenceRule> {
    let index: FxHashMap<&[Vec<u32>], u32> = patterns.patterns.iter().map(|p| (p.elements.as_slice(), p.count)).collect();
    let n = patterns.sequences as f64;
    let mut out = Vec::new();
    for p in &patterns.patterns {
        let k = p.elements.len();
        if k < 2 {
            continue;
        }
        let ante = &p.elements[..k - 1];
        let cons = &p.elements[k - 1];
        let (Some(&ca), Some(&cc)) = (index.get(ante), index.get(std::slice::from_ref(cons))) else {
            continue;
        };
        if (p.count as f64 / ca as f64) < min_confidence {
            continue;
        }
        let confidence = (p.count as f64 / n) / (ca as f64 / n);
        out.push(SequenceRule {
            antecedent: ante.to_vec(),
            consequent: cons.clone(),
            count: p.count,
            support: p.support,
            confidence,
            lift: confidence / (cc as f64 / n),
        });
    }
    out.sort_unstable_by(|a, b| {
        b.lift
            .total_cmp(&a.lift)
            .then(b.confidence.total_cmp(&a.confidence))
            .then(b.count.cmp(&a.count))
            .then_with(|| a.antecedent.cmp(&b.antecedent))
            .then_with(|| a.consequent.cmp(&b.consequent))
    });
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::basket::SequenceParams;

    /// Zaki's example from arulesSequences (`zaki.txt`).
    pub(crate) fn zaki() -> Sequences {
        Sequences::from_events(&[
            ("1", 10, vec!["C", "D"]),
            ("1", 15, vec!["A", "B", "C"]),
            ("1", 20, vec!["A", "B", "F"]),
            ("1", 25, vec!["A", "C", "D", "F"]),
            ("2", 15, vec!["A", "B", "F"]),
            ("2", 20, vec!["E"]),
            ("3", 10, vec!["A", "B", "F"]),
            ("4", 10, vec!["D", "G", "H"]),
            ("4", 20, vec!["B", "F"]),
            ("4", 25, vec!["A", "G", "H"]),
        ])
    }

    fn show(s: &Sequences, p: &[Vec<u32>]) -> String {
        p.iter()
            .map(|e| {
                let names: Vec<&str> = e.iter().map(|&i| s.items[i as usize].as_str()).collect();
                format!("{{{}}}", names.join(","))
            })
            .collect::<Vec<_>>()
            .join("→")
    }

    #[test]
    fn zaki_example() {
        let s = zaki();
        let r = cspade(&s, &SequenceParams::new(0.4).check().unwrap()).unwrap();
        let mut got: Vec<String> = r.patterns.iter().map(|p| show(&s, &p.elements)).collect();
        got.sort();
        let mut want = vec![
            "{A}", "{B}", "{D}", "{F}", "{A,F}", "{B,F}", "{A,B}", "{A,B,F}", "{D}→{F}", "{D}→{B,F}", "{D}→{B}", "{B}→{A}",
            "{D}→{A}", "{F}→{A}", "{D}→{F}→{A}", "{B,F}→{A}", "{D}→{B,F}→{A}", "{D}→{B}→{A}",
        ];
        want.sort();
        assert_eq!(got, want);
        assert_eq!(sequence_rules(&r, 0.5).len(), 10);
        let r5 = cspade(&s, &SequenceParams::new(0.4).maxgap(Some(5)).check().unwrap()).unwrap();
        assert_eq!(r5.patterns.len(), 11);
    }
}
