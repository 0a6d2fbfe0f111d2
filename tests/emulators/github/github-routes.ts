/**
 * The REST routes the emulator serves, as GitHub behaves on them: each
 * handler reads the store, changes it and answers with the REST views.
 * Validation (parameters, bodies, answers), authentication, faults and
 * counting happen around the handlers, in `github-emulator.ts`; handlers get
 * a request whose JSON body already matched the operation's schema.
 *
 * Templates are GitHub's own (`/repos/{owner}/{repo}/issues`), the key of
 * the operation in `@octokit/openapi`. The asset upload is served under the
 * emulator's `/uploads` prefix, standing in for uploads.github.com.
 */

import type { GitHubStore, IssueRecord, ReactionContent } from './github-store.js';
import type { JsonObject, RestViews } from './rest-views.js';

/** A request as a handler sees it. */
export interface RouteRequest {
  /** Path parameters, decoded. */
  params: Readonly<Record<string, string>>;
  query: URLSearchParams;
  /** The parsed JSON body (already valid for the operation), or undefined. */
  body: unknown;
  /** The raw body (an upload's bytes). */
  raw: Buffer;
  /** Who the token belongs to. */
  login: string;
  contentType: string | undefined;
  /** The absolute request URL (for pagination links). */
  url: URL;
  /** The operation's documentation, for `documentation_url`. */
  docs: string;
}

/** A handler's answer. */
export interface RouteAnswer {
  status: number;
  /** JSON body; none for 204. */
  body?: unknown;
  headers?: Record<string, string>;
}

/** A served route. */
export interface Route {
  method: 'GET' | 'POST' | 'PATCH' | 'DELETE';
  /** GitHub's path template. */
  template: string;
  /** Served under the upload prefix instead of the API root. */
  upload?: boolean;
  handle(request: RouteRequest): RouteAnswer;
}

const REPO = '/repos/{owner}/{repo}';

/** `{message, documentation_url, status}`, GitHub's error body. */
export function errorBody(status: number, message: string, docs: string, extra: JsonObject = {}): JsonObject {
  return { message, ...extra, documentation_url: docs, status: String(status) };
}

const notFound = (request: RouteRequest, message = 'Not Found'): RouteAnswer => ({ status: 404, body: errorBody(404, message, request.docs) });

const validationFailed = (request: RouteRequest, errors: JsonObject[]): RouteAnswer => ({
  status: 422,
  body: errorBody(422, 'Validation Failed', request.docs, { errors }),
});

/** 403 as GitHub answers a token without the needed access. */
const forbidden = (request: RouteRequest, store: GitHubStore): RouteAnswer => ({
  status: 403,
  body: errorBody(403, `Resource not accessible by ${store.userType(request.login) === 'Bot' ? 'integration' : 'personal access token'}`, request.docs),
});

/** A positive integer from a query parameter, or the default. */
function positive(raw: string | null, fallback: number): number {
  const n = raw === null ? NaN : Number(raw);
  return Number.isInteger(n) && n > 0 ? n : fallback;
}

/** One page of `items` with GitHub's `Link` header (prev, next, last, first), absolute URLs. */
function paginate<T>(request: RouteRequest, items: readonly T[], view: (item: T) => unknown): RouteAnswer {
  const perPage = Math.min(100, positive(request.query.get('per_page'), 30));
  const page = positive(request.query.get('page'), 1);
  const last = Math.max(1, Math.ceil(items.length / perPage));
  const link = (n: number, rel: string) => {
    const url = new URL(request.url.href);
    url.searchParams.set('per_page', String(perPage));
    url.searchParams.set('page', String(n));
    return `<${url.href}>; rel="${rel}"`;
  };
  const links: string[] = [];
  if (page > 1) links.push(link(Math.min(page - 1, last), 'prev'));
  if (page < last) links.push(link(page + 1, 'next'), link(last, 'last'));
  if (page > 1) links.push(link(1, 'first'));
  const body = items.slice((page - 1) * perPage, page * perPage).map(view);
  return { status: 200, body, ...(links.length ? { headers: { link: links.join(', ') } } : {}) };
}

/** Sorts by a key then by number/id, ascending or descending. */
function sortBy<T>(items: T[], key: (item: T) => string | number, tie: (item: T) => number, direction: 'asc' | 'desc'): T[] {
  const sign = direction === 'asc' ? 1 : -1;
  return items.sort((a, b) => {
    const ka = key(a);
    const kb = key(b);
    if (ka !== kb) return (ka < kb ? -1 : 1) * sign;
    return (tie(a) - tie(b)) * sign;
  });
}

/** Label names from a body's `labels` (strings or `{name}` objects). */
function labelNames(labels: unknown): string[] {
  if (!Array.isArray(labels)) return [];
  return labels.map((l: unknown) => (typeof l === 'string' ? l : String((l as { name?: unknown }).name ?? ''))).filter((l) => l !== '');
}

/** Builds the routes over a store and its views. */
export function createRoutes(store: GitHubStore, views: RestViews): Route[] {
  const issueOf = (request: RouteRequest, param = 'issue_number'): IssueRecord | undefined => {
    const n = Number(request.params[param]);
    return Number.isInteger(n) ? store.issues.get(n) : undefined;
  };
  const pullOf = (request: RouteRequest): IssueRecord | undefined => {
    const issue = issueOf(request, 'pull_number');
    return issue?.pull ? issue : undefined;
  };
  const created = (body: JsonObject): RouteAnswer => ({ status: 201, body, headers: { location: String(body['url']) } });

  return [
    {
      method: 'GET',
      template: REPO,
      handle: () => ({ status: 200, body: views.repository() }),
    },
    {
      method: 'GET',
      template: `${REPO}/issues`,
      handle: (request) => {
        const q = request.query;
        const state = q.get('state') ?? 'open';
        const wanted = labelNames((q.get('labels') ?? '').split(',').map((l) => l.trim())).map((l) => l.toLowerCase());
        const creator = q.get('creator');
        const assignee = q.get('assignee');
        const since = q.get('since');
        const sort = q.get('sort') ?? 'created';
        const direction = q.get('direction') === 'asc' ? 'asc' : 'desc';
        const list = [...store.issues.values()].filter(
          (i) =>
            (state === 'all' || i.state === state) &&
            wanted.every((w) => i.labels.some((l) => l.toLowerCase() === w)) &&
            (creator === null || i.user === creator) &&
            (assignee === null || (assignee === 'none' ? i.assignees.length === 0 : assignee === '*' ? i.assignees.length > 0 : i.assignees.includes(assignee))) &&
            (since === null || i.updatedAt >= since),
        );
        const key = sort === 'updated' ? (i: IssueRecord) => i.updatedAt : sort === 'comments' ? (i: IssueRecord) => store.commentsOf(i.number).length : (i: IssueRecord) => i.createdAt;
        return paginate(request, sortBy(list, key, (i) => i.number, direction), (i) => views.issue(i));
      },
    },
    {
      method: 'POST',
      template: `${REPO}/issues`,
      handle: (request) => {
        const body = request.body as { title: string | number; body?: string | null; labels?: unknown[]; assignees?: string[]; assignee?: string | null };
        // GitHub silently drops labels and assignees from users without push access.
        const writer = store.canWrite(request.login);
        const assignees = [...(body.assignees ?? []), ...(body.assignee ? [body.assignee] : [])];
        const issue = store.createIssue({
          title: String(body.title),
          body: body.body ?? null,
          user: request.login,
          labels: writer ? labelNames(body.labels) : [],
          assignees: writer ? assignees : [],
        });
        return created(views.issue(issue));
      },
    },
    {
      method: 'GET',
      template: `${REPO}/issues/{issue_number}`,
      handle: (request) => {
        const issue = issueOf(request);
        return issue ? { status: 200, body: views.issue(issue) } : notFound(request);
      },
    },
    {
      method: 'PATCH',
      template: `${REPO}/issues/{issue_number}`,
      handle: (request) => {
        const issue = issueOf(request);
        if (!issue) return notFound(request);
        const writer = store.canWrite(request.login);
        if (!writer && issue.user !== request.login) return forbidden(request, store);
        const body = request.body as { title?: string | number | null; body?: string | null; state?: 'open' | 'closed'; state_reason?: IssueRecord['stateReason']; labels?: unknown[]; assignees?: string[] };
        if (body.title !== undefined && body.title !== null) issue.title = String(body.title);
        if (body.body !== undefined) issue.body = body.body;
        if (body.state !== undefined) store.setState(issue, body.state, request.login, body.state_reason ?? undefined);
        if (writer && body.labels !== undefined) store.setLabels(issue, labelNames(body.labels));
        if (writer && body.assignees !== undefined) issue.assignees = [...new Set(body.assignees)];
        store.touch(issue);
        return { status: 200, body: views.issue(issue) };
      },
    },
    {
      method: 'GET',
      template: `${REPO}/issues/{issue_number}/comments`,
      handle: (request) => {
        const issue = issueOf(request);
        if (!issue) return notFound(request);
        const since = request.query.get('since');
        const list = store.commentsOf(issue.number).filter((c) => since === null || c.updatedAt >= since);
        return paginate(request, list, (c) => views.comment(c));
      },
    },
    {
      method: 'POST',
      template: `${REPO}/issues/{issue_number}/comments`,
      handle: (request) => {
        const issue = issueOf(request);
        if (!issue) return notFound(request);
        const comment = store.addComment(issue, request.login, (request.body as { body: string }).body);
        return created(views.comment(comment));
      },
    },
    {
      method: 'POST',
      template: `${REPO}/issues/{issue_number}/labels`,
      handle: (request) => {
        const issue = issueOf(request);
        if (!issue) return notFound(request);
        if (!store.canWrite(request.login)) return forbidden(request, store);
        const body = request.body as unknown[] | { labels?: unknown[] } | string;
        const names = typeof body === 'string' ? [body] : Array.isArray(body) ? labelNames(body) : labelNames(body.labels);
        store.addLabels(issue, names);
        store.touch(issue);
        return { status: 200, body: issue.labels.map((name) => views.label(name)) };
      },
    },
    {
      method: 'DELETE',
      template: `${REPO}/issues/{issue_number}/labels/{name}`,
      handle: (request) => {
        const issue = issueOf(request);
        if (!issue) return notFound(request);
        if (!store.canWrite(request.login)) return forbidden(request, store);
        if (!store.removeLabel(issue, request.params['name'] ?? '')) return notFound(request, 'Label does not exist');
        store.touch(issue);
        return { status: 200, body: issue.labels.map((name) => views.label(name)) };
      },
    },
    {
      method: 'POST',
      template: `${REPO}/issues/comments/{comment_id}/reactions`,
      handle: (request) => {
        const comment = store.comments.get(Number(request.params['comment_id']));
        if (!comment) return notFound(request);
        const { reaction, created: isNew } = store.react(comment, request.login, (request.body as { content: ReactionContent }).content);
        return { status: isNew ? 201 : 200, body: views.reaction(reaction) };
      },
    },
    {
      method: 'GET',
      template: `${REPO}/collaborators/{username}/permission`,
      handle: (request) => {
        const login = request.params['username'] ?? '';
        if (store.permissionOf(login) === undefined) return notFound(request);
        return { status: 200, body: views.collaboratorPermission(login) };
      },
    },
    {
      method: 'GET',
      template: `${REPO}/pulls`,
      handle: (request) => {
        const q = request.query;
        const state = q.get('state') ?? 'open';
        const head = q.get('head');
        const base = q.get('base');
        const sort = q.get('sort') ?? 'created';
        const direction = (q.get('direction') as 'asc' | 'desc' | null) ?? (sort === 'created' ? 'desc' : 'asc');
        const matchesHead = (issue: IssueRecord) => {
          if (head === null) return true;
          const pull = issue.pull!;
          const [owner, branch] = head.includes(':') ? head.split(/:(.*)/s) : [store.owner, head];
          return pull.head === branch && pull.headRepoFullName.split('/')[0] === owner;
        };
        const list = store.pulls().filter((i) => (state === 'all' || i.state === state) && matchesHead(i) && (base === null || i.pull!.base === base));
        const key = sort === 'updated' ? (i: IssueRecord) => i.updatedAt : (i: IssueRecord) => i.createdAt;
        return paginate(request, sortBy(list, key, (i) => i.number, direction), (i) => views.pullRequestSimple(i));
      },
    },
    {
      method: 'POST',
      template: `${REPO}/pulls`,
      handle: (request) => {
        const body = request.body as { title?: string; head: string; base: string; body?: string; draft?: boolean; head_repo?: string };
        const [headOwner, head] = body.head.includes(':') ? (body.head.split(/:(.*)/s) as [string, string]) : [store.owner, body.head];
        const headRepoFullName = body.head_repo ?? (headOwner === store.owner ? store.fullName : `${headOwner}/${store.repo}`);
        const fork = headRepoFullName !== store.fullName;
        if (!fork && !store.canWrite(request.login)) return forbidden(request, store);
        if (body.title === undefined) return validationFailed(request, [{ resource: 'PullRequest', field: 'title', code: 'missing_field' }]);
        if (store.hasGit && store.branchSha(body.base) === undefined) return validationFailed(request, [{ resource: 'PullRequest', field: 'base', code: 'invalid' }]);
        if (store.hasGit && !fork && store.branchSha(head) === undefined) return validationFailed(request, [{ resource: 'PullRequest', field: 'head', code: 'invalid' }]);
        const open = store.pulls().find((i) => i.state === 'open' && i.pull!.head === head && i.pull!.headRepoFullName === headRepoFullName && i.pull!.base === body.base);
        if (open) return validationFailed(request, [{ resource: 'PullRequest', code: 'custom', message: `A pull request already exists for ${headOwner}:${head}.` }]);
        const headSha = fork ? undefined : store.branchSha(head);
        const baseSha = store.branchSha(body.base);
        if (headSha !== undefined && baseSha !== undefined && store.isAncestor(headSha, baseSha)) {
          return validationFailed(request, [{ resource: 'PullRequest', code: 'custom', message: `No commits between ${body.base} and ${head}` }]);
        }
        const issue = store.createIssue({
          title: body.title,
          body: body.body ?? null,
          user: request.login,
          pull: { head, headRepoFullName, base: body.base, draft: body.draft ?? false },
        });
        return created(views.pullRequest(issue));
      },
    },
    {
      method: 'GET',
      template: `${REPO}/pulls/{pull_number}`,
      handle: (request) => {
        const issue = pullOf(request);
        return issue ? { status: 200, body: views.pullRequest(issue) } : notFound(request);
      },
    },
    {
      method: 'PATCH',
      template: `${REPO}/pulls/{pull_number}`,
      handle: (request) => {
        const issue = pullOf(request);
        if (!issue) return notFound(request);
        if (!store.canWrite(request.login) && issue.user !== request.login) return forbidden(request, store);
        const body = request.body as { title?: string; body?: string; state?: 'open' | 'closed'; base?: string };
        if (body.base !== undefined && store.hasGit && store.branchSha(body.base) === undefined) {
          return validationFailed(request, [{ resource: 'PullRequest', field: 'base', code: 'invalid' }]);
        }
        if (body.title !== undefined) issue.title = body.title;
        if (body.body !== undefined) issue.body = body.body;
        if (body.base !== undefined) issue.pull!.base = body.base;
        if (body.state !== undefined) store.setState(issue, body.state, request.login);
        store.touch(issue);
        return { status: 200, body: views.pullRequest(issue) };
      },
    },
    {
      method: 'GET',
      template: `${REPO}/pulls/{pull_number}/reviews`,
      handle: (request) => {
        const issue = pullOf(request);
        if (!issue) return notFound(request);
        const list = [...store.reviews.values()].filter((r) => r.pullNumber === issue.number);
        return paginate(request, list, (r) => views.review(r));
      },
    },
    {
      method: 'GET',
      template: `${REPO}/pulls/{pull_number}/comments`,
      handle: (request) => {
        const issue = pullOf(request);
        if (!issue) return notFound(request);
        const since = request.query.get('since');
        const sort = request.query.get('sort');
        const direction = request.query.get('direction') === 'desc' ? 'desc' : 'asc';
        const list = [...store.reviewComments.values()].filter((c) => c.pullNumber === issue.number && (since === null || c.updatedAt >= since));
        const ordered = sort === null ? list : sortBy(list, (c) => (sort === 'updated' ? c.updatedAt : c.createdAt), (c) => c.id, direction);
        return paginate(request, ordered, (c) => views.reviewComment(c));
      },
    },
    {
      method: 'GET',
      template: `${REPO}/releases/tags/{tag}`,
      handle: (request) => {
        const release = store.releaseByTag(request.params['tag'] ?? '');
        return release ? { status: 200, body: views.release(release) } : notFound(request);
      },
    },
    {
      method: 'POST',
      template: `${REPO}/releases`,
      handle: (request) => {
        if (!store.canWrite(request.login)) return forbidden(request, store);
        const body = request.body as { tag_name: string; target_commitish?: string; name?: string; body?: string; draft?: boolean; prerelease?: boolean };
        const draft = body.draft ?? false;
        if (!draft && store.releaseByTag(body.tag_name)) return validationFailed(request, [{ resource: 'Release', code: 'already_exists', field: 'tag_name' }]);
        const at = store.now();
        const release = {
          id: store.nextId(),
          tagName: body.tag_name,
          targetCommitish: body.target_commitish ?? store.defaultBranch,
          name: body.name ?? null,
          body: body.body ?? null,
          draft,
          prerelease: body.prerelease ?? false,
          author: request.login,
          createdAt: at,
          publishedAt: draft ? null : at,
        };
        store.releases.set(release.id, release);
        return created(views.release(release));
      },
    },
    {
      method: 'PATCH',
      template: `${REPO}/releases/{release_id}`,
      handle: (request) => {
        const release = store.releases.get(Number(request.params['release_id']));
        if (!release) return notFound(request);
        if (!store.canWrite(request.login)) return forbidden(request, store);
        const body = request.body as { tag_name?: string; target_commitish?: string; name?: string; body?: string; draft?: boolean; prerelease?: boolean };
        if (body.tag_name !== undefined) release.tagName = body.tag_name;
        if (body.target_commitish !== undefined) release.targetCommitish = body.target_commitish;
        if (body.name !== undefined) release.name = body.name;
        if (body.body !== undefined) release.body = body.body;
        if (body.prerelease !== undefined) release.prerelease = body.prerelease;
        if (body.draft !== undefined) {
          if (release.draft && !body.draft) release.publishedAt = store.now();
          release.draft = body.draft;
        }
        return { status: 200, body: views.release(release) };
      },
    },
    {
      method: 'GET',
      template: `${REPO}/releases/{release_id}/assets`,
      handle: (request) => {
        const release = store.releases.get(Number(request.params['release_id']));
        return release ? paginate(request, store.assetsOf(release.id), (a) => views.asset(a)) : notFound(request);
      },
    },
    {
      method: 'POST',
      template: `${REPO}/releases/{release_id}/assets`,
      upload: true,
      handle: (request) => {
        const release = store.releases.get(Number(request.params['release_id']));
        if (!release) return notFound(request);
        if (!store.canWrite(request.login)) return forbidden(request, store);
        const name = request.query.get('name');
        if (!name) return validationFailed(request, [{ resource: 'ReleaseAsset', code: 'missing_field', field: 'name' }]);
        if (store.assetsOf(release.id).some((a) => a.name === name)) {
          return validationFailed(request, [{ resource: 'ReleaseAsset', code: 'already_exists', field: 'name' }]);
        }
        const at = store.now();
        const asset = {
          id: store.nextId(),
          releaseId: release.id,
          name,
          label: request.query.get('label'),
          contentType: request.contentType ?? 'application/octet-stream',
          content: request.raw,
          uploader: request.login,
          createdAt: at,
          updatedAt: at,
        };
        store.assets.set(asset.id, asset);
        return { status: 201, body: views.asset(asset) };
      },
    },
    {
      method: 'POST',
      template: `${REPO}/attestations`,
      handle: (request) => {
        if (!store.canWrite(request.login)) return forbidden(request, store);
        const bundle = (request.body as { bundle: Record<string, unknown> }).bundle;
        const envelope = bundle['dsseEnvelope'] as { payload?: unknown; payloadType?: unknown } | undefined;
        let statement: { subject?: { digest?: Record<string, string> }[]; predicateType?: string } | undefined;
        try {
          if (envelope?.payloadType === 'application/vnd.in-toto+json' && typeof envelope.payload === 'string') statement = JSON.parse(Buffer.from(envelope.payload, 'base64').toString('utf8')) as typeof statement;
        } catch {
          statement = undefined;
        }
        const digests = (statement?.subject ?? []).flatMap((s) => Object.entries(s.digest ?? {}).map(([alg, hex]) => `${alg}:${hex}`));
        if (!statement || digests.length === 0) return validationFailed(request, [{ resource: 'Attestation', code: 'invalid', field: 'bundle', message: 'the bundle holds no in-toto statement with subjects' }]);
        const problem = store.attestationProblem(bundle);
        if (problem) return validationFailed(request, [{ resource: 'Attestation', code: 'invalid', field: 'bundle', message: problem }]);
        const id = store.nextId();
        store.attestations.set(id, { id, bundle, subjectDigests: digests, predicateType: statement.predicateType ?? '', by: request.login });
        return { status: 201, body: { id } };
      },
    },
    {
      method: 'GET',
      template: `${REPO}/attestations/{subject_digest}`,
      handle: (request) => {
        const digest = request.params['subject_digest'] ?? '';
        const type = request.query.get('predicate_type');
        const found = [...store.attestations.values()].filter((a) => a.subjectDigests.includes(digest) && (!type || a.predicateType === type));
        if (found.length === 0) return notFound(request);
        return { status: 200, body: { attestations: found.map((a) => ({ bundle: a.bundle, repository_id: 1, initiator: 'github' })) } };
      },
    },
    {
      method: 'DELETE',
      template: `${REPO}/releases/assets/{asset_id}`,
      handle: (request) => {
        const id = Number(request.params['asset_id']);
        if (!store.assets.has(id)) return notFound(request);
        if (!store.canWrite(request.login)) return forbidden(request, store);
        store.assets.delete(id);
        return { status: 204 };
      },
    },
  ];
}

