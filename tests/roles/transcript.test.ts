import { appendFile, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TranscriptWriter, readTranscript, redactDeep, secretsToRedact, transcriptPath, type TranscriptEvent } from '../../src/roles/runtime/transcript.js';

const totals = { turns: 1, inputTokens: 10, cacheWriteTokens: 0, cacheReadTokens: 0, outputTokens: 5, usd: 0.001 };
const end: TranscriptEvent = { kind: 'end', outcome: 'submitted', totals };

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'epm-transcript-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('transcriptPath', () => {
  it.each([
    ['plan-critique#1', 'plan-critique#1.jsonl'],
    ['code-review#3', 'code-review#3.jsonl'],
    ['human:comment/42', 'human_comment_42.jsonl'],
    ['../../etc/passwd', '__.._etc_passwd.jsonl'],
    ['', '_.jsonl'],
  ])('files the key %j under the issue as %s', (key, file) => {
    expect(transcriptPath('/state/transcripts', 7, key)).toBe(join('/state/transcripts', '7', file));
  });
});

describe('secretsToRedact', () => {
  it('takes the values of secret-named variables and the API key, nothing else', () => {
    const env = { HF_TOKEN: 'hf_value_0123456789', LAB_DB_PASSWORD: 'correct-horse', HOME: '/home/researcher', TOKENIZERS_PARALLELISM: 'false', SHORT_KEY: 'abc' };
    expect(secretsToRedact(env, 'sk-ant-api-key-0000').sort()).toEqual(['correct-horse', 'hf_value_0123456789', 'sk-ant-api-key-0000']);
  });
});

describe('redactDeep', () => {
  it('redacts every string of a nested value, keys included, and leaves other values alone', () => {
    const secret = 'correct-horse-battery';
    expect(redactDeep({ a: [`x ${secret} y`, 3, null, { [secret]: true }] }, [secret])).toEqual({ a: ['x [redacted] y', 3, null, { '[redacted]': true }] });
  });
});

describe('TranscriptWriter', () => {
  it('appends one timestamped JSON line per event, in call order, creating the folder', async () => {
    const path = transcriptPath(join(dir, 'transcripts'), 3, 'clarify#1');
    let tick = 0;
    const writer = new TranscriptWriter(path, [], () => new Date(Date.UTC(2026, 0, 1, 0, 0, tick++)));
    const writes = Array.from({ length: 30 }, (_, i) => writer.write({ kind: 'submit-rejected', turn: i, attempt: i, issues: [] }));
    await Promise.all([...writes, writer.write(end)]);

    const lines = await readTranscript(path);
    expect(lines).toHaveLength(31);
    expect(lines.slice(0, 30).map((l) => (l as { turn: number }).turn)).toEqual(Array.from({ length: 30 }, (_, i) => i));
    expect(lines[0]!.at).toBe('2026-01-01T00:00:00.000Z');
    expect(lines[30]).toEqual({ at: '2026-01-01T00:00:30.000Z', ...end });
    expect((await readFile(path, 'utf8')).split('\n').filter(Boolean)).toHaveLength(31);
  });

  it('never writes a secret, in plain text, JSON-escaped, inside tool input or as a token shape', async () => {
    const quoted = 'pa"ss\\word-123456';
    const password = 'correct-horse-battery';
    const path = join(dir, 't.jsonl');
    const writer = new TranscriptWriter(path, secretsToRedact({ LAB_PASSWORD: password, QUOTED_SECRET: quoted, HOME: '/home/researcher' }, 'sk-ant-api03-live-key-abcdef'));
    await writer.write({ kind: 'tool-call', turn: 1, id: 't1', name: 'bash', input: { command: `psql --password ${password}`, env: { [quoted]: quoted } } });
    await writer.write({ kind: 'tool-result', turn: 1, id: 't1', name: 'bash', isError: false, content: `key sk-ant-api03-live-key-abcdef and ghp_${'a'.repeat(36)} in /home/researcher`, ms: 3 });

    const text = await readFile(path, 'utf8');
    for (const leaked of [password, quoted, JSON.stringify(quoted).slice(1, -1), 'sk-ant-api03-live-key-abcdef', `ghp_${'a'.repeat(36)}`]) expect(text).not.toContain(leaked);
    expect(text).toContain('/home/researcher');
    const [call, result] = await readTranscript(path);
    expect(call).toMatchObject({ input: { command: 'psql --password [redacted]', env: { '[redacted]': '[redacted]' } } });
    expect(result).toMatchObject({ content: 'key [redacted] and [redacted] in /home/researcher' });
  });

  it('keeps a transcript readable after a crash tore its last line, and the next run starts a fresh line', async () => {
    const path = join(dir, 'torn.jsonl');
    await new TranscriptWriter(path, []).write({ kind: 'start', role: 'planner', issue: 1, key: 'plan#1', model: 'm', maxTurns: 3, usdLimit: 50, usdSpentBefore: 0 });
    await appendFile(path, '{"at":"2026-01-01T00:00:00.000Z","kind":"resp');

    expect((await readTranscript(path)).map((l) => l.kind)).toEqual(['start']);
    await new TranscriptWriter(path, []).write(end);
    expect((await readTranscript(path)).map((l) => l.kind)).toEqual(['start', 'end']);
  });

  it('reports a missing transcript as not found, naming the path', async () => {
    await expect(readTranscript(join(dir, 'none.jsonl'))).rejects.toMatchObject({ code: 'not-found', message: `no transcript at ${join(dir, 'none.jsonl')}` });
  });
});
