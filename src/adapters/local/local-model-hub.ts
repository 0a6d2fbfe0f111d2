/**
 * The ModelHub port on a folder: local mode's artifact store, with the Hub's
 * semantics so upload verification has one path.
 *
 * ```
 * <root>/<ns>/<name>/refs/main              the current revision id
 * <root>/<ns>/<name>/<revision>/<path…>     one immutable revision (read-only files)
 * <root>/<ns>/<name>/index/<revision>.json  its file list with digests, parent and message
 * <root>/<ns>/<name>/lock                   single-writer lock of uploads
 * <root>/<ns>/<name>/.staging-<uuid>/       an upload in progress
 * ```
 *
 * An upload adds files on top of the current revision (like a Hub commit):
 * unchanged files are hard-linked from the parent, new ones copied and hashed
 * in one pass. The revision id is the first 40 hex characters of the sha256
 * of the sorted file list with each file's size and sha256, so the same
 * content is the same revision and a retried upload changes nothing. A
 * revision exists once its folder and its index are both in place; `refs/main`
 * moves last, by an atomic rename. A crash leaves at most a staging folder
 * (swept by the next upload) or a folder without index (rebuilt by the next
 * upload of that content); readers never see either.
 *
 * `listFiles` hashes what is on disk, so a store edited by hand fails
 * verification instead of passing on recorded digests. Every file reports its
 * `lfsSha256` (sha256 of the content) and its `gitOid` (git blob id of the
 * content).
 */

import { createHash, randomUUID } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { chmod, link, mkdir, open, readdir, readFile, rename, rm, stat } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { z } from 'zod';
import { external, isEpmError, type EpmError } from '../../domain/errors.js';
import type { HubFile, HubUpload, ModelCardFacts, ModelHub } from '../../ports/model-hub.js';
import { digestFile } from '../huggingface/file-digests.js';
import { uploadModelCard } from '../huggingface/model-card.js';
import { assertRepoId, assertRevision, checkUploads, splitCommitMessage } from '../huggingface/hub-inputs.js';
import { withFileLock, type FileLockOptions } from './file-lock.js';
import { syncDirectory } from './jsonl-log.js';

/** Options of `LocalModelHub`. */
export interface LocalModelHubOptions {
  /** The store's folder, typically `<repo>/.epm/artifacts`. */
  root: string;
  /** Timeouts of the per-repository upload lock; see `FileLockOptions`. */
  lock?: FileLockOptions;
  /** Source of the time recorded in each revision's index; defaults to the system clock. */
  clock?: () => Date;
}

/** One file of a revision's index. */
const indexFileSchema = z.object({
  path: z.string().min(1),
  size: z.number().int().nonnegative(),
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
  gitOid: z.string().regex(/^[0-9a-f]{40}$/),
});

/** `index/<revision>.json`. */
const revisionIndexSchema = z.object({
  revision: z.string().regex(/^[0-9a-f]{40}$/),
  parent: z.string().regex(/^[0-9a-f]{40}$/).nullable(),
  message: z.string(),
  createdAt: z.string(),
  files: z.array(indexFileSchema),
});

type IndexFile = z.infer<typeof indexFileSchema>;
type RevisionIndex = z.infer<typeof revisionIndexSchema>;

const REVISION_ID = /^[0-9a-f]{40}$/;
const STAGING_PREFIX = '.staging-';

/** A ModelHub stored in a local folder. */
export class LocalModelHub implements ModelHub {
  private readonly root: string;
  private readonly lock: FileLockOptions;
  private readonly clock: () => Date;

  constructor(options: LocalModelHubOptions) {
    this.root = options.root;
    this.lock = options.lock ?? {};
    this.clock = options.clock ?? (() => new Date());
  }

  /** `main` resolves through `refs/main`; a revision id resolves to itself when it is stored. */
  async resolveRevision(repo: string, revision: string): Promise<string | undefined> {
    assertRepoId(repo);
    assertRevision(revision);
    try {
      const id = REVISION_ID.test(revision) ? revision : await this.readRef(repo, revision);
      return id !== undefined && (await this.readIndex(repo, id)) !== undefined ? id : undefined;
    } catch (error) {
      throw this.failure(error, `resolving ${repo}@${revision}`);
    }
  }

  /** The files of a stored revision, hashed from disk and sorted by path; undefined when the repo or revision is absent. */
  async listFiles(repo: string, revision: string): Promise<HubFile[] | undefined> {
    const id = await this.resolveRevision(repo, revision);
    if (id === undefined) return undefined;
    const folder = join(this.repoDir(repo), id);
    try {
      const files: HubFile[] = [];
      for (const path of await walk(folder)) {
        const digests = await digestFile(join(folder, ...path.split('/')));
        files.push({ path, size: digests.size, gitOid: digests.gitBlobSha1, lfsSha256: digests.sha256 });
      }
      return files.sort((a, b) => compare(a.path, b.path));
    } catch (error) {
      throw this.failure(error, `listing ${repo}@${id}`);
    }
  }

  /** Stores a new revision: the current one's files plus `files` (replacing same paths); returns its id. */
  async upload(repo: string, files: readonly HubUpload[], message: string): Promise<{ revision: string }> {
    assertRepoId(repo);
    splitCommitMessage(message);
    const checked = await checkUploads(repo, files);
    const repoDir = this.repoDir(repo);
    try {
      await mkdir(repoDir, { recursive: true });
      return await withFileLock(join(repoDir, 'lock'), () => this.commit(repo, checked, message.trim()), this.lock);
    } catch (error) {
      throw this.failure(error, `uploading to ${repo}`);
    }
  }

  /** Publishes the model card (README.md) with the run's provenance as its own commit. */
  async publishCard(repo: string, card: ModelCardFacts): Promise<{ revision: string }> {
    return uploadModelCard(this, repo, card);
  }

  /** A file URL of the revision's folder. */
  urlOf(repo: string, revision: string): string {
    return pathToFileURL(join(this.repoDir(repo), revision)).href;
  }

  /** The body of `upload`, under the repository's lock. */
  private async commit(repo: string, files: readonly HubUpload[], message: string): Promise<{ revision: string }> {
    const repoDir = this.repoDir(repo);
    await this.sweepStaging(repoDir);
    const parent = await this.readRef(repo, 'main');
    const parentIndex = parent === undefined ? undefined : await this.readIndex(repo, parent);
    if (parent !== undefined && parentIndex === undefined) {
      throw external(`${repo}: refs/main names revision ${parent}, which is not stored`, {
        hint: `delete ${join(repoDir, 'refs', 'main')} to start the repository afresh, or restore ${join(repoDir, parent)}`,
      });
    }

    const staging = join(repoDir, `${STAGING_PREFIX}${randomUUID()}`);
    await mkdir(staging);
    try {
      const uploaded = new Set(files.map((file) => file.path));
      const entries: IndexFile[] = [];
      if (parent !== undefined && parentIndex !== undefined) {
        for (const inherited of parentIndex.files) {
          if (uploaded.has(inherited.path)) continue;
          await linkOrCopy(join(repoDir, parent, ...inherited.path.split('/')), join(staging, ...inherited.path.split('/')));
          entries.push(inherited);
        }
      }
      for (const file of files) {
        entries.push({ path: file.path, ...(await copyHashing(file.localPath, join(staging, ...file.path.split('/')))) });
      }
      entries.sort((a, b) => compare(a.path, b.path));
      const revision = revisionIdOf(entries);

      if ((await this.readIndex(repo, revision)) === undefined) {
        const target = join(repoDir, revision);
        // A folder without an index is what a crash between the rename and the index write leaves: rebuild it.
        await rm(target, { recursive: true, force: true });
        await freeze(staging);
        await rename(staging, target);
        await syncDirectory(repoDir);
        const index: RevisionIndex = { revision, parent: parent ?? null, message, createdAt: this.clock().toISOString(), files: entries };
        await writeAtomically(join(repoDir, 'index', `${revision}.json`), `${JSON.stringify(index, null, 2)}\n`);
      }
      if (parent !== revision) await writeAtomically(join(repoDir, 'refs', 'main'), `${revision}\n`);
      return { revision };
    } finally {
      // Removing needs write access to the folders only, never to the (read-only, possibly shared) files.
      await rm(staging, { recursive: true, force: true });
    }
  }

  private repoDir(repo: string): string {
    const [namespace = '', name = ''] = repo.split('/');
    return join(this.root, namespace, name);
  }

  /** The revision a ref names; undefined when the repo or the ref does not exist. */
  private async readRef(repo: string, ref: string): Promise<string | undefined> {
    if (ref !== 'main') return undefined;
    let text: string;
    try {
      text = await readFile(join(this.repoDir(repo), 'refs', 'main'), 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw error;
    }
    const id = text.trim();
    if (!REVISION_ID.test(id)) {
      throw external(`${repo}: refs/main does not hold a revision id ("${id.slice(0, 60)}")`, {
        hint: `restore ${join(this.repoDir(repo), 'refs', 'main')} to one of the revision folders' names`,
      });
    }
    return id;
  }

  /** The index of a complete revision (index and folder both present); undefined otherwise. */
  private async readIndex(repo: string, revision: string): Promise<RevisionIndex | undefined> {
    let text: string;
    try {
      text = await readFile(join(this.repoDir(repo), 'index', `${revision}.json`), 'utf8');
      if (!(await stat(join(this.repoDir(repo), revision))).isDirectory()) return undefined;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw error;
    }
    const parsed = revisionIndexSchema.safeParse(safeJson(text));
    if (!parsed.success || parsed.data.revision !== revision) {
      throw external(`${repo}: the index of revision ${revision} is damaged`, {
        hint: `delete ${join(this.repoDir(repo), 'index', `${revision}.json`)} and upload that revision again`,
      });
    }
    return parsed.data;
  }

  /** Removes staging folders of uploads that died; called under the lock, so none is in use. */
  private async sweepStaging(repoDir: string): Promise<void> {
    for (const entry of await readdir(repoDir)) {
      if (!entry.startsWith(STAGING_PREFIX)) continue;
      await rm(join(repoDir, entry), { recursive: true, force: true });
    }
  }

  private failure(error: unknown, action: string): EpmError {
    if (isEpmError(error)) return error;
    const said = error instanceof Error ? error.message : String(error);
    return external(`local artifact store failed ${action}: ${said}`, {
      cause: error,
      hint: `check that ${this.root} is writable and has free space`,
    });
  }
}

/** The revision id of a file list: sha256 over `path\0size\0sha256\n` lines in path order, first 40 hex characters. */
export function revisionIdOf(files: readonly { path: string; size: number; sha256: string }[]): string {
  const hash = createHash('sha256');
  for (const file of [...files].sort((a, b) => compare(a.path, b.path))) hash.update(`${file.path}\0${file.size}\0${file.sha256}\n`);
  return hash.digest('hex').slice(0, 40);
}

/** Relative POSIX paths of the regular files under `folder`. */
async function walk(folder: string, prefix = ''): Promise<string[]> {
  const paths: string[] = [];
  for (const entry of await readdir(folder, { withFileTypes: true })) {
    const relative = prefix === '' ? entry.name : `${prefix}/${entry.name}`;
    if (entry.isDirectory()) paths.push(...(await walk(join(folder, entry.name), relative)));
    else if (entry.isFile()) paths.push(relative);
  }
  return paths;
}

/** Copies `from` to `to` (creating folders), hashing in the same pass, and syncs the copy. */
async function copyHashing(from: string, to: string): Promise<{ size: number; sha256: string; gitOid: string }> {
  await mkdir(dirname(to), { recursive: true });
  const { size } = await stat(from);
  const sha256 = createHash('sha256');
  const sha1 = createHash('sha1').update(`blob ${size}\0`);
  const out = await open(to, 'wx');
  let written = 0;
  try {
    for await (const chunk of createReadStream(from, { highWaterMark: 1024 * 1024 }) as AsyncIterable<Buffer>) {
      sha256.update(chunk);
      sha1.update(chunk);
      await out.write(chunk);
      written += chunk.byteLength;
    }
    await out.sync();
  } finally {
    await out.close();
  }
  if (written !== size) {
    throw external(`${from} changed while it was uploaded (${size} bytes before, ${written} copied)`, {
      hint: 'wait until the run has finished writing its outputs, then retry',
    });
  }
  return { size, sha256: sha256.digest('hex'), gitOid: sha1.digest('hex') };
}

/** Hard-links an immutable file of the parent revision into the staging folder; copies where links are refused. */
async function linkOrCopy(from: string, to: string): Promise<void> {
  await mkdir(dirname(to), { recursive: true });
  try {
    await link(from, to);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code !== 'EXDEV' && code !== 'EPERM' && code !== 'ENOTSUP' && code !== 'EMLINK') throw error;
    await copyHashing(from, to);
  }
}

/** Makes every file under `folder` read-only: a stored revision never changes. */
async function freeze(folder: string): Promise<void> {
  for (const path of await walk(folder)) await chmod(join(folder, ...path.split('/')), 0o444);
}

/** Writes `path` through a temporary file and a rename, so readers see the old or the new content, never a part. */
async function writeAtomically(path: string, content: string): Promise<void> {
  await mkdir(dirname(path), { recursive: true });
  const temporary = `${path}.${randomUUID()}.tmp`;
  const handle = await open(temporary, 'wx');
  try {
    await handle.writeFile(content);
    await handle.sync();
  } finally {
    await handle.close();
  }
  await rename(temporary, path);
  await syncDirectory(dirname(path));
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
