/**
 * The Workspace port over the git command line. Each experiment gets a branch
 * `epm/<N>-<slug>` checked out in its own worktree under `worktreesDir`; the
 * user's own checkout (working tree, index, HEAD) is never read from for
 * changes nor written to.
 */
import { lstat, mkdir, readFile, readdir, realpath, rm, writeFile } from 'node:fs/promises';
import { dirname, isAbsolute, join, relative, resolve } from 'node:path';
import { badInput, conflict, external, notFound, type EpmError } from '../../domain/errors.js';
import type { CommitResult, DiffSince, Workspace, Worktree } from '../../ports/workspace.js';
import { gitFailed, runGit, tryGit } from './git-cli.js';
import { assertBranchName, issueOfBranch, worktreeFolderName } from '../../domain/branch-name.js';

export { BRANCH_PATTERN, assertBranchName, branchFor, worktreeFolderName } from '../../domain/branch-name.js';

// Identity used only when the repository has none configured, so commits work on a fresh machine.
const FALLBACK_NAME = 'epm';
const FALLBACK_EMAIL = 'epm@localhost';
// Reason git writes into a worktree's lock file while `git worktree add` runs; it stays
// behind when that command is killed, marking a half-created worktree.
const CREATION_LOCK_REASON = 'initializing';

/** Where a {@link GitWorkspace} works. */
export interface GitWorkspaceOptions {
  /** The user's repository (any folder inside it works as long as git finds it). */
  repoDir: string;
  /** Absolute folder holding the experiment worktrees, e.g. `<repo>/.epm/worktrees`. */
  worktreesDir: string;
}

/** One entry of `git worktree list --porcelain`. */
interface WorktreeEntry {
  path: string;
  head: string | undefined;
  /** Short branch name; undefined when detached or bare. */
  branch: string | undefined;
  /** True for the first entry: the user's own checkout. */
  main: boolean;
  /** Lock reason ('' when locked without one); undefined when not locked. */
  locked: string | undefined;
}

/** {@link Workspace} implemented with git worktrees. Methods are idempotent and safe to retry after a crash. */
export class GitWorkspace implements Workspace {
  /** The user's repository. */
  readonly repoDir: string;
  /** Folder holding the experiment worktrees. */
  readonly worktreesDir: string;

  /** Throws a bad-input error when `worktreesDir` is not absolute; touches nothing on disk. */
  constructor(options: GitWorkspaceOptions) {
    if (!isAbsolute(options.worktreesDir)) {
      throw badInput(`worktreesDir "${options.worktreesDir}" is not an absolute path`, {
        hint: 'pass an absolute folder, e.g. <repo>/.epm/worktrees',
      });
    }
    this.repoDir = resolve(options.repoDir);
    this.worktreesDir = resolve(options.worktreesDir);
  }

  /** Folder the worktree of `branch` lives in (whether or not it exists). */
  worktreePath(branch: string): string {
    assertBranchName(branch);
    return join(this.worktreesDir, worktreeFolderName(branch));
  }

  /**
   * Creates the branch and its worktree, or returns the existing one. When the
   * branch already exists, `base` is ignored and the branch is checked out as it is.
   * A worktree left half-created by a killed run is discarded and created again.
   */
  async ensureWorktree(branch: string, base?: string): Promise<Worktree> {
    assertBranchName(branch);
    const issue = issueOf(branch);
    // Forget worktrees whose folder was deleted by hand, so they do not block re-creation.
    await this.git(['worktree', 'prune']);
    const existing = await this.entryFor(branch);
    if (existing) {
      if (existing.main) throw this.checkedOutInRepo(branch);
      if (existing.locked === CREATION_LOCK_REASON) {
        await this.discardHalfCreated(existing);
      } else if (!(await pathExists(existing.path))) {
        throw conflict(`the worktree of ${branch} at ${existing.path} is missing but locked`, {
          issue,
          hint: `run \`git worktree unlock ${existing.path} && git worktree prune\` in ${this.repoDir}, then retry`,
        });
      } else {
        return toWorktree(existing);
      }
    }

    const path = join(this.worktreesDir, worktreeFolderName(branch));
    await this.assertPathFree(path, branch);
    await this.prepareWorktreesDir();
    if ((await this.resolveCommit(`refs/heads/${branch}`)) !== undefined) {
      await this.git(['worktree', 'add', '--quiet', path, branch]);
    } else {
      const start = await this.resolveBase(base, issue);
      await this.git(['worktree', 'add', '--quiet', '-b', branch, path, start]);
    }
    const created = await this.entryFor(branch);
    if (!created || created.main) {
      throw external(`git worktree add reported success but no worktree of ${branch} is registered`, {
        issue,
        hint: `run \`git worktree list\` in ${this.repoDir} and report this`,
      });
    }
    return toWorktree(created);
  }

  /** Returns the experiment worktree of `branch`; never the user's own checkout, never a half-created one. */
  async findWorktree(branch: string): Promise<Worktree | undefined> {
    assertBranchName(branch);
    const entry = await this.entryFor(branch);
    if (!entry || entry.main || entry.locked === CREATION_LOCK_REASON) return undefined;
    if (!(await pathExists(entry.path))) return undefined;
    return toWorktree(entry);
  }

  /** Commit the branch points at. */
  async head(branch: string): Promise<string> {
    assertBranchName(branch);
    const sha = await this.resolveCommit(`refs/heads/${branch}`);
    if (sha === undefined) {
      throw notFound(`branch ${branch} does not exist in ${this.repoDir}`, {
        issue: issueOf(branch),
        hint: 'the experiment has no branch yet; it is created when planning starts',
      });
    }
    return sha;
  }

  /**
   * Stages everything in the worktree (`git add -A`) and commits it. Uses the
   * repository's git identity, or `epm <epm@localhost>` for the parts it lacks.
   */
  async commitAll(branch: string, message: string, options: { exclude?: readonly string[] } = {}): Promise<CommitResult> {
    assertBranchName(branch);
    if (message.trim() === '') {
      throw badInput('the commit message is empty', { issue: issueOf(branch), hint: 'say what the commit changes' });
    }
    const worktree = await this.requireWorktree(branch);
    await this.git(['add', '-A'], worktree.path);
    // Run outputs (checkpoints, metrics) are provenance subjects, not source: they are never committed.
    // Unstaging them (rather than an exclude pathspec) also works when .gitignore already covers them.
    const excluded = (options.exclude ?? []).map((p) => p.replace(/\/+$/, '')).filter((p) => p.trim() !== '');
    if (excluded.length > 0 && (await this.git(['ls-files', '--cached', '--', ...excluded], worktree.path)).trim() !== '') {
      await this.git(['reset', '-q', '--', ...excluded], worktree.path);
    }
    const status = await this.git(['status', '--porcelain'], worktree.path);
    // Only staged entries are committed; a column-1 blank, `?` or `!` is not staged.
    const staged = status.split('\n').some((line) => line.length > 0 && !' ?!'.includes(line.charAt(0)));
    if (!staged) {
      return { sha: (await this.git(['rev-parse', 'HEAD'], worktree.path)).trim(), created: false };
    }
    const identity = await this.identityArgs(worktree.path);
    await this.git([...identity, 'commit', '--quiet', '-m', message], worktree.path);
    return { sha: (await this.git(['rev-parse', 'HEAD'], worktree.path)).trim(), created: true };
  }

  /**
   * Unified diff of what the branch changed since it forked from `base`:
   * `git diff <merge-base of base and branch>..<branch>`. The default base is
   * the commit the repository's HEAD points at. Committed changes only.
   */
  async diff(branch: string, base?: string): Promise<string> {
    assertBranchName(branch);
    const issue = issueOf(branch);
    const tip = await this.head(branch);
    const against = await this.resolveBase(base, issue);
    const forked = await tryGit(['merge-base', against, tip], { cwd: this.repoDir });
    if (forked.exitCode !== 0) {
      throw conflict(`${branch} and ${base ?? 'HEAD'} share no history in ${this.repoDir}`, {
        issue,
        hint: 'pass a base the branch was created from',
      });
    }
    return this.diffBetween(forked.stdout.trim(), tip);
  }

  /**
   * The branch's diff at `sha` (against where it forked from the
   * repository's HEAD, as `diff(branch)` computed it then) and the changes
   * from `sha` to the branch's tip; undefined when `sha` is not a commit or
   * not an ancestor of the tip.
   */
  async diffSince(branch: string, sha: string): Promise<DiffSince | undefined> {
    assertBranchName(branch);
    const issue = issueOf(branch);
    const tip = await this.head(branch);
    const commit = sha.startsWith('-') ? undefined : await this.resolveCommit(sha);
    if (commit === undefined) return undefined;
    const ancestor = await tryGit(['merge-base', '--is-ancestor', commit, tip], { cwd: this.repoDir });
    if (ancestor.exitCode !== 0) return undefined;
    const forked = await tryGit(['merge-base', await this.resolveBase(undefined, issue), commit], { cwd: this.repoDir });
    if (forked.exitCode !== 0) return undefined;
    return { at: await this.diffBetween(forked.stdout.trim(), commit), since: await this.diffBetween(commit, tip) };
  }

  private diffBetween(from: string, to: string): Promise<string> {
    // Fixed flags so the user's diff config (colour, external tools, prefixes) cannot change the text.
    return this.git(['diff', '--no-color', '--no-ext-diff', '--src-prefix=a/', '--dst-prefix=b/', `${from}..${to}`]);
  }

  /**
   * Creates the annotated tag `name` at `sha`. An existing tag at the same
   * commit is a no-op; one at another commit is a conflict.
   */
  async tag(name: string, sha: string, message: string): Promise<void> {
    await this.assertTagName(name);
    if (message.trim() === '') {
      throw badInput(`the message of tag ${name} is empty`, { hint: 'say what the tagged commit is, e.g. the run it produced' });
    }
    const commit = sha.startsWith('-') ? undefined : await this.resolveCommit(sha);
    if (commit === undefined) {
      throw notFound(`"${sha}" is not a commit in ${this.repoDir}`, {
        hint: 'pass the full SHA of a commit on the experiment branch',
      });
    }
    if (await this.tagAlreadyAt(name, commit)) return;
    const identity = await this.identityArgs(this.repoDir);
    const args = [...identity, 'tag', '-a', '-m', message, name, commit];
    const created = await tryGit(args, { cwd: this.repoDir });
    // Another writer may have created the same tag meanwhile; that is success.
    if (created.exitCode !== 0 && !(await this.tagAlreadyAt(name, commit))) {
      throw gitFailed(args, this.repoDir, created);
    }
  }

  /**
   * Removes the worktree of `branch` and keeps the branch. Refuses when the
   * worktree has uncommitted changes (tracked or untracked) unless `force`;
   * ignored files (outputs, caches) go with the folder. No worktree is a no-op.
   */
  async removeWorktree(branch: string, options: { force?: boolean } = {}): Promise<void> {
    assertBranchName(branch);
    const issue = issueOf(branch);
    await this.git(['worktree', 'prune']);
    const entry = await this.entryFor(branch);
    if (!entry) return;
    if (entry.main) throw this.checkedOutInRepo(branch);
    if (entry.locked === CREATION_LOCK_REASON) {
      await this.discardHalfCreated(entry);
      return;
    }
    if (entry.locked !== undefined) {
      throw conflict(`the worktree of ${branch} at ${entry.path} is locked${entry.locked ? ` (${entry.locked})` : ''}`, {
        issue,
        hint: `run \`git worktree unlock ${entry.path}\` in ${this.repoDir} if it is no longer needed, then retry`,
      });
    }
    if (!options.force) {
      const status = await this.git(['status', '--porcelain', '--untracked-files=all'], entry.path);
      const changed = status.split('\n').filter((line) => line.length > 0);
      if (changed.length > 0) {
        const shown = changed.slice(0, 5).map((line) => line.slice(3)).join(', ');
        const more = changed.length > 5 ? ` and ${changed.length - 5} more` : '';
        throw conflict(`the worktree of ${branch} at ${entry.path} has uncommitted changes: ${shown}${more}`, {
          issue,
          hint: 'commit or pass --force',
        });
      }
    }
    await this.git(['worktree', 'remove', ...(options.force ? ['--force'] : []), entry.path]);
  }

  private git(args: readonly string[], cwd: string = this.repoDir): Promise<string> {
    return runGit(args, { cwd });
  }

  async listFiles(branch: string): Promise<string[]> {
    const tree = await this.requireWorktree(branch);
    return (await this.git(['ls-files', '-z'], tree.path)).split('\0').filter(Boolean).sort();
  }

  async readFile(branch: string, path: string): Promise<string | undefined> {
    const tree = await this.requireWorktree(branch);
    const target = this.insideWorktree(tree, path);
    return readFile(target, 'utf8').catch((error: NodeJS.ErrnoException) => {
      if (error.code === 'ENOENT') return undefined;
      throw external(`cannot read ${path} in ${tree.path}: ${error.message}`, { cause: error });
    });
  }

  async writeFiles(branch: string, files: Readonly<Record<string, string | Uint8Array>>): Promise<void> {
    const tree = await this.requireWorktree(branch);
    for (const [path, content] of Object.entries(files)) {
      const target = this.insideWorktree(tree, path);
      await mkdir(dirname(target), { recursive: true });
      await writeFile(target, content);
    }
  }

  async missingFiles(branch: string, paths: readonly string[]): Promise<string[]> {
    const tree = await this.requireWorktree(branch);
    const missing: string[] = [];
    for (const path of paths) {
      if (!(await pathExists(this.insideWorktree(tree, path)))) missing.push(path);
    }
    return missing;
  }

  /** Resolves a worktree-relative path; refuses absolute paths and `..` escapes. */
  private insideWorktree(tree: Worktree, path: string): string {
    const target = resolve(tree.path, path);
    if (isAbsolute(path) || !isInside(tree.path, target)) {
      throw badInput(`path "${path}" is outside the worktree ${tree.path}`, { hint: 'use a path relative to the worktree root without ".."' });
    }
    return target;
  }

  private async requireWorktree(branch: string): Promise<Worktree> {
    const worktree = await this.findWorktree(branch);
    if (!worktree) {
      throw notFound(`${branch} has no worktree under ${this.worktreesDir}`, {
        issue: issueOf(branch),
        hint: 'create it again (the next step of the experiment does so), then retry',
      });
    }
    return worktree;
  }

  private async listWorktrees(): Promise<WorktreeEntry[]> {
    const output = await this.git(['worktree', 'list', '--porcelain', '-z']);
    const entries: WorktreeEntry[] = [];
    let current: WorktreeEntry | undefined;
    for (const field of output.split('\0')) {
      if (field === '') {
        current = undefined;
        continue;
      }
      const space = field.indexOf(' ');
      const key = space === -1 ? field : field.slice(0, space);
      const value = space === -1 ? '' : field.slice(space + 1);
      if (key === 'worktree') {
        current = { path: value, head: undefined, branch: undefined, main: entries.length === 0, locked: undefined };
        entries.push(current);
      } else if (current && key === 'HEAD') {
        current.head = value;
      } else if (current && key === 'branch') {
        current.branch = value.startsWith('refs/heads/') ? value.slice('refs/heads/'.length) : value;
      } else if (current && key === 'locked') {
        current.locked = value;
      }
    }
    return entries;
  }

  private async entryFor(branch: string): Promise<WorktreeEntry | undefined> {
    return (await this.listWorktrees()).find((entry) => entry.branch === branch);
  }

  private async resolveCommit(rev: string): Promise<string | undefined> {
    const result = await tryGit(['rev-parse', '--verify', '--quiet', '--end-of-options', `${rev}^{commit}`], {
      cwd: this.repoDir,
    });
    return result.exitCode === 0 ? result.stdout.trim() : undefined;
  }

  private async resolveBase(base: string | undefined, issue: number): Promise<string> {
    if (base === undefined) {
      const head = await this.resolveCommit('HEAD');
      if (head === undefined) {
        // Fails with a clear external error when repoDir is not a repository at all.
        await this.git(['rev-parse', '--git-dir']);
        throw badInput('the repository has no commits; commit once before starting an experiment', {
          issue,
          hint: `run \`git add -A && git commit -m "initial commit"\` in ${this.repoDir}`,
        });
      }
      return head;
    }
    const commit = base.startsWith('-') ? undefined : await this.resolveCommit(base);
    if (commit === undefined) {
      throw badInput(`base "${base}" is not a commit in ${this.repoDir}`, {
        issue,
        hint: 'pass a branch, tag or commit SHA that exists in the repository',
      });
    }
    return commit;
  }

  private async assertPathFree(path: string, branch: string): Promise<void> {
    if (!(await pathExists(path))) return;
    const stat = await lstat(path);
    // An empty folder is what a run killed before `git worktree add` wrote anything leaves; git reuses it.
    if (stat.isDirectory() && (await readdir(path)).length === 0) return;
    const real = await realpath(path);
    const owner = (await this.listWorktrees()).find((entry) => entry.path === path || entry.path === real);
    const what = owner
      ? `is already the worktree of ${owner.branch ?? `a detached HEAD at ${owner.head ?? 'an unknown commit'}`}`
      : `exists but is not a worktree of ${this.repoDir}`;
    throw conflict(`cannot create the worktree of ${branch}: ${path} ${what}`, {
      issue: issueOf(branch),
      hint: `move or delete ${path} (after saving anything you need from it), then retry`,
    });
  }

  private async prepareWorktreesDir(): Promise<void> {
    await mkdir(this.worktreesDir, { recursive: true });
    // A `*` ignore file inside the folder keeps worktrees nested in the repository
    // out of the user's `git status`, without touching any file of theirs.
    try {
      await writeFile(join(this.worktreesDir, '.gitignore'), '*\n', { flag: 'wx' });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
  }

  /** Removes a worktree left locked as "initializing" by a killed `git worktree add`. */
  private async discardHalfCreated(entry: WorktreeEntry): Promise<void> {
    await tryGit(['worktree', 'unlock', entry.path], { cwd: this.repoDir });
    if (await pathExists(entry.path)) {
      const removed = await tryGit(['worktree', 'remove', '--force', entry.path], { cwd: this.repoDir });
      // Without its .git file git cannot remove the folder; delete it only inside our own folder.
      if (removed.exitCode !== 0 && isInside(this.worktreesDir, entry.path)) {
        await rm(entry.path, { recursive: true, force: true });
      }
    }
    await this.git(['worktree', 'prune']);
  }

  private async identityArgs(cwd: string): Promise<string[]> {
    const args: string[] = [];
    for (const [key, fallback] of [
      ['user.name', FALLBACK_NAME],
      ['user.email', FALLBACK_EMAIL],
    ] as const) {
      const configured = await tryGit(['config', '--get', key], { cwd });
      if (configured.exitCode !== 0 || configured.stdout.trim() === '') args.push('-c', `${key}=${fallback}`);
    }
    return args;
  }

  private async assertTagName(name: string): Promise<void> {
    const valid =
      name !== '' &&
      !name.startsWith('-') &&
      (await tryGit(['check-ref-format', `refs/tags/${name}`], { cwd: this.repoDir })).exitCode === 0;
    if (!valid) {
      throw badInput(`"${name}" is not a valid git tag name`, {
        hint: 'use letters, digits, "-", "." and "/" separators without "..", spaces or a leading "-", e.g. epm/run/12/1',
      });
    }
  }

  /** True when tag `name` exists at `commit`; a conflict when it exists anywhere else. */
  private async tagAlreadyAt(name: string, commit: string): Promise<boolean> {
    const ref = `refs/tags/${name}`;
    const exists = await tryGit(['rev-parse', '--verify', '--quiet', '--end-of-options', ref], { cwd: this.repoDir });
    if (exists.exitCode !== 0) return false;
    const tagged = await this.resolveCommit(ref);
    if (tagged === commit) return true;
    throw conflict(`tag ${name} already points at ${tagged ?? 'an object that is not a commit'}, not at ${commit}`, {
      hint: `pick another tag name, or delete the old tag with \`git tag -d ${name}\` if it is wrong`,
    });
  }

  private checkedOutInRepo(branch: string): EpmError {
    return conflict(`${branch} is checked out in your own checkout ${this.repoDir}; EPM only works in its own worktrees`, {
      issue: issueOf(branch),
      hint: `check out another branch in ${this.repoDir} (e.g. git switch main), then retry`,
    });
  }
}

/** Callers have checked the branch name, so it is an experiment branch. */
const issueOf = (branch: string): number => issueOfBranch(branch) ?? Number.NaN;

const toWorktree = (entry: WorktreeEntry): Worktree => ({
  path: entry.path,
  branch: entry.branch ?? '',
  head: entry.head ?? '',
});

const pathExists = async (path: string): Promise<boolean> => {
  try {
    await lstat(path);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return false;
    throw error;
  }
};

const isInside = (parent: string, child: string): boolean => {
  const rel = relative(parent, child);
  return rel !== '' && !rel.startsWith('..') && !isAbsolute(rel);
};
