/**
 * Who may command and approve on GitHub: people with write access to the
 * repository, as the collaborator-permission API says (not
 * `author_association`, which says nothing about write access). Bots are
 * refused unless configured. Answers are cached for the process.
 */
import type { Authorizer, Permission } from '../../ports/authorizer.js';
import { statusOf, type GitHubClient, type RepoRef } from './octokit.js';

/** Options of the authorizer. */
export interface GitHubAuthorizerOptions extends RepoRef {
  client: GitHubClient;
  /** Bot logins (e.g. `renovate[bot]`) allowed to command; every other bot is ignored. */
  allowedBots?: readonly string[];
}

const WRITE = new Set(['admin', 'maintain', 'write']);

/** Whether a login is a bot account (GitHub Apps and the Actions bot end in `[bot]`). */
export const isBotLogin = (login: string): boolean => /\[bot\]$/i.test(login);

export class GitHubAuthorizer implements Authorizer {
  private readonly cache = new Map<string, Promise<string | undefined>>();

  constructor(private readonly options: GitHubAuthorizerOptions) {}

  async check(actor: string, permission: Permission): Promise<string | undefined> {
    void permission; // commands and approvals both need write access
    let answer = this.cache.get(actor);
    if (!answer) {
      answer = this.lookUp(actor);
      this.cache.set(actor, answer);
      answer.catch(() => this.cache.delete(actor)); // a failed look-up is asked again, not remembered
    }
    return answer;
  }

  /** True when the login's words count: write access, or an allowed bot. */
  async trusts(login: string): Promise<boolean> {
    return (await this.check(login, 'command')) === undefined;
  }

  private async lookUp(actor: string): Promise<string | undefined> {
    if (isBotLogin(actor)) {
      return this.options.allowedBots?.includes(actor) ? undefined : `${actor} is a bot; bots are ignored unless listed in allowed-bots`;
    }
    try {
      const { data } = await this.options.client.rest.repos.getCollaboratorPermissionLevel({ owner: this.options.owner, repo: this.options.repo, username: actor });
      const level = data.role_name && WRITE.has(data.role_name) ? data.role_name : data.permission;
      return WRITE.has(level) ? undefined : `${actor} has ${level} access to ${this.options.owner}/${this.options.repo}; commands and approvals need write access`;
    } catch (error) {
      if (statusOf(error) === 404) return `${actor} is not a collaborator of ${this.options.owner}/${this.options.repo}; commands and approvals need write access`;
      throw error;
    }
  }
}
