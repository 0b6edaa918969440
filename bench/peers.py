"""One peer measurement per process, so its peak memory is its own (bench.py reads it with wait4).

    python bench/peers.py KIND ARGS... RUNS

Prints one JSON object: the median seconds of RUNS runs after a warm-up (imports and input
preparation excluded, which favours the peers), and result counts so correctness is visible.
"""

import json
import math
import statistics
import sys
import time


SLOW = 10.0  # seconds: a warm-up slower than this is the one reported run (see ONE_RUN)
ONE_RUN = []


def timed(fn, runs):
    t0 = time.perf_counter()
    out = fn()  # warm-up
    first = time.perf_counter() - t0
    if first > SLOW:
        ONE_RUN.append(first)
        return first, out
    times = []
    for _ in range(runs):
        t0 = time.perf_counter()
        out = fn()
        times.append(time.perf_counter() - t0)
    return statistics.median(times), out


def read_baskets(path):
    """Basket text: one basket a line, items comma-separated, no quoting (Groceries and the
    Online Retail invoices written by bench.py); items are kept exactly, trailing spaces too."""
    with open(path, encoding="utf-8") as f:
        return [sorted(set(line.rstrip("\r\n").split(","))) for line in f if line.strip()]


def pyfim(path, support, confidence, runs):
    import fim

    tx = read_baskets(path)
    supp = -math.ceil(support * len(tx) - 1e-9)  # negative: an absolute count, ≥ ceil(s × N)
    t_sets, sets = timed(lambda: fim.fpgrowth(tx, target="s", supp=supp, zmin=1, report="a"), runs)
    t_rules, rules = timed(lambda: fim.arules(tx, supp=supp, conf=100 * confidence, zmin=2, report="a", mode="o"), runs)
    return {"itemsets_s": t_sets, "rules_s": t_rules, "itemsets": len(sets), "rules": len(rules)}


def mlxtend(path, support, confidence, runs):
    import pandas as pd
    from mlxtend.frequent_patterns import association_rules, fpgrowth
    from mlxtend.preprocessing import TransactionEncoder

    tx = read_baskets(path)
    te = TransactionEncoder()
    df = pd.DataFrame(te.fit(tx).transform(tx), columns=te.columns_)
    # mlxtend compares support with >= on the fraction; nudge it to ≥ ceil(s × N) / N.
    s = math.ceil(support * len(tx) - 1e-9) / len(tx) - 1e-12
    t_sets, sets = timed(lambda: fpgrowth(df, min_support=s, use_colnames=True), runs)
    # mlxtend 0.23.1: 0.23.2 to 0.23.4 made fpgrowth over 30 times slower (Groceries: minutes).
    t_rules, rules = timed(lambda: association_rules(sets, metric="confidence", min_threshold=confidence), runs)
    one = int((rules["consequents"].map(len) == 1).sum())
    return {"itemsets_s": t_sets, "rules_s": t_rules, "itemsets": len(sets), "rules": one, "rules_any_consequent": len(rules)}


def lifetimes(summary_path, with_tx_path, runs):
    import pandas as pd
    from lifetimes import BetaGeoFitter, GammaGammaFitter, ParetoNBDFitter

    df = pd.read_csv(summary_path)
    f, r, t = df["frequency"], df["recency"], df["T"]
    z = pd.read_csv(with_tx_path)
    z = z[z["x"] > 0]
    t_bg, bg = timed(lambda: BetaGeoFitter().fit(f, r, t), runs)
    t_gg, gg = timed(lambda: GammaGammaFitter().fit(z["x"], z["zbar"]), runs)
    t_pn, pn = timed(lambda: ParetoNBDFitter().fit(f, r, t), max(1, runs))
    return {
        "bgnbd_fit_s": t_bg, "gg_fit_s": t_gg, "pareto_fit_s": t_pn,
        "bgnbd": [round(v, 6) for v in bg.params_.values], "gg": [round(v, 5) for v in gg.params_.values],
        "customers": len(df),
    }


def duckdb_ingest(csv, threads, runs):
    import duckdb

    def load():
        con = duckdb.connect()
        con.execute(f"SET threads TO {threads}")
        con.execute(f"CREATE TABLE t AS SELECT * FROM read_csv('{csv}')")
        return con.execute("SELECT count(*) FROM t").fetchone()[0]

    def group():
        con = duckdb.connect()
        con.execute(f"SET threads TO {threads}")
        return con.execute(
            f"""SELECT CustomerID, count(DISTINCT InvoiceNo), sum(Quantity*UnitPrice)
                FROM read_csv('{csv}') WHERE CustomerID IS NOT NULL GROUP BY CustomerID"""
        ).fetchall()

    t_load, rows = timed(load, runs)
    t_group, groups = timed(group, runs)
    return {"load_s": t_load, "group_s": t_group, "rows": rows, "customers": len(groups)}


def duckdb_group(csv, customer, order, amount, threads, runs):
    """DuckDB's group by customer straight from a CSV with the given column names (issue 16's
    10M-line demo file: count(DISTINCT order), sum(amount))."""
    import duckdb

    def group():
        con = duckdb.connect()
        con.execute(f"SET threads TO {threads}")
        return con.execute(
            f"""SELECT "{customer}", count(DISTINCT "{order}"), sum("{amount}")
                FROM read_csv('{csv}') WHERE "{customer}" IS NOT NULL GROUP BY "{customer}" """
        ).fetchall()

    t_group, groups = timed(group, runs)
    return {"group_s": t_group, "customers": len(groups)}


def pandas_ingest(csv, runs):
    import pandas as pd

    def load():
        return pd.read_csv(csv, dtype={"CustomerID": "string", "InvoiceNo": "string", "StockCode": "string"})

    t_load, df = timed(load, runs)
    return {"load_s": t_load, "rows": len(df), "customers": int(df["CustomerID"].nunique())}


def main():
    kind, *args = sys.argv[1:]
    runs = int(args[-1])
    if kind in ("pyfim", "mlxtend"):
        out = globals()[kind](args[0], float(args[1]), float(args[2]), runs)
    elif kind == "lifetimes":
        out = lifetimes(args[0], args[1], runs)
    elif kind == "duckdb":
        out = duckdb_ingest(args[0], int(args[1]), runs)
    elif kind == "duckdb_group":
        out = duckdb_group(args[0], args[1], args[2], args[3], int(args[4]), runs)
    elif kind == "pandas":
        out = pandas_ingest(args[0], runs)
    else:
        raise SystemExit(f"unknown peer {kind}")
    out["one_run"] = bool(ONE_RUN)
    print(json.dumps(out))


if __name__ == "__main__":
    main()
