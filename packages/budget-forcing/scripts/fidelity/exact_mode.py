"""The SDK's own `exact` mode, which has no s1 reference: its rules as @s1/budget-forcing documents
them ("one budget across rounds, inserted continuation tokens counted"), restated for a server
that takes prompt ids, stop_token_ids and min_tokens:

- each thinking request gets what is left of the one budget, continuations counted in it;
- it stops on the end-detection token id (EOS ends it anyway), and after a continuation the
  model may not end at once (min_tokens=1);
- the prompt grows by the output's ids without its stop token, then the continuation's ids;
- when the budget is spent, "\\n" (unless the thinking ends with one) + "<|im_start|>answer\\nFinal
  Answer:" is appended as one text, else "<|im_start|>answer";
- the answer request has the answer budget and no stop but EOS.
"""

from .named import Named
from .outcome import Outcome, thinking_end


def run_exact(engine, tokenizer, context, max_thinking, ignore_end, continuation, max_answer_tokens):
    """`context` is the chat prompt as Named ids."""
    end_id, eos_id = tokenizer.id_of("<|im_start|>"), tokenizer.id_of("<|im_end|>")
    prefix = context + Named(tokenizer.encode("<|im_start|>think"), ["$start"])
    thinking_text, thinking_tokens, ignored, hit_budget = Named("", []), 0, 0, True
    while thinking_tokens < max_thinking:
        output = engine.generate(
            prefix,
            max_tokens=max_thinking - thinking_tokens,
            min_tokens=1 if ignored else 0,
            stop_token_ids=[end_id],
        )
        ids = output.ids if output.finish_reason == "length" else output.ids.without_tail([output.last_id])
        thinking_tokens += len(ids)
        thinking_text += output.text
        prefix += ids
        if output.finish_reason == "length":
            break
        if ignored == ignore_end:
            hit_budget = False
            break
        inserted = Named.ids_of(tokenizer, continuation)
        if thinking_tokens + len(inserted) > max_thinking:
            raise SystemExit("no case has a continuation past the budget: add the rule with such a case")
        thinking_tokens += len(inserted)
        thinking_text += Named.text(continuation)
        prefix += inserted
        ignored += 1

    if hit_budget:
        forced = ("" if thinking_text.value.endswith("\n") else "\n") + "<|im_start|>answer\nFinal Answer:"
    else:
        forced = "<|im_start|>answer"
    answer = engine.generate(prefix + Named.ids_of(tokenizer, forced), max_tokens=max_answer_tokens)
    return Outcome(
        text=Named.text("<|im_start|>think") + thinking_text + Named.text(forced) + answer.text,
        thinking_tokens=thinking_tokens,
        hit_budget=hit_budget,
        rounds=ignored + 1,
        thinking_end=thinking_end(hit_budget, output, eos_id),
    )
