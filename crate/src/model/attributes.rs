use serde::Serialize;

use super::{Interner, NO_VALUE};

/// What a customer attribute column describes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum AttributeKind {
    Gender,
    /// An age, an age band (`25-34`, `25-34岁`) or a birthday, as in the file.
    Age,
    City,
    Region,
    MemberLevel,
    /// Join / registration date, as in the file.
    JoinDate,
    /// Credit level or rating, as in the file (an optional class).
    Credit,
    /// Satisfaction, a score or a label (an optional class; scores are banded for profiles).
    Satisfaction,
}

/// One attribute column: a value per customer, interned.
#[derive(Debug, Clone, Serialize)]
pub struct AttributeColumn {
    pub kind: AttributeKind,
    /// The header of the column it came from.
    pub name: String,
    #[serde(skip)]
    pub values: Interner,
    /// Value id per customer id (index = customer id); [`NO_VALUE`] when unknown. May be shorter
    /// than the customer interner: missing entries are unknown.
    #[serde(skip)]
    pub by_customer: Vec<u32>,
}

impl AttributeColumn {
    pub fn new(kind: AttributeKind, name: &str) -> AttributeColumn {
        AttributeColumn { kind, name: name.to_owned(), values: Interner::default(), by_customer: Vec::new() }
    }

    /// Sets a customer's value (the last value seen wins; empty cells are ignored).
    pub fn set(&mut self, customer: u32, value: &str) {
        let value = value.trim();
        if value.is_empty() {
            return;
        }
        let id = self.values.intern(value);
        let i = customer as usize;
        if i >= self.by_customer.len() {
            self.by_customer.resize(i + 1, NO_VALUE);
        }
        self.by_customer[i] = id;
    }

    /// A customer's value, if known.
    pub fn get(&self, customer: u32) -> Option<&str> {
        match self.by_customer.get(customer as usize) {
            Some(&id) if id != NO_VALUE => Some(self.values.name(id)),
            _ => None,
        }
    }
}

/// Customer attributes, one column per kind (a second column of the same kind merges into the
/// first).
#[derive(Debug, Clone, Default, Serialize)]
pub struct CustomerAttributes {
    pub columns: Vec<AttributeColumn>,
}

impl CustomerAttributes {
    /// The column of a kind, created (with `name`) if new.
    pub fn column_mut(&mut self, kind: AttributeKind, name: &str) -> &mut AttributeColumn {
        let i = match self.columns.iter().position(|c| c.kind == kind) {
            Some(i) => i,
            None => {
                self.columns.push(AttributeColumn::new(kind, name));
                self.columns.len() - 1
            }
        };
        &mut self.columns[i]
    }

    /// The column of a kind.
    pub fn column(&self, kind: AttributeKind) -> Option<&AttributeColumn> {
        self.columns.iter().find(|c| c.kind == kind)
    }

    pub fn is_empty(&self) -> bool {
        self.columns.is_empty()
    }
}
