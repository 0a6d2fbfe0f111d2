/**
 * Typed errors. Each carries what went wrong, which issue it concerns when
 * known, and what to do about it. Entry points print `message` and `hint` on
 * one line and exit with `exitCode`.
 */

/** Error categories, each with a documented CLI exit code. */
export type ErrorCode =
  | 'bad-input' // 2: the request or the data is malformed
  | 'not-found' // 3: no such issue, run, file
  | 'conflict' // 4: the request does not fit the current state
  | 'unauthorized' // 5: the actor may not do this
  | 'busy' // 6: another writer holds the lock
  | 'external' // 7: a service, process or git command failed
  | 'mismatch'; // 8: a verification found something that does not match

/** Exit code of the CLI for each error category. */
export const EXIT_CODES: Readonly<Record<ErrorCode, number>> = {
  'bad-input': 2,
  'not-found': 3,
  conflict: 4,
  unauthorized: 5,
  busy: 6,
  external: 7,
  mismatch: 8,
};

/** Options shared by every EPM error. */
export interface EpmErrorOptions {
  /** What the user can do to fix it: a command, a key, a label. */
  hint?: string;
  /** The issue concerned, when there is one. */
  issue?: number;
  /** Underlying error. */
  cause?: unknown;
}

/** Base class of every error EPM raises on purpose. */
export class EpmError extends Error {
  readonly code: ErrorCode;
  readonly hint: string | undefined;
  readonly issue: number | undefined;

  constructor(code: ErrorCode, message: string, options: EpmErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'EpmError';
    this.code = code;
    this.hint = options.hint;
    this.issue = options.issue;
  }

  /** The exit code the CLI uses for this error. */
  get exitCode(): number {
    return EXIT_CODES[this.code];
  }

  /** One line: the problem, then the fix. */
  toLine(): string {
    const where = this.issue === undefined ? '' : `#${this.issue}: `;
    return this.hint ? `${where}${this.message} — ${this.hint}` : `${where}${this.message}`;
  }
}

/** Builds a bad-input error. */
export const badInput = (message: string, options?: EpmErrorOptions): EpmError =>
  new EpmError('bad-input', message, options);
/** Builds a not-found error. */
export const notFound = (message: string, options?: EpmErrorOptions): EpmError =>
  new EpmError('not-found', message, options);
/** Builds a state-conflict error. */
export const conflict = (message: string, options?: EpmErrorOptions): EpmError =>
  new EpmError('conflict', message, options);
/** Builds an authorization error. */
export const unauthorized = (message: string, options?: EpmErrorOptions): EpmError =>
  new EpmError('unauthorized', message, options);
/** Builds a lock-busy error. */
export const busy = (message: string, options?: EpmErrorOptions): EpmError =>
  new EpmError('busy', message, options);
/** Builds an external-failure error. */
export const external = (message: string, options?: EpmErrorOptions): EpmError =>
  new EpmError('external', message, options);

/** True for errors EPM raised on purpose. */
export const isEpmError = (error: unknown): error is EpmError => error instanceof EpmError;
