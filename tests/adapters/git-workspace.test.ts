import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, realpath, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { GitCommandError, runGit } from '../../src/adapters/git/git-cli.js';
import { BRANCH_PATTERN, GitWorkspace, branchFor } from '../../src/adapters/git/git-workspace.js';
import { EpmError, type ErrorCode } from '../../src/domain/errors.js';

// Every test runs with no global or system git config, so no identity exists
// unless a test configures one in its repository.
const ISOLATED_ENV = ['GIT_CONFIG_GLOBAL', 'GIT_CONFIG_NOSYSTEM', 'GIT_AUTHOR_NAME', 'GIT_AUTHOR_EMAIL', 'GIT_COMMITTER_NAME', 'GIT_COMMITTER_EMAIL', 'EMAIL'];
const savedEnv = new Map<string, string | undefined>();
let root = '';
let repoCount = 0;

beforeAll(async () => {
  root = await realpath(await mkdtemp(join(tmpdir(), 'epm-git-workspace-')));
  const emptyConfig = join(root, 'empty-gitconfig');
  await writeFile(emptyConfig, '');
  for (const name of ISOLATED_ENV) {
    savedEnv.set(name, process.env[name]);
    delete process.env[name];
  }
  process.env.GIT_CONFIG_GLOBAL = emptyConfig;
  process.env.GIT_CONFIG_NOSYSTEM = '1';
});

afterAll(async () => {
  for (const [name, value] of savedEnv) {
    if (value === undefined) delete process.env[name];
    else process.env[name] = value;
  }
  await rm(root, { recursive: true, force: true });
});

/** Runs git synchronously for test setup and assertions. */
const git = (cwd: string, ...args: string[]): string => execFileSync('git', args, { cwd, encoding: 'utf8' });
const setupGit = (cwd: string, ...args: string[]): string =>
  git(cwd, '-c', 'user.name=Setup', '-c', 'user.email=setup@example.org', ...args);

interface Fixture {
  repoDir: string;
  worktreesDir: string;
  workspace: GitWorkspace;
  initial: string;
}

/** A fresh repository on `main` with one commit and no identity configured. */
const makeRepo = async (options: { commit?: boolean } = {}): Promise<Fixture> => {
  repoCount += 1;
  const repoDir = join(root, `repo-${repoCount}`);
  await mkdir(repoDir);
  git(repoDir, 'init', '--quiet', '-b', 'main');
  let initial = '';
  if (options.commit ?? true) {
    await writeFile(join(repoDir, 'a.txt'), 'alpha\n');
    await writeFile(join(repoDir, 'README.md'), '# project\n');
    git(repoDir, 'add', '-A');
    setupGit(repoDir, 'commit', '--quiet', '-m', 'init');
    initial = git(repoDir, 'rev-parse', 'HEAD').trim();
  }
  const worktreesDir = join(repoDir, '.epm', 'worktrees');
  return { repoDir, worktreesDir, workspace: new GitWorkspace({ repoDir, worktreesDir }), initial };
};

/** Awaits a rejection and checks it is a typed EPM error of `code` with a hint. */
const rejection = async (promise: Promise<unknown>, code: ErrorCode): Promise<EpmError> => {
  const error = await promise.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(EpmError);
  const epmError = error as EpmError;
  expect(epmError.code).toBe(code);
  expect(epmError.hint).toEqual(expect.any(String));
  return epmError;
};

const branchExists = (repoDir: string, branch: string): boolean => {
  try {
    git(repoDir, 'rev-parse', '--verify', '--quiet', `refs/heads/${branch}`);
    return true;
  } catch {
    return false;
  }
};

const worktreeListCount = (repoDir: string, branch: string): number =>
  git(repoDir, 'worktree', 'list', '--porcelain')
    .split('\n')
    .filter((line) => line === `branch refs/heads/${branch}`).length;

describe('branchFor', () => {
  it.each([
    [12, 'My Experiment', 'epm/12-my-experiment'],
    [3, '  LR sweep: 1e-3 → 1e-4!! ', 'epm/3-lr-sweep-1e-3-1e-4'],
    [7, 'Café naïve Bayes', 'epm/7-cafe-naive-bayes'],
    [8, 'GPT-2/small @ 124M', 'epm/8-gpt-2-small-124m'],
    [1, '???', 'epm/1-experiment'],
    [1, '', 'epm/1-experiment'],
    [1, '日本語のタイトル', 'epm/1-experiment'],
    [
      40,
      'Does scaling the learning rate with batch size fix the divergence?',
      'epm/40-does-scaling-the-learning-rate-with',
    ],
    [41, `${'a'.repeat(40)} tail`, `epm/41-${'a'.repeat(40)}`],
    [42, 'x'.repeat(55), `epm/42-${'x'.repeat(40)}`],
    [43, `${'b'.repeat(39)}--- more`, `epm/43-${'b'.repeat(39)}`],
  ])('branchFor(%d, %j) is %s', (issue, title, expected) => {
    const branch = branchFor(issue, title);
    expect(branch).toBe(expected);
    expect(branch).toMatch(BRANCH_PATTERN);
    expect(branch.length - `epm/${issue}-`.length).toBeLessThanOrEqual(40);
  });

  it.each([0, -1, 1.5, Number.NaN])('rejects issue number %p', async (issue) => {
    await rejection(Promise.resolve().then(() => branchFor(issue, 'title')), 'bad-input');
  });
});

describe('GitWorkspace', () => {
  it('never touches the user checkout, even when it is dirty', async () => {
    const { repoDir, workspace } = await makeRepo();
    await writeFile(join(repoDir, 'a.txt'), 'alpha, edited by the user\n');
    await writeFile(join(repoDir, 'staged.txt'), 'staged by the user\n');
    git(repoDir, 'add', 'staged.txt');
    await writeFile(join(repoDir, 'untracked.txt'), 'not yet added\n');
    const snapshot = async () => ({
      status: git(repoDir, 'status', '--porcelain=v1', '--untracked-files=all'),
      head: git(repoDir, 'rev-parse', 'HEAD'),
      branch: git(repoDir, 'symbolic-ref', 'HEAD'),
      unstaged: git(repoDir, 'diff'),
      staged: git(repoDir, 'diff', '--cached'),
      file: await readFile(join(repoDir, 'a.txt'), 'utf8'),
    });
    const before = await snapshot();

    const branch = 'epm/12-my-exp';
    const worktree = await workspace.ensureWorktree(branch);
    await writeFile(join(worktree.path, 'train.py'), 'print("hi")\n');
    const commit = await workspace.commitAll(branch, 'add training script');
    await workspace.diff(branch);
    await workspace.tag('epm/run/12/1', commit.sha, 'run 1');
    await writeFile(join(worktree.path, 'scratch.txt'), 'dirty\n');
    await rejection(workspace.removeWorktree(branch), 'conflict');
    await workspace.removeWorktree(branch, { force: true });
    await workspace.ensureWorktree(branch);

    expect(await snapshot()).toEqual(before);
    expect(before.status).toBe(' M a.txt\nA  staged.txt\n?? untracked.txt\n');
  });

  describe('ensureWorktree', () => {
    it('creates the branch and its folder from HEAD, and is idempotent', async () => {
      const { repoDir, worktreesDir, workspace, initial } = await makeRepo();
      const branch = 'epm/12-my-exp';
      const first = await workspace.ensureWorktree(branch);
      expect(first).toEqual({ path: join(worktreesDir, '12-my-exp'), branch, head: initial });
      expect(workspace.worktreePath(branch)).toBe(first.path);
      expect(await readFile(join(first.path, 'a.txt'), 'utf8')).toBe('alpha\n');
      expect(git(first.path, 'symbolic-ref', '--short', 'HEAD').trim()).toBe(branch);
      expect(await workspace.head(branch)).toBe(initial);

      const second = await workspace.ensureWorktree(branch);
      expect(second).toEqual(first);
      expect(await workspace.findWorktree(branch)).toEqual(first);
      expect(worktreeListCount(repoDir, branch)).toBe(1);
    });

    it('starts from an explicit base and rejects a base that is not a commit', async () => {
      const { repoDir, workspace, initial } = await makeRepo();
      await writeFile(join(repoDir, 'b.txt'), 'beta\n');
      git(repoDir, 'add', 'b.txt');
      setupGit(repoDir, 'commit', '--quiet', '-m', 'second');

      const worktree = await workspace.ensureWorktree('epm/3-from-base', initial);
      expect(worktree.head).toBe(initial);
      expect(existsSync(join(worktree.path, 'b.txt'))).toBe(false);

      const error = await rejection(workspace.ensureWorktree('epm/4-bad-base', 'no-such-ref'), 'bad-input');
      expect(error.message).toContain('no-such-ref');
      expect(error.issue).toBe(4);
      expect(branchExists(repoDir, 'epm/4-bad-base')).toBe(false);
    });

    it('checks out a branch that exists without a worktree, as it is', async () => {
      const { repoDir, workspace, initial } = await makeRepo();
      git(repoDir, 'branch', 'epm/5-existing', initial);
      const tree = git(repoDir, 'write-tree').trim();
      const tip = setupGit(repoDir, 'commit-tree', tree, '-p', initial, '-m', 'work on the branch').trim();
      git(repoDir, 'update-ref', 'refs/heads/epm/5-existing', tip);

      const worktree = await workspace.ensureWorktree('epm/5-existing');
      expect(worktree.head).toBe(tip);
      expect(git(repoDir, 'rev-parse', 'HEAD').trim()).toBe(initial);
    });

    it('refuses a folder in the way that is not a worktree, and changes nothing', async () => {
      const { repoDir, worktreesDir, workspace } = await makeRepo();
      const path = join(worktreesDir, '6-blocked');
      await mkdir(path, { recursive: true });
      await writeFile(join(path, 'notes.txt'), 'mine\n');

      const error = await rejection(workspace.ensureWorktree('epm/6-blocked'), 'conflict');
      expect(error.message).toContain(path);
      expect(error.hint).toContain(path);
      expect(branchExists(repoDir, 'epm/6-blocked')).toBe(false);
      expect(await readFile(join(path, 'notes.txt'), 'utf8')).toBe('mine\n');
    });

    it('recreates a worktree whose folder was deleted by hand, keeping committed work', async () => {
      const { repoDir, workspace } = await makeRepo();
      const branch = 'epm/7-deleted';
      const worktree = await workspace.ensureWorktree(branch);
      await writeFile(join(worktree.path, 'kept.txt'), 'committed\n');
      const { sha } = await workspace.commitAll(branch, 'keep this');
      await rm(worktree.path, { recursive: true, force: true });

      expect(await workspace.findWorktree(branch)).toBeUndefined();
      const again = await workspace.ensureWorktree(branch);
      expect(again).toEqual({ ...worktree, head: sha });
      expect(await readFile(join(again.path, 'kept.txt'), 'utf8')).toBe('committed\n');
      expect(worktreeListCount(repoDir, branch)).toBe(1);
    });

    it('recovers from a git worktree add that was killed half-way', async () => {
      const { repoDir, workspace } = await makeRepo();
      const branch = 'epm/8-crashed';
      const worktree = await workspace.ensureWorktree(branch);
      // What a killed `git worktree add` leaves: the creation lock and a partial checkout.
      const gitDir = git(worktree.path, 'rev-parse', '--absolute-git-dir').trim();
      await writeFile(join(gitDir, 'locked'), 'initializing');
      await rm(join(worktree.path, 'a.txt'));

      expect(await workspace.findWorktree(branch)).toBeUndefined();
      const again = await workspace.ensureWorktree(branch);
      expect(again).toEqual(worktree);
      expect(await readFile(join(again.path, 'a.txt'), 'utf8')).toBe('alpha\n');
      expect(git(repoDir, 'worktree', 'list', '--porcelain')).not.toContain('locked');
      expect(git(again.path, 'status', '--porcelain')).toBe('');
    });

    it('refuses a branch that is checked out in the user checkout', async () => {
      const { repoDir, workspace } = await makeRepo();
      git(repoDir, 'checkout', '--quiet', '-b', 'epm/9-mine');

      await rejection(workspace.ensureWorktree('epm/9-mine'), 'conflict');
      expect(await workspace.findWorktree('epm/9-mine')).toBeUndefined();
      await rejection(workspace.commitAll('epm/9-mine', 'no'), 'not-found');
      await rejection(workspace.removeWorktree('epm/9-mine', { force: true }), 'conflict');
      expect(existsSync(join(repoDir, 'a.txt'))).toBe(true);
    });

    it('rejects a repository with no commits', async () => {
      const { workspace } = await makeRepo({ commit: false });
      const error = await rejection(workspace.ensureWorktree('epm/1-first'), 'bad-input');
      expect(error.message).toBe('the repository has no commits; commit once before starting an experiment');
    });

    it('reports a folder that is not a repository as a git failure', async () => {
      const folder = join(root, 'not-a-repo');
      await mkdir(folder, { recursive: true });
      const workspace = new GitWorkspace({ repoDir: folder, worktreesDir: join(folder, 'wt') });
      const error = await rejection(workspace.ensureWorktree('epm/1-x'), 'external');
      expect(error.message).toContain('not a git repository');
    });
  });

  it.each([
    'main',
    'epm/abc',
    'epm/12',
    'epm/12-',
    'epm/12-My-Exp',
    'epm/12-a/b',
    'epm/12--x',
    'epm/12-a.b',
    'feature/epm/12-x',
    'epm/12-x; rm -rf ~',
    '',
  ])('rejects the branch name %j on every method', async (branch) => {
    const { repoDir, workspace } = await makeRepo();
    const calls: Array<() => Promise<unknown>> = [
      () => workspace.ensureWorktree(branch),
      () => workspace.findWorktree(branch),
      () => workspace.commitAll(branch, 'message'),
      () => workspace.diff(branch),
      () => workspace.removeWorktree(branch),
      () => workspace.head(branch),
    ];
    for (const call of calls) {
      const error = await rejection(call(), 'bad-input');
      expect(error.hint).toContain('epm/<issue number>-<slug>');
    }
    expect(git(repoDir, 'branch', '--list').trim()).toBe('* main');
  });

  it('rejects a relative worktreesDir', () => {
    expect(() => new GitWorkspace({ repoDir: root, worktreesDir: 'relative/worktrees' })).toThrow(EpmError);
  });

  describe('commitAll and diff', () => {
    it('commits everything once, then is a no-op; the diff shows the change', async () => {
      const { repoDir, workspace, initial } = await makeRepo();
      const branch = 'epm/12-commit';
      const worktree = await workspace.ensureWorktree(branch);
      await writeFile(join(worktree.path, 'new.txt'), 'hello\n');
      await rm(join(worktree.path, 'README.md'));
      await writeFile(join(worktree.path, 'a.txt'), 'alpha\nmore\n');

      const first = await workspace.commitAll(branch, 'implement the experiment');
      expect(first.created).toBe(true);
      expect(first.sha).not.toBe(initial);
      expect(await workspace.head(branch)).toBe(first.sha);
      expect(git(worktree.path, 'status', '--porcelain')).toBe('');
      expect(git(repoDir, 'log', '-1', '--format=%an <%ae>|%s', branch).trim()).toBe(
        'epm <epm@localhost>|implement the experiment',
      );
      expect(git(repoDir, 'ls-tree', '--name-only', branch).trim().split('\n')).toEqual(['a.txt', 'new.txt']);

      const second = await workspace.commitAll(branch, 'nothing new');
      expect(second).toEqual({ sha: first.sha, created: false });
      expect(git(repoDir, 'rev-list', '--count', branch).trim()).toBe('2');

      const diff = await workspace.diff(branch);
      expect(diff).toContain('diff --git a/new.txt b/new.txt');
      expect(diff).toContain('+hello');
      expect(diff).toContain('deleted file mode');
      expect(diff).toContain('+more');
      expect(await workspace.diff(branch, first.sha)).toBe('');
      expect(await workspace.diff(branch, initial)).toBe(diff);
    });

    it('splits the diff at an earlier commit: the diff as it stood then, and the changes since', async () => {
      const { repoDir, workspace } = await makeRepo();
      const branch = 'epm/14-since';
      const worktree = await workspace.ensureWorktree(branch);
      await writeFile(join(worktree.path, 'train.py'), 'lr = 0.1\nsteps = 10\n');
      const reviewed = await workspace.commitAll(branch, 'implementation');
      const diffThen = await workspace.diff(branch);
      expect(await workspace.diffSince(branch, reviewed.sha)).toEqual({ at: diffThen, since: '' });

      await writeFile(join(worktree.path, 'train.py'), 'lr = 0.1\nsteps = 20\n');
      await workspace.commitAll(branch, 'fix');
      // The user's branch moving on changes neither part.
      await writeFile(join(repoDir, 'later.txt'), 'user work\n');
      git(repoDir, 'add', 'later.txt');
      setupGit(repoDir, 'commit', '--quiet', '-m', 'user moves on');

      const split = await workspace.diffSince(branch, reviewed.sha);
      expect(split!.at).toBe(diffThen);
      expect(split!.since).toContain('-steps = 10\n+steps = 20');
      expect(split!.since).not.toContain('lr = 0.1\n+');
      // Not an ancestor of the tip, or no commit at all: no split.
      expect(await workspace.diffSince(branch, git(repoDir, 'rev-parse', 'HEAD').trim())).toBeUndefined();
      expect(await workspace.diffSince(branch, '0'.repeat(40))).toBeUndefined();
      expect(await workspace.diffSince(branch, '--all')).toBeUndefined();
    });

    it('diffs against where the branch forked even after the user branch moved on', async () => {
      const { repoDir, workspace } = await makeRepo();
      const branch = 'epm/13-fork';
      const worktree = await workspace.ensureWorktree(branch);
      await writeFile(join(worktree.path, 'exp.txt'), 'experiment\n');
      await workspace.commitAll(branch, 'experiment');
      await writeFile(join(repoDir, 'later.txt'), 'user work\n');
      git(repoDir, 'add', 'later.txt');
      setupGit(repoDir, 'commit', '--quiet', '-m', 'user moves on');

      const diff = await workspace.diff(branch);
      expect(diff).toContain('exp.txt');
      expect(diff).not.toContain('later.txt');
      await rejection(workspace.diff(branch, 'no-such-base'), 'bad-input');
      await rejection(workspace.diff('epm/99-missing'), 'not-found');
    });

    it("uses the repository's own identity when it has one", async () => {
      const { repoDir, workspace } = await makeRepo();
      git(repoDir, 'config', 'user.name', 'Ada Lovelace');
      git(repoDir, 'config', 'user.email', 'ada@example.org');
      const branch = 'epm/14-identity';
      const worktree = await workspace.ensureWorktree(branch);
      await writeFile(join(worktree.path, 'x.txt'), 'x\n');
      await workspace.commitAll(branch, 'by ada');
      expect(git(repoDir, 'log', '-1', '--format=%an <%ae>|%cn <%ce>', branch).trim()).toBe(
        'Ada Lovelace <ada@example.org>|Ada Lovelace <ada@example.org>',
      );
    });

    it('rejects a missing worktree and an empty message', async () => {
      const { workspace } = await makeRepo();
      await rejection(workspace.commitAll('epm/15-none', 'message'), 'not-found');
      await workspace.ensureWorktree('epm/15-none');
      await rejection(workspace.commitAll('epm/15-none', '  \n'), 'bad-input');
    });
  });

  describe('tag', () => {
    it('creates an annotated tag once, repeats as a no-op, and refuses another commit', async () => {
      const { repoDir, workspace, initial } = await makeRepo();
      const branch = 'epm/12-tagged';
      const worktree = await workspace.ensureWorktree(branch);
      await writeFile(join(worktree.path, 'run.txt'), 'run\n');
      const { sha } = await workspace.commitAll(branch, 'run code');

      await workspace.tag('epm/run/12/1', sha, 'run 1 of #12');
      expect(git(repoDir, 'cat-file', '-t', 'refs/tags/epm/run/12/1').trim()).toBe('tag');
      expect(git(repoDir, 'rev-parse', 'epm/run/12/1^{commit}').trim()).toBe(sha);
      expect(git(repoDir, 'for-each-ref', '--format=%(taggeremail)|%(contents:subject)', 'refs/tags').trim()).toBe(
        '<epm@localhost>|run 1 of #12',
      );

      await workspace.tag('epm/run/12/1', sha, 'run 1 again');
      expect(git(repoDir, 'tag', '--list').trim().split('\n')).toEqual(['epm/run/12/1']);

      const error = await rejection(workspace.tag('epm/run/12/1', initial, 'elsewhere'), 'conflict');
      expect(error.message).toContain(sha);
      expect(error.message).toContain(initial);
      expect(git(repoDir, 'rev-parse', 'epm/run/12/1^{commit}').trim()).toBe(sha);
    });

    it.each(['bad..name', '-x', 'has space', '', 'end.lock', 'trailing/'])('rejects the tag name %j', async (name) => {
      const { repoDir, workspace, initial } = await makeRepo();
      await rejection(workspace.tag(name, initial, 'message'), 'bad-input');
      expect(git(repoDir, 'tag', '--list')).toBe('');
    });

    it('rejects an unknown commit and an empty message', async () => {
      const { workspace, initial } = await makeRepo();
      await rejection(workspace.tag('epm/run/1/1', 'f'.repeat(40), 'message'), 'not-found');
      await rejection(workspace.tag('epm/run/1/1', initial, ''), 'bad-input');
    });
  });

  describe('removeWorktree', () => {
    it('refuses uncommitted changes, removes with force, keeps the branch, and repeats as a no-op', async () => {
      const { repoDir, workspace } = await makeRepo();
      const branch = 'epm/12-remove';
      const worktree = await workspace.ensureWorktree(branch);
      await writeFile(join(worktree.path, 'a.txt'), 'changed\n');

      const error = await rejection(workspace.removeWorktree(branch), 'conflict');
      expect(error.message).toContain('a.txt');
      expect(error.hint).toBe('commit or pass --force');
      expect(await readFile(join(worktree.path, 'a.txt'), 'utf8')).toBe('changed\n');
      expect(await workspace.findWorktree(branch)).toEqual(worktree);

      await workspace.removeWorktree(branch, { force: true });
      expect(existsSync(worktree.path)).toBe(false);
      expect(await workspace.findWorktree(branch)).toBeUndefined();
      expect(worktreeListCount(repoDir, branch)).toBe(0);
      expect(branchExists(repoDir, branch)).toBe(true);

      await workspace.removeWorktree(branch);
      await workspace.removeWorktree(branch, { force: true });
    });

    it('refuses untracked files too, and removes a clean worktree without force', async () => {
      const { repoDir, workspace } = await makeRepo();
      const branch = 'epm/13-untracked';
      const worktree = await workspace.ensureWorktree(branch);
      await mkdir(join(worktree.path, 'deep', 'er'), { recursive: true });
      await writeFile(join(worktree.path, 'deep', 'er', 'notes.txt'), 'draft\n');

      const error = await rejection(workspace.removeWorktree(branch), 'conflict');
      expect(error.message).toContain('deep/er/notes.txt');
      expect(existsSync(join(worktree.path, 'deep', 'er', 'notes.txt'))).toBe(true);

      await workspace.commitAll(branch, 'notes');
      await workspace.removeWorktree(branch);
      expect(existsSync(worktree.path)).toBe(false);
      expect(branchExists(repoDir, branch)).toBe(true);
    });

    it('is a no-op for a branch that never had a worktree', async () => {
      const { workspace } = await makeRepo();
      await workspace.removeWorktree('epm/14-never');
    });
  });

  describe('runGit', () => {
    it('turns a failing git command into an external error with command, exit code and stderr', async () => {
      const { repoDir } = await makeRepo();
      const error = await rejection(runGit(['rev-parse', '--verify', 'no-such-ref'], { cwd: repoDir }), 'external');
      expect(error.message).toContain('git rev-parse --verify no-such-ref');
      expect(error.message).toContain('exit code 128');
      expect(error.cause).toBeInstanceOf(GitCommandError);
      const cause = error.cause as GitCommandError;
      expect(cause.exitCode).toBe(128);
      expect(cause.stderr).toContain('fatal');
      expect(cause.args).toEqual(['rev-parse', '--verify', 'no-such-ref']);
    });

    it('passes arguments without a shell', async () => {
      const { repoDir } = await makeRepo();
      const out = await runGit(['log', '-1', '--format=%s $(echo injected) `x`'], { cwd: repoDir });
      expect(out.trim()).toBe('init $(echo injected) `x`');
    });
  });
});
