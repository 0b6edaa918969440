//! FP-growth, written for speed and small memory.
//!
//! - Items are recoded by descending frequency (rank 0 = most frequent); infrequent items are
//!   dropped before the tree is built. There is no one-hot matrix.
//! - The FP-tree is an arena of parallel `u32` vectors (item, count, parent, first child, next
//!   sibling, next node of the same item). Root children are found through a direct per-item
//!   array; deeper children through sibling lists, which the sorted insertion order keeps short.
//! - Conditional trees are built from the conditional pattern base after dropping the items that
//!   are infrequent in it, with local item ids; trees are recycled through a pool, so mining
//!   allocates little after warm-up.
//! - A tree that is a single path emits all combinations of its nodes directly; the number of
//!   combinations is checked against the cap first, so an explosion is refused before it starts.
//! - The output count is checked against `max_itemsets` as it grows; the progress callback can
//!   cancel between top-level items and every 65,536 itemsets.

use crate::sort;
use rustc_hash::FxHashMap;
use serde::Serialize;

use super::params::{Target, ValidFpGrowthParams};
use super::{no_progress, BasketError, Phase, Progress, ProgressFn, Transactions};

const NIL: u32 = u32::MAX;

/// One frequent itemset: sorted item ids, the number of baskets containing all of them, and
/// that count over the number of baskets.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Itemset {
    pub items: Vec<u32>,
    pub count: u32,
    pub support: f64,
}

/// The result of [`fpgrowth`]: itemsets sorted by length, then by item ids.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct FrequentItemsets {
    /// Number of baskets (N).
    pub baskets: u32,
    /// Minimum support count used (`ceil(minsup × N)` for a share).
    pub min_count: u32,
    pub target: Target,
    pub max_len: Option<usize>,
    pub itemsets: Vec<Itemset>,
}

impl FrequentItemsets {
    /// Number of itemsets.
    pub fn len(&self) -> usize {
        self.itemsets.len()
    }

    /// Whether no itemset is frequent.
    pub fn is_empty(&self) -> bool {
        self.itemsets.is_empty()
    }

    /// Support count of every itemset, looked up by its sorted item ids.
    pub fn index(&self) -> FxHashMap<&[u32], u32> {
        let mut m = FxHashMap::with_capacity_and_hasher(self.itemsets.len(), Default::default());
        for s in &self.itemsets {
            m.insert(s.items.as_slice(), s.count);
        }
        m
    }
}

/// Mines the frequent itemsets of `tx` (see [`fpgrowth_with_progress`]).
///
/// ```
/// use clientele::basket::{fpgrowth, FpGrowthParams, Transactions};
/// let tx = Transactions::from_baskets(&[vec!["a", "b"], vec!["a", "b", "c"], vec!["a"]]);
/// let sets = fpgrowth(&tx, &FpGrowthParams::new(0.6).check().unwrap()).unwrap();
/// let found: Vec<(Vec<u32>, u32)> = sets.itemsets.iter().map(|s| (s.items.clone(), s.count)).collect();
/// assert_eq!(found, [(vec![0], 3), (vec![1], 2), (vec![0, 1], 2)]);
/// ```
pub fn fpgrowth(tx: &Transactions, params: &ValidFpGrowthParams) -> Result<FrequentItemsets, BasketError> {
    fpgrowth_with_progress(tx, params, &mut no_progress)
}

/// Mines the frequent itemsets of `tx`, reporting progress; the callback returns `false` to
/// cancel. Refuses with [`BasketError::TooManyItemsets`] as soon as the output would pass
/// `max_itemsets`.
pub fn fpgrowth_with_progress(
    tx: &Transactions,
    params: &ValidFpGrowthParams,
    progress: ProgressFn<'_>,
) -> Result<FrequentItemsets, BasketError> {
    let n = tx.len();
    if n == 0 {
        return Err(BasketError::NoBaskets);
    }
    let min_count = params.min_support().min_count(n);
    let (tree, item_of_rank) = build_tree(tx, min_count);
    if params.estimate_first() {
        let mut counter = Miner::new(min_count, params.max_len(), params.max_itemsets(), true, &tree, &mut *progress);
        if !tree.head.is_empty() {
            counter.mine(&tree, true)?;
        }
    }
    let mut miner = Miner::new(min_count, params.max_len(), params.max_itemsets(), false, &tree, progress);
    if !tree.head.is_empty() {
        miner.mine(&tree, true)?;
    }
    drop(tree);
    let Miner { out_items, out_offsets, out_counts, .. } = miner;

    let mut itemsets: Vec<Itemset> = Vec::with_capacity(out_counts.len());
    for (i, &c) in out_counts.iter().enumerate() {
        let mut items: Vec<u32> = out_items[out_offsets[i] as usize..out_offsets[i + 1] as usize]
            .iter()
            .map(|&r| item_of_rank[r as usize])
            .collect();
        sort::sort_hot(&mut items);
        itemsets.push(Itemset { items, count: c, support: c as f64 / n as f64 });
    }
    // Each itemset is mined once, so no two compare equal.
    sort::sort_total_by(&mut itemsets, |a, b| a.items.len().cmp(&b.items.len()).then_with(|| a.items.cmp(&b.items)));
    let mut result =
        FrequentItemsets { baskets: n as u32, min_count, target: params.target(), max_len: params.max_len(), itemsets };
    if params.target() != Target::All {
        filter_target(&mut result, params.target());
    }
    Ok(result)
}

/// The top-level FP-tree of the frequent items, and the item id of each rank.
fn build_tree(tx: &Transactions, min_count: u32) -> (Tree, Vec<u32>) {
    // Recode frequent items by descending count (ties by id, so the run is deterministic).
    let counts = tx.item_counts();
    let mut item_of_rank: Vec<u32> = (0..counts.len() as u32).filter(|&i| counts[i as usize] >= min_count).collect();
    sort::sort_total_by(&mut item_of_rank, |&a, &b| counts[b as usize].cmp(&counts[a as usize]).then(a.cmp(&b)));
    let k = item_of_rank.len();
    let mut rank_of_item = vec![NIL; counts.len()];
    for (r, &i) in item_of_rank.iter().enumerate() {
        rank_of_item[i as usize] = r as u32;
    }

    // Baskets as sorted rank lists, sorted lexicographically so each insertion shares its
    // prefix with the previous one (children are found at the head of their sibling list).
    let mut flat: Vec<u32> = Vec::with_capacity(tx.nnz());
    let mut spans: Vec<(u32, u32)> = Vec::with_capacity(tx.len());
    for b in tx.baskets() {
        let start = flat.len();
        flat.extend(b.iter().map(|&i| rank_of_item[i as usize]).filter(|&r| r != NIL));
        if flat.len() > start {
            sort::sort_hot(&mut flat[start..]);
            spans.push((start as u32, flat.len() as u32));
        }
    }
    // Spans it calls equal hold the same ranks and insert the same, in any order.
    sort::sort_total_by(&mut spans, |a, b| flat[a.0 as usize..a.1 as usize].cmp(&flat[b.0 as usize..b.1 as usize]));

    let mut tree = Tree::default();
    tree.reset(k);
    tree.rank.extend(0..k as u32);
    for (r, &i) in item_of_rank.iter().enumerate() {
        tree.support[r] = counts[i as usize];
    }
    for &(a, b) in &spans {
        tree.insert(&flat[a as usize..b as usize], 1);
    }
    (tree, item_of_rank)
}

/// How many frequent itemsets a run would produce, counted without storing any.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ItemsetCount {
    pub min_count: u32,
    /// Itemsets counted (all of them when `complete`, else at least `limit + 1`).
    pub total: u64,
    /// Itemsets by length: `by_len[k]` itemsets of `k` items (so `by_len[0] == 0`).
    pub by_len: Vec<u64>,
    /// Whether counting finished below the limit.
    pub complete: bool,
}

/// Counts the frequent itemsets of a run without materialising them (single paths are counted
/// with binomial sums), stopping once the count passes `limit`: the estimate the page shows
/// before mining, and what `estimate_first` uses to refuse an explosion before any itemset is
/// stored. Costs about as much tree work as mining; no memory for the output.
pub fn count_itemsets(
    tx: &Transactions,
    params: &ValidFpGrowthParams,
    limit: u64,
    progress: ProgressFn<'_>,
) -> Result<ItemsetCount, BasketError> {
    if tx.is_empty() {
        return Err(BasketError::NoBaskets);
    }
    let min_count = params.min_support().min_count(tx.len());
    let (tree, _) = build_tree(tx, min_count);
    let cap = usize::try_from(limit).unwrap_or(usize::MAX);
    let mut counter = Miner::new(min_count, params.max_len(), cap, true, &tree, progress);
    let complete = match if tree.head.is_empty() { Ok(()) } else { counter.mine(&tree, true) } {
        Ok(()) => true,
        Err(BasketError::TooManyItemsets { .. }) => false,
        Err(e) => return Err(e),
    };
    Ok(ItemsetCount { min_count, total: counter.counted, by_len: counter.by_len, complete })
}

/// Keeps the closed or maximal itemsets.
fn filter_target(sets: &mut FrequentItemsets, target: Target) {
    let keep = {
        let index: FxHashMap<&[u32], usize> =
            sets.itemsets.iter().enumerate().map(|(i, s)| (s.items.as_slice(), i)).collect();
        let mut keep = vec![true; sets.itemsets.len()];
        let mut sub = Vec::new();
        for s in &sets.itemsets {
            if s.items.len() < 2 {
                continue;
            }
            for skip in 0..s.items.len() {
                sub.clear();
                sub.extend(s.items.iter().enumerate().filter(|&(j, _)| j != skip).map(|(_, &x)| x));
                if let Some(&i) = index.get(sub.as_slice()) {
                    if target == Target::Maximal || sets.itemsets[i].count == s.count {
                        keep[i] = false;
                    }
                }
            }
        }
        keep
    };
    let mut i = 0;
    sets.itemsets.retain(|_| {
        i += 1;
        keep[i - 1]
    });
}

#[derive(Debug, Clone, Copy, Default)]
struct Link {
    parent: u32,
    item: u32,
}

/// An FP-tree in an arena. Node 0 is the root.
#[derive(Debug, Default)]
struct Tree {
    /// Per node: parent and item, side by side (walked together up the tree).
    link: Vec<Link>,
    count: Vec<u32>,
    first_child: Vec<u32>,
    next_sibling: Vec<u32>,
    next_same: Vec<u32>,
    /// Per local item: first node of that item (linked through `next_same`).
    head: Vec<u32>,
    /// Per local item: its support in this (conditional) database.
    support: Vec<u32>,
    /// Per local item: the global rank.
    rank: Vec<u32>,
    /// Per local item: the root's child with that item.
    root_child: Vec<u32>,
    /// Whether some node has two children (the tree is not a single path).
    branching: bool,
}

impl Tree {
    fn reset(&mut self, n_items: usize) {
        for v in [&mut self.count, &mut self.first_child, &mut self.next_sibling, &mut self.next_same] {
            v.clear();
            v.push(NIL);
        }
        self.link.clear();
        self.link.push(Link { parent: NIL, item: NIL });
        self.count[0] = 0;
        self.head.clear();
        self.head.resize(n_items, NIL);
        self.support.clear();
        self.support.resize(n_items, 0);
        self.root_child.clear();
        self.root_child.resize(n_items, NIL);
        self.rank.clear();
        self.branching = false;
    }

    fn nodes(&self) -> usize {
        self.link.len()
    }

    /// Adds a path of ascending local items with weight `c`.
    fn insert(&mut self, path: &[u32], c: u32) {
        let mut cur = 0u32;
        for &it in path {
            let mut ch = if cur == 0 { self.root_child[it as usize] } else { self.first_child[cur as usize] };
            if cur != 0 {
                while ch != NIL && self.link[ch as usize].item != it {
                    ch = self.next_sibling[ch as usize];
                }
            }
            if ch == NIL {
                ch = self.link.len() as u32;
                let first = self.first_child[cur as usize];
                if first != NIL {
                    self.branching = true;
                }
                self.link.push(Link { parent: cur, item: it });
                self.count.push(0);
                self.first_child.push(NIL);
                self.next_sibling.push(first);
                self.next_same.push(self.head[it as usize]);
                self.head[it as usize] = ch;
                self.first_child[cur as usize] = ch;
                if cur == 0 {
                    self.root_child[it as usize] = ch;
                }
            }
            self.count[ch as usize] += c;
            cur = ch;
        }
    }
}

struct Miner<'p, 'q> {
    min_count: u32,
    max_len: usize,
    cap: usize,
    /// The current prefix, as global ranks.
    prefix: Vec<u32>,
    out_items: Vec<u32>,
    out_offsets: Vec<u32>,
    out_counts: Vec<u32>,
    pool: Vec<Tree>,
    /// Scratch: conditional counts per local item of the tree being projected.
    cnt: Vec<u32>,
    /// Scratch: local item of the parent tree → local item of the conditional tree.
    remap: Vec<u32>,
    path: Vec<u32>,
    /// Scratch: the conditional pattern base, paths leaf to root, one after another.
    paths: Vec<u32>,
    /// Scratch: end of each path in `paths`, and its count.
    path_ends: Vec<(u32, u32)>,
    progress: &'p mut (dyn FnMut(Progress) -> bool + 'q),
    top_total: u64,
    top_done: u64,
    /// Count only: no itemset is stored.
    count_only: bool,
    counted: u64,
    by_len: Vec<u64>,
}

impl<'p, 'q> Miner<'p, 'q> {
    fn new(
        min_count: u32,
        max_len: Option<usize>,
        cap: usize,
        count_only: bool,
        tree: &Tree,
        progress: &'p mut (dyn FnMut(Progress) -> bool + 'q),
    ) -> Self {
        let k = tree.head.len();
        Miner {
            min_count,
            max_len: max_len.unwrap_or(usize::MAX),
            cap,
            prefix: Vec::new(),
            out_items: Vec::new(),
            out_offsets: vec![0],
            out_counts: Vec::new(),
            pool: Vec::new(),
            cnt: vec![0; k],
            remap: vec![NIL; k],
            path: Vec::new(),
            paths: Vec::new(),
            path_ends: Vec::new(),
            progress,
            top_total: k as u64,
            top_done: 0,
            count_only,
            counted: 0,
            by_len: Vec::new(),
        }
    }

    fn found(&self) -> u64 {
        if self.count_only {
            self.counted
        } else {
            self.out_counts.len() as u64
        }
    }

    fn count(&mut self, len: usize, n: u64) -> Result<(), BasketError> {
        if self.by_len.len() <= len {
            self.by_len.resize(len + 1, 0);
        }
        self.by_len[len] = self.by_len[len].saturating_add(n);
        let before = self.counted;
        self.counted = self.counted.saturating_add(n);
        if self.counted > self.cap as u64 {
            return Err(self.too_many());
        }
        if before >> 16 != self.counted >> 16 {
            self.report()?;
        }
        Ok(())
    }
    fn too_many(&self) -> BasketError {
        BasketError::TooManyItemsets { cap: self.cap, min_count: self.min_count }
    }

    fn report(&mut self) -> Result<(), BasketError> {
        let p = Progress { phase: Phase::Itemsets, done: self.top_done, total: self.top_total, found: self.found() };
        if (self.progress)(p) {
            Ok(())
        } else {
            Err(BasketError::Cancelled)
        }
    }

    /// Emits `prefix ∪ extra`.
    fn emit(&mut self, extra: &[u32], count: u32) -> Result<(), BasketError> {
        if self.count_only {
            return self.count(self.prefix.len() + extra.len(), 1);
        }
        if self.out_counts.len() >= self.cap {
            return Err(self.too_many());
        }
        self.out_items.extend_from_slice(&self.prefix);
        self.out_items.extend_from_slice(extra);
        self.out_offsets.push(self.out_items.len() as u32);
        self.out_counts.push(count);
        if self.out_counts.len() % 65_536 == 0 {
            self.report()?;
        }
        Ok(())
    }

    fn mine(&mut self, tree: &Tree, top: bool) -> Result<(), BasketError> {
        if !tree.branching {
            return self.single_path(tree);
        }
        let k = tree.head.len();
        for j in (0..k).rev() {
            let s = tree.support[j];
            self.prefix.push(tree.rank[j]);
            self.emit(&[], s)?;
            if self.prefix.len() < self.max_len && j > 0 {
                // Conditional pattern base: the paths above j's nodes (leaf to root, kept in
                // `paths` so the tree is walked once) and the counts of their items.
                self.paths.clear();
                self.path_ends.clear();
                let mut nd = tree.head[j];
                while nd != NIL {
                    let c = tree.count[nd as usize];
                    let mut p = tree.link[nd as usize].parent;
                    while p != 0 {
                        let l = tree.link[p as usize];
                        self.cnt[l.item as usize] += c;
                        self.paths.push(l.item);
                        p = l.parent;
                    }
                    self.path_ends.push((self.paths.len() as u32, c));
                    nd = tree.next_same[nd as usize];
                }
                let mut k2 = 0u32;
                for i in 0..j {
                    if self.cnt[i] >= self.min_count {
                        self.remap[i] = k2;
                        k2 += 1;
                    } else {
                        self.remap[i] = NIL;
                    }
                }
                if k2 > 0 {
                    let mut child = self.pool.pop().unwrap_or_default();
                    child.reset(k2 as usize);
                    for i in 0..j {
                        if self.remap[i] != NIL {
                            child.rank.push(tree.rank[i]);
                            child.support[self.remap[i] as usize] = self.cnt[i];
                        }
                    }
                    let mut start = 0usize;
                    for &(end, c) in &self.path_ends {
                        self.path.clear();
                        for &it in self.paths[start..end as usize].iter().rev() {
                            let r = self.remap[it as usize];
                            if r != NIL {
                                self.path.push(r);
                            }
                        }
                        start = end as usize;
                        if !self.path.is_empty() {
                            child.insert(&self.path, c);
                        }
                    }
                    self.cnt[..j].fill(0);
                    let r = self.mine(&child, false);
                    self.pool.push(child);
                    r?;
                } else {
                    self.cnt[..j].fill(0);
                }
            }
            self.prefix.pop();
            if top {
                self.top_done += 1;
                self.report()?;
            }
        }
        Ok(())
    }

    /// All combinations of a single path's nodes, each with the count of its deepest node.
    fn single_path(&mut self, tree: &Tree) -> Result<(), BasketError> {
        let m = tree.nodes() - 1;
        if m == 0 {
            return Ok(());
        }
        let room = self.max_len.saturating_sub(self.prefix.len()).min(m);
        // Number of combinations: Σ_{i=1..room} C(m, i), checked against the cap before any
        // is enumerated (counted by length without enumeration when only counting).
        let mut total: u128 = 0;
        let mut c: u128 = 1;
        for i in 1..=room as u128 {
            c = c * (m as u128 - i + 1) / i;
            total = total.saturating_add(c);
            if self.count_only {
                self.count(self.prefix.len() + i as usize, u64::try_from(c).unwrap_or(u64::MAX))?;
            } else if total > self.cap as u128 {
                break;
            }
        }
        if self.count_only {
            return Ok(());
        }
        if self.out_counts.len() as u128 + total > self.cap as u128 {
            return Err(self.too_many());
        }
        // Node i + 1 is at depth i (nodes of a single path are created root to leaf).
        let ranks: Vec<u32> = (1..=m).map(|nd| tree.rank[tree.link[nd].item as usize]).collect();
        let counts: Vec<u32> = tree.count[1..=m].to_vec();
        let mut chosen = Vec::with_capacity(room);
        self.combinations(&ranks, &counts, 0, room, &mut chosen)
    }

    fn combinations(
        &mut self,
        ranks: &[u32],
        counts: &[u32],
        from: usize,
        room: usize,
        chosen: &mut Vec<u32>,
    ) -> Result<(), BasketError> {
        if chosen.len() == room {
            return Ok(());
        }
        for i in from..ranks.len() {
            chosen.push(ranks[i]);
            self.emit(chosen, counts[i])?;
            self.combinations(ranks, counts, i + 1, room, chosen)?;
            chosen.pop();
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::basket::{FpGrowthParams, MinSupport};

    /// Brute force over all subsets of the items (small inputs only).
    fn brute(tx: &Transactions, min: u32) -> Vec<(Vec<u32>, u32)> {
        let m = tx.items.len();
        let mut out = Vec::new();
        for mask in 1u32..(1 << m) {
            let items: Vec<u32> = (0..m as u32).filter(|i| mask >> i & 1 == 1).collect();
            let c = tx.baskets().filter(|b| items.iter().all(|i| b.contains(i))).count() as u32;
            if c >= min {
                out.push((items, c));
            }
        }
        sort::sort_by(&mut out, |a, b| a.0.len().cmp(&b.0.len()).then(a.0.cmp(&b.0)));
        out
    }

    #[test]
    fn matches_brute_force_on_random_baskets() {
        let mut state = 0x9e37_79b9_7f4a_7c15u64;
        let mut next = move || {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            state
        };
        for round in 0..30 {
            let n_items = 4 + round % 9;
            let baskets: Vec<Vec<String>> = (0..40 + round * 3)
                .map(|_| (0..n_items).filter(|_| next() % 3 == 0).map(|i| format!("i{i:02}")).collect())
                .collect();
            let tx = Transactions::from_baskets(&baskets);
            for min in [1u32, 2, 3, 5, 8] {
                let p = FpGrowthParams::default().min_support(MinSupport::Count(min)).check().unwrap();
                let got: Vec<(Vec<u32>, u32)> =
                    fpgrowth(&tx, &p).unwrap().itemsets.into_iter().map(|s| (s.items, s.count)).collect();
                assert_eq!(got, brute(&tx, min), "round {round} min {min}");
                assert_eq!(count_itemsets(&tx, &p, u64::MAX, &mut |_| true).unwrap().total, got.len() as u64);
                let first =
                    FpGrowthParams::default().min_support(MinSupport::Count(min)).estimate_first(true).check().unwrap();
                assert_eq!(fpgrowth(&tx, &first).unwrap().len(), got.len());
                // max_len
                let p = FpGrowthParams::default().min_support(MinSupport::Count(min)).max_len(Some(2)).check().unwrap();
                let got = fpgrowth(&tx, &p).unwrap().itemsets;
                assert_eq!(got.len(), brute(&tx, min).iter().filter(|s| s.0.len() <= 2).count());
            }
        }
    }

    #[test]
    fn closed_and_maximal() {
        let tx = Transactions::from_baskets(&[vec!["a", "b", "c"], vec!["a", "b"], vec!["a"], vec!["c"]]);
        let p = |t| FpGrowthParams::default().min_support(MinSupport::Count(1)).target(t).check().unwrap();
        let names = |s: FrequentItemsets| -> Vec<Vec<u32>> { s.itemsets.into_iter().map(|s| s.items).collect() };
        // a:3 b:2 c:2 ab:2 ac:1 bc:1 abc:1
        assert_eq!(
            names(fpgrowth(&tx, &p(Target::Closed)).unwrap()),
            vec![vec![0], vec![2], vec![0, 1], vec![0, 1, 2]]
        );
        assert_eq!(names(fpgrowth(&tx, &p(Target::Maximal)).unwrap()), vec![vec![0, 1, 2]]);
    }

    #[test]
    fn explosion_is_refused_and_cancel_works() {
        let items: Vec<String> = (0..40).map(|i| format!("x{i}")).collect();
        let tx = Transactions::from_baskets(&[items.clone(), items]);
        let p = FpGrowthParams::new(0.5).max_itemsets(1_000_000).check().unwrap();
        assert_eq!(fpgrowth(&tx, &p), Err(BasketError::TooManyItemsets { cap: 1_000_000, min_count: 1 }));
        let est = count_itemsets(&tx, &p, 1_000_000, &mut |_| true).unwrap();
        assert!(!est.complete && est.total > 1_000_000);
        // With max_len 3: C(40,1) + C(40,2) + C(40,3) = 40 + 780 + 9880.
        let p3 = FpGrowthParams::new(0.5).max_len(Some(3)).check().unwrap();
        let est = count_itemsets(&tx, &p3, 1_000_000, &mut |_| true).unwrap();
        assert_eq!((est.total, est.by_len.clone(), est.complete), (10_700, vec![0, 40, 780, 9_880], true));
        assert_eq!(fpgrowth(&tx, &p3).unwrap().len(), 10_700);
        let first = FpGrowthParams::new(0.5).max_itemsets(10_000).estimate_first(true).check().unwrap();
        assert!(matches!(fpgrowth(&tx, &first), Err(BasketError::TooManyItemsets { .. })));
        let tx = Transactions::from_baskets(&[vec!["a", "b"], vec!["a", "c"], vec!["b", "c"]]);
        let mut calls = 0;
        let r = fpgrowth_with_progress(&tx, &FpGrowthParams::new(0.1).check().unwrap(), &mut |_| {
            calls += 1;
            false
        });
        assert_eq!(r, Err(BasketError::Cancelled));
        assert_eq!(calls, 1);
    }
}
