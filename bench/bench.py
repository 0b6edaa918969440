"""Clientele benchmarks: the native CLI against reference tools, in one run.

Each task times whole commands (process start to exit, as a user would feel them) with the data
in the page cache, and reports the median of --runs runs. Peers run in-process (their import time
is excluded, which favours them). Run through scripts/bench, which builds the CLI and the venv.
"""

import argparse
import gzip
import json
import os
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared" / "data"
OUT = ROOT / "bench" / "out"
CLI = ROOT / "target" / "release" / "clientele"
RETAIL_GZ = SHARED / "online_retail" / "OnlineRetail.csv.gz"


def retail_csv() -> Path:
    """The decompressed Online Retail CSV (47 MB), made once into bench/out/."""
    OUT.mkdir(parents=True, exist_ok=True)
    path = OUT / "OnlineRetail.csv"
    if not path.exists():
        with gzip.open(RETAIL_GZ, "rb") as src, open(path, "wb") as dst:
            shutil.copyfileobj(src, dst)
    return path


def median_time(fn, runs: int) -> float:
    fn()  # warm-up: page cache, lazy imports
    times = []
    for _ in range(runs):
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    return statistics.median(times)


def run_cli(*args: str) -> bytes:
    return subprocess.run([str(CLI), *args], check=True, capture_output=True).stdout


def task_overview(runs: int) -> dict:
    """Read the 47 MB Online Retail CSV, keep purchases and returns with a customer, and count
    customers, orders and net revenue (Clientele also accounts for every dropped row)."""
    csv = retail_csv()
    results = {}
    results["clientele overview (csv)"] = median_time(lambda: run_cli("overview", str(csv), "--json"), runs)
    results["clientele overview (gz)"] = median_time(lambda: run_cli("overview", str(RETAIL_GZ), "--json"), runs)

    import duckdb

    def duck():
        con = duckdb.connect()
        con.execute("SET threads TO 2")
        return con.execute(
            f"""SELECT count(DISTINCT CustomerID), count(DISTINCT InvoiceNo), sum(Quantity*UnitPrice)
                FROM read_csv_auto('{csv}') WHERE CustomerID IS NOT NULL AND UnitPrice > 0"""
        ).fetchall()

    results["duckdb (2 threads)"] = median_time(duck, runs)

    import pandas as pd

    def pandas_run():
        df = pd.read_csv(csv, dtype={"CustomerID": "string", "InvoiceNo": "string", "StockCode": "string"})
        df = df[df.CustomerID.notna() & (df.UnitPrice > 0)]
        return df.CustomerID.nunique(), df.InvoiceNo.nunique(), (df.Quantity * df.UnitPrice).sum()

    results["pandas"] = median_time(pandas_run, runs)
    return results


TASKS = {"overview": task_overview}


def extra_tasks():
    """Tasks added by the analyses (bench/tasks_*.py each define TASKS = {name: fn(runs)})."""
    sys.path.insert(0, str(ROOT / "bench"))
    for path in sorted((ROOT / "bench").glob("tasks_*.py")):
        module = __import__(path.stem)
        TASKS.update(module.TASKS)


def main() -> None:
    extra_tasks()
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("tasks", nargs="*", help=f"tasks to run (default: all): {', '.join(TASKS)}")
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    chosen = args.tasks or list(TASKS)
    report = {"machine": {"cpus": os.cpu_count()}, "runs": args.runs, "tasks": {}}
    for name in chosen:
        print(f"== {name}: {TASKS[name].__doc__.split(chr(10))[0] if TASKS[name].__doc__ else ''}")
        res = TASKS[name](args.runs)
        report["tasks"][name] = res
        for what, secs in res.items():
            print(f"  {what:<32} {secs * 1000:9.1f} ms")
    OUT.mkdir(parents=True, exist_ok=True)
    (OUT / "results.json").write_text(json.dumps(report, indent=2))
    print(f"written to {OUT / 'results.json'}")


if __name__ == "__main__":
    main()
