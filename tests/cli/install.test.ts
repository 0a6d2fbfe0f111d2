/**
 * `epm install` through the CLI, in a temporary git repository: what it
 * writes, what it prints, that a second run changes nothing, and that a
 * refused run (an edited workflow, a tag instead of a SHA) writes nothing at all.
 */
import { execFileSync } from 'node:child_process';
import { mkdir, mkdtemp, readFile, readdir, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { runCli, type CliIo } from '../../src/entrypoints/cli/program.js';
import { EPM_ACTION_PLACEHOLDER, EPM_ACTION_REPOSITORY, WORKFLOW_TEMPLATES, shippedTemplateDir } from '../../src/entrypoints/cli/install.js';
import { EXIT_CODES } from '../../src/domain/errors.js';

const SHA = 'a'.repeat(8) + '0123456789abcdef0123456789abcdef';
const OTHER_SHA = 'b'.repeat(40);
const ACTION = `${EPM_ACTION_REPOSITORY}@${SHA}`;

let repo: string;
const epm = async (...argv: string[]) => {
  let out = '';
  let err = '';
  const io: CliIo = { out: (t) => (out += `${t}\n`), err: (t) => (err += `${t}\n`) };
  const code = await runCli(['-C', repo, ...argv], { io });
  return { code, out, err };
};

/** Every file of the repository, .git included, with its bytes: proves a refused install changed nothing. */
async function snapshot(dir = repo): Promise<Record<string, string>> {
  const files: Record<string, string> = {};
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) Object.assign(files, await snapshot(path));
    else files[relative(repo, path)] = (await readFile(path)).toString('base64');
  }
  return files;
}

const workflow = (name: string) => readFile(join(repo, '.github', 'workflows', name), 'utf8');
const template = (name: string) => readFile(join(shippedTemplateDir(), name), 'utf8');

beforeEach(async () => {
  repo = await mkdtemp(join(tmpdir(), 'epm-install-'));
  execFileSync('git', ['init', '-q', '-b', 'main'], { cwd: repo });
});
afterEach(async () => {
  await rm(repo, { recursive: true, force: true });
});

describe('epm install', () => {
  it('writes the three workflows pinned to the SHA, the starter config and .gitignore, and says what to set', async () => {
    const { code, out, err } = await epm('install', '--action', ACTION);
    expect({ code, err }).toEqual({ code: 0, err: '' });

    for (const name of WORKFLOW_TEMPLATES) {
      const written = await workflow(name);
      expect(written).toBe((await template(name)).split(EPM_ACTION_PLACEHOLDER).join(ACTION));
      expect(written).not.toMatch(/EPM_ACTION_(OWNER|REPO|SHA)/);
      expect(written.match(new RegExp(`uses: ${ACTION} #`, 'g'))).toHaveLength(2);
      expect(out).toContain(`wrote .github/workflows/${name}`);
    }
    expect(await readFile(join(repo, 'epm.config.yml'), 'utf8')).toMatch(/^# EPM configuration[\s\S]*version: 1/);
    expect((await readFile(join(repo, '.gitignore'), 'utf8')).split('\n')).toContain('.epm/');
    expect(out).toContain('wrote epm.config.yml');
    expect(out).toContain('added .epm/ to .gitignore');

    // The secrets, each with the command that sets it, the required one marked so.
    expect(out).toMatch(/gh secret set ANTHROPIC_API_KEY +# required: /);
    expect(out).toMatch(/gh secret set WANDB_API_KEY +# optional: /);
    expect(out).toMatch(/gh secret set HF_TOKEN +# optional: /);
    // The labels.
    expect(out).toContain('type:experiment, type:claim, type:infra, type:analysis');
    expect(out).toContain('lane:full, lane:config, lane:follow-up');
    expect(out).toMatch(/status:proposed … status:aborted/);
    expect(out).not.toContain('epm new'); // init's local-mode next step does not apply here
  });

  it('is a no-op the second time', async () => {
    expect((await epm('install', '--action', ACTION)).code).toBe(0);
    const before = await snapshot();
    const again = await epm('install', '--action', ACTION);
    expect(again.code).toBe(0);
    expect(await snapshot()).toEqual(before);
    for (const name of WORKFLOW_TEMPLATES) expect(again.out).toContain(`.github/workflows/${name} is up to date`);
    expect(again.out).not.toMatch(/^wrote|^added|^replaced/m);
  });

  it('keeps an existing config and an existing .gitignore entry', async () => {
    await writeFile(join(repo, 'epm.config.yml'), 'version: 1\n');
    await writeFile(join(repo, '.gitignore'), 'node_modules\n/.epm/');
    expect((await epm('install', '--action', ACTION)).code).toBe(0);
    expect(await readFile(join(repo, 'epm.config.yml'), 'utf8')).toBe('version: 1\n');
    expect(await readFile(join(repo, '.gitignore'), 'utf8')).toBe('node_modules\n/.epm/');
  });

  it('refuses to overwrite an edited workflow without --force, and writes nothing at all', async () => {
    await mkdir(join(repo, '.github', 'workflows'), { recursive: true });
    // One edited workflow among the three; the other two are absent and must stay absent.
    await writeFile(join(repo, '.github', 'workflows', 'epm-review.yml'), '# my own review workflow\n');
    const before = await snapshot();

    const refused = await epm('install', '--action', ACTION);
    expect(refused.code).toBe(EXIT_CODES.conflict);
    expect(refused.err).toContain('.github/workflows/epm-review.yml (edited)');
    expect(refused.err).toContain('nothing was written');
    expect(refused.err).toContain('--force');
    expect(await snapshot()).toEqual(before);

    const forced = await epm('install', '--action', ACTION, '--force');
    expect(forced.code).toBe(0);
    expect(forced.out).toContain('replaced .github/workflows/epm-review.yml (--force)');
    expect(await workflow('epm-review.yml')).toBe((await template('epm-review.yml')).split(EPM_ACTION_PLACEHOLDER).join(ACTION));
  });

  it('names the old pin when a workflow is the template pinned to another commit, and re-pins with --force', async () => {
    expect((await epm('install', '--action', `${EPM_ACTION_REPOSITORY}@${OTHER_SHA}`)).code).toBe(0);
    const before = await snapshot();
    const refused = await epm('install', '--action', ACTION);
    expect(refused.code).toBe(EXIT_CODES.conflict);
    expect(refused.err).toContain(`.github/workflows/epm-issues.yml (pinned to ${EPM_ACTION_REPOSITORY}@${OTHER_SHA})`);
    expect(refused.err).toContain(`epm install --force --action ${ACTION}`);
    expect(await snapshot()).toEqual(before);
    expect((await epm('install', '--action', ACTION, '--force')).code).toBe(0);
    expect(await workflow('epm-sweep.yml')).toContain(`uses: ${ACTION} #`);
  });

  it.each([
    ['a tag', `${EPM_ACTION_REPOSITORY}@v1.2.0`, /"v1\.2\.0" is a tag or branch name, not a full 40-hex commit SHA/],
    ['a branch', `${EPM_ACTION_REPOSITORY}@main`, /"main" is a tag or branch name, not a full 40-hex commit SHA/],
    ['a short SHA', `${EPM_ACTION_REPOSITORY}@${SHA.slice(0, 7)}`, /is an abbreviated commit SHA, not a full 40-hex commit SHA/],
    ['no ref', EPM_ACTION_REPOSITORY, /has no commit/],
    ['no owner', `epm@${SHA}`, /does not name a repository as owner\/repo/],
  ])('refuses %s instead of a commit SHA, and writes nothing', async (_what, action, message) => {
    const before = await snapshot();
    const refused = await epm('install', '--action', action);
    expect(refused.code).toBe(EXIT_CODES['bad-input']);
    expect(refused.err).toMatch(message);
    expect(refused.err).toContain('@<');
    expect(await snapshot()).toEqual(before);
    await expect(stat(join(repo, '.github'))).rejects.toThrow();
  });

  it('explains why pinning matters and how to find the commit of a tag', async () => {
    const { err } = await epm('install', '--action', `${EPM_ACTION_REPOSITORY}@v1.2.0`);
    expect(err).toContain('moving a tag or branch cannot change the code that runs with your secrets');
    expect(err).toContain(`git ls-remote https://github.com/${EPM_ACTION_REPOSITORY} v1.2.0`);
  });

  it('without --action, refuses and says to pass one (there is no published SHA to default to)', async () => {
    const before = await snapshot();
    const refused = await epm('install');
    expect(refused.code).toBe(EXIT_CODES['bad-input']);
    expect(refused.err).toContain('--action is required');
    expect(refused.err).toContain(`--action ${EPM_ACTION_REPOSITORY}@<sha>`);
    expect(await snapshot()).toEqual(before);
  });

  it('outside a git repository, says so', async () => {
    const plain = await mkdtemp(join(tmpdir(), 'epm-install-plain-'));
    try {
      let err = '';
      const code = await runCli(['-C', plain, 'install', '--action', ACTION], { io: { out: () => undefined, err: (t) => (err += t) } });
      expect(code).toBe(EXIT_CODES['bad-input']);
      expect(err).toContain('is not inside a git repository');
      expect(await readdir(plain)).toEqual([]);
    } finally {
      await rm(plain, { recursive: true, force: true });
    }
  });
});
