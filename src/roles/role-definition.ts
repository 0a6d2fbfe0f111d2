/**
 * What defines a role: its instructions, the context it is given, the tools it
 * may use, and the schema of what it must submit. One folder per role under
 * src/roles/<role>/ exports one RoleDefinition. The gate that judges the
 * output lives in src/domain/gates.ts (a model never judges itself).
 */
import type { z } from 'zod';
import type { RoleName } from '../domain/roles.js';
import type { RoleContext } from '../ports/roles.js';

/** Which tools a role gets. */
export type ToolSet =
  /** read_file, list_files, grep in the worktree, plus search_issues / read_issue over the tracker and past clean results. */
  | 'read-only'
  /** The read-only tools plus Anthropic's text editor and bash, executed by EPM inside the worktree. */
  | 'coding';

/** A part of the prompt; `stable` parts form the cached prefix (role instructions, repository context, plan). */
export interface PromptPart {
  text: string;
  /** True for text that is the same across the rounds of a loop: it goes first and is marked for prompt caching. */
  stable: boolean;
  /**
   * On a volatile part: later calls of the loop repeat it byte for byte right
   * after the stable parts (the diff as the first review saw it), so it goes
   * next and is marked for prompt caching too.
   */
  reused?: boolean;
}

/** One role. */
export interface RoleDefinition<R extends RoleName = RoleName> {
  name: R;
  /** System instructions: who the role is, what it must do, what it must never do. Stable across calls. */
  instructions: string;
  /** The user-turn content for this call, built from the context (issue, plan, diff, feedback, run log…). Untrusted text is sanitized before it gets here. */
  buildPrompt(context: RoleContext): PromptPart[];
  tools: ToolSet;
  /** The schema of the `submit` tool's input: the role's output. */
  outputSchema: z.ZodType;
  /** Turn limit for one call. */
  maxTurns: number;
}
