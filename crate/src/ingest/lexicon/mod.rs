//! Header words in twelve languages, one data table per language, and how a header name is cut
//! into words and matched against them.
//!
//! A header name is cut into words ([`words`]): at spaces and punctuation, at `snake_case` and
//! `camelCase` joints, between letters and digits, and around runs of CJK characters (Han, kana,
//! Hangul). A word of Latin or Cyrillic letters matches a table word when it is equal, when it
//! only adds an ending of up to two letters (`quantités`, `заказа`), or as a compound of known
//! parts (`Rechnungsnummer` = `rechnungs` + `nummer`, `klantnr`); a CJK run matches every CJK
//! table word it contains (`订单创建时间` holds `订单` and `创建时间`), a longer match hiding the
//! shorter ones inside it.
//!
//! Each table row is `(sense, word, weight)`: the sense is a role the word names by itself
//! (`Menge` → quantity), or a part that names one with another: an entity (`customer`, `Kunde`,
//! `会员`), an id word (`id`, `Nummer`, `番号`) or a name word (`name`, `名称`). An entity with an
//! id word names that entity's id (`Kundennummer`, `N° client`, `注文番号`); an entity alone
//! names it more weakly (`Rechnung`, `Client`); the weight says how specific a word is (1 for
//! `Kundennummer`, about 0.5 for `total`, `value`, `number`).

mod de;
mod en;
mod es;
mod fr;
mod it;
mod ja;
mod ko;
mod nl;
mod pt;
mod ru;
mod zh_hans;
mod zh_hant;

use crate::sort;
use std::collections::HashMap;
use std::sync::OnceLock;

use super::roles::Role;

/// What a header word says.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Sense {
    /// The word names a role by itself.
    Role(Role),
    /// A customer, member, buyer: with an id or name word, the customer id.
    Customer,
    /// An order, invoice, receipt, transaction: with an id word, the order id.
    Order,
    /// A product, item, article: with an id word the product id, with a name word its name.
    Product,
    /// An id word: `id`, `no`, `number`, `code`, `Nummer`, `编号`.
    Id,
    /// A name word: `name`, `title`, `名称`.
    Name,
}

/// One row of a language table.
pub(crate) type Entry = (Sense, &'static str, f32);

// Short names for the tables.
pub(super) const CUSTOMER: Sense = Sense::Customer;
pub(super) const ORDER: Sense = Sense::Order;
pub(super) const PRODUCT: Sense = Sense::Product;
pub(super) const ID: Sense = Sense::Id;
pub(super) const NAME: Sense = Sense::Name;
pub(super) const CUSTOMER_ID: Sense = Sense::Role(Role::CustomerId);
pub(super) const ORDER_ID: Sense = Sense::Role(Role::OrderId);
pub(super) const DATE: Sense = Sense::Role(Role::Datetime);
pub(super) const PRODUCT_ID: Sense = Sense::Role(Role::ProductId);
pub(super) const PRODUCT_NAME: Sense = Sense::Role(Role::ProductName);
pub(super) const CATEGORY: Sense = Sense::Role(Role::Category);
pub(super) const QUANTITY: Sense = Sense::Role(Role::Quantity);
pub(super) const UNIT_PRICE: Sense = Sense::Role(Role::UnitPrice);
pub(super) const AMOUNT: Sense = Sense::Role(Role::Amount);
pub(super) const REGION: Sense = Sense::Role(Role::Region);
pub(super) const CITY: Sense = Sense::Role(Role::City);
pub(super) const STATUS: Sense = Sense::Role(Role::Status);
pub(super) const REFUND: Sense = Sense::Role(Role::RefundAmount);
pub(super) const DISCOUNT: Sense = Sense::Role(Role::Discount);
pub(super) const COST: Sense = Sense::Role(Role::Cost);
pub(super) const STORE: Sense = Sense::Role(Role::Store);

/// Every language table, with its name.
pub(crate) const LANGUAGES: [(&str, &[Entry]); 12] = [
    ("en", en::WORDS),
    ("zh-Hans", zh_hans::WORDS),
    ("zh-Hant", zh_hant::WORDS),
    ("de", de::WORDS),
    ("fr", fr::WORDS),
    ("es", es::WORDS),
    ("it", it::WORDS),
    ("pt", pt::WORDS),
    ("nl", nl::WORDS),
    ("ru", ru::WORDS),
    ("ja", ja::WORDS),
    ("ko", ko::WORDS),
];

/// The tables merged for lookup.
struct Index {
    /// Single Latin or Cyrillic words.
    words: HashMap<&'static str, Vec<(Sense, f32)>>,
    /// Words of several words (`unit price`, `prix unitaire`), as their words.
    phrases: Vec<(Vec<&'static str>, Sense, f32)>,
    /// CJK words, longest first.
    cjk: Vec<(&'static str, Sense, f32)>,
}

fn index() -> &'static Index {
    static INDEX: OnceLock<Index> = OnceLock::new();
    INDEX.get_or_init(|| {
        let mut ix = Index { words: HashMap::new(), phrases: Vec::new(), cjk: Vec::new() };
        for (_, table) in LANGUAGES {
            for &(sense, word, weight) in table {
                if word.chars().any(is_cjk) {
                    ix.cjk.push((word, sense, weight));
                } else if word.contains(' ') {
                    ix.phrases.push((word.split(' ').collect(), sense, weight));
                } else {
                    ix.words.entry(word).or_default().push((sense, weight));
                }
            }
        }
        sort::sort_by(&mut ix.cjk, |a, b| b.0.chars().count().cmp(&a.0.chars().count()).then(a.0.cmp(b.0)));
        ix
    })
}

/// Whether a character is written in CJK runs: Han, kana, Hangul.
pub(crate) fn is_cjk(c: char) -> bool {
    matches!(c as u32,
        0x3040..=0x30FF | 0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xF900..=0xFAFF | 0xAC00..=0xD7AF | 0x1100..=0x11FF | 0x3130..=0x318F)
}

/// A word of a header name.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Word {
    pub(crate) text: String,
    pub(crate) cjk: bool,
}

/// Cuts a header name into lower-case words (see the module doc).
///
/// `member_number` → `member number`; `InvoiceNo` → `invoice no`; `SKUCode` → `sku code`;
/// `N° client` → `n° client`; `订单编号2` → `订单编号 2`.
pub(crate) fn words(name: &str) -> Vec<Word> {
    let mut out: Vec<Word> = Vec::new();
    let chars: Vec<char> = name.chars().collect();
    let mut cur = String::new();
    let mut cur_cjk = false;
    let flush = |cur: &mut String, cjk: bool, out: &mut Vec<Word>| {
        if !cur.is_empty() {
            out.push(Word { text: cur.to_lowercase(), cjk });
            cur.clear();
        }
    };
    for (i, &c) in chars.iter().enumerate() {
        let cjk = is_cjk(c);
        let letter = c.is_alphanumeric() || matches!(c, '°' | 'º');
        if !letter && !cjk {
            flush(&mut cur, cur_cjk, &mut out);
            continue;
        }
        if i > 0 {
            let prev = chars[i - 1];
            let joint = !cur.is_empty()
                && (cjk != cur_cjk
                    || (!cjk
                        && ((prev.is_lowercase() && c.is_uppercase())
                            || (prev.is_alphabetic() && c.is_ascii_digit())
                            || (prev.is_ascii_digit() && c.is_alphabetic())
                            || (prev.is_uppercase()
                                && c.is_uppercase()
                                && chars.get(i + 1).is_some_and(|n| n.is_lowercase())
                                && chars.get(i + 2).is_some()))));
            if joint {
                flush(&mut cur, cur_cjk, &mut out);
            }
        }
        cur_cjk = cjk;
        cur.push(c);
    }
    flush(&mut cur, cur_cjk, &mut out);
    out
}

/// A word of the tables found in a header name.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Match {
    pub(crate) sense: Sense,
    pub(crate) weight: f32,
}

/// Length in characters.
fn chars(s: &str) -> usize {
    s.chars().count()
}

/// The table words a header name holds.
pub(crate) fn matches(name: &str) -> Vec<Match> {
    let ix = index();
    let ws = words(name);
    let mut out = Vec::new();
    let mut covered = vec![false; ws.len()];
    // Phrases first: their words are not matched again alone.
    for (phrase, sense, weight) in &ix.phrases {
        let k = phrase.len();
        if k > ws.len() {
            continue;
        }
        for i in 0..=ws.len() - k {
            if (0..k).all(|j| !ws[i + j].cjk && ws[i + j].text == phrase[j]) {
                out.push(Match { sense: *sense, weight: *weight });
                covered[i..i + k].iter_mut().for_each(|c| *c = true);
            }
        }
    }
    for (w, covered) in ws.iter().zip(&covered) {
        if *covered || w.text.chars().all(|c| c.is_ascii_digit()) {
            continue;
        }
        if w.cjk {
            cjk_matches(&w.text, ix, &mut out);
        } else {
            latin_matches(&w.text, ix, &mut out);
        }
    }
    out
}

fn push_all(found: Option<&Vec<(Sense, f32)>>, factor: f32, out: &mut Vec<Match>) {
    for &(sense, weight) in found.into_iter().flatten() {
        out.push(Match { sense, weight: weight * factor });
    }
}

/// The longest word looked at for an ending or as a compound (the tables' longest word is far
/// shorter; `kundennummernkreis`-like compounds fit).
const MAX_COMPOUND: usize = 64;

/// A Latin or Cyrillic word: whole, with an ending, or as a compound of known parts.
fn latin_matches(word: &str, ix: &Index, out: &mut Vec<Match>) {
    if let Some(found) = ix.words.get(word) {
        return push_all(Some(found), 1.0, out);
    }
    let n = chars(word);
    // Endings and compounds are looked for only in words of a header's length: each cut hashes
    // the word again, so a 100,000-letter "word" (a hostile file's header) took seconds.
    if n > MAX_COMPOUND {
        return;
    }
    // A known word of 4+ letters and an ending of up to 2 (plurals, cases).
    let cuts: Vec<usize> = word.char_indices().map(|(i, _)| i).skip(1).collect();
    for &at in cuts.iter().rev().take(2) {
        let stem = &word[..at];
        if chars(stem) >= 4 {
            if let Some(found) = ix.words.get(stem) {
                return push_all(Some(found), 0.95, out);
            }
        }
    }
    // A compound: the longest known head (2+ letters after a known part, else 4+) and its
    // known modifier.
    let mut best: Option<(usize, &str, &str)> = None; // (known letters, modifier, head)
    for &at in &cuts {
        let (left, right) = (&word[..at], &word[at..]);
        let (lk, rk) = (ix.words.contains_key(left), ix.words.contains_key(right));
        let (ln, rn) = (chars(left), n - chars(left));
        let known = match (lk && ln >= 3, rk) {
            (true, true) => ln + rn,
            (false, true) if rn >= 4 => rn,
            (true, false) if ln >= 4 && rn >= 2 => ln,
            _ => 0,
        };
        if known > best.map_or(0, |b| b.0) {
            best = Some((known, left, right));
        }
    }
    if let Some((_, left, right)) = best {
        push_all(ix.words.get(left).filter(|_| chars(left) >= 3), 0.8, out);
        push_all(ix.words.get(right), 0.9, out);
    }
}

/// A CJK run: every table word it contains, a longer match hiding the shorter ones inside it.
fn cjk_matches(run: &str, ix: &Index, out: &mut Vec<Match>) {
    let mut spans: Vec<(usize, usize)> = Vec::new();
    for (word, sense, weight) in &ix.cjk {
        let mut from = 0;
        while let Some(at) = run[from..].find(word) {
            let (s, e) = (from + at, from + at + word.len());
            if !spans.iter().any(|&(a, b)| a <= s && e <= b && (a, b) != (s, e)) {
                spans.push((s, e));
                out.push(Match { sense: *sense, weight: *weight });
            }
            from = e;
        }
    }
}

/// Header-word score of each role for one header name, in `0..=1`, by [`Role::ALL`] order.
pub(crate) fn role_scores(name: &str) -> [f32; Role::ALL.len()] {
    let mut score = [0f32; Role::ALL.len()];
    let at = |r: Role| Role::ALL.iter().position(|x| *x == r).unwrap_or(0);
    let ms = matches(name);
    let best = |s: Sense| ms.iter().filter(|m| m.sense == s).map(|m| m.weight).fold(0f32, f32::max);
    let mut direct = 0f32;
    for m in &ms {
        if let Sense::Role(r) = m.sense {
            let s = &mut score[at(r)];
            *s = s.max(m.weight);
            direct = direct.max(m.weight);
        }
    }
    let (id, nm) = (best(Sense::Id), best(Sense::Name));
    // A word naming a role by itself is the head: `Order Date`, `Customer Region`.
    let damp = if direct >= 0.5 { 0.4 } else { 1.0 };
    let mut raise = |r: Role, v: f32| {
        let s = &mut score[at(r)];
        *s = s.max(v.min(1.0));
    };
    let mut any_entity = false;
    for (entity, id_role) in
        [(Sense::Customer, Role::CustomerId), (Sense::Order, Role::OrderId), (Sense::Product, Role::ProductId)]
    {
        let e = best(entity);
        if e == 0.0 {
            continue;
        }
        any_entity = true;
        if id > 0.0 {
            raise(id_role, (0.5 * (e + id) + 0.15) * damp);
        } else if nm > 0.0 {
            match entity {
                Sense::Customer => raise(Role::CustomerId, 0.6 * e.max(nm) * damp),
                Sense::Product => raise(Role::ProductName, (0.5 * (e + nm) + 0.15) * damp),
                _ => raise(Role::OrderId, 0.4 * e * damp),
            }
        } else {
            match entity {
                Sense::Product => {
                    raise(Role::ProductName, 0.8 * e * damp);
                    raise(Role::ProductId, 0.5 * e * damp);
                }
                _ => raise(id_role, e * damp),
            }
        }
    }
    if !any_entity {
        if id > 0.0 {
            for r in [Role::CustomerId, Role::OrderId, Role::ProductId] {
                raise(r, 0.35 * id * damp);
            }
        } else if nm > 0.0 {
            raise(Role::CustomerId, 0.3 * nm * damp);
        }
    }
    score
}

/// Whether a header name holds a table word that names a role (for finding the header row).
pub(crate) fn names_a_role(name: &str) -> bool {
    role_scores(name).iter().any(|&s| s >= 0.5)
}

#[cfg(test)]
pub(super) mod testing {
    use super::super::roles::{assign, Role};

    /// The roles a header line gets from its words alone (no values).
    pub(in super::super) fn roles_of(line: &str) -> Vec<Option<Role>> {
        let sep = if line.contains(';') { ';' } else { ',' };
        let names: Vec<String> = line.split(sep).map(str::to_owned).collect();
        assign(&names, &[], false).0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(name: &str) -> Vec<String> {
        words(name).into_iter().map(|w| w.text).collect()
    }

    #[test]
    fn names_are_cut_into_words() {
        assert_eq!(texts("member_number"), ["member", "number"]);
        assert_eq!(texts("InvoiceNo"), ["invoice", "no"]);
        assert_eq!(texts("SKUCode"), ["sku", "code"]);
        assert_eq!(texts("N° client"), ["n°", "client"]);
        assert_eq!(texts("订单编号2"), ["订单编号", "2"]);
        assert_eq!(texts("Lineitem quantity"), ["lineitem", "quantity"]);
        assert_eq!(texts("商品数量(件)"), ["商品数量", "件"]);
        assert_eq!(texts("dollarValue"), ["dollar", "value"]);
        assert_eq!(texts("ID"), ["id"]);
    }

    #[test]
    fn every_language_has_a_table() {
        for (lang, table) in LANGUAGES {
            assert!(table.len() >= 40, "{lang}: {}", table.len());
            for (_, word, weight) in table {
                assert!(*weight > 0.0 && *weight <= 1.0, "{lang} {word}");
                assert_eq!(word.to_lowercase(), *word, "{lang} {word}");
                assert!(!word.is_empty() && word.trim() == *word, "{lang} {word:?}");
            }
        }
    }

    #[test]
    fn compounds_and_endings() {
        let s = role_scores("Rechnungsnummer");
        let at = |r: Role| Role::ALL.iter().position(|x| *x == r).unwrap();
        assert!(s[at(Role::OrderId)] > 0.8, "{s:?}");
        let s = role_scores("Artikelnr");
        assert!(s[at(Role::ProductId)] > 0.7, "{s:?}");
        let s = role_scores("Quantités");
        assert!(s[at(Role::Quantity)] > 0.8, "{s:?}");
        let s = role_scores("Verkaufsdatum");
        assert!(s[at(Role::Datetime)] > 0.8, "{s:?}");
        let s = role_scores("订单创建时间");
        assert!(s[at(Role::Datetime)] > 0.8 && s[at(Role::OrderId)] < 0.5, "{s:?}");
    }
}
