import { buildProvenance, type Provenance, type ProvenanceParts } from '../../src/domain/provenance.js';
import {
  PROCESS_RUN_CRATE,
  RO_CRATE_CONTEXT,
  RO_CRATE_METADATA_FILE,
  RO_CRATE_SPEC,
  WORKFLOW_RUN_CRATE,
  referencedIds,
  toRoCrate,
  type RoCrate,
  type RoCrateEntity,
} from '../../src/domain/ro-crate.js';

const hex = (byte: string) => byte.repeat(32);
const COMMIT = 'ab'.repeat(20);

function statement(overrides: Partial<ProvenanceParts> = {}): Provenance {
  return buildProvenance({
    subjects: [
      { name: 'results/metrics.json', sha256: hex('01') },
      { name: 'results/figure 1.png', sha256: hex('02') },
    ],
    command: 'node train.js --seeds 0,1,2',
    config: { path: 'configs/base.json', sha256: hex('03') },
    seeds: [0, 1, 2],
    plan: { path: 'experiments/7/plan.md', commit: 'cd'.repeat(20) },
    approver: 'alice',
    issue: { number: 7, url: 'https://github.com/acme/research/issues/7' },
    epmVersion: '0.1.0',
    lane: 'full',
    runId: '7-1',
    attempt: 1,
    git: { commit: COMMIT, tag: 'epm/run/7/1' },
    lockfiles: [{ path: 'package-lock.json', sha256: hex('04') }],
    datasets: [{ name: 'imdb', uri: 'hf://datasets/imdb', revision: 'ef'.repeat(20) }],
    baseModels: [{ name: 'tiny-model', uri: 'models/tiny', revision: 'v1' }],
    container: { ref: 'ghcr.io/acme/train:1.2', digest: `sha256:${hex('07')}` },
    builderId: 'urn:epm:builder:local',
    startedOn: '2025-03-01T10:00:00.000Z',
    finishedOn: '2025-03-01T12:30:00.000Z',
    compute: { provider: 'local', podId: null, gpuType: null, gpuCount: null, image: null, imageDigest: null, driver: null, cuda: null, absent: {} },
    environment: {
      os: { platform: 'linux', release: 'Debian 12', kernel: '6.1.0', arch: 'x64' },
      node: 'v20.20.2',
      python: null,
      pipFreezeSha256: null,
      variables: { PYTHONHASHSEED: '0', HF_TOKEN: '[redacted]' },
      nvidiaSmi: null,
      absent: {},
    },
    gpuHours: 0,
    costUsd: null,
    modelUsage: [],
    byproducts: {
      logs: [{ path: '/var/epm/runs/7-1/run.log', sha256: hex('09') }],
      wandbRuns: [{ url: 'https://wandb.ai/acme/warmup/runs/abc123', entity: 'acme', project: 'warmup', runId: 'abc123' }],
      hfRepos: [{ repo: 'acme/ckpt', revision: 'ef'.repeat(20) }],
      transcripts: [{ path: '.epm/transcripts/planner.jsonl', sha256: hex('0b'), role: 'planner' }],
      inputs: [
        { path: 'data/train.jsonl', sha256: hex('0c'), size: 42, declared: true },
        { path: 'data/extra.csv', sha256: hex('0d'), size: 7, declared: false },
      ],
      urls: ['https://arxiv.org/abs/1706.03762', 'https://wandb.ai/acme/warmup/runs/abc123'],
    },
    ...overrides,
  });
}

const OPTIONS = { name: 'LR warmup sweep', description: 'Does warmup help? The run of issue #7.' };

const byId = (crate: RoCrate, id: string): RoCrateEntity | undefined => crate['@graph'].find((e) => e['@id'] === id);
const idsOf = (value: unknown): string[] => (Array.isArray(value) ? value : [value]).map((r) => (r as { '@id': string })['@id']);
const typesOf = (entity: RoCrateEntity): string[] => (Array.isArray(entity['@type']) ? entity['@type'] : [entity['@type']]);

describe('toRoCrate', () => {
  const p = statement();
  const crate = toRoCrate(p, OPTIONS);

  it('has the RO-Crate 1.1 context with the workflow-run terms', () => {
    expect(crate['@context']).toEqual([...RO_CRATE_CONTEXT]);
  });

  it('has the metadata descriptor about the root dataset', () => {
    const descriptor = byId(crate, RO_CRATE_METADATA_FILE)!;
    expect(descriptor['@type']).toBe('CreativeWork');
    expect(idsOf(descriptor['conformsTo'])).toContain(RO_CRATE_SPEC);
    expect(descriptor['about']).toEqual({ '@id': './' });
  });

  it('has a root dataset conforming to the Process Run and Workflow Run Crate profiles', () => {
    const root = byId(crate, './')!;
    expect(root['@type']).toBe('Dataset');
    expect(root['name']).toBe(OPTIONS.name);
    expect(root['description']).toBe(OPTIONS.description);
    expect(root['datePublished']).toBe('2025-03-01T12:30:00.000Z');
    expect(idsOf(root['conformsTo'])).toEqual(expect.arrayContaining([PROCESS_RUN_CRATE, WORKFLOW_RUN_CRATE]));
    expect(root['isBasedOn']).toEqual({ '@id': 'https://github.com/acme/research/issues/7' });
  });

  it('has exactly one CreateAction whose result ids are exactly the subjects', () => {
    const actions = crate['@graph'].filter((e) => typesOf(e).includes('CreateAction'));
    expect(actions).toHaveLength(1);
    const action = actions[0]!;
    expect(idsOf(action['result']).sort()).toEqual(['results/figure%201.png', 'results/metrics.json']);
    expect(action['startTime']).toBe('2025-03-01T10:00:00.000Z');
    expect(action['endTime']).toBe('2025-03-01T12:30:00.000Z');
    expect(action['description']).toBe('node train.js --seeds 0,1,2');
    expect(byId(crate, idsOf(action['agent'])[0]!)).toMatchObject({ '@type': 'Person', name: 'alice' });
    expect(idsOf(byId(crate, './')!['mentions'])).toContain(action['@id']);
  });

  it('names the command at the commit as instrument and main entity', () => {
    const action = crate['@graph'].find((e) => e['@type'] === 'CreateAction')!;
    const instrument = byId(crate, idsOf(action['instrument'])[0]!)!;
    expect(typesOf(instrument)).toEqual(expect.arrayContaining(['SoftwareSourceCode', 'ComputationalWorkflow']));
    expect(instrument['version']).toBe(COMMIT);
    expect(instrument['identifier']).toBe('epm/run/7/1');
    expect(byId(crate, './')!['mainEntity']).toEqual({ '@id': instrument['@id'] });
  });

  it('lists config, inputs, datasets and base models as the objects', () => {
    const action = crate['@graph'].find((e) => e['@type'] === 'CreateAction')!;
    expect(idsOf(action['object'])).toEqual(['configs/base.json', 'data/extra.csv', 'data/train.jsonl', 'hf://datasets/imdb', '#base-model-tiny-model']);
  });

  it('gives every subject and input a File entity with its sha256', () => {
    for (const subject of p.subject) {
      const file = byId(crate, subject.name.split('/').map(encodeURIComponent).join('/'))!;
      expect(file).toMatchObject({ '@type': 'File', name: subject.name, sha256: subject.digest.sha256 });
    }
    expect(byId(crate, 'data/train.jsonl')).toMatchObject({ '@type': 'File', sha256: hex('0c'), contentSize: '42' });
    const hasPart = idsOf(byId(crate, './')!['hasPart']);
    expect(hasPart).toEqual(expect.arrayContaining(['results/metrics.json', 'results/figure%201.png', 'data/train.jsonl', 'package-lock.json', 'configs/base.json']));
  });

  it('records variables (already redacted) and the container image', () => {
    const action = crate['@graph'].find((e) => e['@type'] === 'CreateAction')!;
    const variables = idsOf(action['environment']).map((id) => byId(crate, id)!);
    expect(variables.map((v) => [v['name'], v['value']])).toEqual([
      ['HF_TOKEN', '[redacted]'],
      ['PYTHONHASHSEED', '0'],
    ]);
    expect(byId(crate, idsOf(action['containerImage'])[0]!)).toMatchObject({ '@type': 'ContainerImage', registry: 'ghcr.io', name: 'acme/train', tag: '1.2', sha256: hex('07') });
  });

  it('references only ids that exist in the graph, and has no duplicate ids', () => {
    const ids = crate['@graph'].map((e) => e['@id']);
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of referencedIds(crate)) expect([id, ids.includes(id)]).toEqual([id, true]);
  });

  it('holds the log, transcript, W&B run, HF repo and cited URLs as byproducts about the run', () => {
    const actionId = crate['@graph'].find((e) => e['@type'] === 'CreateAction')!['@id'];
    const mentions = idsOf(byId(crate, './')!['mentions']);
    for (const id of ['file:///var/epm/runs/7-1/run.log', '.epm/transcripts/planner.jsonl', 'https://wandb.ai/acme/warmup/runs/abc123', '#hf-acme%2Fckpt', 'https://arxiv.org/abs/1706.03762']) {
      expect(mentions).toContain(id);
      expect(byId(crate, id)!['about']).toEqual({ '@id': actionId });
    }
  });

  it('is deterministic and JSON-serialisable', () => {
    expect(JSON.stringify(toRoCrate(statement(), OPTIONS))).toBe(JSON.stringify(crate));
  });

  it('works for a minimal statement without config, container or byproducts', () => {
    const minimal = toRoCrate(statement({ config: null, container: null, datasets: [], baseModels: [], lockfiles: [], byproducts: {}, issue: { number: 7, url: null } }), {
      ...OPTIONS,
      issueUrl: 'https://example.org/issues/7',
    });
    const action = minimal['@graph'].find((e) => e['@type'] === 'CreateAction')!;
    expect(action['object']).toEqual([]);
    expect(action['containerImage']).toBeUndefined();
    expect(byId(minimal, './')!['isBasedOn']).toEqual({ '@id': 'https://example.org/issues/7' });
    const ids = minimal['@graph'].map((e) => e['@id']);
    for (const id of referencedIds(minimal)) expect(ids).toContain(id);
  });
});
