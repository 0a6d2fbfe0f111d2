/** The CheckRunner port: runs the repository's deterministic checks (build, lint, tests) in a worktree. */
import type { CheckOutcome } from '../domain/gates.js';

/** A check to run: a name and a shell command. */
export interface CheckSpec {
  name: string;
  command: string;
}

/** Runs checks; a failing check is an outcome, not an error. */
export interface CheckRunner {
  run(cwd: string, checks: readonly CheckSpec[]): Promise<CheckOutcome[]>;
}
