/**
 * An in-memory Hugging Face Hub on 127.0.0.1 for tests: it serves exactly the
 * REST routes `@huggingface/hub` calls for `modelInfo`, `repoExists`,
 * `listFiles`, `createRepo` and `uploadFiles`/`commit` over the LFS protocol
 * (basic and multipart transfers), keeps repositories as chains of commits
 * holding their files' content, and computes git blob ids and LFS sha256s as
 * the Hub does.
 *
 * Routes:
 *
 *     GET  /api/models/:ns/:name                         repo-info   (ApiModelInfo)
 *     GET  /api/models/:ns/:name/revision/:rev           model-info  (ApiModelInfo)
 *     GET  /api/models/:ns/:name/tree/:rev[/:path]       tree        (ApiIndexTreeEntry[], Link pagination)
 *     POST /api/repos/create                             create-repo (ApiCreateRepoPayload → WireCreateRepoResponse)
 *     POST /api/models/:ns/:name/preupload/:rev          preupload   (ApiPreuploadRequest → ApiPreuploadResponse)
 *     POST /:ns/:name.git/info/lfs/objects/batch         lfs-batch   (ApiLfsBatchRequest → ApiLfsBatchResponse)
 *     PUT  /lfs-storage/:oid?sig=…                       lfs-upload  (the "presigned" URL a basic transfer gets)
 *     PUT  /lfs-storage/:oid/part/:n?sig=…               lfs-part    (one part of a multipart transfer)
 *     POST /lfs-storage/:oid/complete?sig=…              lfs-complete (ApiLfsCompleteMultipartRequest)
 *     POST /api/models/:ns/:name/commit/:rev             commit      (NDJSON: ApiCommitHeader, ApiCommitOperation… → WireCommitResponse)
 *
 * Every JSON request body it reads and every JSON answer it sends (errors
 * included, as WireErrorBody) is checked against the schemas generated from
 * the package's types (`schemas.ts`). A request that fails is answered 400; an
 * answer that fails is replaced by a 500. Either is recorded in `violations`,
 * a route it does not serve in `unknownRoutes`, and a crash of a handler in
 * `internalErrors`; `assertClean()` fails the test on any of them.
 *
 * Behaviour as on the Hub: bearer tokens (an unknown token is a 401 on every
 * API route; a read token cannot write, 403); private repositories are
 * invisible to others (404, or 401 without a token); a new repository starts
 * with an "initial commit" holding `.gitattributes`; preupload answers "lfs"
 * for files of 10 MiB or more, binary samples and paths `.gitattributes`
 * tracks; a commit with a stale `parentCommit` is refused with 412; a commit
 * naming an LFS object that was never uploaded is refused with 422; LFS paths
 * are added to `.gitattributes` by the commit. Faults: `failNext` answers a
 * route with a 5xx before (or, with `afterHandling`, after) doing its work.
 */

import { createHash, randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createHubSchemaChecker, type HubSchemaChecker, type HubSchemaName } from './schemas.js';

/** Who a token belongs to. */
export interface EmulatorUser {
  /** User name, also their namespace. */
  user: string;
  /** Whether the token may write; default false (a read token). */
  write?: boolean;
  /** Organisations the user may write to. */
  orgs?: readonly string[];
}

/** Options of `HubEmulator.start`. */
export interface HubEmulatorOptions {
  /** Known tokens; any other bearer token is refused with 401. */
  tokens?: Readonly<Record<string, EmulatorUser>>;
  /** LFS objects larger than this are offered as multipart transfers with parts of this size; default never. */
  multipartChunkSize?: number;
  /** Tree entries per page before a `Link: rel="next"` header; default 1000. */
  treePageSize?: number;
  /** Size from which preupload answers "lfs"; default 10 MiB. */
  lfsThreshold?: number;
}

/** The routes the emulator serves. */
export type HubRoute =
  | 'repo-info'
  | 'model-info'
  | 'tree'
  | 'create-repo'
  | 'preupload'
  | 'lfs-batch'
  | 'lfs-upload'
  | 'lfs-part'
  | 'lfs-complete'
  | 'commit';

/** An injected failure. */
export interface HubFault {
  /** The route to fail. */
  route: HubRoute;
  /** Status to answer; default 503. */
  status?: number;
  /** How many requests in a row to fail; default 1. */
  times?: number;
  /** Do the route's work first and fail only the answer (a lost answer); default false. */
  afterHandling?: boolean;
}

/** A request or answer that did not match its schema. */
export interface SchemaViolation {
  /** `METHOD path` of the request. */
  request: string;
  direction: 'request' | 'response';
  schema: HubSchemaName;
  problems: string[];
}

/** One request as the emulator saw it (no headers, so no tokens). */
export interface RecordedRequest {
  method: string;
  path: string;
  route: HubRoute | undefined;
  status: number;
}

interface StoredFile {
  size: number;
  gitOid: string;
  /** Content of a regular (non-LFS) file. */
  content?: Buffer;
  lfs?: { oid: string; size: number; pointerSize: number };
  /** The commit that last changed the file. */
  lastCommit: string;
}

interface Commit {
  id: string;
  parent: string | undefined;
  title: string;
  date: string;
  author: string;
  files: Map<string, StoredFile>;
}

interface Repo {
  dbId: string;
  namespace: string;
  name: string;
  private: boolean;
  createdAt: string;
  branches: Map<string, string>;
  commits: Map<string, Commit>;
  lfs: Map<string, Buffer>;
}

interface PendingUpload {
  repoKey: string;
  oid: string;
  size: number;
  partCount: number;
  parts: Map<number, { content: Buffer; etag: string }>;
}

type Who = { kind: 'anonymous' } | { kind: 'invalid' } | { kind: 'user'; user: EmulatorUser };

interface Outcome {
  status: number;
  json?: unknown;
  /** Schema of `json`; an array of it when `array`. */
  schema?: HubSchemaName;
  array?: boolean;
  headers?: Record<string, string>;
  contentType?: string;
}

interface Match {
  route: HubRoute;
  namespace?: string;
  name?: string;
  rev?: string;
  path?: string;
  oid?: string;
  part?: number;
}

const MIB = 1024 * 1024;
const MAX_BODY = 256 * MIB;
const SHA256_HEX = /^[0-9a-f]{64}$/;
const COMMIT_HEX = /^[0-9a-f]{40}$/;

/** The `.gitattributes` a new model repository starts with (the Hub's default, abridged). */
export const DEFAULT_GITATTRIBUTES = [
  '*.7z', '*.arrow', '*.bin', '*.bz2', '*.ckpt', '*.ftz', '*.gz', '*.h5', '*.joblib', '*.lfs.*', '*.mlmodel', '*.model',
  '*.msgpack', '*.npy', '*.npz', '*.onnx', '*.ot', '*.parquet', '*.pb', '*.pickle', '*.pkl', '*.pt', '*.pth', '*.rar',
  '*.safetensors', 'saved_model/**/*', '*.tar.*', '*.tar', '*.tflite', '*.tgz', '*.wasm', '*.xz', '*.zip', '*.zst', '*tfevents*',
]
  .map((pattern) => `${pattern} filter=lfs diff=lfs merge=lfs -text\n`)
  .join('');

/** git blob id of `content`. */
export const gitBlobOid = (content: Buffer): string => createHash('sha1').update(`blob ${content.length}\0`).update(content).digest('hex');

/** The git LFS pointer file of an object. */
export const lfsPointer = (oid: string, size: number): Buffer =>
  Buffer.from(`version https://git-lfs.github.com/spec/v1\noid sha256:${oid}\nsize ${size}\n`);

/** An in-memory Hugging Face Hub listening on 127.0.0.1. */
export class HubEmulator {
  /** Base URL, e.g. `http://127.0.0.1:41234`; pass it as `hubUrl`. */
  readonly url: string;
  /** Requests and answers that failed their schema. */
  readonly violations: SchemaViolation[] = [];
  /** `METHOD path` of requests to routes the emulator does not serve. */
  readonly unknownRoutes: string[] = [];
  /** Handler crashes (bugs of the emulator). */
  readonly internalErrors: string[] = [];
  /** Every request, in arrival order. */
  readonly requests: RecordedRequest[] = [];

  private readonly repos = new Map<string, Repo>();
  private readonly pending = new Map<string, PendingUpload>();
  private readonly faults: Required<HubFault>[] = [];
  private readonly tampers: { route: HubRoute; mutate: (json: unknown) => unknown }[] = [];
  private readonly tokens: Readonly<Record<string, EmulatorUser>>;
  private readonly multipartChunkSize: number | undefined;
  private readonly treePageSize: number;
  private readonly lfsThreshold: number;
  private commitCounter = 0;

  private constructor(
    private readonly server: Server,
    private readonly schemas: HubSchemaChecker,
    options: HubEmulatorOptions,
  ) {
    const { port } = server.address() as AddressInfo;
    this.url = `http://127.0.0.1:${port}`;
    this.tokens = options.tokens ?? {};
    this.multipartChunkSize = options.multipartChunkSize;
    this.treePageSize = options.treePageSize ?? 1000;
    this.lfsThreshold = options.lfsThreshold ?? 10 * MIB;
  }

  /** Starts an emulator on a port the OS picks. */
  static async start(options: HubEmulatorOptions = {}): Promise<HubEmulator> {
    const schemas = createHubSchemaChecker();
    // The server exists before the emulator that serves it; requests cannot arrive before listen() returns.
    const holder: { emulator?: HubEmulator } = {};
    const server = createServer((req, res) => {
      if (!holder.emulator) {
        res.writeHead(503).end();
        return;
      }
      void holder.emulator.handle(req, res);
    });
    await new Promise<void>((done, fail) => {
      server.once('error', fail);
      server.listen(0, '127.0.0.1', () => done());
    });
    holder.emulator = new HubEmulator(server, schemas, options);
    return holder.emulator;
  }

  /** Stops listening and drops open connections. */
  async stop(): Promise<void> {
    await new Promise<void>((done) => {
      this.server.close(() => done());
      this.server.closeAllConnections();
    });
  }

  /** Fails the next request(s) to `fault.route`. */
  failNext(fault: HubFault): void {
    this.faults.push({ status: 503, times: 1, afterHandling: false, ...fault });
  }

  /**
   * Passes the next JSON answer of `route` through `mutate` before it is
   * checked and sent: lets a test prove that a malformed answer is caught.
   */
  tamperNext(route: HubRoute, mutate: (json: unknown) => unknown): void {
    this.tampers.push({ route, mutate });
  }

  /** How many requests reached `route` (failed ones included). */
  count(route: HubRoute): number {
    return this.requests.filter((r) => r.route === route).length;
  }

  /** Commit ids of `repo`'s main branch, newest first; undefined when the repo does not exist. */
  commitsOf(repo: string): string[] | undefined {
    const stored = this.repos.get(repo);
    if (!stored) return undefined;
    const ids: string[] = [];
    for (let id = stored.branches.get('main'); id !== undefined; id = stored.commits.get(id)?.parent) ids.push(id);
    return ids;
  }

  /** Whether `repo` exists and is private. */
  isPrivate(repo: string): boolean | undefined {
    return this.repos.get(repo)?.private;
  }

  /** Content of a file at a revision (LFS objects resolved), for assertions. */
  contentOf(repo: string, revision: string, path: string): Buffer | undefined {
    const stored = this.repos.get(repo);
    const commit = stored && this.commitAt(stored, revision);
    const file = commit?.files.get(path);
    if (!stored || !file) return undefined;
    return file.lfs ? stored.lfs.get(file.lfs.oid) : file.content;
  }

  /** Throws when any request or answer broke its schema, hit an unknown route or crashed a handler. */
  assertClean(): void {
    const problems = [
      ...this.violations.map((v) => `${v.direction} of ${v.request} fails ${v.schema}: ${v.problems.join('; ')}`),
      ...this.unknownRoutes.map((r) => `unknown route ${r}`),
      ...this.internalErrors.map((e) => `emulator crash: ${e}`),
    ];
    if (problems.length > 0) throw new Error(`Hub emulator saw problems:\n${problems.join('\n')}`);
  }

  // ---- dispatch -----------------------------------------------------------

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const method = req.method ?? 'GET';
    const url = new URL(req.url ?? '/', this.url);
    const record: RecordedRequest = { method, path: `${url.pathname}${url.search}`, route: undefined, status: 0 };
    this.requests.push(record);
    const label = `${method} ${url.pathname}`;
    let outcome: Outcome;
    try {
      const body = await readBody(req);
      const match = matchRoute(method, url.pathname);
      record.route = match?.route;
      if (body === undefined) outcome = fail(413, 'request body too large');
      else if (!match) {
        this.unknownRoutes.push(label);
        outcome = fail(404, `no route ${label}`);
      } else {
        const fault = this.takeFault(match.route);
        if (fault && !fault.afterHandling) outcome = fail(fault.status, 'injected failure');
        else {
          outcome = this.route(match, req, url, body, label);
          if (fault) outcome = fail(fault.status, 'injected failure after the work was done');
          const tamper = this.tampers.find((t) => t.route === match.route);
          if (tamper && outcome.json !== undefined) {
            this.tampers.splice(this.tampers.indexOf(tamper), 1);
            outcome = { ...outcome, json: tamper.mutate(outcome.json) };
          }
        }
      }
    } catch (error) {
      this.internalErrors.push(`${label}: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
      outcome = fail(500, 'emulator crashed');
    }
    record.status = this.send(res, outcome, label);
  }

  private takeFault(route: HubRoute): Required<HubFault> | undefined {
    const fault = this.faults.find((f) => f.route === route && f.times > 0);
    if (!fault) return undefined;
    fault.times -= 1;
    if (fault.times === 0) this.faults.splice(this.faults.indexOf(fault), 1);
    return fault;
  }

  private send(res: ServerResponse, outcome: Outcome, label: string): number {
    const { schema } = outcome;
    let { status, json } = outcome;
    let contentType = outcome.contentType ?? 'application/json';
    const headers: Record<string, string> = { 'X-Request-Id': randomBytes(8).toString('hex'), ...outcome.headers };
    if (json !== undefined && schema !== undefined) {
      const problems = outcome.array ? this.schemas.checkArray(schema, json) : this.schemas.check(schema, json);
      if (problems.length > 0) {
        this.violations.push({ request: label, direction: 'response', schema, problems });
        status = 500;
        json = { error: `the emulator's answer failed its schema ${schema}` };
        contentType = 'application/json';
      }
    }
    if (json === undefined) {
      res.writeHead(status, headers).end();
      return status;
    }
    res.writeHead(status, { ...headers, 'Content-Type': contentType }).end(JSON.stringify(json));
    return status;
  }

  private route(match: Match, req: IncomingMessage, url: URL, body: Buffer, label: string): Outcome {
    const who = this.who(req);
    const onStorage = match.route === 'lfs-upload' || match.route === 'lfs-part' || match.route === 'lfs-complete';
    if (!onStorage && who.kind === 'invalid') return fail(401, 'Invalid credentials in Authorization header');
    switch (match.route) {
      case 'repo-info':
        return this.modelInfo(match, 'main', who);
      case 'model-info':
        return this.modelInfo(match, match.rev ?? 'main', who);
      case 'tree':
        return this.tree(match, url, who);
      case 'create-repo':
        return this.createRepo(this.readJson(body, 'ApiCreateRepoPayload', label), who);
      case 'preupload':
        return this.preupload(match, this.readJson(body, 'ApiPreuploadRequest', label), who);
      case 'lfs-batch':
        return this.lfsBatch(match, this.readJson(body, 'ApiLfsBatchRequest', label), who);
      case 'lfs-upload':
        return this.lfsUpload(match, url, body);
      case 'lfs-part':
        return this.lfsPart(match, url, body);
      case 'lfs-complete':
        return this.lfsComplete(match, url, this.readJson(body, 'ApiLfsCompleteMultipartRequest', label));
      case 'commit':
        return this.commit(match, req, body, who, label);
    }
  }

  /** Parses and checks a JSON request body; an Outcome (400) when it is not valid. */
  private readJson(body: Buffer, schema: HubSchemaName, label: string): unknown {
    let value: unknown;
    try {
      value = JSON.parse(body.toString('utf8'));
    } catch {
      return fail(400, 'request body is not JSON');
    }
    const problems = this.schemas.check(schema, value);
    if (problems.length > 0) {
      this.violations.push({ request: label, direction: 'request', schema, problems });
      return fail(400, `request body does not match ${schema}`);
    }
    return value;
  }

  private who(req: IncomingMessage): Who {
    const header = req.headers.authorization;
    if (header === undefined) return { kind: 'anonymous' };
    const token = /^Bearer (.+)$/.exec(header)?.[1];
    const user = token === undefined ? undefined : this.tokens[token];
    return user ? { kind: 'user', user } : { kind: 'invalid' };
  }

  // ---- access -------------------------------------------------------------

  private owns(who: Who, namespace: string): boolean {
    return who.kind === 'user' && (who.user.user === namespace || (who.user.orgs ?? []).includes(namespace));
  }

  /** The repository when `who` may read it, else the Hub's answer (401 without a token, 404 with one). */
  private readable(namespace: string | undefined, name: string | undefined, who: Who): Repo | Outcome {
    const repo = this.repos.get(`${namespace}/${name}`);
    if (!repo || (repo.private && !this.owns(who, repo.namespace))) {
      return fail(who.kind === 'anonymous' ? 401 : 404, 'Repository not found', { 'X-Error-Code': 'RepoNotFound' });
    }
    return repo;
  }

  private writable(namespace: string | undefined, name: string | undefined, who: Who): Repo | Outcome {
    const repo = this.readable(namespace, name, who);
    if (isOutcome(repo)) return repo;
    if (who.kind !== 'user' || !who.user.write || !this.owns(who, repo.namespace)) {
      return fail(403, 'Forbidden: you must use a write token to upload to a repository', { 'X-Error-Code': 'Forbidden' });
    }
    return repo;
  }

  private commitAt(repo: Repo, rev: string): Commit | undefined {
    const id = repo.branches.get(rev) ?? (COMMIT_HEX.test(rev) ? rev : undefined);
    return id === undefined ? undefined : repo.commits.get(id);
  }

  // ---- read routes ----------------------------------------------------------

  private modelInfo(match: Match, rev: string, who: Who): Outcome {
    const repo = this.readable(match.namespace, match.name, who);
    if (isOutcome(repo)) return repo;
    const commit = this.commitAt(repo, rev);
    if (!commit) return fail(404, `Invalid rev id: ${rev}`, { 'X-Error-Code': 'RevisionNotFound' });
    const paths = [...commit.files.keys()].sort();
    const info = {
      _id: repo.dbId,
      id: `${repo.namespace}/${repo.name}`,
      arxivIds: [],
      author: repo.namespace,
      ...(commit.files.has('README.md') ? { cardExists: true as const } : {}),
      cardError: null,
      config: {},
      contributors: [],
      disabled: false,
      discussionsDisabled: false,
      downloads: 0,
      downloadsAllTime: 0,
      files: paths,
      gitalyUid: createHash('sha256').update(repo.dbId).digest('hex').slice(0, 32),
      lastAuthor: { email: `${commit.author}@users.noreply.huggingface.co`, user: commit.author },
      lastModified: commit.date,
      likes: 0,
      likesRecent: 0,
      private: repo.private,
      gated: false as const,
      sha: commit.id,
      spaces: [],
      updatedAt: commit.date,
      createdAt: repo.createdAt,
      pipeline_tag: 'text-generation',
      tags: [],
      'model-index': null,
      siblings: paths.map((rfilename) => ({ rfilename })),
    };
    return { status: 200, json: info, schema: 'ApiModelInfo' };
  }

  private tree(match: Match, url: URL, who: Who): Outcome {
    const repo = this.readable(match.namespace, match.name, who);
    if (isOutcome(repo)) return repo;
    const rev = match.rev ?? 'main';
    const commit = this.commitAt(repo, rev);
    if (!commit) return fail(404, `Invalid rev id: ${rev}`, { 'X-Error-Code': 'RevisionNotFound' });
    const recursive = url.searchParams.get('recursive') === 'true';
    const expand = url.searchParams.get('expand') === 'true';
    const base = (match.path ?? '').replace(/\/+$/, '');

    const directories = new Set<string>();
    for (const path of commit.files.keys()) {
      const parts = path.split('/');
      for (let i = 1; i < parts.length; i++) directories.add(parts.slice(0, i).join('/'));
    }
    if (base !== '' && !directories.has(base)) return fail(404, `Entry not found: ${base}`, { 'X-Error-Code': 'EntryNotFound' });
    const inScope = (path: string): boolean => {
      if (base !== '' && !path.startsWith(`${base}/`)) return false;
      const rest = base === '' ? path : path.slice(base.length + 1);
      return recursive || !rest.includes('/');
    };
    const entries: unknown[] = [];
    for (const dir of [...directories].filter(inScope).sort()) {
      const listing = [...commit.files.entries()].filter(([p]) => p.startsWith(`${dir}/`)).map(([p, f]) => `${p}\0${f.gitOid}`).join('\n');
      entries.push({ type: 'directory', oid: createHash('sha1').update(listing).digest('hex'), size: 0, path: dir });
    }
    for (const [path, file] of [...commit.files.entries()].filter(([p]) => inScope(p)).sort(([a], [b]) => (a < b ? -1 : 1))) {
      const last = repo.commits.get(file.lastCommit);
      entries.push({
        type: 'file',
        oid: file.gitOid,
        size: file.size,
        path,
        ...(file.lfs ? { lfs: file.lfs } : {}),
        ...(expand && last ? { lastCommit: { id: last.id, title: last.title, date: last.date } } : {}),
      });
    }
    const cursor = Number(url.searchParams.get('cursor') ?? '0');
    const page = entries.slice(cursor, cursor + this.treePageSize);
    const headers: Record<string, string> = {};
    if (cursor + this.treePageSize < entries.length) {
      const next = new URL(url.href);
      next.searchParams.set('cursor', String(cursor + this.treePageSize));
      headers.Link = `<${next.href}>; rel="next"`;
    }
    return { status: 200, json: page, schema: 'ApiIndexTreeEntry', array: true, headers };
  }

  // ---- write routes -------------------------------------------------------

  private createRepo(payload: unknown, who: Who): Outcome {
    if (isOutcome(payload)) return payload;
    const p = payload as { name: string; type: string; organization?: string; visibility?: string; files?: { path: string; content: string; encoding?: string }[] };
    if (who.kind !== 'user') return fail(401, 'You must be authenticated to create a repository');
    if (p.type !== 'model') return fail(400, `the emulator serves model repositories only, not ${p.type}`);
    const namespace = p.organization ?? who.user.user;
    if (!who.user.write) return fail(403, 'Forbidden: you must use a write token to create a repository');
    if (!this.owns(who, namespace)) return fail(403, `You don't have the rights to create a model under the namespace "${namespace}"`);
    const key = `${namespace}/${p.name}`;
    if (!/^[A-Za-z0-9][A-Za-z0-9._-]*$/.test(p.name)) return fail(400, `Invalid repo name: ${p.name}`);
    const url = `${this.url}/${key}`;
    if (this.repos.has(key)) return fail(409, 'You already created this model repo', {}, { url });

    const now = new Date().toISOString();
    const repo: Repo = {
      dbId: randomBytes(12).toString('hex'),
      namespace,
      name: p.name,
      private: p.visibility === 'private' || p.visibility === 'protected',
      createdAt: now,
      branches: new Map(),
      commits: new Map(),
      lfs: new Map(),
    };
    const id = this.nextCommitId(undefined, 'initial commit');
    const files = new Map<string, StoredFile>();
    files.set('.gitattributes', regularFile(Buffer.from(DEFAULT_GITATTRIBUTES), id));
    for (const file of p.files ?? []) files.set(file.path, regularFile(Buffer.from(file.content, file.encoding === 'base64' ? 'base64' : 'utf8'), id));
    repo.commits.set(id, { id, parent: undefined, title: 'initial commit', date: now, author: who.user.user, files });
    repo.branches.set('main', id);
    this.repos.set(key, repo);
    return { status: 200, json: { url, name: key, id: repo.dbId }, schema: 'WireCreateRepoResponse' };
  }

  private preupload(match: Match, payload: unknown, who: Who): Outcome {
    if (isOutcome(payload)) return payload;
    const repo = this.writable(match.namespace, match.name, who);
    if (isOutcome(repo)) return repo;
    const rev = match.rev ?? 'main';
    const commit = this.commitAt(repo, rev);
    if (!commit) return fail(404, `Invalid rev id: ${rev}`, { 'X-Error-Code': 'RevisionNotFound' });
    const p = payload as { gitAttributes?: string; files: { path: string; size: number; sample: string }[] };
    const attributes = p.gitAttributes ?? commit.files.get('.gitattributes')?.content?.toString('utf8') ?? '';
    const files = p.files.map((file) => {
      const binary = Buffer.from(file.sample, 'base64').includes(0);
      const lfs = file.size >= this.lfsThreshold || binary || tracksLfs(attributes, file.path);
      return { path: file.path, uploadMode: lfs ? ('lfs' as const) : ('regular' as const) };
    });
    return { status: 200, json: { files }, schema: 'ApiPreuploadResponse' };
  }

  private lfsBatch(match: Match, payload: unknown, who: Who): Outcome {
    if (isOutcome(payload)) return payload;
    const repo = this.writable(match.namespace, match.name, who);
    if (isOutcome(repo)) return repo;
    const p = payload as { operation: string; transfers?: string[]; objects: { oid: string; size: number }[] };
    if (p.operation !== 'upload') return fail(400, 'the emulator serves LFS uploads only');
    const transfers = p.transfers ?? ['basic'];
    if (!transfers.includes('basic')) return fail(400, `no transfer the emulator offers among ${transfers.join(', ')}`);
    const repoKey = `${repo.namespace}/${repo.name}`;
    let multipart = false;
    const objects = p.objects.map((object) => {
      if (!SHA256_HEX.test(object.oid) || !Number.isInteger(object.size) || object.size < 0) {
        return { oid: object.oid, size: object.size, error: { code: 422, message: 'Invalid object: oid must be a sha256, size a non-negative integer' } };
      }
      if (repo.lfs.get(object.oid)?.length === object.size) return { oid: object.oid, size: object.size };
      const sig = randomBytes(16).toString('hex');
      const chunk = this.multipartChunkSize;
      if (chunk !== undefined && object.size > chunk && transfers.includes('multipart')) {
        multipart = true;
        const partCount = Math.ceil(object.size / chunk);
        this.pending.set(sig, { repoKey, oid: object.oid, size: object.size, partCount, parts: new Map() });
        const header: Record<string, string> = { chunk_size: String(chunk) };
        for (let n = 1; n <= partCount; n++) header[String(n)] = `${this.url}/lfs-storage/${object.oid}/part/${n}?sig=${sig}`;
        return { oid: object.oid, size: object.size, authenticated: true, actions: { upload: { href: `${this.url}/lfs-storage/${object.oid}/complete?sig=${sig}`, header, expires_in: 900 } } };
      }
      this.pending.set(sig, { repoKey, oid: object.oid, size: object.size, partCount: 1, parts: new Map() });
      return { oid: object.oid, size: object.size, authenticated: true, actions: { upload: { href: `${this.url}/lfs-storage/${object.oid}?sig=${sig}`, expires_in: 900 } } };
    });
    return {
      status: 200,
      json: { transfer: multipart ? 'multipart' : 'basic', objects },
      schema: 'ApiLfsBatchResponse',
      contentType: 'application/vnd.git-lfs+json',
    };
  }

  /** The pending upload a signed storage URL belongs to, or a 403 as storage answers. */
  private signed(match: Match, url: URL): PendingUpload | Outcome {
    const upload = this.pending.get(url.searchParams.get('sig') ?? '');
    if (!upload || upload.oid !== match.oid) return fail(403, 'AccessDenied: the upload URL is not valid for this object');
    return upload;
  }

  private store(upload: PendingUpload, content: Buffer, sig: string): Outcome {
    const oid = createHash('sha256').update(content).digest('hex');
    if (content.length !== upload.size || oid !== upload.oid) {
      return fail(400, `content (${content.length} bytes, sha256 ${oid}) does not match the announced object (${upload.size} bytes, ${upload.oid})`);
    }
    this.repos.get(upload.repoKey)?.lfs.set(oid, content);
    this.pending.delete(sig);
    return { status: 200, headers: { ETag: `"${createHash('md5').update(content).digest('hex')}"` } };
  }

  private lfsUpload(match: Match, url: URL, body: Buffer): Outcome {
    const upload = this.signed(match, url);
    if (isOutcome(upload)) return upload;
    if (upload.partCount !== 1) return fail(400, 'this object was offered as a multipart transfer');
    return this.store(upload, body, url.searchParams.get('sig') ?? '');
  }

  private lfsPart(match: Match, url: URL, body: Buffer): Outcome {
    const upload = this.signed(match, url);
    if (isOutcome(upload)) return upload;
    const n = match.part ?? 0;
    if (n < 1 || n > upload.partCount) return fail(400, `part ${n} is not one of the ${upload.partCount} parts`);
    const etag = `"${createHash('md5').update(body).digest('hex')}"`;
    upload.parts.set(n, { content: body, etag });
    return { status: 200, headers: { ETag: etag } };
  }

  private lfsComplete(match: Match, url: URL, payload: unknown): Outcome {
    if (isOutcome(payload)) return payload;
    const upload = this.signed(match, url);
    if (isOutcome(upload)) return upload;
    const p = payload as { oid: string; parts: { partNumber: number; etag: string }[] };
    if (p.oid !== upload.oid) return fail(400, `completion names ${p.oid}, not ${upload.oid}`);
    const chunks: Buffer[] = [];
    for (let n = 1; n <= upload.partCount; n++) {
      const part = upload.parts.get(n);
      const claimed = p.parts.find((x) => x.partNumber === n);
      if (!part || !claimed) return fail(400, `part ${n} of ${upload.partCount} is missing`);
      if (claimed.etag !== part.etag) return fail(400, `part ${n}: etag ${claimed.etag} is not the uploaded part's ${part.etag}`);
      chunks.push(part.content);
    }
    const stored = this.store(upload, Buffer.concat(chunks), url.searchParams.get('sig') ?? '');
    return stored.status === 200 ? { status: 200 } : stored;
  }

  private commit(match: Match, req: IncomingMessage, body: Buffer, who: Who, label: string): Outcome {
    if (!(req.headers['content-type'] ?? '').startsWith('application/x-ndjson')) return fail(400, 'a commit is sent as application/x-ndjson');
    const lines: unknown[] = [];
    for (const line of body.toString('utf8').split('\n')) {
      if (line.trim() === '') continue;
      try {
        lines.push(JSON.parse(line));
      } catch {
        return fail(400, 'a commit line is not JSON');
      }
    }
    const [header, ...operations] = lines;
    const h = header as { key?: unknown; value?: unknown } | undefined;
    if (h?.key !== 'header') return fail(400, 'the first commit line must be the header');
    for (const [schema, value] of [['ApiCommitHeader', h.value], ...operations.map((op) => ['ApiCommitOperation', op])] as [HubSchemaName, unknown][]) {
      const problems = this.schemas.check(schema, value);
      if (problems.length > 0) {
        this.violations.push({ request: label, direction: 'request', schema, problems });
        return fail(400, `commit line does not match ${schema}`);
      }
    }
    const repo = this.writable(match.namespace, match.name, who);
    if (isOutcome(repo)) return repo;
    const branch = match.rev ?? 'main';
    const headId = repo.branches.get(branch);
    const head = headId === undefined ? undefined : repo.commits.get(headId);
    if (!head) return fail(404, `Invalid rev id: ${branch}`, { 'X-Error-Code': 'RevisionNotFound' });
    const { summary, parentCommit } = h.value as { summary: string; description?: string; parentCommit?: string };
    if (parentCommit !== undefined && parentCommit !== head.id) return fail(412, 'A commit has happened since. Please refresh and try again.');

    const id = this.nextCommitId(head.id, summary);
    const files = new Map(head.files);
    const lfsPaths: string[] = [];
    for (const operation of operations as { key: string; value: { path: string; content?: string; encoding?: string; oid?: string; size?: number; oldPath?: string } }[]) {
      const { path } = operation.value;
      if (path.startsWith('/') || path.split('/').some((s) => s === '' || s === '..' || s === '.')) return fail(400, `Invalid path: ${path}`);
      if (operation.value.oldPath !== undefined) return fail(400, 'the emulator does not serve copies (oldPath)');
      if (operation.key === 'file') {
        if (operation.value.content === undefined) return fail(400, `file ${path} has no content`);
        files.set(path, regularFile(Buffer.from(operation.value.content, operation.value.encoding === 'base64' ? 'base64' : 'utf8'), id));
      } else if (operation.key === 'lfsFile') {
        const { oid, size } = operation.value;
        if (oid === undefined || size === undefined || repo.lfs.get(oid)?.length !== size) {
          return fail(422, `Your push was rejected because an LFS pointer pointed to a file that does not exist. For instance: ${path}`);
        }
        const pointer = lfsPointer(oid, size);
        files.set(path, { size, gitOid: gitBlobOid(pointer), lfs: { oid, size, pointerSize: pointer.length }, lastCommit: id });
        lfsPaths.push(path);
      } else if (!files.delete(path)) {
        return fail(404, `Entry not found: ${path}`, { 'X-Error-Code': 'EntryNotFound' });
      }
    }
    const attributes = files.get('.gitattributes')?.content?.toString('utf8') ?? '';
    const untracked = lfsPaths.filter((path) => !tracksLfs(attributes, path));
    if (untracked.length > 0) {
      const added = untracked.map((path) => `${path.replace(/ /g, '[[:space:]]')} filter=lfs diff=lfs merge=lfs -text\n`).join('');
      files.set('.gitattributes', regularFile(Buffer.from(`${attributes}${attributes.endsWith('\n') || attributes === '' ? '' : '\n'}${added}`), id));
    }
    repo.commits.set(id, { id, parent: head.id, title: summary, date: new Date().toISOString(), author: who.kind === 'user' ? who.user.user : 'anonymous', files });
    repo.branches.set(branch, id);
    return {
      status: 200,
      json: { commitOid: id, commitUrl: `${this.url}/${repo.namespace}/${repo.name}/commit/${id}`, hookOutput: '' },
      schema: 'WireCommitResponse',
    };
  }

  private nextCommitId(parent: string | undefined, title: string): string {
    this.commitCounter += 1;
    return createHash('sha1').update(`commit ${parent ?? 'root'}\n${title}\n${this.commitCounter}\n${randomBytes(8).toString('hex')}`).digest('hex');
  }
}

// ---- helpers --------------------------------------------------------------

function fail(status: number, error: string, headers: Record<string, string> = {}, extra: Record<string, string> = {}): Outcome {
  return { status, json: { error, ...extra }, schema: 'WireErrorBody', headers };
}

function isOutcome(value: unknown): value is Outcome {
  return typeof value === 'object' && value !== null && 'status' in value && typeof (value as Outcome).status === 'number' && !('dbId' in value);
}

function regularFile(content: Buffer, commit: string): StoredFile {
  return { size: content.length, gitOid: gitBlobOid(content), content, lastCommit: commit };
}

/** Reads a request body; undefined when it exceeds the limit. */
async function readBody(req: IncomingMessage): Promise<Buffer | undefined> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_BODY) return undefined;
    chunks.push(chunk);
  }
  return Buffer.concat(chunks);
}

/** The route of a request, with its decoded parameters. */
function matchRoute(method: string, pathname: string): Match | undefined {
  let segments: string[];
  try {
    segments = pathname.split('/').slice(1).map((s) => decodeURIComponent(s));
  } catch {
    return undefined;
  }
  const [a, b, c, d, ...rest] = segments;
  if (a === 'api' && b === 'models' && c !== undefined && d !== undefined) {
    const repo = { namespace: c, name: d };
    if (method === 'GET' && rest.length === 0) return { route: 'repo-info', ...repo };
    if (method === 'GET' && rest[0] === 'revision' && rest.length === 2) return { route: 'model-info', ...repo, rev: rest[1] };
    if (method === 'GET' && rest[0] === 'tree' && rest.length >= 2) return { route: 'tree', ...repo, rev: rest[1], path: rest.slice(2).join('/') };
    if (method === 'POST' && rest[0] === 'preupload' && rest.length === 2) return { route: 'preupload', ...repo, rev: rest[1] };
    if (method === 'POST' && rest[0] === 'commit' && rest.length === 2) return { route: 'commit', ...repo, rev: rest[1] };
    return undefined;
  }
  if (method === 'POST' && a === 'api' && b === 'repos' && c === 'create' && d === undefined) return { route: 'create-repo' };
  if (method === 'POST' && b?.endsWith('.git') && c === 'info' && d === 'lfs' && rest.join('/') === 'objects/batch') {
    return { route: 'lfs-batch', namespace: a, name: b.slice(0, -'.git'.length) };
  }
  if (a === 'lfs-storage' && b !== undefined) {
    if (method === 'PUT' && c === undefined) return { route: 'lfs-upload', oid: b };
    if (method === 'PUT' && c === 'part' && d !== undefined && rest.length === 0) return { route: 'lfs-part', oid: b, part: Number(d) };
    if (method === 'POST' && c === 'complete' && d === undefined) return { route: 'lfs-complete', oid: b };
  }
  return undefined;
}

/** Whether `.gitattributes` text routes `path` through LFS (`filter=lfs`), for `*`, `**` and `?` patterns. */
function tracksLfs(attributes: string, path: string): boolean {
  let tracked = false;
  for (const line of attributes.split('\n')) {
    const [pattern, ...attrs] = line.trim().split(/\s+/);
    if (!pattern || pattern.startsWith('#')) continue;
    const unescaped = pattern.replace(/\[\[:space:\]\]/g, ' ');
    const anchored = unescaped.includes('/');
    const source = unescaped
      .replace(/^\//, '')
      .split('**')
      .map((part) => part.split('*').map((p) => p.split('?').map(escapeRegex).join('[^/]')).join('[^/]*'))
      .join('.*');
    const subject = anchored ? path : (path.split('/').pop() ?? path);
    if (new RegExp(`^${source}$`).test(subject)) {
      if (attrs.includes('filter=lfs')) tracked = true;
      else if (attrs.includes('-filter') || attrs.includes('!filter')) tracked = false;
    }
  }
  return tracked;
}

function escapeRegex(text: string): string {
  return text.replace(/[.+^${}()|[\]\\]/g, '\\$&');
}
