/**
 * The read-only tools every role gets: read_file, list_files and grep over the
 * worktree. They never write, never follow a symbolic link out of the
 * worktree, skip `.git` and `node_modules` when walking, and bound their output.
 */
import { createReadStream } from 'node:fs';
import { lstat, open, readFile, readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { z } from 'zod';
import { badInput } from '../../domain/errors.js';
import { confinePath, displayPath, worktreeRoot } from './confine.js';
import { RegexMatcher, compilePattern } from './regex-matcher.js';
import { inputSchemaOf, parseInput, type CustomTool, type ToolContext } from './tool.js';
import { truncateMiddle } from './truncate.js';

/** Directory names never descended into when walking. */
export const SKIPPED_DIRECTORIES: readonly string[] = ['.git', 'node_modules'];

/** Bytes read at the start of a file to tell text from binary. */
const SNIFF_BYTES = 8000;
/** Longest a pattern may run on one file before grep gives up on it. */
const GREP_FILE_TIMEOUT_MS = 5000;

/** True when the first bytes of the file hold a NUL: a binary file, not shown. */
export async function isBinaryFile(path: string): Promise<boolean> {
  const handle = await open(path, 'r');
  try {
    const buffer = Buffer.alloc(SNIFF_BYTES);
    const { bytesRead } = await handle.read(buffer, 0, SNIFF_BYTES, 0);
    return buffer.subarray(0, bytesRead).includes(0);
  } finally {
    await handle.close();
  }
}

/** A line cut to `max` characters, saying how long it was. */
export function clipLine(line: string, max: number): string {
  return line.length <= max ? line : `${line.slice(0, max)}… [line cut: ${line.length} characters]`;
}

/** `cat -n` style numbering: the number right-aligned in 6 columns, a tab, the line. */
export const numberLine = (line: string, number: number): string => `${String(number).padStart(6)}\t${line}`;

const readFileInput = z
  .object({
    path: z.string().describe('File to read, relative to the worktree root.'),
    offset: z.number().int().min(1).optional().describe('First line to show (1-based). Default 1.'),
    limit: z.number().int().min(1).optional().describe('Number of lines to show. Default: the tool limit (2000).'),
  })
  .strict();

/** read_file: numbered lines of one text file, a window at a time. */
export const readFileTool: CustomTool = {
  name: 'read_file',
  description:
    'Read a text file of the worktree. Lines are numbered (cat -n style). Long files are shown a window at a time: ' +
    'the output ends with a note giving the offset to continue from. Binary files are not shown.',
  input_schema: inputSchemaOf(readFileInput),
  async run(input: unknown, context: ToolContext): Promise<string> {
    const { path, offset = 1, limit = context.limits.maxReadLines } = parseInput('read_file', readFileInput, input);
    const root = await worktreeRoot(context.worktree);
    const file = await confinePath(context.worktree, path);
    const shown = displayPath(root, file);
    const info = await stat(file).catch(() => undefined);
    if (!info) throw badInput(`read_file: ${shown} does not exist`, { hint: 'use list_files to see what exists' });
    if (info.isDirectory()) throw badInput(`read_file: ${shown} is a directory`, { hint: 'use list_files to list it' });
    if (await isBinaryFile(file)) return `${shown} is a binary file (${info.size} bytes); its content is not shown.`;
    if (info.size === 0) return `${shown} is empty.`;

    const budget = context.limits.maxOutputBytes;
    const out: string[] = [];
    let bytes = 0;
    let total = 0;
    let last = offset - 1;
    let cutByBytes = false;
    let counted = true;
    const stream = createReadStream(file, { encoding: 'utf8' });
    const lines = createInterface({ input: stream, crlfDelay: Infinity });
    for await (const line of lines) {
      total += 1;
      if (total >= offset + limit || cutByBytes) {
        // Counting the lines of a huge file is not worth reading all of it.
        if (info.size > context.limits.maxFileBytes) {
          counted = false;
          break;
        }
        continue;
      }
      if (total < offset) continue;
      const numbered = numberLine(clipLine(line, context.limits.maxLineChars), total);
      if (bytes + Buffer.byteLength(numbered) + 1 > budget && out.length > 0) {
        cutByBytes = true;
        continue;
      }
      out.push(numbered);
      bytes += Buffer.byteLength(numbered) + 1;
      last = total;
    }
    if (offset > total) {
      throw badInput(`read_file: offset ${offset} is past the end of ${shown} (${total} lines)`, {
        hint: `pass an offset between 1 and ${total}`,
      });
    }
    lines.close();
    stream.destroy();
    const text = out.join('\n');
    if (counted && last >= total && offset === 1) return text;
    const of = counted ? `of ${total}` : `of more than ${total - 1}`;
    const more = !counted || last < total ? ` Call read_file with offset ${last + 1} to read on.` : '';
    return `${text}\n[showing lines ${offset}-${last} ${of} in ${shown}${cutByBytes ? ' (output size limit reached)' : ''}.${more}]`;
  },
};

const listFilesInput = z
  .object({
    path: z.string().optional().describe('Directory to list, relative to the worktree root. Default: the root.'),
    depth: z.number().int().min(1).max(10).optional().describe('How many levels to descend. Default 2.'),
  })
  .strict();

/** list_files: the files and directories under a directory, a few levels deep. */
export const listFilesTool: CustomTool = {
  name: 'list_files',
  description:
    'List the files and directories of the worktree under a path, a few levels deep (directories end with "/"). ' +
    '.git and node_modules are shown but not descended into; symbolic links are shown with their target, not followed.',
  input_schema: inputSchemaOf(listFilesInput),
  async run(input: unknown, context: ToolContext): Promise<string> {
    const { path = '.', depth = 2 } = parseInput('list_files', listFilesInput, input);
    const root = await worktreeRoot(context.worktree);
    const directory = await confinePath(context.worktree, path);
    const info = await stat(directory).catch(() => undefined);
    if (!info) throw badInput(`list_files: ${displayPath(root, directory)} does not exist`, { hint: 'list "." to start from the root' });
    if (!info.isDirectory()) {
      throw badInput(`list_files: ${displayPath(root, directory)} is a file`, { hint: 'use read_file to read it' });
    }
    const { entries, complete } = await listTree(root, directory, depth, context.limits.maxListEntries);
    const heading = `${displayPath(root, directory)}/ (depth ${depth}):`;
    const body = entries.length === 0 ? '(empty directory)' : entries.join('\n');
    const note = complete ? '' : `\n[stopped after ${entries.length} entries; list a subdirectory or a smaller depth]`;
    return truncateMiddle(`${heading}\n${body}${note}`, context.limits.maxOutputBytes);
  },
};

/** Walks `directory` breadth-first to `depth` levels: sorted entries relative to the worktree root (`hidden: false` leaves out dot-files). */
export async function listTree(
  root: string,
  directory: string,
  depth: number,
  maxEntries: number,
  { hidden = true }: { hidden?: boolean } = {},
): Promise<{ entries: string[]; complete: boolean }> {
  const entries: string[] = [];
  let level: string[] = [directory];
  for (let current = 1; current <= depth; current += 1) {
    const next: string[] = [];
    for (const dir of level) {
      const names = (await readdir(dir)).sort();
      for (const name of names) {
        if (!hidden && name.startsWith('.')) continue;
        if (entries.length >= maxEntries) return { entries, complete: false };
        const full = join(dir, name);
        const info = await lstat(full).catch(() => undefined);
        if (!info) continue;
        const shown = displayPath(root, full);
        if (info.isSymbolicLink()) {
          entries.push(`${shown} -> (symbolic link, not followed)`);
        } else if (info.isDirectory()) {
          const skipped = SKIPPED_DIRECTORIES.includes(name);
          entries.push(`${shown}/${skipped ? ' (not listed)' : ''}`);
          if (!skipped) next.push(full);
        } else {
          entries.push(shown);
        }
      }
    }
    level = next;
  }
  return { entries, complete: true };
}

/** Escapes a character for use in a regular expression. */
const escapeRegExp = (text: string): string => text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');

/** The regular-expression source of a glob: `*`, `**`, `?`, `[…]` and `{a,b}`. */
function globSource(glob: string): string {
  let source = '';
  for (let i = 0; i < glob.length; i += 1) {
    const char = glob[i]!;
    if (char === '*') {
      if (glob[i + 1] === '*') {
        i += 1;
        if (glob[i + 1] === '/') {
          i += 1;
          source += '(?:.*/)?';
        } else source += '.*';
      } else source += '[^/]*';
    } else if (char === '?') source += '[^/]';
    else if (char === '[') {
      const end = glob.indexOf(']', i + 1);
      if (end < 0) source += '\\[';
      else {
        const body = glob.slice(i + 1, end).replace(/\\/g, '\\\\');
        source += `[${body.startsWith('!') ? `^${body.slice(1)}` : body}]`;
        i = end;
      }
    } else if (char === '{') {
      const end = glob.indexOf('}', i + 1);
      if (end < 0) source += '\\{';
      else {
        source += `(?:${glob.slice(i + 1, end).split(',').map(globSource).join('|')})`;
        i = end;
      }
    } else source += escapeRegExp(char);
  }
  return source;
}

/**
 * A matcher for a glob: a glob without `/` matches file names (`*.ts`), one
 * with `/` matches paths relative to the worktree root (`src/**\/*.ts`).
 */
export function globMatcher(glob: string): (relativePath: string) => boolean {
  const pattern = new RegExp(`^${globSource(glob)}$`);
  if (glob.includes('/')) return (path) => pattern.test(path);
  return (path) => pattern.test(path.slice(path.lastIndexOf('/') + 1));
}

/** Regular files under `start` (or `start` itself), sorted, skipping SKIPPED_DIRECTORIES and symbolic links. */
async function* walkFiles(start: string): AsyncGenerator<string> {
  const info = await lstat(start);
  if (info.isFile()) {
    yield start;
    return;
  }
  if (!info.isDirectory()) return;
  for (const name of (await readdir(start)).sort()) {
    if (SKIPPED_DIRECTORIES.includes(name)) continue;
    const full = join(start, name);
    const entry = await lstat(full).catch(() => undefined);
    if (!entry || entry.isSymbolicLink()) continue;
    if (entry.isDirectory()) yield* walkFiles(full);
    else if (entry.isFile()) yield full;
  }
}

const grepInput = z
  .object({
    pattern: z.string().min(1).describe('JavaScript regular expression, matched against each line.'),
    path: z.string().optional().describe('File or directory to search, relative to the worktree root. Default: the root.'),
    glob: z.string().optional().describe('Only files matching this glob: "*.ts" matches names, "src/**/*.py" paths.'),
    ignore_case: z.boolean().optional().describe('Match without regard to case.'),
  })
  .strict();

/** grep: lines matching a regular expression, as `path:line: text`. */
export const grepTool: CustomTool = {
  name: 'grep',
  description:
    'Search the worktree for lines matching a JavaScript regular expression; prints "path:line: text" for each match. ' +
    '.git, node_modules, binary files and symbolic links are skipped; results are bounded.',
  input_schema: inputSchemaOf(grepInput),
  async run(input: unknown, context: ToolContext): Promise<string> {
    const { pattern, path = '.', glob, ignore_case } = parseInput('grep', grepInput, input);
    const flags = ignore_case ? 'i' : '';
    compilePattern(pattern, flags);
    const root = await worktreeRoot(context.worktree);
    const start = await confinePath(context.worktree, path);
    if (!(await lstat(start).catch(() => undefined))) {
      throw badInput(`grep: ${displayPath(root, start)} does not exist`, { hint: 'use list_files to see what exists' });
    }
    const wanted = glob === undefined ? () => true : globMatcher(glob);
    const { limits } = context;
    const matcher = new RegexMatcher(pattern, flags);
    const hits: string[] = [];
    const skipped: string[] = [];
    let files = 0;
    let stopped: string | undefined;
    const deadline = Date.now() + limits.commandTimeoutMs;
    try {
      for await (const file of walkFiles(start)) {
        const shown = displayPath(root, file);
        if (!wanted(shown)) continue;
        if (Date.now() > deadline) {
          stopped = `[stopped after ${limits.commandTimeoutMs} ms; search a smaller path or add a glob]`;
          break;
        }
        const info = await stat(file);
        if (info.size > limits.maxFileBytes) {
          skipped.push(`${shown} (${info.size} bytes, too large)`);
          continue;
        }
        if (info.size === 0 || (await isBinaryFile(file))) continue;
        files += 1;
        const text = await readFile(file, 'utf8');
        const room = limits.maxGrepMatches - hits.length;
        const lines = await matcher.match(text, room, Math.min(GREP_FILE_TIMEOUT_MS, limits.commandTimeoutMs), shown);
        if (lines.length > 0) {
          const all = text.split('\n');
          for (const index of lines) hits.push(`${shown}:${index + 1}: ${clipLine(all[index] ?? '', limits.maxLineChars)}`);
        }
        if (hits.length >= limits.maxGrepMatches) {
          stopped = `[stopped after ${hits.length} matches; narrow the pattern, the path or the glob to see the rest]`;
          break;
        }
      }
    } finally {
      await matcher.close();
    }
    const where = displayPath(root, start);
    if (hits.length === 0) {
      const none = `No matches for /${pattern}/${flags} in ${where} (${files} files searched${glob ? `, glob ${glob}` : ''}).`;
      return stopped ? `${none}\n${stopped}` : none;
    }
    const notes: string[] = [];
    if (stopped) notes.push(stopped);
    if (skipped.length > 0) notes.push(`[skipped: ${skipped.join(', ')}]`);
    return truncateMiddle([...hits, ...notes].join('\n'), limits.maxOutputBytes);
  },
};

/** The read-only tools, in the order they are offered. */
export const readOnlyTools: readonly CustomTool[] = [readFileTool, listFilesTool, grepTool];
