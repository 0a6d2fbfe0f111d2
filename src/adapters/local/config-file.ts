/**
 * Finds and reads a repository's config file: `epm.config.yml` at the top
 * level or `.github/epm.yml`. Parsing and validation are the domain's
 * (`src/domain/config.ts`). Callers must point this at a trusted checkout (the
 * default branch), since the config names approvers and budgets.
 */

import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { DEFAULT_CONFIG, parseConfig, type EpmConfig } from '../../domain/config.js';
import { badInput, external } from '../../domain/errors.js';

/** Where EPM looks for its config, relative to the repository root, in POSIX form. */
export const CONFIG_FILE_PATHS = ['epm.config.yml', '.github/epm.yml'] as const;

// Names EPM does not read; finding one means a config would be silently ignored.
const MISNAMED_PATHS: Readonly<Record<string, string>> = {
  'epm.config.yaml': 'epm.config.yml',
  '.github/epm.yaml': '.github/epm.yml',
};

// A config is a few dozen lines; anything this large is not one.
const MAX_CONFIG_BYTES = 1024 * 1024;

/** A loaded config and where it came from. */
export interface LoadedConfig {
  /** The config with every default applied. */
  config: EpmConfig;
  /** The file it was read from, relative to the repository root (`epm.config.yml`), or null when there is none. */
  source: string | null;
}

/**
 * Loads the config of the repository at `repoDir`. No file → the defaults with
 * `source` null. Throws `bad-input` when both files exist, when a `.yaml`
 * spelling exists (EPM would otherwise ignore it), or when the file is
 * invalid; `external` when a file cannot be read.
 */
export async function loadConfig(repoDir: string): Promise<LoadedConfig> {
  const misnamed = (await readPresent(repoDir, Object.keys(MISNAMED_PATHS)))[0];
  if (misnamed !== undefined) {
    throw badInput(`found ${misnamed.path}, but EPM reads only ${CONFIG_FILE_PATHS.join(' or ')}`, {
      hint: `rename ${misnamed.path} to ${MISNAMED_PATHS[misnamed.path] ?? CONFIG_FILE_PATHS[0]}`,
    });
  }
  const found = await readPresent(repoDir, CONFIG_FILE_PATHS);
  if (found.length > 1) {
    throw badInput(`both ${CONFIG_FILE_PATHS.join(' and ')} exist, so the config is ambiguous`, {
      hint: `keep one: merge the settings into ${CONFIG_FILE_PATHS[0]} and delete ${CONFIG_FILE_PATHS[1]}, or the other way round`,
    });
  }
  const file = found[0];
  if (file === undefined) return { config: structuredClone(DEFAULT_CONFIG), source: null };
  return { config: parseConfig(file.text, file.path), source: file.path };
}

/** The files among `paths` that exist, with their text, in the order given. */
async function readPresent(repoDir: string, paths: readonly string[]): Promise<{ path: string; text: string }[]> {
  const texts = await Promise.all(paths.map((path) => readIfPresent(repoDir, path)));
  return paths.flatMap((path, index) => {
    const text = texts[index];
    return text === null || text === undefined ? [] : [{ path, text }];
  });
}

/** The file's text, or null when it does not exist. */
async function readIfPresent(repoDir: string, path: string): Promise<string | null> {
  let bytes: Buffer;
  try {
    bytes = await readFile(join(repoDir, ...path.split('/')));
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') return null;
    if (code === 'EISDIR') throw badInput(`${path} is a folder, expected a YAML file`, { hint: `remove or rename the folder ${path}` });
    throw external(`cannot read ${path}: ${(error as Error).message}`, {
      hint: `check the permissions of ${join(repoDir, path)}`,
      cause: error,
    });
  }
  if (bytes.length > MAX_CONFIG_BYTES) {
    throw badInput(`${path} is ${bytes.length} bytes, expected a config under ${MAX_CONFIG_BYTES} bytes`, {
      hint: `trim ${path} to the keys in docs/config.md`,
    });
  }
  return bytes.toString('utf8');
}
