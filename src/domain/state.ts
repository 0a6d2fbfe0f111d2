/**
 * The state of one issue: a pure reduction of its labels, EPM's markers and
 * the humans' comments (DESIGN.md §3).
 */
import type { ParsedCommand } from './commands.js';
import type { Deviation, PlannedManifest } from './planned-manifest.js';
import type { FailureCause, IssueType, Lane, Status } from './lifecycle.js';
import type { RoleOutput } from './roles.js';
import type { ExpectedDeliverables, FigureFiles, StatementSignatureRecord } from './events.js';
import type { VerificationRow } from './upload-verification.js';

/** Settings the lifecycle depends on, taken from the repository config. */
export interface LifecycleSettings {
  /** Reviewer ⇄ author rounds per loop before the cap. */
  maxRounds: number;
  /** Change strategy once (re-plan) at a cap before blocking. */
  replanAtCap: boolean;
  /** Times a planner may resubmit a plan that fails the section gate. */
  planGateRetries: number;
  /** Hard stop on model spend per experiment, in USD. */
  modelUsdPerExperiment: number;
  /** Hard stop on GPU-hours per experiment. */
  gpuHoursPerExperiment: number;
  /** Projected GPU-hours over this multiple of the plan trip the detector. */
  computeDeviationFactor: number;
  /** Minutes between experimenter wakes, growing; the last repeats. */
  wakeMinutes: number[];
  /** Type applied when an issue has none. */
  defaultType: IssueType;
  /** Lane applied when an issue has none. */
  defaultLane: Lane;
}

/** Defaults matching the config defaults. */
export const DEFAULT_SETTINGS: LifecycleSettings = {
  maxRounds: 3,
  replanAtCap: true,
  planGateRetries: 2,
  modelUsdPerExperiment: 50,
  gpuHoursPerExperiment: 24,
  computeDeviationFactor: 2,
  wakeMinutes: [5, 10, 20, 40],
  defaultType: 'experiment',
  defaultLane: 'full',
};

/** A reviewer ⇄ author loop's progress. */
export interface LoopState {
  /** Non-passing review rounds in the current cycle. */
  round: number;
  /** Bug classes found per round (for the whack-a-mole detector). */
  classes: string[][];
}

/** The loops the lifecycle bounds. */
export type LoopName = 'clarify' | 'plan' | 'implement' | 'code' | 'test' | 'result';

/** One run attempt on compute. */
export interface RunState {
  k: number;
  runId: string;
  sha: string;
  tag: string;
  logPath: string;
  startedAt: string;
  command: string;
  wakes: number;
  /** Findings not yet handled by the experimenter. */
  findings: string[];
  usedGpuHours: number;
  projectedGpuHours: number;
  ended?: { exitCode: number | null; missingOutputs: string[]; endedAt: string; lost: boolean };
  released: boolean;
}

/** A human's words that roles should read: answers, revise messages, unblock notes. */
export interface Feedback {
  source: string;
  author: string;
  text: string;
  /** Position in the issue's history; feedback after a role's last output is new to it. */
  position: number;
}

/** One line of the issue's timeline. */
export interface TimelineEntry {
  position: number;
  kind: string;
  version: number;
  at: string;
  from?: Status;
  to?: Status;
  summary: string;
}

/** A human `/epm` command not yet acknowledged by the engine. */
export interface PendingCommand {
  source: string;
  actor: string;
  body: string;
  parsed: ParsedCommand;
}

/** Everything EPM knows about one issue. */
export interface IssueState {
  number: number;
  title: string;
  body: string;
  author: string;
  type?: IssueType;
  /** The claim issue this experiment tests, from a `Claim: #N` line in the body. */
  claim?: number;
  lane: Lane;
  /** True once a plan approval confirmed the lane. */
  laneConfirmed: boolean;
  /** Lane a human set explicitly; wins over the plan's. */
  laneOverride?: Lane;
  status: Status;
  settings: LifecycleSettings;
  /** Idempotency keys of every recorded step. */
  keys: Set<string>;
  /** Highest marker version per kind. */
  versions: Map<string, number>;
  /** Plan cycle: a human revise or a re-plan starts a new one. */
  cycle: number;
  replanned: boolean;
  planGateFailures: number;
  clarify?: { questions: string[]; position: number; rounds: number };
  plan?: { version: string; path: string; manifest: PlannedManifest; position: number };
  critique?: { findings: RoleOutput<'plan-critic'>['findings']; unresolved: boolean };
  /** The pre-registration, frozen by the first plan approval. */
  frozen?: { manifest: PlannedManifest; version: string; approver: string; at: string };
  /** How the current plan departs from the pre-registration. */
  deviations: Deviation[];
  approvals: { stage: 'plan' | 'result'; version: string; actor: string; at: string }[];
  implementation?: { sha: string; report: RoleOutput<'implementer'> };
  loops: Record<LoopName, LoopState>;
  /** Inside code-review or testing: the last verdict asked for a fix not yet made. */
  awaitingFix?: 'code' | 'test';
  /** Reasons from the last failed gate or review, for the next author. */
  findings: string[];
  /** Run attempts so far (the current is the last). */
  runs: RunState[];
  /** A relaunch was decided; attempt `k` is due once the previous one is released. */
  relaunchDue: boolean;
  /** The run's provenance statement and what verification must find. */
  provenance?: { k: number; path: string; sha256: string; subjects: { name: string; sha256: string }[]; expected: ExpectedDeliverables; signature?: StatementSignatureRecord };
  /** The upload verification table of the current provenance. */
  verification?: { rows: VerificationRow[]; passed: boolean };
  /** The post-experimenter's reproducibility checklist. */
  checklist?: RoleOutput<'post-experimenter'>;
  /** Figures EPM rendered from the run's metrics, committed at `sha`. */
  figures?: { k: number; sha: string; files: FigureFiles[] };
  result?: { sha: string; path: string; title: string; confidence: string; position: number };
  followUps?: RoleOutput<'follow-up-designer'>;
  /** Why designing the follow-ups failed; cleared by "retry". */
  followUpsFailed?: string;
  blocked?: { decision: string; from: Status };
  failed?: { cause: FailureCause; detail: string; from: Status };
  aborted?: { reason: string; actor: string; from: Status };
  feedback: Feedback[];
  pending: PendingCommand[];
  spend: { usd: number; inputTokens: number; outputTokens: number; gpuHours: number };
  /** Redacted transcripts of every role run, in order. */
  transcripts: { role: string; path: string }[];
  /** Model usage per role, for budgets and provenance. */
  spendByRole: Record<string, { calls: number; usd: number; inputTokens: number; outputTokens: number }>;
  timeline: TimelineEntry[];
  /** Label problems (two status labels, unknown values); the engine refuses to act while any remain. */
  labelProblems: string[];
  /** What the labels say, for drift repair. */
  labels: string[];
  /** Malformed EPM markers, markers found in human comments, events that did not apply. */
  problems: string[];
  /** Items folded so far. */
  position: number;
}

/** The claim an issue names with a line `Claim: #N`, if any. */
export function parseClaimRef(body: string): number | undefined {
  const match = /^Claim:\s*#([1-9][0-9]*)\s*$/m.exec(body);
  return match?.[1] ? Number(match[1]) : undefined;
}

/** The state of an issue before anything happened to it. */
export function initialState(
  issue: { number: number; title: string; body: string; author: string },
  settings: LifecycleSettings = DEFAULT_SETTINGS,
): IssueState {
  const loop = (): LoopState => ({ round: 0, classes: [] });
  const claim = parseClaimRef(issue.body);
  return {
    ...(claim !== undefined ? { claim } : {}),
    number: issue.number,
    title: issue.title,
    body: issue.body,
    author: issue.author,
    lane: settings.defaultLane,
    laneConfirmed: false,
    status: 'proposed',
    settings,
    keys: new Set(),
    versions: new Map(),
    cycle: 1,
    replanned: false,
    planGateFailures: 0,
    deviations: [],
    approvals: [],
    loops: { clarify: loop(), plan: loop(), implement: loop(), code: loop(), test: loop(), result: loop() },
    findings: [],
    runs: [],
    relaunchDue: false,
    feedback: [],
    pending: [],
    spend: { usd: 0, inputTokens: 0, outputTokens: 0, gpuHours: 0 },
    spendByRole: {},
    transcripts: [],
    timeline: [],
    labelProblems: [],
    labels: [],
    problems: [],
    position: 0,
  };
}

/** The current run attempt, if any. */
export const currentRun = (state: IssueState): RunState | undefined => state.runs[state.runs.length - 1];

/** The version awaiting approval in the current status, if any. */
export function versionAwaitingApproval(state: IssueState): string | undefined {
  if (state.status === 'awaiting-plan-approval') return state.plan?.version;
  if (state.status === 'awaiting-result-approval') return state.result?.sha;
  return undefined;
}

/** A deep copy of a state (Sets and Maps included). */
export function cloneState(state: IssueState): IssueState {
  return structuredClone(state);
}
