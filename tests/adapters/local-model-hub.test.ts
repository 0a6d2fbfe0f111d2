import { createHash, randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { chmod, mkdir, mkdtemp, readdir, readFile, rm, stat, unlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { LocalModelHub, revisionIdOf } from '../../src/adapters/local/local-model-hub.js';
import { isEpmError, type EpmError } from '../../src/domain/errors.js';

const BIG_SIZE = 10 * 1024 * 1024 + 77;
const sha256 = (bytes: Buffer): string => createHash('sha256').update(bytes).digest('hex');
const gitOid = (bytes: Buffer): string => createHash('sha1').update(`blob ${bytes.length}\0`).update(bytes).digest('hex');

async function epmErrorOf(fn: () => Promise<unknown>): Promise<EpmError> {
  try {
    await fn();
  } catch (error) {
    if (isEpmError(error)) return error;
    throw new Error(`expected an EpmError, got ${String(error)}`, { cause: error });
  }
  throw new Error('expected an EpmError, nothing was thrown');
}

let inputs: string;
let big: Buffer;
let small: Buffer;
let bigPath: string;
let smallPath: string;

beforeAll(async () => {
  inputs = await mkdtemp(join(tmpdir(), 'epm-local-hub-in-'));
  big = randomBytes(BIG_SIZE);
  small = Buffer.from('{"lr": 0.001}\n');
  bigPath = join(inputs, 'model.safetensors');
  smallPath = join(inputs, 'config.json');
  await writeFile(bigPath, big);
  await writeFile(smallPath, small);
});

afterAll(async () => {
  await rm(inputs, { recursive: true, force: true });
});

let root: string;
let hub: LocalModelHub;

beforeEach(async () => {
  root = join(await mkdtemp(join(tmpdir(), 'epm-local-hub-')), 'artifacts');
  hub = new LocalModelHub({ root, clock: () => new Date('2026-01-02T03:04:05Z') });
});

afterEach(async () => {
  await rm(join(root, '..'), { recursive: true, force: true });
});

const twoFiles = () => [
  { path: 'checkpoint/model.safetensors', localPath: bigPath },
  { path: 'config.json', localPath: smallPath },
];

describe('LocalModelHub', () => {
  it('stores an upload as an immutable revision and lists sizes, sha256 and git blob ids of every file', async () => {
    const { revision } = await hub.upload('alice/tiny-model', twoFiles(), 'run epm/run/3/1');

    expect(revision).toMatch(/^[0-9a-f]{40}$/);
    expect(await hub.resolveRevision('alice/tiny-model', 'main')).toBe(revision);
    expect(await hub.resolveRevision('alice/tiny-model', revision)).toBe(revision);
    expect(await hub.listFiles('alice/tiny-model', revision)).toEqual([
      { path: 'checkpoint/model.safetensors', size: BIG_SIZE, lfsSha256: sha256(big), gitOid: gitOid(big) },
      { path: 'config.json', size: small.length, lfsSha256: sha256(small), gitOid: gitOid(small) },
    ]);
    expect(revision).toBe(
      revisionIdOf([
        { path: 'config.json', size: small.length, sha256: sha256(small) },
        { path: 'checkpoint/model.safetensors', size: BIG_SIZE, sha256: sha256(big) },
      ]),
    );
    expect((await readFile(join(root, 'alice', 'tiny-model', 'refs', 'main'), 'utf8')).trim()).toBe(revision);
    const stored = join(root, 'alice', 'tiny-model', revision, 'checkpoint', 'model.safetensors');
    expect((await stat(stored)).mode & 0o222).toBe(0);
    expect((await readFile(stored)).equals(big)).toBe(true);
    const index = JSON.parse(await readFile(join(root, 'alice', 'tiny-model', 'index', `${revision}.json`), 'utf8')) as Record<string, unknown>;
    expect(index).toMatchObject({ revision, parent: null, message: 'run epm/run/3/1', createdAt: '2026-01-02T03:04:05.000Z' });
    expect(hub.urlOf('alice/tiny-model', revision)).toMatch(/^file:\/\//);
    expect(fileURLToPath(hub.urlOf('alice/tiny-model', revision))).toBe(join(root, 'alice', 'tiny-model', revision));
  });

  it('a second upload makes a new revision on top of the first; the old revision still lists its files', async () => {
    const first = (await hub.upload('alice/tiny-model', twoFiles(), 'run 1')).revision;
    const changed = join(inputs, 'config-2.json');
    await writeFile(changed, '{"lr": 0.01}\n');

    const second = (await hub.upload('alice/tiny-model', [{ path: 'config.json', localPath: changed }], 'run 2')).revision;

    expect(second).not.toBe(first);
    expect(await hub.resolveRevision('alice/tiny-model', 'main')).toBe(second);
    const before = await hub.listFiles('alice/tiny-model', first);
    const after = await hub.listFiles('alice/tiny-model', second);
    expect(before?.find((f) => f.path === 'config.json')?.lfsSha256).toBe(sha256(small));
    expect(after?.find((f) => f.path === 'config.json')?.lfsSha256).toBe(sha256(Buffer.from('{"lr": 0.01}\n')));
    expect(after?.find((f) => f.path === 'checkpoint/model.safetensors')?.lfsSha256).toBe(sha256(big));
    // The unchanged checkpoint is shared with the first revision, not copied.
    const inode = async (rev: string) => (await stat(join(root, 'alice', 'tiny-model', rev, 'checkpoint', 'model.safetensors'))).ino;
    expect(await inode(second)).toBe(await inode(first));
    const index = JSON.parse(await readFile(join(root, 'alice', 'tiny-model', 'index', `${second}.json`), 'utf8')) as { parent: string };
    expect(index.parent).toBe(first);
  });

  it('uploading the same content again is the same revision and changes nothing', async () => {
    const first = (await hub.upload('alice/tiny-model', twoFiles(), 'run 1')).revision;
    const entries = await readdir(join(root, 'alice', 'tiny-model'));

    const again = (await hub.upload('alice/tiny-model', twoFiles(), 'run 1, retried')).revision;

    expect(again).toBe(first);
    expect(await readdir(join(root, 'alice', 'tiny-model'))).toEqual(entries);
  });

  it('answers undefined for a revision or a repo that does not exist', async () => {
    await hub.upload('alice/tiny-model', twoFiles(), 'run 1');

    expect(await hub.resolveRevision('alice/tiny-model', 'no-such-branch')).toBeUndefined();
    expect(await hub.listFiles('alice/tiny-model', 'no-such-branch')).toBeUndefined();
    expect(await hub.listFiles('alice/tiny-model', 'f'.repeat(40))).toBeUndefined();
    expect(await hub.resolveRevision('alice/missing', 'main')).toBeUndefined();
    expect(await hub.listFiles('alice/missing', 'main')).toBeUndefined();
  });

  it('refuses bad input with a clear error and creates nothing', async () => {
    const cases: [string, () => Promise<unknown>][] = [
      ['repo without namespace', () => hub.upload('tiny-model', twoFiles(), 'run 1')],
      ['repo escaping the root', () => hub.upload('../outside', twoFiles(), 'run 1')],
      ['no files', () => hub.upload('alice/tiny-model', [], 'run 1')],
      ['escaping path', () => hub.upload('alice/tiny-model', [{ path: 'a/../../x', localPath: smallPath }], 'run 1')],
      ['duplicate path', () => hub.upload('alice/tiny-model', [...twoFiles(), { path: 'config.json', localPath: bigPath }], 'run 1')],
      ['missing local file', () => hub.upload('alice/tiny-model', [{ path: 'x.bin', localPath: join(inputs, 'absent') }], 'run 1')],
      ['empty message', () => hub.upload('alice/tiny-model', twoFiles(), '')],
      ['bad revision', () => hub.listFiles('alice/tiny-model', 'a b')],
    ];
    for (const [name, run] of cases) {
      const error = await epmErrorOf(run);
      expect({ name, code: error.code, hinted: (error.hint ?? '').length > 0 }).toEqual({ name, code: 'bad-input', hinted: true });
    }
    expect(existsSync(root)).toBe(false);
  });

  it('recovers from a crashed upload: staging leftovers are swept and a revision folder without index is rebuilt', async () => {
    const first = (await hub.upload('alice/tiny-model', [{ path: 'config.json', localPath: smallPath }], 'run 1')).revision;
    const repoDir = join(root, 'alice', 'tiny-model');
    // What a crash leaves: a half-written staging folder, and the next revision's folder renamed into place without its index.
    const next = revisionIdOf([
      { path: 'config.json', size: small.length, sha256: sha256(small) },
      { path: 'checkpoint/model.safetensors', size: BIG_SIZE, sha256: sha256(big) },
    ]);
    await mkdir(join(repoDir, '.staging-dead', 'checkpoint'), { recursive: true });
    await writeFile(join(repoDir, '.staging-dead', 'checkpoint', 'model.safetensors'), big.subarray(0, 1000));
    await mkdir(join(repoDir, next, 'checkpoint'), { recursive: true });
    await writeFile(join(repoDir, next, 'checkpoint', 'model.safetensors'), big.subarray(0, 1000));

    expect(await hub.resolveRevision('alice/tiny-model', next)).toBeUndefined();
    expect(await hub.resolveRevision('alice/tiny-model', 'main')).toBe(first);

    const { revision } = await hub.upload('alice/tiny-model', [{ path: 'checkpoint/model.safetensors', localPath: bigPath }], 'run 2');

    expect(revision).toBe(next);
    expect((await hub.listFiles('alice/tiny-model', revision))?.find((f) => f.path === 'checkpoint/model.safetensors')).toEqual({
      path: 'checkpoint/model.safetensors',
      size: BIG_SIZE,
      lfsSha256: sha256(big),
      gitOid: gitOid(big),
    });
    expect((await readdir(repoDir)).filter((e) => e.startsWith('.staging-'))).toEqual([]);
  });

  it('reports what is on disk, so a file edited in the store no longer matches its upload', async () => {
    const { revision } = await hub.upload('alice/tiny-model', twoFiles(), 'run 1');
    const stored = join(root, 'alice', 'tiny-model', revision, 'config.json');
    await chmod(stored, 0o644);
    await writeFile(stored, '{"lr": 999}\n');

    const files = await hub.listFiles('alice/tiny-model', revision);

    expect(files?.find((f) => f.path === 'config.json')?.lfsSha256).toBe(sha256(Buffer.from('{"lr": 999}\n')));
    expect(files?.find((f) => f.path === 'config.json')?.lfsSha256).not.toBe(sha256(small));
  });

  it('says how to repair a damaged ref or index', async () => {
    const { revision } = await hub.upload('alice/tiny-model', twoFiles(), 'run 1');
    const repoDir = join(root, 'alice', 'tiny-model');
    await writeFile(join(repoDir, 'refs', 'main'), 'garbage\n');

    const ref = await epmErrorOf(() => hub.resolveRevision('alice/tiny-model', 'main'));
    expect(ref.code).toBe('external');
    expect(ref.hint).toContain(join(repoDir, 'refs', 'main'));

    await writeFile(join(repoDir, 'index', `${revision}.json`), '{"revision": 1');
    const index = await epmErrorOf(() => hub.listFiles('alice/tiny-model', revision));
    expect(index.code).toBe('external');
    expect(index.message).toContain('damaged');

    await unlink(join(repoDir, 'index', `${revision}.json`));
    await writeFile(join(repoDir, 'refs', 'main'), `${revision}\n`);
    const dangling = await epmErrorOf(() => hub.upload('alice/tiny-model', twoFiles(), 'run 2'));
    expect(dangling.code).toBe('external');
    expect(dangling.message).toContain('not stored');
  });

  it('serialises concurrent uploads to one repo: both land, the later on top of the earlier', async () => {
    const notes = join(inputs, 'notes.txt');
    await writeFile(notes, 'notes');

    const [a, b] = await Promise.all([
      hub.upload('alice/tiny-model', [{ path: 'config.json', localPath: smallPath }], 'a'),
      hub.upload('alice/tiny-model', [{ path: 'notes.txt', localPath: notes }], 'b'),
    ]);

    expect(a.revision).not.toBe(b.revision);
    const head = await hub.resolveRevision('alice/tiny-model', 'main');
    expect([a.revision, b.revision]).toContain(head);
    expect((await hub.listFiles('alice/tiny-model', 'main'))?.map((f) => f.path)).toEqual(['config.json', 'notes.txt']);
  });
});
