/**
 * The branch's diff split at the implementation commit, for the roles that
 * get a diff (code reviewer, fixer): the first review of the code saw the
 * implementation's diff, and every later round quotes that diff again byte for
 * byte, then the changes since. The repeated part is a prefix the prompt
 * cache serves (bench/prompt-cache), and the two together are the code as it
 * is now.
 */
import type { IssueState } from '../domain/state.js';
import type { RoleContext } from '../ports/roles.js';
import type { Workspace } from '../ports/workspace.js';

/**
 * The split for `branch`, or undefined when the roles should quote the whole
 * diff: before any implementation, while the branch still points at the
 * implementation commit, or when that commit is no longer in the branch's
 * history (rewritten).
 */
export async function diffSinceImplementation(workspace: Workspace, branch: string, state: Readonly<IssueState>): Promise<RoleContext['diffSince']> {
  const sha = state.implementation?.sha;
  if (sha === undefined || (await workspace.head(branch)) === sha) return undefined;
  const split = await workspace.diffSince(branch, sha);
  return split && split.since.trim() !== '' ? { sha, at: split.at, since: split.since } : undefined;
}
