//! The segment operations of [`super::Analysis`] (owned by the segment work; see the module docs of
//! `crate::wasm`). Results that are big per-customer tables stay in [`State`] and are read
//! page by page.

/// What the segment operations keep between calls (results to page through, parameters).
#[derive(Debug, Default)]
pub(super) struct State {}
