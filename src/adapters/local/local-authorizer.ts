/** Local mode's Authorizer: the person at the terminal may command; approvals may be limited by config. */
import type { Authorizer, Permission } from '../../ports/authorizer.js';

/** Options of {@link LocalAuthorizer}. */
export interface LocalAuthorizerOptions {
  /** Logins allowed to approve; empty means anyone who may command. */
  approvers: readonly string[];
  /** The local user's name. */
  localUser: string;
}

/** Allows the local user; refuses others, and non-approvers for approvals when a list is configured. */
export class LocalAuthorizer implements Authorizer {
  constructor(private readonly options: LocalAuthorizerOptions) {}

  async check(actor: string, permission: Permission): Promise<string | undefined> {
    if (actor !== this.options.localUser) return `only the local user (${this.options.localUser}) may act in local mode`;
    if (permission === 'approve' && this.options.approvers.length > 0 && !this.options.approvers.includes(actor)) {
      return `${actor} is not in authorization.approvers (${this.options.approvers.join(', ')})`;
    }
    return undefined;
  }
}
