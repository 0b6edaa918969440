"""Expected lifecycle stages of the hand-built timelines in timelines.csv, by an implementation of
the rules documented in crate/src/segment/lifecycle.rs written from that text alone (exact
fractions, Python's statistics module), not with Clientele.

    python3 crate/tests/data/lifecycle_timelines/make_golden.py     # standard library only

Input, timelines.csv: customer (empty = guest), order, seconds since 0, kind (purchase/return),
quantity, amount. Each customer is designed to reach one stage, some on a boundary (see the
names). Analysis date: day 400; parameters: new within 30 days, the other defaults (at risk 2x,
lapsed 4x the usual gap, loyal at 5 orders and gap CV <= 1, gaps floored at 7 days, default
population gap 90 days).

The rules: only purchase lines before the analysis date make orders; an order's time is its
earliest line; gaps = days between consecutive orders; usual gap = median gap (one order: the
median of the repeat customers' usual gaps); reference gap = median of the gaps before the last
(one gap: the population's); both floored at 7. First matching stage: new (first order within
30 days, or one order and days since <= 2 x usual), lapsed (days since > 4 x usual), at risk
(> 2 x usual), won back (last gap > 4 x reference), loyal (>= 5 orders, population CV of the
gaps <= 1), repeat.

Writes expected.csv beside this script: customer, stage, orders, usual_gap_days, last_gap_days
(empty with one order), days_since_last_order, net_sales; and population_usual_gap_days in a
first comment line.
"""
import csv
import os
from collections import defaultdict
from fractions import Fraction
from statistics import median

HERE = os.path.dirname(os.path.abspath(__file__))
DAY = 86400
AS_OF = 400 * DAY
NEW_WITHIN, AT_RISK, LAPSED, LOYAL_ORDERS, LOYAL_CV, FLOOR, DEFAULT_GAP = 30, 2, 4, 5, 1, 7, 90

order_time = defaultdict(dict)  # customer -> order -> earliest time
net = defaultdict(Fraction)
with open(os.path.join(HERE, "timelines.csv")) as f:
    for r in csv.DictReader(f):
        t = int(r["seconds"])
        if r["customer"] == "" or t >= AS_OF:
            continue
        net[r["customer"]] += Fraction(r["amount"])
        if r["kind"] == "purchase":
            o = order_time[r["customer"]]
            o[r["order"]] = min(o.get(r["order"], t), t)

info = {}
for c, o in order_time.items():
    times = sorted(o.values())
    gaps = [Fraction(b - a, DAY) for a, b in zip(times, times[1:])]
    info[c] = times, gaps
usuals = [median(g) for _, g in info.values() if g]
population = median(usuals) if usuals else Fraction(DEFAULT_GAP)


def cv_at_most(gaps, bound):
    """Population CV <= bound, compared exactly through squares."""
    m = sum(gaps) / len(gaps)
    if m == 0:
        return True
    var = sum((g - m) ** 2 for g in gaps) / len(gaps)
    return var <= (bound * m) ** 2


rows = []
for c in sorted(info):
    times, gaps = info[c]
    usual = max(median(gaps) if gaps else population, FLOOR)
    reference = max(median(gaps[:-1]) if len(gaps) >= 2 else population, FLOOR)
    since = Fraction(AS_OF - times[-1], DAY)
    if times[0] >= AS_OF - NEW_WITHIN * DAY or (len(times) == 1 and since <= AT_RISK * usual):
        stage = "new"
    elif since > LAPSED * usual:
        stage = "lapsed"
    elif since > AT_RISK * usual:
        stage = "at_risk"
    elif gaps and gaps[-1] > LAPSED * reference:
        stage = "won_back"
    elif len(times) >= LOYAL_ORDERS and len(gaps) >= 2 and cv_at_most(gaps, LOYAL_CV):
        stage = "loyal"
    else:
        stage = "repeat"
    rows.append((c, stage, len(times), float(usual), float(gaps[-1]) if gaps else "", float(since), float(net[c])))

with open(os.path.join(HERE, "expected.csv"), "w") as f:
    f.write(f"# population_usual_gap_days={float(population)!r}\n")
    f.write("customer,stage,orders,usual_gap_days,last_gap_days,days_since_last_order,net_sales\n")
    for r in rows:
        f.write(",".join(repr(x) if isinstance(x, float) else str(x) for x in r) + "\n")
for r in rows:
    print(*r)
print("population", float(population), "stages", sorted({r[1] for r in rows}))
