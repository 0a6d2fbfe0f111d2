/**
 * The Tracker port over GitHub issues. State is read whole on every load:
 * the issue, its comments, and — when the experiment PR exists — its reviews
 * and review comments, which become the human commands they mean:
 *
 * - APPROVE at commit C          → `/epm approve C` (pinned to the reviewed commit,
 *                                  so a review of an older commit is refused by the engine);
 * - REQUEST_CHANGES or COMMENT   → `/epm revise <review text + line comments>`
 *                                  (line comments on plan.md reach the planner's revision).
 *
 * Only comments the bot itself wrote count as EPM's (markers elsewhere are
 * ignored by the reduction). Comments, commands and reviews of people without
 * write access — and of bots not explicitly allowed — are left out of the
 * state entirely: they can neither command, approve nor feed a prompt.
 */
import { branchFor } from '../../domain/branch-name.js';
import { badInput, notFound } from '../../domain/errors.js';
import { isEpmLabel } from '../../domain/lifecycle.js';
import type { CommentOptions, NewIssue, Tracker, TrackerComment, TrackerIssue, TrackerIssueSummary } from '../../ports/tracker.js';
import { statusOf, type GitHubClient, type RepoRef } from './octokit.js';

/** Decides whether a login's words count (write access, or an allowed bot). */
export type TrustCheck = (login: string) => Promise<boolean>;

/** Options of the tracker. */
export interface GitHubTrackerOptions extends RepoRef {
  client: GitHubClient;
  /** The login EPM writes as (`github-actions[bot]` with the workflow token). */
  botLogin: string;
  /** Whether a human's (or bot's) comments and reviews are part of the state. */
  trusted: TrustCheck;
}


/** The experiment PR of an issue, when one is open (or was). */
export interface ExperimentPull {
  number: number;
  headRef: string;
  headSha: string;
  state: string;
  body: string;
  draft: boolean;
  url: string;
}

interface RestUser { login: string; type?: string }

/** GitHub gives labels as names or as objects. */
const labelNames = (labels: readonly (string | { name?: string })[]): string[] => labels.map((l) => (typeof l === 'string' ? l : l.name ?? '')).filter(Boolean);

export class GitHubTracker implements Tracker {
  private readonly client: GitHubClient;
  private readonly repoRef: RepoRef;
  private readonly locks = new Map<number, Promise<unknown>>();
  private readonly pulls = new Map<string, ExperimentPull | null>();

  constructor(private readonly options: GitHubTrackerOptions) {
    this.client = options.client;
    this.repoRef = { owner: options.owner, repo: options.repo };
  }

  async createIssue(input: NewIssue): Promise<TrackerIssue> {
    const { data } = await this.client.rest.issues.create({ ...this.repoRef, title: input.title, body: input.body, labels: input.labels });
    return this.getIssue(data.number);
  }

  async getIssue(number: number): Promise<TrackerIssue> {
    let issue;
    try {
      ({ data: issue } = await this.client.rest.issues.get({ ...this.repoRef, issue_number: number }));
    } catch (error) {
      if (statusOf(error) === 404 || statusOf(error) === 410) {
        throw notFound(`issue #${number} does not exist in ${this.repoRef.owner}/${this.repoRef.repo}`, { issue: number, cause: error });
      }
      throw error;
    }
    if (issue.pull_request) throw badInput(`#${number} is a pull request, not an issue`, { issue: number, hint: 'EPM experiments are issues; their PRs are found from the issue' });
    const raw = await this.client.paginate(this.client.rest.issues.listComments, { ...this.repoRef, issue_number: number, per_page: 100 });
    const comments: TrackerComment[] = [];
    for (const c of raw) {
      const author = c.user?.login ?? 'ghost';
      const byEpm = author === this.options.botLogin;
      if (!byEpm && !(await this.options.trusted(author))) continue;
      comments.push({ id: String(c.id), author, byEpm, body: c.body ?? '', createdAt: c.created_at });
    }
    const pull = await this.findPull(number, issue.title);
    if (pull) comments.push(...(await this.reviewCommands(pull)));
    comments.sort((a, b) => (a.createdAt < b.createdAt ? -1 : a.createdAt > b.createdAt ? 1 : 0));
    return {
      number: issue.number,
      title: issue.title,
      body: issue.body ?? '',
      author: issue.user?.login ?? 'ghost',
      labels: labelNames(issue.labels),
      comments,
      open: issue.state === 'open',
      createdAt: issue.created_at,
    };
  }

  /** Open (or all) issues that carry an EPM label, in number order; pull requests are left out. */
  async listIssues(options: { all?: boolean } = {}): Promise<TrackerIssueSummary[]> {
    const raw = await this.client.paginate(this.client.rest.issues.listForRepo, { ...this.repoRef, state: options.all ? 'all' : 'open', per_page: 100 });
    return raw
      .filter((i) => !i.pull_request)
      .map((i) => ({ number: i.number, title: i.title, labels: labelNames(i.labels), open: i.state === 'open' }))
      .filter((i) => i.labels.some(isEpmLabel))
      .sort((a, b) => a.number - b.number);
  }

  async addComment(number: number, body: string, options: CommentOptions): Promise<TrackerComment> {
    if (options.as.kind !== 'epm') {
      throw badInput(`on GitHub, ${options.as.author} writes their own comments`, { issue: number, hint: 'comment "/epm <command>" on the issue, or review the experiment PR' });
    }
    const { data } = await this.client.rest.issues.createComment({ ...this.repoRef, issue_number: number, body });
    return { id: String(data.id), author: data.user?.login ?? this.options.botLogin, byEpm: true, body: data.body ?? body, createdAt: data.created_at };
  }

  async updateLabels(number: number, change: { add?: string[]; remove?: string[] }): Promise<void> {
    if (change.add?.length) await this.client.rest.issues.addLabels({ ...this.repoRef, issue_number: number, labels: change.add });
    for (const name of change.remove ?? []) {
      try {
        await this.client.rest.issues.removeLabel({ ...this.repoRef, issue_number: number, name });
      } catch (error) {
        if (statusOf(error) !== 404) throw error; // already gone: removing an absent label is a no-op
      }
    }
  }

  async setOpen(number: number, open: boolean): Promise<void> {
    await this.client.rest.issues.update({ ...this.repoRef, issue_number: number, state: open ? 'open' : 'closed' });
  }

  /**
   * Serialises writers inside this process. Across workflow runs the
   * per-issue concurrency group of the workflow templates keeps one writer.
   */
  async withIssueLock<T>(number: number, fn: () => Promise<T>): Promise<T> {
    const before = this.locks.get(number) ?? Promise.resolve();
    const run = before.then(fn, fn);
    this.locks.set(number, run.catch(() => undefined));
    return run;
  }

  /** The issue's experiment PR (the newest one whose head is its branch), cached for this process. */
  async findPull(number: number, title: string): Promise<ExperimentPull | undefined> {
    const branch = branchFor(number, title);
    if (this.pulls.has(branch)) return this.pulls.get(branch) ?? undefined;
    const { data } = await this.client.rest.pulls.list({ ...this.repoRef, head: `${this.repoRef.owner}:${branch}`, state: 'all', per_page: 10 });
    const newest = [...data].sort((a, b) => b.number - a.number).find((p) => p.head.ref === branch);
    const pull = newest ? { number: newest.number, headRef: newest.head.ref, headSha: newest.head.sha, state: newest.state, body: newest.body ?? '', draft: newest.draft ?? false, url: newest.html_url } : undefined;
    this.pulls.set(branch, pull ?? null);
    return pull;
  }

  /** Drops the cached PR of a branch, so the next look-up asks GitHub. */
  forgetPull(branch: string): void {
    this.pulls.delete(branch);
  }

  /** Tells the cache about a PR this process created or changed. */
  rememberPull(pull: ExperimentPull): void {
    this.pulls.set(pull.headRef, pull);
  }

  /** Reviews of the experiment PR as the commands they mean, from people whose words count. */
  private async reviewCommands(pull: ExperimentPull): Promise<TrackerComment[]> {
    const reviews = await this.client.paginate(this.client.rest.pulls.listReviews, { ...this.repoRef, pull_number: pull.number, per_page: 100 });
    if (!reviews.length) return [];
    const lineComments = await this.client.paginate(this.client.rest.pulls.listReviewComments, { ...this.repoRef, pull_number: pull.number, per_page: 100 });
    const commands: TrackerComment[] = [];
    for (const review of reviews) {
      const user = review.user as RestUser | null;
      const author = user?.login ?? 'ghost';
      if (author === this.options.botLogin || !review.submitted_at) continue;
      if (!(await this.options.trusted(author))) continue;
      const lines = lineComments
        .filter((c) => c.pull_request_review_id === review.id)
        .map((c) => `${c.path}${c.line ?? c.original_line ? ` line ${c.line ?? c.original_line}` : ''}: ${c.body.trim()}`);
      const text = [review.body?.trim() ?? '', ...lines].filter(Boolean).join('\n');
      let body: string;
      if (review.state === 'APPROVED') body = `/epm approve ${review.commit_id ?? ''}`.trim();
      else if (review.state === 'CHANGES_REQUESTED') body = `/epm revise ${text || 'changes requested on the experiment PR (no text given)'}`;
      else if (review.state === 'COMMENTED' && text) body = `/epm revise ${text}`;
      else continue;
      commands.push({ id: `review-${review.id}`, author, byEpm: false, body, createdAt: review.submitted_at });
    }
    return commands;
  }
}
