/** Renders states for the terminal and for `--json`. */
import { MAIN_STATUSES, SIDE_STATES, type Status } from '../../domain/lifecycle.js';
import { currentRun, type IssueState } from '../../domain/state.js';
import { due } from '../../domain/transition.js';

/** The machine-readable view of one issue (`epm show N --json`). */
export function issueView(state: IssueState, now: Date) {
  const run = currentRun(state);
  const next = due(state, now)[0];
  return {
    number: state.number,
    title: state.title,
    status: state.status,
    type: state.type ?? null,
    claim: state.claim ?? null,
    lane: state.lane,
    laneConfirmed: state.laneConfirmed,
    next: next ? (next.kind === 'invoke-role' ? `run role ${next.role}` : next.kind) : waitingOn(state),
    blocked: state.blocked ?? null,
    failed: state.failed ?? null,
    aborted: state.aborted ?? null,
    plan: state.plan ? { version: state.plan.version, path: state.plan.path } : null,
    preRegistration: state.frozen ? { version: state.frozen.version, approver: state.frozen.approver, at: state.frozen.at } : null,
    deviations: state.deviations,
    approvals: state.approvals,
    loops: Object.fromEntries(Object.entries(state.loops).map(([name, loop]) => [name, loop.round])),
    findings: state.findings,
    run: run ? { k: run.k, runId: run.runId, sha: run.sha, tag: run.tag, logPath: run.logPath, ended: run.ended ?? null, released: run.released } : null,
    result: state.result ?? null,
    followUps: state.followUps?.proposals ?? null,
    budget: {
      modelUsd: { used: round(state.spend.usd), limit: state.settings.modelUsdPerExperiment },
      gpuHours: {
        used: round(state.runs.reduce((sum, r) => sum + r.usedGpuHours, 0)),
        planned: state.frozen?.manifest.gpuHours ?? state.plan?.manifest.gpuHours ?? null,
        limit: state.settings.gpuHoursPerExperiment,
      },
      tokens: { input: state.spend.inputTokens, output: state.spend.outputTokens },
    },
    pendingCommands: state.pending.map((p) => ({ source: p.source, actor: p.actor, body: p.body })),
    timeline: state.timeline,
    problems: state.problems,
  };
}

const round = (n: number) => Math.round(n * 1000) / 1000;

/** What a state that has nothing due is waiting for. */
export function waitingOn(state: IssueState): string {
  switch (state.status) {
    case 'awaiting-plan-approval':
      return `your approval of plan ${state.plan?.version.slice(0, 12) ?? ''} (epm approve ${state.number}) or revision (epm revise ${state.number} --message …)`;
    case 'awaiting-result-approval':
      return `your approval of the clean result ${state.result?.sha.slice(0, 12) ?? ''} (epm approve ${state.number})`;
    case 'clarifying':
      return `your answers to the clarifier's questions (epm comment ${state.number} --message …)`;
    case 'blocked':
      return `your decision: ${state.blocked?.decision ?? ''}`;
    case 'failed':
      return `epm retry ${state.number} once the ${state.failed?.cause ?? ''} cause is fixed`;
    case 'running':
      return 'the run (epm tick wakes the monitor)';
    default:
      return 'nothing';
  }
}

/** The human view of one issue (`epm show N`). */
export function renderShow(state: IssueState, now: Date): string {
  const view = issueView(state, now);
  const lines = [
    `#${view.number} ${view.title}`,
    `  status   ${view.status}${view.type ? `   type ${view.type}` : ''}   lane ${view.lane}${view.laneConfirmed ? ' (confirmed)' : ''}`,
    `  next     ${view.next}`,
  ];
  if (view.claim !== null) lines.push(`  claim    #${view.claim}`);
  if (view.blocked) lines.push(`  blocked  ${view.blocked.decision}`);
  if (view.failed) lines.push(`  failed   ${view.failed.cause}: ${view.failed.detail}`);
  if (view.plan) lines.push(`  plan     ${view.plan.path} @ ${view.plan.version.slice(0, 12)}`);
  if (view.preRegistration) lines.push(`  frozen   pre-registration @ ${view.preRegistration.version.slice(0, 12)} approved by ${view.preRegistration.approver}`);
  for (const d of view.deviations) lines.push(`  deviation ${d.field}: ${d.from} → ${d.to}`);
  if (view.run) lines.push(`  run      ${view.run.runId} (${view.run.tag}) log ${view.run.logPath}${view.run.ended ? ` — ended ${view.run.ended.exitCode}` : ''}${view.run.released ? ', released' : ''}`);
  if (view.result) lines.push(`  result   ${view.result.path} @ ${view.result.sha.slice(0, 12)} — ${view.result.title}`);
  const gpu = view.budget.gpuHours;
  lines.push(`  budget   model $${view.budget.modelUsd.used} of $${view.budget.modelUsd.limit}; GPU-h ${gpu.used}${gpu.planned !== null ? ` of ${gpu.planned} planned` : ''} (limit ${gpu.limit})`);
  for (const finding of view.findings) lines.push(`  finding  ${finding}`);
  for (const p of view.pendingCommands) lines.push(`  pending  ${p.actor}: ${p.body}`);
  lines.push('  timeline');
  for (const t of view.timeline) {
    const move = t.from && t.to && t.from !== t.to ? ` [${t.from} → ${t.to}]` : '';
    lines.push(`    ${t.at.replace('T', ' ').slice(0, 19)}  epm:${t.kind} v${t.version}${move}  ${t.summary}`);
  }
  for (const problem of view.problems) lines.push(`  problem  ${problem}`);
  return lines.join('\n');
}

/** One card on the board. */
export interface BoardCard {
  number: number;
  title: string;
  status: Status;
}

/** Columns by status, side by side, wrapped to the terminal width. */
export function renderBoard(cards: readonly BoardCard[], width: number): string {
  const order: Status[] = [...MAIN_STATUSES, ...SIDE_STATES];
  const columns = order
    .map((status) => ({ status, cards: cards.filter((c) => c.status === status) }))
    .filter((column) => column.cards.length > 0);
  if (columns.length === 0) return 'No issues. Create one with: epm new "<title>"';
  const colWidth = 28;
  const perRow = Math.max(1, Math.floor((width + 2) / (colWidth + 2)));
  const fit = (text: string) => (text.length > colWidth ? `${text.slice(0, colWidth - 1)}…` : text.padEnd(colWidth));
  const blocks: string[] = [];
  for (let i = 0; i < columns.length; i += perRow) {
    const row = columns.slice(i, i + perRow);
    const height = Math.max(...row.map((c) => c.cards.length));
    const lines = [row.map((c) => fit(`${c.status} (${c.cards.length})`)).join('  '), row.map(() => '─'.repeat(colWidth)).join('  ')];
    for (let r = 0; r < height; r++) {
      lines.push(row.map((c) => fit(c.cards[r] ? `#${c.cards[r]!.number} ${c.cards[r]!.title}` : '')).join('  ').trimEnd());
    }
    blocks.push(lines.join('\n'));
  }
  return blocks.join('\n\n');
}
