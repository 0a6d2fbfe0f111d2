/**
 * A deterministic duplicate-code scan: which lines a diff adds already stand
 * elsewhere in the repository (six or more lines alike after whitespace is
 * normalised). The code reviewer gets its findings as input, so code written
 * twice is flagged with the piece to reuse rather than left to a model's eye.
 */

/** Lines a diff adds to one file. */
export interface AddedLines {
  path: string;
  /** 1-based line number in the new file → text. */
  lines: Map<number, string>;
}

/** One repeated block. */
export interface DuplicateFinding {
  /** Where the diff adds it: `path:start-end`. */
  added: string;
  /** Where it already stands: `path:start-end`. */
  existing: string;
  lines: number;
}

/** Parses a unified diff into the lines it adds, per file. */
export function addedLinesOf(diff: string): AddedLines[] {
  const files: AddedLines[] = [];
  let current: AddedLines | undefined;
  let line = 0;
  for (const raw of diff.split('\n')) {
    if (raw.startsWith('+++ ')) {
      const path = raw.slice(4).replace(/^b\//, '');
      current = path === '/dev/null' ? undefined : { path, lines: new Map() };
      if (current) files.push(current);
      continue;
    }
    const hunk = /^@@ -\d+(?:,\d+)? \+(\d+)(?:,\d+)? @@/.exec(raw);
    if (hunk) {
      line = Number(hunk[1]);
      continue;
    }
    if (!current || raw.startsWith('--- ') || raw.startsWith('\\')) continue;
    if (raw.startsWith('+')) {
      current.lines.set(line, raw.slice(1));
      line += 1;
    } else if (raw.startsWith(' ')) {
      line += 1;
    }
  }
  return files.filter((f) => f.lines.size > 0);
}

const normalize = (text: string): string => text.trim().replace(/\s+/g, ' ');
/** Lines too common to count (braces, blank, lone keywords). */
const isTrivial = (text: string): boolean => text.length < 4 || /^[{}()[\];,]+$/.test(text) || /^(else|try|return|break|continue|end|pass|\} else \{)$/.test(text);

interface Window {
  path: string;
  start: number;
  end: number;
}

/** Windows of `size` consecutive non-trivial lines, keyed by their normalised text. */
function windowsOf(path: string, numbered: [number, string][], size: number): Map<string, Window> {
  const meaningful = numbered.map(([n, t]) => [n, normalize(t)] as const).filter(([, t]) => !isTrivial(t));
  const windows = new Map<string, Window>();
  for (let i = 0; i + size <= meaningful.length; i++) {
    const slice = meaningful.slice(i, i + size);
    const key = slice.map(([, t]) => t).join('\n');
    if (!windows.has(key)) windows.set(key, { path, start: slice[0]![0], end: slice[size - 1]![0] });
  }
  return windows;
}

/**
 * Blocks of at least `minLines` added lines that also stand in another file,
 * or elsewhere in the same file. `files` holds the repository's files as they
 * are on the branch (the added lines included: their own position is skipped).
 * Overlapping matches are merged into one finding per pair of places.
 */
export function findDuplicates(added: readonly AddedLines[], files: ReadonlyMap<string, string>, minLines = 6): DuplicateFinding[] {
  const index = new Map<string, Window[]>();
  for (const [path, content] of files) {
    const numbered = content.split('\n').map((t, i) => [i + 1, t] as [number, string]);
    for (const [key, window] of windowsOf(path, numbered, minLines)) {
      const list = index.get(key) ?? [];
      list.push(window);
      index.set(key, list);
    }
  }
  const findings: DuplicateFinding[] = [];
  for (const file of added) {
    const numbered = [...file.lines.entries()].sort(([a], [b]) => a - b);
    // Only runs of consecutive added lines form a block.
    const runs: [number, string][][] = [];
    for (const entry of numbered) {
      const last = runs.at(-1);
      if (last && last.at(-1)![0] === entry[0] - 1) last.push(entry);
      else runs.push([entry]);
    }
    for (const run of runs) {
      for (const [key, window] of windowsOf(file.path, run, minLines)) {
        for (const other of index.get(key) ?? []) {
          const itself = other.path === file.path && other.start <= window.end && other.end >= window.start;
          if (itself) continue;
          const previous = findings.at(-1);
          const addedRef = `${file.path}:${window.start}-${window.end}`;
          // Extend the previous finding when this window continues it.
          if (previous && previous.existing.startsWith(`${other.path}:`) && previous.added.startsWith(`${file.path}:`)) {
            const [, prevAddedEnd] = previous.added.slice(file.path.length + 1).split('-').map(Number);
            const [prevStart, prevEnd] = previous.existing.slice(other.path.length + 1).split('-').map(Number);
            if (prevAddedEnd !== undefined && prevStart !== undefined && prevEnd !== undefined && window.start <= prevAddedEnd + 1 && other.start <= prevEnd + 1 && other.start >= prevStart) {
              previous.added = `${file.path}:${previous.added.slice(file.path.length + 1).split('-')[0]}-${window.end}`;
              previous.existing = `${other.path}:${prevStart}-${Math.max(prevEnd, other.end)}`;
              previous.lines += 1;
              continue;
            }
          }
          findings.push({ added: addedRef, existing: `${other.path}:${other.start}-${other.end}`, lines: minLines });
        }
      }
    }
  }
  return findings;
}

/** The scan's findings as the code reviewer reads them. */
export function renderDuplicateScan(findings: readonly DuplicateFinding[]): string {
  if (findings.length === 0) return 'Duplicate-code scan (EPM, deterministic): no block of 6 or more added lines repeats existing code.';
  return [
    `Duplicate-code scan (EPM, deterministic): ${findings.length} added block(s) repeat existing code — reuse the existing piece instead (finding class duplicate-code):`,
    ...findings.slice(0, 20).map((f) => `- ${f.added} repeats ${f.existing} (${f.lines}+ lines alike)`),
  ].join('\n');
}
