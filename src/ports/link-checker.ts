/** The LinkChecker port: does a URL cited in a result or manifest answer? */

/** What checking one URL found. */
export interface LinkCheck {
  url: string;
  ok: boolean;
  /** HTTP status when there was a response. */
  status?: number;
  /** Why it failed, when it did. */
  error?: string;
}

/** Checks links. */
export interface LinkChecker {
  check(url: string): Promise<LinkCheck>;
}
