/**
 * The artifact inventory of a run (DESIGN.md §4): what it created (every file
 * under its outputs folder) and what it used (inputs declared in the planned
 * manifest plus those detected), each hashed. Paths are POSIX, relative to the
 * worktree; nothing outside the worktree is ever read.
 */
import { realpath, stat } from 'node:fs/promises';
import { isAbsolute, join, posix, relative, sep, win32 } from 'node:path';
import { badInput } from '../../domain/errors.js';
import { hashFiles, hashTree } from './hashing.js';

/** Options of `takeInventory`. */
export interface InventoryOptions {
  /** The run's worktree. */
  worktree: string;
  /** The outputs folder, relative to the worktree (e.g. `results/`). */
  outputsDir?: string;
  /** Declared outputs, files or folders (the planned manifest's `outputs`); used instead of `outputsDir` when given. */
  outputs?: readonly string[];
  /** Inputs declared in the planned manifest: files or folders relative to the worktree. */
  declaredInputs: readonly string[];
  /** Inputs found by other means (e.g. files the run opened), relative to the worktree. */
  detectedInputs?: readonly string[];
}

/** One hashed file. */
export interface InventoryFile {
  /** POSIX path relative to the worktree. */
  path: string;
  /** Lower-case hex sha256 of the content. */
  sha256: string;
  /** Size in bytes. */
  size: number;
}

/** What the run created and used. */
export interface Inventory {
  /** Every file under the outputs folder, sorted by path; empty when the folder does not exist. */
  created: InventoryFile[];
  /** Every input file (folders expanded), sorted by path; `declared` when the plan named it or a folder holding it. */
  used: (InventoryFile & { declared: boolean })[];
  /** Declared or detected inputs not found in the worktree, as given (normalized), sorted. */
  missingInputs: string[];
}

/**
 * Takes the inventory. Refuses (`bad-input`) any path that is absolute,
 * climbs with `..`, names the worktree itself, or resolves through a link to
 * outside the worktree; symbolic links inside hashed folders are refused by
 * `hashTree`. A missing outputs folder yields no created files (the caller
 * decides whether that is a failure); missing inputs are listed, not thrown.
 */
export async function takeInventory(options: InventoryOptions): Promise<Inventory> {
  const root = await realpath(options.worktree).catch((error: unknown) => {
    throw badInput(`worktree ${options.worktree} cannot be read: ${(error as Error).message}`, { hint: 'pass the run worktree that exists on this machine', cause: error });
  });
  const declared = [...new Set(options.declaredInputs.map((path, i) => checkRelative(path, `declaredInputs[${i}]`)))];
  const detected = [...new Set((options.detectedInputs ?? []).map((path, i) => checkRelative(path, `detectedInputs[${i}]`)))];

  const created = new Map<string, InventoryFile>();
  const createdFiles: { path: string; absolute: string }[] = [];
  const outputs = options.outputs
    ? options.outputs.map((path, i) => ({ path: checkRelative(path, `outputs[${i}]`), fileAllowed: true }))
    : options.outputsDir !== undefined ? [{ path: checkRelative(options.outputsDir, 'outputsDir'), fileAllowed: false }] : [];
  for (const output of outputs) {
    const found = await locate(root, output.path, output.fileAllowed ? 'output' : 'outputsDir');
    // A missing output yields no created files: verification judges that, not the inventory.
    if (found.kind === 'missing') continue;
    if (found.kind === 'file') {
      if (!output.fileAllowed) throw badInput(`outputsDir ${output.path} is a file, not a folder`, { hint: 'declare the folder the run writes its outputs into, e.g. results/' });
      createdFiles.push({ path: output.path, absolute: found.absolute });
    } else {
      for (const file of await hashTree(found.absolute)) created.set(posix.join(output.path, file.path), { ...file, path: posix.join(output.path, file.path) });
    }
  }
  const createdDigests = await hashFiles(createdFiles.map((f) => f.absolute));
  for (const file of createdFiles) created.set(file.path, { path: file.path, ...createdDigests.get(file.absolute)! });

  const used = new Map<string, InventoryFile & { declared: boolean }>();
  const missing = new Set<string>();
  const files: { path: string; absolute: string; declared: boolean }[] = [];
  const sources = [...declared.map((path) => ({ path, declared: true })), ...detected.map((path) => ({ path, declared: false }))];
  for (const source of sources) {
    const found = await locate(root, source.path, source.declared ? 'declared input' : 'detected input');
    if (found.kind === 'missing') missing.add(source.path);
    else if (found.kind === 'file') files.push({ path: source.path, absolute: found.absolute, declared: source.declared });
    else {
      for (const file of await hashTree(found.absolute)) addUsed(used, { ...file, path: posix.join(source.path, file.path), declared: source.declared });
    }
  }
  const digests = await hashFiles(files.map((f) => f.absolute));
  for (const file of files) addUsed(used, { path: file.path, ...digests.get(file.absolute)!, declared: file.declared });

  return {
    created: [...created.values()].sort((a, b) => compareText(a.path, b.path)),
    used: [...used.values()].sort((a, b) => compareText(a.path, b.path)),
    missingInputs: [...missing].sort(compareText),
  };
}

/** Records an input file once; declared wins over detected. */
function addUsed(used: Map<string, InventoryFile & { declared: boolean }>, file: InventoryFile & { declared: boolean }): void {
  const seen = used.get(file.path);
  used.set(file.path, { path: file.path, sha256: file.sha256, size: file.size, declared: file.declared || (seen?.declared ?? false) });
}

/** Normalizes a relative POSIX path; refuses absolute paths, `..`, and the worktree itself. */
function checkRelative(path: string, label: string): string {
  const hint = 'name paths relative to the worktree root, without ".." (e.g. results/ or data/train.jsonl)';
  if (path.trim().length === 0) throw badInput(`${label} is empty`, { hint });
  if (isAbsolute(path) || posix.isAbsolute(path) || win32.isAbsolute(path)) throw badInput(`${label} "${path}" is an absolute path`, { hint });
  const slashed = path.replace(/\\/g, '/');
  if (slashed.split('/').includes('..')) throw badInput(`${label} "${path}" climbs out with ".."`, { hint });
  const normalized = posix.normalize(slashed).replace(/\/+$/, '');
  if (normalized === '.' || normalized === '') throw badInput(`${label} "${path}" names the whole worktree`, { hint });
  return normalized.replace(/^\.\//, '');
}

/** What a relative path is inside the worktree, refusing one that resolves (through a link) outside it. */
async function locate(root: string, path: string, label: string): Promise<{ kind: 'missing' } | { kind: 'file' | 'folder'; absolute: string }> {
  const absolute = join(root, ...path.split('/'));
  const real = await realpath(absolute).catch(() => undefined);
  if (real === undefined) return { kind: 'missing' };
  const inside = relative(root, real);
  if (inside === '..' || inside.startsWith(`..${sep}`) || isAbsolute(inside)) {
    throw badInput(`${label} "${path}" resolves to ${real}, outside the worktree`, { hint: 'copy the input into the worktree instead of linking to it' });
  }
  const info = await stat(real);
  if (info.isDirectory()) return { kind: 'folder', absolute: real };
  if (info.isFile()) return { kind: 'file', absolute: real };
  throw badInput(`${label} "${path}" is neither a file nor a folder`, { hint: 'declare regular files or folders as inputs' });
}

/** Locale-independent string order. */
function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
