/**
 * JSON Schemas of the Hugging Face Hub traffic the emulator serves, generated
 * with ts-json-schema-generator from `@huggingface/hub`'s own TypeScript
 * declarations (node_modules/@huggingface/hub/dist/src/types/api/*.d.ts) and
 * compiled with ajv.
 *
 * The generated schemas are committed under `schemas/` so tests load them in
 * milliseconds. `tests/adapters/hf-model-hub.test.ts` regenerates them and
 * fails when they differ from the committed files (after an upgrade of
 * `@huggingface/hub`, say). To rewrite them:
 *
 *     EPM_WRITE_HF_SCHEMAS=1 NODE_OPTIONS=--experimental-vm-modules npx jest tests/adapters/hf-model-hub.test.ts -t schemas
 *
 * Three answers have no declared type in the package — the library reads
 * them untyped — so their shapes are declared below, field for field as the
 * library reads them (`Wire…` types), and generated the same way from this
 * file.
 */

import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Ajv, type ValidateFunction } from 'ajv';
import { createFormatter, createParser, DEFAULT_CONFIG, SchemaGenerator } from 'ts-json-schema-generator';
import ts from 'typescript';

/**
 * Answer of `POST /api/repos/create`: `createRepo` returns `{ repoUrl: url, id }`
 * (src/lib/create-repo.ts).
 */
export interface WireCreateRepoResponse {
  /** Browser URL of the new repository. */
  url: string;
  /** `<namespace>/<name>`. */
  name: string;
  /** The repository's database id. */
  id: string;
}

/**
 * Answer of `POST /api/{type}s/{repo}/commit/{rev}`: `commit` reads
 * `commitOid`, `commitUrl`, `pullRequestUrl` and `hookOutput` (src/lib/commit.ts).
 */
export interface WireCommitResponse {
  /** The new commit. */
  commitOid: string;
  /** Browser URL of the new commit. */
  commitUrl: string;
  /** Set when the commit opened a pull request. */
  pullRequestUrl?: string;
  /** Output of server-side hooks. */
  hookOutput: string;
}

/**
 * Body of an error answer: `createApiError` reads `error` (or `message`) and
 * `error_description` (src/error.ts).
 */
export interface WireErrorBody {
  /** What went wrong. */
  error: string;
  /** More detail. */
  error_description?: string;
  /** The repository concerned (409 on create). */
  url?: string;
}

/** Names of the schemas the emulator checks. */
export type HubSchemaName =
  | 'ApiModelInfo'
  | 'ApiIndexTreeEntry'
  | 'ApiCreateRepoPayload'
  | 'ApiPreuploadRequest'
  | 'ApiPreuploadResponse'
  | 'ApiLfsBatchRequest'
  | 'ApiLfsBatchResponse'
  | 'ApiLfsCompleteMultipartRequest'
  | 'ApiCommitHeader'
  | 'ApiCommitOperation'
  | 'WireCreateRepoResponse'
  | 'WireCommitResponse'
  | 'WireErrorBody';

/** Where each schema's type is declared: a .d.ts under the package's `dist/src/`, or this file. */
export const HUB_SCHEMA_SOURCES: Readonly<Record<HubSchemaName, string>> = {
  ApiModelInfo: 'types/api/api-model.d.ts',
  ApiIndexTreeEntry: 'types/api/api-index-tree.d.ts',
  ApiCreateRepoPayload: 'types/api/api-create-repo.d.ts',
  ApiPreuploadRequest: 'types/api/api-commit.d.ts',
  ApiPreuploadResponse: 'types/api/api-commit.d.ts',
  ApiLfsBatchRequest: 'types/api/api-commit.d.ts',
  ApiLfsBatchResponse: 'types/api/api-commit.d.ts',
  ApiLfsCompleteMultipartRequest: 'types/api/api-commit.d.ts',
  ApiCommitHeader: 'types/api/api-commit.d.ts',
  ApiCommitOperation: 'types/api/api-commit.d.ts',
  WireCreateRepoResponse: 'local',
  WireCommitResponse: 'local',
  WireErrorBody: 'local',
};

/** A JSON Schema document as generated. */
export type JsonSchema = Record<string, unknown>;

const HERE = dirname(fileURLToPath(import.meta.url));

/** Folder of the committed schema files. */
export const HUB_SCHEMA_DIR = join(HERE, 'schemas');

/** `node_modules/@huggingface/hub/dist/src`, found through Node's resolution. */
function packageTypesDir(): string {
  const entry = createRequire(import.meta.url).resolve('@huggingface/hub');
  return join(dirname(entry), 'src');
}

/**
 * Generates every schema from the TypeScript declarations: one TypeScript
 * program over the package's declaration files, one over this file alone
 * (imports not followed, so ajv's and the generator's own types stay out).
 * Compiler options are the generator's defaults when it has no tsconfig.
 */
export function generateHubSchemas(): Record<HubSchemaName, JsonSchema> {
  const types = packageTypesDir();
  const entries = Object.entries(HUB_SCHEMA_SOURCES) as [HubSchemaName, string][];
  const packageFiles = [...new Set(entries.filter(([, source]) => source !== 'local').map(([, source]) => join(types, source)))];
  const fromPackage = generatorOver(packageFiles, {});
  const fromHere = generatorOver([fileURLToPath(import.meta.url)], { noResolve: true, noLib: true });
  const out = {} as Record<HubSchemaName, JsonSchema>;
  for (const [name, source] of entries) {
    out[name] = normalize((source === 'local' ? fromHere : fromPackage).createSchema(name) as JsonSchema);
  }
  return out;
}

function generatorOver(rootNames: string[], extra: ts.CompilerOptions): SchemaGenerator {
  const program = ts.createProgram(rootNames, {
    noEmit: true,
    emitDecoratorMetadata: true,
    experimentalDecorators: true,
    target: ts.ScriptTarget.ES5,
    module: ts.ModuleKind.CommonJS,
    strictNullChecks: false,
    ...extra,
  });
  const config = { ...DEFAULT_CONFIG, skipTypeCheck: true, expose: 'export' as const, topRef: true, jsDoc: 'basic' as const };
  return new SchemaGenerator(program, createParser(program, config), createFormatter(config), config);
}

/**
 * Gives anonymous definitions stable names: the generator names them after a
 * hash of the declaring file's path relative to the working directory, which
 * would make the committed files depend on where the tests run.
 */
function normalize(schema: JsonSchema): JsonSchema {
  let text = JSON.stringify(schema);
  const anonymous = [...new Set(text.match(/def-[a-z]+-[0-9][0-9-]*/g) ?? [])];
  anonymous.forEach((name, index) => {
    text = text.split(name).join(`anonymous-${index + 1}`);
  });
  return JSON.parse(text) as JsonSchema;
}

/** The committed schemas. */
export function readCommittedHubSchemas(): Record<HubSchemaName, JsonSchema> {
  const out = {} as Record<HubSchemaName, JsonSchema>;
  for (const name of Object.keys(HUB_SCHEMA_SOURCES) as HubSchemaName[]) {
    out[name] = JSON.parse(readFileSync(join(HUB_SCHEMA_DIR, `${name}.json`), 'utf8')) as JsonSchema;
  }
  return out;
}

/** Writes `schemas` as the committed files, one per schema, in a stable layout. */
export function writeHubSchemas(schemas: Record<HubSchemaName, JsonSchema>): void {
  mkdirSync(HUB_SCHEMA_DIR, { recursive: true });
  for (const [name, schema] of Object.entries(schemas)) {
    writeFileSync(join(HUB_SCHEMA_DIR, `${name}.json`), `${JSON.stringify(schema, null, 2)}\n`);
  }
}

/** Validates values against the Hub schemas. */
export interface HubSchemaChecker {
  /** The problems of `value` as an instance of `name` (empty when valid). */
  check(name: HubSchemaName, value: unknown): string[];
  /** The problems of `value` as an array of `name` instances. */
  checkArray(name: HubSchemaName, value: unknown): string[];
}

/** Compiles the (committed, by default) schemas with ajv in strict mode. */
export function createHubSchemaChecker(schemas: Record<HubSchemaName, JsonSchema> = readCommittedHubSchemas()): HubSchemaChecker {
  const ajv = new Ajv({ allErrors: true, strict: true, allowUnionTypes: true });
  const single = new Map<HubSchemaName, ValidateFunction>();
  const arrays = new Map<HubSchemaName, ValidateFunction>();
  for (const [name, schema] of Object.entries(schemas) as [HubSchemaName, JsonSchema][]) {
    const { $schema: _draft, $ref: root, ...definitions } = schema;
    single.set(name, ajv.compile({ ...definitions, $ref: root }));
    arrays.set(name, ajv.compile({ ...definitions, type: 'array', items: { $ref: root } }));
  }
  const run = (validate: ValidateFunction | undefined, name: HubSchemaName, value: unknown): string[] => {
    if (!validate) return [`no schema named ${name}`];
    if (validate(value)) return [];
    return (validate.errors ?? []).map((e) => `${name}${e.instancePath || '/'} ${e.message ?? 'is invalid'}${e.params ? ` ${JSON.stringify(e.params)}` : ''}`);
  };
  return {
    check: (name, value) => run(single.get(name), name, value),
    checkArray: (name, value) => run(arrays.get(name), name, value),
  };
}
