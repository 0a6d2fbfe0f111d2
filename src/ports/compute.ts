/**
 * The Compute port: where an experiment's run executes. A local process in
 * local mode, a RunPod pod in the cloud. The run contract (DESIGN.md §2) is the
 * same for both: an absolute log path, a pid, a heartbeat, `[phase=…]` lines in
 * the log, and a final sentinel JSON carrying the exit code.
 */

/** What to launch. */
export interface RunSpec {
  /** Stable id of this run (`<N>-<k>`); launching the same id twice returns the first run. */
  runId: string;
  /** Working directory (the experiment's worktree). */
  cwd: string;
  /** Shell command line to run. */
  command: string;
  /** Extra environment for the run; secrets are never passed here. */
  env?: Record<string, string>;
}

/** A launched run. */
export interface RunHandle {
  runId: string;
  /** Absolute path of the run's log. */
  logPath: string;
  /** Folder holding the run's contract files (pid, heartbeat, sentinel). */
  runDir: string;
  /** ISO-8601 launch time. */
  startedAt: string;
}

/** A problem the monitor found in a run. */
export type RunFinding =
  | { kind: 'nan'; line: string }
  | { kind: 'oom'; line: string }
  | { kind: 'stalled'; heartbeatAgeMs: number }
  | { kind: 'died-without-sentinel' };

/** The final sentinel a run writes when it ends. */
export interface RunSentinel {
  exitCode: number | null;
  signal: string | null;
  endedAt: string;
}

/** What one monitor tick saw. */
export interface RunObservation {
  runId: string;
  /** running: alive and beating; exited: sentinel present; stalled: alive, no heartbeat; lost: gone without sentinel; unknown: never launched. */
  state: 'running' | 'exited' | 'stalled' | 'lost' | 'unknown';
  /** The latest `[phase=…]` line's phase, when any. */
  phase?: string;
  /** Present once the run has exited. */
  sentinel?: RunSentinel;
  /** Milliseconds since the last heartbeat. */
  heartbeatAgeMs?: number;
  findings: RunFinding[];
  logPath?: string;
  /** The last lines of the log (at most ~8 KiB), for the experimenter to diagnose from. */
  logTail?: string;
}

/** Runs experiment commands and watches them. */
export interface Compute {
  /** Starts the run detached; idempotent by `runId`. */
  launch(spec: RunSpec): Promise<RunHandle>;
  /** Reads the run contract and reports what it sees; never blocks on the run. */
  inspect(runId: string): Promise<RunObservation>;
  /** Stops the run if still alive and frees its resources; idempotent. */
  release(runId: string): Promise<void>;
}
