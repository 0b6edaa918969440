"""Runs Clientele's Spark script (`clientele warehouse sql --engine spark --script`) on a sales
CSV in a local Spark (local[2]), in a working directory.

usage: run_spark.py SCRIPT.py SALES.csv[.gz] OUTDIR COLUMN=ROLE...

The CSV is read as text (every cell a string, as a warehouse would load it) and exposed as the
view `sales_lines`, each column renamed to its Clientele role; the script then writes
clientele_*.csv into OUTDIR. Prints the script's run time and the JVM's CPU time.
"""
import os
import runpy
import sys
import time

from pyspark.sql import SparkSession
from pyspark.sql import functions as F

script, sales, outdir = sys.argv[1:4]
mapping = dict(a.split("=", 1) for a in sys.argv[4:])
spark = (
    SparkSession.builder.master("local[2]")
    .appName("clientele-test")
    .config("spark.driver.host", "127.0.0.1")
    .config("spark.driver.bindAddress", "127.0.0.1")
    .config("spark.ui.enabled", "false")
    .config("spark.sql.shuffle.partitions", "4")
    .config("spark.driver.memory", "2g")
    .config("spark.driver.extraJavaOptions", "-Xss16m")
    .getOrCreate()
)
spark.sparkContext.setLogLevel("ERROR")
lines = spark.read.option("header", True).option("escape", '"').csv(os.path.abspath(sales))
lines.select([F.col(src).alias(role) for src, role in mapping.items()]).createOrReplaceTempView("sales_lines")
os.chdir(outdir)
t = time.perf_counter()
sys.argv = [script]
runpy.run_path(script, run_name="__main__")
wall = time.perf_counter() - t
try:  # the JVM is this process's child (py4j's gateway): its user + system time from /proc
    with open(f"/proc/{spark.sparkContext._gateway.proc.pid}/stat") as stat:
        fields = stat.read().rsplit(")", 1)[1].split()
    cpu = f"{(int(fields[11]) + int(fields[12])) / os.sysconf('SC_CLK_TCK'):.1f} s"
except (AttributeError, OSError, ValueError, IndexError):
    cpu = "unknown"
print(f"{wall:.3f} s (the JVM's CPU time since its start: {cpu})")
spark.stop()
