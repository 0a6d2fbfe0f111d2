/**
 * The W&B adapter against the local W&B emulator (tests/emulators/wandb): the
 * real adapter, real HTTP on 127.0.0.1, and every query validated against the
 * schema subset of W&B's public GraphQL schema.
 */

import { EpmError } from '../../src/domain/errors.js';
import { WandbTracking, type WandbTrackingOptions } from '../../src/adapters/wandb/wandb-tracking.js';
import { parseRetryAfter } from '../../src/adapters/wandb/wandb-graphql-client.js';
import { startWandbEmulator, type SeedRun, type WandbEmulator } from '../emulators/wandb/wandb-emulator.js';

const COMMIT = '3f786850e387550fdab836ed7e6dc881de23001b';
const SHARD_SIZE = 5 * 1024 ** 3; // over 2 GiB: sizeBytes is Int64

const seeded: SeedRun = {
  entity: 'lab',
  project: 'optimizers',
  runId: 'abc123xy',
  state: 'finished',
  config: { lr: 0.001, optimizer: 'adamw', seeds: [1, 2, 3], model: { depth: 4, width: 256 } },
  summary: { 'val/accuracy': 0.912, loss: 0.231, _step: 999, _runtime: 61.5 },
  historyKeys: ['loss', 'val/accuracy', '_step'],
  commit: COMMIT,
  artifacts: [
    {
      name: 'metrics',
      type: 'results',
      versionIndex: 0,
      digest: 'a1b2c3d4e5f60718293a4b5c6d7e8f90',
      files: [
        { path: 'metrics.json', digest: 'XUFAKrxLKna5cZ2REBfFkg==', size: 1234 },
        { path: 'figures/accuracy.png', digest: 'Rdj6+5lTlLXEmrKsgvbUhA==', size: 40960 },
      ],
    },
    {
      name: 'checkpoint',
      type: 'model',
      versionIndex: 3,
      digest: '0f0e0d0c0b0a09080706050403020100',
      files: [{ path: 'model-00001-of-00001.safetensors', digest: 'nFoL2mpbnb3Xg4Ha0hHqSQ==', size: SHARD_SIZE }],
    },
  ],
};

/** The exact query the adapter sends for a run; a change to it must be deliberate. */
const EXPECTED_RUN_QUERY = `query EpmRun($entity: String!, $project: String!, $runId: String!, $artifactsPerPage: Int!, $filesPerPage: Int!) {
  project(name: $project, entityName: $entity) {
    run(name: $runId) {
      name
      state
      commit
      config
      summaryMetrics
      historyKeys
      outputArtifacts(first: $artifactsPerPage) {
        ...EpmArtifactPage
      }
    }
  }
}

fragment EpmArtifactPage on ArtifactConnection {
  pageInfo {
    hasNextPage
    endCursor
  }
  edges {
    node {
      id
      digest
      versionIndex
      artifactSequence {
        name
      }
      artifactType {
        name
      }
      files(first: $filesPerPage) {
        ...EpmFilePage
      }
    }
  }
}

fragment EpmFilePage on FileConnection {
  pageInfo {
    hasNextPage
    endCursor
  }
  edges {
    node {
      displayName
      digest
      sizeBytes
    }
  }
}
`;

/** A fetch that refuses anything but the emulator, so no test can reach the network. */
function localOnlyFetch(emulator: () => WandbEmulator): typeof fetch {
  return (input, init) => {
    const url = String(input instanceof Request ? input.url : input);
    if (!url.startsWith(`${emulator().url}/`)) throw new Error(`test tried to reach ${url}`);
    return fetch(input, init);
  };
}

/** Records the waits the adapter asks for instead of waiting. */
function recordingSleep(): { sleep: (ms: number) => Promise<void>; waits: number[] } {
  const waits: number[] = [];
  return { waits, sleep: async (ms) => void waits.push(ms) };
}

async function rejection(promise: Promise<unknown>): Promise<EpmError> {
  try {
    await promise;
  } catch (error) {
    expect(error).toBeInstanceOf(EpmError);
    return error as EpmError;
  }
  throw new Error('expected the promise to reject');
}

describe('WandbTracking against the W&B emulator', () => {
  let emulator: WandbEmulator;
  let waits: number[];
  let adapter: (overrides?: Partial<WandbTrackingOptions>) => WandbTracking;

  beforeAll(async () => {
    emulator = await startWandbEmulator({ apiKey: 'wandb-test-key-4f1c' });
    emulator.addRun(seeded);
    emulator.addProject('lab', 'empty');
    adapter = (overrides = {}) => {
      const recorder = recordingSleep();
      waits = recorder.waits;
      return new WandbTracking({
        apiKey: emulator.apiKey,
        baseUrl: emulator.url,
        fetch: localOnlyFetch(() => emulator),
        sleep: recorder.sleep,
        retryBaseDelayMs: 1,
        ...overrides,
      });
    };
  });

  afterAll(async () => {
    await emulator.close();
  });

  afterEach(() => emulator.clearFaults());

  it('reads a seeded run exactly in one request: config unwrapped, summary parsed, commit, artifacts with files and digests', async () => {
    const before = emulator.requestCount;
    const run = await adapter().getRun({ entity: 'lab', project: 'optimizers', runId: 'abc123xy' });

    expect(run).toEqual({
      ref: { entity: 'lab', project: 'optimizers', runId: 'abc123xy' },
      url: `${emulator.url}/lab/optimizers/runs/abc123xy`,
      state: 'finished',
      config: { lr: 0.001, optimizer: 'adamw', seeds: [1, 2, 3], model: { depth: 4, width: 256 } },
      commit: COMMIT,
      summary: { 'val/accuracy': 0.912, loss: 0.231, _step: 999, _runtime: 61.5 },
      historyKeys: ['_step', 'loss', 'val/accuracy'],
      artifacts: [
        {
          name: 'metrics:v0',
          type: 'results',
          digest: 'a1b2c3d4e5f60718293a4b5c6d7e8f90',
          files: [
            { path: 'metrics.json', digest: 'XUFAKrxLKna5cZ2REBfFkg==', size: 1234 },
            { path: 'figures/accuracy.png', digest: 'Rdj6+5lTlLXEmrKsgvbUhA==', size: 40960 },
          ],
        },
        {
          name: 'checkpoint:v3',
          type: 'model',
          digest: '0f0e0d0c0b0a09080706050403020100',
          files: [{ path: 'model-00001-of-00001.safetensors', digest: 'nFoL2mpbnb3Xg4Ha0hHqSQ==', size: SHARD_SIZE }],
        },
      ],
    });
    expect(emulator.requestCount - before).toBe(1);
    const sent = emulator.requests.at(-1)!;
    expect(sent.operationName).toBe('EpmRun');
    expect(sent.query).toBe(EXPECTED_RUN_QUERY);
    expect(sent.variables).toEqual({ entity: 'lab', project: 'optimizers', runId: 'abc123xy', artifactsPerPage: 50, filesPerPage: 100 });
    expect(sent.status).toBe(200);
  });

  it('drops W&B-internal config keys and keeps values the SDK did not wrap', async () => {
    emulator.addRun({
      entity: 'lab',
      project: 'optimizers',
      runId: 'rawcfg01',
      configJson: JSON.stringify({ wandb_version: 1, _wandb: { value: {}, desc: null }, lr: { value: 0.1, desc: 'learning rate' }, plain: 7 }),
      summaryJson: null,
    });
    const run = await adapter().getRun({ entity: 'lab', project: 'optimizers', runId: 'rawcfg01' });
    expect(run?.config).toEqual({ lr: 0.1, plain: 7 });
    expect(run?.summary).toEqual({});
    expect(run?.commit).toBeNull();
    expect(run?.artifacts).toEqual([]);
  });

  it('reads a diverged run whose summary holds bare NaN and Infinity, as W&B writes them', async () => {
    emulator.addRun({
      entity: 'lab',
      project: 'optimizers',
      runId: 'nanloss1',
      state: 'crashed',
      summaryJson: '{"loss": NaN, "grad_norm": Infinity, "min": -Infinity, "note": "NaN stays text", "acc": 0.5}',
    });
    const run = await adapter().getRun({ entity: 'lab', project: 'optimizers', runId: 'nanloss1' });
    expect(run?.state).toBe('crashed');
    expect(run?.summary['loss']).toBeNaN();
    expect(run?.summary).toMatchObject({ grad_norm: Infinity, min: -Infinity, note: 'NaN stays text', acc: 0.5 });
  });

  it('returns undefined for a run the project does not have', async () => {
    const before = emulator.requestCount;
    await expect(adapter().getRun({ entity: 'lab', project: 'optimizers', runId: 'nosuchrun' })).resolves.toBeUndefined();
    await expect(adapter().getRun({ entity: 'lab', project: 'empty', runId: 'abc123xy' })).resolves.toBeUndefined();
    expect(emulator.requestCount - before).toBe(2);
  });

  it('returns undefined for a project that does not exist', async () => {
    await expect(adapter().getRun({ entity: 'lab', project: 'no-such-project', runId: 'abc123xy' })).resolves.toBeUndefined();
    await expect(adapter().getRun({ entity: 'someone-else', project: 'optimizers', runId: 'abc123xy' })).resolves.toBeUndefined();
  });

  it('a wrong key is a clear error naming WANDB_API_KEY and the project, and never shows the key', async () => {
    const before = emulator.requestCount;
    const error = await rejection(adapter({ apiKey: 'wrong-key-9d2e' }).getRun({ entity: 'lab', project: 'optimizers', runId: 'abc123xy' }));
    expect(error.code).toBe('external');
    expect(error.message).toBe('W&B refused the API key (HTTP 401) reading W&B run lab/optimizers/abc123xy');
    expect(error.hint).toBe('set WANDB_API_KEY to a key with access to lab/optimizers');
    expect(error.toLine()).not.toContain('wrong-key-9d2e');
    expect(emulator.requestCount - before).toBe(1);
  });

  it('a 403 (key without access) gets the same advice and is not retried', async () => {
    emulator.failNext(1, { status: 403 });
    const before = emulator.requestCount;
    const error = await rejection(adapter().getRun({ entity: 'lab', project: 'optimizers', runId: 'abc123xy' }));
    expect(error.message).toContain('HTTP 403');
    expect(error.hint).toBe('set WANDB_API_KEY to a key with access to lab/optimizers');
    expect(emulator.requestCount - before).toBe(1);
  });

  it('two 429s then success give one logical result; the emulator counted 3 requests; Retry-After is honoured', async () => {
    emulator.failNext(2, { status: 429, retryAfter: '7' });
    const warnings: string[] = [];
    const before = emulator.requestCount;
    const run = await adapter({ logger: { warn: (m) => warnings.push(m) } }).getRun({ entity: 'lab', project: 'optimizers', runId: 'abc123xy' });
    expect(run?.commit).toBe(COMMIT);
    expect(run?.artifacts.map((a) => a.name)).toEqual(['metrics:v0', 'checkpoint:v3']);
    expect(emulator.requestCount - before).toBe(3);
    expect(emulator.requests.slice(-3).map((r) => r.status)).toEqual([429, 429, 200]);
    expect(waits).toEqual([7000, 7000]);
    expect(warnings).toEqual([
      'W&B answered HTTP 429 (rate limited); retrying in 7.0 s (attempt 2 of 5)',
      'W&B answered HTTP 429 (rate limited); retrying in 7.0 s (attempt 3 of 5)',
    ]);
  });

  it('a persistent 503 is an external error after a bounded number of attempts, with growing backoff', async () => {
    emulator.failNext(10, { status: 503, body: 'upstream unavailable' });
    const before = emulator.requestCount;
    const error = await rejection(adapter({ retries: 3, retryBaseDelayMs: 100 }).getRun({ entity: 'lab', project: 'optimizers', runId: 'abc123xy' }));
    expect(error.code).toBe('external');
    expect(error.message).toBe('W&B answered HTTP 503 4 time(s) reading W&B run lab/optimizers/abc123xy: upstream unavailable');
    expect(error.hint).toMatch(/retry later/);
    expect(emulator.requestCount - before).toBe(4);
    expect(waits).toHaveLength(3);
    // Jittered exponential backoff: attempt k waits between half and all of 100·2^(k-1) ms.
    waits.forEach((ms, i) => {
      expect(ms).toBeGreaterThanOrEqual(50 * 2 ** i);
      expect(ms).toBeLessThanOrEqual(100 * 2 ** i);
    });
  });

  it('a Retry-After longer than the longest allowed wait fails at once instead of stalling', async () => {
    emulator.failNext(1, { status: 429, retryAfter: '3600' });
    const before = emulator.requestCount;
    const error = await rejection(adapter().getRun({ entity: 'lab', project: 'optimizers', runId: 'abc123xy' }));
    expect(error.message).toBe('W&B answered HTTP 429 (rate limited) reading W&B run lab/optimizers/abc123xy and asked to wait 3600 s');
    expect(emulator.requestCount - before).toBe(1);
    expect(waits).toEqual([]);
  });

  it('a GraphQL errors array is an external error carrying W&B’s message', async () => {
    emulator.failNext(1, { graphqlError: 'permission denied for project optimizers' });
    const error = await rejection(adapter().getRun({ entity: 'lab', project: 'optimizers', runId: 'abc123xy' }));
    expect(error.code).toBe('external');
    expect(error.message).toBe('W&B answered with an error reading W&B run lab/optimizers/abc123xy: permission denied for project optimizers');
  });

  it('refuses a malformed run reference or an empty key before sending anything', async () => {
    const before = emulator.requestCount;
    for (const ref of [
      { entity: 'lab', project: '', runId: 'abc123xy' },
      { entity: 'lab', project: 'optimizers', runId: 'abc/123' },
      { entity: 'lab team', project: 'optimizers', runId: 'abc123xy' },
    ]) {
      const error = await rejection(adapter().getRun(ref));
      expect(error.code).toBe('bad-input');
      expect(error.hint).toContain('https://wandb.ai/<entity>/<project>/runs/<runId>');
    }
    const noKey = await rejection(adapter({ apiKey: ' ' }).getRun({ entity: 'lab', project: 'optimizers', runId: 'abc123xy' }));
    expect(noKey.code).toBe('bad-input');
    expect(noKey.hint).toBe('set WANDB_API_KEY to a key with access to lab/optimizers');
    expect(emulator.requestCount - before).toBe(0);
  });

  it('a W&B that cannot be reached is an external error after the retries', async () => {
    // A port that was just free: nothing listens there.
    const gone = await startWandbEmulator();
    const url = gone.url;
    await gone.close();
    const recorder = recordingSleep();
    const error = await rejection(
      new WandbTracking({ apiKey: 'k', baseUrl: url, retries: 1, retryBaseDelayMs: 1, sleep: recorder.sleep }).getRun({
        entity: 'lab',
        project: 'optimizers',
        runId: 'abc123xy',
      }),
    );
    expect(error.code).toBe('external');
    expect(error.message).toMatch(new RegExp(`^could not reach W&B at ${url}/graphql \\(.+\\) while reading W&B run lab/optimizers/abc123xy, 2 attempt\\(s\\)$`));
    expect(recorder.waits).toHaveLength(1);
  });

  it('every query the adapter sent validated against the W&B schema subset', () => {
    expect(emulator.requests.length).toBeGreaterThan(10);
    expect(emulator.invalidQueries).toEqual([]);
  });
});

describe('WandbTracking paging through many artifacts and files', () => {
  let emulator: WandbEmulator;

  beforeAll(async () => {
    emulator = await startWandbEmulator({ maxPageSize: 2 });
  });

  afterAll(async () => {
    await emulator.close();
  });

  it('reads every artifact and every file when W&B caps pages below what EPM asks for', async () => {
    const artifacts = Array.from({ length: 5 }, (_, a) => ({
      name: `shard-set-${a}`,
      type: 'model',
      versionIndex: a === 4 ? null : a,
      digest: `digest-${a}`,
      files: Array.from({ length: a === 1 ? 5 : 1 }, (_, f) => ({ path: `part-${f}.bin`, digest: a === 2 ? null : `md5-${a}-${f}`, size: f + 1 })),
    }));
    emulator.addRun({ entity: 'lab', project: 'big', runId: 'many0001', artifacts });

    const run = await new WandbTracking({ apiKey: emulator.apiKey, baseUrl: emulator.url, fetch: localOnlyFetch(() => emulator) }).getRun({
      entity: 'lab',
      project: 'big',
      runId: 'many0001',
    });

    expect(run?.artifacts.map((a) => a.name)).toEqual(['shard-set-0:v0', 'shard-set-1:v1', 'shard-set-2:v2', 'shard-set-3:v3', 'shard-set-4:digest-4']);
    expect(run?.artifacts[1]?.files.map((f) => f.path)).toEqual(['part-0.bin', 'part-1.bin', 'part-2.bin', 'part-3.bin', 'part-4.bin']);
    expect(run?.artifacts[1]?.files.map((f) => f.digest)).toEqual(['md5-1-0', 'md5-1-1', 'md5-1-2', 'md5-1-3', 'md5-1-4']);
    expect(run?.artifacts[2]?.files).toEqual([{ path: 'part-0.bin', digest: '', size: 1 }]);
    // Artifacts 5 → pages of 2: the run + 2 more artifact pages; artifact 1's 5 files → 2 more file pages.
    expect(emulator.requests.map((r) => r.operationName)).toEqual([
      'EpmRun',
      'EpmRunArtifactsPage',
      'EpmRunArtifactsPage',
      'EpmArtifactFilesPage',
      'EpmArtifactFilesPage',
    ]);
    expect(emulator.invalidQueries).toEqual([]);
  });
});

describe('the W&B emulator', () => {
  let emulator: WandbEmulator;

  beforeAll(async () => {
    emulator = await startWandbEmulator();
  });

  afterAll(async () => {
    await emulator.close();
  });

  it('rejects and counts a query that asks for a field W&B does not have', async () => {
    const response = await fetch(`${emulator.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Basic ${Buffer.from(`api:${emulator.apiKey}`).toString('base64')}` },
      body: JSON.stringify({ query: '{ project(name: "p", entityName: "e") { run(name: "r") { name gitCommit } } }' }),
    });
    expect(response.status).toBe(400);
    const body = (await response.json()) as { errors: { message: string }[] };
    expect(body.errors[0]?.message).toBe('Cannot query field "gitCommit" on type "Run". Did you mean "commit"?');
    expect(emulator.invalidQueries).toHaveLength(1);
    expect(emulator.requestCount).toBe(1);
  });
});

describe('parseRetryAfter', () => {
  it.each([
    ['0', 0],
    ['12', 12_000],
    ['Wed, 21 Oct 2015 07:28:30 GMT', 30_000],
    ['Wed, 21 Oct 2015 07:27:00 GMT', 0],
    ['soon', undefined],
  ])('%s → %s ms', (header, expected) => {
    expect(parseRetryAfter(header, () => Date.parse('Wed, 21 Oct 2015 07:28:00 GMT'))).toBe(expected);
  });

  it('absent → undefined', () => {
    expect(parseRetryAfter(null)).toBeUndefined();
  });
});
