/**
 * The workflow templates `epm install` ships (workflows-templates/), and the
 * files it writes from them: clean under actionlint and GitHub's own
 * validator, every action pinned by SHA, no expression in a script, only
 * allow-listed expressions, and the router/worker split of DESIGN.md §6.
 * Each check is also run on a bad workflow to show it can fail.
 */
import { execFileSync } from 'node:child_process';
import { mkdtemp, readFile, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse, stringify } from 'yaml';
import {
  EPM_ACTION_PLACEHOLDER,
  WORKFLOW_TEMPLATES,
  installEpm,
  renderWorkflow,
  shippedTemplateDir,
} from '../../src/entrypoints/cli/install.js';
import {
  actionlint,
  disallowedExpressions,
  epmActionMatcher,
  epmInputProblems,
  expressionsInRun,
  languageService,
  parseWorkflow,
  routerWorkerProblems,
  unpinnedUses,
  withMajorVersions,
} from './workflow-checks.js';

const PIN = { repository: 'epm-dev/epm', sha: '0123456789abcdef0123456789abcdef01234567' };
const CHECKOUT_V4_2_2 = 'actions/checkout@11bd71901bbe5b1630ceea73d27597364c9af683';
/** The EPM action's metadata, at the repository root. */
const ACTION_YML = await readFile(new URL('../../action.yml', import.meta.url), 'utf8');

const templates = Object.fromEntries(
  await Promise.all(WORKFLOW_TEMPLATES.map(async (name) => [name, await readFile(join(shippedTemplateDir(), name), 'utf8')] as const)),
) as Record<(typeof WORKFLOW_TEMPLATES)[number], string>;

/** A workflow with one of each mistake the checks exist for. */
const BAD_WORKFLOW = `on:
  issue_comment:
    types: [created]
jobs:
  route:
    runs-on: ubuntu-latest
    colour: blue
    steps:
      - uses: actions/checkout@v4
      - run: echo "\${{ github.event.issue.title }}"
`;

describe('the shipped workflow templates', () => {
  it('are exactly the three workflows, each opening with a comment saying what it does', async () => {
    expect((await readdir(shippedTemplateDir())).sort()).toEqual([...WORKFLOW_TEMPLATES].sort());
    for (const text of Object.values(templates)) {
      expect(text.split('\n')[0]).toMatch(/^# EPM — /);
      expect(text).toContain(EPM_ACTION_PLACEHOLDER);
    }
  });

  it.each(WORKFLOW_TEMPLATES)('%s: actionlint reports nothing, as shipped and as installed', async (name) => {
    expect(await actionlint(templates[name], `.github/workflows/${name}`)).toEqual([]);
    expect(await actionlint(renderWorkflow(templates[name], PIN), `.github/workflows/${name}`)).toEqual([]);
  });

  it.each(WORKFLOW_TEMPLATES)('%s: every step passes only inputs its action declares (EPM: action.yml; checkout: actionlint\'s metadata)', async (name) => {
    expect(epmInputProblems(templates[name], ACTION_YML, epmActionMatcher())).toEqual([]);
    const byVersion = withMajorVersions(renderWorkflow(templates[name], PIN));
    expect(byVersion).toContain('uses: actions/checkout@v4\n');
    expect(await actionlint(byVersion, `.github/workflows/${name}`)).toEqual([]);
  });

  it.each(WORKFLOW_TEMPLATES)('%s: GitHub\'s workflow validator (@actions/languageservice) reports nothing', async (name) => {
    expect(await languageService(templates[name], name)).toEqual([]);
    expect(await languageService(renderWorkflow(templates[name], PIN), name)).toEqual([]);
  });

  it.each(WORKFLOW_TEMPLATES)('%s: every uses: is pinned to a commit SHA with its version in a comment', (name) => {
    expect(unpinnedUses(templates[name], { allowPlaceholder: true })).toEqual([]);
    expect(unpinnedUses(renderWorkflow(templates[name], PIN))).toEqual([]);
    expect(templates[name]).toContain(`uses: ${CHECKOUT_V4_2_2} # v4.2.2`);
    // Only the EPM action is left to pin at install, and nothing else is unpinned.
    expect(unpinnedUses(templates[name])).toEqual(Array(2).fill(`uses: ${EPM_ACTION_PLACEHOLDER} is not pinned to a full 40-hex commit SHA`));
  });

  it.each(WORKFLOW_TEMPLATES)('%s: no run: steps, so no untrusted text can reach a shell; only allow-listed expressions', (name) => {
    const workflow = parseWorkflow(templates[name]);
    expect(Object.values(workflow.jobs).flatMap((j) => j.steps ?? []).filter((s) => 'run' in s)).toEqual([]);
    expect(expressionsInRun(templates[name])).toEqual([]);
    expect(disallowedExpressions(templates[name])).toEqual([]);
  });

  it.each(WORKFLOW_TEMPLATES)('%s: the worker\'s checkout leaves no token in .git/config where the agents work', (name) => {
    const workflow = parse(templates[name]) as { jobs: Record<string, { steps?: { uses?: string; with?: Record<string, unknown> }[] }> };
    const checkouts = Object.values(workflow.jobs).flatMap((job) => job.steps ?? []).filter((step) => step.uses?.startsWith('actions/checkout@'));
    expect(checkouts.length).toBeGreaterThan(0);
    for (const step of checkouts) expect(step.with?.['persist-credentials']).toBe(false);
  });

  it.each(WORKFLOW_TEMPLATES)('%s: a router without secrets hands only numbers to a per-issue worker', (name) => {
    expect(routerWorkerProblems(templates[name], epmActionMatcher())).toEqual([]);
    expect(routerWorkerProblems(renderWorkflow(templates[name], PIN), epmActionMatcher(PIN.repository))).toEqual([]);
    // The comment that explains why a replaced pending run loses nothing.
    expect(templates[name]).toMatch(/newest pending run[\s\S]*never drops an[\s\S]*reconciles the issue's whole state/);
  });

  it('listen to the events the router understands', () => {
    const on = (name: keyof typeof templates) => parseWorkflow(templates[name]).on;
    expect(on('epm-issues.yml')).toEqual({ issues: { types: ['opened', 'edited', 'reopened', 'labeled'] }, issue_comment: { types: ['created'] } });
    expect(on('epm-review.yml')).toEqual({
      pull_request_review: { types: ['submitted'] },
      pull_request_review_comment: { types: ['created'] },
      pull_request: { types: ['synchronize'] },
    });
    expect(on('epm-sweep.yml')).toEqual({
      schedule: [{ cron: '*/30 * * * *' }],
      workflow_dispatch: { inputs: { issue: expect.objectContaining({ required: false, type: 'string' }) } },
    });
    // Only the issues workflow receives commands, so only its router may write the 👀 reaction.
    expect(parseWorkflow(templates['epm-issues.yml']).jobs['route']!.permissions).toMatchObject({ issues: 'write' });
    expect(parseWorkflow(templates['epm-review.yml']).jobs['route']!.permissions).toMatchObject({ issues: 'read' });
    expect(parseWorkflow(templates['epm-sweep.yml']).jobs['route']!.permissions).toMatchObject({ issues: 'read' });
  });

  it('are clean as written by epm install into a repository', async () => {
    const repo = await mkdtemp(join(tmpdir(), 'epm-templates-'));
    try {
      execFileSync('git', ['init', '-q', '-b', 'main'], { cwd: repo });
      await installEpm({ cwd: repo, action: `${PIN.repository}@${PIN.sha}` });
      for (const name of WORKFLOW_TEMPLATES) {
        const written = await readFile(join(repo, '.github', 'workflows', name), 'utf8');
        expect(await actionlint(written, `.github/workflows/${name}`)).toEqual([]);
        expect(await languageService(written, name)).toEqual([]);
        expect(unpinnedUses(written)).toEqual([]);
        expect(expressionsInRun(written)).toEqual([]);
        expect(disallowedExpressions(written)).toEqual([]);
        expect(routerWorkerProblems(written, epmActionMatcher(PIN.repository))).toEqual([]);
      }
    } finally {
      await rm(repo, { recursive: true, force: true });
    }
  });
});

describe('the checks fail where they should', () => {
  it('actionlint reports an unknown key and untrusted input in a script', async () => {
    const findings = await actionlint(BAD_WORKFLOW);
    expect(findings).toEqual(expect.arrayContaining([
      expect.objectContaining({ kind: 'syntax-check', message: expect.stringContaining('unexpected key "colour"') }),
      expect.objectContaining({ kind: 'expression', message: expect.stringContaining('"github.event.issue.title" is potentially untrusted') }),
    ]));
  });

  it('the input checks report inputs the action does not declare', async () => {
    const text = `on: push
jobs:
  a:
    runs-on: ubuntu-latest
    steps:
      - uses: ${CHECKOUT_V4_2_2} # v4.2.2
        with:
          depth: 0
      - uses: ${EPM_ACTION_PLACEHOLDER} # EPM
        with:
          mode: act
          isue: 3
`;
    expect(epmInputProblems(text, ACTION_YML, epmActionMatcher())).toEqual(['jobs.a.steps[1] passes isue, which the EPM action does not declare']);
    expect(epmInputProblems(text, 'inputs:\n  mode:\n    description: m\n    required: true\n  token:\n    description: t\n    required: true\n', epmActionMatcher()))
      .toEqual(['jobs.a.steps[1] passes isue, which the EPM action does not declare', 'jobs.a.steps[1] lacks the required input token']);
    expect(await actionlint(text)).toEqual([]); // pinned by SHA, checkout's inputs go unchecked…
    expect(await actionlint(withMajorVersions(text))).toEqual([expect.objectContaining({ message: expect.stringContaining('input "depth" is not defined in action "actions/checkout@v4"') })]);
  });

  it('the language service reports the unknown key', async () => {
    expect(await languageService(BAD_WORKFLOW)).toEqual(expect.arrayContaining([expect.objectContaining({ message: "Unexpected value 'colour'" })]));
  });

  it('the pin check reports a tag, a branch and a short SHA, and an uncommented SHA', () => {
    const text = `jobs:
  a:
    steps:
      - uses: actions/checkout@v4
      - uses: actions/setup-node@main
      - uses: actions/cache@11bd719
      - uses: ${CHECKOUT_V4_2_2}
      - uses: ${EPM_ACTION_PLACEHOLDER} # EPM
`;
    expect(unpinnedUses(text)).toEqual([
      'uses: actions/checkout@v4 is not pinned to a full 40-hex commit SHA',
      'uses: actions/setup-node@main is not pinned to a full 40-hex commit SHA',
      'uses: actions/cache@11bd719 is not pinned to a full 40-hex commit SHA',
      `uses: ${CHECKOUT_V4_2_2} has no trailing comment saying which version the SHA is`,
      `uses: ${EPM_ACTION_PLACEHOLDER} is not pinned to a full 40-hex commit SHA`,
    ]);
    // A reusable workflow is an action too.
    expect(unpinnedUses('jobs:\n  a:\n    uses: octo/repo/.github/workflows/x.yml@v1\n')).toHaveLength(1);
  });

  it('the run check reports event text, branch names and dispatch inputs in a script', () => {
    const text = `jobs:
  a:
    steps:
      - run: echo "\${{ github.event.issue.title }}"
      - run: |
          git checkout \${{ github.head_ref }}
          echo \${{ inputs.issue }}
      - run: echo "$TITLE"
        env:
          TITLE: \${{ github.event.issue.title }}
`;
    expect(expressionsInRun(text)).toEqual([
      'jobs.a.steps[0].run uses ${{ github.event.issue.title }} (untrusted input: pass it through env:)',
      'jobs.a.steps[1].run uses ${{ github.head_ref }} (untrusted input: pass it through env:)',
      'jobs.a.steps[1].run uses ${{ inputs.issue }} (untrusted input: pass it through env:)',
    ]);
    expect(disallowedExpressions(text)).toEqual([
      '${{ github.event.issue.title }} is not an allowed expression',
      '${{ github.head_ref }} is not an allowed expression',
      '${{ inputs.issue }} is not an allowed expression',
      '${{ github.event.issue.title }} is not an allowed expression',
    ]);
  });

  it('the split check reports secrets or OIDC in the router, text crossing to the worker, and a missing concurrency group', () => {
    const workflow = parse(templates['epm-issues.yml']) as { jobs: Record<string, Record<string, unknown>> };
    const route = workflow.jobs['route']!;
    const act = workflow.jobs['act']!;
    route['env'] = { ANTHROPIC_API_KEY: '${{ secrets.ANTHROPIC_API_KEY }}' };
    route['permissions'] = { ...(route['permissions'] as object), 'id-token': 'write' };
    route['outputs'] = { ...(route['outputs'] as object), reason: '${{ steps.route.outputs.reason }}' };
    delete act['concurrency'];
    const steps = act['steps'] as { with?: Record<string, string> }[];
    steps[1]!.with = { ...steps[1]!.with, 'bot-login': '${{ needs.route.outputs.reason }}', sweep: '${{ needs.route.outputs.action }}' };
    const problems = routerWorkerProblems(stringify(workflow), epmActionMatcher());
    expect(problems).toEqual(expect.arrayContaining([
      'the route job references secrets',
      'the route job asks for id-token',
      'the route job sets env',
      expect.stringMatching(/^the route job's outputs are .*only action and issues may cross/),
      expect.stringMatching(/^the act job's concurrency is undefined/),
      expect.stringMatching(/^the act job reads needs\.route\.outputs\.reason/),
      expect.stringMatching(/^the act job passes needs\.route\.outputs\.action on as text/),
      expect.stringMatching(/^the act job takes one issue: no sweep input/),
    ]));
  });

  it('the split check reports a worker that is not one job per listed issue, or that gets the list as text', () => {
    const workflow = parse(templates['epm-sweep.yml']) as { jobs: Record<string, Record<string, unknown>> };
    const act = workflow.jobs['act']!;
    act['strategy'] = { matrix: { issue: [1, 2] } };
    act['concurrency'] = { group: 'epm-issue-${{ needs.route.outputs.issues }}', 'cancel-in-progress': false };
    const steps = act['steps'] as { with?: Record<string, string> }[];
    steps[1]!.with = { ...steps[1]!.with, issue: '${{ needs.route.outputs.issues }}' };
    const problems = routerWorkerProblems(stringify(workflow), epmActionMatcher());
    expect(problems).toEqual(expect.arrayContaining([
      expect.stringMatching(/^the act job's strategy is .*not one job per issue of the router's list/),
      expect.stringMatching(/^the act job's concurrency is .*not the per-issue group/),
      'the act job must get issue: ${{ matrix.issue }}',
      expect.stringMatching(/^the act job passes needs\.route\.outputs\.issues on as text/),
    ]));
    expect(routerWorkerProblems(templates['epm-sweep.yml']!, epmActionMatcher())).toEqual([]);
  });
});
