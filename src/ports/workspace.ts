/**
 * The Workspace port: the experiment's own branch and worktree. All code
 * changes happen here, never in the user's checkout.
 */

/** A worktree EPM manages for one experiment. */
export interface Worktree {
  /** Absolute path of the worktree folder. */
  path: string;
  /** Branch checked out there, `epm/<N>-<slug>`. */
  branch: string;
  /** Commit the branch points at. */
  head: string;
}

/** Result of committing the worktree. */
export interface CommitResult {
  /** Commit the branch points at afterwards. */
  sha: string;
  /** False when there was nothing to commit (the call was a no-op). */
  created: boolean;
}

/** A branch's diff split at an earlier commit of the branch. */
export interface DiffSince {
  /** Unified diff of the branch at that commit against where it forked. */
  at: string;
  /** Unified diff from that commit to the branch's tip (empty when the branch has not moved). */
  since: string;
}

/** Git operations on experiment branches. Every method is idempotent. */
export interface Workspace {
  /** Creates the branch and its worktree from `base` (default: the repo's HEAD commit), or returns the existing one. */
  ensureWorktree(branch: string, base?: string): Promise<Worktree>;
  /** Returns the worktree for `branch`, or undefined when it does not exist. */
  findWorktree(branch: string): Promise<Worktree | undefined>;
  /** The commit the branch points at. */
  head(branch: string): Promise<string>;
  /** Writes files (paths relative to the worktree root, never outside it), creating folders. */
  writeFiles(branch: string, files: Readonly<Record<string, string | Uint8Array>>): Promise<void>;
  /** Files git tracks in the worktree (paths relative to its root), sorted. */
  listFiles(branch: string): Promise<string[]>;
  /** Reads a file of the worktree as text, or undefined when it does not exist. */
  readFile(branch: string, path: string): Promise<string | undefined>;
  /** Which of `paths` (relative to the worktree root) do not exist in the worktree. */
  missingFiles(branch: string, paths: readonly string[]): Promise<string[]>;
  /** Stages everything in the worktree except `exclude` (run outputs) and commits it; nothing staged is a no-op. */
  commitAll(branch: string, message: string, options?: { exclude?: readonly string[] }): Promise<CommitResult>;
  /** Unified diff of the branch against `base` (default: where it forked). */
  diff(branch: string, base?: string): Promise<string>;
  /**
   * The branch's diff split at `sha`, an earlier commit of the branch: the
   * diff as it stood at `sha` (what `diff(branch)` returned then) and the
   * changes from `sha` to the tip. Undefined when `sha` is unknown or not an
   * ancestor of the tip (the history was rewritten).
   */
  diffSince(branch: string, sha: string): Promise<DiffSince | undefined>;
  /** Creates an annotated tag at `sha`; an existing tag at the same commit is a no-op, elsewhere an error. */
  tag(name: string, sha: string, message: string): Promise<void>;
  /** Removes the worktree (refuses when it has uncommitted changes unless `force`); keeps the branch. */
  removeWorktree(branch: string, options?: { force?: boolean }): Promise<void>;
}
