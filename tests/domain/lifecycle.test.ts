import {
  ISSUE_TYPES,
  LANES,
  MAIN_STATUSES,
  STATUSES,
  isIssueType,
  isLane,
  isMainStatus,
  isStatus,
  laneLabel,
  nextOnRoute,
  readLabels,
  routeFor,
  statusLabel,
  typeLabel,
  type IssueType,
  type Lane,
  type MainStatus,
} from '../../src/domain/lifecycle.js';

const FULL: MainStatus[] = [...MAIN_STATUSES];
const CONFIG: MainStatus[] = FULL.filter((s) => s !== 'implementing' && s !== 'code-review');
const ANALYSIS: MainStatus[] = ['proposed', 'clarifying', 'planning', 'plan-review', 'awaiting-plan-approval', 'analyzing', 'result-review', 'awaiting-result-approval', 'done'];
const INFRA: MainStatus[] = ['proposed', 'clarifying', 'planning', 'plan-review', 'awaiting-plan-approval', 'implementing', 'code-review', 'testing', 'done'];

describe('routeFor', () => {
  const expected: Record<IssueType, Record<Lane, MainStatus[]>> = {
    experiment: { full: FULL, config: CONFIG, 'follow-up': FULL },
    analysis: { full: ANALYSIS, config: ANALYSIS, 'follow-up': ANALYSIS },
    infra: { full: INFRA, config: INFRA, 'follow-up': INFRA },
    claim: { full: ['proposed'], config: ['proposed'], 'follow-up': ['proposed'] },
  };
  const cases = ISSUE_TYPES.flatMap((type) => LANES.map((lane) => [type, lane, expected[type][lane]] as const));

  it.each(cases)('%s/%s', (type, lane, route) => {
    expect(routeFor(type, lane)).toEqual(route);
  });

  it('the full experiment route has every main status, in lifecycle order', () => {
    expect(routeFor('experiment', 'full')).toEqual([
      'proposed', 'clarifying', 'planning', 'plan-review', 'awaiting-plan-approval', 'implementing', 'code-review',
      'testing', 'running', 'verifying', 'analyzing', 'result-review', 'awaiting-result-approval', 'done',
    ]);
  });

  it('the config lane keeps the smoke run (testing) and the run', () => {
    expect(routeFor('experiment', 'config')).toEqual(expect.arrayContaining(['testing', 'running']));
  });
});

describe('nextOnRoute', () => {
  it.each<[MainStatus[], MainStatus, MainStatus | undefined]>([
    [FULL, 'awaiting-plan-approval', 'implementing'],
    [CONFIG, 'awaiting-plan-approval', 'testing'],
    [ANALYSIS, 'awaiting-plan-approval', 'analyzing'],
    [INFRA, 'testing', 'done'],
    [FULL, 'done', undefined],
    [CONFIG, 'implementing', undefined],
  ])('%# after %s → %s', (route, status, next) => {
    expect(nextOnRoute(route, status)).toBe(next);
  });
});

describe('readLabels', () => {
  it('reads one status, type and lane and ignores other labels', () => {
    expect(readLabels(['bug', 'status:planning', 'type:analysis', 'lane:config', 'priority:high'])).toEqual({
      status: 'planning',
      type: 'analysis',
      lane: 'config',
      problems: [],
    });
  });

  it('no EPM labels → nothing known, no problem', () => {
    expect(readLabels(['bug'])).toEqual({ problems: [] });
  });

  it.each<[string, string[], 'status' | 'type' | 'lane', string[]]>([
    ['two status labels', ['status:planning', 'status:testing'], 'status', ['2 status labels (status:planning, status:testing); an issue carries exactly one — remove all but one']],
    ['two type labels', ['type:claim', 'type:infra'], 'type', ['2 type labels (type:claim, type:infra); an issue carries exactly one — remove all but one']],
    ['two lane labels', ['lane:full', 'lane:config'], 'lane', ['2 lane labels (lane:full, lane:config); an issue carries exactly one — remove all but one']],
  ])('%s → a problem naming both, and no value', (_what, labels, field, problems) => {
    const reading = readLabels(labels);
    expect(reading.problems).toEqual(problems);
    expect(reading[field]).toBeUndefined();
  });

  it.each<[string, string, 'status' | 'type' | 'lane', RegExp]>([
    ['status', 'status:wip', 'status', /^unknown status label "status:wip"; expected one of status:proposed, status:clarifying, .*status:aborted$/],
    ['type', 'type:bug', 'type', /^unknown type label "type:bug"; expected one of type:experiment, type:claim, type:infra, type:analysis$/],
    ['lane', 'lane:fast', 'lane', /^unknown lane label "lane:fast"; expected one of lane:full, lane:config, lane:follow-up$/],
  ])('an unknown %s → a problem naming the label and the known ones', (_what, label, field, message) => {
    const reading = readLabels(['status:planning', 'type:experiment', 'lane:full'].filter((l) => !l.startsWith(`${field}:`)).concat(label));
    expect(reading.problems).toHaveLength(1);
    expect(reading.problems[0]).toMatch(message);
    expect(reading[field]).toBeUndefined();
  });

  it('every problem is reported at once', () => {
    const reading = readLabels(['status:wip', 'status:done', 'type:bug', 'lane:fast']);
    expect(reading.problems).toHaveLength(4);
    expect(reading.problems.join('\n')).toMatch(/status:wip[\s\S]*2 status labels[\s\S]*type:bug[\s\S]*lane:fast/);
    expect([reading.status, reading.type, reading.lane]).toEqual([undefined, undefined, undefined]);
  });

  it.each(STATUSES)('status:%s is read back', (status) => {
    expect(readLabels([statusLabel(status)]).status).toBe(status);
  });
});

describe('labels and guards', () => {
  it('labels carry their prefix', () => {
    expect([statusLabel('blocked'), typeLabel('claim'), laneLabel('follow-up')]).toEqual(['status:blocked', 'type:claim', 'lane:follow-up']);
  });

  it.each<[(value: string) => boolean, string, boolean]>([
    [isStatus, 'blocked', true],
    [isStatus, 'wip', false],
    [isMainStatus, 'done', true],
    [isMainStatus, 'blocked', false],
    [isIssueType, 'infra', true],
    [isIssueType, 'bug', false],
    [isLane, 'follow-up', true],
    [isLane, 'Full', false],
  ])('%p(%j) → %s', (guard, value, expected) => {
    expect(guard(value)).toBe(expected);
  });
});
