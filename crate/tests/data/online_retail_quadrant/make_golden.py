"""Makes the loyalty x profitability quadrant golden of Online Retail (purchases only) with DuckDB
and exact Python arithmetic (fractions, decimals), not with Clientele.

    python3 -m venv /tmp/qenv && /tmp/qenv/bin/pip install duckdb   # made with duckdb 2.0.1
    /tmp/qenv/bin/python crate/tests/data/online_retail_quadrant/make_golden.py

Reads ../shared/data/online_retail/OnlineRetail.csv.gz. Rows: CustomerID present, InvoiceNo not
starting with C, Quantity > 0, UnitPrice > 0 (397,884 rows, 4,338 customers; see
../shared/data/README.md). Definitions (the quadrant's documentation, crate/src/segment/quadrant.rs,
and the fact table's, crate/src/segment/facts.rs):

- profitability = net sales = sum of Quantity x UnitPrice (no cost column, no return lines under
  purchases only, no cost to serve), in exact decimal arithmetic;
- an order is a distinct InvoiceNo; its time is the earliest of its lines (30 invoices span two
  minutes); gaps = differences of successive order times of a customer;
- loyalty = mean of three percentile ranks, each (rank - 1) / (n - 1) with ties at their
  mid-rank (SQL PERCENT_RANK with averaged ties):
  1. frequency = orders;
  2. regularity = 0 with one order, 0.5 with two, 1 / (1 + CV) with three or more, CV = population
     standard deviation / mean of the gaps (0 when the mean is 0);
  3. active span = last minus first purchase time;
  ranks are taken on exact values (CV compared through CV^2 as a fraction of integer seconds), so
  no floating-point noise decides a tie;
- splits = medians (mean of the two middle values, n is even) of profit and loyalty, exact;
  a customer is high when strictly above the split;
- quadrants: true_friends (high profit, high loyalty), butterflies (high profit, low loyalty),
  barnacles (low profit, high loyalty), strangers (neither).

Writes, beside this script: quadrant.json (splits and per-quadrant customers, customer share,
sales, sales share, profit) and customers.csv (CustomerID, quadrant, loyalty; ascending
CustomerID as text).
"""
import json
import os
from collections import defaultdict
from decimal import Decimal
from fractions import Fraction

import duckdb

HERE = os.path.dirname(os.path.abspath(__file__))
RAW = os.path.join(HERE, "..", "..", "..", "..", "..", "shared", "data", "online_retail", "OnlineRetail.csv.gz")

con = duckdb.connect()
con.execute(f"""
create table p as
select InvoiceNo as inv, CustomerID as cid,
       strptime(InvoiceDate, '%Y-%m-%d %H:%M:%S') as t,
       cast(Quantity as integer) * cast(UnitPrice as decimal(18, 3)) as amount
from read_csv('{RAW}', header = true, all_varchar = true)
where CustomerID is not null and CustomerID <> '' and not starts_with(InvoiceNo, 'C')
  and cast(Quantity as integer) > 0 and cast(UnitPrice as decimal(18, 3)) > 0
""")
assert con.execute("select count(*), count(distinct cid), count(distinct inv) from p").fetchone() == (397884, 4338, 18532)
sales = {c: Decimal(str(s)) for c, s in con.execute("select cid, sum(amount) from p group by cid").fetchall()}
orders = defaultdict(list)
for c, epoch in con.execute(
    "select cid, epoch(min(t))::bigint from p group by cid, inv order by cid, 2"
).fetchall():
    orders[c].append(epoch)

customers = sorted(sales)
n = len(customers)


def mid_ranks(values):
    """Percentile rank (k + e) / 2 / (n - 1) of each value, k..e the 0-based run of its ties."""
    order = sorted(range(len(values)), key=lambda i: values[i])
    out = [None] * len(values)
    k = 0
    while k < len(order):
        e = k
        while e + 1 < len(order) and values[order[e + 1]] == values[order[k]]:
            e += 1
        for i in order[k : e + 1]:
            out[i] = Fraction(k + e, 2 * (len(values) - 1))
        k = e + 1
    return out


def regularity_key(times):
    """A value that sorts like the regularity, exactly: -CV^2 (regularity 1 / (1 + CV) falls as CV
    grows); two orders = CV 1 (regularity 0.5); one order = CV infinite (regularity 0)."""
    if len(times) == 1:
        return (0, 0)
    if len(times) == 2:
        return (1, -Fraction(1))
    gaps = [b - a for a, b in zip(times, times[1:])]
    m = Fraction(sum(gaps), len(gaps))
    if m == 0:
        return (1, Fraction(0))
    var = sum((g - m) ** 2 for g in gaps) / len(gaps)
    return (1, -(var / (m * m)))


freq = mid_ranks([len(orders[c]) for c in customers])
reg = mid_ranks([regularity_key(orders[c]) for c in customers])
span = mid_ranks([orders[c][-1] - orders[c][0] for c in customers])
loyalty = [(a + b + d) / 3 for a, b, d in zip(freq, reg, span)]
profit = [sales[c] for c in customers]


def median(v):
    s = sorted(v)
    return s[len(s) // 2] if len(s) % 2 else (s[len(s) // 2 - 1] + s[len(s) // 2]) / 2


profit_split = median(profit)
loyalty_split = median(loyalty)
KEYS = ["true_friends", "butterflies", "barnacles", "strangers"]
quadrant = [
    KEYS[(0 if p > profit_split else 2) + (0 if l > loyalty_split else 1)] for p, l in zip(profit, loyalty)
]
total = sum(profit)
sizes = {}
for k in KEYS:
    members = [i for i in range(n) if quadrant[i] == k]
    s = sum((profit[i] for i in members), Decimal(0))
    sizes[k] = {
        "customers": len(members),
        "customer_share": len(members) / n,
        "sales": str(s),
        "sales_share": float(s / total),
        "profit": str(s),
    }
# How close the nearest customers are to the splits (so that the golden does not rest on noise).
loyalty_margin = min(abs(l - loyalty_split) for l in loyalty if l != loyalty_split)
out = {
    "source": "OnlineRetail.csv.gz, purchases only; see make_golden.py",
    "customers": n,
    "profit_basis": "net_sales",
    "profit_split": str(profit_split),
    "loyalty_split": float(loyalty_split),
    "loyalty_split_exact": f"{loyalty_split.numerator}/{loyalty_split.denominator}",
    "customers_at_loyalty_split": sum(1 for l in loyalty if l == loyalty_split),
    "customers_at_profit_split": sum(1 for p in profit if p == profit_split),
    "nearest_loyalty_to_split": float(loyalty_margin),
    "non_positive_profit": sum(1 for p in profit if p <= 0),
    "sales_total": str(total),
    "sizes": sizes,
}
with open(os.path.join(HERE, "quadrant.json"), "w") as f:
    json.dump(out, f, indent=1)
    f.write("\n")
with open(os.path.join(HERE, "customers.csv"), "w") as f:
    f.write("CustomerID,quadrant,loyalty\n")
    for c, q, l in zip(customers, quadrant, loyalty):
        f.write(f"{c},{q},{float(l)!r}\n")
print(json.dumps(out, indent=1))
