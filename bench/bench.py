"""Clientele benchmarks: the native core, the wasm core in headless Chromium, and their peers, side
by side in one run on the same data (issues 3, 5, 6 and 7).

Tasks (default: all): ingest, basket, clv, segment, scale (10M lines, issues 16 and 17; BENCH_SCALE_PARTS=cli,page,warehouse
runs a part of it). Every figure is the median of --runs runs
(after a warm-up) with the data in the page cache. Each native or Python measurement runs in its
own process, so its peak resident memory (from wait4) is its own; in Chromium the clientele
figure is the wasm linear memory (a fresh page per case). Run through scripts/bench, which
builds the CLI, the examples, dist/ and the venv. Results go to bench/out/results.json and
bench/out/results.md. Timings are never asserted anywhere.
"""

import argparse
import gzip
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared" / "data"
OUT = ROOT / "bench" / "out"
TARGET = Path(os.environ.get("CARGO_TARGET_DIR", ROOT / "target")) / "release"
CLI = TARGET / "clientele"
EXAMPLES = TARGET / "examples"
PY = sys.executable
RETAIL_GZ = SHARED / "online_retail" / "OnlineRetail.csv.gz"
GROCERIES = SHARED / "groceries" / "groceries.csv"
CDNOW = SHARED / "cdnow" / "cdnow_customers_summary.csv"
CDNOW_TX = SHARED / "cdnow" / "cdnow_customers_summary_with_transactions.csv"
PEER_TIMEOUT = 150  # seconds for one peer process (warm-up + runs); mlxtend cases over ~60 s a run are skipped
MIB = 1024 * 1024
ONE_RUN_NOTE = "; one run: the first took over 10 s, so it was not repeated"


def retail_csv() -> Path:
    """The decompressed Online Retail CSV (47 MB), made once into bench/out/."""
    OUT.mkdir(parents=True, exist_ok=True)
    path = OUT / "OnlineRetail.csv"
    if not path.exists() or path.stat().st_size != 47_100_511:
        with gzip.open(RETAIL_GZ, "rb") as src, open(str(path) + ".part", "wb") as dst:
            shutil.copyfileobj(src, dst)
        os.replace(str(path) + ".part", path)
    return path


def retail_baskets() -> Path:
    """Online Retail invoices of the purchases-only rows (CustomerID present, InvoiceNo not
    starting with C, Quantity > 0, UnitPrice > 0) as basket text: one invoice a line, its distinct
    StockCodes comma-separated. 18,532 baskets, 3,665 items (shared/data/README.md)."""
    path = OUT / "retail_baskets.txt"
    if not path.exists():
        import pandas as pd

        df = pd.read_csv(retail_csv(), dtype={"CustomerID": "string", "InvoiceNo": "string", "StockCode": "string"})
        df = df[df.CustomerID.notna() & ~df.InvoiceNo.str.startswith("C") & (df.Quantity > 0) & (df.UnitPrice > 0)]
        baskets = df.groupby("InvoiceNo", sort=True)["StockCode"].apply(lambda s: ",".join(sorted(set(s))))
        assert len(baskets) == 18_532, len(baskets)
        path.write_text("\n".join(baskets.values) + "\n")
    return path


def run_measured(cmd, timeout=PEER_TIMEOUT, env=None):
    """Runs `cmd`; returns (stdout, wall seconds, peak RSS in MiB) or raises TimeoutError."""
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        t0 = time.perf_counter()
        p = subprocess.Popen([str(c) for c in cmd], stdout=out, stderr=err, env=env)
        deadline = t0 + timeout
        while True:
            pid, status, ru = os.wait4(p.pid, os.WNOHANG)
            if pid:
                break
            if time.perf_counter() > deadline:
                p.kill()
                os.wait4(p.pid, 0)
                raise TimeoutError(f"{cmd[0]} over {timeout} s")
            time.sleep(0.005)
        wall = time.perf_counter() - t0
        p.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        err.seek(0)
        if p.returncode != 0:
            raise RuntimeError(f"{' '.join(map(str, cmd))} failed: {err.read().decode(errors='replace')[-2000:]}")
        return out.read().decode(), wall, ru.ru_maxrss / 1024


def run_json(cmd, timeout=PEER_TIMEOUT):
    stdout, wall, peak = run_measured(cmd, timeout)
    lines = [l for l in stdout.splitlines() if l.strip().startswith(("{", "["))]
    return json.loads(lines[-1]), wall, peak


def row(task, case, tool, ms=None, *, mb_s=None, peak_mib=None, result="", note=""):
    return {"task": task, "case": case, "tool": tool, "ms": ms, "mb_s": mb_s, "peak_mib": peak_mib, "result": result, "note": note}


def dist_snapshot() -> str:
    """A copy of dist/ taken once per bench run (BENCH_DIST overrides), so a scripts/build run
    elsewhere in the checkout during the bench cannot pull the page from under it."""
    if os.environ.get("BENCH_DIST"):
        return os.environ["BENCH_DIST"]
    snap = OUT / "dist"
    if not getattr(dist_snapshot, "done", False):
        if not (ROOT / "dist" / "pkg" / "clientele_bg.wasm").exists():
            raise RuntimeError("dist/ is not built (scripts/build)")
        shutil.rmtree(snap, ignore_errors=True)
        shutil.copytree(ROOT / "dist", snap)
        dist_snapshot.done = True
    return str(snap)


def browser(task, runs, data):
    """The in-browser cases of bench/web/run.mjs (a list of dicts), or an error row."""
    files = {k: str(v) for k, v in data.items()}
    try:
        env = {**os.environ, "BENCH_DIST": dist_snapshot()}
        out, _, _ = run_measured(["node", ROOT / "bench" / "web" / "run.mjs", task, runs, json.dumps(files)], timeout=900, env=env)
        return json.loads(out.strip().splitlines()[-1])
    except Exception as e:  # noqa: BLE001 - reported in the table
        return [{"task": task, "case": "(browser)", "tool": "chromium", "error": str(e)[:300]}]


def page_drop(files, runs, warmup=1, timeout=900, range_workers=None):
    """bench/web/page.mjs: the real page (dist/, served as tests/e2e serve it) in Chromium, FILES
    given to its file input with setInputFiles; the wall time to the first frame showing the
    overview (median of `runs` after `warmup`, a fresh tab each, the worker ready before the drop),
    the worker's wasm memory and the Chromium processes' summed PSS peak. Raises on failure."""
    env = {**os.environ, "BENCH_DIST": dist_snapshot()}
    if range_workers is not None:
        env["BENCH_RANGE_WORKERS"] = str(range_workers)
    out, _, _ = run_measured(["node", ROOT / "bench" / "web" / "page.mjs", runs, warmup, *files], timeout=timeout, env=env)
    return json.loads(out.strip().splitlines()[-1])


def page_drop_row(t, case, tool, size, files, runs, warmup, timeout, beside=None, range_workers=None):
    """The "page drop to overview" row of `files` (or a row saying why it failed). `beside`:
    (label, ms) of the peer row the figure is set against in the note. `range_workers`: the page's
    range workers (www/worker/ranges.js; None: its default, one per core beside the analysis worker)."""
    try:
        p = page_drop(files, runs, warmup, timeout, range_workers)
    except Exception as e:  # noqa: BLE001 - reported in the table
        return row(t, case, tool, note=f"failed: {e}"[:300])
    ratio = f"; {p['ms'] / beside[1]:.2f}× {beside[0]} (same run)" if beside and beside[1] else ""
    return row(t, case, tool, p["ms"], mb_s=size / 1e6 / (p["ms"] / 1e3), peak_mib=p["wasmMib"],
               result=f"{p['customers']:,} customers" if p.get("customers") is not None else "",
               note=(f"the page (dist/, as tests/e2e), setInputFiles → first frame showing the overview, a fresh tab each, "
                     f"worker ready before the drop; runs {p['runsMs']} ms; setInputFiles → change event {p['inputToChangeMs']:.0f} ms; "
                     f"memory = the worker's wasm memory; Chromium processes' PSS peak {p['chromiumPssMib']:,.0f} MiB{ratio}"
                     + (f"; split (medians, ms): {', '.join(f'{k} {v:.0f}' for k, v in p['phases'].items())}" if p.get("phases") else "")
                     + (f"; read alone because: {', '.join(p['rangeFallbacks'])}" if p.get("rangeFallbacks") else "")))


# ---- ingest (issue 3) ------------------------------------------------------------------------


def task_ingest(runs):
    """Ingest Online Retail (47.1 MB CSV): native, DuckDB, pandas; wasm vs DuckDB-WASM in Chromium."""
    csv = retail_csv()
    size = csv.stat().st_size
    mbs = lambda s: size / 1e6 / s  # noqa: E731
    t = "ingest"
    case = "Online Retail CSV 47.1 MB"
    rows = []
    j, _, peak = run_json([EXAMPLES / "ingest_bench", csv, runs])
    rows.append(row(t, case, "clientele native ingest (1 thread)", j["ingest_s"] * 1e3, mb_s=mbs(j["ingest_s"]), peak_mib=peak,
                    result=f"{j['rows']:,} rows", note="examples/ingest_bench, file in memory, 1 MiB chunks"))
    rows.append(row(t, case, "clientele native overview after ingest", j["overview_s"] * 1e3, result=f"{j['customers']:,} customers"))
    walls, peaks = [], []
    all_cores = [CLI, "overview", csv, "--json", "--threads", str(os.cpu_count())]
    run_measured(all_cores)
    for _ in range(runs):
        out, wall, peak = run_measured(all_cores)
        walls.append(wall)
        peaks.append(peak)
    w = statistics.median(walls)
    customers = json.loads(out)["sales"]["customers"]
    rows.append(row(t, case, f"clientele CLI overview (process, --threads {os.cpu_count()})", w * 1e3, mb_s=mbs(w), peak_mib=max(peaks),
                    result=f"{customers:,} customers", note="whole process: read (byte ranges on all cores, issue 16), ingest, overview, JSON"))
    w1, p1 = cli_overview(csv, runs, 1)
    rows.append(row(t, case, "clientele CLI overview (process, --threads 1)", w1 * 1e3, mb_s=mbs(w1), peak_mib=p1,
                    note="one reader, the result identical byte for byte"))
    for threads in (1, 2):
        try:
            j, _, peak = run_json([PY, ROOT / "bench" / "peers.py", "duckdb", csv, threads, runs])
            rows.append(row(t, case, f"duckdb read_csv → table ({threads} thread{'s' * (threads > 1)})", j["load_s"] * 1e3,
                            mb_s=mbs(j["load_s"]), peak_mib=peak, result=f"{j['rows']:,} rows", note="CREATE TABLE AS SELECT * FROM read_csv"))
            rows.append(row(t, case, f"duckdb group by customer from CSV ({threads} thread{'s' * (threads > 1)})", j["group_s"] * 1e3,
                            mb_s=mbs(j["group_s"]), result=f"{j['customers']:,} customers", note="count(DISTINCT InvoiceNo), sum(Q×P)"))
        except Exception as e:  # noqa: BLE001
            rows.append(row(t, case, f"duckdb ({threads} threads)", note=f"failed: {e}"[:200]))
    try:
        j, _, peak = run_json([PY, ROOT / "bench" / "peers.py", "pandas", csv, runs])
        rows.append(row(t, case, "pandas read_csv", j["load_s"] * 1e3, mb_s=mbs(j["load_s"]), peak_mib=peak, result=f"{j['rows']:,} rows"))
    except Exception as e:  # noqa: BLE001
        rows.append(row(t, case, "pandas read_csv", note=f"failed: {e}"[:200]))
    for b in browser("ingest", runs, {"OnlineRetail.csv": csv}):
        if "error" in b:
            rows.append(row(t, case, b["tool"], note=f"failed: {b['error']}"))
        elif b["tool"] == "clientele wasm":
            rows.append(row(t, case, "clientele wasm ingest (chromium, main thread)", b["ms"], mb_s=mbs(b["ms"] / 1e3),
                            peak_mib=b["wasmMib"], result=f"{b['rows']:,} rows", note="File.stream() chunks → Analysis.push; memory = wasm linear memory"))
            rows.append(row(t, case, "clientele wasm overview after ingest", b["overviewMs"], result=f"{b['customers']:,} customers"))
            rows.append(row(t, case, "clientele wasm ingest, file in memory (chromium)", b["memMs"], mb_s=mbs(b["memMs"] / 1e3),
                            note="1 MiB chunks → Analysis.push, as the native ingest_bench"))
            rows.append(row(t, case, "File.stream() read alone (chromium)", b["streamMs"], mb_s=mbs(b["streamMs"] / 1e3),
                            note="the browser's share of the first row"))
        else:
            rows.append(row(t, case, "duckdb-wasm read_csv → table (chromium, EH)", b["loadMs"], mb_s=mbs(b["loadMs"] / 1e3),
                            result=f"{b['rows']:,} rows", note="registerFileHandle(File) + CREATE TABLE AS SELECT *"))
            rows.append(row(t, case, "duckdb-wasm count(*) from CSV (chromium)", b["countMs"], mb_s=mbs(b["countMs"] / 1e3),
                            result=f"{b['countRows']:,} rows"))
            rows.append(row(t, case, "duckdb-wasm group by customer from CSV (chromium)", b["groupMs"], mb_s=mbs(b["groupMs"] / 1e3),
                            result=f"{b['customers']:,} customers"))
    group = next((r["ms"] for r in rows if r["tool"].startswith("duckdb-wasm group by")), None)
    rows.append(page_drop_row(t, case, f"clientele page drop to overview (chromium, {os.cpu_count()} cores)", size, [csv], runs, 1, 900,
                              ("duckdb-wasm group by", group)))
    rows.append(page_drop_row(t, case, "clientele page drop to overview, one range worker (chromium)", size, [csv], runs, 1, 900,
                              ("duckdb-wasm group by", group), range_workers=1))
    return rows


def cli_overview(csv, runs, threads=None):
    """The CLI's `overview --json` on `csv` (median wall seconds, peak MiB) with `--threads`."""
    cmd = [CLI, "overview", csv, "--json"] + ([] if threads is None else ["--threads", str(threads)])
    run_measured(cmd, timeout=900)
    walls, peaks = [], []
    for _ in range(runs):
        _, wall, peak = run_measured(cmd, timeout=900)
        walls.append(wall)
        peaks.append(peak)
    return statistics.median(walls), max(peaks)


# ---- 10M lines (issue 16) --------------------------------------------------------------------


def demo_10m() -> Path:
    """The demo store's sales at 330,000 customers over 2 years (9.9 M lines, 1.45 GB), made once
    into bench/out/demo10m/ by the CLI (the same seed gives the same file everywhere)."""
    out = OUT / "demo10m"
    path = out / "demo_sales.csv"
    if not path.exists() or path.stat().st_size != 1_453_533_377:
        run_measured([CLI, "demo", "--customers", 330000, "--years", 2, "--lang", "en", "--out", out], timeout=900)
    return path


# The demo CSV's columns by Clientele role, as ingest reads its header (Channel is a store, a role
# the warehouse recipe does not take): the view `sales_lines` the DuckDB recipe reads.
DEMO_ROLES = {"Order ID": "order_id", "Customer ID": "customer_id", "Order Date": "datetime", "Product ID": "product_id",
              "Product Name": "product_name", "Category": "category", "Quantity": "quantity", "Unit Price": "unit_price",
              "Discount": "discount", "Amount": "amount", "Cost": "cost", "Province": "region", "Status": "status"}
SCALE_PARTS = ("cli", "page", "warehouse")


def cli_timed(args, runs, timeout=1800, warm_up=True):
    """`clientele ARGS` (a warm-up, then `runs` runs): (last stdout, median wall s, peak MiB)."""
    cmd = [CLI, *args]
    if warm_up:
        run_measured(cmd, timeout=timeout)
    walls, peaks = [], []
    for _ in range(runs):
        out, wall, peak = run_measured(cmd, timeout=timeout)
        walls.append(wall)
        peaks.append(peak)
    return out, statistics.median(walls), max(peaks)


def json_diffs(a, b, path=""):
    """Paths where two JSON values differ (numbers to 1e-9 relative)."""
    if isinstance(a, dict) and isinstance(b, dict):
        return [d for k in sorted(set(a) | set(b)) for d in json_diffs(a.get(k), b.get(k), f"{path}.{k}")]
    if isinstance(a, list) and isinstance(b, list) and len(a) == len(b):
        return [d for i, (x, y) in enumerate(zip(a, b)) for d in json_diffs(x, y, f"{path}[{i}]")]
    num = (int, float)
    if isinstance(a, num) and isinstance(b, num) and not isinstance(a, bool) and not isinstance(b, bool):
        return [] if a == b or abs(a - b) <= 1e-9 * max(abs(a), abs(b), 1.0) else [path]
    return [] if a == b else [path]


def task_scale(runs):
    """10M lines: the demo file natively, in the page, and in warehouse mode, beside DuckDB and DuckDB-WASM."""
    csv = demo_10m()
    size = csv.stat().st_size
    mbs = lambda s: size / 1e6 / s  # noqa: E731
    t, case, rows = "scale", "10M lines demo CSV 1.45 GB", []
    cores = os.cpu_count()
    runs = max(1, min(runs, 2))
    # BENCH_SCALE_PARTS=cli,page,warehouse (default all) runs a part of this long task.
    parts = [p for p in os.environ.get("BENCH_SCALE_PARTS", ",".join(SCALE_PARTS)).split(",") if p]
    raw_ms = {}
    if "cli" in parts:
        for threads in (1, cores):
            text, w, peak = cli_timed(["overview", csv, "--json", "--threads", threads], runs)
            raw_ms.setdefault("cli overview", w * 1e3)
            raw_ms.setdefault("overview", json.loads(text))
            rows.append(row(t, case, f"clientele CLI overview (process, --threads {threads})", w * 1e3, mb_s=mbs(w),
                            peak_mib=peak, note="whole process: read, ingest, overview, JSON; the same result at any --threads"))
        try:
            j, _, peak = run_json([PY, ROOT / "bench" / "peers.py", "duckdb_group", csv, "Customer ID", "Order ID", "Amount", cores, runs],
                                  timeout=900)
            rows.append(row(t, case, f"duckdb group by customer from CSV ({cores} threads)", j["group_s"] * 1e3, mb_s=mbs(j["group_s"]),
                            peak_mib=peak, result=f"{j['customers']:,} customers", note="count(DISTINCT order), sum(amount)"))
        except Exception as e:  # noqa: BLE001
            rows.append(row(t, case, f"duckdb group by customer ({cores} threads)", note=f"failed: {e}"[:200]))
    if "page" in parts:
        group = None
        for b in browser("scale", runs, {"demo_sales.csv": csv}):
            if "error" in b:
                rows.append(row(t, case, "duckdb-wasm group by customer from CSV (chromium)",
                                note=f"failed: DuckDB-WASM could not do it: {b['error']}"[:300]))
            else:
                group = b["groupMs"]
                rows.append(row(t, case, "duckdb-wasm group by customer from CSV (chromium)", group, mb_s=mbs(group / 1e3),
                                result=f"{b['customers']:,} customers",
                                note=f"EH bundle, the File of a file input (registerFileHandle); count(DISTINCT order), sum(amount); "
                                     f"runs {b.get('runsMs')} ms, no warm-up"))
        r = page_drop_row(t, case, f"clientele page drop to overview (chromium, {os.cpu_count()} cores)", size, [csv], runs, 0, 3600,
                          ("duckdb-wasm group by", group))
        r["note"] = "no warm-up run; " + r["note"]
        raw_ms["page"] = r["ms"]
        rows.append(r)
        r = page_drop_row(t, case, "clientele page drop to overview, one range worker (chromium)", size, [csv], runs, 0, 3600,
                          ("duckdb-wasm group by", group), range_workers=1)
        r["note"] = "no warm-up run; " + r["note"]
        rows.append(r)
    if "warehouse" in parts:
        rows.extend(scale_warehouse(csv, runs, raw_ms))
    return rows


def scale_warehouse(csv, runs, raw_ms):
    """Warehouse mode on the 10M file (issue 17): the DuckDB recipe in PyPI DuckDB, the summary
    files' size, and summary mode (the CLI and the page on clientele_*.csv) against raw mode."""
    t, case, rows = "scale", "10M lines demo CSV 1.45 GB", []
    out = OUT / "demo10m" / "warehouse"
    shutil.rmtree(out, ignore_errors=True)
    out.mkdir(parents=True)
    columns = ",".join(DEMO_ROLES.values())
    recipe_sql, _, _ = run_measured([CLI, "warehouse", "sql", "--engine", "duckdb", "--min-support", "0.01", "--columns", columns])
    recipe = out / "recipe.sql"
    recipe.write_text(recipe_sql)
    import duckdb  # the bench venv's PyPI DuckDB

    # One run: the recipe reads the 1.45 GB file as text (every cell a string, as a warehouse
    # would load it) through the view sales_lines, and writes clientele_*.csv into `out`.
    cmd = [PY, ROOT / "tests" / "warehouse" / "run_duckdb.py", recipe, csv, out, *(f"{k}={v}" for k, v in DEMO_ROLES.items())]
    try:
        stdout, wall, peak = run_measured(cmd, timeout=3600)
    except Exception as e:  # noqa: BLE001
        return [row(t, case, "duckdb warehouse recipe", note=f"failed: {e}"[:300])]
    files = sorted(out.glob("clientele_*.csv"))
    total = sum(f.stat().st_size for f in files)
    sizes = ", ".join(f"{f.name.removeprefix('clientele_').removesuffix('.csv')} {f.stat().st_size / 1e6:,.1f}" for f in files)
    rows.append(row(t, case, f"duckdb {duckdb.__version__} warehouse recipe (PyPI, {os.cpu_count()} threads) → clientele_*.csv",
                    float(stdout.strip().splitlines()[-1]) * 1e3, peak_mib=peak,
                    result=f"{total / 1e6:,.1f} MB of summaries in {len(files)} files",
                    note=f"`clientele warehouse sql --engine duckdb --columns {columns}` run by tests/warehouse/run_duckdb.py "
                         f"(the CSV read as text through the view sales_lines); one run, whole process {wall:.1f} s; MB: {sizes}"))
    raw = raw_ms.get("overview")
    if raw is None:
        try:
            raw = json.loads(run_measured([CLI, "overview", csv, "--json", "--threads", "1"], timeout=1800)[0])
        except Exception as e:  # noqa: BLE001
            rows.append(row(t, case, "clientele CLI overview (raw, for the comparison)", note=f"failed: {e}"[:200]))
    for command in ("overview", "segments"):
        try:
            text, w, peak = cli_timed([command, *files, "--json", "--threads", "1"], runs)
        except Exception as e:  # noqa: BLE001
            rows.append(row(t, case, f"clientele CLI {command} on the summaries", note=f"failed: {e}"[:200]))
            continue
        j = json.loads(text)
        note = "whole process on clientele_*.csv"
        result = ""
        if command == "overview":
            result = f"{j['sales']['customers']:,} customers"
            if raw is not None:
                d = json_diffs(raw["sales"], j["sales"]) + json_diffs(raw["monthly"], j["monthly"])
                note += f"; sales and monthly figures {'equal raw mode' if not d else f'differ from raw mode at {len(d)} places, first {d[:3]}'}"
            if "cli overview" in raw_ms:
                note += f"; raw mode's CLI overview {raw_ms['cli overview'] / 1e3:.1f} s in this run"
        else:
            result = f"{j['customers']:,} customers"
        rows.append(row(t, case, f"clientele CLI {command} on the summaries (--threads 1)", w * 1e3, peak_mib=peak, result=result, note=note))
    if raw is not None:
        try:
            _, w, peak = cli_timed(["segments", csv, "--json", "--threads", "1"], 1, warm_up=False)
            rows.append(row(t, case, "clientele CLI segments on the raw file (--threads 1)", w * 1e3, mb_s=csv.stat().st_size / 1e6 / w,
                            peak_mib=peak, note="raw mode, for the row above; one run (the file in the page cache from the rows above)"))
        except Exception as e:  # noqa: BLE001
            rows.append(row(t, case, "clientele CLI segments on the raw file", note=f"failed: {e}"[:200]))
    r = page_drop_row(t, case, "clientele page drop to overview, summary files (chromium)", total, files, runs, 1, 1800,
                      ("raw mode's page drop", raw_ms.get("page")))
    r["note"] = "warehouse mode: the clientele_*.csv files dropped together; " + r["note"]
    rows.append(r)
    return rows


# ---- basket (issue 6) ------------------------------------------------------------------------


def task_basket(runs):
    """FP-growth itemsets + rules (conf 0.5): Groceries 0.001, Online Retail invoices 0.01 / 0.005."""
    t = "basket"
    cases = [("Groceries s=0.001", GROCERIES, 0.001), ("Online Retail s=0.01", retail_baskets(), 0.01),
             ("Online Retail s=0.005", retail_baskets(), 0.005)]
    conf = 0.5
    rows = []
    for name, path, s in cases:
        res = lambda j: f"{j['itemsets']:,} itemsets, {j['rules']:,} rules"  # noqa: E731
        split = lambda j: f"itemsets {j['itemsets_s'] * 1e3:.1f} + rules {j['rules_s'] * 1e3:.1f} ms"  # noqa: E731
        j, _, peak = run_json([EXAMPLES / "basket_bench", "file", path, s, conf, runs])
        rows.append(row(t, name, "clientele native", (j["itemsets_s"] + j["rules_s"]) * 1e3, peak_mib=peak, result=res(j), note=split(j)))
        for peer in ("pyfim", "mlxtend"):
            try:
                j, _, peak = run_json([PY, ROOT / "bench" / "peers.py", peer, path, s, conf, runs])
                note = split(j) + (f"; {j['rules_any_consequent']:,} rules with any consequent" if "rules_any_consequent" in j else "")
                note += ONE_RUN_NOTE if j.get("one_run") else ""
                rows.append(row(t, name, peer, (j["itemsets_s"] + j["rules_s"]) * 1e3, peak_mib=peak, result=res(j), note=note))
            except TimeoutError:
                rows.append(row(t, name, peer, note=f"skipped: over {PEER_TIMEOUT} s for warm-up + {runs} runs"))
        try:
            j, _, peak = run_json(["node", ROOT / "bench" / "web" / "node_fpgrowth.mjs", path, s, runs])
            rows.append(row(t, name, "node-fpgrowth (node, itemsets only)", j["itemsets_s"] * 1e3, peak_mib=peak,
                            result=f"{j['itemsets']:,} itemsets", note=ONE_RUN_NOTE.lstrip("; ") if j.get("one_run") else ""))
        except TimeoutError:
            rows.append(row(t, name, "node-fpgrowth (node)", note=f"skipped: over {PEER_TIMEOUT} s"))
    names = {"groceries.csv": GROCERIES, "retail_baskets.txt": retail_baskets()}
    labels = {"groceries 0.001": cases[0][0], "retail 0.01": cases[1][0], "retail 0.005": cases[2][0]}
    for b in browser("basket", runs, names):
        name = labels.get(b["case"], b["case"])
        if "error" in b:
            rows.append(row(t, name, b["tool"] + " (chromium)", note=f"failed: {b['error']}"))
        elif b["tool"] == "clientele wasm":
            rows.append(row(t, name, "clientele wasm (chromium)", b["ms"], peak_mib=b["wasmMib"],
                            result=f"{b['itemsets']:,} itemsets, {b['rules']:,} rules",
                            note=f"itemsets {b['itemsetsMs']:.1f} + rules {b['rulesMs']:.1f} ms; memory = wasm linear memory"))
        elif b["tool"].startswith("clientele wasm"):
            rows.append(row(t, name, "clientele wasm itemsets only (chromium)", b["itemsetsMs"], result=f"{b['itemsets']:,} itemsets"))
        else:
            rows.append(row(t, name, "node-fpgrowth (chromium, itemsets only)", b["ms"], result=f"{b['itemsets']:,} itemsets",
                            note=ONE_RUN_NOTE.lstrip("; ") if b.get("capped") else ""))
    return rows


# ---- clv (issue 7) ---------------------------------------------------------------------------


def task_clv(runs):
    """BG/NBD, Gamma-Gamma, Pareto/NBD fits on the CDNOW sample: native, wasm, lifetimes."""
    t = "clv"
    rows = []
    j, _, peak = run_json([EXAMPLES / "clv_bench", max(runs, 21)])
    sample = "CDNOW sample (2,357 customers)"
    rows.append(row(t, sample, "clientele native BG/NBD fit", j["bgnbd_fit_ms"], peak_mib=peak, note="examples/clv_bench, median of 21"))
    rows.append(row(t, sample, "clientele native Gamma-Gamma fit", j["gg_fit_ms"]))
    rows.append(row(t, sample, "clientele native Pareto/NBD fit", j["pareto_fit_ms"]))
    rows.append(row(t, "simulated CDNOW size (23,570)", "clientele native BG/NBD fit", j["full_size_fit_ms"]))
    rows.append(row(t, "1M simulated customers", "clientele native predictions + CLV", j["predict_1m_ms"]))
    try:
        j, _, peak = run_json([PY, ROOT / "bench" / "peers.py", "lifetimes", CDNOW, CDNOW_TX, runs])
        bg = j["bgnbd"]
        rows.append(row(t, sample, "lifetimes BG/NBD fit", j["bgnbd_fit_s"] * 1e3, peak_mib=peak,
                        result=f"r {bg[0]:.4f} α {bg[1]:.4f} a {bg[2]:.4f} b {bg[3]:.4f}"))
        rows.append(row(t, sample, "lifetimes Gamma-Gamma fit", j["gg_fit_s"] * 1e3))
        rows.append(row(t, sample, "lifetimes Pareto/NBD fit", j["pareto_fit_s"] * 1e3))
    except Exception as e:  # noqa: BLE001
        rows.append(row(t, sample, "lifetimes", note=f"failed: {e}"[:200]))
    for b in browser("clv", runs, {"cdnow_customers_summary.csv": CDNOW}):
        if "error" in b:
            rows.append(row(t, sample, "clientele wasm (chromium)", note=f"failed: {b['error']}"))
        else:
            rows.append(row(t, sample, "clientele wasm BG/NBD fit (chromium)", b["ms"], peak_mib=b["wasmMib"],
                            result=f"r {b['r']:.4f} α {b['alpha']:.4f} a {b['a']:.4f} b {b['b']:.4f}",
                            note=f"median of {b['runs']}; performance.now() has 0.1 ms steps"))
    return rows


# ---- segment (issue 5) -----------------------------------------------------------------------


def task_segment(runs):
    """Online Retail segmentation after ingest (examples/segment_bench, segment2_bench)."""
    t = "segment"
    rows = []
    labels = {"facts_ms": "customer facts", "analyse_ms": "segmentation (segment::analyse, goal < 100 ms)",
              "export_csv_ms": "CSV export of every customer", "lifecycle_ms": "lifecycle stages",
              "migration_ms": "migration matrix (90 days)", "cohorts_ms": "monthly cohorts",
              "cluster_sweep_ms": "k-means++ sweep k = 2..8 + silhouettes", "profile_ms": "attribute profile (demo store)"}
    for example, args in (("segment_bench", ["file", retail_csv(), 11]), ("segment2_bench", [11])):
        exe = EXAMPLES / example
        if not exe.exists():
            rows.append(row(t, "Online Retail", f"clientele native {example}", note=f"examples/{example} not built"))
            continue
        try:
            j, _, peak = run_json([exe, *args])
        except Exception as e:  # noqa: BLE001
            rows.append(row(t, "Online Retail", f"clientele native {example}", note=f"failed: {e}"[:200]))
            continue
        customers = j.get("customers")
        first = True
        for key, label in labels.items():
            if key not in j:
                continue
            rows.append(row(t, "demo store" if key == "profile_ms" else "Online Retail", f"clientele native {label}", j[key],
                            peak_mib=peak if first else None,
                            result=f"{customers:,} customers" if first and customers else "",
                            note=f"examples/{example} (peak: whole process), median of 11 after ingest" if first else ""))
            first = False
    return rows


TASKS = {"ingest": task_ingest, "basket": task_basket, "clv": task_clv, "segment": task_segment, "scale": task_scale}


def fmt(v, digits=1):
    return "" if v is None else f"{v:,.{digits}f}"


def markdown(rows, runs):
    lines = [f"Median of {runs} runs after a warm-up unless noted; memory is the process's peak RSS (MiB), or the wasm linear memory in Chromium.", "",
             "| Task | Case | Tool | Time (ms) | MB/s | Peak MiB | Result | Note |", "|---|---|---|---:|---:|---:|---|---|"]
    for r in rows:
        ms = "" if r["ms"] is None else (f"{r['ms']:,.2f}" if r["ms"] < 10 else f"{r['ms']:,.1f}")
        lines.append(f"| {r['task']} | {r['case']} | {r['tool']} | {ms} | {fmt(r['mb_s'])} | {fmt(r['peak_mib'], 0)} | {r['result']} | {r['note']} |")
    return "\n".join(lines) + "\n"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("tasks", nargs="*", help=f"tasks to run (default: all): {', '.join(TASKS)}")
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    chosen = args.tasks or list(TASKS)
    unknown = [t for t in chosen if t not in TASKS]
    if unknown:
        parser.error(f"unknown task(s) {', '.join(unknown)}; choose from {', '.join(TASKS)}")
    OUT.mkdir(parents=True, exist_ok=True)
    if set(chosen) & {"ingest", "basket", "clv", "scale"}:
        dist_snapshot()
    rows = []
    for name in chosen:
        print(f"== {name}: {TASKS[name].__doc__.splitlines()[0]}", flush=True)
        t0 = time.perf_counter()
        got = TASKS[name](args.runs)
        for r in got:
            ms = "" if r["ms"] is None else f"{r['ms']:10.2f} ms"
            extra = " ".join(x for x in (f"{r['mb_s']:.1f} MB/s" if r["mb_s"] else "", f"{r['peak_mib']:.0f} MiB" if r["peak_mib"] else "", r["result"], r["note"]) if x)
            print(f"  {r['case'][:30]:<30} {r['tool'][:52]:<52} {ms:>13}  {extra}", flush=True)
        print(f"  ({time.perf_counter() - t0:.0f} s)", flush=True)
        rows.extend(got)
    report = {"machine": {"cpus": os.cpu_count()}, "runs": args.runs, "tasks": chosen, "rows": rows}
    (OUT / "results.json").write_text(json.dumps(report, indent=2))
    (OUT / "results.md").write_text(markdown(rows, args.runs))
    print(f"written to {OUT / 'results.json'} and {OUT / 'results.md'}")


if __name__ == "__main__":
    main()
