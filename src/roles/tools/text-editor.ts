/**
 * Anthropic's text editor client tool (`text_editor_20250728`, named
 * `str_replace_based_edit_tool`), executed by EPM inside the worktree:
 * `view` (a file with numbered lines, optionally a `view_range`, or a
 * directory two levels deep), `create` (a new file; never overwrites),
 * `str_replace` (exactly one verbatim occurrence of `old_str`), and `insert`
 * (text after line `insert_line`, 0 for the top). `undo_edit` does not exist in
 * this tool version and is refused. Writes are atomic (a temporary file renamed
 * over the target), so a killed process leaves the old file or the new one,
 * never half of each; paths inside `.git` are refused.
 */
import { randomBytes } from 'node:crypto';
import { link, mkdir, readFile, rename, stat, unlink, writeFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { z } from 'zod';
import { badInput, conflict } from '../../domain/errors.js';
import { confinePath, displayPath, worktreeRoot } from './confine.js';
import { isBinaryFile, listTree, numberLine } from './read-only-tools.js';
import { parseInput, type ClientTool, type ToolContext } from './tool.js';

/** The tool's name, fixed by Anthropic for this tool type. */
export const TEXT_EDITOR_NAME = 'str_replace_based_edit_tool';
/** Lines of context shown around an edit. */
const SNIPPET_LINES = 4;

const path = z.string().describe('Path of the file or directory, relative to the worktree root (or absolute inside it).');
const editorInput = z.discriminatedUnion('command', [
  z.object({
    command: z.literal('view'),
    path,
    view_range: z.tuple([z.number().int(), z.number().int()]).nullish(),
  }),
  z.object({ command: z.literal('create'), path, file_text: z.string() }),
  z.object({ command: z.literal('str_replace'), path, old_str: z.string(), new_str: z.string().nullish() }),
  z.object({
    command: z.literal('insert'),
    path,
    insert_line: z.number().int(),
    insert_text: z.string().optional(),
    // Earlier versions of the tool called the inserted text new_str.
    new_str: z.string().optional(),
  }),
  z.object({ command: z.literal('undo_edit'), path }),
]);

/** Splits a file into lines; the final newline ends the last line rather than starting an empty one. */
function splitLines(content: string): string[] {
  if (content === '') return [];
  return (content.endsWith('\n') ? content.slice(0, -1) : content).split('\n');
}

/** Numbered lines `from`..`to` (1-based, inclusive) of `lines`. */
function numbered(lines: readonly string[], from: number, to: number): string {
  return lines
    .slice(from - 1, to)
    .map((line, index) => numberLine(line, from + index))
    .join('\n');
}

/** Writes `content` to `target` through a temporary file in the same directory, renamed over it. */
export async function writeFileAtomic(target: string, content: string, { exclusive = false } = {}): Promise<void> {
  const temporary = join(dirname(target), `.${basename(target)}.epm-${process.pid}-${randomBytes(4).toString('hex')}.tmp`);
  const mode = await stat(target).then(
    (info) => info.mode & 0o7777,
    () => 0o644,
  );
  await writeFile(temporary, content, { encoding: 'utf8', mode, flag: 'wx' });
  try {
    if (!exclusive) await rename(temporary, target);
    else {
      // link() fails when the target exists: an atomic "create, never overwrite".
      await link(temporary, target).catch(async (error: unknown) => {
        const code = (error as NodeJS.ErrnoException).code;
        if (code !== 'EPERM' && code !== 'ENOTSUP' && code !== 'EOPNOTSUPP') throw error;
        // A file system without hard links: exclusive creation, not atomic against a crash mid-write.
        await writeFile(target, content, { encoding: 'utf8', mode, flag: 'wx' });
      });
    }
  } finally {
    // After link() the temporary is a second name to remove; after a failed rename it is the only copy of nothing useful.
    await unlink(temporary).catch(() => undefined);
  }
}

/** Reads a text file an edit applies to, refusing directories, binary and oversized files. */
async function readEditable(file: string, shown: string, context: ToolContext): Promise<string> {
  const info = await stat(file).catch(() => undefined);
  if (!info) throw badInput(`${shown} does not exist`, { hint: 'use the create command to make a new file' });
  if (info.isDirectory()) throw badInput(`${shown} is a directory`, { hint: 'give the path of a file' });
  if (info.size > context.limits.maxFileBytes) {
    throw badInput(`${shown} is too large to edit here (${info.size} bytes)`, { hint: 'edit it with a script run through bash' });
  }
  if (await isBinaryFile(file)) throw badInput(`${shown} is a binary file`, { hint: 'the editor handles text files only' });
  return readFile(file, 'utf8');
}

/** Line numbers (1-based) where each occurrence of `needle` starts. */
function occurrenceLines(content: string, needle: string): number[] {
  const lines: number[] = [];
  for (let at = content.indexOf(needle); at >= 0; at = content.indexOf(needle, at + needle.length)) {
    lines.push(content.slice(0, at).split('\n').length);
  }
  return lines;
}

/** The edited region with a few lines around it, as the model reviews it. */
function snippet(shown: string, content: string, firstLine: number, lineCount: number): string {
  const lines = splitLines(content);
  const from = Math.max(1, firstLine - SNIPPET_LINES);
  const to = Math.min(lines.length, firstLine + lineCount - 1 + SNIPPET_LINES);
  return (
    `The file ${shown} has been edited. Here's the result of running \`cat -n\` on a snippet of ${shown}:\n` +
    `${numbered(lines, from, to)}\nReview the changes and make sure they are as expected. Edit the file again if necessary.`
  );
}

/** Options of `createTextEditorTool`. */
export interface TextEditorOptions {
  /** Longest file view in characters, sent to the API as `max_characters`; views are also bounded by `limits.maxOutputBytes`. */
  maxCharacters?: number;
}

/** The text editor tool, optionally with a view size set in its definition. */
export function createTextEditorTool(options: TextEditorOptions = {}): ClientTool {
  const tool: ClientTool = {
    type: 'text_editor_20250728',
    name: TEXT_EDITOR_NAME,
    ...(options.maxCharacters === undefined ? {} : { max_characters: options.maxCharacters }),
    async run(input: unknown, context: ToolContext): Promise<string> {
      const call = parseInput(TEXT_EDITOR_NAME, editorInput, input);
      const root = await worktreeRoot(context.worktree);
      const writes = call.command === 'create' || call.command === 'str_replace' || call.command === 'insert';
      const file = await confinePath(context.worktree, call.path, { forWrite: writes });
      const shown = displayPath(root, file);
      switch (call.command) {
        case 'view':
          return view(root, file, shown, call.view_range ?? undefined, context, options.maxCharacters);
        case 'create': {
          if (await stat(file).then(() => true, () => false)) {
            throw conflict(`${shown} already exists; create never overwrites a file`, {
              hint: 'use str_replace or insert to change it, or view it first',
            });
          }
          await mkdir(dirname(file), { recursive: true }).catch((error: unknown) => {
            throw badInput(`cannot create the directory of ${shown}: ${(error as Error).message}`, {
              hint: 'a part of the path is an existing file; choose another path',
            });
          });
          await writeFileAtomic(file, call.file_text, { exclusive: true }).catch((error: unknown) => {
            if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
            throw conflict(`${shown} already exists; create never overwrites a file`, { hint: 'use str_replace or insert to change it' });
          });
          return `File created successfully at: ${shown}`;
        }
        case 'str_replace': {
          if (call.old_str === '') throw badInput('str_replace: old_str is empty', { hint: 'quote the exact text to replace' });
          const content = await readEditable(file, shown, context);
          const found = occurrenceLines(content, call.old_str);
          if (found.length === 0) {
            throw conflict(`No replacement was performed: old_str did not appear verbatim in ${shown}`, {
              hint: 'view the file and copy the text exactly, whitespace and indentation included',
            });
          }
          if (found.length > 1) {
            throw conflict(
              `No replacement was performed: old_str appears ${found.length} times in ${shown} (lines ${found.join(', ')})`,
              { hint: 'include more surrounding lines in old_str so that it matches exactly once' },
            );
          }
          const at = content.indexOf(call.old_str);
          const replacement = call.new_str ?? '';
          const edited = content.slice(0, at) + replacement + content.slice(at + call.old_str.length);
          await writeFileAtomic(file, edited);
          return snippet(shown, edited, found[0]!, replacement.split('\n').length);
        }
        case 'insert': {
          const text = call.insert_text ?? call.new_str;
          if (text === undefined) throw badInput('insert: insert_text is missing', { hint: 'pass the text to insert as insert_text' });
          const content = await readEditable(file, shown, context);
          const lines = splitLines(content);
          if (call.insert_line < 0 || call.insert_line > lines.length) {
            throw badInput(`insert: insert_line ${call.insert_line} is outside ${shown}, which has ${lines.length} lines`, {
              hint: `pass a line number from 0 (the top) to ${lines.length} (the end)`,
            });
          }
          const added = splitLines(text.endsWith('\n') ? text : `${text}\n`);
          lines.splice(call.insert_line, 0, ...added);
          const keepsFinalNewline = content === '' || content.endsWith('\n') || call.insert_line === lines.length - added.length;
          const edited = lines.join('\n') + (keepsFinalNewline ? '\n' : '');
          await writeFileAtomic(file, edited);
          return snippet(shown, edited, call.insert_line + 1, added.length);
        }
        case 'undo_edit':
          throw badInput('undo_edit is not available in text_editor_20250728', {
            hint: 'make the reverse edit with str_replace instead',
          });
      }
    },
  };
  return tool;
}

/** `view`: a file's numbered lines (or a range of them), or a directory two levels deep. */
async function view(
  root: string,
  file: string,
  shown: string,
  range: [number, number] | undefined,
  context: ToolContext,
  maxCharacters: number | undefined,
): Promise<string> {
  const info = await stat(file).catch(() => undefined);
  if (!info) throw badInput(`${shown} does not exist`, { hint: 'view "." to see the worktree' });
  if (info.isDirectory()) {
    if (range) throw badInput('view_range applies to files, not directories', { hint: 'view the directory without view_range' });
    const { entries, complete } = await listTree(root, file, 2, context.limits.maxListEntries, { hidden: false });
    const note = complete ? '' : `\n[stopped after ${entries.length} entries; view a subdirectory]`;
    return `Here are the files and directories up to 2 levels deep in ${shown}, excluding hidden items:\n${entries.join('\n')}${note}`;
  }
  const content = await readEditable(file, shown, context);
  const lines = splitLines(content);
  const from = range?.[0] ?? 1;
  let to = range?.[1] ?? lines.length;
  if (range) {
    if (from < 1 || from > Math.max(lines.length, 1)) {
      throw badInput(`view_range start ${from} is outside ${shown}, which has ${lines.length} lines`, {
        hint: `pass a start from 1 to ${lines.length}`,
      });
    }
    if (to === -1) to = lines.length;
    if (to < from || to > lines.length) {
      throw badInput(`view_range end ${to} is invalid for ${shown} (start ${from}, ${lines.length} lines)`, {
        hint: `pass an end from ${from} to ${lines.length}, or -1 for the end of the file`,
      });
    }
  }
  const budget = Math.min(context.limits.maxOutputBytes, maxCharacters ?? Infinity);
  const shownLines: string[] = [];
  let size = 0;
  let last = from - 1;
  for (let number = from; number <= to; number += 1) {
    const line = numberLine(lines[number - 1] ?? '', number);
    if (size + line.length + 1 > budget && shownLines.length > 0) break;
    shownLines.push(line);
    size += line.length + 1;
    last = number;
  }
  const heading = `Here's the result of running \`cat -n\` on ${shown}:\n`;
  if (lines.length === 0) return `${heading}(empty file)`;
  const clipped =
    last < to ? `\n[output clipped at line ${last} of ${lines.length}; view with view_range [${last + 1}, ${to}] to see more]` : '';
  return `${heading}${shownLines.join('\n')}${clipped}`;
}

/** The text editor with default options. */
export const textEditorTool: ClientTool = createTextEditorTool();
