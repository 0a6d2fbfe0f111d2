/**
 * A cross-process single-writer lock on one file path, for local mode.
 *
 * The lock is a file created with an exclusive create (`open(path, 'wx')`)
 * that holds `{pid, hostname, acquiredAt, token}`. Waiters retry briefly and
 * give up with a `busy` error. A lock whose holder process is gone from this
 * host is stale and is taken over under a second guard file, so two waiters
 * can never both remove it. Within one process the lock is re-entrant for the
 * async context that holds it, so code running inside `withFileLock` may call
 * functions that take the same lock again without deadlocking.
 */

import { AsyncLocalStorage } from 'node:async_hooks';
import { randomUUID } from 'node:crypto';
import { open, unlink } from 'node:fs/promises';
import { hostname } from 'node:os';
import { resolve } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { busy, external, isEpmError } from '../../domain/errors.js';

/** Options of `withFileLock`. */
export interface FileLockOptions {
  /** How long to wait for another holder before throwing `busy`; default 10 000 ms. */
  timeoutMs?: number;
  /**
   * How old (by file modification time) a lock file with unreadable contents
   * must be before its holder is presumed to have died between creating and
   * writing it; default 10 000 ms. Holders that can be checked (a pid on this
   * host) are judged by whether the process is alive, never by age.
   */
  staleMs?: number;
  /** Base pause between attempts; a random jitter of the same size is added. Default 25 ms. */
  retryMs?: number;
}

/** What a lock file says about its holder. */
export interface LockHolder {
  /** Process id of the holder on `hostname`. */
  pid: number;
  /** `os.hostname()` of the machine the holder runs on. */
  hostname: string;
  /** ISO-8601 time the lock was taken. */
  acquiredAt: string;
  /** Random id of this acquisition, so a holder only ever removes its own lock. */
  token?: string;
}

const DEFAULT_TIMEOUT_MS = 10_000;
const DEFAULT_STALE_MS = 10_000;
const DEFAULT_RETRY_MS = 25;

/** One lock held by this process; `released` turns true when its `withFileLock` returns. */
interface Hold {
  readonly path: string;
  released: boolean;
}

const heldLocks = new AsyncLocalStorage<readonly Hold[]>();

/**
 * True when the current async context runs inside `withFileLock` for
 * `lockPath` and that call has not yet returned.
 */
export function isFileLockHeld(lockPath: string): boolean {
  const key = resolve(lockPath);
  return heldLocks.getStore()?.some((hold) => hold.path === key && !hold.released) ?? false;
}

/**
 * Runs `fn` while holding the lock file `lockPath`, and removes the lock when
 * `fn` settles. If the current async context already holds the lock, `fn`
 * simply runs. Throws `busy` when another live holder keeps the lock longer
 * than `timeoutMs`. The lock file's folder must exist.
 */
export async function withFileLock<T>(
  lockPath: string,
  fn: () => Promise<T>,
  options: FileLockOptions = {},
): Promise<T> {
  const key = resolve(lockPath);
  if (isFileLockHeld(key)) return fn();

  const token = await acquire(key, {
    timeoutMs: options.timeoutMs ?? DEFAULT_TIMEOUT_MS,
    staleMs: options.staleMs ?? DEFAULT_STALE_MS,
    retryMs: options.retryMs ?? DEFAULT_RETRY_MS,
  });
  const hold: Hold = { path: key, released: false };
  const outer = (heldLocks.getStore() ?? []).filter((h) => !h.released);
  let failed = false;
  try {
    return await heldLocks.run([...outer, hold], fn);
  } catch (error) {
    failed = true;
    throw error;
  } finally {
    hold.released = true;
    try {
      await release(key, token);
    } catch (error) {
      // The error of `fn` matters more; a lock left behind names this pid and
      // is taken over as stale once this process exits.
      if (!failed) {
        // A lock that could not be removed must surface, even from `finally`, when nothing else failed.
        // eslint-disable-next-line no-unsafe-finally
        throw external(`could not remove lock ${key}: ${messageOf(error)}`, {
          cause: error,
          hint: `delete ${key} by hand if no epm process is running`,
        });
      }
    }
  }
}

/** Reads and validates the holder recorded in a lock file's text; undefined when unreadable. */
export function parseLockHolder(text: string): LockHolder | undefined {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (typeof value !== 'object' || value === null) return undefined;
  const { pid, hostname: host, acquiredAt, token } = value as Record<string, unknown>;
  if (typeof pid !== 'number' || !Number.isSafeInteger(pid) || pid <= 0) return undefined;
  if (typeof host !== 'string' || typeof acquiredAt !== 'string') return undefined;
  if (token !== undefined && typeof token !== 'string') return undefined;
  return token === undefined ? { pid, hostname: host, acquiredAt } : { pid, hostname: host, acquiredAt, token };
}

/** True unless signalling `pid` reports that no such process exists. */
function isProcessAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM means the process exists but belongs to someone else.
    return errnoOf(error) !== 'ESRCH';
  }
}

interface ResolvedOptions {
  timeoutMs: number;
  staleMs: number;
  retryMs: number;
}

/** A lock file as seen at one moment: its inode and raw text identify it. */
interface LockSnapshot {
  ino: number;
  text: string;
  mtimeMs: number;
}

type Inspection =
  | { state: 'gone' }
  | { state: 'stale'; snapshot: LockSnapshot }
  | { state: 'live'; holder: LockHolder | undefined };

async function acquire(lockPath: string, options: ResolvedOptions): Promise<string> {
  const deadline = Date.now() + options.timeoutMs;
  for (;;) {
    const token = randomUUID();
    if (await tryCreate(lockPath, token)) return token;

    const seen = await inspect(lockPath, options.staleMs);
    const expired = Date.now() >= deadline;
    if (seen.state === 'gone' && !expired) continue;
    if (seen.state === 'stale' && (await tryTakeOver(lockPath, seen.snapshot, options.staleMs))) continue;
    if (expired) throw busyError(lockPath, holderOf(seen), options.timeoutMs);
    await sleep(options.retryMs + Math.random() * options.retryMs);
  }
}

function holderOf(seen: Inspection): LockHolder | undefined {
  if (seen.state === 'live') return seen.holder;
  if (seen.state === 'stale') return parseLockHolder(seen.snapshot.text);
  return undefined;
}

/** Creates the lock file exclusively; false when it already exists. */
async function tryCreate(lockPath: string, token: string): Promise<boolean> {
  let handle;
  try {
    handle = await open(lockPath, 'wx');
  } catch (error) {
    if (errnoOf(error) === 'EEXIST') return false;
    throw external(`could not create lock ${lockPath}: ${messageOf(error)}`, {
      cause: error,
      hint: 'check that the folder exists and is writable',
    });
  }
  const holder: LockHolder = {
    pid: process.pid,
    hostname: hostname(),
    acquiredAt: new Date().toISOString(),
    token,
  };
  try {
    await handle.writeFile(`${JSON.stringify(holder)}\n`);
    await handle.sync();
  } catch (error) {
    await handle.close().catch(() => undefined);
    await unlink(lockPath).catch(() => undefined);
    throw external(`could not write lock ${lockPath}: ${messageOf(error)}`, { cause: error });
  }
  await handle.close();
  return true;
}

async function readSnapshot(lockPath: string): Promise<LockSnapshot | undefined> {
  let handle;
  try {
    handle = await open(lockPath, 'r');
  } catch (error) {
    if (errnoOf(error) === 'ENOENT') return undefined;
    throw external(`could not read lock ${lockPath}: ${messageOf(error)}`, { cause: error });
  }
  try {
    const stats = await handle.stat();
    const text = await handle.readFile('utf8');
    return { ino: stats.ino, text, mtimeMs: stats.mtimeMs };
  } finally {
    await handle.close();
  }
}

async function inspect(lockPath: string, staleMs: number): Promise<Inspection> {
  const snapshot = await readSnapshot(lockPath);
  if (snapshot === undefined) return { state: 'gone' };
  const holder = parseLockHolder(snapshot.text);
  if (holder === undefined) {
    // The holder may be between creating the file and writing it; only age tells.
    return Date.now() - snapshot.mtimeMs > staleMs ? { state: 'stale', snapshot } : { state: 'live', holder };
  }
  // A process on another machine cannot be checked from here, so it is never presumed dead.
  if (holder.hostname !== hostname()) return { state: 'live', holder };
  return isProcessAlive(holder.pid) ? { state: 'live', holder } : { state: 'stale', snapshot };
}

/**
 * Removes the stale lock seen in `observed`, under the guard file
 * `<lock>.takeover`, and only if the lock file is still that very file.
 * Without the guard, a second waiter could remove the fresh lock the first
 * one just created. True when the lock is gone afterwards.
 */
async function tryTakeOver(lockPath: string, observed: LockSnapshot, staleMs: number): Promise<boolean> {
  const guardPath = `${lockPath}.takeover`;
  let guard;
  try {
    guard = await open(guardPath, 'wx');
  } catch (error) {
    if (errnoOf(error) !== 'EEXIST') throw external(`could not create ${guardPath}: ${messageOf(error)}`, { cause: error });
    await removeAbandonedGuard(guardPath, staleMs);
    return false;
  }
  try {
    await guard.close();
    const current = await readSnapshot(lockPath);
    if (current === undefined) return true;
    if (current.ino !== observed.ino || current.text !== observed.text) return false;
    await unlinkIfPresent(lockPath);
    return true;
  } finally {
    await unlinkIfPresent(guardPath);
  }
}

/** A guard lives for a few milliseconds; one older than `staleMs` belongs to a waiter that died. */
async function removeAbandonedGuard(guardPath: string, staleMs: number): Promise<void> {
  const snapshot = await readSnapshot(guardPath);
  if (snapshot !== undefined && Date.now() - snapshot.mtimeMs > staleMs) await unlinkIfPresent(guardPath);
}

/** Removes the lock file only if it is still the one this acquisition created. */
async function release(lockPath: string, token: string): Promise<void> {
  const snapshot = await readSnapshot(lockPath);
  if (snapshot === undefined) return;
  if (parseLockHolder(snapshot.text)?.token !== token) return;
  await unlinkIfPresent(lockPath);
}

async function unlinkIfPresent(path: string): Promise<void> {
  try {
    await unlink(path);
  } catch (error) {
    if (errnoOf(error) !== 'ENOENT') throw error;
  }
}

function busyError(lockPath: string, holder: LockHolder | undefined, timeoutMs: number) {
  if (holder === undefined) {
    return busy(`lock ${lockPath} is held by an unknown process (the lock file is empty or unreadable); waited ${timeoutMs} ms`, {
      hint: `retry in a few seconds; if no epm process is running, delete ${lockPath}`,
    });
  }
  return busy(
    `lock ${lockPath} is held by pid ${holder.pid} on ${holder.hostname} since ${holder.acquiredAt}; waited ${timeoutMs} ms`,
    {
      hint: `wait for pid ${holder.pid} to finish and retry; if that process is no longer running, delete ${lockPath}`,
    },
  );
}

function errnoOf(error: unknown): string | undefined {
  return typeof error === 'object' && error !== null && 'code' in error && typeof error.code === 'string'
    ? error.code
    : undefined;
}

function messageOf(error: unknown): string {
  if (isEpmError(error)) return error.message;
  return error instanceof Error ? error.message : String(error);
}
