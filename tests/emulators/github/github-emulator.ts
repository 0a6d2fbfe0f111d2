/**
 * An in-memory GitHub on 127.0.0.1 for tests: the REST routes EPM's
 * adapters call (repository, issues, comments, labels, reactions,
 * collaborator permission, pull requests, reviews, review comments,
 * releases, asset uploads), with GitHub's behaviour on them — pagination
 * with `Link` headers, labels created on the fly, "A pull request already
 * exists", 404 for a label an issue does not have, drafts without a tag.
 *
 * Every request it receives (path and query parameters, JSON body) and
 * every answer it sends (JSON body, for the status sent) is validated
 * against `@octokit/openapi`'s description of api.github.com; every event
 * payload a test builds (`webhook.*`) against `@octokit/openapi-webhooks`.
 * Problems do not throw: they are appended to `violations` (a test asserts
 * it stays empty) and the request is still answered — an invalid JSON body
 * with 422, as GitHub does. A route it does not serve answers 404 and is a
 * violation too.
 *
 * It checks tokens (`authorization: token X` or `Bearer X`; unknown → 401),
 * writes as the token's login, answers collaborator permissions from its
 * users, counts requests per route, injects 5xx and rate-limit answers, and
 * reads branch heads from a bare git repository standing in for the remote.
 * Start and stop it inside each test file.
 */

import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { components } from '@octokit/openapi-types';
import { createRoutes, errorBody, type Route, type RouteAnswer, type RouteRequest } from './github-routes.js';
import { GitHubStore, type EmulatedUser, type IssueRecord, type ReviewState } from './github-store.js';
import { RestSpec, type RestOperation, type RestProblem } from './rest-spec.js';
import { RestViews } from './rest-views.js';
import { WebhookPayloads, type IssueChanges, type WebhookDelivery } from './webhook-payloads.js';
import { validateWebhook } from './webhook-spec.js';

export type { EmulatedUser, Permission, ReactionContent, ReviewState } from './github-store.js';
export type { IssueChanges, WebhookDelivery } from './webhook-payloads.js';
export { validateWebhook, webhookKey } from './webhook-spec.js';
export { validateRestSchema } from './rest-spec.js';

/** `issue` as the REST API sends it. */
export type RestIssue = components['schemas']['issue'];
/** `issue-comment` as the REST API sends it. */
export type RestIssueComment = components['schemas']['issue-comment'];
/** `pull-request` as the REST API sends it. */
export type RestPullRequest = components['schemas']['pull-request'];
/** `pull-request-review` as the REST API sends it. */
export type RestReview = components['schemas']['pull-request-review'];
/** `pull-request-review-comment` as the REST API sends it. */
export type RestReviewComment = components['schemas']['pull-request-review-comment'];
/** `release` as the REST API sends it. */
export type RestRelease = components['schemas']['release'];
/** `reaction` as the REST API sends it. */
export type RestReaction = components['schemas']['reaction'];

/** Options of `startGitHubEmulator`. */
export interface GitHubEmulatorOptions {
  /** Owner of the one repository served. */
  owner: string;
  /** Name of the one repository served. */
  repo: string;
  /** Token → the login it acts as (the author of what it creates). Any other token answers 401. */
  tokens: Readonly<Record<string, string>>;
  /** Accounts with their permission (collaborator-permission API, write access) and type. Other logins are strangers: 404 there. */
  users: Readonly<Record<string, EmulatedUser>>;
  /** A bare git repository standing in for the remote: PR creation checks branches there, PRs report its heads. */
  gitDir?: string;
  /** Clock of every timestamp; default the real one. */
  now?: () => Date;
  /** Default branch of the repository; default `main`. */
  defaultBranch?: string;
  /** How a bundle sent to the attestations API is checked; default: refused (no trusted Sigstore instance). */
  checkAttestation?: (bundle: Record<string, unknown>) => string | undefined;
  /** The repository's visibility; default public. (It decides which Sigstore instance `@actions/attest` signs with.) */
  visibility?: 'public' | 'private';
}

/** An injected failure. */
export interface GitHubFault {
  /** Route key as in `counts()`, e.g. `POST /repos/{owner}/{repo}/issues/{issue_number}/comments`; undefined: any route. */
  route?: string;
  status: 500 | 502 | 503 | 403 | 429;
  /** How many requests in a row it answers. */
  times: number;
  /**
   * Answer as GitHub's rate limiting does. `true`: a 403 is the primary limit
   * (`x-ratelimit-remaining: 0`, `x-ratelimit-reset` now, so clients wait
   * about 1 s), a 429 the secondary one (`retry-after: 1`, "secondary rate
   * limit" in the message). Or name the kind.
   */
  rateLimit?: boolean | 'primary' | 'secondary';
}

/** One request the emulator received (no headers, so no tokens). */
export interface RecordedRequest {
  method: string;
  /** Path and query as received. */
  path: string;
  /** Route key as in `counts()`; undefined for an unknown route. */
  route: string | undefined;
  /** The token's login; undefined without a known token. */
  login: string | undefined;
  /** The parsed JSON body, or undefined (uploads and bodiless requests). */
  body: unknown;
  /** The status answered. */
  status: number;
}

/** Builders of event payloads; each is validated against @octokit/openapi-webhooks, problems go to `violations`. */
export interface WebhookBuilders {
  /** `issues` / `opened`. */
  issuesOpened(issueNumber: number, sender: string): WebhookDelivery;
  /** `issues` / `labeled` (add the label to the issue first, as GitHub would have). */
  issuesLabeled(issueNumber: number, label: string, sender: string): WebhookDelivery;
  /** `issues` / `edited`, with the previous title or body. */
  issuesEdited(issueNumber: number, sender: string, changes?: IssueChanges): WebhookDelivery;
  /** `issue_comment` / `created`, sent by the comment's author. */
  issueCommentCreated(issueNumber: number, commentId: number): WebhookDelivery;
  /** `pull_request_review` / `submitted`, sent by the reviewer. */
  pullRequestReviewSubmitted(pullNumber: number, reviewId: number): WebhookDelivery;
  /** `pull_request_review_comment` / `created`, sent by the comment's author. */
  pullRequestReviewCommentCreated(pullNumber: number, commentId: number): WebhookDelivery;
  /** `pull_request` / `synchronize`: before = the head at the previous synchronize (or creation), after = the head now. */
  pullRequestSynchronize(pullNumber: number, sender: string): WebhookDelivery;
  /** `schedule` (an Actions event; checked against a schema written from GitHub's documentation). */
  schedule(cron: string, workflow?: string): WebhookDelivery;
  /** `workflow_dispatch` on the default branch. */
  workflowDispatch(inputs: Record<string, unknown>, sender: string, workflow?: string): WebhookDelivery;
}

/** An issue to seed. */
export interface SeedIssue {
  title: string;
  body: string;
  /** The author. */
  user: string;
  labels?: string[];
  assignees?: string[];
  /** Default open. */
  state?: 'open' | 'closed';
}

/** A pull request to seed. */
export interface SeedPull {
  /** Head branch name, without owner. */
  head: string;
  /** Base branch; default the default branch. */
  base?: string;
  title: string;
  body?: string;
  user: string;
  draft?: boolean;
  /** `owner/repo` of the head; another repository than the served one makes a fork's PR. */
  headRepoFullName?: string;
}

/** A review to seed, with its line comments (they get its `pull_request_review_id`). */
export interface SeedReview {
  user: string;
  state: ReviewState;
  body?: string;
  /** The commit reviewed. */
  commitId: string;
  comments?: { path: string; line: number; body: string }[];
}

interface CompiledRoute {
  route: Route;
  key: string;
  operation: RestOperation;
  names: string[];
  pattern: RegExp;
}

const UPLOADS = '/uploads';
const MAX_BODY = 100 * 1024 * 1024;
const REST_DOCS = 'https://docs.github.com/rest';
const RATE_LIMIT_DOCS = 'https://docs.github.com/rest/using-the-rest-api/rate-limits-for-the-rest-api';

/** Starts an emulator on 127.0.0.1, on a port the OS picks. */
export async function startGitHubEmulator(options: GitHubEmulatorOptions): Promise<GitHubEmulator> {
  const spec = RestSpec.shared();
  const holder: { emulator?: GitHubEmulator } = {};
  const server = createServer((req, res) => {
    if (!holder.emulator) res.writeHead(503).end();
    else void holder.emulator.handle(req, res);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  holder.emulator = new GitHubEmulator(server, spec, options);
  return holder.emulator;
}

/** A running emulator: its URL, the test-side API (seed, read, faults, counts) and the webhook builders. */
export class GitHubEmulator {
  /** `http://127.0.0.1:<port>`: the REST base URL (Octokit's `baseUrl`, `GITHUB_API_URL`). */
  readonly url: string;
  /** Requests and answers that broke GitHub's description, unknown routes, invalid webhook payloads, emulator crashes. */
  readonly violations: string[] = [];
  /** Every request received, in order. */
  readonly requests: RecordedRequest[] = [];
  /** Builders of event payloads. */
  readonly webhook: WebhookBuilders;

  private readonly store: GitHubStore;
  private readonly views: RestViews;
  private readonly routes: CompiledRoute[];
  private readonly requestCounts = new Map<string, number>();
  private readonly faults: GitHubFault[] = [];
  private readonly tampers: { route: string; mutate: (body: unknown) => unknown }[] = [];

  /** Use `startGitHubEmulator`. */
  constructor(
    private readonly server: Server,
    private readonly spec: RestSpec,
    private readonly options: GitHubEmulatorOptions,
  ) {
    const { port } = server.address() as AddressInfo;
    this.url = `http://127.0.0.1:${port}`;
    this.store = new GitHubStore(options);
    this.views = new RestViews(this.store, { api: this.url, web: this.url, uploads: `${this.url}${UPLOADS}` });
    this.routes = createRoutes(this.store, this.views).map((route) => this.compile(route));
    this.webhook = this.webhookBuilders(new WebhookPayloads(this.store, this.views));
  }

  // ---- test side: seeding -----------------------------------------------------

  /** Opens an issue as `user` (labels created on the fly). */
  seedIssue(input: SeedIssue): RestIssue {
    const issue = this.store.createIssue({ title: input.title, body: input.body, user: input.user, labels: input.labels ?? [], assignees: input.assignees ?? [] });
    if (input.state === 'closed') this.store.setState(issue, 'closed', input.user);
    return this.views.issue(issue) as unknown as RestIssue;
  }

  /** Comments on an issue or pull request as `user`. */
  seedComment(issueNumber: number, input: { user: string; body: string }): RestIssueComment {
    const comment = this.store.addComment(this.issueRecord(issueNumber), input.user, input.body);
    return this.views.comment(comment) as unknown as RestIssueComment;
  }

  /** Opens a pull request (no branch check: a test may seed a PR whose branch is gone). */
  seedPull(input: SeedPull): RestPullRequest {
    const issue = this.store.createIssue({
      title: input.title,
      body: input.body ?? null,
      user: input.user,
      pull: { head: input.head, headRepoFullName: input.headRepoFullName ?? this.store.fullName, base: input.base ?? this.store.defaultBranch, draft: input.draft ?? false },
    });
    return this.views.pullRequest(issue) as unknown as RestPullRequest;
  }

  /** Submits a review on a pull request, with line comments. */
  seedReview(pullNumber: number, input: SeedReview): RestReview {
    const issue = this.issueRecord(pullNumber);
    if (!issue.pull) throw new Error(`#${pullNumber} is an issue, not a pull request`);
    return this.views.review(this.store.addReview(issue, input)) as unknown as RestReview;
  }

  // ---- test side: reading -----------------------------------------------------

  /** An issue (or a pull request's issue) as GET would answer; throws when there is none. */
  issue(issueNumber: number): RestIssue {
    return this.views.issue(this.issueRecord(issueNumber)) as unknown as RestIssue;
  }

  /** An issue's comments, in creation order. */
  comments(issueNumber: number): RestIssueComment[] {
    this.issueRecord(issueNumber);
    return this.store.commentsOf(issueNumber).map((c) => this.views.comment(c) as unknown as RestIssueComment);
  }

  /** Every pull request, open or closed, by number. */
  pulls(): RestPullRequest[] {
    return this.store.pulls().map((issue) => this.views.pullRequest(issue) as unknown as RestPullRequest);
  }

  /** A pull request's reviews, in submission order. */
  reviews(pullNumber: number): RestReview[] {
    return [...this.store.reviews.values()].filter((r) => r.pullNumber === pullNumber).map((r) => this.views.review(r) as unknown as RestReview);
  }

  /** A pull request's review comments, in creation order. */
  reviewComments(pullNumber: number): RestReviewComment[] {
    return [...this.store.reviewComments.values()].filter((c) => c.pullNumber === pullNumber).map((c) => this.views.reviewComment(c) as unknown as RestReviewComment);
  }

  /** Every release (drafts included) with its assets, in creation order. */
  releases(): RestRelease[] {
    return [...this.store.releases.values()].map((r) => this.views.release(r) as unknown as RestRelease);
  }

  /** The bytes of a release asset, by name; undefined when there is none. */
  assetContent(releaseId: number, name: string): Buffer | undefined {
    return this.store.assetsOf(releaseId).find((a) => a.name === name)?.content;
  }

  /** Artifact attestations stored through the attestations API, oldest first. */
  attestations(): { id: number; subjectDigests: string[]; predicateType: string; by: string; bundle: Record<string, unknown> }[] {
    return [...this.store.attestations.values()].map((a) => ({ ...a }));
  }

  /** Reactions to an issue comment, oldest first. */
  reactions(commentId: number): RestReaction[] {
    return this.store.reactionsOf(commentId).map((r) => this.views.reaction(r) as unknown as RestReaction);
  }

  // ---- test side: counts, faults, hooks -------------------------------------

  /** Requests per route key, `"METHOD /template"` (e.g. `POST /repos/{owner}/{repo}/issues`); faulted and refused ones included. */
  counts(): Record<string, number> {
    return Object.fromEntries(this.requestCounts);
  }

  /** Zeroes the counts. */
  resetCounts(): void {
    this.requestCounts.clear();
  }

  /** The next `fault.times` requests to `fault.route` (any route when undefined) answer `fault.status`; then it recovers. */
  failNext(fault: GitHubFault): void {
    if (fault.route !== undefined && !this.routes.some((r) => r.key === fault.route)) {
      throw new Error(`failNext: no route ${fault.route}; routes: ${this.routes.map((r) => r.key).join(', ')}`);
    }
    if (fault.times > 0) this.faults.push({ ...fault });
  }

  /** Drops pending faults. */
  clearFaults(): void {
    this.faults.length = 0;
  }

  /**
   * Passes the next JSON answer of `route` through `mutate` before it is
   * validated and sent: lets a test prove a malformed answer is caught.
   */
  tamperNext(route: string, mutate: (body: unknown) => unknown): void {
    this.tampers.push({ route, mutate });
  }

  /** Problems of an event payload against @octokit/openapi-webhooks (see `validateWebhook`). */
  validateWebhook(eventName: string, payload: unknown): string[] {
    return validateWebhook(eventName, payload);
  }

  /** Stops listening and drops open connections. */
  async close(): Promise<void> {
    await new Promise<void>((resolve) => {
      this.server.close(() => resolve());
      this.server.closeAllConnections();
    });
  }

  // ---- serving ----------------------------------------------------------------

  /** @internal Serves one request (the server's listener). */
  async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const method = (req.method ?? 'GET').toUpperCase();
    const url = new URL(req.url ?? '/', this.url);
    const record: RecordedRequest = { method, path: `${url.pathname}${url.search}`, route: undefined, login: undefined, body: undefined, status: 0 };
    this.requests.push(record);
    let answer: RouteAnswer;
    try {
      answer = await this.answer(req, url, method, record);
    } catch (error) {
      this.violations.push(`${method} ${url.pathname}: emulator error ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
      answer = { status: 500, body: errorBody(500, 'emulator error', REST_DOCS) };
    }
    record.status = answer.status;
    const headers: Record<string, string> = {
      'x-github-request-id': randomUUID(),
      'x-github-media-type': 'github.v3; format=json',
      'x-github-api-version-selected': '2022-11-28',
      'x-ratelimit-limit': '5000',
      'x-ratelimit-remaining': '4999',
      'x-ratelimit-reset': String(Math.floor(Date.now() / 1000) + 3600),
      'x-ratelimit-used': '1',
      'x-ratelimit-resource': 'core',
      ...answer.headers,
    };
    if (answer.body === undefined) {
      res.writeHead(answer.status, headers).end();
      return;
    }
    res.writeHead(answer.status, { ...headers, 'content-type': 'application/json; charset=utf-8' }).end(JSON.stringify(answer.body));
  }

  private async answer(req: IncomingMessage, url: URL, method: string, record: RecordedRequest): Promise<RouteAnswer> {
    const raw = await readBody(req);
    if (raw === undefined) return { status: 413, body: errorBody(413, 'request body too large', REST_DOCS) };
    const upload = url.pathname.startsWith(`${UPLOADS}/`);
    const path = upload ? url.pathname.slice(UPLOADS.length) : url.pathname;
    const matched = this.match(method, path, upload);
    if (!matched) {
      this.violations.push(`unknown route: ${method} ${url.pathname} ${this.unknownRouteHint(method, path, upload)}`);
      return { status: 404, body: errorBody(404, 'Not Found', REST_DOCS) };
    }
    const { compiled, params } = matched;
    const { key, operation } = compiled;
    record.route = key;
    this.requestCounts.set(key, (this.requestCounts.get(key) ?? 0) + 1);
    const docs = operation.documentationUrl;

    const login = this.authenticate(req);
    if (login === undefined) return { status: 401, body: errorBody(401, 'Bad credentials', REST_DOCS) };
    record.login = login;

    const fault = this.takeFault(key);
    if (fault) return faultAnswer(fault);

    if (params['owner']?.toLowerCase() !== this.store.owner.toLowerCase() || params['repo']?.toLowerCase() !== this.store.repo.toLowerCase()) {
      return { status: 404, body: errorBody(404, 'Not Found', docs) };
    }
    const problems: RestProblem[] = operation.checkParameters(params, url.searchParams);
    const contentType = req.headers['content-type'];
    let body: unknown;
    if (operation.takesJson && raw.length > 0) {
      try {
        body = JSON.parse(raw.toString('utf8'));
      } catch {
        this.report(key, [...problems, { where: 'request body', message: 'is not JSON' }]);
        return this.checked(compiled, { status: 400, body: errorBody(400, 'Problems parsing JSON', docs) });
      }
      record.body = body;
    }
    if (compiled.route.upload && !contentType) problems.push({ where: 'request header content-type', message: 'is required for an upload' });
    const bodyProblems = operation.checkBody(body);
    this.report(key, [...problems, ...bodyProblems]);
    if (bodyProblems.length > 0) {
      const message = `Invalid request.\n\n${bodyProblems.map((p) => p.message).join('\n')}`;
      return this.checked(compiled, { status: 422, body: errorBody(422, message, docs) });
    }

    const request: RouteRequest = { params, query: url.searchParams, body, raw, login, contentType, url, docs };
    let answer = compiled.route.handle(request);
    const tamper = this.tampers.find((t) => t.route === key);
    if (tamper && answer.body !== undefined) {
      this.tampers.splice(this.tampers.indexOf(tamper), 1);
      answer = { ...answer, body: tamper.mutate(answer.body) };
    }
    return this.checked(compiled, answer);
  }

  /** Validates an answer against the operation's documented response, then returns it unchanged. */
  private checked(compiled: CompiledRoute, answer: RouteAnswer): RouteAnswer {
    this.report(compiled.key, compiled.operation.checkResponse(answer.status, answer.body));
    return answer;
  }

  private report(key: string, problems: readonly RestProblem[]): void {
    for (const problem of problems) this.violations.push(`${key} ${problem.where}: ${problem.message}`);
  }

  private authenticate(req: IncomingMessage): string | undefined {
    const token = /^(?:token|bearer)\s+(\S+)\s*$/i.exec(req.headers.authorization ?? '')?.[1];
    return token === undefined ? undefined : this.options.tokens[token];
  }

  private takeFault(key: string): GitHubFault | undefined {
    const index = this.faults.findIndex((f) => f.route === undefined || f.route === key);
    if (index < 0) return undefined;
    const fault = this.faults[index]!;
    fault.times -= 1;
    if (fault.times <= 0) this.faults.splice(index, 1);
    return fault;
  }

  private compile(route: Route): CompiledRoute {
    const key = `${route.method} ${route.template}`;
    const operation = this.spec.operation(route.method, route.template);
    if (!operation) throw new Error(`the emulator serves ${key}, which @octokit/openapi does not describe`);
    const names: string[] = [];
    const source = route.template.replace(/\{([a-z_]+)\}/g, (_match, name: string) => {
      names.push(name);
      return '([^/]+)';
    });
    return { route, key, operation, names, pattern: new RegExp(`^${source}$`) };
  }

  private match(method: string, path: string, upload: boolean): { compiled: CompiledRoute; params: Record<string, string> } | undefined {
    for (const compiled of this.routes) {
      if (compiled.route.method !== method || (compiled.route.upload ?? false) !== upload) continue;
      const found = compiled.pattern.exec(path);
      if (!found) continue;
      const params: Record<string, string> = {};
      try {
        compiled.names.forEach((name, i) => (params[name] = decodeURIComponent(found[i + 1] ?? '')));
      } catch {
        return undefined;
      }
      return { compiled, params };
    }
    return undefined;
  }

  /** Why a route is unknown: a GitHub operation the emulator does not serve, an upload on the wrong host, or not GitHub's at all. */
  private unknownRouteHint(method: string, path: string, upload: boolean): string {
    const template = this.spec.templates(method).find((t) => new RegExp(`^${t.replace(/[.*+?^$()|[\]\\]/g, '\\$&').replace(/\{[^}]+\}/g, '[^/]+')}$`).test(path));
    if (!template) return '(not a GitHub REST route)';
    const served = this.routes.find((r) => r.key === `${method} ${template}`);
    if (served) return upload ? `(${template} is not served under ${UPLOADS})` : `(${template} is an upload: use the release's upload_url)`;
    return `(GitHub's ${this.spec.operation(method, template)?.operationId ?? template}, not served by the emulator)`;
  }

  private issueRecord(issueNumber: number): IssueRecord {
    const issue = this.store.issues.get(issueNumber);
    if (!issue) throw new Error(`the emulator has no issue #${issueNumber}`);
    return issue;
  }

  private webhookBuilders(payloads: WebhookPayloads): WebhookBuilders {
    const checked = (delivery: WebhookDelivery): WebhookDelivery => {
      for (const problem of validateWebhook(delivery.name, delivery.payload)) this.violations.push(`webhook ${problem}`);
      return delivery;
    };
    return {
      issuesOpened: (n, sender) => checked(payloads.issuesOpened(n, sender)),
      issuesLabeled: (n, label, sender) => checked(payloads.issuesLabeled(n, label, sender)),
      issuesEdited: (n, sender, changes) => checked(payloads.issuesEdited(n, sender, changes)),
      issueCommentCreated: (n, commentId) => checked(payloads.issueCommentCreated(n, commentId)),
      pullRequestReviewSubmitted: (n, reviewId) => checked(payloads.pullRequestReviewSubmitted(n, reviewId)),
      pullRequestReviewCommentCreated: (n, commentId) => checked(payloads.pullRequestReviewCommentCreated(n, commentId)),
      pullRequestSynchronize: (n, sender) => checked(payloads.pullRequestSynchronize(n, sender)),
      schedule: (cron, workflow) => checked(payloads.schedule(cron, workflow)),
      workflowDispatch: (inputs, sender, workflow) => checked(payloads.workflowDispatch(inputs, sender, workflow)),
    };
  }
}

/** The answer of an injected fault, with GitHub's rate-limit headers when asked. */
function faultAnswer(fault: GitHubFault): RouteAnswer {
  const { status } = fault;
  const kind = fault.rateLimit === true ? (status === 429 ? 'secondary' : 'primary') : fault.rateLimit || undefined;
  if (kind === 'primary') {
    // Reset "now": Octokit's throttling waits ceil(reset - now) + 1 s, i.e. about a second.
    return {
      status,
      body: errorBody(status, 'API rate limit exceeded for installation ID 1. If you reach out to GitHub Support for help, please include the request ID.', RATE_LIMIT_DOCS),
      headers: { 'x-ratelimit-limit': '5000', 'x-ratelimit-remaining': '0', 'x-ratelimit-used': '5000', 'x-ratelimit-reset': String(Math.floor(Date.now() / 1000)) },
    };
  }
  if (kind === 'secondary') {
    return {
      status,
      body: errorBody(status, 'You have exceeded a secondary rate limit. Please wait a few minutes before you try again.', RATE_LIMIT_DOCS),
      headers: { 'retry-after': '1' },
    };
  }
  const messages: Record<GitHubFault['status'], string> = {
    500: 'Server Error',
    502: 'Server Error',
    503: 'Service Unavailable',
    403: 'Resource not accessible by integration',
    429: 'Too Many Requests',
  };
  return { status, body: errorBody(status, messages[status], REST_DOCS) };
}

/** Reads a request body; undefined when it exceeds the limit. */
async function readBody(req: IncomingMessage): Promise<Buffer | undefined> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_BODY) return undefined;
    chunks.push(chunk);
  }
  return Buffer.concat(chunks);
}
