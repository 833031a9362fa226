#!/usr/bin/env python3
"""Checks, in the real .NET Interactive C# kernel (through nbclient, as Jupyter runs it), what the course's decision
about Plotly.NET rests on:

1. Fixtures/plotly-net.ipynb, a Plotly.NET chart from C# with nothing else: its chart cell must still fail with
   FileNotFoundException for FSharp.Core 10.1.0.0. The day it renders instead, this check fails, so that the decision
   gets revisited (and the FSharp.Core workaround dropped).
2. Fixtures/plotly-net-fsharp-core.ipynb, the same after one cell that answers FSharp.Core requests with the kernel's
   own copy: every cell must run clean and both charts must render as plotly.js HTML.

Usage: python3 tests/jupyter/check_plotly_net.py [--timeout 300]
Needs what tests/jupyter/run_in_kernel.py needs (nbclient, the dotnet-interactive tool and its kernelspec) and NuGet.
Takes about 10 to 30 s per notebook (kernel start and package restore; longer when NuGet's cache is cold).
"""
import argparse
import os
import sys
import time

import nbformat
from nbclient import NotebookClient

FIXTURES = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "GanNotebooks.Tests", "Fixtures")
MISSING_FSHARP_CORE = "Could not load file or assembly 'FSharp.Core, Version=10.1.0.0"


def run(name, timeout):
    path = os.path.join(FIXTURES, name)
    nb = nbformat.read(path, as_version=4)
    client = NotebookClient(nb, kernel_name=".net-csharp", timeout=timeout, allow_errors=True,
                            resources={"metadata": {"path": FIXTURES}})
    start = time.time()
    client.execute()
    print(f"{name}: ran in {time.time() - start:.1f} s", flush=True)
    return [c for c in nb.cells if c.cell_type == "code"]


def errors(cell):
    return [f"{o.get('ename')}: {o.get('evalue')}" for o in cell.outputs if o.get("output_type") == "error"]


def stderr(cell):
    return [o.get("text", "") for o in cell.outputs if o.get("output_type") == "stream" and o.get("name") == "stderr"]


def renders_plotly(cell):
    for o in cell.outputs:
        html = o.get("data", {}).get("text/html", "")
        if o.get("output_type") in ("execute_result", "display_data") and "Plotly.newPlot" in html:
            return True
    return False


def check_plain(timeout):
    cells = run("plotly-net.ipynb", timeout)
    chart = cells[-1]
    if renders_plotly(chart):
        return ["a Plotly.NET chart now renders from C# in this kernel with nothing else in the notebook: "
                "revisit the course's chart decision (notebooks/README.md) and drop the FSharp.Core workaround"]
    found = errors(chart)
    if any(MISSING_FSHARP_CORE in e for e in found):
        print(f"   as recorded: {found[0].splitlines()[0]}")
        return []
    return [f"the chart cell neither rendered nor failed as recorded; errors: {found or 'none'}, "
            f"stderr: {stderr(chart) or 'none'}, other cells: {[errors(c) for c in cells[:-1]]}"]


def check_workaround(timeout):
    cells = run("plotly-net-fsharp-core.ipynb", timeout)
    problems = []
    for i, cell in enumerate(cells):
        problems += [f"code cell {i}: {e.splitlines()[0]}" for e in errors(cell)]
        problems += [f"code cell {i}: stderr {s.strip()[:300]}" for s in stderr(cell)]
    for i in (2, 3):
        if not renders_plotly(cells[i]):
            problems.append(f"code cell {i}: no plotly.js chart in its output")
    if not problems:
        print("   both charts render")
    return problems


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--timeout", type=int, default=300, help="seconds per cell")
    args = parser.parse_args()
    failed = False
    for check in (check_plain, check_workaround):
        for problem in check(args.timeout):
            print(f"   FAIL {problem}", flush=True)
            failed = True
    print("FAIL" if failed else "ok")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
