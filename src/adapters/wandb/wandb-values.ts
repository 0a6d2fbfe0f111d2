/**
 * Decoding of the values W&B returns as JSON strings or JSON blobs: the run
 * config (each key wrapped as `{ "value": …, "desc": … }`), the summary, and
 * the history keys. Each function throws a plain `Error` saying what is wrong;
 * the adapter wraps it into an EPM error naming the run.
 */

/** Config keys the W&B SDK keeps for itself; `wandb.Api().run(…).config` leaves them out too. */
export const WANDB_INTERNAL_CONFIG_KEYS: readonly string[] = ['_wandb', 'wandb_version'];

const NON_FINITE_TOKENS = ['-Infinity', 'Infinity', 'NaN'] as const;
const NON_FINITE_VALUES: Record<(typeof NON_FINITE_TOKENS)[number], number> = {
  '-Infinity': -Infinity,
  Infinity: Infinity,
  NaN: NaN,
};
const SENTINEL = '\u0000epm-non-finite:';

/**
 * Parses a JSON document as W&B writes it. W&B serialises summaries with
 * Python's `json.dumps`, which writes a diverged loss as a bare `NaN` or
 * `Infinity`; those tokens (outside strings) become the matching numbers
 * instead of failing the whole run.
 */
export function parseWandbJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    if (text.includes(SENTINEL)) throw error;
    const replaced = replaceNonFiniteTokens(text);
    if (replaced === text) throw error;
    try {
      return JSON.parse(replaced, (_key, value: unknown) =>
        typeof value === 'string' && value.startsWith(SENTINEL)
          ? NON_FINITE_VALUES[value.slice(SENTINEL.length) as keyof typeof NON_FINITE_VALUES]
          : value,
      );
    } catch {
      throw error;
    }
  }
}

/** Rewrites bare NaN/Infinity tokens outside JSON strings as sentinel strings. */
function replaceNonFiniteTokens(text: string): string {
  let out = '';
  let inString = false;
  let i = 0;
  while (i < text.length) {
    const c = text[i]!;
    if (inString) {
      if (c === '\\') {
        out += text.slice(i, i + 2);
        i += 2;
        continue;
      }
      if (c === '"') inString = false;
      out += c;
      i += 1;
      continue;
    }
    if (c === '"') {
      inString = true;
      out += c;
      i += 1;
      continue;
    }
    const token = NON_FINITE_TOKENS.find((t) => text.startsWith(t, i));
    if (token) {
      out += JSON.stringify(SENTINEL + token);
      i += token.length;
      continue;
    }
    out += c;
    i += 1;
  }
  return out;
}

const isPlainObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** Parses a JSONString field that must hold an object; null (never set) is an empty object. */
export function parseJsonObject(text: string | null): Record<string, unknown> {
  if (text === null || text === '') return {};
  const value = parseWandbJson(text);
  if (value === null) return {};
  if (!isPlainObject(value)) throw new Error(`expected a JSON object, got ${Array.isArray(value) ? 'an array' : typeof value}`);
  return value;
}

/**
 * The run config as the user logged it: each top-level `{ "value": v, "desc": … }`
 * becomes `v`; values stored unwrapped are kept as they are; W&B's own keys are dropped.
 */
export function unwrapConfig(raw: Record<string, unknown>): Record<string, unknown> {
  const config: Record<string, unknown> = {};
  for (const [key, entry] of Object.entries(raw)) {
    if (WANDB_INTERNAL_CONFIG_KEYS.includes(key)) continue;
    config[key] = isPlainObject(entry) && Object.hasOwn(entry, 'value') ? entry['value'] : entry;
  }
  return config;
}

/**
 * Metric names from the run's `historyKeys` blob,
 * `{ "keys": { "<name>": { "typeCounts": [...] } }, "lastStep": n }`, sorted.
 * Null (nothing logged) is an empty list.
 */
export function parseHistoryKeys(raw: unknown): string[] {
  const blob = typeof raw === 'string' ? parseWandbJson(raw) : raw;
  if (blob === null || blob === undefined) return [];
  if (!isPlainObject(blob)) throw new Error('expected an object with a "keys" field');
  const keys = blob['keys'];
  if (keys === undefined || keys === null) return [];
  if (!isPlainObject(keys)) throw new Error('expected "keys" to be an object of metric names');
  return Object.keys(keys).sort();
}
