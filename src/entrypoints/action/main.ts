/**
 * The action's entry point (`dist/action/index.js`). `mode: route` parses the
 * event, authorizes the sender and acknowledges commands — with no secrets —
 * and hands the issue number to the worker; `mode: act` does the due work.
 * Every run writes a step summary saying what happened and what comes next;
 * a failure says what to do. The worker's modules load only in act mode, so
 * an ignored event costs little more than starting Node.
 */
import { readFile } from 'node:fs/promises';
import { badInput, isEpmError } from '../../domain/errors.js';
import { appendSummary, escapeHtml, info, setFailed, setOutput } from './io.js';
import { readInputs, type ActionInputs } from './inputs.js';
import { routeEvent, type Route } from './route.js';

async function route(inputs: ActionInputs): Promise<void> {
  let payload: unknown;
  try {
    payload = JSON.parse(await readFile(inputs.eventPath, 'utf8'));
  } catch (error) {
    throw badInput(`cannot read the event at GITHUB_EVENT_PATH (${inputs.eventPath}): ${error instanceof Error ? error.message : String(error)}`, { cause: error, hint: 'GitHub writes this file for every workflow run; outside Actions, point GITHUB_EVENT_PATH at a saved event' });
  }
  let decided: Route = routeEvent(inputs.eventName, payload, { repository: `${inputs.owner}/${inputs.repo}`, botLogin: inputs.botLogin });
  if (decided.action === 'tick' && decided.needsWrite) {
    const { authorize } = await import('./authorize.js');
    decided = await authorize(inputs, decided);
  }
  // The issues the workers take, one worker each (the templates' matrix, in the per-issue concurrency group).
  let issues: number[] = decided.action === 'tick' ? [decided.issue] : [];
  let more = '';
  if (decided.action === 'sweep') {
    const { openExperimentIssues } = await import('./sweep-list.js');
    const listed = await openExperimentIssues(inputs);
    issues = listed.issues;
    if (listed.open > issues.length) more = ` ${listed.open - issues.length} more open experiment(s) wait for the next sweeps (GitHub runs at most ${issues.length} jobs from one matrix).`;
    if (issues.length === 0) decided = { action: 'ignore', reason: `${decided.reason}: no open experiments` };
  }
  setOutput('action', decided.action);
  setOutput('issue', decided.action === 'tick' ? String(decided.issue) : '');
  setOutput('issues', JSON.stringify(issues)); // [] when ignored
  setOutput('reason', decided.reason);
  info(`EPM router: ${decided.action}${decided.action === 'ignore' ? '' : ` ${issues.map((n) => `#${n}`).join(' ')}`} — ${decided.reason}`);
  appendSummary(`### EPM router\n\n${escapeHtml(decided.action === 'ignore'
    ? `Nothing to do: ${decided.reason}.`
    : decided.action === 'sweep'
      ? `Sweeping ${issues.map((n) => `#${n}`).join(', ')} (${decided.reason}): one worker job each.${more}`
      : `Waking #${decided.issue} (${decided.reason}). The worker job carries it out.`)}`);
}

async function work(inputs: ActionInputs): Promise<void> {
  const core = await import('@actions/core');
  const { act } = await import('./act.js');
  const { nextOnGitHub } = await import('./status.js');
  const { outcomes, modelNotice, signingNotice } = await act({ inputs, env: process.env, log: (line) => core.info(line) });
  const rows = outcomes.map((o) => [
    `#${o.issue}`, o.before === o.status ? o.status : `${o.before} → ${o.status}`,
    o.error ? `**error**: ${o.error}` : o.waiting ? `waiting: ${o.waiting}` : o.state ? nextOnGitHub(o.state) : '',
  ]);
  const summary = core.summary.addHeading('EPM', 3).addRaw(modelNotice).addEOL().addRaw(signingNotice).addEOL();
  if (rows.length) summary.addTable([[{ data: 'issue', header: true }, { data: 'status', header: true }, { data: 'next', header: true }], ...rows]);
  else summary.addRaw('No open experiments.').addEOL();
  for (const o of outcomes) if (o.steps.length) summary.addDetails(`#${o.issue}: ${o.steps.length} step(s)`, `<pre>${o.steps.map(escapeHtml).join('\n')}</pre>`);
  await summary.write();
  const single = outcomes.length === 1 ? outcomes[0] : undefined;
  core.setOutput('status', single?.status ?? '');
  core.setOutput('issue', single ? String(single.issue) : '');
  const failed = outcomes.filter((o) => o.error);
  if (failed.length) core.setFailed(`EPM could not finish ${failed.map((o) => `#${o.issue}: ${o.error}`).join('; ')} — the next run (or "/epm retry") continues from the issue's state; nothing recorded is lost.`);
}

/** Runs the action; never throws (a failure marks the step failed with what to do). */
export async function run(env: NodeJS.ProcessEnv = process.env): Promise<void> {
  try {
    const inputs = readInputs(env);
    if (inputs.mode === 'route') await route(inputs);
    else await work(inputs);
  } catch (error) {
    const line = isEpmError(error) ? error.toLine() : error instanceof Error ? error.message : String(error);
    setFailed(`EPM: ${line}`);
    appendSummary(`### EPM failed\n\n${escapeHtml(line)}`);
  }
}

await run();
