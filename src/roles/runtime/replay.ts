/**
 * The replay engine: model answers recorded to cassettes and played back, so
 * the demo and the tests run the real tool loop without a key or a network.
 * A cassette is `<cassetteDir>/<role>/<hash>.json`, where the hash is the
 * sha256 of the request's model, system prompt, messages and tools in
 * canonical JSON — with the worktree's absolute path replaced by
 * `<worktree>` and cache breakpoints left out, as neither changes the answer.
 * The same request always gets the same answer; a request never recorded is
 * a clear error naming the role, the hash and the closest recording.
 */
import { createHash, randomUUID } from 'node:crypto';
import { mkdir, readdir, readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { badInput, notFound } from '../../domain/errors.js';
import { canonicalJson } from '../../domain/planned-manifest.js';
import type { Model, ModelCall, ModelRequest, ModelResponse } from '../../ports/model.js';

/** What replaces the worktree's absolute path in hashed requests and recorded answers. */
export const WORKTREE_PLACEHOLDER = '<worktree>';

/** One recorded exchange. */
export interface Cassette {
  /** Format version. */
  version: 1;
  /** The role the request was for. */
  role: string;
  /** sha256 of the normalised request; also the file name. */
  hash: string;
  /** The normalised request (what was hashed), kept to explain a miss. */
  request: unknown;
  /** The answer, with the worktree path replaced by `<worktree>`. */
  response: ModelResponse;
}

const blockSchema = z.looseObject({ type: z.string() });
const cassetteSchema = z.object({
  version: z.literal(1),
  role: z.string(),
  hash: z.string().regex(/^[0-9a-f]{64}$/),
  request: z.unknown(),
  response: z.looseObject({
    id: z.string(),
    model: z.string(),
    role: z.literal('assistant'),
    content: z.array(blockSchema),
    stop_reason: z.string().nullable(),
    usage: z.looseObject({
      input_tokens: z.number().int().nonnegative(),
      output_tokens: z.number().int().nonnegative(),
      cache_creation_input_tokens: z.number().int().nonnegative().nullable().optional(),
      cache_read_input_tokens: z.number().int().nonnegative().nullable().optional(),
    }),
  }),
});

/** Replaces every occurrence of `from` in every string inside a JSON-like value. */
function replaceInStrings<T>(value: T, from: string | undefined, to: string): T {
  if (!from) return value;
  const walk = (v: unknown): unknown => {
    if (typeof v === 'string') return v.split(from).join(to);
    if (Array.isArray(v)) return v.map(walk);
    if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, walk(x)]));
    return v;
  };
  return walk(value) as T;
}

/** Drops `cache_control` everywhere: where breakpoints sit does not change an answer. */
function withoutCacheControl(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutCacheControl);
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).filter(([k]) => k !== 'cache_control').map(([k, v]) => [k, withoutCacheControl(v)]));
  }
  return value;
}

/** What replaces the repository's absolute path (the folder holding `.epm/`) in hashed requests and recorded answers. */
export const REPO_PLACEHOLDER = '<repo>';

/** The repository of a worktree EPM made (`<repo>/.epm/worktrees/<name>`), or undefined. */
const repoOf = (worktree: string | undefined): string | undefined => {
  const at = worktree?.lastIndexOf('/.epm/worktrees/') ?? -1;
  return at > 0 ? worktree!.slice(0, at) : undefined;
};

/** Replaces the worktree path, then the repository path (run logs, manifests), by placeholders. */
function normalizePaths<T>(value: T, call: ModelCall): T {
  return replaceInStrings(replaceInStrings(value, call.worktree, WORKTREE_PLACEHOLDER), repoOf(call.worktree), REPO_PLACEHOLDER);
}

/** Puts this call's worktree and repository back in place of the placeholders. */
function restorePaths<T>(value: T, call: ModelCall): T {
  const repo = repoOf(call.worktree);
  const withWorktree = replaceInStrings(value, WORKTREE_PLACEHOLDER, call.worktree ?? WORKTREE_PLACEHOLDER);
  return repo ? replaceInStrings(withWorktree, REPO_PLACEHOLDER, repo) : withWorktree;
}

/**
 * Commit ids and content digests are names, not content: a clean result
 * committed a second later, or a statement with another timestamp, has
 * another id while the question asked is the same. They are masked in the
 * hashed request (not in recorded answers), so a recording replays.
 */
function maskDigests<T>(value: T): T {
  const walk = (v: unknown): unknown => {
    if (typeof v === 'string') return v.replace(/\b[0-9a-f]{64}\b/g, '<sha256>').replace(/\b[0-9a-f]{40}\b/g, '<sha>').replace(/\b[0-9a-f]{12}…/g, '<sha>…')
      // Abbreviated ids (`commit 184c976f70d7`): twelve hex characters with at least one digit and one letter.
      .replace(/\b(?=[0-9a-f]{0,11}[a-f])(?=[0-9a-f]{0,11}[0-9])[0-9a-f]{12}\b/g, '<sha>')
      // State under another checkout of the repository (a run launched by an earlier job of the action).
      .replace(/(?:\/[\w.@+-]+)+(?=\/\.epm\/)/g, REPO_PLACEHOLDER);
    if (Array.isArray(v)) return v.map(walk);
    if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, walk(x)]));
    return v;
  };
  return walk(value) as T;
}

/** The part of a request that decides the answer, normalised for hashing: model, system, messages, tools; worktree path → `<worktree>`, repository path → `<repo>`, commit ids and digests masked; no cache breakpoints. */
export function normalizeRequest(request: ModelRequest, call: ModelCall): unknown {
  const { model, system, messages, tools } = request;
  return withoutCacheControl(maskDigests(normalizePaths({ model, system, messages, tools }, call)));
}

/** sha256 (hex) of the normalised request in canonical JSON. */
export function requestHash(request: ModelRequest, call: ModelCall): string {
  return createHash('sha256').update(canonicalJson(normalizeRequest(request, call))).digest('hex');
}

/** Where the cassette of a request is stored. */
export function cassettePath(cassetteDir: string, role: string, hash: string): string {
  return join(cassetteDir, role, `${hash}.json`);
}

/** Records every answer of an inner model to cassettes, then returns it unchanged. */
export class RecordingModel implements Model {
  /** Wraps `inner`, writing cassettes under `cassetteDir`. */
  constructor(
    private readonly inner: Model,
    private readonly cassetteDir: string,
  ) {}

  /** Asks the inner model and records the exchange (written atomically: a crash leaves no half cassette). */
  async createMessage(request: ModelRequest, call: ModelCall): Promise<ModelResponse> {
    const response = await this.inner.createMessage(request, call);
    const hash = requestHash(request, call);
    const cassette: Cassette = {
      version: 1,
      role: call.role,
      hash,
      request: normalizeRequest(request, call),
      response: normalizePaths(response, call),
    };
    const path = cassettePath(this.cassetteDir, call.role, hash);
    await mkdir(join(this.cassetteDir, call.role), { recursive: true });
    const temporary = `${path}.${randomUUID()}.tmp`;
    await writeFile(temporary, `${JSON.stringify(cassette, null, 2)}\n`, 'utf8');
    await rename(temporary, path);
    return response;
  }
}

/** Answers from cassettes only; never reaches a network. */
export class ReplayModel implements Model {
  /** Replays the cassettes under `cassetteDir`. */
  constructor(private readonly cassetteDir: string) {}

  /** The recorded answer to this request, with `<worktree>` put back to this call's worktree. Throws not-found naming the role, the hash and the closest recording when there is none. */
  async createMessage(request: ModelRequest, call: ModelCall): Promise<ModelResponse> {
    const hash = requestHash(request, call);
    const path = cassettePath(this.cassetteDir, call.role, hash);
    let text: string;
    try {
      text = await readFile(path, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
      throw notFound(`no recorded model response for the ${call.role} request ${hash} in ${this.cassetteDir}; ${await this.closest(call.role, normalizeRequest(request, call))}`, {
        hint: 'the prompt, tools or conversation changed since the recording: set ANTHROPIC_API_KEY and record again, or restore what changed',
      });
    }
    const cassette = parseCassette(text, path);
    return restorePaths(cassette.response, call);
  }

  /** Describes the recording of this role closest to the request, and where they first differ. */
  private async closest(role: string, wanted: unknown): Promise<string> {
    const dir = join(this.cassetteDir, role);
    let names: string[];
    try {
      names = (await readdir(dir)).filter((n) => n.endsWith('.json')).sort();
    } catch {
      return `no cassettes are recorded for the ${role} at all`;
    }
    const target = canonicalJson(wanted);
    let best: { name: string; request: unknown; score: number } | undefined;
    for (const name of names) {
      let request: unknown;
      try {
        request = (JSON.parse(await readFile(join(dir, name), 'utf8')) as { request?: unknown }).request;
      } catch {
        continue;
      }
      const score = commonPrefixLength(canonicalJson(request), target);
      if (!best || score > best.score) best = { name, request, score };
    }
    if (!best) return `no cassettes are recorded for the ${role} at all`;
    const difference = firstDifference(best.request, wanted);
    return `the closest recording is ${join(dir, best.name)}${difference ? `, which differs at ${difference}` : ''}`;
  }
}

/** Parses and checks a cassette file; a malformed one is a bad-input error naming the file. */
export function parseCassette(text: string, path: string): Cassette {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (error) {
    throw badInput(`cassette ${path} is not JSON (${error instanceof Error ? error.message : String(error)})`, { hint: 'delete it and record again with ANTHROPIC_API_KEY set' });
  }
  const parsed = cassetteSchema.safeParse(raw);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join('.') || '(cassette)'}: ${i.message}`).join('; ');
    throw badInput(`cassette ${path} is malformed: ${problems}`, { hint: 'delete it and record again with ANTHROPIC_API_KEY set' });
  }
  return parsed.data as unknown as Cassette;
}

const commonPrefixLength = (a: string, b: string): number => {
  const n = Math.min(a.length, b.length);
  let i = 0;
  while (i < n && a.charCodeAt(i) === b.charCodeAt(i)) i += 1;
  return i;
};

const preview = (value: unknown): string => {
  const text = value === undefined ? 'nothing' : JSON.stringify(value);
  return text.length > 80 ? `${text.slice(0, 77)}...` : text;
};

/** The JSON path of the first place two values differ, with both sides shortened, or undefined when equal. */
export function firstDifference(recorded: unknown, requested: unknown, path = ''): string | undefined {
  if (Array.isArray(recorded) && Array.isArray(requested)) {
    for (let i = 0; i < Math.max(recorded.length, requested.length); i += 1) {
      const found = firstDifference(recorded[i], requested[i], `${path}[${i}]`);
      if (found) return found;
    }
    return undefined;
  }
  if (recorded && requested && typeof recorded === 'object' && typeof requested === 'object' && !Array.isArray(recorded) && !Array.isArray(requested)) {
    const a = recorded as Record<string, unknown>;
    const b = requested as Record<string, unknown>;
    for (const key of [...new Set([...Object.keys(a), ...Object.keys(b)])].sort()) {
      const found = firstDifference(a[key], b[key], path ? `${path}.${key}` : key);
      if (found) return found;
    }
    return undefined;
  }
  if (canonicalJson(recorded) === canonicalJson(requested)) return undefined;
  if (typeof recorded === 'string' && typeof requested === 'string' && Math.max(recorded.length, requested.length) > 80) {
    // Long texts (prompts) differ somewhere inside: show both around the first differing character.
    const at = commonPrefixLength(recorded, requested);
    const from = Math.max(0, at - 30);
    const around = (text: string) => JSON.stringify(`${from > 0 ? '…' : ''}${text.slice(from, at + 50)}`);
    return `${path || '(request)'} at character ${at} (recorded ${around(recorded)}, requested ${around(requested)})`;
  }
  return `${path || '(request)'} (recorded ${preview(recorded)}, requested ${preview(requested)})`;
}

/** Builds the live model from the API key; the entry point passes the Anthropic adapter's constructor. */
export type LiveModelFactory = (options: { apiKey: string; baseURL?: string }) => Model;

/** Options of `createModel`. */
export interface CreateModelOptions {
  /** The environment: `ANTHROPIC_API_KEY` (and optionally `ANTHROPIC_BASE_URL`) select the real model. */
  env: Readonly<Record<string, string | undefined>>;
  /** Folder of the cassettes to replay or record. */
  cassetteDir: string;
  /** Record every live answer to `cassetteDir` (needs the key). */
  record?: boolean;
  /** Builds the real model; the roles layer does not import adapters, so the entry point injects it (`(o) => new AnthropicModel(o)`). */
  live: LiveModelFactory;
}

/** The model to use and how to tell the user about it. */
export interface CreatedModel {
  model: Model;
  /** `live` with a key, `replay` without. */
  mode: 'live' | 'replay';
  /** One plain sentence for the user saying which it is. */
  notice: string;
}

/**
 * Chooses the model: with `ANTHROPIC_API_KEY` set, the real one (recording
 * to cassettes when `record`); without it, replay from `cassetteDir`. Asking
 * to record without a key is a bad-input error.
 */
export function createModel(options: CreateModelOptions): CreatedModel {
  const apiKey = options.env['ANTHROPIC_API_KEY']?.trim();
  if (apiKey) {
    const baseURL = options.env['ANTHROPIC_BASE_URL']?.trim();
    const live = options.live({ apiKey, ...(baseURL ? { baseURL } : {}) });
    if (options.record) {
      return { model: new RecordingModel(live, options.cassetteDir), mode: 'live', notice: `Using the real model (ANTHROPIC_API_KEY is set) and recording its responses to ${options.cassetteDir}.` };
    }
    return { model: live, mode: 'live', notice: 'Using the real model (ANTHROPIC_API_KEY is set).' };
  }
  if (options.record) {
    throw badInput('recording model responses needs the real model, but ANTHROPIC_API_KEY is not set', { hint: 'set ANTHROPIC_API_KEY, or drop the record option to replay' });
  }
  return {
    model: new ReplayModel(options.cassetteDir),
    mode: 'replay',
    notice: `Replaying recorded model responses from ${options.cassetteDir} (set ANTHROPIC_API_KEY to use the real model).`,
  };
}
