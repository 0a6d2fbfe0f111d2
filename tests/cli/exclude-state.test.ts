import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { excludeEpmState } from '../../src/entrypoints/cli/init.js';

describe('excludeEpmState', () => {
  it('writes /.epm/ to the common .git/info/exclude, from a main checkout and from a linked worktree', async () => {
    const root = await mkdtemp(join(tmpdir(), 'epm-exclude-'));
    try {
      const main = join(root, 'main');
      const git = (cwd: string, ...args: string[]) => execFileSync('git', args, { cwd, stdio: 'pipe', env: { ...process.env, GIT_AUTHOR_NAME: 't', GIT_AUTHOR_EMAIL: 't@t', GIT_COMMITTER_NAME: 't', GIT_COMMITTER_EMAIL: 't@t' } });
      execFileSync('git', ['init', '-q', '-b', 'main', main]);
      git(main, 'commit', '-q', '--allow-empty', '-m', 'x');
      git(main, 'worktree', 'add', '-q', join(root, 'linked'));
      const exclude = join(main, '.git', 'info', 'exclude');

      expect(await excludeEpmState(join(root, 'linked'))).toHaveLength(1);
      expect((await readFile(exclude, 'utf8')).split('\n')).toContain('/.epm/');
      // The absolute common dir is not re-rooted under the worktree.
      expect(existsSync(join(root, 'linked', root.slice(1)))).toBe(false);
      expect(await excludeEpmState(main)).toEqual([]); // already there: written once
      expect((await readFile(exclude, 'utf8')).split('\n').filter((l) => l === '/.epm/')).toHaveLength(1);
    } finally {
      await rm(root, { recursive: true, force: true });
    }
  });
});
