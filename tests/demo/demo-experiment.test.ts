/**
 * The demo's experiment on its own: the repository files plus the train.js and
 * train.test.js the scripted roles write, run with node. It must be quick,
 * deterministic, follow the metrics contract, and tell the optimizers apart.
 */
import { execFileSync } from 'node:child_process';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { testJs, trainJs, writeDemoRepo } from '../../src/demo/demo-repo.js';

const DIR = 'experiments/1-adam-vs-sgd';

describe('the demo experiment', () => {
  let repo: string;
  beforeAll(async () => {
    repo = await mkdtemp(join(tmpdir(), 'epm-demo-experiment-'));
    await writeDemoRepo(repo);
    await mkdir(join(repo, DIR), { recursive: true });
    await writeFile(join(repo, DIR, 'train.js'), trainJs(DIR));
    await writeFile(join(repo, DIR, 'train.test.js'), testJs(DIR));
  });
  afterAll(async () => {
    await rm(repo, { recursive: true, force: true });
  });
  const run = (...args: string[]) => execFileSync(process.execPath, args, { cwd: repo, encoding: 'utf8', env: { PATH: process.env['PATH'] ?? '' } });

  it('writes the metrics contract: 2 conditions × 3 seeds × 2 metrics, with its parameters', async () => {
    const log = run(`${DIR}/train.js`);
    expect(log).toContain('[phase=train]');
    expect(log).toContain('[phase=eval]');
    const metrics = JSON.parse(await readFile(join(repo, 'results', 'metrics.json'), 'utf8'));
    expect(metrics.rows).toHaveLength(12);
    expect(new Set(metrics.rows.map((r: { condition: string }) => r.condition))).toEqual(new Set(['adam', 'sgd']));
    expect(metrics.parameters).toMatchObject({ steps: 300, sgd_lr: 0.5, adam_lr: 0.05 });
    const mean = (c: string) => {
      const v = metrics.rows.filter((r: { condition: string; metric: string }) => r.condition === c && r.metric === 'test_accuracy').map((r: { value: number }) => r.value);
      return v.reduce((a: number, b: number) => a + b, 0) / v.length;
    };
    expect(mean('adam')).not.toBeCloseTo(mean('sgd'), 2);
  });

  it('is deterministic: a second run writes the same bytes', async () => {
    const first = await readFile(join(repo, 'results', 'metrics.json'), 'utf8');
    run(`${DIR}/train.js`);
    expect(await readFile(join(repo, 'results', 'metrics.json'), 'utf8')).toBe(first);
  });

  it('has a smoke mode and tests that pass', () => {
    expect(run(`${DIR}/train.js`, '--smoke')).toContain('wrote results-smoke/metrics.json with 4 rows');
    expect(() => run('--test', '--test-reporter=dot', `${DIR}/train.test.js`)).not.toThrow();
  });
});
