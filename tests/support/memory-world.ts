/**
 * In-memory implementations of the ports for engine tests: fast, deterministic,
 * and counting every side effect so tests can prove nothing happened twice.
 * A `faults` hook lets a test make the N-th mutating call fail (crash sweep).
 */
import { createHash } from 'node:crypto';
import type { Authorizer, Permission } from '../../src/ports/authorizer.js';
import type { CheckRunner, CheckSpec } from '../../src/ports/checks.js';
import type { Compute, RunHandle, RunObservation, RunSpec } from '../../src/ports/compute.js';
import type { CommentOptions, NewIssue, Tracker, TrackerComment, TrackerIssue, TrackerIssueSummary } from '../../src/ports/tracker.js';
import type { CommitResult, DiffSince, Workspace, Worktree } from '../../src/ports/workspace.js';
import type { CheckOutcome } from '../../src/domain/gates.js';
import type { LaunchCapture, ProvenanceStore, RunCollection } from '../../src/ports/provenance-store.js';
import type { LinkCheck, LinkChecker } from '../../src/ports/link-checker.js';
import type { Provenance } from '../../src/domain/provenance.js';
import { conflict } from '../../src/domain/errors.js';

/** Thrown by an injected fault. */
export class InjectedCrash extends Error {
  constructor(readonly at: string) {
    super(`injected crash at ${at}`);
  }
}

/** Counts mutating calls and throws at the chosen one. */
export class Faults {
  calls = 0;
  crashAt: number | undefined;
  readonly log: string[] = [];
  hit(what: string): void {
    this.calls += 1;
    this.log.push(what);
    if (this.crashAt !== undefined && this.calls === this.crashAt) {
      this.crashAt = undefined;
      throw new InjectedCrash(what);
    }
  }
}

/** A tracker held in memory. */
export class MemoryTracker implements Tracker {
  readonly issues = new Map<number, TrackerIssue>();
  private seq = 0;
  private lock: Promise<void> = Promise.resolve();
  constructor(private readonly faults = new Faults()) {}

  async createIssue(input: NewIssue): Promise<TrackerIssue> {
    const number = this.issues.size + 1;
    const issue: TrackerIssue = { number, title: input.title, body: input.body, author: input.author, labels: [...input.labels], comments: [], open: true, createdAt: new Date(0).toISOString() };
    this.issues.set(number, issue);
    return structuredClone(issue);
  }
  async getIssue(number: number): Promise<TrackerIssue> {
    const issue = this.issues.get(number);
    if (!issue) throw new Error(`no issue ${number}`);
    return structuredClone(issue);
  }
  async listIssues(options?: { all?: boolean }): Promise<TrackerIssueSummary[]> {
    return [...this.issues.values()].filter((i) => options?.all || i.open).map((i) => ({ number: i.number, title: i.title, labels: [...i.labels], open: i.open }));
  }
  async addComment(number: number, body: string, options: CommentOptions): Promise<TrackerComment> {
    this.faults.hit(`comment:${options.as.kind}:${/epm:([a-z-]+)/.exec(body)?.[1] ?? body.slice(0, 20)}`);
    const issue = this.issues.get(number)!;
    this.seq += 1;
    const comment: TrackerComment = {
      id: `c${this.seq}`,
      author: options.as.kind === 'epm' ? 'epm' : options.as.author,
      byEpm: options.as.kind === 'epm',
      body,
      createdAt: new Date(this.seq * 1000).toISOString(),
    };
    issue.comments.push(comment);
    return structuredClone(comment);
  }
  /** Appends a comment as a human, outside the engine (a person typing on the issue). */
  humanSays(number: number, author: string, body: string): TrackerComment {
    this.seq += 1;
    const comment = { id: `c${this.seq}`, author, byEpm: false, body, createdAt: new Date(this.seq * 1000).toISOString() };
    this.issues.get(number)!.comments.push(comment);
    return comment;
  }
  async updateLabels(number: number, change: { add?: string[]; remove?: string[] }): Promise<void> {
    this.faults.hit(`labels:${(change.add ?? []).join(',')}`);
    const issue = this.issues.get(number)!;
    issue.labels = [...issue.labels.filter((l) => !(change.remove ?? []).includes(l)), ...(change.add ?? []).filter((l) => !issue.labels.includes(l))];
  }
  async setOpen(number: number, open: boolean): Promise<void> {
    this.issues.get(number)!.open = open;
  }
  async withIssueLock<T>(_number: number, fn: () => Promise<T>): Promise<T> {
    const previous = this.lock;
    let release!: () => void;
    this.lock = new Promise((resolve) => (release = resolve));
    await previous;
    try {
      return await fn();
    } finally {
      release();
    }
  }
}

/** A workspace whose branches are file maps; commit ids are content hashes. */
export class MemoryWorkspace implements Workspace {
  readonly trees = new Map<string, { files: Map<string, string>; head: string; commits: number }>();
  readonly tags = new Map<string, string>();
  worktreesCreated = 0;
  constructor(private readonly faults = new Faults()) {}

  private tree(branch: string) {
    const tree = this.trees.get(branch);
    if (!tree) throw new Error(`no worktree ${branch}`);
    return tree;
  }
  async ensureWorktree(branch: string): Promise<Worktree> {
    if (!this.trees.has(branch)) {
      this.faults.hit(`worktree:${branch}`);
      this.trees.set(branch, { files: new Map(), head: 'base000000000000000000000000000000000000', commits: 0 });
      this.worktreesCreated += 1;
    }
    return { path: `/mem/${branch}`, branch, head: this.tree(branch).head };
  }
  async findWorktree(branch: string): Promise<Worktree | undefined> {
    return this.trees.has(branch) ? { path: `/mem/${branch}`, branch, head: this.tree(branch).head } : undefined;
  }
  async head(branch: string): Promise<string> {
    return this.tree(branch).head;
  }
  async writeFiles(branch: string, files: Readonly<Record<string, string | Uint8Array>>): Promise<void> {
    this.faults.hit(`write:${Object.keys(files).join(',')}`);
    for (const [path, content] of Object.entries(files)) this.tree(branch).files.set(path, typeof content === 'string' ? content : Buffer.from(content).toString('base64'));
  }
  async listFiles(branch: string): Promise<string[]> {
    return [...this.tree(branch).files.keys()].sort();
  }
  async readFile(branch: string, path: string): Promise<string | undefined> {
    return this.tree(branch).files.get(path);
  }
  async missingFiles(branch: string, paths: readonly string[]): Promise<string[]> {
    return paths.filter((p) => !this.tree(branch).files.has(p));
  }
  async commitAll(branch: string): Promise<CommitResult> {
    const tree = this.tree(branch);
    const content = JSON.stringify([...tree.files.entries()].sort());
    const sha = createHash('sha1').update(content).digest('hex');
    if (sha === tree.head) return { sha, created: false };
    this.faults.hit(`commit:${branch}`);
    tree.head = sha;
    tree.commits += 1;
    return { sha, created: true };
  }
  async diff(branch: string): Promise<string> {
    return [...this.tree(branch).files.keys()].map((f) => `+++ b/${f}`).join('\n');
  }
  /** No history is kept: callers fall back to the whole diff. */
  async diffSince(): Promise<DiffSince | undefined> {
    return undefined;
  }
  async tag(name: string, sha: string): Promise<void> {
    const existing = this.tags.get(name);
    if (existing === sha) return;
    if (existing) throw new Error(`tag ${name} exists at ${existing}`);
    this.faults.hit(`tag:${name}`);
    this.tags.set(name, sha);
  }
  async removeWorktree(branch: string): Promise<void> {
    this.trees.delete(branch);
  }
}

/** Compute whose runs end after a scripted number of inspections. */
export class MemoryCompute implements Compute {
  readonly runs = new Map<string, { spec: RunSpec; inspections: number; released: boolean; starts: number; startedAt: string }>();
  /** Inspections before a run exits; exit code per run id (default 0). */
  inspectionsToExit = 2;
  exitCodes = new Map<string, number>();
  findingsFor = new Map<string, RunObservation['findings']>();
  onLaunch: ((spec: RunSpec) => void) | undefined;
  now: () => Date = () => new Date(0);
  constructor(private readonly faults = new Faults()) {}

  async launch(spec: RunSpec): Promise<RunHandle> {
    let run = this.runs.get(spec.runId);
    if (!run) {
      this.faults.hit(`launch:${spec.runId}`);
      run = { spec, inspections: 0, released: false, starts: 1, startedAt: this.now().toISOString() };
      this.runs.set(spec.runId, run);
      this.onLaunch?.(spec);
    }
    return { runId: spec.runId, logPath: `/mem/runs/${spec.runId}/run.log`, runDir: `/mem/runs/${spec.runId}`, startedAt: run.startedAt };
  }
  async inspect(runId: string): Promise<RunObservation> {
    const run = this.runs.get(runId);
    if (!run) return { runId, state: 'unknown', findings: [] };
    run.inspections += 1;
    const findings = this.findingsFor.get(runId) ?? [];
    if (findings.length) return { runId, state: 'running', findings };
    if (run.released || run.inspections >= this.inspectionsToExit) {
      return { runId, state: 'exited', findings: [], sentinel: { exitCode: this.exitCodes.get(runId) ?? 0, signal: null, endedAt: this.now().toISOString() } };
    }
    return { runId, state: 'running', phase: 'train', findings: [] };
  }
  async release(runId: string): Promise<void> {
    const run = this.runs.get(runId);
    if (run && !run.released) {
      this.faults.hit(`release:${runId}`);
      run.released = true;
    }
  }
}

/** Everyone may do everything, except the listed actors. */
export class ListAuthorizer implements Authorizer {
  constructor(private readonly refused: ReadonlySet<string> = new Set()) {}
  async check(actor: string, _permission: Permission): Promise<string | undefined> {
    return this.refused.has(actor) ? `${actor} lacks write access` : undefined;
  }
}

/** Checks that all pass, or fail while `failing` is set. */
export class ScriptedChecks implements CheckRunner {
  failing = false;
  runs = 0;
  async run(_cwd: string, checks: readonly CheckSpec[]): Promise<CheckOutcome[]> {
    this.runs += 1;
    return checks.map((c) => ({ name: c.name, command: c.command, ok: !this.failing, output: this.failing ? 'error TS2304' : 'ok' }));
  }
}

/** Provenance kept in memory: launches captured, statements written, files hashed from the memory workspace. */
export class MemoryProvenanceStore implements ProvenanceStore {
  readonly launches = new Map<string, LaunchCapture>();
  readonly statements = new Map<string, Provenance>();
  dirty: string[] = [];
  trackedRun: RunCollection['trackedRun'] = null;
  constructor(private readonly workspace: MemoryWorkspace, private readonly faults = new Faults()) {}

  private files(worktree: string) {
    return this.workspace.trees.get(worktree.replace('/mem/', ''))?.files ?? new Map<string, string>();
  }
  async captureLaunch(runId: string, worktree: string): Promise<LaunchCapture> {
    if (this.dirty.length) throw conflict(`the worktree has uncommitted changes: ${this.dirty.join(', ')}`, { hint: 'commit or remove them' });
    const capture: LaunchCapture = {
      commit: this.workspace.trees.get(worktree.replace('/mem/', ''))?.head ?? 'x',
      environment: { os: { platform: 'linux', release: '6', kernel: '6.1', arch: 'x64' }, node: 'v20', python: null, pipFreezeSha256: null, variables: {}, nvidiaSmi: null, absent: { python: 'python3 not found', nvidiaSmi: 'nvidia-smi not found' } },
      compute: { provider: 'local', podId: null, gpuType: null, gpuCount: 0, image: null, imageDigest: null, driver: null, cuda: null, absent: { gpu: 'nvidia-smi not found' } },
      lockfiles: [],
      pipFreezeSha256: null,
    };
    this.launches.set(runId, capture);
    return capture;
  }
  async readLaunch(runId: string): Promise<LaunchCapture | undefined> {
    return this.launches.get(runId);
  }
  async collect(_runId: string, worktree: string, declared: { outputs: readonly string[]; inputs: readonly string[] }): Promise<RunCollection> {
    const files = this.files(worktree);
    const under = (path: string, prefix: string) => path === prefix || path.startsWith(`${prefix.replace(/\/+$/, '')}/`);
    const created = [...files.entries()]
      .filter(([path]) => declared.outputs.some((o) => under(path, o)))
      .map(([path, content]) => ({ path, sha256: sha256Of(content), size: content.length }));
    return { created, used: [], missingInputs: [], log: { path: '/mem/run.log', sha256: sha256Of('log') }, config: null, trackedRun: this.trackedRun, trackedArtifacts: [] };
  }
  async writeStatement(runId: string, statement: Provenance): Promise<{ path: string; sha256: string }> {
    this.faults.hit(`statement:${runId}`);
    this.statements.set(runId, statement);
    return { path: `/mem/runs/${runId}/provenance.json`, sha256: sha256Of(JSON.stringify(statement)) };
  }
  async hashNow(root: string, paths: readonly string[]): Promise<Map<string, string | undefined>> {
    const files = this.files(root);
    return new Map(paths.map((p) => [p, files.has(p) ? sha256Of(files.get(p)!) : undefined]));
  }
}

const sha256Of = (text: string) => createHash('sha256').update(text).digest('hex');

/** Links that answer unless listed as dead. */
export class MemoryLinks implements LinkChecker {
  readonly dead = new Set<string>();
  async check(url: string): Promise<LinkCheck> {
    return this.dead.has(url) ? { url, ok: false, status: 404, error: 'answers 404' } : { url, ok: true, status: 200 };
  }
}
