/**
 * Log scanning for the run contract (DESIGN.md §2 "Monitoring"): the latest
 * `[phase=<name>]` token, NaN and out-of-memory lines, and the wrapper's final
 * `[epm-sentinel] {…}` line. `scanLog` is pure; `readLogTail` is the only I/O
 * and reads a bounded tail so a huge log never costs more than a fixed amount
 * of memory.
 */

import { open } from 'node:fs/promises';
import type { RunFinding, RunSentinel } from '../../ports/compute.js';

/** How much of the end of a log a monitor tick reads (256 KiB). */
export const LOG_TAIL_BYTES = 256 * 1024;

/** Prefix of the final line the run wrapper appends to the log. */
export const SENTINEL_LINE_PREFIX = '[epm-sentinel] ';

/** Longest line a finding quotes; longer lines are cut with an ellipsis. */
export const MAX_FINDING_LINE_CHARS = 300;

/**
 * Default NaN patterns: a loss or metric whose value is NaN (`loss=nan`,
 * `loss: NaN`, `{'eval_accuracy': nan}`, `grad_norm nan`, `Loss is NaN`), or
 * a framework reporting NaN losses or gradients. A bare `nan` elsewhere in a
 * line (a file name, `nanogpt`) does not count.
 */
export const DEFAULT_NAN_PATTERNS: readonly RegExp[] = [
  /\b[\w./-]*?(?:loss|acc|accuracy|ppl|perplexity|grad_?norm|reward|score|metric)[\w./-]*?["']?\s*(?:[=:]|\s(?:is|was|became)\s)?\s*["']?[-+]?nan\b/i,
  /\b(?:nan|non-finite)\s+(?:loss(?:es)?|grad(?:ient)?s?)\b/i,
  /\breturned nan values\b/i,
];

/** Default out-of-memory patterns: CUDA, PyTorch, Python and the kernel OOM killer. */
export const DEFAULT_OOM_PATTERNS: readonly RegExp[] = [
  /out of memory/i,
  /CUDA error: out of memory/,
  /OutOfMemoryError/,
  /\bMemoryError\b/,
  /Killed process/,
];

/** The patterns a scan looks for. */
export interface LogPatterns {
  /** Lines matching any of these produce a `nan` finding. */
  nan: readonly RegExp[];
  /** Lines matching any of these produce an `oom` finding. */
  oom: readonly RegExp[];
}

/** What a scan of a log's text found. */
export interface LogScan {
  /** Name in the last `[phase=<name>]` token, when any. */
  phase?: string;
  /** At most one `nan` and one `oom` finding, each quoting the latest matching line. */
  findings: RunFinding[];
  /** The last well-formed `[epm-sentinel] {…}` line, when any. */
  sentinel?: RunSentinel;
}

/** The default patterns. */
export const DEFAULT_LOG_PATTERNS: LogPatterns = { nan: DEFAULT_NAN_PATTERNS, oom: DEFAULT_OOM_PATTERNS };

const PHASE_TOKEN = /\[phase=([A-Za-z0-9_.:/-]{1,64})\]/g;

/**
 * Scans log text for the latest phase, NaN/OOM lines and the sentinel line.
 * Lines split on `\n`, `\r\n` and lone `\r` (progress bars redraw with `\r`).
 * The sentinel line itself never counts as a NaN or OOM line.
 */
export function scanLog(text: string, patterns: LogPatterns = DEFAULT_LOG_PATTERNS): LogScan {
  // A global or sticky RegExp keeps lastIndex between test() calls; strip those flags.
  const nan = patterns.nan.map(stripStatefulFlags);
  const oom = patterns.oom.map(stripStatefulFlags);
  let phase: string | undefined;
  let nanLine: string | undefined;
  let oomLine: string | undefined;
  let sentinel: RunSentinel | undefined;
  for (const line of text.split(/\r\n|\r|\n/)) {
    if (line.length === 0) continue;
    if (line.startsWith(SENTINEL_LINE_PREFIX)) {
      sentinel = parseSentinel(line.slice(SENTINEL_LINE_PREFIX.length)) ?? sentinel;
      continue;
    }
    if (line.includes('[phase=')) {
      for (const match of line.matchAll(PHASE_TOKEN)) phase = match[1];
    }
    if (nan.some((pattern) => pattern.test(line))) nanLine = line;
    if (oom.some((pattern) => pattern.test(line))) oomLine = line;
  }
  const findings: RunFinding[] = [];
  if (nanLine !== undefined) findings.push({ kind: 'nan', line: clip(nanLine) });
  if (oomLine !== undefined) findings.push({ kind: 'oom', line: clip(oomLine) });
  const scan: LogScan = { findings };
  if (phase !== undefined) scan.phase = phase;
  if (sentinel !== undefined) scan.sentinel = sentinel;
  return scan;
}

/**
 * Parses sentinel JSON (`{"exitCode":…,"signal":…,"endedAt":…}`); undefined
 * when it is not well-formed.
 */
export function parseSentinel(json: string): RunSentinel | undefined {
  let value: unknown;
  try {
    value = JSON.parse(json);
  } catch {
    return undefined;
  }
  if (typeof value !== 'object' || value === null) return undefined;
  const { exitCode, signal, endedAt } = value as Record<string, unknown>;
  const codeOk = exitCode === null || (typeof exitCode === 'number' && Number.isInteger(exitCode));
  const signalOk = signal === null || typeof signal === 'string';
  const endedOk = typeof endedAt === 'string' && !Number.isNaN(Date.parse(endedAt));
  if (!codeOk || !signalOk || !endedOk) return undefined;
  return { exitCode: exitCode as number | null, signal: signal as string | null, endedAt: endedAt as string };
}

/**
 * Decodes the tail of a log read from byte `start` of the file. When the tail
 * starts mid-file its first (partial) line is dropped, which also drops a
 * UTF-8 character cut in half.
 */
export function decodeTail(bytes: Buffer, start: number): string {
  const text = bytes.toString('utf8');
  if (start === 0) return text;
  const firstBreak = text.search(/\r|\n/);
  return firstBreak === -1 ? '' : text.slice(firstBreak + 1);
}

/**
 * Reads at most the last `maxBytes` of a log as text (see `decodeTail`);
 * an empty string when the log does not exist yet.
 */
export async function readLogTail(path: string, maxBytes: number = LOG_TAIL_BYTES): Promise<string> {
  let handle;
  try {
    handle = await open(path, 'r');
  } catch (error) {
    if (isErrno(error, 'ENOENT')) return '';
    throw error;
  }
  try {
    const { size } = await handle.stat();
    const start = Math.max(0, size - maxBytes);
    const bytes = Buffer.alloc(size - start);
    let filled = 0;
    while (filled < bytes.length) {
      const { bytesRead } = await handle.read(bytes, filled, bytes.length - filled, start + filled);
      if (bytesRead === 0) break;
      filled += bytesRead;
    }
    return decodeTail(bytes.subarray(0, filled), start);
  } finally {
    await handle.close();
  }
}

function stripStatefulFlags(pattern: RegExp): RegExp {
  return pattern.global || pattern.sticky ? new RegExp(pattern.source, pattern.flags.replace(/[gy]/g, '')) : pattern;
}

function clip(line: string): string {
  const trimmed = line.trim();
  return trimmed.length <= MAX_FINDING_LINE_CHARS ? trimmed : `${trimmed.slice(0, MAX_FINDING_LINE_CHARS - 1)}…`;
}

function isErrno(error: unknown, code: string): boolean {
  return typeof error === 'object' && error !== null && (error as { code?: unknown }).code === code;
}
