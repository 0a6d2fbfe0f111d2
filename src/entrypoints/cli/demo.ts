/**
 * `epm demo`: one small real experiment through every stage. A temporary git
 * repository holds a tiny optimizer study (plain Node, no GPU); EPM files an
 * experiment issue and drives it to `done` — clarify, plan, critique, your
 * approval, implementation in a worktree, code review, tests with a smoke run,
 * the run itself (a real process), provenance and upload verification, figures,
 * the clean result, its critique, your approval, follow-ups. The experiment
 * really runs; without ANTHROPIC_API_KEY the roles' words are replayed from
 * recorded cassettes, and the demo says so.
 */
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { AnthropicModel } from '../../adapters/anthropic/anthropic-model.js';
import { conflict, notFound } from '../../domain/errors.js';
import type { IssueState } from '../../domain/state.js';
import { writeDemoRepo } from '../../demo/demo-repo.js';
import { DemoScriptModel } from '../../demo/demo-model.js';
import { worktreeFolderName } from '../../domain/branch-name.js';
import { experimentPaths } from '../../engine/paths.js';
import { ModelRoleRunner, epmToolProvider } from '../../roles/runtime/model-runner.js';
import { RecordingModel, createModel } from '../../roles/runtime/replay.js';
import type { Model } from '../../ports/model.js';
import { createContext, type CliContext } from './context.js';
import { initRepository } from './init.js';

/** What the demo ends with. */
export interface DemoSummary {
  repo: string;
  status: string;
  cleanResult: string | null;
  figure: string | null;
  manifest: string | null;
  transcripts: string;
  mode: 'live' | 'replay' | 'record';
}

/** Options of the demo. */
export interface DemoOptions {
  /** Approve each stage without asking. */
  yes: boolean;
  /** Asks the human at an approval; resolves to "y", "n" or revise text. */
  ask?: (question: string) => Promise<string>;
  /** Progress output. */
  out: (line: string) => void;
  /** Environment (ANTHROPIC_API_KEY selects the live model). */
  env: NodeJS.ProcessEnv;
  /** Record cassettes from the scripted model (maintainers: `npm run demo:record`). */
  record?: boolean;
  /** Where the cassettes live; default: the `demo/cassettes` folder shipped with EPM. */
  cassetteDir?: string;
  /** Parent folder of the temporary repository; default the OS temp folder. */
  parentDir?: string;
}

export const DEMO_ISSUE_TITLE = 'Does Adam beat SGD on a synthetic two-moons task?';
export const DEMO_ISSUE_BODY = `We always default to SGD for small classifiers. Does Adam do better on our two-moons toy task with the existing lib/ code?
Compare the two optimizers over 3 seeds and tell us which to use by default.`;

/** Finds EPM's shipped `demo/cassettes`, from the bundle (dist/cli) or the sources (src/entrypoints/cli). */
export function shippedCassetteDir(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 6; i++) {
    const candidate = join(dir, 'demo', 'cassettes');
    if (existsSync(candidate)) return candidate;
    dir = dirname(dir);
  }
  return join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'demo', 'cassettes');
}

/**
 * Commit dates of the demo repository. Fixed, so its commits — and the SHAs
 * the roles read in their prompts — are the same on every machine and every
 * run, which is what lets recorded answers replay.
 */
export const DEMO_GIT_DATE = '2026-01-01T00:00:00Z';

/** Runs the demo; resolves when the issue is done (or stops, with the reason). */
export async function runDemo(options: DemoOptions): Promise<DemoSummary> {
  const saved = { author: process.env['GIT_AUTHOR_DATE'], committer: process.env['GIT_COMMITTER_DATE'] };
  process.env['GIT_AUTHOR_DATE'] = DEMO_GIT_DATE;
  process.env['GIT_COMMITTER_DATE'] = DEMO_GIT_DATE;
  try {
    return await driveDemo(options);
  } finally {
    for (const [name, value] of [['GIT_AUTHOR_DATE', saved.author], ['GIT_COMMITTER_DATE', saved.committer]] as const) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
  }
}

async function driveDemo(options: DemoOptions): Promise<DemoSummary> {
  const started = Date.now();
  const say = options.out;
  const cassetteDir = resolve(options.cassetteDir ?? shippedCassetteDir());
  // The demo never publishes to real services: tracking and the hub stay local.
  const env: NodeJS.ProcessEnv = { ...options.env };
  for (const key of ['WANDB_API_KEY', 'HF_TOKEN', 'HUGGING_FACE_HUB_TOKEN']) delete env[key];

  let model: Model;
  let mode: DemoSummary['mode'];
  if (options.record) {
    model = new RecordingModel(new DemoScriptModel(), cassetteDir);
    mode = 'record';
    say(`Recording the scripted roles' answers to ${cassetteDir}.`);
  } else {
    const created = createModel({ env, cassetteDir, live: (o) => new AnthropicModel(o) });
    if (created.mode === 'replay' && !existsSync(cassetteDir)) {
      throw notFound(`the demo's recorded model answers are missing (${cassetteDir})`, { hint: 'reinstall EPM, or set ANTHROPIC_API_KEY to use the real model' });
    }
    model = created.model;
    mode = created.mode;
    say(created.notice);
  }

  const repo = await mkdtemp(join(options.parentDir ?? tmpdir(), 'epm-demo-'));
  // The environment is passed explicitly so the fixed commit dates reach git even where process.env is a copy (test runners).
  const git = (...args: string[]) => execFileSync('git', args, { cwd: repo, stdio: 'pipe', env: { ...process.env } });
  git('init', '-q', '-b', 'main');
  // The research lead's name, as a GitHub login would read: the action's end-to-end test replays the same answers with 'lead' approving.
  git('config', 'user.name', 'lead');
  git('config', 'user.email', 'demo@epm.invalid');
  await writeDemoRepo(repo);
  await initRepository(repo);
  await writeFile(join(repo, 'epm.config.yml'), DEMO_CONFIG);
  git('add', '-A');
  git('commit', '-q', '-m', 'Optimizer study: data, model, EPM config');
  say(`Demo repository: ${repo}`);

  const transcripts = join(repo, '.epm', 'transcripts');
  // The roles' issue tools read the tracker the context creates: bound once it exists.
  const bound: { context?: CliContext } = {};
  const roles = new ModelRoleRunner({
    model,
    transcriptsDir: transcripts,
    env,
    // bash gets a HOME inside the demo repository's .epm/, so nothing is left in the system's temp folder.
    tools: epmToolProvider(join(repo, '.epm'), () => bound.context?.tracker),
  });
  const ctx = await createContext({ repo, roles, env, log: (line) => say(`  ${line}`) });
  bound.context = ctx;
  const issue = await ctx.tracker.createIssue({ title: DEMO_ISSUE_TITLE, body: DEMO_ISSUE_BODY, labels: ['type:experiment'], author: ctx.user });
  say(`Filed #${issue.number}: ${DEMO_ISSUE_TITLE}`);

  let state: IssueState = await ctx.engine.load(issue.number);
  for (let round = 0; round < 400; round++) {
    const report = await ctx.engine.tick(issue.number);
    state = report.state;
    if (report.waiting) throw conflict(`the demo stopped: ${report.waiting}`, { issue: issue.number });
    if (state.status === 'awaiting-plan-approval' || state.status === 'awaiting-result-approval') {
      const what = state.status === 'awaiting-plan-approval' ? `the plan (${state.plan?.path} @ ${state.plan?.version.slice(0, 12)})` : `the clean result (${state.result?.path} @ ${state.result?.sha.slice(0, 12)})`;
      const answer = options.yes ? 'y' : ((await options.ask?.(`Approve ${what}? [y = approve / n = stop / anything else = revise with that text] `)) ?? 'y');
      if (/^y(es)?$/i.test(answer.trim())) {
        say(`Approving ${what}${options.yes ? ' (--yes)' : ''}.`);
        state = (await ctx.engine.act(issue.number, { kind: 'approve' }, ctx.user)).state;
      } else if (/^n(o)?$/i.test(answer.trim())) {
        say('Stopped at your request; the repository is kept for you to look at.');
        break;
      } else {
        state = (await ctx.engine.act(issue.number, { kind: 'revise', message: answer.trim() }, ctx.user)).state;
      }
      continue;
    }
    if (state.status === 'blocked' || state.status === 'failed' || state.status === 'aborted') {
      throw conflict(`the demo stopped in ${state.status}: ${state.blocked?.decision ?? state.failed?.detail ?? state.aborted?.reason ?? ''}`, { issue: issue.number, hint: `inspect it with: epm -C ${repo} show ${issue.number}` });
    }
    if (state.status === 'done' && state.followUps) break;
    // The run is a detached process: give it a moment between monitor ticks.
    if (report.steps.length === 0) await new Promise((r) => setTimeout(r, 150));
  }

  const worktree = join(repo, '.epm', 'worktrees', worktreeFolderName(experimentPaths(state, ctx.config.paths.experiments).branch));
  const run = state.runs.at(-1);
  const summary: DemoSummary = {
    repo,
    status: state.status,
    cleanResult: state.result ? join(worktree, state.result.path) : null,
    figure: state.figures?.files[0] ? join(worktree, state.figures.files[0].png) : null,
    manifest: state.provenance?.path ?? null,
    transcripts: join(transcripts, String(issue.number)),
    mode,
  };
  say('');
  say(`#${issue.number} is ${state.status} after ${((Date.now() - started) / 1000).toFixed(1)} s.`);
  if (summary.cleanResult) say(`Clean result:   ${summary.cleanResult}`);
  if (summary.figure) say(`Figure (PNG):   ${summary.figure}`);
  if (summary.manifest) say(`Provenance:     ${summary.manifest}`);
  if (summary.manifest && run) say(`  verify it:    epm -C ${repo} verify ${summary.manifest} --root ${worktree}`);
  say(`Transcripts:    ${summary.transcripts}`);
  for (const proposal of state.followUps?.proposals ?? []) say(`Follow-up:      ${proposal.title} — ${proposal.change} (~${proposal.gpuHours} GPU-h)`);
  return summary;
}

export const DEMO_CONFIG = `# EPM configuration of the demo repository.
version: 1
loops:
  maxRounds: 3
budgets:
  gpuHoursPerExperiment: 1
  modelUsdPerExperiment: 20
# Every implementation and fix must at least load the shared library.
checks:
  - name: lib loads
    command: node -e "require('./lib/data.js'); require('./lib/model.js')"
`;
