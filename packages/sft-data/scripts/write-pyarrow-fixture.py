"""Writes src/io/__fixtures__/pyarrow-v1.parquet: a few s1K-like rows as pyarrow writes them by
default, as the Hugging Face Hub's s1K shards are written: version 1 data pages, dictionary-encoded
strings, snappy, nullable columns (definition levels), a list column (repetition levels), booleans
and a column of nulls; several small pages and two row groups. The list column is left
uncompressed, so that tests can damage its levels byte by byte. pyarrow-v2.parquet holds the same
rows in version 2 data pages (levels outside the compressed bytes, RLE booleans), and
pyarrow.expected.json the rows as readRecords returns them.

pyarrow is not in CI, so this script also writes pyarrow.written-by.json: the SHA-256 of itself and
of the Parquet files it wrote. A test fails when one of them changed without a rerun (the rows
read back are compared with pyarrow.expected.json by read-records.test.ts).

Run from the package folder with pyarrow installed, then format the expected rows:
    python3 scripts/write-pyarrow-fixture.py
    npx biome format --write src/io/__fixtures__/pyarrow.expected.json
"""

import hashlib
import json
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

SCRIPT = Path(__file__).resolve()
ROOT = SCRIPT.parents[3]
FIXTURES = SCRIPT.parent.parent / "src/io/__fixtures__"
PARQUET_FILES = ["pyarrow-v1.parquet", "pyarrow-v2.parquet"]


def sha256_of(path):
    return hashlib.sha256(path.read_bytes()).hexdigest()


rows = [
    {
        "question": f"What is {index} × 3?" if index % 3 else "Name a prime above 10.",
        "thinking_trajectories": [f"{index} × 3 = {index * 3}.", "Wait, check it."][: 1 + index % 2],
        "attempt": str(index * 3) if index % 4 else None,
        "correct": index % 5 != 0,
        "note": None,
        "token_count": index * 7,
    }
    for index in range(24)
]
schema = pa.schema(
    [
        ("question", pa.string()),
        ("thinking_trajectories", pa.list_(pa.string())),
        ("attempt", pa.string()),
        ("correct", pa.bool_()),
        ("note", pa.string()),
        ("token_count", pa.int64()),
    ]
)
for version, name in zip(["1.0", "2.0"], PARQUET_FILES):
    pq.write_table(
        pa.Table.from_pylist(rows, schema=schema),
        FIXTURES / name,
        data_page_version=version,
        compression={
            "question": "snappy",
            "thinking_trajectories": "none",
            "attempt": "snappy",
            "correct": "snappy",
            "note": "snappy",
            "token_count": "snappy",
        },
        use_dictionary=True,
        # Small pages and row groups, so each column has several of both.
        data_page_size=64,
        write_batch_size=8,
        row_group_size=12,
    )
(FIXTURES / "pyarrow.expected.json").write_text(
    json.dumps(rows, ensure_ascii=False, indent=2) + "\n"
)

written = [SCRIPT] + [FIXTURES / name for name in PARQUET_FILES]
record = {
    "script": SCRIPT.relative_to(ROOT).as_posix(),
    "command": "rerun python3 scripts/write-pyarrow-fixture.py in packages/sft-data, with pyarrow installed",
    "pyarrow": pa.__version__,
    "sha256": {path.relative_to(ROOT).as_posix(): sha256_of(path) for path in written},
}
(FIXTURES / "pyarrow.written-by.json").write_text(json.dumps(record, indent=2) + "\n")
