/**
 * The W&B adapter of the ExperimentTracking port: reads a run — state,
 * config, commit, summary, history keys and logged artifacts with their files
 * — through W&B's GraphQL API (`POST <baseUrl>/graphql`, basic auth
 * `api:<key>`). One request covers nearly every run; a run with more artifact
 * versions or files than one page holds is read page by page. Retries and
 * throttling live in wandb-graphql-client.ts. docs/wandb.md lists every field read.
 */

import { z } from 'zod';
import { badInput, external } from '../../domain/errors.js';
import type {
  ExperimentTracking,
  TrackedArtifact,
  TrackedRun,
  TrackedRunRef,
} from '../../ports/experiment-tracking.js';
import { postWandbGraphql, type WandbGraphqlClientSettings, type WandbLogger } from './wandb-graphql-client.js';
import {
  ARTIFACT_FILES_PAGE_QUERY,
  ARTIFACTS_PER_PAGE,
  FILES_PER_PAGE,
  RUN_ARTIFACTS_PAGE_QUERY,
  RUN_QUERY,
} from './wandb-queries.js';
import { parseHistoryKeys, parseJsonObject, unwrapConfig } from './wandb-values.js';

export type { WandbLogger } from './wandb-graphql-client.js';

/** Options of the W&B adapter. */
export interface WandbTrackingOptions {
  /** A W&B API key (WANDB_API_KEY). Sent as basic auth `api:<key>`; never logged or put in an error. */
  apiKey: string;
  /** The W&B API server. Default `https://api.wandb.ai`; a dedicated or local server has its own (WANDB_BASE_URL). */
  baseUrl?: string;
  /** The W&B web app, for run URLs. Default derived from `baseUrl` as the W&B SDK does (`api.wandb.ai` → `wandb.ai`). */
  appUrl?: string;
  /** The fetch to use. Default the global fetch. */
  fetch?: typeof fetch;
  /** Further attempts after the first for 429, 5xx and network failures. Default 4. */
  retries?: number;
  /** First backoff delay, doubled per attempt. Default 500 ms. */
  retryBaseDelayMs?: number;
  /** Longest single wait; a `Retry-After` beyond it fails at once. Default 60 s. */
  maxRetryDelayMs?: number;
  /** Per-request timeout. Default 30 s. */
  timeoutMs?: number;
  /** How to wait between attempts. Default a timer; tests pass one that records the delays. */
  sleep?: (ms: number) => Promise<void>;
  /** Where retries are reported. Default silent. */
  logger?: WandbLogger;
}

/** Pages read per connection before EPM gives up: 1,000 pages of 50 artifacts or 100 files. */
const MAX_PAGES = 1000;

const pageInfoSchema = z.object({ hasNextPage: z.boolean(), endCursor: z.string().nullable() });
const filePageSchema = z.object({
  pageInfo: pageInfoSchema,
  edges: z.array(
    z.object({
      node: z
        .object({
          displayName: z.string(),
          digest: z.string().nullable(),
          // Int64 may arrive as a number or, beyond 2^53, as a numeric string.
          sizeBytes: z.union([z.number().int().nonnegative(), z.string().regex(/^\d+$/)]),
        })
        .nullable(),
    }),
  ),
});
const artifactPageSchema = z.object({
  pageInfo: pageInfoSchema,
  edges: z.array(
    z.object({
      node: z
        .object({
          id: z.string(),
          digest: z.string(),
          versionIndex: z.number().int().nullable(),
          artifactSequence: z.object({ name: z.string() }),
          artifactType: z.object({ name: z.string() }),
          files: filePageSchema.nullable(),
        })
        .nullable(),
    }),
  ),
});
const runResponseSchema = z.object({
  project: z
    .object({
      run: z
        .object({
          name: z.string(),
          state: z.string().nullable(),
          commit: z.string().nullable(),
          config: z.string().nullable(),
          summaryMetrics: z.string().nullable(),
          historyKeys: z.unknown(),
          outputArtifacts: artifactPageSchema.nullable(),
        })
        .nullable(),
    })
    .nullable(),
});
const artifactsPageResponseSchema = z.object({
  project: z.object({ run: z.object({ outputArtifacts: artifactPageSchema.nullable() }).nullable() }).nullable(),
});
const filesPageResponseSchema = z.object({ artifact: z.object({ files: filePageSchema.nullable() }).nullable() });

type FilePage = z.infer<typeof filePageSchema>;
type ArtifactPage = z.infer<typeof artifactPageSchema>;
type ArtifactNode = NonNullable<ArtifactPage['edges'][number]['node']>;

/** Reads runs from Weights & Biases. */
export class WandbTracking implements ExperimentTracking {
  private readonly settings: WandbGraphqlClientSettings;
  private readonly appUrl: string;

  constructor(options: WandbTrackingOptions) {
    const baseUrl = stripTrailingSlashes(options.baseUrl ?? 'https://api.wandb.ai');
    if (!URL.canParse(baseUrl) || !/^https?:$/.test(new URL(baseUrl).protocol)) {
      throw badInput(`W&B base URL "${baseUrl}" is not an http(s) URL`, {
        hint: 'set WANDB_BASE_URL to the API server, e.g. https://api.wandb.ai',
      });
    }
    this.appUrl = stripTrailingSlashes(options.appUrl ?? appUrlFor(baseUrl));
    this.settings = {
      endpoint: `${baseUrl}/graphql`,
      apiKey: options.apiKey,
      fetch: options.fetch ?? globalThis.fetch,
      retries: nonNegativeInteger(options.retries, 4, 'retries'),
      retryBaseDelayMs: nonNegativeInteger(options.retryBaseDelayMs, 500, 'retryBaseDelayMs'),
      maxRetryDelayMs: nonNegativeInteger(options.maxRetryDelayMs, 60_000, 'maxRetryDelayMs'),
      timeoutMs: nonNegativeInteger(options.timeoutMs, 30_000, 'timeoutMs'),
      sleep: options.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms))),
      logger: options.logger,
    };
  }

  /** The run, or undefined when W&B has no such project or run (or the key cannot see it). */
  async getRun(ref: TrackedRunRef): Promise<TrackedRun | undefined> {
    assertRef(ref);
    const scope = `${ref.entity}/${ref.project}`;
    const subject = `W&B run ${scope}/${ref.runId}`;
    if (!this.settings.apiKey.trim()) {
      throw badInput(`no W&B API key to read ${subject}`, { hint: `set WANDB_API_KEY to a key with access to ${scope}` });
    }
    const request = (operationName: string, query: string, variables: Record<string, unknown>) =>
      postWandbGraphql(this.settings, { operationName, query, variables, subject, scope });
    const runVariables = { entity: ref.entity, project: ref.project, runId: ref.runId };
    const pageSizes = { artifactsPerPage: ARTIFACTS_PER_PAGE, filesPerPage: FILES_PER_PAGE };

    const data = parseResponse(runResponseSchema, await request('EpmRun', RUN_QUERY, { ...runVariables, ...pageSizes }), subject);
    const run = data.project?.run;
    if (!run) return undefined;
    if (run.name !== ref.runId) {
      throw external(`W&B answered ${subject} with run "${run.name}"`, { hint: 'check the run id (the short id in the run URL)' });
    }

    const nodes: ArtifactNode[] = [];
    let page: ArtifactPage | null = run.outputArtifacts;
    for (let pages = 1; page; pages += 1) {
      nodes.push(...page.edges.flatMap((e) => (e.node ? [e.node] : [])));
      const cursor = nextCursor(page, pages, `the artifact list of ${subject}`);
      if (cursor === undefined) break;
      const next = parseResponse(
        artifactsPageResponseSchema,
        await request('EpmRunArtifactsPage', RUN_ARTIFACTS_PAGE_QUERY, { ...runVariables, cursor, ...pageSizes }),
        subject,
      );
      page = next.project?.run?.outputArtifacts ?? null;
    }

    const artifacts: TrackedArtifact[] = [];
    for (const node of nodes) {
      const name = `${node.artifactSequence.name}:${node.versionIndex === null ? node.digest : `v${node.versionIndex}`}`;
      const files = await this.readFiles(node, (cursor) =>
        request('EpmArtifactFilesPage', ARTIFACT_FILES_PAGE_QUERY, { artifactId: node.id, cursor, filesPerPage: FILES_PER_PAGE }).then(
          (raw) => parseResponse(filesPageResponseSchema, raw, subject).artifact?.files ?? null,
        ),
        `the files of artifact ${name} of ${subject}`,
      );
      artifacts.push({ name, type: node.artifactType.name, digest: node.digest, files });
    }

    return {
      ref: { entity: ref.entity, project: ref.project, runId: ref.runId },
      url: `${this.appUrl}/${[ref.entity, ref.project, 'runs', ref.runId].map(encodeURIComponent).join('/')}`,
      state: run.state ?? 'unknown',
      config: decode(() => unwrapConfig(parseJsonObject(run.config)), 'config', subject),
      commit: run.commit ? run.commit : null,
      summary: decode(() => parseJsonObject(run.summaryMetrics), 'summaryMetrics', subject),
      historyKeys: decode(() => parseHistoryKeys(run.historyKeys), 'historyKeys', subject),
      artifacts,
    };
  }

  /** Every file of one artifact version: the first page came with the artifact, the rest are fetched. */
  private async readFiles(
    node: ArtifactNode,
    fetchPage: (cursor: string) => Promise<FilePage | null>,
    what: string,
  ): Promise<TrackedArtifact['files']> {
    const files: TrackedArtifact['files'] = [];
    let page: FilePage | null = node.files;
    for (let pages = 1; page; pages += 1) {
      for (const edge of page.edges) {
        if (!edge.node) continue;
        files.push({ path: edge.node.displayName, digest: edge.node.digest ?? '', size: Number(edge.node.sizeBytes) });
      }
      const cursor = nextCursor(page, pages, what);
      if (cursor === undefined) break;
      page = await fetchPage(cursor);
    }
    return files;
  }
}

/** The cursor of the next page, or undefined on the last page; a server that never ends is an error. */
function nextCursor(page: { pageInfo: { hasNextPage: boolean; endCursor: string | null } }, pages: number, what: string): string | undefined {
  if (!page.pageInfo.hasNextPage) return undefined;
  if (page.pageInfo.endCursor === null) {
    throw external(`W&B said ${what} has more pages but gave no cursor`, { hint: 'retry later; if it persists, report it' });
  }
  if (pages >= MAX_PAGES) {
    throw external(`${what} runs past ${MAX_PAGES} pages; EPM stopped reading`, {
      hint: 'log fewer, larger artifacts, or report it if the run really holds this many',
    });
  }
  return page.pageInfo.endCursor;
}

function parseResponse<T>(schema: z.ZodType<T>, data: unknown, subject: string): T {
  const result = schema.safeParse(data);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const where = issue && issue.path.length ? issue.path.join('.') : 'the response';
  throw external(`W&B answered ${subject} with an unexpected shape at ${where}: ${issue?.message ?? 'invalid'}`, {
    hint: "W&B's API may have changed; report this message (docs/wandb.md lists the fields EPM reads)",
  });
}

function decode<T>(read: () => T, field: string, subject: string): T {
  try {
    return read();
  } catch (error) {
    throw external(`W&B returned an unreadable ${field} for ${subject}: ${error instanceof Error ? error.message : String(error)}`, {
      hint: 'inspect the run in the W&B app; if it looks right, report this message',
      cause: error,
    });
  }
}

function assertRef(ref: TrackedRunRef): void {
  for (const [field, value] of [
    ['entity', ref.entity],
    ['project', ref.project],
    ['runId', ref.runId],
  ] as const) {
    if (typeof value !== 'string' || !value.trim() || /[/\s]/.test(value)) {
      throw badInput(`W&B run reference has an invalid ${field} "${String(value)}"`, {
        hint: 'give entity, project and run id as in the run URL https://wandb.ai/<entity>/<project>/runs/<runId>',
      });
    }
  }
}

function nonNegativeInteger(value: number | undefined, fallback: number, name: string): number {
  if (value === undefined) return fallback;
  if (!Number.isInteger(value) || value < 0) {
    throw badInput(`W&B adapter option ${name} is ${value}`, { hint: `give ${name} as a whole number ≥ 0` });
  }
  return value;
}

function stripTrailingSlashes(url: string): string {
  return url.replace(/\/+$/, '');
}

/** The W&B web app for an API server, by the W&B SDK's rule (`wandb.util.api_to_app_url`). */
function appUrlFor(baseUrl: string): string {
  if (baseUrl.includes('://api.wandb.test')) return baseUrl.replace('://api.', '://app.');
  if (baseUrl.includes('://api.wandb.')) return baseUrl.replace('://api.', '://');
  if (baseUrl.includes('://api.')) return baseUrl.replace('://api.', '://app.');
  return baseUrl;
}
