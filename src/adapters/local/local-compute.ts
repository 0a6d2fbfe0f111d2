/**
 * Local Compute adapter: each run is a detached local process (the run
 * wrapper, see run-wrapper.ts) that keeps the run contract in
 * `<runsDir>/<runId>/`. Nothing here waits on a run: `inspect` only reads the
 * contract files, so a monitor tick is cheap and never blocks.
 */

import { spawn } from 'node:child_process';
import { closeSync, openSync, readdirSync, readFileSync } from 'node:fs';
import { link, mkdir, open, readFile, stat, unlink } from 'node:fs/promises';
import { isAbsolute, join, resolve } from 'node:path';
import { z } from 'zod';
import { badInput, conflict, external } from '../../domain/errors.js';
import type { Compute, RunFinding, RunHandle, RunObservation, RunSentinel, RunSpec } from '../../ports/compute.js';
import { DEFAULT_NAN_PATTERNS, DEFAULT_OOM_PATTERNS, parseSentinel, readLogTail, scanLog } from './log-scan.js';
import { RUN_WRAPPER_SOURCE } from './run-wrapper.js';

/** Options of the local Compute adapter. */
export interface LocalComputeOptions {
  /** Folder holding one sub-folder per run. */
  runsDir: string;
  /** Current time; injectable for tests. Defaults to the system clock. */
  clock?: () => Date;
  /** A live run whose heartbeat is older than this is stalled. Default 15 minutes. */
  stallAfterMs?: number;
  /** How often the wrapper checks the log for new output (and beats when there is some). Default 10 s. */
  heartbeatIntervalMs?: number;
  /** Lines that mean a NaN loss or metric. Default `DEFAULT_NAN_PATTERNS`. */
  nanPatterns?: RegExp[];
  /** Lines that mean out of memory. Default `DEFAULT_OOM_PATTERNS`. */
  oomPatterns?: RegExp[];
  /** How long `launch` waits for the wrapper to write `wrapper.pid`. Default 10 s. */
  startTimeoutMs?: number;
  /** How long `release` waits after SIGTERM before it sends SIGKILL. Default 5 s. */
  killGraceMs?: number;
}

/** Run ids are folder names: no separators, no leading dot. */
const RUN_ID = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;
/** Environment variable names a shell accepts. */
const ENV_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;
const POLL_MS = 20;

/** The launcher's record of a run, `spec.json`; the wrapper reads it. */
const storedSpecSchema = z.object({
  runId: z.string(),
  cwd: z.string(),
  command: z.string(),
  env: z.record(z.string(), z.string()),
  startedAt: z.string(),
  heartbeatIntervalMs: z.number(),
});
type StoredSpec = z.infer<typeof storedSpecSchema>;

/** The files of one run folder. */
interface RunPaths {
  runDir: string;
  spec: string;
  log: string;
  wrapperPid: string;
  childPid: string;
  heartbeat: string;
  sentinel: string;
  wrapperErr: string;
}

/** Runs experiment commands as detached local processes. */
export class LocalCompute implements Compute {
  private readonly runsDir: string;
  private readonly clock: () => Date;
  private readonly stallAfterMs: number;
  private readonly heartbeatIntervalMs: number;
  private readonly patterns: { nan: readonly RegExp[]; oom: readonly RegExp[] };
  private readonly startTimeoutMs: number;
  private readonly killGraceMs: number;

  /** Creates the adapter; nothing touches the disk until a method is called. */
  constructor(options: LocalComputeOptions) {
    this.runsDir = resolve(options.runsDir);
    this.clock = options.clock ?? (() => new Date());
    this.stallAfterMs = positive(options.stallAfterMs, 15 * 60_000, 'stallAfterMs');
    this.heartbeatIntervalMs = positive(options.heartbeatIntervalMs, 10_000, 'heartbeatIntervalMs');
    this.patterns = { nan: options.nanPatterns ?? DEFAULT_NAN_PATTERNS, oom: options.oomPatterns ?? DEFAULT_OOM_PATTERNS };
    this.startTimeoutMs = positive(options.startTimeoutMs, 10_000, 'startTimeoutMs');
    this.killGraceMs = positive(options.killGraceMs, 5_000, 'killGraceMs');
  }

  /**
   * Starts the run detached and returns once its wrapper is up. Idempotent by
   * `runId`: when the run folder already holds `spec.json` the existing run is
   * returned and nothing is started (a different command, cwd or env for the
   * same id is a conflict). A launch that crashed before its wrapper started
   * leaves a run that `inspect` reports as lost; use a new run id then.
   */
  async launch(spec: RunSpec): Promise<RunHandle> {
    const paths = this.pathsOf(spec.runId);
    await validateSpec(spec);
    const existing = await readStoredSpec(paths);
    if (existing) return handleOf(paths, assertSameSpec(existing, spec));

    await mkdir(paths.runDir, { recursive: true }).catch((error: unknown) => {
      throw external(`could not create the run folder ${paths.runDir}: ${describe(error)}`, {
        hint: 'check that the runs folder is writable',
        cause: error,
      });
    });
    const stored: StoredSpec = {
      runId: spec.runId,
      cwd: spec.cwd,
      command: spec.command,
      env: { ...(spec.env ?? {}) },
      startedAt: this.clock().toISOString(),
      heartbeatIntervalMs: this.heartbeatIntervalMs,
    };
    // link() is an exclusive, atomic create: of two concurrent launches exactly one wins.
    const tmp = `${paths.spec}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`;
    try {
      await writeDurably(tmp, `${JSON.stringify(stored, null, 2)}\n`);
      await link(tmp, paths.spec);
    } catch (error) {
      if (!isErrno(error, 'EEXIST')) throw external(`could not write ${paths.spec}: ${describe(error)}`, { cause: error });
      const winner = await readStoredSpec(paths);
      if (!winner) throw external(`${paths.spec} vanished during launch`, { hint: 'retry the launch' });
      return handleOf(paths, assertSameSpec(winner, spec));
    } finally {
      await unlink(tmp).catch(() => undefined);
    }

    await this.startWrapper(paths);
    return handleOf(paths, stored);
  }

  /**
   * Reports what the run contract says, without waiting on the run: unknown
   * (never launched), exited (sentinel present), running or stalled (wrapper
   * alive; stalled when the heartbeat is older than `stallAfterMs`) or lost
   * (wrapper gone without a sentinel). Always adds the latest phase and the
   * NaN/OOM findings from the last 256 KiB of the log.
   */
  async inspect(runId: string): Promise<RunObservation> {
    const paths = this.pathsOf(runId);
    const stored = await readStoredSpec(paths);
    if (!stored) return { runId, state: 'unknown', findings: [] };

    const tail = await readLogTail(paths.log);
    const scan = scanLog(tail, this.patterns);
    const findings: RunFinding[] = [...scan.findings];
    const observation: RunObservation = { runId, state: 'running', findings, logPath: paths.log, logTail: lastLines(tail, LOG_TAIL_FOR_DIAGNOSIS) };
    if (scan.phase !== undefined) observation.phase = scan.phase;
    const now = this.clock().getTime();
    const beatAt = (await mtimeOf(paths.heartbeat)) ?? Date.parse(stored.startedAt);
    if (!Number.isNaN(beatAt)) observation.heartbeatAgeMs = Math.max(0, now - beatAt);

    const exited = (sentinel: RunSentinel): RunObservation => ({ ...observation, state: 'exited', sentinel });
    const sentinel = await readSentinel(paths);
    if (sentinel) return exited(sentinel);

    const wrapperPid = await readPid(paths.wrapperPid);
    const alive =
      wrapperPid === undefined
        ? now - Date.parse(stored.startedAt) < this.startTimeoutMs // still starting
        : isOurWrapper(wrapperPid, paths.runDir);
    if (alive) {
      const age = observation.heartbeatAgeMs ?? 0;
      if (age <= this.stallAfterMs) return observation;
      findings.push({ kind: 'stalled', heartbeatAgeMs: age });
      return { ...observation, state: 'stalled' };
    }
    // The wrapper may have finished between the two reads; the log line covers a crash before the rename.
    const late = (await readSentinel(paths)) ?? scanLog(await readLogTail(paths.log)).sentinel;
    if (late) return exited(late);
    findings.push({ kind: 'died-without-sentinel' });
    return { ...observation, state: 'lost' };
  }

  /**
   * Stops the run if it is still alive: SIGTERM to its process group, then
   * SIGKILL after `killGraceMs`. Idempotent; an unknown run is a no-op. After
   * a SIGTERM the wrapper still writes the sentinel (with the signal); after
   * a SIGKILL there is none and `inspect` reports the run as lost.
   */
  async release(runId: string): Promise<void> {
    const paths = this.pathsOf(runId);
    if (!(await readStoredSpec(paths))) return;
    // No wrapper.pid means the command was never spawned (the wrapper writes it first).
    const group = await readPid(paths.wrapperPid);
    if (group === undefined || !viewGroup(group, paths.runDir).ours) return;
    // Once proven ours, the group id cannot be reused while any member lives, so the SIGKILL needs no new proof.
    const gone = (): boolean => !viewGroup(group, paths.runDir).alive;
    signalGroup(group, 'SIGTERM');
    if (await waitFor(gone, this.killGraceMs, 50)) return;
    signalGroup(group, 'SIGKILL');
    await waitFor(gone, 2_000, 50);
  }

  private pathsOf(runId: string): RunPaths {
    if (typeof runId !== 'string' || !RUN_ID.test(runId) || runId.length > 128) {
      throw badInput(`invalid run id ${JSON.stringify(runId)}`, {
        hint: 'use letters, digits, ".", "_" and "-", starting with a letter or digit (e.g. "12-1")',
      });
    }
    const runDir = join(this.runsDir, runId);
    return {
      runDir,
      spec: join(runDir, 'spec.json'),
      log: join(runDir, 'run.log'),
      wrapperPid: join(runDir, 'wrapper.pid'),
      childPid: join(runDir, 'child.pid'),
      heartbeat: join(runDir, 'heartbeat'),
      sentinel: join(runDir, 'sentinel.json'),
      wrapperErr: join(runDir, 'wrapper.err'),
    };
  }

  /** Spawns the wrapper and waits for `wrapper.pid`; on failure no command has run and the launch can be retried. */
  private async startWrapper(paths: RunPaths): Promise<void> {
    let errFd: number | undefined;
    let exited: string | undefined;
    let wrapperPid: number | undefined;
    try {
      errFd = openSync(paths.wrapperErr, 'w');
      const wrapper = spawn(process.execPath, ['--input-type=module', '-e', RUN_WRAPPER_SOURCE, paths.runDir], {
        detached: true,
        stdio: ['ignore', 'ignore', errFd],
      });
      wrapperPid = wrapper.pid;
      wrapper.on('error', (error) => (exited = `could not start: ${error.message}`));
      wrapper.on('exit', (code, signal) => (exited = `exited with ${signal ?? `code ${code}`}`));
      wrapper.unref();
    } catch (error) {
      exited = `could not start: ${describe(error)}`;
    } finally {
      if (errFd !== undefined) closeSync(errFd);
    }

    const started = await waitFor(
      async () => (await readPid(paths.wrapperPid)) !== undefined || exited !== undefined,
      this.startTimeoutMs,
    );
    if ((await readPid(paths.wrapperPid)) !== undefined) return;
    if (!started && wrapperPid !== undefined) {
      signalGroup(wrapperPid, 'SIGKILL');
      // It may have written wrapper.pid (and spawned the command) just before the kill: then the run is lost, not retryable.
      if ((await readPid(paths.wrapperPid)) !== undefined) {
        throw external(`run ${paths.runDir} was killed after it failed to confirm its start within ${this.startTimeoutMs} ms`, {
          hint: 'inspect reports it as lost; launch again with a new run id',
        });
      }
    }
    const stderr = (await readFile(paths.wrapperErr, 'utf8').catch(() => '')).trim();
    // The command never ran: forget the spec so the same run id can be launched again.
    await unlink(paths.spec).catch(() => undefined);
    throw external(
      `the run wrapper for ${paths.runDir} ${exited ?? `did not start within ${this.startTimeoutMs} ms`}` +
        (stderr ? `: ${stderr.slice(-2000)}` : ''),
      { hint: `see ${paths.wrapperErr}; fix the cause and launch again` },
    );
  }
}

async function validateSpec(spec: RunSpec): Promise<void> {
  if (typeof spec.command !== 'string' || spec.command.trim() === '') {
    throw badInput(`run ${spec.runId}: the command is empty`, { hint: 'give the shell command line to run' });
  }
  if (spec.command.includes('\0')) {
    throw badInput(`run ${spec.runId}: the command contains a NUL character`, { hint: 'remove it from the command' });
  }
  if (typeof spec.cwd !== 'string' || !isAbsolute(spec.cwd)) {
    throw badInput(`run ${spec.runId}: cwd ${JSON.stringify(spec.cwd)} is not an absolute path`, {
      hint: "pass the worktree's absolute path",
    });
  }
  const info = await stat(spec.cwd).catch(() => undefined);
  if (!info?.isDirectory()) {
    throw badInput(`run ${spec.runId}: cwd ${spec.cwd} is not an existing folder`, {
      hint: 'create the worktree before launching the run',
    });
  }
  for (const [name, value] of Object.entries(spec.env ?? {})) {
    if (!ENV_NAME.test(name) || typeof value !== 'string' || value.includes('\0')) {
      throw badInput(`run ${spec.runId}: invalid environment entry ${JSON.stringify(name)}`, {
        hint: 'names are letters, digits and "_" (not starting with a digit); values are strings without NUL',
      });
    }
  }
}

function assertSameSpec(existing: StoredSpec, spec: RunSpec): StoredSpec {
  const same =
    existing.command === spec.command &&
    existing.cwd === spec.cwd &&
    JSON.stringify(sortKeys(existing.env)) === JSON.stringify(sortKeys(spec.env ?? {}));
  if (!same) {
    throw conflict(`run ${spec.runId} was already launched with a different command, cwd or env`, {
      hint: 'launch the new command under a new run id',
    });
  }
  return existing;
}

function handleOf(paths: RunPaths, stored: StoredSpec): RunHandle {
  return { runId: stored.runId, logPath: paths.log, runDir: paths.runDir, startedAt: stored.startedAt };
}

async function readStoredSpec(paths: RunPaths): Promise<StoredSpec | undefined> {
  let text: string;
  try {
    text = await readFile(paths.spec, 'utf8');
  } catch (error) {
    if (isErrno(error, 'ENOENT') || isErrno(error, 'ENOTDIR')) return undefined;
    throw external(`could not read ${paths.spec}: ${describe(error)}`, { cause: error });
  }
  let parsed: ReturnType<typeof storedSpecSchema.safeParse>;
  try {
    parsed = storedSpecSchema.safeParse(JSON.parse(text));
  } catch (error) {
    parsed = { success: false, error } as ReturnType<typeof storedSpecSchema.safeParse>;
  }
  if (!parsed.success) {
    throw external(`${paths.spec} is not a valid run spec`, {
      hint: 'it is written atomically, so it was edited by hand: restore it or remove the run folder',
      cause: parsed.error,
    });
  }
  return parsed.data;
}

/** Creates `path` with `text` and flushes it to disk, so a crash never leaves a linked but empty spec. */
async function writeDurably(path: string, text: string): Promise<void> {
  const handle = await open(path, 'wx');
  try {
    await handle.writeFile(text);
    await handle.sync();
  } finally {
    await handle.close();
  }
}

async function readSentinel(paths: RunPaths): Promise<RunSentinel | undefined> {
  const text = await readFile(paths.sentinel, 'utf8').catch(() => undefined);
  return text === undefined ? undefined : parseSentinel(text);
}

async function readPid(path: string): Promise<number | undefined> {
  const text = await readFile(path, 'utf8').catch(() => undefined);
  const pid = Number(text?.trim());
  return Number.isInteger(pid) && pid > 1 ? pid : undefined;
}

async function mtimeOf(path: string): Promise<number | undefined> {
  const info = await stat(path).catch(() => undefined);
  return info?.mtimeMs;
}

/**
 * True when `pid` is alive and, where /proc shows it, is the wrapper of this
 * run folder (a reused pid or an unreaped zombie is not).
 */
function isOurWrapper(pid: number, runDir: string): boolean {
  if (!processExists(pid)) return false;
  const cmdline = readProc(`/proc/${pid}/cmdline`);
  if (cmdline === undefined) return true;
  return cmdline.split('\0').filter((arg) => arg !== '').at(-1) === runDir;
}

/** Whether a process group still has live (non-zombie) members, and whether it is provably this run's. */
interface GroupView {
  alive: boolean;
  ours: boolean;
}

/**
 * Looks at process group `group` (the wrapper's pid). On Linux, /proc tells
 * live members from zombies, and a group is this run's when its leader is
 * this run's wrapper or a member carries `EPM_RUN_DIR=<runDir>` in its
 * environment (so leftovers of a dead wrapper are still found, and a reused
 * pid never is). Elsewhere: alive when signalable, ours when the leader lives.
 */
function viewGroup(group: number, runDir: string): GroupView {
  if (!processExists(-group)) return { alive: false, ours: false };
  const entries = process.platform === 'linux' ? readProcEntries() : undefined;
  if (entries === undefined) return { alive: true, ours: processExists(group) };
  const marker = `EPM_RUN_DIR=${runDir}`;
  let alive = false;
  for (const pid of entries) {
    const stat = readProc(`/proc/${pid}/stat`);
    if (!stat) continue;
    // Fields after the parenthesised command name: state ppid pgrp …; a zombie (Z) is already dead.
    const [state, , pgrp] = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    if (Number(pgrp) !== group || state === 'Z') continue;
    alive = true;
    const ours =
      pid === group ? isOurWrapper(pid, runDir) : (readProc(`/proc/${pid}/environ`) ?? '').split('\0').includes(marker);
    if (ours) return { alive: true, ours: true };
  }
  return { alive, ours: false };
}

function readProcEntries(): number[] | undefined {
  try {
    return readdirSync('/proc')
      .filter((name) => /^\d+$/.test(name))
      .map(Number);
  } catch {
    return undefined;
  }
}

function readProc(path: string): string | undefined {
  if (process.platform !== 'linux') return undefined;
  try {
    // Synchronous on purpose: /proc reads are in-memory and tiny.
    return readFileSync(path, 'utf8');
  } catch {
    return '';
  }
}

function processExists(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return isErrno(error, 'EPERM');
  }
}

function signalGroup(group: number, signal: NodeJS.Signals): boolean {
  try {
    process.kill(-group, signal);
    return true;
  } catch {
    return false;
  }
}

async function waitFor(
  check: () => boolean | Promise<boolean>,
  timeoutMs: number,
  pollMs: number = POLL_MS,
): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (await check()) return true;
    if (Date.now() >= deadline) return false;
    await new Promise((done) => setTimeout(done, pollMs));
  }
}

function positive(value: number | undefined, fallback: number, name: string): number {
  if (value === undefined) return fallback;
  if (!Number.isFinite(value) || value <= 0) {
    throw badInput(`LocalCompute option ${name} must be a positive number of milliseconds, got ${value}`, {
      hint: `omit ${name} to use ${fallback}`,
    });
  }
  return value;
}

function sortKeys(env: Record<string, string>): [string, string][] {
  return Object.entries(env).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
}

function isErrno(error: unknown, code: string): boolean {
  return typeof error === 'object' && error !== null && (error as { code?: unknown }).code === code;
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** Characters of the log's end given to the experimenter. */
const LOG_TAIL_FOR_DIAGNOSIS = 8 * 1024;

/** The end of `text`, cut at a line start, at most `max` characters. */
function lastLines(text: string, max: number): string {
  if (text.length <= max) return text;
  const cut = text.slice(-max);
  const newline = cut.indexOf('\n');
  return newline >= 0 ? cut.slice(newline + 1) : cut;
}
