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
#[derive(Debug, Default, Clone)]
pub struct Interner {
    ids: FxHashMap<Box<str>, u32>,
    names: Vec<Box<str>>,
}

impl Interner {
    /// The id of `name`, adding it if new.
    pub fn intern(&mut self, name: &str) -> u32 {
        if let Some(&id) = self.ids.get(name) {
            return id;
        }
        let id = u32::try_from(self.names.len()).expect("more than 4 billion distinct keys");
        self.ids.insert(name.into(), id);
        self.names.push(name.into());
        id
    }

    /// The id of `name`, if it was interned.
    pub fn get(&self, name: &str) -> Option<u32> {
        self.ids.get(name).copied()
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
}
