"""The model of fidelity.test.ts: `createThinkingScript` of @s1/budget-forcing/testing, restated
in Python (a test double, not a reference). It thinks in scripted rounds; text that continues the
current thought is followed, anything else (an inserted "Wait") moves it to the next thought; out
of thoughts, it tries to end thinking, and where that is suppressed it writes the filler. After
the end-detection token it writes "answer\\n" + the answer, or " " + the answer after a forced
"Final Answer:". It reads only the context, so every run over the same context picks the same
tokens.
"""

FILLER = " Let me double-check."


class ThinkingScript:
    def __init__(self, tokenizer, thoughts, answer):
        self.tokenizer = tokenizer
        self.thoughts = [thought if isinstance(thought, dict) else {"text": thought} for thought in thoughts]
        self.answer = answer
        self.start_ids = tokenizer.encode("<|im_start|>think")
        self.end_id = tokenizer.id_of("<|im_start|>")
        self.eos_id = tokenizer.id_of("<|im_end|>")
        self.filler_id = self.first_token(FILLER)

    def first_token(self, text):
        ids = self.tokenizer.encode(text)
        return ids[0] if ids else self.eos_id

    def try_to_end(self, thought):
        """Ends thinking as the thought says, or, where that is suppressed, writes the filler."""
        ending = self.eos_id if thought is not None and thought.get("end") == "eos" else self.end_id
        return [ending, self.filler_id]

    def answer_phase(self, after_end):
        targets = [f"answer\n{self.answer}", f"answer\nFinal Answer: {self.answer}"]
        target = next((candidate for candidate in targets if candidate.startswith(after_end)), None)
        if target is None or target == after_end:
            return [self.eos_id]
        return [self.first_token(target[len(after_end) :]), self.eos_id]

    def __call__(self, context):
        """The ids the model would pick next, best first."""
        region_start = last_index_of(context, self.start_ids)
        if region_start == -1:
            return [self.eos_id]
        region = context[region_start + len(self.start_ids) :]
        if self.end_id in region:
            return self.answer_phase(self.tokenizer.decode(region[region.index(self.end_id) + 1 :]))
        rest = self.tokenizer.decode(region)
        for round, thought in enumerate(self.thoughts):
            text = thought["text"]
            if round > 0:
                if rest == "":
                    return self.try_to_end(self.thoughts[round - 1])
                rest = rest[resume_point(rest, text) :]
            if text.startswith(rest):
                remaining = text[len(rest) :]
                return self.try_to_end(thought) if remaining == "" else [self.first_token(remaining), self.filler_id]
            if not rest.startswith(text):
                break
            rest = rest[len(text) :]
        return self.try_to_end(self.thoughts[-1] if rest == "" else None)


def resume_point(rest, thought):
    """Where the thought resumes in `rest`: after the shortest head that is an inserted continuation."""
    for index in range(len(rest) + 1):
        tail = rest[index:]
        if thought.startswith(tail) or tail.startswith(thought):
            return index
    return len(rest)


def last_index_of(haystack, needle):
    for start in range(len(haystack) - len(needle), -1, -1):
        if haystack[start : start + len(needle)] == needle:
            return start
    return -1
