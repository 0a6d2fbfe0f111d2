/**
 * Upload verification through the real W&B and Hugging Face adapters, against
 * their local emulators, driven by the CLI over a real git repository and a
 * real run process: the run reports its W&B run, EPM uploads its checkpoint
 * to the Hub, writes the statement, and verifies both remotely.
 */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli, type CliIo } from '../../src/entrypoints/cli/program.js';
import { WandbTracking } from '../../src/adapters/wandb/wandb-tracking.js';
import { HfModelHub } from '../../src/adapters/huggingface/hf-model-hub.js';
import { ScriptedRoles, MANIFEST, METRIC_ROWS, PLAN_MD } from '../support/scripted-roles.js';
import { MemoryLinks } from '../support/memory-world.js';
import { startWandbEmulator } from '../emulators/wandb/wandb-emulator.js';
import { HubEmulator } from '../emulators/huggingface/hub-emulator.js';

const TRAIN_JS = `
const fs = require('node:fs');
fs.mkdirSync('results/checkpoint', { recursive: true });
fs.writeFileSync('results/metrics.json', JSON.stringify({ rows: ${JSON.stringify(METRIC_ROWS)} }));
fs.writeFileSync('results/checkpoint/adapter.bin', Buffer.alloc(64, 7));
fs.writeFileSync(process.env.EPM_RUN_DIR + '/tracking.json', JSON.stringify({ entity: 'lab', project: 'optim', runId: 'r1' }));
console.log('[phase=done]');
`;
const HF_TOKEN = 'hf_writer_token_for_tests';

describe('verification against the W&B and Hub emulators', () => {
  let repo: string;
  let wandb: Awaited<ReturnType<typeof startWandbEmulator>>;
  let hub: HubEmulator;

  beforeEach(async () => {
    repo = await mkdtemp(join(tmpdir(), 'epm-services-'));
    execFileSync('git', ['init', '-q', '-b', 'main'], { cwd: repo });
    execFileSync('git', ['-c', 'user.name=lead', '-c', 'user.email=lead@example.com', 'commit', '-q', '--allow-empty', '-m', 'init'], { cwd: repo });
    execFileSync('git', ['config', 'user.name', 'lead'], { cwd: repo });
    execFileSync('git', ['config', 'user.email', 'lead@example.com'], { cwd: repo });
    wandb = await startWandbEmulator({ apiKey: 'wandb-test-key-0123456789' });
    hub = await HubEmulator.start({ tokens: { [HF_TOKEN]: { user: 'lab', write: true } } });
  });
  afterEach(async () => {
    await wandb.close();
    await hub.stop();
    hub.assertClean();
    expect(wandb.invalidQueries).toEqual([]);
    await rm(repo, { recursive: true, force: true });
  });

  const session = () => {
    const roles = new ScriptedRoles();
    roles.queue('planner', {
      plan: PLAN_MD,
      manifest: { ...MANIFEST, outputs: ['results/'], deliverables: { tracking: { entity: 'lab', project: 'optim' }, hub: { repo: 'lab/adam-vs-sgd', paths: ['results/checkpoint'] }, urls: [] } },
      related: [],
    });
    roles.onRun = async (context) => {
      if (context.role === 'implementer' && context.worktree) await writeFile(join(context.worktree, 'train.js'), TRAIN_JS);
    };
    const services = {
      tracking: new WandbTracking({ apiKey: 'wandb-test-key-0123456789', baseUrl: wandb.url, retryBaseDelayMs: 1 }),
      hub: new HfModelHub({ accessToken: HF_TOKEN, hubUrl: hub.url, retry: { baseDelayMs: 1, maxDelayMs: 5 } }),
      links: new MemoryLinks(),
      describe: ['tracking: W&B emulator', 'hub: Hub emulator'],
    };
    return async (...argv: string[]) => {
      let out = '';
      let err = '';
      const io: CliIo = { out: (t) => (out += `${t}\n`), err: (t) => (err += `${t}\n`), columns: 120 };
      const code = await runCli(argv, { repo, roles, io, services, env: {} });
      return { code, out, err };
    };
  };

  const runToVerification = async (epm: ReturnType<typeof session>, seedCommit: (sha: string) => string) => {
    await epm('init');
    await epm('new', 'Adam vs SGD');
    await epm('tick', '1');
    await epm('approve', '1');
    await epm('tick', '1');
    const launched = JSON.parse((await epm('show', '1', '--json')).out);
    // The run logged to W&B as a real one would (the emulator stands in for the service).
    wandb.addRun({ entity: 'lab', project: 'optim', runId: 'r1', state: 'finished', commit: seedCommit(launched.run.sha), summary: { accuracy: 0.97 }, historyKeys: ['accuracy'], config: {} });
    let view = launched;
    for (let i = 0; i < 100 && view.status === 'running'; i++) {
      await new Promise((r) => setTimeout(r, 100));
      await epm('tick', '1');
      view = JSON.parse((await epm('show', '1', '--json')).out);
    }
    return view;
  };

  it('verifies the W&B run and the uploaded checkpoint remotely, and epm verify re-checks both', async () => {
    const epm = session();
    const view = await runToVerification(epm, (sha) => sha);
    expect(view.status).toBe('awaiting-result-approval');
    const statementPath = join(repo, '.epm', 'runs', '1-1', 'provenance.json');
    const statement = JSON.parse(await readFile(statementPath, 'utf8'));
    const hubResource = statement.predicate.runDetails.byproducts.find((r: { annotations: { epmKind: string } }) => r.annotations.epmKind === 'hf-repo');
    expect(hubResource.annotations.files.map((f: { path: string }) => f.path)).toEqual(['results/checkpoint/adapter.bin']);
    // Newest first: the model card, then exactly one upload of the files (the revision the statement records), then the creation commit.
    const commits = hub.commitsOf('lab/adam-vs-sgd') ?? [];
    expect(commits).toHaveLength(3);
    expect(hubResource.annotations.revision).toBe(commits[1]);
    const card = hub.contentOf('lab/adam-vs-sgd', commits[0]!, 'README.md')?.toString('utf8') ?? '';
    const statementDigest = createHash('sha256').update(await readFile(statementPath)).digest('hex');
    expect(card).toContain(statementDigest);
    expect(card).toContain('epm/run/1/1');
    const verified = await epm('verify', statementPath, '--root', join(repo, '.epm', 'worktrees', '1-adam-vs-sgd'));
    expect(verified.code).toBe(0);
    expect(verified.out).toMatch(/\| `wandb:lab\/optim\/r1` \| wandb-run \| PASS \|/);
    expect(verified.out).toMatch(/\| `hf:lab\/adam-vs-sgd@[0-9a-f]{12}\/results\/checkpoint\/adapter\.bin` \| hf-file \| PASS \| (sha256|git blob) [0-9a-f]{12}… matches \|/);

    // The same statement pointed at a revision the file is not in fails, naming the file.
    const wrong = JSON.parse(JSON.stringify(statement));
    wrong.predicate.runDetails.byproducts.find((r: { annotations: { epmKind: string } }) => r.annotations.epmKind === 'hf-repo').annotations.revision = '0'.repeat(40);
    await writeFile(`${statementPath}.wrong`, JSON.stringify(wrong));
    const atWrongRevision = await epm('verify', `${statementPath}.wrong`, '--root', join(repo, '.epm', 'worktrees', '1-adam-vs-sgd'));
    expect(atWrongRevision.code).toBe(8);
    expect(atWrongRevision.out).toMatch(/`hf:lab\/adam-vs-sgd@000000000000` \| hf-repo \| \*\*FAIL\*\* \| the repository or the recorded revision does not exist/);
  });

  it('blocks when the W&B run was made from another commit, naming both commits', async () => {
    const epm = session();
    const view = await runToVerification(epm, () => 'f'.repeat(40));
    expect(view.status).toBe('blocked');
    expect(view.blocked.decision).toMatch(/upload verification failed: wandb:lab\/optim\/r1: the run is from commit ffffffffffff, not the manifest's [0-9a-f]{12}/);
  });
});
