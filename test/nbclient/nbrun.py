#!/usr/bin/python3
"""Execute a notebook with nbclient against an installed kernelspec.

usage: nbrun.py [--kernel NAME] [--twice] [--timeout SECONDS] IN.ipynb OUT.ipynb

The kernel is found the way Jupyter finds it (JUPYTER_PATH, then the usual
data directories); NAME defaults to the notebook's metadata.kernelspec.name.
With --twice every code cell is executed two times in a row in the same
kernel, as a user re-running cells does; OUT then holds the second run's
outputs. Exits 1 naming the cell when a cell fails, after writing OUT.
"""
import argparse
import os
import sys
import time

import nbformat
from nbclient import NotebookClient
from nbclient.exceptions import CellExecutionError


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--kernel", help="kernelspec name (default: the notebook's)")
    ap.add_argument("--twice", action="store_true", help="execute every code cell twice in a row")
    ap.add_argument("--timeout", type=int, default=120, help="seconds allowed per cell")
    ap.add_argument("input")
    ap.add_argument("output")
    args = ap.parse_args()

    nb = nbformat.read(args.input, as_version=4)
    kernel = args.kernel or nb.metadata.get("kernelspec", {}).get("name")
    if not kernel:
        sys.exit(f"{args.input}: no metadata.kernelspec.name; pass --kernel")
    client = NotebookClient(
        nb,
        kernel_name=kernel,
        timeout=args.timeout,
        startup_timeout=30,
        resources={"metadata": {"path": os.path.dirname(os.path.abspath(args.input))}},
    )
    began = time.monotonic()
    failed = None
    try:
        if args.twice:
            with client.setup_kernel():
                for index, cell in enumerate(nb.cells):
                    for attempt in (1, 2):
                        try:
                            client.execute_cell(cell, index)
                        except CellExecutionError as err:
                            failed = f"cell {index + 1} (run {attempt} of 2) failed:\n{err}"
                            raise
        else:
            try:
                client.execute()
            except CellExecutionError as err:
                failed = f"{err}"
                raise
    except CellExecutionError:
        pass
    took = time.monotonic() - began
    nbformat.write(nb, args.output)
    mode = "each cell twice" if args.twice else "once"
    if failed:
        print(f"nbrun: {args.input} ({mode}) FAILED after {took:.2f}s: {failed}", file=sys.stderr)
        sys.exit(1)
    print(f"nbrun: {args.input} executed {mode} with kernel {kernel} in {took:.2f}s (kernel start included)")


if __name__ == "__main__":
    main()
