/**
 * Anthropic's bash client tool (`bash_20250124`, named `bash`), executed by
 * EPM: each command is checked against the policy (bash-policy.ts), then run
 * as `bash -c` in the worktree, in a process group of its own, with a scrubbed
 * environment (PATH, HOME set to a scratch directory, LANG, and only the
 * variables explicitly passed, none of them secret), stdin closed, a time limit
 * past which the whole process group is killed, and output (stdout and stderr
 * interleaved) truncated to its head and tail. Each command runs in a fresh
 * shell: nothing (cwd, variables) carries over, so `restart` has nothing to
 * reset.
 */
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { delimiter, isAbsolute, join } from 'node:path';
import { z } from 'zod';
import { badInput } from '../../domain/errors.js';
import { isSecretName } from '../../domain/redaction.js';
import { DEFAULT_ALLOWED_COMMANDS, checkCommandLine, type BashPolicy } from './bash-policy.js';
import { isInside, worktreeRoot } from './confine.js';
import { parseInput, type ClientTool, type ToolContext } from './tool.js';
import { HeadTailCollector } from './truncate.js';

/** The tool's name, fixed by Anthropic for this tool type. */
export const BASH_NAME = 'bash';

/** Fallback PATH when the parent's has no usable entry. */
const DEFAULT_PATH = ['/usr/local/bin', '/usr/bin', '/bin'].join(delimiter);

/** Variables EPM sets itself; an explicit variable may not replace them. */
const RESERVED_NAMES = new Set(['PATH', 'HOME', 'LANG']);

/** Options of `createBashTool`. */
export interface BashToolOptions {
  /** Command names that may run; default DEFAULT_ALLOWED_COMMANDS. */
  allow?: readonly string[];
  /** Extra, non-secret environment variables for every command (e.g. `CUDA_VISIBLE_DEVICES`). */
  env?: Readonly<Record<string, string>>;
  /** HOME of the commands; default a scratch directory under the OS temp dir, one per worktree. */
  home?: string;
}

/** What running one command produced. */
export interface CommandOutcome {
  /** stdout and stderr interleaved, truncated to the output limit. */
  output: string;
  /** Exit code, or null when killed by a signal. */
  exitCode: number | null;
  /** The signal that ended it, if any. */
  signal: NodeJS.Signals | null;
  /** True when the time limit killed it. */
  timedOut: boolean;
  durationMs: number;
}

/** Options of `runCommand`. */
export interface RunCommandOptions {
  cwd: string;
  env: Record<string, string>;
  timeoutMs: number;
  maxOutputBytes: number;
  signal?: AbortSignal;
}

/** Kills a whole process group, ignoring one that is already gone. */
function killGroup(pid: number | undefined): void {
  if (pid === undefined) return;
  try {
    process.kill(-pid, 'SIGKILL');
  } catch {
    // ESRCH: the group has already exited.
  }
}

/**
 * Runs `bash -c command` (no policy check: callers check first) in its own
 * process group; past `timeoutMs`, or on abort, the group is killed with
 * SIGKILL. Leftover members of the group are killed when the shell exits.
 */
export function runCommand(command: string, options: RunCommandOptions): Promise<CommandOutcome> {
  const started = Date.now();
  const output = new HeadTailCollector(options.maxOutputBytes);
  return new Promise((resolve, reject) => {
    const child = spawn('bash', ['--noprofile', '--norc', '-c', command], {
      cwd: options.cwd,
      env: options.env,
      detached: true,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let timedOut = false;
    let settled = false;
    const timer = setTimeout(() => {
      timedOut = true;
      killGroup(child.pid);
    }, options.timeoutMs);
    const onAbort = (): void => killGroup(child.pid);
    options.signal?.addEventListener('abort', onAbort, { once: true });
    child.stdout.on('data', (chunk: Buffer) => output.push(chunk));
    child.stderr.on('data', (chunk: Buffer) => output.push(chunk));
    const finish = (exitCode: number | null, signal: NodeJS.Signals | null): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      options.signal?.removeEventListener('abort', onAbort);
      resolve({ output: output.text(), exitCode, signal, timedOut, durationMs: Date.now() - started });
    };
    child.on('error', (error) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      reject(error);
    });
    child.on('exit', (exitCode, signal) => {
      // Reap what the shell left behind, so pipes close and nothing outlives the call.
      killGroup(child.pid);
      // A detached grandchild may still hold the pipes open; do not wait for it past a short grace.
      const grace = setTimeout(() => {
        child.stdout.destroy();
        child.stderr.destroy();
        finish(exitCode, signal);
      }, 200);
      child.once('close', () => {
        clearTimeout(grace);
        finish(exitCode, signal);
      });
    });
  });
}

/** PATH without relative entries or entries inside the worktree (a planted `ls` there would shadow the real one). */
export function safePath(path: string | undefined, root: string): string {
  const entries = (path ?? '').split(delimiter).filter((entry) => entry !== '' && isAbsolute(entry) && !isInside(root, entry));
  return entries.length > 0 ? entries.join(delimiter) : DEFAULT_PATH;
}

/** The scratch HOME of a worktree's commands: outside the worktree (caches stay out of git), stable per worktree. */
export function defaultHome(root: string): string {
  return join(tmpdir(), `epm-bash-home-${createHash('sha256').update(root).digest('hex').slice(0, 16)}`);
}

/** Refuses explicit variables that are secret, or that EPM sets itself. */
function checkExtraEnv(env: Readonly<Record<string, string>>): void {
  for (const name of Object.keys(env)) {
    if (isSecretName(name)) {
      throw badInput(`bash: the variable ${name} looks secret; secrets never reach tool commands`, {
        hint: 'pass only non-secret variables to the bash tool',
      });
    }
    if (RESERVED_NAMES.has(name)) throw badInput(`bash: ${name} is set by EPM itself`, { hint: `remove ${name} from the variables passed` });
  }
}

const bashInput = z.object({
  command: z.string().optional(),
  restart: z.boolean().optional(),
});

/** The bash tool with a policy and environment. Throws when `env` holds a secret-looking name. */
export function createBashTool(options: BashToolOptions = {}): ClientTool {
  const policy: BashPolicy = { allow: options.allow ?? DEFAULT_ALLOWED_COMMANDS };
  const extraEnv = { ...options.env };
  checkExtraEnv(extraEnv);
  return {
    type: 'bash_20250124',
    name: BASH_NAME,
    async run(input: unknown, context: ToolContext): Promise<string> {
      const call = parseInput(BASH_NAME, bashInput, input);
      if (call.restart) return 'The bash tool has been restarted. Each command runs in a fresh shell in the worktree root; nothing carries over.';
      if (call.command === undefined || call.command.trim() === '') {
        throw badInput('bash: command is missing', { hint: 'pass the command to run as command' });
      }
      const root = await worktreeRoot(context.worktree);
      await checkCommandLine(call.command, root, policy);
      const home = options.home ?? defaultHome(root);
      await mkdir(home, { recursive: true });
      const env: Record<string, string> = {
        PATH: safePath(process.env.PATH, root),
        HOME: home,
        LANG: process.env.LANG ?? 'C.UTF-8',
        ...extraEnv,
      };
      const outcome = await runCommand(call.command, {
        cwd: root,
        env,
        timeoutMs: context.limits.commandTimeoutMs,
        maxOutputBytes: context.limits.maxOutputBytes,
        ...(context.signal === undefined ? {} : { signal: context.signal }),
      });
      return describeOutcome(outcome, context.limits.commandTimeoutMs);
    },
  };
}

/** The text the model reads: the output, then how the command ended when that is not a plain success. */
export function describeOutcome(outcome: CommandOutcome, timeoutMs: number): string {
  const text = outcome.output === '' ? '(no output)' : outcome.output.replace(/\n$/, '');
  if (outcome.timedOut) {
    return `${text}\n[timed out after ${timeoutMs / 1000} s: the command and every process it started were killed]`;
  }
  if (outcome.signal) return `${text}\n[killed by ${outcome.signal}]`;
  if (outcome.exitCode !== 0) return `${text}\n[exit code ${outcome.exitCode}]`;
  return text;
}

/** The bash tool with the default allowlist and no extra variables. */
export const bashTool: ClientTool = createBashTool();
