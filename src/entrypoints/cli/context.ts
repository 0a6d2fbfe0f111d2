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
import { LocalProvenanceStore } from '../../adapters/local/local-provenance-store.js';
import { LocalTracking } from '../../adapters/local/local-tracking.js';
import { LocalModelHub } from '../../adapters/local/local-model-hub.js';
import { WandbTracking } from '../../adapters/wandb/wandb-tracking.js';
import { HfModelHub } from '../../adapters/huggingface/hf-model-hub.js';
import { HttpLinkChecker } from '../../adapters/http/http-link-checker.js';
import type { ExperimentTracking } from '../../ports/experiment-tracking.js';
import type { ModelHub } from '../../ports/model-hub.js';
import type { LinkChecker } from '../../ports/link-checker.js';
import { EPM_VERSION } from '../version.js';
import { renderFigure } from '../../adapters/figures/render.js';
import { AnthropicModel } from '../../adapters/anthropic/anthropic-model.js';
import { ModelRoleRunner, epmToolProvider } from '../../roles/runtime/model-runner.js';
import type { EpmConfig } from '../../domain/config.js';
import { badInput } from '../../domain/errors.js';
import type { RoleName } from '../../domain/roles.js';
import { settingsFromConfig } from '../../domain/settings.js';
import { Engine } from '../../engine/engine.js';
import type { RoleRunner } from '../../ports/roles.js';

/** What every command works with. */
export interface CliContext {
  repoDir: string;
  /** Where tracking, hub, links and provenance live: the real services when their keys are set, local stand-ins otherwise. */
  services: Services;
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
  /** The environment to read keys from; default process.env. */
  env?: NodeJS.ProcessEnv;
  /** Overrides for the services (tests point them at emulators). */
  services?: Partial<Services>;
}

/** The external services EPM verifies against. */
export interface Services {
  provenance: LocalProvenanceStore;
  tracking: ExperimentTracking;
  hub: ModelHub;
  links: LinkChecker;
  /** One line per service saying which is in use. */
  describe: string[];
}

/**
 * W&B when WANDB_API_KEY is set, else a local tracking folder; Hugging Face
 * when HF_TOKEN is set, else a local artifact store. The same verification
 * path runs either way.
 */
export function createServices(repoDir: string, env: NodeJS.ProcessEnv, overrides: Partial<Services> = {}): Services {
  const stateDir = join(repoDir, '.epm');
  const wandbKey = env['WANDB_API_KEY'];
  const hfToken = env['HF_TOKEN'] ?? env['HUGGING_FACE_HUB_TOKEN'];
  const tracking = overrides.tracking ?? (wandbKey ? new WandbTracking({ apiKey: wandbKey, ...(env['WANDB_BASE_URL'] ? { baseUrl: env['WANDB_BASE_URL'] } : {}) }) : new LocalTracking(join(stateDir, 'tracking')));
  const hub = overrides.hub ?? (hfToken ? new HfModelHub({ accessToken: hfToken, ...(env['HF_ENDPOINT'] ? { hubUrl: env['HF_ENDPOINT'] } : {}) }) : new LocalModelHub({ root: join(stateDir, 'hub') }));
  return {
    provenance: overrides.provenance ?? new LocalProvenanceStore({ repoDir, runsDir: join(stateDir, 'runs'), env }),
    tracking,
    hub,
    links: overrides.links ?? new HttpLinkChecker(),
    describe: overrides.describe ?? [
      wandbKey ? 'tracking: Weights & Biases (WANDB_API_KEY)' : `tracking: local folder ${join(stateDir, 'tracking')} (set WANDB_API_KEY for W&B)`,
      hfToken ? 'model hub: Hugging Face (HF_TOKEN)' : `model hub: local store ${join(stateDir, 'hub')} (set HF_TOKEN for Hugging Face)`,
    ],
  };
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

/** Roles with no model: the engine waits with this reason instead of failing the issue. */
export const NO_MODEL_RUNTIME: RoleRunner = {
  unavailable: (role: RoleName) => `the ${role} role needs a model: set ANTHROPIC_API_KEY (epm demo shows every role with recorded answers)`,
  run: async () => {
    throw new Error('no model runtime configured');
  },
};

/** The roles played by the real model when ANTHROPIC_API_KEY is set; otherwise none (the engine waits and says why). */
function liveRoles(stateDir: string, env: NodeJS.ProcessEnv, tracker: LocalTracker): RoleRunner {
  const apiKey = env['ANTHROPIC_API_KEY'];
  if (!apiKey) return NO_MODEL_RUNTIME;
  return new ModelRoleRunner({
    model: new AnthropicModel({ apiKey, ...(env['ANTHROPIC_BASE_URL'] ? { baseURL: env['ANTHROPIC_BASE_URL'] } : {}) }),
    transcriptsDir: join(stateDir, 'transcripts'),
    env,
    apiKey,
    tools: epmToolProvider(stateDir, () => tracker),
  });
}

/** Builds the context for a command. */
export async function createContext(options: ContextOptions = {}): Promise<CliContext> {
  const repoDir = findRepo(resolve(options.repo ?? process.cwd()));
  const { config, source } = await loadConfig(repoDir);
  const stateDir = join(repoDir, '.epm');
  const user = localUser(repoDir);
  const tracker = new LocalTracker({ root: stateDir, ...(options.clock ? { clock: options.clock } : {}) });
  const settings = settingsFromConfig(config);
  const env = options.env ?? process.env;
  const services = createServices(repoDir, env, options.services);
  const engine = new Engine({
    provenance: services.provenance,
    tracking: services.tracking,
    hub: services.hub,
    links: services.links,
    epmVersion: EPM_VERSION,
    figures: { render: (spec) => renderFigure(spec) },
    runEnv: { EPM_TRACKING_DIR: join(stateDir, 'tracking') },
    tracker,
    workspace: new GitWorkspace({ repoDir, worktreesDir: join(stateDir, 'worktrees') }),
    compute: new LocalCompute({
      runsDir: join(stateDir, 'runs'),
      stallAfterMs: config.monitor.stallMinutes * 60_000,
      nanPatterns: config.monitor.nanPatterns.map((p) => new RegExp(p, 'i')),
      oomPatterns: config.monitor.oomPatterns.map((p) => new RegExp(p, 'i')),
    }),
    roles: options.roles ?? liveRoles(stateDir, env, tracker),
    authorizer: new LocalAuthorizer({ approvers: config.authorization.approvers, localUser: user }),
    checks: new ShellCheckRunner(),
    checkSpecs: config.checks,
    settings,
    experimentsDir: config.paths.experiments,
    ...(options.clock ? { clock: options.clock } : {}),
    ...(options.log ? { log: options.log } : {}),
  });
  return { repoDir, services, stateDir, config, configSource: source, user, tracker, engine };
}
