/**
 * The demo's repository: a tiny optimizer study in plain Node (no
 * dependencies, no GPU). `lib/` is the existing code the implementer must
 * reuse; `TRAIN_JS` and `TEST_JS` are what the scripted implementer and tester
 * write. Everything is deterministic: the same seed gives the same numbers on
 * any machine.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';

/** lib/data.js: a seeded generator of the two-moons task. */
export const DATA_JS = `'use strict';
// Seeded pseudo-random numbers (mulberry32): the same seed gives the same stream everywhere.
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

// Two interleaving half circles ("moons"), labels 0 and 1, with Gaussian-like noise.
function makeMoons(n, noise, seed) {
  const rand = mulberry32(seed);
  const gauss = () => (rand() + rand() + rand() + rand() - 2) * 0.8660254;
  const x = [];
  const y = [];
  for (let i = 0; i < n; i++) {
    const label = i % 2;
    const t = Math.PI * rand();
    const px = label === 0 ? Math.cos(t) : 1 - Math.cos(t);
    const py = label === 0 ? Math.sin(t) : 0.5 - Math.sin(t);
    x.push([px + noise * gauss(), py + noise * gauss()]);
    y.push(label);
  }
  return { x, y };
}

// A seeded shuffle, then the first \`fraction\` for training and the rest for testing.
function split(data, fraction, seed) {
  const rand = mulberry32(seed * 7 + 1);
  const order = data.x.map((_, i) => i);
  for (let i = order.length - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    [order[i], order[j]] = [order[j], order[i]];
  }
  const cut = Math.floor(order.length * fraction);
  const pick = (idx) => ({ x: idx.map((i) => data.x[i]), y: idx.map((i) => data.y[i]) });
  return { train: pick(order.slice(0, cut)), test: pick(order.slice(cut)) };
}

module.exports = { mulberry32, makeMoons, split };
`;

/** lib/model.js: a small neural network with full-batch training by SGD or Adam. */
export const MODEL_JS = `'use strict';
const { mulberry32 } = require('./data.js');

// A network with one hidden layer: 2 inputs, \`hidden\` tanh units, 1 sigmoid output.
function createMlp(hidden, seed) {
  const rand = mulberry32(seed * 7919 + 13);
  const init = (fanIn) => (rand() * 2 - 1) / Math.sqrt(fanIn);
  return {
    w1: Array.from({ length: hidden }, () => [init(2), init(2)]),
    b1: Array.from({ length: hidden }, () => 0),
    w2: Array.from({ length: hidden }, () => init(hidden)),
    b2: 0,
  };
}

function forward(net, p) {
  const h = net.w1.map((w, j) => Math.tanh(w[0] * p[0] + w[1] * p[1] + net.b1[j]));
  const z = h.reduce((s, hj, j) => s + hj * net.w2[j], net.b2);
  return { h, out: 1 / (1 + Math.exp(-z)) };
}

// Mean cross-entropy over the data set.
function loss(net, data) {
  let total = 0;
  data.x.forEach((p, i) => {
    const o = Math.min(Math.max(forward(net, p).out, 1e-12), 1 - 1e-12);
    total -= data.y[i] ? Math.log(o) : Math.log(1 - o);
  });
  return total / data.x.length;
}

function accuracy(net, data) {
  let right = 0;
  data.x.forEach((p, i) => {
    if ((forward(net, p).out >= 0.5 ? 1 : 0) === data.y[i]) right += 1;
  });
  return right / data.x.length;
}

// Gradients of the mean cross-entropy, as flat arrays matching params().
function gradients(net, data) {
  const H = net.w2.length;
  const g = { w1: net.w1.map(() => [0, 0]), b1: new Array(H).fill(0), w2: new Array(H).fill(0), b2: 0 };
  data.x.forEach((p, i) => {
    const { h, out } = forward(net, p);
    const dz = out - data.y[i];
    g.b2 += dz;
    for (let j = 0; j < H; j++) {
      g.w2[j] += dz * h[j];
      const dh = dz * net.w2[j] * (1 - h[j] * h[j]);
      g.w1[j][0] += dh * p[0];
      g.w1[j][1] += dh * p[1];
      g.b1[j] += dh;
    }
  });
  const n = data.x.length;
  return [...g.w1.flat(), ...g.b1, ...g.w2, g.b2].map((v) => v / n);
}

function params(net) {
  return [...net.w1.flat(), ...net.b1, ...net.w2, net.b2];
}

function setParams(net, flat) {
  const H = net.w2.length;
  let k = 0;
  for (let j = 0; j < H; j++) net.w1[j] = [flat[k++], flat[k++]];
  for (let j = 0; j < H; j++) net.b1[j] = flat[k++];
  for (let j = 0; j < H; j++) net.w2[j] = flat[k++];
  net.b2 = flat[k++];
}

// Full-batch training: optimizer 'sgd' (plain gradient steps) or 'adam' (moment estimates).
function train(net, data, { optimizer, lr, steps }) {
  let theta = params(net);
  const m = new Array(theta.length).fill(0);
  const v = new Array(theta.length).fill(0);
  for (let t = 1; t <= steps; t++) {
    const g = gradients(net, data);
    if (optimizer === 'adam') {
      theta = theta.map((w, i) => {
        m[i] = 0.9 * m[i] + 0.1 * g[i];
        v[i] = 0.999 * v[i] + 0.001 * g[i] * g[i];
        const mHat = m[i] / (1 - 0.9 ** t);
        const vHat = v[i] / (1 - 0.999 ** t);
        return w - (lr * mHat) / (Math.sqrt(vHat) + 1e-8);
      });
    } else {
      theta = theta.map((w, i) => w - lr * g[i]);
    }
    setParams(net, theta);
  }
  return net;
}

module.exports = { createMlp, forward, loss, accuracy, train };
`;

/** The repository's README. */
export const README_MD = `# Optimizer study

A small research repository. \`lib/data.js\` generates the two-moons task (seeded); \`lib/model.js\` holds a
one-hidden-layer network with full-batch SGD and Adam. Experiments live under \`experiments/<issue>-<slug>/\`
and write their metrics to \`results/metrics.json\` as \`{ "rows": [{ condition, seed, metric, value }] }\`.
`;

/** The experiment the scripted implementer writes (`experimentDir` is e.g. `experiments/1-adam-vs-sgd`). */
export const trainJs = (experimentDir: string): string => {
  const up = experimentDir.split('/').map(() => '..').join('/');
  return `'use strict';
// ${experimentDir}/train.js — Adam vs SGD on two-moons, 3 seeds. Reuses lib/data.js and lib/model.js.
// Usage: node ${experimentDir}/train.js [--smoke]   (--smoke: one seed, few steps, writes results-smoke/)
const fs = require('node:fs');
const path = require('node:path');
const { execFileSync } = require('node:child_process');
const { makeMoons, split } = require('${up}/lib/data.js');
const { createMlp, train, accuracy, loss } = require('${up}/lib/model.js');

const smoke = process.argv.includes('--smoke');
const seeds = smoke ? [1] : [1, 2, 3];
const steps = smoke ? 20 : 300;
const hidden = 16;
const points = 400;
const conditions = { sgd: { optimizer: 'sgd', lr: 0.5 }, adam: { optimizer: 'adam', lr: 0.05 } };
const outDir = smoke ? 'results-smoke' : 'results';
const round4 = (v) => Math.round(v * 1e4) / 1e4;

fs.mkdirSync(outDir, { recursive: true });
const rows = [];
console.log('[phase=train]');
for (const seed of seeds) {
  const { train: trainSet, test } = split(makeMoons(points, 0.3, seed), 0.75, seed);
  for (const [name, config] of Object.entries(conditions)) {
    const net = train(createMlp(hidden, seed), trainSet, { ...config, steps });
    const finalLoss = round4(loss(net, trainSet));
    const testAccuracy = round4(accuracy(net, test));
    console.log(\`seed=\${seed} condition=\${name} final_loss=\${finalLoss} test_accuracy=\${testAccuracy}\`);
    rows.push({ condition: name, seed, metric: 'test_accuracy', value: testAccuracy });
    rows.push({ condition: name, seed, metric: 'final_loss', value: finalLoss });
    if (!smoke) fs.writeFileSync(path.join(outDir, \`model-\${name}-seed\${seed}.json\`), JSON.stringify(net));
  }
}
console.log('[phase=eval]');
const parameters = { steps, hidden_units: hidden, points, sgd_lr: conditions.sgd.lr, adam_lr: conditions.adam.lr };
fs.writeFileSync(path.join(outDir, 'metrics.json'), JSON.stringify({ rows, parameters }, null, 2) + '\\n');

// Log to the tracking service (local mode: a folder standing in for W&B) and tell EPM which run it was.
if (!smoke && process.env.EPM_TRACKING_DIR && process.env.EPM_RUN_ID && process.env.EPM_RUN_DIR) {
  const runId = process.env.EPM_RUN_ID;
  const mean = (c, m) => { const v = rows.filter((r) => r.condition === c && r.metric === m).map((r) => r.value); return round4(v.reduce((a, b) => a + b, 0) / v.length); };
  const summary = {};
  for (const c of Object.keys(conditions)) for (const m of ['test_accuracy', 'final_loss']) summary[\`\${c}/\${m}\`] = mean(c, m);
  summary.test_accuracy = mean('adam', 'test_accuracy');
  summary.final_loss = mean('adam', 'final_loss');
  const commit = execFileSync('git', ['rev-parse', 'HEAD'], { encoding: 'utf8' }).trim();
  const dir = path.join(process.env.EPM_TRACKING_DIR, 'demo', 'optimizers', runId);
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(path.join(dir, 'run.json'), JSON.stringify({ state: 'finished', config: { seeds, ...parameters }, commit, summary, historyKeys: Object.keys(summary), artifacts: [] }, null, 2));
  fs.writeFileSync(path.join(process.env.EPM_RUN_DIR, 'tracking.json'), JSON.stringify({ entity: 'demo', project: 'optimizers', runId }));
}
console.log(\`wrote \${path.join(outDir, 'metrics.json')} with \${rows.length} rows\`);
`;
};

/** The tests the scripted tester writes, from the plan. */
export const testJs = (experimentDir: string): string => {
  const up = experimentDir.split('/').map(() => '..').join('/');
  return `'use strict';
// Tests written from the plan: the data is deterministic per seed, both conditions train, the smoke run writes the metrics contract.
const test = require('node:test');
const assert = require('node:assert');
const fs = require('node:fs');
const { execFileSync } = require('node:child_process');
const { makeMoons, split } = require('${up}/lib/data.js');
const { createMlp, train, accuracy } = require('${up}/lib/model.js');

test('the same seed gives the same data', () => {
  assert.deepStrictEqual(makeMoons(50, 0.2, 3), makeMoons(50, 0.2, 3));
  assert.notDeepStrictEqual(makeMoons(50, 0.2, 3), makeMoons(50, 0.2, 4));
});

test('both optimizers learn something in a few steps', () => {
  const { train: data } = split(makeMoons(200, 0.2, 1), 0.75, 1);
  for (const [optimizer, lr] of [['sgd', 0.5], ['adam', 0.05]]) {
    const net = train(createMlp(8, 1), data, { optimizer, lr, steps: 30 });
    assert.ok(accuracy(net, data) > 0.6, optimizer);
  }
});

test('the smoke run writes the metrics contract', () => {
  execFileSync(process.execPath, ['${experimentDir}/train.js', '--smoke']);
  const { rows } = JSON.parse(fs.readFileSync('results-smoke/metrics.json', 'utf8'));
  assert.strictEqual(rows.length, 4);
  for (const row of rows) assert.deepStrictEqual(Object.keys(row).sort(), ['condition', 'metric', 'seed', 'value']);
});
`;
};

/** Writes the demo repository's files into `dir` (the caller commits them). */
export async function writeDemoRepo(dir: string): Promise<void> {
  const files: Record<string, string> = {
    'README.md': README_MD,
    'package.json': `${JSON.stringify({ name: 'optimizer-study', private: true, type: 'commonjs' }, null, 2)}\n`,
    '.gitignore': 'results/\nresults-smoke/\nnode_modules/\n',
    'lib/data.js': DATA_JS,
    'lib/model.js': MODEL_JS,
  };
  for (const [path, content] of Object.entries(files)) {
    await mkdir(dirname(join(dir, path)), { recursive: true });
    await writeFile(join(dir, path), content);
  }
}
