//! Sequential patterns per customer with arulesSequences' `cspade` semantics, times in days.
//!
//! A customer's sequence is their baskets grouped by day (baskets of one day merge into one
//! event) in time order. A pattern `⟨E1, E2, …⟩` of itemsets occurs in a sequence when there are
//! events at days `t1 < t2 < …` with `Ei ⊆ event(ti)`, `mingap ≤ t(i+1) − ti ≤ maxgap` and
//! `t_last − t1 ≤ maxwin`. Support is the share of customers in whose sequence the pattern
//! occurs. Mining is SPADE-style depth-first search over id-lists `(customer, end day, latest
//! start day)` with equivalence-class candidate pruning (dropped for sequence extensions when a
//! maxgap is set, where it would be unsound).

use crate::sort;
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
    /// Customer index in the source [`Transactions`] (`Transactions::customers`) by sequence.
    pub customer_ids: Vec<u32>,
    seq_offsets: Vec<u32>,
    event_day: Vec<i32>,
    event_offsets: Vec<u32>,
    event_items: Vec<u32>,
}

impl Sequences {
    /// Groups baskets by customer and day. Needs baskets that know their customer and day
    /// ([`Transactions::from_lines`]). One sequence per customer with at least one basket (so a
    /// segment's baskets give that segment's customers), in customer-index order. Guest baskets
    /// ([`super::GUEST`]) are left out.
    pub fn from_transactions(tx: &Transactions) -> Result<Sequences, BasketError> {
        let (Some(customer), Some(day)) = (tx.customer.as_ref(), tx.day.as_ref()) else {
            return Err(BasketError::NotAvailable { what: "customer and date of each basket" });
        };
        // Guest baskets have no customer: they take no part in sequences.
        let mut order: Vec<u32> = (0..tx.len() as u32).filter(|&b| customer[b as usize] != super::GUEST).collect();
        sort::sort_total_by_key(&mut order, |&b| (customer[b as usize], day[b as usize], b));
        let mut s = Sequences {
            items: tx.items.clone(),
            customers: Vec::new(),
            customer_ids: Vec::new(),
            seq_offsets: vec![0],
            event_day: Vec::new(),
            event_offsets: vec![0],
            event_items: Vec::new(),
        };
        let mut i = 0;
        while i < order.len() {
            let c = customer[order[i] as usize];
            while i < order.len() && customer[order[i] as usize] == c {
                let d = day[order[i] as usize];
                let start = s.event_items.len();
                while i < order.len() && customer[order[i] as usize] == c && day[order[i] as usize] == d {
                    s.event_items.extend_from_slice(tx.basket(order[i] as usize));
                    i += 1;
                }
                sort::sort_hot(&mut s.event_items[start..]);
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
            s.customer_ids.push(c);
            s.customers.push(tx.customers.get(c as usize).cloned().unwrap_or_default());
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
    /// Day of the event where the pattern's last element ends.
    end: i32,
    /// That event's global index.
    ev: u32,
    /// Latest possible day of the first element for this end (for maxwin).
    start: i32,
}

/// Vertical occurrence of an item: sequence, day, global event index.
type Vert = (u32, i32, u32);

struct Spade<'s, 'p, 'q> {
    seqs: &'s Sequences,
    /// Per event: its frequent items (CSR over `ev_items`).
    ev_offsets: Vec<u32>,
    ev_items: Vec<u32>,
    /// Per item: occurrences, sorted by sequence and day.
    vert: Vec<Vec<Vert>>,
    min_count: u32,
    mingap: i64,
    maxgap: Option<i64>,
    maxwin: Option<i64>,
    maxsize: usize,
    maxlen: usize,
    cap: usize,
    n: f64,
    out: Vec<SequencePattern>,
    /// Scratch counters for extensions: count, last sequence counted (+1), items touched.
    cnt_s: Vec<u32>,
    stamp_s: Vec<u32>,
    touched_s: Vec<u32>,
    cnt_i: Vec<u32>,
    stamp_i: Vec<u32>,
    touched_i: Vec<u32>,
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

impl Spade<'_, '_, '_> {
    /// Whether an element at day `d` may follow the entry `e`.
    fn may_follow(&self, e: &Occ, d: i32) -> bool {
        let gap = d as i64 - e.end as i64;
        gap >= self.mingap && self.maxgap.is_none_or_le(gap) && self.maxwin.is_none_or_le(d as i64 - e.start as i64)
    }

    /// Counts, in one pass over the sequences in `list`, the customers supporting each
    /// sequence extension (items of later events that may follow) and each itemset extension
    /// (items above `last_item` in the events where the pattern ends).
    fn count_extensions(&mut self, list: &[Occ], count_s: bool, count_i: bool, last_item: u32) {
        let simple = self.maxgap.is_none() && self.maxwin.is_none();
        let mut i = 0;
        while i < list.len() {
            let sid = list[i].sid;
            let i1 = i + list[i..].iter().take_while(|o| o.sid == sid).count();
            let entries = &list[i..i1];
            let stamp = sid + 1;
            if count_s {
                let lo = self.seqs.seq_offsets[sid as usize] as usize;
                let hi = self.seqs.seq_offsets[sid as usize + 1] as usize;
                let from_day = entries[0].end as i64 + self.mingap;
                let first = lo + self.seqs.event_day[lo..hi].partition_point(|&d| (d as i64) < from_day);
                let last_end = entries[entries.len() - 1].end as i64;
                for ev in first..hi {
                    let d = self.seqs.event_day[ev];
                    if !simple {
                        if self.maxgap.is_some_and(|g| d as i64 > last_end + g) {
                            break;
                        }
                        if !entries.iter().any(|e| self.may_follow(e, d)) {
                            continue;
                        }
                    }
                    for k in self.ev_offsets[ev] as usize..self.ev_offsets[ev + 1] as usize {
                        let y = self.ev_items[k] as usize;
                        if self.stamp_s[y] != stamp {
                            self.stamp_s[y] = stamp;
                            if self.cnt_s[y] == 0 {
                                self.touched_s.push(y as u32);
                            }
                            self.cnt_s[y] += 1;
                        }
                    }
                }
            }
            if count_i {
                for e in entries {
                    let ev = e.ev as usize;
                    let from = self.ev_offsets[ev] as usize;
                    let to = self.ev_offsets[ev + 1] as usize;
                    let skip = self.ev_items[from..to].partition_point(|&y| y <= last_item);
                    for k in from + skip..to {
                        let y = self.ev_items[k] as usize;
                        if self.stamp_i[y] != stamp {
                            self.stamp_i[y] = stamp;
                            if self.cnt_i[y] == 0 {
                                self.touched_i.push(y as u32);
                            }
                            self.cnt_i[y] += 1;
                        }
                    }
                }
            }
            i = i1;
        }
    }

    /// The frequent items among the touched ones, with their counts, sorted; resets the
    /// counters.
    fn take_frequent(cnt: &mut [u32], stamp: &mut [u32], touched: &mut Vec<u32>, min: u32) -> Vec<(u32, u32)> {
        let mut out = Vec::new();
        for &y in touched.iter() {
            let c = cnt[y as usize];
            if c >= min {
                out.push((y, c));
            }
            cnt[y as usize] = 0;
            stamp[y as usize] = 0;
        }
        touched.clear();
        sort::sort_hot(&mut out);
        out
    }

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
                for &(_, t, ev) in &ly[j..j1] {
                    if t as i64 - first.end as i64 >= self.mingap {
                        out.push(Occ { sid: si, end: t, ev, start: first.start });
                    }
                }
            } else {
                for &(_, t, ev) in &ly[j..j1] {
                    let mut best: Option<i32> = None;
                    for e in &list[i..i1] {
                        if (t as i64 - e.end as i64) < self.mingap {
                            break;
                        }
                        if self.may_follow(e, t) {
                            best = Some(best.map_or(e.start, |b| b.max(e.start)));
                        }
                    }
                    if let Some(start) = best {
                        out.push(Occ { sid: si, end: t, ev, start });
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
            match a.cmp(&(ly[j].0, ly[j].1)) {
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
        let p = Progress {
            phase: Phase::Sequences,
            done: self.top_done,
            total: self.top_total,
            found: self.out.len() as u64,
        };
        if (self.progress)(p) {
            Ok(())
        } else {
            Err(BasketError::Cancelled)
        }
    }

    /// Extends `pattern` (whose id-list is `list`) depth-first.
    fn grow(&mut self, pattern: &mut Vec<Vec<u32>>, list: &[Occ]) -> Result<(), BasketError> {
        let count_s = pattern.len() < self.maxlen;
        let last = pattern.last().map_or(&[][..], Vec::as_slice);
        let count_i = last.len() < self.maxsize;
        let last_item = last.last().copied().unwrap_or(0);
        self.count_extensions(list, count_s, count_i, last_item);
        let s_found = Self::take_frequent(&mut self.cnt_s, &mut self.stamp_s, &mut self.touched_s, self.min_count);
        let i_found = Self::take_frequent(&mut self.cnt_i, &mut self.stamp_i, &mut self.touched_i, self.min_count);
        for (y, c) in s_found {
            let l = self.s_ext(list, y);
            debug_assert_eq!(support(&l), c);
            pattern.push(vec![y]);
            self.emit(pattern, c)?;
            self.grow(pattern, &l)?;
            pattern.pop();
        }
        for (y, c) in i_found {
            let l = self.i_ext(list, y);
            debug_assert_eq!(support(&l), c);
            if let Some(last) = pattern.last_mut() {
                last.push(y);
            }
            self.emit(pattern, c)?;
            self.grow(pattern, &l)?;
            if let Some(last) = pattern.last_mut() {
                last.pop();
            }
        }
        Ok(())
    }
}

/// `None` means no limit.
trait Limit {
    fn is_none_or_le(&self, v: i64) -> bool;
}

impl Limit for Option<i64> {
    fn is_none_or_le(&self, v: i64) -> bool {
        match self {
            Some(limit) => v <= *limit,
            None => true,
        }
    }
}

/// Mines frequent sequential patterns (see [`cspade_with_progress`]).
pub fn cspade(seqs: &Sequences, params: &ValidSequenceParams) -> Result<SequencePatterns, BasketError> {
    cspade_with_progress(seqs, params, &mut no_progress)
}

/// Mines frequent sequential patterns with cSPADE's constraints; the callback returns `false`
/// to cancel.
///
/// Depth-first over patterns; at each pattern one pass over its customers' events counts every
/// possible extension at once (PrefixSpan-style), and id-lists `(customer, end day, latest start
/// day)` are joined only for the frequent ones.
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
    let n_items = seqs.items.len();
    // Customers per item.
    let mut item_cust = vec![0u32; n_items];
    let mut stamp = vec![0u32; n_items];
    for s in 0..n {
        for (_, items) in seqs.events(s) {
            for &y in items {
                if stamp[y as usize] != s as u32 + 1 {
                    stamp[y as usize] = s as u32 + 1;
                    item_cust[y as usize] += 1;
                }
            }
        }
    }
    let frequent: Vec<bool> = item_cust.iter().map(|&c| c >= min_count).collect();
    let mut ev_offsets = vec![0u32];
    let mut ev_items = Vec::new();
    let mut vert: Vec<Vec<Vert>> = vec![Vec::new(); n_items];
    for s in 0..n {
        for ev in seqs.seq_offsets[s] as usize..seqs.seq_offsets[s + 1] as usize {
            let day = seqs.event_day[ev];
            for &y in &seqs.event_items[seqs.event_offsets[ev] as usize..seqs.event_offsets[ev + 1] as usize] {
                if frequent[y as usize] {
                    ev_items.push(y);
                    vert[y as usize].push((s as u32, day, ev as u32));
                }
            }
            ev_offsets.push(ev_items.len() as u32);
        }
    }
    let top: Vec<u32> = (0..n_items as u32).filter(|&y| frequent[y as usize]).collect();
    let mut sp = Spade {
        seqs,
        ev_offsets,
        ev_items,
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
        cnt_s: vec![0; n_items],
        stamp_s: vec![0; n_items],
        touched_s: Vec::new(),
        cnt_i: vec![0; n_items],
        stamp_i: vec![0; n_items],
        touched_i: Vec::new(),
        progress,
        top_done: 0,
        top_total: top.len() as u64,
    };
    for &y in &top {
        let list: Vec<Occ> =
            sp.vert[y as usize].iter().map(|&(sid, d, ev)| Occ { sid, end: d, ev, start: d }).collect();
        let mut pattern = vec![vec![y]];
        sp.emit(&pattern, item_cust[y as usize])?;
        sp.grow(&mut pattern, &list)?;
        sp.top_done += 1;
        sp.report()?;
    }
    let mut patterns = sp.out;
    // Each pattern is emitted once, so no two compare equal.
    sort::sort_total_by(&mut patterns, |a, b| {
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
    let index: FxHashMap<&[Vec<u32>], u32> =
        patterns.patterns.iter().map(|p| (p.elements.as_slice(), p.count)).collect();
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
    // One rule per pattern (antecedent + consequent), so no two compare equal.
    sort::sort_total_by(&mut out, |a, b| {
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
        sort::sort(&mut got);
        let mut want = vec![
            "{A}",
            "{B}",
            "{D}",
            "{F}",
            "{A,F}",
            "{B,F}",
            "{A,B}",
            "{A,B,F}",
            "{D}→{F}",
            "{D}→{B,F}",
            "{D}→{B}",
            "{B}→{A}",
            "{D}→{A}",
            "{F}→{A}",
            "{D}→{F}→{A}",
            "{B,F}→{A}",
            "{D}→{B,F}→{A}",
            "{D}→{B}→{A}",
        ];
        sort::sort(&mut want);
        assert_eq!(got, want);
        assert_eq!(sequence_rules(&r, 0.5).len(), 10);
        let r5 = cspade(&s, &SequenceParams::new(0.4).maxgap(Some(5)).check().unwrap()).unwrap();
        assert_eq!(r5.patterns.len(), 11);
    }
}

#[cfg(test)]
mod segment_tests {
    use super::*;

    #[test]
    fn only_customers_with_baskets_are_sequences() {
        let mut tx = Transactions::from_baskets(&[vec!["a"], vec!["b"], vec!["a"], vec!["c"]]);
        tx.customer = Some(vec![0, 0, 1, 2]);
        tx.day = Some(vec![1, 2, 1, 5]);
        tx.customers = ["x", "y", "z"].map(String::from).to_vec();
        let seg = tx.filter_baskets(|i| i != 2);
        let s = Sequences::from_transactions(&seg).unwrap();
        assert_eq!(s.len(), 2);
        assert_eq!(s.customers, ["x", "z"]);
        assert_eq!(s.customer_ids, [0, 2]);
        assert_eq!(s.events(0).map(|e| e.0).collect::<Vec<_>>(), [1, 2]);
    }
}
