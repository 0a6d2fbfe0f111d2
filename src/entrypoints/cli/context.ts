/**
 * Wires local mode: finds the repository, reads the config, and builds the
 * engine over the local adapters. The only place the CLI touches the
 * environment.
 */
import { execFileSync } from 'node:child_process';
import { userInfo } from 'node:os';
import { join, resolve } from 'node:path';
import { GitWorkspace } from '../../adapters/git/git-workspace.js';
import { loadConfig } from '../../adapters/local/config-file.js';
import { LocalAuthorizer } from '../../adapters/local/local-authorizer.js';
import { LocalCompute } from '../../adapters/local/local-compute.js';
import { LocalTracker } from '../../adapters/local/local-tracker.js';
import { ShellCheckRunner } from '../../adapters/local/shell-checks.js';
import type { EpmConfig } from '../../domain/config.js';
import { badInput } from '../../domain/errors.js';
import type { RoleName } from '../../domain/roles.js';
import { settingsFromConfig } from '../../domain/settings.js';
import { Engine } from '../../engine/engine.js';
import type { RoleRunner } from '../../ports/roles.js';

/** What every command works with. */
export interface CliContext {
  repoDir: string;
  stateDir: string;
  config: EpmConfig;
  configSource: string | null;
  user: string;
  tracker: LocalTracker;
  engine: Engine;
}

/** Options shared by commands. */
export interface ContextOptions {
  /** Repository folder; default: the git top level of the current folder. */
  repo?: string;
  /** Role runner; default: none (roles wait until a model runtime is configured). */
  roles?: RoleRunner;
  /** Progress lines. */
  log?: (line: string) => void;
  clock?: () => Date;
}

/** Finds the repository's top level; a clear error outside a git repository. */
export function findRepo(start: string): string {
  try {
    return execFileSync('git', ['rev-parse', '--show-toplevel'], { cwd: start, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }).trim();
  } catch {
    throw badInput(`${start} is not inside a git repository`, { hint: 'run epm inside a git repository (git init && git commit --allow-empty -m init)' });
  }
}

/** The local user's name: git's user.name, else the OS login. */
export function localUser(repoDir: string): string {
  try {
    const name = execFileSync('git', ['config', 'user.name'], { cwd: repoDir, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
    if (name) return name;
  } catch {
    // no git identity: fall back to the OS login
  }
  return userInfo().username;
}

/** Roles with no runtime: the engine waits with this reason instead of failing the issue. */
export const NO_MODEL_RUNTIME: RoleRunner = {
  unavailable: (role: RoleName) => `no model runtime is configured for the ${role} role yet; the roles arrive with the agent runtime`,
  run: async () => {
    throw new Error('no model runtime configured');
  },
};

/** Builds the context for a command. */
export async function createContext(options: ContextOptions = {}): Promise<CliContext> {
  const repoDir = findRepo(resolve(options.repo ?? process.cwd()));
  const { config, source } = await loadConfig(repoDir);
  const stateDir = join(repoDir, '.epm');
  const user = localUser(repoDir);
  const tracker = new LocalTracker({ root: stateDir, ...(options.clock ? { clock: options.clock } : {}) });
  const settings = settingsFromConfig(config);
  const engine = new Engine({
    tracker,
    workspace: new GitWorkspace({ repoDir, worktreesDir: join(stateDir, 'worktrees') }),
    compute: new LocalCompute({
      runsDir: join(stateDir, 'runs'),
      stallAfterMs: config.monitor.stallMinutes * 60_000,
      nanPatterns: config.monitor.nanPatterns.map((p) => new RegExp(p, 'i')),
      oomPatterns: config.monitor.oomPatterns.map((p) => new RegExp(p, 'i')),
    }),
    roles: options.roles ?? NO_MODEL_RUNTIME,
    authorizer: new LocalAuthorizer({ approvers: config.authorization.approvers, localUser: user }),
    checks: new ShellCheckRunner(),
    checkSpecs: config.checks,
    settings,
    experimentsDir: config.paths.experiments,
    ...(options.clock ? { clock: options.clock } : {}),
    ...(options.log ? { log: options.log } : {}),
  });
  return { repoDir, stateDir, config, configSource: source, user, tracker, engine };
}
