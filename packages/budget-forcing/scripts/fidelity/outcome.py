"""What a run of one of the loops returns, in the words of the SDK's result."""

from dataclasses import dataclass

from .named import Named


@dataclass
class Outcome:
    # start + thinking + the appended end + answer, as the loop returns it
    text: Named
    # the ids of thinking the answer request is built on; None where the loop counts none
    thinking_tokens: int | None
    hit_budget: bool
    # thinking requests sent
    rounds: int
    thinking_end: str


def thinking_end(hit_budget, last_thinking, eos_id):
    """"budget" when the budget ended thinking, "eos" when EOS did, else "model" (its end token)."""
    if hit_budget:
        return "budget"
    return "eos" if last_thinking.last_id == eos_id else "model"
