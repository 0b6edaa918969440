use rustc_hash::FxHashMap;

/// Maps strings to dense ids `0..len`, in first-seen order.
///
/// ```
/// use clientele::model::Interner;
/// let mut ids = Interner::default();
/// assert_eq!(ids.intern("17850"), 0);
/// assert_eq!(ids.intern("13047"), 1);
/// assert_eq!(ids.intern("17850"), 0);
/// assert_eq!(ids.name(1), "13047");
/// assert_eq!(ids.len(), 2);
/// ```
///
/// Ids, codes and short names (up to 23 bytes: customer ids, invoice numbers, product codes,
/// cities) are looked up by an inline key, so a lookup compares three words instead of
/// following a pointer to a string elsewhere on the heap; ingest looks up several per row.
#[derive(Debug, Default, Clone)]
pub struct Interner {
    short: FxHashMap<ShortKey, u32>,
    long: FxHashMap<Box<str>, u32>,
    names: Vec<Box<str>>,
}

/// A string of at most [`ShortKey::MAX`] bytes, zero-padded, with its length in the last byte.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
struct ShortKey([u64; 3]);

impl ShortKey {
    const MAX: usize = 23;

    #[inline]
    fn new(s: &str) -> Option<ShortKey> {
        let b = s.as_bytes();
        if b.len() > Self::MAX {
            return None;
        }
        let mut bytes = [0u8; 24];
        bytes[..b.len()].copy_from_slice(b);
        bytes[23] = b.len() as u8;
        let word = |i: usize| {
            let mut w = [0u8; 8];
            w.copy_from_slice(&bytes[i * 8..i * 8 + 8]);
            u64::from_le_bytes(w)
        };
        Some(ShortKey([word(0), word(1), word(2)]))
    }
}

impl Interner {
    /// The id of `name`, adding it if new.
    pub fn intern(&mut self, name: &str) -> u32 {
        let key = ShortKey::new(name);
        let known = match &key {
            Some(key) => self.short.get(key),
            None => self.long.get(name),
        };
        if let Some(&id) = known {
            return id;
        }
        let id = u32::try_from(self.names.len()).expect("more than 4 billion distinct keys");
        match key {
            Some(key) => self.short.insert(key, id),
            None => self.long.insert(name.into(), id),
        };
        self.names.push(name.into());
        id
    }

    /// The id of `name`, if it was interned.
    pub fn get(&self, name: &str) -> Option<u32> {
        match ShortKey::new(name) {
            Some(key) => self.short.get(&key).copied(),
            None => self.long.get(name).copied(),
        }
    }

    /// The string of an id.
    pub fn name(&self, id: u32) -> &str {
        &self.names[id as usize]
    }

    /// How many distinct strings.
    pub fn len(&self) -> usize {
        self.names.len()
    }

    /// Whether nothing was interned.
    pub fn is_empty(&self) -> bool {
        self.names.is_empty()
    }

    /// The names in id order, the interner given up (a parallel read's range hands its names
    /// to the file's interner without copying them: see [`Interner::intern_boxed`]).
    pub fn into_names(self) -> Vec<Box<str>> {
        self.names
    }

    /// [`Interner::intern`] for an owned name: a new name is kept as it is, not copied.
    pub fn intern_boxed(&mut self, name: Box<str>) -> u32 {
        if let Some(id) = self.get(&name) {
            return id;
        }
        let id = u32::try_from(self.names.len()).expect("more than 4 billion distinct keys");
        match ShortKey::new(&name) {
            Some(key) => self.short.insert(key, id),
            None => self.long.insert(name.clone(), id),
        };
        self.names.push(name);
        id
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn short_and_long_names_keep_first_seen_ids() {
        let mut ids = Interner::default();
        let names = [
            "",
            "a",
            "a\0",
            "12345678901234567890123",
            "123456789012345678901234",
            "WHITE HANGING HEART T-LIGHT HOLDER",
            "東京",
            "a",
        ];
        let got: Vec<u32> = names.iter().map(|n| ids.intern(n)).collect();
        assert_eq!(got, [0, 1, 2, 3, 4, 5, 6, 1]);
        assert_eq!(ids.len(), 7);
        for (i, n) in names.iter().enumerate().take(7) {
            assert_eq!(ids.name(i as u32), *n);
            assert_eq!(ids.get(n), Some(i as u32));
        }
        assert_eq!(ids.get("b"), None);
        assert_eq!(ids.get("WHITE HANGING HEART T-LIGHT HOLDEX"), None);
    }
}
