/**
 * Lifecycle events: what the engine observed or a role produced, validated and
 * recorded as a marker. The issue's state is the fold of these events.
 */
import type { HumanAction } from './commands.js';
import type { CheckOutcome, GateResult } from './gates.js';
import type { IssueType, Lane, Status } from './lifecycle.js';
import type { RoleName, RoleOutput, RoleUsage } from './roles.js';
import type { ExpectedHubRepo, ExpectedTrackedRun, VerificationRow } from './upload-verification.js';

/** One rendered figure, by its paths in the worktree. */
export interface FigureFiles {
  name: string;
  png: string;
  svg: string;
}

/** The remote deliverables a run's provenance says exist, for verification. */
export interface ExpectedDeliverables {
  outputs: string[];
  trackedRun: ExpectedTrackedRun | null;
  hub: ExpectedHubRepo | null;
  urls: string[];
  /** Declared outputs not accounted for (neither produced nor uploaded). */
  leftovers: string[];
}

/** The approval stages. */
export type ApprovalStage = 'plan' | 'result';

/** Where a human action came from: the comment or review id that carried it. */
export interface HumanSource {
  actor: string;
  /** Tracker id of the comment (or review) that carried the command. */
  source: string;
}

/** A run observation as recorded (the Compute port's observation, minus paths). */
export interface RecordedObservation {
  state: 'running' | 'exited' | 'stalled' | 'lost' | 'unknown';
  phase?: string;
  findings: string[];
  heartbeatAgeMs?: number;
}

/** Every event a marker can record, by marker kind. */
export type LifecycleEvent =
  | { kind: 'auto-defaults'; type: IssueType; lane: Lane; applied: string[] }
  | { kind: 'clarify'; output: RoleOutput<'clarifier'> }
  | { kind: 'plan'; version: string; path: string; output: RoleOutput<'planner'> }
  | { kind: 'plan-critique'; output: RoleOutput<'plan-critic'> }
  | ({ kind: 'approval'; stage: ApprovalStage; version: string } & HumanSource)
  | ({ kind: 'revise'; message: string } & HumanSource)
  | ({ kind: 'lane'; lane: Lane } & HumanSource)
  | ({ kind: 'abort'; reason: string } & HumanSource)
  | ({ kind: 'retry' } & HumanSource)
  | ({ kind: 'unblock'; note: string } & HumanSource)
  | ({ kind: 'rejected'; command: string; reason: string } & HumanSource)
  | { kind: 'implementation'; sha: string; output: RoleOutput<'implementer'>; checks: CheckOutcome[] }
  | { kind: 'code-review'; output: RoleOutput<'code-reviewer'> }
  | { kind: 'fix'; loop: 'code' | 'test'; sha: string; output: RoleOutput<'fixer'>; checks: CheckOutcome[] }
  | { kind: 'test-verdict'; output: RoleOutput<'tester'> }
  | { kind: 'launch'; k: number; runId: string; sha: string; tag: string; logPath: string; startedAt: string; command: string }
  | { kind: 'launch-refused'; k: number; reason: string }
  | { kind: 'progress'; k: number; observation: RecordedObservation; wake: boolean; usedGpuHours: number; projectedGpuHours: number }
  | { kind: 'run-ended'; k: number; exitCode: number | null; missingOutputs: string[]; endedAt: string; lost: boolean }
  | { kind: 'hot-fix'; k: number; output: RoleOutput<'experimenter'>; sha?: string; /** Lines the hot-fix changed, counted by EPM from the diff against the run's commit. */ measuredLines?: number }
  | { kind: 'compute-released'; k: number }
  | {
      kind: 'provenance';
      k: number;
      /** Where the statement was written, and its digest. */
      path: string;
      sha256: string;
      subjects: { name: string; sha256: string }[];
      /** What verification must find remotely. */
      expected: ExpectedDeliverables;
      /** The statement's signature, when the platform signed it (GitHub artifact attestations). */
      signature?: StatementSignatureRecord;
    }
  | { kind: 'upload-verified'; rows: VerificationRow[] }
  | { kind: 'checklist'; output: RoleOutput<'post-experimenter'> }
  | { kind: 'figures'; k: number; sha: string; files: FigureFiles[] }
  | { kind: 'clean-result'; sha: string; path: string; output: RoleOutput<'analyzer'>; /** The full clean-result lint, run by EPM on the file it committed. */ lint?: { ok: boolean; problems: { rule: string; message: string; line?: number }[] } }
  | { kind: 'result-critique'; output: RoleOutput<'result-critic'> }
  | { kind: 'follow-ups'; output: RoleOutput<'follow-up-designer'> }
  | {
      kind: 'role-error';
      role: RoleName;
      error: string;
      /** The run's evidence is gone (its machine died before provenance was written): "retry" relaunches the run instead of repeating the step. */
      relaunch?: true;
    }
  | { kind: 'budget-stop'; what: 'model-usd' | 'gpu-hours'; used: number; limit: number };

/** A signed statement as recorded: the Sigstore bundle beside it and who signed. */
export interface StatementSignatureRecord {
  bundle: string;
  sha256: string;
  identity: string;
  issuer: string;
  transparency: string;
  attestationId?: string;
}

/** Marker kinds, one per event kind. */
export type EventKind = LifecycleEvent['kind'];

/** Bookkeeping every recorded event carries. */
export interface EventMeta {
  /** Idempotency key of the step that produced it; a second event with the same key is a replay and is ignored. */
  key: string;
  /** ISO-8601 time it was recorded. */
  at: string;
  /** Model usage of the role run that produced it, if any. */
  usage?: RoleUsage;
  /** Path of the role run's redacted transcript, if one was written. */
  transcript?: string;
}

/** An event as stored in a marker's JSON payload, with what the transition decided. */
export type RecordedEvent = LifecycleEvent & EventMeta & { from?: Status; to?: Status; gate?: GateResult };

/** Human actions by kind, so callers can type the engine's `act`. */
export type HumanEvent = Extract<LifecycleEvent, HumanSource>;

/** Turns a validated human action into the event that records it. */
export function humanEvent(action: HumanAction, who: HumanSource, stage: ApprovalStage, version: string): LifecycleEvent {
  switch (action.kind) {
    case 'approve':
      return { kind: 'approval', stage, version: action.version ?? version, ...who };
    case 'revise':
      return { kind: 'revise', message: action.message, ...who };
    case 'abort':
      return { kind: 'abort', reason: action.reason, ...who };
    case 'retry':
      return { kind: 'retry', ...who };
    case 'unblock':
      return { kind: 'unblock', note: action.note, ...who };
    case 'lane':
      return { kind: 'lane', lane: action.lane, ...who };
  }
}
