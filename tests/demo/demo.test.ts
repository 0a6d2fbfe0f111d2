/**
 * `epm demo` end to end: a temporary repository, a real experiment run as a
 * detached process, every stage to done, the roles' words replayed from the
 * committed cassettes. Also checks that the cassettes are current: the demo
 * recorded afresh from the scripted model gives the same cassette set.
 */
import { existsSync } from 'node:fs';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli, type CliIo } from '../../src/entrypoints/cli/program.js';
import { shippedCassetteDir } from '../../src/entrypoints/cli/demo.js';

const run = async (argv: string[], env: NodeJS.ProcessEnv) => {
  let out = '';
  let err = '';
  const io: CliIo = { out: (t) => (out += `${t}\n`), err: (t) => (err += `${t}\n`), columns: 100 };
  const code = await runCli(argv, { io, env });
  return { code, out, err };
};

describe('epm demo', () => {
  // Without a key the demo replays; the test must never reach the real service.
  const env: NodeJS.ProcessEnv = Object.fromEntries(Object.entries(process.env).filter(([name]) => name !== 'ANTHROPIC_API_KEY'));
  const made: string[] = [];
  afterAll(async () => {
    for (const dir of made) await rm(dir, { recursive: true, force: true });
  });

  it('drives a real experiment through every stage to done, replaying the recorded model answers', async () => {
    const result = await run(['demo', '--yes'], env);
    const repo = /Demo repository: (\S+)/.exec(result.out)?.[1];
    if (repo) made.push(repo);
    expect({ code: result.code, err: result.err }).toEqual({ code: 0, err: '' });
    expect(result.out).toMatch(/Replaying recorded model responses/);
    expect(result.out).toMatch(/#1 is done after [\d.]+ s\./);
    const cleanResult = /Clean result: +(\S+)/.exec(result.out)![1]!;
    const figure = /Figure \(PNG\): +(\S+)/.exec(result.out)![1]!;
    const manifest = /Provenance: +(\S+)/.exec(result.out)![1]!;
    const text = await readFile(cleanResult, 'utf8');
    expect(text).toMatch(/^# (Adam|SGD) beats (SGD|Adam) on two-moons test accuracy \((HIGH|MODERATE|LOW) confidence\)/);
    expect(text).toMatch(/- \*\*Manifest digest:\*\* `sha256:[0-9a-f]{64}`/);
    expect((await readFile(figure)).subarray(1, 4).toString()).toBe('PNG');
    // The statement verifies against the worktree the run used.
    const verifyLine = /verify it: +epm -C (\S+) verify (\S+) --root (\S+)/.exec(result.out)!;
    const verified = await run(['-C', verifyLine[1]!, 'verify', verifyLine[2]!, '--root', verifyLine[3]!], env);
    expect(verified.code).toBe(0);
    expect(verified.out).toMatch(/\*\*Upload verification: PASS\*\*/);
    expect(existsSync(manifest)).toBe(true);
    const transcripts = /Transcripts: +(\S+)/.exec(result.out)![1]!;
    expect((await readdir(transcripts)).length).toBeGreaterThanOrEqual(10);
  }, 120_000);

  it('the committed cassettes are exactly what the scripted model records today', async () => {
    const fresh = await mkdtemp(join(tmpdir(), 'epm-cassettes-'));
    made.push(fresh);
    const recorded = await run(['demo', '--yes', '--record', '--cassettes', fresh], env);
    const repo = /Demo repository: (\S+)/.exec(recorded.out)?.[1];
    if (repo) made.push(repo);
    expect(recorded.code).toBe(0);
    const list = async (dir: string) => (await readdir(dir, { recursive: true })).filter((f) => String(f).endsWith('.json')).map(String).sort();
    const message = 'the demo cassettes are stale: run "npm run demo:record" and commit demo/cassettes';
    expect({ message, files: await list(fresh) }).toEqual({ message, files: await list(shippedCassetteDir()) });
  }, 120_000);
});
