/**
 * The emulated repository's state: issues (pull requests are issues with a
 * `pull` part, sharing their numbers as on GitHub), comments, labels,
 * reactions, reviews and review comments, releases and their assets. Ids
 * are increasing integers from one counter, timestamps come from the
 * injected clock. Branch heads are read from a bare git repository standing
 * in for the remote, when there is one.
 *
 * Records hold logins, not user objects; `rest-views.ts` renders them as
 * GitHub's JSON.
 */

import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';

/** A user's permission on the repository, as the collaborator-permission API names it. */
export type Permission = 'admin' | 'write' | 'read' | 'none';

/** A GitHub account the emulator knows. */
export interface EmulatedUser {
  permission: Permission;
  /** `Bot` for apps such as `github-actions[bot]`; default `User`. */
  type?: 'User' | 'Bot';
}

/** The reaction contents GitHub accepts. */
export type ReactionContent = '+1' | '-1' | 'laugh' | 'confused' | 'heart' | 'hooray' | 'rocket' | 'eyes';

/** The states of a submitted review, as the REST API spells them. */
export type ReviewState = 'APPROVED' | 'CHANGES_REQUESTED' | 'COMMENTED';

/** An issue, or the issue half of a pull request. */
export interface IssueRecord {
  number: number;
  id: number;
  title: string;
  body: string | null;
  user: string;
  labels: string[];
  assignees: string[];
  state: 'open' | 'closed';
  stateReason: 'completed' | 'not_planned' | 'reopened' | 'duplicate' | null;
  createdAt: string;
  updatedAt: string;
  closedAt: string | null;
  closedBy: string | null;
  /** Set when the issue is a pull request. */
  pull?: PullRecord;
}

/** The pull-request half of an issue. */
export interface PullRecord {
  id: number;
  /** Branch name of the head, without owner. */
  head: string;
  /** `owner/repo` the head branch lives in; another repository is a fork. */
  headRepoFullName: string;
  base: string;
  draft: boolean;
  /** Head sha last seen (from git, or made up when there is no git); answers when the branch is gone. */
  lastHeadSha: string;
  /** Head sha the last `synchronize` payload reported as `after`. */
  syncedSha: string;
}

/** A comment on an issue or pull request's conversation. */
export interface CommentRecord {
  id: number;
  issueNumber: number;
  user: string;
  body: string;
  createdAt: string;
  updatedAt: string;
}

/** A submitted review. */
export interface ReviewRecord {
  id: number;
  pullNumber: number;
  user: string;
  state: ReviewState;
  body: string;
  commitId: string;
  submittedAt: string;
}

/** A review comment on a line of the diff. */
export interface ReviewCommentRecord {
  id: number;
  pullNumber: number;
  reviewId: number | null;
  user: string;
  path: string;
  line: number;
  body: string;
  commitId: string;
  createdAt: string;
  updatedAt: string;
}

/** A repository label. */
export interface LabelRecord {
  id: number;
  name: string;
  color: string;
  description: string | null;
}

/** A reaction to an issue comment. */
export interface ReactionRecord {
  id: number;
  commentId: number;
  user: string;
  content: ReactionContent;
  createdAt: string;
}

/** A release. */
export interface ReleaseRecord {
  id: number;
  tagName: string;
  targetCommitish: string;
  name: string | null;
  body: string | null;
  draft: boolean;
  prerelease: boolean;
  author: string;
  createdAt: string;
  publishedAt: string | null;
}

/** An uploaded release asset. */
export interface AssetRecord {
  id: number;
  releaseId: number;
  name: string;
  label: string | null;
  contentType: string;
  content: Buffer;
  uploader: string;
  createdAt: string;
  updatedAt: string;
}

/** An artifact attestation: a Sigstore bundle stored for the subjects its statement names. */
export interface AttestationRecord {
  id: number;
  bundle: Record<string, unknown>;
  /** `sha256:<hex>` of each subject of the signed statement. */
  subjectDigests: string[];
  predicateType: string;
  by: string;
}

/** What the store is built from. */
export interface StoreOptions {
  owner: string;
  repo: string;
  users: Readonly<Record<string, EmulatedUser>>;
  gitDir?: string;
  now?: () => Date;
  defaultBranch?: string;
  /**
   * Checks a bundle sent to the attestations API the way GitHub does (the
   * signature, the certificate's issuer being a Sigstore instance it trusts);
   * returns why it is refused, or undefined. Default: every bundle refused.
   */
  checkAttestation?: (bundle: Record<string, unknown>) => string | undefined;
  /** The repository's visibility; default public. (It decides which Sigstore instance `@actions/attest` signs with.) */
  visibility?: 'public' | 'private';
}

/** GitHub's timestamp form: ISO 8601 in UTC, whole seconds. */
export function timestamp(date: Date): string {
  return date.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/** The emulated repository. */
export class GitHubStore {
  readonly owner: string;
  readonly repo: string;
  readonly defaultBranch: string;
  readonly createdAt: string;
  readonly visibility: 'public' | 'private';
  readonly issues = new Map<number, IssueRecord>();
  readonly comments = new Map<number, CommentRecord>();
  readonly reviews = new Map<number, ReviewRecord>();
  readonly reviewComments = new Map<number, ReviewCommentRecord>();
  readonly reactions = new Map<number, ReactionRecord>();
  readonly releases = new Map<number, ReleaseRecord>();
  readonly assets = new Map<number, AssetRecord>();
  readonly attestations = new Map<number, AttestationRecord>();
  /** Labels by lower-cased name (GitHub's label names are case-insensitive). */
  private readonly labels = new Map<string, LabelRecord>();
  private readonly userIds = new Map<string, number>();
  private lastId = 1000;
  private lastUserId = 100;

  constructor(private readonly options: StoreOptions) {
    this.owner = options.owner;
    this.visibility = options.visibility ?? 'public';
    this.repo = options.repo;
    this.defaultBranch = options.defaultBranch ?? 'main';
    for (const login of Object.keys(options.users)) this.userId(login);
    this.createdAt = this.now();
  }

  /** `owner/repo`. */
  get fullName(): string {
    return `${this.owner}/${this.repo}`;
  }

  /** The injected clock, as a GitHub timestamp. */
  now(): string {
    return timestamp((this.options.now ?? (() => new Date()))());
  }

  /** The next id of any object (one counter: ids of different kinds never collide). */
  nextId(): number {
    this.lastId += 1;
    return this.lastId;
  }

  /** A login's account id, assigned on first sight. */
  userId(login: string): number {
    let id = this.userIds.get(login);
    if (id === undefined) {
      this.lastUserId += 1;
      id = this.lastUserId;
      this.userIds.set(login, id);
    }
    return id;
  }

  /** The login's account type; the repository owner is an organization unless listed as a user. */
  userType(login: string): 'User' | 'Bot' | 'Organization' {
    const listed = this.options.users[login];
    if (listed) return listed.type ?? 'User';
    if (login === this.owner) return 'Organization';
    return login.endsWith('[bot]') ? 'Bot' : 'User';
  }

  /** The login's permission, or undefined for a login the emulator does not know. */
  permissionOf(login: string): Permission | undefined {
    return this.options.users[login]?.permission;
  }

  /** Whether the login may push (write or admin). */
  canWrite(login: string): boolean {
    const permission = this.permissionOf(login);
    return permission === 'write' || permission === 'admin';
  }

  // ---- labels ---------------------------------------------------------------

  /** The label named `name` (any case), created with GitHub's default color when missing. */
  ensureLabel(name: string): LabelRecord {
    const key = name.toLowerCase();
    let label = this.labels.get(key);
    if (!label) {
      label = { id: this.nextId(), name, color: 'ededed', description: null };
      this.labels.set(key, label);
    }
    return label;
  }

  /** The stored label named `name` (any case). */
  label(name: string): LabelRecord | undefined {
    return this.labels.get(name.toLowerCase());
  }

  // ---- issues -------------------------------------------------------------

  /** Opens an issue; labels are created on the fly. */
  createIssue(input: { title: string; body: string | null; user: string; labels?: readonly string[]; assignees?: readonly string[]; pull?: Omit<PullRecord, 'id' | 'lastHeadSha' | 'syncedSha'> }): IssueRecord {
    const at = this.now();
    const issue: IssueRecord = {
      number: this.issues.size + 1,
      id: this.nextId(),
      title: input.title,
      body: input.body,
      user: input.user,
      labels: [],
      assignees: [...new Set(input.assignees ?? [])],
      state: 'open',
      stateReason: null,
      createdAt: at,
      updatedAt: at,
      closedAt: null,
      closedBy: null,
    };
    this.setLabels(issue, input.labels ?? []);
    if (input.pull) {
      const sha = this.branchSha(input.pull.head, input.pull.headRepoFullName) ?? fakeSha(`${input.pull.headRepoFullName}:${input.pull.head}`);
      issue.pull = { ...input.pull, id: this.nextId(), lastHeadSha: sha, syncedSha: sha };
    }
    this.issues.set(issue.number, issue);
    return issue;
  }

  /** Replaces an issue's labels (names in the stored labels' case). */
  setLabels(issue: IssueRecord, names: readonly string[]): void {
    issue.labels = [];
    this.addLabels(issue, names);
  }

  /** Adds labels an issue does not have yet, creating them on the fly. */
  addLabels(issue: IssueRecord, names: readonly string[]): void {
    for (const name of names) {
      const label = this.ensureLabel(name);
      if (!issue.labels.includes(label.name)) issue.labels.push(label.name);
    }
  }

  /** Removes a label from an issue; false when the issue does not have it. */
  removeLabel(issue: IssueRecord, name: string): boolean {
    const index = issue.labels.findIndex((l) => l.toLowerCase() === name.toLowerCase());
    if (index < 0) return false;
    issue.labels.splice(index, 1);
    return true;
  }

  /** Opens, closes or reopens an issue, keeping GitHub's closed_at, closed_by and state_reason. */
  setState(issue: IssueRecord, state: 'open' | 'closed', by: string, reason?: IssueRecord['stateReason']): void {
    if (state === issue.state) {
      if (reason !== undefined && state === 'closed') issue.stateReason = reason;
      return;
    }
    issue.state = state;
    if (state === 'closed') {
      issue.closedAt = this.now();
      issue.closedBy = by;
      issue.stateReason = issue.pull ? null : (reason ?? 'completed');
    } else {
      issue.closedAt = null;
      issue.closedBy = null;
      issue.stateReason = issue.pull ? null : 'reopened';
    }
  }

  /** Marks an issue updated now. */
  touch(issue: IssueRecord): void {
    issue.updatedAt = this.now();
  }

  /** Comments of an issue, in creation order. */
  commentsOf(issueNumber: number): CommentRecord[] {
    return [...this.comments.values()].filter((c) => c.issueNumber === issueNumber);
  }

  /** Adds a comment to an issue's conversation. */
  addComment(issue: IssueRecord, user: string, body: string): CommentRecord {
    const at = this.now();
    const comment: CommentRecord = { id: this.nextId(), issueNumber: issue.number, user, body, createdAt: at, updatedAt: at };
    this.comments.set(comment.id, comment);
    this.touch(issue);
    return comment;
  }

  /** Reacts to a comment; `created` is false when the user already reacted with this content. */
  react(comment: CommentRecord, user: string, content: ReactionContent): { reaction: ReactionRecord; created: boolean } {
    const existing = [...this.reactions.values()].find((r) => r.commentId === comment.id && r.user === user && r.content === content);
    if (existing) return { reaction: existing, created: false };
    const reaction: ReactionRecord = { id: this.nextId(), commentId: comment.id, user, content, createdAt: this.now() };
    this.reactions.set(reaction.id, reaction);
    return { reaction, created: true };
  }

  /** Reactions to a comment, oldest first. */
  reactionsOf(commentId: number): ReactionRecord[] {
    return [...this.reactions.values()].filter((r) => r.commentId === commentId);
  }

  // ---- pull requests --------------------------------------------------------

  /** All pull requests (their issues), by number. */
  pulls(): IssueRecord[] {
    return [...this.issues.values()].filter((i) => i.pull !== undefined);
  }

  /** Current head sha of a pull request: the branch in git, else the last one seen. */
  headSha(pull: PullRecord): string {
    const sha = this.branchSha(pull.head, pull.headRepoFullName);
    if (sha !== undefined) pull.lastHeadSha = sha;
    return pull.lastHeadSha;
  }

  /** Current sha of a branch of this repository (made up, stable, when there is no git). */
  baseSha(branch: string): string {
    return this.branchSha(branch, this.fullName) ?? fakeSha(`${this.fullName}:${branch}`);
  }

  /** Adds a submitted review, with its line comments. */
  addReview(issue: IssueRecord, input: { user: string; state: ReviewState; body?: string; commitId: string; comments?: readonly { path: string; line: number; body: string }[] }): ReviewRecord {
    const at = this.now();
    const review: ReviewRecord = { id: this.nextId(), pullNumber: issue.number, user: input.user, state: input.state, body: input.body ?? '', commitId: input.commitId, submittedAt: at };
    this.reviews.set(review.id, review);
    for (const c of input.comments ?? []) {
      const comment: ReviewCommentRecord = { id: this.nextId(), pullNumber: issue.number, reviewId: review.id, user: input.user, path: c.path, line: c.line, body: c.body, commitId: input.commitId, createdAt: at, updatedAt: at };
      this.reviewComments.set(comment.id, comment);
    }
    this.touch(issue);
    return review;
  }

  // ---- attestations ---------------------------------------------------------

  /** Why GitHub would refuse this bundle, or undefined when it accepts it. */
  attestationProblem(bundle: Record<string, unknown>): string | undefined {
    return this.options.checkAttestation ? this.options.checkAttestation(bundle) : 'no Sigstore instance is trusted by this emulator';
  }

  // ---- releases -------------------------------------------------------------

  /** The published release of a tag (drafts have no tag yet, as on GitHub). */
  releaseByTag(tag: string): ReleaseRecord | undefined {
    return [...this.releases.values()].find((r) => r.tagName === tag && !r.draft);
  }

  /** Assets of a release, oldest first. */
  assetsOf(releaseId: number): AssetRecord[] {
    return [...this.assets.values()].filter((a) => a.releaseId === releaseId);
  }

  // ---- git ------------------------------------------------------------------

  /** Sha of `branch` in the bare repository standing in for `repoFullName`; undefined without one, or for a fork's branch. */
  branchSha(branch: string, repoFullName: string = this.fullName): string | undefined {
    if (this.options.gitDir === undefined || repoFullName !== this.fullName) return undefined;
    try {
      return execFileSync('git', ['--git-dir', this.options.gitDir, 'rev-parse', '--verify', '--quiet', `refs/heads/${branch}^{commit}`], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
    } catch {
      return undefined;
    }
  }

  /** Whether a bare repository stands in for the remote. */
  get hasGit(): boolean {
    return this.options.gitDir !== undefined;
  }

  /** Whether commit `ancestor` is reachable from `descendant` in git (false without git). */
  isAncestor(ancestor: string, descendant: string): boolean {
    if (this.options.gitDir === undefined) return false;
    try {
      execFileSync('git', ['--git-dir', this.options.gitDir, 'merge-base', '--is-ancestor', ancestor, descendant], { stdio: 'ignore' });
      return true;
    } catch {
      return false;
    }
  }
}

/** A stable, made-up commit sha for a name (when there is no git to ask). */
export function fakeSha(name: string): string {
  return createHash('sha1').update(`emulated ${name}`).digest('hex');
}
