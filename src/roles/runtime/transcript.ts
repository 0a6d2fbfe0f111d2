/**
 * Transcripts: every role run is written as JSONL under
 * `<transcriptsDir>/<issue>/<key>.jsonl`, one line per event (start, request,
 * response, tool call, tool result, rejected submission, end), each with its
 * time. Every string is redacted before it is written — the values of every
 * secret-named environment variable, the API key, and well-known token
 * shapes — so a transcript can be attached to a release. Lines are appended
 * as they happen: a killed process leaves every finished line readable, and a
 * retry of the same step appends a new run after its own `start` line.
 */
import { appendFile, mkdir, open, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { notFound } from '../../domain/errors.js';
import { redactText, secretValuesOf } from '../../domain/redaction.js';
import type { ContentBlock, ModelTool } from '../../ports/model.js';
import type { UsageTotals } from './budget.js';

/** How a run ended. */
export type TranscriptOutcome = 'submitted' | 'invalid-output' | 'budget-exceeded' | 'failed';

/** Token counts of one answer, as recorded. */
export interface TurnUsage {
  inputTokens: number;
  cacheWriteTokens: number;
  cacheReadTokens: number;
  outputTokens: number;
  /** Cost of this answer (USD). */
  usd: number;
}

/** One line of a transcript (without its timestamp). */
export type TranscriptEvent =
  | { kind: 'start'; role: string; issue: number; key: string; model: string; maxTurns: number; usdLimit: number; usdSpentBefore: number }
  | { kind: 'request'; turn: number; model: string; system?: string; tools?: string[]; message: { role: 'user' | 'assistant'; content: ContentBlock[] } }
  | { kind: 'response'; turn: number; id: string; stopReason: string | null; content: ContentBlock[]; usage: TurnUsage }
  | { kind: 'tool-call'; turn: number; id: string; name: string; input: unknown }
  | { kind: 'tool-result'; turn: number; id: string; name: string; isError: boolean; content: string; ms: number }
  | { kind: 'submit-rejected'; turn: number; attempt: number; issues: string[] }
  | { kind: 'end'; outcome: TranscriptOutcome; totals: UsageTotals; error?: string };

/** A transcript line as written: the event plus its ISO time. */
export type TranscriptLine = TranscriptEvent & { at: string };

/** Where the transcript of a step is written. The key is made safe as a file name; `#` stays. */
export function transcriptPath(transcriptsDir: string, issue: number, key: string): string {
  const safe = key.replace(/[^A-Za-z0-9._#@+=-]/g, '_').replace(/^\.+/, '_');
  return join(transcriptsDir, String(issue), `${safe || '_'}.jsonl`);
}

/** The strings a transcript must never contain: every secret-named variable's value and the API key. */
export function secretsToRedact(env: Readonly<Record<string, string | undefined>>, apiKey?: string): string[] {
  return [...secretValuesOf(env), ...(apiKey ? [apiKey] : [])];
}

/** Applies `redactText` to every string inside a JSON-like value (keys included). */
export function redactDeep<T>(value: T, secrets: readonly string[]): T {
  const walk = (v: unknown): unknown => {
    if (typeof v === 'string') return redactText(v, secrets);
    if (Array.isArray(v)) return v.map(walk);
    if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [redactText(k, secrets), walk(x)]));
    return v;
  };
  return walk(value) as T;
}

/** Names of the tools offered, for the transcript. */
export const toolNames = (tools: readonly ModelTool[]): string[] => tools.map((t) => t.name);

/** Appends redacted events to one transcript file. */
export class TranscriptWriter {
  /** Absolute path of the file. */
  readonly path: string;
  private ready: Promise<unknown> | undefined;
  private chain: Promise<void> = Promise.resolve();

  /** A writer for `path`, redacting `secrets`, stamping lines with `now()`. */
  constructor(
    path: string,
    private readonly secrets: readonly string[],
    private readonly now: () => Date = () => new Date(),
  ) {
    this.path = path;
  }

  /** Appends one event as a line; writes are serialised in call order. */
  write(event: TranscriptEvent): Promise<void> {
    const line = { at: this.now().toISOString(), ...event };
    // Redact the values, then the serialised line: JSON escaping cannot hide a secret from the second pass.
    const text = redactText(JSON.stringify(redactDeep(line, this.secrets)), this.secrets);
    this.ready ??= this.prepare();
    this.chain = this.chain.then(async () => {
      await this.ready;
      await appendFile(this.path, `${text}\n`, 'utf8');
    });
    return this.chain;
  }

  /** Creates the folder; when a crash left the file without a final newline, starts a fresh line so the torn one stays alone. */
  private async prepare(): Promise<void> {
    await mkdir(join(this.path, '..'), { recursive: true });
    const handle = await open(this.path, 'a+');
    try {
      const { size } = await handle.stat();
      if (size === 0) return;
      const last = Buffer.alloc(1);
      await handle.read(last, 0, 1, size - 1);
      if (last[0] !== 0x0a) await handle.appendFile('\n');
    } finally {
      await handle.close();
    }
  }
}

/**
 * Reads a transcript's lines in order. A line cut short by a crash (not
 * JSON) is skipped; the runs before and after it stay readable. A missing
 * file is a not-found error naming the path.
 */
export async function readTranscript(path: string): Promise<TranscriptLine[]> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') throw notFound(`no transcript at ${path}`, { hint: 'the role has not run for this step yet; "epm show" lists the steps' });
    throw error;
  }
  const out: TranscriptLine[] = [];
  for (const line of text.split('\n')) {
    if (line.trim() === '') continue;
    try {
      out.push(JSON.parse(line) as TranscriptLine);
    } catch {
      // A torn line from a crash mid-append: everything else is still a complete line.
    }
  }
  return out;
}
