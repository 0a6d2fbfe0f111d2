import { readFile, writeFile } from 'node:fs/promises';
import Anthropic from '@anthropic-ai/sdk';
import type { MessageParam, Tool } from '@anthropic-ai/sdk/resources/messages';
import {
  AnthropicEmulator,
  REQUEST_SCHEMA_FILE,
  textReply,
  toolReply,
  type ValidRequest,
} from './anthropic/anthropic-emulator.js';
import { renderRequestSchema } from './anthropic/generate-schema.js';

const MODEL = 'claude-sonnet-4-6';
const READ_FILE: Tool = {
  name: 'read_file',
  description: 'Reads a file of the worktree.',
  input_schema: { type: 'object', properties: { path: { type: 'string' } }, required: ['path'] },
};

/** Runs `promise`, expecting the SDK to reject it with an API error; returns that error. */
async function apiError(promise: Promise<unknown>): Promise<InstanceType<typeof Anthropic.APIError>> {
  try {
    await promise;
  } catch (error) {
    expect(error).toBeInstanceOf(Anthropic.APIError);
    return error as InstanceType<typeof Anthropic.APIError>;
  }
  throw new Error('expected the request to fail');
}

let emulator: AnthropicEmulator;
let client: Anthropic;

const hello: MessageParam[] = [{ role: 'user', content: 'Hello' }];

describe('request-schema.json', () => {
  it('is generated from the installed SDK and current', async () => {
    const current = renderRequestSchema();
    if (process.env.EPM_WRITE_SCHEMA === '1') await writeFile(REQUEST_SCHEMA_FILE, current, 'utf8');
    const committed = await readFile(REQUEST_SCHEMA_FILE, 'utf8').catch(() => '(missing)');
    if (committed !== current) {
      throw new Error(
        `${REQUEST_SCHEMA_FILE} is stale: it differs from what @anthropic-ai/sdk's types generate. Regenerate it with ` +
          'EPM_WRITE_SCHEMA=1 NODE_OPTIONS=--experimental-vm-modules npx jest tests/emulators/anthropic-emulator.test.ts',
      );
    }
    const schema = JSON.parse(committed) as { definitions: Record<string, { properties?: Record<string, unknown>; required?: string[] }> };
    const params = schema.definitions.MessageCreateParamsStreaming!;
    expect(params.required).toEqual(expect.arrayContaining(['max_tokens', 'messages', 'model', 'stream']));
    // Header params travel as HTTP headers, never in the body.
    expect(Object.keys(params.properties!)).not.toContain('workspace_id');
  }, 20000);
});

describe('AnthropicEmulator with the real SDK client', () => {

  beforeEach(async () => {
    emulator = await AnthropicEmulator.start();
    client = new Anthropic({ apiKey: emulator.apiKey, baseURL: emulator.url, maxRetries: 0 });
  });

  afterEach(async () => {
    try {
      emulator.assertNoViolations({ allConsumed: true });
    } finally {
      await emulator.close();
    }
  });

  describe('messages.create', () => {
    it('returns a scripted text reply with computed usage and records the request', async () => {
      emulator.enqueue(textReply('Hi there.'));
      const message = await client.messages.create({ model: MODEL, max_tokens: 100, messages: hello });

      expect(message.content).toEqual([{ type: 'text', text: 'Hi there.', citations: null }]);
      expect(message.stop_reason).toBe('end_turn');
      expect(message.model).toBe(MODEL);
      expect(message.usage).toMatchObject({ cache_read_input_tokens: 0, cache_creation_input_tokens: 0 });
      expect(message.usage.input_tokens).toBeGreaterThan(0);
      expect(message.usage.output_tokens).toBeGreaterThan(0);

      const [request] = emulator.requests;
      expect(request).toMatchObject({ method: 'POST', path: '/v1/messages', status: 200, stream: false });
      expect(request!.headers.authorization).toBe(`Bearer ${emulator.apiKey}`);
      expect(request!.headers['anthropic-version']).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      expect(request!.body).toEqual({ model: MODEL, max_tokens: 100, messages: hello });
      expect(request!.response).toEqual(message);
    });

    it('passes the request to a scripting function', async () => {
      emulator.enqueue((request: ValidRequest) => textReply(`you said ${JSON.stringify(request.params.messages[0]!.content)}`));
      const message = await client.messages.create({ model: MODEL, max_tokens: 10, messages: hello });
      expect(message.content[0]).toMatchObject({ text: 'you said "Hello"' });
    });

    it('carries a tool_use round trip and checks the tool_result comes back', async () => {
      emulator.enqueue(toolReply('read_file', { path: 'README.md' }, { id: 'toolu_1', text: 'Let me look.' }), textReply('Done.'));
      const first = await client.messages.create({ model: MODEL, max_tokens: 100, tools: [READ_FILE], messages: hello });
      expect(first.stop_reason).toBe('tool_use');
      expect(first.content).toEqual([
        { type: 'text', text: 'Let me look.', citations: null },
        { type: 'tool_use', id: 'toolu_1', name: 'read_file', input: { path: 'README.md' }, caller: { type: 'direct' } },
      ]);

      const messages: MessageParam[] = [
        ...hello,
        { role: 'assistant', content: first.content.map((block) => (block.type === 'tool_use' ? { ...block, caller: undefined } : block)) },
        { role: 'user', content: [{ type: 'tool_result', tool_use_id: 'toolu_1', content: '# EPM' }] },
      ];
      const second = await client.messages.create({ model: MODEL, max_tokens: 100, tools: [READ_FILE], messages });
      expect(second.content).toEqual([{ type: 'text', text: 'Done.', citations: null }]);
      expect((emulator.requests[1]!.body as { messages: MessageParam[] }).messages[2]).toEqual({
        role: 'user',
        content: [{ type: 'tool_result', tool_use_id: 'toolu_1', content: '# EPM' }],
      });
    });
  });

  describe('messages.stream', () => {
    it('streams text with the real event sequence and assembles the same message', async () => {
      emulator.enqueue(textReply('A reply long enough to arrive in several text deltas.'));
      const stream = client.messages.stream({ model: MODEL, max_tokens: 100, messages: hello });
      const deltas: string[] = [];
      stream.on('text', (text) => deltas.push(text));
      const message = await stream.finalMessage();

      expect(deltas.length).toBeGreaterThan(1);
      expect(deltas.join('')).toBe('A reply long enough to arrive in several text deltas.');
      expect(message).toMatchObject(emulator.requests[0]!.response!);
      const types = emulator.requests[0]!.events!.map((event) => event.type);
      expect(types[0]).toBe('message_start');
      expect(types[1]).toBe('content_block_start');
      expect(types.slice(2, -3).every((type) => type === 'content_block_delta')).toBe(true);
      expect(types.slice(-3)).toEqual(['content_block_stop', 'message_delta', 'message_stop']);
      expect(emulator.requests[0]!.stream).toBe(true);
    });

    it('streams a tool call as input_json_delta events the SDK reassembles', async () => {
      const input = { pattern: 'TODO', path: 'src', glob: '**/*.ts' };
      emulator.enqueue(toolReply('grep', input, { id: 'toolu_9' }));
      const grep: Tool = { name: 'grep', input_schema: { type: 'object', properties: { pattern: { type: 'string' } } } };
      const message = await client.messages.stream({ model: MODEL, max_tokens: 100, tools: [grep], messages: hello }).finalMessage();

      expect(message.stop_reason).toBe('tool_use');
      expect(message.content).toEqual([{ type: 'tool_use', id: 'toolu_9', name: 'grep', input, caller: { type: 'direct' } }]);
      const events = emulator.requests[0]!.events!;
      const jsonDeltas = events.filter((e) => e.type === 'content_block_delta' && e.delta.type === 'input_json_delta');
      expect(jsonDeltas.length).toBeGreaterThan(1);
      expect(message.usage).toEqual(emulator.requests[0]!.response!.usage);
    });

    it('delivers an overloaded error in the middle of a stream', async () => {
      emulator.enqueue({ fault: 'overloaded', midStream: true });
      const error = await apiError(client.messages.stream({ model: MODEL, max_tokens: 10, messages: hello }).finalMessage());
      expect(String(error.message)).toContain('Overloaded');
    });
  });

  describe('validation', () => {
    it('rejects a body that does not match the SDK types with an invalid_request_error, and records it', async () => {
      const error = await apiError(
        client.messages.create({ model: MODEL, max_tokens: 'ten' as unknown as number, messages: hello, temperatur: 1 } as never),
      );
      expect(error.status).toBe(400);
      expect(error).toBeInstanceOf(Anthropic.BadRequestError);
      expect(error.error).toMatchObject({ type: 'error', error: { type: 'invalid_request_error' } });
      const text = (error.error as { error: { message: string } }).error.message;
      expect(text).toContain('max_tokens: must be number');
      expect(text).toContain('temperatur');
      expect(emulator.requests[0]!.rejected).toBe(text);
      const violations = emulator.takeViolations();
      expect(violations).toHaveLength(1);
      expect(violations[0]).toContain('400');
      expect(() => emulator.assertNoViolations()).not.toThrow();
    });

    it('records a rejection so that assertNoViolations fails the test', async () => {
      await apiError(client.messages.create({ model: MODEL, max_tokens: 5, messages: [{ role: 'robot', content: 'x' }] } as never));
      expect(() => emulator.assertNoViolations()).toThrow(/400/);
      emulator.takeViolations();
    });

    it('rejects a tool_use left without its tool_result', async () => {
      const messages: MessageParam[] = [
        ...hello,
        { role: 'assistant', content: [{ type: 'tool_use', id: 'toolu_x', name: 'read_file', input: {} }] },
        { role: 'user', content: 'never mind' },
      ];
      const error = await apiError(client.messages.create({ model: MODEL, max_tokens: 5, tools: [READ_FILE], messages }));
      expect(error.status).toBe(400);
      expect(error.message).toContain('toolu_x');
      expect(emulator.takeViolations()).toHaveLength(1);
    });

    it('rejects more than four cache breakpoints', async () => {
      const block = (text: string) => ({ type: 'text' as const, text, cache_control: { type: 'ephemeral' as const } });
      const error = await apiError(
        client.messages.create({ model: MODEL, max_tokens: 5, system: ['a', 'b', 'c', 'd', 'e'].map(block), messages: hello }),
      );
      expect(error.message).toContain('Found 5');
      emulator.takeViolations();
    });

    it('checks the API key and the anthropic-version header', async () => {
      const stranger = new Anthropic({ apiKey: 'sk-ant-wrong', baseURL: emulator.url, maxRetries: 0 });
      const error = await apiError(stranger.messages.create({ model: MODEL, max_tokens: 5, messages: hello }));
      expect(error).toBeInstanceOf(Anthropic.AuthenticationError);

      const raw = await fetch(`${emulator.url}/v1/messages`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-api-key': emulator.apiKey },
        body: JSON.stringify({ model: MODEL, max_tokens: 5, messages: hello }),
      });
      expect(raw.status).toBe(400);
      expect(await raw.json()).toMatchObject({ type: 'error', error: { type: 'invalid_request_error', message: 'anthropic-version: header is required' } });
      expect(emulator.takeViolations()).toHaveLength(2);
    });

    it('answers an unscripted request with a non-retryable 500 and records it', async () => {
      const retrying = new Anthropic({ apiKey: emulator.apiKey, baseURL: emulator.url, maxRetries: 2 });
      const error = await apiError(retrying.messages.create({ model: MODEL, max_tokens: 5, messages: hello }));
      expect(error.status).toBe(500);
      expect(emulator.requests).toHaveLength(1);
      expect(emulator.takeViolations()[0]).toContain('no scripted response');
    });

    it('flags a script that calls a tool the request did not offer', async () => {
      emulator.enqueue(toolReply('bash', { command: 'ls' }));
      await client.messages.create({ model: MODEL, max_tokens: 5, messages: hello });
      expect(emulator.takeViolations()[0]).toContain('did not offer');
    });
  });

  describe('faults', () => {
    it('answers 429 with retry-after', async () => {
      emulator.enqueue({ fault: 'rate_limit', retryAfterSeconds: 7 });
      const error = await apiError(client.messages.create({ model: MODEL, max_tokens: 5, messages: hello }));
      expect(error).toBeInstanceOf(Anthropic.RateLimitError);
      expect(error.headers?.get('retry-after')).toBe('7');
      expect(error.error).toMatchObject({ error: { type: 'rate_limit_error' } });
    });

    it('lets the SDK retry after a 429 and succeed', async () => {
      emulator.enqueue({ fault: 'rate_limit', retryAfterMs: 5 }, textReply('ok'));
      const retrying = new Anthropic({ apiKey: emulator.apiKey, baseURL: emulator.url, maxRetries: 1 });
      const message = await retrying.messages.create({ model: MODEL, max_tokens: 5, messages: hello });
      expect(message.content[0]).toMatchObject({ text: 'ok' });
      expect(emulator.requests.map((r) => r.status)).toEqual([429, 200]);
    });

    it('answers 529 overloaded and 500 api_error', async () => {
      emulator.enqueue({ fault: 'overloaded' }, { fault: 'server_error' });
      const overloaded = await apiError(client.messages.create({ model: MODEL, max_tokens: 5, messages: hello }));
      expect(overloaded.status).toBe(529);
      expect(overloaded.error).toMatchObject({ error: { type: 'overloaded_error' } });
      const failed = await apiError(client.messages.create({ model: MODEL, max_tokens: 5, messages: hello }));
      expect(failed).toBeInstanceOf(Anthropic.InternalServerError);
      expect(failed.error).toMatchObject({ error: { type: 'api_error' } });
    });
  });

  describe('prompt-cache usage model', () => {
    const stable = 'Role instructions that stay the same across rounds. '.repeat(100);
    const system = [{ type: 'text' as const, text: stable, cache_control: { type: 'ephemeral' as const } }];

    it('writes the prefix up to the breakpoint once, then reads it', async () => {
      emulator.enqueue(textReply('round 1'), textReply('round 2'), textReply('round 3'));
      const first = await client.messages.create({ model: MODEL, max_tokens: 5, system, messages: [{ role: 'user', content: 'diff one' }] });
      const second = await client.messages.create({ model: MODEL, max_tokens: 5, system, messages: [{ role: 'user', content: 'diff two' }] });

      const prefixTokens = first.usage.cache_creation_input_tokens!;
      expect(prefixTokens).toBeGreaterThan(1024);
      expect(first.usage.cache_read_input_tokens).toBe(0);
      expect(second.usage).toMatchObject({ cache_read_input_tokens: prefixTokens, cache_creation_input_tokens: 0 });
      expect(second.usage.input_tokens).toBe(first.usage.input_tokens);
      expect(emulator.requests[0]!.cachePrefix).toBeDefined();
      expect(emulator.requests[1]!.cachePrefix).toBe(emulator.requests[0]!.cachePrefix);

      emulator.clearCache();
      const third = await client.messages.create({ model: MODEL, max_tokens: 5, system, messages: [{ role: 'user', content: 'diff 3' }] });
      expect(third.usage).toMatchObject({ cache_read_input_tokens: 0, cache_creation_input_tokens: prefixTokens });
    });

    it('reads the longest stored prefix and writes only the new part', async () => {
      emulator.enqueue(textReply('a'), textReply('b'));
      await client.messages.create({ model: MODEL, max_tokens: 5, system, messages: hello });
      const longer = await client.messages.create({
        model: MODEL,
        max_tokens: 5,
        system,
        messages: [{ role: 'user', content: [{ type: 'text', text: 'Plan: '.repeat(50), cache_control: { type: 'ephemeral' } }] }],
      });
      expect(longer.usage.cache_read_input_tokens).toBe(emulator.requests[0]!.usage!.cache_creation_input_tokens);
      expect(longer.usage.cache_creation_input_tokens).toBeGreaterThan(0);
      expect(longer.usage.input_tokens).toBe(0);
    });

    it('caches nothing for a prefix under the minimum cacheable length', async () => {
      const short = [{ type: 'text' as const, text: 'Short instructions.', cache_control: { type: 'ephemeral' as const } }];
      emulator.enqueue(textReply('a'), textReply('b'));
      const first = await client.messages.create({ model: MODEL, max_tokens: 5, system: short, messages: hello });
      const second = await client.messages.create({ model: MODEL, max_tokens: 5, system: short, messages: hello });
      for (const usage of [first.usage, second.usage]) {
        expect(usage).toMatchObject({ cache_read_input_tokens: 0, cache_creation_input_tokens: 0 });
        expect(usage.input_tokens).toBeGreaterThan(0);
      }
    });

    it('reads an earlier write only within 20 block boundaries before a breakpoint', async () => {
      const turn = (blocks: number): MessageParam[] => [{
        role: 'user',
        content: Array.from({ length: blocks }, (_, i) => ({ type: 'text' as const, text: `block ${i}`, ...(i === blocks - 1 ? { cache_control: { type: 'ephemeral' as const } } : {}) })),
      }];
      emulator.enqueue(textReply('a'), textReply('b'), textReply('c'));
      const first = await client.messages.create({ model: MODEL, max_tokens: 5, system, messages: turn(1) });
      // The write ends 19 boundaries before the new breakpoint: found.
      const near = await client.messages.create({ model: MODEL, max_tokens: 5, system, messages: turn(20) });
      expect(near.usage.cache_read_input_tokens).toBe(first.usage.cache_creation_input_tokens);
      // The newest write (20 blocks) is 20 boundaries back, the system's write further: neither is found.
      const far = await client.messages.create({ model: MODEL, max_tokens: 5, system: [{ type: 'text', text: stable }], messages: turn(40) });
      expect(far.usage.cache_read_input_tokens).toBe(0);
    });

    it('lets a script override the reported usage', async () => {
      emulator.enqueue(textReply('x', { usage: { input_tokens: 11, cache_read_input_tokens: 2000 } }));
      const message = await client.messages.stream({ model: MODEL, max_tokens: 5, messages: hello }).finalMessage();
      expect(message.usage).toMatchObject({ input_tokens: 11, cache_read_input_tokens: 2000, cache_creation_input_tokens: 0 });
      expect(emulator.requests[0]!.computedUsage!.cache_read_input_tokens).toBe(0);
    });
  });
});
