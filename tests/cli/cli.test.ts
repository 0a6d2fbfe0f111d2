/**
 * The CLI end to end over the real local adapters: a temporary git repository,
 * the file tracker, git worktrees, and a real detached child process as the
 * run. Roles are scripted (the model runtime arrives later); everything else
 * is what a user runs.
 */
import { execFileSync } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli, type CliIo } from '../../src/entrypoints/cli/program.js';
import { METRIC_ROWS, ScriptedRoles } from '../support/scripted-roles.js';

const TRAIN_JS = `
const fs = require('node:fs');
console.log('[phase=train]');
for (const seed of [1, 2, 3]) console.log('seed=' + seed + ' loss=0.3' + seed);
console.log('[phase=eval]');
fs.mkdirSync('results', { recursive: true });
fs.writeFileSync('results/metrics.json', JSON.stringify({ rows: ${JSON.stringify(METRIC_ROWS)} }));
`;

interface Session {
  repo: string;
  roles: ScriptedRoles;
  epm: (...argv: string[]) => Promise<{ code: number; out: string; err: string }>;
}

async function session(): Promise<Session> {
  const repo = await mkdtemp(join(tmpdir(), 'epm-cli-'));
  const git = (...args: string[]) => execFileSync('git', args, { cwd: repo, stdio: 'pipe' });
  git('init', '-q', '-b', 'main');
  git('-c', 'user.name=lead', '-c', 'user.email=lead@example.com', 'commit', '-q', '--allow-empty', '-m', 'init');
  git('config', 'user.name', 'lead');
  git('config', 'user.email', 'lead@example.com');
  const roles = new ScriptedRoles();
  roles.onRun = async (context) => {
    if (context.role === 'implementer' && context.worktree) await writeFile(join(context.worktree, 'train.js'), TRAIN_JS);
  };
  const epm = async (...argv: string[]) => {
    let out = '';
    let err = '';
    const io: CliIo = { out: (t) => (out += `${t}\n`), err: (t) => (err += `${t}\n`), columns: 120, readStdin: async () => '' };
    const code = await runCli(argv, { repo, roles, io, log: (line) => (out += `${line}\n`) });
    return { code, out, err };
  };
  return { repo, roles, epm };
}

const eventsOf = (repo: string, n: number) => readFile(join(repo, '.epm', 'issues', String(n), 'events.jsonl'), 'utf8');

describe('epm CLI over the local adapters', () => {
  let s: Session;
  beforeEach(async () => {
    s = await session();
  });
  afterEach(async () => {
    // Stop any run still alive before deleting its folder.
    await s.epm('abort', '1').catch(() => undefined);
    await rm(s.repo, { recursive: true, force: true });
  });

  it('runs an experiment through every stage with a real run process', async () => {
    expect((await s.epm('init')).code).toBe(0);
    expect((await s.epm('new', 'Adam vs SGD', '--type', 'experiment')).out).toMatch(/Created #1 Adam vs SGD/);
    const planned = await s.epm('tick', '1');
    expect(planned.code).toBe(0);
    expect(planned.out).toMatch(/#1 is awaiting-plan-approval/);

    const view = JSON.parse((await s.epm('show', '1', '--json')).out);
    expect(view.status).toBe('awaiting-plan-approval');
    expect(view.plan.path).toBe('experiments/1-adam-vs-sgd/plan.md');
    const branchPlan = execFileSync('git', ['show', `${view.plan.version}:experiments/1-adam-vs-sgd/plan.md`], { cwd: s.repo, encoding: 'utf8' });
    expect(branchPlan).toContain('## Success and kill criteria');

    expect((await s.epm('approve', '1')).out).toMatch(/#1 is now implementing/);
    await s.epm('tick', '1');
    // The run is a real detached process; wake the engine until it has finished.
    let status = '';
    for (let i = 0; i < 100 && status !== 'awaiting-result-approval'; i++) {
      await new Promise((r) => setTimeout(r, 100));
      await s.epm('tick', '1');
      status = JSON.parse((await s.epm('show', '1', '--json')).out).status;
    }
    expect(status).toBe('awaiting-result-approval');
    const running = JSON.parse((await s.epm('show', '1', '--json')).out);
    const log = await readFile(running.run.logPath, 'utf8');
    expect(log).toContain('[phase=eval]');
    expect(log).toMatch(/\[epm-sentinel\] \{"exitCode":0/);
    // The run commit is tagged, so provenance survives a squash merge of the branch.
    expect(running.run.tag).toBe('epm/run/1/1');
    expect(execFileSync('git', ['rev-parse', 'epm/run/1/1^{commit}'], { cwd: s.repo, encoding: 'utf8' }).trim()).toBe(running.run.sha);
    expect(running.run.released).toBe(true);

    // The provenance statement verifies, and one changed byte in one subject is caught.
    const statementPath = join(s.repo, '.epm', 'runs', '1-1', 'provenance.json');
    const statement = JSON.parse(await readFile(statementPath, 'utf8'));
    expect(statement.subject).toEqual([{ name: 'results/metrics.json', digest: { sha256: expect.stringMatching(/^[0-9a-f]{64}$/) } }]);
    expect(statement.predicate.buildDefinition.resolvedDependencies[0]).toMatchObject({ digest: { gitCommit: running.run.sha }, annotations: { epmKind: 'git-commit', tag: 'epm/run/1/1' } });
    expect(statement.predicate.runDetails.compute).toMatchObject({ provider: 'local' });
    const worktree = join(s.repo, '.epm', 'worktrees', '1-adam-vs-sgd');
    const verified = await s.epm('verify', statementPath, '--root', worktree);
    expect(verified.code).toBe(0);
    expect(verified.out).toContain('**Upload verification: PASS** (1 passed, 0 failed)');
    expect(verified.out).toContain('Signature: none (unsigned statement: verified by the digests above)');
    // Run outputs are provenance subjects, never committed to the branch.
    expect(execFileSync('git', ['ls-tree', '-r', '--name-only', 'epm/1-adam-vs-sgd'], { cwd: s.repo, encoding: 'utf8' })).not.toContain('results/metrics.json');
    const metricsPath = join(worktree, 'results', 'metrics.json');
    const original = await readFile(metricsPath, 'utf8');
    await writeFile(metricsPath, original.replace('0.97', '0.98'));
    const tampered = await s.epm('verify', statementPath, '--root', worktree);
    expect(tampered.code).toBe(8);
    expect(tampered.out).toMatch(/\| `results\/metrics\.json` \| output \| \*\*FAIL\*\* \| digest mismatch: manifest [0-9a-f]{12}…, on disk [0-9a-f]{12}… \|/);
    expect(tampered.err).toMatch(/1 of 1 check\(s\) failed/);
    await writeFile(metricsPath, original);
    // Asking for a signature of an unsigned statement fails; so does a bundle that is no bundle (found before any
    // trusted root is read; parseTrustedRoots' errors are tested in tests/adapters/sigstore-attestor.test.ts).
    const unsigned = await s.epm('verify', statementPath, '--root', worktree, '--require-signature');
    expect(unsigned.code).toBe(8);
    expect(unsigned.out).toMatch(/Signature: no signature \(.*provenance\.json\.sigstore\.json is absent\) and --require-signature was given/);
    await writeFile(join(s.repo, 'bogus-root.json'), '{"mediaType":"application/json"}');
    await writeFile(`${statementPath}.sigstore.json`, '{}');
    const badRoot = await s.epm('verify', statementPath, '--root', worktree, '--trusted-root', join(s.repo, 'bogus-root.json'));
    expect(badRoot.code).toBe(8); // the bundle beside it is no bundle: that is found before the root is read
    expect(badRoot.out).toContain('not a Sigstore bundle');
    await rm(`${statementPath}.sigstore.json`);
    await rm(join(s.repo, 'bogus-root.json'));
    const crate = await s.epm('export', statementPath, '--ro-crate', '--out', join(s.repo, 'crate'));
    expect(crate.code).toBe(0);
    const metadata = JSON.parse(await readFile(join(s.repo, 'crate', 'ro-crate-metadata.json'), 'utf8'));
    expect(metadata['@graph'].some((e: { '@type': unknown }) => e['@type'] === 'CreateAction')).toBe(true);

    expect((await s.epm('approve', '1')).code).toBe(0);
    const done = await s.epm('tick', '1');
    expect(done.out).toMatch(/#1 is done/);
    const board = await s.epm('board');
    expect(board.out).toMatch(/done \(1\)/);
    const list = JSON.parse((await s.epm('list', '--json')).out);
    expect(list).toEqual([{ number: 1, title: 'Adam vs SGD', status: 'done', type: 'experiment', lane: 'full', open: true }]);
    // The user's own checkout was never touched.
    expect(execFileSync('git', ['status', '--porcelain'], { cwd: s.repo, encoding: 'utf8' })).toBe('?? crate/\n?? epm.config.yml\n');
  });

  it.each([
    [['show', 'abc'], 2, /"abc" is not an issue number — pass the number shown by "epm list"/],
    [['show', '99'], 3, /no issue #99|issue #99/i],
    [['lane', '1', 'fast'], 2, /unknown lane "fast" — use one of full, config, follow-up/],
    [['comment', '1', '-m', '/epm frobnicate'], 2, /unknown command "\/epm frobnicate"/],
    [['approve', '1'], 4, /nothing awaits approval \(status: proposed\)/],
    [['retry', '1'], 4, /retry does not apply in status proposed/],
    [['new', '  '], 2, /title/i],
  ])('epm %j exits %i with a one-line fix and changes nothing', async (argv, code, message) => {
    await s.epm('init');
    await s.epm('new', 'Adam vs SGD');
    const before = await eventsOf(s.repo, 1);
    const result = await s.epm(...(argv as string[]));
    expect(result.code).toBe(code);
    expect(result.err).toMatch(message);
    expect(result.err.trim().split('\n')).toHaveLength(1);
    expect(await eventsOf(s.repo, 1)).toBe(before);
  });

  it('refuses an invalid config naming the key, before touching anything', async () => {
    await writeFile(join(s.repo, 'epm.config.yml'), 'loops:\n  maxRounds: 0\n');
    const result = await s.epm('new', 'x');
    expect(result.code).toBe(2);
    expect(result.err).toMatch(/epm\.config\.yml: loops\.maxRounds: got 0, expected an integer from 1 to 10/);
  });

  it('refuses to tick an issue with two status labels and leaves it as it was', async () => {
    await s.epm('init');
    await s.epm('new', 'x');
    const { LocalTracker } = await import('../../src/adapters/local/local-tracker.js');
    await new LocalTracker({ root: join(s.repo, '.epm') }).updateLabels(1, { add: ['status:planning', 'status:done'] });
    const before = await eventsOf(s.repo, 1);
    const result = await s.epm('tick', '1');
    expect(result.code).toBe(2);
    expect(result.err).toMatch(/2 status labels \(status:planning, status:done\); an issue carries exactly one/);
    expect(await eventsOf(s.repo, 1)).toBe(before);
  });

  it('works outside a repository only to say where to run it', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'epm-norepo-'));
    let err = '';
    const code = await runCli(['list'], { repo: dir, io: { out: () => undefined, err: (t) => (err += t) } });
    expect(code).toBe(2);
    expect(err).toMatch(/is not inside a git repository — run epm inside a git repository/);
    await rm(dir, { recursive: true, force: true });
  });
});
