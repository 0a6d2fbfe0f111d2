/**
 * The replay engine: responses recorded through the real SDK from the
 * Anthropic emulator, then replayed with the emulator gone, in another
 * worktree; misses explained; the model chosen by the environment.
 */
import { mkdir, mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AnthropicModel } from '../../src/adapters/anthropic/anthropic-model.js';
import { roleOutputSchemas } from '../../src/domain/roles.js';
import { DEFAULT_SETTINGS, initialState } from '../../src/domain/state.js';
import type { Model, ModelRequest } from '../../src/ports/model.js';
import type { RoleContext } from '../../src/ports/roles.js';
import type { RoleDefinition } from '../../src/roles/role-definition.js';
import { ModelRoleRunner } from '../../src/roles/runtime/model-runner.js';
import { RecordingModel, ReplayModel, cassettePath, createModel, firstDifference, requestHash } from '../../src/roles/runtime/replay.js';
import { AnthropicEmulator, toolReply } from '../emulators/anthropic/anthropic-emulator.js';

const VALID = { findings: [{ severity: 'CONCERN', text: 'Three seeds may be too few.' }] };

/** A thinking role whose stable prompt names the worktree's absolute path, as real prompts may. */
const critic: RoleDefinition<'plan-critic'> = {
  name: 'plan-critic',
  instructions: 'You are the test plan critic.',
  buildPrompt: (context) => [
    { text: `Worktree: ${context.worktree}\n# Issue\n${context.issue.body}`, stable: true },
    { text: `# Feedback\n${context.feedback.join('\n') || '(none)'}`, stable: false },
  ],
  tools: 'read-only',
  outputSchema: roleOutputSchemas['plan-critic'],
  maxTurns: 5,
};

let root: string;
let cassettes: string;
beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), 'epm-replay-'));
  cassettes = join(root, 'cassettes');
});
afterEach(async () => {
  await rm(root, { recursive: true, force: true });
});

async function worktreeNamed(name: string): Promise<string> {
  const path = join(root, name);
  await mkdir(path);
  await writeFile(join(path, 'plan.md'), '# Plan\nSeeds 1, 2, 3.\n');
  return path;
}

function contextIn(worktree: string, body = 'Compare Adam and SGD.'): RoleContext {
  const state = initialState({ number: 5, title: 'Adam vs SGD', body, author: 'lead' }, DEFAULT_SETTINGS);
  return { role: 'plan-critic', key: 'plan-critique#1', issue: { number: 5, title: state.title, body }, worktree, experimentDir: 'experiments/5-adam-vs-sgd', feedback: [], state };
}

const runnerOver = (model: Model) => new ModelRoleRunner({ model, transcriptsDir: join(root, 'transcripts'), roles: { 'plan-critic': critic } });

/** Records one run (read plan.md by absolute path, then submit) in a fresh worktree and returns its result. */
async function record() {
  const emulator = await AnthropicEmulator.start();
  try {
    const worktree = await worktreeNamed('recorded-tree');
    emulator.enqueue(toolReply('read_file', { path: join(worktree, 'plan.md') }), toolReply('submit', VALID));
    const live = new AnthropicModel({ apiKey: emulator.apiKey, baseURL: emulator.url, maxRetries: 0 });
    const result = await runnerOver(new RecordingModel(live, cassettes)).run(contextIn(worktree));
    emulator.assertNoViolations({ allConsumed: true });
    return { result, worktree };
  } finally {
    await emulator.close();
  }
}

describe('record and replay', () => {
  it('replays a recorded run to an identical RoleResult with no emulator running, in another worktree', async () => {
    const recorded = await record();
    const files = await readdir(join(cassettes, 'plan-critic'));
    expect(files.sort()).toHaveLength(2);
    expect(files.every((f) => /^[0-9a-f]{64}\.json$/.test(f))).toBe(true);
    const cassetteText = (await Promise.all(files.map((f) => readFile(join(cassettes, 'plan-critic', f), 'utf8')))).join('\n');
    expect(cassetteText).not.toContain(recorded.worktree);
    expect(cassetteText).toContain('<worktree>/plan.md');

    const elsewhere = await worktreeNamed('replay-tree');
    const replayed = await runnerOver(new ReplayModel(cassettes)).run(contextIn(elsewhere));

    expect(replayed).toEqual(recorded.result);
    // The recorded absolute path was put back as this worktree's: the tool really read the file here.
    const transcript = await readFile(replayed.transcript!, 'utf8');
    expect(transcript).toContain(join(elsewhere, 'plan.md'));
  });

  it('explains a missing cassette: the role, the hash, the closest recording and where it differs', async () => {
    await record();
    const worktree = await worktreeNamed('changed-tree');
    const context = contextIn(worktree, 'Compare Adam and Lion.');

    const error = await runnerOver(new ReplayModel(cassettes)).run(context).catch((e: unknown) => e);

    expect(error).toMatchObject({ code: 'not-found' });
    const message = (error as Error).message;
    expect(message).toMatch(/^no recorded model response for the plan-critic request [0-9a-f]{64} in /);
    expect(message).toMatch(new RegExp(`the closest recording is ${join(cassettes, 'plan-critic')}/[0-9a-f]{64}\\.json`));
    expect(message).toContain('which differs at messages[0].content[0].text (recorded "Worktree: <worktree>\\n# Issue\\nCompare Adam and SGD."');
    expect(message).toContain('requested "Worktree: <worktree>\\n# Issue\\nCompare Adam and Lion."');
    expect((error as { hint: string }).hint).toContain('ANTHROPIC_API_KEY');
  });

  it('says when a role has no recordings at all', async () => {
    const request: ModelRequest = { model: 'claude-sonnet-4-6', max_tokens: 10, system: [], messages: [{ role: 'user', content: [{ type: 'text', text: 'hi' }] }], tools: [], tool_choice: { type: 'auto' } };
    await expect(new ReplayModel(cassettes).createMessage(request, { role: 'planner' })).rejects.toThrow(/no cassettes are recorded for the planner at all/);
  });

  it('refuses a malformed cassette, naming the file', async () => {
    const request: ModelRequest = { model: 'claude-sonnet-4-6', max_tokens: 10, system: [], messages: [{ role: 'user', content: [{ type: 'text', text: 'hi' }] }], tools: [], tool_choice: { type: 'auto' } };
    const path = cassettePath(cassettes, 'planner', requestHash(request, { role: 'planner' }));
    await mkdir(join(cassettes, 'planner'), { recursive: true });
    await writeFile(path, JSON.stringify({ version: 1, role: 'planner', hash: 'x', request: {}, response: {} }));
    await expect(new ReplayModel(cassettes).createMessage(request, { role: 'planner' })).rejects.toMatchObject({ code: 'bad-input', message: expect.stringContaining(`cassette ${path} is malformed: hash:`) });
  });
});

describe('requestHash', () => {
  const base: ModelRequest = {
    model: 'claude-sonnet-4-6',
    max_tokens: 1000,
    system: [{ type: 'text', text: 'You are X.', cache_control: { type: 'ephemeral' } }],
    messages: [{ role: 'user', content: [{ type: 'text', text: 'Read /tmp/tree-a/plan.md' }] }],
    tools: [{ name: 'read_file', description: 'Reads.', input_schema: { type: 'object' } }],
    tool_choice: { type: 'auto' },
  };
  const hash = (request: ModelRequest, worktree = '/tmp/tree-a') => requestHash(request, { role: 'planner', worktree });

  it('ignores cache breakpoints, the output cap and where the worktree is', () => {
    const moved = { ...base, messages: [{ role: 'user' as const, content: [{ type: 'text' as const, text: 'Read /tmp/tree-b/plan.md' }] }] };
    expect(hash({ ...base, system: [{ type: 'text', text: 'You are X.' }] })).toBe(hash(base));
    expect(hash({ ...base, max_tokens: 5 })).toBe(hash(base));
    expect(hash(moved, '/tmp/tree-b')).toBe(hash(base));
  });

  it.each([
    ['model', { model: 'claude-opus-4-6' }],
    ['system', { system: [{ type: 'text', text: 'You are Y.' }] }],
    ['messages', { messages: [{ role: 'user', content: [{ type: 'text', text: 'Read it' }] }] }],
    ['tools', { tools: [] }],
  ])('changes with the %s', (_field, change) => {
    expect(hash({ ...base, ...(change as Partial<ModelRequest>) })).not.toBe(hash(base));
  });

  it('firstDifference names the JSON path of the first change', () => {
    expect(firstDifference({ a: [1, { b: 'x' }] }, { a: [1, { b: 'y' }] })).toBe('a[1].b (recorded "x", requested "y")');
    expect(firstDifference({ a: 1 }, { a: 1 })).toBeUndefined();
  });
});

describe('createModel', () => {
  const live = (calls: unknown[]) => (options: { apiKey: string; baseURL?: string }): Model => {
    calls.push(options);
    return { createMessage: () => Promise.reject(new Error('not called')) };
  };

  it('replays without a key and says so plainly', () => {
    const calls: unknown[] = [];
    const created = createModel({ env: { ANTHROPIC_API_KEY: '  ' }, cassetteDir: '/demo/cassettes', live: live(calls) });
    expect(created.mode).toBe('replay');
    expect(created.model).toBeInstanceOf(ReplayModel);
    expect(created.notice).toBe('Replaying recorded model responses from /demo/cassettes (set ANTHROPIC_API_KEY to use the real model).');
    expect(calls).toEqual([]);
  });

  it('uses the real model with a key, recording when asked', () => {
    const calls: unknown[] = [];
    const env = { ANTHROPIC_API_KEY: 'sk-ant-real-0000000000', ANTHROPIC_BASE_URL: 'http://127.0.0.1:9' };
    const plain = createModel({ env, cassetteDir: '/c', live: live(calls) });
    expect(plain).toMatchObject({ mode: 'live', notice: 'Using the real model (ANTHROPIC_API_KEY is set).' });
    const recording = createModel({ env, cassetteDir: '/c', record: true, live: live(calls) });
    expect(recording.model).toBeInstanceOf(RecordingModel);
    expect(recording.notice).toBe('Using the real model (ANTHROPIC_API_KEY is set) and recording its responses to /c.');
    expect(calls).toEqual([{ apiKey: 'sk-ant-real-0000000000', baseURL: 'http://127.0.0.1:9' }, { apiKey: 'sk-ant-real-0000000000', baseURL: 'http://127.0.0.1:9' }]);
  });

  it('refuses to record without a key', () => {
    expect(() => createModel({ env: {}, cassetteDir: '/c', record: true, live: live([]) })).toThrow(/recording model responses needs the real model, but ANTHROPIC_API_KEY is not set/);
  });
});
