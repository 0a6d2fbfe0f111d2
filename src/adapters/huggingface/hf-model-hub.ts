/**
 * The ModelHub port on the Hugging Face Hub, through `@huggingface/hub`'s own
 * functions: `modelInfo` (the commit a revision resolves to), `listFiles`
 * (recursive tree with each file's git oid and LFS sha256), `createRepo`
 * (private) and `uploadFiles` (one commit, large files through the LFS batch
 * API). `hubUrl` and `fetch` are passed to every call, so tests point the
 * real client at a local emulator.
 *
 * Retries: the library retries nothing; the `fetch` it is given retries 429,
 * 5xx and network errors (`retrying-fetch.ts`). The commit is pinned to the
 * head it was built on (`parentCommit`), so a commit whose answer was lost and
 * that is sent again is refused (412) rather than applied twice; the adapter
 * then checks that the new head holds exactly the uploaded files and returns it.
 *
 * Uploads use the LFS protocol (`useXet: false`): the Hub still accepts it for
 * every repo, and it is the protocol the emulator checks.
 */

import { pathToFileURL } from 'node:url';
import { createRepo, HubApiError, listFiles, modelInfo, uploadFiles } from '@huggingface/hub';
import { badInput, external, conflict, unauthorized, isEpmError, type EpmError } from '../../domain/errors.js';
import type { HubFile, HubUpload, ModelCardFacts, ModelHub } from '../../ports/model-hub.js';
import { digestFile } from './file-digests.js';
import { uploadModelCard } from './model-card.js';
import { assertRepoId, assertRevision, checkUploads, splitCommitMessage } from './hub-inputs.js';
import { createRetryingFetch, DEFAULT_RETRY_POLICY, type RetryPolicy } from './retrying-fetch.js';

/** Options of `HfModelHub`. */
export interface HfModelHubOptions {
  /** A Hugging Face access token (`hf_…`); reads of public repos work without one, uploads need a write token. */
  accessToken?: string;
  /** Base URL of the Hub; default `https://huggingface.co`. */
  hubUrl?: string;
  /** The `fetch` to send requests with; default the global one. Retries are added on top of it. */
  fetch?: typeof fetch;
  /** Retry policy for transient failures; default 4 attempts from 500 ms. */
  retry?: Partial<RetryPolicy>;
}

/** Default Hub address. */
export const DEFAULT_HUB_URL = 'https://huggingface.co';

const COMMIT_SHA = /^[0-9a-f]{40}$/;

/** A ModelHub backed by the Hugging Face Hub. */
export class HfModelHub implements ModelHub {
  private readonly accessToken: string | undefined;
  private readonly hubUrl: string;
  private readonly fetch: typeof fetch;

  constructor(options: HfModelHubOptions = {}) {
    const hubUrl = (options.hubUrl ?? DEFAULT_HUB_URL).replace(/\/+$/, '');
    if (!/^https?:\/\/[^/]+/.test(hubUrl)) {
      throw badInput(`the Hugging Face hub URL "${options.hubUrl}" is not an http(s) URL`, {
        hint: `leave it unset for ${DEFAULT_HUB_URL}`,
      });
    }
    this.hubUrl = hubUrl;
    this.accessToken = options.accessToken === '' ? undefined : options.accessToken;
    this.fetch = createRetryingFetch(options.fetch ?? globalThis.fetch, { ...DEFAULT_RETRY_POLICY, ...options.retry });
  }

  /** The commit `revision` resolves to; undefined when the repo or the revision does not exist. */
  async resolveRevision(repo: string, revision: string): Promise<string | undefined> {
    assertRepoId(repo);
    assertRevision(revision);
    this.checkTokenForm(repo);
    let sha: string | undefined;
    try {
      const info = await modelInfo({
        name: repo,
        revision,
        additionalFields: ['sha'],
        hubUrl: this.hubUrl,
        fetch: this.fetch,
        accessToken: this.accessToken,
      });
      sha = info.sha;
    } catch (error) {
      if (statusOf(error) === 404) return undefined;
      throw this.failure(error, `resolving ${repo}@${revision}`, repo);
    }
    if (typeof sha !== 'string' || !COMMIT_SHA.test(sha)) {
      throw external(`the Hub answered for ${repo}@${revision} without a commit sha`, {
        hint: `check that ${this.hubUrl} is a Hugging Face Hub`,
      });
    }
    return sha;
  }

  /** Every file of `repo` at `revision`, sorted by path; undefined when the repo or the revision does not exist. */
  async listFiles(repo: string, revision: string): Promise<HubFile[] | undefined> {
    assertRepoId(repo);
    assertRevision(revision);
    this.checkTokenForm(repo);
    const files: HubFile[] = [];
    try {
      for await (const entry of listFiles({
        repo,
        // The library puts the revision into the path as it is; a branch name with "/" must arrive as one segment.
        revision: encodeURIComponent(revision),
        recursive: true,
        hubUrl: this.hubUrl,
        fetch: this.fetch,
        accessToken: this.accessToken,
      })) {
        if (entry.type !== 'file') continue;
        if (typeof entry.oid !== 'string') {
          throw external(`the Hub listed ${repo}@${revision}/${entry.path} without a git oid`, {
            hint: `check that ${this.hubUrl} is a Hugging Face Hub`,
          });
        }
        const file: HubFile = { path: entry.path, size: entry.size, gitOid: entry.oid };
        if (entry.lfs) file.lfsSha256 = entry.lfs.oid;
        files.push(file);
      }
    } catch (error) {
      if (statusOf(error) === 404) return undefined;
      throw this.failure(error, `listing ${repo}@${revision}`, repo);
    }
    return files.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  }

  /**
   * Creates `repo` (private) when it does not exist, then commits every file
   * to `main` in one commit and returns that commit. Bad input (repo name,
   * paths, missing local files, empty message, no token) is refused before
   * anything is sent.
   */
  async upload(repo: string, files: readonly HubUpload[], message: string): Promise<{ revision: string }> {
    assertRepoId(repo);
    const { title, description } = splitCommitMessage(message);
    const checked = await checkUploads(repo, files);
    const accessToken = this.requireToken(repo);

    let parent = await this.resolveRevision(repo, 'main');
    if (parent === undefined) {
      await this.createPrivateRepo(repo, accessToken);
      parent = await this.resolveRevision(repo, 'main');
    }
    try {
      const output = await uploadFiles({
        repo,
        accessToken,
        hubUrl: this.hubUrl,
        fetch: this.fetch,
        branch: 'main',
        parentCommit: parent,
        commitTitle: title,
        commitDescription: description,
        useXet: false,
        files: checked.map((file) => ({ path: file.path, content: pathToFileURL(file.localPath) })),
      });
      const oid = output?.commit.oid;
      if (typeof oid !== 'string' || !COMMIT_SHA.test(oid)) {
        throw external(`the Hub accepted the upload to ${repo} but named no commit`, {
          hint: `open ${this.urlOf(repo, 'main')} to see whether the files arrived, then retry`,
        });
      }
      return { revision: oid };
    } catch (error) {
      if (statusOf(error) === 412 || statusOf(error) === 409) return { revision: await this.recoverCommit(repo, checked, error) };
      throw this.failure(error, `uploading to ${repo}`, repo);
    }
  }

  /** Publishes the model card (README.md) with the run's provenance as its own commit. */
  async publishCard(repo: string, card: ModelCardFacts): Promise<{ revision: string }> {
    return uploadModelCard(this, repo, card);
  }

  /** Browser URL of `repo` at `revision`. */
  urlOf(repo: string, revision: string): string {
    return `${this.hubUrl}/${repo}/tree/${encodeURIComponent(revision)}`;
  }

  /**
   * After the Hub refused the commit because `main` moved: when the new head
   * holds every uploaded file with the same content, the commit is ours (an
   * earlier attempt landed but its answer was lost) and is returned;
   * otherwise someone else committed meanwhile and the upload is refused.
   */
  private async recoverCommit(repo: string, files: readonly HubUpload[], cause: unknown): Promise<string> {
    const head = await this.resolveRevision(repo, 'main');
    const listed = head === undefined ? undefined : await this.listFiles(repo, head);
    if (head !== undefined && listed !== undefined) {
      const byPath = new Map(listed.map((file) => [file.path, file]));
      let ours = true;
      for (const file of files) {
        if (!(await holds(byPath.get(file.path), file.localPath))) {
          ours = false;
          break;
        }
      }
      if (ours) return head;
    }
    throw conflict(`main of ${repo} moved while the upload was committed; nothing was committed`, {
      cause,
      hint: 'run the upload again: it commits on top of the new head',
    });
  }

  private async createPrivateRepo(repo: string, accessToken: string): Promise<void> {
    try {
      await createRepo({ repo, accessToken, visibility: 'private', hubUrl: this.hubUrl, fetch: this.fetch });
    } catch (error) {
      // 409: created meanwhile (by an earlier attempt or a concurrent upload); it is there, which is all we need.
      if (statusOf(error) === 409) return;
      throw this.failure(error, `creating ${repo}`, repo);
    }
  }

  private requireToken(repo: string): string {
    this.checkTokenForm(repo);
    if (this.accessToken === undefined) {
      throw unauthorized(`no Hugging Face token to upload to ${repo}`, { hint: tokenHint(repo) });
    }
    return this.accessToken;
  }

  /** The library rejects tokens not starting with `hf_` with a bare TypeError; say it in EPM's words instead. */
  private checkTokenForm(repo: string): void {
    if (this.accessToken !== undefined && !this.accessToken.startsWith('hf_')) {
      throw badInput('the Hugging Face token does not start with "hf_"', { hint: tokenHint(repo) });
    }
  }

  /** Wraps a failure of the library or the network as an EpmError. */
  private failure(error: unknown, action: string, repo: string): EpmError {
    if (isEpmError(error)) return error;
    const status = statusOf(error);
    // Storage URLs in library messages are presigned: their query string is a credential.
    const said = (error instanceof Error ? error.message : String(error)).replace(/(https?:\/\/[^\s?]+)\?\S*/g, '$1?…');
    if (status === 401 || status === 403) {
      return unauthorized(`the Hugging Face Hub refused ${action} (${status}): ${said}`, { cause: error, hint: tokenHint(repo) });
    }
    if (status === 409 || status === 412) {
      return conflict(`the Hugging Face Hub refused ${action} (${status}): ${said}`, { cause: error, hint: 'retry; the repository changed meanwhile' });
    }
    if (status === 429) {
      return external(`the Hugging Face Hub rate-limited ${action}: ${said}`, { cause: error, hint: 'wait a few minutes, then retry' });
    }
    if (status !== undefined && status >= 500) {
      return external(`the Hugging Face Hub failed ${action} (${status}) after retries: ${said}`, {
        cause: error,
        hint: 'retry later; https://status.huggingface.co shows outages',
      });
    }
    if (status !== undefined) {
      return external(`the Hugging Face Hub refused ${action} (${status}): ${said}`, { cause: error, hint: `check the repo id and files of ${repo}` });
    }
    return external(`could not reach the Hugging Face Hub at ${this.hubUrl} while ${action}: ${said}`, {
      cause: error,
      hint: 'check the network connection and the hub URL, then retry',
    });
  }
}

/** The hint for every authentication problem. */
const tokenHint = (repo: string): string => `set HF_TOKEN to a write token for ${repo} (https://huggingface.co/settings/tokens)`;

/** True when the listed remote file has the local file's content (by LFS sha256, or git blob id for small files). */
async function holds(remote: HubFile | undefined, localPath: string): Promise<boolean> {
  if (!remote) return false;
  const local = await digestFile(localPath);
  if (remote.size !== local.size) return false;
  return remote.lfsSha256 !== undefined ? remote.lfsSha256 === local.sha256 : remote.gitOid === local.gitBlobSha1;
}

/** HTTP status of a library error, when it is one. */
function statusOf(error: unknown): number | undefined {
  return error instanceof HubApiError ? error.statusCode : undefined;
}
