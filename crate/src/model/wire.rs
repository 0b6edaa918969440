//! A plain byte form of a part of the store, for a range read by another wasm instance (the
//! page's range workers, issue 16): little-endian numbers, length-prefixed vectors and names.
//! It never leaves the machine (it goes from one worker to another) and is read back only by the
//! same build, so it carries no version: a [`Reader`] checks lengths, never trusts them.

use super::{AttributeColumn, Interner, LineItems, LineKind};

/// Appends values to a byte vector.
#[derive(Debug, Default)]
pub struct Writer {
    pub bytes: Vec<u8>,
}

/// Reads what a [`Writer`] wrote; every read is bounds-checked.
#[derive(Debug)]
pub struct Reader<'a> {
    bytes: &'a [u8],
    at: usize,
}

/// A byte form that is cut short or does not read as what it should.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct WireError;

pub type WireResult<T> = Result<T, WireError>;

impl Writer {
    pub fn u8(&mut self, v: u8) {
        self.bytes.push(v);
    }
    pub fn bool(&mut self, v: bool) {
        self.bytes.push(u8::from(v));
    }
    pub fn u64(&mut self, v: u64) {
        self.bytes.extend_from_slice(&v.to_le_bytes());
    }
    pub fn i64(&mut self, v: i64) {
        self.bytes.extend_from_slice(&v.to_le_bytes());
    }
    pub fn len(&mut self, n: usize) {
        self.u64(n as u64);
    }
    pub fn str(&mut self, s: &str) {
        self.len(s.len());
        self.bytes.extend_from_slice(s.as_bytes());
    }
    pub fn opt_i64(&mut self, v: Option<i64>) {
        self.bool(v.is_some());
        self.i64(v.unwrap_or(0));
    }
    pub fn u8s(&mut self, v: &[u8]) {
        self.len(v.len());
        self.bytes.extend_from_slice(v);
    }
    pub fn u16s(&mut self, v: &[u16]) {
        self.len(v.len());
        self.put(v, u16::to_le_bytes);
    }
    pub fn u32s(&mut self, v: &[u32]) {
        self.len(v.len());
        self.put(v, u32::to_le_bytes);
    }
    pub fn i32s(&mut self, v: &[i32]) {
        self.len(v.len());
        self.put(v, i32::to_le_bytes);
    }
    pub fn u64s(&mut self, v: &[u64]) {
        self.len(v.len());
        self.put(v, u64::to_le_bytes);
    }
    pub fn i64s(&mut self, v: &[i64]) {
        self.len(v.len());
        self.put(v, i64::to_le_bytes);
    }
    pub fn f64s(&mut self, v: &[f64]) {
        self.len(v.len());
        self.put(v, |x: f64| x.to_bits().to_le_bytes());
    }
    /// Every value's bytes, into room made at once (a plain copy on little-endian machines).
    fn put<T: Copy, const N: usize>(&mut self, v: &[T], bytes: impl Fn(T) -> [u8; N]) {
        let at = self.bytes.len();
        self.bytes.resize(at + v.len() * N, 0);
        for (out, &x) in self.bytes[at..].chunks_exact_mut(N).zip(v) {
            out.copy_from_slice(&bytes(x));
        }
    }
    /// An interner's names in id order (read back by interning them in that order: same ids).
    pub fn names(&mut self, names: &Interner) {
        self.len(names.len());
        for name in names.names() {
            self.str(name);
        }
    }
}

impl<'a> Reader<'a> {
    pub fn new(bytes: &'a [u8]) -> Reader<'a> {
        Reader { bytes, at: 0 }
    }
    pub fn at_end(&self) -> bool {
        self.at == self.bytes.len()
    }
    fn take(&mut self, n: usize) -> WireResult<&'a [u8]> {
        let end = self.at.checked_add(n).filter(|&e| e <= self.bytes.len()).ok_or(WireError)?;
        let s = &self.bytes[self.at..end];
        self.at = end;
        Ok(s)
    }
    fn array<const N: usize>(&mut self) -> WireResult<[u8; N]> {
        self.take(N)?.try_into().map_err(|_| WireError)
    }
    pub fn u8(&mut self) -> WireResult<u8> {
        Ok(self.take(1)?[0])
    }
    pub fn bool(&mut self) -> WireResult<bool> {
        match self.u8()? {
            0 => Ok(false),
            1 => Ok(true),
            _ => Err(WireError),
        }
    }
    pub fn u64(&mut self) -> WireResult<u64> {
        Ok(u64::from_le_bytes(self.array()?))
    }
    pub fn i64(&mut self) -> WireResult<i64> {
        Ok(i64::from_le_bytes(self.array()?))
    }
    /// A count of items of at least `item_bytes` each: never more than the bytes left allow.
    pub fn len(&mut self, item_bytes: usize) -> WireResult<usize> {
        let n = usize::try_from(self.u64()?).map_err(|_| WireError)?;
        if n.checked_mul(item_bytes.max(1)).map_or(true, |b| b > self.bytes.len() - self.at) {
            return Err(WireError);
        }
        Ok(n)
    }
    pub fn str(&mut self) -> WireResult<&'a str> {
        let n = self.len(1)?;
        std::str::from_utf8(self.take(n)?).map_err(|_| WireError)
    }
    pub fn opt_i64(&mut self) -> WireResult<Option<i64>> {
        let some = self.bool()?;
        let v = self.i64()?;
        Ok(some.then_some(v))
    }
    pub fn u8s(&mut self) -> WireResult<Vec<u8>> {
        let n = self.len(1)?;
        Ok(self.take(n)?.to_vec())
    }
    pub fn u16s(&mut self) -> WireResult<Vec<u16>> {
        let n = self.len(2)?;
        Ok(self.take(n * 2)?.chunks_exact(2).map(|c| u16::from_le_bytes([c[0], c[1]])).collect())
    }
    pub fn u32s(&mut self) -> WireResult<Vec<u32>> {
        let n = self.len(4)?;
        Ok(self.take(n * 4)?.chunks_exact(4).map(|c| u32::from_le_bytes([c[0], c[1], c[2], c[3]])).collect())
    }
    pub fn i32s(&mut self) -> WireResult<Vec<i32>> {
        let n = self.len(4)?;
        Ok(self.take(n * 4)?.chunks_exact(4).map(|c| i32::from_le_bytes([c[0], c[1], c[2], c[3]])).collect())
    }
    pub fn u64s(&mut self) -> WireResult<Vec<u64>> {
        let n = self.len(8)?;
        Ok(self.take(n * 8)?.chunks_exact(8).map(|c| u64::from_le_bytes(c.try_into().unwrap_or_default())).collect())
    }
    pub fn i64s(&mut self) -> WireResult<Vec<i64>> {
        let n = self.len(8)?;
        Ok(self.take(n * 8)?.chunks_exact(8).map(|c| i64::from_le_bytes(c.try_into().unwrap_or_default())).collect())
    }
    pub fn f64s(&mut self) -> WireResult<Vec<f64>> {
        Ok(self.u64s()?.into_iter().map(f64::from_bits).collect())
    }
    /// Names written by [`Writer::names`], in id order.
    pub fn names(&mut self) -> WireResult<NameList> {
        let n = self.len(8)?;
        let mut list = NameList { bytes: String::new(), ends: Vec::with_capacity(n) };
        for _ in 0..n {
            list.bytes.push_str(self.str()?);
            list.ends.push(list.bytes.len());
        }
        Ok(list)
    }
}

/// Names read back in id order, not interned: the merge interns them into the store's interner
/// straight away (interning them twice took a third of a 10M-line file's merge).
#[derive(Debug, Default)]
pub struct NameList {
    bytes: String,
    ends: Vec<usize>,
}

impl NameList {
    pub fn len(&self) -> usize {
        self.ends.len()
    }

    pub fn names(&self) -> impl Iterator<Item = &str> + '_ {
        let starts = std::iter::once(0).chain(self.ends.iter().copied());
        starts.zip(&self.ends).map(|(a, &b)| &self.bytes[a..b])
    }
}

/// The names of a store read back: customers, orders, products, categories, channels, and each
/// attribute column's values.
#[derive(Debug, Default)]
pub struct StoreNames {
    pub customers: NameList,
    pub orders: NameList,
    pub products: NameList,
    pub categories: NameList,
    pub channels: NameList,
    pub attributes: Vec<NameList>,
}

impl LineItems {
    /// Writes the lines, their names and the customer attributes' values (not the columns'
    /// flags nor warehouse summaries: a range of a sales file has neither of its own).
    pub(crate) fn write_wire(&self, w: &mut Writer) {
        w.u32s(&self.customer);
        w.u32s(&self.order);
        w.len(self.kind.len());
        w.bytes.extend(self.kind.iter().map(|k| u8::from(*k == LineKind::Return)));
        self.time.write_wire(w);
        for c in [&self.product, &self.category, &self.channel] {
            c.write_wire(w);
        }
        for d in [&self.quantity, &self.amount, &self.discount, &self.cost] {
            d.write_wire(w);
        }
        for names in [&self.customers, &self.orders, &self.products, &self.categories, &self.channels] {
            w.names(names);
        }
        w.len(self.product_names.len());
        for name in &self.product_names {
            w.bool(name.is_some());
            w.str(name.as_deref().unwrap_or(""));
        }
        w.len(self.attributes.columns.len());
        for c in &self.attributes.columns {
            w.names(&c.values);
            w.u32s(&c.by_customer);
        }
    }

    /// Reads what [`LineItems::write_wire`] wrote, into a store with `layout`'s attribute
    /// columns (kinds and names), which must be as many; the names come apart, not interned.
    pub(crate) fn read_wire(r: &mut Reader<'_>, layout: &[AttributeColumn]) -> WireResult<(LineItems, StoreNames)> {
        let mut l = LineItems { customer: r.u32s()?, order: r.u32s()?, ..LineItems::default() };
        let n = r.len(1)?;
        l.kind = Vec::with_capacity(n);
        for _ in 0..n {
            l.kind.push(if r.bool()? { LineKind::Return } else { LineKind::Purchase });
        }
        l.time = super::Times::read_wire(r)?;
        l.product = super::Codes::read_wire(r)?;
        l.category = super::Codes::read_wire(r)?;
        l.channel = super::Codes::read_wire(r)?;
        l.quantity = super::Decimals::read_wire(r)?;
        l.amount = super::Decimals::read_wire(r)?;
        l.discount = super::Decimals::read_wire(r)?;
        l.cost = super::Decimals::read_wire(r)?;
        let mut names = StoreNames {
            customers: r.names()?,
            orders: r.names()?,
            products: r.names()?,
            categories: r.names()?,
            channels: r.names()?,
            attributes: Vec::with_capacity(layout.len()),
        };
        let n = r.len(9)?;
        l.product_names = Vec::with_capacity(n);
        for _ in 0..n {
            let some = r.bool()?;
            let name = r.str()?;
            l.product_names.push(some.then(|| name.into()));
        }
        if r.len(16)? != layout.len() {
            return Err(WireError);
        }
        for c in layout {
            let mut column = AttributeColumn::new(c.kind, &c.name);
            names.attributes.push(r.names()?);
            column.by_customer = r.u32s()?;
            l.attributes.columns.push(column);
        }
        let len = l.customer.len();
        let lens = [
            l.order.len(),
            l.kind.len(),
            l.time.len(),
            l.product.len(),
            l.category.len(),
            l.channel.len(),
            l.quantity.len(),
            l.amount.len(),
            l.discount.len(),
            l.cost.len(),
        ];
        if lens.iter().any(|&n| n != len) {
            return Err(WireError);
        }
        Ok((l, names))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_store_reads_back_as_written_and_a_cut_form_is_refused() {
        let mut l = LineItems::default();
        l.attributes.columns.push(AttributeColumn::new(super::super::AttributeKind::City, "City"));
        for i in 0..300u32 {
            let c = l.customers.intern(&format!("c{}", i % 7));
            let o = l.orders.intern(&format!("o{}", i / 3));
            let p = l.products.intern(&format!("p{}", i % 260));
            let t = if i == 200 { -2_208_988_800 } else { 1_704_067_200 + i64::from(i) * 3600 };
            let q = if i == 100 { 0.1 + 0.2 } else { f64::from(i % 5) };
            l.push(c, o, t, p, q, f64::from(i) * 1.25, if i % 9 == 0 { LineKind::Return } else { LineKind::Purchase });
            l.attributes.columns[0].set(c, if i % 2 == 0 { "Leeds" } else { "York" });
        }
        l.product_names = vec![Some("Mug".into()), None, Some("Jug, blue".into())];
        let mut w = Writer::default();
        l.write_wire(&mut w);
        let mut r = Reader::new(&w.bytes);
        let (back, names) = LineItems::read_wire(&mut r, &l.attributes.columns).unwrap();
        assert!(r.at_end());
        assert_eq!(back.customer, l.customer);
        assert_eq!(back.order, l.order);
        assert_eq!(back.kind, l.kind);
        assert_eq!(
            (back.time.clone(), back.product.clone(), back.quantity.clone()),
            (l.time.clone(), l.product.clone(), l.quantity.clone())
        );
        assert_eq!(
            (back.amount.clone(), back.cost.clone(), back.discount.clone()),
            (l.amount.clone(), l.cost.clone(), l.discount.clone())
        );
        assert_eq!(
            (back.time.bytes_per_value(), back.product.bytes_per_value(), back.quantity.bytes_per_value()),
            (8, 2, 8)
        );
        assert_eq!(names.orders.names().collect::<Vec<_>>(), l.orders.names().collect::<Vec<_>>());
        assert_eq!(names.customers.len(), 7);
        assert_eq!(back.product_names, l.product_names);
        assert_eq!(names.attributes[0].names().collect::<Vec<_>>(), ["Leeds", "York"]);
        assert_eq!(back.attributes.columns[0].by_customer, l.attributes.columns[0].by_customer);
        for cut in [0, 1, 17, w.bytes.len() / 2, w.bytes.len() - 1] {
            assert!(LineItems::read_wire(&mut Reader::new(&w.bytes[..cut]), &l.attributes.columns).is_err(), "{cut}");
        }
    }
}
