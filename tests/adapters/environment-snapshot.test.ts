import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdir, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { arch, platform, release, tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  DEFAULT_SNAPSHOT_VARIABLES,
  runCommand,
  takeEnvironmentSnapshot,
  type CommandOptions,
  type CommandOutcome,
  type CommandRunner,
} from '../../src/adapters/local/environment-snapshot.js';
import { EpmError } from '../../src/domain/errors.js';
import { environmentSchema, computeSchema } from '../../src/domain/provenance.js';

const sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');
const PLANTED = 'planted-Secret-Value-4242';
const HF = 'hf_AbCdEfGhIjKlMnOpQrStUvWxYz01234567';
const FREEZE = `numpy==1.26.4\nprivate-pkg @ git+https://bot:${PLANTED}@github.com/acme/private-pkg.git\ntorch==2.3.0\n`;

let repo: string;

function git(...args: string[]): string {
  return execFileSync('git', ['-c', 'user.name=EPM Test', '-c', 'user.email=epm@example.org', '-c', 'commit.gpgsign=false', ...args], { cwd: repo, encoding: 'utf8' });
}

beforeEach(async () => {
  repo = await mkdtemp(join(tmpdir(), 'epm-env-'));
  git('init', '-q', '-b', 'main');
  await writeFile(join(repo, 'package-lock.json'), '{"lockfileVersion": 3}\n');
  await mkdir(join(repo, 'py'), { recursive: true });
  await writeFile(join(repo, 'py', 'requirements-dev.txt'), 'pytest==8.0\n');
  await writeFile(join(repo, 'train.py'), 'print("hi")\n');
  git('add', '-A');
  git('commit', '-q', '-m', 'initial');
});

afterEach(async () => {
  await rm(repo, { recursive: true, force: true });
});

interface Call {
  program: string;
  args: readonly string[];
  options: CommandOptions;
}

/** A runner that runs git and node for real and answers python3 / nvidia-smi from the given table. */
function fakeRunner(table: Record<string, CommandOutcome>, calls: Call[] = []): CommandRunner {
  return async (program, args, options) => {
    calls.push({ program, args, options });
    if (program === 'git' || program === 'node') return runCommand(program, args, options);
    const key = [program, ...args].join(' ');
    return table[key] ?? table[program] ?? { kind: 'not-found' };
  };
}

const exited = (stdout: string, exitCode = 0, stderr = ''): CommandOutcome => ({ kind: 'exited', exitCode, stdout, stderr });

const PYTHON_PRESENT: Record<string, CommandOutcome> = {
  'python3 --version': exited('Python 3.11.7\n'),
  'python3 -m pip freeze': exited(FREEZE),
};

const ENV = {
  PATH: process.env['PATH'],
  HOME: process.env['HOME'],
  CUDA_VISIBLE_DEVICES: '0,1',
  PYTHONHASHSEED: '0',
  WANDB_PROJECT: 'warmup',
  HF_TOKEN: HF,
  MY_SERVICE_PASSWORD: PLANTED,
  EPM_NOTE: `mirror https://bot:${PLANTED}@example.org/x uses ${PLANTED}`,
  EPM_RUN_ID: '7-1',
  UNRELATED: 'not recorded',
} satisfies NodeJS.ProcessEnv;

describe('takeEnvironmentSnapshot', () => {
  it('snapshots a clean repo: commit, lockfiles, python and pip freeze, nvidia-smi absent', async () => {
    const calls: Call[] = [];
    const snapshot = await takeEnvironmentSnapshot({ repoDir: repo, worktree: repo, env: ENV, exec: fakeRunner(PYTHON_PRESENT, calls) });

    expect(snapshot.git.commit).toBe(git('rev-parse', 'HEAD').trim());
    expect(snapshot.lockfiles).toEqual([
      { path: 'package-lock.json', sha256: sha256('{"lockfileVersion": 3}\n') },
      { path: 'py/requirements-dev.txt', sha256: sha256('pytest==8.0\n') },
    ]);

    const env = environmentSchema.parse(snapshot.environment);
    expect(env.python).toBe('Python 3.11.7');
    expect(snapshot.pipFreeze).toBe(FREEZE.replace(PLANTED, '[redacted]'));
    expect(env.pipFreezeSha256).toBe(sha256(snapshot.pipFreeze!));
    expect(env.node).toBe(process.version);
    expect(env.os).toEqual({ platform: platform(), release: expect.any(String), kernel: release(), arch: arch() });
    expect(env.os.release.length).toBeGreaterThan(0);
    expect(env.nvidiaSmi).toBeNull();
    expect(env.absent).toEqual({ nvidiaSmi: 'nvidia-smi not found on PATH' });

    const compute = computeSchema.parse(snapshot.compute);
    expect(compute).toMatchObject({ provider: 'local', podId: null, gpuType: null, gpuCount: null, driver: null, cuda: null, image: null });
    for (const fact of ['gpuType', 'gpuCount', 'driver', 'cuda']) expect(compute.absent[fact]).toBe('nvidia-smi not found on PATH');
    expect(compute.absent['podId']).toBeTruthy();

    // Probes run in the worktree, with a time limit, and never see a secret.
    for (const call of calls) {
      expect(call.options.cwd).toBe(repo);
      expect(call.options.timeoutMs).toBeGreaterThan(0);
      expect(call.options.env['HF_TOKEN']).toBeUndefined();
      expect(call.options.env['MY_SERVICE_PASSWORD']).toBeUndefined();
    }
    expect(calls.find((c) => c.program === 'python3')!.options.timeoutMs).toBe(20_000);
  });

  it('records chosen variables, every EPM_* one, and redacts secrets', async () => {
    const snapshot = await takeEnvironmentSnapshot({ repoDir: repo, worktree: repo, env: ENV, exec: fakeRunner(PYTHON_PRESENT), variables: [...DEFAULT_SNAPSHOT_VARIABLES, 'HF_TOKEN'] });
    expect(snapshot.environment.variables).toEqual({
      CUDA_VISIBLE_DEVICES: '0,1',
      EPM_NOTE: 'mirror https://bot:[redacted]@example.org/x uses [redacted]',
      EPM_RUN_ID: '7-1',
      HF_TOKEN: '[redacted]',
      PYTHONHASHSEED: '0',
      WANDB_PROJECT: 'warmup',
    });
  });

  it('never lets a planted secret value into the snapshot, even through failing tools', async () => {
    const exec = fakeRunner({
      'python3 --version': exited('Python 3.12.1\n'),
      'python3 -m pip freeze': exited('', 1, `ERROR: could not reach https://bot:${PLANTED}@pypi.example.org (token ${HF})`),
      'nvidia-smi': exited('', 9, `NVIDIA-SMI has failed: ${PLANTED}`),
    });
    const snapshot = await takeEnvironmentSnapshot({ repoDir: repo, worktree: repo, env: ENV, exec, variables: ['MY_SERVICE_PASSWORD', 'HF_TOKEN', 'EPM_NOTE'] });
    const text = JSON.stringify(snapshot);
    expect(text).not.toContain(PLANTED);
    expect(text).not.toContain(HF);
    expect(snapshot.environment.variables['MY_SERVICE_PASSWORD']).toBe('[redacted]');
    expect(snapshot.pipFreeze).toBeNull();
    expect(snapshot.environment.pipFreezeSha256).toBeNull();
    expect(snapshot.environment.absent['pipFreezeSha256']).toMatch(/^python3 -m pip freeze: exited with 1: ERROR: could not reach/);
    expect(snapshot.environment.absent['nvidiaSmi']).toMatch(/^nvidia-smi --query-gpu: exited with 9/);
  });

  it('records python as absent, with the reason, when python3 is not on PATH', async () => {
    const snapshot = await takeEnvironmentSnapshot({ repoDir: repo, worktree: repo, env: ENV, exec: fakeRunner({}) });
    expect(snapshot.environment.python).toBeNull();
    expect(snapshot.environment.pipFreezeSha256).toBeNull();
    expect(snapshot.pipFreeze).toBeNull();
    expect(snapshot.environment.absent['python']).toBe('python3 --version: not found on PATH');
    expect(snapshot.environment.absent['pipFreezeSha256']).toBe('python3 is not available');
  });

  it('reads GPU facts and the CUDA version when nvidia-smi is present', async () => {
    const exec = fakeRunner({
      ...PYTHON_PRESENT,
      'nvidia-smi --query-gpu=name,driver_version,memory.total --format=csv,noheader': exited('NVIDIA A100-SXM4-80GB, 535.104.05, 81920 MiB\nNVIDIA A100-SXM4-80GB, 535.104.05, 81920 MiB\n'),
      'nvidia-smi': exited('| NVIDIA-SMI 535.104.05   Driver Version: 535.104.05   CUDA Version: 12.2     |\n'),
    });
    const snapshot = await takeEnvironmentSnapshot({ repoDir: repo, worktree: repo, env: ENV, exec });
    expect(snapshot.compute).toMatchObject({ gpuType: 'NVIDIA A100-SXM4-80GB', gpuCount: 2, driver: '535.104.05', cuda: '12.2' });
    expect(snapshot.compute.absent).not.toHaveProperty('gpuType');
    expect(snapshot.compute.absent).not.toHaveProperty('cuda');
    expect(snapshot.environment.nvidiaSmi).toBe('NVIDIA A100-SXM4-80GB, 535.104.05, 81920 MiB\nNVIDIA A100-SXM4-80GB, 535.104.05, 81920 MiB');
    expect(snapshot.environment.absent).not.toHaveProperty('nvidiaSmi');
  });

  it('records a timed-out probe as absent with the time limit', async () => {
    const exec = fakeRunner({ 'python3 --version': { kind: 'timed-out', timeoutMs: 20_000 } });
    const snapshot = await takeEnvironmentSnapshot({ repoDir: repo, worktree: repo, env: ENV, exec });
    expect(snapshot.environment.absent['python']).toBe('python3 --version: timed out after 20000 ms');
  });

  it('refuses a dirty tree, naming the files (at most 10), and writes nothing', async () => {
    await writeFile(join(repo, 'train.py'), 'print("changed")\n');
    for (let i = 0; i < 11; i += 1) await writeFile(join(repo, `scratch-${String(i).padStart(2, '0')}.txt`), 'x');
    const before = [git('status', '--porcelain'), (await readdir(repo)).sort()];
    const error = await takeEnvironmentSnapshot({ repoDir: repo, worktree: repo, env: ENV, exec: fakeRunner(PYTHON_PRESENT) }).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(EpmError);
    const epmError = error as EpmError;
    expect(epmError.code).toBe('conflict');
    expect(epmError.message).toContain('scratch-00.txt');
    expect(epmError.message).toContain('and 2 more');
    expect(epmError.message).not.toContain('train.py');
    expect(epmError.hint).toBe('commit or remove them: a dirty tree cannot be reproduced');
    expect([git('status', '--porcelain'), (await readdir(repo)).sort()]).toEqual(before);
  });

  it('refuses an untracked file alone, and a staged change', async () => {
    await writeFile(join(repo, 'notes.md'), 'x');
    await expect(takeEnvironmentSnapshot({ repoDir: repo, worktree: repo, env: ENV, exec: fakeRunner({}) })).rejects.toMatchObject({ code: 'conflict', message: expect.stringContaining('notes.md') });
    await rm(join(repo, 'notes.md'));
    await writeFile(join(repo, 'train.py'), 'print("staged")\n');
    git('add', 'train.py');
    await expect(takeEnvironmentSnapshot({ repoDir: repo, worktree: repo, env: ENV, exec: fakeRunner({}) })).rejects.toMatchObject({ code: 'conflict', message: expect.stringContaining('train.py') });
  });

  it('ignores changes under the given prefixes (EPM run files)', async () => {
    await mkdir(join(repo, '.epm', 'run'), { recursive: true });
    await writeFile(join(repo, '.epm', 'run', 'heartbeat'), '1');
    const snapshot = await takeEnvironmentSnapshot({ repoDir: repo, worktree: repo, env: ENV, exec: fakeRunner({}), ignore: ['.epm/'] });
    expect(snapshot.git.commit).toMatch(/^[0-9a-f]{40}$/);
  });

  it('fails with a clear error outside a git repository, and when the worktree is missing', async () => {
    const plain = await mkdtemp(join(tmpdir(), 'epm-env-plain-'));
    try {
      await expect(takeEnvironmentSnapshot({ repoDir: plain, worktree: plain, env: ENV, exec: fakeRunner({}), gitTimeoutMs: 10_000 })).rejects.toMatchObject({ code: 'external' });
    } finally {
      await rm(plain, { recursive: true, force: true });
    }
    await expect(takeEnvironmentSnapshot({ repoDir: repo, worktree: join(repo, 'nope'), env: ENV, exec: fakeRunner({}) })).rejects.toMatchObject({ code: 'not-found' });
  });

  it('refuses a worktree whose commit is not in the repository', async () => {
    const other = await mkdtemp(join(tmpdir(), 'epm-env-other-'));
    try {
      execFileSync('git', ['init', '-q', other]);
      await expect(takeEnvironmentSnapshot({ repoDir: other, worktree: repo, env: ENV, exec: fakeRunner({}) })).rejects.toMatchObject({ code: 'conflict', message: expect.stringContaining('is not in the repository') });
    } finally {
      await rm(other, { recursive: true, force: true });
    }
  });
});

describe('runCommand', () => {
  const options = (timeoutMs = 5_000): CommandOptions => ({ cwd: tmpdir(), env: { PATH: process.env['PATH'] }, timeoutMs });

  it('reports exit codes and output', async () => {
    expect(await runCommand('node', ['-e', 'process.stdout.write("out"); process.stderr.write("err"); process.exit(3)'], options())).toEqual({ kind: 'exited', exitCode: 3, stdout: 'out', stderr: 'err' });
  });

  it('reports a missing program as not-found', async () => {
    expect(await runCommand('epm-no-such-program-xyz', [], options())).toEqual({ kind: 'not-found' });
  });

  it('kills a command at its time limit', async () => {
    const started = Date.now();
    expect(await runCommand('node', ['-e', 'setTimeout(() => {}, 10000)'], options(200))).toEqual({ kind: 'timed-out', timeoutMs: 200 });
    expect(Date.now() - started).toBeLessThan(5_000);
  });
});
