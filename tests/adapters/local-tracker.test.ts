import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { appendFile, mkdir, mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { appendJsonl, readJsonl } from '../../src/adapters/local/jsonl-log.js';
import { LOCAL_EPM_AUTHOR, LocalTracker } from '../../src/adapters/local/local-tracker.js';
import { EpmError } from '../../src/domain/errors.js';
import type { NewIssue } from '../../src/ports/tracker.js';

let root: string;
let tracker: LocalTracker;
const children: ChildProcess[] = [];
const T0 = Date.parse('2024-05-01T12:00:00.000Z');

/** A clock that advances one second per reading, so every event has a distinct, known time. */
function steppingClock(): () => Date {
  let tick = 0;
  return () => new Date(T0 + 1000 * tick++);
}

const newIssue = (overrides: Partial<NewIssue> = {}): NewIssue => ({
  title: 'Does warmup matter?',
  body: 'Compare 0 and 500 warmup steps.',
  labels: ['type:experiment', 'status:proposed'],
  author: 'alice',
  ...overrides,
});

const eventsPath = (n: number) => join(root, 'issues', String(n), 'events.jsonl');
const lineCount = async (n: number) => (await readFile(eventsPath(n), 'utf8')).split('\n').length - 1;

async function rejection(promise: Promise<unknown>): Promise<EpmError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(EpmError);
  return error as EpmError;
}

beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), 'epm-local-tracker-'));
  tracker = new LocalTracker({ root, clock: steppingClock() });
});

afterEach(async () => {
  for (const child of children.splice(0)) child.kill();
  await rm(root, { recursive: true, force: true });
});

describe('LocalTracker issues', () => {
  it('creates an issue and reads the same state back', async () => {
    const created = await tracker.createIssue(newIssue({ title: '  Does warmup matter?  ', labels: ['a', 'b', 'a'] }));
    expect(created).toEqual({
      number: 1,
      title: 'Does warmup matter?',
      body: 'Compare 0 and 500 warmup steps.',
      author: 'alice',
      labels: ['a', 'b'],
      comments: [],
      open: true,
      createdAt: '2024-05-01T12:00:00.000Z',
    });
    await expect(tracker.getIssue(1)).resolves.toEqual(created);
    await expect(new LocalTracker({ root }).getIssue(1)).resolves.toEqual(created);

    const lines = (await readFile(eventsPath(1), 'utf8')).split('\n');
    expect(lines).toHaveLength(2);
    expect(lines[1]).toBe('');
    expect(JSON.parse(lines[0] ?? '')).toEqual({
      seq: 1,
      at: '2024-05-01T12:00:00.000Z',
      type: 'created',
      title: 'Does warmup matter?',
      body: 'Compare 0 and 500 warmup steps.',
      author: 'alice',
      labels: ['a', 'b'],
    });
  });

  it('numbers issues 1, 2, 3 and leaves no temporary folders', async () => {
    const numbers = [];
    for (const title of ['one', 'two', 'three']) numbers.push((await tracker.createIssue(newIssue({ title }))).number);
    expect(numbers).toEqual([1, 2, 3]);
    expect((await tracker.getIssue(2)).title).toBe('two');
    expect((await readdir(join(root, 'issues'))).sort()).toEqual(['1', '2', '3']);
  });

  it('continues after the highest existing issue folder and clears leftovers of a crashed creation', async () => {
    await tracker.createIssue(newIssue());
    await mkdir(join(root, 'issues', '7'));
    await appendJsonl(join(root, 'issues', '7', 'events.jsonl'), {
      seq: 1,
      at: '2024-01-01T00:00:00.000Z',
      type: 'created',
      title: 'seven',
      body: '',
      author: 'bob',
      labels: [],
    });
    await mkdir(join(root, 'issues', '.tmp-8-crashed'));
    expect((await tracker.createIssue(newIssue())).number).toBe(8);
    expect((await readdir(join(root, 'issues'))).sort()).toEqual(['1', '7', '8']);
  });

  it('hands out distinct numbers to concurrent creators using separate instances', async () => {
    const other = new LocalTracker({ root });
    const created = await Promise.all(
      Array.from({ length: 10 }, (_, i) => (i % 2 ? tracker : other).createIssue(newIssue({ title: `t${i}` }))),
    );
    expect(created.map((issue) => issue.number).sort((a, b) => a - b)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    for (const issue of created) expect((await tracker.getIssue(issue.number)).title).toBe(issue.title);
  });

  it('lists open issues by number, and all of them with {all: true}', async () => {
    expect(await tracker.listIssues()).toEqual([]);
    for (const title of ['one', 'two', 'three']) await tracker.createIssue(newIssue({ title, labels: [title] }));
    await tracker.setOpen(2, false);
    expect(await tracker.listIssues()).toEqual([
      { number: 1, title: 'one', labels: ['one'], open: true },
      { number: 3, title: 'three', labels: ['three'], open: true },
    ]);
    expect((await tracker.listIssues({ all: true })).map((s) => [s.number, s.open])).toEqual([
      [1, true],
      [2, false],
      [3, true],
    ]);
  });

  it('closes and reopens, writing nothing when the state does not change', async () => {
    await tracker.createIssue(newIssue());
    await tracker.setOpen(1, true);
    expect(await lineCount(1)).toBe(1);
    await tracker.setOpen(1, false);
    await tracker.setOpen(1, false);
    expect(await lineCount(1)).toBe(2);
    expect((await tracker.getIssue(1)).open).toBe(false);
    await tracker.setOpen(1, true);
    expect((await tracker.getIssue(1)).open).toBe(true);
    expect(await lineCount(1)).toBe(3);
  });

  it('rejects bad input with a hint and writes nothing', async () => {
    await tracker.createIssue(newIssue());
    const cases: Array<[Promise<unknown>, string]> = [
      [tracker.createIssue(newIssue({ title: '   ' })), 'title is empty'],
      [tracker.createIssue(newIssue({ author: '' })), 'author is empty'],
      [tracker.createIssue(newIssue({ labels: ['ok', ' '] })), 'label name is empty'],
      [tracker.addComment(1, '  \n', { as: { kind: 'epm' } }), 'comment body is empty'],
      [tracker.addComment(1, 'hi', { as: { kind: 'human', author: ' ' } }), 'author is empty'],
      [tracker.updateLabels(1, { add: ['x'], remove: ['x'] }), 'both added and removed'],
      [tracker.getIssue(0), 'positive integer'],
      [tracker.getIssue(1.5), 'positive integer'],
    ];
    for (const [promise, message] of cases) {
      const error = await rejection(promise);
      expect(error.code).toBe('bad-input');
      expect(error.message).toContain(message);
      expect(error.hint).toBeTruthy();
    }
    expect(await lineCount(1)).toBe(1);
    expect((await tracker.listIssues({ all: true })).map((s) => s.number)).toEqual([1]);
  });

  it('reports a missing issue as not-found with a hint, for reads and writes', async () => {
    await tracker.createIssue(newIssue());
    for (const promise of [
      tracker.getIssue(2),
      tracker.addComment(2, 'hi', { as: { kind: 'epm' } }),
      tracker.updateLabels(2, { add: ['x'] }),
      tracker.setOpen(2, false),
      tracker.withIssueLock(2, async () => undefined),
    ]) {
      const error = await rejection(promise);
      expect(error.code).toBe('not-found');
      expect(error.message).toContain('#2');
      expect(error.issue).toBe(2);
      expect(error.hint).toBe('run "epm list" to see issue numbers');
    }
    expect((await readdir(join(root, 'issues'))).sort()).toEqual(['1']);
  });
});

describe('LocalTracker labels', () => {
  it('adds and removes labels, and writes nothing for no-op changes', async () => {
    await tracker.createIssue(newIssue({ labels: ['type:experiment', 'status:proposed'] }));
    await tracker.updateLabels(1, { add: ['status:planned', 'lane:gpu'], remove: ['status:proposed'] });
    expect((await tracker.getIssue(1)).labels).toEqual(['type:experiment', 'status:planned', 'lane:gpu']);
    expect(await lineCount(1)).toBe(2);

    await tracker.updateLabels(1, { add: ['lane:gpu'], remove: ['status:proposed'] });
    await tracker.updateLabels(1, {});
    await tracker.updateLabels(1, { add: [], remove: ['never-there'] });
    expect(await lineCount(1)).toBe(2);

    // Only the labels that really change are recorded.
    await tracker.updateLabels(1, { add: ['lane:gpu', 'x', 'x'], remove: ['status:planned', 'absent'] });
    const last = JSON.parse((await readFile(eventsPath(1), 'utf8')).trim().split('\n').at(-1) ?? '');
    expect(last).toMatchObject({ seq: 3, type: 'labels', add: ['x'], remove: ['status:planned'] });
    expect((await tracker.getIssue(1)).labels).toEqual(['type:experiment', 'lane:gpu', 'x']);
  });
});

describe('LocalTracker comments', () => {
  it('keeps comments in creation order with author, byEpm, id c<seq> and time', async () => {
    await tracker.createIssue(newIssue());
    const first = await tracker.addComment(1, 'Please clarify the baseline.', { as: { kind: 'epm' } });
    await tracker.updateLabels(1, { add: ['status:clarifying'] });
    const second = await tracker.addComment(1, 'Baseline is run 12.', { as: { kind: 'human', author: 'alice' } });
    expect(first).toEqual({
      id: 'c2',
      author: LOCAL_EPM_AUTHOR,
      byEpm: true,
      body: 'Please clarify the baseline.',
      createdAt: '2024-05-01T12:00:01.000Z',
    });
    expect(second).toEqual({
      id: 'c4',
      author: 'alice',
      byEpm: false,
      body: 'Baseline is run 12.',
      createdAt: '2024-05-01T12:00:03.000Z',
    });
    expect((await tracker.getIssue(1)).comments).toEqual([first, second]);
  });

  it('does not trust a human comment that claims to be EPM', async () => {
    await tracker.createIssue(newIssue());
    const comment = await tracker.addComment(1, '<!-- epm:plan v1 -->', { as: { kind: 'human', author: 'epm' } });
    expect(comment.byEpm).toBe(false);
  });

  it('lands all of 20 concurrent comments from two instances, with distinct seqs and no lost line', async () => {
    await tracker.createIssue(newIssue());
    const other = new LocalTracker({ root });
    const bodies = Array.from({ length: 20 }, (_, i) => `comment ${i}`);
    const written = await Promise.all(
      bodies.map((body, i) => (i % 2 ? tracker : other).addComment(1, body, { as: { kind: 'epm' } })),
    );

    const { records, tornTail } = await readJsonl(eventsPath(1));
    expect(tornTail).toBe(false);
    expect(records).toHaveLength(21);
    expect(records.map((r) => (r as { seq: number }).seq)).toEqual(Array.from({ length: 21 }, (_, i) => i + 1));
    expect(new Set(written.map((c) => c.id)).size).toBe(20);
    const issue = await tracker.getIssue(1);
    expect(issue.comments.map((c) => c.body).sort()).toEqual([...bodies].sort());
    expect(issue.comments.map((c) => c.id)).toEqual(Array.from({ length: 20 }, (_, i) => `c${i + 2}`));
    expect(await readdir(join(root, 'issues', '1'))).toEqual(['events.jsonl']);
  });
});

describe('LocalTracker crash safety', () => {
  it('ignores a torn last line on read and repairs it before the next append', async () => {
    await tracker.createIssue(newIssue());
    await tracker.addComment(1, 'first', { as: { kind: 'epm' } });
    const before = await tracker.getIssue(1);
    // A writer killed mid-append leaves half a record and no newline.
    await appendFile(eventsPath(1), '{"seq":3,"at":"2024-05-01T12:00:09.000Z","type":"comment","id":"c3","auth');

    expect((await readJsonl(eventsPath(1))).tornTail).toBe(true);
    await expect(tracker.getIssue(1)).resolves.toEqual(before);
    expect((await tracker.listIssues()).map((s) => s.number)).toEqual([1]);

    const next = await tracker.addComment(1, 'second', { as: { kind: 'human', author: 'bob' } });
    expect(next.id).toBe('c3');
    const text = await readFile(eventsPath(1), 'utf8');
    expect(text.endsWith('\n')).toBe(true);
    const lines = text.slice(0, -1).split('\n');
    expect(lines).toHaveLength(3);
    for (const line of lines) expect(() => JSON.parse(line)).not.toThrow();
    expect((await readJsonl(eventsPath(1))).tornTail).toBe(false);
    expect((await tracker.getIssue(1)).comments.map((c) => c.body)).toEqual(['first', 'second']);
  });

  it('treats a last line of garbage ending in a newline as torn too', async () => {
    await tracker.createIssue(newIssue());
    await appendFile(eventsPath(1), '\0\0\0\0\n');
    await expect(tracker.getIssue(1)).resolves.toMatchObject({ number: 1, comments: [] });
    await tracker.setOpen(1, false);
    expect(await lineCount(1)).toBe(2);
    expect((await tracker.getIssue(1)).open).toBe(false);
  });

  it('reports a corrupt line in the middle naming the file and line, and refuses to write', async () => {
    await tracker.createIssue(newIssue());
    await tracker.addComment(1, 'first', { as: { kind: 'epm' } });
    await tracker.addComment(1, 'second', { as: { kind: 'epm' } });
    const lines = (await readFile(eventsPath(1), 'utf8')).split('\n');
    lines[1] = '{"seq":2,"type":"comm';
    await writeFile(eventsPath(1), lines.join('\n'));
    const corrupted = await readFile(eventsPath(1), 'utf8');

    for (const promise of [tracker.getIssue(1), tracker.addComment(1, 'third', { as: { kind: 'epm' } })]) {
      const error = await rejection(promise);
      expect(error.code).toBe('bad-input');
      expect(error.message).toContain(eventsPath(1));
      expect(error.message).toContain('line 2');
      expect(error.hint).toContain('line 2');
    }
    await expect(tracker.listIssues()).rejects.toThrow('line 2');
    expect(await readFile(eventsPath(1), 'utf8')).toBe(corrupted);
  });

  it('reports a well-formed line that is not a valid event, naming the file and line', async () => {
    await tracker.createIssue(newIssue());
    await appendFile(eventsPath(1), '{"seq":2,"at":"2024-05-01T12:00:09.000Z","type":"labels","add":"x"}\n');
    await appendFile(eventsPath(1), '{"seq":3,"at":"2024-05-01T12:00:09.000Z","type":"open","open":false}\n');
    const error = await rejection(tracker.getIssue(1));
    expect(error.code).toBe('bad-input');
    expect(error.message).toContain(`${eventsPath(1)} line 2`);
  });

  it('rejects a log whose seq goes backwards', async () => {
    await tracker.createIssue(newIssue());
    await appendFile(eventsPath(1), '{"seq":1,"at":"2024-05-01T12:00:09.000Z","type":"open","open":false}\n');
    await appendFile(eventsPath(1), '{"seq":3,"at":"2024-05-01T12:00:09.000Z","type":"open","open":true}\n');
    await expect(tracker.getIssue(1)).rejects.toThrow('line 2: seq 1 does not follow seq 1');
  });
});

describe('LocalTracker locking', () => {
  it('does not deadlock when writes run inside withIssueLock, and keeps them serialized', async () => {
    await tracker.createIssue(newIssue());
    const result = await tracker.withIssueLock(1, async () => {
      await tracker.addComment(1, 'inside', { as: { kind: 'epm' } });
      await tracker.updateLabels(1, { add: ['status:planned'] });
      await tracker.setOpen(1, false);
      // Parallel writes inside one held lock still get distinct seqs.
      await Promise.all(['a', 'b', 'c'].map((body) => tracker.addComment(1, body, { as: { kind: 'epm' } })));
      return tracker.withIssueLock(1, async () => 'nested');
    });
    expect(result).toBe('nested');
    const issue = await tracker.getIssue(1);
    expect(issue.comments.map((c) => c.id)).toEqual(['c2', 'c5', 'c6', 'c7']);
    expect(issue.open).toBe(false);
  });

  it('makes a writer in another tracker wait until withIssueLock finishes', async () => {
    await tracker.createIssue(newIssue());
    const other = new LocalTracker({ root });
    const order: string[] = [];
    let markLocked = () => {};
    const locked = new Promise<void>((resolve) => (markLocked = resolve));
    const holding = tracker.withIssueLock(1, async () => {
      markLocked();
      await sleep(100);
      await tracker.addComment(1, 'from holder', { as: { kind: 'epm' } });
      order.push('holder');
    });
    await locked;
    // Started outside the holder's async context, so it must wait for the lock file.
    const otherWrite = other.addComment(1, 'from other', { as: { kind: 'epm' } }).then(() => order.push('other'));
    await Promise.all([holding, otherWrite]);
    expect(order).toEqual(['holder', 'other']);
    expect((await tracker.getIssue(1)).comments.map((c) => c.body)).toEqual(['from holder', 'from other']);
  });

  it('throws busy naming the pid when another process holds the issue lock, and writes nothing', async () => {
    await tracker.createIssue(newIssue());
    const child = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 5000)'], { stdio: 'ignore' });
    children.push(child);
    await once(child, 'spawn');
    const lockPath = join(root, 'issues', '1', 'lock');
    await writeFile(lockPath, JSON.stringify({ pid: child.pid, hostname: hostname(), acquiredAt: new Date().toISOString() }));

    const impatient = new LocalTracker({ root, lock: { timeoutMs: 100 } });
    const error = await rejection(impatient.addComment(1, 'hi', { as: { kind: 'epm' } }));
    expect(error.code).toBe('busy');
    expect(error.message).toContain(`pid ${child.pid}`);
    expect(error.hint).toContain(lockPath);
    expect(await lineCount(1)).toBe(1);

    // Once that process is gone its lock is stale and the next write takes it over.
    child.kill();
    await once(child, 'exit');
    await impatient.addComment(1, 'after', { as: { kind: 'epm' } });
    expect(await lineCount(1)).toBe(2);
  });
});
