/**
 * Human actions and the `/epm …` commands that carry them in comments. The CLI
 * writes the same commands, so local and GitHub modes share one path.
 */
import { isLane, type Lane } from './lifecycle.js';

/** Something a human asks the engine to do. */
export type HumanAction =
  | { kind: 'approve'; /** The version (commit SHA) approved; omitted means "the current one" and is resolved before recording. */ version?: string }
  | { kind: 'revise'; message: string }
  | { kind: 'abort'; reason: string }
  | { kind: 'retry' }
  | { kind: 'unblock'; note: string }
  | { kind: 'lane'; lane: Lane };

/** The kinds of human action. */
export type HumanActionKind = HumanAction['kind'];

/** A command parsed from a comment, or why it could not be. */
export type ParsedCommand = { ok: true; action: HumanAction } | { ok: false; error: string };

const COMMAND = /^\/epm[ \t]+([a-z-]+)(?:[ \t]+([\s\S]*))?$/;

/**
 * Commands answered by the GitHub action itself, outside the lifecycle:
 * `/epm plan` makes an unlabelled issue an experiment, `/epm status` asks for
 * a status reply. The reduction skips them (they are neither lifecycle
 * commands nor feedback for a role).
 */
export type EntryCommand = 'plan' | 'status';

/** The entry command a comment carries, if it is one. */
export function entryCommandOf(body: string): EntryCommand | undefined {
  const match = /^\/epm[ \t]+(plan|status)[ \t]*$/.exec(body.trim());
  return match?.[1] as EntryCommand | undefined;
}

/** Renders an action as the command line a human would type. */
export function renderCommand(action: HumanAction): string {
  switch (action.kind) {
    case 'approve':
      return action.version ? `/epm approve ${action.version}` : '/epm approve';
    case 'revise':
      return `/epm revise ${action.message}`;
    case 'abort':
      return action.reason ? `/epm abort ${action.reason}` : '/epm abort';
    case 'retry':
      return '/epm retry';
    case 'unblock':
      return action.note ? `/epm unblock ${action.note}` : '/epm unblock';
    case 'lane':
      return `/epm lane ${action.lane}`;
  }
}

/**
 * Parses a comment body that starts with `/epm`. Returns undefined for a plain
 * comment (conversation, answers to the clarifier), which is not a command.
 */
export function parseCommand(body: string): ParsedCommand | undefined {
  const text = body.trim();
  if (!/^\/epm\b/.test(text)) return undefined;
  const match = COMMAND.exec(text);
  if (!match?.[1]) return { ok: false, error: 'expected "/epm <approve|revise|abort|retry|unblock|lane> …"' };
  const verb = match[1];
  const rest = (match[2] ?? '').trim();
  switch (verb) {
    case 'approve': {
      if (rest === '') return { ok: true, action: { kind: 'approve' } };
      if (!/^[0-9a-f]{7,64}$/.test(rest)) return { ok: false, error: `"/epm approve" takes an optional commit SHA, got "${rest.slice(0, 40)}"` };
      return { ok: true, action: { kind: 'approve', version: rest } };
    }
    case 'revise':
      return rest === ''
        ? { ok: false, error: '"/epm revise" needs the feedback text, e.g. "/epm revise use 5 seeds"' }
        : { ok: true, action: { kind: 'revise', message: rest } };
    case 'abort':
      return { ok: true, action: { kind: 'abort', reason: rest } };
    case 'retry':
      return { ok: true, action: { kind: 'retry' } };
    case 'unblock':
      return { ok: true, action: { kind: 'unblock', note: rest } };
    case 'lane':
      return isLane(rest)
        ? { ok: true, action: { kind: 'lane', lane: rest } }
        : { ok: false, error: `"/epm lane" takes full, config or follow-up, got "${rest.slice(0, 40)}"` };
    default:
      return { ok: false, error: `unknown command "/epm ${verb}"; expected approve, revise, abort, retry, unblock, lane, plan or status` };
  }
}
