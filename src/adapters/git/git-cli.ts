/**
 * A small typed runner for the git command line: `execFile` with an argument
 * array (never a shell), a timeout, and failures wrapped as `external` errors
 * that name the command, its exit code and what git printed on stderr.
 */
import { execFile } from 'node:child_process';
import { external, type EpmError } from '../../domain/errors.js';

/** Options of one git invocation. */
export interface RunGitOptions {
  /** Folder git runs in. */
  cwd: string;
  /** Milliseconds after which git is killed; default 10 minutes. */
  timeoutMs?: number;
  /** Extra environment for this invocation only (e.g. `GIT_CONFIG_*` credentials that must not be written to disk). */
  env?: Readonly<Record<string, string>>;
}

/** What one finished git invocation produced. */
export interface GitResult {
  /** Exit code of git; 0 is success. */
  exitCode: number;
  /** Everything git wrote to stdout, untrimmed. */
  stdout: string;
  /** Everything git wrote to stderr, untrimmed. */
  stderr: string;
}

/** Details of a git command that failed; the `cause` of the `external` error it becomes. */
export class GitCommandError extends Error {
  /** Arguments passed to git (without the leading `git`). */
  readonly args: readonly string[];
  /** Folder git ran in. */
  readonly cwd: string;
  /** Exit code, or undefined when git did not exit on its own (not found, killed). */
  readonly exitCode: number | undefined;
  /** What git printed on stderr. */
  readonly stderr: string;

  /** Records the failed command's arguments, folder, exit code and stderr. */
  constructor(message: string, fields: { args: readonly string[]; cwd: string; exitCode: number | undefined; stderr: string }) {
    super(message);
    this.name = 'GitCommandError';
    this.args = fields.args;
    this.cwd = fields.cwd;
    this.exitCode = fields.exitCode;
    this.stderr = fields.stderr;
  }
}

const DEFAULT_TIMEOUT_MS = 10 * 60 * 1000;
// Diffs of an experiment branch can be large; beyond this something is wrong (a committed dataset).
const MAX_OUTPUT_BYTES = 256 * 1024 * 1024;
// Variables that would point git at another repository than the folder it runs in
// (set, for example, when EPM runs from inside a git hook).
const REPOSITORY_LOCATION_VARIABLES = [
  'GIT_DIR',
  'GIT_WORK_TREE',
  'GIT_INDEX_FILE',
  'GIT_OBJECT_DIRECTORY',
  'GIT_ALTERNATE_OBJECT_DIRECTORIES',
  'GIT_COMMON_DIR',
  'GIT_PREFIX',
  'GIT_IMPLICIT_WORK_TREE',
];

/** Renders a git command for messages: quoted where needed, long arguments shortened. */
export const formatGitCommand = (args: readonly string[]): string =>
  ['git', ...args]
    .map((arg) => (arg.length > 80 ? `${arg.slice(0, 77)}...` : arg))
    .map((arg) => (/^[\w@%+=:,./^{}~-]+$/.test(arg) ? arg : JSON.stringify(arg)))
    .join(' ');

/** Returns the git failure behind an error raised by this module, if any. */
export const gitFailureOf = (error: unknown): GitCommandError | undefined => {
  if (error instanceof GitCommandError) return error;
  if (error instanceof Error && error.cause instanceof GitCommandError) return error.cause;
  return undefined;
};

/**
 * Runs git and returns its result whatever the exit code. Throws an `external`
 * error only when git could not run to completion: not installed, timed out,
 * or output too large.
 */
export const tryGit = (args: readonly string[], options: RunGitOptions): Promise<GitResult> => {
  const env: NodeJS.ProcessEnv = { ...process.env, ...(options.env ?? {}), GIT_TERMINAL_PROMPT: '0', LC_ALL: 'C' };
  for (const name of REPOSITORY_LOCATION_VARIABLES) delete env[name];
  return new Promise((resolve, reject) => {
    execFile(
      'git',
      [...args],
      {
        cwd: options.cwd,
        env,
        encoding: 'utf8',
        maxBuffer: MAX_OUTPUT_BYTES,
        timeout: options.timeoutMs ?? DEFAULT_TIMEOUT_MS,
        windowsHide: true,
      },
      (error, stdout, stderr) => {
        if (!error) {
          resolve({ exitCode: 0, stdout, stderr });
          return;
        }
        const code = (error as NodeJS.ErrnoException).code as unknown;
        if (typeof code === 'number') {
          resolve({ exitCode: code, stdout, stderr });
          return;
        }
        reject(unrunnable(args, options, error, code, stderr));
      },
    );
  });
};

/**
 * Runs git and returns its stdout (untrimmed). A non-zero exit becomes an
 * `external` error whose cause is a {@link GitCommandError}.
 */
export const runGit = async (args: readonly string[], options: RunGitOptions): Promise<string> => {
  const result = await tryGit(args, options);
  if (result.exitCode !== 0) throw gitFailed(args, options.cwd, result);
  return result.stdout;
};

/** Builds the `external` error for a git command that exited with a non-zero code. */
export const gitFailed = (args: readonly string[], cwd: string, result: GitResult): EpmError => {
  const command = formatGitCommand(args);
  const said = oneLine(result.stderr) || oneLine(result.stdout) || 'no output';
  const message = `${command} failed in ${cwd} with exit code ${result.exitCode}: ${said}`;
  return external(message, {
    hint: hintFor(result.stderr, args, cwd),
    cause: new GitCommandError(message, { args, cwd, exitCode: result.exitCode, stderr: result.stderr }),
  });
};

const unrunnable = (
  args: readonly string[],
  options: RunGitOptions,
  error: Error & { killed?: boolean; signal?: NodeJS.Signals | null },
  code: unknown,
  stderr: string,
): EpmError => {
  const command = formatGitCommand(args);
  const fields = { args, cwd: options.cwd, exitCode: undefined, stderr };
  if (code === 'ENOENT') {
    const message = `git was not found on PATH (running ${command} in ${options.cwd})`;
    return external(message, {
      hint: 'install git 2.39 or newer and make sure `git --version` works in this shell',
      cause: new GitCommandError(message, fields),
    });
  }
  if (code === 'ERR_CHILD_PROCESS_STDIO_MAXBUFFER') {
    const message = `${command} in ${options.cwd} printed more than ${MAX_OUTPUT_BYTES / 1024 / 1024} MiB`;
    return external(message, {
      hint: 'large files (data, checkpoints) are probably committed on the branch; remove them and keep outputs out of git',
      cause: new GitCommandError(message, fields),
    });
  }
  if (error.killed || error.signal) {
    const message = error.killed
      ? `${command} in ${options.cwd} did not finish in ${options.timeoutMs ?? DEFAULT_TIMEOUT_MS} ms and was stopped`
      : `${command} in ${options.cwd} was killed by ${error.signal ?? 'a signal'}`;
    return external(message, {
      hint: `run the command by hand in ${options.cwd} to see where it hangs (a hook, a credential or signing prompt)`,
      cause: new GitCommandError(message, fields),
    });
  }
  const message = `${command} could not run in ${options.cwd}: ${error.message}`;
  return external(message, {
    hint: `check that ${options.cwd} exists and is readable`,
    cause: new GitCommandError(message, fields),
  });
};

const oneLine = (text: string): string => {
  const joined = text
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line.length > 0)
    .join('; ');
  return joined.length > 1000 ? `${joined.slice(0, 997)}...` : joined;
};

const hintFor = (stderr: string, args: readonly string[], cwd: string): string => {
  if (/index\.lock|\.lock': File exists/.test(stderr)) {
    return 'another git process is running there, or one crashed: if none is running, delete the .lock file named above and retry';
  }
  if (/not a git repository/i.test(stderr)) {
    return 'run EPM inside a git repository (git init, then commit once)';
  }
  if (/tell me who you are|unable to auto-detect email|empty ident name/i.test(stderr)) {
    return 'set an identity: git config user.name "Your Name" && git config user.email you@example.org';
  }
  return `run \`${formatGitCommand(args)}\` in ${cwd} to see the full error`;
};
