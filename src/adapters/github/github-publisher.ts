/**
 * What the experiment looks like on GitHub besides the issue: its branch and
 * run tags pushed, the draft "experiment PR" whose body shows the stage
 * checklist (plan, code, tests, clean result and figures all live on it), and
 * the experiment's release at the run tag carrying the provenance statement
 * and, once approved, the clean result and figures. Every step looks before it
 * writes, so running it twice creates nothing twice.
 */
import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { pullTitle, renderPullBody } from '../../domain/pull-body.js';
import type { IssueState } from '../../domain/state.js';
import type { Workspace } from '../../ports/workspace.js';
import type { GitRemote } from '../git/git-remote.js';
import { bundlePathOf } from '../sigstore/bundle.js';
import type { GitHubTracker } from './github-tracker.js';
import { statusOf, type GitHubClient, type RepoRef } from './octokit.js';

/** Options of the publisher. */
export interface GitHubPublisherOptions extends RepoRef {
  client: GitHubClient;
  tracker: GitHubTracker;
  remote: GitRemote;
  workspace: Workspace;
  /** The branch experiment PRs target (the repository's default branch). */
  baseBranch: string;
  /** Where an experiment's files are on its branch. */
  paths: (state: IssueState) => { branch: string; plan: string; result: string };
}

/** Whether the PR body needs rewriting (line endings GitHub normalises do not count). */
const pullBodyChanged = (current: string, wanted: string): boolean =>
  current.replace(/\r\n/g, '\n').trimEnd() !== wanted.replace(/\r\n/g, '\n').trimEnd();

const readLocalFile = async (path: string): Promise<Uint8Array | undefined> => {
  try {
    return await readFile(path);
  } catch {
    return undefined;
  }
};

export class GitHubPublisher {
  private readonly repoRef: RepoRef;

  constructor(private readonly options: GitHubPublisherOptions) {
    this.repoRef = { owner: options.owner, repo: options.repo };
  }

  /** Brings the issue's branch and tags from GitHub before the engine works. */
  async before(issue: number): Promise<void> {
    await this.options.remote.fetchExperiment(issue);
  }

  /** Pushes the experiment's branch and run tags if they moved (before each marker is written). */
  async push(state: IssueState): Promise<void> {
    const paths = this.options.paths(state);
    if (await this.options.workspace.findWorktree(paths.branch)) await this.options.remote.pushExperiment(state.number, paths.branch);
  }

  /** Pushes, opens or updates the PR, and publishes the release; returns one line per thing it changed. */
  async after(state: IssueState): Promise<string[]> {
    const paths = this.options.paths(state);
    const tree = await this.options.workspace.findWorktree(paths.branch);
    if (!tree) return [];
    const done: string[] = [];
    await this.options.remote.pushExperiment(state.number, paths.branch);
    done.push(...(await this.ensurePull(state, paths)));
    if (state.provenance) done.push(...(await this.ensureRelease(state, paths)));
    return done;
  }

  private async ensurePull(state: IssueState, paths: { branch: string; plan: string; result: string }): Promise<string[]> {
    const { client, tracker } = this.options;
    const body = renderPullBody(state, paths);
    let pull = await tracker.findPull(state.number, state.title);
    if (!pull) {
      try {
        const { data } = await client.rest.pulls.create({ ...this.repoRef, head: paths.branch, base: this.options.baseBranch, title: pullTitle(state), body, draft: true });
        tracker.rememberPull({ number: data.number, headRef: data.head.ref, headSha: data.head.sha, state: data.state, body: data.body ?? '', draft: data.draft ?? true, url: data.html_url });
        return [`opened draft PR #${data.number} for ${paths.branch}`];
      } catch (error) {
        if (statusOf(error) !== 422) throw error;
        // Opened by an earlier run whose answer was lost: find it and go on.
        tracker.forgetPull(paths.branch);
        pull = await tracker.findPull(state.number, state.title);
        if (!pull) throw error;
      }
    }
    if (pull.state !== 'open' || !pullBodyChanged(pull.body, body)) return [];
    const { data } = await client.rest.pulls.update({ ...this.repoRef, pull_number: pull.number, body });
    tracker.rememberPull({ ...pull, body: data.body ?? body });
    return [`updated PR #${pull.number}`];
  }

  private async ensureRelease(state: IssueState, paths: { result: string; branch: string }): Promise<string[]> {
    const { client } = this.options;
    const provenance = state.provenance;
    const run = state.runs.find((r) => r.k === provenance?.k);
    if (!provenance || !run) return [];
    const done: string[] = [];
    let release;
    try {
      ({ data: release } = await client.rest.repos.getReleaseByTag({ ...this.repoRef, tag: run.tag }));
    } catch (error) {
      if (statusOf(error) !== 404) throw error;
      const { data } = await client.rest.repos.createRelease({
        ...this.repoRef, tag_name: run.tag, name: `#${state.number} run ${run.k}: ${state.title}`.slice(0, 200),
        body: releaseBody(state.number, run, provenance),
        draft: false, prerelease: state.status !== 'done',
      });
      release = data;
      done.push(`created release ${run.tag}`);
    }
    const { data: assets } = await client.rest.repos.listReleaseAssets({ ...this.repoRef, release_id: release.id, per_page: 100 });
    const have = new Set(assets.map((a) => a.name));
    const wanted: { name: string; read: () => Promise<Uint8Array | undefined>; type: string }[] = [
      { name: STATEMENT_ASSET, read: () => readLocalFile(provenance.path), type: 'application/json' },
    ];
    // The signed statement's Sigstore bundle, under the name `epm verify` looks for beside the statement.
    const signature = provenance.signature;
    if (signature) wanted.push({ name: bundlePathOf(STATEMENT_ASSET), read: () => readLocalFile(signature.bundle), type: 'application/json' });
    if (state.status === 'done' && state.result) {
      const text = () => this.options.workspace.readFile(paths.branch, paths.result).then((t) => (t === undefined ? undefined : new TextEncoder().encode(t)));
      wanted.push({ name: 'clean-result.md', read: text, type: 'text/markdown' });
      for (const figure of state.figures?.files ?? []) {
        const png = figure.png;
        wanted.push({ name: basename(png), read: () => this.readBranchBytes(paths.branch, png), type: 'image/png' });
      }
    }
    for (const asset of wanted) {
      if (have.has(asset.name)) continue;
      const data = await asset.read();
      if (!data) continue; // not on this machine (the statement lives where the run ran): a later run uploads it
      await client.request({
        method: 'POST', url: release.upload_url, name: asset.name,
        data: Buffer.from(data), headers: { 'content-type': asset.type, 'content-length': data.byteLength },
      });
      done.push(`attached ${asset.name} to release ${run.tag}`);
    }
    if (state.status === 'done' && release.prerelease) {
      await client.rest.repos.updateRelease({ ...this.repoRef, release_id: release.id, prerelease: false });
      done.push(`release ${run.tag} marked final`);
    }
    return done;
  }

  private async readBranchBytes(branch: string, path: string): Promise<Uint8Array | undefined> {
    const tree = await this.options.workspace.findWorktree(branch);
    return tree ? readLocalFile(`${tree.path}/${path}`) : undefined;
  }
}

/** The statement's name as a release asset. */
const STATEMENT_ASSET = 'provenance.intoto.json';

/** The release's text: which run, the statement's digest, and how to check it (and its signature, when signed). */
function releaseBody(issue: number, run: { k: number; sha: string }, provenance: NonNullable<IssueState['provenance']>): string {
  const lines = [
    `Run ${run.k} of #${issue} at \`${run.sha}\`.`,
    '',
    `Provenance statement sha256 \`${provenance.sha256}\`: download \`${STATEMENT_ASSET}\` and the run's outputs, then \`epm verify ${STATEMENT_ASSET} --root <outputs>\`.`,
  ];
  if (provenance.signature) {
    lines.push('', `Signed by \`${provenance.signature.identity}\` (issuer ${provenance.signature.issuer}; ${provenance.signature.transparency}). \`epm verify\` checks the bundle \`${bundlePathOf(STATEMENT_ASSET)}\` offline; \`gh attestation verify <output> -R <owner>/<repo>\` checks the chain to Sigstore's roots.`);
  } else {
    lines.push('', 'Unsigned: it verifies by digest.');
  }
  return lines.join('\n');
}
