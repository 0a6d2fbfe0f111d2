import fc from 'fast-check';
import { readFile, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { EpmError } from '../../src/domain/errors.js';
import {
  PREDICATE_TYPE,
  PROVENANCE_SCHEMA_PATH,
  RESOURCE_KINDS,
  STATEMENT_TYPE,
  buildProvenance,
  parseProvenance,
  provenanceJsonSchema,
  renderProvenance,
  renderProvenanceJsonSchema,
  resourceKind,
  type ProvenanceParts,
} from '../../src/domain/provenance.js';
import { MIN_SECRET_LENGTH, REDACTED, isSecretName, redactText, redactValue, secretValuesOf } from '../../src/domain/redaction.js';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const hex = (byte: string) => byte.repeat(32);
const COMMIT = 'ab'.repeat(20);
const PLAN_COMMIT = 'cd'.repeat(20);
const HF_REVISION = 'ef'.repeat(20);

/** Complete, valid parts; every list non-empty and deliberately out of order. */
function parts(overrides: Partial<ProvenanceParts> = {}): ProvenanceParts {
  return {
    subjects: [
      { name: 'results/seed-2/metrics.json', sha256: hex('02') },
      { name: 'results/figure.png', sha256: hex('01') },
    ],
    command: 'python train.py --config configs/base.yaml',
    config: { path: 'configs/base.yaml', sha256: hex('03') },
    seeds: [2, 0, 1],
    plan: { path: 'experiments/7/plan.md', commit: PLAN_COMMIT },
    approver: 'alice',
    issue: { number: 7, url: 'https://github.com/acme/research/issues/7' },
    epmVersion: '0.1.0',
    lane: 'full',
    runId: '7-1',
    attempt: 1,
    git: { commit: COMMIT, tag: 'epm/run/7/1' },
    lockfiles: [
      { path: 'requirements.txt', sha256: hex('05') },
      { path: 'package-lock.json', sha256: hex('04') },
    ],
    datasets: [{ name: 'imdb', uri: 'hf://datasets/imdb', revision: HF_REVISION }],
    baseModels: [{ name: 'gpt2', uri: 'hf://gpt2', revision: 'main', sha256: hex('06') }],
    container: { ref: 'ghcr.io/acme/train:1.2', digest: `sha256:${hex('07')}` },
    builderId: 'urn:epm:builder:local',
    startedOn: '2025-03-01T10:00:00.000Z',
    finishedOn: '2025-03-01T12:30:00.000Z',
    compute: {
      provider: 'local',
      podId: null,
      gpuType: null,
      gpuCount: null,
      image: null,
      imageDigest: null,
      driver: null,
      cuda: null,
      absent: { podId: 'local compute has no pod', gpuType: 'nvidia-smi not found on PATH' },
    },
    environment: {
      os: { platform: 'linux', release: 'Debian GNU/Linux 12 (bookworm)', kernel: '6.1.0', arch: 'x64' },
      node: 'v20.20.2',
      python: 'Python 3.11.7',
      pipFreezeSha256: hex('08'),
      variables: { WANDB_PROJECT: 'warmup', CUDA_VISIBLE_DEVICES: '0' },
      nvidiaSmi: null,
      absent: { nvidiaSmi: 'nvidia-smi not found on PATH' },
    },
    gpuHours: 2.5,
    costUsd: null,
    modelUsage: [
      { role: 'planner', calls: 2, inputTokens: 1000, outputTokens: 200, usd: 0.05 },
      { role: 'analyzer', calls: 1, inputTokens: 800, outputTokens: 300, usd: 0.04 },
    ],
    byproducts: {
      logs: [{ path: '/var/epm/runs/7-1/run.log', sha256: hex('09') }],
      wandbRuns: [{ url: 'https://wandb.ai/acme/warmup/runs/abc123', entity: 'acme', project: 'warmup', runId: 'abc123', artifacts: [{ name: 'metrics:v0', digest: 'd1' }] }],
      hfRepos: [{ repo: 'acme/warmup-ckpt', revision: HF_REVISION, files: [{ path: 'model.safetensors', sha256: hex('0a'), size: 10 }] }],
      transcripts: [{ path: '.epm/transcripts/planner.jsonl', sha256: hex('0b'), role: 'planner' }],
      inputs: [{ path: 'data/train.jsonl', sha256: hex('0c'), size: 42, declared: true }],
      urls: ['https://arxiv.org/abs/1706.03762'],
    },
    ...overrides,
  };
}

/** Runs `fn` expecting a bad-input EpmError; returns it. */
function badInputOf(fn: () => unknown): EpmError {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(EpmError);
    expect((error as EpmError).code).toBe('bad-input');
    return error as EpmError;
  }
  throw new Error('expected a bad-input error');
}

describe('buildProvenance', () => {
  it('builds an in-toto statement with the EPM predicate', () => {
    const p = buildProvenance(parts());
    expect(p._type).toBe(STATEMENT_TYPE);
    expect(p.predicateType).toBe(PREDICATE_TYPE);
    expect(p.predicate.buildDefinition.externalParameters).toEqual({
      command: 'python train.py --config configs/base.yaml',
      config: { path: 'configs/base.yaml', sha256: hex('03') },
      seeds: [2, 0, 1],
      plan: { path: 'experiments/7/plan.md', commit: PLAN_COMMIT },
      approver: 'alice',
      issue: { number: 7, url: 'https://github.com/acme/research/issues/7' },
    });
    expect(p.predicate.runDetails.metadata).toEqual({ invocationId: '7-1', startedOn: '2025-03-01T10:00:00.000Z', finishedOn: '2025-03-01T12:30:00.000Z' });
    expect(p.predicate.runDetails.usage).toEqual({ gpuHours: 2.5, costUsd: null });
  });

  it('round-trips through render and parse', () => {
    const p = buildProvenance(parts());
    const text = renderProvenance(p);
    expect(text.endsWith('}\n')).toBe(true);
    expect(text).toContain('\n  "subject": [');
    expect(parseProvenance(text, 'provenance.json')).toEqual(p);
    // Re-rendering a parsed statement gives the same bytes, so its digest is stable.
    expect(renderProvenance(parseProvenance(text, 'provenance.json'))).toBe(text);
  });

  it('orders subjects by name, resources by kind then name, usage by role, record keys', () => {
    const p = buildProvenance(parts());
    expect(p.subject.map((s) => s.name)).toEqual(['results/figure.png', 'results/seed-2/metrics.json']);
    const deps = p.predicate.buildDefinition.resolvedDependencies;
    expect(deps.map((d) => [resourceKind(d), d.name])).toEqual([
      ['git-commit', 'epm/run/7/1'],
      ['lockfile', 'package-lock.json'],
      ['lockfile', 'requirements.txt'],
      ['dataset', 'imdb'],
      ['base-model', 'gpt2'],
      ['container-image', 'ghcr.io/acme/train:1.2'],
    ]);
    expect(p.predicate.runDetails.byproducts.map((b) => resourceKind(b))).toEqual(['input', 'log', 'wandb-run', 'hf-repo', 'transcript', 'url']);
    expect(p.predicate.runDetails.modelUsage.map((u) => u.role)).toEqual(['analyzer', 'planner']);
    expect(Object.keys(p.predicate.runDetails.environment.variables)).toEqual(['CUDA_VISIBLE_DEVICES', 'WANDB_PROJECT']);
    expect(Object.keys(p.predicate.runDetails.compute.absent)).toEqual(['gpuType', 'podId']);
  });

  it('is deterministic: shuffled parts render to the same bytes', () => {
    const base = parts();
    const reference = renderProvenance(buildProvenance(base));
    fc.assert(
      fc.property(fc.integer(), (seed) => {
        const shuffle = <T>(items: readonly T[]): T[] => {
          const copy = [...items];
          let state = seed;
          for (let i = copy.length - 1; i > 0; i -= 1) {
            state = (state * 1103515245 + 12345) & 0x7fffffff;
            const j = state % (i + 1);
            [copy[i], copy[j]] = [copy[j]!, copy[i]!];
          }
          return copy;
        };
        const shuffled = parts({
          subjects: shuffle(base.subjects),
          lockfiles: shuffle(base.lockfiles),
          modelUsage: shuffle(base.modelUsage),
          environment: { ...base.environment, variables: Object.fromEntries(shuffle(Object.entries(base.environment.variables))) },
        });
        expect(renderProvenance(buildProvenance(shuffled))).toBe(reference);
      }),
      { numRuns: 30 },
    );
  });

  it('annotates every resource with a known epmKind and records digests', () => {
    const p = buildProvenance(parts());
    const resources = [...p.predicate.buildDefinition.resolvedDependencies, ...p.predicate.runDetails.byproducts];
    for (const resource of resources) expect(RESOURCE_KINDS).toContain(resource.annotations?.['epmKind']);
    const byKind = (kind: string) => resources.find((r) => resourceKind(r) === kind)!;
    expect(byKind('git-commit')).toEqual({ name: 'epm/run/7/1', digest: { gitCommit: COMMIT }, annotations: { epmKind: 'git-commit', tag: 'epm/run/7/1' } });
    expect(byKind('container-image').digest).toEqual({ sha256: hex('07') });
    expect(byKind('dataset')).toEqual({ name: 'imdb', uri: 'hf://datasets/imdb', digest: { gitCommit: HF_REVISION }, annotations: { epmKind: 'dataset', revision: HF_REVISION } });
    expect(byKind('base-model').digest).toEqual({ sha256: hex('06') });
    expect(byKind('wandb-run')).toMatchObject({ uri: 'https://wandb.ai/acme/warmup/runs/abc123', annotations: { entity: 'acme', project: 'warmup', runId: 'abc123' } });
    expect(byKind('hf-repo')).toMatchObject({ name: 'acme/warmup-ckpt', digest: { gitCommit: HF_REVISION }, annotations: { revision: HF_REVISION } });
    expect(byKind('input').annotations).toEqual({ epmKind: 'input', declared: true, size: 42 });
  });

  it('accepts the minimal parts: no config, no container, no byproducts, untagged commit', () => {
    const p = buildProvenance(parts({ config: null, container: null, datasets: [], baseModels: [], lockfiles: [], modelUsage: [], byproducts: {}, git: { commit: COMMIT, tag: null } }));
    expect(p.predicate.buildDefinition.resolvedDependencies).toEqual([{ name: COMMIT, digest: { gitCommit: COMMIT }, annotations: { epmKind: 'git-commit' } }]);
    expect(p.predicate.runDetails.byproducts).toEqual([]);
    expect(parseProvenance(renderProvenance(p), 'p.json')).toEqual(p);
  });

  const badParts: [string, () => ProvenanceParts, string][] = [
    ['a bad subject sha256', () => parts({ subjects: [{ name: 'results/a.json', sha256: 'ABC' }] }), 'subjects[0].sha256'],
    ['a bad lockfile sha256', () => parts({ lockfiles: [{ path: 'uv.lock', sha256: hex('0g') }] }), 'lockfiles[0].sha256'],
    ['a missing approver', () => { const { approver: _approver, ...rest } = parts(); return rest as ProvenanceParts; }, 'approver'],
    ['a blank approver', () => parts({ approver: '  ' }), 'approver'],
    ['a bad commit', () => parts({ git: { commit: 'abc123', tag: null } }), 'git.commit'],
    ['a bad plan commit', () => parts({ plan: { path: 'plan.md', commit: 'HEAD' } }), 'plan.commit'],
    ['no subjects', () => parts({ subjects: [] }), 'subjects'],
    ['a subject outside the worktree', () => parts({ subjects: [{ name: '../secret.txt', sha256: hex('01') }] }), 'subjects[0].name'],
    ['a bad container digest', () => parts({ container: { ref: 'img:1', digest: hex('07') } }), 'container.digest'],
    ['a bad start time', () => parts({ startedOn: 'yesterday' }), 'startedOn'],
    ['an end before the start', () => parts({ finishedOn: '2025-03-01T09:00:00.000Z' }), 'finishedOn'],
    ['a duplicate subject', () => parts({ subjects: [{ name: 'a', sha256: hex('01') }, { name: 'a', sha256: hex('02') }] }), 'subjects: "a" is listed twice'],
    ['an unknown field', () => ({ ...parts(), extra: 1 }) as ProvenanceParts, 'extra'],
    ['a bad HF repo id', () => parts({ byproducts: { hfRepos: [{ repo: 'no-owner', revision: 'main' }] } }), 'byproducts.hfRepos[0].repo'],
  ];
  it.each(badParts)('rejects %s naming the path', (_label, make, path) => {
    const error = badInputOf(() => buildProvenance(make()));
    expect(error.message).toContain(path);
    expect(error.hint).toBeTruthy();
  });

  it('lists every problem at once', () => {
    const { approver: _approver, ...rest } = parts({ git: { commit: 'nope', tag: null }, subjects: [{ name: 'x', sha256: 'bad' }] });
    const error = badInputOf(() => buildProvenance(rest as ProvenanceParts));
    for (const path of ['approver', 'git.commit', 'subjects[0].sha256']) expect(error.message).toContain(path);
  });
});

describe('parseProvenance', () => {
  type Node = Record<string, unknown>;
  const good = () => JSON.parse(renderProvenance(buildProvenance(parts()))) as Node;
  /** The parent object of a dotted path (numeric segments index arrays), and the last key. */
  const parentOf = (doc: Node, path: string): [Node, string] => {
    const keys = path.split('.');
    const last = keys.pop()!;
    const parent = keys.reduce<Node>((node, key) => node[key] as Node, doc);
    return [parent, last];
  };
  const setAt = (path: string, value: unknown) => (doc: Node) => {
    const [parent, key] = parentOf(doc, path);
    parent[key] = value;
  };
  const deleteAt = (path: string) => (doc: Node) => {
    const [parent, key] = parentOf(doc, path);
    delete parent[key];
  };

  it('names the source on bad JSON', () => {
    const error = badInputOf(() => parseProvenance('{"_type": ', 'run/provenance.json'));
    expect(error.message).toMatch(/^run\/provenance\.json: not valid JSON/);
  });

  const broken: [string, (doc: Node) => void, string][] = [
    ['a wrong statement type', setAt('_type', 'https://in-toto.io/Statement/v0.1'), '_type'],
    ['a bad subject digest', setAt('subject.0.digest.sha256', 'xyz'), 'subject[0].digest.sha256'],
    ['a missing approver', deleteAt('predicate.buildDefinition.externalParameters.approver'), 'predicate.buildDefinition.externalParameters.approver'],
    ['a bad plan commit', setAt('predicate.buildDefinition.externalParameters.plan.commit', '123'), 'predicate.buildDefinition.externalParameters.plan.commit'],
    ['a resource without epmKind', deleteAt('predicate.buildDefinition.resolvedDependencies.1.annotations'), 'predicate.buildDefinition.resolvedDependencies[1].annotations.epmKind'],
    ['a resource with a bad sha256', setAt('predicate.runDetails.byproducts.0.digest.sha256', 'ZZ'), 'predicate.runDetails.byproducts[0].digest.sha256'],
    ['an unknown key', setAt('predicate.runDetails.extra', true), 'predicate.runDetails'],
  ];
  it.each(broken)('rejects %s naming the first bad path', (_label, breakIt, path) => {
    const doc = good();
    breakIt(doc);
    const error = badInputOf(() => parseProvenance(JSON.stringify(doc), 'p.json'));
    expect(error.message.startsWith(`p.json: ${path}`)).toBe(true);
  });
});

describe(`the statement's JSON Schema`, () => {
  it('accepts a built statement and refuses a broken one (ajv)', () => {
    const ajv = new Ajv2020({ strict: false });
    ajv.addFormat('date-time', true);
    const validate = ajv.compile(provenanceJsonSchema());
    const statement = JSON.parse(renderProvenance(buildProvenance(parts()))) as { predicate: { buildDefinition: { externalParameters: { approver?: string } } } };
    expect(validate(statement)).toBe(true);
    delete statement.predicate.buildDefinition.externalParameters.approver;
    expect(validate(statement)).toBe(false);
  });

  it(`is committed at ${PROVENANCE_SCHEMA_PATH} and current`, async () => {
    const file = join(ROOT, PROVENANCE_SCHEMA_PATH);
    const current = renderProvenanceJsonSchema();
    if (process.env.EPM_WRITE_SCHEMA === '1') await writeFile(file, current, 'utf8');
    const committed = await readFile(file, 'utf8').catch(() => '(missing)');
    if (committed !== current) {
      throw new Error(
        `${PROVENANCE_SCHEMA_PATH} is stale: it differs from provenanceJsonSchema(). Regenerate it with ` +
          `EPM_WRITE_SCHEMA=1 NODE_OPTIONS=--experimental-vm-modules npx jest tests/domain/provenance.test.ts and commit the result.`,
      );
    }
    expect(JSON.parse(committed)).toEqual(provenanceJsonSchema());
  });
});

describe('redaction', () => {
  const names: [string, boolean][] = [
    ['ANTHROPIC_API_KEY', true],
    ['WANDB_API_KEY', true],
    ['HF_TOKEN', true],
    ['HUGGING_FACE_HUB_TOKEN', true],
    ['RUNPOD_API_KEY', true],
    ['GITHUB_TOKEN', true],
    ['LINEAR_API_KEY', true],
    ['AWS_SECRET_ACCESS_KEY', true],
    ['AWS_ACCESS_KEY_ID', true],
    ['AWS_SESSION_TOKEN', true],
    ['DB_PASSWORD', true],
    ['PGPASSWORD', true],
    ['MYSQL_PWD', true],
    ['SMTP_PASSWD', true],
    ['GOOGLE_APPLICATION_CREDENTIALS', true],
    ['CLIENT_SECRET', true],
    ['OAUTH', true],
    ['BASIC_AUTH', true],
    ['SSH_PRIVATE', true],
    ['SESSION', true],
    ['COOKIE', true],
    ['GITHUB_PAT', true],
    ['SENTRY_DSN', true],
    ['apiKey', true],
    ['myAuthToken', true],
    ['DATABASE_URL', true],
    ['CUDA_VISIBLE_DEVICES', false],
    ['PYTHONHASHSEED', false],
    ['TOKENIZERS_PARALLELISM', false],
    ['GIT_AUTHOR_NAME', false],
    ['WANDB_PROJECT', false],
    ['HF_HOME', false],
    ['PATH', false],
    ['PWD', false],
    ['OLDPWD', false],
    ['KEYBOARD_LAYOUT', false],
    ['EPM_RUN_ID', false],
  ];
  it.each(names)('isSecretName(%s) is %s', (name, secret) => {
    expect(isSecretName(name)).toBe(secret);
  });

  it('redactValue always yields the marker', () => {
    expect(redactValue('hunter2-long-password')).toBe(REDACTED);
    expect(redactValue('')).toBe(REDACTED);
  });

  const shapes: [string, string][] = [
    ['Anthropic', 'sk-ant-api03-AbCdEfGhIjKlMnOpQrStUv_wx-yz'],
    ['GitHub classic', 'ghp_AbCdEfGhIjKlMnOpQrStUvWxYz0123456789'],
    ['GitHub fine-grained', 'github_pat_11ABCDEFG0123456789_abcdefghijklmnopqrstuvwxyz'],
    ['Hugging Face', 'hf_AbCdEfGhIjKlMnOpQrStUvWxYz01234567'],
    ['AWS key id', 'AKIAIOSFODNN7EXAMPLE'],
    ['Linear', 'lin_api_AbCdEfGhIjKlMnOpQrStUvWxYz012345'],
    ['Slack', 'xoxb-123456789012-abcdefghij'],
  ];
  it.each(shapes)('redacts a %s token found in text', (_label, token) => {
    const out = redactText(`config: token=${token} end`, []);
    expect(out).toBe(`config: token=${REDACTED} end`);
  });

  it('keeps the scheme and user of a URL but not its password, and the Bearer prefix', () => {
    expect(redactText('pkg @ git+https://bot:s3cr3tpass@github.com/acme/pkg.git', [])).toBe(`pkg @ git+https://bot:${REDACTED}@github.com/acme/pkg.git`);
    expect(redactText('Authorization: Bearer abcdefghijklmnop1234', [])).toBe(`Authorization: Bearer ${REDACTED}`);
    expect(redactText('-----BEGIN RSA PRIVATE KEY-----\nMIIE\n-----END RSA PRIVATE KEY-----\nafter', [])).toBe(`${REDACTED}\nafter`);
  });

  it('keeps JSON text valid', () => {
    const json = JSON.stringify({ a: 'https://bot:pw12345678@x.org/r', b: 'ftp://u:p', c: 'me@example.org', d: 'Bearer abcdefghijklmnop1234', e: 'sk-ant-api03-0123456789abcdef' });
    const out = redactText(json, ['pw12345678']);
    expect(JSON.parse(out)).toEqual({ a: `https://bot:${REDACTED}@x.org/r`, b: 'ftp://u:p', c: 'me@example.org', d: `Bearer ${REDACTED}`, e: REDACTED });
  });

  it('replaces every occurrence of each secret value, overlapping ones once', () => {
    expect(redactText('a=longsecret1 b=longsecret1', ['longsecret1'])).toBe(`a=${REDACTED} b=${REDACTED}`);
    expect(redactText('xxABCDEFGHIJyy', ['ABCDEFGH', 'EFGHIJ12', 'DEFGHIJ0', 'CDEFGHIJ'])).toBe(`xx${REDACTED}yy`);
    expect(redactText('short=abc', ['abc'])).toBe('short=abc');
    expect(redactText('nothing here', [])).toBe('nothing here');
  });

  it('collects secret values from an environment', () => {
    expect(secretValuesOf({ HF_TOKEN: 'hf_value_long', WANDB_PROJECT: 'project-long', SHORT_KEY: 'abc', UNSET_TOKEN: undefined })).toEqual(['hf_value_long']);
  });

  it('property: a planted secret value never survives redactText', () => {
    fc.assert(
      fc.property(
        fc.string({ minLength: MIN_SECRET_LENGTH, maxLength: 40 }).filter((s) => !REDACTED.includes(s)),
        fc.array(fc.string({ maxLength: 30 }), { maxLength: 6 }),
        fc.array(fc.string({ minLength: 1, maxLength: 20 }), { maxLength: 3 }),
        (secret, fillers, otherSecrets) => {
          const text = fillers.join(secret);
          const planted = `${text}${secret}${fillers[0] ?? ''}`;
          const out = redactText(planted, [...otherSecrets, secret]);
          expect(out.includes(secret)).toBe(false);
        },
      ),
      { numRuns: 500 },
    );
  });

  it('property: redaction against adversarial secrets that overlap the marker', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(']abcdefg', 'd]abcdef', 'ted]1234', 'acted]XYZ', '[redact0'),
        fc.string({ maxLength: 20 }),
        (secret, filler) => {
          const out = redactText(`${filler}${secret}${secret.slice(1)}${filler}`, [secret, `${filler}abcdefgh`]);
          expect(out.includes(secret)).toBe(false);
        },
      ),
      { numRuns: 200 },
    );
  });
});
