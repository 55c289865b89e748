"""The Qwen2.5 tokenizer (byte-level BPE) from its tokenizer.json, in the standard library only,
so that the fidelity cases count tokens independently of the TypeScript tokenizer.

It handles ASCII text (the cases' text): for ASCII, the pre-tokenizer's \\p{L} and \\p{N} are
[A-Za-z] and [0-9], and NFC changes nothing. Other text is refused rather than split wrongly.
"""

import json
import re

# The Split pre-tokenizer of tokenizer.json restricted to ASCII: \p{L} is A-Za-z, \p{N} is 0-9,
# and \s is Unicode White_Space (Python's \s would also take \x1c-\x1f).
SPACE = r"\t\n\x0b\x0c\r "
PRETOKENIZER = re.compile(
    rf"(?i:'s|'t|'re|'ve|'m|'ll|'d)|[^\r\nA-Za-z0-9]?[A-Za-z]+|[0-9]| ?[^{SPACE}A-Za-z0-9]+[\r\n]*"
    rf"|[{SPACE}]*[\r\n]+|[{SPACE}]+(?![^{SPACE}])|[{SPACE}]+"
)


def byte_alphabet():
    """GPT-2's map of the 256 byte values to printable characters, as ByteLevel uses it."""
    printable = [*range(ord("!"), ord("~") + 1), *range(ord("¡"), ord("¬") + 1), *range(ord("®"), ord("ÿ") + 1)]
    characters = {byte: chr(byte) for byte in printable}
    shifted = 0
    for byte in range(256):
        if byte not in characters:
            characters[byte] = chr(256 + shifted)
            shifted += 1
    return characters


class QwenTokenizer:
    def __init__(self, path):
        spec = json.loads(path.read_text(encoding="utf-8"))
        self.vocab = spec["model"]["vocab"]
        self.ranks = {tuple(merge.split(" ")): rank for rank, merge in enumerate(spec["model"]["merges"])}
        self.special = {token["content"]: token["id"] for token in spec["added_tokens"]}
        self.tokens = {id: token for token, id in {**self.vocab, **self.special}.items()}
        self.to_character = byte_alphabet()
        self.to_byte = {character: byte for byte, character in self.to_character.items()}
        longest_first = sorted(self.special, key=len, reverse=True)
        self.special_split = re.compile("(" + "|".join(map(re.escape, longest_first)) + ")")

    def id_of(self, token):
        return self.special[token]

    def encode(self, text):
        ids = []
        for chunk in self.special_split.split(text):
            if chunk in self.special:
                ids.append(self.special[chunk])
            elif chunk:
                if not chunk.isascii():
                    raise SystemExit(f"the fidelity tokenizer handles ASCII text only: {chunk!r}")
                for word in PRETOKENIZER.findall(chunk):
                    ids.extend(self.vocab[piece] for piece in self.merge(word))
        return ids

    def merge(self, word):
        parts = [self.to_character[byte] for byte in word.encode("utf-8")]
        while len(parts) > 1:
            pairs = [(self.ranks.get(pair, float("inf")), index) for index, pair in enumerate(zip(parts, parts[1:]))]
            rank, index = min(pairs)
            if rank == float("inf"):
                break
            parts[index : index + 2] = [parts[index] + parts[index + 1]]
        return parts

    def decode(self, ids):
        data = bytearray()
        for id in ids:
            token = self.tokens[id]
            data += token.encode("utf-8") if token in self.special else bytes(self.to_byte[c] for c in token)
        return data.decode("utf-8", errors="replace")
