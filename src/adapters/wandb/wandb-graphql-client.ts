/**
 * One POST to W&B's GraphQL endpoint, with the retries and throttling the
 * W&B adapter needs: 429 and 5xx answers and network failures are retried
 * with bounded exponential backoff, honouring `Retry-After`; everything else
 * becomes a typed EPM error that says what to do. Nothing outside
 * src/adapters/wandb retries W&B requests.
 */

import { external } from '../../domain/errors.js';

/** Where the adapter reports retries. */
export interface WandbLogger {
  /** A recoverable problem, e.g. a throttled request that will be retried. */
  warn(message: string): void;
}

/** Settings of the GraphQL client (filled in by WandbTracking). */
export interface WandbGraphqlClientSettings {
  /** `<baseUrl>/graphql`. */
  endpoint: string;
  apiKey: string;
  fetch: typeof fetch;
  /** Further attempts after the first for 429, 5xx and network failures. */
  retries: number;
  /** First backoff delay; doubles per attempt (with jitter). */
  retryBaseDelayMs: number;
  /** Longest single wait. A `Retry-After` beyond it fails at once instead of stalling. */
  maxRetryDelayMs: number;
  /** Per-request timeout. */
  timeoutMs: number;
  sleep: (ms: number) => Promise<void>;
  logger: WandbLogger | undefined;
}

/** One GraphQL request and how to describe it in errors. */
export interface WandbGraphqlRequest {
  operationName: string;
  query: string;
  variables: Record<string, unknown>;
  /** What is being read, e.g. `W&B run ent/proj/abc123`. */
  subject: string;
  /** `entity/project`, named in the hint when the key is refused. */
  scope: string;
}

interface GraphqlBody {
  data?: unknown;
  errors?: unknown;
}

const MAX_ERROR_TEXT = 300;

/** Sends the request and returns its `data`; throws an `external` EpmError when W&B does not answer with data. */
export async function postWandbGraphql(settings: WandbGraphqlClientSettings, request: WandbGraphqlRequest): Promise<unknown> {
  const body = JSON.stringify({ operationName: request.operationName, query: request.query, variables: request.variables });
  const headers = {
    accept: 'application/json',
    'content-type': 'application/json',
    authorization: `Basic ${Buffer.from(`api:${settings.apiKey}`).toString('base64')}`,
    'user-agent': 'epm-wandb-tracking',
  };
  const attempts = settings.retries + 1;
  for (let attempt = 1; ; attempt += 1) {
    let response: Response;
    try {
      response = await settings.fetch(settings.endpoint, {
        method: 'POST',
        headers,
        body,
        signal: AbortSignal.timeout(settings.timeoutMs),
      });
    } catch (error) {
      const problem = `could not reach W&B at ${settings.endpoint} (${describeFailure(error)})`;
      if (attempt >= attempts) {
        throw external(`${problem} while reading ${request.subject}, ${attempts} attempt(s)`, {
          hint: 'check the network and the W&B base URL (WANDB_BASE_URL), then retry',
          cause: error,
        });
      }
      await wait(settings, backoff(settings, attempt), `${problem}`, attempt, attempts);
      continue;
    }

    const status = response.status;
    if (status === 429 || status >= 500) {
      const text = await readText(response);
      const retryAfterMs = parseRetryAfter(response.headers.get('retry-after'));
      const answer = `W&B answered HTTP ${status}${status === 429 ? ' (rate limited)' : ''}`;
      if (retryAfterMs !== undefined && retryAfterMs > settings.maxRetryDelayMs) {
        throw external(`${answer} reading ${request.subject} and asked to wait ${Math.ceil(retryAfterMs / 1000)} s`, {
          hint: 'W&B is throttling this key; retry later (the verification step is safe to repeat)',
        });
      }
      if (attempt >= attempts) {
        throw external(`${answer} ${attempts} time(s) reading ${request.subject}${excerpt(text)}`, {
          hint: 'W&B is unavailable or throttling; retry later (the verification step is safe to repeat)',
        });
      }
      await wait(settings, retryAfterMs ?? backoff(settings, attempt), answer, attempt, attempts);
      continue;
    }

    const text = await readText(response);
    if (status === 401 || status === 403) {
      throw external(`W&B refused the API key (HTTP ${status}) reading ${request.subject}`, {
        hint: `set WANDB_API_KEY to a key with access to ${request.scope}`,
      });
    }
    const parsed = parseBody(text);
    if (status < 200 || status >= 300) {
      const messages = parsed ? graphqlMessages(parsed.errors) : [];
      throw external(
        `W&B rejected the request for ${request.subject} (HTTP ${status})${messages.length ? `: ${messages.join('; ')}` : excerpt(text)}`,
        {
          hint:
            status === 400
              ? "EPM's W&B query no longer matches W&B's API; report this message (docs/wandb.md lists the fields EPM reads)"
              : 'check the W&B base URL (WANDB_BASE_URL) and the run reference',
        },
      );
    }
    if (!parsed) {
      throw external(`W&B answered ${request.subject} with a body that is not JSON${excerpt(text)}`, {
        hint: 'check the W&B base URL (WANDB_BASE_URL) points at the W&B API, not its web app',
      });
    }
    const messages = graphqlMessages(parsed.errors);
    if (messages.length) {
      throw external(`W&B answered with an error reading ${request.subject}: ${messages.join('; ')}`, {
        hint: `check ${request.scope} and the run id, and that the key can read them`,
      });
    }
    if (parsed.data === undefined || parsed.data === null) {
      throw external(`W&B answered ${request.subject} with no data`, { hint: 'retry later; if it persists, report it' });
    }
    return parsed.data;
  }
}

async function wait(settings: WandbGraphqlClientSettings, ms: number, problem: string, attempt: number, attempts: number): Promise<void> {
  settings.logger?.warn(`${problem}; retrying in ${(ms / 1000).toFixed(1)} s (attempt ${attempt + 1} of ${attempts})`);
  await settings.sleep(ms);
}

/** Exponential backoff with jitter: between half and all of base·2^(attempt-1), capped. */
function backoff(settings: WandbGraphqlClientSettings, attempt: number): number {
  const full = Math.min(settings.maxRetryDelayMs, settings.retryBaseDelayMs * 2 ** (attempt - 1));
  return Math.round(full / 2 + Math.random() * (full / 2));
}

/** `Retry-After` as milliseconds: delta-seconds or an HTTP date; undefined when absent or unreadable. */
export function parseRetryAfter(value: string | null, now: () => number = Date.now): number | undefined {
  if (value === null) return undefined;
  const trimmed = value.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed) * 1000;
  const date = Date.parse(trimmed);
  if (Number.isNaN(date)) return undefined;
  return Math.max(0, date - now());
}

async function readText(response: Response): Promise<string> {
  try {
    return await response.text();
  } catch {
    return '';
  }
}

function parseBody(text: string): GraphqlBody | undefined {
  try {
    const value: unknown = JSON.parse(text);
    return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as GraphqlBody) : undefined;
  } catch {
    return undefined;
  }
}

function graphqlMessages(errors: unknown): string[] {
  if (!Array.isArray(errors)) return [];
  return errors.map((e: unknown) =>
    typeof e === 'object' && e !== null && typeof (e as { message?: unknown }).message === 'string'
      ? (e as { message: string }).message
      : JSON.stringify(e),
  );
}

function excerpt(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  if (!flat) return '';
  return `: ${flat.length > MAX_ERROR_TEXT ? `${flat.slice(0, MAX_ERROR_TEXT)}…` : flat}`;
}

function describeFailure(error: unknown): string {
  if (error instanceof Error) {
    if (error.name === 'TimeoutError') return 'timed out';
    const cause = (error as { cause?: unknown }).cause;
    const code = typeof cause === 'object' && cause !== null ? (cause as { code?: unknown }).code : undefined;
    return typeof code === 'string' ? `${error.message}: ${code}` : error.message;
  }
  return String(error);
}
