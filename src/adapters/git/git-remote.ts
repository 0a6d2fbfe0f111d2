/**
 * The experiment's refs on the shared remote (GitHub): before the engine
 * works on an issue its branch `epm/<N>-<slug>` and run tags `epm/run/<N>/*`
 * are fetched (a fresh runner starts from the default branch only; a human
 * may have pushed to the PR); after it, they are pushed back. Pushes are
 * fast-forward only: a branch that moved on both sides is a conflict for a
 * human, never overwritten.
 */
import { conflict } from '../../domain/errors.js';
import { gitFailed, runGit, tryGit } from './git-cli.js';

/** Options of the remote. */
export interface GitRemoteOptions {
  repoDir: string;
  /** Remote name; default `origin`. */
  remote?: string;
  /**
   * Token for fetch and push, given to git for those two commands only
   * (through `GIT_CONFIG_*` variables, never written to .git/config), so the
   * checkout the agents work in holds no write credential.
   */
  token?: string;
}

export class GitRemote {
  private readonly remote: string;

  private readonly auth: Record<string, string>;
  /** What was last pushed per branch (the branch and run-tag refs with their objects). */
  private readonly pushed = new Map<string, string>();

  constructor(private readonly options: GitRemoteOptions) {
    this.remote = options.remote ?? 'origin';
    this.auth = options.token
      ? { GIT_CONFIG_COUNT: '1', GIT_CONFIG_KEY_0: 'http.extraheader', GIT_CONFIG_VALUE_0: `AUTHORIZATION: basic ${Buffer.from(`x-access-token:${options.token}`).toString('base64')}` }
      : {};
  }

  /** Fetches the issue's branches and run tags and fast-forwards the local branches (and their worktrees). */
  async fetchExperiment(issue: number): Promise<string[]> {
    const cwd = this.options.repoDir;
    await runGit(['fetch', '--no-tags', this.remote, `+refs/heads/epm/${issue}-*:refs/remotes/${this.remote}/epm/${issue}-*`, `refs/tags/epm/run/${issue}/*:refs/tags/epm/run/${issue}/*`], { cwd, env: this.auth });
    const listed = await runGit(['for-each-ref', '--format=%(refname) %(objectname)', `refs/remotes/${this.remote}/epm/${issue}-*`], { cwd });
    const trees = await this.worktrees();
    const updated: string[] = [];
    for (const line of listed.split('\n').filter(Boolean)) {
      const [ref = '', remoteSha = ''] = line.split(' ');
      const branch = ref.slice(`refs/remotes/${this.remote}/`.length);
      const local = await tryGit(['rev-parse', '--verify', '--quiet', `refs/heads/${branch}^{commit}`], { cwd });
      const localSha = local.exitCode === 0 ? local.stdout.trim() : undefined;
      if (localSha === remoteSha) continue;
      if (localSha && (await this.isAncestor(remoteSha, localSha))) continue; // local is ahead: pushed after the tick
      if (localSha && !(await this.isAncestor(localSha, remoteSha))) {
        throw conflict(`branch ${branch} moved both here and on ${this.remote} (${localSha.slice(0, 12)} vs ${remoteSha.slice(0, 12)})`, {
          issue, hint: `merge or rebase ${branch} by hand and push it; EPM continues from what is on ${this.remote}`,
        });
      }
      const tree = trees.get(branch);
      if (tree) await runGit(['merge', '--ff-only', '--quiet', remoteSha], { cwd: tree });
      else await runGit(['update-ref', `refs/heads/${branch}`, remoteSha], { cwd });
      updated.push(branch);
    }
    return updated;
  }

  /**
   * Pushes the branch (fast-forward only) and the issue's run tags; already
   * there is a no-op. Refs unchanged since this object's last push are not
   * sent again (no round trip to the remote).
   */
  async pushExperiment(issue: number, branch: string): Promise<void> {
    const cwd = this.options.repoDir;
    const exists = await tryGit(['rev-parse', '--verify', '--quiet', `refs/heads/${branch}`], { cwd });
    if (exists.exitCode !== 0) return;
    const refs = await runGit(['for-each-ref', '--format=%(refname) %(objectname)', `refs/heads/${branch}`, `refs/tags/epm/run/${issue}/`], { cwd });
    if (this.pushed.get(branch) === refs) return;
    const result = await tryGit(['push', '--quiet', this.remote, `refs/heads/${branch}:refs/heads/${branch}`, `refs/tags/epm/run/${issue}/*:refs/tags/epm/run/${issue}/*`], { cwd, env: this.auth });
    if (result.exitCode !== 0) {
      if (/non-fast-forward|fetch first|rejected/.test(result.stderr)) {
        throw conflict(`${this.remote} has commits on ${branch} that this run has not seen`, { issue, hint: 'the next run fetches them and continues; nothing is lost' });
      }
      throw gitFailed(['push', '--quiet', this.remote, `refs/heads/${branch}:refs/heads/${branch}`, `refs/tags/epm/run/${issue}/*:refs/tags/epm/run/${issue}/*`], cwd, result);
    }
    this.pushed.set(branch, refs);
  }

  private async isAncestor(ancestor: string, of: string): Promise<boolean> {
    return (await tryGit(['merge-base', '--is-ancestor', ancestor, of], { cwd: this.options.repoDir })).exitCode === 0;
  }

  private async worktrees(): Promise<Map<string, string>> {
    const out = await runGit(['worktree', 'list', '--porcelain'], { cwd: this.options.repoDir });
    const map = new Map<string, string>();
    let path = '';
    for (const line of out.split('\n')) {
      if (line.startsWith('worktree ')) path = line.slice('worktree '.length);
      else if (line.startsWith('branch refs/heads/')) map.set(line.slice('branch refs/heads/'.length), path);
    }
    return map;
  }
}
