/**
 * Path confinement: every path a tool touches is resolved here, and anything
 * that would land outside the worktree is refused before any I/O on it.
 */
import { lstat, realpath } from 'node:fs/promises';
import { basename, dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import { badInput, notFound } from '../../domain/errors.js';

/** Options of `confinePath`. */
export interface ConfineOptions {
  /**
   * The caller will write: paths inside a `.git` directory or file are refused
   * too, since git metadata (hooks, config) runs code in EPM's own later git
   * commands, outside any confinement.
   */
  forWrite?: boolean;
}

/** True when `path` is `root` or below it (both absolute and normalized). */
export function isInside(root: string, path: string): boolean {
  const rel = relative(root, path);
  return rel === '' || (rel !== '..' && !rel.startsWith(`..${sep}`) && !isAbsolute(rel));
}

const outside = (requested: string, worktree: string, why: string) =>
  badInput(`path ${JSON.stringify(requested)} is outside the worktree: ${why}`, {
    hint: `use a path inside the worktree ${worktree} (relative paths start there)`,
  });

const errorCode = (error: unknown): string | undefined => (error as NodeJS.ErrnoException).code;

/**
 * Resolves `requested` (relative to the worktree, or absolute) to an absolute,
 * symlink-free path inside the worktree; throws a bad-input error saying
 * "outside the worktree" for `..` escapes, absolute paths elsewhere, and
 * symbolic links that resolve elsewhere (the real path of the nearest existing
 * ancestor is checked, so a path that does not exist yet is judged by where it
 * would be created). NUL bytes, empty paths and dangling symbolic links are
 * refused too.
 */
export async function confinePath(worktree: string, requested: unknown, options: ConfineOptions = {}): Promise<string> {
  if (typeof requested !== 'string') throw badInput('path must be a string', { hint: 'pass a path relative to the worktree' });
  if (requested.includes('\0')) {
    throw badInput(`path ${JSON.stringify(requested)} contains a NUL byte`, { hint: 'pass a plain path without control characters' });
  }
  if (requested.trim() === '') throw badInput('path is empty', { hint: 'pass a path relative to the worktree, or "." for its root' });

  const base = resolve(worktree);
  const root = await worktreeRoot(base);
  const candidate = resolve(base, requested);
  // Absolute paths may name the worktree through its given path or its real path.
  let tail: string;
  if (isInside(base, candidate)) tail = relative(base, candidate);
  else if (isInside(root, candidate)) tail = relative(root, candidate);
  else throw outside(requested, base, isAbsolute(requested) ? 'it is an absolute path elsewhere' : 'its ".." segments leave the worktree');

  // Walk up to the nearest existing ancestor and take its real path: the only place a symbolic link can redirect us.
  const missing: string[] = [];
  let probe = join(root, tail);
  let real: string;
  for (;;) {
    try {
      real = await realpath(probe);
      break;
    } catch (error) {
      if (errorCode(error) !== 'ENOENT' && errorCode(error) !== 'ENOTDIR') throw error;
      const exists = await lstat(probe).then(
        () => true,
        () => false,
      );
      if (exists) {
        throw badInput(`path ${JSON.stringify(requested)} goes through a symbolic link whose target does not exist`, {
          hint: 'a dangling link could point anywhere; remove it or use another path',
        });
      }
      missing.unshift(basename(probe));
      probe = dirname(probe);
    }
  }
  const resolved = join(real, ...missing);
  if (!isInside(root, resolved)) throw outside(requested, base, 'a symbolic link on the way resolves outside it');
  if (options.forWrite && relative(root, resolved).split(sep).includes('.git')) {
    throw badInput(`path ${JSON.stringify(requested)} is inside git metadata (.git), which tools may not change`, {
      hint: 'edit the project files; EPM commits the worktree itself',
    });
  }
  return resolved;
}

/** `path` relative to the worktree's real root, for messages the model reads ("." for the root). */
export function displayPath(root: string, path: string): string {
  const rel = relative(root, path);
  return rel === '' ? '.' : rel.split(sep).join('/');
}

/** The worktree's real path (symbolic links resolved), the root every confined path is inside of. */
export async function worktreeRoot(worktree: string): Promise<string> {
  try {
    return await realpath(resolve(worktree));
  } catch (error) {
    throw notFound(`worktree ${resolve(worktree)} does not exist`, { hint: 'create the worktree before running tools in it', cause: error });
  }
}
