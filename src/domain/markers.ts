/**
 * Markers: how EPM records state in tracker comments (DESIGN.md §3).
 *
 * A marker is a block
 *
 *     <!-- epm:<kind> v<n> -->
 *     prose for humans (Markdown)
 *
 *     ```json
 *     { "payload": "for machines" }
 *     ```
 *     <!-- /epm:<kind> -->
 *
 * Markers are append-only: a newer state is a new marker with a higher
 * version, and for each kind the highest version wins. Only markers in
 * comments EPM itself wrote are trusted; the same text in a human comment is
 * a quote or a forgery and is reported as ignored.
 *
 * Round trip: the payload round-trips exactly for every JSON value (including
 * `-0`). The prose does not: rendering trims it, normalises line endings and
 * escapes anything that could open or close a marker, an HTML comment or a
 * code fence, and parsing does not undo that escape. The prose is for humans;
 * the payload is what machines read. {@link escapeMarkerProse} gives the prose
 * exactly as it will parse back.
 */
import type { TrackerComment } from '../ports/tracker.js';
import { badInput } from './errors.js';

/** A marker: one versioned piece of state of a given kind. */
export interface Marker<P = unknown> {
  /** What the marker records, e.g. `plan`, `approval`; matches {@link MARKER_KIND_PATTERN}. */
  kind: string;
  /** Version within the kind, an integer ≥ 1; the highest one wins. */
  version: number;
  /** Machine-readable state; any JSON value. */
  payload: P;
  /** Human-readable Markdown shown above the payload; may be empty. */
  prose: string;
}

/** A malformed marker found while parsing a comment body; it is skipped, never thrown. */
export interface MarkerProblem {
  /** Kind of the marker concerned, when it could be read. */
  kind?: string;
  /** Version of the marker concerned, when it could be read. */
  version?: number;
  /** What is wrong, in a sentence that says what was expected. */
  reason: string;
  /** The offending text, whitespace collapsed, at most 80 characters. */
  excerpt: string;
}

/** A trusted marker together with where it was found. */
export interface LocatedMarker<P = unknown> extends Marker<P> {
  /** Id of the comment holding the marker. */
  commentId: string;
  /** Author of that comment (EPM's own login or name). */
  author: string;
  /** ISO-8601 creation time of that comment. */
  createdAt: string;
  /** 0-based position in the issue's overall order of trusted markers (comment order, then body order). */
  index: number;
}

/** A well-formed marker found in a comment EPM did not write: never trusted. */
export interface IgnoredMarker {
  /** Id of the comment holding it. */
  commentId: string;
  /** Who wrote that comment. */
  author: string;
  /** Kind the marker claims. */
  kind: string;
  /** Version the marker claims. */
  version: number;
}

/** A problem in one of EPM's own comments. */
export type LocatedMarkerProblem = MarkerProblem & {
  /** Id of the comment holding the malformed marker. */
  commentId: string;
};

/** Result of {@link parseMarkers}. */
export interface ParsedMarkers {
  /** Well-formed markers in body order. */
  markers: Marker[];
  /** Malformed blocks and tags, in body order; each was skipped. */
  problems: MarkerProblem[];
}

/** Result of {@link collectMarkers}. */
export interface CollectedMarkers {
  /** Trusted markers (from EPM's comments), in comment order then body order. */
  markers: LocatedMarker[];
  /** Malformed markers in EPM's own comments. Human comments may hold anything and are not reported. */
  problems: LocatedMarkerProblem[];
  /** Well-formed markers found in human comments: quotes or forgeries, never trusted. */
  ignored: IgnoredMarker[];
}

/** What a marker kind must look like: lower-case, starts with a letter, at most 40 characters. */
export const MARKER_KIND_PATTERN = /^[a-z][a-z0-9-]{0,39}$/;

const EXCERPT_MAX = 80;

/** True when `kind` is a valid marker kind. */
export const isMarkerKind = (kind: unknown): kind is string =>
  typeof kind === 'string' && MARKER_KIND_PATTERN.test(kind);

/** True when `version` is a valid marker version (a safe integer ≥ 1). */
export const isMarkerVersion = (version: unknown): version is number =>
  typeof version === 'number' && Number.isSafeInteger(version) && version >= 1;

/** Throws bad-input unless `kind` is a valid marker kind. */
const assertKind = (kind: unknown): string => {
  if (!isMarkerKind(kind)) {
    throw badInput(`Marker kind ${describe(kind)} is invalid.`, {
      hint: 'Use 1–40 characters: a lower-case letter, then lower-case letters, digits or "-" (e.g. "plan-critique").',
    });
  }
  return kind;
};

/** Throws bad-input unless `version` is a valid marker version. */
const assertVersion = (kind: string, version: unknown): number => {
  if (!isMarkerVersion(version)) {
    throw badInput(`Marker epm:${kind} has invalid version ${describe(version)}.`, {
      hint: 'Use an integer ≥ 1; nextVersion(markers, kind) gives the next free one.',
    });
  }
  return version;
};

const describe = (value: unknown): string => {
  if (typeof value === 'string') return JSON.stringify(value);
  if (typeof value === 'bigint') return `${value}n`;
  if (typeof value === 'symbol' || typeof value === 'function') return `(${typeof value})`;
  return String(value);
};

/**
 * Renders a marker as the exact text EPM posts in a comment.
 * Throws bad-input when the kind or version is invalid, the prose is not a
 * string, or the payload is not exactly representable as JSON.
 */
export const renderMarker = (marker: Marker): string => {
  if (typeof marker !== 'object' || marker === null) {
    throw badInput('Marker must be an object with kind, version, payload and prose.');
  }
  const kind = assertKind(marker.kind);
  const version = assertVersion(kind, marker.version);
  if (typeof marker.prose !== 'string') {
    throw badInput(`Marker epm:${kind} v${version} has prose of type ${typeof marker.prose}.`, {
      hint: 'Pass the prose as a string; use "" for none.',
    });
  }
  const json = escapeJson(serializePayload(kind, version, marker.payload));
  const prose = escapeMarkerProse(marker.prose);
  const head = `<!-- epm:${kind} v${version} -->\n`;
  const body = prose === '' ? '' : `${prose}\n\n`;
  return `${head}${body}\`\`\`json\n${json}\n\`\`\`\n<!-- /epm:${kind} -->`;
};

/**
 * The prose exactly as {@link renderMarker} writes it and {@link parseMarkers}
 * reads it back: line endings normalised to `\n`, trimmed, `<!--` and `-->`
 * turned into `&lt;!--` and `--&gt;` (they display the same in Markdown), and
 * every line that could open a code fence (``` or ~~~ after up to three
 * spaces) prefixed with a backslash. The escape is deliberately not reversed.
 */
export const escapeMarkerProse = (prose: string): string =>
  prose
    .replace(/\r\n?/g, '\n')
    .trim()
    // `<!--` first, so that `<!-->` becomes `&lt;!--&gt;`; neither replacement can create the other.
    .replace(/<!--/g, '&lt;!--')
    .replace(/-->/g, '--&gt;')
    .split('\n')
    .map((line) => line.replace(/^( {0,3})(`{3}|~{3})/, '$1\\$2'))
    .join('\n');

/**
 * `<`, `>` and `&` only occur inside JSON strings, where their `\u` escapes are
 * equivalent; escaping them means no payload can spell `<!--` or `-->`.
 */
const escapeJson = (json: string): string =>
  json.replace(/[<>&]/g, (c) => `\\u00${c.charCodeAt(0).toString(16).padStart(2, '0')}`);

/**
 * Pretty-prints `payload` like `JSON.stringify(payload, null, 2)`, but refuses
 * anything that would not parse back to the same value, and keeps `-0`.
 */
const serializePayload = (kind: string, version: number, payload: unknown): string => {
  const fail = (path: string, what: string, hint: string): never => {
    throw badInput(`Marker epm:${kind} v${version} payload${path} ${what}.`, { hint });
  };
  const ancestors = new Set<object>();

  const write = (value: unknown, path: string, indent: string): string => {
    switch (typeof value) {
      case 'string':
        return JSON.stringify(value);
      case 'boolean':
        return value ? 'true' : 'false';
      case 'number':
        if (!Number.isFinite(value)) {
          return fail(path, `is ${value}, which JSON cannot hold`, 'Store non-finite numbers as null or a string.');
        }
        return Object.is(value, -0) ? '-0' : JSON.stringify(value);
      case 'undefined':
        return fail(path, 'is undefined', 'Use null for "no value", or leave the property out.');
      case 'bigint':
        return fail(path, 'is a BigInt, which JSON cannot hold', 'Store it as a decimal string.');
      case 'function':
        return fail(path, 'is a function', 'Payloads hold data only.');
      case 'symbol':
        return fail(path, 'is a symbol', 'Payloads hold data only.');
    }
    if (value === null) return 'null';
    const object = value as object;
    if (ancestors.has(object)) {
      return fail(path, 'refers back to itself (a cycle)', 'Payloads must be trees.');
    }
    const inner = `${indent}  `;
    ancestors.add(object);
    let text: string;
    if (Array.isArray(object)) {
      const items: string[] = [];
      for (let i = 0; i < object.length; i += 1) {
        if (!(i in object)) {
          fail(`${path}[${i}]`, 'is a hole in a sparse array', 'Fill the hole with null.');
        }
        items.push(inner + write(object[i], `${path}[${i}]`, inner));
      }
      text = items.length === 0 ? '[]' : `[\n${items.join(',\n')}\n${indent}]`;
    } else {
      const proto: unknown = Object.getPrototypeOf(object);
      if (proto !== Object.prototype && proto !== null) {
        const name = (object as { constructor?: { name?: unknown } }).constructor?.name;
        fail(
          path,
          `is a ${typeof name === 'string' && name !== '' ? name : 'non-plain object'}, not a plain object`,
          'Convert it to plain JSON first (e.g. a Date to its ISO string, a Map to an object).',
        );
      }
      if (Object.getOwnPropertySymbols(object).length > 0) {
        fail(path, 'has symbol keys, which JSON cannot hold', 'Use string keys.');
      }
      const entries: string[] = [];
      for (const key of Object.keys(object)) {
        const child: unknown = (object as Record<string, unknown>)[key];
        // Like JSON.stringify, an undefined property is simply absent.
        if (child === undefined) continue;
        const childPath = `${path}.${key}`;
        entries.push(`${inner}${JSON.stringify(key)}: ${write(child, childPath, inner)}`);
      }
      text = entries.length === 0 ? '{}' : `{\n${entries.join(',\n')}\n${indent}}`;
    }
    ancestors.delete(object);
    return text;
  };

  return write(payload, '', '');
};

/** A tag found in a body: an open tag, a close tag, or something marker-like that is neither. */
type Token =
  | { type: 'open'; start: number; end: number; kind: string; version: number | undefined; rawVersion: string; kindOk: boolean }
  | { type: 'close'; start: number; end: number; kind: string }
  | { type: 'junk'; start: number; end: number; reason: string };

const OPEN_TAG = /^<!--[ \t]*epm:(\S+)[ \t]+v(\S+?)[ \t]*-->$/;
const CLOSE_TAG = /^<!--[ \t]*\/epm:(\S+?)[ \t]*-->$/;
const EXPECTED_TAGS = 'expected `<!-- epm:<kind> v<n> -->` or `<!-- /epm:<kind> -->`';

/** Finds every marker-like tag in `body`, in order. */
/** Index of the next `<!--` followed by optional whitespace and `epm:` or `/epm:`, or -1. */
const nextTagStart = (body: string, from: number): number => {
  for (let at = body.indexOf('<!--', from); at !== -1; at = body.indexOf('<!--', at + 4)) {
    let i = at + 4;
    while (i < body.length && /\s/.test(body[i] ?? '')) i += 1;
    if (body[i] === '/') i += 1;
    if (body.startsWith('epm:', i)) return at;
  }
  return -1;
};

const tokenize = (body: string): Token[] => {
  const tokens: Token[] = [];
  // indexOf finds candidate tags far faster than a global regex over long payloads.
  let resume = 0;
  for (let start = nextTagStart(body, resume); start !== -1; start = nextTagStart(body, resume)) {
    const close = body.indexOf('-->', start + 4);
    const newline = body.indexOf('\n', start);
    if (close === -1 || (newline !== -1 && newline < close)) {
      const end = newline === -1 ? body.length : newline;
      tokens.push({ type: 'junk', start, end, reason: `marker tag is not closed by "-->" on the same line; ${EXPECTED_TAGS}` });
      resume = end;
      continue;
    }
    const end = close + 3;
    const tag = body.slice(start, end);
    resume = end;
    const open = OPEN_TAG.exec(tag);
    if (open) {
      const kind = open[1] ?? '';
      const rawVersion = open[2] ?? '';
      const version = /^[1-9][0-9]*$/.test(rawVersion) ? Number(rawVersion) : undefined;
      tokens.push({
        type: 'open',
        start,
        end,
        kind,
        version: version !== undefined && Number.isSafeInteger(version) ? version : undefined,
        rawVersion,
        kindOk: isMarkerKind(kind),
      });
      continue;
    }
    const closeTag = CLOSE_TAG.exec(tag);
    if (closeTag) {
      tokens.push({ type: 'close', start, end, kind: closeTag[1] ?? '' });
      continue;
    }
    tokens.push({ type: 'junk', start, end, reason: `unrecognised marker tag; ${EXPECTED_TAGS}` });
  }
  return tokens;
};

/** Up to 80 characters of `body` from `start`, whitespace collapsed. */
const excerptAt = (body: string, start: number, end?: number): string => {
  const text = body
    .slice(start, end ?? start + EXCERPT_MAX * 4)
    .replace(/\s+/g, ' ')
    .trim();
  return text.length <= EXCERPT_MAX ? text : `${text.slice(0, EXCERPT_MAX - 1)}…`;
};

/** An open block while scanning; `broken` blocks were already reported and are dropped at their close. */
interface OpenBlock {
  token: Extract<Token, { type: 'open' }>;
  broken: boolean;
}

/**
 * Finds every marker block in `body`, in order. Malformed blocks and tags are
 * reported as problems and skipped; this never throws. Text outside blocks is
 * ignored. CRLF line endings are accepted.
 */
export const parseMarkers = (body: string): ParsedMarkers => {
  const markers: Marker[] = [];
  const problems: MarkerProblem[] = [];
  if (typeof body !== 'string') return { markers, problems };
  const single = parseSingleRendered(body);
  if (single) return { markers: [single], problems };
  const text = body.includes('\r') ? body.replace(/\r\n/g, '\n') : body;

  const blockProblem = (block: OpenBlock, reason: string, at = block.token.start): void => {
    const problem: MarkerProblem = { kind: block.token.kind, reason, excerpt: excerptAt(text, at) };
    if (block.token.version !== undefined) problem.version = block.token.version;
    problems.push(problem);
  };
  const label = (block: OpenBlock): string =>
    `epm:${block.token.kind}${block.token.version === undefined ? '' : ` v${block.token.version}`}`;

  let open: OpenBlock | undefined;
  for (const token of tokenize(text)) {
    if (token.type === 'junk') {
      if (open && !open.broken) {
        blockProblem(open, `${label(open)} contains a malformed marker tag (${token.reason}); the block is skipped`, token.start);
        open.broken = true;
      } else {
        problems.push({ reason: token.reason, excerpt: excerptAt(text, token.start, token.end) });
      }
      continue;
    }
    if (token.type === 'open') {
      if (open && !open.broken) {
        blockProblem(
          open,
          `${label(open)} is not closed before another marker opens (nested open or missing \`<!-- /epm:${open.token.kind} -->\`); it is skipped`,
        );
      }
      open = { token, broken: false };
      if (!token.kindOk) {
        blockProblem(open, `marker kind "${token.kind}" is invalid; expected a lower-case letter then up to 39 of [a-z0-9-]; the block is skipped`);
        open.broken = true;
      } else if (token.version === undefined) {
        blockProblem(open, `epm:${token.kind} has invalid version "v${token.rawVersion}"; expected v<integer ≥ 1>; the block is skipped`);
        open.broken = true;
      }
      continue;
    }
    // A close tag.
    if (!open) {
      problems.push({
        kind: token.kind,
        reason: `close tag \`<!-- /epm:${token.kind} -->\` has no matching open tag`,
        excerpt: excerptAt(text, token.start, token.end),
      });
      continue;
    }
    const block = open;
    open = undefined;
    if (token.kind !== block.token.kind) {
      blockProblem(
        block,
        `${label(block)} is closed by \`<!-- /epm:${token.kind} -->\`; expected \`<!-- /epm:${block.token.kind} -->\`; the block is skipped`,
      );
      continue;
    }
    if (block.broken) continue;
    const parsed = parseBlockContent(text.slice(block.token.end, token.start));
    if ('reason' in parsed) {
      blockProblem(block, `${label(block)} ${parsed.reason}; the block is skipped`);
      continue;
    }
    markers.push({ kind: block.token.kind, version: block.token.version as number, payload: parsed.payload, prose: parsed.prose });
  }
  if (open && !open.broken) {
    blockProblem(open, `${label(open)} is never closed; expected \`<!-- /epm:${open.token.kind} -->\` after its JSON fence`);
  }
  return { markers, problems };
};

/**
 * Fast path for the common case, a body holding exactly one marker as
 * {@link renderMarker} writes it: one open tag at the start, its close tag at
 * the end, no other tag between. Returns undefined whenever the body departs
 * from that shape in any way, and the general parser decides instead, so the
 * result is always the same as the general path's.
 */
const parseSingleRendered = (body: string): Marker | undefined => {
  if (!body.startsWith('<!-- epm:')) return undefined;
  const headEnd = body.indexOf(' -->\n', 9);
  if (headEnd === -1) return undefined;
  const head = body.slice(9, headEnd);
  const space = head.indexOf(' v');
  if (space === -1) return undefined;
  const kind = head.slice(0, space);
  const rawVersion = head.slice(space + 2);
  if (!isMarkerKind(kind) || !/^[1-9][0-9]{0,15}$/.test(rawVersion)) return undefined;
  const version = Number(rawVersion);
  if (!Number.isSafeInteger(version)) return undefined;
  const closeTag = `\n<!-- /epm:${kind} -->`;
  if (!body.endsWith(closeTag)) return undefined;
  const contentStart = headEnd + 5;
  const contentEnd = body.length - closeTag.length + 1;
  if (contentEnd < contentStart || body.indexOf('<!--', contentStart) !== contentEnd) return undefined;
  const content = body.slice(contentStart, contentEnd);
  // Rendered shape: optional prose, then the fence, the JSON, and the closing fence last.
  if (!content.endsWith('\n```\n')) return undefined;
  const fence = content.indexOf('```json\n');
  if (fence === -1 || (fence > 0 && content[fence - 1] !== '\n')) return undefined;
  const prose = content.slice(0, fence);
  if (prose.includes('\r')) return undefined;
  let payload: unknown;
  try {
    // A prose line opening a second fence, or a fence inside the JSON, makes this fail: the general path decides then.
    payload = JSON.parse(content.slice(fence + 8, content.length - 5));
  } catch {
    return undefined;
  }
  return { kind, version, payload, prose: prose.trim() };
};

const FENCE_OPEN = '```json';
const FENCE_CLOSE = '```';

/** True when `text[from, end of line)` holds only spaces and tabs; returns the index after that line's newline (or the end). */
const restOfLineBlank = (text: string, from: number): number | undefined => {
  let i = from;
  while (i < text.length && (text[i] === ' ' || text[i] === '\t')) i += 1;
  if (i === text.length) return i;
  return text[i] === '\n' ? i + 1 : undefined;
};

/**
 * Splits the inside of a block into prose and payload, or says what is wrong.
 * Scans with indexOf rather than splitting into lines: reduction parses every
 * marker of an issue on every tick, so this is the hot path.
 */
const parseBlockContent = (content: string): { prose: string; payload: unknown } | { reason: string } => {
  // The JSON fence is the last thing in a block, and JSON text never holds a fence line.
  let opening = content.lastIndexOf(FENCE_OPEN);
  let jsonStart: number | undefined;
  while (opening >= 0) {
    if (opening === 0 || content[opening - 1] === '\n') {
      jsonStart = restOfLineBlank(content, opening + FENCE_OPEN.length);
      if (jsonStart !== undefined) break;
    }
    opening = opening === 0 ? -1 : content.lastIndexOf(FENCE_OPEN, opening - 1);
  }
  if (opening < 0 || jsonStart === undefined) return { reason: 'has no ```json fence holding its payload' };
  let closing = jsonStart - 1;
  let after: number | undefined;
  for (;;) {
    closing = content.indexOf(`\n${FENCE_CLOSE}`, closing);
    if (closing < 0) break;
    after = restOfLineBlank(content, closing + 1 + FENCE_CLOSE.length);
    if (after !== undefined) break;
    closing += 1;
  }
  if (closing < 0 || after === undefined) {
    // An empty payload puts the closing fence right after the opening line.
    if (content.startsWith(FENCE_CLOSE, jsonStart) && restOfLineBlank(content, jsonStart + FENCE_CLOSE.length) !== undefined) {
      return { reason: 'has invalid JSON in its fence (the fence is empty)' };
    }
    return { reason: 'has a ```json fence that is never closed by ```' };
  }
  if (content.slice(after).trim() !== '') {
    return { reason: 'has text after its JSON fence; the fence must come last' };
  }
  let payload: unknown;
  try {
    payload = JSON.parse(content.slice(jsonStart, closing));
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    return { reason: `has invalid JSON in its fence (${detail})` };
  }
  return { prose: content.slice(0, opening).trim(), payload };
};

/**
 * Gathers the markers of an issue's comments. Markers count only in comments
 * with `byEpm === true`; well-formed markers in other comments are listed in
 * `ignored` and never trusted. Problems are reported for EPM's comments only,
 * since a human may paste anything.
 */
export const collectMarkers = (comments: readonly TrackerComment[]): CollectedMarkers => {
  const result: CollectedMarkers = { markers: [], problems: [], ignored: [] };
  for (const comment of comments) {
    const { markers, problems } = parseMarkers(comment.body);
    if (comment.byEpm === true) {
      for (const marker of markers) {
        result.markers.push({
          ...marker,
          commentId: comment.id,
          author: comment.author,
          createdAt: comment.createdAt,
          index: result.markers.length,
        });
      }
      for (const problem of problems) result.problems.push({ ...problem, commentId: comment.id });
    } else {
      for (const marker of markers) {
        result.ignored.push({ commentId: comment.id, author: comment.author, kind: marker.kind, version: marker.version });
      }
    }
  }
  return result;
};

/**
 * The winning marker of each kind: the highest version; among duplicates of
 * the same kind and version the first wins (later ones are replays). Keys are
 * in order of each kind's first appearance.
 */
export const latestByKind = <M extends Marker>(markers: readonly M[]): Map<string, M> => {
  const latest = new Map<string, M>();
  for (const marker of markers) {
    const current = latest.get(marker.kind);
    if (current === undefined || marker.version > current.version) latest.set(marker.kind, marker);
  }
  return latest;
};

/** `markers` without later duplicates of the same kind and version, order kept. */
export const dedupeByKindVersion = <M extends Marker>(markers: readonly M[]): M[] => {
  const seen = new Set<string>();
  return markers.filter((marker) => {
    const key = `${marker.kind} v${marker.version}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
};

/** The version the next marker of `kind` should carry: 1 + the highest existing one, 1 when none. Throws bad-input on an invalid kind. */
export const nextVersion = (markers: readonly Marker[], kind: string): number => {
  assertKind(kind);
  let highest = 0;
  for (const marker of markers) {
    if (marker.kind === kind && marker.version > highest) highest = marker.version;
  }
  return highest + 1;
};
