"""Evaluates every case of literal-cases.json with Python's ast.literal_eval, the reference that
parsePythonLiteral follows, and writes golden-literals.jsonl beside it, one case per line:
{"name", "source", "value"} where Python accepts the source, {"name", "source", "error"} where it
refuses it. Values go through json.dumps, so tuples are lists and non-string keys are strings.

Run from this folder: python3 render-golden-literals.py
With --check it writes nothing and exits 1 when the committed fixture is out of date.
"""

import ast
import json
import math
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
CASES = HERE / "literal-cases.json"
OUTPUT = HERE / "golden-literals.jsonl"
MAX_SAFE_INTEGER = 2**53 - 1


def check_representable(value):
    """Refuses values a JSON fixture cannot carry exactly into JavaScript."""
    if isinstance(value, (set, frozenset)):
        raise SystemExit("sets have no source order in Python: test them by hand")
    if isinstance(value, int) and not isinstance(value, bool) and abs(value) > MAX_SAFE_INTEGER:
        raise SystemExit(f"{value} is beyond 2**53: test big integers by hand")
    if isinstance(value, float) and not math.isfinite(value):
        raise SystemExit(f"{value} has no JSON form")
    if isinstance(value, dict):
        for item in value.values():
            check_representable(item)
    if isinstance(value, (list, tuple)):
        for item in value:
            check_representable(item)


def render(case):
    try:
        value = ast.literal_eval(case["source"])
    except (ValueError, SyntaxError, TypeError, MemoryError, RecursionError) as error:
        return {**case, "error": type(error).__name__}
    check_representable(value)
    return {**case, "value": value}


def main():
    cases = json.loads(CASES.read_text(encoding="utf-8"))
    lines = "".join(json.dumps(render(case), ensure_ascii=False) + "\n" for case in cases)
    if "--check" in sys.argv:
        if OUTPUT.read_text(encoding="utf-8") != lines:
            print(f"{OUTPUT.name} is out of date: run python3 {Path(__file__).name}")
            sys.exit(1)
        print(f"{OUTPUT.name} is up to date ({len(cases)} cases)")
        return
    OUTPUT.write_text(lines, encoding="utf-8")
    print(f"wrote {len(cases)} cases to {OUTPUT.name}")


if __name__ == "__main__":
    main()
