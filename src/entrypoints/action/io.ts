/**
 * The action's side of the GitHub Actions runner protocol: outputs
 * (`GITHUB_OUTPUT`), the step summary (`GITHUB_STEP_SUMMARY`), log lines and
 * the failure annotation. A few lines of file appends, so the router starts
 * without loading a toolkit.
 */
import { randomUUID } from 'node:crypto';
import { appendFileSync } from 'node:fs';

/** Sets a step output (multi-line safe). */
export function setOutput(name: string, value: string, env: NodeJS.ProcessEnv = process.env): void {
  const file = env['GITHUB_OUTPUT'];
  if (!file) {
    process.stdout.write(`output ${name}=${value}\n`);
    return;
  }
  const delimiter = `epm_${randomUUID()}`;
  appendFileSync(file, `${name}<<${delimiter}\n${value}\n${delimiter}\n`);
}

/** Appends Markdown to the step summary (nothing outside Actions). */
export function appendSummary(markdown: string, env: NodeJS.ProcessEnv = process.env): void {
  const file = env['GITHUB_STEP_SUMMARY'];
  if (file) appendFileSync(file, markdown.endsWith('\n') ? markdown : `${markdown}\n`);
}

/** A log line. */
export const info = (line: string): void => void process.stdout.write(`${line}\n`);

/** Marks the step failed with an error annotation saying what to do. */
export function setFailed(message: string): void {
  process.exitCode = 1;
  process.stdout.write(`::error::${message.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A')}\n`);
}

/** Escapes text for HTML inside the summary. */
export const escapeHtml = (text: string): string => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
