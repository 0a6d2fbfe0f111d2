/**
 * The repository config (`epm.config.yml` or `.github/epm.yml`): its schema,
 * its defaults, parsing with one actionable error listing every problem, and
 * the JSON Schema editors use. Pure: finding and reading the file is
 * `src/adapters/local/config-file.ts`. Every key is documented in
 * `docs/config.md`.
 */

import { LineCounter, parseDocument } from 'yaml';
import { z } from 'zod';
import { badInput } from './errors.js';
import { ISSUE_TYPES, LANES } from './lifecycle.js';

/** The only config version this EPM reads. */
export const CONFIG_VERSION = 1;

/** Flags every NaN/OOM pattern source is compiled with: case-insensitive, per log line. */
export const LOG_PATTERN_FLAGS = 'i';

/** Where the JSON Schema is committed, relative to the EPM repository root. */
export const CONFIG_SCHEMA_PATH = 'schema/epm.config.schema.json';

/** The `$id` of the config's JSON Schema. */
export const CONFIG_SCHEMA_ID = 'urn:epm:schema:epm.config:1';

/**
 * The form each key expects, as a phrase completing "expected …". Objects are
 * not listed: their form ("a mapping of …") is derived from their keys.
 */
const expectedForms = new WeakMap<z.ZodType, string>();

/** Registers a key's description (for the JSON Schema) and expected form (for errors). */
function key<T extends z.ZodType>(schema: T, expected: string, description: string): T {
  const described = schema.describe(description);
  expectedForms.set(described, expected);
  return described;
}

// Refinement issues carry what is wrong ("got …, which …"); the expected form is appended from the key.
type RefinementContext = z.RefinementCtx;

// JSON Schema mirror of the checks in `checkRelativePath`, so editors flag bad paths too.
const RELATIVE_PATH_PATTERN = String.raw`^(?![A-Za-z]:)(?!\.\.?(?:/|$))(?!.*/\.\.?(?:/|$))[^/\\\u0000-\u001f\u007f]+(?:/[^/\\\u0000-\u001f\u007f]+)*$`;

/** True when `value` holds a C0 control character or DEL. */
function hasControlCharacter(value: string): boolean {
  for (let i = 0; i < value.length; i += 1) {
    const code = value.charCodeAt(i);
    if (code < 0x20 || code === 0x7f) return true;
  }
  return false;
}

/** Checks a path is relative, POSIX, inside the repository and canonical. */
function checkRelativePath(value: string, ctx: RefinementContext): void {
  if (value.length === 0) return; // reported by `.min(1)`
  const wrong = (what: string): void =>
    ctx.addIssue({ code: 'custom', message: `got ${JSON.stringify(value)}, which ${what}`, input: value });
  if (value.startsWith('/') || /^[A-Za-z]:/.test(value)) return wrong('is absolute');
  if (value.includes('\\')) return wrong('uses backslashes');
  if (hasControlCharacter(value)) return wrong('contains a control character');
  const segments = value.split('/');
  if (segments.includes('..')) return wrong(`has a '..' segment that could leave the repository`);
  if (segments.some((segment) => segment === '' || segment === '.')) return wrong(`has an empty or '.' segment`);
}

/** Checks a regular expression source compiles the way the monitor compiles it. */
function checkPattern(value: string, ctx: RefinementContext): void {
  if (value.length === 0) return; // reported by `.min(1)`
  if (hasControlCharacter(value)) {
    // "\b" inside YAML double quotes is a backspace character, not a word boundary.
    ctx.addIssue({
      code: 'custom',
      message: `got ${JSON.stringify(value)}, which contains a control character (a backslash escape inside double quotes?)`,
      input: value,
    });
    return;
  }
  try {
    new RegExp(value, LOG_PATTERN_FLAGS);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    ctx.addIssue({ code: 'custom', message: `got ${JSON.stringify(value)}, which does not compile (${reason})`, input: value });
  }
}

/** Checks wake intervals grow strictly. */
function checkIncreasing(values: readonly number[], ctx: RefinementContext): void {
  for (let i = 1; i < values.length; i += 1) {
    const previous: unknown = values[i - 1];
    const current: unknown = values[i];
    // Refinements also run when an element is malformed; that element is reported on its own.
    if (typeof previous === 'number' && typeof current === 'number' && current <= previous) {
      ctx.addIssue({
        code: 'custom',
        message: `got ${current} at index ${i} after ${previous}, which is not increasing`,
        input: values,
      });
      return;
    }
  }
}

/** Checks check names are unique, so gate reasons name one check. */
function checkUniqueNames(checks: readonly { name: string }[], ctx: RefinementContext): void {
  const seen = new Set<string>();
  checks.forEach((check: unknown, index) => {
    // Refinements also run when an element is malformed; that element is reported on its own.
    const name: unknown = typeof check === 'object' && check !== null ? (check as { name?: unknown }).name : undefined;
    if (typeof name !== 'string') return;
    if (seen.has(name)) {
      ctx.addIssue({ code: 'custom', message: `got "${name}" a second time`, path: [index, 'name'], input: name });
    }
    seen.add(name);
  });
}

const patternList = (defaults: readonly string[], what: string) =>
  key(
    z
      .array(
        key(
          z.string().min(1).superRefine(checkPattern).meta({ format: 'regex' }),
          `a non-empty JavaScript regular expression source, best in single quotes, e.g. '${defaults[0] ?? ''}'`,
          `A JavaScript regular expression source, compiled with flag "${LOG_PATTERN_FLAGS}".`,
        ),
      )
      .default(() => [...defaults]),
    `a list of regular expression sources, e.g. [${defaults.map((d) => `'${d}'`).join(', ')}]`,
    `Regular expression sources (compiled with flag "${LOG_PATTERN_FLAGS}") matched against each log line; a match reports ${what}. Write them in single quotes so backslashes stay literal. An empty list turns the check off.`,
  );

const loginList = (example: string, who: string, description: string) =>
  key(
    z
      .array(
        key(
          z.string().regex(/^\S+$/),
          `${who} without spaces, e.g. ${example}`,
          `A ${who.replace(/^an? /, '')}.`,
        ),
      )
      .default(() => []),
    `a list of ${who.replace(/^an? /, '')}s, e.g. ['${example}']`,
    description,
  );

const positiveNumber = (value: number, expected: string, description: string) =>
  key(z.number().positive().default(value), expected, description);

/** The repository config schema. Every key is optional and has a default; unknown keys are errors. */
export const configSchema = z
  .strictObject({
    version: key(
      z.literal(CONFIG_VERSION).default(CONFIG_VERSION),
      `${CONFIG_VERSION} (the only config version this EPM reads)`,
      'Config format version; must be 1.',
    ),
    defaults: z
      .strictObject({
        type: key(
          z.enum(ISSUE_TYPES).default('experiment'),
          `one of ${ISSUE_TYPES.join(', ')}`,
          'Type intake applies to an issue that has no type:* label.',
        ),
        lane: key(
          z.enum(LANES).default('full'),
          `one of ${LANES.join(', ')}`,
          'Lane applied to an experiment when neither a lane:* label nor the plan names one.',
        ),
      })
      .prefault({})
      .describe('Defaults intake applies to a new issue.'),
    loops: z
      .strictObject({
        maxRounds: key(
          z.int().min(1).max(10).default(3),
          'an integer from 1 to 10',
          'Reviewer ⇄ author rounds per loop before the cap (then one re-plan, then blocked).',
        ),
        replanAtCap: key(
          z.boolean().default(true),
          'true or false',
          'At the round cap, change strategy once (re-plan) before blocking; false blocks at once.',
        ),
        planGateRetries: key(
          z.int().min(0).max(5).default(2),
          'an integer from 0 to 5',
          'Times a planner may resubmit a plan that fails the required-sections gate before the issue blocks.',
        ),
      })
      .prefault({})
      .describe('Bounds on reviewer ⇄ author loops.'),
    budgets: z
      .strictObject({
        gpuHoursPerExperiment: positiveNumber(
          24,
          'a number of GPU-hours greater than 0',
          'Hard stop: GPU-hours one experiment may use.',
        ),
        gpuHoursPerWeek: positiveNumber(168, 'a number of GPU-hours greater than 0', 'Hard stop: GPU-hours all experiments may use per week.'),
        modelUsdPerExperiment: positiveNumber(
          50,
          'an amount in US dollars greater than 0',
          'Hard stop: model spend (USD) for one experiment.',
        ),
        modelUsdPerWeek: positiveNumber(300, 'an amount in US dollars greater than 0', 'Hard stop: model spend (USD) per week.'),
        computeDeviationFactor: key(
          z.number().gt(1).default(2),
          'a number greater than 1',
          "The compute detector fires when a run's projected GPU-hours exceed this multiple of the plan's.",
        ),
      })
      .prefault({})
      .describe('Hard spending limits; reaching one blocks the experiment.'),
    monitor: z
      .strictObject({
        wakeMinutes: key(
          z
            .array(key(z.int().positive(), 'a whole number of minutes above 0', 'Minutes until the next wake.'))
            .min(1)
            .superRefine(checkIncreasing)
            .default(() => [5, 10, 20, 40]),
          'a non-empty list of strictly increasing whole minutes above 0, e.g. [5, 10, 20, 40]',
          'Minutes between wakes of the experimenter while a run is healthy, growing; the last value repeats.',
        ),
        stallMinutes: key(
          z.int().positive().default(15),
          'a whole number of minutes above 0',
          'A run whose heartbeat and log are silent this long is reported as stalled.',
        ),
        nanPatterns: patternList(['\\bnan\\b'], 'a NaN'),
        oomPatterns: patternList(['out of memory', 'OutOfMemoryError', 'Killed process'], 'an out-of-memory failure'),
      })
      .prefault({})
      .describe('The deterministic run monitor.'),
    run: z
      .strictObject({
        command: key(
          z.string().regex(/\S/).nullable().default(null),
          'a non-empty command string, or null for none',
          'Run command used when the plan names none; null means the plan must name one.',
        ),
      })
      .prefault({})
      .describe('How experiments are run.'),
    paths: z
      .strictObject({
        experiments: key(
          z.string().min(1).superRefine(checkRelativePath).meta({ pattern: RELATIVE_PATH_PATTERN }).default('experiments'),
          'a relative POSIX path inside the repository, e.g. experiments',
          'Folder holding experiments/<N>-<slug>/, relative to the repository root (no leading /, no .. segments).',
        ),
      })
      .prefault({})
      .describe('Where EPM writes in the repository.'),
    checks: key(
      z
        .array(
          z
            .strictObject({
              name: key(
                z.string().regex(/^[A-Za-z0-9][A-Za-z0-9 ._-]*$/),
                'a unique short name of letters, digits, spaces, ., _ or -, e.g. build',
                'Name shown in the implementation report and gate reasons.',
              ),
              command: key(z.string().regex(/\S/), 'a non-empty shell command', 'Shell command run in the worktree; exit code 0 passes.'),
            })
            .describe('One deterministic check.'),
        )
        .superRefine(checkUniqueNames)
        .default(() => []),
      "a list of {name, command} mappings, e.g. [{name: build, command: 'npm run build'}]",
      'Deterministic checks (build, lint, tests) run in the worktree; all must pass to leave implementing. Empty means no checks.',
    ),
    authorization: z
      .strictObject({
        approvers: loginList(
          'alice',
          'a login',
          'Logins whose PR approvals count; empty means anyone with write access. Approvers need write access either way.',
        ),
        allowedBots: loginList(
          'my-app[bot]',
          'a bot login',
          'Bot logins whose /epm commands are honoured; every other bot is ignored.',
        ),
      })
      .prefault({})
      .describe('Who may approve and command.'),
  })
  .describe('Repository config of EPM (Experiment Pipeline Manager).');

/** The repository config with every default applied. */
export type EpmConfig = z.output<typeof configSchema>;

/** What a user may write: every key optional. */
export type EpmConfigInput = z.input<typeof configSchema>;

/** The config of a repository without a config file. Frozen: copy before changing. */
export const DEFAULT_CONFIG: EpmConfig = deepFreeze(configSchema.parse({}));

/**
 * Parses the text of a config file. `source` names the file in messages.
 * An empty (or comment-only) file yields the defaults. Throws one `bad-input`
 * error listing every problem as `<source>: <key.path>: <what is wrong>,
 * expected <form>`, with a YAML syntax error's line and column.
 */
export function parseConfig(text: string, source: string): EpmConfig {
  const data = parseYaml(text, source);
  if (data === null || data === undefined) return configSchema.parse({});
  if (typeof data !== 'object' || Array.isArray(data)) {
    throw badInput(
      `${source}: the top level is ${describeValue(data)}, expected a mapping of ${objectKeys(configSchema).join(', ')}`,
      { hint: `write the config as keys such as "version: 1"; see docs/config.md` },
    );
  }
  const result = configSchema.safeParse(data, { reportInput: true });
  if (result.success) return result.data;
  const problems = result.error.issues.flatMap((issue) => describeIssue(issue, source));
  throw badInput(problems.join('; '), { hint: `fix the key in ${source}; see docs/config.md` });
}

/**
 * The config's JSON Schema (draft 2020-12) describing what a user may write,
 * with `$id`, `title` and a description on every key, in a stable key order.
 */
export function configJsonSchema(): Record<string, unknown> {
  const generated = z.toJSONSchema(configSchema, { io: 'input', target: 'draft-2020-12' }) as Record<string, unknown>;
  return orderSchema({
    ...generated,
    $id: CONFIG_SCHEMA_ID,
    title: 'EPM repository config (epm.config.yml or .github/epm.yml)',
  });
}

/** The committed schema file's text for `configJsonSchema()`: two-space JSON and a final newline. */
export function renderConfigJsonSchema(): string {
  return `${JSON.stringify(configJsonSchema(), null, 2)}\n`;
}

/** Parses YAML text into plain data, turning syntax errors and warnings into `bad-input`. */
function parseYaml(text: string, source: string): unknown {
  const lineCounter = new LineCounter();
  const document = parseDocument(text, { prettyErrors: false, lineCounter });
  const problems = [...document.errors, ...document.warnings];
  const first = problems[0];
  if (first !== undefined) {
    const { line, col } = lineCounter.linePos(first.pos[0]);
    const more = problems.length > 1 ? ` (and ${problems.length - 1} more)` : '';
    throw badInput(`${source}: YAML syntax error at line ${line}, column ${col}: ${first.message}${more}`, {
      hint: `fix the YAML at line ${line} of ${source}; see docs/config.md`,
    });
  }
  try {
    return document.toJS();
  } catch (error) {
    // toJS throws only for alias bombs (too many alias expansions).
    const reason = error instanceof Error ? error.message : String(error);
    throw badInput(`${source}: YAML cannot be expanded: ${reason}`, { hint: `remove the YAML aliases from ${source}`, cause: error });
  }
}

/** One line per problem in a zod issue. */
function describeIssue(issue: z.core.$ZodIssue, source: string): string[] {
  if (issue.code === 'unrecognized_keys') {
    const known = objectKeys(schemaAt(issue.path).schema);
    return issue.keys.map(
      (unknown) => `${source}: ${formatPath([...issue.path, unknown])}: unknown key, expected one of ${known.join(', ')}`,
    );
  }
  const { schema, expected } = schemaAt(issue.path);
  const form = expected ?? objectForm(schema) ?? issue.message;
  const wrong = issue.code === 'custom' ? issue.message : `got ${describeValue(issue.input)}`;
  return [`${source}: ${formatPath(issue.path)}: ${wrong}, expected ${form}`];
}

/** The schema at a key path, and the nearest expected form along it. */
function schemaAt(path: readonly PropertyKey[]): { schema: z.ZodType | undefined; expected: string | undefined } {
  let schema: z.ZodType | undefined = configSchema;
  let expected = expectedForms.get(configSchema);
  for (const segment of path) {
    const inner: z.ZodType | undefined = unwrap(schema);
    if (inner instanceof z.ZodObject && typeof segment === 'string') {
      schema = (inner.shape as Record<string, z.ZodType>)[segment];
    } else if (inner instanceof z.ZodArray && typeof segment === 'number') {
      schema = inner.element as z.ZodType;
    } else {
      schema = undefined;
    }
    // An unknown segment keeps the form of the nearest known key above it.
    if (schema === undefined) break;
    expected = expectedForms.get(schema);
  }
  return { schema, expected };
}

/** The schema under defaults, prefaults, optionals and nullables. */
function unwrap(schema: z.ZodType | undefined): z.ZodType | undefined {
  let current = schema;
  while (
    current instanceof z.ZodDefault ||
    current instanceof z.ZodPrefault ||
    current instanceof z.ZodOptional ||
    current instanceof z.ZodNullable
  ) {
    current = current.unwrap() as z.ZodType;
  }
  return current;
}

/** The keys of an object schema (under its wrappers), else none. */
function objectKeys(schema: z.ZodType | undefined): string[] {
  const inner = unwrap(schema);
  return inner instanceof z.ZodObject ? Object.keys(inner.shape) : [];
}

/** "a mapping of a, b" for an object schema, else undefined. */
function objectForm(schema: z.ZodType | undefined): string | undefined {
  const keys = objectKeys(schema);
  return keys.length > 0 ? `a mapping of ${keys.join(', ')}` : undefined;
}

/** `loops.maxRounds`, `monitor.nanPatterns[1]`. */
function formatPath(path: readonly PropertyKey[]): string {
  if (path.length === 0) return '(top level)';
  return path
    .map((segment, index) => (typeof segment === 'number' ? `[${segment}]` : `${index === 0 ? '' : '.'}${String(segment)}`))
    .join('');
}

/** A short rendering of a value as YAML users think of it. */
function describeValue(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (value === null) return 'null';
  if (Array.isArray(value)) return value.length === 0 ? 'an empty list' : `a list of ${value.length}`;
  if (typeof value === 'object') return 'a mapping';
  if (typeof value === 'string') {
    const shown = value.length > 60 ? `${value.slice(0, 57)}...` : value;
    return JSON.stringify(shown);
  }
  return String(value);
}

// Keywords first in this order, then the rest alphabetically; property maps keep declaration order.
const KEYWORD_ORDER = ['$schema', '$id', 'title', 'description', 'type', 'const', 'enum', 'default'];
const SCHEMA_VALUED = new Set(['items', 'additionalProperties', 'not', 'contains', 'propertyNames', 'if', 'then', 'else']);
const SCHEMA_LIST_VALUED = new Set(['anyOf', 'oneOf', 'allOf', 'prefixItems']);
const SCHEMA_MAP_VALUED = new Set(['properties', 'patternProperties', '$defs']);

/** A copy of a JSON Schema node with its keywords in a stable order. */
function orderSchema(node: Record<string, unknown>): Record<string, unknown> {
  const rank = (keyword: string): number => {
    const index = KEYWORD_ORDER.indexOf(keyword);
    return index === -1 ? KEYWORD_ORDER.length : index;
  };
  const keywords = Object.keys(node).sort((a, b) => rank(a) - rank(b) || (a < b ? -1 : a > b ? 1 : 0));
  const ordered: Record<string, unknown> = {};
  for (const keyword of keywords) {
    const value = node[keyword];
    if (SCHEMA_VALUED.has(keyword) && isRecord(value)) ordered[keyword] = orderSchema(value);
    else if (SCHEMA_LIST_VALUED.has(keyword) && Array.isArray(value))
      ordered[keyword] = value.map((item: unknown) => (isRecord(item) ? orderSchema(item) : item));
    else if (SCHEMA_MAP_VALUED.has(keyword) && isRecord(value))
      ordered[keyword] = Object.fromEntries(
        Object.entries(value).map(([name, child]) => [name, isRecord(child) ? orderSchema(child) : child]),
      );
    else ordered[keyword] = value;
  }
  return ordered;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null) {
    for (const child of Object.values(value)) deepFreeze(child);
    Object.freeze(value);
  }
  return value;
}
