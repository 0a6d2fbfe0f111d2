/**
 * The one place an Octokit is built: `@actions/github`'s client (REST
 * endpoint methods + pagination) with the retry and throttling plugins, so
 * 5xx answers are retried with back-off and rate limits are waited out —
 * never silently dropped.
 */
import { getOctokit } from '@actions/github';
import { retry } from '@octokit/plugin-retry';
import { throttling, type ThrottlingOptions } from '@octokit/plugin-throttling';
import Bottleneck from 'bottleneck/light.js';

/** The client every GitHub adapter takes. */
export type GitHubClient = ReturnType<typeof getOctokit>;

/** Which repository the adapters work on. */
export interface RepoRef {
  owner: string;
  repo: string;
}

/** Options of the client. */
export interface ClientOptions {
  token: string;
  /** REST base URL; default `GITHUB_API_URL` or https://api.github.com. */
  baseUrl?: string;
  /** Retries of a failed request (5xx, network); default 4. */
  retries?: number;
  /** Milliseconds per back-off unit of the retry and throttling plugins; default 1000 (GitHub's advice). */
  backoffUnitMs?: number;
  /**
   * Minimum milliseconds between two writes, and between two requests that
   * notify people (comments, issues, PRs); default: the plugin's (1 s for
   * writes, 3 s for notifying requests). GitHub's documented advice is one
   * second between mutating requests.
   */
  writeIntervalMs?: number;
  /** Rate-limit waits longer than this many seconds give up instead; default 600. */
  maxRateLimitWaitSeconds?: number;
  /** Receives one line per retry or rate-limit wait. */
  log?: (line: string) => void;
}

/** Builds the client. */
export function createGitHubClient(options: ClientOptions): GitHubClient {
  const log = options.log ?? (() => undefined);
  const unit = options.backoffUnitMs ?? 1000;
  const maxWait = options.maxRateLimitWaitSeconds ?? 600;
  const retries = options.retries ?? 4;
  const onLimit = (kind: string) => (retryAfter: number, request: { method: string; url: string }, _octokit: unknown, retryCount: number): boolean => {
    const retrying = retryCount < retries && retryAfter <= maxWait;
    log(`GitHub ${kind} rate limit on ${request.method} ${request.url}: ${retrying ? `waiting ${retryAfter} s, then retry ${retryCount + 1}` : 'giving up'}`);
    return retrying;
  };
  const throttle: ThrottlingOptions = {
    onRateLimit: onLimit('primary'),
    onSecondaryRateLimit: onLimit('secondary'),
    retryAfterBaseValue: unit,
    fallbackSecondaryRateRetryAfter: 60,
    ...(options.writeIntervalMs !== undefined
      ? {
        write: new Bottleneck.Group({ maxConcurrent: 1, minTime: options.writeIntervalMs }),
        notifications: new Bottleneck.Group({ maxConcurrent: 1, minTime: options.writeIntervalMs }),
      }
      : {}),
  };
  return getOctokit(
    options.token,
    {
      ...(options.baseUrl ? { baseUrl: options.baseUrl } : {}),
      retry: { retryAfterBaseValue: unit, retries },
      throttle,
      // Not `request.retries`: the retry plugin would then retry every error, 404 and 422 included.
    },
    retry,
    throttling,
  );
}

/** The HTTP status of an Octokit request error, if it is one. */
export function statusOf(error: unknown): number | undefined {
  return typeof error === 'object' && error !== null && 'status' in error && typeof error.status === 'number' ? error.status : undefined;
}
