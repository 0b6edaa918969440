use std::hash::BuildHasher;

use hashbrown::hash_table::Entry;
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
///
/// Short names (at most 8 ASCII bytes: `C0082202`, `P08008`, `17850`) and digit strings of 9 to
/// 17 digits (`20240101407508800`) are found by a key packed into 64 bits instead ([`pack`]):
/// a table of `(key, id)` whose entry alone says whether the name is the one looked for, so a
/// lookup reads the table and nothing else ([`PackedTable`]: one slot array, no control bytes, so
/// most lookups touch one cache line). Comparing the stored name took two more cache
/// misses (its end in `ends`, then its bytes) per lookup in tables of millions of names, which
/// was a third of reading a ten-million-line file.
#[derive(Debug, Default, Clone)]
pub struct Interner {
    /// Every name's bytes, one after another, in id order.
    bytes: String,
    /// Where each name ends in `bytes` (name `id` starts where name `id − 1` ends).
    ends: Vec<usize>,
    /// `(id, hash)` of every name that [`pack`] does not pack, found by the hash.
    table: HashTable<(u32, u32)>,
    /// The id of every name [`pack`] packs, found by the packed key.
    packed: PackedTable,
}

/// An open-addressing table from packed keys to ids with linear probing: slots
/// `[key low, key high, id + 1]`, 0 in the last for an empty slot, at most 3/4 full. A lookup
/// reads one slot array where `HashTable` reads its control bytes and then its slots: on tables
/// of millions of keys, one cache miss instead of two.
#[derive(Debug, Default, Clone)]
struct PackedTable {
    slots: Vec<[u32; 3]>,
    len: usize,
}

impl PackedTable {
    /// The slot of `key`: where it is, or the empty slot where it would go.
    #[inline]
    fn slot(slots: &[[u32; 3]], key: u64) -> usize {
        let mask = slots.len() - 1;
        let (lo, hi) = (key as u32, (key >> 32) as u32);
        let mut i = hash_packed(key) as usize & mask;
        loop {
            let s = &slots[i];
            if s[2] == 0 || (s[0] == lo && s[1] == hi) {
                return i;
            }
            i = (i + 1) & mask;
        }
    }

    fn get(&self, key: u64) -> Option<u32> {
        if self.slots.is_empty() {
            return None;
        }
        let s = self.slots[Self::slot(&self.slots, key)];
        (s[2] != 0).then(|| s[2] - 1)
    }

    /// The id of `key`, or `new()`'s, which is then added.
    #[inline]
    fn get_or_insert(&mut self, key: u64, new: impl FnOnce() -> u32) -> u32 {
        if (self.len + 1) * 4 > self.slots.len() * 3 {
            self.grow_to(self.len + 1);
        }
        let i = Self::slot(&self.slots, key);
        let s = &mut self.slots[i];
        if s[2] != 0 {
            return s[2] - 1;
        }
        let id = new();
        *s = [key as u32, (key >> 32) as u32, id.checked_add(1).expect("more than 4 billion distinct keys")];
        self.len += 1;
        id
    }

    /// Room for `n` keys in all.
    fn grow_to(&mut self, n: usize) {
        let want = (n.saturating_mul(4) / 3 + 1).next_power_of_two().max(16);
        if want <= self.slots.len() {
            return;
        }
        let old = std::mem::replace(&mut self.slots, vec![[0; 3]; want]);
        for s in old.into_iter().filter(|s| s[2] != 0) {
            let i = Self::slot(&self.slots, u64::from(s[0]) | u64::from(s[1]) << 32);
            self.slots[i] = s;
        }
    }
}

/// A name as 64 bits that only it packs to, for names of at most 8 ASCII bytes (their bytes,
/// little-endian, with the length in the high bits of the first four bytes, which ASCII leaves
/// clear) and names of 9 to 17 ASCII digits (bit 63 set, the length − 9 in bits 59–62, the value,
/// below 10¹⁷ < 2⁵⁷, beneath: leading zeros are told apart by the length). Other names: `None`.
#[inline]
fn pack(name: &[u8]) -> Option<u64> {
    let len = name.len();
    if len <= 8 {
        let mut w = [0u8; 8];
        w[..len].copy_from_slice(name);
        let word = u64::from_le_bytes(w);
        if word & 0x8080_8080_8080_8080 != 0 {
            return None;
        }
        let n = len as u64;
        let tag = (n & 1) << 7 | (n >> 1 & 1) << 15 | (n >> 2 & 1) << 23 | (n >> 3 & 1) << 31;
        return Some(word | tag);
    }
    if len > 17 {
        return None;
    }
    let mut value = 0u64;
    for &b in name {
        let d = b.wrapping_sub(b'0');
        if d > 9 {
            return None;
        }
        value = value * 10 + u64::from(d);
    }
    Some(1 << 63 | ((len - 9) as u64) << 59 | value)
}

/// The table hash of a packed key (SplitMix64's finaliser: 64-bit arithmetic only, as quick on
/// wasm32, and every key bit reaches both the bucket bits and the tag's top bits).
#[inline]
fn hash_packed(key: u64) -> u64 {
    let mut x = key;
    x = (x ^ (x >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    x = (x ^ (x >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    x ^ (x >> 31)
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
        let Interner { bytes, ends, table, packed } = self;
        if let Some(key) = pack(name.as_bytes()) {
            return packed.get_or_insert(key, || push_name(bytes, ends, name));
        }
        let h = hash32(name);
        let entry = table.entry(
            spread(h),
            |&(id, stored)| stored == h && name_of(bytes, ends, id) == name,
            |&(_, stored)| spread(stored),
        );
        match entry {
            Entry::Occupied(e) => e.get().0,
            Entry::Vacant(v) => {
                let id = push_name(bytes, ends, name);
                v.insert((id, h));
                id
            }
        }
    }

    /// Room for `other`'s names besides these (the names go to the table [`pack`] says, as in
    /// `other`), so that interning them all grows no table step by step.
    pub fn reserve_for(&mut self, other: &Interner) {
        self.bytes.reserve(other.bytes.len());
        self.ends.reserve(other.ends.len());
        self.table.reserve(other.table.len(), |&(_, stored)| spread(stored));
        self.packed.grow_to(self.packed.len + other.packed.len);
    }

    /// Room for `additional` more names like those held (as long on average, and going to the
    /// two tables in the same shares), so that interning them grows no table step by step:
    /// ingest's estimate of a file's order ids from its size. A growing table holds its old and
    /// new slots at once, and a wasm memory keeps the old ones' room for good.
    pub fn reserve(&mut self, additional: usize) {
        let held = self.len();
        if held == 0 || additional == 0 {
            return;
        }
        let share = |part: usize| (additional as f64 * part as f64 / held as f64).ceil() as usize;
        let packed = share(self.packed.len).min(additional);
        self.bytes.reserve(share(self.bytes.len()));
        self.ends.reserve(additional);
        self.table.reserve(additional - packed, |&(_, stored)| spread(stored));
        self.packed.grow_to(self.packed.len + packed);
    }

    /// The id of `name`, if it was interned.
    pub fn get(&self, name: &str) -> Option<u32> {
        if let Some(key) = pack(name.as_bytes()) {
            return self.packed.get(key);
        }
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
            + self.packed.slots.capacity() * std::mem::size_of::<[u32; 3]>()
    }
}

/// Appends a new name; its id.
#[inline]
fn push_name(bytes: &mut String, ends: &mut Vec<usize>, name: &str) -> u32 {
    let id = u32::try_from(ends.len()).expect("more than 4 billion distinct keys");
    bytes.push_str(name);
    ends.push(bytes.len());
    id
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

    /// Room for names like those held: interning that many more grows no part.
    #[test]
    fn reserve_makes_room_for_names_like_those_held() {
        let mut ids = Interner::default();
        ids.intern("20240101407508800");
        ids.intern("WHITE HANGING HEART T-LIGHT HOLDER");
        ids.reserve(1000);
        let room =
            |ids: &Interner| (ids.bytes.capacity(), ids.ends.capacity(), ids.table.capacity(), ids.packed.slots.len());
        let before = room(&ids);
        for i in 0..500 {
            ids.intern(&format!("2024010140750{i:04}"));
            ids.intern(&format!("HOLDER {i:027}"));
        }
        assert_eq!(ids.len(), 1002);
        assert_eq!(room(&ids), before);
        assert_eq!(ids.get("20240101407500499"), Some(1000));
    }

    /// Packed and unpacked names, near each other (lengths 0–19, NULs, leading zeros, the top
    /// ASCII byte, non-ASCII), get the ids a map of strings gives.
    #[test]
    fn packed_keys_are_the_names() {
        let mut ids = Interner::default();
        let mut reference = std::collections::HashMap::new();
        let alphabet = ["0", "1", "9", "\0", "a", "\u{7f}", "é"];
        let mut state = 0x2545_f491_4f6c_dd1d_u64;
        let mut next = || {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            state
        };
        for round in 0..60_000 {
            let len = (next() % 20) as usize;
            // Mostly digits, so that the 9–17 digit keys meet their near misses.
            let letters = if round % 2 == 0 { 3 } else { alphabet.len() as u64 };
            let name: String = (0..len).map(|_| alphabet[(next() % letters) as usize]).collect();
            let want = reference.len() as u32;
            let want = *reference.entry(name.clone()).or_insert(want);
            assert_eq!(ids.intern(&name), want, "{name:?}");
            assert_eq!(ids.get(&name), Some(want));
            assert_eq!(ids.name(want), name);
        }
        assert_eq!(ids.len(), reference.len());
        for name in ["", "\0", "\0\0", "00000000", "000000000", "0000000000", "99999999999999999", "123456789012345678"]
        {
            assert_eq!(ids.get(name), reference.get(name).copied(), "{name:?}");
        }
        // Distinct packings of every short length.
        let keys: Vec<u64> = (0..=8).map(|n| pack(&vec![0u8; n]).unwrap()).collect();
        let distinct: std::collections::HashSet<_> = keys.iter().collect();
        assert_eq!(distinct.len(), 9);
        assert_eq!(pack(b"000000000"), Some(1 << 63));
        assert_ne!(pack(b"000000001"), pack(b"0000000001"));
        assert_eq!(pack("é".as_bytes()), None);
        assert_eq!(pack(b"123456789012345678"), None);
    }
}
