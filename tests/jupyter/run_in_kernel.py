#!/usr/bin/env python3
"""Runs notebooks in the real .NET Interactive C# kernel through Jupyter's own client (nbclient), the way
Jupyter and VS Code run them, and fails on anything a learner would see as a problem: an error, a compiler
warning or any other stderr output.

Usage: python3 tests/jupyter/run_in_kernel.py [--preset smoke] [--timeout 900] [--out DIR] NOTEBOOK|FOLDER...

Needs: the Debian packages python3-nbclient and python3-nbformat, the dotnet-interactive tool with its
kernelspec (`dotnet tool restore && dotnet tool run dotnet-interactive jupyter install`), and the course
library built (`dotnet build lib/GanNotebooks -c Release`).
"""
import argparse
import copy
import os
import re
import sys
import time

import nbformat
from nbclient import NotebookClient
from nbclient.exceptions import CellExecutionError


def with_preset(nb, preset):
    """Inserts, after the cell tagged 'parameters', a copy of it with the preset changed (papermill's way)."""
    for i, cell in enumerate(nb.cells):
        if "parameters" in cell.get("metadata", {}).get("tags", []):
            source = re.sub(r'(?m)^var preset = "[^"]*";', f'var preset = "{preset}";', cell.source)
            injected = copy.deepcopy(cell)
            injected.source = "// Injected by run_in_kernel.py\n" + source
            injected.metadata["tags"] = ["injected-parameters"]
            injected.id = "injected"
            nb.cells.insert(i + 1, injected)
            return nb
    raise SystemExit(f"no cell tagged 'parameters'")


def problems(nb):
    found = []
    for i, cell in enumerate(nb.cells):
        for out in cell.get("outputs", []):
            if out.get("output_type") == "error":
                found.append(f"cell {i}: error {out.get('ename')}: {out.get('evalue')}")
            elif out.get("output_type") == "stream" and out.get("name") == "stderr":
                found.append(f"cell {i}: stderr: {out.get('text', '').strip()[:500]}")
    return found


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("paths", nargs="+")
    parser.add_argument("--preset", default="smoke")
    parser.add_argument("--timeout", type=int, default=900, help="seconds per cell")
    parser.add_argument("--out", help="folder for the executed notebooks")
    args = parser.parse_args()

    notebooks = []
    for p in args.paths:
        if os.path.isdir(p):
            notebooks += sorted(os.path.join(p, f) for f in os.listdir(p) if f.endswith(".ipynb"))
        else:
            notebooks.append(p)

    failed = 0
    for path in notebooks:
        nb = with_preset(nbformat.read(path, as_version=4), args.preset)
        client = NotebookClient(nb, kernel_name=".net-csharp", timeout=args.timeout,
                                resources={"metadata": {"path": os.path.dirname(os.path.abspath(path))}})
        start = time.time()
        try:
            client.execute()
        except CellExecutionError:
            pass  # reported below from the outputs
        elapsed = time.time() - start
        found = problems(nb)
        status = "ok" if not found else "PROBLEMS"
        print(f"{os.path.basename(path)}: {status} ({elapsed:.1f} s)", flush=True)
        for f in found:
            print("   " + f, flush=True)
        failed += bool(found)
        if args.out:
            os.makedirs(args.out, exist_ok=True)
            nbformat.write(nb, os.path.join(args.out, os.path.basename(path)))
    print(f"{len(notebooks) - failed} of {len(notebooks)} notebooks clean")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
