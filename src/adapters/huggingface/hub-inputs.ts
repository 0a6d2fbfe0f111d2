/**
 * Checks on what callers hand a ModelHub, shared by the Hugging Face adapter
 * and the local artifact store so both refuse the same bad input with the
 * same words, before anything is created or uploaded.
 */

import { stat } from 'node:fs/promises';
import { badInput } from '../../domain/errors.js';
import type { HubUpload } from '../../ports/model-hub.js';

/** A model repository id: `<namespace>/<name>`, each part as the Hub allows it. */
export const REPO_ID_PATTERN = /^[A-Za-z0-9](?:[A-Za-z0-9._-]{0,94}[A-Za-z0-9])?\/[A-Za-z0-9](?:[A-Za-z0-9._-]{0,94}[A-Za-z0-9])?$/;

/** Throws `bad-input` unless `repo` is `<namespace>/<name>`. */
export function assertRepoId(repo: string): void {
  if (!REPO_ID_PATTERN.test(repo) || repo.includes('..') || repo.includes('--')) {
    throw badInput(`model repo "${repo}" is not of the form <namespace>/<name>`, {
      hint: 'name it like my-org/my-model: letters, digits, ".", "_" and "-", starting and ending with a letter or digit',
    });
  }
}

/** Throws `bad-input` unless `revision` could name a branch, tag or commit. */
export function assertRevision(revision: string): void {
  // eslint-disable-next-line no-control-regex
  if (revision.length === 0 || revision.length > 255 || /[\s\x00-\x1f\x7f~^:?*[\\]/.test(revision) || revision.includes('..')) {
    throw badInput(`revision "${revision}" is not a branch, tag or commit name`, {
      hint: 'pass the commit sha recorded in the manifest, or "main"',
    });
  }
}

/** Throws `bad-input` unless `path` is a relative POSIX path inside a repository. */
export function assertRepoPath(path: string): void {
  const segments = path.split('/');
  const bad =
    path.length === 0 ||
    path.length > 1024 ||
    path.includes('\\') ||
    // eslint-disable-next-line no-control-regex
    /[\x00-\x1f\x7f]/.test(path) ||
    segments.some((segment) => segment === '' || segment === '.' || segment === '..') ||
    segments[0] === '.git';
  if (bad) {
    throw badInput(`upload path "${path}" is not a relative path inside the repository`, {
      hint: 'use forward slashes, no leading "/", no "." or ".." segments and nothing under .git/',
    });
  }
}

/**
 * Checks an upload list: at least one file, unique safe repository paths,
 * and every local file present and regular. Returns the list unchanged.
 */
export async function checkUploads(repo: string, files: readonly HubUpload[]): Promise<readonly HubUpload[]> {
  if (files.length === 0) {
    throw badInput(`nothing to upload to ${repo}`, { hint: 'declare at least one file for the upload' });
  }
  const seen = new Set<string>();
  for (const file of files) {
    assertRepoPath(file.path);
    if (seen.has(file.path)) {
      throw badInput(`upload path "${file.path}" appears twice in the upload to ${repo}`, {
        hint: 'give each file its own path in the repository',
      });
    }
    seen.add(file.path);
  }
  for (const file of files) {
    let isFile: boolean;
    try {
      isFile = (await stat(file.localPath)).isFile();
    } catch (error) {
      throw badInput(`cannot upload ${file.path} to ${repo}: ${file.localPath} does not exist or cannot be read`, {
        cause: error,
        hint: 'check that the run wrote this output before uploading it',
      });
    }
    if (!isFile) {
      throw badInput(`cannot upload ${file.path} to ${repo}: ${file.localPath} is not a regular file`, {
        hint: 'list each file of a folder as its own upload',
      });
    }
  }
  return files;
}

/** A commit message split into the Hub's summary line and description. */
export interface CommitMessage {
  /** First line, trimmed. */
  title: string;
  /** The rest, trimmed; undefined when empty. */
  description: string | undefined;
}

/** Splits a commit message; throws `bad-input` when its first line is empty. */
export function splitCommitMessage(message: string): CommitMessage {
  const [first = '', ...rest] = message.trim().split(/\r?\n/);
  const title = first.trim();
  if (title.length === 0) {
    throw badInput('the upload has an empty commit message', { hint: 'say what is uploaded, e.g. "run epm/run/12/1: adapter weights"' });
  }
  const description = rest.join('\n').trim();
  return { title, description: description.length > 0 ? description : undefined };
}
