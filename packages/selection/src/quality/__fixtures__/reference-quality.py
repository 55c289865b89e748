#!/usr/bin/env python3
"""Expected keep/drop decisions for quality-cases.jsonl, from the s1 quality filter.

The decision is the logic of the quality ("weird strings") filter of data/filter.ipynb
(github.com/simplescaling/s1 @ 77272c6) on Python's own `re`; `rule` names the first of its
conditions that holds, as s1QualityRules does. Edit question/source/note in the cases file, then:

  python3 reference-quality.py          rewrites keep and rule in quality-cases.jsonl
  python3 reference-quality.py --check  exits 1 unless the file is what it would write
"""
import json
import re
import sys
from pathlib import Path

CASES = Path(__file__).with_name("quality-cases.jsonl")


def notebook_keeps(question, source_type):
    if "[asy]" not in question and \
        "![Image]" not in question and \
        not any(f"p{i}." in question for i in range(1, 1000)) and \
        not re.search(r'\*\*(?=.*\d)[^\s\]]*\*\*', question):
        return True
    elif "[asy]" in question:
        if "AIME" in source_type:
            return True
    return False


def first_rule(question):
    conditions = [
        ("asy-figure", "[asy]" in question),
        ("image-link", "![Image]" in question),
        ("p-number", any(f"p{i}." in question for i in range(1, 1000))),
        ("bold-number", re.search(r'\*\*(?=.*\d)[^\s\]]*\*\*', question) is not None),
    ]
    return next(name for name, holds in conditions if holds)


def expected(case):
    keep = notebook_keeps(case["question"], case["source"])
    row = {"question": case["question"], "source": case["source"], "keep": keep}
    if not keep:
        row["rule"] = first_rule(case["question"])
    row["note"] = case["note"]
    return row


def main():
    current = CASES.read_text(encoding="utf-8")
    cases = [json.loads(line) for line in current.split("\n") if line.strip()]
    written = "".join(json.dumps(expected(case), ensure_ascii=True) + "\n" for case in cases)
    if "--check" in sys.argv[1:]:
        if written != current:
            print(f"{CASES.name} is stale: run python3 {Path(__file__).name}")
            sys.exit(1)
        print(f"{CASES.name} is up to date ({len(cases)} cases)")
        return
    CASES.write_text(written, encoding="utf-8")
    print(f"wrote {len(cases)} cases to {CASES.name}")


if __name__ == "__main__":
    main()
