/**
 * The GitHub emulator with the real client (`getOctokit` from
 * `@actions/github`): every route answers as GitHub's description says, the
 * validators catch what breaks it, and the test-side API (faults, counts,
 * webhook payloads) behaves as documented.
 */
import { execFileSync } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { getOctokit } from '@actions/github';
import { throttling } from '@octokit/plugin-throttling';
import {
  startGitHubEmulator,
  validateRestSchema,
  validateWebhook,
  type GitHubEmulator,
  type GitHubEmulatorOptions,
  type WebhookDelivery,
} from './github/github-emulator.js';

const OWNER = 'lab';
const REPO = 'study';
const BOT = 'github-actions[bot]';
const TOKENS = { ghs_bot: BOT, ghp_lead: 'lead', ghp_reader: 'reader' };
const USERS: GitHubEmulatorOptions['users'] = {
  [BOT]: { permission: 'write', type: 'Bot' },
  lead: { permission: 'admin' },
  dev: { permission: 'write' },
  reader: { permission: 'read' },
  outsider: { permission: 'none' },
};
const repoRef = { owner: OWNER, repo: REPO };
const FROZEN = new Date('2026-03-01T12:00:00.000Z');

const GIT_ENV = {
  ...process.env,
  GIT_AUTHOR_NAME: 'Lead',
  GIT_AUTHOR_EMAIL: 'lead@lab.invalid',
  GIT_COMMITTER_NAME: 'Lead',
  GIT_COMMITTER_EMAIL: 'lead@lab.invalid',
  GIT_CONFIG_NOSYSTEM: '1',
  GIT_TERMINAL_PROMPT: '0',
};
const git = (cwd: string, ...args: string[]): string => execFileSync('git', args, { cwd, env: GIT_ENV, encoding: 'utf8', stdio: 'pipe' }).trim();

/** The status of a rejected Octokit request. */
async function statusOf(promise: Promise<unknown>): Promise<number> {
  try {
    await promise;
  } catch (error) {
    const status = (error as { status?: unknown }).status;
    if (typeof status === 'number') return status;
    throw error;
  }
  throw new Error('expected the request to fail');
}

/** Takes (and clears) the violations recorded so far. */
function takeViolations(gh: GitHubEmulator): string[] {
  return gh.violations.splice(0);
}

let dir: string;
let bare: string;
let work: string;
let gh: GitHubEmulator;
let octokit: ReturnType<typeof getOctokit>;
let startMs: number;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'epm-gh-emulator-'));
  work = join(dir, 'work');
  bare = join(dir, 'remote.git');
  execFileSync('git', ['init', '-q', '-b', 'main', work]);
  await writeFile(join(work, 'README.md'), '# study\n');
  git(work, 'add', '-A');
  git(work, 'commit', '-q', '-m', 'initial');
  git(work, 'checkout', '-q', '-b', 'feature');
  await writeFile(join(work, 'plan.md'), 'plan\n');
  git(work, 'add', '-A');
  git(work, 'commit', '-q', '-m', 'plan');
  git(work, 'branch', 'stale', 'main');
  execFileSync('git', ['clone', '-q', '--bare', work, bare]);
  git(work, 'remote', 'add', 'origin', bare);
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

beforeEach(async () => {
  const started = Date.now();
  gh = await startGitHubEmulator({ owner: OWNER, repo: REPO, tokens: TOKENS, users: USERS, gitDir: bare, now: () => FROZEN });
  startMs = Date.now() - started;
  octokit = getOctokit('ghs_bot', { baseUrl: gh.url });
});

afterEach(async () => {
  expect(gh.violations).toEqual([]);
  await gh.close();
});

describe('startup', () => {
  it('starts within two seconds, the description loaded once per process', () => {
    expect(startMs).toBeLessThan(2000);
    expect(gh.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
  });
});

describe('routes', () => {
  it('serves every route with answers that match GitHub\'s description', async () => {
    const { data: repository } = await octokit.rest.repos.get(repoRef);
    expect(repository.full_name).toBe('lab/study');
    expect(repository.default_branch).toBe('main');

    const { data: created } = await octokit.rest.issues.create({ ...repoRef, title: 'Adam vs SGD', body: 'Does Adam win?', labels: ['type:experiment'] });
    expect(created.user?.login).toBe(BOT);
    expect(created.user?.type).toBe('Bot');
    expect(created.created_at).toBe('2026-03-01T12:00:00Z');
    const number = created.number;
    expect((await octokit.rest.issues.get({ ...repoRef, issue_number: number })).data.title).toBe('Adam vs SGD');
    const { data: updated } = await octokit.rest.issues.update({ ...repoRef, issue_number: number, title: 'Adam vs SGD on CIFAR', labels: ['type:experiment', 'status:planning'] });
    expect(updated.labels.map((l) => (typeof l === 'string' ? l : l.name))).toEqual(['type:experiment', 'status:planning']);

    const { data: comment, status: commentStatus } = await octokit.rest.issues.createComment({ ...repoRef, issue_number: number, body: 'planning' });
    expect(commentStatus).toBe(201);
    expect((await octokit.rest.issues.listComments({ ...repoRef, issue_number: number })).data.map((c) => c.body)).toEqual(['planning']);

    const { data: added } = await octokit.rest.issues.addLabels({ ...repoRef, issue_number: number, labels: ['lane:fast'] });
    expect(added.map((l) => l.name)).toEqual(['type:experiment', 'status:planning', 'lane:fast']);
    const { data: left } = await octokit.rest.issues.removeLabel({ ...repoRef, issue_number: number, name: 'status:planning' });
    expect(left.map((l) => l.name)).toEqual(['type:experiment', 'lane:fast']);

    expect((await octokit.rest.reactions.createForIssueComment({ ...repoRef, comment_id: comment.id, content: 'eyes' })).status).toBe(201);
    expect((await octokit.rest.reactions.createForIssueComment({ ...repoRef, comment_id: comment.id, content: 'eyes' })).status).toBe(200);
    expect(gh.reactions(comment.id).map((r) => [r.user?.login, r.content])).toEqual([[BOT, 'eyes']]);

    expect((await octokit.rest.repos.getCollaboratorPermissionLevel({ ...repoRef, username: 'lead' })).data.permission).toBe('admin');

    const { data: pull } = await octokit.rest.pulls.create({ ...repoRef, title: 'Plan for #1', head: 'feature', base: 'main', body: 'checklist', draft: true });
    expect(pull.head.sha).toBe(git(work, 'rev-parse', 'feature'));
    expect(pull.base.sha).toBe(git(work, 'rev-parse', 'main'));
    expect((await octokit.rest.pulls.get({ ...repoRef, pull_number: pull.number })).data.draft).toBe(true);
    expect((await octokit.rest.pulls.update({ ...repoRef, pull_number: pull.number, body: 'checklist v2' })).data.body).toBe('checklist v2');
    expect((await octokit.rest.pulls.list({ ...repoRef, head: 'lab:feature', base: 'main' })).data.map((p) => p.number)).toEqual([pull.number]);
    expect((await octokit.rest.pulls.list({ ...repoRef, head: 'lab:other' })).data).toEqual([]);

    const review = gh.seedReview(pull.number, { user: 'lead', state: 'APPROVED', body: 'ok', commitId: pull.head.sha, comments: [{ path: 'plan.md', line: 1, body: 'nice' }] });
    expect((await octokit.rest.pulls.listReviews({ ...repoRef, pull_number: pull.number })).data.map((r) => [r.id, r.state])).toEqual([[review.id, 'APPROVED']]);
    const { data: lineComments } = await octokit.rest.pulls.listReviewComments({ ...repoRef, pull_number: pull.number });
    expect(lineComments.map((c) => [c.pull_request_review_id, c.path, c.line, c.body])).toEqual([[review.id, 'plan.md', 1, 'nice']]);

    expect(await statusOf(octokit.rest.repos.getReleaseByTag({ ...repoRef, tag: 'epm/1/run-1' }))).toBe(404);
    const { data: release } = await octokit.rest.repos.createRelease({ ...repoRef, tag_name: 'epm/1/run-1', name: 'run 1', body: 'provenance', prerelease: true });
    expect(release.upload_url).toBe(`${gh.url}/uploads/repos/lab/study/releases/${release.id}/assets{?name,label}`);
    expect((await octokit.rest.repos.getReleaseByTag({ ...repoRef, tag: 'epm/1/run-1' })).data.id).toBe(release.id);
    const { data: asset, status: uploadStatus } = await octokit.request({
      method: 'POST',
      url: release.upload_url,
      name: 'provenance.intoto.json',
      data: Buffer.from('{"_type":"statement"}'),
      headers: { 'content-type': 'application/json' },
    });
    expect(uploadStatus).toBe(201);
    expect(asset).toMatchObject({ name: 'provenance.intoto.json', size: 21, content_type: 'application/json', state: 'uploaded' });
    const uploaded = await octokit.rest.repos.uploadReleaseAsset({ ...repoRef, release_id: release.id, name: 'clean-result.md', data: '# result', baseUrl: `${gh.url}/uploads`, headers: { 'content-type': 'text/markdown' } });
    expect(uploaded.status).toBe(201);
    expect((await octokit.rest.repos.listReleaseAssets({ ...repoRef, release_id: release.id })).data.map((a) => a.name)).toEqual(['provenance.intoto.json', 'clean-result.md']);
    expect(gh.assetContent(release.id, 'clean-result.md')?.toString()).toBe('# result');
    expect((await octokit.rest.repos.deleteReleaseAsset({ ...repoRef, asset_id: uploaded.data.id })).status).toBe(204);
    expect((await octokit.rest.repos.updateRelease({ ...repoRef, release_id: release.id, prerelease: false })).data.prerelease).toBe(false);
    expect(gh.releases().map((r) => [r.tag_name, r.assets.map((a) => a.name)])).toEqual([['epm/1/run-1', ['provenance.intoto.json']]]);

    expect(Object.keys(gh.counts()).sort()).toEqual([
      'DELETE /repos/{owner}/{repo}/issues/{issue_number}/labels/{name}',
      'DELETE /repos/{owner}/{repo}/releases/assets/{asset_id}',
      'GET /repos/{owner}/{repo}',
      'GET /repos/{owner}/{repo}/collaborators/{username}/permission',
      'GET /repos/{owner}/{repo}/issues/{issue_number}',
      'GET /repos/{owner}/{repo}/issues/{issue_number}/comments',
      'GET /repos/{owner}/{repo}/pulls',
      'GET /repos/{owner}/{repo}/pulls/{pull_number}',
      'GET /repos/{owner}/{repo}/pulls/{pull_number}/comments',
      'GET /repos/{owner}/{repo}/pulls/{pull_number}/reviews',
      'GET /repos/{owner}/{repo}/releases/tags/{tag}',
      'GET /repos/{owner}/{repo}/releases/{release_id}/assets',
      'PATCH /repos/{owner}/{repo}/issues/{issue_number}',
      'PATCH /repos/{owner}/{repo}/pulls/{pull_number}',
      'PATCH /repos/{owner}/{repo}/releases/{release_id}',
      'POST /repos/{owner}/{repo}/issues',
      'POST /repos/{owner}/{repo}/issues/comments/{comment_id}/reactions',
      'POST /repos/{owner}/{repo}/issues/{issue_number}/comments',
      'POST /repos/{owner}/{repo}/issues/{issue_number}/labels',
      'POST /repos/{owner}/{repo}/pulls',
      'POST /repos/{owner}/{repo}/releases',
      'POST /repos/{owner}/{repo}/releases/{release_id}/assets',
    ]);
  });

  it('lists pull requests among issues with a pull_request key; filters state and labels (all must match)', async () => {
    gh.seedIssue({ title: 'a', body: '', user: 'lead', labels: ['type:experiment', 'status:planning'] });
    gh.seedIssue({ title: 'b', body: '', user: 'lead', labels: ['type:experiment'] });
    gh.seedIssue({ title: 'c', body: '', user: 'lead', labels: ['type:experiment', 'status:planning'], state: 'closed' });
    const pull = gh.seedPull({ head: 'feature', title: 'plan', user: BOT, draft: true });
    const list = (q: { state?: 'open' | 'closed' | 'all'; labels?: string }) => octokit.rest.issues.listForRepo({ ...repoRef, ...q }).then((r) => r.data.map((i) => i.title));
    expect(await list({})).toEqual(['plan', 'b', 'a']);
    expect(await list({ state: 'all', labels: 'type:experiment,status:planning' })).toEqual(['c', 'a']);
    expect(await list({ state: 'closed' })).toEqual(['c']);
    const { data } = await octokit.rest.issues.listForRepo(repoRef);
    expect(data.find((i) => i.number === pull.number)?.pull_request?.url).toBe(`${gh.url}/repos/lab/study/pulls/${pull.number}`);
    expect(data.filter((i) => i.pull_request === undefined)).toHaveLength(2);
  });

  it('refuses a second open pull request for the same head and base, and a head that is not a branch', async () => {
    await octokit.rest.pulls.create({ ...repoRef, title: 'one', head: 'feature', base: 'main' });
    const error = await octokit.rest.pulls.create({ ...repoRef, title: 'two', head: 'lab:feature', base: 'main' }).then(
      () => undefined,
      (e: unknown) => e as { status: number; response: { data: { message: string; errors: { code: string; message?: string }[] } } },
    );
    expect(error?.status).toBe(422);
    expect(error?.response.data.message).toBe('Validation Failed');
    expect(error?.response.data.errors).toEqual([{ resource: 'PullRequest', code: 'custom', message: 'A pull request already exists for lab:feature.' }]);
    expect(await statusOf(octokit.rest.pulls.create({ ...repoRef, title: 'x', head: 'no-such-branch', base: 'main' }))).toBe(422);
    expect(await statusOf(octokit.rest.pulls.create({ ...repoRef, title: 'x', head: 'stale', base: 'main' }))).toBe(422);
    expect(gh.pulls()).toHaveLength(1);
  });

  it('reports the head as pushed to the remote at read time', async () => {
    const pull = gh.seedPull({ head: 'feature', title: 'plan', user: BOT });
    const first = gh.webhook.pullRequestSynchronize(pull.number, BOT);
    git(work, 'checkout', '-q', 'feature');
    await writeFile(join(work, 'plan.md'), 'plan v2\n');
    git(work, 'commit', '-q', '-am', 'plan v2');
    git(work, 'push', '-q', 'origin', 'feature');
    const pushed = git(work, 'rev-parse', 'feature');
    expect((await octokit.rest.pulls.get({ ...repoRef, pull_number: pull.number })).data.head.sha).toBe(pushed);
    const second = gh.webhook.pullRequestSynchronize(pull.number, BOT);
    expect(second.payload['before']).toBe(first.payload['after']);
    expect(second.payload['after']).toBe(pushed);
  });

  it('answers the collaborator permission from its users: none for a listed outsider, 404 for a stranger', async () => {
    const permission = async (username: string) => (await octokit.rest.repos.getCollaboratorPermissionLevel({ ...repoRef, username })).data;
    expect((await permission('lead')).permission).toBe('admin');
    expect((await permission('dev')).permission).toBe('write');
    expect((await permission(BOT)).permission).toBe('write');
    expect(await permission('reader')).toMatchObject({ permission: 'read', role_name: 'read', user: { login: 'reader', permissions: { pull: true, push: false } } });
    expect((await permission('outsider')).permission).toBe('none');
    expect(await statusOf(permission('stranger'))).toBe(404);
  });

  it('answers 404 for a label the issue does not have, a missing issue, and an unpublished release\'s tag', async () => {
    const issue = gh.seedIssue({ title: 'x', body: '', user: 'lead', labels: ['type:experiment'] });
    expect(await statusOf(octokit.rest.issues.removeLabel({ ...repoRef, issue_number: issue.number, name: 'status:absent' }))).toBe(404);
    expect(await statusOf(octokit.rest.issues.get({ ...repoRef, issue_number: 999 }))).toBe(404);
    await octokit.rest.repos.createRelease({ ...repoRef, tag_name: 'draft-tag', draft: true });
    expect(await statusOf(octokit.rest.repos.getReleaseByTag({ ...repoRef, tag: 'draft-tag' }))).toBe(404);
  });

  it('refuses a duplicate asset name with 422', async () => {
    const { data: release } = await octokit.rest.repos.createRelease({ ...repoRef, tag_name: 'v1' });
    const upload = () => octokit.request({ method: 'POST', url: release.upload_url, name: 'a.txt', data: 'a', headers: { 'content-type': 'text/plain' } });
    await upload();
    expect(await statusOf(upload())).toBe(422);
  });

  it('writes as the token\'s login and keeps write access to writers', async () => {
    const reader = getOctokit('ghp_reader', { baseUrl: gh.url });
    const { data: issue } = await reader.rest.issues.create({ ...repoRef, title: 'question', labels: ['type:experiment'] });
    expect(issue.user?.login).toBe('reader');
    expect(issue.labels).toEqual([]);
    expect(await statusOf(reader.rest.issues.addLabels({ ...repoRef, issue_number: issue.number, labels: ['x'] }))).toBe(403);
    expect((await reader.rest.issues.update({ ...repoRef, issue_number: issue.number, state: 'closed' })).data.state_reason).toBe('completed');
    const { data: comment } = await reader.rest.issues.createComment({ ...repoRef, issue_number: issue.number, body: '/epm approve' });
    expect(gh.comments(issue.number).map((c) => [c.user?.login, c.body, c.author_association])).toEqual([['reader', '/epm approve', 'COLLABORATOR']]);
    expect(comment.user?.login).toBe('reader');
  });
});

describe('validation', () => {
  it('records an invalid request body and answers 422 without doing the work', async () => {
    const issue = gh.seedIssue({ title: 'x', body: '', user: 'lead' });
    const status = await statusOf(octokit.request('POST /repos/{owner}/{repo}/issues/{issue_number}/labels', { ...repoRef, issue_number: issue.number, labels: 5 as unknown as string[] }));
    expect(status).toBe(422);
    const violations = takeViolations(gh);
    expect(violations[0]).toBe('POST /repos/{owner}/{repo}/issues/{issue_number}/labels request body: /labels must be array');
    expect(violations.every((v) => v.startsWith('POST /repos/{owner}/{repo}/issues/{issue_number}/labels request body: '))).toBe(true);
    expect(gh.issue(issue.number).labels).toEqual([]);
  });

  it('records query parameters of the wrong value and ones the operation does not have', async () => {
    await octokit.request('GET /repos/{owner}/{repo}/issues', { ...repoRef, state: 'opened' as 'open', bogus: 1 });
    const violations = takeViolations(gh);
    expect(violations).toEqual([
      expect.stringMatching(/^GET \/repos\/\{owner\}\/\{repo\}\/issues query param state: "opened": \/ must be equal to one of the allowed values/),
      expect.stringMatching(/query param bogus: is not a parameter of issues\/list-for-repo/),
    ]);
  });

  it('records an unknown route and answers 404', async () => {
    expect(await statusOf(octokit.request('GET /repos/{owner}/{repo}/branches', repoRef))).toBe(404);
    expect(await statusOf(octokit.request('GET /not-github'))).toBe(404);
    expect(takeViolations(gh)).toEqual([
      'unknown route: GET /repos/lab/study/branches (GitHub\'s repos/list-branches, not served by the emulator)',
      'unknown route: GET /not-github (not a GitHub REST route)',
    ]);
  });

  it('records an answer that breaks the description (a response corrupted through the tamper hook)', async () => {
    const issue = gh.seedIssue({ title: 'x', body: '', user: 'lead' });
    gh.tamperNext('GET /repos/{owner}/{repo}/issues/{issue_number}', (body) => ({ ...(body as object), number: 'one', user: undefined }));
    await octokit.rest.issues.get({ ...repoRef, issue_number: issue.number });
    const violations = takeViolations(gh);
    expect(violations).toContain('GET /repos/{owner}/{repo}/issues/{issue_number} response 200 body: /number must be integer');
    expect(violations.some((v) => /must have required property 'user'/.test(v))).toBe(true);
  });

  it('validates any value against a REST schema with the same compiled validators', () => {
    expect(validateRestSchema('issue', gh.issue(gh.seedIssue({ title: 'x', body: '', user: 'lead' }).number))).toEqual([]);
    expect(validateRestSchema('simple-user', { login: 'x' })).toContain("/ must have required property 'id'");
    expect(validateRestSchema('label', { id: 1, node_id: 'x', url: 'not a url', name: 'a', description: null, color: 'ededed', default: false })).toEqual([
      '/url must match format "uri" (got "not a url")',
    ]);
    expect(validateRestSchema('no-such-schema', {})).toEqual(['no schema named no-such-schema in the REST description']);
  });
});

describe('auth, faults and counts', () => {
  it('answers 401 without a known token', async () => {
    expect(await statusOf(getOctokit('ghp_unknown', { baseUrl: gh.url }).rest.repos.get(repoRef))).toBe(401);
    const bare = await fetch(`${gh.url}/repos/lab/study`);
    expect(bare.status).toBe(401);
    expect(await bare.json()).toMatchObject({ message: 'Bad credentials' });
    const bearer = await fetch(`${gh.url}/repos/lab/study`, { headers: { authorization: 'Bearer ghp_lead' } });
    expect(bearer.status).toBe(200);
  });

  it('answers an injected status the given number of times, then recovers', async () => {
    const route = 'GET /repos/{owner}/{repo}';
    gh.failNext({ route, status: 500, times: 2 });
    expect(await statusOf(octokit.rest.repos.get(repoRef))).toBe(500);
    expect((await octokit.rest.issues.listForRepo(repoRef)).status).toBe(200);
    expect(await statusOf(octokit.rest.repos.get(repoRef))).toBe(500);
    expect((await octokit.rest.repos.get(repoRef)).status).toBe(200);
    gh.failNext({ status: 502, times: 1 });
    expect(await statusOf(octokit.rest.issues.listForRepo(repoRef))).toBe(502);
    expect(gh.counts()).toEqual({ [route]: 3, 'GET /repos/{owner}/{repo}/issues': 2 });
    expect(() => gh.failNext({ route: 'GET /nope', status: 500, times: 1 })).toThrow(/no route GET \/nope/);
  });

  it('sends GitHub\'s rate-limit headers, which Octokit\'s throttling waits out', async () => {
    gh.failNext({ status: 403, times: 1, rateLimit: true });
    const primary = await fetch(`${gh.url}/repos/lab/study`, { headers: { authorization: 'token ghs_bot' } });
    expect(primary.status).toBe(403);
    expect(primary.headers.get('x-ratelimit-remaining')).toBe('0');
    expect(Number(primary.headers.get('x-ratelimit-reset'))).toBeLessThanOrEqual(Math.ceil(Date.now() / 1000));
    gh.failNext({ status: 429, times: 1, rateLimit: true });
    const secondary = await fetch(`${gh.url}/repos/lab/study`, { headers: { authorization: 'token ghs_bot' } });
    expect(secondary.status).toBe(429);
    expect(secondary.headers.get('retry-after')).toBe('1');
    expect(((await secondary.json()) as { message: string }).message).toMatch(/secondary rate limit/);

    const waits: string[] = [];
    const throttled = getOctokit(
      'ghs_bot',
      {
        baseUrl: gh.url,
        throttle: {
          retryAfterBaseValue: 50,
          onRateLimit: (after: number) => (waits.push(`primary ${after}`), true),
          onSecondaryRateLimit: (after: number) => (waits.push(`secondary ${after}`), true),
        },
      },
      throttling,
    );
    gh.failNext({ status: 403, times: 1, rateLimit: true });
    gh.failNext({ status: 429, times: 1, rateLimit: true });
    // A read: the throttling plugin spaces writes a second apart, which would only slow the test.
    expect((await throttled.rest.repos.get(repoRef)).status).toBe(200);
    expect(waits).toEqual(['primary 1', 'secondary 1']);
    expect(gh.counts()['GET /repos/{owner}/{repo}']).toBe(5);
  });

  it('counts requests per route template and resets', async () => {
    const issue = gh.seedIssue({ title: 'x', body: '', user: 'lead' });
    await octokit.rest.issues.createComment({ ...repoRef, issue_number: issue.number, body: 'a' });
    await octokit.rest.issues.createComment({ ...repoRef, issue_number: issue.number, body: 'b' });
    await octokit.rest.issues.get({ ...repoRef, issue_number: issue.number });
    expect(gh.counts()).toEqual({ 'POST /repos/{owner}/{repo}/issues/{issue_number}/comments': 2, 'GET /repos/{owner}/{repo}/issues/{issue_number}': 1 });
    gh.resetCounts();
    expect(gh.counts()).toEqual({});
    expect(gh.requests.map((r) => [r.method, r.path, r.status, r.login])).toEqual([
      ['POST', `/repos/lab/study/issues/${issue.number}/comments`, 201, BOT],
      ['POST', `/repos/lab/study/issues/${issue.number}/comments`, 201, BOT],
      ['GET', `/repos/lab/study/issues/${issue.number}`, 200, BOT],
    ]);
    expect(gh.requests[0]?.body).toEqual({ body: 'a' });
  });
});

describe('pagination', () => {
  it('pages with Link headers that octokit.paginate follows', async () => {
    for (let i = 1; i <= 7; i++) gh.seedIssue({ title: `issue ${i}`, body: '', user: 'lead' });
    const all = await octokit.paginate(octokit.rest.issues.listForRepo, { ...repoRef, per_page: 3 });
    expect(all.map((i) => i.number)).toEqual([7, 6, 5, 4, 3, 2, 1]);
    expect(gh.counts()['GET /repos/{owner}/{repo}/issues']).toBe(3);
    const second = await octokit.rest.issues.listForRepo({ ...repoRef, per_page: 3, page: 2 });
    const link = second.headers.link ?? '';
    expect(link).toContain('page=3>; rel="next"');
    expect(link).toContain('page=1>; rel="prev"');
    expect(link).toContain('page=3>; rel="last"');
    expect(link).toContain('page=1>; rel="first"');

    for (let i = 1; i <= 5; i++) gh.seedComment(1, { user: 'dev', body: `c${i}` });
    const comments = await octokit.paginate(octokit.rest.issues.listComments, { ...repoRef, issue_number: 1, per_page: 2 });
    expect(comments.map((c) => c.body)).toEqual(['c1', 'c2', 'c3', 'c4', 'c5']);
  });
});

describe('webhook payloads', () => {
  const deliveries = (): WebhookDelivery[] => {
    const issue = gh.seedIssue({ title: 'Adam vs SGD', body: 'Does Adam win?', user: 'lead', labels: ['type:experiment'] });
    const comment = gh.seedComment(issue.number, { user: 'dev', body: '/epm approve' });
    const pull = gh.seedPull({ head: 'feature', title: 'Plan for #1', body: 'checklist', user: BOT, draft: true });
    const review = gh.seedReview(pull.number, { user: 'lead', state: 'CHANGES_REQUESTED', body: 'fix the seed', commitId: pull.head.sha, comments: [{ path: 'plan.md', line: 1, body: 'seed?' }] });
    const [line] = gh.reviewComments(pull.number);
    return [
      gh.webhook.issuesOpened(issue.number, 'lead'),
      gh.webhook.issuesLabeled(issue.number, 'type:experiment', 'lead'),
      gh.webhook.issuesEdited(issue.number, 'lead', { body: { from: 'Does Adam win' } }),
      gh.webhook.issueCommentCreated(issue.number, Number(comment.id)),
      gh.webhook.pullRequestReviewSubmitted(pull.number, Number(review.id)),
      gh.webhook.pullRequestReviewCommentCreated(pull.number, Number(line!.id)),
      gh.webhook.pullRequestSynchronize(pull.number, BOT),
      gh.webhook.schedule('17 * * * *'),
      gh.webhook.workflowDispatch({ issue: '1' }, 'lead'),
    ];
  };

  it('builds payloads that validate against @octokit/openapi-webhooks', () => {
    const built = deliveries();
    expect(built.map((d) => `${d.name}/${String(d.payload['action'] ?? '-')}`)).toEqual([
      'issues/opened',
      'issues/labeled',
      'issues/edited',
      'issue_comment/created',
      'pull_request_review/submitted',
      'pull_request_review_comment/created',
      'pull_request/synchronize',
      'schedule/-',
      'workflow_dispatch/-',
    ]);
    for (const delivery of built) expect([delivery.name, validateWebhook(delivery.name, delivery.payload)]).toEqual([delivery.name, []]);
    const review = built[4]!.payload['review'] as { state: string; user: { login: string } };
    expect(review).toMatchObject({ state: 'changes_requested', user: { login: 'lead' } });
    expect((built[3]!.payload['sender'] as { login: string }).login).toBe('dev');
  });

  it('reports a broken payload', () => {
    for (const delivery of deliveries()) {
      const { sender: _sender, repository: _repository, ...broken } = delivery.payload;
      const problems = gh.validateWebhook(delivery.name, broken);
      expect([delivery.name, problems.some((p) => /must have required property '(sender|repository)'/.test(p))]).toEqual([delivery.name, true]);
    }
    expect(validateWebhook('issues', { action: 'opened' })).toEqual(expect.arrayContaining(["issues-opened: / must have required property 'issue'"]));
    expect(validateWebhook('no_such_event', {})).toEqual(['no webhook schema for no-such-event (event no_such_event) in @octokit/openapi-webhooks']);
  });
});
