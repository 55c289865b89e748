"""Writes src/io/__fixtures__/pyarrow-v1.parquet: a few s1K-like rows as pyarrow writes them by
default, as the Hugging Face Hub's s1K shards are written: version 1 data pages, dictionary-encoded
strings, snappy, nullable columns (definition levels), a list column (repetition levels), booleans
and a column of nulls; several small pages and two row groups. The list column is left
uncompressed, so that tests can damage its levels byte by byte. pyarrow-v2.parquet holds the same
rows in version 2 data pages (levels outside the compressed bytes, RLE booleans), and
pyarrow.expected.json the rows as readRecords returns them.

Run from the package folder with pyarrow installed: python3 scripts/write-pyarrow-fixture.py
"""

import json
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

FIXTURES = Path(__file__).resolve().parent.parent / "src/io/__fixtures__"

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
for version in ["1.0", "2.0"]:
    pq.write_table(
        pa.Table.from_pylist(rows, schema=schema),
        FIXTURES / f"pyarrow-v{version[0]}.parquet",
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
