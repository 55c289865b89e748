"""Prints, as JSON, what the tests check in a folder written by writeFsdpPlan.

Usage: python3 inspect-recipe.py FOLDER WORLD_SIZE

Neither torch nor transformers is imported: the keyword arguments of train_fsdp.py's calls are
read from its syntax tree, and its main() runs against stand-in modules that record what they
are given (WORLD_SIZE is the number of processes it believes it runs in).
"""

import ast
import importlib.util
import json
import os
import sys
import types
from pathlib import Path

import yaml

folder = Path(sys.argv[1])
script = folder / "train_fsdp.py"
tree = ast.parse(script.read_text(encoding="utf-8"))


def literal_or_source(node):
    try:
        return ast.literal_eval(node)
    except ValueError:
        return {"expression": ast.unparse(node)}


def keywords_of(callee):
    calls = [
        node
        for node in ast.walk(tree)
        if isinstance(node, ast.Call) and ast.unparse(node.func) == callee
    ]
    if len(calls) != 1:
        raise SystemExit(f"expected one call of {callee}, found {len(calls)}")
    return {keyword.arg: literal_or_source(keyword.value) for keyword in calls[0].keywords}


recorded = {}


class TrainingArguments:
    def __init__(self, **kwargs):
        recorded["training_arguments"] = kwargs
        self.output_dir = kwargs["output_dir"]


class AutoModelForCausalLM:
    @staticmethod
    def from_pretrained(name, **kwargs):
        loading = ("ACCELERATE_USE_FSDP", "FSDP_CPU_RAM_EFFICIENT_LOADING")
        recorded["model"] = {
            "name": name,
            **kwargs,
            "environment": {variable: os.environ.get(variable) for variable in loading},
        }
        return "model"


class Tokenizer:
    def __init__(self, name):
        self.name = name

    def save_pretrained(self, path):
        recorded["tokenizer"] = {"name": self.name, "saved_to": path}


class AutoTokenizer:
    @staticmethod
    def from_pretrained(name):
        return Tokenizer(name)


class Trainer:
    def __init__(self, model, args, train_dataset, data_collator):
        self.dataset = train_dataset
        self.collate = data_collator
        self.accelerator = types.SimpleNamespace(wait_for_everyone=lambda: None)
        recorded["trainer"] = {"model": model, "examples": len(train_dataset)}

    def train(self):
        # The collator on the first two examples, as a DataLoader would call it.
        recorded["first_batch"] = self.collate([self.dataset[0], self.dataset[1]])

    def save_model(self):
        recorded["saved_model"] = True

    def is_world_process_zero(self):
        return True


torch = types.ModuleType("torch")
torch.long = "long"
torch.float32 = "float32"
torch.tensor = lambda rows, dtype: {"rows": rows, "dtype": dtype}
torch_utils = types.ModuleType("torch.utils")
torch_data = types.ModuleType("torch.utils.data")
torch_data.Dataset = object
torch.utils = torch_utils
torch_utils.data = torch_data
transformers = types.ModuleType("transformers")
for stand_in in (TrainingArguments, AutoModelForCausalLM, AutoTokenizer, Trainer):
    setattr(transformers, stand_in.__name__, stand_in)
sys.modules.update(
    {
        "torch": torch,
        "torch.utils": torch_utils,
        "torch.utils.data": torch_data,
        "transformers": transformers,
    }
)

spec = importlib.util.spec_from_file_location("train_fsdp", script)
module = importlib.util.module_from_spec(spec)
spec.loader.exec_module(module)
os.environ["WORLD_SIZE"] = sys.argv[2]
try:
    module.main()
    run = {"recorded": recorded}
except SystemExit as stop:
    run = {"exit": str(stop)}

print(
    json.dumps(
        {
            "training_arguments": keywords_of("TrainingArguments"),
            "from_pretrained": keywords_of("AutoModelForCausalLM.from_pretrained"),
            "config": yaml.safe_load((folder / "accelerate_fsdp.yaml").read_text(encoding="utf-8")),
            "run": run,
        }
    )
)
