/**
 * A RoleRunner for tests: each role answers from a script (a queue of outputs,
 * then a default). Outputs are deterministic so a re-run after a crash
 * produces the same files and commits.
 */
import type { RoleName } from '../../src/domain/roles.js';
import type { RoleContext, RoleResult, RoleRunner } from '../../src/ports/roles.js';
import { renderCleanResult } from '../../src/domain/clean-result/template.js';

/** The plan every scripted planner writes: all required sections present. */
export const PLAN_MD = `# Plan: Adam vs SGD on a synthetic task

## Goal
Find out whether Adam beats SGD on the synthetic two-moons task.

## Hypothesis
Adam reaches higher accuracy than SGD at equal steps.

## Possible outcomes
Adam better (use it by default); no difference (keep SGD); SGD better (investigate).

## Why run it
We pick optimizers by habit; this decides the default.

## Method
Train a 2-layer MLP with each optimizer.

## Conditions
adam, sgd

## Metrics
accuracy

## Seeds
1, 2, 3

## Success and kill criteria
Success: a gap over two standard deviations. Kill: NaN loss.

## GPU-hour estimate
0.1

## Lane
full

## Related issues
None found.
`;

/** The memory run's metrics, in the metrics contract. */
export const METRIC_ROWS = [
  { condition: 'adam', seed: 1, metric: 'accuracy', value: 0.96 },
  { condition: 'adam', seed: 2, metric: 'accuracy', value: 0.97 },
  { condition: 'adam', seed: 3, metric: 'accuracy', value: 0.98 },
  { condition: 'sgd', seed: 1, metric: 'accuracy', value: 0.9 },
  { condition: 'sgd', seed: 2, metric: 'accuracy', value: 0.91 },
  { condition: 'sgd', seed: 3, metric: 'accuracy', value: 0.92 },
];

/** A clean result for the memory run that passes the full lint, pinned to the committed figure. */
export function cleanResultFor(context: RoleContext): unknown {
  const figure = context.state.figures?.files[0];
  const sha = context.state.figures?.sha ?? '0'.repeat(40);
  const run = context.state.runs.at(-1);
  const result = renderCleanResult({
    claim: 'Adam beats SGD on two-moons test accuracy',
    confidence: 'MODERATE',
    confidenceReason: 'all three runs agree and the gap is six times the spread between runs, but the task is small and synthetic',
    background: 'We train a small classifier with two update rules (Adam and SGD, the rules that turn measured errors into weight changes) to choose a default.',
    methodology: 'Each rule trained the same network three times, each run starting from a different random initialisation (a seed: the number that fixes the random start).',
    heroFigure: { path: figure?.png ?? 'figures/none.png', alt: 'test accuracy per update rule', sha },
    takeaways: ['Adam reached a mean test accuracy of 0.97 against 0.91 for SGD.', 'Every Adam run scored above every SGD run.'],
    nextSteps: ['Repeat with 10 runs per rule (#2).'],
    plainSummary: 'The Adam update rule classified more held-out points correctly than plain SGD on this small task.',
    setup: { values: 'Adam lr 0.01, SGD lr 0.1, 500 steps', why: 'common defaults for a network this size', alternatives: 'a sweep of step sizes was left for a follow-up' },
    reproducibility: {
      commit: run?.sha ?? '1'.repeat(40),
      runTag: run?.tag ?? 'epm/run/1/1',
      command: 'node train.js',
      environment: 'Node 20 on Linux, no GPU',
      manifestDigest: `sha256:${'a'.repeat(64)}`,
      wandbRun: 'local tracking folder',
      hfRevision: 'none: no checkpoint is published',
    },
    resultsTable: { columns: ['update rule', 'mean test accuracy'], rows: [['adam', 0.97], ['sgd', 0.91]] },
    sampleOutputs: [{ condition: 'adam', output: 'predicted class 1 for a point at the moon tip' }],
    caveats: ['A synthetic two-dimensional task: the gap may not carry over to real data.'],
    artifacts: [{ label: 'metrics', url: 'results/metrics.json' }],
  });
  return { title: 'Adam beats SGD on two-moons test accuracy (MODERATE confidence)', confidence: 'MODERATE', result, deviationsStated: [] };
}

/** A valid planned manifest. */
export const MANIFEST = {
  hypothesis: 'Adam reaches higher accuracy than SGD at equal steps.',
  conditions: [{ name: 'adam' }, { name: 'sgd' }],
  metrics: [{ name: 'accuracy', goal: 'max', primary: true }],
  seeds: [1, 2, 3],
  figures: [{ name: 'accuracy-by-optimizer', description: 'bar chart with seed spread' }],
  success: ['gap > 2 sd'],
  kill: ['NaN loss'],
  gpuHours: 0.1,
  lane: 'full',
  command: 'node train.js',
  outputs: ['results/metrics.json'],
  inputs: [],
} as const;

/** Default output of each role: the happy path. */
export const DEFAULT_OUTPUTS: Record<RoleName, unknown> = {
  clarifier: { questions: [], related: [], summary: 'clear enough' },
  planner: { plan: PLAN_MD, manifest: MANIFEST, related: [] },
  'plan-critic': { findings: [{ severity: 'NIT', text: 'name the dataset size' }] },
  implementer: { done: ['train.js'], notDone: [], howToVerify: ['node train.js'], needsHumanEyes: [] },
  'code-reviewer': { verdict: 'PASS', findings: [] },
  fixer: { fixed: [{ class: 'typo', text: 'fixed a typo' }], summary: 'fixed' },
  tester: { verdict: 'green', failures: [], smoke: { ran: true, uploadsVerified: true, detail: 'one cell' } },
  experimenter: { diagnosis: 'transient', classification: 'infra', action: 'relaunch' },
  'post-experimenter': { checklist: [{ item: 'metrics uploaded', ok: true, detail: '' }] },
  analyzer: {
    title: 'Adam beats SGD on two-moons (MODERATE confidence)',
    confidence: 'MODERATE',
    result: 'accuracy: Adam 0.97 vs SGD 0.91 over 3 seeds. Figure accuracy-by-optimizer.',
    deviationsStated: [],
  },
  'result-critic': { verdict: 'PASS', findings: [] },
  'follow-up-designer': { proposals: [{ title: 'Try AdamW', change: 'optimizer=AdamW', rationale: 'weight decay', gpuHours: 0.1 }] },
};

/** A scripted runner; `script[role]` outputs are used first, in order. */
export class ScriptedRoles implements RoleRunner {
  readonly calls: { role: RoleName; key: string; feedback: string[] }[] = [];
  readonly script: Partial<Record<RoleName, unknown[]>> = {};
  /** Files a role writes into the workspace when it runs (simulating code changes). */
  onRun: ((context: RoleContext) => Promise<void>) | undefined;
  usdPerCall = 0.01;

  queue(role: RoleName, ...outputs: unknown[]): this {
    (this.script[role] ??= []).push(...outputs);
    return this;
  }

  async run(context: RoleContext): Promise<RoleResult> {
    this.calls.push({ role: context.role, key: context.key, feedback: context.feedback });
    await this.onRun?.(context);
    const queued = this.script[context.role];
    const output = queued && queued.length > 0 ? queued.shift() : context.role === 'analyzer' ? cleanResultFor(context) : DEFAULT_OUTPUTS[context.role];
    if (output instanceof Error) throw output;
    return { output: structuredClone(output), usage: { usd: this.usdPerCall, inputTokens: 100, outputTokens: 10 } };
  }
}
