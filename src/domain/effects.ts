/**
 * Effects: what the engine must do next. `transition` returns them; the engine
 * carries them out through the ports. Every effect that changes the world has
 * an idempotency key; the marker that records its outcome carries the same key.
 */
import type { RecordedEvent } from './events.js';
import type { RoleName } from './roles.js';

/** An effect the engine carries out. */
export type Effect =
  /** Write the event as a marker: the commit point of a step. */
  | { kind: 'record'; event: RecordedEvent }
  /** Make the labels match its state. */
  | { kind: 'sync-labels'; add: string[]; remove: string[] }
  /** Work out the type and lane from labels and config, then record `auto-defaults`. */
  | { kind: 'apply-defaults'; key: string }
  /** Authorize and apply the human command in comment `source`. */
  | { kind: 'process-command'; key: string; source: string; actor: string; body: string }
  /** Run a role (in the experiment's worktree when `worktree`), validate its output, record it. */
  | { kind: 'invoke-role'; key: string; role: RoleName; worktree: boolean; feedback: string[] }
  /** Start run attempt `k` on compute and tag its commit `epm/run/<N>/<k>`. */
  | { kind: 'launch-run'; key: string; k: number; runId: string; command: string }
  /** Read run `k`'s contract; record progress when a check fires or a wake is due, or its end. */
  | { kind: 'observe-run'; key: string; k: number; runId: string; wakeDue: boolean }
  /** Collect run `k`'s outputs and inputs, upload declared deliverables, write its provenance statement. */
  | { kind: 'record-provenance'; key: string; k: number; runId: string }
  /** Check every declared deliverable remotely against the provenance. */
  | { kind: 'verify-uploads'; key: string }
  /** Render the planned figures from run `k`'s metrics and commit them. */
  | { kind: 'render-figures'; key: string; k: number }
  /** Stop run `k` and free its compute. */
  | { kind: 'release-compute'; key: string; k: number; runId: string };

/** The kinds of effect. */
export type EffectKind = Effect['kind'];
