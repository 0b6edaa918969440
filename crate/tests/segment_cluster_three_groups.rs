#![allow(clippy::unwrap_used)]
//! k-means on 12 hand-made customers in three groups far apart in R, F and M
//! (`tests/data/cluster_three_groups/customers.csv`) equals scikit-learn's solution
//! (`make_golden.py` beside it: numpy features, `KMeans` from a fixed start and from 200
//! k-means++ starts, which agree, and `silhouette_score`): the standardisation, every label, the
//! centres, the inertia, the silhouette, and k = 3 chosen by silhouette.
//!
//! Labels and k are compared exactly, for ten seeds. The real numbers are compared at 1e-9
//! relative: Clientele takes logarithms with its own `det_ln` and sums in another order than
//! numpy, a difference of a few ulps; any other partition changes the inertia and silhouette in
//! the first digits.

use std::path::PathBuf;

use clientele::segment::cluster::{cluster, ClusterInput, ClusterParams};
use serde_json::Value;

fn data(file: &str) -> String {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/data/cluster_three_groups").join(file);
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn close(got: f64, want: f64, what: &str) {
    assert!((got - want).abs() <= 1e-9 * want.abs().max(1.0), "{what}: {got} != scikit-learn {want}");
}

fn floats(v: &Value) -> Vec<f64> {
    v.as_array().unwrap().iter().map(|x| x.as_f64().unwrap()).collect()
}

#[test]
fn three_groups_equal_scikit_learn() {
    let text = data("customers.csv");
    let mut rows = text.lines();
    assert_eq!(rows.next(), Some("recency_days,frequency,monetary"));
    let (mut r, mut f, mut m) = (vec![], vec![], vec![]);
    for row in rows {
        let c: Vec<f64> = row.split(',').map(|x| x.parse().unwrap()).collect();
        r.push(c[0]);
        f.push(c[1]);
        m.push(c[2]);
    }
    let g: Value = serde_json::from_str(&data("expected.json")).unwrap();
    let labels: Vec<usize> = g["labels"].as_array().unwrap().iter().map(|x| x.as_u64().unwrap() as usize).collect();
    let centres: Vec<Vec<f64>> = g["centres"].as_array().unwrap().iter().map(floats).collect();
    let input = ClusterInput { recency_days: &r, frequency: &f, monetary: &m, extra: vec![] };
    for seed in 0..10 {
        let params = ClusterParams { seed: Some(seed), restarts: 10, ..ClusterParams::default() };
        let c = cluster(&input, &params).unwrap();
        assert_eq!(c.k, 3, "seed {seed}: k chosen by silhouette");
        assert_eq!(c.labels, labels, "seed {seed}");
        for (i, feature) in c.features.iter().enumerate() {
            close(feature.mean, floats(&g["features"]["mean"])[i], &format!("{} mean", feature.name));
            close(feature.sd, floats(&g["features"]["sd"])[i], &format!("{} sd", feature.name));
        }
        for (p, want) in c.clusters.iter().zip(&centres) {
            assert_eq!(p.customers, 4);
            for (x, w) in p.centre.iter().zip(want) {
                close(*x, *w, &format!("seed {seed}: centre of cluster {}", p.cluster));
            }
        }
        let k3 = c.curve.iter().find(|s| s.k == 3).unwrap();
        close(k3.inertia, g["inertia"].as_f64().unwrap(), "inertia");
        close(k3.silhouette, g["silhouette"].as_f64().unwrap(), "silhouette");
    }
}
