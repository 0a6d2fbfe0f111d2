/**
 * Fixture builders for the lifecycle domain tests. Every builder takes
 * overrides; states are never assembled by hand but built by folding real
 * events through `apply` from `initialState`, exactly as `reduce` folds the
 * markers it reads (position, marker version and timeline included).
 */
import type { HumanSource, LifecycleEvent, EventKind, EventMeta, RecordedEvent } from '../../src/domain/events.js';
import { REQUIRED_PLAN_SECTIONS } from '../../src/domain/gates.js';
import type { IssueType, Lane, MainStatus, Status } from '../../src/domain/lifecycle.js';
import { renderMarker } from '../../src/domain/markers.js';
import type { PlannedManifest } from '../../src/domain/planned-manifest.js';
import { roleOutputSchemas, type RoleName, type RoleOutput } from '../../src/domain/roles.js';
import {
  DEFAULT_SETTINGS,
  cloneState,
  currentRun,
  initialState,
  type IssueState,
  type LifecycleSettings,
} from '../../src/domain/state.js';
import { apply } from '../../src/domain/transition.js';
import type { TrackerComment, TrackerIssue } from '../../src/ports/tracker.js';

/** Commit of the default plan (40 hex digits). */
export const PLAN_SHA = 'a1'.repeat(20);
/** Commit of a second, revised plan. */
export const PLAN_SHA_2 = 'b2'.repeat(20);
/** Commit of the default implementation. */
export const IMPL_SHA = 'c3'.repeat(20);
/** Commit of the default clean result. */
export const RESULT_SHA = 'd4'.repeat(20);
/** Time the default events are recorded and the default run starts. */
export const T0 = '2025-03-01T10:00:00.000Z';
/** `T0` plus `minutes`, as ISO-8601. */
export const at = (minutes: number): string => new Date(Date.parse(T0) + minutes * 60_000).toISOString();

/** The issue every built state belongs to. */
export const ISSUE = { number: 7, title: 'LR warmup sweep', body: 'Does warmup help?', author: 'lead' } as const;

/** A valid planned manifest (lane full, 3 seeds, 4 GPU-hours). */
export function aManifest(overrides: Partial<PlannedManifest> = {}): PlannedManifest {
  return {
    hypothesis: 'Linear warmup lowers final validation loss',
    conditions: [{ name: 'warmup' }, { name: 'no-warmup' }],
    metrics: [{ name: 'val_loss', goal: 'min', primary: true }],
    seeds: [1, 2, 3],
    figures: [{ name: 'loss-curve', description: 'validation loss per step' }],
    success: ['val_loss lower with warmup in all seeds'],
    kill: ['loss is NaN'],
    gpuHours: 4,
    lane: 'full',
    command: 'python train.py',
    outputs: ['results/metrics.json'],
    inputs: [],
    ...overrides,
  };
}

/** One of the sections plan.md must contain. */
export type PlanSection = (typeof REQUIRED_PLAN_SECTIONS)[number];

/**
 * plan.md text with every required section, each with content. An override
 * replaces a section's body; `null` leaves the section out; `''` leaves it empty.
 */
export function aPlan(overrides: Partial<Record<PlanSection, string | null>> = {}): string {
  const lines = ['# LR warmup sweep', ''];
  for (const section of REQUIRED_PLAN_SECTIONS) {
    const body = section in overrides ? overrides[section] : `The ${section.toLowerCase()} of the experiment.`;
    if (body === null) continue;
    lines.push(`## ${section}`, body ?? '', '');
  }
  return lines.join('\n');
}

const ROLE_DEFAULTS: { [R in RoleName]: () => Record<string, unknown> } = {
  clarifier: () => ({ questions: [], related: [], summary: 'no blocking ambiguities' }),
  planner: () => ({ plan: aPlan(), manifest: aManifest(), related: [] }),
  'plan-critic': () => ({ findings: [] }),
  implementer: () => ({ done: ['added the warmup schedule'], notDone: [], howToVerify: ['run the smoke command'], needsHumanEyes: [] }),
  'code-reviewer': () => ({ verdict: 'PASS', findings: [] }),
  fixer: () => ({ fixed: [{ class: 'off-by-one', text: 'warmup ended one step late' }], summary: '' }),
  tester: () => ({ verdict: 'green', failures: [], smoke: { ran: true, uploadsVerified: true, detail: '' } }),
  experimenter: () => ({ diagnosis: 'the run is healthy', classification: 'none', action: 'continue' }),
  'post-experimenter': () => ({ checklist: [{ item: 'provenance manifest written', ok: true, detail: '' }] }),
  analyzer: () => ({
    title: 'Warmup lowers validation loss (HIGH confidence)',
    confidence: 'HIGH',
    result: 'val_loss fell from 2.31 to 2.05 in every seed; see loss-curve.',
    deviationsStated: [],
  }),
  'result-critic': () => ({ verdict: 'PASS', findings: [] }),
  'follow-up-designer': () => ({
    proposals: [{ title: 'Longer warmup', change: 'warmup steps 500 → 2000', rationale: 'is the gain saturating?', gpuHours: 4 }],
  }),
};

/** A valid output of `role` (checked against the role's schema, so a fixture can never be one the engine would reject). */
export function anOutput<R extends RoleName>(role: R, overrides: Partial<RoleOutput<R>> = {}): RoleOutput<R> {
  return roleOutputSchemas[role].parse({ ...ROLE_DEFAULTS[role](), ...overrides }) as RoleOutput<R>;
}

/** An event of kind `K` with its bookkeeping (key, time). */
export type EventOf<K extends EventKind> = Extract<LifecycleEvent, { kind: K }> & EventMeta;

const human = (source: string): HumanSource => ({ actor: 'lead', source });

const EVENT_DEFAULTS: { [K in EventKind]: () => Omit<Extract<LifecycleEvent, { kind: K }>, 'kind'> } = {
  'auto-defaults': () => ({ type: 'experiment', lane: 'full', applied: [] }),
  clarify: () => ({ output: anOutput('clarifier') }),
  plan: () => ({ version: PLAN_SHA, path: 'experiments/7-lr-warmup-sweep/plan.md', output: anOutput('planner') }),
  'plan-critique': () => ({ output: anOutput('plan-critic') }),
  approval: () => ({ stage: 'plan', version: PLAN_SHA, ...human('r-approve') }),
  revise: () => ({ message: 'use 5 seeds', ...human('c-revise') }),
  lane: () => ({ lane: 'config', ...human('c-lane') }),
  abort: () => ({ reason: 'superseded by #9', ...human('c-abort') }),
  retry: () => ({ ...human('c-retry') }),
  unblock: () => ({ note: '', ...human('c-unblock') }),
  rejected: () => ({ command: '/epm approve', reason: 'not allowed', ...human('c-rejected') }),
  implementation: () => ({
    sha: IMPL_SHA,
    output: anOutput('implementer'),
    checks: [{ name: 'build', command: 'npm run build', ok: true, output: '' }],
  }),
  'code-review': () => ({ output: anOutput('code-reviewer') }),
  fix: () => ({ loop: 'code', sha: 'e5'.repeat(20), output: anOutput('fixer'), checks: [{ name: 'build', command: 'npm run build', ok: true, output: '' }] }),
  'test-verdict': () => ({ output: anOutput('tester') }),
  launch: () => ({ k: 1, runId: '7-1', sha: IMPL_SHA, tag: 'epm/run/7/1', logPath: '/runs/7-1.log', startedAt: T0, command: 'python train.py' }),
  progress: () => ({ k: 1, observation: { state: 'running', findings: [] }, wake: true, usedGpuHours: 0.5, projectedGpuHours: 2 }),
  'run-ended': () => ({ k: 1, exitCode: 0, missingOutputs: [], endedAt: at(120), lost: false }),
  'hot-fix': () => ({ k: 1, output: anOutput('experimenter') }),
  'compute-released': () => ({ k: 1 }),
  'launch-refused': () => ({ k: 1, reason: 'the worktree has uncommitted changes: notes.txt' }),
  provenance: () => ({
    k: 1,
    path: '/runs/7-1/provenance.json',
    sha256: 'f'.repeat(64),
    subjects: [{ name: 'results/metrics.json', sha256: 'a'.repeat(64) }],
    expected: { outputs: ['results/'], trackedRun: null, hub: null, urls: [], leftovers: [] },
  }),
  'upload-verified': () => ({ rows: [{ artifact: 'results/metrics.json', kind: 'output', verdict: 'PASS', reason: 'sha256 matches' }] }),
  checklist: () => ({ output: anOutput('post-experimenter') }),
  figures: () => ({ k: 1, sha: 'e7'.repeat(20), files: [{ name: 'loss-curve', png: 'experiments/7-lr-warmup-sweep/figures/loss-curve.png', svg: 'experiments/7-lr-warmup-sweep/figures/loss-curve.svg' }] }),
  'clean-result': () => ({ sha: RESULT_SHA, path: 'experiments/7-lr-warmup-sweep/result.md', output: anOutput('analyzer') }),
  'result-critique': () => ({ output: anOutput('result-critic') }),
  'follow-ups': () => ({ output: anOutput('follow-up-designer') }),
  'role-error': () => ({ role: 'planner', error: 'the model timed out' }),
  'budget-stop': () => ({ what: 'model-usd', used: 50, limit: 50 }),
};

let keyCounter = 0;

/** An event of `kind` as a recorded marker holds it: valid defaults, a fresh key, time `T0`. */
export function anEvent<K extends EventKind>(kind: K, overrides: Partial<EventOf<K>> = {}): EventOf<K> {
  keyCounter += 1;
  return { kind, ...EVENT_DEFAULTS[kind](), key: `test:${kind}:${keyCounter}`, at: T0, ...overrides } as EventOf<K>;
}

/**
 * Folds events into a copy of `state` the way `reduce` folds markers: each
 * counts one position and bumps its kind's marker version; a replayed key is
 * skipped; `apply` moves the state and a timeline entry records it. Throws
 * whatever `apply` throws (a conflict for an event that does not fit).
 */
export function fold(state: IssueState, ...events: RecordedEvent[]): IssueState {
  const next = cloneState(state);
  for (const event of events) {
    next.position += 1;
    next.versions.set(event.kind, (next.versions.get(event.kind) ?? 0) + 1);
    if (next.keys.has(event.key)) continue;
    const applied = apply(next, event);
    next.timeline.push({
      position: next.position,
      kind: event.kind,
      version: next.versions.get(event.kind) ?? 1,
      at: event.at,
      from: applied.from,
      to: applied.to,
      summary: applied.summary,
    });
  }
  return next;
}

/** Options for {@link stateAt} and {@link happyEvent}. */
export interface StateOptions {
  type?: IssueType;
  lane?: Lane;
  settings?: Partial<LifecycleSettings>;
  /** Overrides of the plan's manifest (its lane follows `lane`). */
  manifest?: Partial<PlannedManifest>;
  /** For a side state: the status it is entered from (default planning, or running for failed). */
  from?: MainStatus;
  /** In analyzing: stop before EPM renders the planned figures. */
  withoutFigures?: boolean;
}

/** The key the engine gives the next marker of `kind` (what `nextKey` computes). */
const keyFor = (state: IssueState, kind: string): string => `${kind}#${(state.versions.get(kind) ?? 0) + 1}`;

/** The event whose gate passes in the state's current status (one step of the happy path). */
export function happyEvent(state: IssueState, options: StateOptions = {}): RecordedEvent {
  const role = <K extends EventKind>(kind: K, overrides: Partial<EventOf<K>> = {}): RecordedEvent =>
    anEvent(kind, { key: keyFor(state, kind), ...overrides } as Partial<EventOf<K>>);
  const person = <K extends EventKind>(kind: K, overrides: Partial<EventOf<K>> = {}): RecordedEvent => {
    const source = `h${state.position + 1}`;
    return anEvent(kind, { key: `human:${source}`, source, ...overrides } as Partial<EventOf<K>>);
  };
  const lane = options.lane ?? 'full';
  const run = currentRun(state);
  switch (state.status) {
    case 'proposed':
      return role('auto-defaults', { type: options.type ?? 'experiment', lane });
    case 'clarifying':
      return role('clarify');
    case 'planning':
      return role('plan', { output: anOutput('planner', { manifest: aManifest({ lane, ...options.manifest }) }) });
    case 'plan-review':
      return role('plan-critique');
    case 'awaiting-plan-approval':
      return person('approval', { stage: 'plan', version: state.plan?.version ?? PLAN_SHA });
    case 'implementing':
      return role('implementation');
    case 'code-review':
      return role('code-review');
    case 'testing':
      return role('test-verdict');
    case 'running':
      return !run || run.ended ? role('launch', { k: (run?.k ?? 0) + 1, runId: `7-${(run?.k ?? 0) + 1}` }) : role('run-ended', { k: run.k });
    case 'verifying': {
      const unreleased = state.runs.find((r) => !r.released);
      if (unreleased) return role('compute-released', { k: unreleased.k });
      if (state.provenance?.k !== run?.k) return role('provenance', { k: run?.k ?? 1 });
      return state.verification ? role('checklist') : role('upload-verified');
    }
    case 'analyzing': {
      const k = run?.k ?? 0;
      const planned = (state.frozen ?? state.plan)?.manifest.figures ?? [];
      return planned.length > 0 && state.figures?.k !== k ? role('figures', { k }) : role('clean-result');
    }
    case 'result-review':
      return role('result-critique');
    case 'awaiting-result-approval':
      return person('approval', { stage: 'result', version: state.result?.sha ?? RESULT_SHA });
    default:
      throw new Error(`no happy event in status ${state.status}`);
  }
}

/** A fresh state for the test issue, with settings overridden. */
export function aState(settings: Partial<LifecycleSettings> = {}): IssueState {
  return initialState(ISSUE, { ...DEFAULT_SETTINGS, ...settings });
}

/** Folds happy-path events from `state` until it reaches `status`; throws if the route never gets there. */
export function advanceTo(state: IssueState, status: Status, options: StateOptions = {}): IssueState {
  let current = state;
  for (let step = 0; current.status !== status; step++) {
    if (step > 40 || current.status === 'done') throw new Error(`status ${status} is not on the route (stuck at ${current.status})`);
    current = fold(current, happyEvent(current, options));
  }
  // In analyzing, the analyzer's turn comes once EPM has rendered the planned figures: a state "in analyzing" is ready for it.
  if (status === 'analyzing' && !options.withoutFigures && happyEvent(current, options).kind === 'figures') current = fold(current, happyEvent(current, options));
  return current;
}

/**
 * The state of an issue in `status`, reached by folding the happy path's
 * events from `initialState`. A side state is entered from `options.from`:
 * blocked by a role error, aborted by a human, failed by the experimenter.
 */
export function stateAt(status: Status, options: StateOptions = {}): IssueState {
  const start = aState(options.settings);
  switch (status) {
    case 'blocked': {
      const from = advanceTo(start, options.from ?? 'planning', options);
      return fold(from, anEvent('role-error', { key: keyFor(from, 'role-error') }));
    }
    case 'aborted': {
      const from = advanceTo(start, options.from ?? 'planning', options);
      return fold(from, anEvent('abort', { key: `human:h${from.position + 1}`, source: `h${from.position + 1}` }));
    }
    case 'failed': {
      const running = advanceTo(start, 'running', options);
      const launched = fold(running, happyEvent(running, options));
      return fold(
        launched,
        anEvent('hot-fix', {
          key: keyFor(launched, 'hot-fix'),
          output: anOutput('experimenter', { diagnosis: 'the pod lost its GPU', classification: 'infra', action: 'fail' }),
        }),
      );
    }
    default:
      return advanceTo(start, status, options);
  }
}

/** A state in `running` with run 1 launched at `T0`. */
export function launchedState(options: StateOptions = {}): IssueState {
  const running = stateAt('running', options);
  return fold(running, happyEvent(running, options));
}

/** A comment EPM wrote holding `event` as marker version `version`. */
export function epmComment(id: string, event: RecordedEvent, version = 1): TrackerComment {
  const body = renderMarker({ kind: event.kind, version, payload: event, prose: `${event.kind} recorded` });
  return { id, author: 'epm-bot', byEpm: true, body, createdAt: T0 };
}

/** One EPM comment per event (ids `e1`, `e2`, …), marker versions counting up per kind as the engine writes them. */
export function epmComments(events: readonly RecordedEvent[]): TrackerComment[] {
  const versions = new Map<string, number>();
  return events.map((event, index) => {
    const version = (versions.get(event.kind) ?? 0) + 1;
    versions.set(event.kind, version);
    return epmComment(`e${index + 1}`, event, version);
  });
}

/** A comment a human wrote. */
export function humanComment(id: string, body: string, author = 'lead'): TrackerComment {
  return { id, author, byEpm: false, body, createdAt: T0 };
}

/** The tracker's view of the test issue with these comments and labels. */
export function anIssue(comments: TrackerComment[], labels: string[] = []): TrackerIssue {
  return { ...ISSUE, labels, comments, open: true, createdAt: T0 };
}

/** The events of the happy path from `initialState` to `status` (what {@link stateAt} folds). */
export function eventsTo(status: MainStatus, options: StateOptions = {}): RecordedEvent[] {
  const events: RecordedEvent[] = [];
  let current = aState(options.settings);
  for (let step = 0; current.status !== status; step++) {
    if (step > 40 || current.status === 'done') throw new Error(`status ${status} is not on the route`);
    const event = happyEvent(current, options);
    events.push(event);
    current = fold(current, event);
  }
  return events;
}
