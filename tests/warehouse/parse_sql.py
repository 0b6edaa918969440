"""Parses a Clientele recipe (env RECIPE) with sqlglot in a dialect (argv[1]); prints the
number of statements, or fails with the parse error."""
import os
import sys

import sqlglot
from sqlglot.errors import ErrorLevel

dialect = sys.argv[1]
statements = sqlglot.parse(os.environ["RECIPE"], read=dialect, error_level=ErrorLevel.RAISE)
statements = [s for s in statements if s is not None]
for s in statements:
    # Anything sqlglot could not understand comes back as a raw Command: refuse it.
    if isinstance(s, sqlglot.exp.Command):
        sys.exit(f"not parsed as SQL in {dialect}: {s.sql()[:200]}")
print(len(statements))
