/**
 * Streaming sha256 of files, with bounded memory, for provenance.
 *
 * - `hashFile` hashes one file in this thread. Two fixed buffers alternate:
 *   while `createHash` digests one chunk (synchronously, in this thread) the
 *   next chunk is already being read in libuv's pool, so reading and hashing
 *   overlap instead of taking turns.
 * - `hashFiles` spreads several files over worker threads (one file per
 *   worker at a time, largest first), each running the same double-buffered
 *   loop; small sets stay in this thread, where a worker's start-up would cost
 *   more than it saves.
 * - `hashTree` hashes every regular file under a folder and refuses symbolic
 *   links: a manifest must never silently describe bytes from outside the tree.
 *
 * Memory: at most two buffers of `chunkBytes` per file being hashed at once
 * (per worker, or per in-thread slot), whatever the files' sizes.
 */

import { createHash } from 'node:crypto';
import { constants } from 'node:fs';
import { open, readdir, stat, type FileHandle } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import { join, posix } from 'node:path';
import { Worker } from 'node:worker_threads';
import { badInput, EpmError, external, isEpmError, notFound } from '../../domain/errors.js';
import { HASH_WORKER_SOURCE } from './hash-worker-source.js';

/** The sha256 and length of one file's bytes. */
export interface FileDigest {
  /** Lower-case hex sha256 of the bytes read. */
  sha256: string;
  /** Number of bytes hashed. */
  size: number;
}

/** Options of `hashFile`. */
export interface HashFileOptions {
  /** Size of each of the two read buffers; default 4 MiB. Small values only make sense in tests. */
  chunkBytes?: number;
}

/** Options of `hashFiles` and `hashTree`. */
export interface HashFilesOptions extends HashFileOptions {
  /** Files hashed at once (worker threads); default `os.availableParallelism()`. */
  concurrency?: number;
  /**
   * `true` always uses worker threads, `false` never does; by default workers
   * are used from 4 files and 64 MiB in all, below which their start-up costs
   * more than it saves.
   */
  useWorkers?: boolean;
}

/** One regular file found by `hashTree`. */
export interface TreeFileDigest extends FileDigest {
  /** POSIX path relative to the root, e.g. `checkpoints/model-00001.safetensors`. */
  path: string;
}

/** Default size of each of the two read buffers. */
export const DEFAULT_CHUNK_BYTES = 4 * 1024 * 1024;

const MAX_CHUNK_BYTES = 256 * 1024 * 1024;
// Small files get a buffer near their own size, not two full chunks each.
const MIN_BUFFER_BYTES = 64 * 1024;
const WORKERS_FROM_FILES = 4;
const WORKERS_FROM_BYTES = 64 * 1024 * 1024;

/** Why a hash failed before it could be mapped to a typed error (also what a worker reports). */
type HashFailure =
  | { readonly notFile: 'a directory' | 'not a regular file' }
  | { readonly error: { readonly code: string | undefined; readonly message: string } };

/** Hashes one file in this thread, streaming with two reused buffers. */
export async function hashFile(path: string, options: HashFileOptions = {}): Promise<FileDigest> {
  return hashOne(path, chunkBytesOf(options), false);
}

/**
 * Hashes several files, in parallel on worker threads when the set is large
 * enough (see `HashFilesOptions.useWorkers`). The map is keyed by the paths as
 * given. When a file fails, the others still finish and the pool shuts down
 * before the promise rejects with the first failure in the given order.
 */
export async function hashFiles(paths: readonly string[], options: HashFilesOptions = {}): Promise<Map<string, FileDigest>> {
  return hashMany(paths, options, false);
}

/**
 * Hashes every regular file under `root`, sorted by POSIX relative path.
 * Symbolic links (and FIFOs, sockets, devices) anywhere in the tree are an
 * error naming them: provenance never follows a link out of the tree. `root`
 * itself may be a link to a folder, since the caller named it.
 */
export async function hashTree(root: string, options: HashFilesOptions = {}): Promise<TreeFileDigest[]> {
  const rootStat = await stat(root).catch((error: unknown) => {
    throw toHashError(root, { error: osError(error) });
  });
  if (!rootStat.isDirectory()) {
    throw badInput(`${root} is not a folder`, { hint: 'pass the folder whose files should be hashed, or use hashFile for one file' });
  }
  const files: string[] = [];
  const refused: string[] = [];
  await walk(root, '', files, refused);
  if (refused.length > 0) {
    refused.sort(compareCodeUnits);
    const shown = refused.slice(0, 5).join(', ') + (refused.length > 5 ? ` and ${refused.length - 5} more` : '');
    throw badInput(`${root} holds ${refused.length === 1 ? 'an entry' : `${refused.length} entries`} that provenance will not follow: ${shown}`, {
      hint: 'replace each symbolic link with a copy of the file it points to (or remove it), and keep FIFOs, sockets and devices out of the folder',
    });
  }
  files.sort(compareCodeUnits);
  const absolute = files.map((rel) => join(root, ...rel.split('/')));
  const digests = await hashMany(absolute, options, true);
  return files.map((rel, i) => ({ path: rel, ...digests.get(absolute[i]!)! }));
}

/**
 * The worker pool underneath `hashFiles`: hashes `paths` on up to
 * `concurrency` worker threads and reports each file's outcome in order,
 * never rejecting. A worker that dies fails only the file it was hashing; a
 * fresh worker takes over the remaining files. Every worker has exited when
 * the promise resolves. `source` exists so tests can run a worker that crashes.
 */
export async function hashInWorkerPool(
  paths: readonly string[],
  options: { concurrency: number; chunkBytes: number; noFollow?: boolean },
  source: string = HASH_WORKER_SOURCE,
): Promise<PromiseSettledResult<FileDigest>[]> {
  const outcomes: PromiseSettledResult<FileDigest>[] = new Array(paths.length);
  if (paths.length === 0) return outcomes;
  return new Promise((resolve) => {
    let next = 0;
    let settled = 0;
    let alive = 0;
    const settle = (id: number, outcome: PromiseSettledResult<FileDigest>) => {
      outcomes[id] = outcome;
      settled += 1;
    };
    const finishIfDone = () => {
      if (settled === paths.length && alive === 0) resolve(outcomes);
    };
    const startWorker = () => {
      let worker: Worker;
      try {
        worker = new Worker(source, { eval: true });
      } catch (error) {
        // Workers already running will take the remaining files; with none left, those files fail here.
        if (alive === 0) {
          for (; next < paths.length; next++) {
            settle(next, {
              status: 'rejected',
              reason: external(`could not start a hashing worker for ${paths[next]!}: ${osError(error).message}`, {
                hint: 'free memory or threads, or hash in this thread with useWorkers: false',
                cause: error,
              }),
            });
          }
          finishIfDone();
        }
        return;
      }
      alive += 1;
      let current: number | undefined;
      let lastError: unknown;
      const feed = () => {
        if (next < paths.length) {
          current = next++;
          worker.postMessage({ id: current, path: paths[current], chunkBytes: options.chunkBytes, noFollow: options.noFollow === true });
        } else {
          current = undefined;
          void worker.terminate();
        }
      };
      worker.on('message', (message: { id: number; ok?: FileDigest } & Partial<HashFailure>) => {
        if (message.id !== current) return;
        const path = paths[message.id]!;
        settle(
          message.id,
          message.ok !== undefined
            ? { status: 'fulfilled', value: { sha256: message.ok.sha256, size: message.ok.size } }
            : { status: 'rejected', reason: toHashError(path, message as HashFailure) },
        );
        feed();
      });
      worker.on('error', (error) => {
        lastError = error;
      });
      worker.on('exit', (exitCode) => {
        alive -= 1;
        if (current !== undefined) {
          const path = paths[current]!;
          // Duck-typed: the error may come from another realm (jest's VM), where `instanceof Error` fails.
          const reported = (lastError as { message?: unknown } | undefined)?.message;
          const why = typeof reported === 'string' ? reported : `exit code ${exitCode}`;
          settle(current, {
            status: 'rejected',
            reason: external(`the hashing worker died while hashing ${path}: ${why}`, {
              hint: 'run the command again; if it fails the same way, hash the file alone with hashFile to see the error',
              cause: lastError,
            }),
          });
          current = undefined;
          if (next < paths.length) startWorker();
        }
        finishIfDone();
      });
      feed();
    };
    const workers = Math.min(options.concurrency, paths.length);
    for (let i = 0; i < workers; i++) startWorker();
  });
}

async function hashMany(paths: readonly string[], options: HashFilesOptions, noFollow: boolean): Promise<Map<string, FileDigest>> {
  const chunkBytes = chunkBytesOf(options);
  const concurrency = concurrencyOf(options);
  const unique = [...new Set(paths)];
  // Sizes decide in-thread versus workers and put the largest files first, so no worker is left with a big file at the end.
  const sizes = new Map<string, number>();
  await Promise.all(unique.map(async (path) => sizes.set(path, await stat(path).then((s) => s.size, () => 0))));
  unique.sort((a, b) => sizes.get(b)! - sizes.get(a)!);
  const total = unique.reduce((sum, path) => sum + sizes.get(path)!, 0);
  const useWorkers = options.useWorkers ?? (concurrency > 1 && unique.length >= WORKERS_FROM_FILES && total >= WORKERS_FROM_BYTES);

  const outcomes = useWorkers
    ? await hashInWorkerPool(unique, { concurrency, chunkBytes, noFollow })
    : await hashInThread(unique, concurrency, chunkBytes, noFollow);

  const byPath = new Map<string, PromiseSettledResult<FileDigest>>();
  unique.forEach((path, i) => byPath.set(path, outcomes[i]!));
  const failed = [...new Set(paths)].filter((path) => byPath.get(path)!.status === 'rejected');
  if (failed.length > 0) {
    const first: unknown = (byPath.get(failed[0]!) as PromiseRejectedResult).reason;
    if (failed.length === 1 || !isEpmError(first)) throw first;
    throw new EpmError(
      first.code,
      `${first.message} (and ${failed.length - 1} more file${failed.length > 2 ? 's' : ''} failed: ${failed.slice(1, 4).join(', ')}${failed.length > 4 ? ', …' : ''})`,
      { hint: first.hint, cause: first },
    );
  }
  const result = new Map<string, FileDigest>();
  for (const path of paths) result.set(path, (byPath.get(path) as PromiseFulfilledResult<FileDigest>).value);
  return result;
}

async function hashInThread(paths: readonly string[], concurrency: number, chunkBytes: number, noFollow: boolean): Promise<PromiseSettledResult<FileDigest>[]> {
  const outcomes: PromiseSettledResult<FileDigest>[] = new Array(paths.length);
  let next = 0;
  const lane = async () => {
    while (next < paths.length) {
      const id = next++;
      outcomes[id] = await hashOne(paths[id]!, chunkBytes, noFollow).then(
        (value) => ({ status: 'fulfilled', value }) as const,
        (reason: unknown) => ({ status: 'rejected', reason }) as const,
      );
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, paths.length) }, lane));
  return outcomes;
}

async function hashOne(path: string, chunkBytes: number, noFollow: boolean): Promise<FileDigest> {
  // O_NONBLOCK: opening a FIFO must not block a pool thread forever; it is a no-op for regular files.
  const flags = constants.O_RDONLY | (constants.O_NONBLOCK ?? 0) | (noFollow ? (constants.O_NOFOLLOW ?? 0) : 0);
  let handle: FileHandle;
  try {
    handle = await open(path, flags);
  } catch (error) {
    throw toHashError(path, { error: osError(error) });
  }
  let pending: Promise<{ bytesRead: number }> | undefined;
  try {
    const info = await handle.stat();
    if (!info.isFile()) throw toHashError(path, { notFile: info.isDirectory() ? 'a directory' : 'not a regular file' });
    const chunk = Math.min(chunkBytes, Math.max(info.size, MIN_BUFFER_BYTES));
    const buffers = [Buffer.allocUnsafeSlow(chunk), Buffer.allocUnsafeSlow(chunk)] as const;
    const hash = createHash('sha256');
    let position = 0;
    let index = 0;
    pending = handle.read(buffers[0], 0, chunk, 0);
    for (;;) {
      const { bytesRead } = await pending;
      pending = undefined;
      if (bytesRead === 0) break;
      const current = buffers[index as 0 | 1];
      position += bytesRead;
      index ^= 1;
      // Start the next read before hashing, so the pool thread copies while this thread digests.
      pending = handle.read(buffers[index as 0 | 1], 0, chunk, position);
      hash.update(current.subarray(0, bytesRead));
    }
    return { sha256: hash.digest('hex'), size: position };
  } catch (error) {
    throw isEpmError(error) ? error : toHashError(path, { error: osError(error) });
  } finally {
    // Never close the descriptor under a read still in flight.
    if (pending !== undefined) await pending.catch(() => undefined);
    await handle.close();
  }
}

async function walk(root: string, rel: string, files: string[], refused: string[]): Promise<void> {
  const dir = rel === '' ? root : join(root, ...rel.split('/'));
  const entries = await readdir(dir, { withFileTypes: true }).catch((error: unknown) => {
    throw toHashError(dir, { error: osError(error) });
  });
  await Promise.all(
    entries.map(async (entry) => {
      const child = rel === '' ? entry.name : posix.join(rel, entry.name);
      if (entry.isDirectory()) await walk(root, child, files, refused);
      else if (entry.isFile()) files.push(child);
      else refused.push(entry.isSymbolicLink() ? `${child} (a symbolic link)` : `${child} (not a regular file)`);
    }),
  );
}

function toHashError(path: string, failure: HashFailure): EpmError {
  if ('notFile' in failure) {
    return failure.notFile === 'a directory'
      ? badInput(`${path} is a directory, not a file`, { hint: 'hash a folder with hashTree, or pass the files inside it' })
      : badInput(`${path} is not a regular file (a FIFO, socket or device)`, { hint: 'hash only regular files' });
  }
  const { code, message } = failure.error;
  switch (code) {
    case 'ENOENT':
    case 'ENOTDIR':
      return notFound(`no file at ${path}`, { hint: 'check the path; it may have been moved or not written yet', cause: failure.error });
    case 'EISDIR':
      return toHashError(path, { notFile: 'a directory' });
    case 'ELOOP':
      return badInput(`${path} is a symbolic link, which provenance does not follow`, {
        hint: 'replace the link with a copy of the file it points to, or remove it',
        cause: failure.error,
      });
    default:
      return external(`cannot read ${path}: ${message}`, { hint: 'check that the file is readable by this user (permissions, a mounted volume)', cause: failure.error });
  }
}

function osError(error: unknown): { code: string | undefined; message: string } {
  const code = (error as { code?: unknown } | null)?.code;
  const message = (error as { message?: unknown } | null)?.message;
  return { code: typeof code === 'string' ? code : undefined, message: typeof message === 'string' ? message : String(error) };
}

function chunkBytesOf(options: HashFileOptions): number {
  const value = options.chunkBytes ?? DEFAULT_CHUNK_BYTES;
  if (!Number.isSafeInteger(value) || value < 1 || value > MAX_CHUNK_BYTES) {
    throw badInput(`chunkBytes must be a whole number of bytes from 1 to ${MAX_CHUNK_BYTES}, got ${String(options.chunkBytes)}`, {
      hint: `leave it unset for the default of ${DEFAULT_CHUNK_BYTES} bytes`,
    });
  }
  return value;
}

function concurrencyOf(options: HashFilesOptions): number {
  const value = options.concurrency ?? availableParallelism();
  if (!Number.isSafeInteger(value) || value < 1) {
    throw badInput(`concurrency must be a whole number ≥ 1, got ${String(options.concurrency)}`, {
      hint: 'leave it unset to use every core (os.availableParallelism())',
    });
  }
  return value;
}

function compareCodeUnits(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
