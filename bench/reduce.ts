/**
 * bench/reduce — reduce an issue holding 1,000 markers and report the time as
 * a ratio to `JSON.parse` of the same bytes, measured in the same process.
 * Target: ≤ 3×. Run with `npm run bench:reduce`.
 */
import { performance } from 'node:perf_hooks';
import { renderMarker } from '../src/domain/markers.js';
import { reduce } from '../src/domain/reduce.js';
import type { TrackerComment, TrackerIssue } from '../src/ports/tracker.js';

const MARKERS = 1000;
const ROUNDS = 101;

/** An issue that went through planning into a long run: lifecycle markers, then progress markers up to 1,000. */
function buildIssue(): TrackerIssue {
  const comments: TrackerComment[] = [];
  const at = '2026-01-01T00:00:00.000Z';
  const add = (kind: string, version: number, payload: Record<string, unknown>) =>
    comments.push({
      id: `c${comments.length + 1}`,
      author: 'epm',
      byEpm: true,
      createdAt: at,
      body: renderMarker({ kind, version, prose: `EPM ${kind}\n\n**status moved**`, payload: { kind, key: `${kind}#${version}`, at, ...payload } }),
    });
  const manifest = {
    hypothesis: 'Adam beats SGD', conditions: [{ name: 'adam' }, { name: 'sgd' }], metrics: [{ name: 'accuracy' }], seeds: [1, 2, 3],
    figures: [{ name: 'acc', description: 'bars' }], success: ['gap'], kill: ['nan'], gpuHours: 1000, lane: 'full', command: 'node train.js', outputs: [], inputs: [],
  };
  const sections = ['Goal', 'Hypothesis', 'Possible outcomes', 'Why run it', 'Method', 'Conditions', 'Metrics', 'Seeds', 'Success and kill criteria', 'GPU-hour estimate', 'Lane', 'Related issues'];
  const plan = sections.map((s) => `## ${s}\n${s} text.\n`).join('\n');
  add('auto-defaults', 1, { type: 'experiment', lane: 'full', applied: [] });
  add('clarify', 1, { output: { questions: [], related: [], summary: '' } });
  add('plan', 1, { version: 'a'.repeat(40), path: 'experiments/1-x/plan.md', output: { plan, manifest, related: [] } });
  add('plan-critique', 1, { output: { findings: [] } });
  add('approval', 1, { stage: 'plan', version: 'a'.repeat(40), actor: 'lead', source: 'c0', key: 'human:c0' });
  add('implementation', 1, { sha: 'b'.repeat(40), output: { done: ['x'], notDone: [], howToVerify: ['y'], needsHumanEyes: [] }, checks: [] });
  add('code-review', 1, { output: { verdict: 'PASS', findings: [] } });
  add('test-verdict', 1, { output: { verdict: 'green', failures: [], smoke: { ran: true, uploadsVerified: true, detail: '' } } });
  add('launch', 1, { k: 1, runId: '1-1', sha: 'b'.repeat(40), tag: 'epm/run/1/1', logPath: '/runs/1-1/run.log', startedAt: at, command: 'node train.js' });
  for (let v = 1; comments.length < MARKERS; v++) {
    add('progress', v, { k: 1, wake: true, usedGpuHours: v / 100, projectedGpuHours: v / 50, observation: { state: 'running', phase: 'train', findings: [], heartbeatAgeMs: 1200 } });
  }
  return { number: 1, title: 'Adam vs SGD', body: 'b', author: 'lead', labels: ['status:running', 'type:experiment', 'lane:full'], comments, open: true, createdAt: at };
}

const issue = buildIssue();
const bytes = JSON.stringify(issue);
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const time = (fn: () => unknown) => {
  const start = performance.now();
  fn();
  return performance.now() - start;
};

// Warm up both paths so neither pays for JIT compilation in the measured rounds.
for (let i = 0; i < 30; i++) {
  JSON.parse(bytes);
  reduce(issue);
}
const parseTimes: number[] = [];
const reduceTimes: number[] = [];
for (let i = 0; i < ROUNDS; i++) {
  parseTimes.push(time(() => JSON.parse(bytes)));
  reduceTimes.push(time(() => reduce(issue)));
}
const state = reduce(issue);
if (state.timeline.length !== MARKERS || state.status !== 'running') {
  throw new Error(`bench issue did not reduce as expected: ${state.timeline.length} markers applied, status ${state.status}, problems: ${state.problems.slice(0, 3).join('; ')}`);
}
const ratio = median(reduceTimes) / median(parseTimes);
console.log(`bench/reduce: ${MARKERS} markers, ${(bytes.length / 1024).toFixed(0)} KiB`);
console.log(`  JSON.parse of the same bytes  ${median(parseTimes).toFixed(2)} ms (median of ${ROUNDS})`);
console.log(`  reduce                        ${median(reduceTimes).toFixed(2)} ms (median of ${ROUNDS})`);
console.log(`  ratio reduce / JSON.parse     ${ratio.toFixed(2)}×   (target ≤ 3×) ${ratio <= 3 ? 'MET' : 'NOT MET'}`);
