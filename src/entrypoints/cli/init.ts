/** `epm init`: prepares a repository for local mode. Idempotent; never touches tracked files other than creating the starter config. */
import { appendFile, mkdir, readFile, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { runGit } from '../../adapters/git/git-cli.js';

const STARTER_CONFIG = `# EPM configuration. Every key is optional; see docs/config.md for each one and its default.
version: 1
defaults:
  type: experiment
  lane: full
loops:
  maxRounds: 3
budgets:
  gpuHoursPerExperiment: 24
  modelUsdPerExperiment: 50
# Checks every implementation and fix must pass (run in the experiment's worktree):
checks: []
#  - name: build
#    command: npm run build
`;

/** Creates `.epm/` and keeps it out of git through `.git/info/exclude`; returns what it did. */
export async function excludeEpmState(repoDir: string): Promise<string[]> {
  const done: string[] = [];
  await mkdir(join(repoDir, '.epm'), { recursive: true });
  // Relative in a main checkout, absolute in a linked worktree: resolve() takes both.
  const gitDir = (await runGit(['rev-parse', '--git-common-dir'], { cwd: repoDir })).trim();
  const exclude = resolve(repoDir, gitDir, 'info', 'exclude');
  await mkdir(join(exclude, '..'), { recursive: true });
  const current = await readFile(exclude, 'utf8').catch(() => '');
  if (!current.split('\n').includes('/.epm/')) {
    await appendFile(exclude, `${current && !current.endsWith('\n') ? '\n' : ''}/.epm/\n`);
    done.push('added /.epm/ to .git/info/exclude (EPM state stays out of your commits)');
  }
  return done;
}

/** Sets up `.epm/` (excluded from git) and a starter config; returns what it did, one line each. */
export async function initRepository(repoDir: string): Promise<string[]> {
  const done = await excludeEpmState(repoDir);
  const hasConfig = await Promise.all(['epm.config.yml', '.github/epm.yml'].map((f) => readFile(join(repoDir, f)).then(() => true, () => false)));
  if (!hasConfig.some(Boolean)) {
    await writeFile(join(repoDir, 'epm.config.yml'), STARTER_CONFIG, { flag: 'wx' });
    done.push('wrote epm.config.yml (commit it to share the settings)');
  }
  done.push(done.length ? 'EPM is ready. Next: epm new "<what you want to find out>"' : 'EPM was already set up here. Next: epm new "<what you want to find out>"');
  return done;
}
