/**
 * The Tracker port: where issues, labels and comments live. GitHub in the
 * action, `.epm/issues/` in local mode. Only the engine writes to it.
 */

/** One comment on an issue. */
export interface TrackerComment {
  /** Tracker-assigned id, unique within the issue. */
  id: string;
  /** Login (GitHub) or local user name of whoever wrote it. */
  author: string;
  /** True only when EPM itself wrote the comment; markers elsewhere are ignored. */
  byEpm: boolean;
  /** Raw Markdown body. */
  body: string;
  /** ISO-8601 creation time. */
  createdAt: string;
}

/** An issue as the tracker holds it right now. */
export interface TrackerIssue {
  number: number;
  title: string;
  body: string;
  author: string;
  /** Label names, in the order the tracker returns them. */
  labels: string[];
  /** Comments in creation order. */
  comments: TrackerComment[];
  open: boolean;
  createdAt: string;
}

/** A one-line view of an issue for listings. */
export interface TrackerIssueSummary {
  number: number;
  title: string;
  labels: string[];
  open: boolean;
}

/** Input to create an issue. */
export interface NewIssue {
  title: string;
  body: string;
  labels: string[];
  author: string;
}

/** Options for a new comment. */
export interface CommentOptions {
  /** Write as EPM (markers are trusted only then) or as the named human. */
  as: { kind: 'epm' } | { kind: 'human'; author: string };
}

/** The tracker the engine reads state from and writes markers to. */
export interface Tracker {
  /** Creates an issue and returns it with its new number. */
  createIssue(input: NewIssue): Promise<TrackerIssue>;
  /** Reads the whole current state of one issue; throws IssueNotFoundError. */
  getIssue(number: number): Promise<TrackerIssue>;
  /** Lists issues, open ones only unless `all` is set. */
  listIssues(options?: { all?: boolean }): Promise<TrackerIssueSummary[]>;
  /** Appends a comment and returns it. */
  addComment(number: number, body: string, options: CommentOptions): Promise<TrackerComment>;
  /** Adds and removes labels in one step; adding a present label or removing an absent one is a no-op. */
  updateLabels(number: number, change: { add?: string[]; remove?: string[] }): Promise<void>;
  /** Closes (or reopens) the issue. */
  setOpen(number: number, open: boolean): Promise<void>;
  /**
   * Runs `fn` while holding the issue's single-writer lock, so two engines
   * never interleave their writes to one issue.
   */
  withIssueLock<T>(number: number, fn: () => Promise<T>): Promise<T>;
}
