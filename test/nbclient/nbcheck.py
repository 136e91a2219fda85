#!/usr/bin/python3
"""Check an executed notebook against its expectations.

usage: nbcheck.py [--expect EXPECT.json] EXECUTED.ipynb

EXPECT.json holds:
  "notebook":    the source notebook, relative to the repository root
  "mime_counts": {"image/png": 3, ...}  exact number of display_data and
                 execute_result outputs carrying each MIME type
  "patterns":    [{"regex": "...", "tag": "optional cell tag", "what": "..."}]
                 each regex must match the text of the outputs of the cells
                 with that tag, or of all cells: their stream text joined,
                 then the text/plain of the other outputs, one per line
  "no_stderr":   true to fail on any stderr stream output
  "browser_patterns": like patterns, for the rendered page (test/browser)
Always checked: the file is valid nbformat 4, every non-blank code cell was
executed, in order, and no output is an error.
"""
import argparse
import json
import re
import sys

import nbformat


def output_text(output):
    if output.output_type == "stream":
        return output.text
    if output.output_type in ("display_data", "execute_result"):
        return output.get("data", {}).get("text/plain", "")
    if output.output_type == "error":
        return f"{output.ename}: {output.evalue}"
    return ""


def check(expect, nb, widget_state=False):
    problems = []
    try:
        nbformat.validate(nb)
    except nbformat.ValidationError as err:
        problems.append(f"not valid nbformat: {err.message}")
    last = 0
    code_cells = 0
    counts = {}
    for index, cell in enumerate(nb.cells, 1):
        if cell.cell_type != "code" or not cell.source.strip():
            continue
        code_cells += 1
        count = cell.get("execution_count")
        if not count or count <= last:
            problems.append(f"cell {index}: execution_count {count} after {last}")
        last = count or last
        for output in cell.outputs:
            if output.output_type == "error":
                problems.append(f"cell {index}: error output {output.ename}: {output.evalue}")
            if output.output_type == "stream" and output.name == "stderr" and expect.get("no_stderr"):
                problems.append(f"cell {index}: stderr output {output.text[:200]!r}")
            for mime in output.get("data", {}):
                counts[mime] = counts.get(mime, 0) + 1
    if code_cells == 0:
        problems.append("no code cell")
    for mime, want in expect.get("mime_counts", {}).items():
        if counts.get(mime, 0) != want:
            problems.append(f"{counts.get(mime, 0)} outputs of {mime}, want {want}")
    for pattern in expect.get("patterns", []):
        tag = pattern.get("tag")
        cells = [c for c in nb.cells if c.cell_type == "code" and (tag is None or tag in c.metadata.get("tags", []))]
        if tag and not cells:
            problems.append(f"no cell tagged {tag!r}")
            continue
        outputs = [o for c in cells for o in c.outputs]
        # Stream text is one log even where displays interrupt it (at any
        # byte); the other outputs follow, one per line.
        text = "".join(o.text for o in outputs if o.output_type == "stream")
        text += "\n" + "\n".join(output_text(o) for o in outputs if o.output_type != "stream")
        if not re.search(pattern["regex"], text, re.MULTILINE):
            where = f"cells tagged {tag!r}" if tag else "the notebook"
            what = pattern.get("what", pattern["regex"])
            problems.append(f"{what}: /{pattern['regex']}/ not found in the output of {where}")
    if expect.get("widget_models") and widget_state:
        problems += check_widgets(expect["widget_models"], nb)
    return problems, counts


WIDGET_STATE = "application/vnd.jupyter.widget-state+json"
WIDGET_VIEW = "application/vnd.jupyter.widget-view+json"


def check_widgets(want, nb):
    """The widget state kept in the notebook metadata (nbclient's
    store_widget_state, gokernel run): at least the models counted in want,
    each with its state, and every widget view output backed by a model."""
    problems = []
    state = nb.metadata.get("widgets", {}).get(WIDGET_STATE, {})
    if state.get("version_major") != 2:
        return [f"no widget state (version 2) in the notebook metadata: {list(nb.metadata)}"]
    models = state.get("state", {})
    got = {}
    for model_id, model in models.items():
        name = model.get("model_name")
        got[name] = got.get(name, 0) + 1
        if model.get("state", {}).get("_model_name") != name or not model.get("model_module"):
            problems.append(f"widget {model_id}: incomplete entry {model}")
    for name, n in want.items():
        if got.get(name, 0) < n:
            problems.append(f"{got.get(name, 0)} widget models {name} in the saved state, want at least {n}")
    for index, cell in enumerate(nb.cells, 1):
        for output in cell.get("outputs", []):
            view = output.get("data", {}).get(WIDGET_VIEW)
            if view and view.get("model_id") not in models:
                problems.append(f"cell {index}: widget view of {view.get('model_id')} has no saved state")
    return problems


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--expect", help="expectations file (default: only the checks always made)")
    ap.add_argument("--widget-state", action="store_true",
                    help="check the widget state saved in the metadata (expect's widget_models)")
    ap.add_argument("executed")
    args = ap.parse_args()
    expect = {}
    if args.expect:
        with open(args.expect) as f:
            expect = json.load(f)
    nb = nbformat.read(args.executed, as_version=4)
    problems, counts = check(expect, nb, args.widget_state)
    summary = ", ".join(f"{n} {m}" for m, n in sorted(counts.items()))
    if problems:
        print(f"nbcheck: {args.executed}: FAILED", file=sys.stderr)
        for p in problems:
            print(f"  - {p}", file=sys.stderr)
        sys.exit(1)
    print(f"nbcheck: {args.executed}: ok ({summary})")


if __name__ == "__main__":
    main()
