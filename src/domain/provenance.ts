/**
 * The provenance manifest of a run: an in-toto Statement v1 whose subjects are
 * the run's outputs and whose predicate mirrors SLSA provenance v1
 * (DESIGN.md §4). Pure: building it from its parts and checking its shape.
 */
import { z } from 'zod';
import { badInput } from './errors.js';

/** The in-toto statement type. */
export const STATEMENT_TYPE = 'https://in-toto.io/Statement/v1';
/** EPM's own predicate type, versioned. */
export const PREDICATE_TYPE = 'urn:epm:provenance:v1';
/** The build type of an EPM run. */
export const BUILD_TYPE = 'urn:epm:run:v1';

const sha256 = z.string().regex(/^[0-9a-f]{64}$/, 'a lower-case hex sha256');
const gitCommit = z.string().regex(/^[0-9a-f]{40}([0-9a-f]{24})?$/, 'a full git commit id');

/** A digest set: algorithm → hex value (in-toto DigestSet). */
export const digestSetSchema = z.record(z.string(), z.string().min(1)).refine((d) => Object.keys(d).length > 0, 'at least one digest');

/** An in-toto ResourceDescriptor. */
export const resourceSchema = z
  .object({
    name: z.string().min(1).optional(),
    uri: z.string().min(1).optional(),
    digest: digestSetSchema.optional(),
    downloadLocation: z.string().optional(),
    mediaType: z.string().optional(),
    annotations: z.record(z.string(), z.unknown()).optional(),
  })
  .strict()
  .refine((r) => r.name !== undefined || r.uri !== undefined || r.digest !== undefined, 'a resource needs a name, uri or digest');

/** A resource descriptor. */
export type Resource = z.output<typeof resourceSchema>;

/** One subject: an output of the run. */
export const subjectSchema = z.object({ name: z.string().min(1), digest: z.object({ sha256 }).catchall(z.string()) }).strict();

/** What is known of the compute a run used; a fact that could not be read is null with the reason in `absent`. */
export const computeSchema = z
  .object({
    provider: z.string().min(1),
    podId: z.string().nullable(),
    gpuType: z.string().nullable(),
    gpuCount: z.number().int().nonnegative().nullable(),
    image: z.string().nullable(),
    imageDigest: z.string().nullable(),
    driver: z.string().nullable(),
    cuda: z.string().nullable(),
    /** Fact name → why it is null (e.g. "nvidia-smi not found"). Never guessed. */
    absent: z.record(z.string(), z.string()),
  })
  .strict();

/** The environment snapshot taken at launch. */
export const environmentSchema = z
  .object({
    os: z.object({ platform: z.string(), release: z.string(), kernel: z.string(), arch: z.string() }).strict(),
    node: z.string().nullable(),
    python: z.string().nullable(),
    /** Digest of `pip freeze` output when Python is present; the text itself is a byproduct. */
    pipFreezeSha256: sha256.nullable(),
    /** Chosen environment variables; secret values replaced by "[redacted]". */
    variables: z.record(z.string(), z.string()),
    nvidiaSmi: z.string().nullable(),
    absent: z.record(z.string(), z.string()),
  })
  .strict();

/** Model usage of one role over the experiment. */
export const roleUsageSchema = z
  .object({ role: z.string().min(1), calls: z.number().int().nonnegative(), inputTokens: z.number().int().nonnegative(), outputTokens: z.number().int().nonnegative(), usd: z.number().nonnegative() })
  .strict();

/** The EPM provenance predicate (mirrors SLSA provenance v1). */
export const predicateSchema = z
  .object({
    buildDefinition: z
      .object({
        buildType: z.literal(BUILD_TYPE),
        externalParameters: z
          .object({
            command: z.string().min(1),
            config: z.object({ path: z.string().min(1), sha256 }).strict().nullable(),
            seeds: z.array(z.number().int()),
            plan: z.object({ path: z.string().min(1), commit: gitCommit }).strict(),
            approver: z.string().min(1),
            issue: z.object({ number: z.number().int().positive(), url: z.string().nullable() }).strict(),
          })
          .strict(),
        internalParameters: z.object({ epmVersion: z.string().min(1), lane: z.string().min(1), runId: z.string().min(1), attempt: z.number().int().positive() }).strict(),
        /** Git commit (with its run tag), lockfiles, datasets and base models with revisions, container image. */
        resolvedDependencies: z.array(resourceSchema),
      })
      .strict(),
    runDetails: z
      .object({
        builder: z.object({ id: z.string().min(1), version: z.record(z.string(), z.string()).optional() }).strict(),
        metadata: z.object({ invocationId: z.string().min(1), startedOn: z.string().datetime({ offset: true }), finishedOn: z.string().datetime({ offset: true }) }).strict(),
        compute: computeSchema,
        environment: environmentSchema,
        usage: z.object({ gpuHours: z.number().nonnegative(), costUsd: z.number().nonnegative().nullable() }).strict(),
        modelUsage: z.array(roleUsageSchema),
        /** Logs, the W&B run, the Hugging Face repo + revision, transcripts, declared inputs used. */
        byproducts: z.array(resourceSchema),
      })
      .strict(),
  })
  .strict();

/** The whole statement. */
export const provenanceSchema = z
  .object({
    _type: z.literal(STATEMENT_TYPE),
    subject: z.array(subjectSchema).min(1),
    predicateType: z.literal(PREDICATE_TYPE),
    predicate: predicateSchema,
  })
  .strict();

/** A provenance statement. */
export type Provenance = z.output<typeof provenanceSchema>;
/** The predicate. */
export type ProvenancePredicate = z.output<typeof predicateSchema>;
/** A subject. */
export type Subject = z.output<typeof subjectSchema>;
/** Compute facts. */
export type ComputeFacts = z.output<typeof computeSchema>;
/** Environment snapshot. */
export type EnvironmentSnapshot = z.output<typeof environmentSchema>;

/** Annotation keys EPM puts on resource descriptors, so verification knows what each one is. */
export const RESOURCE_KINDS = ['git-commit', 'lockfile', 'dataset', 'base-model', 'container-image', 'input', 'log', 'wandb-run', 'hf-repo', 'transcript', 'url'] as const;
/** The kind of a resource, in `annotations.epmKind`. */
export type ResourceKind = (typeof RESOURCE_KINDS)[number];

// ---------------------------------------------------------------------------
// Building, parsing and rendering statements.
// ---------------------------------------------------------------------------

/** Where the committed JSON Schema of the statement lives, relative to the repository root. */
export const PROVENANCE_SCHEMA_PATH = 'schema/provenance.schema.json';
/** The `$id` of the statement's JSON Schema. */
export const PROVENANCE_SCHEMA_ID = 'urn:epm:schema:provenance:1';

const relativePath = z
  .string()
  .min(1)
  .refine((path) => !path.startsWith('/') && !/^[A-Za-z]:[\\/]/.test(path) && !path.split(/[\\/]/).includes('..'), 'a path relative to the worktree, without ".."');
const fileDigest = z.object({ /** Path relative to the worktree. */ path: relativePath, /** Lower-case hex sha256 of the content. */ sha256 }).strict();
const isoTime = z.string().datetime({ offset: true });

/** A dataset or base model: a name, where it comes from, the revision used and, when a single file, its sha256. */
const externalDependencySchema = z
  .object({
    /** e.g. `imdb`, `meta-llama/Llama-3.1-8B`. */
    name: z.string().min(1),
    /** Where it was fetched from (`hf://datasets/imdb`, `https://…`, `s3://…`, or a path). */
    uri: z.string().min(1),
    /** The exact revision (a commit, a version tag). */
    revision: z.string().min(1),
    /** sha256 of the content when it is a single file. */
    sha256: sha256.optional(),
  })
  .strict();

/** A W&B run as a byproduct. */
const wandbRunPartSchema = z
  .object({
    url: z.string().url(),
    entity: z.string().min(1),
    project: z.string().min(1),
    runId: z.string().min(1),
    /** Artifacts logged by the run, with the service's digest at upload time. */
    artifacts: z.array(z.object({ name: z.string().min(1), digest: z.string().min(1) }).strict()).optional(),
  })
  .strict();

/** A Hugging Face repository as a byproduct. */
const hfRepoPartSchema = z
  .object({
    /** `owner/name`. */
    repo: z.string().regex(/^[\w.-]+\/[\w.-]+$/, 'a repo id owner/name'),
    /** The commit the upload made. */
    revision: z.string().min(1),
    /** Browser URL of the repo at the revision, when known. */
    url: z.string().url().optional(),
    /** Files uploaded, with their sha256 and size. */
    files: z
      .array(z.object({ path: z.string().min(1), sha256, size: z.number().int().nonnegative(), /** git blob id, for small files a hub keeps in git. */ gitOid: z.string().regex(/^[0-9a-f]{40}$/).optional() }).strict())
      .optional(),
  })
  .strict();

/** Schema of the parts a statement is built from; `buildProvenance` checks them with it. */
export const provenancePartsSchema = z
  .object({
    /** The run's outputs (paths relative to the worktree) with their digests. At least one. */
    subjects: z.array(z.object({ name: relativePath, sha256 }).strict()).min(1),
    /** The command the run executed, from the worktree root. */
    command: z.string().min(1),
    /** The config file the command read, hashed; null when the plan names none. */
    config: fileDigest.nullable(),
    /** Seeds of the run, in the plan's order. */
    seeds: z.array(z.number().int()),
    /** The approved plan: its path and the commit whose version was approved. */
    plan: z.object({ path: relativePath, commit: gitCommit }).strict(),
    /** Who approved the plan. */
    approver: z.string().trim().min(1),
    /** The experiment's issue. */
    issue: z.object({ number: z.number().int().positive(), url: z.string().url().nullable() }).strict(),
    /** EPM's version. */
    epmVersion: z.string().min(1),
    /** The lane the experiment ran in. */
    lane: z.string().min(1),
    /** The run's id (also the statement's invocation id). */
    runId: z.string().min(1),
    /** Attempt number k of the run (its tag is `epm/run/<N>/<k>`). */
    attempt: z.number().int().positive(),
    /** The commit the run ran from, and its run tag (null when untagged). */
    git: z.object({ commit: gitCommit, tag: z.string().min(1).nullable() }).strict(),
    /** Lockfiles found in the worktree, hashed. */
    lockfiles: z.array(fileDigest),
    /** Datasets the run read, with their revisions. */
    datasets: z.array(externalDependencySchema),
    /** Base models the run started from, with their revisions. */
    baseModels: z.array(externalDependencySchema),
    /** The container image the run used, by reference and digest (`sha256:<hex>`); null when it ran on the host. */
    container: z.object({ ref: z.string().min(1), digest: z.string().regex(/^sha256:[0-9a-f]{64}$/, 'an image digest sha256:<64 hex>') }).strict().nullable(),
    /** Who ran the build (e.g. `urn:epm:builder:local`, a GitHub workflow URL). */
    builderId: z.string().min(1),
    /** When the run started (ISO-8601 with offset). */
    startedOn: isoTime,
    /** When the run finished (ISO-8601 with offset); not before `startedOn`. */
    finishedOn: isoTime,
    /** Compute facts. */
    compute: computeSchema,
    /** Environment snapshot taken at launch. */
    environment: environmentSchema,
    /** GPU-hours the run used. */
    gpuHours: z.number().nonnegative(),
    /** Compute cost in USD; null when the provider reports none (local). */
    costUsd: z.number().nonnegative().nullable(),
    /** Model tokens and cost per role over the experiment. */
    modelUsage: z.array(roleUsageSchema),
    /** What the run left besides its outputs. Every list is optional. */
    byproducts: z
      .object({
        /** Log files, hashed; a path may be absolute (the run contract's log lives outside the worktree). */
        logs: z.array(z.object({ path: z.string().min(1), sha256 }).strict()).optional(),
        /** The W&B runs the run logged to. */
        wandbRuns: z.array(wandbRunPartSchema).optional(),
        /** Hugging Face repos the outputs were published to, at their revision. */
        hfRepos: z.array(hfRepoPartSchema).optional(),
        /** Agent transcripts, hashed (path absolute or relative), with the role that produced each. */
        transcripts: z.array(z.object({ path: z.string().min(1), sha256, role: z.string().min(1).optional() }).strict()).optional(),
        /** Inputs the run used (declared in the plan or detected), hashed. */
        inputs: z.array(z.object({ path: relativePath, sha256, size: z.number().int().nonnegative(), declared: z.boolean() }).strict()).optional(),
        /** URLs the result or manifest cites; each must answer. */
        urls: z.array(z.string().url()).optional(),
      })
      .strict(),
  })
  .strict();

/** The parts a provenance statement is built from. */
export type ProvenanceParts = z.input<typeof provenancePartsSchema>;
/** A dataset or base model dependency. */
export type ExternalDependency = z.input<typeof externalDependencySchema>;
/** A W&B run byproduct. */
export type WandbRunPart = z.input<typeof wandbRunPartSchema>;
/** A Hugging Face repo byproduct. */
export type HfRepoPart = z.input<typeof hfRepoPartSchema>;

/**
 * Builds the statement of a run from its parts. Pure and deterministic:
 * subjects sorted by name, dependencies and byproducts by kind (in
 * `RESOURCE_KINDS` order) then name, record keys sorted. Every resource
 * descriptor carries `annotations.epmKind`. Throws one `bad-input` error
 * listing every problem with its path (e.g. `lockfiles[0].sha256`).
 */
export function buildProvenance(parts: ProvenanceParts): Provenance {
  const checked = provenancePartsSchema.safeParse(parts);
  const problems = checked.success ? [] : checked.error.issues.map((issue) => `${formatIssuePath(issue.path)}: ${issue.message}`);
  if (checked.success) problems.push(...crossCheck(checked.data));
  if (!checked.success || problems.length > 0) {
    throw badInput(`provenance parts are invalid: ${problems.join('; ')}`, {
      hint: 'fix the named fields; a manifest is written only from complete, valid parts',
    });
  }
  const p = checked.data;
  const statement: Provenance = {
    _type: STATEMENT_TYPE,
    subject: [...p.subjects].sort((a, b) => compareText(a.name, b.name)).map((s) => ({ name: s.name, digest: { sha256: s.sha256 } })),
    predicateType: PREDICATE_TYPE,
    predicate: {
      buildDefinition: {
        buildType: BUILD_TYPE,
        externalParameters: {
          command: p.command,
          config: p.config === null ? null : { path: p.config.path, sha256: p.config.sha256 },
          seeds: [...p.seeds],
          plan: { path: p.plan.path, commit: p.plan.commit },
          approver: p.approver,
          issue: { number: p.issue.number, url: p.issue.url },
        },
        internalParameters: { epmVersion: p.epmVersion, lane: p.lane, runId: p.runId, attempt: p.attempt },
        resolvedDependencies: sortResources(dependencyResources(p)),
      },
      runDetails: {
        builder: { id: p.builderId },
        metadata: { invocationId: p.runId, startedOn: p.startedOn, finishedOn: p.finishedOn },
        compute: { ...p.compute, absent: sortRecord(p.compute.absent) },
        environment: {
          os: { ...p.environment.os },
          node: p.environment.node,
          python: p.environment.python,
          pipFreezeSha256: p.environment.pipFreezeSha256,
          variables: sortRecord(p.environment.variables),
          nvidiaSmi: p.environment.nvidiaSmi,
          absent: sortRecord(p.environment.absent),
        },
        usage: { gpuHours: p.gpuHours, costUsd: p.costUsd },
        modelUsage: [...p.modelUsage].sort((a, b) => compareText(a.role, b.role)).map((u) => ({ ...u })),
        byproducts: sortResources(byproductResources(p.byproducts)),
      },
    },
  };
  // The parts schema is stricter than the statement's, so this only guards the mapping above.
  return provenanceSchema.parse(statement);
}

/**
 * Parses a statement from JSON text. `source` names the file in messages.
 * Throws `bad-input` naming the first bad path, for bad JSON, a shape the
 * schema refuses, a `sha256` digest that is not 64 lower-case hex digits, or
 * a resource without a known `annotations.epmKind`.
 */
export function parseProvenance(json: string, source: string): Provenance {
  let data: unknown;
  try {
    data = JSON.parse(json);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw badInput(`${source}: not valid JSON: ${reason}`, { hint: `restore ${source} from the run's release or re-run \`epm verify\` on the original file`, cause: error });
  }
  const result = provenanceSchema.safeParse(data);
  if (!result.success) {
    const first = result.error.issues[0];
    const where = first ? formatIssuePath(first.path) : '(top level)';
    const more = result.error.issues.length > 1 ? ` (and ${result.error.issues.length - 1} more)` : '';
    throw badInput(`${source}: ${where}: ${first?.message ?? 'invalid'}${more}`, {
      hint: `${source} is not an EPM provenance statement (${PREDICATE_TYPE}); check it against ${PROVENANCE_SCHEMA_PATH}`,
    });
  }
  const statement = result.data;
  const lists = [
    ['predicate.buildDefinition.resolvedDependencies', statement.predicate.buildDefinition.resolvedDependencies],
    ['predicate.runDetails.byproducts', statement.predicate.runDetails.byproducts],
  ] as const;
  for (const [path, resources] of lists) {
    for (const [index, resource] of resources.entries()) {
      const kind = resource.annotations?.['epmKind'];
      if (typeof kind !== 'string' || !(RESOURCE_KINDS as readonly string[]).includes(kind)) {
        throw badInput(`${source}: ${path}[${index}].annotations.epmKind: got ${JSON.stringify(kind ?? null)}, expected one of ${RESOURCE_KINDS.join(', ')}`, {
          hint: `${source} was not written by EPM or was edited; use the statement attached to the run`,
        });
      }
      const digest = resource.digest?.['sha256'];
      if (digest !== undefined && !/^[0-9a-f]{64}$/.test(digest)) {
        throw badInput(`${source}: ${path}[${index}].digest.sha256: got ${JSON.stringify(digest)}, expected 64 lower-case hex digits`, {
          hint: `${source} was edited or truncated; use the statement attached to the run`,
        });
      }
    }
  }
  return statement;
}

/** The statement as pretty JSON (two spaces) with a trailing newline: the bytes EPM writes and hashes. */
export function renderProvenance(p: Provenance): string {
  return `${JSON.stringify(p, null, 2)}\n`;
}

/** The statement's JSON Schema (draft 2020-12), with `$id` and `title`. */
export function provenanceJsonSchema(): Record<string, unknown> {
  const generated = z.toJSONSchema(provenanceSchema, { io: 'output', target: 'draft-2020-12' }) as Record<string, unknown>;
  const { $schema, ...rest } = generated;
  return { $schema, $id: PROVENANCE_SCHEMA_ID, title: `EPM provenance statement (in-toto Statement v1, predicate ${PREDICATE_TYPE})`, ...rest };
}

/** The committed schema file's text for `provenanceJsonSchema()`: two-space JSON and a final newline. */
export function renderProvenanceJsonSchema(): string {
  return `${JSON.stringify(provenanceJsonSchema(), null, 2)}\n`;
}

/** The kind EPM recorded on a resource, or undefined when it has none. */
export function resourceKind(resource: Resource): ResourceKind | undefined {
  const kind = resource.annotations?.['epmKind'];
  return typeof kind === 'string' && (RESOURCE_KINDS as readonly string[]).includes(kind) ? (kind as ResourceKind) : undefined;
}

type CheckedParts = z.output<typeof provenancePartsSchema>;

/** Problems the per-field schema cannot see: time order and duplicates. */
function crossCheck(p: CheckedParts): string[] {
  const problems: string[] = [];
  if (Date.parse(p.finishedOn) < Date.parse(p.startedOn)) problems.push(`finishedOn: ${p.finishedOn} is before startedOn ${p.startedOn}`);
  const duplicates = (names: readonly string[]) => [...new Set(names.filter((name, index) => names.indexOf(name) !== index))];
  for (const name of duplicates(p.subjects.map((s) => s.name))) problems.push(`subjects: "${name}" is listed twice`);
  for (const role of duplicates(p.modelUsage.map((u) => u.role))) problems.push(`modelUsage: role "${role}" is listed twice`);
  for (const path of duplicates(p.lockfiles.map((l) => l.path))) problems.push(`lockfiles: "${path}" is listed twice`);
  return problems;
}

/** Git commit, lockfiles, datasets, base models and container image as resource descriptors. */
function dependencyResources(p: CheckedParts): Resource[] {
  const resources: Resource[] = [
    {
      name: p.git.tag ?? p.git.commit,
      digest: { gitCommit: p.git.commit },
      annotations: p.git.tag === null ? { epmKind: 'git-commit' } : { epmKind: 'git-commit', tag: p.git.tag },
    },
    ...p.lockfiles.map((l): Resource => ({ name: l.path, digest: { sha256: l.sha256 }, annotations: { epmKind: 'lockfile' } })),
    ...p.datasets.map((d) => externalResource(d, 'dataset')),
    ...p.baseModels.map((m) => externalResource(m, 'base-model')),
  ];
  if (p.container !== null) {
    resources.push({ name: p.container.ref, uri: p.container.ref, digest: { sha256: p.container.digest.slice('sha256:'.length) }, annotations: { epmKind: 'container-image' } });
  }
  return resources;
}

/** A dataset or base model; a revision that is a full git commit also becomes a `gitCommit` digest. */
function externalResource(d: z.output<typeof externalDependencySchema>, kind: 'dataset' | 'base-model'): Resource {
  const digest: Record<string, string> = {};
  if (d.sha256 !== undefined) digest['sha256'] = d.sha256;
  if (/^[0-9a-f]{40}$/.test(d.revision)) digest['gitCommit'] = d.revision;
  return { name: d.name, uri: d.uri, ...(Object.keys(digest).length > 0 ? { digest } : {}), annotations: { epmKind: kind, revision: d.revision } };
}

/** Logs, W&B runs, HF repos, transcripts, inputs and cited URLs as resource descriptors. */
function byproductResources(b: CheckedParts['byproducts']): Resource[] {
  return [
    ...(b.logs ?? []).map((l): Resource => ({ name: l.path, digest: { sha256: l.sha256 }, annotations: { epmKind: 'log' } })),
    ...(b.wandbRuns ?? []).map(
      (w): Resource => ({
        name: `${w.entity}/${w.project}/${w.runId}`,
        uri: w.url,
        annotations: {
          epmKind: 'wandb-run',
          entity: w.entity,
          project: w.project,
          runId: w.runId,
          ...(w.artifacts ? { artifacts: [...w.artifacts].sort((x, y) => compareText(x.name, y.name)).map((a) => ({ ...a })) } : {}),
        },
      }),
    ),
    ...(b.hfRepos ?? []).map(
      (h): Resource => ({
        name: h.repo,
        ...(h.url ? { uri: h.url } : {}),
        ...(/^[0-9a-f]{40}$/.test(h.revision) ? { digest: { gitCommit: h.revision } } : {}),
        annotations: {
          epmKind: 'hf-repo',
          revision: h.revision,
          ...(h.files ? { files: [...h.files].sort((x, y) => compareText(x.path, y.path)).map((f) => ({ ...f })) } : {}),
        },
      }),
    ),
    ...(b.transcripts ?? []).map(
      (t): Resource => ({ name: t.path, digest: { sha256: t.sha256 }, annotations: t.role ? { epmKind: 'transcript', role: t.role } : { epmKind: 'transcript' } }),
    ),
    ...(b.inputs ?? []).map((i): Resource => ({ name: i.path, digest: { sha256: i.sha256 }, annotations: { epmKind: 'input', declared: i.declared, size: i.size } })),
    ...[...new Set(b.urls ?? [])].map((url): Resource => ({ uri: url, annotations: { epmKind: 'url' } })),
  ];
}

/** Resources by kind (in `RESOURCE_KINDS` order), then name, then uri. */
function sortResources(resources: Resource[]): Resource[] {
  const rank = (r: Resource) => RESOURCE_KINDS.indexOf(r.annotations?.['epmKind'] as ResourceKind);
  return [...resources].sort((a, b) => rank(a) - rank(b) || compareText(a.name ?? '', b.name ?? '') || compareText(a.uri ?? '', b.uri ?? ''));
}

/** A copy of a record with its keys in code-unit order. */
function sortRecord<T>(record: Record<string, T>): Record<string, T> {
  return Object.fromEntries(Object.entries(record).sort(([a], [b]) => compareText(a, b)));
}

/** Locale-independent string order (by UTF-16 code units), so output never depends on the machine. */
function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** `predicate.runDetails.byproducts[2].digest.sha256`. */
function formatIssuePath(path: readonly PropertyKey[]): string {
  if (path.length === 0) return '(top level)';
  return path.map((segment, index) => (typeof segment === 'number' ? `[${segment}]` : `${index === 0 ? '' : '.'}${String(segment)}`)).join('');
}
