/**
 * Reduction: the state of an issue from what the tracker holds — labels, EPM's
 * markers, and humans' comments — with no I/O. Replayed markers (same key) are
 * ignored; malformed or forged ones are reported and skipped, never fatal.
 */
import type { TrackerIssue } from '../ports/tracker.js';
import { entryCommandOf, parseCommand } from './commands.js';
import { isEpmError } from './errors.js';
import { parseRecordedEvent } from './event-schema.js';
import { parseMarkers } from './markers.js';
import { DEFAULT_SETTINGS, initialState, type IssueState, type LifecycleSettings } from './state.js';
import { apply, readLabelsInto } from './transition.js';

/** Folds one issue's history into its state. */
export function reduce(issue: TrackerIssue, settings: LifecycleSettings = DEFAULT_SETTINGS): IssueState {
  const state = initialState(issue, settings);
  for (const comment of issue.comments) {
    if (!comment.byEpm) {
      foldHumanComment(state, comment.id, comment.author, comment.body);
      continue;
    }
    const { markers, problems } = parseMarkers(comment.body);
    for (const problem of problems) {
      state.problems.push(`comment ${comment.id}: malformed marker${problem.kind ? ` epm:${problem.kind}` : ''} skipped: ${problem.reason}`);
    }
    for (const marker of markers) {
      state.position += 1;
      state.versions.set(marker.kind, Math.max(state.versions.get(marker.kind) ?? 0, marker.version));
      const parsed = parseRecordedEvent(marker.kind, marker.payload);
      if ('problem' in parsed) {
        state.problems.push(`comment ${comment.id}: epm:${marker.kind} v${marker.version} skipped: ${parsed.problem}`);
        continue;
      }
      const { event } = parsed;
      if (state.keys.has(event.key)) continue; // a replay of a step already recorded
      try {
        const applied = apply(state, event);
        state.timeline.push({
          position: state.position,
          kind: marker.kind,
          version: marker.version,
          at: event.at,
          from: applied.from,
          to: applied.to,
          summary: applied.summary,
        });
      } catch (error) {
        if (!isEpmError(error)) throw error;
        state.keys.add(event.key);
        state.problems.push(`comment ${comment.id}: epm:${marker.kind} v${marker.version} did not apply: ${error.message}`);
      }
    }
  }
  state.pending = state.pending.filter((command) => !state.keys.has(`human:${command.source}`));
  readLabelsInto(state, issue.labels);
  return state;
}

function foldHumanComment(state: IssueState, id: string, author: string, body: string): void {
  state.position += 1;
  if (/<!--\s*epm:[a-z]/.test(body)) {
    state.problems.push(`comment ${id} by ${author} contains an EPM marker; ignored (only markers EPM writes are trusted)`);
  }
  if (entryCommandOf(body)) return; // answered by the action itself, not part of the lifecycle
  const parsed = parseCommand(body);
  if (parsed) state.pending.push({ source: id, actor: author, body: body.trim(), parsed });
  else state.feedback.push({ source: id, author, text: body.trim(), position: state.position });
}

