import { ignoreIndex } from '@s1/sft-data';
import type { FsdpPlan } from '../fsdp-plan';
import { pythonBool, pythonFloat, pythonString } from './python-literals';

/** The layer FSDP wraps and checkpoints one by one: the decoder layer of the Qwen2 family. */
export const wrappedLayerClass = 'Qwen2DecoderLayer';

/**
 * train_fsdp.py: transformers' Trainer on train.jsonl with the plan's hyper-parameters and FSDP
 * settings, the same as the accelerate config's so that torchrun launches it too. Comments in
 * the script say why each setting departs from a plain Trainer run.
 */
export function trainFsdpScript(plan: FsdpPlan): string {
  const h = plan.hyperparameters;
  return `"""s1 supervised fine-tuning with PyTorch FSDP through transformers' Trainer.

Written by writeFsdpPlan of @s1/trainer-cuda after s1's recipe (github.com/simplescaling/s1,
train/sft.py and train/sft.sh). README.md beside it says how to launch it; plan.json holds the
same settings and the step counts. train.jsonl already holds the labels, so TRL is not needed.
"""

import json
import os
from pathlib import Path

import torch
from torch.utils.data import Dataset
from transformers import AutoModelForCausalLM, AutoTokenizer, Trainer, TrainingArguments

HERE = Path(__file__).resolve().parent
MODEL = ${pythonString(plan.model)}
PAD_TOKEN_ID = ${h.padTokenId}
IGNORE_INDEX = ${ignoreIndex}
BLOCK_SIZE = ${h.blockSize}
GLOBAL_BATCH_SIZE = ${h.globalBatchSize}
PER_DEVICE_BATCH_SIZE = ${h.perDeviceBatchSize}


class TokenizedExamples(Dataset):
    """train.jsonl: one {"input_ids": [...], "labels": [...]} object a line."""

    def __init__(self, path):
        with open(path, encoding="utf-8") as lines:
            self.examples = [json.loads(line) for line in lines]
        for number, example in enumerate(self.examples, start=1):
            length = len(example["input_ids"])
            if length != len(example["labels"]) or not 0 < length <= BLOCK_SIZE:
                raise ValueError(
                    f"{path}, line {number}: input_ids and labels must be as long as each other, "
                    f"1 to {BLOCK_SIZE} tokens; write the plan again with writeFsdpPlan."
                )

    def __len__(self):
        return len(self.examples)

    def __getitem__(self, index):
        return self.examples[index]


def collate(examples):
    """Pads on the right: input_ids with the pad id, labels with -100, attention_mask with 0."""
    longest = max(len(example["input_ids"]) for example in examples)
    batch = {"input_ids": [], "labels": [], "attention_mask": []}
    for example in examples:
        length = len(example["input_ids"])
        padding = longest - length
        batch["input_ids"].append(example["input_ids"] + [PAD_TOKEN_ID] * padding)
        batch["labels"].append(example["labels"] + [IGNORE_INDEX] * padding)
        batch["attention_mask"].append([1] * length + [0] * padding)
    return {name: torch.tensor(rows, dtype=torch.long) for name, rows in batch.items()}


def gradient_accumulation_steps(world_size):
    """Micro-batches per optimizer step, so that each step sees GLOBAL_BATCH_SIZE examples."""
    per_micro_batch = PER_DEVICE_BATCH_SIZE * world_size
    if GLOBAL_BATCH_SIZE % per_micro_batch != 0:
        raise SystemExit(
            f"train_fsdp.py: the global batch of {GLOBAL_BATCH_SIZE} examples does not split into "
            f"{world_size} processes x {PER_DEVICE_BATCH_SIZE} per device. Launch a number of "
            f"processes that divides {GLOBAL_BATCH_SIZE // PER_DEVICE_BATCH_SIZE}, or write the "
            "plan again with another globalBatchSize."
        )
    return GLOBAL_BATCH_SIZE // per_micro_batch


def main():
    # accelerate launch and torchrun both set WORLD_SIZE to the number of processes.
    world_size = int(os.environ.get("WORLD_SIZE", "1"))
    args = TrainingArguments(
        output_dir=str(HERE / "final"),
        num_train_epochs=${pythonFloat(h.epochs)},
        per_device_train_batch_size=PER_DEVICE_BATCH_SIZE,
        gradient_accumulation_steps=gradient_accumulation_steps(world_size),
        learning_rate=${pythonFloat(h.learningRate)},
        lr_scheduler_type=${pythonString(h.lrSchedulerType)},
        # ceil(${h.warmupRatio} x ${plan.steps.total} steps), as transformers rounds warmup_ratio. A
        # count, because transformers 5 deprecates warmup_ratio for a float warmup_steps,
        # which transformers 4 would read as a number of steps.
        warmup_steps=${plan.steps.warmup},
        optim="adamw_torch",
        adam_beta1=${pythonFloat(h.adamBeta1)},
        adam_beta2=${pythonFloat(h.adamBeta2)},
        adam_epsilon=${pythonFloat(h.adamEpsilon)},
        weight_decay=${pythonFloat(h.weightDecay)},
        max_grad_norm=${pythonFloat(h.maxGradNorm)},
        bf16=${pythonBool(h.bf16)},
        fsdp="full_shard auto_wrap",
        fsdp_config={
            "transformer_layer_cls_to_wrap": [${pythonString(wrappedLayerClass)}],
            "backward_prefetch": "backward_pre",
            # One process a node reads the checkpoint and FSDP sends its weights to the others
            # (s1's train/fsdp_config_qwen_cpu.json): 8 processes each holding a 32B model in
            # fp32 would need about 1 TB of CPU memory.
            "cpu_ram_efficient_loading": True,
            "sync_module_states": True,
            # FSDP checkpoints each wrapped decoder layer; transformers' gradient_checkpointing
            # under FSDP full shard adds an all-gather to the backward pass (transformers
            # issue 30404).
            "activation_checkpointing": ${pythonBool(h.gradientCheckpointing)},
        },
        # Reduce-scatter the gradients after every micro-batch rather than accumulate full
        # unsharded ones (s1's train/sft_slurm.sh).
        accelerator_config={"gradient_accumulation_kwargs": {"sync_each_batch": True}},
        logging_steps=1,
        save_strategy="no",
        report_to="none",
        seed=${h.seed},
        # The rows hold exactly the model's inputs.
        remove_unused_columns=False,
    )
    # from_pretrained loads the weights on one process a node only under both variables and
    # once TrainingArguments has set up the processes; accelerate launch sets the variables from
    # accelerate_fsdp.yaml, torchrun does not.
    os.environ.setdefault("ACCELERATE_USE_FSDP", "true")
    os.environ.setdefault("FSDP_CPU_RAM_EFFICIENT_LOADING", "true")
    # fp32 master weights, as s1 (bf16 is the compute precision); no cache in training.
    model = AutoModelForCausalLM.from_pretrained(MODEL, torch_dtype=torch.float32, use_cache=False)
    trainer = Trainer(
        model=model,
        args=args,
        train_dataset=TokenizedExamples(HERE / "train.jsonl"),
        data_collator=collate,
    )
    trainer.train()
    trainer.save_model()
    if trainer.is_world_process_zero():
        AutoTokenizer.from_pretrained(MODEL).save_pretrained(args.output_dir)
    trainer.accelerator.wait_for_everyone()


if __name__ == "__main__":
    main()
`;
}
