import { jest } from '@jest/globals';
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { existsSync } from 'node:fs';
import * as fsPromises from 'node:fs/promises';
import { mkdtemp, readFile, rm, utimes, writeFile } from 'node:fs/promises';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { EpmError } from '../../src/domain/errors.js';

/** Runs once just before the lock code next opens a `.takeover` guard: lets a test slip in a race. */
let beforeGuardOpen: (() => Promise<void>) | undefined;
jest.unstable_mockModule('node:fs/promises', () => ({
  ...fsPromises,
  open: async (...args: Parameters<typeof fsPromises.open>) => {
    const hook = beforeGuardOpen;
    if (hook !== undefined && String(args[0]).endsWith('.takeover')) {
      beforeGuardOpen = undefined;
      await hook();
    }
    return fsPromises.open(...args);
  },
}));
const { isFileLockHeld, parseLockHolder, withFileLock } = await import('../../src/adapters/local/file-lock.js');

let dir: string;
let lockPath: string;
const children: ChildProcess[] = [];

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'epm-file-lock-'));
  lockPath = join(dir, 'lock');
});

afterEach(async () => {
  for (const child of children.splice(0)) child.kill();
  await rm(dir, { recursive: true, force: true });
});

/** Starts a process that stays alive for a few seconds; killed after each test. */
async function spawnSleeper(): Promise<number> {
  const child = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 5000)'], { stdio: 'ignore' });
  children.push(child);
  await once(child, 'spawn');
  if (child.pid === undefined) throw new Error('no pid');
  return child.pid;
}

/** The pid of a process that has already exited. */
async function deadPid(): Promise<number> {
  const child = spawn(process.execPath, ['-e', ''], { stdio: 'ignore' });
  await once(child, 'exit');
  if (child.pid === undefined) throw new Error('no pid');
  return child.pid;
}

async function writeHolder(pid: number, host = hostname()): Promise<void> {
  await writeFile(lockPath, JSON.stringify({ pid, hostname: host, acquiredAt: '2020-01-01T00:00:00.000Z' }));
}

async function expectBusy(promise: Promise<unknown>): Promise<EpmError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(EpmError);
  expect((error as EpmError).code).toBe('busy');
  return error as EpmError;
}

describe('withFileLock', () => {
  it('holds a lock file naming this process while fn runs, and removes it afterwards', async () => {
    const result = await withFileLock(lockPath, async () => {
      const holder = parseLockHolder(await readFile(lockPath, 'utf8'));
      expect(holder).toMatchObject({ pid: process.pid, hostname: hostname() });
      expect(Number.isNaN(Date.parse(holder?.acquiredAt ?? ''))).toBe(false);
      return 42;
    });
    expect(result).toBe(42);
    expect(existsSync(lockPath)).toBe(false);
  });

  it('releases the lock when fn throws and passes the error on', async () => {
    await expect(
      withFileLock(lockPath, async () => {
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
    expect(existsSync(lockPath)).toBe(false);
  });

  it('throws busy naming the pid of a live holder in another process, and leaves its lock alone', async () => {
    const pid = await spawnSleeper();
    await writeHolder(pid);
    let ran = false;
    const started = Date.now();
    const error = await expectBusy(
      withFileLock(
        lockPath,
        async () => {
          ran = true;
        },
        { timeoutMs: 150 },
      ),
    );
    expect(Date.now() - started).toBeGreaterThanOrEqual(140);
    expect(ran).toBe(false);
    expect(error.message).toContain(`pid ${pid}`);
    expect(error.message).toContain(lockPath);
    expect(error.hint).toContain(`delete ${lockPath}`);
    expect(parseLockHolder(await readFile(lockPath, 'utf8'))?.pid).toBe(pid);
  });

  it('takes over a lock whose pid no longer runs on this host', async () => {
    await writeHolder(await deadPid());
    const holderInside = await withFileLock(lockPath, async () => parseLockHolder(await readFile(lockPath, 'utf8')), {
      timeoutMs: 1000,
    });
    expect(holderInside?.pid).toBe(process.pid);
    expect(existsSync(lockPath)).toBe(false);
    expect(existsSync(`${lockPath}.takeover`)).toBe(false);
  });

  it('lets exactly one of many concurrent waiters take over a stale lock at a time', async () => {
    await writeHolder(await deadPid());
    let active = 0;
    let maxActive = 0;
    let runs = 0;
    await Promise.all(
      Array.from({ length: 10 }, () =>
        withFileLock(
          lockPath,
          async () => {
            active++;
            maxActive = Math.max(maxActive, active);
            await sleep(5);
            active--;
            runs++;
          },
          { timeoutMs: 10_000, retryMs: 2 },
        ),
      ),
    );
    expect(runs).toBe(10);
    expect(maxActive).toBe(1);
    expect(existsSync(lockPath)).toBe(false);
  });

  it('does not remove a fresh lock that replaced the stale one it saw', async () => {
    await writeHolder(await deadPid());
    const livePid = await spawnSleeper();
    // Another waiter takes over and acquires between this waiter's look at the lock and its takeover.
    beforeGuardOpen = async () => {
      await rm(lockPath);
      await writeHolder(livePid);
    };
    const error = await expectBusy(withFileLock(lockPath, async () => undefined, { timeoutMs: 200 }));
    expect(beforeGuardOpen).toBeUndefined();
    expect(error.message).toContain(`pid ${livePid}`);
    expect(parseLockHolder(await readFile(lockPath, 'utf8'))?.pid).toBe(livePid);
  });

  it('never presumes a holder on another host dead', async () => {
    await writeHolder(await deadPid(), 'some-other-host');
    const error = await expectBusy(withFileLock(lockPath, async () => undefined, { timeoutMs: 100 }));
    expect(error.message).toContain('some-other-host');
  });

  it('waits on an unreadable lock file while it is young and takes it over once older than staleMs', async () => {
    await writeFile(lockPath, '');
    const error = await expectBusy(withFileLock(lockPath, async () => undefined, { timeoutMs: 100, staleMs: 60_000 }));
    expect(error.message).toContain('unknown process');

    const old = new Date(Date.now() - 120_000);
    await utimes(lockPath, old, old);
    await expect(withFileLock(lockPath, async () => 'ok', { timeoutMs: 1000, staleMs: 60_000 })).resolves.toBe('ok');
  });

  it('waits for a holder in another process to release the lock, then takes it', async () => {
    const script = `
      import { closeSync, openSync, unlinkSync, writeSync } from 'node:fs';
      import { hostname } from 'node:os';
      const path = process.argv[1];
      const fd = openSync(path, 'wx');
      writeSync(fd, JSON.stringify({ pid: process.pid, hostname: hostname(), acquiredAt: new Date().toISOString() }));
      closeSync(fd);
      process.stdout.write('locked\\n');
      setTimeout(() => { unlinkSync(path); process.stdout.write('released\\n'); }, 300);
    `;
    const child = spawn(process.execPath, ['--input-type=module', '-e', script, lockPath], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    children.push(child);
    let output = '';
    child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    while (!output.includes('locked')) await sleep(10);

    const outputWhenAcquired = await withFileLock(lockPath, async () => output, { timeoutMs: 5000 });
    expect(outputWhenAcquired).toContain('released');
  });

  it('never lets two async contexts of one process hold the lock at once', async () => {
    let active = 0;
    let maxActive = 0;
    await Promise.all(
      Array.from({ length: 8 }, () =>
        withFileLock(
          lockPath,
          async () => {
            active++;
            maxActive = Math.max(maxActive, active);
            await sleep(5);
            active--;
          },
          { retryMs: 2 },
        ),
      ),
    );
    expect(maxActive).toBe(1);
  });

  it('is re-entrant within the async context that holds it, and only there', async () => {
    expect(isFileLockHeld(lockPath)).toBe(false);
    let escaped: Promise<boolean> | undefined;
    const inner = await withFileLock(
      lockPath,
      async () => {
        expect(isFileLockHeld(lockPath)).toBe(true);
        // Continues after the lock is released: must not believe it still holds it.
        escaped = sleep(50).then(() => isFileLockHeld(lockPath));
        return withFileLock(lockPath, async () => 'nested', { timeoutMs: 100 });
      },
      { timeoutMs: 100 },
    );
    expect(inner).toBe('nested');
    expect(isFileLockHeld(lockPath)).toBe(false);
    expect(await escaped).toBe(false);
    expect(existsSync(lockPath)).toBe(false);
  });
});
