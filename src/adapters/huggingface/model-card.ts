/**
 * The model card (README.md) EPM adds to every repository it uploads: YAML
 * front matter the Hub reads (license, tags, and the provenance digests under
 * `epm`) and a "Provenance" section naming the manifest digest, the
 * experiment issue, the code commit and its run tag, the W&B run and the
 * command, with links where their addresses are known.
 */

import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stringify } from 'yaml';
import type { ModelCardFacts, ModelHub } from '../../ports/model-hub.js';
import { badInput } from '../../domain/errors.js';

/** Where the uploaded files come from. */
export interface ModelCardProvenance {
  /** sha256 of the provenance manifest (the in-toto statement), 64 hex characters; a `sha256:` prefix is accepted. */
  statementSha256: string;
  /** The experiment's issue number. */
  issue: number;
  /** The git commit the run ran (40 hex characters, or 64 for sha256 repositories). */
  commit: string;
  /** The run's tag, `epm/run/<N>/<k>`. */
  runTag: string;
  /** The W&B run page, when the run was tracked there. */
  wandbUrl?: string;
  /** The command the run executed. */
  command: string;
  /** Browser URL of the code repository (e.g. `https://github.com/org/repo`), to link the issue, commit and tag. */
  sourceRepoUrl?: string;
  /** Where the manifest itself can be downloaded (e.g. the release asset). */
  manifestUrl?: string;
}

/** Input of `renderModelCard`. */
export interface ModelCardInput {
  /** The Hub repository, `<namespace>/<name>`. */
  repo: string;
  /** Heading of the card. */
  title: string;
  /** The run's provenance. */
  provenance: ModelCardProvenance;
  /** A Hub license id (e.g. `apache-2.0`, `mit`, `other`); omitted from the metadata when undefined. */
  license?: string;
}

const SHA256 = /^[0-9a-f]{64}$/;
const COMMIT = /^(?:[0-9a-f]{40}|[0-9a-f]{64})$/;
const RUN_TAG = /^epm\/run\/[1-9]\d*\/[1-9]\d*$/;
const LICENSE = /^[a-z0-9][a-z0-9.+-]*$/;

/** Renders README.md text for `input.repo`. Throws `bad-input` naming the field that is malformed. */
export function renderModelCard(input: ModelCardInput): string {
  const p = input.provenance;
  const statement = p.statementSha256.replace(/^sha256:/, '');
  const title = oneLine(input.title);
  if (title.length === 0) throw field('title', input.title, 'a non-empty title');
  if (!SHA256.test(statement)) throw field('provenance.statementSha256', p.statementSha256, '64 lowercase hex characters');
  if (!Number.isInteger(p.issue) || p.issue < 1) throw field('provenance.issue', String(p.issue), 'a positive issue number');
  if (!COMMIT.test(p.commit)) throw field('provenance.commit', p.commit, 'a full git commit sha (40 lowercase hex characters)');
  if (!RUN_TAG.test(p.runTag)) throw field('provenance.runTag', p.runTag, 'a tag of the form epm/run/<N>/<k>');
  if (p.command.trim().length === 0) throw field('provenance.command', p.command, 'the command the run executed');
  for (const [name, url] of [['provenance.wandbUrl', p.wandbUrl], ['provenance.sourceRepoUrl', p.sourceRepoUrl], ['provenance.manifestUrl', p.manifestUrl]] as const) {
    if (url !== undefined && !isHttpUrl(url)) throw field(name, url, 'an http(s) URL');
  }
  if (input.license !== undefined && !LICENSE.test(input.license)) throw field('license', input.license, 'a Hub license id such as apache-2.0, mit or other');

  const metadata: Record<string, unknown> = {
    ...(input.license !== undefined ? { license: input.license } : {}),
    tags: ['epm', 'provenance'],
    epm: {
      statement_sha256: statement,
      issue: p.issue,
      commit: p.commit,
      run_tag: p.runTag,
      ...(p.wandbUrl !== undefined ? { wandb_url: p.wandbUrl } : {}),
    },
  };
  const source = p.sourceRepoUrl?.replace(/\/+$/, '');
  const link = (text: string, url: string | undefined): string => (url === undefined ? text : `[${text}](${safeUrl(url)})`);
  const rows: [string, string][] = [
    ['Manifest (in-toto statement) sha256', link(`\`${statement}\``, p.manifestUrl)],
    ['Experiment issue', link(`#${p.issue}`, source && `${source}/issues/${p.issue}`)],
    ['Code commit', link(`\`${p.commit}\``, source && `${source}/commit/${p.commit}`)],
    ['Run tag', link(`\`${p.runTag}\``, source && `${source}/tree/${p.runTag}`)],
    ['W&B run', p.wandbUrl === undefined ? 'not tracked' : link(escapeInline(p.wandbUrl), p.wandbUrl)],
  ];
  const fence = '`'.repeat(Math.max(3, longestRun(p.command, '`') + 1));
  return [
    '---',
    stringify(metadata).trimEnd(),
    '---',
    '',
    `# ${escapeInline(title)}`,
    '',
    `Uploaded by EPM (Experiment Pipeline Manager) from run \`${p.runTag}\` of experiment #${p.issue}.`,
    '',
    '## Provenance',
    '',
    '| | |',
    '|---|---|',
    ...rows.map(([name, value]) => `| ${name} | ${value} |`),
    '',
    'Command:',
    '',
    `${fence}sh`,
    p.command.trim(),
    fence,
    '',
    `The manifest lists every output of the run with its sha256, and this repository (\`${input.repo}\`) at the`,
    'revision it was uploaded as. `epm verify <manifest>` re-hashes the outputs and re-checks this repository.',
    '',
  ].join('\n');
}

function field(name: string, value: string, expected: string) {
  return badInput(`model card: ${name} "${value}" is not ${expected}`, { hint: `pass ${expected} as ${name}` });
}

function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

/** Escapes the characters that would turn a title into markup (HTML, links, emphasis, table cells). */
function escapeInline(text: string): string {
  return text.replace(/[\\`*_[\]<>|#]/g, (char) => `\\${char}`);
}

function longestRun(text: string, char: string): number {
  let longest = 0;
  let run = 0;
  for (const c of text) {
    run = c === char ? run + 1 : 0;
    longest = Math.max(longest, run);
  }
  return longest;
}

/** A URL that cannot end a Markdown link or a table cell early. */
function safeUrl(url: string): string {
  return url.replace(/[|()<> ]/g, (char) => `%${char.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`);
}

function isHttpUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return url.protocol === 'https:' || url.protocol === 'http:';
  } catch {
    return false;
  }
}

/** Renders the card for `facts` and uploads it as README.md through `hub`, in a temporary file removed afterwards. */
export async function uploadModelCard(hub: Pick<ModelHub, 'upload'>, repo: string, facts: ModelCardFacts): Promise<{ revision: string }> {
  const { title, ...provenance } = facts;
  const text = renderModelCard({ repo, title, provenance: { ...provenance } });
  const dir = await mkdtemp(join(tmpdir(), 'epm-model-card-'));
  try {
    const localPath = join(dir, 'README.md');
    await writeFile(localPath, text);
    return await hub.upload(repo, [{ path: 'README.md', localPath }], `Model card with the provenance of ${facts.runTag}`);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
