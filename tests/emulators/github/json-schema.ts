/**
 * Ajv set up for GitHub's API descriptions: the string formats they use
 * (registered by hand — `ajv-formats` is not installed), the rewrite of
 * OpenAPI 3.0's `nullable` into JSON Schema unions, JSON pointers into a
 * description and a compact rendering of Ajv's errors.
 *
 * Strict mode is off on purpose: the descriptions carry OpenAPI keywords Ajv
 * does not know (`example`, `discriminator`, `x-github`, …) and they are
 * annotations, not constraints.
 */

import { Ajv, type ErrorObject, type Format } from 'ajv';
import { Ajv2020 } from 'ajv/dist/2020.js';

/** A JSON Schema (or any node of an OpenAPI document) as parsed JSON. */
export type JsonSchema = Record<string, unknown>;

const DATE_TIME = /^\d{4}-\d{2}-\d{2}[Tt ]\d{2}:\d{2}:\d{2}(\.\d+)?([Zz]|[+-]\d{2}:\d{2})$/;
const DATE = /^\d{4}-\d{2}-\d{2}$/;
const EMAIL = /^[^@\s]+@[^@\s]+$/;

/** Whether `text` is an absolute URI (scheme, then no whitespace). */
function isUri(text: string): boolean {
  if (!/^[a-z][a-z0-9+.-]*:[^\s]*$/i.test(text)) return false;
  try {
    new URL(text);
    return true;
  } catch {
    return false;
  }
}

/** An RFC 6570 template: braces balanced and not nested, no whitespace. */
function isUriTemplate(text: string): boolean {
  if (/\s/.test(text)) return false;
  let open = false;
  for (const char of text) {
    if (char === '{') {
      if (open) return false;
      open = true;
    } else if (char === '}') {
      if (!open) return false;
      open = false;
    }
  }
  return !open;
}

/** Every `format` the REST and webhook descriptions use; the purely descriptive ones accept anything. */
const FORMATS: Record<string, Format> = {
  'date-time': DATE_TIME,
  date: DATE,
  email: EMAIL,
  uri: isUri,
  'uri-template': isUriTemplate,
  int32: { type: 'number', validate: (n: number) => Number.isInteger(n) && n >= -(2 ** 31) && n < 2 ** 31 },
  int64: { type: 'number', validate: (n: number) => Number.isInteger(n) },
  double: { type: 'number', validate: () => true },
  binary: true,
  timestamp: true,
  'repo.nwo': true,
  hostname: true,
  ipv4: true,
  ipv6: true,
  uuid: true,
};

// `verbose` keeps the offending value on each error, so a format error can show it.
const OPTIONS = { strict: false, allErrors: true, verbose: true, allowUnionTypes: true, validateSchema: false, logger: false, formats: FORMATS } as const;

/** An Ajv (draft-07) for the REST description, OpenAPI 3.0 once `nullable` is rewritten. */
export function createRestAjv(): Ajv {
  return new Ajv(OPTIONS);
}

/** An Ajv (2020-12) for the webhook description, OpenAPI 3.1. */
export function createWebhookAjv(): Ajv2020 {
  return new Ajv2020(OPTIONS);
}

/**
 * Rewrites OpenAPI 3.0's `nullable: true` in place, depth first: a plain
 * `type` becomes `[type, "null"]` (and `null` joins its `enum`); anything
 * else (`$ref`, `allOf`, …) is wrapped as `anyOf: [schema, {type: null}]`.
 * Returns the (possibly new) node.
 */
export function rewriteNullable(node: unknown): unknown {
  if (Array.isArray(node)) {
    for (let i = 0; i < node.length; i++) node[i] = rewriteNullable(node[i]);
    return node;
  }
  if (node === null || typeof node !== 'object') return node;
  const schema = node as JsonSchema;
  for (const key of Object.keys(schema)) schema[key] = rewriteNullable(schema[key]);
  if (typeof schema['nullable'] !== 'boolean') return schema;
  const nullable = schema['nullable'];
  delete schema['nullable'];
  if (!nullable) return schema;
  const composite = '$ref' in schema || 'allOf' in schema || 'anyOf' in schema || 'oneOf' in schema;
  if (typeof schema['type'] === 'string' && !composite) {
    schema['type'] = [schema['type'], 'null'];
    const values = schema['enum'];
    if (Array.isArray(values) && !values.includes(null)) values.push(null);
    return schema;
  }
  return { anyOf: [schema, { type: 'null' }] };
}

/** `#/a/b~1c` for the segments `a`, `b/c`, URI-encoded as Ajv expects in a `$ref`. */
export function jsonPointer(segments: readonly string[]): string {
  return `#/${segments.map((s) => encodeURIComponent(s.replace(/~/g, '~0').replace(/\//g, '~1'))).join('/')}`;
}

const MAX_ERRORS = 8;

/**
 * Ajv's errors as short lines, `"/labels must be array"`: duplicates dropped,
 * the allowed values of an enum and the name of an unexpected or missing
 * property shown, at most eight lines.
 */
export function describeErrors(errors: readonly ErrorObject[] | null | undefined): string[] {
  const lines: string[] = [];
  for (const error of errors ?? []) {
    const params = error.params as Record<string, unknown>;
    let detail = '';
    if ('allowedValues' in params) detail = ` ${JSON.stringify(params['allowedValues'])}`;
    else if ('additionalProperty' in params) detail = ` (${String(params['additionalProperty'])})`;
    else if (error.keyword === 'format') detail = ` (got ${JSON.stringify(error.data)})`;
    const line = `${error.instancePath || '/'} ${error.message ?? `fails ${error.keyword}`}${detail}`;
    if (!lines.includes(line)) lines.push(line);
  }
  if (lines.length <= MAX_ERRORS) return lines;
  return [...lines.slice(0, MAX_ERRORS), `… and ${lines.length - MAX_ERRORS} more`];
}
