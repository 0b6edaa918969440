"""Makes the campaign golden on Online Retail with the Python standard library only, not with
Clientele:

    python3 crate/tests/data/campaign/make_golden.py

1. The campaign: every customer with a purchase before 2011-09-01, plus three ids that are not
   in the sales, split at random (random.Random(2026)) into 20% control and 80% contacted, each
   given a segment A, B or C at random. Written to campaign.csv.
2. Planted purchases: each contacted customer of segment A buys one planted line in the window
   with probability 0.15, of B with 0.05, of C never (the control group never). Written to
   planted.csv with Online Retail's columns; it is read as a second sales file.
3. The expected figures (expected.json), from OnlineRetail.csv.gz + planted.csv, start
   2011-09-01 00:00:00, window 30 days:
   - kept lines: CustomerID present, UnitPrice > 0; a purchase line has Quantity > 0 and an
     InvoiceNo not starting with C; a return line has Quantity < 0 (its amount Quantity x
     UnitPrice is negative);
   - responder: a purchase line in [start, start + 30 days); orders: its distinct InvoiceNo;
     net sales: the sum of Quantity x UnitPrice of its kept lines in the window;
   - Wilson intervals with z = NormalDist().inv_cdf(0.975); Newcombe's hybrid score interval
     (method 10) for the difference of rates; Welch's interval for the difference of mean net
     sales per customer, its t quantile by bisection on the t CDF integrated with Simpson's rule
     on the density (not the incomplete beta the crate uses).
"""
import csv
import gzip
import json
import math
import os
import random
from datetime import datetime, timedelta
from statistics import NormalDist

HERE = os.path.dirname(os.path.abspath(__file__))
RAW = os.path.join(HERE, "..", "..", "..", "..", "..", "shared", "data", "online_retail", "OnlineRetail.csv.gz")
if not os.path.exists(RAW):
    RAW = "/work/shared/data/online_retail/OnlineRetail.csv.gz"
START = datetime(2011, 9, 1)
END = START + timedelta(days=30)
PLANT = {"A": 0.15, "B": 0.05, "C": 0.0}
HEADER = ["InvoiceNo", "StockCode", "Description", "Quantity", "InvoiceDate", "UnitPrice", "CustomerID", "Country"]


def read_rows(path, opener):
    with opener(path, "rt", encoding="utf-8", errors="replace", newline="") as f:
        yield from csv.DictReader(f)


def main():
    rows = list(read_rows(RAW, gzip.open))
    before = sorted({r["CustomerID"] for r in rows if r["CustomerID"] and r["InvoiceDate"] < "2011-09-01"
                     and float(r["UnitPrice"]) > 0 and float(r["Quantity"]) > 0})
    ids = before + ["NOSALE1", "NOSALE2", "NOSALE3"]
    rng = random.Random(2026)
    campaign = []
    for cid in ids:
        control = rng.random() < 0.2
        segment = rng.choice("ABC")
        campaign.append((cid, control, segment))
    with open(os.path.join(HERE, "campaign.csv"), "w", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["CustomerID", "group", "segment"])
        for cid, control, seg in campaign:
            w.writerow([cid, "control" if control else "contacted", seg])
    planted = []
    for k, (cid, control, seg) in enumerate(campaign):
        if control or cid.startswith("NOSALE"):
            continue
        if rng.random() < PLANT[seg]:
            t = START + timedelta(seconds=rng.randrange(30 * 86400))
            price = rng.randrange(500, 5000) / 100
            planted.append([f"P{k:06d}", "PLANT", "PLANTED LINE", "1", t.strftime("%Y-%m-%d %H:%M:%S"),
                            f"{price:.2f}", cid, "United Kingdom"])
    with open(os.path.join(HERE, "planted.csv"), "w", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(HEADER)
        w.writerows(planted)

    planted_rows = list(read_rows(os.path.join(HERE, "planted.csv"), open))
    lo, hi = START.strftime("%Y-%m-%d %H:%M:%S"), END.strftime("%Y-%m-%d %H:%M:%S")
    in_sales = set()
    net = {}
    orders = {}
    for r in rows + planted_rows:
        cid = r["CustomerID"]
        if not cid:
            continue
        q, p = float(r["Quantity"]), float(r["UnitPrice"])
        if p <= 0 or q == 0:
            continue
        in_sales.add(cid)
        if not (lo <= r["InvoiceDate"] < hi):
            continue
        net[cid] = net.get(cid, 0.0) + q * p
        if q > 0 and not r["InvoiceNo"].startswith("C"):
            orders.setdefault(cid, set()).add(r["InvoiceNo"])

    def group(members):
        n = len(members)
        x = sum(1 for c in members if c in orders)
        values = [net.get(c, 0.0) for c in members]
        mean = sum(values) / n
        var = sum((v - mean) ** 2 for v in values) / (n - 1)
        lo_, hi_ = wilson(x, n)
        return {"customers": n, "responders": x, "responseRate": x / n, "responseRateLow": lo_,
                "responseRateHigh": hi_, "orders": sum(len(orders.get(c, ())) for c in members),
                "netSalesPerCustomer": mean, "netSalesVar": var}

    def compare(entries):
        a = group([c for c, ctl, _ in entries if not ctl])
        b = group([c for c, ctl, _ in entries if ctl])
        rl, rh = newcombe(a["responders"], a["customers"], b["responders"], b["customers"])
        d, wl, wh, df = welch(a, b)
        return {"contacted": a, "control": b, "uplift": {
            "responseRate": a["responseRate"] - b["responseRate"], "responseRateLow": rl, "responseRateHigh": rh,
            "netSalesPerCustomer": d, "netSalesPerCustomerLow": wl, "netSalesPerCustomerHigh": wh, "welchDf": df,
            "incrementalRevenue": d * a["customers"]}}

    kept = [e for e in campaign if e[0] in in_sales]
    out = {"start": "2011-09-01", "windowDays": 30,
           "notInSales": {"contacted": sum(1 for c, ctl, _ in campaign if c not in in_sales and not ctl),
                          "control": sum(1 for c, ctl, _ in campaign if c not in in_sales and ctl)},
           "plantedLines": len(planted), "all": compare(kept),
           "segments": {s: compare([e for e in kept if e[2] == s]) for s in "ABC"}}
    with open(os.path.join(HERE, "expected.json"), "w") as f:
        json.dump(out, f, indent=1, sort_keys=True)
        f.write("\n")


Z = NormalDist().inv_cdf(0.975)


def wilson(x, n):
    p = x / n
    denom = 1 + Z * Z / n
    centre = (p + Z * Z / (2 * n)) / denom
    half = Z * math.sqrt(p * (1 - p) / n + Z * Z / (4 * n * n)) / denom
    return max(0.0, centre - half), min(1.0, centre + half)


def newcombe(x1, n1, x2, n2):
    p1, p2 = x1 / n1, x2 / n2
    l1, u1 = wilson(x1, n1)
    l2, u2 = wilson(x2, n2)
    d = p1 - p2
    return d - math.sqrt((p1 - l1) ** 2 + (u2 - p2) ** 2), d + math.sqrt((u1 - p1) ** 2 + (p2 - l2) ** 2)


def t_density(x, df):
    c = math.exp(math.lgamma((df + 1) / 2) - math.lgamma(df / 2)) / math.sqrt(df * math.pi)
    return c * (1 + x * x / df) ** (-(df + 1) / 2)


def t_cdf(t, df, steps=20000):
    h = t / steps
    s = t_density(0, df) + t_density(t, df)
    for i in range(1, steps):
        s += (4 if i % 2 else 2) * t_density(i * h, df)
    return 0.5 + s * h / 3


def t_quantile(p, df):
    lo, hi = 0.0, 50.0
    for _ in range(60):
        mid = (lo + hi) / 2
        if t_cdf(mid, df) < p:
            lo = mid
        else:
            hi = mid
    return (lo + hi) / 2


def welch(a, b):
    va, vb = a["netSalesVar"] / a["customers"], b["netSalesVar"] / b["customers"]
    se2 = va + vb
    df = se2 * se2 / (va * va / (a["customers"] - 1) + vb * vb / (b["customers"] - 1))
    d = a["netSalesPerCustomer"] - b["netSalesPerCustomer"]
    half = t_quantile(0.975, df) * math.sqrt(se2)
    return d, d - half, d + half, df


if __name__ == "__main__":
    main()
