/**
 * Runs a model-written regular expression over text in a worker thread, so a
 * pattern that backtracks catastrophically costs a bounded time instead of
 * hanging EPM: past the time limit the worker is terminated.
 */
import { Worker } from 'node:worker_threads';
import { badInput } from '../../domain/errors.js';

// Plain CommonJS run by `new Worker(…, { eval: true })`: no build step, nothing to bundle.
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const pattern = new RegExp(workerData.source, workerData.flags);
parentPort.on('message', ({ text, max }) => {
  const hits = [];
  const lines = text.split('\\n');
  for (let i = 0; i < lines.length && hits.length < max; i += 1) if (pattern.test(lines[i])) hits.push(i);
  parentPort.postMessage(hits);
});
`;

/** Compiles `source` with `flags`, or throws a bad-input error quoting the syntax error. */
export function compilePattern(source: string, flags: string): RegExp {
  try {
    return new RegExp(source, flags);
  } catch (error) {
    throw badInput(`grep: invalid regular expression ${JSON.stringify(source)}: ${(error as Error).message}`, {
      hint: 'pass a JavaScript regular expression (escape ( ) [ ] { } . * + ? | \\ to match them literally)',
    });
  }
}

/** One pattern, matched line by line in its own worker. Close it when done. */
export class RegexMatcher {
  private readonly worker: Worker;
  private readonly source: string;
  private closed = false;

  /** Starts the worker; `source` must already compile (see compilePattern). */
  constructor(source: string, flags: string) {
    this.source = source;
    this.worker = new Worker(WORKER_SOURCE, { eval: true, workerData: { source, flags } });
  }

  /** 0-based numbers of the lines of `text` that match, at most `max`; rejects when `timeoutMs` passes. */
  match(text: string, max: number, timeoutMs: number, where: string): Promise<number[]> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        cleanup();
        void this.close();
        reject(
          badInput(`grep: the pattern ${JSON.stringify(this.source)} took longer than ${timeoutMs} ms on ${where}`, {
            hint: 'simplify the pattern: nested or adjacent quantifiers such as (a+)+ backtrack without end',
          }),
        );
      }, timeoutMs);
      const onMessage = (hits: number[]): void => {
        cleanup();
        resolve(hits);
      };
      const onError = (error: Error): void => {
        cleanup();
        reject(error);
      };
      const cleanup = (): void => {
        clearTimeout(timer);
        this.worker.off('message', onMessage);
        this.worker.off('error', onError);
      };
      this.worker.on('message', onMessage);
      this.worker.on('error', onError);
      this.worker.postMessage({ text, max });
    });
  }

  /** Stops the worker. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.worker.terminate();
  }
}
