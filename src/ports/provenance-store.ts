/**
 * The ProvenanceStore port: what EPM records about a run on the machine that
 * ran it — the environment at launch, the outputs and inputs after it, the
 * statement itself — and re-hashing for verification.
 */
import type { TrackedRunRef } from './experiment-tracking.js';
import type { ComputeFacts, EnvironmentSnapshot, Provenance } from '../domain/provenance.js';

/** What was captured when a run was launched. */
export interface LaunchCapture {
  commit: string;
  environment: EnvironmentSnapshot;
  compute: ComputeFacts;
  lockfiles: { path: string; sha256: string }[];
  /** sha256 of the `pip freeze` text kept beside the run, when Python was present. */
  pipFreezeSha256: string | null;
}

/** What the run produced and used, collected after it ended. */
export interface RunCollection {
  /** Files under the declared outputs; `gitOid` (git blob id) for files small enough to be stored in git by a hub. */
  created: { path: string; sha256: string; size: number; gitOid?: string }[];
  /** Declared (and detected) inputs with their digests. */
  used: { path: string; sha256: string; size: number; declared: boolean }[];
  /** Declared inputs that were not found. */
  missingInputs: string[];
  /** The run's log. */
  log: { path: string; sha256: string } | null;
  /** The config file named by the plan, hashed. */
  config: { path: string; sha256: string } | null;
  /** The tracking run the run reported through the run contract (`EPM_TRACKING_RUN` file), if any. */
  trackedRun: TrackedRunRef | null;
  /** Tracking artifacts the run reported, with their digests. */
  trackedArtifacts: { name: string; digest: string }[];
}

/** Records provenance for runs. */
export interface ProvenanceStore {
  /** Captures the environment at launch; refuses (conflict) when the worktree has changes outside `ignore`. */
  captureLaunch(runId: string, worktree: string, ignore: readonly string[]): Promise<LaunchCapture>;
  /** The capture made at launch, or undefined when there is none. */
  readLaunch(runId: string): Promise<LaunchCapture | undefined>;
  /** Hashes what the run created and used. */
  collect(runId: string, worktree: string, declared: { outputs: readonly string[]; inputs: readonly string[]; config?: string }): Promise<RunCollection>;
  /** Writes the statement beside the run; returns where and its sha256. */
  writeStatement(runId: string, statement: Provenance): Promise<{ path: string; sha256: string }>;
  /** Current sha256 of each path under `root` (undefined when missing). */
  hashNow(root: string, paths: readonly string[]): Promise<Map<string, string | undefined>>;
}
