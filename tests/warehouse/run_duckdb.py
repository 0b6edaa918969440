"""Runs a Clientele DuckDB recipe on a sales CSV, in a working directory.

usage: run_duckdb.py RECIPE.sql SALES.csv[.gz] OUTDIR COLUMN=ROLE...

The CSV is read as text (every cell a string, as a warehouse would load it) and exposed as the
view `sales_lines`, each column renamed to its Clientele role; the recipe then writes
clientele_*.csv into OUTDIR. Prints the recipe's run time in seconds.
"""
import os
import sys
import time

import duckdb

recipe, sales, outdir = sys.argv[1:4]
mapping = dict(a.split("=", 1) for a in sys.argv[4:])
sql = open(recipe, encoding="utf-8").read()
con = duckdb.connect()
cols = ", ".join(f'"{src}" AS {role}' for src, role in mapping.items())
con.execute(
    f"CREATE VIEW sales_lines AS SELECT {cols} FROM read_csv('{os.path.abspath(sales)}', all_varchar = true, header = true)"
)
os.chdir(outdir)
t = time.perf_counter()
con.execute(sql)
print(f"{time.perf_counter() - t:.3f}")
