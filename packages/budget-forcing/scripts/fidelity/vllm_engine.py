"""vLLM's offline `LLM.generate` for one prompt over a scripted model, greedy, with the
SamplingParams semantics the s1 code relies on (skip_special_tokens=False, as both the README
and the harness's modify_gen_kwargs set it):

- min_tokens: EOS and stop_token_ids cannot be picked, nor stop strings end the output, before
  that many tokens;
- EOS or a stop token id ends the output: the id stays in token_ids, its text leaves the text;
- a stop string ends it: the text is cut before it, the ids are kept;
- otherwise max_tokens ends it with finish_reason "length".

Every request is recorded, with the pieces that name its prompt.
"""

from dataclasses import dataclass

from .named import Named


@dataclass
class Call:
    prompt_pieces: list
    max_tokens: int
    min_tokens: int
    stop: list
    stop_token_ids: list
    prompt_value: object
    output_ids: list
    output_text: str


@dataclass
class Output:
    ids: Named
    text: Named
    finish_reason: str
    last_id: int | None


class Engine:
    def __init__(self, tokenizer, model):
        self.tokenizer = tokenizer
        self.model = model
        self.eos_id = tokenizer.id_of("<|im_end|>")
        self.calls = []

    def generate(self, prompt, max_tokens, min_tokens=0, stop=(), stop_token_ids=()):
        """`prompt` is Named ids, or Named text that vLLM tokenizes."""
        context = self.tokenizer.encode(prompt.value) if isinstance(prompt.value, str) else list(prompt.value)
        ids, text, finish_reason = [], "", "length"
        for step in range(max_tokens):
            blocked = {self.eos_id, *stop_token_ids} if step < min_tokens else set()
            token = next(id for id in self.model(context + ids) if id not in blocked)
            ids.append(token)
            if token == self.eos_id or token in stop_token_ids:
                finish_reason = "stop"
                break
            text = self.tokenizer.decode(ids)
            found = [text.index(string) for string in stop if string in text and step + 1 >= min_tokens]
            if found:
                text, finish_reason = text[: min(found)], "stop"
                break
        index = len(self.calls)
        self.calls.append(Call(prompt.pieces, max_tokens, min_tokens, list(stop), list(stop_token_ids), prompt.value, ids, text))
        return Output(Named(ids, [f"$out:{index}"]), Named(text, [f"$text:{index}"]), finish_reason, ids[-1] if ids else None)
