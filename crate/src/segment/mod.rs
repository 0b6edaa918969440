//! Customer segmentation: one per-customer fact table, and every classification retail CRM
//! practice uses on it (RFM, value tiers, deciles and Pareto, the loyalty × profitability
//! quadrant, value and trend flags, lifecycle, cohorts, clusters, attribute profiles), each with
//! its description, recommended actions and export.
//!
//! Part one (facts, RFM and named schemes, tiers, deciles, quadrant, value flags, actions,
//! export) and part two (lifecycle and migration, cohorts, clusters, attribute profiling) are
//! written side by side; part two's functions take plain inputs so they do not wait on part one.

// Part two.
pub mod cluster;
pub mod cohorts;
pub mod lifecycle;
pub mod profile;
