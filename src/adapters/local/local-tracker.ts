/**
 * The Tracker port in local mode: issues are folders under `<root>/issues/`.
 *
 * Issue N is `<root>/issues/<N>/events.jsonl`, an append-only log that is the
 * only source of truth; reading an issue folds its log. Writes hold the
 * issue's lock file `<root>/issues/<N>/lock`; new issue numbers are handed out
 * under `<root>/issues.lock`. Reads take no lock and tolerate a torn last line.
 */

import { randomUUID } from 'node:crypto';
import { mkdir, readdir, rename, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { badInput, external, isEpmError, notFound } from '../../domain/errors.js';
import type {
  CommentOptions,
  NewIssue,
  Tracker,
  TrackerComment,
  TrackerIssue,
  TrackerIssueSummary,
} from '../../ports/tracker.js';
import { withFileLock, type FileLockOptions } from './file-lock.js';
import { appendJsonl, readJsonl, syncDirectory } from './jsonl-log.js';

/** Options of `LocalTracker`. */
export interface LocalTrackerOptions {
  /** The folder holding `issues/` and `issues.lock`, typically `<repo>/.epm`. */
  root: string;
  /** Source of the time stamped on each event; defaults to the system clock. */
  clock?: () => Date;
  /** Timeouts of the lock files; see `FileLockOptions`. */
  lock?: FileLockOptions;
}

/** Author name recorded on comments EPM writes in local mode. */
export const LOCAL_EPM_AUTHOR = 'epm';

const baseEvent = { seq: z.number().int().positive(), at: z.string().min(1) };

/** One line of an issue's `events.jsonl`. */
const issueEventSchema = z.discriminatedUnion('type', [
  z.object({
    ...baseEvent,
    type: z.literal('created'),
    title: z.string(),
    body: z.string(),
    author: z.string(),
    labels: z.array(z.string()),
  }),
  z.object({
    ...baseEvent,
    type: z.literal('comment'),
    id: z.string(),
    author: z.string(),
    byEpm: z.boolean(),
    body: z.string(),
  }),
  z.object({ ...baseEvent, type: z.literal('labels'), add: z.array(z.string()), remove: z.array(z.string()) }),
  z.object({ ...baseEvent, type: z.literal('open'), open: z.boolean() }),
]);

type IssueEvent = z.infer<typeof issueEventSchema>;
type CommentEvent = Extract<IssueEvent, { type: 'comment' }>;

/** An issue folded from its log, with the sequence number of its last event. */
interface FoldedIssue {
  issue: TrackerIssue;
  lastSeq: number;
}

const LIST_HINT = 'run "epm list" to see issue numbers';
const ISSUE_FOLDER = /^[1-9][0-9]*$/;
const TEMP_PREFIX = '.tmp-';

/**
 * Serializes in-process writers of one log. Across processes the lock file
 * does this, but several writes started in parallel inside one
 * `withIssueLock` share that lock and must still not pick the same seq.
 */
const logQueues = new Map<string, Promise<unknown>>();

async function serializeInProcess<T>(key: string, fn: () => Promise<T>): Promise<T> {
  const run = (logQueues.get(key) ?? Promise.resolve()).then(fn);
  const tail = run.catch(() => undefined);
  logQueues.set(key, tail);
  try {
    return await run;
  } finally {
    if (logQueues.get(key) === tail) logQueues.delete(key);
  }
}

/** Local-mode tracker keeping each issue as an append-only event log under `root`. */
export class LocalTracker implements Tracker {
  private readonly root: string;
  private readonly clock: () => Date;
  private readonly lockOptions: FileLockOptions;

  constructor(options: LocalTrackerOptions) {
    this.root = options.root;
    this.clock = options.clock ?? (() => new Date());
    this.lockOptions = options.lock ?? {};
  }

  /** Creates issue max+1 (1 for the first) atomically: it appears whole or not at all. */
  async createIssue(input: NewIssue): Promise<TrackerIssue> {
    const title = input.title.trim();
    if (title === '') throw badInput('issue title is empty', { hint: 'give the issue a short descriptive title' });
    const author = requireAuthor(input.author);
    const labels = normalizeLabels(input.labels);

    return this.wrap('create an issue', undefined, async () => {
      await mkdir(this.issuesDir(), { recursive: true });
      return withFileLock(
        join(this.root, 'issues.lock'),
        async () => {
          const number = (await this.highestIssueNumber()) + 1;
          const event: IssueEvent = {
            seq: 1,
            at: this.now(),
            type: 'created',
            title,
            body: input.body,
            author,
            labels,
          };
          // Built in a temporary folder and renamed into place, so a crash never leaves a half-made issue.
          const temp = join(this.issuesDir(), `${TEMP_PREFIX}${number}-${randomUUID()}`);
          await mkdir(temp);
          await appendJsonl(join(temp, 'events.jsonl'), event);
          await syncDirectory(temp);
          await rename(temp, this.issueDir(number));
          await syncDirectory(this.issuesDir());
          return foldIssue(number, this.eventsPath(number), [event]).issue;
        },
        this.lockOptions,
      );
    });
  }

  /** Folds the issue's log; throws `not-found` for a missing issue and `bad-input` for a corrupt log. */
  async getIssue(number: number): Promise<TrackerIssue> {
    assertIssueNumber(number);
    return this.wrap('read the issue', number, async () => (await this.readIssue(number)).issue);
  }

  /** Open issues by ascending number, or every issue with `all`. */
  async listIssues(options: { all?: boolean } = {}): Promise<TrackerIssueSummary[]> {
    return this.wrap('list issues', undefined, async () => {
      const numbers = await this.issueNumbers();
      const issues = await Promise.all(
        numbers.map(async (number) => {
          try {
            return (await this.readIssue(number)).issue;
          } catch (error) {
            // A numbered folder without a log is not an issue (nothing EPM writes looks like that).
            if (isEpmError(error) && error.code === 'not-found') return undefined;
            throw error;
          }
        }),
      );
      return issues
        .filter((issue): issue is TrackerIssue => issue !== undefined && (options.all === true || issue.open))
        .map(({ number, title, labels, open }) => ({ number, title, labels, open }));
    });
  }

  /** Appends a comment with id `c<seq>`; an empty body is `bad-input`. */
  async addComment(number: number, body: string, options: CommentOptions): Promise<TrackerComment> {
    assertIssueNumber(number);
    if (body.trim() === '') throw badInput('comment body is empty', { issue: number, hint: 'write the comment text' });
    const byEpm = options.as.kind === 'epm';
    const author = options.as.kind === 'epm' ? LOCAL_EPM_AUTHOR : requireAuthor(options.as.author);

    let written: TrackerComment | undefined;
    await this.append(number, 'add a comment', (_issue, seq, at) => {
      const event: CommentEvent = { seq, at, type: 'comment', id: `c${seq}`, author, byEpm, body };
      written = toComment(event);
      return event;
    });
    if (written === undefined) throw external(`comment on #${number} was not written`, { issue: number });
    return written;
  }

  /** Records only the labels that actually change; writes nothing when none do. */
  async updateLabels(number: number, change: { add?: string[]; remove?: string[] }): Promise<void> {
    assertIssueNumber(number);
    const add = normalizeLabels(change.add ?? []);
    const remove = normalizeLabels(change.remove ?? []);
    const both = add.find((label) => remove.includes(label));
    if (both !== undefined) {
      throw badInput(`label "${both}" is both added and removed`, {
        issue: number,
        hint: 'list each label in either add or remove, not both',
      });
    }
    if (add.length === 0 && remove.length === 0) return;

    await this.append(number, 'update labels', (issue, seq, at) => {
      const adding = add.filter((label) => !issue.labels.includes(label));
      const removing = remove.filter((label) => issue.labels.includes(label));
      if (adding.length === 0 && removing.length === 0) return undefined;
      return { seq, at, type: 'labels', add: adding, remove: removing };
    });
  }

  /** Closes or reopens the issue; writes nothing when it is already so. */
  async setOpen(number: number, open: boolean): Promise<void> {
    assertIssueNumber(number);
    await this.append(number, open ? 'reopen the issue' : 'close the issue', (issue, seq, at) =>
      issue.open === open ? undefined : { seq, at, type: 'open', open },
    );
  }

  /**
   * Runs `fn` holding the issue's lock file. Writes to this issue started
   * inside `fn` (from any LocalTracker on this root) run under that same hold
   * instead of waiting for it; other processes and other async contexts wait.
   */
  async withIssueLock<T>(number: number, fn: () => Promise<T>): Promise<T> {
    assertIssueNumber(number);
    await this.wrap('lock the issue', number, () => this.assertExists(number));
    return withFileLock(this.lockPath(number), fn, this.lockOptions);
  }

  /**
   * Under the issue's lock, folds the log and appends the event `build`
   * returns for the next seq, if any.
   */
  private async append(
    number: number,
    action: string,
    build: (issue: TrackerIssue, seq: number, at: string) => IssueEvent | undefined,
  ): Promise<void> {
    await this.wrap(action, number, async () => {
      await this.assertExists(number);
      return withFileLock(
        this.lockPath(number),
        () =>
          serializeInProcess(this.eventsPath(number), async () => {
            const { issue, lastSeq } = await this.readIssue(number);
            const event = build(issue, lastSeq + 1, this.now());
            if (event !== undefined) await appendJsonl(this.eventsPath(number), event);
          }),
        this.lockOptions,
      );
    });
  }

  private async readIssue(number: number): Promise<FoldedIssue> {
    const path = this.eventsPath(number);
    let records: unknown[];
    try {
      ({ records } = await readJsonl(path));
    } catch (error) {
      if (isEpmError(error) && error.code === 'not-found') throw issueNotFound(number, error);
      throw error;
    }
    return foldIssue(number, path, records);
  }

  private async assertExists(number: number): Promise<void> {
    try {
      await stat(this.eventsPath(number));
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') throw issueNotFound(number, error);
      throw error;
    }
  }

  /** Numbers of the issue folders, ascending; also clears temporary folders of crashed creations. */
  private async issueNumbers(): Promise<number[]> {
    let names: string[];
    try {
      names = await readdir(this.issuesDir());
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
      throw error;
    }
    return names
      .filter((name) => ISSUE_FOLDER.test(name))
      .map(Number)
      .filter(Number.isSafeInteger)
      .sort((a, b) => a - b);
  }

  /** Highest existing issue number, or 0. Call under `issues.lock` only: it removes leftover temp folders. */
  private async highestIssueNumber(): Promise<number> {
    const names = await readdir(this.issuesDir());
    await Promise.all(
      names
        .filter((name) => name.startsWith(TEMP_PREFIX))
        .map((name) => rm(join(this.issuesDir(), name), { recursive: true, force: true })),
    );
    const numbers = await this.issueNumbers();
    return numbers.at(-1) ?? 0;
  }

  /** Runs `fn`, turning unexpected file-system failures into `external` errors naming the action. */
  private async wrap<T>(action: string, issue: number | undefined, fn: () => Promise<T>): Promise<T> {
    try {
      return await fn();
    } catch (error) {
      if (isEpmError(error)) throw error;
      const message = error instanceof Error ? error.message : String(error);
      throw external(`could not ${action} in ${this.root}: ${message}`, {
        cause: error,
        ...(issue === undefined ? {} : { issue }),
        hint: `check that ${this.root} is readable and writable and the disk is not full`,
      });
    }
  }

  private now(): string {
    return this.clock().toISOString();
  }

  private issuesDir(): string {
    return join(this.root, 'issues');
  }

  private issueDir(number: number): string {
    return join(this.issuesDir(), String(number));
  }

  private eventsPath(number: number): string {
    return join(this.issueDir(number), 'events.jsonl');
  }

  private lockPath(number: number): string {
    return join(this.issueDir(number), 'lock');
  }
}

/**
 * Folds an issue's records in order. Every record must be a valid event with
 * a rising seq, and the first must be the only `created` one.
 */
function foldIssue(number: number, path: string, records: unknown[]): FoldedIssue {
  let issue: TrackerIssue | undefined;
  let lastSeq = 0;
  for (const [index, record] of records.entries()) {
    const line = index + 1;
    const corrupt = (what: string) =>
      badInput(`${path} line ${line}: ${what}, so the log is corrupt`, {
        issue: number,
        hint: `restore ${path} from a backup, or fix line ${line} by hand`,
      });
    const parsed = issueEventSchema.safeParse(record);
    if (!parsed.success) throw corrupt(`not a valid event (${z.prettifyError(parsed.error).replace(/\n/g, ' ')})`);
    const event = parsed.data;
    if (event.seq <= lastSeq) throw corrupt(`seq ${event.seq} does not follow seq ${lastSeq}`);
    lastSeq = event.seq;

    if (event.type === 'created') {
      if (issue !== undefined) throw corrupt('a second "created" event');
      issue = {
        number,
        title: event.title,
        body: event.body,
        author: event.author,
        labels: [...event.labels],
        comments: [],
        open: true,
        createdAt: event.at,
      };
      continue;
    }
    if (issue === undefined) throw corrupt(`a "${event.type}" event before the "created" event`);
    if (event.type === 'comment') {
      issue.comments.push(toComment(event));
    } else if (event.type === 'labels') {
      const kept = issue.labels.filter((label) => !event.remove.includes(label));
      issue.labels = [...kept, ...event.add.filter((label) => !kept.includes(label))];
    } else {
      issue.open = event.open;
    }
  }
  if (issue === undefined) {
    throw badInput(`${path} has no "created" event, so the log is corrupt`, {
      issue: number,
      hint: `restore ${path} from a backup`,
    });
  }
  return { issue, lastSeq };
}

function toComment(event: CommentEvent): TrackerComment {
  return { id: event.id, author: event.author, byEpm: event.byEpm, body: event.body, createdAt: event.at };
}

function issueNotFound(number: number, cause: unknown) {
  return notFound(`issue #${number} does not exist`, { issue: number, hint: LIST_HINT, cause });
}

function assertIssueNumber(number: number): void {
  if (!Number.isSafeInteger(number) || number <= 0) {
    throw badInput(`issue number must be a positive integer, got ${String(number)}`, { hint: LIST_HINT });
  }
}

function requireAuthor(author: string): string {
  const trimmed = author.trim();
  if (trimmed === '') throw badInput('author is empty', { hint: 'pass the local user name as the author' });
  return trimmed;
}

/** Trims and de-duplicates label names, keeping first occurrences in order; an empty name is `bad-input`. */
function normalizeLabels(labels: readonly string[]): string[] {
  const result: string[] = [];
  for (const raw of labels) {
    const label = raw.trim();
    if (label === '') throw badInput('a label name is empty', { hint: 'remove the empty label name' });
    if (!result.includes(label)) result.push(label);
  }
  return result;
}
