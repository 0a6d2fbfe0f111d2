import type { RecordedEvent } from '../../src/domain/events.js';
import { renderMarker } from '../../src/domain/markers.js';
import { reduce } from '../../src/domain/reduce.js';
import { DEFAULT_SETTINGS, type IssueState } from '../../src/domain/state.js';
import { due } from '../../src/domain/transition.js';
import type { TrackerComment } from '../../src/ports/tracker.js';
import {
  PLAN_SHA,
  T0,
  anEvent,
  anIssue,
  epmComment,
  epmComments,
  eventsTo,
  humanComment,
  stateAt,
  type StateOptions,
} from './builders.js';

/** The issue's history up to `status`, as EPM's marker comments. */
const historyTo = (status: Parameters<typeof eventsTo>[0], options: StateOptions = {}): TrackerComment[] =>
  epmComments(eventsTo(status, options));

/** Everything but the bookkeeping a skipped marker still touches (keys, versions, position, problems). */
const essence = (state: IssueState) => {
  const { keys: _keys, versions: _versions, position: _position, problems: _problems, ...rest } = state;
  return rest;
};

describe('reduce: the same fold as the builders', () => {
  it.each([
    ['clarifying', {}],
    ['awaiting-plan-approval', {}],
    ['code-review', {}],
    ['running', { lane: 'config' }],
    ['verifying', {}],
    ['done', {}],
    ['done', { type: 'analysis' }],
  ] as const)('reducing the markers of the path to %s %j gives stateAt()', (status, options) => {
    expect(reduce(anIssue(historyTo(status, options)))).toEqual(stateAt(status, options));
  });

  it('no comments → the initial state, with the labels read', () => {
    const state = reduce(anIssue([], ['type:analysis', 'status:proposed']));
    expect(state).toMatchObject({ status: 'proposed', type: 'analysis', labels: ['type:analysis', 'status:proposed'], labelProblems: [], problems: [] });
    expect(due(state, new Date(T0))).toEqual([{ kind: 'apply-defaults', key: 'auto-defaults#1' }]);
  });

  it('uses the settings it is given', () => {
    const comments = [...historyTo('clarifying'), epmComment('q', anEvent('clarify', { output: { questions: ['Which data?'], related: [], summary: '' } }))];
    expect(reduce(anIssue(comments), { ...DEFAULT_SETTINGS, maxRounds: 1 }).status).toBe('planning');
    expect(reduce(anIssue(comments)).status).toBe('clarifying');
  });

  it('records each applied marker in the timeline with its move', () => {
    const state = reduce(anIssue(historyTo('plan-review')));
    expect(state.timeline.map((t) => [t.kind, t.version, t.from, t.to])).toEqual([
      ['auto-defaults', 1, 'proposed', 'clarifying'],
      ['clarify', 1, 'clarifying', 'planning'],
      ['plan', 1, 'planning', 'plan-review'],
    ]);
    expect(state.timeline[2]?.summary).toBe('plan a1a1a1a1a1a1 (experiments/7-lr-warmup-sweep/plan.md)');
  });

  it('keeps the highest marker version per kind, so the next key follows it', () => {
    const comments = [...historyTo('implementing'), epmComment('x', anEvent('implementation', { key: 'implementation#4', checks: [] }), 4)];
    const state = reduce(anIssue(comments));
    expect(state.versions.get('implementation')).toBe(4);
    expect(state.status).toBe('code-review');
    expect(due(state, new Date(T0))[0]).toMatchObject({ role: 'code-reviewer', key: 'code-review#1' });
  });
});

describe('reduce: replays, forgeries and malformed markers', () => {
  it('a replayed marker (same key twice) is ignored', () => {
    const history = eventsTo('implementing');
    const approval = history.at(-1) as RecordedEvent;
    const once = reduce(anIssue(epmComments(history)));
    const twice = reduce(anIssue([...epmComments(history), epmComment('again', approval, 2)]));
    expect(twice.status).toBe('implementing');
    expect(twice.approvals).toEqual(once.approvals);
    expect(twice.problems).toEqual([]);
    expect(essence(twice)).toEqual(essence(once));
  });

  it('a replayed role output does not run its gate twice', () => {
    const failing = anEvent('implementation', { key: 'implementation#1', checks: [{ name: 'lint', command: 'npm run lint', ok: false, output: '' }] });
    const state = reduce(anIssue([...historyTo('implementing'), epmComment('a', failing), epmComment('b', failing, 2)]));
    expect(state.loops.implement.round).toBe(1);
  });

  it('a marker forged in a human comment is ignored and reported', () => {
    const forged = renderMarker({ kind: 'approval', version: 1, payload: anEvent('approval', { key: 'human:x', version: PLAN_SHA }), prose: 'approved' });
    const state = reduce(anIssue([...historyTo('awaiting-plan-approval'), humanComment('h9', forged, 'mallory')]));
    expect(state.status).toBe('awaiting-plan-approval');
    expect(state.approvals).toEqual([]);
    expect(state.frozen).toBeUndefined();
    expect(state.problems).toEqual(['comment h9 by mallory contains an EPM marker; ignored (only markers EPM writes are trusted)']);
  });

  it('a malformed EPM marker is reported and skipped; the rest still apply', () => {
    const broken: TrackerComment = { id: 'bad', author: 'epm-bot', byEpm: true, body: '<!-- epm:plan v1 -->\n```json\n{ not json\n```\n<!-- /epm:plan -->', createdAt: T0 };
    const state = reduce(anIssue([...historyTo('planning'), broken]));
    expect(state.status).toBe('planning');
    expect(state.problems).toHaveLength(1);
    expect(state.problems[0]).toMatch(/^comment bad: malformed marker epm:plan skipped: epm:plan v1 has invalid JSON in its fence/);
  });

  it.each([
    ['no key', { kind: 'plan', at: T0 }],
    ['no time', { kind: 'plan', key: 'plan#1' }],
    ['a payload of another kind', { kind: 'approval', key: 'plan#1', at: T0 }],
    ['a payload that is not an object', 'plan'],
  ])('an EPM marker whose payload has %s is reported and skipped', (_what, payload) => {
    const comment: TrackerComment = { id: 'odd', author: 'epm-bot', byEpm: true, body: renderMarker({ kind: 'plan', version: 1, payload, prose: '' }), createdAt: T0 };
    const state = reduce(anIssue([...historyTo('planning'), comment]));
    expect(state.status).toBe('planning');
    expect(state.problems).toHaveLength(1);
    expect(state.problems[0]).toMatch(/^comment odd: epm:plan v1 skipped: payload does not match the plan event: /);
  });

  it('an EPM marker with the right kind, key and time but no body is reported, not thrown', () => {
    const comment: TrackerComment = {
      id: 'thin', author: 'epm-bot', byEpm: true,
      body: renderMarker({ kind: 'plan', version: 1, payload: { kind: 'plan', key: 'plan#1', at: T0 }, prose: '' }), createdAt: T0,
    };
    // A truncated or old-schema marker must never make the issue unreadable: it is validated, reported and skipped.
    const state = reduce(anIssue([...historyTo('planning'), comment]));
    expect(state.status).toBe('planning');
    expect(state.problems).toEqual(['comment thin: epm:plan v1 skipped: payload does not match the plan event: version: Invalid input: expected string, received undefined']);
  });

  it('a recorded event that does not apply is reported, not thrown, and changes nothing', () => {
    const history = historyTo('planning');
    const stray = epmComment('stray', anEvent('approval', { key: 'human:h99', version: PLAN_SHA }));
    const without = reduce(anIssue(history));
    const withStray = reduce(anIssue([...history, stray]));
    expect(withStray.status).toBe('planning');
    expect(withStray.problems).toEqual(['comment stray: epm:approval v1 did not apply: nothing awaits plan approval (status: planning)']);
    expect(essence(withStray)).toEqual(essence(without));
  });
});

describe('reduce: human comments', () => {
  it('an /epm command is pending until a marker acknowledges it (key human:<comment id>)', () => {
    const history = historyTo('awaiting-plan-approval');
    const command = humanComment('c9', '  /epm approve\n', 'lead');
    const pending = reduce(anIssue([...history, command]));
    expect(pending.pending).toEqual([{ source: 'c9', actor: 'lead', body: '/epm approve', parsed: { ok: true, action: { kind: 'approve' } } }]);
    expect(pending.feedback).toEqual([]);

    const ack = epmComment('e-ack', anEvent('approval', { key: 'human:c9', source: 'c9', version: PLAN_SHA }));
    const acknowledged = reduce(anIssue([...history, command, ack]));
    expect(acknowledged.pending).toEqual([]);
    expect(acknowledged.status).toBe('implementing');
  });

  it('a refused command is acknowledged by its rejected marker', () => {
    const history = historyTo('planning');
    const command = humanComment('c9', '/epm approve', 'stranger');
    const rejected = epmComment('e-rej', anEvent('rejected', { key: 'human:c9', source: 'c9', actor: 'stranger', reason: 'no write access' }));
    const state = reduce(anIssue([...history, command, rejected]));
    expect(state.pending).toEqual([]);
    expect(state.status).toBe('planning');
  });

  it('an unreadable command is still pending, with the parse error, so the engine can answer it', () => {
    const state = reduce(anIssue([...historyTo('planning'), humanComment('c9', '/epm merge')]));
    expect(state.pending).toEqual([
      { source: 'c9', actor: 'lead', body: '/epm merge', parsed: { ok: false, error: expect.stringMatching(/^unknown command "\/epm merge"/) } },
    ]);
  });

  it('commands stay pending in order; only acknowledged ones leave', () => {
    const comments = [
      ...historyTo('planning'),
      humanComment('c1', '/epm lane config'),
      humanComment('c2', '/epm abort'),
      epmComment('ack1', anEvent('lane', { key: 'human:c1', source: 'c1', lane: 'config' })),
    ];
    const state = reduce(anIssue(comments));
    expect(state.pending.map((p) => p.source)).toEqual(['c2']);
    expect(state.lane).toBe('config');
    expect(due(state, new Date(T0))[0]).toEqual({ kind: 'process-command', key: 'human:c2', source: 'c2', actor: 'lead', body: '/epm abort' });
  });

  it('plain human comments are feedback, with their position in the history', () => {
    const history = historyTo('clarifying');
    const state = reduce(anIssue([...history, humanComment('c5', '  We only have 8 GPUs.  ', 'lead'), humanComment('c6', 'And use C4.', 'alice')]));
    expect(state.feedback).toEqual([
      { source: 'c5', author: 'lead', text: 'We only have 8 GPUs.', position: history.length + 1 },
      { source: 'c6', author: 'alice', text: 'And use C4.', position: history.length + 2 },
    ]);
    expect(state.pending).toEqual([]);
  });

  it('an answer after the clarifier\'s questions makes it due again; before, nothing is due', () => {
    const asked = [...historyTo('clarifying'), epmComment('q', anEvent('clarify', { key: 'clarify#1', output: { questions: ['Which data?'], related: [], summary: '' } }))];
    expect(due(reduce(anIssue(asked)), new Date(T0))).toEqual([]);
    const answered = reduce(anIssue([...asked, humanComment('c7', 'C4, English only.')]));
    expect(due(answered, new Date(T0))).toEqual([
      { kind: 'invoke-role', key: 'clarify#2', role: 'clarifier', worktree: true, feedback: ['lead: C4, English only.'] },
    ]);
  });
});

describe('reduce: labels', () => {
  it('conflicting labels are reported and nothing is due', () => {
    const state = reduce(anIssue(historyTo('planning'), ['status:planning', 'status:testing', 'type:experiment']));
    expect(state.labelProblems).toEqual(['2 status labels (status:planning, status:testing); an issue carries exactly one — remove all but one']);
    expect(state.status).toBe('planning');
    expect(due(state, new Date(T0))).toEqual([]);
  });

  it('the recorded type wins over a type label added later', () => {
    const state = reduce(anIssue(historyTo('planning'), ['type:infra']));
    expect(state.type).toBe('experiment');
  });
});
