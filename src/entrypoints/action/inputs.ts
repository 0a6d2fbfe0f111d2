/**
 * Every input of the action, read and checked in one place from the
 * environment GitHub gives a JavaScript action (`INPUT_<NAME>` variables and
 * the `GITHUB_*` defaults). A bad value is a clear error before anything runs.
 */
import { badInput } from '../../domain/errors.js';

/** What the action was asked to do, and where. */
export interface ActionInputs {
  /** `route`: parse, authorize, acknowledge (no secrets). `act`: do the due work (secrets). */
  mode: 'route' | 'act';
  token: string;
  /** The issue the worker acts on; undefined with `sweep`. */
  issue?: number;
  sweep: boolean;
  botLogin: string;
  allowedBots: string[];
  /** How long the worker waits for a local run to finish within the job. */
  waitForRunMinutes: number;
  /** Seconds between looks at a running run. */
  pollSeconds: number;
  /** A folder of recorded model answers to replay when no ANTHROPIC_API_KEY is set (demos and tests). */
  replayCassettes?: string;
  /** Minimum milliseconds between GitHub writes (GitHub advises 1000). */
  writeIntervalMs: number;
  /** Milliseconds per retry/back-off unit (1000 in production). */
  backoffUnitMs: number;
  eventName: string;
  eventPath: string;
  owner: string;
  repo: string;
  apiUrl: string;
  /** The checked-out repository. */
  workspace: string;
  /** The default branch experiment PRs target. */
  baseBranch?: string;
  /**
   * Signing provenance statements with GitHub artifact attestations: `auto`
   * signs when the job can mint an OIDC token (`id-token: write`), `always`
   * refuses to run without one, `never` leaves statements unsigned.
   */
  attest: 'auto' | 'always' | 'never';
  /** The job's OIDC token endpoint is available (`ACTIONS_ID_TOKEN_REQUEST_URL` and its token are set). */
  oidcAvailable: boolean;
}

const input = (env: NodeJS.ProcessEnv, name: string): string => (env[`INPUT_${name.replace(/ /g, '_').toUpperCase()}`] ?? '').trim();

const required = (env: NodeJS.ProcessEnv, name: string, hint: string): string => {
  const value = env[name]?.trim();
  if (!value) throw badInput(`${name} is not set`, { hint });
  return value;
};

const number = (env: NodeJS.ProcessEnv, name: string, fallback: number, check: (n: number) => boolean, what: string): number => {
  const raw = input(env, name);
  if (raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isFinite(value) || !check(value)) throw badInput(`input ${name} is "${raw.slice(0, 40)}", not ${what}`, { hint: `set ${name} to ${what} in the workflow, or leave it out` });
  return value;
};

/** Reads the inputs; throws bad-input naming the first wrong one. */
export function readInputs(env: NodeJS.ProcessEnv): ActionInputs {
  const mode = input(env, 'mode') || 'act';
  if (mode !== 'route' && mode !== 'act') throw badInput(`input mode is "${mode.slice(0, 40)}"`, { hint: 'use mode: route (the job without secrets) or mode: act (the worker)' });
  const token = input(env, 'github-token') || env['GITHUB_TOKEN']?.trim() || '';
  if (!token) throw badInput('no GitHub token', { hint: 'pass github-token: ${{ github.token }} (the default) and give the job the permissions the template lists' });
  const issueText = input(env, 'issue');
  if (issueText !== '' && !/^[1-9][0-9]*$/.test(issueText)) throw badInput(`input issue is "${issueText.slice(0, 40)}", not an issue number`, { hint: 'pass the number the router job gave (needs.route.outputs.issue)' });
  const sweepText = input(env, 'sweep').toLowerCase();
  if (!['', 'true', 'false'].includes(sweepText)) throw badInput(`input sweep is "${sweepText.slice(0, 40)}"`, { hint: "use 'true' or 'false'" });
  const repository = required(env, 'GITHUB_REPOSITORY', 'run inside GitHub Actions (GITHUB_REPOSITORY is owner/repo)');
  const [owner, repo, extra] = repository.split('/');
  if (!owner || !repo || extra !== undefined) throw badInput(`GITHUB_REPOSITORY is "${repository}", not owner/repo`);
  const attest = input(env, 'attest').toLowerCase() || 'auto';
  if (attest !== 'auto' && attest !== 'always' && attest !== 'never') throw badInput(`input attest is "${attest.slice(0, 40)}"`, { hint: 'use auto (sign when the job has id-token: write), always or never' });
  const oidcAvailable = !!env['ACTIONS_ID_TOKEN_REQUEST_URL']?.trim() && !!env['ACTIONS_ID_TOKEN_REQUEST_TOKEN']?.trim();
  if (mode === 'act' && attest === 'always' && !oidcAvailable) {
    throw badInput('input attest is "always" but this job cannot mint an OIDC token to sign with', { hint: 'give the worker job "permissions: id-token: write" and "attestations: write" (the templates do), or set attest: auto' });
  }
  const replay = input(env, 'replay-cassettes');
  const base = input(env, 'base-branch');
  return {
    mode,
    token,
    ...(issueText ? { issue: Number(issueText) } : {}),
    sweep: sweepText === 'true',
    botLogin: input(env, 'bot-login') || 'github-actions[bot]',
    allowedBots: input(env, 'allowed-bots').split(',').map((s) => s.trim()).filter(Boolean),
    waitForRunMinutes: number(env, 'wait-for-run-minutes', 30, (n) => n >= 0 && n <= 360, 'a number of minutes from 0 to 360'),
    pollSeconds: number(env, 'poll-seconds', 10, (n) => n > 0 && n <= 600, 'a number of seconds above 0, at most 600'),
    writeIntervalMs: number(env, 'write-interval-ms', 1000, (n) => n >= 0 && n <= 10_000, 'milliseconds from 0 to 10000'),
    backoffUnitMs: number(env, 'backoff-unit-ms', 1000, (n) => n >= 1 && n <= 10_000, 'milliseconds from 1 to 10000'),
    ...(replay ? { replayCassettes: replay } : {}),
    ...(base ? { baseBranch: base } : {}),
    attest,
    oidcAvailable,
    eventName: required(env, 'GITHUB_EVENT_NAME', 'run inside GitHub Actions'),
    eventPath: required(env, 'GITHUB_EVENT_PATH', 'run inside GitHub Actions'),
    owner,
    repo,
    apiUrl: env['GITHUB_API_URL']?.trim() || 'https://api.github.com',
    workspace: env['GITHUB_WORKSPACE']?.trim() || process.cwd(),
  };
}
