"""Token ids or text together with the pieces fidelity.test.ts rebuilds them from (its `Piece`):
"$prompt" / "$promptText" (the chat prompt), "$start" (<|im_start|>think), "$out:i" /
"$out:i-stop" (the ids request i returned, with or without its stop token), "$text:i" (its text),
{"cut": pieces, "to": n} (ids cut to a length), or literal text (its ids, or itself).
"""

# The ids "$out:i-stop" drops from the end of an output (fidelity.test.ts's stopIds).
STOP_IDS = (151644, 151645)


class Named:
    def __init__(self, value, pieces):
        self.value = value
        self.pieces = pieces

    @staticmethod
    def ids_of(tokenizer, text):
        return Named(tokenizer.encode(text), [text])

    @staticmethod
    def text(text):
        return Named(text, [text])

    def __add__(self, other):
        return Named(self.value + other.value, self.pieces + other.pieces)

    def __len__(self):
        return len(self.value)

    def cut(self, length):
        if len(self.value) <= length:
            return self
        return Named(self.value[:length], [{"cut": self.pieces, "to": length}])

    def without_tail(self, tail):
        """These ids without `tail` where they end with it, which only an output's stop token can."""
        if not tail or self.value[-len(tail) :] != tail:
            return self
        *head, last = self.pieces
        output = isinstance(last, str) and last.startswith("$out:") and not last.endswith("-stop")
        if not (output and len(tail) == 1 and tail[0] in STOP_IDS):
            raise SystemExit(f"no piece of fidelity.test.ts names {self.pieces} without {tail}")
        return Named(self.value[:-1], [*head, last + "-stop"])


def resolve_ids(piece, tokenizer, prompt_ids, calls):
    """The ids of a piece, as fidelity.test.ts's resolveIds finds them."""
    if isinstance(piece, dict):
        ids = [id for part in piece["cut"] for id in resolve_ids(part, tokenizer, prompt_ids, calls)]
        return ids[: piece["to"]]
    if piece == "$prompt":
        return prompt_ids
    if piece == "$start":
        return tokenizer.encode("<|im_start|>think")
    if piece.startswith("$out:"):
        index, _, stop = piece.removeprefix("$out:").partition("-")
        ids = calls[int(index)].output_ids
        return ids[:-1] if stop and ids and ids[-1] in STOP_IDS else ids
    return tokenizer.encode(piece)


def resolve_text(piece, prompt_text, calls):
    """The text of a piece, as fidelity.test.ts's resolveText finds it."""
    if piece == "$promptText":
        return prompt_text
    if piece.startswith("$text:"):
        return calls[int(piece.removeprefix("$text:"))].output_text
    return piece
