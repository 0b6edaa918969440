//! Baskets: from the columnar store (one basket per order, or one per line of a basket-format
//! file).

use crate::sort;
use rustc_hash::FxHashMap;
use serde::{Deserialize, Serialize};

use super::BasketError;
use crate::model::{LineItems, LineKind, NO_CUSTOMER, NO_PRODUCT, NO_VALUE};

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
    /// Display name of each item by id (the product name column when the file had one beside
    /// the product id); empty when the names are the ids (see [`Transactions::label`]).
    pub labels: Vec<String>,
    /// Price evidence of each item by id (from the lines); empty for basket-format input.
    pub pricing: Vec<ItemPricing>,
    /// What one basket is.
    pub unit: BasketUnit,
    /// Guest purchase lines left out because there is no order id to group them by (a guest's
    /// customer-day is not a basket: every guest would share it).
    pub guest_lines_skipped: u64,
}

/// The customer index of a basket bought by a guest (no customer id): such baskets count for
/// itemsets and rules but not for sequences or recommendations.
pub const GUEST: u32 = NO_CUSTOMER;

/// What one basket is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum BasketUnit {
    /// An order (invoice, receipt) of the file's order id column.
    #[default]
    Order,
    /// A customer's purchases of one calendar day (the file has no order id column).
    CustomerDay,
    /// A line of a basket-format file (items separated by commas).
    Line,
}

/// How an item is priced over its purchase lines: the evidence behind a "priced as a fee"
/// exclusion suggestion.
#[derive(Debug, Clone, Copy, PartialEq, Default, Serialize)]
pub struct ItemPricing {
    /// Purchase lines with a positive quantity and amount.
    pub lines: u32,
    /// Of those, lines with a quantity of exactly 1.
    pub single_unit_lines: u32,
    /// Mean unit price (amount / quantity).
    pub mean_unit_price: f64,
    /// Coefficient of variation of the unit price (standard deviation / mean), 0 for one line.
    pub unit_price_cv: f64,
}

/// Why an item is suggested for exclusion.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ExclusionReason {
    /// Its name says there is no product (`NONE`, `N/A`, `-`, `?`, `未知`, `无`; see
    /// [`crate::ingest::placeholder::is_placeholder`]).
    Placeholder,
    /// Its name is a known non-product (postage, a fee, a carrier bag).
    FeeOrBagName,
    /// The item names are product codes with digits, and this one has none (`POST`, `DOT`, `M`).
    NonProductCode,
    /// Priced as a fee: sold one at a time, at a price that changes from order to order (a
    /// postage or service charge computed per order), on at least 5 lines.
    FeePricing,
    /// A cheap add-on in many baskets: its unit price is at most 5% of the median item's and it
    /// is in at least 5% of the baskets (a carrier bag).
    CheapAddOn,
    /// It is in at least the given share of baskets.
    InManyBaskets,
}

/// An item that is probably not a product.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ExclusionSuggestion {
    pub item: u32,
    pub name: String,
    /// Display name (the product name), or the name again.
    pub label: String,
    /// Share of baskets that contain it.
    pub share: f64,
    pub reason: ExclusionReason,
    /// Mean unit price, when the baskets come from priced lines.
    pub mean_unit_price: Option<f64>,
    /// Coefficient of variation of the unit price, when known.
    pub unit_price_cv: Option<f64>,
}

/// Names that are a non-product when they are the item's whole name (trimmed, lower-cased):
/// generic words for a fee, a carriage charge, a discount or adjustment line, samples, a bag, or
/// no item at all, in English, German, French, Spanish, Italian, Dutch, Japanese and Chinese.
/// Nothing here is one shop's item code: codes are judged by their shape
/// ([`ExclusionReason::NonProductCode`]) and fees also by their pricing.
const NON_PRODUCT_NAMES: &[&str] = &[
    // English.
    "fee",
    "fees",
    "charge",
    "charges",
    "carriage",
    "postage",
    "shipping",
    "delivery",
    "freight",
    "discount",
    "adjustment",
    "manual",
    "samples",
    "sample",
    "bag",
    "bags",
    "none",
    "n/a",
    "tip",
    "tips",
    "gratuity",
    "deposit",
    // German, French, Spanish, Italian, Dutch.
    "versand",
    "porto",
    "gebühr",
    "gebühren",
    "rabatt",
    "pfand",
    "tüte",
    "livraison",
    "frais",
    "remise",
    "sac",
    "envío",
    "envio",
    "comisión",
    "descuento",
    "bolsa",
    "spedizione",
    "sconto",
    "busta",
    "sacchetto",
    "verzending",
    "korting",
    "tas",
    // Japanese, Chinese.
    "送料",
    "手数料",
    "値引き",
    "レジ袋",
    "运费",
    "邮费",
    "快递费",
    "手续费",
    "折扣",
    "购物袋",
    "塑料袋",
    "包装袋",
];

/// Words that make a name a non-product when the name ends with them ("AMAZON FEE", "Bank
/// Charges", "Next Day Carriage", "DOTCOM POSTAGE"): a product is named by what it is, and
/// these words name a charge. Only the last word counts, so "CARRIAGE CLOCK" and "COFFEE" stay
/// products.
const FEE_LAST_WORDS: &[&str] = &[
    "fee",
    "fees",
    "charge",
    "charges",
    "surcharge",
    "commission",
    "carriage",
    "postage",
    "shipping",
    "freight",
    "gebühr",
    "gebühren",
    "versandkosten",
    "lieferkosten",
    "versand",
    "porto",
    "frais",
    "comisión",
    "envío",
];

/// Phrases that make a name a non-product wherever they appear in it, in several languages
/// (bags only with a qualifier, so "JUMBO BAG RED RETROSPOT" and 垃圾袋 stay products; the CJK
/// words are whole compounds, as those scripts have no spaces).
const FEE_PHRASES: &[&str] = &[
    "postage",
    "shipping fee",
    "shipping charge",
    "shipping cost",
    "delivery charge",
    "delivery fee",
    "service charge",
    "handling fee",
    "bank charges",
    "carrier bag",
    "versandkosten",
    "frais de port",
    "frais de livraison",
    "gastos de envío",
    "gastos de envio",
    "spese di spedizione",
    "verzendkosten",
    "送料",
    "手数料",
    "运费",
    "邮费",
    "快递费",
    "手续费",
    "包装费",
    "配送费",
    "购物袋",
    "包装袋",
    "塑料袋",
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

    /// The baskets of a basket-format file, read by the ingest session (one record is one basket:
    /// `Session::read_basket_text`, or `FileOptions::baskets`): one basket per line
    /// ([`BasketUnit::Line`]) with its distinct items, and no customer or day, since such a file
    /// has neither. Items are taken as written, spaces included (`"cream cheese "`); blank cells
    /// are skipped.
    ///
    /// ```
    /// use clientele::basket::{BasketUnit, Transactions};
    /// use clientele::Session;
    /// let mut s = Session::default();
    /// s.read_basket_text("baskets.csv", b"citrus fruit,margarine\r\n\nwhole milk,\"a, b\"\n").unwrap();
    /// let tx = Transactions::from_basket_lines(s.lines()).unwrap();
    /// assert_eq!(tx.len(), 2);
    /// assert_eq!(tx.items, ["a, b", "citrus fruit", "margarine", "whole milk"]);
    /// assert_eq!((tx.unit, tx.customer.is_none()), (BasketUnit::Line, true));
    /// ```
    pub fn from_basket_lines(lines: &LineItems) -> Result<Transactions, BasketError> {
        let mut tx = Self::from_lines(lines, ItemKey::Product)?;
        tx.unit = BasketUnit::Line;
        tx.customer = None;
        tx.day = None;
        tx.customers.clear();
        tx.pricing.clear();
        Ok(tx)
    }

    /// One basket per order of the purchase lines (returns are left out); items are the lines'
    /// products (or their categories, with [`ItemKey::Category`]), each counted once per basket.
    /// Lines without a product (or category) are skipped. Files with no order column already
    /// have one order per customer and day (see [`LineItems`]); guest lines of such files are
    /// skipped and counted in `guest_lines_skipped`, since all guests would share one
    /// "customer-day". Guest baskets with an order id are kept, with the customer [`GUEST`].
    /// Each basket keeps its customer and the day of its earliest line; each item its display
    /// name ([`LineItems::product_label`]) and its price evidence.
    ///
    /// Refused with [`BasketError::OrderLevel`] when every file is one row per order without a
    /// product column (nothing to mine), and with [`BasketError::NotAvailable`] for categories without a category column.
    pub fn from_lines(lines: &LineItems, key: ItemKey) -> Result<Transactions, BasketError> {
        // One row per order with products (every basket a single item) still gives customers'
        // sequences; only without any product is there nothing at all. Rule mining checks
        // `columns.order_level` itself.
        if lines.columns.order_level && !lines.columns.product {
            return Err(BasketError::OrderLevel);
        }
        if key == ItemKey::Category && !lines.columns.category {
            return Err(BasketError::NotAvailable { what: "product category column" });
        }
        let item_of = |i: usize| -> u32 {
            match key {
                ItemKey::Product => lines.product.at(i),
                ItemKey::Category if lines.category.at(i) == NO_VALUE => NO_PRODUCT,
                ItemKey::Category => lines.category.at(i),
            }
        };
        let unit = if lines.columns.order_id { BasketUnit::Order } else { BasketUnit::CustomerDay };
        let mut guest_lines_skipped = 0u64;
        let mut basket_of_order = vec![u32::MAX; lines.orders.len()];
        let mut line_basket: Vec<u32> = Vec::with_capacity(lines.len());
        let mut customer = Vec::new();
        let mut first_time: Vec<i64> = Vec::new();
        let mut sizes: Vec<u32> = Vec::new();
        for i in 0..lines.len() {
            if lines.kind[i] != LineKind::Purchase || item_of(i) == NO_PRODUCT {
                line_basket.push(u32::MAX);
                continue;
            }
            if lines.customer[i] == NO_CUSTOMER && unit == BasketUnit::CustomerDay {
                guest_lines_skipped += 1;
                line_basket.push(u32::MAX);
                continue;
            }
            let o = lines.order[i] as usize;
            let mut b = basket_of_order[o];
            if b == u32::MAX {
                b = customer.len() as u32;
                basket_of_order[o] = b;
                customer.push(lines.customer[i]);
                first_time.push(lines.time.at(i));
                sizes.push(0);
            }
            let bi = b as usize;
            first_time[bi] = first_time[bi].min(lines.time.at(i));
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
        // Products (or categories) → dense raw ids in first-seen order, with price sums.
        let mut raw_of_key: FxHashMap<u32, u32> = FxHashMap::default();
        let mut raw: Vec<String> = Vec::new();
        let mut raw_labels: Vec<String> = Vec::new();
        // (lines, single-unit lines, Σ price, Σ price²) per raw id.
        let mut price: Vec<(u32, u32, f64, f64)> = Vec::new();
        for (i, &b) in line_basket.iter().enumerate() {
            if b == u32::MAX {
                continue;
            }
            let k = item_of(i);
            let id = *raw_of_key.entry(k).or_insert_with(|| {
                match key {
                    ItemKey::Product => {
                        raw.push(lines.products.name(k).to_owned());
                        raw_labels.push(lines.product_label(k).to_owned());
                    }
                    ItemKey::Category => {
                        raw.push(lines.categories.name(k).to_owned());
                        raw_labels.push(String::new());
                    }
                }
                price.push((0, 0, 0.0, 0.0));
                raw.len() as u32 - 1
            });
            let (q, a) = (lines.quantity.at(i), lines.amount.at(i));
            if q > 0.0 && a > 0.0 && q.is_finite() && a.is_finite() {
                let p = &mut price[id as usize];
                let unit_price = a / q;
                p.0 += 1;
                p.1 += u32::from(q == 1.0);
                p.2 += unit_price;
                p.3 += unit_price * unit_price;
            }
            let slot = &mut fill[b as usize];
            data[*slot as usize] = id;
            *slot += 1;
        }
        // Customers: keep only those with baskets, in first-seen order; guests stay GUEST.
        let mut cust_index: FxHashMap<u32, u32> = FxHashMap::default();
        let mut customers = Vec::new();
        for c in customer.iter_mut() {
            if *c == NO_CUSTOMER {
                *c = GUEST;
                continue;
            }
            let next = cust_index.len() as u32;
            let idx = *cust_index.entry(*c).or_insert_with(|| {
                customers.push(lines.customers.name(*c).to_owned());
                next
            });
            *c = idx;
        }
        let day = first_time.iter().map(|t| t.div_euclid(crate::time::DAY) as i32).collect();
        let (mut tx, new_id) = Self::finish_with_ids(raw, offsets, data, Some(customer), Some(day), customers);
        let n_items = tx.items.len();
        if raw_labels.iter().zip(&tx.items).any(|(l, _)| !l.is_empty()) {
            let mut labels = vec![String::new(); n_items];
            for (old, l) in raw_labels.into_iter().enumerate() {
                labels[new_id[old] as usize] = l;
            }
            // A label equal to the name adds nothing.
            for (l, n) in labels.iter_mut().zip(&tx.items) {
                if l == n {
                    l.clear();
                }
            }
            if labels.iter().any(|l| !l.is_empty()) {
                tx.labels = labels;
            }
        }
        let mut pricing = vec![ItemPricing::default(); n_items];
        for (old, &(n, single, sum, sum2)) in price.iter().enumerate() {
            let p = &mut pricing[new_id[old] as usize];
            p.lines = n;
            p.single_unit_lines = single;
            if n > 0 {
                let mean = sum / n as f64;
                p.mean_unit_price = mean;
                let var = (sum2 / n as f64 - mean * mean).max(0.0);
                p.unit_price_cv = if mean > 0.0 && n > 1 { var.sqrt() / mean } else { 0.0 };
            }
        }
        tx.pricing = pricing;
        tx.unit = unit;
        tx.guest_lines_skipped = guest_lines_skipped;
        Ok(tx)
    }

    /// The display name of item `id`: its product name when the file had one, else its name.
    pub fn label(&self, id: u32) -> &str {
        match self.labels.get(id as usize) {
            Some(l) if !l.is_empty() => l,
            _ => &self.items[id as usize],
        }
    }

    /// Baskets bought by guests (customer [`GUEST`]).
    pub fn guest_baskets(&self) -> usize {
        self.customer.as_ref().map_or(0, |c| c.iter().filter(|&&c| c == GUEST).count())
    }

    /// Sorts item names, remaps ids, sorts and dedups each basket.
    fn finish(
        raw: Vec<String>,
        offsets: Vec<u32>,
        data: Vec<u32>,
        customer: Option<Vec<u32>>,
        day: Option<Vec<i32>>,
        customers: Vec<String>,
    ) -> Transactions {
        Self::finish_with_ids(raw, offsets, data, customer, day, customers).0
    }

    /// [`Transactions::finish`], also returning the new id of each raw id.
    fn finish_with_ids(
        raw: Vec<String>,
        offsets: Vec<u32>,
        mut data: Vec<u32>,
        customer: Option<Vec<u32>>,
        day: Option<Vec<i32>>,
        customers: Vec<String>,
    ) -> (Transactions, Vec<u32>) {
        let mut order: Vec<u32> = (0..raw.len() as u32).collect();
        // Raw names are distinct (one raw id per name or interned key), so no two compare equal.
        sort::sort_total_by(&mut order, |&a, &b| raw[a as usize].cmp(&raw[b as usize]));
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
            sort::sort_hot(&mut data[a..b]);
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
        let tx = Transactions { items, offsets: out_offsets, data, customer, day, customers, ..Default::default() };
        (tx, new_id)
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
            let id =
                self.item_id(n.as_ref()).ok_or_else(|| BasketError::UnknownItem { name: n.as_ref().to_owned() })?;
            drop[id as usize] = true;
        }
        let mut out = Transactions {
            items: self.items.clone(),
            offsets: vec![0],
            data: Vec::with_capacity(self.data.len()),
            customer: self.customer.as_ref().map(|_| Vec::new()),
            day: self.day.as_ref().map(|_| Vec::new()),
            customers: self.customers.clone(),
            labels: self.labels.clone(),
            pricing: self.pricing.clone(),
            unit: self.unit,
            guest_lines_skipped: self.guest_lines_skipped,
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
            labels: self.labels.clone(),
            pricing: self.pricing.clone(),
            unit: self.unit,
            guest_lines_skipped: self.guest_lines_skipped,
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

    /// Items that are probably not products, most frequent first, each with the evidence:
    ///
    /// - [`ExclusionReason::Placeholder`]: the item's name (not a display name beside a product
    ///   code) says there is no product (`NONE`, `N/A`, `?`, `未知`...), whatever its share;
    /// - [`ExclusionReason::FeeOrBagName`]: the item's name or display name says it is a
    ///   charge, in one of several languages: a generic fee, postage, discount or bag word as
    ///   the whole name (`Carriage`, `Versand`, 运费), a name ending with a fee word (`AMAZON
    ///   FEE`, `Bank Charges`, `DOTCOM POSTAGE`) or holding a fee phrase (`frais de port`,
    ///   `gastos de envío`, 送料, 购物袋…);
    /// - [`ExclusionReason::NonProductCode`]: letter-only codes when nearly all item names are
    ///   codes with digits (as Online Retail's `POST`, `DOT`, `M` among its `85123A`s);
    /// - [`ExclusionReason::FeePricing`]: sold one at a time (≥ 95% of at least 5 lines) at a
    ///   unit price that varies from order to order (coefficient of variation ≥ 0.5), as a
    ///   charge computed per order is;
    /// - [`ExclusionReason::CheapAddOn`]: unit price at most 5% of the median item's and in at
    ///   least 5% of the baskets (carrier bags);
    /// - [`ExclusionReason::InManyBaskets`]: in at least `min_share` of the baskets (it carries
    ///   little information: every rule could end with it).
    ///
    /// The first reason that applies is given. Suggestions only: nothing is excluded until the
    /// user says so ([`Transactions::exclude`]).
    pub fn suggest_exclusions(&self, min_share: f64) -> Vec<ExclusionSuggestion> {
        let counts = self.item_counts();
        let n = self.len().max(1) as f64;
        let with_digit = self.items.iter().filter(|s| s.chars().any(|c| c.is_ascii_digit())).count();
        let codes = !self.items.is_empty() && with_digit as f64 >= 0.9 * self.items.len() as f64;
        let median_price = {
            let mut p: Vec<f64> = self.pricing.iter().filter(|p| p.lines > 0).map(|p| p.mean_unit_price).collect();
            sort::sort_total_by(&mut p, f64::total_cmp);
            p.get(p.len() / 2).copied()
        };
        let mut out = Vec::new();
        for (id, name) in self.items.iter().enumerate() {
            if counts[id] == 0 {
                continue;
            }
            let share = counts[id] as f64 / n;
            let label = self.label(id as u32);
            let pricing = self.pricing.get(id).filter(|p| p.lines > 0);
            // The item itself, not its display name: a product code whose first name seen was
            // `?` is a product with a bad name, not a placeholder.
            let reason = if crate::ingest::placeholder::is_placeholder(name) {
                ExclusionReason::Placeholder
            } else if is_fee_name(name) || is_fee_name(label) {
                ExclusionReason::FeeOrBagName
            } else if codes && !name.chars().any(|c| c.is_ascii_digit()) {
                ExclusionReason::NonProductCode
            } else if pricing.is_some_and(|p| {
                p.lines >= 5 && p.single_unit_lines as f64 >= 0.95 * p.lines as f64 && p.unit_price_cv >= 0.5
            }) {
                ExclusionReason::FeePricing
            } else if share >= 0.05
                && pricing.zip(median_price).is_some_and(|(p, m)| m > 0.0 && p.mean_unit_price <= 0.05 * m)
            {
                ExclusionReason::CheapAddOn
            } else if share >= min_share {
                ExclusionReason::InManyBaskets
            } else {
                continue;
            };
            out.push(ExclusionSuggestion {
                item: id as u32,
                name: name.clone(),
                label: label.to_owned(),
                share,
                reason,
                mean_unit_price: pricing.map(|p| p.mean_unit_price),
                unit_price_cv: pricing.map(|p| p.unit_price_cv),
            });
        }
        sort::sort_by(&mut out, |a, b| b.share.total_cmp(&a.share).then(a.item.cmp(&b.item)));
        out
    }
}

/// Whether a name is a non-product by its words: one of [`NON_PRODUCT_NAMES`] as the whole
/// name, ending with one of [`FEE_LAST_WORDS`], or containing one of [`FEE_PHRASES`].
fn is_fee_name(name: &str) -> bool {
    let lower = name.trim().to_lowercase();
    let last = lower.split(|c: char| !c.is_alphanumeric()).rfind(|w| !w.is_empty()).unwrap_or("");
    NON_PRODUCT_NAMES.contains(&lower.as_str())
        || FEE_LAST_WORDS.contains(&last)
        || FEE_PHRASES.iter().any(|w| lower.contains(w))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn placeholders_are_suggested_first_whatever_their_share() {
        let mut b: Vec<Vec<&str>> = (0..40).map(|i| vec!["Mug", if i % 2 == 0 { "Plate" } else { "Bowl" }]).collect();
        b.push(vec!["NONE", "Mug"]);
        b.push(vec!["n/a"]);
        b.push(vec!["未知", "Plate"]);
        let tx = Transactions::from_baskets(&b);
        let all = tx.suggest_exclusions(0.9);
        let s: Vec<(&str, ExclusionReason)> = all.iter().map(|s| (s.name.as_str(), s.reason)).collect();
        assert_eq!(
            s,
            [
                ("Mug", ExclusionReason::InManyBaskets),
                ("NONE", ExclusionReason::Placeholder),
                ("n/a", ExclusionReason::Placeholder),
                ("未知", ExclusionReason::Placeholder),
            ]
        );
    }

    #[test]
    fn exclusion_drops_items_and_empty_baskets() {
        let tx = Transactions::from_baskets(&[vec!["Postage", "22423"], vec!["Postage"], vec!["85123A"]]);
        let ex = tx.exclude(&["Postage"]).expect("known item");
        assert_eq!(ex.len(), 2);
        assert!(tx.exclude(&["nope"]).is_err());
        let s = tx.suggest_exclusions(0.9);
        assert_eq!(s.len(), 1);
        assert_eq!((s[0].name.as_str(), s[0].reason), ("Postage", ExclusionReason::FeeOrBagName));
    }

    fn store(order_id: bool) -> LineItems {
        use crate::model::Line;
        let mut l = LineItems::default();
        l.columns.order_id = order_id;
        l.columns.category = true;
        l.columns.product = true;
        let alice = l.customers.intern("alice");
        let (tea, cup, fee) = (l.products.intern("P1"), l.products.intern("P2"), l.products.intern("P9"));
        l.product_names = vec![Some("Green tea".into()), Some("Cup".into()), Some("运费".into())];
        let (drink, ware) = (l.categories.intern("Drinks"), l.categories.intern("Tableware"));
        let mut push = |customer, order: &str, day: i64, product, category, q: f64, price: f64| {
            let o = l.orders.intern(order);
            let mut line = Line::new(customer, o, day * crate::time::DAY, product, q, q * price, LineKind::Purchase);
            line.category = category;
            l.push_line(line);
        };
        push(alice, "o1", 1, tea, drink, 2.0, 30.0);
        push(alice, "o1", 1, cup, ware, 1.0, 10.0);
        push(alice, "o1", 1, fee, NO_VALUE, 1.0, 5.0);
        push(NO_CUSTOMER, "o2", 2, tea, drink, 1.0, 30.0);
        push(NO_CUSTOMER, "o2", 2, fee, NO_VALUE, 1.0, 12.0);
        l
    }

    #[test]
    fn lines_give_labels_categories_guests_and_fee_suggestions() {
        let l = store(true);
        let tx = Transactions::from_lines(&l, ItemKey::Product).expect("baskets");
        assert_eq!((tx.len(), tx.guest_baskets(), tx.unit), (2, 1, BasketUnit::Order));
        assert_eq!(tx.items, ["P1", "P2", "P9"]);
        assert_eq!((tx.label(0), tx.label(2)), ("Green tea", "运费"));
        assert_eq!(tx.customers, ["alice"]);
        assert_eq!(tx.customer.as_deref(), Some(&[0, GUEST][..]));
        let s = tx.suggest_exclusions(0.9);
        let got: Vec<_> = s.iter().map(|s| (s.name.as_str(), s.label.as_str(), s.reason)).collect();
        assert_eq!(
            got,
            [("P1", "Green tea", ExclusionReason::InManyBaskets), ("P9", "运费", ExclusionReason::FeeOrBagName)]
        );
        assert_eq!(s[1].mean_unit_price, Some(8.5));
        // Guests count for baskets, not for sequences.
        let seqs = super::super::Sequences::from_transactions(&tx).expect("sequences");
        assert_eq!(seqs.len(), 1);

        let cats = Transactions::from_lines(&l, ItemKey::Category).expect("categories");
        assert_eq!(cats.items, ["Drinks", "Tableware"]);
        assert_eq!(cats.basket(0), &[0, 1]);
        assert!(cats.labels.is_empty());

        // Without order ids a guest's "customer-day" is no basket.
        let tx = Transactions::from_lines(&store(false), ItemKey::Product).expect("baskets");
        assert_eq!((tx.len(), tx.guest_lines_skipped, tx.unit), (1, 2, BasketUnit::CustomerDay));

        let mut order_level = store(true);
        order_level.columns.order_level = true;
        assert!(Transactions::from_lines(&order_level, ItemKey::Product).is_ok());
        order_level.columns.product = false;
        assert_eq!(Transactions::from_lines(&order_level, ItemKey::Product), Err(BasketError::OrderLevel));
        let mut no_cat = store(true);
        no_cat.columns.category = false;
        assert!(matches!(Transactions::from_lines(&no_cat, ItemKey::Category), Err(BasketError::NotAvailable { .. })));
    }

    #[test]
    fn fee_pricing_and_cheap_add_ons_are_suggested() {
        let mut tx = Transactions::from_baskets(&[vec!["A1", "X9"], vec!["B2", "X9"], vec!["A1", "BAG1"], vec!["B2"]]);
        tx.pricing = vec![
            ItemPricing { lines: 10, single_unit_lines: 3, mean_unit_price: 20.0, unit_price_cv: 0.1 },
            ItemPricing { lines: 10, single_unit_lines: 3, mean_unit_price: 30.0, unit_price_cv: 0.0 },
            ItemPricing { lines: 10, single_unit_lines: 10, mean_unit_price: 0.5, unit_price_cv: 0.0 },
            ItemPricing { lines: 10, single_unit_lines: 10, mean_unit_price: 14.0, unit_price_cv: 0.8 },
        ];
        let s = tx.suggest_exclusions(0.9);
        let got: Vec<_> = s.iter().map(|s| (s.name.as_str(), s.reason)).collect();
        assert_eq!(got, [("X9", ExclusionReason::FeePricing), ("BAG1", ExclusionReason::CheapAddOn)]);
        // Bags with a qualifier are products: no suggestion by name.
        assert!(!is_fee_name("JUMBO BAG RED RETROSPOT") && !is_fee_name("垃圾袋") && is_fee_name("DOTCOM POSTAGE"));
        // Fee words count as the whole name, the last word or a phrase, not inside another word
        // or before what the product is.
        for fee in [
            "AMAZON FEE",
            "Bank Charges",
            "Next Day Carriage",
            "Versandkosten",
            "Frais de port",
            "Gastos de envío",
            "送料",
            "CARRIAGE",
        ] {
            assert!(is_fee_name(fee), "{fee}");
        }
        for product in
            ["COFFEE BEANS", "Feeding Bottle", "CARRIAGE CLOCK", "FRENCH CARRIAGE LANTERN", "Bin Bags", "POST", "M"]
        {
            assert!(!is_fee_name(product), "{product}");
        }
    }

    #[test]
    fn one_basket_line_of_200000_distinct_items_is_sorted_and_deduplicated() {
        // Reported as taking 20 s (quadratic); building the basket is a sort and a dedup. Every
        // item twice: in a scrambled order (multiplication by a unit modulo a prime), then reversed.
        let (n, p) = (200_000_u64, 200_003_u64);
        let ids: Vec<u64> = (1..=n).map(|i| i * 7_919 % p).collect();
        let names: Vec<String> = ids.iter().chain(ids.iter().rev()).map(|id| format!("item{id:06}")).collect();
        let line = names.join(",");
        let mut session = crate::Session::default();
        session.read_basket_text("one-line.csv", line.as_bytes()).unwrap();
        let tx = Transactions::from_basket_lines(session.lines()).unwrap();
        assert_eq!(tx.len(), 1);
        let basket = tx.basket(0);
        let distinct: std::collections::BTreeSet<&str> = line.split(',').collect();
        assert_eq!(distinct.len(), n as usize);
        assert_eq!(tx.items.len(), distinct.len());
        assert_eq!(basket.len(), distinct.len());
        assert!(basket.windows(2).all(|w| w[0] < w[1]), "basket ids sorted and distinct");
        assert!(tx.items.windows(2).all(|w| w[0] < w[1]), "item names sorted and distinct");
        assert!(tx.items.iter().map(String::as_str).eq(distinct.iter().copied()));
    }
}
