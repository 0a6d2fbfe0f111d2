import type { Effect } from '../../src/domain/effects.js';
import { EpmError } from '../../src/domain/errors.js';
import type { CheckOutcome } from '../../src/domain/gates.js';
import { MAIN_STATUSES, type Status } from '../../src/domain/lifecycle.js';
import { reduce } from '../../src/domain/reduce.js';
import { cloneState, currentRun, type IssueState } from '../../src/domain/state.js';
import { apply, desiredLabels, due, readLabelsInto, transition } from '../../src/domain/transition.js';
import {
  IMPL_SHA,
  PLAN_SHA,
  PLAN_SHA_2,
  RESULT_SHA,
  T0,
  aManifest,
  aPlan,
  advanceTo,
  anEvent,
  anIssue,
  anOutput,
  at,
  epmComments,
  eventsTo,
  fold,
  happyEvent,
  humanComment,
  launchedState,
  stateAt,
  type StateOptions,
} from './builders.js';

// ---------------------------------------------------------------- helpers

/** Effects in short form: `invoke-role:<role>` for roles, the kind otherwise. */
const summarize = (effects: readonly Effect[]): string[] =>
  effects.map((e) => (e.kind === 'invoke-role' ? `invoke-role:${e.role}` : e.kind === 'record' ? `record:${e.event.kind}` : e.kind));
const dueAt = (state: IssueState, now = T0): string[] => summarize(due(state, new Date(now)));

function caught(fn: () => unknown): EpmError {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(EpmError);
    return error as EpmError;
  }
  throw new Error('expected a conflict, nothing was thrown');
}
/** Asserts `fn` throws a conflict whose message matches. */
const expectConflict = (fn: () => unknown, message: RegExp): void => {
  const error = caught(fn);
  expect(error.code).toBe('conflict');
  expect(error.message).toMatch(message);
};
/** Applies `event` to a copy and asserts a conflict that leaves the state untouched. */
const expectRefused = (state: IssueState, event: Parameters<typeof apply>[1], message: RegExp): void => {
  const before = cloneState(state);
  expectConflict(() => apply(state, event), message);
  expect(state).toEqual(before);
};

/** Folds happy events until the status changes (running and verifying take two steps). */
function passGate(state: IssueState, options: StateOptions = {}): IssueState {
  let current = state;
  for (let step = 0; step < 5 && current.status === state.status; step++) current = fold(current, happyEvent(current, options));
  return current;
}

const failing = (name = 'lint'): CheckOutcome[] => [{ name, command: `npm run ${name}`, ok: false, output: '2 errors' }];
const codeFail = (cls = 'logic', text = 'loss is averaged over the wrong axis', verdict: 'FAIL' | 'CONCERNS' = 'FAIL') =>
  anOutput('code-reviewer', { verdict, findings: [{ class: cls, text }] });
const testRed = (cls = 'assertion', text = 'warmup schedule off by one') =>
  anOutput('tester', { verdict: 'red', failures: [{ class: cls, text }] });

/** One failing code-review round, followed by the fix it asks for (when one is due). */
function codeRound(state: IssueState, cls = 'logic'): IssueState {
  const reviewed = fold(state, anEvent('code-review', { output: codeFail(cls) }));
  return reviewed.awaitingFix === 'code' ? fold(reviewed, anEvent('fix')) : reviewed;
}
/** One failing test round, followed by its fix (when one is due). */
function testRound(state: IssueState, cls: string): IssueState {
  const tested = fold(state, anEvent('test-verdict', { output: testRed(cls) }));
  return tested.awaitingFix === 'test' ? fold(tested, anEvent('fix', { loop: 'test' })) : tested;
}
const withLabels = (state: IssueState, labels: string[]): IssueState => {
  const copy = cloneState(state);
  readLabelsInto(copy, labels);
  return copy;
};
const hotFix = (linesChanged: number, logicChange: boolean) =>
  anOutput('experimenter', {
    diagnosis: 'the eval step reads the wrong column',
    classification: 'code',
    action: 'hot-fix',
    hotFix: { linesChanged, logicChange, description: 'read the right column' },
  });

// ---------------------------------------------------------------- routes

const FULL: Status[] = [...MAIN_STATUSES];
const CONFIG: Status[] = FULL.filter((s) => s !== 'implementing' && s !== 'code-review');
const ANALYSIS: Status[] = ['proposed', 'clarifying', 'planning', 'plan-review', 'awaiting-plan-approval', 'analyzing', 'result-review', 'awaiting-result-approval', 'done'];
const INFRA: Status[] = ['proposed', 'clarifying', 'planning', 'plan-review', 'awaiting-plan-approval', 'implementing', 'code-review', 'testing', 'done'];

const ROUTES: [string, StateOptions, Status[]][] = [
  ['experiment/full', { type: 'experiment', lane: 'full' }, FULL],
  ['experiment/config', { type: 'experiment', lane: 'config' }, CONFIG],
  ['experiment/follow-up', { type: 'experiment', lane: 'follow-up', manifest: { parent: 3 } }, FULL],
  ['analysis', { type: 'analysis', lane: 'full' }, ANALYSIS],
  ['infra', { type: 'infra', lane: 'full' }, INFRA],
];
const STEPS = ROUTES.flatMap(([name, options, route]) =>
  route.slice(0, -1).map((from, i) => [name, from, route[i + 1] as Status, options] as const),
);

describe('every gate passing moves the issue to the next status on its route', () => {
  it.each(STEPS)('%s: %s → %s', (_route, from, to, options) => {
    const state = stateAt(from, options);
    expect(passGate(state, options).status).toBe(to);
  });

  it.each(ROUTES)('%s: the whole route is walked in order, one status at a time', (_route, options, route) => {
    const done = stateAt('done', options);
    const visited = [done.timeline[0]?.from, ...done.timeline.map((t) => t.to)].filter((s, i, all) => s !== all[i - 1]);
    expect(visited).toEqual(route);
  });

  it('a claim stays proposed after intake and nothing more is due', () => {
    const claim = fold(stateAt('proposed'), anEvent('auto-defaults', { type: 'claim', key: 'auto-defaults#1' }));
    expect(claim.status).toBe('proposed');
    expect(claim.type).toBe('claim');
    expect(dueAt(claim)).toEqual([]);
  });
});

// ---------------------------------------------------------------- per status, gate failing

describe('proposed', () => {
  it('intake applies the type and lane', () => {
    const state = fold(stateAt('proposed'), anEvent('auto-defaults', { type: 'analysis', lane: 'config' }));
    expect(state).toMatchObject({ status: 'clarifying', type: 'analysis', lane: 'config' });
  });

  it('a lane a human set before intake wins over the default', () => {
    const state = fold(stateAt('proposed'), anEvent('lane', { lane: 'config' }), anEvent('auto-defaults', { lane: 'full' }));
    expect(state).toMatchObject({ status: 'clarifying', lane: 'config', laneOverride: 'config' });
  });

  it('a second intake is stale once the issue moved on', () => {
    expectRefused(stateAt('clarifying'), anEvent('auto-defaults'), /auto-defaults event does not apply in status clarifying/);
  });
});

describe('clarifying', () => {
  const asked = (questions: string[]) => anEvent('clarify', { output: anOutput('clarifier', { questions }) });

  it('no questions → planning with no findings', () => {
    const state = fold(stateAt('clarifying'), asked([]));
    expect(state.status).toBe('planning');
    expect(state.findings).toEqual([]);
  });

  it('questions → stays clarifying and waits for an answer (nothing due)', () => {
    const state = fold(stateAt('clarifying'), asked(['Which dataset?']));
    expect(state.status).toBe('clarifying');
    expect(state.clarify).toMatchObject({ questions: ['Which dataset?'], rounds: 1 });
    expect(dueAt(state)).toEqual([]);
  });

  it('a human answer makes the clarifier due again, with the answer as feedback', () => {
    const state = fold(stateAt('clarifying'), asked(['Which dataset?']), anEvent('revise', { message: 'use C4' }));
    expect(state.status).toBe('clarifying');
    const [effect] = due(state, new Date(T0));
    expect(effect).toMatchObject({ kind: 'invoke-role', role: 'clarifier', feedback: ['lead: use C4'] });
  });

  it('at the round cap the planner proceeds and sees the open questions', () => {
    let state = stateAt('clarifying');
    state = fold(state, asked(['Which dataset?']), asked(['Which model size?']));
    expect(state.status).toBe('clarifying');
    state = fold(state, asked(['Which optimizer?']));
    expect(state.status).toBe('planning');
    expect(state.findings).toEqual(['open questions: Which optimizer?']);
  });

  it.each([
    [1, 'planning'],
    [2, 'clarifying'],
    [5, 'clarifying'],
  ])('with maxRounds %i the first round of questions leaves it %s', (maxRounds, expected) => {
    const state = fold(stateAt('clarifying', { settings: { maxRounds } }), asked(['Which dataset?']));
    expect(state.status).toBe(expected);
  });
});

describe('planning: the section gate', () => {
  const planWith = (plan: string, manifest = aManifest()) => anEvent('plan', { output: anOutput('planner', { plan, manifest }) });

  it.each([
    ['a missing section', aPlan({ Seeds: null }), aManifest(), 'section "## Seeds" is missing'],
    ['an empty section', aPlan({ Metrics: '' }), aManifest(), 'section "## Metrics" is empty'],
    ['a whitespace-only section', aPlan({ Lane: '   \n\t' }), aManifest(), 'section "## Lane" is empty'],
    ['a section only inside a code fence', aPlan({ Goal: null }).replace('## Hypothesis', '```\n## Goal\n```\n## Hypothesis'), aManifest(), 'section "## Goal" is missing'],
    ['a follow-up without a parent', aPlan(), aManifest({ lane: 'follow-up' }), 'a follow-up plan must name its parent experiment (manifest.parent)'],
  ])('%s → stays planning with the reason as the planner\'s finding', (_what, plan, manifest, reason) => {
    const state = fold(stateAt('planning'), planWith(plan, manifest));
    expect(state.status).toBe('planning');
    expect(state.findings).toContain(reason);
    expect(state.planGateFailures).toBe(1);
    expect(state.plan).toBeUndefined();
  });

  it.each([0, 1, 2, 4])('with planGateRetries %i it blocks on failure number retries+1', (planGateRetries) => {
    let state = stateAt('planning', { settings: { planGateRetries } });
    for (let i = 0; i < planGateRetries; i++) {
      state = fold(state, planWith(aPlan({ Seeds: null })));
      expect(state.status).toBe('planning');
    }
    state = fold(state, planWith(aPlan({ Seeds: null })));
    expect(state.status).toBe('blocked');
    expect(state.blocked?.from).toBe('planning');
    expect(state.blocked?.decision).toMatch(new RegExp(`failed the section gate ${planGateRetries + 1} times: section "## Seeds" is missing`));
  });

  it('a complete plan after failures resets the failure count and records the plan', () => {
    const state = fold(stateAt('planning'), planWith(aPlan({ Seeds: null })), planWith(aPlan()));
    expect(state.status).toBe('plan-review');
    expect(state.planGateFailures).toBe(0);
    expect(state.plan).toMatchObject({ version: PLAN_SHA, manifest: aManifest() });
    expect(state.findings).toEqual([]);
  });

  it('the plan declares the lane unless a human set one', () => {
    expect(fold(stateAt('planning'), planWith(aPlan(), aManifest({ lane: 'config' }))).lane).toBe('config');
    const overridden = fold(stateAt('planning'), anEvent('lane', { lane: 'full' }), planWith(aPlan(), aManifest({ lane: 'config' })));
    expect(overridden.lane).toBe('full');
  });
});

describe('plan-review: the plan critic', () => {
  const critique = (...severities: ('BLOCKER' | 'CONCERN' | 'NIT')[]) =>
    anEvent('plan-critique', {
      output: anOutput('plan-critic', { findings: severities.map((severity, i) => ({ severity, text: `${severity.toLowerCase()} ${i}` })) }),
    });

  it.each([
    [[], 'awaiting-plan-approval'],
    [['NIT'], 'awaiting-plan-approval'],
    [['CONCERN', 'NIT'], 'awaiting-plan-approval'],
    [['BLOCKER'], 'planning'],
    [['CONCERN', 'BLOCKER'], 'planning'],
  ] as const)('findings %j → %s', (severities, expected) => {
    const state = fold(stateAt('plan-review'), critique(...severities));
    expect(state.status).toBe(expected);
    expect(state.critique?.unresolved).toBe(false);
  });

  it('a BLOCKER loops to planning with the blocker as the planner\'s finding', () => {
    const state = fold(stateAt('plan-review'), critique('BLOCKER'));
    expect(state.findings).toEqual(['BLOCKER: blocker 0']);
    expect(state.loops.plan.round).toBe(1);
    expect(dueAt(state)).toEqual(['invoke-role:planner']);
    expect(due(state, new Date(T0))[0]).toMatchObject({ feedback: ['BLOCKER: blocker 0'] });
  });

  it('at maxRounds blockers go to the human with critique.unresolved', () => {
    let state = stateAt('plan-review');
    for (let round = 1; round < 3; round++) {
      state = fold(state, critique('BLOCKER'));
      expect(state.status).toBe('planning');
      state = advanceTo(state, 'plan-review');
    }
    state = fold(state, critique('BLOCKER'));
    expect(state.status).toBe('awaiting-plan-approval');
    expect(state.critique).toEqual({ findings: [{ severity: 'BLOCKER', text: 'blocker 0' }], unresolved: true });
    expect(state.findings).toEqual(['BLOCKER: blocker 0']);
    expect(dueAt(state)).toEqual([]);
  });
});

describe('awaiting-plan-approval', () => {
  it.each([
    ['experiment', 'full', 'implementing'],
    ['experiment', 'follow-up', 'implementing'],
    ['experiment', 'config', 'testing'],
    ['analysis', 'full', 'analyzing'],
    ['infra', 'full', 'implementing'],
  ] as const)('approving the current version of a %s/%s plan → %s, freezing the pre-registration', (type, lane, next) => {
    const options: StateOptions = { type, lane, manifest: { parent: 3 } };
    const state = stateAt('awaiting-plan-approval', options);
    expect(state.frozen).toBeUndefined();
    expect(state.laneConfirmed).toBe(false);
    const approved = fold(state, anEvent('approval', { version: PLAN_SHA, actor: 'lead', at: at(30) }));
    expect(approved.status).toBe(next);
    expect(approved.laneConfirmed).toBe(true);
    expect(approved.frozen).toEqual({ manifest: state.plan?.manifest, version: PLAN_SHA, approver: 'lead', at: at(30) });
    expect(approved.approvals).toEqual([{ stage: 'plan', version: PLAN_SHA, actor: 'lead', at: at(30) }]);
  });

  it('a human lane change before approval decides the next status', () => {
    const state = fold(stateAt('awaiting-plan-approval'), anEvent('lane', { lane: 'config' }), anEvent('approval'));
    expect(state.status).toBe('testing');
  });

  it('approving a stale version is a conflict and changes nothing', () => {
    expectRefused(stateAt('awaiting-plan-approval'), anEvent('approval', { version: PLAN_SHA_2 }), /stale approval: approval names b2b2b2b2b2b2 but the current version is a1a1a1a1a1a1/);
  });

  it('a stale approval through transition leaves the input state deep-equal', () => {
    const state = stateAt('awaiting-plan-approval');
    const before = cloneState(state);
    expectConflict(() => transition(state, anEvent('approval', { version: PLAN_SHA_2 })), /stale approval/);
    expect(state).toEqual(before);
  });

  it('a result approval while the plan awaits approval is a conflict', () => {
    expectRefused(stateAt('awaiting-plan-approval'), anEvent('approval', { stage: 'result' }), /nothing awaits result approval/);
  });

  it.each(['proposed', 'clarifying', 'planning', 'plan-review', 'implementing', 'code-review', 'testing', 'running', 'verifying', 'analyzing', 'result-review', 'done', 'blocked', 'failed', 'aborted'] as const)(
    'approval when nothing awaits one (%s) is a conflict',
    (status) => {
      expectRefused(stateAt(status), anEvent('approval', { stage: status === 'analyzing' || status === 'result-review' ? 'result' : 'plan' }), /nothing awaits (plan|result) approval/);
    },
  );
});

describe('implementing', () => {
  it('passing checks → code-review with the implementation recorded', () => {
    const state = fold(stateAt('implementing'), anEvent('implementation'));
    expect(state.status).toBe('code-review');
    expect(state.implementation?.sha).toBe(IMPL_SHA);
  });

  it('a failing check stays implementing with the failure as the implementer\'s finding', () => {
    const state = fold(stateAt('implementing'), anEvent('implementation', { checks: failing('lint') }));
    expect(state.status).toBe('implementing');
    expect(state.findings).toEqual(['check "lint" failed: npm run lint']);
    expect(state.loops.implement.round).toBe(1);
    expect(due(state, new Date(T0))[0]).toMatchObject({ role: 'implementer', feedback: ['check "lint" failed: npm run lint'] });
  });

  it('the implement cap re-plans once, then blocks', () => {
    let state = stateAt('implementing');
    for (let i = 0; i < 3; i++) state = fold(state, anEvent('implementation', { checks: failing() }));
    expect(state).toMatchObject({ status: 'planning', cycle: 2, replanned: true });
    expect(state.findings[0]).toMatch(/^strategy change: the implement loop reached its cap of 3 rounds/);
    state = advanceTo(state, 'implementing');
    for (let i = 0; i < 3; i++) state = fold(state, anEvent('implementation', { checks: failing() }));
    expect(state.status).toBe('blocked');
    expect(state.blocked?.decision).toMatch(/the implement loop reached its cap of 3 rounds after a re-plan; unresolved: check "lint" failed/);
  });
});

describe('code-review ⇄ fixer', () => {
  it.each(['FAIL', 'CONCERNS'] as const)('%s → a code fix is due; the fixer runs, then the reviewer again', (verdict) => {
    const reviewed = fold(stateAt('code-review'), anEvent('code-review', { output: codeFail('logic', 'wrong axis', verdict) }));
    expect(reviewed).toMatchObject({ status: 'code-review', awaitingFix: 'code', findings: [`verdict ${verdict}`, 'logic: wrong axis'] });
    expect(reviewed.loops.code).toEqual({ round: 1, classes: [['logic']] });
    expect(dueAt(reviewed)).toEqual(['invoke-role:fixer']);
    const fixed = fold(reviewed, anEvent('fix'));
    expect(fixed.awaitingFix).toBeUndefined();
    expect(fixed.findings).toEqual([]);
    expect(dueAt(fixed)).toEqual(['invoke-role:code-reviewer']);
  });

  it('PASS → testing', () => {
    expect(fold(stateAt('code-review'), anEvent('code-review')).status).toBe('testing');
  });

  it('a fix whose checks fail keeps the fix due with the failure as finding', () => {
    const state = fold(stateAt('code-review'), anEvent('code-review', { output: codeFail() }), anEvent('fix', { checks: failing('build') }));
    expect(state.awaitingFix).toBe('code');
    expect(state.findings).toEqual(['check "build" failed: npm run build']);
    expect(dueAt(state)).toEqual(['invoke-role:fixer']);
  });

  it('a review while a fix is due is a conflict', () => {
    const state = fold(stateAt('code-review'), anEvent('code-review', { output: codeFail() }));
    expectRefused(state, anEvent('code-review'), /a review arrived while a fix is due/);
  });

  it('a fix nobody asked for is a conflict', () => {
    expectRefused(stateAt('code-review'), anEvent('fix'), /no code fix is due/);
    expectRefused(stateAt('code-review'), anEvent('fix', { loop: 'test' }), /fix event does not apply in status code-review/);
  });

  it('the code loop cap re-plans once: planning, new cycle, loops reset', () => {
    let state = stateAt('code-review');
    state = codeRound(codeRound(state));
    expect(state.status).toBe('code-review');
    state = codeRound(state);
    expect(state).toMatchObject({ status: 'planning', cycle: 2, replanned: true, awaitingFix: undefined });
    expect(state.loops.code).toEqual({ round: 0, classes: [] });
    expect(state.findings).toEqual([
      'strategy change: the code loop reached its cap of 3 rounds; unresolved: verdict FAIL; logic: loss is averaged over the wrong axis',
    ]);
    expect(due(state, new Date(T0))[0]).toMatchObject({ role: 'planner', feedback: state.findings });
  });

  it('the second cap blocks with the disagreement stated in the decision', () => {
    let state = codeRound(codeRound(codeRound(stateAt('code-review'))));
    state = advanceTo(state, 'code-review');
    state = codeRound(codeRound(state));
    state = fold(state, anEvent('code-review', { output: codeFail('logic', 'still averaging over the batch axis') }));
    expect(state.status).toBe('blocked');
    expect(state.blocked).toEqual({
      from: 'code-review',
      decision:
        'the code loop reached its cap of 3 rounds after a re-plan; unresolved: verdict FAIL; logic: still averaging over the batch axis. Decide, then "epm unblock" with a note (or "epm abort")',
    });
    expect(dueAt(state)).toEqual([]);
  });

  it('without replanAtCap the first cap blocks', () => {
    const state = codeRound(codeRound(codeRound(stateAt('code-review', { settings: { replanAtCap: false } }))));
    expect(state.status).toBe('blocked');
    expect(state.blocked?.decision).toMatch(/^the code loop reached its cap of 3 rounds; unresolved/);
  });

  it('fix rounds whose builds keep failing are bounded like review rounds', () => {
    let state = fold(stateAt('code-review'), anEvent('code-review', { output: codeFail() }));
    // The failed review was round 1; each fix that does not build is another round of the same loop.
    state = fold(state, anEvent('fix', { checks: failing('build') }));
    expect(state.status).toBe('code-review');
    expect(dueAt(state)).toEqual(['invoke-role:fixer']);
    state = fold(state, anEvent('fix', { checks: failing('build') }));
    expect(state.status).toBe('planning');
    expect(state.replanned).toBe(true);
    expect(state.findings[0]).toMatch(/^strategy change: the code loop reached its cap of 3 rounds; unresolved: check "build" failed/);
  });
});

describe('testing ⇄ fixer', () => {
  it('red → a test fix is due; fixer, then tester again', () => {
    const red = fold(stateAt('testing'), anEvent('test-verdict', { output: testRed() }));
    expect(red).toMatchObject({ status: 'testing', awaitingFix: 'test', findings: ['assertion: warmup schedule off by one'] });
    expect(dueAt(red)).toEqual(['invoke-role:fixer']);
    const fixed = fold(red, anEvent('fix', { loop: 'test' }));
    expect(dueAt(fixed)).toEqual(['invoke-role:tester']);
  });

  it.each([
    ['tests green but the smoke uploads not verified', { ran: true, uploadsVerified: false, detail: '' }, 'the smoke run did not verify its uploads'],
    ['tests green but no smoke run', { ran: false, uploadsVerified: false, detail: '' }, 'the smoke run did not run'],
  ])('%s → not green, a fix is due', (_what, smoke, reason) => {
    const state = fold(stateAt('testing'), anEvent('test-verdict', { output: anOutput('tester', { verdict: 'green', smoke }) }));
    expect(state.status).toBe('testing');
    expect(state.awaitingFix).toBe('test');
    expect(state.findings).toEqual([reason]);
  });

  it('a test verdict while a fix is due is a conflict', () => {
    const red = fold(stateAt('testing'), anEvent('test-verdict', { output: testRed() }));
    expectRefused(red, anEvent('test-verdict'), /a test verdict arrived while a fix is due/);
  });

  it('whack-a-mole: three new bug classes in three test rounds → re-plan before the cap', () => {
    let state = stateAt('testing', { settings: { maxRounds: 5 } });
    state = testRound(testRound(state, 'shape-mismatch'), 'nan-loss');
    expect(state.status).toBe('testing');
    state = testRound(state, 'upload-path');
    expect(state).toMatchObject({ status: 'planning', cycle: 2, replanned: true });
    expect(state.findings[0]).toMatch(/^strategy change: the test loop reached its cap of 5 rounds; unresolved: whack-a-mole: three fix rounds each failed on a new bug class \(shape-mismatch, nan-loss, upload-path\)/);
  });

  it('a repeated bug class is not whack-a-mole', () => {
    const state = testRound(testRound(testRound(stateAt('testing', { settings: { maxRounds: 5 } }), 'nan-loss'), 'nan-loss'), 'upload-path');
    expect(state.status).toBe('testing');
    expect(state.loops.test.round).toBe(3);
  });
});

describe('running', () => {
  it('with no run yet, the launch of run 1 is due with the frozen command', () => {
    const state = stateAt('running');
    expect(due(state, new Date(T0))).toEqual([{ kind: 'launch-run', key: 'launch#1', k: 1, runId: '7-1', command: 'python train.py' }]);
  });

  it('a launch records run 1 and observing it becomes due; a wake is due 5 min after launch', () => {
    const state = launchedState();
    expect(currentRun(state)).toMatchObject({ k: 1, runId: '7-1', wakes: 0, released: false, findings: [] });
    expect(due(state, new Date(at(4)))).toEqual([{ kind: 'observe-run', key: 'progress#1', k: 1, runId: '7-1', wakeDue: false }]);
    expect(due(state, new Date(at(5)))[0]).toMatchObject({ kind: 'observe-run', wakeDue: true });
  });

  it('after one wake the next one is due 10 minutes later', () => {
    const state = fold(launchedState(), anEvent('progress', { wake: true }));
    expect(due(state, new Date(at(14)))[0]).toMatchObject({ kind: 'observe-run', wakeDue: false });
    expect(due(state, new Date(at(15)))[0]).toMatchObject({ kind: 'observe-run', wakeDue: true });
  });

  it('progress with findings makes the experimenter due', () => {
    const state = fold(launchedState(), anEvent('progress', { observation: { state: 'running', findings: ['nan-loss'] } }));
    expect(state.status).toBe('running');
    expect(currentRun(state)?.findings).toEqual(['nan-loss']);
    expect(dueAt(state)).toEqual(['invoke-role:experimenter']);
  });

  it.each([
    [2, 4, 8, 'running'],
    [2, 4, 8.01, 'blocked'],
    [3, 4, 12, 'running'],
    [3, 4, 12.5, 'blocked'],
    [2, 0, 0.01, 'blocked'],
  ])('factor %d, planned %d GPU-h, projected %d → %s', (computeDeviationFactor, gpuHours, projectedGpuHours, expected) => {
    const options: StateOptions = { settings: { computeDeviationFactor }, manifest: { gpuHours } };
    const state = fold(launchedState(options), anEvent('progress', { projectedGpuHours }));
    expect(state.status).toBe(expected);
    if (expected === 'blocked') {
      expect(state.blocked?.decision).toMatch(new RegExp(`run 1 is projected to use ${projectedGpuHours.toFixed(2)} GPU-hours, over ${computeDeviationFactor}× the planned ${gpuHours}`));
    }
  });

  it('run-ended exit 0 with all outputs → verifying', () => {
    const state = fold(launchedState(), anEvent('run-ended'));
    expect(state.status).toBe('verifying');
    expect(currentRun(state)?.ended).toEqual({ exitCode: 0, missingOutputs: [], endedAt: at(120), lost: false });
    expect(currentRun(state)?.usedGpuHours).toBe(2);
  });

  it.each([
    ['exit 1', { exitCode: 1 }, ['the run exited with code 1']],
    ['exit 0 with an output missing', { missingOutputs: ['results/metrics.json'] }, ['declared output "results/metrics.json" is missing']],
    ['lost without an exit code', { exitCode: null, lost: true }, ['the run ended without an exit code']],
  ])('%s → stays running and the experimenter is due', (_what, overrides, findings) => {
    const state = fold(launchedState(), anEvent('run-ended', overrides));
    expect(state.status).toBe('running');
    expect(currentRun(state)?.findings).toEqual(findings);
    expect(dueAt(state)).toEqual(['invoke-role:experimenter']);
  });

  it('events for a run never launched are conflicts', () => {
    expectRefused(launchedState(), anEvent('run-ended', { k: 2 }), /run 2 was never launched/);
    expectRefused(launchedState(), anEvent('progress', { k: 2 }), /run 2 was never launched/);
  });

  it('a hot-fix of ≤10 lines without logic change releases run 1, then launches run 2', () => {
    const ended = fold(launchedState(), anEvent('run-ended', { exitCode: 1 }));
    const fixed = fold(ended, anEvent('hot-fix', { output: hotFix(10, false) }));
    expect(fixed.status).toBe('running');
    expect(fixed.relaunchDue).toBe(true);
    expect(due(fixed, new Date(T0))).toEqual([{ kind: 'release-compute', key: 'compute-released#1', k: 1, runId: '7-1' }]);
    const released = fold(fixed, anEvent('compute-released', { k: 1 }));
    expect(due(released, new Date(T0))).toEqual([{ kind: 'launch-run', key: 'launch#2', k: 2, runId: '7-2', command: 'python train.py' }]);
    const relaunched = fold(released, anEvent('launch', { k: 2, runId: '7-2', tag: 'epm/run/7/2' }));
    expect(relaunched.relaunchDue).toBe(false);
    expect(relaunched.runs.map((r) => r.k)).toEqual([1, 2]);
    expect(dueAt(relaunched)).toEqual(['observe-run']);
  });

  it.each([
    ['11 lines', hotFix(11, false)],
    ['a logic change', hotFix(3, true)],
    ['no hot-fix details', anOutput('experimenter', { diagnosis: 'bad eval', classification: 'code', action: 'hot-fix' })],
  ])('a hot-fix with %s goes back to implementing', (_what, output) => {
    const state = fold(launchedState(), anEvent('hot-fix', { output }));
    expect(state.status).toBe('implementing');
    expect(state.relaunchDue).toBe(true);
    expect(state.findings).toHaveLength(1);
    expect(state.findings[0]).toMatch(/^run 1 needs a code change \((\d+ lines|no fix described)(, logic change)?\): /);
    expect(state.findings[0]).toContain(output.diagnosis);
  });

  it('on the config lane a logic hot-fix goes back to testing', () => {
    expect(fold(launchedState({ lane: 'config' }), anEvent('hot-fix', { output: hotFix(3, true) })).status).toBe('testing');
  });

  it('a logic hot-fix frees the run\'s compute before the implementer works', () => {
    const state = fold(launchedState(), anEvent('hot-fix', { output: hotFix(30, true) }));
    // Leaving running must not leave the pod billing through implementing, code review and testing.
    expect(dueAt(state)).toEqual(['release-compute']);
    const released = fold(state, anEvent('compute-released', { k: 1 }));
    expect(currentRun(released)?.released).toBe(true);
    expect(dueAt(released)).toEqual(['invoke-role:implementer']);
  });

  it.each([
    ['infra', 'infra'],
    ['code', 'code'],
    ['none', 'infra'],
  ] as const)('experimenter "fail" classified %s → failed with cause %s; its compute is released', (classification, cause) => {
    const output = anOutput('experimenter', { diagnosis: 'CUDA driver mismatch', classification, action: 'fail' });
    const state = fold(launchedState(), anEvent('hot-fix', { output }));
    expect(state.status).toBe('failed');
    expect(state.failed).toEqual({ cause, detail: 'CUDA driver mismatch', from: 'running' });
    expect(dueAt(state)).toEqual(['release-compute']);
  });

  it('"relaunch" releases and relaunches', () => {
    const output = anOutput('experimenter', { diagnosis: 'the node was preempted', classification: 'infra', action: 'relaunch' });
    const state = fold(launchedState(), anEvent('hot-fix', { output }));
    expect(state.relaunchDue).toBe(true);
    expect(dueAt(state)).toEqual(['release-compute']);
  });

  describe('automatic relaunches are capped at maxRounds run attempts', () => {
    const relaunch = anOutput('experimenter', { diagnosis: 'the node was preempted', classification: 'infra', action: 'relaunch' });
    /** Run `k` failed and the experimenter asked for `output`. */
    const failedAttempt = (state: IssueState, k: number, output = relaunch) =>
      fold(state, anEvent('run-ended', { k, exitCode: 1 }), anEvent('hot-fix', { k, output }));
    /** Releases run `k` and launches run `k + 1`. */
    const relaunched = (state: IssueState, k: number) =>
      fold(state, anEvent('compute-released', { k }), anEvent('launch', { k: k + 1, runId: `7-${k + 1}`, tag: `epm/run/7/${k + 1}` }));

    it.each([
      ['relaunch', relaunch],
      ['small hot-fix', hotFix(2, false)],
    ])('a %s after the last attempt blocks; earlier ones relaunch', (_what, output) => {
      let state = launchedState();
      for (const k of [1, 2]) {
        state = failedAttempt(state, k, output);
        expect(state).toMatchObject({ status: 'running', relaunchDue: true });
        state = relaunched(state, k);
      }
      state = failedAttempt(state, 3, output);
      expect(state.status).toBe('blocked');
      expect(state.blocked).toEqual({
        from: 'running',
        decision: `run attempt 3 of 3 failed (${output.diagnosis}); no automatic relaunch is left. Decide, then "epm unblock" (or "epm abort")`,
      });
      // The run has ended: its compute is freed while the human decides; then nothing is due.
      expect(dueAt(state)).toEqual(['release-compute']);
      expect(dueAt(fold(state, anEvent('compute-released', { k: 3 })))).toEqual([]);
    });

    it('a logic hot-fix after the last attempt still goes back to implementing', () => {
      let state = launchedState();
      for (const k of [1, 2]) state = relaunched(failedAttempt(state, k), k);
      state = failedAttempt(state, 3, hotFix(40, true));
      expect(state.status).toBe('implementing');
    });

    it('unblocking grants one more attempt: release run 3, launch run 4', () => {
      let state = launchedState();
      for (const k of [1, 2]) state = relaunched(failedAttempt(state, k), k);
      state = fold(failedAttempt(state, 3), anEvent('unblock', { note: 'one more try on a new node' }));
      expect(state).toMatchObject({ status: 'running', relaunchDue: true });
      expect(dueAt(state)).toEqual(['release-compute']);
      expect(due(fold(state, anEvent('compute-released', { k: 3 })), new Date(T0))[0]).toMatchObject({ kind: 'launch-run', k: 4, runId: '7-4' });
    });
  });

  it('"continue" on a live run clears its findings and observing resumes', () => {
    const state = fold(launchedState(), anEvent('progress', { observation: { state: 'running', findings: ['gpu-idle'] } }), anEvent('hot-fix'));
    expect(currentRun(state)?.findings).toEqual([]);
    expect(dueAt(state)).toEqual(['observe-run']);
  });

  it('"continue" on a run that already failed', () => {
    const state = fold(launchedState(), anEvent('run-ended', { exitCode: 1 }), anEvent('hot-fix'));
    // Continuing a run that is over would wake the experimenter forever: a human decides instead.
    expect(state.status).toBe('blocked');
    expect(state.blocked?.decision).toMatch(/^run 1 has ended \(exit 1\) and the experimenter chose to continue/);
    expect(dueAt(state)).toEqual(['release-compute']);
  });
});

describe('verifying', () => {
  it('compute is released, then provenance recorded, then uploads verified, then the post-experimenter runs', () => {
    const state = stateAt('verifying');
    expect(dueAt(state)).toEqual(['release-compute']);
    const released = fold(state, anEvent('compute-released', { k: 1 }));
    expect(released.spend.gpuHours).toBe(2);
    expect(due(released, new Date(T0))).toEqual([{ kind: 'record-provenance', key: 'provenance#1', k: 1, runId: '7-1' }]);
    const recorded = fold(released, anEvent('provenance'));
    expect(due(recorded, new Date(T0))).toEqual([{ kind: 'verify-uploads', key: 'upload-verified#1' }]);
    const verified = fold(recorded, anEvent('upload-verified'));
    expect(verified.verification?.passed).toBe(true);
    expect(due(verified, new Date(T0))).toEqual([{ kind: 'invoke-role', key: "checklist#1", role: "post-experimenter", worktree: true, feedback: [] }]);
  });

  it('a complete checklist with uploads verified and nothing billing → analyzing', () => {
    const state = fold(stateAt('verifying'), anEvent('compute-released'), anEvent('provenance'), anEvent('upload-verified'), anEvent('checklist'));
    expect(state.status).toBe('analyzing');
  });

  it('a FAIL row blocks with every failing artifact named; retry verifies again', () => {
    const rows = [
      { artifact: 'results/metrics.json', kind: 'output' as const, verdict: 'FAIL' as const, reason: 'digest mismatch' },
      { artifact: 'https://x.example', kind: 'url' as const, verdict: 'FAIL' as const, reason: 'answers 404' },
      { artifact: 'compute', kind: 'compute' as const, verdict: 'PASS' as const, reason: 'ok' },
    ];
    const state = fold(stateAt('verifying'), anEvent('compute-released'), anEvent('provenance'), anEvent('upload-verified', { rows }));
    expect(state.status).toBe('blocked');
    expect(state.blocked?.decision).toBe('upload verification failed: results/metrics.json: digest mismatch; https://x.example: answers 404. Fix the uploads, then "epm retry" to verify again');
    const retried = fold(state, anEvent('retry'));
    expect(retried.status).toBe('verifying');
    expect(dueAt(retried)).toEqual(['verify-uploads']);
  });

  it('a new run attempt needs its own provenance', () => {
    const state = fold(stateAt('verifying'), anEvent('compute-released'), anEvent('provenance', { k: 1 }));
    expect(dueAt(state)).toEqual(['verify-uploads']);
  });

  it.each([
    ['an item not ok', true, [{ item: 'W&B run uploaded', ok: false, detail: '404' }], 'W&B run uploaded: 404'],
    ['compute still allocated', false, [{ item: 'manifest', ok: true, detail: '' }], 'compute is still allocated'],
  ])('%s → blocked with the checklist gap as the decision', (_what, release, checklist, reason) => {
    let state = stateAt('verifying');
    if (release) state = fold(state, anEvent('compute-released'));
    state = fold(state, anEvent('provenance'), anEvent('upload-verified'), anEvent('checklist', { output: anOutput('post-experimenter', { checklist }) }));
    expect(state.status).toBe('blocked');
    expect(state.blocked).toEqual({ from: 'verifying', decision: `the reproducibility checklist is incomplete: ${reason}` });
  });
});

describe('analyzing: figures first', () => {
  it('entering analyzing, EPM renders the planned figures before the analyzer runs', () => {
    const entering = stateAt('analyzing', { withoutFigures: true });
    expect(due(entering, new Date(T0))).toEqual([{ kind: 'render-figures', key: 'figures#1', k: 1 }]);
    const rendered = fold(entering, anEvent('figures', { k: 1 }));
    expect(rendered.figures?.files.map((f) => f.name)).toEqual(['loss-curve']);
    expect(due(rendered, new Date(T0))[0]).toMatchObject({ kind: 'invoke-role', role: 'analyzer' });
  });

  it('a plan without figures goes straight to the analyzer', () => {
    const state = stateAt('analyzing', { manifest: { figures: [] } });
    expect(due(state, new Date(T0))[0]).toMatchObject({ kind: 'invoke-role', role: 'analyzer' });
  });

  it('a clean result judged by the full lint moves on only when the lint found nothing', () => {
    const problems = [{ rule: 'number-traced', message: 'TL;DR number 0.93 matches no metric', line: 12 }];
    const failed = fold(stateAt('analyzing'), anEvent('clean-result', { lint: { ok: false, problems } }));
    expect(failed.status).toBe('analyzing');
    expect(failed.findings).toEqual(['number-traced (line 12): TL;DR number 0.93 matches no metric']);
    const passed = fold(stateAt('analyzing'), anEvent('clean-result', { lint: { ok: true, problems: [] } }));
    expect(passed.status).toBe('result-review');
  });
});

describe('analyzing: the clean-result lint', () => {
  const analyzed = (overrides: Parameters<typeof anOutput<'analyzer'>>[1]) =>
    anEvent('clean-result', { output: anOutput('analyzer', overrides) });

  it.each([
    ['a TODO placeholder', { result: 'val_loss TODO; see loss-curve' }, 'placeholder "TODO" left in the result'],
    ['a template placeholder', { result: 'val_loss fell by {{delta}}; see loss-curve' }, 'placeholder "{{delta}}" left in the result'],
    ['a placeholder in the title', { title: 'TBD (HIGH confidence)' }, 'placeholder "TBD" left in the result'],
    ['a title confidence that does not match', { title: 'Warmup helps (LOW confidence)' }, 'title must end with "(HIGH confidence)" to match the stated confidence'],
    ['a title without confidence', { title: 'Warmup helps' }, 'title must end with "(HIGH confidence)" to match the stated confidence'],
    ['a pre-registered metric not reported', { result: 'loss fell; see loss-curve' }, 'pre-registered metric "val_loss" is not reported'],
    ['a planned figure missing', { result: 'val_loss fell' }, 'planned figure "loss-curve" is not in the result'],
  ])('%s → stays analyzing with the reason', (_what, overrides, reason) => {
    const state = fold(stateAt('analyzing'), analyzed(overrides));
    expect(state.status).toBe('analyzing');
    expect(state.findings).toContain(reason);
    expect(state.result).toBeUndefined();
  });

  it('a clean result that honours the pre-registration → result-review', () => {
    const state = fold(stateAt('analyzing'), analyzed({}));
    expect(state.status).toBe('result-review');
    expect(state.result).toEqual({
      sha: RESULT_SHA,
      path: 'experiments/7-lr-warmup-sweep/result.md',
      title: 'Warmup lowers validation loss (HIGH confidence)',
      confidence: 'HIGH',
      position: state.position,
    });
  });

  it('the lint cap blocks', () => {
    const bad = () => analyzed({ result: 'TODO' });
    const state = fold(stateAt('analyzing'), bad(), bad(), bad());
    expect(state.status).toBe('blocked');
    expect(state.blocked?.decision).toMatch(/^the clean result failed its lint 3 times: placeholder "TODO"/);
  });
});

describe('result-review ⇄ analyzer', () => {
  const revise = () => anEvent('result-critique', { output: anOutput('result-critic', { verdict: 'REVISE', findings: [{ text: 'overclaims: one dataset only' }] }) });

  it('REVISE loops to analyzing with the findings for the analyzer', () => {
    const state = fold(stateAt('result-review'), revise());
    expect(state.status).toBe('analyzing');
    expect(state.findings).toEqual(['overclaims: one dataset only']);
    expect(due(state, new Date(T0))[0]).toMatchObject({ role: 'analyzer', feedback: ['overclaims: one dataset only'] });
  });

  it('PASS → awaiting-result-approval, nothing due', () => {
    const state = fold(stateAt('result-review'), anEvent('result-critique'));
    expect(state.status).toBe('awaiting-result-approval');
    expect(dueAt(state)).toEqual([]);
  });

  it('at the cap the human decides with the critic\'s findings', () => {
    let state = stateAt('result-review');
    for (let round = 1; round < 3; round++) {
      state = fold(state, revise());
      expect(state.status).toBe('analyzing');
      state = advanceTo(state, 'result-review');
    }
    state = fold(state, revise());
    expect(state.status).toBe('awaiting-result-approval');
    expect(state.findings).toEqual(['overclaims: one dataset only']);
  });
});

describe('awaiting-result-approval and done', () => {
  it('approving the current result → done; the follow-up designer is due once', () => {
    const done = fold(stateAt('awaiting-result-approval'), anEvent('approval', { stage: 'result', version: RESULT_SHA }));
    expect(done.status).toBe('done');
    expect(done.approvals.map((a) => a.stage)).toEqual(['plan', 'result']);
    expect(dueAt(done)).toEqual(['invoke-role:follow-up-designer']);
    const followed = fold(done, anEvent('follow-ups'));
    expect(followed.followUps?.proposals).toHaveLength(1);
    expect(dueAt(followed)).toEqual([]);
  });

  it('a stale result approval is a conflict', () => {
    expectRefused(stateAt('awaiting-result-approval'), anEvent('approval', { stage: 'result', version: IMPL_SHA }), /stale approval/);
  });

  it.each([
    [{ type: 'analysis' }, ['invoke-role:follow-up-designer']],
    [{ type: 'infra' }, []],
  ] as const)('done %j → %j', (options, expected) => {
    expect(dueAt(stateAt('done', options))).toEqual(expected);
  });

  it('follow-ups before done are stale', () => {
    expectRefused(stateAt('awaiting-result-approval'), anEvent('follow-ups'), /follow-ups event does not apply in status awaiting-result-approval/);
  });
});

// ---------------------------------------------------------------- human actions

const NON_TERMINAL: Status[] = [...MAIN_STATUSES.filter((s) => s !== 'done'), 'blocked', 'failed'];
const BEFORE_APPROVAL: Status[] = ['proposed', 'clarifying', 'planning', 'plan-review', 'awaiting-plan-approval'];
const AFTER_APPROVAL: Status[] = ['implementing', 'code-review', 'testing', 'running', 'verifying', 'analyzing', 'result-review', 'awaiting-result-approval', 'done'];

describe('abort', () => {
  it.each(NON_TERMINAL)('from %s → aborted, remembering where from', (status) => {
    const state = fold(stateAt(status), anEvent('abort', { reason: 'superseded', actor: 'lead' }));
    expect(state.status).toBe('aborted');
    expect(state.aborted).toEqual({ reason: 'superseded', actor: 'lead', from: status });
  });

  it.each(['done', 'aborted'] as const)('from %s is a conflict', (status) => {
    expectRefused(stateAt(status), anEvent('abort'), new RegExp(`the issue is already ${status}`));
  });

  it('aborting a running experiment releases its compute; nothing else is due', () => {
    const state = fold(launchedState(), anEvent('abort'));
    expect(dueAt(state)).toEqual(['release-compute']);
    expect(dueAt(fold(state, anEvent('compute-released')))).toEqual([]);
  });
});

describe('retry and unblock', () => {
  it.each(['planning', 'code-review', 'testing', 'analyzing'] as const)('unblock from blocked (entered from %s) returns there', (from) => {
    const state = fold(stateAt('blocked', { from }), anEvent('unblock', { note: 'go with 3 seeds' }));
    expect(state.status).toBe(from);
    expect(state.blocked).toBeUndefined();
    expect(state.feedback.map((f) => f.text)).toEqual(['go with 3 seeds']);
  });

  it.each(['planning', 'testing'] as const)('retry from blocked (entered from %s) returns there', (from) => {
    expect(fold(stateAt('blocked', { from }), anEvent('retry')).status).toBe(from);
  });

  it('retry from failed returns to running and relaunches once the old run is released', () => {
    const failed = fold(stateAt('failed'), anEvent('compute-released'));
    const state = fold(failed, anEvent('retry'));
    expect(state).toMatchObject({ status: 'running', relaunchDue: true, failed: undefined });
    expect(due(state, new Date(T0))[0]).toMatchObject({ kind: 'launch-run', k: 2 });
  });

  it('unblock gives the stopped loop a fresh budget of rounds', () => {
    let state = codeRound(codeRound(codeRound(stateAt('code-review', { settings: { replanAtCap: false } }))));
    expect(state.status).toBe('blocked');
    state = fold(state, anEvent('unblock', { note: 'accept the axis choice' }));
    expect(state.status).toBe('code-review');
    expect(state.loops.code).toEqual({ round: 0, classes: [] });
    expect(due(state, new Date(T0))[0]).toMatchObject({
      role: 'code-reviewer',
      feedback: ['verdict FAIL', 'logic: loss is averaged over the wrong axis', 'lead: accept the axis choice'],
    });
  });

  it('unblock from failed is a conflict', () => {
    expectRefused(stateAt('failed'), anEvent('unblock'), /unblock does not apply in status failed/);
  });

  it.each([...MAIN_STATUSES, 'aborted' as const])('retry and unblock in %s are conflicts', (status) => {
    expectRefused(stateAt(status), anEvent('retry'), new RegExp(`retry does not apply in status ${status}`));
    expectRefused(stateAt(status), anEvent('unblock'), new RegExp(`unblock does not apply in status ${status}`));
  });
});

describe('lane', () => {
  it.each(BEFORE_APPROVAL)('in %s a human may change the lane', (status) => {
    const state = fold(stateAt(status), anEvent('lane', { lane: 'config' }));
    expect(state).toMatchObject({ status, lane: 'config', laneOverride: 'config' });
  });

  it.each(AFTER_APPROVAL)('in %s the lane is confirmed: conflict', (status) => {
    expectRefused(stateAt(status), anEvent('lane', { lane: 'config' }), /the lane was confirmed by the plan approval and cannot change/);
  });
});

describe('revise', () => {
  it.each(['planning', 'plan-review', 'awaiting-plan-approval'] as const)('in %s → planning, new cycle, plan loop reset', (status) => {
    const before = stateAt(status);
    const state = fold(before, anEvent('revise', { message: 'use 5 seeds' }));
    expect(state.status).toBe('planning');
    expect(state.cycle).toBe(before.cycle + 1);
    expect(state.loops.plan).toEqual({ round: 0, classes: [] });
    expect(due(state, new Date(T0))[0]).toMatchObject({ role: 'planner', feedback: ['lead: use 5 seeds'] });
  });

  it('in clarifying the message is an answer: stays clarifying, same cycle', () => {
    const state = fold(stateAt('clarifying'), anEvent('revise', { message: 'use C4' }));
    expect(state).toMatchObject({ status: 'clarifying', cycle: 1 });
    expect(state.feedback.map((f) => f.text)).toEqual(['use C4']);
  });

  it.each(['analyzing', 'result-review', 'awaiting-result-approval'] as const)('in %s → analyzing, result loop reset', (status) => {
    const state = fold(stateAt(status), anEvent('revise', { message: 'show per-seed numbers' }));
    expect(state.status).toBe('analyzing');
    expect(state.loops.result).toEqual({ round: 0, classes: [] });
    expect(state.cycle).toBe(1);
    expect(due(state, new Date(T0))[0]).toMatchObject({ role: 'analyzer', feedback: ['lead: show per-seed numbers'] });
  });

  it.each(['proposed', 'implementing', 'code-review', 'testing', 'running', 'verifying', 'done', 'blocked', 'failed', 'aborted'] as const)(
    'in %s → conflict',
    (status) => {
      expectRefused(stateAt(status), anEvent('revise'), new RegExp(`revise does not apply in status ${status}`));
    },
  );

  it('blocked by the plan gate, the decision\'s advice (unblock with guidance) can be followed', () => {
    let state = stateAt('planning', { settings: { planGateRetries: 0 } });
    state = fold(state, anEvent('plan', { output: anOutput('planner', { plan: aPlan({ Seeds: null }) }) }));
    expect(state.blocked?.decision).toMatch(/Give the planner guidance with "epm unblock N --note '<guidance>'"/);
    const unblocked = fold(state, anEvent('unblock', { note: 'add a Seeds section: 1, 2, 3' }));
    expect(unblocked.status).toBe('planning');
    expect(due(unblocked, new Date(T0))[0]).toMatchObject({ role: 'planner' });
    expect((due(unblocked, new Date(T0))[0] as { feedback: string[] }).feedback.join(' ')).toContain('add a Seeds section');
  });
});

describe('role errors, rejected commands and budgets', () => {
  it.each(NON_TERMINAL.filter((s) => s !== 'blocked' && s !== 'failed'))('a role error in %s blocks with the error as the decision', (status) => {
    const state = fold(stateAt(status), anEvent('role-error', { role: 'planner', error: 'model timed out' }));
    expect(state.status).toBe('blocked');
    expect(state.blocked).toEqual({ from: status, decision: 'role planner failed: model timed out. Fix the cause, then "epm retry"' });
  });

  it.each(['blocked', 'failed', 'done', 'aborted'] as const)('a role error in %s leaves the status', (status) => {
    const before = stateAt(status);
    const state = fold(before, anEvent('role-error'));
    expect(state.status).toBe(status);
    expect(state.blocked).toEqual(before.blocked);
  });

  it('a rejected command changes no status', () => {
    expect(fold(stateAt('planning'), anEvent('rejected')).status).toBe('planning');
  });

  it('role usage accumulates into the spend', () => {
    const usage = { usd: 1.25, inputTokens: 1000, outputTokens: 200 };
    const state = fold(stateAt('planning'), anEvent('plan', { usage }), anEvent('plan-critique', { usage }));
    expect(state.spend).toEqual({ usd: 2.5, inputTokens: 2000, outputTokens: 400, gpuHours: 0 });
  });

  it.each(['clarifying', 'planning', 'plan-review', 'implementing', 'code-review', 'testing', 'analyzing', 'result-review'] as const)(
    'in %s, model spend at the limit makes a budget stop due instead of the role',
    (status) => {
      const spent = fold(stateAt(status, { settings: { modelUsdPerExperiment: 10 } }), anEvent('rejected', { usage: { usd: 10, inputTokens: 1, outputTokens: 1 } }));
      const [effect] = due(spent, new Date(at(60)));
      expect(effect).toEqual({
        kind: 'record',
        event: { kind: 'budget-stop', what: 'model-usd', used: 10, limit: 10, key: 'budget-stop#1', at: at(60) },
      });
      const stopped = fold(spent, (effect as Extract<Effect, { kind: 'record' }>).event);
      expect(stopped.status).toBe('blocked');
      expect(stopped.blocked?.decision).toMatch(/^the model spend budget is exhausted \(10\.00 of 10\)/);
    },
  );

  it('in done, model spend at the limit means no follow-up designer and nothing else due', () => {
    const spent = fold(stateAt('done', { settings: { modelUsdPerExperiment: 10 } }), anEvent('rejected', { usage: { usd: 10, inputTokens: 1, outputTokens: 1 } }));
    expect(dueAt(spent)).toEqual([]);
    // done is terminal: no budget stop to record (it would be due again forever); follow-ups are simply not designed.
    expect(spent.status).toBe('done');
  });

  it('model spend below the limit leaves the role due', () => {
    const state = fold(stateAt('planning', { settings: { modelUsdPerExperiment: 10 } }), anEvent('rejected', { usage: { usd: 9.99, inputTokens: 1, outputTokens: 1 } }));
    expect(dueAt(state)).toEqual(['invoke-role:planner']);
  });

  it('a run reaching gpuHoursPerExperiment blocks while still allocated, and its compute stays up for the human', () => {
    const options: StateOptions = { settings: { gpuHoursPerExperiment: 1 } };
    const state = fold(launchedState(options), anEvent('progress', { usedGpuHours: 1, projectedGpuHours: 1 }));
    expect(state.status).toBe('blocked');
    expect(state.blocked?.decision).toMatch(/^the GPU-hour budget is exhausted \(1\.00 of 1 used, run 1 still allocated\)/);
    expect(dueAt(state)).toEqual([]);
    // Aborting releases it.
    expect(dueAt(fold(state, anEvent('abort')))).toEqual(['release-compute']);
  });

  it('GPU-hours over budget after a run ended are recorded in the spend; verification goes on', () => {
    const options: StateOptions = { settings: { gpuHoursPerExperiment: 1 } };
    const state = fold(stateAt('verifying', options), anEvent('compute-released'));
    expect(state.spend.gpuHours).toBe(2);
    expect(dueAt(state)).toEqual(['record-provenance']);
  });
});

// ---------------------------------------------------------------- transition(state, tick)

describe('transition(state, tick): what is due', () => {
  const TABLE: [string, () => IssueState, Partial<Effect>[]][] = [
    ['proposed', () => stateAt('proposed'), [{ kind: 'apply-defaults', key: 'auto-defaults#1' }]],
    ['clarifying', () => stateAt('clarifying'), [{ kind: 'invoke-role', role: 'clarifier', worktree: true, key: 'clarify#1' }]],
    ['planning', () => stateAt('planning'), [{ kind: 'invoke-role', role: 'planner', worktree: true, key: 'plan#1' }]],
    ['plan-review', () => stateAt('plan-review'), [{ kind: 'invoke-role', role: 'plan-critic', worktree: true, key: 'plan-critique#1' }]],
    ['awaiting-plan-approval', () => stateAt('awaiting-plan-approval'), []],
    ['implementing', () => stateAt('implementing'), [{ kind: 'invoke-role', role: 'implementer', worktree: true, key: 'implementation#1' }]],
    ['code-review', () => stateAt('code-review'), [{ kind: 'invoke-role', role: 'code-reviewer', worktree: true, key: 'code-review#1' }]],
    ['code-review, second round', () => codeRound(stateAt('code-review')), [{ kind: 'invoke-role', role: 'code-reviewer', key: 'code-review#2' }]],
    ['code-review, fix due', () => fold(stateAt('code-review'), anEvent('code-review', { output: codeFail() })), [{ kind: 'invoke-role', role: 'fixer', worktree: true, key: 'fix#1' }]],
    ['testing', () => stateAt('testing'), [{ kind: 'invoke-role', role: 'tester', worktree: true, key: 'test-verdict#1' }]],
    ['running, not launched', () => stateAt('running'), [{ kind: 'launch-run', k: 1 }]],
    ['running, launched', () => launchedState(), [{ kind: 'observe-run', k: 1, wakeDue: false }]],
    ['verifying, run unreleased', () => stateAt('verifying'), [{ kind: 'release-compute', k: 1 }]],
    ['analyzing', () => stateAt('analyzing'), [{ kind: 'invoke-role', role: 'analyzer', worktree: true, key: 'clean-result#1' }]],
    ['result-review', () => stateAt('result-review'), [{ kind: 'invoke-role', role: 'result-critic', worktree: true, key: 'result-critique#1' }]],
    ['awaiting-result-approval', () => stateAt('awaiting-result-approval'), []],
    ['done', () => stateAt('done'), [{ kind: 'invoke-role', role: 'follow-up-designer', worktree: true, key: 'follow-ups#1' }]],
    ['blocked', () => stateAt('blocked', { from: 'running' }), []],
    ['failed, run unreleased', () => stateAt('failed'), [{ kind: 'release-compute', k: 1, runId: '7-1' }]],
    ['aborted before any run', () => stateAt('aborted'), []],
  ];

  it.each(TABLE)('%s', (_name, build, expected) => {
    const state = build();
    const [next, effects] = transition(state, { kind: 'tick', now: T0 });
    expect(next).toBe(state);
    expect(effects).toHaveLength(expected.length);
    expected.forEach((partial, i) => expect(effects[i]).toMatchObject(partial));
  });

  it('a pending human command comes first, even where nothing else is due', () => {
    const issue = anIssue([...epmComments(eventsTo('awaiting-plan-approval')), humanComment('c42', '/epm approve', 'lead')]);
    const state = reduce(issue);
    expect(state.status).toBe('awaiting-plan-approval');
    expect(due(state, new Date(T0))).toEqual([{ kind: 'process-command', key: 'human:c42', source: 'c42', actor: 'lead', body: '/epm approve' }]);
  });

  it('nothing is due while the labels conflict', () => {
    const state = withLabels(stateAt('planning'), ['status:planning', 'status:testing']);
    expect(state.labelProblems).toHaveLength(1);
    expect(dueAt(state)).toEqual([]);
  });

  it('feedback lists the findings, then human words newer than the last role output', () => {
    const state = fold(stateAt('plan-review'), anEvent('revise', { message: 'old note' }), anEvent('plan'), anEvent('plan-critique', {
      output: anOutput('plan-critic', { findings: [{ severity: 'BLOCKER', text: 'no baseline' }] }),
    }), anEvent('revise', { message: 'add a baseline' }));
    expect(due(state, new Date(T0))[0]).toMatchObject({ role: 'planner', feedback: ['BLOCKER: no baseline', 'lead: add a baseline'] });
  });
});

// ---------------------------------------------------------------- transition(state, event)

describe('transition(state, event)', () => {
  it('is pure: the input state is deep-equal afterwards', () => {
    const state = stateAt('code-review');
    const before = cloneState(state);
    const [next] = transition(state, anEvent('code-review', { output: codeFail() }));
    expect(state).toEqual(before);
    expect(next.awaitingFix).toBe('code');
    expect(next).not.toBe(state);
  });

  it('returns the record effect (with from, to and gate) then the label sync', () => {
    const state = withLabels(stateAt('planning'), ['status:planning', 'type:experiment', 'lane:full', 'bug']);
    const event = anEvent('plan');
    const [next, effects] = transition(state, event);
    expect(next.status).toBe('plan-review');
    expect(effects).toEqual([
      { kind: 'record', event: { ...event, from: 'planning', to: 'plan-review', gate: { gate: 'plan-complete', passed: true, reasons: [] } } },
      { kind: 'sync-labels', add: ['status:plan-review'], remove: ['status:planning'] },
    ]);
  });

  it('labels a fresh issue with status, type and lane', () => {
    const [, effects] = transition(withLabels(stateAt('proposed'), []), anEvent('auto-defaults', { type: 'infra', lane: 'config' }));
    expect(effects[1]).toEqual({ kind: 'sync-labels', add: ['status:clarifying', 'type:infra', 'lane:config'], remove: [] });
  });

  it('no label sync when the labels already match', () => {
    const state = withLabels(stateAt('code-review'), ['status:code-review', 'type:experiment', 'lane:full']);
    const [, effects] = transition(state, anEvent('code-review', { output: codeFail() }));
    expect(summarize(effects)).toEqual(['record:code-review']);
    expect(desiredLabels(state)).toEqual({ add: [], remove: [] });
  });

  it('a replayed event (same key) yields no effect and the same state', () => {
    const event = anEvent('plan');
    const [once] = transition(stateAt('planning'), event);
    const [twice, effects] = transition(once, event);
    expect(twice).toBe(once);
    expect(effects).toEqual([]);
  });

  it('an event that does not fit throws and leaves the input untouched', () => {
    const state = stateAt('planning');
    const before = cloneState(state);
    expectConflict(() => transition(state, anEvent('test-verdict')), /a test-verdict event does not apply in status planning \(expected testing\)/);
    expect(state).toEqual(before);
  });
});

// ---------------------------------------------------------------- deviations and the pre-registration

describe('deviations from the pre-registration', () => {
  /** An approved experiment whose code loop hit its cap: re-planning after approval. */
  const replanning = () => codeRound(codeRound(codeRound(stateAt('code-review'))));
  const changedPlan = (manifest = aManifest({ seeds: [1, 2, 3, 4, 5], gpuHours: 6 })) =>
    anEvent('plan', { version: PLAN_SHA_2, output: anOutput('planner', { manifest }) });

  it('before any approval a changed plan is no deviation', () => {
    const state = fold(stateAt('awaiting-plan-approval'), anEvent('revise'), changedPlan());
    expect(state.frozen).toBeUndefined();
    expect(state.deviations).toEqual([]);
  });

  it('a re-plan after approval lists exactly the changed fields', () => {
    const state = fold(replanning(), changedPlan());
    expect(state.status).toBe('plan-review');
    expect(state.deviations).toEqual([
      { field: 'gpuHours', from: '4', to: '6' },
      { field: 'seeds', from: '[1,2,3]', to: '[1,2,3,4,5]' },
    ]);
  });

  it('an unchanged re-plan has no deviations', () => {
    expect(fold(replanning(), changedPlan(aManifest())).deviations).toEqual([]);
  });

  it('the frozen pre-registration stays the first approved manifest after a second approval', () => {
    let state = fold(replanning(), changedPlan());
    state = advanceTo(state, 'awaiting-plan-approval');
    state = fold(state, anEvent('approval', { version: PLAN_SHA_2, actor: 'second-reviewer' }));
    expect(state.status).toBe('implementing');
    expect(state.frozen).toMatchObject({ version: PLAN_SHA, approver: 'lead', manifest: aManifest() });
    expect(state.approvals.map((a) => a.version)).toEqual([PLAN_SHA, PLAN_SHA_2]);
    expect(state.deviations.map((d) => d.field)).toEqual(['gpuHours', 'seeds']);
  });

  it('the clean result must state each deviation', () => {
    let state = fold(replanning(), changedPlan());
    state = advanceTo(state, 'analyzing');
    const unstated = fold(state, anEvent('clean-result', { output: anOutput('analyzer', { deviationsStated: ['seeds: 5 instead of 3'] }) }));
    expect(unstated.status).toBe('analyzing');
    expect(unstated.findings).toEqual(['deviation from the pre-registration in "gpuHours" is not stated']);
    const stated = fold(state, anEvent('clean-result', {
      output: anOutput('analyzer', { deviationsStated: ['seeds: 5 instead of 3', 'gpuHours: 6 instead of 4'] }),
    }));
    expect(stated.status).toBe('result-review');
  });

  it('the running compute check measures against the frozen GPU-hours, not the re-plan\'s', () => {
    let state = fold(replanning(), changedPlan(aManifest({ gpuHours: 100 })));
    state = advanceTo(state, 'running');
    state = fold(state, happyEvent(state), anEvent('progress', { projectedGpuHours: 9 }));
    expect(state.status).toBe('blocked');
  });
});
