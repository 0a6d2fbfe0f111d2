import {
  allPass, citedUrls, renderVerificationTable, verifyHubRepo, verifyLinks, verifyNothingLeft, verifyOutputs, verifyTrackedRun, type ExpectedTrackedRun,
} from '../../src/domain/upload-verification.js';
import type { TrackedRun } from '../../src/ports/experiment-tracking.js';

const A = 'a'.repeat(64);
const B = 'b'.repeat(64);
const COMMIT = '1'.repeat(40);
const OTHER = '2'.repeat(40);

const expectedRun: ExpectedTrackedRun = {
  ref: { entity: 'lab', project: 'optim', runId: 'r1' },
  commit: COMMIT,
  config: { seeds: [1, 2, 3], lr: 0.01 },
  metrics: ['accuracy'],
  artifacts: [{ name: 'metrics:v0', digest: 'd1' }],
};
const run = (overrides: Partial<TrackedRun> = {}): TrackedRun => ({
  ref: expectedRun.ref, url: 'https://wandb.example/lab/optim/runs/r1', state: 'finished',
  config: { seeds: [1, 2, 3], lr: 0.01, extra: true }, commit: COMMIT, summary: { accuracy: 0.97 }, historyKeys: ['loss', 'accuracy'],
  artifacts: [{ name: 'metrics:v0', type: 'metrics', digest: 'd1', files: [] }], ...overrides,
});

describe('upload verification', () => {
  it('passes when everything matches', () => {
    const rows = [
      ...verifyOutputs(['results/'], [{ name: 'results/metrics.json', sha256: A }], new Map([['results/metrics.json', A]])),
      ...verifyTrackedRun(expectedRun, run()),
      ...verifyHubRepo({ repo: 'lab/adapter', revision: COMMIT, files: [{ path: 'adapter.safetensors', sha256: B, size: 10 }] }, [{ path: 'adapter.safetensors', size: 10, lfsSha256: B, gitOid: 'x' }]),
      ...verifyLinks([{ url: 'https://wandb.example/x', ok: true, status: 200 }]),
      ...verifyNothingLeft([]),
    ];
    expect(rows.every((r) => r.verdict === 'PASS')).toBe(true);
    expect(allPass(rows)).toBe(true);
  });

  it.each([
    ['a missing declared artifact', () => verifyOutputs(['results/metrics.json'], [], new Map()), 'results/metrics.json', /not among the manifest subjects/],
    ['a file deleted after the manifest', () => verifyOutputs(['results/metrics.json'], [{ name: 'results/metrics.json', sha256: A }], new Map()), 'results/metrics.json', /missing on disk/],
    ['a digest mismatch', () => verifyOutputs(['results/metrics.json'], [{ name: 'results/metrics.json', sha256: A }], new Map([['results/metrics.json', B]])), 'results/metrics.json', /digest mismatch: manifest aaaaaaaaaaaa…, on disk bbbbbbbbbbbb…/],
    ['a phantom URL', () => verifyLinks([{ url: 'https://wandb.example/nope', ok: false, status: 404, error: 'answers 404' }]), 'https://wandb.example/nope', /answers 404/],
    ['a W&B run that does not exist', () => verifyTrackedRun(expectedRun, undefined), 'wandb:lab/optim/r1', /does not exist on W&B/],
    ['a W&B run from another commit', () => verifyTrackedRun(expectedRun, run({ commit: OTHER })), 'wandb:lab/optim/r1', /from commit 222222222222, not the manifest's 111111111111/],
    ['a W&B run with other config', () => verifyTrackedRun(expectedRun, run({ config: { seeds: [1], lr: 0.01 } })), 'wandb:lab/optim/r1', /config\.seeds is \[1\], expected \[1,2,3\]/],
    ['a pre-registered metric never logged', () => verifyTrackedRun(expectedRun, run({ summary: {}, historyKeys: ['loss'] })), 'wandb:lab/optim/r1#accuracy', /never logged/],
    ['a W&B artifact with another digest', () => verifyTrackedRun(expectedRun, run({ artifacts: [{ name: 'metrics:v0', type: 'm', digest: 'zz', files: [] }] })), 'wandb:lab/optim/r1@metrics:v0', /digest zz differs/],
    ['an HF repo at the wrong revision', () => verifyHubRepo({ repo: 'lab/adapter', revision: COMMIT, files: [] }, undefined), 'hf:lab/adapter@111111111111', /repository or the recorded revision does not exist/],
    ['an HF file with another sha256', () => verifyHubRepo({ repo: 'lab/adapter', revision: COMMIT, files: [{ path: 'a.bin', sha256: A, size: 1 }] }, [{ path: 'a.bin', size: 1, lfsSha256: B, gitOid: 'x' }]), 'hf:lab/adapter@111111111111/a.bin', /sha256 bbbbbbbbbbbb… differs/],
    ['an HF file missing at the revision', () => verifyHubRepo({ repo: 'lab/adapter', revision: COMMIT, files: [{ path: 'a.bin', sha256: A, size: 1 }] }, []), 'hf:lab/adapter@111111111111/a.bin', /not in the repository at this revision/],
    ['an output left on the compute', () => verifyNothingLeft(['checkpoints/final.pt']), 'checkpoints/final.pt', /left on the compute/],
  ])('%s is a FAIL naming the artifact and the reason', (_what, check, artifact, reason) => {
    const failed = check().filter((r) => r.verdict === 'FAIL');
    expect(failed).toHaveLength(1);
    expect(failed[0]!.artifact).toBe(artifact);
    expect(failed[0]!.reason).toMatch(reason);
  });

  it('an empty table is not a pass', () => {
    expect(allPass([])).toBe(false);
  });

  it('renders a table that names every failure', () => {
    const table = renderVerificationTable([...verifyLinks([{ url: 'https://x.example/a|b', ok: false, error: 'DNS failure' }]), ...verifyNothingLeft([])]);
    expect(table).toContain('**Upload verification: FAIL** (1 passed, 1 failed)');
    expect(table).toContain('| `https://x.example/a\\|b` | url | **FAIL** | DNS failure |');
  });

  it('finds cited URLs in prose and JSON', () => {
    expect(citedUrls('See https://wandb.example/lab/optim/runs/r1. And ("https://hub.example/lab/m/tree/abc")')).toEqual([
      'https://hub.example/lab/m/tree/abc',
      'https://wandb.example/lab/optim/runs/r1',
    ]);
  });
});

describe('small files stored in git by the hub', () => {
  const C = '3'.repeat(40);
  it('pass on a matching git blob id and fail naming both on a different one', () => {
    const expected = { repo: 'lab/adapter', revision: COMMIT, files: [{ path: 'config.json', sha256: A, size: 2, gitOid: C }] };
    expect(verifyHubRepo(expected, [{ path: 'config.json', size: 2, gitOid: C }]).at(-1)).toMatchObject({ verdict: 'PASS', reason: 'git blob 333333333333… matches' });
    const other = verifyHubRepo(expected, [{ path: 'config.json', size: 2, gitOid: '4'.repeat(40) }]).at(-1);
    expect(other).toMatchObject({ verdict: 'FAIL', artifact: 'hf:lab/adapter@111111111111/config.json', reason: 'git blob 444444444444… differs from the manifest\'s 333333333333…' });
  });
});
