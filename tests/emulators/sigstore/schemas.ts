/**
 * JSON Schemas of the Sigstore traffic the emulator serves, generated with
 * ts-json-schema-generator from the declarations of `@sigstore/sign` — the
 * client `@actions/attest` signs with — so the emulator holds the client to
 * the request shapes it declares for Fulcio (`external/fulcio.d.ts`) and the
 * timestamp authority (`external/tsa.d.ts`), and answers in the shape it
 * declares for Fulcio's response.
 *
 * Committed under `schemas/`; `tests/emulators/sigstore-emulator.test.ts`
 * regenerates them and fails when they differ (after an upgrade). To rewrite:
 *
 *     EPM_WRITE_SIGSTORE_SCHEMAS=1 NODE_OPTIONS=--experimental-vm-modules npx jest tests/emulators/sigstore-emulator.test.ts -t schemas
 */

import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Ajv, type ValidateFunction } from 'ajv';
import { createFormatter, createParser, DEFAULT_CONFIG, SchemaGenerator } from 'ts-json-schema-generator';
import ts from 'typescript';

export type SigstoreSchemaName = 'SigningCertificateRequest' | 'SigningCertificateResponse' | 'TimestampRequest' | 'ProposedDSSEEntry' | 'LogEntry';

/**
 * Where each type is declared: under `@sigstore/sign/dist/`, or (Rekor's
 * entries, which `@sigstore/sign` imports as types from
 * `@sigstore/rekor-types`, a dev dependency here) under that package's `dist/`.
 */
export const SIGSTORE_SCHEMA_SOURCES: Readonly<Record<SigstoreSchemaName, { from: 'sign' | 'rekor-types'; file: string }>> = {
  SigningCertificateRequest: { from: 'sign', file: 'external/fulcio.d.ts' },
  SigningCertificateResponse: { from: 'sign', file: 'external/fulcio.d.ts' },
  TimestampRequest: { from: 'sign', file: 'external/tsa.d.ts' },
  ProposedDSSEEntry: { from: 'rekor-types', file: 'index.d.ts' },
  LogEntry: { from: 'rekor-types', file: '__generated__/models/LogEntry.d.ts' },
};

export type JsonSchema = Record<string, unknown>;

const SCHEMA_DIR = join(dirname(fileURLToPath(import.meta.url)), 'schemas');

/** `@actions/attest`'s folder (an ESM-only package: `require.resolve` cannot name it). */
export const ATTEST_DIR = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..', 'node_modules', '@actions', 'attest');

/** `@sigstore/sign`'s dist folder, as `@actions/attest` resolves it. */
function signDistDir(): string {
  return dirname(createRequire(join(ATTEST_DIR, 'package.json')).resolve('@sigstore/sign'));
}

/** `@sigstore/rekor-types`' dist folder. */
function rekorTypesDir(): string {
  return join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..', 'node_modules', '@sigstore', 'rekor-types', 'dist');
}

/** Generates the schemas from the installed packages' declarations. */
export function generateSigstoreSchemas(): Record<SigstoreSchemaName, JsonSchema> {
  const dirs = { sign: signDistDir(), 'rekor-types': rekorTypesDir() };
  const config = { ...DEFAULT_CONFIG, skipTypeCheck: true, expose: 'export' as const, topRef: true, jsDoc: 'none' as const };
  const names = Object.keys(SIGSTORE_SCHEMA_SOURCES) as SigstoreSchemaName[];
  // One program per package (declarations of the same name in both would collide in one).
  const generators = new Map((['sign', 'rekor-types'] as const).map((from) => {
    const files = [...new Set(names.filter((n) => SIGSTORE_SCHEMA_SOURCES[n].from === from).map((n) => join(dirs[from], SIGSTORE_SCHEMA_SOURCES[n].file)))];
    const program = ts.createProgram(files, { noEmit: true, target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.CommonJS, strictNullChecks: true });
    return [from, new SchemaGenerator(program, createParser(program, config), createFormatter(config), config)] as const;
  }));
  const out = {} as Record<SigstoreSchemaName, JsonSchema>;
  for (const name of names) out[name] = generators.get(SIGSTORE_SCHEMA_SOURCES[name].from)!.createSchema(name) as JsonSchema;
  return out;
}

export function readCommittedSigstoreSchemas(): Record<SigstoreSchemaName, JsonSchema> {
  const out = {} as Record<SigstoreSchemaName, JsonSchema>;
  for (const name of Object.keys(SIGSTORE_SCHEMA_SOURCES) as SigstoreSchemaName[]) {
    out[name] = JSON.parse(readFileSync(join(SCHEMA_DIR, `${name}.json`), 'utf8')) as JsonSchema;
  }
  return out;
}

export function writeSigstoreSchemas(schemas: Record<SigstoreSchemaName, JsonSchema>): void {
  mkdirSync(SCHEMA_DIR, { recursive: true });
  for (const [name, schema] of Object.entries(schemas)) writeFileSync(join(SCHEMA_DIR, `${name}.json`), `${JSON.stringify(schema, null, 2)}\n`);
}

/** Checks values against the committed schemas (ajv, strict). */
export function createSigstoreSchemaChecker(schemas = readCommittedSigstoreSchemas()): (name: SigstoreSchemaName, value: unknown) => string[] {
  // strictTuples off: the generator writes Rekor's variadic `[T, ...T[]]` as items + additionalItems + minItems, which is exact but trips that one strict check.
  const ajv = new Ajv({ allErrors: true, strict: true, strictTuples: false, allowUnionTypes: true });
  const compiled = new Map<SigstoreSchemaName, ValidateFunction>();
  for (const [name, schema] of Object.entries(schemas) as [SigstoreSchemaName, JsonSchema][]) {
    const { $schema: _draft, ...rest } = schema;
    compiled.set(name, ajv.compile(rest));
  }
  return (name, value) => {
    const validate = compiled.get(name);
    if (!validate) return [`no schema named ${name}`];
    if (validate(value)) return [];
    return (validate.errors ?? []).map((e) => `${name}${e.instancePath || '/'} ${e.message ?? 'is invalid'}${e.params ? ` ${JSON.stringify(e.params)}` : ''}`);
  };
}
