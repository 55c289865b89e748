"""The "vLLM with budget forcing" snippet of the s1 README (github.com/simplescaling/s1, commit
77272c6), restated: the prompt is text and grows by each output's text; the remaining budget is
decremented by each output's ids, stop token included, and a round is sent only while it is
positive; no end of thinking is forced, so the model writes it in the final, uncapped request.
"""

from .named import Named
from .outcome import Outcome, thinking_end


def run_readme(engine, tokenizer, prompt_text, max_tokens_thinking, num_ignore, ignore_str):
    """`prompt_text` is the chat prompt as Named text."""
    stop_token_ids = tokenizer.encode("<|im_start|><|im_end|>")
    # What the README adds to the prompt: `prompt += ...`
    added = Named.text("<|im_start|>think")
    output = engine.generate(prompt_text + added, max_tokens=max_tokens_thinking, min_tokens=0, stop_token_ids=stop_token_ids)
    outputs = [output]
    max_tokens_thinking_tmp = max_tokens_thinking
    for _ in range(num_ignore):
        max_tokens_thinking_tmp -= len(output.ids)
        if max_tokens_thinking_tmp > 0:
            added = added + output.text + Named.text(ignore_str)
            output = engine.generate(
                prompt_text + added, max_tokens=max_tokens_thinking_tmp, min_tokens=1, stop_token_ids=stop_token_ids
            )
            outputs.append(output)
    added = added + output.text
    final = engine.generate(prompt_text + added, max_tokens=32768, min_tokens=0, stop_token_ids=tokenizer.encode("<|im_end|>"))
    hit_budget = any(thinking.finish_reason == "length" for thinking in outputs)
    return Outcome(
        text=added + final.text,
        # The README counts no thinking tokens.
        thinking_tokens=None,
        hit_budget=hit_budget,
        rounds=len(outputs),
        thinking_end=thinking_end(hit_budget, output, tokenizer.id_of("<|im_end|>")),
    )
