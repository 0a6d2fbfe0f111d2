/**
 * The RoleRunner port: runs one role and returns its raw output. In this
 * repository's tests the runner is code; with a model it is the Anthropic tool
 * loop. The engine validates the output against the role's schema — a runner
 * is never trusted to have done so.
 */
import type { RoleName, RoleUsage } from '../domain/roles.js';
import type { IssueState } from '../domain/state.js';

/** Everything a role may read. */
export interface RoleContext {
  role: RoleName;
  /** Idempotency key of the step; a runner may use it to cache. */
  key: string;
  issue: { number: number; title: string; body: string };
  /** Absolute path of the experiment's worktree, for roles that work in it. */
  worktree?: string;
  /** Folder of this experiment inside the worktree (relative), e.g. `experiments/12-lr-sweep`. */
  experimentDir: string;
  /** Findings and human words the role must address. */
  feedback: string[];
  /** Unified diff of the branch (code reviewer, fixer). */
  diff?: string;
  /**
   * How `diff` came about when the branch moved since the first review of its
   * code (the implementation commit `sha`): the diff that review saw (`at`)
   * and the changes since (`since`, never empty). Roles quote these two
   * instead of `diff`, so every round repeats the first review's diff byte
   * for byte, a prefix the prompt cache serves, and adds only what changed.
   */
  diffSince?: { sha: string; at: string; since: string };
  /** Read-only view of the reduced state. */
  state: Readonly<IssueState>;
}

/** What a role returned. */
export interface RoleResult {
  /** Raw output, validated by the engine against the role's schema. */
  output: unknown;
  /** Model usage, for budgets. */
  usage?: RoleUsage;
  /** Path of the run's redacted JSONL transcript, when the runner wrote one. */
  transcript?: string;
}

/** Runs roles. */
export interface RoleRunner {
  /** Runs the role once. A thrown error is recorded as the role's failure. */
  run(context: RoleContext): Promise<RoleResult>;
  /** Why the role cannot run here (e.g. no model configured), or undefined when it can; the engine then waits rather than failing. */
  unavailable?(role: RoleName): string | undefined;
}
