/**
 * The provenance manifest of a run: an in-toto Statement v1 whose subjects are
 * the run's outputs and whose predicate mirrors SLSA provenance v1
 * (DESIGN.md §4). Pure: building it from its parts and checking its shape.
 */
import { z } from 'zod';

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
