/**
 * A `fetch` that retries transient Hub failures. `@huggingface/hub` does not
 * retry (its calls throw on the first non-2xx answer), so the adapter hands
 * the library this wrapper: 429 and 5xx answers and network errors are
 * retried with exponential backoff and jitter, honouring `Retry-After`.
 * Only requests whose body can be sent again (none, text, bytes, Blob) are
 * retried; a streamed body is sent once.
 */

/** How hard to retry. */
export interface RetryPolicy {
  /** Attempts in all, the first included; 1 disables retries. */
  attempts: number;
  /** Pause before the first retry; doubles for each further one. */
  baseDelayMs: number;
  /** Upper bound of one pause, `Retry-After` included. */
  maxDelayMs: number;
}

/** Four attempts over about four seconds. */
export const DEFAULT_RETRY_POLICY: RetryPolicy = { attempts: 4, baseDelayMs: 500, maxDelayMs: 8_000 };

/** HTTP statuses worth another attempt. */
export const RETRYABLE_STATUSES: ReadonlySet<number> = new Set([429, 500, 502, 503, 504]);

/** Wraps `fetchImpl` so transient failures are retried under `policy`. */
export function createRetryingFetch(
  fetchImpl: typeof fetch,
  policy: RetryPolicy = DEFAULT_RETRY_POLICY,
  sleep: (ms: number) => Promise<void> = (ms) => new Promise((done) => setTimeout(done, ms)),
): typeof fetch {
  const attempts = Math.max(1, Math.floor(policy.attempts));
  const backoff = (attempt: number): number => {
    const exponential = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (attempt - 1));
    return Math.round(exponential * (0.75 + Math.random() * 0.5));
  };
  const retrying = async (input: string | URL | Request, init?: RequestInit): Promise<Response> => {
    const replayable = canReplay(input, init);
    for (let attempt = 1; ; attempt++) {
      let response: Response;
      try {
        response = await fetchImpl(input, init);
      } catch (error) {
        if (attempt >= attempts || !replayable || isAbort(error) || init?.signal?.aborted) throw error;
        await sleep(backoff(attempt));
        continue;
      }
      if (!RETRYABLE_STATUSES.has(response.status) || attempt >= attempts || !replayable) return response;
      const wait = Math.min(policy.maxDelayMs, retryAfterMs(response.headers.get('retry-after')) ?? backoff(attempt));
      // Drain the failed answer so its connection goes back to the pool.
      await response.body?.cancel().catch(() => undefined);
      await sleep(wait);
    }
  };
  return retrying as typeof fetch;
}

function canReplay(input: string | URL | Request, init: RequestInit | undefined): boolean {
  if (input instanceof Request) return input.body === null;
  const body = init?.body;
  return (
    body === undefined ||
    body === null ||
    typeof body === 'string' ||
    body instanceof Blob ||
    body instanceof ArrayBuffer ||
    ArrayBuffer.isView(body) ||
    body instanceof URLSearchParams
  );
}

function isAbort(error: unknown): boolean {
  return error instanceof Error && (error.name === 'AbortError' || error.name === 'TimeoutError');
}

/** `Retry-After` as milliseconds: delta-seconds or an HTTP date; undefined when absent or unreadable. */
function retryAfterMs(value: string | null): number | undefined {
  if (value === null) return undefined;
  if (/^\d+$/.test(value.trim())) return Number(value.trim()) * 1000;
  const at = Date.parse(value);
  return Number.isNaN(at) ? undefined : Math.max(0, at - Date.now());
}
