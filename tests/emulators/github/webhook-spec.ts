/**
 * GitHub's webhook description (`@octokit/openapi-webhooks`, OpenAPI 3.1,
 * its `webhooks` section) as a validator of event payloads: the payload of
 * `issues` with action `opened` is checked against `issues-opened`, and so
 * on. Parsed once per process; each event's validator compiles on first use.
 *
 * `schedule` is an Actions event, not a webhook, so the description has no
 * schema for it; it is checked against a small schema written here from
 * GitHub's documentation (the cron string, the workflow file, and the
 * repository as the description defines it for webhooks).
 */

import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { ValidateFunction } from 'ajv';
import type { Ajv2020 } from 'ajv/dist/2020.js';
import { createWebhookAjv, describeErrors, jsonPointer, type JsonSchema } from './json-schema.js';

interface WebhookDocument {
  webhooks: Record<string, { post?: { requestBody?: { content?: Record<string, { schema?: JsonSchema }> } } }>;
  components: { schemas: Record<string, JsonSchema> };
}

const WEBHOOK_ID = 'https://api.github.com/webhooks.json';

/** The `schedule` event's payload (not in the description: see the file comment). */
const SCHEDULE_SCHEMA: JsonSchema = {
  type: 'object',
  required: ['schedule', 'workflow', 'repository'],
  properties: {
    schedule: { type: 'string', minLength: 1 },
    workflow: { type: 'string', pattern: '^\\.github/workflows/' },
    repository: { $ref: `${WEBHOOK_ID}#/components/schemas/repository-webhooks` },
    organization: { $ref: `${WEBHOOK_ID}#/components/schemas/organization-simple-webhooks` },
    enterprise: { $ref: `${WEBHOOK_ID}#/components/schemas/enterprise-webhooks` },
    sender: { $ref: `${WEBHOOK_ID}#/components/schemas/simple-user` },
  },
};

let document: WebhookDocument | undefined;
let ajv: Ajv2020 | undefined;
const validators = new Map<string, ValidateFunction>();

function loaded(): { document: WebhookDocument; ajv: Ajv2020 } {
  if (!document || !ajv) {
    const file = createRequire(import.meta.url).resolve('@octokit/openapi-webhooks/generated/api.github.com.json');
    const raw = JSON.parse(readFileSync(file, 'utf8')) as WebhookDocument;
    document = { webhooks: raw.webhooks, components: raw.components };
    ajv = createWebhookAjv();
    ajv.addSchema(document as unknown as JsonSchema, WEBHOOK_ID);
  }
  return { document, ajv };
}

/**
 * The description's key for an event: `issues` with `{action: "opened"}` is
 * `issues-opened`, `issue_comment` created is `issue-comment-created`,
 * `workflow_dispatch` (no action) is `workflow-dispatch`. A key given as is
 * (`pull-request-synchronize`) is returned unchanged.
 */
export function webhookKey(eventName: string, payload: unknown): string {
  const base = eventName.replace(/_/g, '-');
  const action = typeof payload === 'object' && payload !== null ? (payload as { action?: unknown }).action : undefined;
  const { document: doc } = loaded();
  if (typeof action === 'string' && !base.endsWith(`-${action.replace(/_/g, '-')}`)) {
    const keyed = `${base}-${action.replace(/_/g, '-')}`;
    if (keyed in doc.webhooks) return keyed;
  }
  return base;
}


/**
 * Problems of an event payload against GitHub's schema for the event and its
 * action; empty when it is valid. `eventName` is `GITHUB_EVENT_NAME`
 * (`issues`, `issue_comment`, `pull_request_review`, …) or a key of the
 * description (`issues-opened`).
 */
export function validateWebhook(eventName: string, payload: unknown): string[] {
  const key = webhookKey(eventName, payload);
  let validate = validators.get(key);
  if (!validate) {
    const { document: doc, ajv: compiler } = loaded();
    if (key === 'schedule') validate = compiler.compile(SCHEDULE_SCHEMA);
    else {
      const content = doc.webhooks[key]?.post?.requestBody?.content;
      if (!content?.['application/json']?.schema) return [`no webhook schema for ${key} (event ${eventName}) in @octokit/openapi-webhooks`];
      validate = compiler.compile({ $ref: `${WEBHOOK_ID}${jsonPointer(['webhooks', key, 'post', 'requestBody', 'content', 'application/json', 'schema'])}` });
    }
    validators.set(key, validate);
  }
  return validate(payload) ? [] : describeErrors(validate.errors).map((line) => `${key}: ${line}`);
}
