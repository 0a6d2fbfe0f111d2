/**
 * An in-memory W&B on 127.0.0.1 serving `POST /graphql`. It really executes
 * GraphQL: the executable schema is built from schema.graphql (a documented
 * subset of W&B's public schema) and every incoming query is parsed and
 * validated against it — an invalid query answers 400 and is counted, so a
 * test fails if the adapter asks for a field W&B does not have. It checks the
 * basic-auth key (`api:<key>`), holds seeded runs, injects faults (the next N
 * requests answer a given status) and counts requests. Start and stop it
 * inside each test file.
 */

import { readFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  buildSchema,
  execute,
  GraphQLError,
  parse,
  validate,
  type DocumentNode,
  type GraphQLSchema,
} from 'graphql';

/** The schema subset, as SDL. */
export const WANDB_SCHEMA_SDL = readFileSync(new URL('./schema.graphql', import.meta.url), 'utf8');

/** A file of a seeded artifact version. */
export interface SeedFile {
  /** Path inside the artifact (W&B's `File.displayName`). */
  path: string;
  /** W&B's digest of the entry (base64 MD5 for stored files); null when W&B has none. */
  digest: string | null;
  size: number;
}

/** An artifact version the seeded run logged. */
export interface SeedArtifact {
  /** The artifact's name without version, e.g. `metrics`. */
  name: string;
  type: string;
  /** N of `name:vN`; null for a version W&B has not numbered. */
  versionIndex: number | null;
  /** The manifest digest. */
  digest: string;
  files: SeedFile[];
}

/** A run to seed. Config and summary are given as the user logged them; the emulator stores them as W&B does. */
export interface SeedRun {
  entity: string;
  project: string;
  runId: string;
  state?: string | null;
  /** Stored with each key wrapped as `{ "value": …, "desc": null }`, plus W&B's own `_wandb` key. */
  config?: Record<string, unknown>;
  /** The raw `config` JSONString, instead of `config` (to seed what the SDK would not write). */
  configJson?: string | null;
  summary?: Record<string, unknown>;
  /** The raw `summaryMetrics` JSONString, instead of `summary` (e.g. with a bare NaN). */
  summaryJson?: string | null;
  historyKeys?: string[];
  commit?: string | null;
  artifacts?: SeedArtifact[];
}

/** What the next faulty requests answer. */
export type WandbFault =
  | { status: number; retryAfter?: string; body?: string }
  | { graphqlError: string };

/** One request the emulator received. */
export interface RecordedRequest {
  operationName: string | null;
  query: string;
  variables: Record<string, unknown>;
  /** The status the emulator answered. */
  status: number;
}

/** An invalid query and why it was rejected. */
export interface InvalidQuery {
  query: string;
  errors: string[];
}

/** A running emulator. */
export interface WandbEmulator {
  /** `http://127.0.0.1:<port>`: pass it as the adapter's baseUrl. */
  readonly url: string;
  /** The one API key it accepts. */
  readonly apiKey: string;
  /** POST /graphql requests received, faulted ones included. */
  readonly requestCount: number;
  /** Queries that did not parse or validate against the schema subset. */
  readonly invalidQueries: readonly InvalidQuery[];
  /** Every request received, in order. */
  readonly requests: readonly RecordedRequest[];
  /** Seeds a run (replacing one with the same entity/project/runId). */
  addRun(run: SeedRun): void;
  /** Creates an empty project. */
  addProject(entity: string, project: string): void;
  /** The next `count` requests answer with `fault` (after query validation). */
  failNext(count: number, fault: WandbFault): void;
  /** Drops pending faults. */
  clearFaults(): void;
  /** Largest page a connection returns, whatever `first` asks. */
  setMaxPageSize(size: number): void;
  close(): Promise<void>;
}

/** Options of the emulator. */
export interface WandbEmulatorOptions {
  /** The key it accepts. Default `emulator-key-0123456789`. */
  apiKey?: string;
  /** Largest page a connection returns. Default 1000. */
  maxPageSize?: number;
}

interface StoredArtifact extends SeedArtifact {
  id: string;
}

interface StoredRun {
  runId: string;
  state: string | null;
  commit: string | null;
  config: string | null;
  summaryMetrics: string | null;
  historyKeys: unknown;
  artifacts: StoredArtifact[];
}

const MAX_BODY = 1024 * 1024;

/** Starts an emulator on 127.0.0.1 on a port the OS picks. */
export async function startWandbEmulator(options: WandbEmulatorOptions = {}): Promise<WandbEmulator> {
  const schema: GraphQLSchema = buildSchema(WANDB_SCHEMA_SDL);
  const apiKey = options.apiKey ?? 'emulator-key-0123456789';
  let maxPageSize = options.maxPageSize ?? 1000;
  const projects = new Map<string, Map<string, StoredRun>>();
  const artifactsById = new Map<string, StoredArtifact>();
  const faults: WandbFault[] = [];
  const requests: RecordedRequest[] = [];
  const invalidQueries: InvalidQuery[] = [];
  let requestCount = 0;
  let nextArtifact = 1;

  const projectKey = (entity: string, project: string) => `${entity}/${project}`;

  const connection = <T, N>(items: readonly T[], view: (item: T) => N, after: string | null | undefined, first: number | null | undefined) => {
    let start = 0;
    if (after !== null && after !== undefined) {
      const match = /^cursor:(\d+)$/.exec(Buffer.from(after, 'base64').toString('utf8'));
      if (!match) throw new GraphQLError(`invalid cursor "${after}"`);
      start = Number(match[1]) + 1;
    }
    if (first !== null && first !== undefined && first < 0) throw new GraphQLError('first must be non-negative');
    const size = Math.min(first ?? maxPageSize, maxPageSize);
    const slice = items.slice(start, start + size);
    const cursorOf = (index: number) => Buffer.from(`cursor:${index}`).toString('base64');
    return {
      pageInfo: {
        hasNextPage: start + slice.length < items.length,
        endCursor: slice.length ? cursorOf(start + slice.length - 1) : null,
      },
      edges: slice.map((item) => ({ node: view(item) })),
    };
  };

  const artifactView = (artifact: StoredArtifact) => ({
    id: artifact.id,
    digest: artifact.digest,
    versionIndex: artifact.versionIndex,
    artifactSequence: { name: artifact.name },
    artifactType: { name: artifact.type },
    files: (args: { names?: string[] | null; after?: string | null; first?: number | null }) =>
      connection(
        args.names ? artifact.files.filter((f) => args.names!.includes(f.path)) : artifact.files,
        (file: SeedFile) => ({ displayName: file.path, digest: file.digest, sizeBytes: file.size }),
        args.after,
        args.first,
      ),
  });

  const runView = (run: StoredRun) => ({
    name: run.runId,
    state: run.state,
    commit: run.commit,
    config: run.config,
    summaryMetrics: run.summaryMetrics,
    historyKeys: run.historyKeys,
    outputArtifacts: (args: { after?: string | null; first?: number | null }) => connection(run.artifacts, artifactView, args.after, args.first),
  });

  const rootValue = {
    project: (args: { name?: string | null; entityName?: string | null }) => {
      if (!args.name || !args.entityName) return null;
      const runs = projects.get(projectKey(args.entityName, args.name));
      if (!runs) return null;
      return {
        run: (runArgs: { name: string }) => {
          const run = runs.get(runArgs.name);
          return run ? runView(run) : null;
        },
      };
    },
    artifact: (args: { id: string }) => {
      const artifact = artifactsById.get(args.id);
      return artifact ? artifactView(artifact) : null;
    },
  };

  const send = (res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) => {
    const text = typeof body === 'string' ? body : JSON.stringify(body);
    res.writeHead(status, { 'content-type': typeof body === 'string' ? 'text/plain' : 'application/json', ...headers });
    res.end(text);
  };

  const authorized = (req: IncomingMessage): boolean => {
    const header = req.headers.authorization ?? '';
    const match = /^Basic (.+)$/.exec(header);
    if (!match) return false;
    const decoded = Buffer.from(match[1]!, 'base64').toString('utf8');
    return decoded === `api:${apiKey}`;
  };

  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    const path = new URL(req.url ?? '/', 'http://127.0.0.1').pathname;
    if (path !== '/graphql') return send(res, 404, { errors: [{ message: `no route ${path}` }] });
    if (req.method !== 'POST') return send(res, 405, { errors: [{ message: 'use POST' }] }, { allow: 'POST' });
    requestCount += 1;

    const chunks: Buffer[] = [];
    let size = 0;
    for await (const chunk of req as AsyncIterable<Buffer>) {
      size += chunk.length;
      if (size > MAX_BODY) return send(res, 413, { errors: [{ message: 'request body too large' }] });
      chunks.push(chunk);
    }
    const record: RecordedRequest = { operationName: null, query: '', variables: {}, status: 0 };
    requests.push(record);
    const answer = (status: number, body: unknown, headers?: Record<string, string>) => {
      record.status = status;
      send(res, status, body, headers);
    };
    const reject = (errors: string[]) => {
      invalidQueries.push({ query: record.query, errors });
      answer(400, { errors: errors.map((message) => ({ message })) });
    };

    let payload: { query?: unknown; variables?: unknown; operationName?: unknown };
    try {
      payload = JSON.parse(Buffer.concat(chunks).toString('utf8')) as typeof payload;
    } catch {
      return reject(['request body is not JSON']);
    }
    if (typeof payload !== 'object' || payload === null || typeof payload.query !== 'string') return reject(['request has no "query" string']);
    record.query = payload.query;
    record.operationName = typeof payload.operationName === 'string' ? payload.operationName : null;
    record.variables = typeof payload.variables === 'object' && payload.variables !== null ? (payload.variables as Record<string, unknown>) : {};

    let document: DocumentNode;
    try {
      document = parse(record.query);
    } catch (error) {
      return reject([(error as Error).message]);
    }
    const validationErrors = validate(schema, document);
    if (validationErrors.length) return reject(validationErrors.map((e) => e.message));

    if (!authorized(req)) return answer(401, { errors: [{ message: 'Unauthorized: invalid API key' }] });

    const fault = faults.shift();
    if (fault) {
      if ('graphqlError' in fault) return answer(200, { data: null, errors: [{ message: fault.graphqlError }] });
      return answer(fault.status, fault.body ?? { errors: [{ message: `injected HTTP ${fault.status}` }] }, fault.retryAfter === undefined ? {} : { 'retry-after': fault.retryAfter });
    }

    const result = await execute({ schema, document, rootValue, variableValues: record.variables, operationName: record.operationName });
    // A request whose variables do not fit its query never gets to run: a client bug, like an invalid query.
    if (!('data' in result) || result.data === undefined) return reject((result.errors ?? []).map((e) => e.message));
    answer(200, result.errors?.length ? { data: result.data, errors: result.errors.map((e) => ({ message: e.message, path: e.path })) } : { data: result.data });
  };

  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      if (!res.headersSent) send(res, 500, { errors: [{ message: `emulator failure: ${(error as Error).message}` }] });
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;

  const ensureProject = (entity: string, project: string) => {
    const key = projectKey(entity, project);
    let runs = projects.get(key);
    if (!runs) {
      runs = new Map();
      projects.set(key, runs);
    }
    return runs;
  };

  return {
    url: `http://127.0.0.1:${port}`,
    apiKey,
    get requestCount() {
      return requestCount;
    },
    get invalidQueries() {
      return invalidQueries;
    },
    get requests() {
      return requests;
    },
    addProject(entity, project) {
      ensureProject(entity, project);
    },
    addRun(seed) {
      const config =
        seed.configJson !== undefined
          ? seed.configJson
          : JSON.stringify({
              _wandb: { value: { cli_version: '0.21.0', python_version: '3.11.9' }, desc: null },
              ...Object.fromEntries(Object.entries(seed.config ?? {}).map(([k, v]) => [k, { value: v, desc: null }])),
            });
      const summaryMetrics = seed.summaryJson !== undefined ? seed.summaryJson : JSON.stringify(seed.summary ?? {});
      const keys = seed.historyKeys ?? [];
      const artifacts = (seed.artifacts ?? []).map((artifact) => {
        const stored: StoredArtifact = { ...artifact, id: Buffer.from(`Artifact:${nextArtifact++}`).toString('base64') };
        artifactsById.set(stored.id, stored);
        return stored;
      });
      ensureProject(seed.entity, seed.project).set(seed.runId, {
        runId: seed.runId,
        state: seed.state === undefined ? 'finished' : seed.state,
        commit: seed.commit === undefined ? null : seed.commit,
        config,
        summaryMetrics,
        historyKeys: {
          keys: Object.fromEntries(keys.map((k) => [k, { typeCounts: [{ type: 'number', count: 1 }] }])),
          lastStep: keys.length ? 0 : -1,
        },
        artifacts,
      });
    },
    failNext(count, fault) {
      for (let i = 0; i < count; i += 1) faults.push(fault);
    },
    clearFaults() {
      faults.length = 0;
    },
    setMaxPageSize(size) {
      maxPageSize = size;
    },
    close() {
      server.closeAllConnections();
      return new Promise<void>((resolve, reject) => server.close((error) => (error ? reject(error) : resolve())));
    },
  };
}
