/**
 * bench/prompt-cache — over a three-round code review loop, the share of the
 * input tokens that were read from the prompt cache. Target ≥ 70 %.
 *
 * Run: `npx tsc -p tsconfig.bench.json && node .bench-build/bench/prompt-cache.js`
 * (tsc follows this file's imports of src/roles, src/adapters and of the test
 * emulator and builders under tests/, so tsconfig.bench.json needs no change.
 * tsc does not copy the emulator's JSON schema, which the emulator reads from
 * beside its own module: `ensureEmulatorSchema` copies it there once.)
 *
 * Everything is real except the model's words: the role definitions of the
 * registry (code-reviewer, fixer), the ModelRoleRunner tool loop, the
 * Anthropic adapter with the real `@anthropic-ai/sdk` client, the real tools
 * (read_file, grep, the text editor, bash) in a real git worktree made by
 * GitWorkspace, and the states folded from real lifecycle events by the test
 * builders. The model is the local Anthropic emulator, whose answers are
 * scripted (a tool call or two, then `submit`) and whose usage follows its
 * documented deterministic cache model: a breakpoint writes the prefix ending
 * at it when that prefix holds at least 1024 tokens (the API's minimum for
 * Sonnet models); a request reads the longest prefix an earlier request wrote
 * that ends at one of its breakpoints or up to 19 blocks before one (the API's
 * 20-block look-back); a block costs ceil(canonical JSON characters / 4)
 * tokens.
 *
 * The loop is driven by the lifecycle itself (`due` says which role runs; the
 * role's output is folded back as the engine would): round 1 review CONCERNS
 * (two findings) → fix, round 2 review CONCERNS (one finding) → fix, round 3
 * review PASS — five calls; after a PASS no fixer is due. Each call's context
 * is built as `Engine.invokeRole` builds it: the branch's diff from
 * GitWorkspace and, once a fix moved the branch past the implementation
 * commit, that diff split into the implementation's diff (as the first review
 * saw it) and the changes since (`diffSinceImplementation`); the
 * duplicate-code scan of the whole diff for the reviewer; the findings. The
 * state's implementation event names the bench repository's real
 * implementation commit.
 *
 * Share = cache_read / (input + cache_creation + cache_read), summed over
 * every request of the loop, from the usage the runner recorded in its
 * transcripts (checked equal to the emulator's request log). Printed with it:
 * each call's tokens, the share of its prompt inside the cacheable prefix
 * (up to the last breakpoint), the share for round 1 and for rounds 2–3,
 * whether each role's stable prefix stayed byte-identical across rounds (or
 * the first block where it broke), where the tokens not read from the
 * cache went, and how much of the first turns' volatile part was read from
 * the cache (the implementation's diff repeated by rounds 2–3). When turn 2 re-writes the first turn's volatile part, the loop
 * is run a second time with a breakpoint at the end of the first user message
 * on turn 1 (added by a Model wrapper; the runtime is not changed) to measure
 * what that runtime change would gain.
 *
 * Not modelled: cache expiry. The runtime's breakpoints use the 5-minute TTL
 * and the emulator keeps entries forever, so when a fixer call plus the
 * engine's steps take longer than that, the real rounds 2–3 read less than
 * measured here.
 */
import { execFile } from 'node:child_process';
import { copyFile, mkdir, mkdtemp, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { AnthropicModel } from '../src/adapters/anthropic/anthropic-model.js';
import { GitWorkspace } from '../src/adapters/git/git-workspace.js';
import { diffSinceImplementation } from '../src/engine/diff-since.js';
import { branchFor } from '../src/domain/branch-name.js';
import { addedLinesOf, findDuplicates, renderDuplicateScan } from '../src/domain/duplicate-scan.js';
import type { RecordedEvent } from '../src/domain/events.js';
import type { RoleName, RoleOutput } from '../src/domain/roles.js';
import type { IssueState } from '../src/domain/state.js';
import { due } from '../src/domain/transition.js';
import type { Model, ModelCall, ModelRequest, ModelResponse } from '../src/ports/model.js';
import type { RoleContext } from '../src/ports/roles.js';
import { defaultHome } from '../src/roles/tools/bash.js';
import { ModelRoleRunner } from '../src/roles/runtime/model-runner.js';
import { readTranscript } from '../src/roles/runtime/transcript.js';
import { AnthropicEmulator, REQUEST_SCHEMA_FILE, type RecordedRequest, type ScriptedResponse } from '../tests/emulators/anthropic/anthropic-emulator.js';
import { T0, anEvent, anOutput, fold, stateAt } from '../tests/domain/builders.js';

const git = promisify(execFile);
const TARGET = 0.7;
const EXPERIMENT_DIR = 'experiments/7-lr-warmup-sweep';

// ---------------------------------------------------------------- the repository

/** The research repository before the experiment: shared data, metrics and training code. */
const BASE_FILES: Record<string, string> = {
  '.gitignore': '__pycache__/\nresults/\nresults-smoke/\n',
  'README.md': `# Optimisation study

Shared code for the group's optimisation experiments. \`common/\` holds the data pipeline, the
metrics and the training loop every experiment reuses; experiments live under
\`experiments/<issue>-<slug>/\` and write \`results/metrics.json\` as
\`{"rows": [{"condition", "seed", "metric", "value"}]}\`.
`,
  'common/__init__.py': '"""Shared code of the optimisation study."""\n',
  'common/seeding.py': `"""One place that seeds every random number generator."""
import os
import random


def set_seed(seed: int) -> None:
    """Seeds Python's RNG and, when present, NumPy's and PyTorch's."""
    os.environ["PYTHONHASHSEED"] = str(seed)
    random.seed(seed)
    try:
        import numpy as np
        np.random.seed(seed)
    except ImportError:
        pass
    try:
        import torch
        torch.manual_seed(seed)
        torch.cuda.manual_seed_all(seed)
    except ImportError:
        pass
`,
  'common/data.py': `"""A seeded synthetic classification task and its train/validation split."""
import math
import random
from typing import List, Tuple

Example = Tuple[List[float], int]


def make_spirals(n: int, noise: float, seed: int) -> List[Example]:
    """Two interleaved spirals with Gaussian noise; labels 0 and 1 alternate."""
    rng = random.Random(seed)
    examples: List[Example] = []
    for i in range(n):
        label = i % 2
        t = 0.5 + 3.5 * math.pi * rng.random()
        sign = 1.0 if label == 0 else -1.0
        x = sign * t * math.cos(t) / 10.0 + rng.gauss(0.0, noise)
        y = sign * t * math.sin(t) / 10.0 + rng.gauss(0.0, noise)
        examples.append(([x, y], label))
    return examples


def split(examples: List[Example], train_fraction: float, seed: int) -> Tuple[List[Example], List[Example]]:
    """A seeded shuffle, then the first train_fraction for training and the rest for validation."""
    order = list(range(len(examples)))
    random.Random(seed * 7 + 1).shuffle(order)
    cut = int(len(order) * train_fraction)
    return [examples[i] for i in order[:cut]], [examples[i] for i in order[cut:]]


def batches(examples: List[Example], batch_size: int, seed: int):
    """Mini-batches of a seeded permutation; the last batch may be smaller."""
    order = list(range(len(examples)))
    random.Random(seed).shuffle(order)
    for start in range(0, len(order), batch_size):
        yield [examples[i] for i in order[start:start + batch_size]]
`,
  'common/metrics.py': `"""Metrics shared by every experiment, computed the same way everywhere."""
import math
from typing import Dict, List, Sequence, Tuple


def accuracy(predictions: Sequence[int], labels: Sequence[int]) -> float:
    """Share of predictions equal to their label."""
    if len(predictions) != len(labels):
        raise ValueError(f"{len(predictions)} predictions for {len(labels)} labels")
    right = sum(1 for p, y in zip(predictions, labels) if p == y)
    return right / max(1, len(labels))


def cross_entropy(probabilities: Sequence[float], labels: Sequence[int]) -> float:
    """Mean binary cross-entropy, with probabilities clipped away from 0 and 1."""
    total = 0.0
    for p, y in zip(probabilities, labels):
        p = min(max(p, 1e-12), 1.0 - 1e-12)
        total -= math.log(p) if y == 1 else math.log(1.0 - p)
    return total / max(1, len(labels))


def mean_and_std(values: Sequence[float]) -> Tuple[float, float]:
    """Mean and sample standard deviation (0.0 for fewer than two values)."""
    if not values:
        raise ValueError("mean_and_std of no values")
    mean = sum(values) / len(values)
    if len(values) < 2:
        return mean, 0.0
    variance = sum((v - mean) ** 2 for v in values) / (len(values) - 1)
    return mean, math.sqrt(variance)


def summarize(rows: List[Dict[str, object]], metric: str) -> Dict[str, Tuple[float, float]]:
    """Mean and standard deviation of one metric per condition, over seeds."""
    by_condition: Dict[str, List[float]] = {}
    for row in rows:
        if row["metric"] == metric:
            by_condition.setdefault(str(row["condition"]), []).append(float(row["value"]))  # type: ignore[arg-type]
    return {condition: mean_and_std(values) for condition, values in sorted(by_condition.items())}
`,
  'common/loop.py': `"""The training loop and the evaluation every experiment uses."""
import math
from typing import Callable, Dict, List

from common.data import Example, batches
from common.metrics import accuracy, cross_entropy

LearningRate = Callable[[int], float]


class LogisticModel:
    """A logistic regression on polynomial features of the two inputs."""

    def __init__(self, degree: int = 3) -> None:
        self.degree = degree
        self.weights = [0.0] * self.width()

    def width(self) -> int:
        return (self.degree + 1) * (self.degree + 2) // 2

    def features(self, point: List[float]) -> List[float]:
        x, y = point
        return [x ** i * y ** j for i in range(self.degree + 1) for j in range(self.degree + 1 - i)]

    def probability(self, point: List[float]) -> float:
        z = sum(w * f for w, f in zip(self.weights, self.features(point)))
        return 1.0 / (1.0 + math.exp(-max(-60.0, min(60.0, z))))


def train_epoch(model: LogisticModel, train: List[Example], lr: LearningRate, step: int, batch_size: int, seed: int) -> int:
    """One pass of mini-batch SGD; returns the global step after the epoch."""
    for batch in batches(train, batch_size, seed + step):
        rate = lr(step)
        gradient = [0.0] * model.width()
        for point, label in batch:
            error = model.probability(point) - label
            for k, f in enumerate(model.features(point)):
                gradient[k] += error * f / len(batch)
        model.weights = [w - rate * g for w, g in zip(model.weights, gradient)]
        step += 1
    return step


def evaluate(model: LogisticModel, examples: List[Example]) -> Dict[str, float]:
    """Validation loss and accuracy."""
    probabilities = [model.probability(point) for point, _ in examples]
    labels = [label for _, label in examples]
    predictions = [1 if p >= 0.5 else 0 for p in probabilities]
    return {"val_loss": cross_entropy(probabilities, labels), "val_accuracy": accuracy(predictions, labels)}
`,
  'train.py': `"""Train the logistic model on the spirals task with a constant learning rate."""
import argparse
import json
import os

from common.data import make_spirals, split
from common.loop import LogisticModel, evaluate, train_epoch
from common.seeding import set_seed


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--lr", type=float, default=0.5)
    parser.add_argument("--epochs", type=int, default=20)
    parser.add_argument("--batch-size", type=int, default=32)
    parser.add_argument("--points", type=int, default=2000)
    parser.add_argument("--out", default="results")
    return parser.parse_args()


def main() -> None:
    args = parse_args()
    set_seed(args.seed)
    train, val = split(make_spirals(args.points, 0.05, args.seed), 0.8, args.seed)
    model = LogisticModel()
    step = 0
    print("[phase=train]", flush=True)
    for epoch in range(args.epochs):
        step = train_epoch(model, train, lambda _: args.lr, step, args.batch_size, args.seed)
        print(f"epoch={epoch} step={step} " + " ".join(f"{k}={v:.4f}" for k, v in evaluate(model, val).items()), flush=True)
    print("[phase=eval]", flush=True)
    os.makedirs(args.out, exist_ok=True)
    with open(os.path.join(args.out, "metrics.json"), "w") as out:
        json.dump({"final": evaluate(model, val), "seed": args.seed}, out, indent=2)


if __name__ == "__main__":
    main()
`,
};

/** plan.md as the planner committed it on the branch. */
const PLAN_MD = `# LR warmup sweep

## Goal
Find out whether a linear learning-rate warmup lowers the final validation loss of the shared
logistic model on the spirals task, so the group knows whether to make warmup the default.

## Hypothesis
Linear warmup lowers final validation loss: the first steps at full learning rate overshoot on
the polynomial features, and warmup avoids it.

## Possible outcomes
- Warmup lowers val_loss in every seed: adopt warmup as the default schedule.
- No difference within the seed spread: keep the constant schedule, it is simpler.
- Warmup raises val_loss: the budget of steps is too small for warmup to pay off; try a longer run.

## Why run it
Every experiment of the claim uses the constant schedule; if warmup helps, all of them are
handicapped the same way and the comparisons between them are still fair but not the best.

## Method
Train \`common/loop.py\`'s LogisticModel with the shared data split, changing only the learning
rate schedule: 200 warmup steps rising linearly to the base rate, then constant.

## Conditions
- warmup: linear warmup over 200 steps to lr 0.5, then constant.
- no-warmup: constant lr 0.5 (the baseline).

## Metrics
- val_loss (primary, lower is better), from common/metrics.py.
- val_accuracy.

## Seeds
1, 2, 3 — applied to the data, the split, the batches and the initialisation.

## Success and kill criteria
Success: val_loss lower with warmup in all seeds. Kill: the loss is NaN.

## GPU-hour estimate
4 GPU-hours (CPU is enough; the estimate covers the pod minimum).

## Lane
full

## Related issues
None.
`;

const MANIFEST_JSON = `${JSON.stringify(
  {
    hypothesis: 'Linear warmup lowers final validation loss',
    conditions: [{ name: 'warmup' }, { name: 'no-warmup' }],
    metrics: [{ name: 'val_loss', goal: 'min', primary: true }],
    seeds: [1, 2, 3],
    figures: [{ name: 'loss-curve', description: 'validation loss per step' }],
    success: ['val_loss lower with warmup in all seeds'],
    kill: ['loss is NaN'],
    gpuHours: 4,
    lane: 'full',
    command: 'python train.py',
    outputs: ['results/metrics.json'],
    inputs: [],
  },
  null,
  2,
)}\n`;

/** The learning-rate schedules, with the off-by-one the first review finds. */
const SCHEDULES_PY = `"""Learning-rate schedules: functions of the global step (0-based) returning the rate."""
import math
from typing import Callable

Schedule = Callable[[int], float]


def constant(base_lr: float) -> Schedule:
    """The same rate at every step."""
    if base_lr <= 0:
        raise ValueError(f"base_lr must be positive, got {base_lr}")
    return lambda step: base_lr


def linear_warmup(step: int, warmup_steps: int, base_lr: float) -> float:
    """Rate at step: rises linearly to base_lr over warmup_steps steps, then stays there."""
    if warmup_steps <= 0:
        return base_lr
    return base_lr * min(1.0, (step + 1) / (warmup_steps + 1))


def warmup_then_constant(base_lr: float, warmup_steps: int) -> Schedule:
    """Linear warmup over warmup_steps steps, then base_lr."""
    if base_lr <= 0:
        raise ValueError(f"base_lr must be positive, got {base_lr}")
    if warmup_steps < 0:
        raise ValueError(f"warmup_steps must be >= 0, got {warmup_steps}")
    return lambda step: linear_warmup(step, warmup_steps, base_lr)


def warmup_then_cosine(base_lr: float, warmup_steps: int, total_steps: int, final_fraction: float = 0.0) -> Schedule:
    """Linear warmup, then a cosine decay to final_fraction * base_lr at total_steps."""
    if total_steps <= warmup_steps:
        raise ValueError(f"total_steps ({total_steps}) must exceed warmup_steps ({warmup_steps})")

    def rate(step: int) -> float:
        if step < warmup_steps:
            return linear_warmup(step, warmup_steps, base_lr)
        progress = min(1.0, (step - warmup_steps) / (total_steps - warmup_steps))
        floor = final_fraction * base_lr
        return floor + (base_lr - floor) * 0.5 * (1.0 + math.cos(math.pi * progress))

    return rate


SCHEDULES = {
    "constant": lambda args: constant(args.lr),
    "warmup": lambda args: warmup_then_constant(args.lr, args.warmup_steps),
    "warmup-cosine": lambda args: warmup_then_cosine(args.lr, args.warmup_steps, args.total_steps),
}


def from_args(args) -> Schedule:
    """The schedule named by --schedule, configured from the other arguments."""
    try:
        return SCHEDULES[args.schedule](args)
    except KeyError:
        raise SystemExit(f"unknown --schedule {args.schedule!r}; choose one of {', '.join(sorted(SCHEDULES))}") from None
`;

/** train.py after the implementer: the schedule is chosen on the command line and every step's rate is logged. */
const TRAIN_PY = `"""Train the logistic model on the spirals task with a chosen learning-rate schedule."""
import argparse
import json
import os

from common.data import make_spirals, split
from common.loop import LogisticModel, evaluate, train_epoch
from common.seeding import set_seed
from schedules import SCHEDULES, from_args


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--lr", type=float, default=0.5)
    parser.add_argument("--schedule", choices=sorted(SCHEDULES), default="constant")
    parser.add_argument("--warmup-steps", type=int, default=200)
    parser.add_argument("--total-steps", type=int, default=1000)
    parser.add_argument("--epochs", type=int, default=20)
    parser.add_argument("--batch-size", type=int, default=32)
    parser.add_argument("--points", type=int, default=2000)
    parser.add_argument("--condition", default=None, help="name written into the metrics rows (default: the schedule)")
    parser.add_argument("--out", default="results")
    return parser.parse_args()


def main() -> None:
    args = parse_args()
    set_seed(args.seed)
    condition = args.condition or args.schedule
    train, val = split(make_spirals(args.points, 0.05, args.seed), 0.8, args.seed)
    model = LogisticModel()
    schedule = from_args(args)
    step = 0
    curve = []
    print(f"[phase=train] condition={condition} seed={args.seed}", flush=True)
    for epoch in range(args.epochs):
        step = train_epoch(model, train, schedule, step, args.batch_size, args.seed)
        scores = evaluate(model, val)
        curve.append({"step": step, "lr": schedule(step), **scores})
        print(f"epoch={epoch} step={step} lr={schedule(step):.4f} " + " ".join(f"{k}={v:.4f}" for k, v in scores.items()), flush=True)
        if scores["val_loss"] != scores["val_loss"]:
            raise SystemExit("val_loss is NaN: the kill criterion of the plan")
    print("[phase=eval]", flush=True)
    final = evaluate(model, val)
    rows = [{"condition": condition, "seed": args.seed, "metric": name, "value": value} for name, value in final.items()]
    os.makedirs(args.out, exist_ok=True)
    with open(os.path.join(args.out, f"curve-{condition}-seed{args.seed}.json"), "w") as out:
        json.dump(curve, out)
    with open(os.path.join(args.out, "metrics.json"), "w") as out:
        json.dump({"rows": rows, "parameters": vars(args)}, out, indent=2)


if __name__ == "__main__":
    main()
`;

/** The sweep driver, with a copy of common/metrics.py's mean_and_std and a hard-coded split seed. */
const SWEEP_PY = `"""Run every condition of the LR warmup sweep over every seed and merge the metrics.

Usage: python ${EXPERIMENT_DIR}/sweep.py [--smoke]
(--smoke: one seed, two epochs, writes results-smoke/)
"""
import argparse
import json
import math
import os
import subprocess
import sys
from typing import Dict, List, Sequence, Tuple

HERE = os.path.dirname(os.path.abspath(__file__))
CONFIGS = os.path.join(HERE, "configs")
CONDITIONS = ["warmup", "no-warmup"]
SEEDS = [1, 2, 3]


def load_config(condition: str) -> Dict[str, object]:
    with open(os.path.join(CONFIGS, f"{condition}.json")) as f:
        return json.load(f)


def mean_and_std(values: Sequence[float]) -> Tuple[float, float]:
    """Mean and sample standard deviation (0.0 for fewer than two values)."""
    if not values:
        raise ValueError("mean_and_std of no values")
    mean = sum(values) / len(values)
    if len(values) < 2:
        return mean, 0.0
    variance = sum((v - mean) ** 2 for v in values) / (len(values) - 1)
    return mean, math.sqrt(variance)


def command_for(condition: str, seed: int, out: str, smoke: bool) -> List[str]:
    config = load_config(condition)
    command = [sys.executable, "train.py", "--seed", str(seed), "--condition", condition, "--out", out]
    for key, value in sorted(config.items()):
        command += [f"--{key.replace('_', '-')}", str(value)]
    if smoke:
        command += ["--epochs", "2", "--points", "200"]
    return command


def run_one(condition: str, seed: int, out: str, smoke: bool) -> List[Dict[str, object]]:
    cell = os.path.join(out, f"{condition}-seed{seed}")
    subprocess.run(command_for(condition, seed, cell, smoke), check=True)
    with open(os.path.join(cell, "metrics.json")) as f:
        return json.load(f)["rows"]


def summary_table(rows: List[Dict[str, object]], metric: str) -> List[str]:
    lines = [f"| condition | {metric} mean | sd | seeds |", "|---|---|---|---|"]
    for condition in CONDITIONS:
        values = [float(r["value"]) for r in rows if r["condition"] == condition and r["metric"] == metric]  # type: ignore[arg-type]
        mean, sd = mean_and_std(values)
        lines.append(f"| {condition} | {mean:.4f} | {sd:.4f} | {len(values)} |")
    return lines


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--smoke", action="store_true")
    args = parser.parse_args()
    out = "results-smoke" if args.smoke else "results"
    seeds = SEEDS[:1] if args.smoke else SEEDS
    rows: List[Dict[str, object]] = []
    print("[phase=sweep]", flush=True)
    for seed in seeds:
        for condition in CONDITIONS:
            rows.extend(run_one(condition, seed, out, args.smoke))
    print("[phase=merge]", flush=True)
    os.makedirs(out, exist_ok=True)
    with open(os.path.join(out, "metrics.json"), "w") as f:
        json.dump({"rows": rows, "split_seed": 0}, f, indent=2)
    print("\\n".join(summary_table(rows, "val_loss")))
    print(f"wrote {os.path.join(out, 'metrics.json')} with {len(rows)} rows")


if __name__ == "__main__":
    main()
`;

const TEST_SCHEDULES_PY = `"""Unit tests of the learning-rate schedules."""
import math
import unittest

from schedules import constant, linear_warmup, warmup_then_constant, warmup_then_cosine


class LinearWarmupTest(unittest.TestCase):
    def test_rises_to_the_base_rate(self) -> None:
        rates = [linear_warmup(step, 4, 1.0) for step in range(6)]
        self.assertTrue(all(a < b for a, b in zip(rates[:3], rates[1:4])))
        self.assertEqual(rates[-1], 1.0)

    def test_no_warmup_is_constant(self) -> None:
        self.assertEqual(linear_warmup(0, 0, 0.5), 0.5)

    def test_never_exceeds_the_base_rate(self) -> None:
        self.assertTrue(all(linear_warmup(step, 10, 0.3) <= 0.3 for step in range(50)))


class ScheduleTest(unittest.TestCase):
    def test_constant(self) -> None:
        self.assertEqual({constant(0.1)(step) for step in range(10)}, {0.1})

    def test_constant_refuses_a_non_positive_rate(self) -> None:
        with self.assertRaises(ValueError):
            constant(0.0)

    def test_warmup_then_constant(self) -> None:
        schedule = warmup_then_constant(0.5, 10)
        self.assertLess(schedule(0), 0.5)
        self.assertEqual(schedule(100), 0.5)

    def test_cosine_ends_at_the_floor(self) -> None:
        schedule = warmup_then_cosine(1.0, 10, 110, final_fraction=0.1)
        self.assertTrue(math.isclose(schedule(110), 0.1))
        self.assertTrue(math.isclose(schedule(10), 1.0))


if __name__ == "__main__":
    unittest.main()
`;

/** What the implementer committed on the experiment branch. */
const IMPLEMENTATION: Record<string, string> = {
  'schedules.py': SCHEDULES_PY,
  'train.py': TRAIN_PY,
  [`${EXPERIMENT_DIR}/plan.md`]: PLAN_MD,
  [`${EXPERIMENT_DIR}/planned-manifest.json`]: MANIFEST_JSON,
  [`${EXPERIMENT_DIR}/sweep.py`]: SWEEP_PY,
  [`${EXPERIMENT_DIR}/configs/warmup.json`]: '{\n  "schedule": "warmup",\n  "lr": 0.5,\n  "warmup_steps": 200\n}\n',
  [`${EXPERIMENT_DIR}/configs/no-warmup.json`]: '{\n  "schedule": "constant",\n  "lr": 0.5\n}\n',
  'tests/__init__.py': '',
  'tests/test_schedules.py': TEST_SCHEDULES_PY,
};

// Exact texts the fixer replaces (the scripted edits must match the files verbatim).
const WARMUP_BUG = '    return base_lr * min(1.0, (step + 1) / (warmup_steps + 1))\n';
const WARMUP_FIX = '    return base_lr * min(1.0, (step + 1) / warmup_steps)\n';
const DUPLICATE_START = 'def mean_and_std(values: Sequence[float]) -> Tuple[float, float]:\n';
const DUPLICATE = SWEEP_PY.slice(SWEEP_PY.indexOf(DUPLICATE_START), SWEEP_PY.indexOf('def command_for'));
const SWEEP_IMPORTS = 'import json\nimport math\nimport os\nimport subprocess\nimport sys\nfrom typing import Dict, List, Sequence, Tuple\n';
const SWEEP_IMPORTS_FIXED = 'import json\nimport os\nimport subprocess\nimport sys\nfrom typing import Dict, List\n';
const SWEEP_SEEDS = 'SEEDS = [1, 2, 3]\n';
const SWEEP_SEEDS_FIXED = 'SEEDS = [1, 2, 3]\n\n# The repository root, so the shared code imports when this file runs as a script.\nsys.path.insert(0, os.path.dirname(os.path.dirname(HERE)))\nfrom common.metrics import mean_and_std  # noqa: E402\n';
const SEED_BUG = '        json.dump({"rows": rows, "split_seed": 0}, f, indent=2)\n';
const SEED_FIX = '        json.dump({"rows": rows, "seeds": seeds}, f, indent=2)\n';

async function writeFiles(root: string, files: Record<string, string>): Promise<void> {
  for (const [path, content] of Object.entries(files)) {
    await mkdir(dirname(join(root, path)), { recursive: true });
    await writeFile(join(root, path), content);
  }
}

/** A git repository holding the base code, and the experiment's worktree with the implementer's commit on its branch. */
async function createRepository(root: string, branch: string): Promise<{ workspace: GitWorkspace; worktree: string; implementation: string }> {
  const repo = join(root, 'repo');
  await mkdir(repo, { recursive: true });
  await writeFiles(repo, BASE_FILES);
  const identity = ['-c', 'user.name=lead', '-c', 'user.email=lead@example.org', '-c', 'commit.gpgsign=false'];
  await git('git', ['init', '--quiet', '--initial-branch=main'], { cwd: repo });
  await git('git', ['add', '-A'], { cwd: repo });
  await git('git', [...identity, 'commit', '--quiet', '-m', 'shared code of the optimisation study'], { cwd: repo });
  const workspace = new GitWorkspace({ repoDir: repo, worktreesDir: join(root, 'worktrees') });
  const { path: worktree } = await workspace.ensureWorktree(branch);
  await writeFiles(worktree, IMPLEMENTATION);
  const { sha: implementation } = await workspace.commitAll(branch, 'epm: implementation of #7\n\nEPM-Issue: #7\nEPM-Step: implementation#1');
  return { workspace, worktree, implementation };
}

// ---------------------------------------------------------------- the model's words

type Step = ScriptedResponse;
const say = (text: string, ...calls: Array<{ name: string; input: Record<string, unknown> }>): Step => ({
  content: [{ type: 'text', text }, ...calls.map((c) => ({ type: 'tool_use' as const, ...c }))],
});
const submit = (text: string, input: Record<string, unknown>): Step => say(text, { name: 'submit', input });
const edit = (path: string, old_str: string, new_str: string) => ({ name: 'str_replace_based_edit_tool', input: { command: 'str_replace', path, old_str, new_str } });
const CHECKS = 'python3 -m py_compile schedules.py train.py && python3 -m unittest -q tests.test_schedules 2>&1 | tail -n 3';

/** The scripted answers of one role call, turn by turn. */
function scriptFor(role: RoleName, round: number): Step[] {
  const sweep = `${EXPERIMENT_DIR}/sweep.py`;
  if (role === 'code-reviewer') {
    if (round === 1) {
      return [
        say('I will check the schedule against the plan (warmup over 200 steps) and where the sweep computes its summary.',
          { name: 'read_file', input: { path: 'schedules.py' } },
          { name: 'grep', input: { pattern: 'def mean_and_std', glob: '*.py' } }),
        submit('The warmup ends one step late and the sweep re-implements a shared metric.', {
          verdict: 'CONCERNS',
          findings: [
            { class: 'off-by-one', file: 'schedules.py', text: 'linear_warmup reaches base_lr at step warmup_steps (factor (step + 1) / (warmup_steps + 1)), one step after the 200-step warmup the plan declares. Use (step + 1) / warmup_steps.' },
            { class: 'duplicate-code', file: sweep, text: 'sweep.py defines mean_and_std, a copy of common/metrics.py:mean_and_std (EPM scan agrees). Import it from common.metrics instead.' },
          ],
        }),
      ];
    }
    if (round === 2) {
      return [
        say('Checking the fixes and how the sweep records its seeds.', { name: 'read_file', input: { path: sweep, offset: 60 } }),
        submit('The merged metrics record a split seed the runs never used.', {
          verdict: 'CONCERNS',
          findings: [{ class: 'missing-seed', file: sweep, text: 'main() writes "split_seed": 0 into metrics.json, but every cell splits with its own seed (train.py passes --seed to split). Record the seeds actually run instead.' }],
        }),
      ];
    }
    return [
      say('Re-reading the schedule and the sweep after the fixes.',
        { name: 'read_file', input: { path: 'schedules.py', offset: 15, limit: 10 } },
        { name: 'grep', input: { pattern: 'seed', path: sweep } }),
      submit('All findings are fixed; the code implements the plan.', { verdict: 'PASS', findings: [] }),
    ];
  }
  if (round === 1) {
    return [
      say('Looking at the two places the findings name.',
        { name: 'str_replace_based_edit_tool', input: { command: 'view', path: 'schedules.py', view_range: [15, 20] } },
        { name: 'str_replace_based_edit_tool', input: { command: 'view', path: sweep, view_range: [1, 40] } }),
      say('Fixing the warmup factor and replacing the copy with the shared function.',
        edit('schedules.py', WARMUP_BUG, WARMUP_FIX),
        edit(sweep, DUPLICATE, ''),
        edit(sweep, SWEEP_IMPORTS, SWEEP_IMPORTS_FIXED),
        edit(sweep, SWEEP_SEEDS, SWEEP_SEEDS_FIXED)),
      say('Running the checks and the schedule tests.', { name: 'bash', input: { command: CHECKS } }),
      submit('Both findings are fixed.', {
        fixed: [
          { class: 'off-by-one', file: 'schedules.py', text: 'linear_warmup now uses (step + 1) / warmup_steps, so the rate reaches base_lr at the last warmup step.' },
          { class: 'duplicate-code', file: sweep, text: 'removed the copy of mean_and_std; sweep.py imports it from common.metrics.' },
        ],
        summary: '',
      }),
    ];
  }
  return [
    say('Looking at where the merged metrics are written.', { name: 'grep', input: { pattern: 'split_seed', path: sweep } }),
    say('Recording the seeds that ran.', edit(sweep, SEED_BUG, SEED_FIX)),
    say('Running the checks.', { name: 'bash', input: { command: CHECKS } }),
    submit('The finding is fixed.', {
      fixed: [{ class: 'missing-seed', file: sweep, text: 'metrics.json now records the seeds that ran instead of a split seed of 0.' }],
      summary: '',
    }),
  ];
}

// ---------------------------------------------------------------- the loop

/** Adds a breakpoint at the end of the first user message on a call's first turn (the runtime change measured as a what-if). */
class FirstTurnBreakpoint implements Model {
  constructor(private readonly inner: Model) {}

  createMessage(request: ModelRequest, call: ModelCall): Promise<ModelResponse> {
    const [first, ...rest] = request.messages;
    if (!first || rest.length > 0) return this.inner.createMessage(request, call);
    const content = first.content.map((block, i) =>
      i === first.content.length - 1 && (block.type === 'text' || block.type === 'tool_result') ? { ...block, cache_control: { type: 'ephemeral' as const } } : block,
    );
    return this.inner.createMessage({ ...request, messages: [{ ...first, content }] }, call);
  }
}

/** Token counters summed over requests. */
export interface Tokens {
  /** `input_tokens`: after the last breakpoint, billed in full. */
  input: number;
  /** `cache_creation_input_tokens`: written to the cache. */
  write: number;
  /** `cache_read_input_tokens`: read from the cache. */
  read: number;
}
const total = (t: Tokens) => t.input + t.write + t.read;
const add = (a: Tokens, b: Tokens): Tokens => ({ input: a.input + b.input, write: a.write + b.write, read: a.read + b.read });
const NONE: Tokens = { input: 0, write: 0, read: 0 };

/** One role call of the loop, measured. */
export interface CallMeasure {
  /** Review round (1–3): a fixer call belongs to the round whose findings it fixes. */
  round: number;
  /** The role that ran. */
  role: RoleName;
  /** Model turns (= requests) of the call. */
  turns: number;
  /** From the runner's transcript (the recorded usage). */
  tokens: Tokens;
  /** Per request, from the emulator's log. */
  requests: Tokens[];
  /** Canonical cache blocks of the first request's stable prefix: tools, system, stable prompt parts. */
  prefixBlocks: string[];
  /** Tokens of that stable prefix. */
  stablePrefix: number;
  /** Lines of the diff the call was given. */
  diffLines: number;
}

const usageOf = (request: RecordedRequest): Tokens => {
  const u = request.usage;
  if (!u) throw new Error(`emulator request #${request.index} has no usage (status ${request.status}: ${request.rejected ?? 'no response'})`);
  return { input: u.input_tokens, write: u.cache_creation_input_tokens, read: u.cache_read_input_tokens };
};

/**
 * The stable prefix of a call's first request: its cache blocks (canonical
 * JSON, as the emulator recorded them) up to the first breakpoint inside the
 * first message, which the runtime puts on the last stable prompt part; and
 * their tokens by the emulator's documented rule, ceil(characters / 4), at
 * least 1 per block.
 */
function stablePrefixOf(request: RecordedRequest): { prefixBlocks: string[]; stablePrefix: number } {
  const body = request.body as { tools?: unknown[]; system?: unknown[]; messages: Array<{ content: Array<{ cache_control?: unknown }> }> };
  const inFirst = body.messages[0]?.content.findIndex((block) => block.cache_control != null) ?? -1;
  if (inFirst < 0) throw new Error(`request #${request.index}: the first message carries no breakpoint, so nothing of the prompt is cacheable`);
  const end = (body.tools?.length ?? 0) + (body.system?.length ?? 0) + inFirst + 1;
  const blocks = (JSON.parse(request.cachePrefix ?? '[]') as unknown[]).slice(0, end).map((b) => JSON.stringify(b));
  return { prefixBlocks: blocks, stablePrefix: blocks.reduce((n, b) => n + Math.max(1, Math.ceil(b.length / 4)), 0) };
}

/** The tokens of a role call from its transcript: what the runtime recorded. */
async function recordedTokens(path: string): Promise<{ tokens: Tokens; turns: number }> {
  let tokens = NONE;
  let turns = 0;
  for (const line of await readTranscript(path)) {
    if (line.kind !== 'response') continue;
    turns += 1;
    tokens = add(tokens, { input: line.usage.inputTokens, write: line.usage.cacheWriteTokens, read: line.usage.cacheReadTokens });
  }
  return { tokens, turns };
}

/**
 * Runs the review loop once, from the first review to the PASS, in a fresh
 * temporary repository against a fresh emulator (both removed at the end);
 * `wrap` changes the requests the runtime sends (for a what-if).
 */
export async function runReviewLoop(wrap?: (model: Model) => Model): Promise<CallMeasure[]> {
  const root = await mkdtemp(join(tmpdir(), 'epm-bench-prompt-cache-'));
  const emulator = await AnthropicEmulator.start();
  let worktree: string | undefined;
  try {
    let state: IssueState = stateAt('code-review');
    const branch = branchFor(state.number, state.title);
    const repository = await createRepository(root, branch);
    worktree = repository.worktree;
    const { workspace } = repository;
    // The implementation event names the commit the implementer made here.
    state = { ...state, implementation: { ...state.implementation!, sha: repository.implementation } };
    const sdk = new AnthropicModel({ apiKey: emulator.apiKey, baseURL: emulator.url, maxRetries: 0, streamRetryDelayMs: 0 });
    const model = wrap ? wrap(sdk) : sdk;
    const runner = new ModelRoleRunner({ model, transcriptsDir: join(root, 'transcripts'), apiKey: emulator.apiKey });
    const calls: CallMeasure[] = [];
    let round = 1;
    for (let guard = 0; state.status === 'code-review'; guard++) {
      if (guard > 10) throw new Error('the review loop did not end');
      const effect = due(state, new Date(T0)).find((e) => e.kind === 'invoke-role');
      if (!effect || effect.kind !== 'invoke-role') throw new Error(`no role is due in ${state.status}`);
      const { role, key } = effect;
      // As Engine.invokeRole builds it: the branch's diff, split at the implementation commit once the branch
      // moved past it, and for the reviewer EPM's duplicate-code scan of the whole diff.
      const diff = await workspace.diff(branch);
      const diffSince = await diffSinceImplementation(workspace, branch, state);
      let feedback = effect.feedback;
      if (role === 'code-reviewer') {
        const files = new Map<string, string>();
        for (const path of await workspace.listFiles(branch)) {
          const text = path.endsWith('.py') ? await workspace.readFile(branch, path) : undefined;
          if (text !== undefined) files.set(path, text);
        }
        feedback = [...feedback, renderDuplicateScan(findDuplicates(addedLinesOf(diff), files))];
      }
      const context: RoleContext = {
        role, key, issue: { number: state.number, title: state.title, body: state.body },
        worktree, experimentDir: EXPERIMENT_DIR, feedback, diff, ...(diffSince ? { diffSince } : {}), state,
      };
      const script = scriptFor(role, round);
      emulator.enqueue(...script);
      const first = emulator.requests.length;
      const result = await runner.run(context);
      const requests = emulator.requests.slice(first);
      if (emulator.pending !== 0 || requests.length !== script.length) {
        throw new Error(`the ${role} of round ${round} made ${requests.length} requests for ${script.length} scripted answers`);
      }
      const lines = await readTranscript(result.transcript!);
      const failed = lines.filter((l) => l.kind === 'tool-result' && l.isError);
      if (failed.length > 0) throw new Error(`a tool call of the ${role} in round ${round} failed: ${failed.map((l) => (l.kind === 'tool-result' ? l.content : '')).join(' | ')}`);
      const recorded = await recordedTokens(result.transcript!);
      const logged = requests.map(usageOf);
      if (JSON.stringify(recorded.tokens) !== JSON.stringify(logged.reduce(add, NONE))) {
        throw new Error(`the transcript of the ${role} (round ${round}) records ${JSON.stringify(recorded.tokens)}, the emulator reported ${JSON.stringify(logged.reduce(add, NONE))}`);
      }
      calls.push({
        round, role, turns: recorded.turns, tokens: recorded.tokens, requests: logged,
        ...stablePrefixOf(requests[0]!),
        diffLines: diff.split('\n').length,
      });

      let event: RecordedEvent;
      if (role === 'code-reviewer') {
        event = anEvent('code-review', { key, output: anOutput('code-reviewer', result.output as RoleOutput<'code-reviewer'>) });
      } else {
        const { sha } = await workspace.commitAll(branch, `epm: fix for #7\n\nEPM-Issue: #7\nEPM-Step: ${key}`);
        event = anEvent('fix', { key, loop: 'code', sha, output: anOutput('fixer', result.output as RoleOutput<'fixer'>), checks: [{ name: 'checks', command: CHECKS, ok: true, output: '' }] });
        round += 1;
      }
      state = fold(state, event);
    }
    if (state.status !== 'testing') throw new Error(`the loop ended in ${state.status}, not testing: ${state.problems.join('; ')}`);
    emulator.assertNoViolations({ allConsumed: true });
    return calls;
  } finally {
    await emulator.close();
    await rm(root, { recursive: true, force: true });
    if (worktree !== undefined) await rm(defaultHome(worktree), { recursive: true, force: true });
  }
}

// ---------------------------------------------------------------- the report

const pct = (part: number, whole: number) => (whole === 0 ? '  n/a' : `${((100 * part) / whole).toFixed(1)} %`);
const share = (t: Tokens) => (total(t) === 0 ? 0 : t.read / total(t));
const sum = (calls: readonly CallMeasure[]) => calls.map((c) => c.tokens).reduce(add, NONE);
const pad = (s: string | number, n: number) => String(s).padStart(n);

/** What a canonical cache block is, for a reader: `tool read_file`, `system`, `user text #2`… */
function describeBlock(json: string, index: number): string {
  const block = JSON.parse(json) as { tool?: { name?: string }; system?: unknown; role?: string; block?: { type?: string } };
  if (block.tool) return `block ${index} (tool ${block.tool.name ?? '?'})`;
  if (block.system) return `block ${index} (system prompt)`;
  return `block ${index} (${block.role ?? '?'} ${block.block?.type ?? '?'})`;
}

/**
 * Where the tokens not read from the cache went, over all calls: the stable
 * prefix (first written by each role's first call, or again when it broke),
 * the first turn's volatile part (diff, findings, scan), that volatile part
 * again on turn 2 when turn 1 did not store it, and what later turns add
 * (the model's answers and the tool results).
 */
function misses(calls: readonly CallMeasure[]) {
  const seen = new Set<RoleName>();
  const out = { firstPrefix: 0, rewrittenPrefix: 0, firstTurnVolatile: 0, resentVolatile: 0, growth: 0 };
  for (const call of calls) {
    const [t1, t2, ...rest] = call.requests;
    if (!t1) continue;
    const S = call.stablePrefix;
    const prefixMissed = S - Math.min(t1.read, S);
    if (seen.has(call.role)) out.rewrittenPrefix += prefixMissed;
    else out.firstPrefix += prefixMissed;
    seen.add(call.role);
    const firstPrompt = total(t1);
    out.firstTurnVolatile += firstPrompt - S - Math.max(0, t1.read - S);
    if (!t2) continue;
    const resent = Math.max(0, firstPrompt - Math.max(t2.read, S));
    out.resentVolatile += resent;
    out.growth += t2.input + t2.write - resent;
    for (const t of rest) out.growth += t.input + t.write;
  }
  return out;
}

/** Copies the emulator's request schema beside its compiled module when tsc left it behind. */
async function ensureEmulatorSchema(): Promise<void> {
  if (await stat(REQUEST_SCHEMA_FILE).then(() => true, () => false)) return;
  const here = dirname(fileURLToPath(import.meta.url));
  const source = resolve(here, '..', '..', 'tests', 'emulators', 'anthropic', 'request-schema.json');
  await copyFile(source, REQUEST_SCHEMA_FILE);
}

async function main(): Promise<void> {
  await ensureEmulatorSchema();
  const calls = await runReviewLoop();
  const all = sum(calls);
  const firstRound = sum(calls.filter((c) => c.round === 1));
  const laterRounds = sum(calls.filter((c) => c.round > 1));
  const reqs = calls.reduce((n, c) => n + c.requests.length, 0);

  console.log(`bench/prompt-cache: a 3-round code review loop (${calls.map((c) => `${c.role} r${c.round}`).join(' → ')}),`);
  console.log(`  ${calls.length} role calls, ${reqs} requests through @anthropic-ai/sdk to the local Anthropic emulator; diff ${calls[0]!.diffLines} lines`);
  console.log('');
  console.log('  call                turns   prompt tok   read    written  uncached  read share  cacheable*  stable prefix  turn-1 volatile');
  for (const c of calls) {
    const t1 = c.requests[0]!;
    const cacheable = c.requests.reduce((n, r) => n + r.read + r.write, 0);
    console.log(
      `  r${c.round} ${c.role.padEnd(15)} ${pad(c.turns, 5)} ${pad(total(c.tokens), 12)} ${pad(c.tokens.read, 7)} ${pad(c.tokens.write, 9)} ${pad(c.tokens.input, 9)} ` +
        `${pad(pct(c.tokens.read, total(c.tokens)), 11)} ${pad(pct(cacheable, total(c.tokens)), 11)} ${pad(c.stablePrefix, 14)} ${pad(total(t1) - c.stablePrefix, 16)}`,
    );
  }
  console.log('  * cacheable = tokens inside the prefix up to each request\'s last breakpoint (read + written), as a share of the prompt.');
  console.log('    stable prefix = tools + system + stable prompt parts (repository context, approved plan); turn-1 volatile = the rest of the first prompt (diff, findings, scan).');
  console.log('');
  console.log(`  round 1 alone      read share ${pct(firstRound.read, total(firstRound))} of ${total(firstRound)} prompt tokens`);
  console.log(`  rounds 2–3         read share ${pct(laterRounds.read, total(laterRounds))} of ${total(laterRounds)} prompt tokens`);
  console.log('');

  for (const role of [...new Set(calls.map((c) => c.role))]) {
    const [base, ...others] = calls.filter((c) => c.role === role);
    for (const other of others) {
      const at = base!.prefixBlocks.findIndex((b, i) => other.prefixBlocks[i] !== b);
      const verdict = at === -1 && other.prefixBlocks.length === base!.prefixBlocks.length
        ? `identical to round ${base!.round} (${base!.prefixBlocks.length} blocks, ${other.requests[0]!.read} tokens read on turn 1)`
        : `DIFFERS from round ${base!.round} at ${describeBlock(base!.prefixBlocks[at === -1 ? base!.prefixBlocks.length - 1 : at]!, at)}`;
      console.log(`  stable prefix of ${role} in round ${other.round}: ${verdict}`);
    }
  }
  const m = misses(calls);
  const missed = all.input + all.write;
  const row = (label: string, n: number) => console.log(`    ${label.padEnd(60)} ${pad(n, 7)}  ${pad(pct(n, missed), 7)}`);
  console.log('');
  console.log(`  prompt tokens not read from the cache: ${missed} (${pct(missed, total(all))} of ${total(all)}), of which`);
  row("first write of each role's stable prefix (round 1)", m.firstPrefix);
  row('stable prefix written again in rounds 2–3 (the prefix broke)', m.rewrittenPrefix);
  row('turn-1 volatile part (diff, findings, scan), not in the cache', m.firstTurnVolatile);
  row('the same volatile part written to the cache again on turn 2', m.resentVolatile);
  row('conversation growth (answers, tool results) on turns ≥ 2', m.growth);
  if (Object.values(m).reduce((n, v) => n + v, 0) !== missed) throw new Error(`the miss breakdown ${JSON.stringify(m)} does not add up to ${missed}`);
  const volatileRead = calls.reduce((n, c) => n + Math.max(0, c.requests[0]!.read - c.stablePrefix), 0);
  console.log(`  turn-1 volatile part read from the cache (the implementation's diff, repeated in rounds 2–3): ${volatileRead}`);
  console.log('');
  if (m.resentVolatile === 0) {
    console.log('  turn 1 already stores the whole first message: no what-if to run.');
  } else {
    const whatIf = sum(await runReviewLoop((model) => new FirstTurnBreakpoint(model)));
    const delta = (share(whatIf) - share(all)) * 100;
    console.log('  what-if, the same loop re-run with a breakpoint at the end of the first user message on turn 1');
    console.log('  (`withConversationBreakpoint` in src/roles/runtime/model-runner.ts skips message 0: `|| index === 0`):');
    console.log(`    read share ${pct(whatIf.read, total(whatIf))} (${delta >= 0 ? '+' : ''}${delta.toFixed(1)} points)`);
  }
  console.log('');
  const met = share(all) >= TARGET;
  console.log(`prompt-cache share of input tokens read from cache over a 3-round review loop: ${(share(all) * 100).toFixed(1)} % (target ≥ ${TARGET * 100} %) ${met ? 'MET' : 'NOT MET'}`);
}

// Run as a script (not when a test imports runReviewLoop).
if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) await main();
