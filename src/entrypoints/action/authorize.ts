/**
 * The router's permission check and acknowledgement: a command or approval
 * counts only from someone with write access (collaborator-permission API);
 * bots are ignored unless allowed. A command from such a person gets 👀 at
 * once; from anyone else, nothing wakes.
 */
import { GitHubAuthorizer } from '../../adapters/github/github-authorizer.js';
import { createGitHubClient } from '../../adapters/github/octokit.js';
import type { ActionInputs } from './inputs.js';
import type { Route } from './route.js';

/** Turns a tick into an ignore when the actor may not wake EPM; acknowledges commands. */
export async function authorize(inputs: ActionInputs, decided: Extract<Route, { action: 'tick' }>): Promise<Route> {
  const client = createGitHubClient({ token: inputs.token, baseUrl: inputs.apiUrl, writeIntervalMs: inputs.writeIntervalMs, backoffUnitMs: inputs.backoffUnitMs });
  const authorizer = new GitHubAuthorizer({ client, owner: inputs.owner, repo: inputs.repo, allowedBots: inputs.allowedBots });
  const refusal = await authorizer.check(decided.actor, 'command');
  if (refusal) return { action: 'ignore', reason: refusal };
  if (decided.commandCommentId !== undefined) {
    await client.rest.reactions.createForIssueComment({ owner: inputs.owner, repo: inputs.repo, comment_id: decided.commandCommentId, content: 'eyes' });
  }
  return decided;
}
