import fc from 'fast-check';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { stringify } from 'yaml';
import { CONFIG_FILE_PATHS, loadConfig } from '../../src/adapters/local/config-file.js';
import {
  CONFIG_SCHEMA_PATH,
  DEFAULT_CONFIG,
  configJsonSchema,
  parseConfig,
  renderConfigJsonSchema,
  type EpmConfig,
} from '../../src/domain/config.js';
import { EpmError } from '../../src/domain/errors.js';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const SOURCE = 'epm.config.yml';

/** Runs `parseConfig` expecting a bad-input error; returns it. */
function parseError(text: string, source = SOURCE): EpmError {
  try {
    parseConfig(text, source);
  } catch (error) {
    expect(error).toBeInstanceOf(EpmError);
    expect((error as EpmError).code).toBe('bad-input');
    return error as EpmError;
  }
  throw new Error(`expected ${JSON.stringify(text)} to be rejected`);
}

/** Every leaf key path of the defaults, e.g. `loops.maxRounds`. */
function leafPaths(value: unknown, prefix = ''): string[] {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return [prefix];
  return Object.entries(value).flatMap(([key, child]) => leafPaths(child, prefix ? `${prefix}.${key}` : key));
}

/** A nested object with `value` at the dotted `path`. */
function nestedAt(path: string, value: unknown): Record<string, unknown> {
  return path
    .split('.')
    .reverse()
    .reduce<unknown>((inner, key) => ({ [key]: inner }), value) as Record<string, unknown>;
}

const FULL_CONFIG = `# every key, none at its default
version: 1
defaults:
  type: analysis
  lane: config
loops:
  maxRounds: 5
  replanAtCap: false
  planGateRetries: 0
budgets:
  gpuHoursPerExperiment: 12.5
  gpuHoursPerWeek: 100
  modelUsdPerExperiment: 20
  modelUsdPerWeek: 150
  computeDeviationFactor: 1.5
monitor:
  wakeMinutes: [1, 3, 9]
  stallMinutes: 30
  nanPatterns: ['\\bloss=nan\\b', 'non-finite']
  oomPatterns: []
run:
  command: python train.py --config configs/base.yaml
paths:
  experiments: research/experiments
checks:
  - name: build
    command: npm run build
  - name: test
    command: pytest -q
authorization:
  approvers: [alice, bob]
  allowedBots: ['renovate[bot]']
`;

describe('parseConfig: defaults', () => {
  it('gives the documented defaults for an empty or comment-only file', () => {
    const expected: EpmConfig = {
      version: 1,
      defaults: { type: 'experiment', lane: 'full' },
      loops: { maxRounds: 3, replanAtCap: true, planGateRetries: 2 },
      budgets: {
        gpuHoursPerExperiment: 24,
        gpuHoursPerWeek: 168,
        modelUsdPerExperiment: 50,
        modelUsdPerWeek: 300,
        computeDeviationFactor: 2,
      },
      monitor: {
        wakeMinutes: [5, 10, 20, 40],
        stallMinutes: 15,
        nanPatterns: ['\\bnan\\b'],
        oomPatterns: ['out of memory', 'OutOfMemoryError', 'Killed process'],
      },
      run: { command: null },
      paths: { experiments: 'experiments' },
      checks: [],
      authorization: { approvers: [], allowedBots: [] },
    };
    expect(DEFAULT_CONFIG).toEqual(expected);
    for (const text of ['', '\n', '# nothing yet\n', '---\n', '\uFEFF']) expect(parseConfig(text, SOURCE)).toEqual(expected);
  });

  it('fills every key left out, inside a section too', () => {
    const config = parseConfig('loops:\n  maxRounds: 4\nmonitor: {}\n', SOURCE);
    expect(config.loops).toEqual({ maxRounds: 4, replanAtCap: true, planGateRetries: 2 });
    expect(config.monitor).toEqual(DEFAULT_CONFIG.monitor);
    expect(config.budgets).toEqual(DEFAULT_CONFIG.budgets);
  });

  it('hands out fresh defaults: changing one parse never changes another or DEFAULT_CONFIG', () => {
    const first = parseConfig('', SOURCE);
    first.monitor.wakeMinutes.push(80);
    first.authorization.approvers.push('mallory');
    expect(parseConfig('', SOURCE)).toEqual(DEFAULT_CONFIG);
    expect(DEFAULT_CONFIG.monitor.wakeMinutes).toEqual([5, 10, 20, 40]);
    expect(Object.isFrozen(DEFAULT_CONFIG.monitor.wakeMinutes)).toBe(true);
  });
});

describe('parseConfig: a full valid file', () => {
  it('reads every key', () => {
    expect(parseConfig(FULL_CONFIG, SOURCE)).toEqual({
      version: 1,
      defaults: { type: 'analysis', lane: 'config' },
      loops: { maxRounds: 5, replanAtCap: false, planGateRetries: 0 },
      budgets: {
        gpuHoursPerExperiment: 12.5,
        gpuHoursPerWeek: 100,
        modelUsdPerExperiment: 20,
        modelUsdPerWeek: 150,
        computeDeviationFactor: 1.5,
      },
      monitor: { wakeMinutes: [1, 3, 9], stallMinutes: 30, nanPatterns: ['\\bloss=nan\\b', 'non-finite'], oomPatterns: [] },
      run: { command: 'python train.py --config configs/base.yaml' },
      paths: { experiments: 'research/experiments' },
      checks: [
        { name: 'build', command: 'npm run build' },
        { name: 'test', command: 'pytest -q' },
      ],
      authorization: { approvers: ['alice', 'bob'], allowedBots: ['renovate[bot]'] },
    });
  });

  it('round-trips the defaults through YAML', () => {
    expect(parseConfig(stringify(DEFAULT_CONFIG), SOURCE)).toEqual(DEFAULT_CONFIG);
  });

  it('accepts maxRounds exactly when it is an integer from 1 to 10', () => {
    fc.assert(
      fc.property(fc.oneof(fc.integer({ min: -50, max: 50 }), fc.double({ noNaN: true, noDefaultInfinity: true })), (n) => {
        const ok = Number.isInteger(n) && n >= 1 && n <= 10;
        const text = `loops:\n  maxRounds: ${JSON.stringify(n)}\n`;
        if (ok) expect(parseConfig(text, SOURCE).loops.maxRounds).toBe(n);
        else expect(parseError(text).message).toContain('loops.maxRounds: got ');
      }),
    );
  });
});

describe('parseConfig: invalid files', () => {
  // Each case: the YAML, then the exact fragments the one error message must contain.
  const cases: { name: string; yaml: string; expect: string[] }[] = [
    { name: 'version 2', yaml: 'version: 2', expect: ['epm.config.yml: version: got 2, expected 1'] },
    { name: 'version as text', yaml: 'version: "1"', expect: ['version: got "1", expected 1'] },
    {
      name: 'unknown type',
      yaml: 'defaults: {type: exp}',
      expect: ['defaults.type: got "exp", expected one of experiment, claim, infra, analysis'],
    },
    { name: 'unknown lane', yaml: 'defaults: {lane: fast}', expect: ['defaults.lane: got "fast", expected one of full, config, follow-up'] },
    {
      name: 'maxRounds 0',
      yaml: 'loops:\n  maxRounds: 0',
      expect: ['epm.config.yml: loops.maxRounds: got 0, expected an integer from 1 to 10'],
    },
    { name: 'maxRounds 11', yaml: 'loops:\n  maxRounds: 11', expect: ['loops.maxRounds: got 11, expected an integer from 1 to 10'] },
    { name: 'maxRounds 2.5', yaml: 'loops:\n  maxRounds: 2.5', expect: ['loops.maxRounds: got 2.5, expected an integer from 1 to 10'] },
    { name: 'maxRounds as text', yaml: 'loops:\n  maxRounds: three', expect: ['loops.maxRounds: got "three", expected an integer'] },
    { name: 'replanAtCap as yes', yaml: 'loops: {replanAtCap: yes}', expect: ['loops.replanAtCap: got "yes", expected true or false'] },
    { name: 'planGateRetries 6', yaml: 'loops: {planGateRetries: 6}', expect: ['loops.planGateRetries: got 6, expected an integer from 0 to 5'] },
    {
      name: 'zero GPU budget',
      yaml: 'budgets: {gpuHoursPerExperiment: 0}',
      expect: ['budgets.gpuHoursPerExperiment: got 0, expected a number of GPU-hours greater than 0'],
    },
    { name: 'negative weekly spend', yaml: 'budgets: {modelUsdPerWeek: -5}', expect: ['budgets.modelUsdPerWeek: got -5, expected an amount in US dollars greater than 0'] },
    { name: 'infinite budget', yaml: 'budgets: {gpuHoursPerWeek: .inf}', expect: ['budgets.gpuHoursPerWeek: got Infinity, expected'] },
    { name: 'deviation factor 1', yaml: 'budgets: {computeDeviationFactor: 1}', expect: ['budgets.computeDeviationFactor: got 1, expected a number greater than 1'] },
    {
      name: 'non-increasing wakeMinutes',
      yaml: 'monitor:\n  wakeMinutes: [5, 20, 20, 40]',
      expect: ['monitor.wakeMinutes: got 20 at index 2 after 20, which is not increasing, expected a non-empty list of strictly increasing'],
    },
    { name: 'empty wakeMinutes', yaml: 'monitor: {wakeMinutes: []}', expect: ['monitor.wakeMinutes: got an empty list, expected a non-empty list'] },
    { name: 'negative wake', yaml: 'monitor: {wakeMinutes: [-5, 10]}', expect: ['monitor.wakeMinutes[0]: got -5, expected a whole number of minutes above 0'] },
    { name: 'wakeMinutes as a number', yaml: 'monitor: {wakeMinutes: 5}', expect: ['monitor.wakeMinutes: got 5, expected a non-empty list'] },
    { name: 'fractional stall', yaml: 'monitor: {stallMinutes: 2.5}', expect: ['monitor.stallMinutes: got 2.5, expected a whole number of minutes above 0'] },
    {
      name: 'bad regex',
      yaml: `monitor:\n  nanPatterns: ['\\bnan\\b', '(unclosed']`,
      expect: ['monitor.nanPatterns[1]: got "(unclosed", which does not compile (Invalid regular expression', 'Unterminated group'],
    },
    { name: 'empty regex', yaml: `monitor: {oomPatterns: ['']}`, expect: ['monitor.oomPatterns[0]: got "", expected a non-empty JavaScript regular expression'] },
    {
      name: 'regex in double quotes',
      yaml: 'monitor:\n  nanPatterns: ["\\bnan\\b"]',
      expect: ['monitor.nanPatterns[0]: got "\\bnan\\b", which contains a control character (a backslash escape inside double quotes?)'],
    },
    { name: 'blank run command', yaml: 'run: {command: "  "}', expect: ['run.command: got "  ", expected a non-empty command string, or null for none'] },
    { name: 'run command as a list', yaml: 'run: {command: [python, train.py]}', expect: ['run.command: got a list of 2, expected a non-empty command string'] },
    {
      name: 'absolute path',
      yaml: 'paths: {experiments: /srv/experiments}',
      expect: ['paths.experiments: got "/srv/experiments", which is absolute, expected a relative POSIX path inside the repository'],
    },
    { name: 'Windows path', yaml: 'paths: {experiments: "C:/exp"}', expect: ['paths.experiments: got "C:/exp", which is absolute'] },
    {
      name: '.. path',
      yaml: 'paths: {experiments: research/../../outside}',
      expect: [`paths.experiments: got "research/../../outside", which has a '..' segment`],
    },
    { name: 'backslash path', yaml: 'paths: {experiments: "a\\\\b"}', expect: ['paths.experiments: got "a\\\\b", which uses backslashes'] },
    { name: 'trailing slash path', yaml: 'paths: {experiments: experiments/}', expect: [`paths.experiments: got "experiments/", which has an empty or '.' segment`] },
    { name: 'empty path', yaml: 'paths: {experiments: ""}', expect: ['paths.experiments: got "", expected a relative POSIX path'] },
    { name: 'approver with a space', yaml: 'authorization: {approvers: ["alice smith"]}', expect: ['authorization.approvers[0]: got "alice smith", expected a login without spaces'] },
    { name: 'approvers as text', yaml: 'authorization: {approvers: alice}', expect: ['authorization.approvers: got "alice", expected a list of logins'] },
    { name: 'bot as a number', yaml: 'authorization: {allowedBots: [7]}', expect: ['authorization.allowedBots[0]: got 7, expected a bot login without spaces'] },
    { name: 'check without command', yaml: 'checks: [{name: build}]', expect: ['checks[0].command: got nothing, expected a non-empty shell command'] },
    {
      name: 'duplicate check name',
      yaml: 'checks:\n  - {name: test, command: a}\n  - {name: test, command: b}',
      expect: ['checks[1].name: got "test" a second time, expected a unique short name'],
    },
    { name: 'check as text', yaml: 'checks: [npm test]', expect: ['checks[0]: got "npm test", expected a mapping of name, command'] },
    {
      name: 'unknown top-level key',
      yaml: 'budget: {gpuHoursPerWeek: 10}',
      expect: ['epm.config.yml: budget: unknown key, expected one of version, defaults, loops, budgets, monitor, run, paths, checks, authorization'],
    },
    {
      name: 'unknown nested key',
      yaml: 'loops:\n  maxRound: 5',
      expect: ['epm.config.yml: loops.maxRound: unknown key, expected one of maxRounds, replanAtCap, planGateRetries'],
    },
    { name: 'unknown key in a check', yaml: 'checks: [{name: a, command: b, timeout: 5}]', expect: ['checks[0].timeout: unknown key, expected one of name, command'] },
    { name: 'section as a scalar', yaml: 'loops: 3', expect: ['loops: got 3, expected a mapping of maxRounds, replanAtCap, planGateRetries'] },
    { name: 'section as null', yaml: 'monitor:', expect: ['monitor: got null, expected a mapping of wakeMinutes'] },
    { name: '__proto__ key', yaml: '__proto__:\n  version: 2', expect: ['__proto__: unknown key'] },
  ];

  it.each(cases)('$name', ({ yaml, expect: fragments }) => {
    const error = parseError(yaml);
    for (const fragment of fragments) expect(error.message).toContain(fragment);
    expect(error.hint).toBe('fix the key in epm.config.yml; see docs/config.md');
  });

  it('lists every problem in one error, one `<source>: <key>: …, expected …` per problem', () => {
    const error = parseError('version: 2\nloops: {maxRounds: 0, bogus: 1}\nmonitor: {stallMinutes: 0}\n', '.github/epm.yml');
    const problems = error.message.split('; ');
    expect(problems).toEqual([
      '.github/epm.yml: version: got 2, expected 1 (the only config version this EPM reads)',
      '.github/epm.yml: loops.maxRounds: got 0, expected an integer from 1 to 10',
      '.github/epm.yml: loops.bogus: unknown key, expected one of maxRounds, replanAtCap, planGateRetries',
      '.github/epm.yml: monitor.stallMinutes: got 0, expected a whole number of minutes above 0',
    ]);
    expect(error.hint).toBe('fix the key in .github/epm.yml; see docs/config.md');
  });

  it('names the key and its expected form for a wrong value at every key', () => {
    for (const path of leafPaths(DEFAULT_CONFIG)) {
      const error = parseError(stringify(nestedAt(path, { wrong: true })));
      expect(error.message).toMatch(new RegExp(`^epm\\.config\\.yml: ${path.replace(/\./g, '\\.')}: got a mapping, expected \\S`));
      expect(error.message).not.toContain('Invalid input');
    }
  });

  it('reports a YAML syntax error with its line and column', () => {
    const error = parseError('version: 1\nloops:\n  maxRounds: [3\nbudgets: {}\n');
    expect(error.message).toMatch(/^epm\.config\.yml: YAML syntax error at line \d+, column \d+: /);
    const line = Number(/at line (\d+)/.exec(error.message)?.[1]);
    expect(line).toBeGreaterThanOrEqual(3);
    expect(error.hint).toMatch(/^fix the YAML at line \d+ of epm\.config\.yml/);
  });

  it.each([
    { name: 'a duplicate key', yaml: 'loops:\n  maxRounds: 2\n  maxRounds: 4\n', line: 3 },
    { name: 'a tab as indentation', yaml: 'loops:\n\tmaxRounds: 2\n', line: 2 },
    { name: 'two documents', yaml: 'version: 1\n---\nversion: 1\n', line: 2 },
    { name: 'an unknown tag', yaml: 'version: !!bogus 1\n', line: 1 },
  ])('rejects $name as a YAML error naming line $line', ({ yaml, line }) => {
    expect(parseError(yaml).message).toContain(`YAML syntax error at line ${line}, column `);
  });

  it.each([
    ['a list', '- version: 1\n', 'the top level is a list of 1'],
    ['a number', '42\n', 'the top level is 42'],
    ['a string', 'version 1\n', 'the top level is "version 1"'],
  ])('rejects a top level that is %s', (_name, yaml, fragment) => {
    const error = parseError(yaml);
    expect(error.message).toBe(
      `epm.config.yml: ${fragment}, expected a mapping of version, defaults, loops, budgets, monitor, run, paths, checks, authorization`,
    );
    expect(error.hint).toContain('docs/config.md');
  });

  it('rejects an alias bomb instead of expanding it', () => {
    const levels = ['a: &a [x, x, x, x, x, x, x, x, x, x]'];
    for (let i = 1; i < 8; i += 1) levels.push(`${'b'.repeat(i)}: &${'b'.repeat(i)} [${Array(10).fill(i === 1 ? '*a' : `*${'b'.repeat(i - 1)}`).join(', ')}]`);
    expect(parseError(levels.join('\n')).message).toMatch(/^epm\.config\.yml: YAML cannot be expanded: /);
  });
});

describe('configJsonSchema', () => {
  const schema = configJsonSchema() as {
    $id: string;
    title: string;
    type: string;
    additionalProperties: boolean;
    properties: Record<string, { description?: string; default?: unknown; additionalProperties?: boolean; properties?: Record<string, { description?: string; default?: unknown }> }>;
  };

  it('is a closed object schema listing every top-level key, with an $id and title', () => {
    expect(schema.type).toBe('object');
    expect(schema.additionalProperties).toBe(false);
    expect(Object.keys(schema.properties)).toEqual(Object.keys(DEFAULT_CONFIG));
    expect(schema.$id).toMatch(/\S/);
    expect(schema.title).toMatch(/\S/);
    expect(Object.keys(schema).slice(0, 4)).toEqual(['$schema', '$id', 'title', 'description']);
  });

  it('describes every key, closes every section and carries the same defaults as DEFAULT_CONFIG', () => {
    for (const [name, property] of Object.entries(schema.properties)) {
      expect(property.description).toMatch(/\S/);
      const section = DEFAULT_CONFIG[name as keyof EpmConfig];
      if (property.properties === undefined) {
        expect(property.default).toEqual(section);
        continue;
      }
      expect(property.additionalProperties).toBe(false);
      expect(Object.keys(property.properties)).toEqual(Object.keys(section));
      for (const [key, leaf] of Object.entries(property.properties)) {
        expect(leaf.description).toMatch(/\S/);
        expect(leaf.default).toEqual((section as Record<string, unknown>)[key]);
      }
    }
  });

  it("mirrors the path checks in paths.experiments' pattern", () => {
    const pattern = new RegExp(
      (schema.properties.paths?.properties?.experiments as { pattern: string }).pattern,
    );
    const paths = ['experiments', 'research/exp-1', 'a.b/c', '.hidden/x', '/abs', 'a/../b', '..', './x', 'a//b', 'a/', 'a\\b', 'x/.', 'C:/x', 'a\x7fb', 'a\nb'];
    for (const path of paths) {
      let accepted = true;
      try {
        parseConfig(stringify({ paths: { experiments: path } }), SOURCE);
      } catch {
        accepted = false;
      }
      expect([path, pattern.test(path)]).toEqual([path, accepted]);
    }
  });

  it(`is committed at ${CONFIG_SCHEMA_PATH} and current`, async () => {
    const file = join(ROOT, CONFIG_SCHEMA_PATH);
    const current = renderConfigJsonSchema();
    if (process.env.EPM_WRITE_SCHEMA === '1') await writeFile(file, current, 'utf8');
    const committed = await readFile(file, 'utf8').catch(() => '(missing)');
    if (committed !== current) {
      throw new Error(
        `${CONFIG_SCHEMA_PATH} is stale: it differs from configJsonSchema(). Regenerate it with ` +
          `EPM_WRITE_SCHEMA=1 NODE_OPTIONS=--experimental-vm-modules npx jest tests/domain/config.test.ts and commit the result.`,
      );
    }
    expect(JSON.parse(committed)).toEqual(configJsonSchema());
  });
});

describe('docs/config.md', () => {
  it('documents every key', async () => {
    const docs = await readFile(join(ROOT, 'docs', 'config.md'), 'utf8');
    for (const path of leafPaths(DEFAULT_CONFIG)) expect([path, docs.includes(`\`${path}\``)]).toEqual([path, true]);
  });
});

describe('loadConfig', () => {
  let repo: string;
  beforeEach(async () => {
    repo = await mkdtemp(join(tmpdir(), 'epm-config-'));
  });
  afterEach(async () => {
    await rm(repo, { recursive: true, force: true });
  });

  const put = async (path: string, text: string): Promise<void> => {
    await mkdir(dirname(join(repo, path)), { recursive: true });
    await writeFile(join(repo, path), text, 'utf8');
  };

  it('gives the defaults and a null source when there is no config file', async () => {
    expect(await loadConfig(repo)).toEqual({ config: DEFAULT_CONFIG, source: null });
  });

  it.each(CONFIG_FILE_PATHS)('reads %s and names it as the source', async (path) => {
    await put(path, 'loops:\n  maxRounds: 7\n');
    const { config, source } = await loadConfig(repo);
    expect(source).toBe(path);
    expect(config.loops.maxRounds).toBe(7);
  });

  it('names the file in validation errors', async () => {
    await put('.github/epm.yml', 'loops:\n  maxRounds: 0\n');
    await expect(loadConfig(repo)).rejects.toMatchObject({
      code: 'bad-input',
      message: '.github/epm.yml: loops.maxRounds: got 0, expected an integer from 1 to 10',
    });
  });

  it('refuses to choose when both files exist', async () => {
    await put('epm.config.yml', 'version: 1\n');
    await put('.github/epm.yml', 'version: 1\n');
    const error = await loadConfig(repo).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(EpmError);
    expect((error as EpmError).code).toBe('bad-input');
    expect((error as EpmError).message).toContain('epm.config.yml');
    expect((error as EpmError).message).toContain('.github/epm.yml');
    expect((error as EpmError).hint).toMatch(/^keep one/);
  });

  it.each([
    ['epm.config.yaml', 'epm.config.yml'],
    ['.github/epm.yaml', '.github/epm.yml'],
  ])('refuses a config EPM would ignore: %s', async (misnamed, correct) => {
    await put(misnamed, 'loops:\n  maxRounds: 1\n');
    await expect(loadConfig(repo)).rejects.toMatchObject({ code: 'bad-input', hint: `rename ${misnamed} to ${correct}` });
  });

  it('reports a folder where the file should be', async () => {
    await mkdir(join(repo, 'epm.config.yml'));
    await expect(loadConfig(repo)).rejects.toMatchObject({ code: 'bad-input', message: 'epm.config.yml is a folder, expected a YAML file' });
  });

  it('treats a .github file (not folder) as no .github/epm.yml', async () => {
    await put('.github', 'not a folder');
    expect((await loadConfig(repo)).source).toBeNull();
  });
});
