/** LinkChecker over HTTP: HEAD, then GET when the server refuses HEAD; redirects followed; bounded time. */
import type { LinkCheck, LinkChecker } from '../../ports/link-checker.js';

/** Options of {@link HttpLinkChecker}. */
export interface HttpLinkCheckerOptions {
  fetch?: typeof fetch;
  timeoutMs?: number;
}

/** Checks that a URL answers with a 2xx or 3xx status. */
export class HttpLinkChecker implements LinkChecker {
  private readonly fetch: typeof fetch;
  private readonly timeoutMs: number;

  constructor(options: HttpLinkCheckerOptions = {}) {
    this.fetch = options.fetch ?? globalThis.fetch;
    this.timeoutMs = options.timeoutMs ?? 15_000;
  }

  async check(url: string): Promise<LinkCheck> {
    if (!/^https?:\/\//.test(url)) return { url, ok: false, error: 'not an http(s) URL' };
    try {
      let response = await this.request(url, 'HEAD');
      // Some servers refuse HEAD; only a GET answer counts against the link then.
      if (response.status === 405 || response.status === 501) response = await this.request(url, 'GET');
      const ok = response.status >= 200 && response.status < 400;
      return ok ? { url, ok, status: response.status } : { url, ok, status: response.status, error: `answers ${response.status}` };
    } catch (error) {
      return { url, ok: false, error: error instanceof Error ? (error.name === 'TimeoutError' ? `no answer within ${this.timeoutMs} ms` : error.message) : String(error) };
    }
  }

  private async request(url: string, method: 'HEAD' | 'GET'): Promise<Response> {
    const response = await this.fetch(url, { method, redirect: 'follow', signal: AbortSignal.timeout(this.timeoutMs) });
    await response.body?.cancel().catch(() => undefined);
    return response;
  }
}
