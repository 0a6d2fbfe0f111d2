/**
 * The worker: wires the engine over GitHub (tracker, authorizer, branch/PR/
 * release publisher) and the machine it runs on (git worktrees, local compute,
 * W&B / Hugging Face or local stand-ins, the model or its recorded answers),
 * then reconciles the issue — or every open experiment on a sweep.
 */
import { join, resolve } from 'node:path';
import { GitHubAuthorizer } from '../../adapters/github/github-authorizer.js';
import { GitHubPublisher } from '../../adapters/github/github-publisher.js';
import { GitHubAttestor } from '../../adapters/github/github-attestor.js';
import { GitHubTracker } from '../../adapters/github/github-tracker.js';
import { createGitHubClient } from '../../adapters/github/octokit.js';
import { GitRemote } from '../../adapters/git/git-remote.js';
import { GitWorkspace } from '../../adapters/git/git-workspace.js';
import { loadConfig } from '../../adapters/local/config-file.js';
import { LocalCompute } from '../../adapters/local/local-compute.js';
import { ShellCheckRunner } from '../../adapters/local/shell-checks.js';
import { renderFigure } from '../../adapters/figures/render.js';
import { AnthropicModel } from '../../adapters/anthropic/anthropic-model.js';
import { entryCommandOf } from '../../domain/commands.js';
import { isEpmError } from '../../domain/errors.js';
import { readLabels, typeLabel } from '../../domain/lifecycle.js';
import { reduce } from '../../domain/reduce.js';
import { settingsFromConfig } from '../../domain/settings.js';
import { currentRun, type IssueState, type LifecycleSettings } from '../../domain/state.js';
import { Engine } from '../../engine/engine.js';
import { experimentPaths } from '../../engine/paths.js';
import type { Compute } from '../../ports/compute.js';
import type { RoleRunner } from '../../ports/roles.js';
import { ModelRoleRunner, epmToolProvider } from '../../roles/runtime/model-runner.js';
import { createModel } from '../../roles/runtime/replay.js';
import { EPM_VERSION } from '../version.js';
import { NO_MODEL_RUNTIME, createServices } from '../cli/context.js';
import { excludeEpmState } from '../cli/init.js';
import type { ActionInputs } from './inputs.js';
import { renderStatusReply, statusReplyTag } from './status.js';

/** What the worker did to one issue. */
export interface IssueOutcome {
  issue: number;
  before: string;
  status: string;
  steps: string[];
  /** Why work that is due could not be done here. */
  waiting?: string;
  error?: string;
  state?: IssueState;
}

/** Everything the worker needs from its surroundings. */
export interface ActDeps {
  inputs: ActionInputs;
  env: NodeJS.ProcessEnv;
  log: (line: string) => void;
  sleep?: (ms: number) => Promise<void>;
}

/** The worker's wiring. */
interface Wired {
  tracker: GitHubTracker;
  engine: Engine;
  /** The job's compute, looked at directly while a run goes on (no GitHub traffic). */
  compute: Compute;
  publisher: GitHubPublisher;
  experimentsDir: string;
  settings: LifecycleSettings;
  modelNotice: string;
  signingNotice: string;
}

async function wire(deps: ActDeps): Promise<Wired> {
  const { inputs, env, log } = deps;
  const repoDir = resolve(inputs.workspace);
  const stateDir = join(repoDir, '.epm');
  await excludeEpmState(repoDir);
  const client = createGitHubClient({ token: inputs.token, baseUrl: inputs.apiUrl, writeIntervalMs: inputs.writeIntervalMs, backoffUnitMs: inputs.backoffUnitMs, log });
  const authorizer = new GitHubAuthorizer({ client, owner: inputs.owner, repo: inputs.repo, allowedBots: inputs.allowedBots });
  const tracker = new GitHubTracker({ client, owner: inputs.owner, repo: inputs.repo, botLogin: inputs.botLogin, trusted: (login) => authorizer.trusts(login) });
  const { config } = await loadConfig(repoDir);
  const workspace = new GitWorkspace({ repoDir, worktreesDir: join(stateDir, 'worktrees') });
  const services = createServices(repoDir, env);
  let roles: RoleRunner = NO_MODEL_RUNTIME;
  let modelNotice = 'No model: set the ANTHROPIC_API_KEY secret for the roles to run.';
  if (env['ANTHROPIC_API_KEY']?.trim() || inputs.replayCassettes) {
    const created = createModel({ env, cassetteDir: resolve(repoDir, inputs.replayCassettes ?? '.'), live: (o) => new AnthropicModel(o) });
    modelNotice = created.notice;
    roles = new ModelRoleRunner({
      model: created.model,
      transcriptsDir: join(stateDir, 'transcripts'),
      env,
      ...(env['ANTHROPIC_API_KEY'] ? { apiKey: env['ANTHROPIC_API_KEY'] } : {}),
      tools: epmToolProvider(stateDir, () => tracker),
    });
  }
  // Bound below: the engine pushes through the publisher, which needs the engine's workspace.
  const late: { publisher?: GitHubPublisher } = {};
  const settings = settingsFromConfig(config);
  const compute = new LocalCompute({
    runsDir: join(stateDir, 'runs'),
    stallAfterMs: config.monitor.stallMinutes * 60_000,
    nanPatterns: config.monitor.nanPatterns.map((p) => new RegExp(p, 'i')),
    oomPatterns: config.monitor.oomPatterns.map((p) => new RegExp(p, 'i')),
  });
  const signing = inputs.attest !== 'never' && inputs.oidcAvailable;
  const engine = new Engine({
    ...(signing ? { attestor: new GitHubAttestor({ client, owner: inputs.owner, repo: inputs.repo }) } : {}),
    provenance: services.provenance, tracking: services.tracking, hub: services.hub, links: services.links,
    epmVersion: EPM_VERSION,
    figures: { render: (spec) => renderFigure(spec) },
    runEnv: { EPM_TRACKING_DIR: join(stateDir, 'tracking') },
    tracker, workspace,
    compute,
    roles, authorizer,
    checks: new ShellCheckRunner(),
    checkSpecs: config.checks,
    settings,
    experimentsDir: config.paths.experiments,
    log,
    // Commits reach GitHub before the marker that names them.
    beforeRecord: async (state) => late.publisher?.push(state),
  });
  let baseBranch = inputs.baseBranch;
  if (!baseBranch) ({ data: { default_branch: baseBranch } } = await client.rest.repos.get({ owner: inputs.owner, repo: inputs.repo }));
  const publisher = new GitHubPublisher({
    client, owner: inputs.owner, repo: inputs.repo, tracker, workspace,
    remote: new GitRemote({ repoDir, token: inputs.token }), baseBranch,
    paths: (state) => experimentPaths(state, config.paths.experiments),
  });
  late.publisher = publisher;
  const signingNotice = signing
    ? 'Provenance statements are signed with GitHub artifact attestations (Sigstore); check one with: gh attestation verify <output> -R ' + `${inputs.owner}/${inputs.repo}.`
    : inputs.attest === 'never'
      ? 'Provenance statements are left unsigned (attest: never); they verify by digest.'
      : 'Provenance statements are unsigned: give the worker job "permissions: id-token: write, attestations: write" to sign them.';
  return { tracker, engine, compute, publisher, experimentsDir: config.paths.experiments, settings, modelNotice, signingNotice };
}

/** Runs the worker: one issue, or a sweep of every open experiment. */
export async function act(deps: ActDeps): Promise<{ outcomes: IssueOutcome[]; modelNotice: string; signingNotice: string }> {
  const wired = await wire(deps);
  const numbers = deps.inputs.issue !== undefined ? [deps.inputs.issue] : (await wired.tracker.listIssues()).map((i) => i.number);
  const outcomes: IssueOutcome[] = [];
  for (const number of numbers) {
    try {
      outcomes.push(await reconcile(wired, number, deps));
    } catch (error) {
      // One failing issue does not stop a sweep; the next run starts again from the tracker's state.
      const line = isEpmError(error) ? error.toLine() : error instanceof Error ? error.message : String(error);
      deps.log(`#${number}: ${line}`);
      outcomes.push({ issue: number, before: '?', status: '?', steps: [], error: line });
    }
  }
  return { outcomes, modelNotice: wired.modelNotice, signingNotice: wired.signingNotice };
}

/** While a run goes on, the engine ticks at least this often (progress markers, budgets, stalls). */
const ENGINE_EVERY_MS = 5 * 60_000;

async function reconcile(wired: Wired, number: number, deps: ActDeps): Promise<IssueOutcome> {
  const { engine, publisher } = wired;
  const sleep = deps.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms)));
  await publisher.before(number);
  const { steps, before } = await answerEntryCommands(wired, number);
  const deadline = Date.now() + deps.inputs.waitForRunMinutes * 60_000;
  let report = await engine.tick(number);
  steps.push(...report.steps);
  // A local run lives only as long as this job: wait for it here. Between engine ticks (each reads the
  // issue from GitHub) the run is looked at locally; the engine ticks when what it shows changes, and
  // at least every ENGINE_EVERY_MS for progress and budgets — not every poll, which would spend the
  // token's hourly request budget on a long run.
  const look = async (state: IssueState): Promise<string> => {
    const run = currentRun(state);
    if (!run) return '';
    const seen = await wired.compute.inspect(run.runId);
    return `${seen.state} ${seen.findings.length}`;
  };
  let ticked = Date.now();
  let atTick = await look(report.state);
  while (!report.waiting && report.state.status === 'running' && Date.now() < deadline) {
    await sleep(deps.inputs.pollSeconds * 1000);
    if (Date.now() - ticked < ENGINE_EVERY_MS) {
      const now = await look(report.state);
      // The run ended, or shows something new (a finding, a stall): the engine looks now. Otherwise, wait on.
      if (now !== '' && now === atTick && !/^(exited|lost) /.test(now)) continue;
    }
    report = await engine.tick(number);
    steps.push(...report.steps);
    ticked = Date.now();
    atTick = await look(report.state);
  }
  steps.push(...(await publisher.after(report.state)));
  return { issue: number, before, status: report.state.status, steps, ...(report.waiting ? { waiting: report.waiting } : {}), state: report.state };
}

/**
 * `/epm plan` and `/epm status` from people with write access (the tracker
 * leaves out everyone else's comments): label the issue an experiment, or
 * answer with its status — each once, whatever the number of deliveries.
 */
async function answerEntryCommands(wired: Wired, number: number): Promise<{ steps: string[]; before: string }> {
  const { tracker } = wired;
  const issue = await tracker.getIssue(number);
  // The state as this run found it, from the same read (the engine's tick reads again, under its lock).
  const state = reduce(issue, wired.settings);
  const steps: string[] = [];
  for (const comment of issue.comments) {
    if (comment.byEpm) continue;
    const command = entryCommandOf(comment.body);
    if (command === 'plan' && !readLabels(issue.labels).type) {
      await tracker.updateLabels(number, { add: [typeLabel('experiment')] });
      issue.labels.push(typeLabel('experiment'));
      steps.push(`#${number} labelled type:experiment (/epm plan by ${comment.author})`);
    } else if (command === 'status' && !issue.comments.some((c) => c.byEpm && c.body.includes(statusReplyTag(comment.id)))) {
      const reply = await tracker.addComment(number, renderStatusReply(state, comment.id, comment.author, experimentPaths(state, wired.experimentsDir)), { as: { kind: 'epm' } });
      issue.comments.push(reply);
      steps.push(`#${number} status sent to ${comment.author}`);
    }
  }
  return { steps, before: state.status };
}
