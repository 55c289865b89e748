"""The s1 evaluation harness for one request: `VLLM._model_generate(generate=True)` in
eval/lm-evaluation-harness/lm_eval/models/vllm_causallms.py of github.com/simplescaling/s1
(commit 77272c6), restated step by step with its quirks:

- with thinking_n_ignore, min_tokens=1 and stop_token_ids (not stop strings) in every round,
  the first included, and each round may spend the whole thinking budget;
- the ignore string is appended with no space, to the ids and to the text;
- after the rounds the ids (never the text) are cut to the budget;
- "\\n" + thinking_end + "\\nFinal Answer:" is appended only when the last round hit the budget,
  the newline only when the uncut text does not end with one.
"""

from .named import Named
from .outcome import Outcome, thinking_end


def run_harness(engine, tokenizer, context, gen_kwargs, max_tokens):
    """`context` is the chat prompt as Named ids; `gen_kwargs` the thinking keys of --gen_kwargs;
    `max_tokens` the task's max_gen_toks."""
    kwargs = dict(gen_kwargs)
    # generate_until: the task's `until` ([] in s1's tasks), then the EOS text.
    stop = [tokenizer.decode([tokenizer.id_of("<|im_end|>")])]

    def tok_encode(text):
        return Named.ids_of(tokenizer, text)

    thinking_start = kwargs.pop("thinking_start", "<|im_start|>think")
    thinking_end_text = kwargs.pop("thinking_end", "<|im_start|>answer")
    thinking_n_ignore = kwargs.pop("thinking_n_ignore", None)
    thinking_n_ignore_str = kwargs.pop("thinking_n_ignore_str", None)
    until_thinking = [kwargs.pop("until_thinking", "<|im_start|>"), *stop]
    thinking_start_tok = Named(tokenizer.encode(thinking_start), ["$start"])
    thinking_end_tok = tok_encode(thinking_end_text)
    thinking_end_max = thinking_end_text + "\nFinal Answer:"
    thinking_end_max_tok = tok_encode(thinking_end_max)
    newline_tok = tok_encode("\n")
    params = {key.replace("_thinking", ""): value for key, value in kwargs.items() if "thinking" in key}
    if "max_tokens" in params:
        if params["max_tokens"] == "auto":
            # Leave 100 tokens for the answer.
            params["max_tokens"] = max_tokens - len(context) - len(thinking_start_tok) - len(thinking_end_max_tok) - 100
        else:
            params["max_tokens"] = int(params["max_tokens"])
    else:
        params["max_tokens"] = max_tokens
    until_thinking_tok = [tokenizer.encode(text) for text in until_thinking]
    if "min_tokens" in params or thinking_n_ignore is not None:
        params["min_tokens"] = 1 if thinking_n_ignore is not None else int(params["min_tokens"])
        assert all(len(ids) == 1 for ids in until_thinking_tok)
        # min_tokens does not hold back stop strings, only stop_token_ids.
        params["stop_token_ids"] = [ids[0] for ids in until_thinking_tok]
    else:
        params["stop"] = until_thinking
    request = context + thinking_start_tok

    def without_until(ids):
        for until in until_thinking_tok:
            ids = ids.without_tail(until)
        return ids

    rounds = 1 if thinking_n_ignore is None else int(thinking_n_ignore) + 1
    prompt, thinking_ids, thinking_text = request, Named([], []), Named("", [])
    for index in range(rounds):
        output = engine.generate(prompt, **params)
        if output.finish_reason == "length" or index == rounds - 1:
            thinking_ids, thinking_text = thinking_ids + output.ids, thinking_text + output.text
            break
        round_ids, round_text = without_until(output.ids), output.text
        if thinking_n_ignore_str is not None:
            round_ids += tok_encode(thinking_n_ignore_str)
            round_text += Named.text(thinking_n_ignore_str)
        thinking_ids, thinking_text = thinking_ids + round_ids, thinking_text + round_text
        prompt = prompt + round_ids
    thinking_ids = thinking_ids.cut(params["max_tokens"])

    cont = without_until(thinking_ids)
    hit_budget = output.finish_reason == "length"
    if not hit_budget:
        appended_ids, appended_text = thinking_end_tok, Named.text(thinking_end_text)
    # The reference reads text[-1], which fails on empty text.
    elif thinking_text.value[-1] == "\n" or thinking_start[0] == "\n":
        appended_ids, appended_text = thinking_end_max_tok, Named.text(thinking_end_max)
    else:
        appended_ids = newline_tok + thinking_end_max_tok
        appended_text = Named.text("\n") + Named.text(thinking_end_max)
    answer = engine.generate(request + cont + appended_ids, max_tokens=max_tokens, stop=stop)
    return Outcome(
        text=Named.text(thinking_start) + thinking_text + appended_text + answer.text,
        thinking_tokens=len(cont),
        hit_budget=hit_budget,
        rounds=index + 1,
        thinking_end=thinking_end(hit_budget, output, tokenizer.id_of("<|im_end|>")),
    )
