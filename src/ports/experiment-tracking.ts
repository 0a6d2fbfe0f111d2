/**
 * The ExperimentTracking port: where a run's metrics, config and logged
 * artifacts live (Weights & Biases; a local folder in local mode). EPM reads
 * it to verify uploads; runs log to it themselves.
 */

/** Which tracked run. */
export interface TrackedRunRef {
  entity: string;
  project: string;
  /** The run's id (the short id in its URL), not its display name. */
  runId: string;
}

/** An artifact version logged by the run. */
export interface TrackedArtifact {
  /** `name:version`, e.g. `metrics:v0`. */
  name: string;
  type: string;
  /** The service's digest of the artifact version (W&B: the manifest digest). */
  digest: string;
  /** Files in the artifact with their digests as the service reports them. */
  files: { path: string; digest: string; size: number }[];
}

/** What the service knows about a run. */
export interface TrackedRun {
  ref: TrackedRunRef;
  url: string;
  /** e.g. finished, running, crashed, failed. */
  state: string;
  config: Record<string, unknown>;
  /** The git commit the service recorded for the run, if any. */
  commit: string | null;
  /** Final (summary) metrics. */
  summary: Record<string, unknown>;
  /** Names of every metric logged in the run's history. */
  historyKeys: string[];
  artifacts: TrackedArtifact[];
}

/** Reads runs from the tracking service. */
export interface ExperimentTracking {
  /** The run, or undefined when the service has no such run. */
  getRun(ref: TrackedRunRef): Promise<TrackedRun | undefined>;
  /** Browser URL of a run, for links in the provenance and the clean result. */
  urlOf?(ref: TrackedRunRef): string;
}
