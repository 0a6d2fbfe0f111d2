/**
 * The router's list for a sweep: the open issues EPM manages (any EPM label),
 * each of which gets a worker of its own in the per-issue concurrency group —
 * so a sweep never runs beside an event's worker on the same issue. Read-only
 * (`issues: read`); only the numbers cross to the workers.
 */
import { GitHubTracker } from '../../adapters/github/github-tracker.js';
import { createGitHubClient } from '../../adapters/github/octokit.js';
import type { ActionInputs } from './inputs.js';

/** GitHub runs at most 256 jobs from one matrix. */
export const MAX_SWEEP = 256;

/**
 * Every open EPM issue, or — beyond {@link MAX_SWEEP} — a window of that many
 * that moves on with each half hour, so every issue is swept in turn.
 */
export async function openExperimentIssues(inputs: ActionInputs, now = new Date()): Promise<{ issues: number[]; open: number }> {
  const client = createGitHubClient({ token: inputs.token, baseUrl: inputs.apiUrl, writeIntervalMs: inputs.writeIntervalMs, backoffUnitMs: inputs.backoffUnitMs });
  const tracker = new GitHubTracker({ client, owner: inputs.owner, repo: inputs.repo, botLogin: inputs.botLogin, trusted: async () => false }); // only the list is read: nobody's comments
  const all = (await tracker.listIssues()).map((i) => i.number).filter((n) => Number.isSafeInteger(n) && n > 0);
  return { issues: sweepWindow(all, now), open: all.length };
}

/** At most {@link MAX_SWEEP} of `all`, starting where the previous half hour's window ended. */
export function sweepWindow(all: readonly number[], now: Date): number[] {
  if (all.length <= MAX_SWEEP) return [...all];
  const start = (Math.floor(now.getTime() / 1_800_000) * MAX_SWEEP) % all.length;
  return [...all.slice(start), ...all.slice(0, start)].slice(0, MAX_SWEEP).sort((a, b) => a - b);
}
