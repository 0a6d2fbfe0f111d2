/** The Authorizer port: who may command and approve. */

/** What an actor wants to do. */
export type Permission = 'command' | 'approve';

/** Decides whether an actor may act on an issue. */
export interface Authorizer {
  /** Resolves to undefined when allowed, or to the reason it is refused. */
  check(actor: string, permission: Permission): Promise<string | undefined>;
}
