/**
 * search_issues and read_issue: the clarifier, planner, critics and follow-up
 * designer look for related issues and prior results before they ask or
 * plan. Read-only views of the tracker; every human-written text is sanitized
 * (hidden content removed) before a model reads it, and only EPM's own marker
 * prose is quoted as EPM's.
 */
import { z } from 'zod';
import { parseMarkers } from '../../domain/markers.js';
import { sanitizeUntrusted } from '../../domain/sanitize.js';
import { readLabels } from '../../domain/lifecycle.js';
import type { Tracker } from '../../ports/tracker.js';
import { inputSchemaOf, parseInput, type CustomTool } from './tool.js';

const searchInput = z.object({
  query: z.string().trim().min(1).describe('Words to look for in titles and bodies (all must appear, case-insensitive).'),
  includeClosed: z.boolean().optional().describe('Also search closed issues (default true).'),
});
const readInput = z.object({ number: z.number().int().positive().describe('The issue number.') });

/** Most issues a search returns. */
const MAX_RESULTS = 20;
/** Characters of a body or comment shown before it is cut. */
const MAX_TEXT = 4000;

const cut = (text: string, max = MAX_TEXT): string => (text.length > max ? `${text.slice(0, max)}\n[… ${text.length - max} more characters]` : text);

/** The tracker tools, bound to one tracker. */
export function issueTools(tracker: Tracker): CustomTool[] {
  const search: CustomTool = {
    name: 'search_issues',
    description: 'Search the project\'s issues (experiments, claims, analyses) by words in their title and body. Returns number, status, type and title of each match; read one with read_issue.',
    input_schema: inputSchemaOf(searchInput),
    async run(input: unknown): Promise<string> {
      const { query, includeClosed = true } = parseInput('search_issues', searchInput, input);
      const words = query.toLowerCase().split(/\s+/).filter(Boolean);
      const matches: string[] = [];
      for (const summary of await tracker.listIssues({ all: includeClosed })) {
        const issue = await tracker.getIssue(summary.number);
        const haystack = `${issue.title}\n${sanitizeUntrusted(issue.body)}`.toLowerCase();
        if (!words.every((w) => haystack.includes(w))) continue;
        const labels = readLabels(issue.labels);
        matches.push(`#${issue.number} [${labels.status ?? 'proposed'}${labels.type ? `, ${labels.type}` : ''}${issue.open ? '' : ', closed'}] ${sanitizeUntrusted(issue.title)}`);
        if (matches.length >= MAX_RESULTS) break;
      }
      return matches.length ? matches.join('\n') : `No issue matches "${query}".`;
    },
  };
  const read: CustomTool = {
    name: 'read_issue',
    description: 'Read one issue: its title, body, labels, the humans\' comments, and what EPM recorded on it (plans, verdicts, clean results).',
    input_schema: inputSchemaOf(readInput),
    async run(input: unknown): Promise<string> {
      const { number } = parseInput('read_issue', readInput, input);
      const issue = await tracker.getIssue(number);
      const parts = [`#${issue.number} ${sanitizeUntrusted(issue.title)}`, `labels: ${issue.labels.join(', ') || 'none'}`, '', cut(sanitizeUntrusted(issue.body) || '(no body)')];
      for (const comment of issue.comments) {
        if (comment.byEpm) {
          for (const marker of parseMarkers(comment.body).markers) parts.push('', `[EPM epm:${marker.kind} v${marker.version}] ${cut(marker.prose, 1500)}`);
        } else {
          parts.push('', `[${comment.author}] ${cut(sanitizeUntrusted(comment.body), 1500)}`);
        }
      }
      return parts.join('\n');
    },
  };
  return [search, read];
}
