import { routeEvent, type Route } from '../../src/entrypoints/action/route.js';
import { readInputs } from '../../src/entrypoints/action/inputs.js';
import { entryCommandOf } from '../../src/domain/commands.js';

const ctx = { repository: 'lab/study', botLogin: 'github-actions[bot]' };
const user = (login: string) => ({ login, type: login.endsWith('[bot]') ? 'Bot' : 'User' });
const issue = (labels: string[], extra: Record<string, unknown> = {}) => ({ number: 7, labels: labels.map((name) => ({ name })), user: user('lead'), ...extra });
const pr = (ref: string, head = 'lab/study') => ({ number: 9, head: { ref, repo: { full_name: head } }, base: { repo: { full_name: 'lab/study' } } });

describe('routeEvent', () => {
  const cases: [string, string, unknown, Partial<Extract<Route, { action: 'tick' }>> | 'ignore' | 'sweep'][] = [
    ['labelled issue opened', 'issues', { action: 'opened', issue: issue(['type:experiment']), sender: user('lead') }, { issue: 7, actor: 'lead', needsWrite: true }],
    ['unlabelled issue opened', 'issues', { action: 'opened', issue: issue([]), sender: user('lead') }, 'ignore'],
    ['issue closed', 'issues', { action: 'closed', issue: issue(['type:experiment']), sender: user('lead') }, 'ignore'],
    ['EPM labelling its own issue', 'issues', { action: 'labeled', issue: issue(['status:planning']), sender: user('github-actions[bot]') }, 'ignore'],
    ['a PR seen as an issue', 'issues', { action: 'opened', issue: issue(['type:experiment'], { pull_request: {} }), sender: user('lead') }, 'ignore'],
    ['command comment', 'issue_comment', { action: 'created', issue: issue([]), comment: { id: 55, body: '/epm plan', user: user('lead') }, sender: user('lead') }, { issue: 7, commandCommentId: 55, needsWrite: true }],
    ['plain comment on an EPM issue', 'issue_comment', { action: 'created', issue: issue(['status:clarifying']), comment: { id: 56, body: 'the hypothesis is X', user: user('lead') }, sender: user('lead') }, { issue: 7, needsWrite: true }],
    ['plain comment elsewhere', 'issue_comment', { action: 'created', issue: issue([]), comment: { id: 57, body: 'hello', user: user('lead') }, sender: user('lead') }, 'ignore'],
    ['EPM\'s own comment', 'issue_comment', { action: 'created', issue: issue(['status:planning']), comment: { id: 58, body: '<!-- epm:plan v1 -->', user: user('github-actions[bot]') }, sender: user('github-actions[bot]') }, 'ignore'],
    ['command on a PR conversation', 'issue_comment', { action: 'created', issue: issue([], { pull_request: {} }), comment: { id: 59, body: '/epm approve', user: user('lead') }, sender: user('lead') }, 'ignore'],
    ['review of an experiment PR', 'pull_request_review', { action: 'submitted', pull_request: pr('epm/7-adam-vs-sgd'), review: { user: user('lead') }, sender: user('lead') }, { issue: 7, actor: 'lead', needsWrite: true }],
    ['review of a fork PR', 'pull_request_review', { action: 'submitted', pull_request: pr('epm/7-adam-vs-sgd', 'mallory/study'), review: { user: user('mallory') }, sender: user('mallory') }, 'ignore'],
    ['review of another PR', 'pull_request_review', { action: 'submitted', pull_request: pr('feature/x'), review: { user: user('lead') }, sender: user('lead') }, 'ignore'],
    ['line comment on plan.md', 'pull_request_review_comment', { action: 'created', pull_request: pr('epm/7-adam-vs-sgd'), comment: { user: user('lead') }, sender: user('lead') }, { issue: 7, needsWrite: true }],
    ['push to an experiment PR', 'pull_request', { action: 'synchronize', pull_request: pr('epm/7-adam-vs-sgd'), sender: user('lead') }, { issue: 7, needsWrite: false }],
    ['PR opened', 'pull_request', { action: 'opened', pull_request: pr('epm/7-adam-vs-sgd'), sender: user('lead') }, 'ignore'],
    ['schedule', 'schedule', { schedule: '*/30 * * * *' }, 'sweep'],
    ['dispatch without issue', 'workflow_dispatch', { inputs: {}, sender: user('lead') }, 'sweep'],
    ['dispatch for one issue', 'workflow_dispatch', { inputs: { issue: '7' }, sender: user('lead') }, { issue: 7, needsWrite: true }],
    ['unknown event', 'star', { action: 'created' }, 'ignore'],
  ];
  it.each(cases)('%s', (_name, event, payload, expected) => {
    const route = routeEvent(event, payload, ctx);
    if (expected === 'ignore' || expected === 'sweep') {
      expect(route.action).toBe(expected);
      expect(route.reason.length).toBeGreaterThan(5);
    } else {
      expect(route).toMatchObject({ action: 'tick', ...expected });
    }
  });

  it('refuses a payload that is not GitHub\'s shape, naming the field', () => {
    expect(() => routeEvent('issue_comment', { action: 'created', issue: { number: 'x' } }, ctx)).toThrow(/issue_comment event payload .*issue\.number/);
    expect(() => routeEvent('workflow_dispatch', { inputs: { issue: '7; rm -rf /' }, sender: user('lead') }, ctx)).toThrow(/not an issue number/);
  });
});

describe('entry commands', () => {
  it('recognises /epm plan and /epm status only as whole commands', () => {
    expect(entryCommandOf('/epm plan')).toBe('plan');
    expect(entryCommandOf('  /epm status \n')).toBe('status');
    expect(entryCommandOf('/epm planning')).toBeUndefined();
    expect(entryCommandOf('/epm status please')).toBeUndefined();
    expect(entryCommandOf('/epm approve')).toBeUndefined();
  });
});

describe('readInputs', () => {
  const base = { GITHUB_REPOSITORY: 'lab/study', GITHUB_EVENT_NAME: 'issues', GITHUB_EVENT_PATH: '/tmp/e.json', 'INPUT_GITHUB-TOKEN': 't' };
  it('reads defaults', () => {
    const inputs = readInputs(base);
    expect(inputs).toMatchObject({ mode: 'act', token: 't', sweep: false, botLogin: 'github-actions[bot]', allowedBots: [], waitForRunMinutes: 30, owner: 'lab', repo: 'study', apiUrl: 'https://api.github.com' });
    expect(inputs.issue).toBeUndefined();
  });
  it('reads every input', () => {
    const inputs = readInputs({ ...base, INPUT_MODE: 'route', INPUT_ISSUE: '12', INPUT_SWEEP: 'true', 'INPUT_ALLOWED-BOTS': 'renovate[bot], x[bot]', 'INPUT_WAIT-FOR-RUN-MINUTES': '5', GITHUB_API_URL: 'http://127.0.0.1:9' });
    expect(inputs).toMatchObject({ mode: 'route', issue: 12, sweep: true, allowedBots: ['renovate[bot]', 'x[bot]'], waitForRunMinutes: 5, apiUrl: 'http://127.0.0.1:9' });
  });
  it.each([
    [{ INPUT_MODE: 'deploy' }, /input mode/],
    [{ INPUT_ISSUE: '12abc' }, /not an issue number/],
    [{ INPUT_SWEEP: 'yes' }, /input sweep/],
    [{ 'INPUT_WAIT-FOR-RUN-MINUTES': '-1' }, /wait-for-run-minutes/],
    [{ 'INPUT_GITHUB-TOKEN': '' }, /no GitHub token/],
    [{ GITHUB_REPOSITORY: 'lab' }, /not owner\/repo/],
    [{ INPUT_ATTEST: 'sometimes' }, /input attest/],
    [{ INPUT_ATTEST: 'always' }, /cannot mint an OIDC token/],
  ])('refuses %p', (extra, message) => {
    expect(() => readInputs({ ...base, ...extra })).toThrow(message);
  });
  it('signs when the job can mint an OIDC token, unless told never to', () => {
    const oidc = { ACTIONS_ID_TOKEN_REQUEST_URL: 'http://127.0.0.1:9/token', ACTIONS_ID_TOKEN_REQUEST_TOKEN: 'x' };
    expect(readInputs(base)).toMatchObject({ attest: 'auto', oidcAvailable: false });
    expect(readInputs({ ...base, ...oidc })).toMatchObject({ attest: 'auto', oidcAvailable: true });
    expect(readInputs({ ...base, ...oidc, INPUT_ATTEST: 'always' })).toMatchObject({ attest: 'always', oidcAvailable: true });
    expect(readInputs({ ...base, INPUT_ATTEST: 'Never' })).toMatchObject({ attest: 'never' });
    // The router never signs: "always" does not stop it when it has no token.
    expect(readInputs({ ...base, INPUT_MODE: 'route', INPUT_ATTEST: 'always' })).toMatchObject({ mode: 'route', attest: 'always' });
  });
});
