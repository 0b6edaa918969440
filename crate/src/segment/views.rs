//! What the page asks of a segmentation beyond its summaries: the labels of one scheme, k-means
//! clusters and attribute profiles of its customers, and migration matrices between two analysis
//! dates (of a scheme, or of lifecycle stages). Each takes the request as the page sends it and
//! returns plain serde data; the per-customer lists stay here.

use serde::{Deserialize, Serialize};

use super::cluster::{cluster, ClusterError, ClusterInput, ClusterParams, Clustering};
use super::lifecycle::{lifecycle_migration, migration, Lifecycle, LifecycleError, LifecycleParams, Migration};
use super::profile::{profile, store_columns, top_vs_rest, AttributeProfile, ProfileError, ProfileParams, TopVsRest};
use super::quadrant::QUADRANTS;
use super::schemes::{EIGHT_CLASSES, NAMED_SEGMENTS};
use super::tiers::{TIERS, USAGE};
use super::{analyse, CustomerTable, SegmentError, SegmentOptions, Segmented};
use crate::model::LineItems;

/// The schemes whose labels [`CustomerTable::scheme_labels`] gives.
pub const LABEL_SCHEMES: [&str; 5] = ["rfm11", "rfm8", "tier", "usage", "quadrant"];

impl CustomerTable {
    /// The segment keys of a scheme (`rfm11`, `rfm8`, `tier`, `usage` or `quadrant`) and each
    /// customer's index into them, in fact-table order.
    pub fn scheme_labels(&self, scheme: &str) -> Result<(Vec<String>, &[u8]), SegmentError> {
        let names = |keys: &[&str]| keys.iter().map(|k| (*k).to_owned()).collect::<Vec<_>>();
        Ok(match scheme {
            "rfm11" => (NAMED_SEGMENTS.iter().map(|(k, _)| (*k).to_owned()).collect(), &self.rfm11),
            "rfm8" => (names(&EIGHT_CLASSES), &self.rfm8),
            "tier" => (names(&TIERS), &self.tier),
            "usage" => (names(&USAGE), &self.usage),
            "quadrant" => (names(&QUADRANTS), &self.quadrant),
            _ => return Err(SegmentError::UnknownScheme { scheme: scheme.to_owned() }),
        })
    }

    /// Each dense customer id's label in a scheme (`None`: not a customer of this table), for
    /// `n` customer ids.
    pub fn labels_by_id(&self, pick: &[u8], n: usize) -> Vec<Option<usize>> {
        let mut out = vec![None; n];
        for (i, f) in self.facts.iter().enumerate() {
            if let Some(slot) = out.get_mut(f.customer as usize) {
                *slot = Some(usize::from(pick[i]));
            }
        }
        out
    }

    /// The segment key of each customer key of a scheme (customers the scheme does not label
    /// are left out).
    pub fn segment_of_keys(&self, scheme: &str) -> Result<rustc_hash::FxHashMap<&str, String>, SegmentError> {
        let (names, pick) = self.scheme_labels(scheme)?;
        Ok(self
            .keys
            .iter()
            .zip(pick)
            .filter_map(|(k, &l)| names.get(usize::from(l)).map(|n| (k.as_str(), n.clone())))
            .collect())
    }
}

/// The page's cluster request: a fixed k or none (chosen by silhouette), and the seed as the
/// user typed it (a decimal string: a u64 does not fit a JavaScript number); absent or blank
/// draws one.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct ClusterRequest {
    pub k: Option<usize>,
    pub seed: Option<String>,
}

impl ClusterRequest {
    /// The cluster settings, the seed parsed.
    pub fn params(&self) -> Result<ClusterParams, ClusterError> {
        let mut params = ClusterParams { k: self.k, ..ClusterParams::default() };
        if let Some(seed) = self.seed.as_deref().map(str::trim).filter(|s| !s.is_empty()) {
            params.seed = Some(seed.parse().map_err(|_| ClusterError::BadSeed { value: seed.to_owned() })?);
        }
        Ok(params)
    }
}

impl Clustering {
    /// The clustering as the page reads it: without the per-customer labels, and with the seeds
    /// (`seed`, `params.seed`) as decimal strings.
    pub fn summary_json(&self) -> serde_json::Value {
        let mut v = serde_json::to_value(self).unwrap_or(serde_json::Value::Null);
        if let Some(o) = v.as_object_mut() {
            o.remove("labels");
            o.insert("seed".into(), self.seed.to_string().into());
            if let Some(p) = o.get_mut("params").and_then(|p| p.as_object_mut()) {
                p.insert("seed".into(), self.params.seed.map(|s| s.to_string()).into());
            }
        }
        v
    }
}

/// The page's attribute-profile request.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct ProfileRequest {
    /// `rfm11`, `rfm8`, `tier`, `usage` or `quadrant`.
    pub scheme: String,
    /// The analysis date, seconds (for age bands and the main channel).
    pub as_of: i64,
    pub params: ProfileParams,
}

/// Attribute profiles of one scheme's segments and of the top tier against the rest;
/// `available` is false (and the rest absent) when the files carry no customer attributes or
/// channels.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ProfileView {
    pub available: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub profile: Option<AttributeProfile>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub top_vs_rest: Option<TopVsRest>,
}

/// Why a profile could not be made: the scheme, or the profile itself.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum ProfileViewError {
    #[error(transparent)]
    Segment(#[from] SegmentError),
    #[error(transparent)]
    Profile(#[from] ProfileError),
}

/// The page's lifecycle request: two analysis dates (seconds, shop wall-clock) and thresholds.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct LifecycleRequest {
    pub earlier: i64,
    pub later: i64,
    pub params: LifecycleParams,
}

/// A [`Lifecycle`] without its per-customer list.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct LifecycleSummary<'a> {
    pub as_of: i64,
    pub params: &'a LifecycleParams,
    pub population_usual_gap_days: f64,
    pub population_gap_is_default: bool,
    pub stages: &'a [super::lifecycle::StageSummary],
    pub skipped: &'a super::lifecycle::LifecycleSkipped,
}

impl Lifecycle {
    pub fn summary(&self) -> LifecycleSummary<'_> {
        LifecycleSummary {
            as_of: self.as_of,
            params: &self.params,
            population_usual_gap_days: self.population_usual_gap_days,
            population_gap_is_default: self.population_gap_is_default,
            stages: &self.stages,
            skipped: &self.skipped,
        }
    }
}

/// Lifecycle stages at the request's two dates, without per-customer lists, and the migration
/// between them.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct LifecycleView {
    pub earlier: serde_json::Value,
    pub later: serde_json::Value,
    pub matrix: Migration,
}

/// Runs a [`LifecycleRequest`].
pub fn lifecycle_view(lines: &LineItems, r: &LifecycleRequest) -> Result<LifecycleView, LifecycleError> {
    let m = lifecycle_migration(lines, r.earlier, r.later, &r.params)?;
    let json = |l: &Lifecycle| serde_json::to_value(l.summary()).unwrap_or_default();
    Ok(LifecycleView { earlier: json(&m.earlier), later: json(&m.later), matrix: m.matrix })
}

/// The page's migration request for a segment scheme: the earlier analysis date (seconds); the
/// later one is the options' own.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct MigrationRequest {
    pub scheme: String,
    pub earlier: i64,
}

impl Segmented {
    /// k-means++ clusters on the R, F and M of this segmentation's customers.
    pub fn clusters(&self, request: &ClusterRequest) -> Result<Clustering, ClusterError> {
        let params = request.params()?;
        let facts = &self.table.facts;
        let r: Vec<f64> = facts.iter().map(|f| f64::from(f.recency_days)).collect();
        let f: Vec<f64> = facts.iter().map(|f| f64::from(f.orders)).collect();
        let m: Vec<f64> = facts.iter().map(|f| f.monetary).collect();
        let input = ClusterInput { recency_days: &r, frequency: &f, monetary: &m, extra: Vec::new() };
        cluster(&input, &params)
    }

    /// Attribute profiles of one scheme's segments, and of tier A against the rest.
    pub fn profile(&self, lines: &LineItems, r: &ProfileRequest) -> Result<ProfileView, ProfileViewError> {
        let columns = store_columns(lines, r.as_of);
        let n = lines.customers.len();
        let table = &self.table;
        let (names, pick) = table.scheme_labels(&r.scheme)?;
        let labels = table.labels_by_id(pick, n);
        let mut in_top = vec![None; n];
        for (i, f) in table.facts.iter().enumerate() {
            if let Some(slot) = in_top.get_mut(f.customer as usize) {
                *slot = Some(table.tier[i] == 0);
            }
        }
        if columns.is_empty() {
            return Ok(ProfileView { available: false, profile: None, top_vs_rest: None });
        }
        let p = profile(&names, &labels, &columns, &r.params)?;
        let top = top_vs_rest(&in_top, &columns, &r.params)?;
        Ok(ProfileView { available: true, profile: Some(p), top_vs_rest: Some(top) })
    }

    /// The migration matrix of a scheme between the segmentation with `options` at the
    /// request's earlier date and this one (the same settings otherwise; scores are re-binned at
    /// each date).
    pub fn migration(
        &self,
        lines: &LineItems,
        options: &SegmentOptions,
        r: &MigrationRequest,
    ) -> Result<Migration, SegmentError> {
        let n = lines.customers.len();
        let (names, pick) = self.table.scheme_labels(&r.scheme)?;
        let after = self.table.labels_by_id(pick, n);
        let mut earlier_options = options.clone();
        earlier_options.facts.as_of = Some(r.earlier);
        let earlier = analyse(lines, &earlier_options)?;
        let (_, pick) = earlier.table.scheme_labels(&r.scheme)?;
        let before = earlier.table.labels_by_id(pick, n);
        migration(&names, &before, &after).map_err(|e| SegmentError::Lifecycle(e.into()))
    }
}
