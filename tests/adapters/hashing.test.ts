import { execFileSync } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EpmError } from '../../src/domain/errors.js';
import { HASH_WORKER_SOURCE } from '../../src/adapters/local/hash-worker-source.js';
import { hashFile, hashFiles, hashInWorkerPool, hashTree } from '../../src/adapters/local/hashing.js';

const CHUNK = 1000;
/** Sizes around the read-buffer boundaries, with a small chunk so every boundary is crossed. */
const SIZES = [0, 1, CHUNK - 1, CHUNK, CHUNK + 1, 2 * CHUNK, 5 * CHUNK + 3, 3 * 1024 * 1024 + 17];

let dir: string;

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'epm-hashing-'));
});

afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

async function writeBytes(name: string, size: number): Promise<{ path: string; bytes: Buffer }> {
  const bytes = randomBytes(size);
  const path = join(dir, name);
  await writeFile(path, bytes);
  return { path, bytes };
}

async function rejection(promise: Promise<unknown>): Promise<EpmError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(EpmError);
  return error as EpmError;
}

describe('hashFile', () => {
  it.each(SIZES)('matches createHash over the whole buffer for %i bytes, across chunk boundaries', async (size) => {
    const { path, bytes } = await writeBytes(`f-${size}`, size);
    await expect(hashFile(path, { chunkBytes: CHUNK })).resolves.toEqual({ sha256: sha256(bytes), size });
  });

  it('matches createHash with the default chunk size on a file of a few MiB', async () => {
    const { path, bytes } = await writeBytes('big', 9 * 1024 * 1024 + 5);
    await expect(hashFile(path)).resolves.toEqual({ sha256: sha256(bytes), size: bytes.length });
  });

  it('matches the digest `openssl dgst -sha256` prints', async () => {
    const { path } = await writeBytes('openssl', 2 * 1024 * 1024 + 11);
    const printed = execFileSync('openssl', ['dgst', '-sha256', '-r', path], { encoding: 'utf8' });
    const opensslDigest = printed.trim().split(/\s+/)[0];
    expect(opensslDigest).toMatch(/^[0-9a-f]{64}$/);
    expect((await hashFile(path, { chunkBytes: 64 * 1024 })).sha256).toBe(opensslDigest);
  });

  it('reports a missing file as notFound naming the path', async () => {
    const missing = join(dir, 'nope.bin');
    const error = await rejection(hashFile(missing));
    expect(error.code).toBe('not-found');
    expect(error.message).toContain(missing);
    expect(error.hint).toBeTruthy();
  });

  it('refuses a directory with a clear bad-input error', async () => {
    const error = await rejection(hashFile(dir));
    expect(error.code).toBe('bad-input');
    expect(error.message).toBe(`${dir} is a directory, not a file`);
    expect(error.hint).toMatch(/hashTree/);
  });

  it('refuses a FIFO without blocking on it', async () => {
    const fifo = join(dir, 'pipe');
    execFileSync('mkfifo', [fifo]);
    const error = await rejection(hashFile(fifo));
    expect(error.code).toBe('bad-input');
    expect(error.message).toContain('not a regular file');
  });

  it.each([0, -1, 1.5, Number.NaN, 1024 * 1024 * 1024])('refuses chunkBytes %p', async (chunkBytes) => {
    const { path } = await writeBytes('x', 10);
    const error = await rejection(hashFile(path, { chunkBytes }));
    expect(error.code).toBe('bad-input');
    expect(error.message).toContain('chunkBytes');
  });
});

describe('hashFiles', () => {
  async function tenFiles() {
    const sizes = [...SIZES, 7 * CHUNK, 123_457];
    return Promise.all(sizes.map((size, i) => writeBytes(`file-${i}.bin`, size)));
  }

  it('gives on worker threads (concurrency 2) the same digests as hashFile on each file', async () => {
    const files = await tenFiles();
    const paths = files.map((f) => f.path);
    const result = await hashFiles(paths, { concurrency: 2, chunkBytes: CHUNK, useWorkers: true });
    expect([...result.keys()]).toEqual(paths);
    for (const { path, bytes } of files) {
      expect(result.get(path)).toEqual(await hashFile(path, { chunkBytes: CHUNK }));
      expect(result.get(path)).toEqual({ sha256: sha256(bytes), size: bytes.length });
    }
  });

  it('gives in-thread the same digests as on workers, and keys a repeated path once', async () => {
    const files = await tenFiles();
    const paths = [...files.map((f) => f.path), files[0]!.path];
    const inThread = await hashFiles(paths, { useWorkers: false });
    const onWorkers = await hashFiles(paths, { useWorkers: true });
    expect(inThread.size).toBe(files.length);
    expect(onWorkers).toEqual(inThread);
  });

  it('hashes an empty list to an empty map without starting workers', async () => {
    await expect(hashFiles([], { useWorkers: true })).resolves.toEqual(new Map());
  });

  it.each([true, false])('rejects with notFound for a missing file after the others finish (workers: %p)', async (useWorkers) => {
    const files = await tenFiles();
    const missing = join(dir, 'missing.bin');
    const paths = [files[0]!.path, missing, ...files.slice(1).map((f) => f.path)];
    const error = await rejection(hashFiles(paths, { concurrency: 2, useWorkers }));
    expect(error.code).toBe('not-found');
    expect(error.message).toContain(missing);
  });

  it('names the first failure in the given order and counts the others', async () => {
    const { path } = await writeBytes('ok.bin', 100);
    const first = join(dir, 'a-missing');
    const error = await rejection(hashFiles([path, first, dir], { concurrency: 2, useWorkers: true }));
    expect(error.code).toBe('not-found');
    expect(error.message).toContain(first);
    expect(error.message).toContain(`and 1 more file failed: ${dir}`);
  });

  it('refuses a directory among files on the workers with the same error as hashFile', async () => {
    const { path } = await writeBytes('ok.bin', 100);
    const error = await rejection(hashFiles([path, dir], { useWorkers: true }));
    expect(error.code).toBe('bad-input');
    expect(error.message).toBe(`${dir} is a directory, not a file`);
  });

  it('refuses a concurrency below 1', async () => {
    const error = await rejection(hashFiles([], { concurrency: 0 }));
    expect(error.code).toBe('bad-input');
    expect(error.message).toContain('concurrency');
  });
});

describe('hashInWorkerPool', () => {
  /** The real worker program, except that a task for a path ending in `boom` kills the worker. */
  const crashingSource = (how: 'throw' | 'exit') => `
const wt = require('node:worker_threads');
const listen = wt.parentPort.on.bind(wt.parentPort);
wt.parentPort.on = (event, handler) => listen(event, (task) => {
  if (String(task.path).endsWith('boom')) { ${how === 'throw' ? "throw new Error('planted crash');" : 'process.exit(3);'} }
  handler(task);
});
${HASH_WORKER_SOURCE}`;

  it.each(['throw', 'exit'] as const)('fails only the file whose worker died (%s), finishes the others and exits every worker', async (how) => {
    const files = await Promise.all([0, 1, 2, 3, 4, 5].map((i) => writeBytes(`f${i}`, 5000 + i)));
    const boom = (await writeBytes('boom', 10)).path;
    const paths = [files[0]!.path, boom, ...files.slice(1).map((f) => f.path)];
    const outcomes = await hashInWorkerPool(paths, { concurrency: 2, chunkBytes: CHUNK }, crashingSource(how));
    expect(outcomes).toHaveLength(paths.length);
    const failed = outcomes[1]!;
    expect(failed.status).toBe('rejected');
    const reason = (failed as PromiseRejectedResult).reason as EpmError;
    expect(reason.code).toBe('external');
    expect(reason.message).toContain(`died while hashing ${boom}`);
    expect(reason.message).toContain(how === 'throw' ? 'planted crash' : 'exit code 3');
    const others = outcomes.filter((_, i) => i !== 1);
    expect(others.map((o) => o.status)).toEqual(Array(files.length).fill('fulfilled'));
    expect(others.map((o) => (o as PromiseFulfilledResult<{ sha256: string }>).value.sha256)).toEqual([
      sha256(files[0]!.bytes),
      ...files.slice(1).map((f) => sha256(f.bytes)),
    ]);
  });
});

describe('hashTree', () => {
  async function buildTree() {
    const contents: Record<string, string> = {
      'b.txt': 'bee',
      'a/z.bin': 'zed',
      'a/b/c.txt': 'sea',
      'a/b/a.txt': '',
      'A.txt': 'upper case sorts first',
      'a-b.txt': 'dash',
    };
    for (const [rel, text] of Object.entries(contents)) {
      await mkdir(join(dir, 'root', ...rel.split('/').slice(0, -1)), { recursive: true });
      await writeFile(join(dir, 'root', ...rel.split('/')), text);
    }
    await mkdir(join(dir, 'root', 'empty'), { recursive: true });
    return { root: join(dir, 'root'), contents };
  }

  it.each([true, false])('lists every regular file of nested folders, POSIX paths sorted, with digests (workers: %p)', async (useWorkers) => {
    const { root, contents } = await buildTree();
    const entries = await hashTree(root, { useWorkers });
    expect(entries.map((e) => e.path)).toEqual(['A.txt', 'a-b.txt', 'a/b/a.txt', 'a/b/c.txt', 'a/z.bin', 'b.txt']);
    for (const entry of entries) {
      const bytes = Buffer.from(contents[entry.path]!);
      expect(entry).toEqual({ path: entry.path, sha256: sha256(bytes), size: bytes.length });
    }
  });

  it('refuses a symbolic link anywhere in the tree, naming it, even one pointing inside the tree', async () => {
    const { root } = await buildTree();
    await symlink(join(root, 'b.txt'), join(root, 'a', 'b', 'link.txt'));
    await symlink('/etc', join(root, 'escape'));
    const error = await rejection(hashTree(root));
    expect(error.code).toBe('bad-input');
    expect(error.message).toContain('a/b/link.txt (a symbolic link)');
    expect(error.message).toContain('escape (a symbolic link)');
    expect(error.hint).toMatch(/symbolic link/);
  });

  it('reports a missing root as notFound and a file root as bad input', async () => {
    const missing = join(dir, 'no-such-folder');
    const notThere = await rejection(hashTree(missing));
    expect(notThere.code).toBe('not-found');
    expect(notThere.message).toContain(missing);
    const { path } = await writeBytes('plain', 3);
    const notFolder = await rejection(hashTree(path));
    expect(notFolder.code).toBe('bad-input');
    expect(notFolder.message).toBe(`${path} is not a folder`);
  });

  it('hashes an empty folder to an empty list', async () => {
    await expect(hashTree(dir)).resolves.toEqual([]);
  });
});
