import { createHash } from 'node:crypto';
import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { takeInventory } from '../../src/adapters/local/artifact-inventory.js';

const sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');
const entry = (path: string, content: string) => ({ path, sha256: sha256(content), size: Buffer.byteLength(content) });

let worktree: string;
let outside: string;

async function put(path: string, content: string): Promise<void> {
  await mkdir(dirname(join(worktree, path)), { recursive: true });
  await writeFile(join(worktree, path), content);
}

beforeEach(async () => {
  worktree = await mkdtemp(join(tmpdir(), 'epm-inventory-'));
  outside = await mkdtemp(join(tmpdir(), 'epm-inventory-outside-'));
  await put('results/metrics.json', '{"acc":0.9}');
  await put('results/seed-0/ckpt/model.bin', 'weights-0');
  await put('results/seed-1/log.txt', 'epoch 1');
  await put('data/train/part-0.jsonl', '{"x":1}\n');
  await put('data/train/nested/part-1.jsonl', '{"x":2}\n');
  await put('configs/base.yaml', 'lr: 0.1\n');
  await put('cache/tokenizer.json', '{}');
  await writeFile(join(outside, 'secret.txt'), 'not yours');
});

afterEach(async () => {
  await rm(worktree, { recursive: true, force: true });
  await rm(outside, { recursive: true, force: true });
});

describe('takeInventory', () => {
  it('hashes nested outputs, declared folders and files, and detected inputs', async () => {
    const inventory = await takeInventory({
      worktree,
      outputsDir: 'results/',
      declaredInputs: ['data/train', 'configs/base.yaml', 'data/missing.csv'],
      detectedInputs: ['cache/tokenizer.json', 'configs/base.yaml', 'cache/gone.bin'],
    });
    expect(inventory.created).toEqual([
      entry('results/metrics.json', '{"acc":0.9}'),
      entry('results/seed-0/ckpt/model.bin', 'weights-0'),
      entry('results/seed-1/log.txt', 'epoch 1'),
    ]);
    expect(inventory.used).toEqual([
      { ...entry('cache/tokenizer.json', '{}'), declared: false },
      { ...entry('configs/base.yaml', 'lr: 0.1\n'), declared: true },
      { ...entry('data/train/nested/part-1.jsonl', '{"x":2}\n'), declared: true },
      { ...entry('data/train/part-0.jsonl', '{"x":1}\n'), declared: true },
    ]);
    expect(inventory.missingInputs).toEqual(['cache/gone.bin', 'data/missing.csv']);
  });

  it('normalizes paths (./, trailing slashes, backslashes) and reports each input once', async () => {
    const inventory = await takeInventory({ worktree, outputsDir: './results', declaredInputs: ['./configs/base.yaml', 'configs\\base.yaml', 'data/train/'] });
    expect(inventory.created.map((f) => f.path)).toEqual(['results/metrics.json', 'results/seed-0/ckpt/model.bin', 'results/seed-1/log.txt']);
    expect(inventory.used.map((f) => f.path)).toEqual(['configs/base.yaml', 'data/train/nested/part-1.jsonl', 'data/train/part-0.jsonl']);
  });

  it('returns no created files when the outputs folder does not exist', async () => {
    const inventory = await takeInventory({ worktree, outputsDir: 'not-yet', declaredInputs: [] });
    expect(inventory).toEqual({ created: [], used: [], missingInputs: [] });
  });

  const refused: [string, { outputsDir?: string; declaredInputs?: string[]; detectedInputs?: string[] }, RegExp][] = [
    ['a declared input climbing out with ..', { declaredInputs: ['../secret.txt'] }, /declaredInputs\[0\] "\.\.\/secret\.txt" climbs out with "\.\."/],
    ['a ".." hidden mid-path', { declaredInputs: ['data/../../secret.txt'] }, /climbs out/],
    ['an absolute input', { declaredInputs: ['/etc/passwd'] }, /is an absolute path/],
    ['a Windows absolute input', { declaredInputs: ['C:\\data\\x.csv'] }, /is an absolute path/],
    ['a detected input outside', { detectedInputs: ['../x'] }, /detectedInputs\[0\]/],
    ['an outputs dir outside', { outputsDir: '../results' }, /outputsDir/],
    ['the worktree itself as outputs', { outputsDir: '.' }, /names the whole worktree/],
    ['an empty input', { declaredInputs: [' '] }, /is empty/],
  ];
  it.each(refused)('refuses %s with bad-input', async (_label, options, message) => {
    await expect(takeInventory({ worktree, outputsDir: 'results', declaredInputs: [], ...options })).rejects.toMatchObject({ code: 'bad-input', message: expect.stringMatching(message) });
  });

  it('refuses an input that links outside the worktree', async () => {
    await symlink(join(outside, 'secret.txt'), join(worktree, 'data', 'link.txt'));
    await expect(takeInventory({ worktree, outputsDir: 'results', declaredInputs: ['data/link.txt'] })).rejects.toMatchObject({
      code: 'bad-input',
      message: expect.stringContaining('outside the worktree'),
    });
  });

  it('refuses an outputs dir that is a file', async () => {
    await expect(takeInventory({ worktree, outputsDir: 'configs/base.yaml', declaredInputs: [] })).rejects.toMatchObject({ code: 'bad-input' });
  });
});

describe('takeInventory with a list of declared outputs', () => {
  it('hashes output files and folders together, once each, and skips missing ones', async () => {
    const root = await mkdtemp(join(tmpdir(), 'epm-inventory-outputs-'));
    try {
      await mkdir(join(root, 'results', 'ckpt'), { recursive: true });
      await writeFile(join(root, 'results', 'ckpt', 'w.bin'), 'weights');
      await writeFile(join(root, 'metrics.json'), '{}');
      const inventory = await takeInventory({ worktree: root, outputs: ['results/', 'metrics.json', 'results/ckpt', 'absent/'], declaredInputs: [] });
      const sha = (text: string) => createHash('sha256').update(text).digest('hex');
      expect(inventory.created).toEqual([
        { path: 'metrics.json', sha256: sha('{}'), size: 2 },
        { path: 'results/ckpt/w.bin', sha256: sha('weights'), size: 7 },
      ]);
    } finally {
      await rm(root, { recursive: true, force: true });
    }
  });
});
