"""Expected k-means clustering of the 12 hand-made customers in customers.csv (three groups far
apart in R, F and M: recent frequent big spenders, middling, lapsed one-timers), computed with
numpy and scikit-learn, not with Clientele.

    python3 -m venv /tmp/skenv && /tmp/skenv/bin/pip install scikit-learn   # made with 1.9.1
    /tmp/skenv/bin/python crate/tests/data/cluster_three_groups/make_golden.py

Features as documented in crate/src/segment/cluster.rs: log(1 + x) of R, F and M, each
standardised with its mean and population standard deviation. k-means with k = 3 is run by
scikit-learn from a fixed initialisation (the first customer of each group) and, as a check that
this is the global optimum any correct k-means finds, with 200 k-means++ initialisations: both
give the same partition and inertia. The silhouette (scikit-learn's silhouette_score) is the
highest at k = 3 among k = 2..8, each k at its best of 200 k-means++ runs. Clusters are numbered
by descending mean monetary, as Clientele numbers them.

Writes expected.json beside this script: feature means and sds, labels (input order), centres
(standardised), inertia, silhouette at k = 3, and the silhouette of every k tried.
"""
import csv
import json
import os

import numpy as np
from sklearn.cluster import KMeans
from sklearn.metrics import silhouette_score

HERE = os.path.dirname(os.path.abspath(__file__))
with open(os.path.join(HERE, "customers.csv")) as f:
    raw = np.array([[float(v) for v in r.values()] for r in csv.DictReader(f)])
x = np.log1p(raw)
mean, sd = x.mean(axis=0), x.std(axis=0)
z = (x - mean) / sd

fixed = KMeans(n_clusters=3, init=z[[0, 4, 8]], n_init=1, algorithm="lloyd", tol=0).fit(z)
best = KMeans(n_clusters=3, init="k-means++", n_init=200, random_state=0, tol=0).fit(z)
same = len({(a, b) for a, b in zip(fixed.labels_, best.labels_)}) == 3
assert same and abs(fixed.inertia_ - best.inertia_) < 1e-9, "the fixed start is not the optimum"

curve = {}
for k in range(2, 9):
    km = KMeans(n_clusters=k, init="k-means++", n_init=200, random_state=0, tol=0).fit(z)
    curve[k] = float(silhouette_score(z, km.labels_))
assert max(curve, key=curve.get) == 3, curve

# Number clusters by descending mean monetary.
groups = sorted(range(3), key=lambda g: -raw[fixed.labels_ == g, 2].mean())
relabel = {g: i for i, g in enumerate(groups)}
labels = [relabel[g] for g in fixed.labels_]
centres = [z[np.array(labels) == i].mean(axis=0).tolist() for i in range(3)]
out = {
    "features": {"mean": mean.tolist(), "sd": sd.tolist()},
    "k": 3,
    "labels": labels,
    "centres": centres,
    "inertia": float(fixed.inertia_),
    "silhouette": float(silhouette_score(z, labels)),
    "silhouette_by_k": {str(k): v for k, v in curve.items()},
}
with open(os.path.join(HERE, "expected.json"), "w") as f:
    json.dump(out, f, indent=1)
    f.write("\n")
print(json.dumps(out, indent=1))
