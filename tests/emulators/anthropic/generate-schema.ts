/**
 * Generates the JSON Schema the Anthropic emulator validates traffic against,
 * from the `.d.ts` files of the installed `@anthropic-ai/sdk` (the SDK's own
 * types are the published contract of the Messages API). The result is
 * committed as `request-schema.json`; `tests/emulators/anthropic-emulator.test.ts`
 * regenerates it and fails when the committed copy is stale. To refresh it
 * after an SDK upgrade:
 *
 *     EPM_WRITE_SCHEMA=1 NODE_OPTIONS=--experimental-vm-modules npx jest tests/emulators/anthropic-emulator.test.ts
 */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createGenerator } from 'ts-json-schema-generator';
import { SCHEMA_ID, SCHEMA_ROOT_TYPES } from './anthropic-emulator.js';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
const SDK_DIR = join(ROOT, 'node_modules', '@anthropic-ai', 'sdk');

type JsonSchema = { [key: string]: unknown };

const isObject = (value: unknown): value is JsonSchema =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** Keywords whose value is a map of name → schema. */
const SCHEMA_MAPS = ['properties', 'definitions', 'patternProperties'];
/** Keywords whose value is a schema or a list of schemas. */
const SCHEMA_VALUES = ['items', 'additionalProperties', 'additionalItems', 'not', 'if', 'then', 'else', 'contains', 'propertyNames'];
const SCHEMA_LISTS = ['anyOf', 'oneOf', 'allOf'];

/**
 * Removes what the wire never carries: properties documented as `Header param:`
 * (the SDK sends them as HTTP headers, not in the body) and every description
 * (kept out of the committed file to keep it small and readable in a diff).
 */
function prune(node: unknown): void {
  if (Array.isArray(node)) {
    for (const item of node) prune(item);
    return;
  }
  if (!isObject(node)) return;
  if (typeof node.description === 'string') delete node.description;
  const properties = node.properties;
  if (isObject(properties)) {
    for (const [name, schema] of Object.entries(properties)) {
      if (isObject(schema) && typeof schema.description === 'string' && schema.description.startsWith('Header param:')) {
        delete properties[name];
        if (Array.isArray(node.required)) node.required = node.required.filter((key) => key !== name);
      }
    }
  }
  for (const key of SCHEMA_MAPS) {
    const map = node[key];
    if (isObject(map)) for (const schema of Object.values(map)) prune(schema);
  }
  for (const key of [...SCHEMA_VALUES, ...SCHEMA_LISTS]) prune(node[key]);
}

/** The installed SDK's version, recorded in the schema so a stale file names its source. */
export function sdkVersion(): string {
  return (JSON.parse(readFileSync(join(SDK_DIR, 'package.json'), 'utf8')) as { version: string }).version;
}

/** Generates the schema document from the installed SDK (takes a few seconds: it runs the TypeScript checker). */
export function generateRequestSchema(): JsonSchema {
  const generator = createGenerator({
    path: join(SDK_DIR, 'resources', 'index.d.ts'),
    skipTypeCheck: true,
    expose: 'export',
    topRef: true,
    // `extended` keeps the doc comments long enough to see "Header param:"; prune() drops them afterwards.
    jsDoc: 'extended',
    // Unknown keys are rejected, as the API rejects them: a typo in a request must fail the test.
    additionalProperties: false,
  });
  const definitions: JsonSchema = {};
  for (const type of SCHEMA_ROOT_TYPES) {
    const schema = generator.createSchema(type);
    for (const [name, definition] of Object.entries(schema.definitions ?? {})) {
      const known = definitions[name];
      if (known !== undefined && JSON.stringify(known) !== JSON.stringify(definition)) {
        throw new Error(`two SDK types generate different schemas under the name ${name}`);
      }
      definitions[name] = definition;
    }
  }
  prune({ definitions });
  const sorted: JsonSchema = {};
  for (const name of Object.keys(definitions).sort()) sorted[name] = definitions[name];
  return {
    $schema: 'http://json-schema.org/draft-07/schema#',
    $id: SCHEMA_ID,
    $comment:
      `Generated from @anthropic-ai/sdk ${sdkVersion()} (${SCHEMA_ROOT_TYPES.join(', ')}) by ` +
      'tests/emulators/anthropic/generate-schema.ts. Do not edit; regenerate with EPM_WRITE_SCHEMA=1 (see that file).',
    definitions: sorted,
  };
}

/** The schema as committed: two-space JSON with a final newline. */
export function renderRequestSchema(): string {
  return `${JSON.stringify(generateRequestSchema(), null, 2)}\n`;
}
