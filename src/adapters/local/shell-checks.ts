/** Local CheckRunner: runs each check as a shell command in the worktree, with a time limit. */
import { spawn } from 'node:child_process';
import type { CheckOutcome } from '../../domain/gates.js';
import type { CheckRunner, CheckSpec } from '../../ports/checks.js';

/** Characters of output kept per check, from the end. */
const OUTPUT_TAIL = 4000;

/** Runs checks with `sh -c`; a non-zero exit or a timeout is a failed check, not an error. */
export class ShellCheckRunner implements CheckRunner {
  constructor(private readonly options: { timeoutMs?: number } = {}) {}

  async run(cwd: string, checks: readonly CheckSpec[]): Promise<CheckOutcome[]> {
    const outcomes: CheckOutcome[] = [];
    for (const check of checks) outcomes.push(await this.runOne(cwd, check));
    return outcomes;
  }

  private runOne(cwd: string, check: CheckSpec): Promise<CheckOutcome> {
    return new Promise((resolve) => {
      const child = spawn('sh', ['-c', check.command], { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
      let output = '';
      const keep = (chunk: Buffer) => {
        output = (output + chunk.toString('utf8')).slice(-OUTPUT_TAIL);
      };
      child.stdout.on('data', keep);
      child.stderr.on('data', keep);
      const timer = setTimeout(() => {
        output += `\n[epm] check timed out after ${this.options.timeoutMs ?? 600_000} ms`;
        child.kill('SIGKILL');
      }, this.options.timeoutMs ?? 600_000);
      child.on('error', (error) => {
        clearTimeout(timer);
        resolve({ name: check.name, command: check.command, ok: false, output: error.message });
      });
      child.on('close', (code) => {
        clearTimeout(timer);
        resolve({ name: check.name, command: check.command, ok: code === 0, output });
      });
    });
  }
}
