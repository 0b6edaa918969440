use std::hash::BuildHasher;

use hashbrown::HashTable;
use rustc_hash::FxBuildHasher;

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
/// assert_eq!(ids.names().collect::<Vec<_>>(), ["17850", "13047"]);
/// ```
///
/// The names sit end to end in one string, and the table holds only each id and a 32-bit hash
/// of its name: about `len + 13` bytes a name (`len + 17` natively) plus the table's free slots,
/// where a map of boxed strings took about 100 (a 16-byte box, a heap block of at least 32
/// bytes, a 32-byte key slot and its twin in the id-ordered list). Ten million lines carry
/// about four million order ids, so this is most of what the store's interners hold. A lookup
/// compares the table's one-byte tag, then the stored hash, and only then the name's bytes; a
/// growing table moves the stored hashes without reading a name again.
#[derive(Debug, Default, Clone)]
pub struct Interner {
    /// Every name's bytes, one after another, in id order.
    bytes: String,
    /// Where each name ends in `bytes` (name `id` starts where name `id − 1` ends).
    ends: Vec<usize>,
    /// `(id, hash)` of every name, found by the hash.
    table: HashTable<(u32, u32)>,
}

/// The 32-bit hash kept for a name.
#[inline]
fn hash32(name: &str) -> u32 {
    let h = FxBuildHasher.hash_one(name);
    (h ^ (h >> 32)) as u32
}

/// The table's 64-bit hash, a function of the kept 32 bits (so a growing table rehashes from
/// them): the low half (the bucket) is the hash itself, the high half (the table's one-byte tag
/// comes from its top bits) the hash times an odd constant, so the tag depends on every bit.
/// (An OR of the two halves would set three bits in four and crowd the buckets.)
#[inline]
fn spread(h: u32) -> u64 {
    u64::from(h) | u64::from(h.wrapping_mul(0x9E37_79B9)) << 32
}

impl Interner {
    /// The id of `name`, adding it if new.
    pub fn intern(&mut self, name: &str) -> u32 {
        let h = hash32(name);
        let Interner { bytes, ends, table } = self;
        let found = table.find(spread(h), |&(id, stored)| stored == h && name_of(bytes, ends, id) == name);
        if let Some(&(id, _)) = found {
            return id;
        }
        let id = u32::try_from(ends.len()).expect("more than 4 billion distinct keys");
        bytes.push_str(name);
        ends.push(bytes.len());
        table.insert_unique(spread(h), (id, h), |&(_, stored)| spread(stored));
        id
    }

    /// The id of `name`, if it was interned.
    pub fn get(&self, name: &str) -> Option<u32> {
        let h = hash32(name);
        self.table
            .find(spread(h), |&(id, stored)| stored == h && name_of(&self.bytes, &self.ends, id) == name)
            .map(|&(id, _)| id)
    }

    /// The string of an id.
    pub fn name(&self, id: u32) -> &str {
        name_of(&self.bytes, &self.ends, id)
    }

    /// How many distinct strings.
    pub fn len(&self) -> usize {
        self.ends.len()
    }

    /// Whether nothing was interned.
    pub fn is_empty(&self) -> bool {
        self.ends.is_empty()
    }

    /// The names in id order.
    pub fn names(&self) -> impl ExactSizeIterator<Item = &str> + '_ {
        (0..self.ends.len()).map(|id| self.name(id as u32))
    }

    /// Bytes held, allocated capacity included (for the store's accounting).
    pub fn heap_bytes(&self) -> usize {
        self.bytes.capacity()
            + self.ends.capacity() * std::mem::size_of::<usize>()
            + self.table.capacity() * (std::mem::size_of::<(u32, u32)>() + 1)
    }
}

#[inline]
fn name_of<'a>(bytes: &'a str, ends: &[usize], id: u32) -> &'a str {
    let i = id as usize;
    let from = if i == 0 { 0 } else { ends[i - 1] };
    &bytes[from..ends[i]]
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
