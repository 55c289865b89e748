"""Reference output for the TypeScript port of CPython's `random` (MT19937 + shuffle).

Run with CPython 3.11 (stdlib only) from this folder:
    python3 python-shuffles.py            rewrites python-shuffles.json
    npx biome format --write python-shuffles.json
    python3 python-shuffles.py --check    exits 1 unless the file holds what it would write
"""

import csv
import hashlib
import json
import random
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
GPQA_CSV = HERE / "gpqa-diamond-sample.csv"
OUTPUT = HERE / "python-shuffles.json"


def getrandbits_stream(seed, count):
    generator = random.Random(seed)
    return [generator.getrandbits(32) for _ in range(count)]


def shuffle_run(seed, lengths):
    # One generator shared by every list, in order, as the harness shares the global one.
    generator = random.Random(seed)
    results = []
    for length in lengths:
        items = list(range(length))
        generator.shuffle(items)
        results.append(items)
    return {"seed": seed, "lengths": lengths, "results": results}


def gpqa_run(seed):
    # What the s1 harness builds for gpqa_diamond_openai after `random.seed(seed)`.
    generator = random.Random(seed)
    with open(GPQA_CSV, newline="", encoding="utf-8") as file:
        rows = list(csv.DictReader(file))
    documents = []
    for row in rows:
        choices = [
            row["Incorrect Answer 1"],
            row["Incorrect Answer 2"],
            row["Incorrect Answer 3"],
            row["Correct Answer"],
        ]
        generator.shuffle(choices)
        documents.append(
            {
                "id": row["Record ID"],
                "prompt": "{}\n\nA) {}\nB) {}\nC) {}\nD) {}".format(row["Question"], *choices),
                "choices": choices,
                "answer": chr(65 + choices.index(row["Correct Answer"])),
            }
        )
    return {"seed": seed, "documents": documents}


def sha256_of(path):
    with open(path, "rb") as file:
        return hashlib.sha256(file.read()).hexdigest()


def reference():
    lengths = [1, 2, 3, 4, 4, 4, 5, 8, 10, 17, 33, 64, 100, 257]
    return {
        "python": "3.11",
        "getrandbits32": [
            {"seed": 0, "values": getrandbits_stream(0, 700)},
            {"seed": 12345, "values": getrandbits_stream(12345, 40)},
        ],
        "shuffles": [shuffle_run(seed, lengths) for seed in [0, 12345, 2**40 + 5, 2**53 - 1, -7]],
        "gpqa": {
            "csvSha256": sha256_of(GPQA_CSV),
            "runs": [gpqa_run(0), gpqa_run(12345)],
        },
    }


def main():
    expected = reference()
    if "--check" in sys.argv[1:]:
        # Compared as values: Biome formats the committed file.
        if json.loads(OUTPUT.read_text(encoding="utf-8")) != expected:
            print(f"{OUTPUT.name} is out of date: run python3 {Path(__file__).name}")
            sys.exit(1)
        print(f"{OUTPUT.name} is up to date")
        return
    OUTPUT.write_text(json.dumps(expected, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    print(f"wrote {OUTPUT.name}: now run npx biome format --write {OUTPUT.name}")


if __name__ == "__main__":
    main()
