import { createHash, randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { repoExists } from '@huggingface/hub';
import { parse as parseYaml } from 'yaml';
import { HfModelHub, type HfModelHubOptions } from '../../src/adapters/huggingface/hf-model-hub.js';
import { renderModelCard, type ModelCardInput } from '../../src/adapters/huggingface/model-card.js';
import { isEpmError, type EpmError } from '../../src/domain/errors.js';
import { HubEmulator, gitBlobOid, lfsPointer, type HubEmulatorOptions } from '../emulators/huggingface/hub-emulator.js';
import {
  HUB_SCHEMA_DIR,
  generateHubSchemas,
  readCommittedHubSchemas,
  writeHubSchemas,
} from '../emulators/huggingface/schemas.js';

const WRITER = 'hf_writer_alice';
const READER = 'hf_reader_bob';
const OTHER = 'hf_writer_mallory';
const TOKENS = {
  [WRITER]: { user: 'alice', write: true, orgs: ['lab'] },
  [READER]: { user: 'bob' },
  [OTHER]: { user: 'mallory', write: true },
};
const BIG_SIZE = 10 * 1024 * 1024 + 123;

const sha256 = (bytes: Buffer): string => createHash('sha256').update(bytes).digest('hex');

/** Runs `fn` and returns the EpmError it throws. */
async function epmErrorOf(fn: () => Promise<unknown>): Promise<EpmError> {
  try {
    await fn();
  } catch (error) {
    if (isEpmError(error)) return error;
    throw new Error(`expected an EpmError, got ${String(error)}`, { cause: error });
  }
  throw new Error('expected an EpmError, nothing was thrown');
}

let dir: string;
let big: Buffer;
let small: Buffer;
let bigPath: string;
let smallPath: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'epm-hf-hub-'));
  big = randomBytes(BIG_SIZE);
  small = Buffer.from(JSON.stringify({ lr: 0.001, seeds: [1, 2, 3] }, null, 2));
  bigPath = join(dir, 'model.safetensors');
  smallPath = join(dir, 'config.json');
  await writeFile(bigPath, big);
  await writeFile(smallPath, small);
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

let emulator: HubEmulator | undefined;

async function startEmulator(options: HubEmulatorOptions = {}): Promise<HubEmulator> {
  emulator = await HubEmulator.start({ tokens: TOKENS, ...options });
  return emulator;
}

afterEach(async () => {
  const running = emulator;
  emulator = undefined;
  if (!running) return;
  await running.stop();
  // Zero schema violations, unknown routes and handler crashes in every test.
  running.assertClean();
  expect(running.violations).toEqual([]);
});

const hubFor = (hub: HubEmulator, options: HfModelHubOptions = {}): HfModelHub =>
  new HfModelHub({ accessToken: WRITER, hubUrl: hub.url, retry: { baseDelayMs: 1, maxDelayMs: 5 }, ...options });

const twoFiles = () => [
  { path: 'checkpoint/model.safetensors', localPath: bigPath },
  { path: 'config.json', localPath: smallPath },
];

describe('schemas', () => {
  it('the committed schemas are what ts-json-schema-generator makes of @huggingface/hub types', () => {
    const generated = generateHubSchemas();
    if (process.env.EPM_WRITE_HF_SCHEMAS === '1') writeHubSchemas(generated);
    expect(existsSync(HUB_SCHEMA_DIR)).toBe(true);
    expect(readCommittedHubSchemas()).toEqual(generated);
    expect(Object.keys(generated)).toContain('ApiIndexTreeEntry');
  });
});

describe('HfModelHub against the Hub emulator', () => {
  it('uploads a large (LFS) and a small file in one commit to a new private repo and lists them at that revision', async () => {
    const hub = await startEmulator();
    const models = hubFor(hub);

    const { revision } = await models.upload('alice/tiny-model', twoFiles(), 'run epm/run/3/1: weights\n\nfrom the smoke run');

    expect(revision).toMatch(/^[0-9a-f]{40}$/);
    expect(await models.resolveRevision('alice/tiny-model', 'main')).toBe(revision);
    expect(await models.resolveRevision('alice/tiny-model', revision)).toBe(revision);
    expect(hub.isPrivate('alice/tiny-model')).toBe(true);
    // The repo's initial commit, then ours: one commit for both files.
    expect(hub.commitsOf('alice/tiny-model')).toHaveLength(2);
    expect(hub.commitsOf('alice/tiny-model')?.[0]).toBe(revision);
    expect(hub.count('create-repo')).toBe(1);
    expect(hub.count('lfs-upload')).toBe(1);

    const files = await models.listFiles('alice/tiny-model', revision);
    const byPath = new Map(files?.map((f) => [f.path, f]));
    expect(files?.map((f) => f.path)).toEqual(['.gitattributes', 'checkpoint/model.safetensors', 'config.json']);
    expect(byPath.get('checkpoint/model.safetensors')).toEqual({
      path: 'checkpoint/model.safetensors',
      size: BIG_SIZE,
      lfsSha256: sha256(big),
      gitOid: gitBlobOid(lfsPointer(sha256(big), BIG_SIZE)),
    });
    expect(byPath.get('config.json')).toEqual({ path: 'config.json', size: small.length, gitOid: gitBlobOid(small) });
    expect(hub.contentOf('alice/tiny-model', revision, 'checkpoint/model.safetensors')?.equals(big)).toBe(true);
  });

  it('a second upload makes a new commit on top; the first revision still lists its files', async () => {
    const hub = await startEmulator();
    const models = hubFor(hub);
    const first = (await models.upload('lab/sweep', twoFiles(), 'run 1')).revision;
    const changed = join(dir, 'config-2.json');
    await writeFile(changed, '{"lr": 0.01}');

    const second = (await models.upload('lab/sweep', [{ path: 'config.json', localPath: changed }], 'run 2')).revision;

    expect(second).not.toBe(first);
    expect(await models.resolveRevision('lab/sweep', 'main')).toBe(second);
    const before = await models.listFiles('lab/sweep', first);
    const after = await models.listFiles('lab/sweep', second);
    expect(before?.find((f) => f.path === 'config.json')?.gitOid).toBe(gitBlobOid(small));
    expect(after?.find((f) => f.path === 'config.json')?.gitOid).toBe(gitBlobOid(Buffer.from('{"lr": 0.01}')));
    expect(after?.find((f) => f.path === 'checkpoint/model.safetensors')?.lfsSha256).toBe(sha256(big));
    // The LFS object already on the Hub is not sent again.
    expect(hub.count('lfs-upload')).toBe(1);
    expect(hub.count('create-repo')).toBe(1);
  });

  it('answers undefined for a revision or a repo that does not exist, and for a private repo of someone else', async () => {
    const hub = await startEmulator();
    const models = hubFor(hub);
    await models.upload('alice/tiny-model', [{ path: 'config.json', localPath: smallPath }], 'config');

    expect(await models.resolveRevision('alice/tiny-model', 'no-such-branch')).toBeUndefined();
    expect(await models.listFiles('alice/tiny-model', 'no-such-branch')).toBeUndefined();
    expect(await models.listFiles('alice/tiny-model', 'f'.repeat(40))).toBeUndefined();
    expect(await models.resolveRevision('alice/missing', 'main')).toBeUndefined();
    expect(await models.listFiles('alice/missing', 'main')).toBeUndefined();

    const stranger = hubFor(hub, { accessToken: OTHER });
    expect(await stranger.resolveRevision('alice/tiny-model', 'main')).toBeUndefined();
    expect(await stranger.listFiles('alice/tiny-model', 'main')).toBeUndefined();

    // Without a token the Hub cannot tell a private repo from a missing one (401): say how to fix it.
    const anonymous = await epmErrorOf(() => hubFor(hub, { accessToken: undefined }).resolveRevision('alice/tiny-model', 'main'));
    expect(anonymous.code).toBe('unauthorized');
    expect(anonymous.hint).toContain('set HF_TOKEN to a write token for alice/tiny-model');
  });

  it('refuses a bad token with a clear error naming HF_TOKEN and the repo, and creates nothing', async () => {
    const hub = await startEmulator();

    const bad = await epmErrorOf(() => hubFor(hub, { accessToken: 'hf_not_a_real_token' }).upload('alice/tiny-model', twoFiles(), 'run 1'));
    expect(bad.code).toBe('unauthorized');
    expect(bad.message).toContain('401');
    expect(bad.hint).toContain('set HF_TOKEN to a write token for alice/tiny-model');
    expect(bad.toLine()).not.toContain('hf_not_a_real_token');

    const readOnly = await epmErrorOf(() => hubFor(hub, { accessToken: READER }).upload('bob/model', twoFiles(), 'run 1'));
    expect(readOnly.code).toBe('unauthorized');
    expect(readOnly.message).toContain('403');
    expect(readOnly.hint).toContain('set HF_TOKEN to a write token for bob/model');

    const reading = await epmErrorOf(() => hubFor(hub, { accessToken: 'hf_not_a_real_token' }).listFiles('alice/tiny-model', 'main'));
    expect(reading.code).toBe('unauthorized');

    const before = hub.requests.length;
    const none = await epmErrorOf(() => hubFor(hub, { accessToken: undefined }).upload('alice/tiny-model', twoFiles(), 'run 1'));
    expect(none.code).toBe('unauthorized');
    expect(none.hint).toContain('set HF_TOKEN');
    const malformed = await epmErrorOf(() => hubFor(hub, { accessToken: 'ghp_wrong_kind' }).upload('alice/tiny-model', twoFiles(), 'run 1'));
    expect(malformed.code).toBe('bad-input');
    expect(malformed.message).toContain('hf_');
    expect(hub.requests.length).toBe(before);
    expect(hub.commitsOf('alice/tiny-model')).toBeUndefined();
    expect(hub.commitsOf('bob/model')).toBeUndefined();
  });

  it('refuses bad input before sending anything', async () => {
    const hub = await startEmulator();
    const models = hubFor(hub);
    const cases: [string, () => Promise<unknown>][] = [
      ['repo without namespace', () => models.upload('tiny-model', twoFiles(), 'run 1')],
      ['repo with ..', () => models.listFiles('alice/../x', 'main')],
      ['revision with spaces', () => models.resolveRevision('alice/tiny-model', 'my branch')],
      ['no files', () => models.upload('alice/tiny-model', [], 'run 1')],
      ['duplicate path', () => models.upload('alice/tiny-model', [...twoFiles(), { path: 'config.json', localPath: bigPath }], 'run 1')],
      ['escaping path', () => models.upload('alice/tiny-model', [{ path: '../config.json', localPath: smallPath }], 'run 1')],
      ['absolute path', () => models.upload('alice/tiny-model', [{ path: '/config.json', localPath: smallPath }], 'run 1')],
      ['missing local file', () => models.upload('alice/tiny-model', [{ path: 'x.bin', localPath: join(dir, 'absent.bin') }], 'run 1')],
      ['folder as file', () => models.upload('alice/tiny-model', [{ path: 'x', localPath: dir }], 'run 1')],
      ['empty message', () => models.upload('alice/tiny-model', twoFiles(), '  \n ')],
    ];
    for (const [name, run] of cases) {
      const error = await epmErrorOf(run);
      expect({ name, code: error.code, hinted: (error.hint ?? '').length > 0 }).toEqual({ name, code: 'bad-input', hinted: true });
    }
    expect(hub.requests).toEqual([]);
    expect(() => new HfModelHub({ hubUrl: 'ftp://example.org' })).toThrow(/not an http/);
  });

  it('retries a 5xx once — the adapter retries, not the library — on reads, LFS uploads and the commit', async () => {
    const hub = await startEmulator();
    const models = hubFor(hub);
    hub.failNext({ route: 'model-info', status: 502 });
    hub.failNext({ route: 'lfs-upload', status: 500 });
    hub.failNext({ route: 'commit', status: 503 });

    const { revision } = await models.upload('alice/tiny-model', twoFiles(), 'run 1');

    expect(hub.count('lfs-upload')).toBe(2);
    expect(hub.count('commit')).toBe(2);
    expect(hub.commitsOf('alice/tiny-model')).toHaveLength(2);
    hub.failNext({ route: 'tree', status: 503 });
    const files = await models.listFiles('alice/tiny-model', revision);
    expect(files?.find((f) => f.path === 'checkpoint/model.safetensors')?.lfsSha256).toBe(sha256(big));
    expect(hub.count('tree')).toBe(2);
    expect(hub.requests.filter((r) => r.status >= 500)).toHaveLength(4);
  });

  it('a commit whose answer is lost is not applied twice: the retry is refused (412) and the landed commit returned', async () => {
    const hub = await startEmulator();
    const models = hubFor(hub);
    await models.upload('alice/tiny-model', [{ path: 'config.json', localPath: smallPath }], 'first');
    hub.failNext({ route: 'commit', status: 504, afterHandling: true });

    const { revision } = await models.upload('alice/tiny-model', twoFiles(), 'second');

    const commits = hub.commitsOf('alice/tiny-model') ?? [];
    expect(commits).toHaveLength(3);
    expect(commits[0]).toBe(revision);
    expect(hub.requests.filter((r) => r.route === 'commit').map((r) => r.status)).toEqual([200, 504, 412]);
  });

  it('when main moves during the upload (another writer), the commit is refused as a conflict and nothing is committed', async () => {
    const hub = await startEmulator();
    const other = hubFor(hub);
    await other.upload('alice/tiny-model', [{ path: 'config.json', localPath: smallPath }], 'first');
    const intruder = join(dir, 'intruder.txt');
    await writeFile(intruder, 'someone else');
    let interfered = false;
    const racing: typeof fetch = async (input, init) => {
      if (!interfered && String(input).includes('/commit/')) {
        interfered = true;
        await other.upload('alice/tiny-model', [{ path: 'notes.txt', localPath: intruder }], 'concurrent');
      }
      return fetch(input, init);
    };
    const models = hubFor(hub, { fetch: racing });

    const error = await epmErrorOf(() => models.upload('alice/tiny-model', twoFiles(), 'mine'));

    expect(error.code).toBe('conflict');
    expect(error.hint).toContain('run the upload again');
    const head = await other.listFiles('alice/tiny-model', 'main');
    expect(head?.map((f) => f.path)).toEqual(['.gitattributes', 'config.json', 'notes.txt']);
  });

  it('gives up after the retry budget with an external error and the status', async () => {
    const hub = await startEmulator();
    const models = hubFor(hub, { retry: { attempts: 3, baseDelayMs: 1, maxDelayMs: 5 } });
    hub.failNext({ route: 'model-info', status: 503, times: 5 });

    const error = await epmErrorOf(() => models.resolveRevision('alice/tiny-model', 'main'));

    expect(error.code).toBe('external');
    expect(error.message).toContain('503');
    expect(error.hint).toContain('retry later');
    expect(hub.count('model-info')).toBe(3);
  });

  it('uploads through the multipart LFS transfer when the Hub offers it', async () => {
    const hub = await startEmulator({ multipartChunkSize: 4 * 1024 * 1024 });
    const models = hubFor(hub);

    const { revision } = await models.upload('alice/tiny-model', twoFiles(), 'multipart');

    expect(hub.count('lfs-part')).toBe(3);
    expect(hub.count('lfs-complete')).toBe(1);
    expect(hub.count('lfs-upload')).toBe(0);
    const files = await models.listFiles('alice/tiny-model', revision);
    expect(files?.find((f) => f.path === 'checkpoint/model.safetensors')?.lfsSha256).toBe(sha256(big));
    expect(hub.contentOf('alice/tiny-model', revision, 'checkpoint/model.safetensors')?.equals(big)).toBe(true);
  });

  it('follows the tree pagination of the Hub', async () => {
    const hub = await startEmulator({ treePageSize: 2 });
    const models = hubFor(hub);
    const { revision } = await models.upload('alice/tiny-model', twoFiles(), 'paged');

    const files = await models.listFiles('alice/tiny-model', revision);

    expect(files?.map((f) => f.path)).toEqual(['.gitattributes', 'checkpoint/model.safetensors', 'config.json']);
    expect(hub.count('tree')).toBe(2);
  });

  it('gives browser URLs of a revision', () => {
    const models = new HfModelHub({ accessToken: WRITER });
    expect(models.urlOf('alice/tiny-model', 'a'.repeat(40))).toBe(`https://huggingface.co/alice/tiny-model/tree/${'a'.repeat(40)}`);
    expect(new HfModelHub({ hubUrl: 'http://127.0.0.1:9/' }).urlOf('a/b', 'main')).toBe('http://127.0.0.1:9/a/b/tree/main');
  });
});

describe('the Hub emulator itself', () => {
  it('records an answer that breaks its generated schema and sends a 500 instead', async () => {
    const hub = await startEmulator();
    const models = hubFor(hub, { retry: { attempts: 1 } });
    await models.upload('alice/tiny-model', [{ path: 'config.json', localPath: smallPath }], 'first');
    hub.tamperNext('tree', (json) => (json as { size: unknown }[]).map((entry) => ({ ...entry, size: String(entry.size) })));

    const error = await epmErrorOf(() => models.listFiles('alice/tiny-model', 'main'));

    expect(error.message).toContain('500');
    expect(hub.violations).toEqual([
      expect.objectContaining({ direction: 'response', schema: 'ApiIndexTreeEntry', problems: expect.arrayContaining([expect.stringContaining('/0/size must be number')]) }),
    ]);
    expect(() => hub.assertClean()).toThrow(/fails ApiIndexTreeEntry/);
    hub.violations.splice(0);
  });

  it('records a request body that breaks its schema, and a route it does not serve', async () => {
    const hub = await startEmulator();
    const headers = { Authorization: `Bearer ${WRITER}`, 'Content-Type': 'application/json' };

    const created = await fetch(`${hub.url}/api/repos/create`, { method: 'POST', headers, body: JSON.stringify({ name: 'm', type: 'model', private: 'yes' }) });
    const unknown = await fetch(`${hub.url}/api/models/alice/m/discussions`, { headers });

    expect(created.status).toBe(400);
    expect(hub.violations).toEqual([expect.objectContaining({ direction: 'request', schema: 'ApiCreateRepoPayload' })]);
    expect(unknown.status).toBe(404);
    expect(hub.unknownRoutes).toEqual(['GET /api/models/alice/m/discussions']);
    expect(() => hub.assertClean()).toThrow(/unknown route GET \/api\/models\/alice\/m\/discussions/);
    hub.violations.splice(0);
    hub.unknownRoutes.splice(0);
  });

  it('serves the library\'s repoExists and answers the upload URL failure without leaking its signature', async () => {
    const hub = await startEmulator();
    const models = hubFor(hub, { retry: { attempts: 1 } });
    expect(await repoExists({ repo: 'alice/tiny-model', hubUrl: hub.url, accessToken: WRITER })).toBe(false);
    await models.upload('alice/tiny-model', [{ path: 'config.json', localPath: smallPath }], 'first');
    expect(await repoExists({ repo: 'alice/tiny-model', hubUrl: hub.url, accessToken: WRITER })).toBe(true);
    expect(await repoExists({ repo: 'alice/tiny-model', hubUrl: hub.url, accessToken: OTHER })).toBe(false);

    hub.failNext({ route: 'lfs-upload', status: 500 });
    const error = await epmErrorOf(() => models.upload('alice/tiny-model', twoFiles(), 'second'));

    expect(error.code).toBe('external');
    expect(error.message).toContain('/lfs-storage/');
    expect(error.message).not.toMatch(/sig=/);
  });

  it('refuses LFS content that does not match the announced sha256', async () => {
    const hub = await startEmulator();
    const oid = sha256(Buffer.from('real content'));
    const batch = await fetch(`${hub.url}/alice/m.git/info/lfs/objects/batch`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${WRITER}`, 'Content-Type': 'application/vnd.git-lfs+json' },
      body: JSON.stringify({ operation: 'upload', transfers: ['basic'], objects: [{ oid, size: 12 }] }),
    });
    // No repo yet: the batch endpoint, like the Hub, does not know it.
    expect(batch.status).toBe(404);
    await hubFor(hub).upload('alice/m', [{ path: 'config.json', localPath: smallPath }], 'first');
    const again = await fetch(`${hub.url}/alice/m.git/info/lfs/objects/batch`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${WRITER}`, 'Content-Type': 'application/vnd.git-lfs+json' },
      body: JSON.stringify({ operation: 'upload', transfers: ['basic'], objects: [{ oid, size: 12 }] }),
    });
    const answer = (await again.json()) as { objects: { actions: { upload: { href: string } } }[] };
    const href = answer.objects[0]?.actions.upload.href ?? '';

    const forged = await fetch(href, { method: 'PUT', body: 'fake content' });
    const genuine = await fetch(href, { method: 'PUT', body: 'real content' });

    expect(forged.status).toBe(400);
    expect(genuine.status).toBe(200);
  });
});

describe('renderModelCard', () => {
  const digest = 'ab'.repeat(32);
  const input: ModelCardInput = {
    repo: 'alice/tiny-model',
    title: 'Tiny model <b>| adamw vs sgd',
    license: 'apache-2.0',
    provenance: {
      statementSha256: `sha256:${digest}`,
      issue: 12,
      commit: 'c'.repeat(40),
      runTag: 'epm/run/12/1',
      wandbUrl: 'https://wandb.ai/lab/proj/runs/abc123',
      command: 'python train.py --opt ```adamw```',
      sourceRepoUrl: 'https://github.com/lab/exp/',
      manifestUrl: 'https://github.com/lab/exp/releases/download/epm-12/provenance.json',
    },
  };

  it('carries the manifest digest and the links in a Provenance section under YAML front matter', () => {
    const card = renderModelCard(input);
    const [, front = '', body = ''] = card.split(/^---$/m);
    const metadata = parseYaml(front) as Record<string, unknown>;
    expect(metadata).toEqual({
      license: 'apache-2.0',
      tags: ['epm', 'provenance'],
      epm: { statement_sha256: digest, issue: 12, commit: 'c'.repeat(40), run_tag: 'epm/run/12/1', wandb_url: 'https://wandb.ai/lab/proj/runs/abc123' },
    });
    expect(body).toContain('## Provenance');
    expect(body).toContain(`[\`${digest}\`](https://github.com/lab/exp/releases/download/epm-12/provenance.json)`);
    expect(body).toContain('[#12](https://github.com/lab/exp/issues/12)');
    expect(body).toContain(`(https://github.com/lab/exp/commit/${'c'.repeat(40)})`);
    expect(body).toContain('(https://github.com/lab/exp/tree/epm/run/12/1)');
    expect(body).toContain('(https://wandb.ai/lab/proj/runs/abc123)');
    expect(body).toContain('# Tiny model \\<b\\>\\| adamw vs sgd');
    // The command keeps its backticks inside a longer fence.
    expect(body).toContain('````sh\npython train.py --opt ```adamw```\n````');
  });

  it('renders without optional links and names the malformed field otherwise', () => {
    const plain = renderModelCard({ ...input, license: undefined, provenance: { ...input.provenance, wandbUrl: undefined, sourceRepoUrl: undefined, manifestUrl: undefined } });
    expect(plain).not.toContain('license:');
    expect(plain).toContain(`| Manifest (in-toto statement) sha256 | \`${digest}\` |`);
    expect(plain).toContain('| Experiment issue | #12 |');
    expect(plain).toContain('| W&B run | not tracked |');

    const bad: [string, ModelCardInput][] = [
      ['provenance.statementSha256', { ...input, provenance: { ...input.provenance, statementSha256: 'abc' } }],
      ['provenance.commit', { ...input, provenance: { ...input.provenance, commit: 'HEAD' } }],
      ['provenance.runTag', { ...input, provenance: { ...input.provenance, runTag: 'v1' } }],
      ['provenance.issue', { ...input, provenance: { ...input.provenance, issue: 0 } }],
      ['provenance.wandbUrl', { ...input, provenance: { ...input.provenance, wandbUrl: 'javascript:alert(1)' } }],
      ['title', { ...input, title: ' \n ' }],
      ['license', { ...input, license: 'Apache 2' }],
    ];
    for (const [field, value] of bad) {
      expect(() => renderModelCard(value)).toThrow(expect.objectContaining({ code: 'bad-input', message: expect.stringContaining(field) }));
    }
  });

  it('is uploaded as README.md and read back byte for byte', async () => {
    const hub = await startEmulator();
    const models = hubFor(hub);
    const readme = join(dir, 'README.md');
    await writeFile(readme, renderModelCard(input));

    const { revision } = await models.upload('alice/tiny-model', [{ path: 'README.md', localPath: readme }, ...twoFiles()], 'with card');

    expect(hub.contentOf('alice/tiny-model', revision, 'README.md')?.toString('utf8')).toContain(digest);
  });
});
