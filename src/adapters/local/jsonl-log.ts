/**
 * Crash-safe append-only JSON Lines files.
 *
 * Each append writes one whole line ending in "\n" with a single call and
 * fsyncs it, so a killed process leaves at most one torn line at the very end.
 * Readers ignore such a torn tail; the next append truncates it away first.
 * A bad line anywhere else is real corruption and is reported with its file
 * and line number. Appends must be serialized by the caller (see file-lock.ts).
 */

import { open, readFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { TextDecoder } from 'node:util';
import { badInput, external, isEpmError, notFound } from '../../domain/errors.js';

/** The readable contents of a JSON Lines file. */
export interface JsonlContents {
  /** Parsed records in file order; `records[i]` is on line `i + 1`. */
  records: unknown[];
  /** True when the file ends in a torn line (no final newline, or not JSON) that was ignored. */
  tornTail: boolean;
}

/** A scan of the file, with the byte length of its valid prefix. */
interface JsonlScan extends JsonlContents {
  validBytes: number;
}

const NEWLINE = 0x0a;

/**
 * Reads every complete record of `path`, ignoring a torn last line. Throws
 * `not-found` when the file does not exist and `bad-input` naming the file
 * and line when a line before the last is not valid JSON.
 */
export async function readJsonl(path: string): Promise<JsonlContents> {
  const { records, tornTail } = await scanJsonl(path);
  return { records, tornTail };
}

/**
 * Appends `record` as one line and fsyncs it, creating the file if needed.
 * A torn last line left by a crashed writer is truncated away first. The
 * caller must hold the file's single-writer lock.
 */
export async function appendJsonl(path: string, record: unknown): Promise<void> {
  const line = `${JSON.stringify(record)}\n`;
  let created = false;
  try {
    await repairJsonlTail(path);
  } catch (error) {
    if (!(isEpmError(error) && error.code === 'not-found')) throw error;
    created = true;
  }
  try {
    const handle = await open(path, 'a');
    try {
      await handle.appendFile(line, 'utf8');
      await handle.sync();
    } finally {
      await handle.close();
    }
  } catch (error) {
    throw external(`could not append to ${path}: ${(error as Error).message}`, {
      cause: error,
      hint: 'check that the folder exists and is writable and the disk is not full',
    });
  }
  // A new file is durable only once its directory entry is.
  if (created) await syncDirectory(dirname(path));
}

/**
 * Truncates a torn last line from `path` and fsyncs the file; true when there
 * was one. The caller must hold the file's single-writer lock.
 */
export async function repairJsonlTail(path: string): Promise<boolean> {
  const scan = await scanJsonl(path);
  if (!scan.tornTail) return false;
  const handle = await open(path, 'r+');
  try {
    await handle.truncate(scan.validBytes);
    await handle.sync();
  } finally {
    await handle.close();
  }
  return true;
}

/** Fsyncs a directory so entries created or renamed in it survive a crash; a no-op where unsupported. */
export async function syncDirectory(path: string): Promise<void> {
  let handle;
  try {
    handle = await open(path, 'r');
    await handle.sync();
  } catch {
    // Some platforms (Windows) cannot open or fsync directories; the data itself is already synced.
  } finally {
    await handle?.close();
  }
}

async function scanJsonl(path: string): Promise<JsonlScan> {
  let data: Buffer;
  try {
    data = await readFile(path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw notFound(`no such log ${path}`, { cause: error });
    throw external(`could not read ${path}: ${(error as Error).message}`, { cause: error });
  }

  const decoder = new TextDecoder('utf-8', { fatal: true });
  const records: unknown[] = [];
  let start = 0;
  for (let line = 1; start < data.length; line++) {
    const end = data.indexOf(NEWLINE, start);
    if (end === -1) return { records, tornTail: true, validBytes: start };
    const parsed = parseLine(decoder, data.subarray(start, end));
    if (!parsed.ok) {
      if (end === data.length - 1) return { records, tornTail: true, validBytes: start };
      throw badInput(`${path} line ${line} is not valid JSON, so the log is corrupt`, {
        hint: `restore ${path} from a backup, or fix line ${line} by hand`,
      });
    }
    records.push(parsed.value);
    start = end + 1;
  }
  return { records, tornTail: false, validBytes: start };
}

function parseLine(decoder: TextDecoder, bytes: Uint8Array): { ok: true; value: unknown } | { ok: false } {
  try {
    return { ok: true, value: JSON.parse(decoder.decode(bytes)) };
  } catch {
    return { ok: false };
  }
}
