/**
 * bench/action — what the GitHub Action costs.
 *
 * 1. Cold start: `node dist/action/index.js` (router mode) on an event it
 *    ignores, as a ratio to `node -e 0`, interleaved in the same run (median
 *    of 21 rounds). Target ≤ 4×. Plus the bundle's size.
 * 2. GitHub requests per lifecycle transition: one experiment driven from
 *    "issue opened" to follow-ups through the bundle against the GitHub
 *    emulator, whose per-route counts are divided by the transitions recorded
 *    (one marker each). Target ≤ 6 on average.
 *
 * Run with `npm run bench:action` (after `npm run build`).
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { DEMO_ISSUE_BODY, DEMO_ISSUE_TITLE } from '../src/entrypoints/cli/demo.js';
import { ActionWorld, BOT } from '../tests/action/support/action-world.js';

const ROUNDS = 21;
const BUNDLE = resolve('dist/action/index.js');

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN;

function coldStart(): void {
  const dir = mkdtempSync(join(tmpdir(), 'epm-bench-action-'));
  const event = join(dir, 'event.json');
  writeFileSync(event, JSON.stringify({ action: 'closed', issue: { number: 1, labels: [] }, sender: { login: 'lead' } }));
  writeFileSync(join(dir, 'out'), '');
  writeFileSync(join(dir, 'summary'), '');
  const env = {
    PATH: process.env['PATH'] ?? '', INPUT_MODE: 'route', 'INPUT_GITHUB-TOKEN': 'x', GITHUB_REPOSITORY: 'lab/study',
    GITHUB_EVENT_NAME: 'issues', GITHUB_EVENT_PATH: event, GITHUB_OUTPUT: join(dir, 'out'), GITHUB_STEP_SUMMARY: join(dir, 'summary'),
  };
  const time = (args: string[]): number => {
    const start = performance.now();
    const result = spawnSync(process.execPath, args, { env, stdio: 'pipe' });
    if (result.status !== 0) throw new Error(`${args.join(' ')} failed: ${String(result.stderr)}`);
    return performance.now() - start;
  };
  time([BUNDLE]); // warm the file cache once
  const action: number[] = [];
  const baseline: number[] = [];
  for (let i = 0; i < ROUNDS; i++) {
    baseline.push(time(['-e', '0']));
    action.push(time([BUNDLE]));
  }
  const ratio = median(action) / median(baseline);
  const files = readdirSync(resolve('dist/action')).filter((f) => f.endsWith('.js'));
  const total = files.reduce((sum, f) => sum + statSync(resolve('dist/action', f)).size, 0);
  console.log(`cold start, ignored event: ${median(action).toFixed(1)} ms vs node -e 0 ${median(baseline).toFixed(1)} ms → ${ratio.toFixed(2)}× (target ≤ 4×: ${ratio <= 4 ? 'MET' : 'NOT MET'})`);
  console.log(`bundle: index.js ${(statSync(BUNDLE).size / 1024 / 1024).toFixed(2)} MiB loaded at start; all ${files.length} chunks ${(total / 1024 / 1024).toFixed(2)} MiB (+ resvg.wasm and a font for figures)`);
}

async function requestsPerTransition(): Promise<void> {
  const world = await ActionWorld.start();
  try {
    const issue = world.gh.seedIssue({ title: DEMO_ISSUE_TITLE, body: DEMO_ISSUE_BODY, user: 'lead', labels: ['type:experiment'] });
    await world.deliver(world.gh.webhook.issuesOpened(issue.number, 'lead'));
    for (const stage of ['plan', 'result']) {
      const pull = world.gh.pulls()[0];
      const head = pull ? world.remoteHead(`refs/heads/${pull.head.ref}`) : undefined;
      if (!pull || !head) throw new Error(`no experiment PR to approve the ${stage} on`);
      const review = world.gh.seedReview(pull.number, { user: 'lead', state: 'APPROVED', commitId: head });
      await world.deliver(world.gh.webhook.pullRequestReviewSubmitted(pull.number, Number(review.id)));
    }
    const markers = world.gh.comments(issue.number).filter((c) => c.user?.login === BOT && /<!-- epm:[a-z-]+ v\d+ -->/.test(c.body ?? '')).length;
    const counts = world.gh.counts();
    const total = Object.values(counts).reduce((a, b) => a + b, 0);
    const labels = world.gh.issue(issue.number).labels.map((l) => (typeof l === 'string' ? l : l.name ?? ''));
    console.log(`lifecycle: ${labels.join(', ')}; ${markers} transitions recorded; ${total} GitHub requests`);
    for (const [route, n] of Object.entries(counts).sort((a, b) => b[1] - a[1])) console.log(`  ${String(n).padStart(4)}  ${route}`);
    const ratio = total / markers;
    console.log(`requests per transition: ${ratio.toFixed(2)} (target ≤ 6: ${ratio <= 6 ? 'MET' : 'NOT MET'})`);
    if (world.gh.violations.length) console.log(`emulator saw ${world.gh.violations.length} schema violations:\n${world.gh.violations.join('\n')}`);
  } finally {
    await world.close();
  }
}

coldStart();
await requestsPerTransition();
