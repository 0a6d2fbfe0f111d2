/**
 * The demo's repository: a small optimizer study in plain Node (no
 * dependencies, no GPU). `writeDemoRepo` writes its initial files — README,
 * package.json, .gitignore and the existing code under `lib/` that every
 * experiment must reuse (a seeded two-moons generator and a one-hidden-layer
 * network). `trainJs` and `trainTestJs` are the files the scripted
 * implementer and tester write into an experiment folder. Everything is
 * deterministic: no Math.random, no clock, so the same seed gives the same
 * numbers on any machine.
 *
 * The JavaScript below is kept free of backticks and `${`, and is written
 * with String.raw, so it reads exactly as the files on disk.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { badInput } from '../domain/errors.js';

/** The repository's README: what the study is and what lives where. */
export const README_MD = String.raw`# Optimizer study

A small research repository on how the choice of optimizer (the rule that turns a
network's errors into changes of its weights) affects small classifiers. Plain
Node.js: no dependencies, no GPU; every run is seeded and deterministic.

## What lives where

- lib/data.js: the data. mulberry32(seed) gives seeded random numbers;
  makeMoons(n, noise, seed) draws the two-moons task (two interleaving half
  circles, labels 0 and 1, Gaussian noise); trainTestSplit(data, testFraction,
  seed) shuffles with a seed and splits off a test set.
- lib/model.js: the model. createMlp(hidden, seed) is a network with 2 inputs,
  one layer of hidden tanh units and one sigmoid output, its initial weights
  drawn from the seed; lossAndGradient(model, data) gives the mean
  cross-entropy and its gradient over a data set (as one flat array matching
  model.params); evaluate(model, data) gives loss and accuracy;
  predict(model, point) gives the probability of label 1.
- experiments/<issue>-<slug>/: one folder per experiment, holding its plan.md,
  the code it adds and its clean-result.md.
- results/: what a run writes (not committed). Metrics go to
  results/metrics.json as {"rows": [{"condition", "seed", "metric", "value"}],
  "parameters": {...}}: EPM renders figures from it and traces every number
  of a clean result to it.

## Conventions

- Reuse lib/: an experiment adds only what it tests.
- Seeds are explicit; nothing reads Math.random or the clock.
- A run prints [phase=<name>] lines (train, eval, upload) so its monitor can follow it.
`;

/** package.json: a private CommonJS package with no dependencies. */
export const PACKAGE_JSON = `${JSON.stringify({ name: 'optimizer-study', private: true, type: 'commonjs' }, null, 2)}\n`;

/**
 * .gitignore: run outputs stay out of commits. `results-smoke/` (where the
 * smoke run writes) is ignored too, so a tester's smoke run never makes the
 * tree dirty or lands in the tests commit.
 */
export const GITIGNORE = 'results/\nresults-smoke/\nnode_modules/\n';

/** lib/data.js: seeded random numbers, the two-moons task and a seeded train/test split. */
export const DATA_JS = String.raw`'use strict';
// The two-moons task, seeded: the same seed gives the same points on any machine.

// Seeded pseudo-random numbers in [0, 1) (mulberry32).
function mulberry32(seed) {
  let a = seed >>> 0;
  return function next() {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

// One draw of a standard normal variable from a uniform generator (Box-Muller).
function gaussian(rand) {
  let u = 0;
  while (u === 0) u = rand();
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * rand());
}

// n points on two interleaving half circles: label 0 on the upper one, label 1
// on the lower one, each coordinate moved by Gaussian noise of the given size.
function makeMoons(n, noise, seed) {
  if (!Number.isInteger(n) || n < 2) throw new Error('makeMoons: n must be an integer of at least 2, got ' + n);
  const rand = mulberry32(seed);
  const upper = Math.ceil(n / 2);
  const lower = n - upper;
  const x = [];
  const y = [];
  for (let i = 0; i < upper; i++) {
    const t = (Math.PI * i) / Math.max(upper - 1, 1);
    x.push([Math.cos(t), Math.sin(t)]);
    y.push(0);
  }
  for (let i = 0; i < lower; i++) {
    const t = (Math.PI * i) / Math.max(lower - 1, 1);
    x.push([1 - Math.cos(t), 0.5 - Math.sin(t)]);
    y.push(1);
  }
  for (const point of x) {
    point[0] += noise * gaussian(rand);
    point[1] += noise * gaussian(rand);
  }
  return { x, y };
}

// A seeded shuffle, then the first testFraction of the points for testing and the rest for training.
function trainTestSplit(data, testFraction, seed) {
  const rand = mulberry32((seed ^ 0x9e3779b9) >>> 0);
  const order = data.x.map((_, i) => i);
  for (let i = order.length - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    const kept = order[i];
    order[i] = order[j];
    order[j] = kept;
  }
  const testSize = Math.round(order.length * testFraction);
  const pick = (indices) => ({ x: indices.map((i) => data.x[i]), y: indices.map((i) => data.y[i]) });
  return { train: pick(order.slice(testSize)), test: pick(order.slice(0, testSize)) };
}

module.exports = { mulberry32, gaussian, makeMoons, trainTestSplit };
`;

/** lib/model.js: a network with one hidden layer, its loss, gradient and evaluation. */
export const MODEL_JS = String.raw`'use strict';
// A network with one hidden layer: 2 inputs, hidden tanh units, 1 sigmoid output.
// Its weights are one flat Float64Array, model.params:
//   [w1 (hidden x 2, row by row), b1 (hidden), w2 (hidden), b2 (1)].
const { mulberry32 } = require('./data.js');

// A network whose initial weights are drawn from the seed (uniform, scaled by 1/sqrt(fan-in)); biases start at 0.
function createMlp(hidden, seed) {
  if (!Number.isInteger(hidden) || hidden < 1) throw new Error('createMlp: hidden must be a positive integer, got ' + hidden);
  const rand = mulberry32(seed * 7919 + 17);
  const params = new Float64Array(4 * hidden + 1);
  for (let k = 0; k < 2 * hidden; k++) params[k] = (rand() * 2 - 1) * Math.sqrt(3 / 2);
  for (let j = 0; j < hidden; j++) params[3 * hidden + j] = (rand() * 2 - 1) * Math.sqrt(3 / hidden);
  return { hidden, params };
}

// The probability of label 1 for one point; fills h with the hidden activations when given.
function forward(model, point, h) {
  const { hidden, params } = model;
  let z = params[4 * hidden];
  for (let j = 0; j < hidden; j++) {
    const a = Math.tanh(params[2 * j] * point[0] + params[2 * j + 1] * point[1] + params[2 * hidden + j]);
    if (h) h[j] = a;
    z += params[3 * hidden + j] * a;
  }
  return 1 / (1 + Math.exp(-z));
}

function predict(model, point) {
  return forward(model, point);
}

const clamp = (p) => Math.min(Math.max(p, 1e-12), 1 - 1e-12);

// Mean cross-entropy over the data set and its gradient (a Float64Array laid out like model.params).
function lossAndGradient(model, data) {
  const { hidden, params } = model;
  const grad = new Float64Array(params.length);
  const h = new Float64Array(hidden);
  const n = data.x.length;
  let loss = 0;
  for (let i = 0; i < n; i++) {
    const point = data.x[i];
    const out = forward(model, point, h);
    loss -= data.y[i] === 1 ? Math.log(clamp(out)) : Math.log(1 - clamp(out));
    const dz = out - data.y[i];
    grad[4 * hidden] += dz;
    for (let j = 0; j < hidden; j++) {
      grad[3 * hidden + j] += dz * h[j];
      const da = dz * params[3 * hidden + j] * (1 - h[j] * h[j]);
      grad[2 * j] += da * point[0];
      grad[2 * j + 1] += da * point[1];
      grad[2 * hidden + j] += da;
    }
  }
  for (let k = 0; k < grad.length; k++) grad[k] /= n;
  return { loss: loss / n, grad };
}

// Mean cross-entropy and accuracy (share of points whose predicted label, p >= 0.5, is right).
function evaluate(model, data) {
  let loss = 0;
  let correct = 0;
  for (let i = 0; i < data.x.length; i++) {
    const out = forward(model, data.x[i]);
    loss -= data.y[i] === 1 ? Math.log(clamp(out)) : Math.log(1 - clamp(out));
    if ((out >= 0.5 ? 1 : 0) === data.y[i]) correct += 1;
  }
  return { loss: loss / data.x.length, accuracy: correct / data.x.length };
}

module.exports = { createMlp, predict, lossAndGradient, evaluate };
`;

/** The demo repository's initial files, by path relative to its root. */
export const DEMO_REPO_FILES: Readonly<Record<string, string>> = {
  'README.md': README_MD,
  'package.json': PACKAGE_JSON,
  '.gitignore': GITIGNORE,
  'lib/data.js': DATA_JS,
  'lib/model.js': MODEL_JS,
};

/** Writes the demo repository's initial files into `dir` (created if needed); the caller commits them. */
export async function writeDemoRepo(dir: string): Promise<void> {
  for (const [path, content] of Object.entries(DEMO_REPO_FILES)) {
    await mkdir(dirname(join(dir, path)), { recursive: true });
    await writeFile(join(dir, path), content, 'utf8');
  }
}

/** The experiment's fixed settings: what plan.md pre-registers and train.js runs. */
export const DEMO_SETTINGS = {
  /** Points drawn per seed. */
  points: 400,
  /** Size of the Gaussian noise on each coordinate. */
  noise: 0.2,
  /** Share of the points held out for testing. */
  testFraction: 0.25,
  /** Hidden tanh units. */
  hidden: 16,
  /** Full-batch steps of the full run. */
  steps: 500,
  /** Full-batch steps of the smoke run. */
  smokeSteps: 20,
  /** Learning rate of each condition. */
  learningRates: { sgd: 0.1, adam: 0.01 },
  /** Seeds of the full run. */
  seeds: [1, 2, 3],
} as const;

/** A path from `experimentDir` back to the repository root (`experiments/1-x` → `../..`); refuses anything but a plain relative folder. */
function upToRoot(experimentDir: string): string {
  const parts = experimentDir.replace(/\/+$/, '').split('/');
  if (experimentDir.startsWith('/') || parts.some((p) => p === '' || p === '.' || p === '..' || !/^[A-Za-z0-9._-]+$/.test(p))) {
    throw badInput(`"${experimentDir}" is not a relative experiment folder`, { hint: 'pass the folder relative to the repository root, e.g. experiments/1-adam-vs-sgd' });
  }
  return parts.map(() => '..').join('/');
}

/**
 * The experiment the scripted implementer writes at `<experimentDir>/train.js`:
 * SGD and Adam on two-moons over the given seeds, reusing lib/ for data, model,
 * loss, gradient and evaluation and adding only the two optimizers. It prints
 * `[phase=…]` lines and per-step losses, writes the metrics contract
 * (`results/metrics.json`), one weights file per condition and seed and a few
 * sample predictions, and logs to local tracking (`$EPM_TRACKING_DIR`) with
 * the run id EPM passes (`$EPM_RUN_ID`, reported in `$EPM_RUN_DIR/tracking.json`).
 * `--smoke` runs seed 1 for a few steps into `results-smoke/`, logging its
 * tracking record there when no tracking folder is given.
 */
export function trainJs(experimentDir: string, seeds: readonly number[] = DEMO_SETTINGS.seeds): string {
  const up = upToRoot(experimentDir);
  if (seeds.length === 0 || !seeds.every((s) => Number.isSafeInteger(s))) {
    throw badInput(`seeds must be a non-empty list of integers, got ${JSON.stringify(seeds)}`, { hint: 'use the manifest\'s seeds, e.g. [1, 2, 3]' });
  }
  const s = DEMO_SETTINGS;
  const dir = experimentDir.replace(/\/+$/, '');
  return String.raw`'use strict';
// ${dir}/train.js: Adam versus SGD on the two-moons task (the plan is ${dir}/plan.md).
// Reuses lib/data.js (data and split) and lib/model.js (network, loss, gradient, evaluation);
// adds only what the experiment tests: the two optimizers.
//
// Usage, from the repository root:
//   node ${dir}/train.js           sgd and adam x seeds ${seeds.join(', ')}, ${s.steps} full-batch steps -> results/
//   node ${dir}/train.js --smoke   the same run with one seed (${seeds[0]}) and ${s.smokeSteps} steps -> results-smoke/
const fs = require('node:fs');
const path = require('node:path');
const { execFileSync } = require('node:child_process');
const { makeMoons, trainTestSplit } = require('${up}/lib/data.js');
const { createMlp, lossAndGradient, evaluate, predict } = require('${up}/lib/model.js');

const smoke = process.argv.includes('--smoke');
const SEEDS = smoke ? [${seeds[0]}] : [${seeds.join(', ')}];
const STEPS = smoke ? ${s.smokeSteps} : ${s.steps};
const POINTS = ${s.points};
const NOISE = ${s.noise};
const TEST_FRACTION = ${s.testFraction};
const HIDDEN = ${s.hidden};
const LEARNING_RATES = { sgd: ${s.learningRates.sgd}, adam: ${s.learningRates.adam} };
const OUT_DIR = smoke ? 'results-smoke' : 'results';
const REPORT_EVERY = smoke ? 10 : 100;

// Plain gradient descent: each weight moves against its gradient by the learning rate.
function sgdStep(params, grad, state, lr) {
  for (let k = 0; k < params.length; k++) params[k] -= lr * grad[k];
}

// Adam (Kingma and Ba, 2015): running averages of the gradient and of its square, bias-corrected,
// give every weight its own step size. Defaults beta1 0.9, beta2 0.999, epsilon 1e-8.
function adamStep(params, grad, state, lr) {
  state.t += 1;
  const c1 = 1 - Math.pow(0.9, state.t);
  const c2 = 1 - Math.pow(0.999, state.t);
  for (let k = 0; k < params.length; k++) {
    state.m[k] = 0.9 * state.m[k] + 0.1 * grad[k];
    state.v[k] = 0.999 * state.v[k] + 0.001 * grad[k] * grad[k];
    params[k] -= (lr * (state.m[k] / c1)) / (Math.sqrt(state.v[k] / c2) + 1e-8);
  }
}

const OPTIMIZERS = { sgd: sgdStep, adam: adamStep };
const round = (value, decimals) => Math.round(value * Math.pow(10, decimals)) / Math.pow(10, decimals);

function trainOne(condition, seed, train) {
  const model = createMlp(HIDDEN, seed);
  const state = { t: 0, m: new Float64Array(model.params.length), v: new Float64Array(model.params.length) };
  let loss = NaN;
  for (let step = 1; step <= STEPS; step++) {
    const result = lossAndGradient(model, train);
    loss = result.loss;
    if (!Number.isFinite(loss)) throw new Error('seed=' + seed + ' condition=' + condition + ': the loss is not finite at step ' + step);
    OPTIMIZERS[condition](model.params, result.grad, state, LEARNING_RATES[condition]);
    if (step % REPORT_EVERY === 0 || step === 1) console.log('seed=' + seed + ' condition=' + condition + ' step=' + step + ' loss=' + loss.toFixed(4));
  }
  return model;
}

fs.mkdirSync(OUT_DIR, { recursive: true });
const rows = [];
const samples = {};
console.log('[phase=train]');
for (const seed of SEEDS) {
  const { train, test } = trainTestSplit(makeMoons(POINTS, NOISE, seed), TEST_FRACTION, seed);
  for (const condition of Object.keys(OPTIMIZERS)) {
    const model = trainOne(condition, seed, train);
    const finalLoss = round(evaluate(model, train).loss, 4);
    const testAccuracy = round(evaluate(model, test).accuracy, 4);
    console.log('seed=' + seed + ' condition=' + condition + ' final_loss=' + finalLoss + ' test_accuracy=' + testAccuracy);
    rows.push({ condition, seed, metric: 'test_accuracy', value: testAccuracy });
    rows.push({ condition, seed, metric: 'final_loss', value: finalLoss });
    const weights = { condition, seed, hidden: HIDDEN, steps: STEPS, learningRate: LEARNING_RATES[condition], params: Array.from(model.params) };
    fs.writeFileSync(path.join(OUT_DIR, 'model-' + condition + '-seed' + seed + '.json'), JSON.stringify(weights) + '\n');
    if (seed === SEEDS[0]) {
      samples[condition] = test.x.slice(0, 5).map((point, i) => ({ point: point.map((v) => round(v, 3)), label: test.y[i], p: round(predict(model, point), 3) }));
    }
  }
}

console.log('[phase=eval]');
const trainPoints = POINTS - Math.round(POINTS * TEST_FRACTION);
const parameters = {
  steps: STEPS,
  hidden_units: HIDDEN,
  points: POINTS,
  train_points: trainPoints,
  test_points: POINTS - trainPoints,
  noise: NOISE,
  learning_rate: LEARNING_RATES,
};
fs.writeFileSync(path.join(OUT_DIR, 'metrics.json'), JSON.stringify({ rows, parameters }, null, 2) + '\n');
fs.writeFileSync(path.join(OUT_DIR, 'samples.json'), JSON.stringify({ seed: SEEDS[0], samples }, null, 2) + '\n');
console.log('wrote ' + OUT_DIR + '/metrics.json (' + rows.length + ' rows), ' + OUT_DIR + '/samples.json and ' + (rows.length / 2) + ' weight files');

// Log to tracking. Local mode: a folder standing in for W&B, $EPM_TRACKING_DIR/<entity>/<project>/<run id>/run.json.
console.log('[phase=upload]');
const trackingDir = process.env.EPM_TRACKING_DIR || (smoke ? path.join(OUT_DIR, 'tracking') : '');
const runId = process.env.EPM_RUN_ID || (smoke ? 'smoke' : '');
if (!trackingDir || !runId) {
  console.log('tracking: EPM_TRACKING_DIR and EPM_RUN_ID are not set; nothing logged');
} else {
  let commit = null;
  try {
    commit = execFileSync('git', ['rev-parse', 'HEAD'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  } catch {
    console.log('tracking: not in a git checkout; the run records no commit');
  }
  const summary = {};
  for (const row of rows) {
    const key = row.condition + '/' + row.metric;
    summary[key] = (summary[key] || 0) + row.value / SEEDS.length;
  }
  for (const key of Object.keys(summary)) summary[key] = round(summary[key], 4);
  const record = {
    state: 'finished',
    config: { steps: STEPS, lrs: LEARNING_RATES, seeds: SEEDS, hidden_units: HIDDEN, points: POINTS, noise: NOISE },
    commit,
    summary,
    historyKeys: ['condition', 'seed', 'test_accuracy', 'final_loss'],
    history: rows,
    artifacts: [],
  };
  const runDir = path.join(trackingDir, 'demo', 'optimizers', runId);
  fs.mkdirSync(runDir, { recursive: true });
  fs.writeFileSync(path.join(runDir, 'run.json'), JSON.stringify(record, null, 2) + '\n');
  if (process.env.EPM_RUN_DIR) {
    fs.writeFileSync(path.join(process.env.EPM_RUN_DIR, 'tracking.json'), JSON.stringify({ entity: 'demo', project: 'optimizers', runId }) + '\n');
  }
  console.log('tracking: logged run ' + runId + ' to demo/optimizers');
}
`;
}

/**
 * The tests the scripted tester writes at `<experimentDir>/train.test.js`,
 * derived from the plan: the data is the planned task and is seeded, seeds
 * change the initial network, and the smoke run exits cleanly, prints its
 * phases, writes the metrics contract with both pre-registered metrics for
 * both conditions, logs its tracking record with the checkout's commit, and
 * gives the same numbers twice. Run with `node --test`.
 */
export function trainTestJs(experimentDir: string, seeds: readonly number[] = DEMO_SETTINGS.seeds): string {
  const up = upToRoot(experimentDir);
  const first = seeds[0] ?? 1;
  const dir = experimentDir.replace(/\/+$/, '');
  const s = DEMO_SETTINGS;
  return String.raw`'use strict';
// ${dir}/train.test.js: tests written from the plan (${dir}/plan.md), not from the implementation.
// Run from the repository root: node --test ${dir}/train.test.js
const test = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');
const { execFileSync } = require('node:child_process');
const { makeMoons, trainTestSplit } = require('${up}/lib/data.js');
const { createMlp } = require('${up}/lib/model.js');

const ROOT = path.resolve(__dirname, '${up}');
const TRAIN = path.join(__dirname, 'train.js');
const smokeRun = () => execFileSync(process.execPath, [TRAIN, '--smoke'], { cwd: ROOT, encoding: 'utf8' });
const readJson = (file) => JSON.parse(fs.readFileSync(path.join(ROOT, file), 'utf8'));

test('the data is the planned task: ${s.points} points, balanced labels, a ${s.points * (1 - s.testFraction)}/${s.points * s.testFraction} split, fixed by the seed', () => {
  const data = makeMoons(${s.points}, ${s.noise}, 1);
  assert.equal(data.x.length, ${s.points});
  assert.equal(data.y.filter((label) => label === 1).length, ${s.points / 2});
  const { train, test: held } = trainTestSplit(data, ${s.testFraction}, 1);
  assert.equal(train.x.length, ${s.points * (1 - s.testFraction)});
  assert.equal(held.x.length, ${s.points * s.testFraction});
  assert.deepEqual(makeMoons(${s.points}, ${s.noise}, 2), makeMoons(${s.points}, ${s.noise}, 2));
  assert.notDeepEqual(makeMoons(${s.points}, ${s.noise}, 2), makeMoons(${s.points}, ${s.noise}, 3));
});

test('the seed fixes the initial network', () => {
  assert.deepEqual(createMlp(${s.hidden}, 1).params, createMlp(${s.hidden}, 1).params);
  assert.notDeepEqual(createMlp(${s.hidden}, 1).params, createMlp(${s.hidden}, 2).params);
});

test('the smoke run prints its phases and writes the metrics contract with both metrics for both conditions', () => {
  const output = smokeRun();
  for (const phase of ['train', 'eval', 'upload']) assert.match(output, new RegExp('\\[phase=' + phase + '\\]'));
  const { rows, parameters } = readJson('results-smoke/metrics.json');
  assert.equal(rows.length, 4);
  for (const condition of ['sgd', 'adam']) {
    for (const metric of ['test_accuracy', 'final_loss']) {
      const row = rows.find((r) => r.condition === condition && r.metric === metric);
      assert.ok(row, condition + ' ' + metric + ' is logged');
      assert.equal(row.seed, ${first});
      assert.ok(Number.isFinite(row.value), condition + ' ' + metric + ' is a number');
    }
  }
  for (const row of rows.filter((r) => r.metric === 'test_accuracy')) assert.ok(row.value >= 0 && row.value <= 1);
  assert.equal(parameters.learning_rate.sgd, ${s.learningRates.sgd});
  assert.equal(parameters.learning_rate.adam, ${s.learningRates.adam});
  for (const condition of ['sgd', 'adam']) assert.ok(fs.existsSync(path.join(ROOT, 'results-smoke', 'model-' + condition + '-seed${first}.json')));
});

test('the smoke run logs its tracking record with the commit and both metrics', () => {
  smokeRun();
  const record = readJson('results-smoke/tracking/demo/optimizers/smoke/run.json');
  assert.equal(record.state, 'finished');
  assert.equal(record.commit, execFileSync('git', ['rev-parse', 'HEAD'], { cwd: ROOT, encoding: 'utf8' }).trim());
  for (const metric of ['test_accuracy', 'final_loss']) assert.ok(record.historyKeys.includes(metric), metric + ' is logged');
  assert.deepEqual(record.config.seeds, [${first}]);
});

test('the same seed gives the same numbers', () => {
  smokeRun();
  const before = fs.readFileSync(path.join(ROOT, 'results-smoke/metrics.json'), 'utf8');
  smokeRun();
  assert.equal(fs.readFileSync(path.join(ROOT, 'results-smoke/metrics.json'), 'utf8'), before);
});
`;
}
