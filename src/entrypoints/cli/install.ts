/**
 * `epm install`: sets a repository up to run EPM on GitHub Actions. Copies the
 * three workflow templates into `.github/workflows/` with the EPM action
 * pinned to a full commit SHA, writes the starter config `epm init` writes,
 * keeps `.epm/` out of git, and says which secrets and labels EPM uses.
 * Every target is checked before anything is written: a refused install
 * changes nothing.
 */
import { existsSync } from 'node:fs';
import { appendFile, mkdir, readFile, stat, writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { badInput, conflict, notFound } from '../../domain/errors.js';
import { ISSUE_TYPES, LANES, MAIN_STATUSES, SIDE_STATES, laneLabel, statusLabel, typeLabel } from '../../domain/lifecycle.js';
import { findRepo } from './context.js';
import { initRepository } from './init.js';

/** The repository of the EPM action, named in the hint when `--action` is missing. */
export const EPM_ACTION_REPOSITORY = 'epm-dev/epm';

/**
 * The token the templates hold where the EPM action goes; `epm install`
 * replaces each occurrence with `<owner>/<repo>@<40-hex sha>`. It has the
 * `owner/repo@ref` shape so the templates themselves pass actionlint.
 */
export const EPM_ACTION_PLACEHOLDER = 'EPM_ACTION_OWNER/EPM_ACTION_REPO@EPM_ACTION_SHA';

/** The workflow templates, by file name, as they are written to `.github/workflows/`. */
export const WORKFLOW_TEMPLATES = ['epm-issues.yml', 'epm-review.yml', 'epm-sweep.yml'] as const;

/** A secret the worker job passes to EPM through `env:`. */
export interface EpmSecret {
  /** The repository secret's name (also the environment variable's). */
  name: string;
  /** Whether the roles cannot work without it. */
  required: boolean;
  /** What EPM uses it for, and what happens without it. */
  purpose: string;
}

/** The secrets the templates pass to the worker, in the order `epm install` lists them. */
export const EPM_SECRETS: readonly EpmSecret[] = [
  { name: 'ANTHROPIC_API_KEY', required: true, purpose: 'the roles (clarifier, planner, reviewers, implementer, analyzer …) call Claude with it; without it nothing past the issue moves' },
  { name: 'WANDB_API_KEY', required: false, purpose: 'runs are logged to Weights & Biases; without it tracking stays in a folder on the runner' },
  { name: 'HF_TOKEN', required: false, purpose: 'models and data are published to the Hugging Face Hub; without it they stay in a store on the runner' },
];

/** The EPM action pinned to one commit. */
export interface ActionPin {
  /** `owner/repo`. */
  repository: string;
  /** Full 40-hex commit SHA, lower case. */
  sha: string;
}

const REPOSITORY = /^[A-Za-z0-9](?:[A-Za-z0-9-]{0,38})\/[A-Za-z0-9._-]{1,100}$/;
const FULL_SHA = /^[0-9a-fA-F]{40}$/;

/**
 * Parses `--action <owner>/<repo>@<sha>`. Only a full commit SHA is accepted:
 * a tag or a branch can be moved to other code after review, and the worker
 * gives that code the repository's secrets.
 */
export function parseActionPin(value: string | undefined): ActionPin {
  const form = `pass --action <owner>/<repo>@<40-hex commit SHA>, e.g. --action ${EPM_ACTION_REPOSITORY}@<sha>`;
  if (value === undefined || value.trim() === '') {
    throw badInput('--action is required: there is no published EPM commit to pin by default', {
      hint: `${form} (the commit of the EPM release you reviewed; find it with: git ls-remote https://github.com/${EPM_ACTION_REPOSITORY} <tag>)`,
    });
  }
  const text = value.trim();
  const at = text.lastIndexOf('@');
  const repository = at < 0 ? text : text.slice(0, at);
  const ref = at < 0 ? '' : text.slice(at + 1);
  if (!REPOSITORY.test(repository)) throw badInput(`--action "${text}" does not name a repository as owner/repo`, { hint: form });
  if (ref === '') throw badInput(`--action "${text}" has no commit`, { hint: `pass --action ${repository}@<40-hex commit SHA>` });
  if (!FULL_SHA.test(ref)) {
    const what = /^[0-9a-fA-F]{7,39}$/.test(ref) ? 'an abbreviated commit SHA' : 'a tag or branch name';
    throw badInput(
      `--action "${text}": "${ref}" is ${what}, not a full 40-hex commit SHA; the workflows pin the action to a commit so that moving a tag or branch cannot change the code that runs with your secrets`,
      { hint: `find the commit with: git ls-remote https://github.com/${repository} ${ref} (for an annotated tag, the line ending ^{}) — then pass --action ${repository}@<that 40-hex SHA>` },
    );
  }
  return { repository, sha: ref.toLowerCase() };
}

/** A template with every placeholder replaced by the pinned action. */
export function renderWorkflow(template: string, pin: ActionPin): string {
  return template.split(EPM_ACTION_PLACEHOLDER).join(`${pin.repository}@${pin.sha}`);
}

/**
 * The folder of the shipped workflow templates: the nearest `workflows-templates/`
 * above this module. The package root ships with both the sources and the
 * bundle (`dist/cli/index.js`), so the walk finds it from either.
 */
export function shippedTemplateDir(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 6; i++) {
    const candidate = join(dir, 'workflows-templates');
    if (existsSync(candidate)) return candidate;
    dir = dirname(dir);
  }
  return join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..', 'workflows-templates');
}

/** Options of {@link installEpm}. */
export interface InstallOptions {
  /** A folder inside the repository to install into. */
  cwd: string;
  /** `<owner>/<repo>@<40-hex sha>` of the EPM action; required (see {@link parseActionPin}). */
  action?: string;
  /** Replace workflow files that differ from the templates. */
  force?: boolean;
  /** Where the templates are; default {@link shippedTemplateDir}. */
  templateDir?: string;
}

/** What install plans for one workflow file. */
interface WorkflowPlan {
  /** Path relative to the repository root. */
  path: string;
  content: string;
  state: 'new' | 'same' | 'differs' | 'repinned';
  /** The pin the existing file holds, when it is the template pinned elsewhere. */
  existingPin?: string;
}

/**
 * Installs EPM's workflows into the repository around `cwd`; resolves to what
 * it did and what the user must do next, one line each. Throws bad-input for
 * a missing or unpinned `--action` and conflict for workflow files that differ
 * from the templates (without `--force`), in both cases before writing anything.
 */
export async function installEpm(options: InstallOptions): Promise<string[]> {
  const pin = parseActionPin(options.action);
  const repoDir = findRepo(resolve(options.cwd));
  const templateDir = options.templateDir ?? shippedTemplateDir();

  const plans: WorkflowPlan[] = [];
  for (const name of WORKFLOW_TEMPLATES) {
    const template = await readFile(join(templateDir, name), 'utf8').catch((error: unknown) => {
      throw notFound(`the workflow template ${name} is missing from ${templateDir}`, { hint: 'reinstall EPM: the templates ship with it', cause: error });
    });
    const path = join('.github', 'workflows', name);
    plans.push(await planWorkflow(join(repoDir, path), path, template, renderWorkflow(template, pin)));
  }

  const differing = plans.filter((p) => p.state === 'differs' || p.state === 'repinned');
  if (differing.length > 0 && !options.force) {
    const what = differing.map((p) => (p.state === 'repinned' ? `${p.path} (pinned to ${p.existingPin})` : `${p.path} (edited)`)).join(', ');
    throw conflict(`${differing.length === 1 ? 'a workflow differs' : 'workflows differ'} from EPM's template${differing.length === 1 ? '' : 's'}: ${what}; nothing was written`, {
      hint: differing.every((p) => p.state === 'repinned')
        ? `to re-pin them to ${pin.repository}@${pin.sha}, run: epm install --force --action ${pin.repository}@${pin.sha}`
        : 'keep your edits in another workflow file, or pass --force to replace these with the templates',
    });
  }

  const done: string[] = [];
  await mkdir(join(repoDir, '.github', 'workflows'), { recursive: true });
  for (const plan of plans) {
    if (plan.state === 'same') {
      done.push(`${plan.path} is up to date`);
      continue;
    }
    await writeFile(join(repoDir, plan.path), plan.content);
    done.push(plan.state === 'new' ? `wrote ${plan.path}` : `replaced ${plan.path} (--force)`);
  }
  // initRepository writes the starter config only when there is none, and ends with its own next step, which does not apply here.
  done.push(...(await initRepository(repoDir)).slice(0, -1));
  if (await addToGitignore(repoDir)) done.push('added .epm/ to .gitignore (EPM state stays out of the commits of every clone)');

  return [...done, '', ...nextSteps(pin)];
}

async function planWorkflow(absolute: string, path: string, template: string, content: string): Promise<WorkflowPlan> {
  const info = await stat(absolute).catch(() => undefined);
  if (!info) return { path, content, state: 'new' };
  if (!info.isFile()) throw conflict(`${path} exists and is not a file; nothing was written`, { hint: 'move it away, then run epm install again' });
  const existing = await readFile(absolute, 'utf8');
  if (existing === content) return { path, content, state: 'same' };
  const existingPin = pinOf(template, existing);
  return existingPin ? { path, content, state: 'repinned', existingPin } : { path, content, state: 'differs' };
}

/** The `owner/repo@sha` an existing file pins, when it is otherwise exactly the template. */
function pinOf(template: string, existing: string): string | undefined {
  const parts = template.split(EPM_ACTION_PLACEHOLDER).map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
  if (parts.length < 2) return undefined;
  const match = new RegExp(`^${parts.join('([A-Za-z0-9._/-]+@[0-9a-fA-F]{40})')}$`).exec(existing);
  const pins = match ? new Set(match.slice(1)) : new Set<string>();
  return pins.size === 1 ? [...pins][0] : undefined;
}

/** Appends `.epm/` to `.gitignore` unless a line already ignores it; true when it did. */
async function addToGitignore(repoDir: string): Promise<boolean> {
  const path = join(repoDir, '.gitignore');
  const current = await readFile(path, 'utf8').catch(() => '');
  const ignored = current.split(/\r?\n/).some((line) => ['.epm', '.epm/', '/.epm', '/.epm/'].includes(line.trim()));
  if (ignored) return false;
  await appendFile(path, `${current && !current.endsWith('\n') ? '\n' : ''}# EPM's local state: run worktrees, logs, caches\n.epm/\n`);
  return true;
}

function nextSteps(pin: ActionPin): string[] {
  const width = Math.max(...EPM_SECRETS.map((s) => s.name.length));
  const statuses = [...MAIN_STATUSES, ...SIDE_STATES];
  return [
    `The workflows run ${pin.repository}@${pin.sha}.`,
    'Set the secrets (the GitHub CLI asks for each value):',
    ...EPM_SECRETS.map((s) => `  gh secret set ${s.name.padEnd(width)}  # ${s.required ? 'required' : 'optional'}: ${s.purpose}`),
    'Labels EPM uses (GitHub creates each the first time it is set):',
    `  ${ISSUE_TYPES.map(typeLabel).join(', ')} — what an issue is; label an issue ${typeLabel('experiment')} (or comment "/epm plan") to start it`,
    `  ${LANES.map(laneLabel).join(', ')} — how much of the path an experiment takes (optional)`,
    `  ${statusLabel(statuses[0]!)} … ${statusLabel(statuses[statuses.length - 1]!)} (${statuses.length} in all) — set by EPM only, one per issue`,
    'Next: commit .github/workflows/, epm.config.yml and .gitignore, push them to the default branch, then label an issue type:experiment.',
  ];
}
