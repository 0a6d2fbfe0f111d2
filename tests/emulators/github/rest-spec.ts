/**
 * GitHub's REST description (`@octokit/openapi`, api.github.com, OpenAPI
 * 3.0) as validators of the emulator's traffic: path and query parameters,
 * JSON request bodies and the JSON body of each answer, against the schema
 * the operation documents for that status.
 *
 * The description is 13 MB: it is parsed once per process, its `nullable`s
 * rewritten into unions, and registered with Ajv whole; each operation's
 * validators compile on first use and are cached (`RestSpec.shared()`).
 */

import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Ajv, ValidateFunction } from 'ajv';
import { createRestAjv, describeErrors, jsonPointer, rewriteNullable, type JsonSchema } from './json-schema.js';

/** Where a problem was found, e.g. `query param state`, `request body`, `response 200 body`. */
export interface RestProblem {
  where: string;
  message: string;
}

interface OpenApiParameter {
  name: string;
  in: 'path' | 'query' | 'header' | 'cookie';
  required?: boolean;
  schema?: JsonSchema;
  $ref?: string;
}

interface OpenApiMedia {
  schema?: JsonSchema;
}

interface OpenApiResponse {
  $ref?: string;
  content?: Record<string, OpenApiMedia>;
}

interface OpenApiOperation {
  operationId: string;
  externalDocs?: { url?: string };
  parameters?: OpenApiParameter[];
  requestBody?: { required?: boolean; content?: Record<string, OpenApiMedia> };
  responses?: Record<string, OpenApiResponse>;
}

interface OpenApiDocument {
  paths: Record<string, Record<string, unknown>>;
  components: {
    schemas: Record<string, JsonSchema>;
    parameters: Record<string, OpenApiParameter>;
    responses: Record<string, OpenApiResponse>;
  };
}

/** The `$id` the description is registered under in Ajv. */
const REST_ID = 'https://api.github.com/openapi.json';
const METHODS = new Set(['get', 'put', 'post', 'patch', 'delete', 'head', 'options']);

/** A parameter with its schema's location in the description. */
interface ResolvedParameter {
  name: string;
  in: OpenApiParameter['in'];
  required: boolean;
  /** JSON pointer segments of its schema. */
  at: string[];
  /** The schema's `type` (after one `$ref`), to turn the raw string into a value. */
  type: string | undefined;
}

/** The JSON media type of a content map: `application/json`, else the first `…json`. */
function jsonMediaType(content: Record<string, OpenApiMedia> | undefined): string | undefined {
  if (!content) return undefined;
  if ('application/json' in content) return 'application/json';
  return Object.keys(content).find((type) => /[/+]json$/.test(type));
}

/** A raw path or query value as the value its schema describes. */
function coerce(raw: string, type: string | undefined): unknown {
  if (type === 'integer' || type === 'number') return /^-?\d+(\.\d+)?$/.test(raw) ? Number(raw) : raw;
  if (type === 'boolean') return raw === 'true' ? true : raw === 'false' ? false : raw;
  if (type === 'array') return raw === '' ? [] : raw.split(',');
  return raw;
}

/** One operation of the description, with its validators compiled on first use. */
export class RestOperation {
  private readonly validators = new Map<string, ValidateFunction>();
  private parametersCache: ResolvedParameter[] | undefined;

  constructor(
    private readonly spec: RestSpec,
    /** The method, upper case. */
    readonly method: string,
    /** The path template as the description writes it, e.g. `/repos/{owner}/{repo}/issues`. */
    readonly path: string,
    private readonly operation: OpenApiOperation,
  ) {}

  /** GitHub's operation id, e.g. `issues/create`. */
  get operationId(): string {
    return this.operation.operationId;
  }

  /** The operation's page in GitHub's documentation (errors' `documentation_url`). */
  get documentationUrl(): string {
    return this.operation.externalDocs?.url ?? 'https://docs.github.com/rest';
  }

  /** Whether the operation takes a JSON request body. */
  get takesJson(): boolean {
    return jsonMediaType(this.operation.requestBody?.content) !== undefined;
  }

  /**
   * Problems of the path and query parameters: a value of the wrong type or
   * outside its enum, a missing required parameter, and a query parameter
   * the operation does not have (GitHub ignores it silently, so a client
   * sending it has a bug).
   */
  checkParameters(path: Readonly<Record<string, string>>, query: URLSearchParams): RestProblem[] {
    const problems: RestProblem[] = [];
    const parameters = this.parameters();
    for (const parameter of parameters) {
      if (parameter.in !== 'path' && parameter.in !== 'query') continue;
      const raw = parameter.in === 'path' ? path[parameter.name] : (query.getAll(parameter.name).at(-1) ?? undefined);
      const where = `${parameter.in} param ${parameter.name}`;
      if (raw === undefined) {
        if (parameter.required) problems.push({ where, message: 'is required and missing' });
        continue;
      }
      const validate = this.validator(`param ${parameter.in} ${parameter.name}`, parameter.at);
      if (!validate(coerce(raw, parameter.type))) {
        problems.push({ where, message: `${JSON.stringify(raw)}: ${describeErrors(validate.errors).join('; ')}` });
      }
    }
    const known = new Set(parameters.filter((p) => p.in === 'query').map((p) => p.name));
    for (const name of new Set(query.keys())) {
      if (!known.has(name)) problems.push({ where: `query param ${name}`, message: `is not a parameter of ${this.operationId} (GitHub ignores it)` });
    }
    return problems;
  }

  /** Problems of a JSON request body (`undefined` when none was sent). */
  checkBody(body: unknown): RestProblem[] {
    const requestBody = this.operation.requestBody;
    const type = jsonMediaType(requestBody?.content);
    if (!requestBody || type === undefined) return [];
    if (body === undefined) return requestBody.required ? [{ where: 'request body', message: 'is required and missing' }] : [];
    const validate = this.validator('body', ['paths', this.path, this.method.toLowerCase(), 'requestBody', 'content', type, 'schema']);
    return validate(body) ? [] : describeErrors(validate.errors).map((message) => ({ where: 'request body', message }));
  }

  /**
   * Problems of an answer: a success status the operation does not document,
   * a JSON body missing where one is documented (or sent where none is), a
   * body that does not match the documented schema. Error statuses the
   * description leaves out (GitHub's descriptions are incomplete there) are
   * not problems; their bodies are checked when documented.
   */
  checkResponse(status: number, body: unknown): RestProblem[] {
    const where = `response ${status} body`;
    const responses = this.operation.responses ?? {};
    const key = [String(status), `${String(status)[0]}XX`, 'default'].find((k) => k in responses);
    const success = status >= 200 && status < 300;
    if (key === undefined) return success ? [{ where: `response ${status}`, message: `is not a documented status of ${this.operationId}` }] : [];
    const at = this.spec.responseLocation(this.path, this.method.toLowerCase(), key);
    const response = this.spec.at(at) as OpenApiResponse | undefined;
    const type = jsonMediaType(response?.content);
    if (type === undefined || response?.content?.[type]?.schema === undefined) {
      return success && body !== undefined ? [{ where, message: 'is sent but the status is documented without one' }] : [];
    }
    if (body === undefined) return [{ where, message: 'is missing: the status is documented with a JSON body' }];
    const validate = this.validator(`response ${key}`, [...at, 'content', type, 'schema']);
    return validate(body) ? [] : describeErrors(validate.errors).map((message) => ({ where, message }));
  }

  private parameters(): ResolvedParameter[] {
    if (this.parametersCache) return this.parametersCache;
    const method = this.method.toLowerCase();
    const pathLevel = (this.spec.at(['paths', this.path, 'parameters']) as OpenApiParameter[] | undefined) ?? [];
    const entries = [
      ...pathLevel.map((p, i) => ({ p, at: ['paths', this.path, 'parameters', String(i)] })),
      ...(this.operation.parameters ?? []).map((p, i) => ({ p, at: ['paths', this.path, method, 'parameters', String(i)] })),
    ];
    const byKey = new Map<string, ResolvedParameter>();
    for (const entry of entries) {
      let { p, at } = entry;
      if (p.$ref !== undefined) {
        at = p.$ref.replace(/^#\//, '').split('/');
        p = this.spec.at(at) as OpenApiParameter;
      }
      byKey.set(`${p.in} ${p.name}`, {
        name: p.name,
        in: p.in,
        required: p.required === true,
        at: [...at, 'schema'],
        type: this.spec.typeOf(p.schema),
      });
    }
    this.parametersCache = [...byKey.values()];
    return this.parametersCache;
  }

  private validator(key: string, at: string[]): ValidateFunction {
    let validate = this.validators.get(key);
    if (!validate) {
      validate = this.spec.compile(at);
      this.validators.set(key, validate);
    }
    return validate;
  }
}

/** The REST description, loaded once per process. */
export class RestSpec {
  private static instance: RestSpec | undefined;
  private readonly ajv: Ajv;
  private readonly operations = new Map<string, RestOperation | null>();
  private readonly components = new Map<string, ValidateFunction>();

  private constructor(private readonly document: OpenApiDocument) {
    this.ajv = createRestAjv();
    this.ajv.addSchema(document as unknown as JsonSchema, REST_ID);
  }

  /** The description, parsed and registered on first call (about 0.3 s), then shared. */
  static shared(): RestSpec {
    if (!RestSpec.instance) {
      const file = createRequire(import.meta.url).resolve('@octokit/openapi/generated/api.github.com.json');
      const raw = JSON.parse(readFileSync(file, 'utf8')) as OpenApiDocument;
      const document: OpenApiDocument = {
        paths: rewriteNullable(raw.paths) as OpenApiDocument['paths'],
        components: rewriteNullable(raw.components) as OpenApiDocument['components'],
      };
      RestSpec.instance = new RestSpec(document);
    }
    return RestSpec.instance;
  }

  /** The operation for an upper- or lower-case method and a path template, or undefined when GitHub has none. */
  operation(method: string, path: string): RestOperation | undefined {
    const key = `${method.toUpperCase()} ${path}`;
    let operation = this.operations.get(key);
    if (operation === undefined) {
      const lower = method.toLowerCase();
      const raw = METHODS.has(lower) ? (this.document.paths[path]?.[lower] as OpenApiOperation | undefined) : undefined;
      operation = raw ? new RestOperation(this, method.toUpperCase(), path, raw) : null;
      this.operations.set(key, operation);
    }
    return operation ?? undefined;
  }

  /** The path templates the description documents for a method, to match a concrete path against. */
  templates(method: string): string[] {
    const lower = method.toLowerCase();
    return Object.keys(this.document.paths).filter((path) => lower in (this.document.paths[path] ?? {}));
  }

  /** Problems of `value` as an instance of the component schema `name` (e.g. `issue`); empty when valid. */
  checkSchema(name: string, value: unknown): string[] {
    if (!(name in this.document.components.schemas)) return [`no schema named ${name} in the REST description`];
    let validate = this.components.get(name);
    if (!validate) {
      validate = this.compile(['components', 'schemas', name]);
      this.components.set(name, validate);
    }
    return validate(value) ? [] : describeErrors(validate.errors);
  }

  /** @internal Compiles the schema at a location of the description. */
  compile(at: readonly string[]): ValidateFunction {
    return this.ajv.compile({ $ref: `${REST_ID}${jsonPointer(at)}` });
  }

  /** @internal The node at a location of the description. */
  at(segments: readonly string[]): unknown {
    let node: unknown = this.document;
    for (const segment of segments) {
      if (node === null || typeof node !== 'object') return undefined;
      node = (node as Record<string, unknown>)[segment];
    }
    return node;
  }

  /** @internal Location of a response, following a `$ref` into `components/responses`. */
  responseLocation(path: string, method: string, status: string): string[] {
    const at = ['paths', path, method, 'responses', status];
    const ref = (this.at(at) as OpenApiResponse | undefined)?.$ref;
    return ref === undefined ? at : ref.replace(/^#\//, '').split('/');
  }

  /** @internal The `type` of a schema, following `$ref`s. */
  typeOf(schema: JsonSchema | undefined): string | undefined {
    let node = schema;
    for (let hops = 0; node && typeof node['$ref'] === 'string' && hops < 10; hops++) {
      node = this.at(node['$ref'].replace(/^#\//, '').split('/')) as JsonSchema | undefined;
    }
    const type = node?.['type'];
    if (Array.isArray(type)) return type.find((t): t is string => typeof t === 'string' && t !== 'null');
    return typeof type === 'string' ? type : undefined;
  }
}

/** Problems of `value` as an instance of the REST component schema `name`; empty when valid. */
export function validateRestSchema(name: string, value: unknown): string[] {
  return RestSpec.shared().checkSchema(name, value);
}
