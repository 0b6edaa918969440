//! Baskets: from the columnar store (one basket per order), or from basket-format text.

use rustc_hash::FxHashMap;
use serde::{Deserialize, Serialize};

use super::BasketError;
use crate::ingest::csv::{Record, RecordReader};
use crate::model::{LineItems, LineKind, NO_PRODUCT};

/// What an item is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ItemKey {
    /// The product id (StockCode, SKU…).
    #[default]
    Product,
    /// The product's category (needs a category column in the store).
    Category,
}

/// Baskets of item ids, stored compactly (one flat id array with offsets; no one-hot matrix).
///
/// Item ids index [`Transactions::items`], which is sorted by the names' bytes. Within a basket
/// ids are sorted and distinct. Baskets built from line items also know their customer and day,
/// which sequences and recommendations need.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Transactions {
    /// Item names by id, in byte order.
    pub items: Vec<String>,
    offsets: Vec<u32>,
    data: Vec<u32>,
    /// Customer of each basket (an index into `customers`), if known.
    pub customer: Option<Vec<u32>>,
    /// Day of each basket (days since 1970-01-01, from the earliest line), if known.
    pub day: Option<Vec<i32>>,
    /// Customer names by index (empty for basket-format input).
    pub customers: Vec<String>,
}

/// Why an item is suggested for exclusion.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ExclusionReason {
    /// Its name is a known non-product (postage, a fee, a carrier bag, `NONE`).
    FeeOrBagName,
    /// The item names are product codes with digits, and this one has none (`POST`, `DOT`, `M`).
    NonProductCode,
    /// It is in at least the given share of baskets.
    InManyBaskets,
}

/// An item that is probably not a product.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ExclusionSuggestion {
    pub item: u32,
    pub name: String,
    /// Share of baskets that contain it.
    pub share: f64,
    pub reason: ExclusionReason,
}

/// Names of non-products, compared trimmed and lower-cased.
const NON_PRODUCT_NAMES: &[&str] = &[
    "post",
    "postage",
    "dot",
    "dotcom postage",
    "c2",
    "carriage",
    "m",
    "manual",
    "bank charges",
    "amazonfee",
    "amazon fee",
    "cruk",
    "cruk commission",
    "pads",
    "d",
    "discount",
    "s",
    "samples",
    "b",
    "adjust bad debt",
    "shipping",
    "delivery",
    "delivery fee",
    "service fee",
    "fee",
    "bag",
    "bags",
    "carrier bag",
    "shopping bags",
    "plastic bag",
    "none",
    "n/a",
    "运费",
    "邮费",
    "快递费",
    "手续费",
    "购物袋",
    "塑料袋",
    "包装袋",
];

impl Transactions {
    /// Baskets from lists of item names (duplicates within a basket count once; empty baskets
    /// are kept and count in N).
    ///
    /// ```
    /// use clientele::basket::Transactions;
    /// let tx = Transactions::from_baskets(&[vec!["milk", "bread"], vec!["bread", "bread"]]);
    /// assert_eq!(tx.len(), 2);
    /// assert_eq!(tx.items, ["bread", "milk"]);
    /// assert_eq!(tx.basket(1), &[0]);
    /// ```
    pub fn from_baskets<S: AsRef<str>>(baskets: &[Vec<S>]) -> Transactions {
        let mut names: FxHashMap<&str, u32> = FxHashMap::default();
        let mut raw_names: Vec<&str> = Vec::new();
        let mut offsets = vec![0u32];
        let mut data = Vec::new();
        for b in baskets {
            for s in b {
                let s = s.as_ref();
                let id = *names.entry(s).or_insert_with(|| {
                    raw_names.push(s);
                    raw_names.len() as u32 - 1
                });
                data.push(id);
            }
            offsets.push(data.len() as u32);
        }
        let raw: Vec<String> = raw_names.into_iter().map(str::to_owned).collect();
        Self::finish(raw, offsets, data, None, None, Vec::new())
    }

    /// Baskets from basket-format text: one basket per line, items separated by commas, no
    /// header (arules' `groceries.csv`). Spaces are part of item names (`"cream cheese "`); a
    /// field may be double-quoted (`""` inside quotes is one quote). Blank lines are skipped; a
    /// trailing `\r` is dropped. Invalid UTF-8 is replaced by U+FFFD.
    ///
    /// ```
    /// use clientele::basket::Transactions;
    /// let tx = Transactions::from_basket_text(b"citrus fruit,margarine\r\n\nwhole milk,\"a, b\"\n");
    /// assert_eq!(tx.len(), 2);
    /// assert_eq!(tx.items, ["a, b", "citrus fruit", "margarine", "whole milk"]);
    /// ```
    pub fn from_basket_text(bytes: &[u8]) -> Transactions {
        // The records are split by ingest's CSV reader (RFC 4180 quoting, CRLF or LF).
        let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
        let mut baskets: Vec<Vec<String>> = Vec::new();
        let mut reader = RecordReader::new(b',');
        let mut on_record = |r: &Record<'_>| -> Result<(), ()> {
            let fields: Vec<String> = (0..r.len())
                .filter_map(|i| r.get(i))
                .map(|f| String::from_utf8_lossy(f).into_owned())
                .collect();
            if fields.iter().any(|f| !f.trim().is_empty()) {
                baskets.push(fields.into_iter().filter(|f| !f.is_empty()).collect());
            }
            Ok(())
        };
        // A record can only fail by exceeding 16 MiB; what was read before it is kept.
        let _ = reader.feed(bytes, &mut on_record).and_then(|()| reader.feed(b"", &mut on_record));
        Self::from_baskets(&baskets)
    }

    /// One basket per order of the purchase lines (returns are left out); items are the lines'
    /// products, each counted once per basket. Lines without a product are skipped. Files with
    /// no order column already have one order per customer and day (see [`LineItems`]). Each
    /// basket keeps its customer and the day of its earliest line.
    pub fn from_lines(lines: &LineItems, key: ItemKey) -> Result<Transactions, BasketError> {
        if key == ItemKey::Category {
            return Err(BasketError::NotAvailable { what: "product category column" });
        }
        let mut basket_of_order = vec![u32::MAX; lines.orders.len()];
        let mut line_basket: Vec<u32> = Vec::with_capacity(lines.len());
        let mut customer = Vec::new();
        let mut first_time: Vec<i64> = Vec::new();
        let mut sizes: Vec<u32> = Vec::new();
        for i in 0..lines.len() {
            if lines.kind[i] != LineKind::Purchase || lines.product[i] == NO_PRODUCT {
                line_basket.push(u32::MAX);
                continue;
            }
            let o = lines.order[i] as usize;
            let mut b = basket_of_order[o];
            if b == u32::MAX {
                b = customer.len() as u32;
                basket_of_order[o] = b;
                customer.push(lines.customer[i]);
                first_time.push(lines.time[i]);
                sizes.push(0);
            }
            let bi = b as usize;
            first_time[bi] = first_time[bi].min(lines.time[i]);
            sizes[bi] += 1;
            line_basket.push(b);
        }
        let mut offsets = Vec::with_capacity(sizes.len() + 1);
        offsets.push(0u32);
        for s in &sizes {
            offsets.push(offsets[offsets.len() - 1] + s);
        }
        let mut fill: Vec<u32> = offsets[..offsets.len() - 1].to_vec();
        let mut data = vec![0u32; offsets[offsets.len() - 1] as usize];
        // Products → dense raw ids in first-seen order.
        let mut raw_of_product: FxHashMap<u32, u32> = FxHashMap::default();
        let mut raw: Vec<String> = Vec::new();
        for (i, &b) in line_basket.iter().enumerate() {
            if b == u32::MAX {
                continue;
            }
            let p = lines.product[i];
            let id = *raw_of_product.entry(p).or_insert_with(|| {
                raw.push(lines.products.name(p).to_owned());
                raw.len() as u32 - 1
            });
            let slot = &mut fill[b as usize];
            data[*slot as usize] = id;
            *slot += 1;
        }
        // Customers: keep only those with baskets, in first-seen order.
        let mut cust_index: FxHashMap<u32, u32> = FxHashMap::default();
        let mut customers = Vec::new();
        for c in customer.iter_mut() {
            let next = cust_index.len() as u32;
            let idx = *cust_index.entry(*c).or_insert_with(|| {
                customers.push(lines.customers.name(*c).to_owned());
                next
            });
            *c = idx;
        }
        let day = first_time.iter().map(|t| t.div_euclid(crate::ingest::values::DAY) as i32).collect();
        Ok(Self::finish(raw, offsets, data, Some(customer), Some(day), customers))
    }

    /// Sorts item names, remaps ids, sorts and dedups each basket.
    fn finish(
        raw: Vec<String>,
        offsets: Vec<u32>,
        mut data: Vec<u32>,
        customer: Option<Vec<u32>>,
        day: Option<Vec<i32>>,
        customers: Vec<String>,
    ) -> Transactions {
        let mut order: Vec<u32> = (0..raw.len() as u32).collect();
        order.sort_unstable_by(|&a, &b| raw[a as usize].cmp(&raw[b as usize]));
        let mut new_id = vec![0u32; raw.len()];
        for (new, &old) in order.iter().enumerate() {
            new_id[old as usize] = new as u32;
        }
        let mut raw: Vec<Option<String>> = raw.into_iter().map(Some).collect();
        let items: Vec<String> = order.iter().map(|&o| raw[o as usize].take().unwrap_or_default()).collect();
        for x in data.iter_mut() {
            *x = new_id[*x as usize];
        }
        // Sort and dedup in place, compacting.
        let mut out_offsets = Vec::with_capacity(offsets.len());
        out_offsets.push(0u32);
        let mut w = 0usize;
        for win in offsets.windows(2) {
            let (a, b) = (win[0] as usize, win[1] as usize);
            data[a..b].sort_unstable();
            let mut last = u32::MAX;
            for r in a..b {
                let x = data[r];
                if x != last {
                    data[w] = x;
                    w += 1;
                    last = x;
                }
            }
            out_offsets.push(w as u32);
        }
        data.truncate(w);
        data.shrink_to_fit();
        Transactions { items, offsets: out_offsets, data, customer, day, customers }
    }

    /// Number of baskets.
    pub fn len(&self) -> usize {
        self.offsets.len() - 1
    }

    /// Whether there are no baskets.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The sorted, distinct item ids of basket `i`.
    pub fn basket(&self, i: usize) -> &[u32] {
        &self.data[self.offsets[i] as usize..self.offsets[i + 1] as usize]
    }

    /// All baskets in order.
    pub fn baskets(&self) -> impl Iterator<Item = &[u32]> + '_ {
        self.offsets.windows(2).map(move |w| &self.data[w[0] as usize..w[1] as usize])
    }

    /// Total item occurrences (sum of basket sizes).
    pub fn nnz(&self) -> usize {
        self.data.len()
    }

    /// The id of an item name.
    pub fn item_id(&self, name: &str) -> Option<u32> {
        self.items.binary_search_by(|n| n.as_str().cmp(name)).ok().map(|i| i as u32)
    }

    /// Baskets containing each item, by id.
    pub fn item_counts(&self) -> Vec<u32> {
        let mut c = vec![0u32; self.items.len()];
        for &x in &self.data {
            c[x as usize] += 1;
        }
        c
    }

    /// The same baskets without the named items. Baskets left empty are dropped (a basket of
    /// postage alone is not a basket); ids and names of the other items are unchanged. Unknown
    /// names are an error, so a typo does not pass silently.
    pub fn exclude<S: AsRef<str>>(&self, names: &[S]) -> Result<Transactions, BasketError> {
        let mut drop = vec![false; self.items.len()];
        for n in names {
            let id = self.item_id(n.as_ref()).ok_or_else(|| BasketError::UnknownItem { name: n.as_ref().to_owned() })?;
            drop[id as usize] = true;
        }
        let mut out = Transactions {
            items: self.items.clone(),
            offsets: vec![0],
            data: Vec::with_capacity(self.data.len()),
            customer: self.customer.as_ref().map(|_| Vec::new()),
            day: self.day.as_ref().map(|_| Vec::new()),
            customers: self.customers.clone(),
        };
        for (i, b) in self.baskets().enumerate() {
            let before = out.data.len();
            out.data.extend(b.iter().copied().filter(|&x| !drop[x as usize]));
            if out.data.len() == before && !b.is_empty() {
                continue;
            }
            out.offsets.push(out.data.len() as u32);
            if let (Some(dst), Some(src)) = (out.customer.as_mut(), self.customer.as_ref()) {
                dst.push(src[i]);
            }
            if let (Some(dst), Some(src)) = (out.day.as_mut(), self.day.as_ref()) {
                dst.push(src[i]);
            }
        }
        Ok(out)
    }

    /// Only the baskets for which `keep(basket index)` holds (for example one segment's
    /// customers). Item ids are unchanged.
    pub fn filter_baskets(&self, mut keep: impl FnMut(usize) -> bool) -> Transactions {
        let mut out = Transactions {
            items: self.items.clone(),
            offsets: vec![0],
            data: Vec::new(),
            customer: self.customer.as_ref().map(|_| Vec::new()),
            day: self.day.as_ref().map(|_| Vec::new()),
            customers: self.customers.clone(),
        };
        for (i, b) in self.baskets().enumerate() {
            if !keep(i) {
                continue;
            }
            out.data.extend_from_slice(b);
            out.offsets.push(out.data.len() as u32);
            if let (Some(dst), Some(src)) = (out.customer.as_mut(), self.customer.as_ref()) {
                dst.push(src[i]);
            }
            if let (Some(dst), Some(src)) = (out.day.as_mut(), self.day.as_ref()) {
                dst.push(src[i]);
            }
        }
        out
    }

    /// Items that are probably not products, most frequent first: known fee, postage and bag
    /// names; letter-only codes when the other item names are codes with digits (Online Retail's
    /// `POST`, `DOT`, `M`); and any item in at least `min_share` of the baskets.
    pub fn suggest_exclusions(&self, min_share: f64) -> Vec<ExclusionSuggestion> {
        let counts = self.item_counts();
        let n = self.len().max(1) as f64;
        let with_digit = self.items.iter().filter(|s| s.chars().any(|c| c.is_ascii_digit())).count();
        let codes = !self.items.is_empty() && with_digit as f64 >= 0.9 * self.items.len() as f64;
        let mut out = Vec::new();
        for (id, name) in self.items.iter().enumerate() {
            if counts[id] == 0 {
                continue;
            }
            let share = counts[id] as f64 / n;
            let lower = name.trim().to_lowercase();
            let reason = if NON_PRODUCT_NAMES.contains(&lower.as_str()) {
                ExclusionReason::FeeOrBagName
            } else if codes && !name.chars().any(|c| c.is_ascii_digit()) {
                ExclusionReason::NonProductCode
            } else if share >= min_share {
                ExclusionReason::InManyBaskets
            } else {
                continue;
            };
            out.push(ExclusionSuggestion { item: id as u32, name: name.clone(), share, reason });
        }
        out.sort_by(|a, b| b.share.total_cmp(&a.share).then(a.item.cmp(&b.item)));
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn basket_text_keeps_trailing_spaces_and_dedups() {
        let tx = Transactions::from_basket_text(b"cream cheese ,milk,milk\nmilk\n");
        assert_eq!(tx.items, ["cream cheese ", "milk"]);
        assert_eq!(tx.basket(0), &[0, 1]);
        assert_eq!(tx.item_counts(), [1, 2]);
        assert_eq!(tx.item_id("cream cheese"), None);
    }

    #[test]
    fn exclusion_drops_items_and_empty_baskets() {
        let tx = Transactions::from_baskets(&[vec!["POST", "22423"], vec!["POST"], vec!["85123A"]]);
        let ex = tx.exclude(&["POST"]).expect("known item");
        assert_eq!(ex.len(), 2);
        assert!(tx.exclude(&["nope"]).is_err());
        let s = tx.suggest_exclusions(0.9);
        assert_eq!(s.len(), 1);
        assert_eq!((s[0].name.as_str(), s[0].reason), ("POST", ExclusionReason::FeeOrBagName));
    }
}
