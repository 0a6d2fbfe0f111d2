import { mkdir, mkdtemp, readFile, rm, rmdir, writeFile } from 'node:fs/promises';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LocalCompute, type LocalComputeOptions } from '../../src/adapters/local/local-compute.js';
import {
  DEFAULT_LOG_PATTERNS,
  LOG_TAIL_BYTES,
  decodeTail,
  parseSentinel,
  readLogTail,
  scanLog,
} from '../../src/adapters/local/log-scan.js';
import { RUN_WRAPPER_SOURCE } from '../../src/adapters/local/run-wrapper.js';
import type { RunObservation, RunSpec } from '../../src/ports/compute.js';
import { isEpmError } from '../../src/domain/errors.js';

/** Polls `fn` until it returns a truthy value or `timeoutMs` passes. */
async function waitFor<T>(fn: () => Promise<T> | T, timeoutMs: number): Promise<NonNullable<T>> {
  const deadline = Date.now() + timeoutMs;
  let last: T;
  for (;;) {
    last = await fn();
    if (last) return last as NonNullable<T>;
    if (Date.now() > deadline) throw new Error(`waitFor timed out after ${timeoutMs} ms; last value ${JSON.stringify(last)}`);
    await new Promise((done) => setTimeout(done, 25));
  }
}

/** A shell command running a Node script. */
const node = (script: string): string => `'${process.execPath}' -e '${script.replace(/'/g, `'\\''`)}'`;

/** True when `pid` runs; a zombie waiting to be reaped counts as dead. */
const alive = (pid: number): boolean => {
  try {
    process.kill(pid, 0);
  } catch {
    return false;
  }
  if (process.platform !== 'linux') return true;
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2)[0] !== 'Z';
  } catch {
    return false;
  }
};

/** Live (non-zombie) processes of a process group, from /proc; empty off Linux. */
const liveMembers = (group: number): number[] => {
  if (process.platform !== 'linux') return [];
  return readdirSync('/proc')
    .filter((name) => /^\d+$/.test(name))
    .filter((name) => {
      try {
        const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
        const [state, , pgrp] = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
        return Number(pgrp) === group && state !== 'Z';
      } catch {
        return false;
      }
    })
    .map(Number);
};

const errorCode = async (promise: Promise<unknown>): Promise<string> => {
  try {
    await promise;
  } catch (error) {
    if (isEpmError(error)) return error.code;
    throw error;
  }
  throw new Error('expected a rejection');
};

describe('LocalCompute', () => {
  let root: string;
  let work: string;
  let computes: { compute: LocalCompute; runIds: string[] }[];

  beforeEach(async () => {
    root = await mkdtemp(join(tmpdir(), 'epm-local-compute-'));
    work = join(root, 'work');
    await mkdir(work);
    computes = [];
  });

  afterEach(async () => {
    // Never leave processes behind, even when a test failed half-way.
    for (const { compute, runIds } of computes) {
      for (const runId of runIds) await compute.release(runId).catch(() => undefined);
    }
    await rm(root, { recursive: true, force: true });
  });

  const makeCompute = (options: Partial<LocalComputeOptions> = {}) => {
    const entry = {
      compute: new LocalCompute({ runsDir: join(root, 'runs'), heartbeatIntervalMs: 50, killGraceMs: 1_000, ...options }),
      runIds: [] as string[],
    };
    computes.push(entry);
    const launch = (spec: Omit<RunSpec, 'cwd'> & { cwd?: string }) => {
      entry.runIds.push(spec.runId);
      return entry.compute.launch({ cwd: work, ...spec });
    };
    const until = (runId: string, states: RunObservation['state'][], timeoutMs = 5_000) =>
      waitFor(async () => {
        const seen = await entry.compute.inspect(runId);
        return states.includes(seen.state) ? seen : undefined;
      }, timeoutMs);
    return { compute: entry.compute, launch, until };
  };

  it('runs a command to completion and keeps the contract; a second launch starts nothing', async () => {
    const { compute, launch, until } = makeCompute();
    const script = `require("fs").appendFileSync("counter", "x");
      console.log("[phase=train]"); console.log("loss=0.5"); console.error("[phase=eval] accuracy=0.9");`;
    const handle = await launch({ runId: '7-1', command: node(script) });
    expect(handle.runDir).toBe(join(root, 'runs', '7-1'));
    expect(handle.logPath).toBe(join(handle.runDir, 'run.log'));
    expect(Number.isNaN(Date.parse(handle.startedAt))).toBe(false);

    const again = await launch({ runId: '7-1', command: node(script) });
    expect(again).toEqual(handle);

    const seen = await until('7-1', ['exited']);
    expect(seen).toMatchObject({ runId: '7-1', state: 'exited', phase: 'eval', logPath: handle.logPath, findings: [] });
    expect(seen.sentinel).toMatchObject({ exitCode: 0, signal: null });

    const log = await readFile(handle.logPath, 'utf8');
    expect(log).toContain('[phase=train]\nloss=0.5\n');
    expect(log).toMatch(/\[epm-sentinel\] \{"exitCode":0,"signal":null,"endedAt":"[^"]+"\}\n$/);
    const sentinel: unknown = JSON.parse(await readFile(join(handle.runDir, 'sentinel.json'), 'utf8'));
    expect(sentinel).toEqual(seen.sentinel);
    for (const file of ['spec.json', 'wrapper.pid', 'child.pid', 'heartbeat']) {
      expect(existsSync(join(handle.runDir, file))).toBe(true);
    }

    // Launching the finished run again still starts nothing.
    expect(await launch({ runId: '7-1', command: node(script) })).toEqual(handle);
    await new Promise((done) => setTimeout(done, 300));
    expect(await readFile(join(work, 'counter'), 'utf8')).toBe('x');
    expect((await compute.inspect('7-1')).state).toBe('exited');
  });

  it('starts one process when two launches of the same run race', async () => {
    const { launch, until } = makeCompute();
    const command = node('require("fs").appendFileSync("counter", "x")');
    const handles = await Promise.all([1, 2, 3].map(() => launch({ runId: '7-9', command })));
    expect(new Set(handles.map((handle) => JSON.stringify(handle))).size).toBe(1);
    await until('7-9', ['exited']);
    await new Promise((done) => setTimeout(done, 200));
    expect(await readFile(join(work, 'counter'), 'utf8')).toBe('x');
  });

  it('records a non-zero exit code', async () => {
    const { launch, until } = makeCompute();
    await launch({ runId: '7-2', command: 'echo failing; exit 3' });
    const seen = await until('7-2', ['exited']);
    expect(seen.sentinel).toMatchObject({ exitCode: 3, signal: null });
  });

  it('reports a run whose wrapper died without a sentinel as lost', async () => {
    const { compute, launch, until } = makeCompute();
    const handle = await launch({ runId: '7-3', command: node('setTimeout(() => {}, 10000)') });
    expect((await compute.inspect('7-3')).state).toBe('running');
    const wrapperPid = Number(await readFile(join(handle.runDir, 'wrapper.pid'), 'utf8'));
    const childPid = Number(await waitFor(() => readFile(join(handle.runDir, 'child.pid'), 'utf8').catch(() => ''), 2_000));
    process.kill(-wrapperPid, 'SIGKILL'); // the wrapper's group holds the command too

    const seen = await until('7-3', ['lost']);
    expect(seen.findings).toContainEqual({ kind: 'died-without-sentinel' });
    expect(seen.sentinel).toBeUndefined();
    expect(existsSync(join(handle.runDir, 'sentinel.json'))).toBe(false);
    await waitFor(() => !alive(childPid), 2_000);
    await compute.release('7-3'); // nothing left to stop: a no-op
    expect((await compute.inspect('7-3')).state).toBe('lost');
  });

  it('flags a silent run as stalled and release stops it; output or touching the heartbeat keeps a run alive', async () => {
    const { compute, launch, until } = makeCompute({ stallAfterMs: 300 });
    const silent = await launch({ runId: '8-1', command: node('console.log("start"); setTimeout(() => {}, 10000)') });
    await launch({
      runId: '8-2',
      command: node('const t = setInterval(() => console.log("step"), 50); setTimeout(() => clearInterval(t), 2500)'),
    });
    await launch({
      runId: '8-3',
      command: node(
        'const f = process.env.EPM_HEARTBEAT_FILE; const t = setInterval(() => require("fs").utimesSync(f, new Date(), new Date()), 50); setTimeout(() => clearInterval(t), 2500)',
      ),
    });

    const stalled = await until('8-1', ['stalled']);
    expect(stalled.heartbeatAgeMs).toBeGreaterThan(300);
    expect(stalled.findings).toContainEqual({ kind: 'stalled', heartbeatAgeMs: stalled.heartbeatAgeMs });
    // Well past stallAfterMs since 8-2 and 8-3 started: only their output or touches keep them fresh.
    await new Promise((done) => setTimeout(done, 700));
    for (const runId of ['8-2', '8-3']) {
      const seen = await compute.inspect(runId);
      expect(seen.state).toBe('running');
      expect(seen.heartbeatAgeMs).toBeLessThan(300);
      expect(seen.findings).toEqual([]);
    }

    const childPid = Number(await readFile(join(silent.runDir, 'child.pid'), 'utf8'));
    const group = Number(await readFile(join(silent.runDir, 'wrapper.pid'), 'utf8'));
    expect(liveMembers(group).length).toBeGreaterThan(0);
    await compute.release('8-1');
    const after = await compute.inspect('8-1');
    expect(after.state).toBe('exited');
    expect(after.sentinel?.signal).toBe('SIGTERM');
    expect(alive(childPid)).toBe(false);
    expect(liveMembers(group)).toEqual([]);
    await compute.release('8-1'); // idempotent
    expect((await compute.inspect('8-1')).state).toBe('exited');
  });

  it('release escalates to SIGKILL when the command ignores SIGTERM', async () => {
    const { compute, launch } = makeCompute({ killGraceMs: 300 });
    const handle = await launch({
      runId: '8-4',
      command: node('process.on("SIGTERM", () => console.log("ignoring SIGTERM")); console.log("up"); setInterval(() => {}, 1000)'),
    });
    await waitFor(async () => (await readFile(handle.logPath, 'utf8')).includes('up'), 5_000);
    const group = Number(await readFile(join(handle.runDir, 'wrapper.pid'), 'utf8'));
    await compute.release('8-4');
    expect(liveMembers(group)).toEqual([]);
    expect(['exited', 'lost']).toContain((await compute.inspect('8-4')).state);
    expect(await readFile(handle.logPath, 'utf8')).toContain('ignoring SIGTERM');
  });

  it('reports NaN and out-of-memory lines', async () => {
    const { launch, until } = makeCompute();
    await launch({ runId: '9-1', command: 'echo "[phase=train] step=1 loss=nan"; echo "RuntimeError: CUDA error: out of memory" >&2; exit 1' });
    const seen = await until('9-1', ['exited']);
    expect(seen.phase).toBe('train');
    expect(seen.findings).toEqual([
      { kind: 'nan', line: '[phase=train] step=1 loss=nan' },
      { kind: 'oom', line: 'RuntimeError: CUDA error: out of memory' },
    ]);
    expect(seen.sentinel?.exitCode).toBe(1);
  });

  it('passes the run environment to the command', async () => {
    const { launch, until } = makeCompute();
    const handle = await launch({
      runId: '9-2',
      command: 'echo "id=$EPM_RUN_ID foo=$FOO dir=$EPM_RUN_DIR log=$EPM_LOG_PATH hb=$EPM_HEARTBEAT_FILE"; pwd',
      env: { FOO: 'bar baz' },
    });
    await until('9-2', ['exited']);
    const log = await readFile(handle.logPath, 'utf8');
    expect(log).toContain(
      `id=9-2 foo=bar baz dir=${handle.runDir} log=${handle.logPath} hb=${join(handle.runDir, 'heartbeat')}\n${work}\n`,
    );
  });

  it('rejects bad input without touching the disk, and knows nothing of unknown runs', async () => {
    const { compute, launch } = makeCompute();
    for (const runId of ['../escape', '', '.hidden', 'a/b', 'x y']) {
      expect(await errorCode(launch({ runId, command: 'true' }))).toBe('bad-input');
      expect(await errorCode(compute.inspect(runId))).toBe('bad-input');
      expect(await errorCode(compute.release(runId))).toBe('bad-input');
    }
    expect(await errorCode(launch({ runId: '1-1', command: '  ' }))).toBe('bad-input');
    expect(await errorCode(launch({ runId: '1-1', command: 'true', cwd: 'relative' }))).toBe('bad-input');
    expect(await errorCode(launch({ runId: '1-1', command: 'true', cwd: join(root, 'missing') }))).toBe('bad-input');
    expect(await errorCode(launch({ runId: '1-1', command: 'true', env: { 'BAD-NAME': 'x' } }))).toBe('bad-input');
    expect(existsSync(join(root, 'runs'))).toBe(false);

    expect(await compute.inspect('1-1')).toEqual({ runId: '1-1', state: 'unknown', findings: [] });
    await expect(compute.release('1-1')).resolves.toBeUndefined();
    expect(() => new LocalCompute({ runsDir: root, stallAfterMs: -1 })).toThrow(/stallAfterMs/);
  });

  it('refuses to reuse a run id for a different command', async () => {
    const { launch, until } = makeCompute();
    await launch({ runId: '2-1', command: 'echo one' });
    expect(await errorCode(launch({ runId: '2-1', command: 'echo two' }))).toBe('conflict');
    expect(await errorCode(launch({ runId: '2-1', command: 'echo one', env: { A: '1' } }))).toBe('conflict');
    await until('2-1', ['exited']);
  });

  it('fails a launch whose wrapper cannot start with its stderr, and allows a retry', async () => {
    const { launch, until } = makeCompute();
    const runDir = join(root, 'runs', '3-1');
    await mkdir(join(runDir, 'run.log'), { recursive: true }); // the wrapper cannot open its log
    const failure = await launch({ runId: '3-1', command: 'echo hi' }).catch((error: unknown) => error);
    expect(isEpmError(failure) && failure.code).toBe('external');
    expect(String((failure as Error).message)).toContain('EISDIR');
    expect(existsSync(join(runDir, 'spec.json'))).toBe(false);

    await rmdir(join(runDir, 'run.log'));
    const handle = await launch({ runId: '3-1', command: 'echo hi' });
    await until('3-1', ['exited']);
    expect(await readFile(handle.logPath, 'utf8')).toMatch(/^hi\n\[epm-sentinel\] /);
  });

  it('reads a sentinel line from the log when the wrapper died before writing sentinel.json', async () => {
    const { compute } = makeCompute();
    const runDir = join(root, 'runs', '4-1');
    await mkdir(runDir, { recursive: true });
    const stored = { runId: '4-1', cwd: work, command: 'true', env: {}, startedAt: new Date(0).toISOString(), heartbeatIntervalMs: 50 };
    await writeFile(join(runDir, 'spec.json'), JSON.stringify(stored));
    await writeFile(join(runDir, 'wrapper.pid'), '2147483646\n'); // no such process
    await writeFile(join(runDir, 'run.log'), '[phase=done]\n[epm-sentinel] {"exitCode":0,"signal":null,"endedAt":"2025-01-01T00:00:00.000Z"}\n');
    const seen = await compute.inspect('4-1');
    expect(seen).toMatchObject({ state: 'exited', phase: 'done', sentinel: { exitCode: 0, signal: null } });

    await writeFile(join(runDir, 'run.log'), '[phase=train]\n');
    expect(await compute.inspect('4-1')).toMatchObject({ state: 'lost', findings: [{ kind: 'died-without-sentinel' }] });
  });
});

describe('scanLog', () => {
  const nanLines: [string, boolean][] = [
    ['step 10 loss=nan', true],
    ['loss: NaN', true],
    ["{'loss': nan, 'learning_rate': 1e-4}", true],
    ['train/loss = -nan', true],
    ['eval_accuracy: nan', true],
    ['step 3 | loss 2.31 | grad_norm nan', true],
    ['Loss is NaN, stopping training', true],
    ['Detected NaN loss at step 40', true],
    ["RuntimeError: Function 'LogBackward0' returned nan values in its 0th output.", true],
    ['loss=0.5', false],
    ['loading nanogpt checkpoint from /data/nan/ckpt.pt', false],
    ['step=3 loss=2.1 note=nan', false],
    ['nan', false],
    ['banana loss=0.3', false],
  ];
  it.each(nanLines)('NaN pattern on %j → %s', (line, expected) => {
    const { findings } = scanLog(line);
    expect(findings.some((finding) => finding.kind === 'nan')).toBe(expected);
  });

  const oomLines: [string, boolean][] = [
    ['torch.OutOfMemoryError: CUDA out of memory. Tried to allocate 2.00 GiB', true],
    ['RuntimeError: CUDA error: out of memory', true],
    ['Out of memory: Killed process 1234 (python)', true],
    ['MemoryError', true],
    ['memory used: 12 GiB of 80 GiB', false],
    ['loaded 3 shards into memory', false],
  ];
  it.each(oomLines)('OOM pattern on %j → %s', (line, expected) => {
    const { findings } = scanLog(line);
    expect(findings.some((finding) => finding.kind === 'oom')).toBe(expected);
  });

  const phases: [string, string | undefined][] = [
    ['no phases here', undefined],
    ['[phase=setup]\n[phase=train] epoch 1\n', 'train'],
    ['[phase=a] then [phase=b] on one line', 'b'],
    ['[phase=train]\r[phase=eval]\r\n', 'eval'],
    ['[phase=]\n[phase=has space]', undefined],
    ['[phase=train]\n[epm-sentinel] {"exitCode":0,"signal":null,"endedAt":"2025-01-01T00:00:00Z"}', 'train'],
  ];
  it.each(phases)('phase of %j is %j', (text, phase) => {
    expect(scanLog(text).phase).toBe(phase);
  });

  it('quotes the latest matching line once per kind, clipped, and ignores the sentinel line', () => {
    const long = `loss=nan ${'x'.repeat(1000)}`;
    const scan = scanLog(`loss=nan first\n${long}\n[epm-sentinel] {"exitCode":1,"signal":null,"endedAt":"2025-01-01T00:00:00Z"}\n`);
    expect(scan.findings).toHaveLength(1);
    const [finding] = scan.findings;
    expect(finding?.kind).toBe('nan');
    expect(finding && 'line' in finding && finding.line.length).toBe(300);
    expect(scan.sentinel).toEqual({ exitCode: 1, signal: null, endedAt: '2025-01-01T00:00:00Z' });
  });

  it('accepts custom and global patterns and uses them statelessly', () => {
    const patterns = { nan: [/diverged/g], oom: [/cannot allocate/gi] };
    for (let i = 0; i < 3; i++) {
      expect(scanLog('training diverged\nCannot allocate memory', patterns).findings.map((f) => f.kind)).toEqual(['nan', 'oom']);
    }
    expect(scanLog('loss=nan', patterns).findings).toEqual([]);
    expect(DEFAULT_LOG_PATTERNS.nan.length).toBeGreaterThan(0);
  });

  it.each([
    ['{"exitCode":0,"signal":null,"endedAt":"2025-01-01T00:00:00Z"}', true],
    ['{"exitCode":null,"signal":"SIGTERM","endedAt":"2025-01-01T00:00:00Z"}', true],
    ['{"exitCode":"0","signal":null,"endedAt":"2025-01-01T00:00:00Z"}', false],
    ['{"exitCode":0,"signal":null,"endedAt":"yesterday"}', false],
    ['{"exitCode":0,"signal":null', false],
    ['null', false],
  ])('parseSentinel(%s) is valid: %s', (json, valid) => {
    expect(parseSentinel(json) !== undefined).toBe(valid);
  });

  it('decodeTail drops the partial first line of a mid-file tail', () => {
    expect(decodeTail(Buffer.from('whole\nlines\n'), 0)).toBe('whole\nlines\n');
    expect(decodeTail(Buffer.from('tial\nlines\n'), 10)).toBe('lines\n');
    expect(decodeTail(Buffer.from('no break at all'), 10)).toBe('');
    // A tail cut through a multi-byte character loses only that partial line.
    expect(decodeTail(Buffer.from('é\nok\n').subarray(1), 1)).toBe('ok\n');
  });
});

describe('readLogTail', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'epm-log-tail-'));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('reads only the last 256 KiB of a 1 MiB log and still finds a phase near its end', async () => {
    const filler = `${'step 123 loss=0.25 lr=1e-4 '.padEnd(99, '.')}\n`; // 100 bytes a line
    const head = `[phase=setup]\nloss=nan at the very start\n${filler.repeat(8_200)}`;
    const text = `${head}[phase=eval]\n${filler.repeat(2_400)}`;
    expect(text.length).toBeGreaterThan(1024 * 1024);
    const path = join(dir, 'run.log');
    await writeFile(path, text);

    const tail = await readLogTail(path);
    expect(Buffer.byteLength(tail)).toBeLessThanOrEqual(LOG_TAIL_BYTES);
    expect(text.endsWith(tail)).toBe(true);
    expect(tail.startsWith('step 123')).toBe(true);
    const scan = scanLog(tail);
    expect(scan.phase).toBe('eval');
    expect(scan.findings).toEqual([]); // the early NaN is outside the scanned window
  });

  it('reads a small log whole and a missing log as empty', async () => {
    const path = join(dir, 'run.log');
    expect(await readLogTail(path)).toBe('');
    await writeFile(path, '[phase=train]\n');
    expect(await readLogTail(path)).toBe('[phase=train]\n');
    expect(await readLogTail(path, 5)).toBe('');
  });
});

describe('RUN_WRAPPER_SOURCE', () => {
  it('is a self-contained ES module using Node built-ins only', () => {
    const imports = [...RUN_WRAPPER_SOURCE.matchAll(/from '([^']+)'/g)].map((match) => match[1]);
    expect(imports.length).toBeGreaterThan(0);
    expect(imports.every((name) => name?.startsWith('node:'))).toBe(true);
    expect(RUN_WRAPPER_SOURCE).not.toContain('${');
  });
});
