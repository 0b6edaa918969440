"""Makes the CDNOW calibration/holdout golden with lifetimes 0.11.3 (not with Clientele).

    python3 -m venv /tmp/ltenv
    /tmp/ltenv/bin/pip install lifetimes==0.11.3 pandas==1.5.3 numpy==1.26.4 scipy==1.11.4
    (lifetimes 0.11.3 predates pandas 2; with pandas 3 its calibration_and_holdout_data fails)
    /tmp/ltenv/bin/python crate/tests/data/cdnow_holdout/make_golden.py

Reads ../shared/data/cdnow/CDNOW_sample.txt and writes, beside this script:
- params.json: the BG/NBD parameters lifetimes fits on the calibration summary (weeks);
- customers.csv: per customer (ascending sample id) lifetimes' calibration_and_holdout_data
  (calibration end 1997-09-30, observation end 1998-06-30, days merged, weeks as 7 days) and
  conditional_expected_number_of_purchases_up_to_time(duration_holdout, ...) under those
  parameters;
- tracking.csv: the cumulative tracking curve over 78 weeks, week k ending on day
  o + 7k - 1 (o = the first purchase day of the sample, 1997-01-01): actual = repeat purchase
  days (distinct customer-days after each customer's first day) up to that day, counted with
  pandas; predicted = the sum over customers of lifetimes' expected_number_of_purchases_up_to_time
  ((end - first day) / 7) under those parameters (the paper's figure 3). (lifetimes'
  utils.expected_cumulative_transactions measures ages from the day after, one day more, so it
  is not used.)
"""
import json
import os

import numpy as np
import pandas as pd
from lifetimes import BetaGeoFitter
from lifetimes.utils import calibration_and_holdout_data

HERE = os.path.dirname(os.path.abspath(__file__))
RAW = os.path.join(HERE, "..", "..", "..", "..", "..", "shared", "data", "cdnow", "CDNOW_sample.txt")

rows = [line.split() for line in open(RAW) if line.strip()]
tx = pd.DataFrame({
    "id": [int(r[1]) for r in rows],
    "date": pd.to_datetime([r[2] for r in rows], format="%Y%m%d"),
    "sales": [float(r[4]) for r in rows],
})
assert len(tx) == 6919
ch = calibration_and_holdout_data(
    tx, "id", "date", calibration_period_end="1997-09-30", observation_period_end="1998-06-30",
    freq="D", freq_multiplier=7,
).sort_index()
assert len(ch) == 2357
bgf = BetaGeoFitter(penalizer_coef=0.0)
bgf.fit(ch["frequency_cal"], ch["recency_cal"], ch["T_cal"])
p = bgf.params_
params = {k: float(p[k]) for k in ["r", "alpha", "a", "b"]}
ch["predicted_holdout"] = bgf.conditional_expected_number_of_purchases_up_to_time(
    ch["duration_holdout"], ch["frequency_cal"], ch["recency_cal"], ch["T_cal"])
with open(os.path.join(HERE, "params.json"), "w") as f:
    json.dump({"lifetimes": "0.11.3", "model": "BetaGeoFitter, penalizer 0", "params": params}, f, indent=1)
ch.index.name = "id"
ch[["frequency_cal", "recency_cal", "T_cal", "frequency_holdout", "duration_holdout", "predicted_holdout"]].to_csv(
    os.path.join(HERE, "customers.csv"), float_format="%.15g")
days = tx[["id", "date"]].drop_duplicates().sort_values(["id", "date"])
first = days.groupby("id")["date"].min()
repeat = days[days["date"] > days["id"].map(first)]["date"]
origin = first.min()
end_obs = pd.Timestamp("1998-06-30")
out = []
for k in range(1, 79):
    end = min(origin + pd.Timedelta(days=7 * k - 1), end_obs)
    ages = (end - first[first <= end]).dt.days.to_numpy() / 7.0
    out.append({
        "week": k, "end": end.strftime("%Y-%m-%d"), "actual_cumulative": int((repeat <= end).sum()),
        "predicted_cumulative": float(np.sum(bgf.expected_number_of_purchases_up_to_time(ages))),
    })
tr = pd.DataFrame(out)
tr.to_csv(os.path.join(HERE, "tracking.csv"), index=False, float_format="%.15g")
print(params, tr.iloc[[38, 77]])
