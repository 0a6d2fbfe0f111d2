/**
 * The environment snapshot taken when a run is launched (DESIGN.md §4): the
 * commit (a dirty worktree is refused, never recorded), the lockfiles in the
 * worktree, Python and `pip freeze` when Python is present, Node, the OS and
 * kernel, `nvidia-smi` facts when present, and chosen environment variables
 * with secret values redacted. A fact that cannot be read is null with the
 * reason in `absent`; nothing is guessed. Every external command goes through
 * an injectable runner with a time limit.
 */
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readFile, stat } from 'node:fs/promises';
import { arch, platform, release, version } from 'node:os';
import { join, posix } from 'node:path';
import { conflict, external, notFound } from '../../domain/errors.js';
import type { ComputeFacts, EnvironmentSnapshot } from '../../domain/provenance.js';
import { isSecretName, redactText, redactValue, secretValuesOf } from '../../domain/redaction.js';
import { hashFiles } from './hashing.js';

/** How one external command ended. */
export type CommandOutcome =
  /** It ran and exited (any exit code). */
  | { kind: 'exited'; exitCode: number; stdout: string; stderr: string }
  /** The program is not on PATH. */
  | { kind: 'not-found' }
  /** It was killed after the time limit. */
  | { kind: 'timed-out'; timeoutMs: number }
  /** It could not run or was killed for another reason (signal, output too large). */
  | { kind: 'failed'; message: string };

/** Options of one command run. */
export interface CommandOptions {
  /** Folder the command runs in. */
  cwd: string;
  /** Environment of the command (secret variables already removed). */
  env: NodeJS.ProcessEnv;
  /** Milliseconds after which the command is killed. */
  timeoutMs: number;
}

/** Runs a program with arguments (never through a shell). Never rejects: every ending is a `CommandOutcome`. */
export type CommandRunner = (program: string, args: readonly string[], options: CommandOptions) => Promise<CommandOutcome>;

/** Options of `takeEnvironmentSnapshot`. */
export interface EnvironmentSnapshotOptions {
  /** The user's repository; the worktree's commit must exist in it. */
  repoDir: string;
  /** The run's worktree: the commit, lockfiles and commands are read here. */
  worktree: string;
  /** The environment the run gets; variables are read from it and commands run with it (minus secrets). */
  env: NodeJS.ProcessEnv;
  /** Names of variables to record; default `DEFAULT_SNAPSHOT_VARIABLES`. Every `EPM_*` variable is recorded too. */
  variables?: readonly string[];
  /** Paths (relative to the worktree, POSIX) whose changes do not make the tree dirty, e.g. EPM's own run files. */
  ignore?: readonly string[];
  /** Runs external commands; default `runCommand`. Tests inject one to simulate tools present, absent or failing. */
  exec?: CommandRunner;
  /** Time limit of each probe command (python3, node, nvidia-smi); default 20 s. */
  timeoutMs?: number;
  /** Time limit of each git command; default 120 s (a large tree takes a while to scan). */
  gitTimeoutMs?: number;
}

/** What the snapshot found. */
export interface EnvironmentSnapshotResult {
  /** The snapshot recorded in the statement's runDetails. */
  environment: EnvironmentSnapshot;
  /** Compute facts of the local machine (provider `local`). */
  compute: ComputeFacts;
  /** The commit checked out in the (clean) worktree. */
  git: { commit: string };
  /** Lockfiles tracked in the worktree, by POSIX relative path, sorted. */
  lockfiles: { path: string; sha256: string }[];
  /** The (redacted) `pip freeze` text whose sha256 is `environment.pipFreezeSha256`; null when not taken. */
  pipFreeze: string | null;
}

/**
 * Variables recorded by default (when set): those that change what a run
 * computes or where it reads and writes. Every `EPM_*` variable is added.
 */
export const DEFAULT_SNAPSHOT_VARIABLES: readonly string[] = [
  'CUDA_VISIBLE_DEVICES',
  'CUDA_LAUNCH_BLOCKING',
  'CUBLAS_WORKSPACE_CONFIG',
  'NVIDIA_VISIBLE_DEVICES',
  'PYTHONHASHSEED',
  'PYTHONPATH',
  'OMP_NUM_THREADS',
  'MKL_NUM_THREADS',
  'TOKENIZERS_PARALLELISM',
  'WANDB_PROJECT',
  'WANDB_ENTITY',
  'WANDB_MODE',
  'HF_HOME',
  'HF_HUB_OFFLINE',
  'HF_DATASETS_OFFLINE',
  'TRANSFORMERS_OFFLINE',
  'TORCH_HOME',
  'XLA_FLAGS',
  'VIRTUAL_ENV',
  'CONDA_DEFAULT_ENV',
  'LANG',
  'TZ',
];

/** File names recognised as lockfiles or environment specifications, anywhere in the worktree. */
export const LOCKFILE_PATTERNS: readonly RegExp[] = [
  /^package-lock\.json$/,
  /^npm-shrinkwrap\.json$/,
  /^yarn\.lock$/,
  /^pnpm-lock\.yaml$/,
  /^requirements.*\.txt$/,
  /^uv\.lock$/,
  /^poetry\.lock$/,
  /^Pipfile\.lock$/,
  /^environment\.ya?ml$/,
  /^conda-lock\.ya?ml$/,
];

const DEFAULT_TIMEOUT_MS = 20_000;
const DEFAULT_GIT_TIMEOUT_MS = 120_000;
const MAX_OUTPUT_BYTES = 64 * 1024 * 1024;
const MAX_DIRTY_SHOWN = 10;
// Variables that would point git at another repository than the folder it runs in.
const GIT_LOCATION_VARIABLES = ['GIT_DIR', 'GIT_WORK_TREE', 'GIT_INDEX_FILE', 'GIT_OBJECT_DIRECTORY', 'GIT_ALTERNATE_OBJECT_DIRECTORIES', 'GIT_COMMON_DIR'];

/** The default runner: `execFile` with a time limit and bounded output. */
export const runCommand: CommandRunner = (program, args, options) =>
  new Promise((resolve) => {
    execFile(
      program,
      [...args],
      { cwd: options.cwd, env: options.env, timeout: options.timeoutMs, killSignal: 'SIGKILL', maxBuffer: MAX_OUTPUT_BYTES, encoding: 'utf8', windowsHide: true },
      (error, stdout, stderr) => {
        if (error === null) return resolve({ kind: 'exited', exitCode: 0, stdout, stderr });
        const code = (error as NodeJS.ErrnoException).code as unknown;
        if (code === 'ENOENT') return resolve({ kind: 'not-found' });
        if (typeof code === 'number') return resolve({ kind: 'exited', exitCode: code, stdout, stderr });
        if (error.killed && error.signal === 'SIGKILL' && code !== 'ERR_CHILD_PROCESS_STDIO_MAXBUFFER') {
          return resolve({ kind: 'timed-out', timeoutMs: options.timeoutMs });
        }
        resolve({ kind: 'failed', message: error.message });
      },
    );
  });

/**
 * Takes the snapshot. Refuses (`conflict`) a worktree with tracked or
 * untracked changes outside `ignore`, naming up to 10 of them; fails
 * (`external`) when git cannot read the worktree; (`not-found`) when the
 * worktree does not exist. Reads and writes nothing else.
 */
export async function takeEnvironmentSnapshot(options: EnvironmentSnapshotOptions): Promise<EnvironmentSnapshotResult> {
  const exec = options.exec ?? runCommand;
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const gitTimeoutMs = options.gitTimeoutMs ?? DEFAULT_GIT_TIMEOUT_MS;
  const { worktree } = options;
  const isFolder = await stat(worktree).then(
    (s) => s.isDirectory(),
    () => false,
  );
  if (!isFolder) throw notFound(`worktree ${worktree} does not exist`, { hint: 'create the run worktree before taking its snapshot' });

  const childEnv = withoutSecrets(options.env);
  const gitEnv = { ...childEnv };
  for (const name of GIT_LOCATION_VARIABLES) delete gitEnv[name];
  const git = async (cwd: string, args: string[]): Promise<string> => {
    const outcome = await exec('git', args, { cwd, env: gitEnv, timeoutMs: gitTimeoutMs });
    if (outcome.kind === 'exited' && outcome.exitCode === 0) return outcome.stdout;
    throw external(`git ${args.join(' ')} in ${cwd} failed: ${describeOutcome(outcome)}`, {
      hint: outcome.kind === 'not-found' ? 'install git and put it on PATH' : `check that ${cwd} is a git worktree (git -C ${cwd} status)`,
    });
  };

  const dirty = dirtyPaths(await git(worktree, ['status', '--porcelain=v1', '-z', '--untracked-files=all']), options.ignore ?? []);
  if (dirty.length > 0) {
    const shown = dirty.slice(0, MAX_DIRTY_SHOWN).join(', ') + (dirty.length > MAX_DIRTY_SHOWN ? ` and ${dirty.length - MAX_DIRTY_SHOWN} more` : '');
    throw conflict(`the worktree ${worktree} has uncommitted changes: ${shown}`, { hint: 'commit or remove them: a dirty tree cannot be reproduced' });
  }
  const commit = (await git(worktree, ['rev-parse', '--verify', 'HEAD^{commit}'])).trim();
  if (options.repoDir !== worktree) {
    const known = await exec('git', ['cat-file', '-e', `${commit}^{commit}`], { cwd: options.repoDir, env: gitEnv, timeoutMs: gitTimeoutMs });
    if (!(known.kind === 'exited' && known.exitCode === 0)) {
      throw conflict(`commit ${commit} of the worktree ${worktree} is not in the repository ${options.repoDir}`, {
        hint: 'take the snapshot of a worktree created from this repository',
      });
    }
  }
  const lockfiles = await hashLockfiles(worktree, await git(worktree, ['ls-files', '-z']));

  const probe = (program: string, args: string[]) => exec(program, args, { cwd: worktree, env: childEnv, timeoutMs });
  const secrets = secretValuesOf(options.env);
  const absentEnv: Record<string, string> = {};
  const absentCompute: Record<string, string> = {};

  const node = versionOf(await probe('node', ['--version']), 'node --version');
  if (node.value === null) absentEnv['node'] = node.reason;

  const python = versionOf(await probe('python3', ['--version']), 'python3 --version');
  let pipFreeze: string | null = null;
  if (python.value === null) {
    absentEnv['python'] = python.reason;
    absentEnv['pipFreezeSha256'] = 'python3 is not available';
  } else {
    const freeze = await probe('python3', ['-m', 'pip', 'freeze']);
    if (freeze.kind === 'exited' && freeze.exitCode === 0) pipFreeze = redactText(freeze.stdout, secrets);
    else absentEnv['pipFreezeSha256'] = `python3 -m pip freeze: ${describeOutcome(freeze)}`;
  }

  const gpus = await readGpus(probe);
  if (gpus.nvidiaSmi === null) {
    absentEnv['nvidiaSmi'] = gpus.reason;
    for (const fact of ['gpuType', 'gpuCount', 'driver', 'cuda']) absentCompute[fact] = gpus.reason;
  } else if (gpus.cuda === null) {
    absentCompute['cuda'] = gpus.cudaReason;
  }
  absentCompute['podId'] = 'local compute has no pod';
  absentCompute['image'] = 'the run executes on the host, not in a container image';
  absentCompute['imageDigest'] = 'the run executes on the host, not in a container image';

  return {
    environment: {
      os: { platform: platform(), release: await osRelease(), kernel: release(), arch: arch() },
      node: node.value,
      python: python.value,
      pipFreezeSha256: pipFreeze === null ? null : createHash('sha256').update(pipFreeze, 'utf8').digest('hex'),
      variables: chosenVariables(options.env, options.variables ?? DEFAULT_SNAPSHOT_VARIABLES, secrets),
      nvidiaSmi: gpus.nvidiaSmi,
      absent: sortedRecord(absentEnv, secrets),
    },
    compute: {
      provider: 'local',
      podId: null,
      gpuType: gpus.gpuType,
      gpuCount: gpus.gpuCount,
      image: null,
      imageDigest: null,
      driver: gpus.driver,
      cuda: gpus.cuda,
      absent: sortedRecord(absentCompute, secrets),
    },
    git: { commit },
    lockfiles,
    pipFreeze,
  };
}

/** Paths changed (tracked or untracked) per `git status --porcelain=v1 -z`, minus ignored prefixes, sorted. */
function dirtyPaths(status: string, ignore: readonly string[]): string[] {
  const entries = status.split('\0');
  const paths: string[] = [];
  for (let i = 0; i < entries.length; i += 1) {
    const entry = entries[i]!;
    if (entry.length < 4) continue;
    paths.push(entry.slice(3));
    // A rename or copy is followed by its source path, which is not a separate change.
    if (entry[0] === 'R' || entry[0] === 'C') i += 1;
  }
  const prefixes = ignore.map((p) => p.replace(/\/+$/, ''));
  const ignored = (path: string) => prefixes.some((prefix) => path === prefix || path.startsWith(`${prefix}/`));
  return paths.filter((path) => !ignored(path)).sort();
}

/** Hashes the tracked files whose names are lockfiles (the tree is clean, so their bytes are the commit's). */
async function hashLockfiles(worktree: string, lsFiles: string): Promise<{ path: string; sha256: string }[]> {
  const paths = lsFiles
    .split('\0')
    .filter((path) => path.length > 0)
    .filter((path) => !path.split('/').includes('node_modules'))
    .filter((path) => LOCKFILE_PATTERNS.some((pattern) => pattern.test(posix.basename(path))))
    .sort();
  // A tracked file deleted from disk would have made the tree dirty, so every path exists here.
  const absolute = paths.map((path) => join(worktree, ...path.split('/')));
  const digests = await hashFiles(absolute);
  return paths.map((path, i) => ({ path, sha256: digests.get(absolute[i]!)!.sha256 }));
}

/** The first line a `--version` command printed, or why there is none. */
function versionOf(outcome: CommandOutcome, command: string): { value: string; reason?: never } | { value: null; reason: string } {
  if (outcome.kind === 'exited' && outcome.exitCode === 0) {
    const line = (outcome.stdout.trim() || outcome.stderr.trim()).split('\n')[0]?.trim() ?? '';
    if (line.length > 0) return { value: line };
    return { value: null, reason: `${command} printed nothing` };
  }
  return { value: null, reason: `${command}: ${describeOutcome(outcome)}` };
}

/** What `nvidia-smi` reports, or why it reports nothing. */
type GpuFacts =
  | { nvidiaSmi: string; gpuType: string | null; gpuCount: number; driver: string | null; cuda: string | null; cudaReason: string }
  | { nvidiaSmi: null; gpuType: null; gpuCount: null; driver: null; cuda: null; reason: string };

/** Queries GPUs; `nvidia-smi` absent or failing is recorded as such, never guessed. */
async function readGpus(probe: (program: string, args: string[]) => Promise<CommandOutcome>): Promise<GpuFacts> {
  const query = await probe('nvidia-smi', ['--query-gpu=name,driver_version,memory.total', '--format=csv,noheader']);
  if (!(query.kind === 'exited' && query.exitCode === 0)) {
    const reason = query.kind === 'not-found' ? 'nvidia-smi not found on PATH' : `nvidia-smi --query-gpu: ${describeOutcome(query)}`;
    return { nvidiaSmi: null, gpuType: null, gpuCount: null, driver: null, cuda: null, reason };
  }
  const rows = query.stdout
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line.length > 0)
    .map((line) => line.split(',').map((cell) => cell.trim()));
  const names = [...new Set(rows.map((row) => row[0] ?? '').filter((name) => name.length > 0))];
  const drivers = [...new Set(rows.map((row) => row[1] ?? '').filter((d) => d.length > 0))];
  const summary = await probe('nvidia-smi', []);
  const cuda = summary.kind === 'exited' && summary.exitCode === 0 ? (/CUDA Version:\s*([0-9][0-9.]*)/.exec(summary.stdout)?.[1] ?? null) : null;
  const cudaReason = summary.kind === 'exited' && summary.exitCode === 0 ? 'nvidia-smi printed no "CUDA Version"' : `nvidia-smi: ${describeOutcome(summary)}`;
  return {
    nvidiaSmi: rows.map((row) => row.join(', ')).join('\n'),
    gpuType: names.length > 0 ? names.join(' + ') : null,
    gpuCount: rows.length,
    driver: drivers.length > 0 ? drivers.join(' + ') : null,
    cuda,
    cudaReason,
  };
}

/** The distribution's name (`PRETTY_NAME` of /etc/os-release) or, elsewhere, the kernel's version string. */
async function osRelease(): Promise<string> {
  const text = await readFile('/etc/os-release', 'utf8').catch(() => '');
  const pretty = /^PRETTY_NAME=(?:"([^"\n]*)"|([^\n]*))$/m.exec(text);
  return (pretty?.[1] ?? pretty?.[2] ?? '').trim() || version();
}

/** The chosen variables that are set, with secret values redacted and secrets scrubbed from the others. */
function chosenVariables(env: NodeJS.ProcessEnv, names: readonly string[], secrets: readonly string[]): Record<string, string> {
  const chosen = new Set([...names, ...Object.keys(env).filter((name) => name.startsWith('EPM_'))]);
  const variables: Record<string, string> = {};
  for (const name of [...chosen].sort()) {
    const value = env[name];
    if (value === undefined) continue;
    variables[name] = isSecretName(name) ? redactValue(value) : redactText(value, secrets);
  }
  return variables;
}

/** The environment minus every variable whose name marks it secret: probes need none of them. */
function withoutSecrets(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  return Object.fromEntries(Object.entries(env).filter(([name, value]) => value !== undefined && !isSecretName(name)));
}

/** One line on how a command ended, for `absent` and messages. */
function describeOutcome(outcome: CommandOutcome): string {
  switch (outcome.kind) {
    case 'exited': {
      const said = (outcome.stderr.trim() || outcome.stdout.trim()).split('\n')[0]?.trim() ?? '';
      return `exited with ${outcome.exitCode}${said ? `: ${said.slice(0, 200)}` : ''}`;
    }
    case 'not-found':
      return 'not found on PATH';
    case 'timed-out':
      return `timed out after ${outcome.timeoutMs} ms`;
    case 'failed':
      return outcome.message.split('\n')[0] ?? outcome.message;
  }
}

/** A copy of the reasons with keys in code-unit order; a tool's error output can quote a secret, so each is scrubbed. */
function sortedRecord(record: Record<string, string>, secrets: readonly string[]): Record<string, string> {
  return Object.fromEntries(
    Object.entries(record)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([key, reason]) => [key, redactText(reason, secrets)]),
  );
}
