/**
 * A GitHub repository as the action sees it, on this machine: the GitHub
 * emulator (its REST traffic checked against GitHub's OpenAPI description), a
 * bare git repository as the remote, and jobs that run the committed bundle
 * `dist/action/index.js` the way a workflow does — a fresh clone per job,
 * `GITHUB_EVENT_PATH` payloads, outputs and step summary files, the router's
 * outputs feeding the worker. The model is the demo's recorded answers.
 */
import { execFile, execFileSync, type ChildProcess } from 'node:child_process';
import { appendFile, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { writeDemoRepo } from '../../../src/demo/demo-repo.js';
import { DEMO_CONFIG, DEMO_GIT_DATE } from '../../../src/entrypoints/cli/demo.js';
import { startGitHubEmulator, type GitHubEmulator } from '../../emulators/github/github-emulator.js';
import { startSigstoreEmulator, type SigstoreEmulator } from '../../emulators/sigstore/sigstore-emulator.js';

export const OWNER = 'lab';
export const REPO = 'study';
export const BOT = 'github-actions[bot]';
export const BOT_TOKEN = 'ghs_bot_token_for_tests';
const BUNDLE = resolve('dist/action/index.js');
const CASSETTES = resolve('demo/cassettes');

/** What one job left behind. */
export interface JobResult {
  code: number | null;
  outputs: Record<string, string>;
  summary: string;
  stdout: string;
  stderr: string;
  checkout: string;
}

/** An event as GitHub delivers it. */
export interface Delivery {
  name: string;
  payload: unknown;
}

/** Parses a GITHUB_OUTPUT file (`name<<delimiter` blocks). */
export function parseOutputs(text: string): Record<string, string> {
  const outputs: Record<string, string> = {};
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const match = /^([^<]+)<<(.+)$/.exec(lines[i] ?? '');
    if (!match?.[1] || !match[2]) continue;
    const value: string[] = [];
    for (i++; i < lines.length && lines[i] !== match[2]; i++) value.push(lines[i] ?? '');
    outputs[match[1]] = value.join('\n');
  }
  return outputs;
}

export class ActionWorld {
  private jobs = 0;
  /** Called with each running job process (to cancel it midway). */
  onJob?: (child: ChildProcess, mode: 'route' | 'act') => void;

  private constructor(readonly gh: GitHubEmulator, readonly root: string, readonly bare: string, readonly sigstore?: SigstoreEmulator) {}

  /**
   * Starts the emulator and the remote holding the demo study (data, model,
   * EPM config). With `signing`, the repository is private and worker jobs
   * can mint an OIDC token (`id-token: write`): `@actions/attest` signs
   * through the Sigstore emulator (GitHub's instance), and the attestations
   * API accepts only bundles signed under that emulator's root.
   */
  static async start(users: Record<string, { permission: 'admin' | 'write' | 'read' | 'none'; type?: 'User' | 'Bot' }> = {}, options: { signing?: boolean } = {}): Promise<ActionWorld> {
    const root = await mkdtemp(join(tmpdir(), 'epm-action-'));
    const seed = join(root, 'seed');
    const bare = join(root, 'remote.git');
    const git = (cwd: string, ...args: string[]) => execFileSync('git', args, { cwd, stdio: 'pipe', env: gitEnv() });
    execFileSync('git', ['init', '-q', '-b', 'main', seed]);
    git(seed, 'config', 'user.name', 'Lead');
    git(seed, 'config', 'user.email', 'lead@lab.invalid');
    await writeDemoRepo(seed);
    await writeFile(join(seed, 'epm.config.yml'), DEMO_CONFIG);
    await appendFile(join(seed, '.gitignore'), '.epm/\n'); // `epm install` adds it; EPM also excludes it by itself
    git(seed, 'add', '-A');
    git(seed, 'commit', '-q', '-m', 'Optimizer study: data, model, EPM config');
    execFileSync('git', ['clone', '-q', '--bare', seed, bare]);
    const sigstore = options.signing ? await startSigstoreEmulator({ dir: join(root, 'sigstore'), repository: `${OWNER}/${REPO}` }) : undefined;
    const gh = await startGitHubEmulator({
      owner: OWNER, repo: REPO, gitDir: bare,
      ...(sigstore ? { visibility: 'private' as const, checkAttestation: (bundle: Record<string, unknown>) => sigstore.checkBundle(bundle) } : {}),
      tokens: { [BOT_TOKEN]: BOT },
      users: { [BOT]: { permission: 'write', type: 'Bot' }, lead: { permission: 'admin' }, ...users },
    });
    return new ActionWorld(gh, root, bare, sigstore);
  }

  /** Runs one job of the action on a fresh clone of the remote. */
  async job(mode: 'route' | 'act', delivery: Delivery, inputs: Record<string, string> = {}, env: Record<string, string> = {}): Promise<JobResult> {
    const n = ++this.jobs;
    const dir = join(this.root, `job-${n}`);
    const checkout = join(dir, 'checkout');
    execFileSync('git', ['clone', '-q', this.bare, checkout], { env: gitEnv() });
    const eventPath = join(dir, 'event.json');
    const outputPath = join(dir, 'output');
    const summaryPath = join(dir, 'summary.md');
    await writeFile(eventPath, JSON.stringify(delivery.payload));
    await writeFile(outputPath, '');
    await writeFile(summaryPath, '');
    const childEnv: NodeJS.ProcessEnv = {
      PATH: process.env['PATH'] ?? '', HOME: dir, ...gitEnv(),
      GITHUB_ACTIONS: 'true', GITHUB_REPOSITORY: `${OWNER}/${REPO}`, GITHUB_EVENT_NAME: delivery.name, GITHUB_EVENT_PATH: eventPath,
      GITHUB_OUTPUT: outputPath, GITHUB_STEP_SUMMARY: summaryPath, GITHUB_API_URL: this.gh.url, GITHUB_WORKSPACE: checkout,
      INPUT_MODE: mode, 'INPUT_GITHUB-TOKEN': BOT_TOKEN, 'INPUT_BOT-LOGIN': BOT,
      'INPUT_WRITE-INTERVAL-MS': '0', 'INPUT_BACKOFF-UNIT-MS': '20', 'INPUT_POLL-SECONDS': '0.2', 'INPUT_WAIT-FOR-RUN-MINUTES': '5',
      'INPUT_REPLAY-CASSETTES': CASSETTES,
      ...Object.fromEntries(Object.entries(inputs).map(([k, v]) => [`INPUT_${k.toUpperCase()}`, v])),
      // Only the worker job has id-token: write (the templates' router has no OIDC token).
      ...(mode === 'act' && this.sigstore ? this.sigstore.env() : {}),
      ...env,
    };
    const { code, stdout, stderr } = await new Promise<{ code: number | null; stdout: string; stderr: string }>((done) => {
      const child = execFile(process.execPath, [BUNDLE], { cwd: checkout, env: childEnv, maxBuffer: 64 * 1024 * 1024 }, (error, out, err) => {
        done({ code: error ? (typeof error.code === 'number' ? error.code : null) : 0, stdout: out, stderr: err });
      });
      this.onJob?.(child, mode);
    });
    return { code, stdout, stderr, checkout, outputs: parseOutputs(await readFile(outputPath, 'utf8')), summary: await readFile(summaryPath, 'utf8') };
  }

  /**
   * Delivers an event the way the workflow templates do: the router job,
   * then — unless it ignores — one worker per issue of its list (the
   * templates' matrix; here one after another), each with only its number.
   * `act` is the first worker (the only one, except on a sweep).
   */
  async deliver(delivery: Delivery): Promise<{ route: JobResult; act?: JobResult; acts: JobResult[] }> {
    const route = await this.job('route', delivery);
    if (route.code !== 0) throw new Error(`router failed: ${route.stdout}\n${route.stderr}`);
    if (route.outputs['action'] === 'ignore') return { route, acts: [] };
    const issues = JSON.parse(route.outputs['issues'] ?? '') as unknown;
    if (!Array.isArray(issues) || issues.length === 0 || !issues.every((n) => Number.isSafeInteger(n) && n > 0)) throw new Error(`router output issues is not a list of issue numbers: ${route.outputs['issues']}`);
    const acts: JobResult[] = [];
    for (const issue of issues as number[]) acts.push(await this.job('act', delivery, { issue: String(issue) }));
    return { route, act: acts[0], acts };
  }

  /** Head of a branch on the remote. */
  remoteHead(ref: string): string | undefined {
    try {
      return execFileSync('git', ['--git-dir', this.bare, 'rev-parse', '--verify', ref], { encoding: 'utf8', stdio: 'pipe' }).trim();
    } catch {
      return undefined;
    }
  }

  /** Refs on the remote matching a pattern. */
  remoteRefs(pattern: string): string[] {
    return execFileSync('git', ['--git-dir', this.bare, 'for-each-ref', '--format=%(refname)', pattern], { encoding: 'utf8' }).split('\n').filter(Boolean);
  }

  async close(): Promise<void> {
    await this.gh.close();
    await this.sigstore?.close();
    await rm(this.root, { recursive: true, force: true });
  }
}

/** Fixed commit dates, as in the demo: the same work gives the same commits on every run. */
function gitEnv(): Record<string, string> {
  return { GIT_AUTHOR_DATE: DEMO_GIT_DATE, GIT_COMMITTER_DATE: DEMO_GIT_DATE, GIT_CONFIG_NOSYSTEM: '1', GIT_TERMINAL_PROMPT: '0' };
}
