//! The per-customer order timeline: every order of every customer, sorted by customer then time,
//! built in one pass over the line items. The customer analyses read it instead of the lines:
//! the fact table ([`crate::segment::facts`]), the lifecycle stages
//! ([`crate::segment::lifecycle`]), the cohorts ([`crate::segment::cohorts`]) and the CLV
//! summary ([`crate::clv::summary`]). Each therefore sees the same orders, with the same times,
//! under the same [`Convention`].
//!
//! ## What an entry is
//!
//! One entry per customer, order id, [`OrderKind`] and time: the purchase lines of an order make
//! one entry, its return lines another. Nearly every order has all its lines at one time, so
//! one entry per kind; an order whose lines carry different times (a few in Online Retail are a
//! minute apart) has one entry per time, and only the earliest [`Orders::opens_order`]: count
//! those to count orders, and read their time as the order's time. Every line thus keeps its own
//! time, so an analysis date, a window or a month boundary splits the lines exactly as it would
//! split the lines themselves. An order id that two customers share (a data error) gives each
//! customer entries of their own. Guest lines ([`NO_CUSTOMER`]) make no entry and are counted in
//! [`Orders::guest_lines`].
//!
//! - **amount**: Σ amount of the lines (what was paid: positive for purchases, negative for
//!   returns). A customer's gross sales are the sum over their purchase entries, their returns
//!   the sum over their return entries, their net sales both.
//! - **items**, **discount**, **margin**: Σ quantity, Σ positive discount (and how many lines had
//!   one), Σ (amount − cost) over the lines with a known cost (and how many had none); the
//!   margin columns are empty when the files had no cost column.
//! - **categories**: the distinct categories of a purchase entry's lines (empty without a
//!   category column).
//!
//! Under [`Convention::PurchasesOnly`], purchase lines without a positive quantity and amount
//! (zero-price lines kept by `keep_zero_price`, for instance) make [`OrderKind::Outside`] entries:
//! they are no purchase, so no analysis counts them as an order, and each analysis reports their
//! lines as skipped.
//!
//! ## Layout
//!
//! Columns of one entry each, sorted by customer, then time, then order id, then kind; a
//! customer's entries are the range [`Orders::of_customer`]. Building costs one pass over the
//! lines, a counting sort of the entries (about one per order) by customer and a sort of each
//! customer's few entries by time, with no allocation per order.
//!
//! ```
//! use clientele::model::{Convention, LineItems, LineKind, OrderKind, Orders};
//! let mut l = LineItems::default();
//! let c = l.customers.intern("A");
//! let (o1, o2) = (l.orders.intern("1"), l.orders.intern("2"));
//! l.push(c, o2, 86_400, 0, 1.0, 5.0, LineKind::Purchase);
//! l.push(c, o1, 0, 0, 2.0, 10.0, LineKind::Purchase);
//! l.push(c, o1, 0, 0, 1.0, 3.0, LineKind::Purchase);
//! l.push(c, o1, 60, 0, 1.0, 0.0, LineKind::Purchase); // a free gift, a minute later
//! let net = Orders::new(&l, Convention::Net);
//! assert_eq!(net.order, [o1, o1, o2]); // sorted by time
//! assert_eq!(net.opens_order, [true, false, true]); // two orders
//! assert_eq!((net.time[0], net.lines[0], net.amount[0], net.items[0]), (0, 2, 13.0, 3.0));
//! let tutorial = Orders::new(&l, Convention::PurchasesOnly);
//! assert_eq!(tutorial.kind, [OrderKind::Purchase, OrderKind::Outside, OrderKind::Purchase]);
//! assert_eq!(tutorial.opens_order, [true, true, true]); // the gift is no purchase
//! ```

use crate::sort;
use std::ops::Range;

use rustc_hash::FxHashMap;
use serde::{Deserialize, Serialize};

use super::{Columns, LineItems, LineKind, NO_CUSTOMER, NO_VALUE};

/// Which lines make orders (and, in the fact table, how returns enter the monetary value).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Convention {
    /// The project default: all kept lines; monetary = net sales (returns netted).
    #[default]
    Net,
    /// The tutorial convention: purchase lines with quantity > 0 and amount > 0 only; return
    /// lines are ignored; monetary = gross sales. Reproduces the published Online Retail RFM.
    PurchasesOnly,
}

/// What the lines of one entry are.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum OrderKind {
    /// Purchase lines: an order.
    Purchase,
    /// Return lines.
    Return,
    /// Purchase lines the convention leaves out (under [`Convention::PurchasesOnly`], those
    /// without a positive quantity and amount).
    Outside,
}

/// The order timeline of every customer (see the module documentation).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Orders {
    /// The convention it was built under.
    pub convention: Convention,
    /// Number of customer ids (the store's customer interner length).
    pub n_customers: usize,
    /// Which optional columns the files had.
    pub columns: Columns,
    /// Lines without a customer (no entry).
    pub guest_lines: u64,
    /// Customer id of each entry, ascending.
    pub customer: Vec<u32>,
    /// Order id of each entry.
    pub order: Vec<u32>,
    pub kind: Vec<OrderKind>,
    /// Time of the lines, seconds since 1970 (ascending within a customer).
    pub time: Vec<i64>,
    /// Whether this is the earliest entry of its customer, order id and kind (nearly always the
    /// only one): true once per order.
    pub opens_order: Vec<bool>,
    /// Number of lines.
    pub lines: Vec<u32>,
    /// Σ amount of the lines (negative for returns).
    pub amount: Vec<f64>,
    /// Σ quantity of the lines.
    pub items: Vec<f64>,
    /// Σ discount of the lines with a positive discount.
    pub discount: Vec<f64>,
    /// Lines with a positive discount.
    pub discounted_lines: Vec<u32>,
    /// Σ (amount − cost) of the lines with a known cost; empty without a cost column.
    pub margin: Vec<f64>,
    /// Lines whose cost is unknown; empty without a cost column.
    pub lines_without_cost: Vec<u32>,
    /// Start of each customer's entries: customer `c` owns `customer_start[c]..customer_start[c + 1]`.
    customer_start: Vec<u32>,
    /// Start of each entry's categories in `categories` (one more than the entries); empty
    /// without a category column.
    category_start: Vec<u32>,
    categories: Vec<u32>,
}

/// The entries' columns while the lines are read, in creation order (entry `e` is index `e` of
/// each). Columns rather than one struct per entry: the timeline is then put in customer order
/// one column at a time, so that building it holds the columns about once, where a vector of
/// entries and its sorted copy held them twice over (for the ten-million-line demo, 3.9 M entries
/// of 72 bytes twice: 560 MB that a wasm memory keeps for good).
#[derive(Default)]
struct Entries {
    customer: Vec<u32>,
    order: Vec<u32>,
    kind: Vec<OrderKind>,
    time: Vec<i64>,
    lines: Vec<u32>,
    amount: Vec<f64>,
    items: Vec<f64>,
    discount: Vec<f64>,
    discounted_lines: Vec<u32>,
    /// Empty without a cost column.
    margin: Vec<f64>,
    lines_without_cost: Vec<u32>,
}

impl Entries {
    fn with_capacity(n: usize, has_cost: bool) -> Entries {
        let cost = if has_cost { n } else { 0 };
        Entries {
            customer: Vec::with_capacity(n),
            order: Vec::with_capacity(n),
            kind: Vec::with_capacity(n),
            time: Vec::with_capacity(n),
            lines: Vec::with_capacity(n),
            amount: Vec::with_capacity(n),
            items: Vec::with_capacity(n),
            discount: Vec::with_capacity(n),
            discounted_lines: Vec::with_capacity(n),
            margin: Vec::with_capacity(cost),
            lines_without_cost: Vec::with_capacity(cost),
        }
    }

    /// A new entry with no lines yet; its index.
    fn push(&mut self, customer: u32, order: u32, kind: OrderKind, time: i64, has_cost: bool) -> u32 {
        let e = self.customer.len() as u32;
        self.customer.push(customer);
        self.order.push(order);
        self.kind.push(kind);
        self.time.push(time);
        self.lines.push(0);
        self.amount.push(0.0);
        self.items.push(0.0);
        self.discount.push(0.0);
        self.discounted_lines.push(0);
        if has_cost {
            self.margin.push(0.0);
            self.lines_without_cost.push(0);
        }
        e
    }
}

/// `column` in the order of `perm` (`out[k] = column[perm[k]]`), the old column freed.
fn permuted<T: Copy>(perm: &[u32], column: Vec<T>) -> Vec<T> {
    if column.is_empty() {
        return column;
    }
    perm.iter().map(|&e| column[e as usize]).collect()
}

const UNSEEN: u32 = u32::MAX;

impl Orders {
    /// Builds the timeline of `lines` under `convention`.
    pub fn new(lines: &LineItems, convention: Convention) -> Orders {
        Orders::build(lines, convention, true)
    }

    /// The timeline without margins and categories (those columns empty, and `columns.cost` and
    /// `columns.category` false): what the lifecycle stages, the cohorts and the CLV summary
    /// read, for their wrappers over the lines. The fact table needs [`Orders::new`].
    pub(crate) fn without_detail(lines: &LineItems, convention: Convention) -> Orders {
        Orders::build(lines, convention, false)
    }

    fn build(lines: &LineItems, convention: Convention, detail: bool) -> Orders {
        let n_customers = lines.customers.len();
        let mut columns = lines.columns;
        columns.cost &= detail;
        columns.category &= detail;
        let has_cost = columns.cost;
        let has_category = columns.category;
        let purchases_only = convention == Convention::PurchasesOnly;
        let mut guest_lines = 0u64;
        // Room for an entry per order id, and one per return line or line outside the
        // convention (their entries come beside the orders' purchases), and for a category per
        // purchase line that has one: vectors that doubled held the old and new room at once,
        // and kept up to twice the room they needed (the demo's returns are 3.5% more entries
        // than order ids; its 9.5 M categorised lines grew the pairs to 128 MiB beside 64).
        let (mut beside, mut categorised) = (0usize, 0usize);
        for i in 0..lines.len() {
            match lines.kind[i] {
                LineKind::Return => beside += 1,
                LineKind::Purchase if purchases_only && !(lines.quantity.at(i) > 0.0 && lines.amount.at(i) > 0.0) => {
                    beside += 1;
                }
                LineKind::Purchase => categorised += usize::from(has_category && lines.category.at(i) != NO_VALUE),
            }
        }
        let mut acc = Entries::with_capacity(lines.orders.len() + beside, has_cost);
        // An entry of (order, kind) for the first customer and time seen on it; other customers
        // or times on the same order (rare) are looked up in `more`.
        let mut slot: Vec<u32> = vec![UNSEEN; 3 * lines.orders.len()];
        let mut more: FxHashMap<(u32, u32, OrderKind, i64), u32> = FxHashMap::default();
        let mut cats: Vec<(u32, u32)> = Vec::with_capacity(categorised);
        // Lines of one order are usually adjacent: the previous line's key and entry.
        let mut previous = (UNSEEN, UNSEEN, OrderKind::Purchase, i64::MIN, UNSEEN);
        for i in 0..lines.len() {
            let c = lines.customer[i];
            if c == NO_CUSTOMER || c as usize >= n_customers {
                guest_lines += 1;
                continue;
            }
            let (o, t, amount) = (lines.order[i], lines.time.at(i), lines.amount.at(i));
            let kind = match lines.kind[i] {
                LineKind::Return => OrderKind::Return,
                LineKind::Purchase if purchases_only && !(lines.quantity.at(i) > 0.0 && amount > 0.0) => {
                    OrderKind::Outside
                }
                LineKind::Purchase => OrderKind::Purchase,
            };
            let e = if (previous.0, previous.1, previous.2, previous.3) == (c, o, kind, t) {
                previous.4
            } else {
                let s = 3 * o as usize + kind as usize;
                if s >= slot.len() {
                    slot.resize(s + 1, UNSEEN);
                }
                let e = match slot[s] {
                    UNSEEN => {
                        slot[s] = acc.push(c, o, kind, t, has_cost);
                        slot[s]
                    }
                    e if acc.customer[e as usize] == c && acc.time[e as usize] == t => e,
                    _ => *more.entry((c, o, kind, t)).or_insert_with(|| acc.push(c, o, kind, t, has_cost)),
                };
                previous = (c, o, kind, t, e);
                e
            };
            let e = e as usize;
            acc.lines[e] += 1;
            acc.amount[e] += amount;
            acc.items[e] += lines.quantity.at(i);
            let d = lines.discount.at(i);
            if d > 0.0 {
                acc.discounted_lines[e] += 1;
                acc.discount[e] += d;
            }
            if has_cost {
                let cost = lines.cost.at(i);
                if cost.is_nan() {
                    acc.lines_without_cost[e] += 1;
                } else {
                    acc.margin[e] += amount - cost;
                }
            }
            let category = lines.category.at(i);
            if has_category
                && kind == OrderKind::Purchase
                && category != NO_VALUE
                && cats.last() != Some(&(e as u32, category))
            {
                cats.push((e as u32, category));
            }
        }
        drop(more);

        // The entries by customer (a counting sort: one pass, each customer's entries written
        // contiguously), then by time, order id and kind within each customer (small sorts,
        // nearly sorted already when the file is in time order): `perm[k]` is the entry at
        // position `k`.
        let n = acc.customer.len();
        let mut customer_start = vec![0u32; n_customers + 1];
        for &c in &acc.customer {
            customer_start[c as usize + 1] += 1;
        }
        for c in 0..n_customers {
            customer_start[c + 1] += customer_start[c];
        }
        let mut perm = vec![0u32; n];
        let mut next = customer_start.clone();
        for (e, &c) in acc.customer.iter().enumerate() {
            let k = &mut next[c as usize];
            perm[*k as usize] = e as u32;
            *k += 1;
        }
        drop(next);
        for c in 0..n_customers {
            let range = customer_start[c] as usize..customer_start[c + 1] as usize;
            // One entry per (customer, order, kind, time): the key is unique within a customer.
            let (time, order, kind) = (&acc.time, &acc.order, &acc.kind);
            sort::sort_total_by_key(&mut perm[range], |&e| (time[e as usize], order[e as usize], kind[e as usize]));
        }
        // Each column in that order, one at a time (the widest first).
        let Entries {
            customer,
            order,
            kind,
            time,
            lines: n_lines,
            amount,
            items,
            discount,
            discounted_lines,
            margin,
            lines_without_cost,
        } = acc;
        let time = permuted(&perm, time);
        let amount = permuted(&perm, amount);
        let items = permuted(&perm, items);
        let discount = permuted(&perm, discount);
        let margin = permuted(&perm, margin);
        let customer = permuted(&perm, customer);
        let order = permuted(&perm, order);
        let n_lines = permuted(&perm, n_lines);
        let discounted_lines = permuted(&perm, discounted_lines);
        let lines_without_cost = permuted(&perm, lines_without_cost);
        let kind = permuted(&perm, kind);
        // The first entry of an (order, kind) within a customer's time-ordered entries opens it;
        // `slot` then holds the customer that last opened each (order, kind).
        slot.fill(UNSEEN);
        let mut opens_order = Vec::with_capacity(n);
        for k in 0..n {
            let s = 3 * order[k] as usize + kind[k] as usize;
            opens_order.push(slot[s] != customer[k]);
            slot[s] = customer[k];
        }
        drop(slot);
        let mut out = Orders {
            convention,
            n_customers,
            columns,
            guest_lines,
            customer,
            order,
            kind,
            time,
            opens_order,
            lines: n_lines,
            amount,
            items,
            discount,
            discounted_lines,
            margin,
            lines_without_cost,
            customer_start,
            category_start: Vec::new(),
            categories: Vec::new(),
        };
        if has_category {
            // Entry ids (creation order) → positions; then the (entry, category) pairs by
            // position (a counting sort), and each entry's few categories sorted and deduplicated.
            let mut position = vec![0u32; n];
            for (k, &e) in perm.iter().enumerate() {
                position[e as usize] = k as u32;
            }
            drop(perm);
            let mut start = vec![0u32; n + 1];
            for p in cats.iter_mut() {
                p.0 = position[p.0 as usize];
                start[p.0 as usize + 1] += 1;
            }
            drop(position);
            for k in 0..n {
                start[k + 1] += start[k];
            }
            let mut flat = vec![0u32; cats.len()];
            let mut next = start.clone();
            for &(k, category) in &cats {
                flat[next[k as usize] as usize] = category;
                next[k as usize] += 1;
            }
            drop((next, cats));
            let mut kept = 0;
            out.category_start = Vec::with_capacity(n + 1);
            out.category_start.push(0);
            for k in 0..n {
                let from = kept;
                let slice = &mut flat[start[k] as usize..start[k + 1] as usize];
                sort::sort_total(slice);
                for j in start[k] as usize..start[k + 1] as usize {
                    if kept == from || flat[kept - 1] != flat[j] {
                        flat[kept] = flat[j];
                        kept += 1;
                    }
                }
                out.category_start.push(kept as u32);
            }
            flat.truncate(kept);
            out.categories = flat;
        }
        out
    }

    /// Number of entries.
    pub fn len(&self) -> usize {
        self.customer.len()
    }

    /// Whether there are no entries.
    pub fn is_empty(&self) -> bool {
        self.customer.is_empty()
    }

    /// The entries of customer `c`, in time order (empty for an unknown id).
    pub fn of_customer(&self, c: u32) -> Range<usize> {
        match (self.customer_start.get(c as usize), self.customer_start.get(c as usize + 1)) {
            (Some(&a), Some(&b)) => a as usize..b as usize,
            _ => 0..0,
        }
    }

    /// The distinct categories of entry `e`'s lines, ascending (purchase entries only; empty
    /// without a category column).
    pub fn categories_of(&self, e: usize) -> &[u32] {
        match (self.category_start.get(e), self.category_start.get(e + 1)) {
            (Some(&a), Some(&b)) => &self.categories[a as usize..b as usize],
            _ => &[],
        }
    }

    /// The purchase entries as `(customer, time, amount)` columns, sorted by customer then time:
    /// the transaction log of [`crate::clv::summary::summary_from_transactions`].
    pub fn purchase_columns(&self) -> (Vec<u32>, Vec<i64>, Vec<f64>) {
        let keep: Vec<usize> = (0..self.len()).filter(|&e| self.kind[e] == OrderKind::Purchase).collect();
        (
            keep.iter().map(|&e| self.customer[e]).collect(),
            keep.iter().map(|&e| self.time[e]).collect(),
            keep.iter().map(|&e| self.amount[e]).collect(),
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn entries_split_by_customer_and_kind_and_sort_by_time() {
        let mut l = LineItems::default();
        let (a, b) = (l.customers.intern("A"), l.customers.intern("B"));
        let (o1, o2) = (l.orders.intern("1"), l.orders.intern("2"));
        l.push(b, o1, 100, 0, 1.0, 4.0, LineKind::Purchase);
        l.push(a, o1, 50, 0, 1.0, 3.0, LineKind::Purchase); // the same order id, another customer
        l.push(a, o2, 10, 0, 2.0, 6.0, LineKind::Purchase);
        l.push(NO_CUSTOMER, o2, 10, 0, 1.0, 9.0, LineKind::Purchase);
        l.push(a, o2, 20, 0, 1.0, -3.0, LineKind::Return); // a return on the same order
        l.push(a, o2, 5, 0, 1.0, 1.5, LineKind::Purchase); // an earlier line of order 2
        let o = Orders::new(&l, Convention::Net);
        assert_eq!(o.guest_lines, 1);
        assert_eq!(o.customer, [a, a, a, a, b]);
        assert_eq!(o.order, [o2, o2, o2, o1, o1]);
        use OrderKind::{Purchase, Return};
        assert_eq!(o.kind, [Purchase, Purchase, Return, Purchase, Purchase]);
        assert_eq!(o.time, [5, 10, 20, 50, 100]);
        // Order 2's purchase lines at two times: one order, two entries.
        assert_eq!(o.opens_order, [true, false, true, true, true]);
        assert_eq!(o.lines, [1, 1, 1, 1, 1]);
        assert_eq!(o.amount, [1.5, 6.0, -3.0, 3.0, 4.0]);
        assert_eq!(o.items, [1.0, 2.0, 1.0, 1.0, 1.0]);
        assert_eq!((o.of_customer(a), o.of_customer(b), o.of_customer(7)), (0..4, 4..5, 0..0));
        assert!(o.margin.is_empty() && o.categories_of(0).is_empty());
        assert_eq!(o.purchase_columns(), (vec![a, a, a, b], vec![5, 10, 50, 100], vec![1.5, 6.0, 3.0, 4.0]));
    }

    #[test]
    fn purchases_only_sets_non_positive_purchase_lines_apart() {
        let mut l = LineItems::default();
        let a = l.customers.intern("A");
        let o = l.orders.intern("1");
        l.push(a, o, 0, 0, 2.0, 10.0, LineKind::Purchase);
        l.push(a, o, 0, 0, 1.0, 0.0, LineKind::Purchase);
        l.push(a, o, 0, 0, 1.0, -1.0, LineKind::Return);
        let net = Orders::new(&l, Convention::Net);
        assert_eq!((net.kind.clone(), net.lines.clone()), (vec![OrderKind::Purchase, OrderKind::Return], vec![2, 1]));
        let tutorial = Orders::new(&l, Convention::PurchasesOnly);
        assert_eq!(tutorial.kind, [OrderKind::Purchase, OrderKind::Return, OrderKind::Outside]);
        assert_eq!(tutorial.amount, [10.0, -1.0, 0.0]);
    }

    #[test]
    fn cost_discount_and_categories_are_summed_per_entry() {
        let mut l = LineItems::default();
        l.columns.cost = true;
        l.columns.category = true;
        let a = l.customers.intern("A");
        let o = l.orders.intern("1");
        let (tea, cake) = (l.categories.intern("tea"), l.categories.intern("cake"));
        let line = |amount: f64, discount: f64, cost: f64, category: u32| crate::model::Line {
            discount,
            cost,
            category,
            ..crate::model::Line::new(a, o, 0, 0, 1.0, amount, LineKind::Purchase)
        };
        l.push_line(line(10.0, 2.0, 6.0, cake));
        l.push_line(line(5.0, 0.0, f64::NAN, tea));
        l.push_line(line(4.0, 1.0, 1.0, cake));
        let x = Orders::new(&l, Convention::Net);
        assert_eq!((x.discount[0], x.discounted_lines[0]), (3.0, 2));
        assert_eq!((x.margin[0], x.lines_without_cost[0]), (7.0, 1));
        assert_eq!(x.categories_of(0), [tea, cake]);
        assert_eq!(x.categories_of(1), [] as [u32; 0]);
    }
}
