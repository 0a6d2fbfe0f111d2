/**
 * Export of a provenance statement as a Workflow Run RO-Crate: the JSON-LD of
 * `ro-crate-metadata.json` (RO-Crate 1.1, Process Run Crate 0.5, Workflow Run
 * Crate 0.5, Workflow RO-Crate 1.0). Pure and deterministic.
 *
 * The crate's root is the run's worktree at the run's commit: subjects,
 * inputs, the config file, the plan and lockfiles are data entities at their
 * worktree-relative paths. EPM's "workflow" is the run command executed in the
 * repository at that commit, so the main entity (the CreateAction's
 * `instrument`) is a contextual `SoftwareSourceCode`/`ComputationalWorkflow`
 * whose version is the commit, not a workflow file; this is the one place the
 * crate departs from Workflow RO-Crate, which expects a file.
 */
import type { Provenance, Resource } from './provenance.js';
import { resourceKind } from './provenance.js';

/** The RO-Crate specification the crate follows. */
export const RO_CRATE_SPEC = 'https://w3id.org/ro/crate/1.1';
/** The Process Run Crate profile. */
export const PROCESS_RUN_CRATE = 'https://w3id.org/ro/wfrun/process/0.5';
/** The Workflow Run Crate profile. */
export const WORKFLOW_RUN_CRATE = 'https://w3id.org/ro/wfrun/workflow/0.5';
/** The Workflow RO-Crate profile that Workflow Run Crate extends. */
export const WORKFLOW_RO_CRATE = 'https://w3id.org/workflowhub/workflow-ro-crate/1.0';
/** The JSON-LD contexts: RO-Crate 1.1 and the workflow-run terms (`environment`, `containerImage`, `sha256`). */
export const RO_CRATE_CONTEXT = ['https://w3id.org/ro/crate/1.1/context', 'https://w3id.org/ro/terms/workflow-run/context'] as const;
/** The file name the crate's JSON-LD is written to. */
export const RO_CRATE_METADATA_FILE = 'ro-crate-metadata.json';

/** Options of `toRoCrate`. */
export interface RoCrateOptions {
  /** Name of the crate (the root dataset), e.g. the experiment's title. */
  name: string;
  /** What the crate holds, in a sentence or two. */
  description: string;
  /** The experiment's issue; defaults to the statement's issue URL. */
  issueUrl?: string;
  /** License of the crate's content as a URL (e.g. `https://spdx.org/licenses/MIT`), when known. */
  license?: string;
}

/** One JSON-LD node of the crate's graph. */
export type RoCrateEntity = { '@id': string; '@type': string | string[] } & Record<string, unknown>;

/** The crate's JSON-LD document. */
export interface RoCrate {
  '@context': readonly string[];
  '@graph': RoCrateEntity[];
}

const DOCKER_IMAGE_TERM = 'https://w3id.org/ro/terms/workflow-run#DockerImage';

/** A JSON-LD reference to another node. */
type Ref = { '@id': string };
const ref = (id: string): Ref => ({ '@id': id });

/**
 * Builds the Workflow Run RO-Crate of a statement: the metadata descriptor,
 * the root dataset (conforming to the Process Run and Workflow Run Crate
 * profiles, with the command as `mainEntity`), one `CreateAction` for the run
 * (instrument = the command at the commit, object = config, inputs, datasets
 * and base models, result = the subjects, agent = the approver, environment =
 * the recorded variables, container image when one was used), and `File`
 * entities carrying each sha256. Every referenced `@id` is in the graph.
 */
export function toRoCrate(p: Provenance, options: RoCrateOptions): RoCrate {
  const graph = new Map<string, RoCrateEntity>();
  // The first description of an id wins: a subject stays a subject even if also listed as an input.
  const add = (entity: RoCrateEntity): Ref => {
    if (!graph.has(entity['@id'])) graph.set(entity['@id'], entity);
    return ref(entity['@id']);
  };
  const { buildDefinition, runDetails } = p.predicate;
  const params = buildDefinition.externalParameters;
  const internal = buildDefinition.internalParameters;
  const dependencies = buildDefinition.resolvedDependencies;
  const byproducts = runDetails.byproducts;
  const gitCommit = dependencies.find((d) => resourceKind(d) === 'git-commit');
  const actionId = `#run-${encodeURIComponent(internal.runId)}`;
  const issueUrl = options.issueUrl ?? params.issue.url ?? undefined;

  add({ '@id': RO_CRATE_METADATA_FILE, '@type': 'CreativeWork', conformsTo: [ref(RO_CRATE_SPEC), ref(WORKFLOW_RO_CRATE)], about: ref('./') });
  const root: RoCrateEntity = {
    '@id': './',
    '@type': 'Dataset',
    name: options.name,
    description: options.description,
    datePublished: runDetails.metadata.finishedOn,
    conformsTo: [ref(PROCESS_RUN_CRATE), ref(WORKFLOW_RUN_CRATE), ref(WORKFLOW_RO_CRATE)],
  };
  add(root);
  add({ '@id': RO_CRATE_SPEC, '@type': 'CreativeWork', name: 'RO-Crate', version: '1.1' });
  add({ '@id': PROCESS_RUN_CRATE, '@type': 'CreativeWork', name: 'Process Run Crate', version: '0.5' });
  add({ '@id': WORKFLOW_RUN_CRATE, '@type': 'CreativeWork', name: 'Workflow Run Crate', version: '0.5' });
  add({ '@id': WORKFLOW_RO_CRATE, '@type': 'CreativeWork', name: 'Workflow RO-Crate', version: '1.0' });

  const hasPart: Ref[] = [];
  const mentions: Ref[] = [];
  const dataFile = (path: string, fields: Record<string, unknown>): Ref => {
    const id = pathId(path);
    if (!graph.has(id)) hasPart.push(ref(id));
    return add({ '@id': id, '@type': 'File', name: path, ...fields });
  };

  const results = p.subject.map((s) => dataFile(s.name, { description: 'Output of the run', sha256: s.digest.sha256 }));

  const plan = dataFile(params.plan.path, { description: `Approved plan (version of commit ${params.plan.commit})`, version: params.plan.commit });
  const language = add({ '@id': '#shell-command', '@type': 'ComputerLanguage', name: 'Shell command', alternateName: 'sh' });
  const instrument = add({
    '@id': '#run-command',
    '@type': ['SoftwareSourceCode', 'ComputationalWorkflow'],
    name: `Run command of issue #${params.issue.number}`,
    description: params.command,
    programmingLanguage: language,
    isBasedOn: plan,
    ...(gitCommit ? { version: gitCommit.digest?.['gitCommit'] ?? gitCommit.name, ...tagOf(gitCommit) } : {}),
  });
  root['mainEntity'] = instrument;

  for (const lockfile of dependencies.filter((d) => resourceKind(d) === 'lockfile')) {
    dataFile(lockfile.name ?? '', { description: 'Lockfile of the environment', sha256: lockfile.digest?.['sha256'] });
  }

  const objects: Ref[] = [];
  if (params.config) objects.push(dataFile(params.config.path, { description: 'Config file the command read', sha256: params.config.sha256 }));
  for (const input of byproducts.filter((b) => resourceKind(b) === 'input')) {
    const size = input.annotations?.['size'];
    objects.push(
      dataFile(input.name ?? '', {
        description: input.annotations?.['declared'] === true ? 'Input declared in the plan' : 'Input detected during the run',
        sha256: input.digest?.['sha256'],
        ...(typeof size === 'number' ? { contentSize: String(size) } : {}),
      }),
    );
  }
  for (const dependency of dependencies.filter((d) => resourceKind(d) === 'dataset' || resourceKind(d) === 'base-model')) {
    objects.push(add(externalEntity(dependency)));
  }

  const agent = add({ '@id': `#person-${encodeURIComponent(params.approver)}`, '@type': 'Person', name: params.approver, description: 'Approved the plan of this run' });

  const environment = Object.entries(runDetails.environment.variables).map(([name, value]) =>
    add({ '@id': `#env-${encodeURIComponent(name)}`, '@type': 'PropertyValue', name, value }),
  );

  const container = dependencies.find((d) => resourceKind(d) === 'container-image');
  let containerImage: Ref | undefined;
  if (container) {
    add({ '@id': DOCKER_IMAGE_TERM, '@type': 'DefinedTerm', name: 'Docker image' });
    containerImage = add(containerEntity(container));
  }

  const action: RoCrateEntity = {
    '@id': actionId,
    '@type': 'CreateAction',
    name: `Run ${internal.runId} (attempt ${internal.attempt}) of issue #${params.issue.number}`,
    description: params.command,
    startTime: runDetails.metadata.startedOn,
    endTime: runDetails.metadata.finishedOn,
    instrument,
    agent,
    object: objects,
    result: results,
    ...(environment.length > 0 ? { environment } : {}),
    ...(containerImage ? { containerImage } : {}),
  };
  mentions.push(add(action));

  for (const byproduct of byproducts) {
    const entity = byproductEntity(byproduct, actionId);
    if (entity) mentions.push(add(entity));
  }
  if (issueUrl) root['isBasedOn'] = add({ '@id': issueUrl, '@type': 'CreativeWork', name: `Issue #${params.issue.number}` });
  if (options.license) root['license'] = add({ '@id': options.license, '@type': 'CreativeWork', name: options.license });
  root['hasPart'] = hasPart;
  root['mentions'] = uniqueRefs(mentions);

  return { '@context': [...RO_CRATE_CONTEXT], '@graph': [...graph.values()] };
}

/** Every `@id` referenced anywhere in the crate (values of the form `{"@id": …}`), sorted. */
export function referencedIds(crate: RoCrate): string[] {
  const ids = new Set<string>();
  const visit = (value: unknown, top: boolean): void => {
    if (Array.isArray(value)) for (const item of value) visit(item, false);
    else if (value !== null && typeof value === 'object') {
      const record = value as Record<string, unknown>;
      if (!top && typeof record['@id'] === 'string') ids.add(record['@id']);
      for (const [key, child] of Object.entries(record)) if (key !== '@id') visit(child, false);
    }
  };
  for (const entity of crate['@graph']) visit(entity, true);
  return [...ids].sort();
}

/** The `@id` of a data entity at a POSIX relative path: each segment percent-encoded. */
function pathId(path: string): string {
  return path.split('/').map(encodeURIComponent).join('/');
}

/** `identifier` = the run tag, when the git resource has one. */
function tagOf(git: Resource): Record<string, unknown> {
  const tag = git.annotations?.['tag'];
  return typeof tag === 'string' ? { identifier: tag } : {};
}

/** A dataset or base model, identified by its URI when it is absolute. */
function externalEntity(dependency: Resource): RoCrateEntity {
  const kind = resourceKind(dependency);
  const name = dependency.name ?? dependency.uri ?? 'unnamed';
  const uri = dependency.uri;
  const id = uri !== undefined && /^[a-zA-Z][a-zA-Z0-9+.-]*:/.test(uri) ? uri : `#${kind}-${encodeURIComponent(name)}`;
  const revision = dependency.annotations?.['revision'];
  const sha256 = dependency.digest?.['sha256'];
  return {
    '@id': id,
    '@type': kind === 'dataset' ? 'Dataset' : 'CreativeWork',
    name,
    description: kind === 'dataset' ? 'Dataset the run read' : 'Base model the run started from',
    ...(uri !== undefined ? { url: uri } : {}),
    ...(typeof revision === 'string' ? { version: revision } : {}),
    ...(sha256 !== undefined ? { sha256 } : {}),
  };
}

/** A container image per the Process Run Crate's `ContainerImage` (registry, name, tag, sha256). */
function containerEntity(container: Resource): RoCrateEntity {
  const reference = (container.name ?? container.uri ?? '').replace(/@sha256:[0-9a-f]+$/, '');
  const parts = reference.split('/');
  const first = parts[0] ?? '';
  const hasRegistry = parts.length > 1 && (first.includes('.') || first.includes(':') || first === 'localhost');
  const registry = hasRegistry ? first : 'docker.io';
  const rest = (hasRegistry ? parts.slice(1) : parts).join('/');
  const tagAt = rest.lastIndexOf(':');
  return {
    '@id': '#container-image',
    '@type': 'ContainerImage',
    additionalType: ref(DOCKER_IMAGE_TERM),
    registry,
    name: tagAt === -1 ? rest : rest.slice(0, tagAt),
    ...(tagAt === -1 ? {} : { tag: rest.slice(tagAt + 1) }),
    ...(container.digest?.['sha256'] ? { sha256: container.digest['sha256'] } : {}),
  };
}

/** Logs, transcripts, the W&B run, the Hugging Face repo and cited URLs, each `about` the run. Inputs are handled as objects. */
function byproductEntity(byproduct: Resource, actionId: string): RoCrateEntity | undefined {
  const about = ref(actionId);
  const sha256 = byproduct.digest?.['sha256'];
  switch (resourceKind(byproduct)) {
    case 'log':
    case 'transcript': {
      const path = byproduct.name ?? '';
      const kind = resourceKind(byproduct) === 'log' ? 'Log' : 'Agent transcript';
      const role = byproduct.annotations?.['role'];
      return {
        '@id': path.startsWith('/') ? `file://${path.split('/').map(encodeURIComponent).join('/')}` : pathId(path),
        '@type': 'File',
        name: typeof role === 'string' ? `${kind} (${role})` : `${kind} of the run`,
        ...(sha256 !== undefined ? { sha256 } : {}),
        about,
      };
    }
    case 'wandb-run':
      return { '@id': byproduct.uri ?? `#wandb-${encodeURIComponent(byproduct.name ?? '')}`, '@type': 'CreativeWork', name: `W&B run ${byproduct.name ?? ''}`, about };
    case 'hf-repo': {
      const revision = byproduct.annotations?.['revision'];
      return {
        '@id': byproduct.uri ?? `#hf-${encodeURIComponent(byproduct.name ?? '')}`,
        '@type': 'CreativeWork',
        name: `Hugging Face repository ${byproduct.name ?? ''}`,
        ...(typeof revision === 'string' ? { version: revision } : {}),
        about,
      };
    }
    case 'url':
      return byproduct.uri ? { '@id': byproduct.uri, '@type': 'CreativeWork', name: byproduct.uri, about } : undefined;
    default:
      return undefined;
  }
}

/** References without repeats, in first-seen order. */
function uniqueRefs(refs: readonly Ref[]): Ref[] {
  const seen = new Set<string>();
  return refs.filter((r) => (seen.has(r['@id']) ? false : (seen.add(r['@id']), true)));
}
