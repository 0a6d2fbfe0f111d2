/**
 * The `epm` command line. Each command parses its arguments, calls one use
 * case, and prints the result; errors are one line with the fix and a
 * documented exit code (see README, "Exit codes").
 */
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { bundlePathOf, checkBundle } from '../../adapters/sigstore/bundle.js';
import { parseProvenance } from '../../domain/provenance.js';
import { toRoCrate } from '../../domain/ro-crate.js';
import { renderVerificationTable } from '../../domain/upload-verification.js';
import { verifyStatement } from '../../engine/verify-statement.js';
import { Command, CommanderError, Option } from 'commander';
import { parseCommand, type HumanAction } from '../../domain/commands.js';
import { configJsonSchema } from '../../domain/config.js';
import { EpmError, badInput, isEpmError, notFound } from '../../domain/errors.js';
import { ISSUE_TYPES, LANES, isLane, readLabels, typeLabel, laneLabel } from '../../domain/lifecycle.js';
import { createContext, type ContextOptions } from './context.js';
import { issueView, renderBoard, renderShow, type BoardCard } from './format.js';
import { initRepository } from './init.js';
import { EPM_ACTION_REPOSITORY, installEpm } from './install.js';
import { runDemo } from './demo.js';
import { readTranscript } from '../../roles/runtime/transcript.js';
import { renderTranscript } from './transcript-format.js';
import { createInterface } from 'node:readline/promises';

/** Where output goes; injectable for tests. */
export interface CliIo {
  out: (text: string) => void;
  err: (text: string) => void;
  /** Terminal width for the board. */
  columns?: number;
  /** Reads standard input (for `epm comment N` without --message). */
  readStdin?: () => Promise<string>;
  /** Asks a question at the terminal (the demo's approvals); absent when there is no terminal. */
  ask?: (question: string) => Promise<string>;
}

/** Options for running the CLI in-process. */
export interface RunOptions extends ContextOptions {
  io?: CliIo;
}

const defaultIo: CliIo = {
  out: (text) => process.stdout.write(`${text}\n`),
  err: (text) => process.stderr.write(`${text}\n`),
  ...(process.stdout.columns ? { columns: process.stdout.columns } : {}),
  ...(process.stdin.isTTY
    ? {
        ask: async (question: string) => {
          const rl = createInterface({ input: process.stdin, output: process.stdout });
          try {
            return await rl.question(question);
          } finally {
            rl.close();
          }
        },
      }
    : {}),
  readStdin: async () => {
    const chunks: Buffer[] = [];
    for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
    return Buffer.concat(chunks).toString('utf8');
  },
};

const parseIssue = (value: string): number => {
  if (!/^[1-9][0-9]*$/.test(value)) throw badInput(`"${value}" is not an issue number`, { hint: 'pass the number shown by "epm list", e.g. 3' });
  return Number(value);
};

/** Runs `epm` with `argv` (without node and script); resolves to the exit code. */
export async function runCli(argv: readonly string[], options: RunOptions = {}): Promise<number> {
  const io = options.io ?? defaultIo;
  const print = (json: boolean, value: unknown, text: () => string) => io.out(json ? JSON.stringify(value, null, 2) : text());
  const program = new Command('epm')
    .description('Experiment Pipeline Manager: drives a research issue through plan, review, run, provenance and a clean result.')
    .option('-C, --repo <dir>', 'repository to work in (default: the current one)')
    .exitOverride()
    .configureOutput({ writeOut: (s) => io.out(s.trimEnd()), writeErr: (s) => io.err(s.trimEnd()) })
    .showSuggestionAfterError();
  const repoOpt = () => {
    const repo = program.opts<{ repo?: string }>().repo;
    return repo ? { repo } : {};
  };
  const context = async (log = false) => {
    const repo = repoOpt().repo ?? options.repo;
    return createContext({ ...options, ...(repo ? { repo } : {}), ...(log ? { log: options.log ?? ((line: string) => io.out(line)) } : {}) });
  };

  program
    .command('init')
    .description('set up EPM in this repository: .epm/ state folder (git-ignored) and a starter epm.config.yml')
    .action(async () => {
      const c = await context();
      for (const line of await initRepository(c.repoDir)) io.out(line);
    });

  program
    .command('install')
    .description('set up EPM on GitHub Actions: the three workflows pinned to an EPM commit, a starter epm.config.yml, .epm/ in .gitignore')
    .option('--action <owner/repo@sha>', `the EPM action at a full 40-hex commit SHA, e.g. ${EPM_ACTION_REPOSITORY}@<sha> (required)`)
    .option('--force', 'replace workflow files that differ from the templates')
    .action(async (opts: { action?: string; force?: boolean }) => {
      const cwd = repoOpt().repo ?? options.repo ?? process.cwd();
      for (const line of await installEpm({ cwd, action: opts.action, force: !!opts.force })) io.out(line);
    });

  program
    .command('new')
    .description('file a new issue (an experiment unless --type says otherwise)')
    .argument('<title>', 'issue title')
    .addOption(new Option('--type <type>', 'issue type').choices([...ISSUE_TYPES]))
    .addOption(new Option('--lane <lane>', 'lane').choices([...LANES]))
    .option('--claim <N>', 'the claim issue this experiment tests', parseIssue)
    .option('--body-file <file>', 'read the issue body from a file')
    .option('--json', 'print the new issue as JSON')
    .action(async (title: string, opts: { type?: string; lane?: string; claim?: number; bodyFile?: string; json?: boolean }) => {
      const c = await context();
      let body = opts.bodyFile ? await readBody(opts.bodyFile) : '';
      if (opts.claim !== undefined) {
        const claim = await c.tracker.getIssue(opts.claim);
        if (readLabels(claim.labels).type !== 'claim') {
          throw badInput(`#${opts.claim} is not a claim`, { hint: `create one with: epm new "<claim>" --type claim` });
        }
        body = `${body.trimEnd()}\n\nClaim: #${opts.claim}\n`.trimStart();
      }
      const labels = [
        ...(opts.type ? [typeLabel(opts.type as (typeof ISSUE_TYPES)[number])] : []),
        ...(opts.lane && isLane(opts.lane) ? [laneLabel(opts.lane)] : []),
      ];
      const issue = await c.tracker.createIssue({ title, body, labels, author: c.user });
      print(!!opts.json, { number: issue.number, title: issue.title, labels: issue.labels }, () => `Created #${issue.number} ${issue.title}\nNext: epm tick ${issue.number}`);
    });

  program
    .command('list')
    .description('list open issues with their status')
    .option('--all', 'include closed issues')
    .option('--json', 'print JSON')
    .action(async (opts: { all?: boolean; json?: boolean }) => {
      const c = await context();
      const rows = (await c.engine.loadAll({ all: !!opts.all })).map(({ state, open }) => ({
        number: state.number, title: state.title, status: state.status, type: state.type ?? null, lane: state.lane, open,
      }));
      print(!!opts.json, rows, () =>
        rows.length === 0 ? 'No issues. Create one with: epm new "<title>"' : rows.map((r) => `#${String(r.number).padEnd(4)} ${r.status.padEnd(25)} ${(r.type ?? '-').padEnd(11)} ${r.title}`).join('\n'),
      );
    });

  program
    .command('show')
    .description('status, lane, next step, budget use and the timeline of markers of one issue')
    .argument('<N>', 'issue number', parseIssue)
    .option('--json', 'print JSON')
    .action(async (n: number, opts: { json?: boolean }) => {
      const c = await context();
      const state = await c.engine.load(n);
      const now = new Date();
      print(!!opts.json, issueView(state, now), () => renderShow(state, now));
    });

  program
    .command('board')
    .description('open issues in columns by status')
    .option('--json', 'print JSON')
    .action(async (opts: { json?: boolean }) => {
      const c = await context();
      const cards: BoardCard[] = (await c.engine.loadAll()).map(({ state }) => ({ number: state.number, title: state.title, status: state.status }));
      print(!!opts.json, cards, () => renderBoard(cards, io.columns ?? 100));
    });

  program
    .command('comment')
    .description('add a comment (answers to the clarifier, feedback); a comment starting with /epm is a command')
    .argument('<N>', 'issue number', parseIssue)
    .option('-m, --message <text>', 'the comment (default: read standard input)')
    .action(async (n: number, opts: { message?: string }) => {
      const c = await context(true);
      const body = (opts.message ?? (await (io.readStdin ?? defaultIo.readStdin!)())).trim();
      if (!body) throw badInput('the comment is empty', { hint: 'pass --message "<text>" or pipe the text in' });
      const command = parseCommand(body);
      if (command && !command.ok) throw badInput(command.error, { issue: n });
      if (command?.ok) {
        await c.engine.act(n, command.action, c.user);
      } else {
        await c.tracker.withIssueLock(n, async () => {
          await c.tracker.getIssue(n);
          await c.tracker.addComment(n, body, { as: { kind: 'human', author: c.user } });
        });
      }
      io.out(`Commented on #${n}. Next: epm tick ${n}`);
    });

  const human = (name: string, description: string, build: (args: string[], opts: Record<string, string | undefined>) => HumanAction, extra?: (cmd: Command) => Command) => {
    let cmd = program.command(name).description(description).argument('<N>', 'issue number', parseIssue);
    if (extra) cmd = extra(cmd);
    cmd.action(async (n: number, ...rest: unknown[]) => {
      const positional = rest.filter((r): r is string => typeof r === 'string');
      const opts = (rest.find((r) => typeof r === 'object' && r !== null && !(r instanceof Command)) ?? {}) as Record<string, string | undefined>;
      const c = await context(true);
      const report = await c.engine.act(n, build(positional, opts), c.user);
      io.out(`#${n} is now ${report.state.status}. ${report.state.status === 'blocked' || report.state.status === 'failed' ? '' : `Next: epm tick ${n}`}`.trim());
    });
  };
  human('approve', 'approve the plan or clean result awaiting approval (pinned to its version)', (_a, o) => ({ kind: 'approve', ...(o.version ? { version: o.version } : {}) }), (c) =>
    c.option('--version <sha>', 'the commit you reviewed (default: the current one)'));
  human('revise', 'send the plan or clean result back with feedback', (_a, o) => ({ kind: 'revise', message: requireText(o.message, '--message') }), (c) =>
    c.requiredOption('-m, --message <text>', 'what to change'));
  human('abort', 'stop the experiment for good (compute is released)', (_a, o) => ({ kind: 'abort', reason: o.reason ?? '' }), (c) => c.option('--reason <text>', 'why'));
  human('retry', 'retry a failed or blocked issue from where it stopped', () => ({ kind: 'retry' }));
  human('unblock', 'resume a blocked issue with your decision', (_a, o) => ({ kind: 'unblock', note: o.note ?? '' }), (c) => c.option('--note <text>', 'the decision, passed to the next role'));
  human('lane', 'set the lane before the plan is approved', (a) => {
    const lane = a[0] ?? '';
    if (!isLane(lane)) throw badInput(`unknown lane "${lane}"`, { hint: `use one of ${LANES.join(', ')}` });
    return { kind: 'lane', lane };
  }, (c) => c.argument('<lane>', `one of ${LANES.join(', ')}`));

  program
    .command('tick')
    .description('do every due step of one issue, or of all open issues')
    .argument('[N]', 'issue number (default: every open issue)', parseIssue)
    .option('--json', 'print JSON')
    .action(async (n: number | undefined, opts: { json?: boolean }) => {
      const c = await context(!opts.json);
      if (n !== undefined) {
        const report = await c.engine.tick(n);
        print(!!opts.json, { issue: n, steps: report.steps, status: report.state.status, waiting: report.waiting ?? null }, () =>
          [report.steps.length ? '' : `#${n}: nothing due`, `#${n} is ${report.state.status}${report.waiting ? ` — waiting: ${report.waiting}` : ''}`].filter(Boolean).join('\n'));
        return;
      }
      const { reports, errors } = await c.engine.sweep();
      print(!!opts.json, { reports: reports.map((r) => ({ issue: r.issue, steps: r.steps, status: r.state.status, waiting: r.waiting ?? null })), errors }, () =>
        [...reports.map((r) => `#${r.issue} is ${r.state.status}${r.waiting ? ` — waiting: ${r.waiting}` : ''}`), ...errors.map((e) => `#${e.issue}: error: ${e.error}`)].join('\n') || 'No open issues.');
      if (errors.length) throw badInput(`${errors.length} issue(s) could not be processed`, { hint: 'see the errors above' });
    });

  program
    .command('transcript')
    .description('print the redacted transcripts of an issue\'s role runs (all roles, or one)')
    .argument('<N>', 'issue number', parseIssue)
    .argument('[role]', 'only this role, e.g. planner')
    .option('--json', 'print the raw transcript lines as JSON')
    .action(async (n: number, role: string | undefined, opts: { json?: boolean }) => {
      const c = await context();
      const state = await c.engine.load(n);
      const runs = state.transcripts.filter((t) => !role || t.role === role);
      if (runs.length === 0) {
        throw notFound(role ? `#${n} has no transcript of the ${role} role` : `#${n} has no transcripts yet`, {
          hint: role ? `roles with transcripts: ${[...new Set(state.transcripts.map((t) => t.role))].join(', ') || 'none'}` : `run "epm tick ${n}" to let the roles work`,
        });
      }
      const loaded: { role: string; path: string; lines: Awaited<ReturnType<typeof readTranscript>> }[] = [];
      for (const t of runs) loaded.push({ ...t, lines: await readTranscript(t.path) });
      print(!!opts.json, loaded, () => loaded.map((t) => `== ${t.role} — ${t.path}\n${renderTranscript(t.lines)}`).join('\n\n'));
    });

  program
    .command('verify')
    .description('re-check a provenance statement: re-hash every local subject, look up every remote reference again')
    .argument('<manifest>', 'the provenance statement (provenance.json)')
    .option('--root <dir>', 'folder the subjects are relative to: the run\'s worktree or a checkout of its commit (default: the current folder)')
    .option('--local-only', 'only re-hash local subjects (no network)')
    .option('--bundle <file>', 'the statement\'s Sigstore bundle (default: <manifest>.sigstore.json when present)')
    .option('--signer <prefix>', 'the signer\'s identity must start with this, e.g. https://github.com/<owner>/<repo>/.github/workflows/')
    .option('--require-signature', 'fail when the statement is unsigned')
    .option('--trusted-root <file>', 'verify the signature fully offline against Sigstore trusted root(s) (gh attestation trusted-root > file): certificate chain, timestamp, log entry')
    .option('--json', 'print JSON')
    .action(async (manifest: string, opts: { root?: string; localOnly?: boolean; bundle?: string; signer?: string; requireSignature?: boolean; trustedRoot?: string; json?: boolean }) => {
      const c = await context();
      const text = await readBody(manifest);
      const statement = parseProvenance(text, manifest);
      const rows = await verifyStatement(statement, { files: c.services.provenance, tracking: c.services.tracking, hub: c.services.hub, links: c.services.links }, {
        root: resolve(opts.root ?? process.cwd()),
        ...(opts.localOnly ? { localOnly: true } : {}),
      });
      const signature = await checkSignature(manifest, text, {
        ...(opts.bundle ? { bundle: opts.bundle } : {}),
        ...(opts.signer ? { signer: opts.signer, required: true } : {}),
        ...(opts.requireSignature ? { required: true } : {}),
        ...(opts.trustedRoot ? { trustedRoot: opts.trustedRoot, required: true } : {}),
      });
      print(!!opts.json, { manifest, signature, rows }, () => `${renderVerificationTable(rows)}

Signature: ${signature.detail}`);
      const failed = rows.filter((r) => r.verdict === 'FAIL');
      if (failed.length > 0 || signature.status === 'mismatch') {
        throw new EpmError('mismatch', `${failed.length} of ${rows.length} check(s) failed${signature.status === 'mismatch' ? `, and the signature check failed (${signature.detail})` : ''}`, {
          hint: 'see the table above: each FAIL names the artifact and the reason',
        });
      }
    });

  program
    .command('export')
    .description('derive a Workflow Run RO-Crate from a provenance statement')
    .argument('<manifest>', 'the provenance statement (provenance.json)')
    .requiredOption('--ro-crate', 'write a Workflow Run RO-Crate (the only export format today)')
    .option('--out <dir>', 'folder to write the crate into (default: ./ro-crate)')
    .action(async (manifest: string, opts: { out?: string }) => {
      const statement = parseProvenance(await readBody(manifest), manifest);
      const out = resolve(opts.out ?? 'ro-crate');
      const crate = toRoCrate(statement, {
        name: `EPM run ${statement.predicate.buildDefinition.internalParameters.runId}`,
        description: `Run of \`${statement.predicate.buildDefinition.externalParameters.command}\` for issue #${statement.predicate.buildDefinition.externalParameters.issue.number}`,
      });
      await mkdir(out, { recursive: true });
      await writeFile(join(out, 'ro-crate-metadata.json'), `${JSON.stringify(crate, null, 2)}\n`);
      io.out(`Wrote ${join(out, 'ro-crate-metadata.json')}`);
    });

  const config = program.command('config').description('the repository config (epm.config.yml or .github/epm.yml)');
  config.command('check').description('validate the config and print where it came from').action(async () => {
    const c = await context();
    io.out(c.configSource ? `${c.configSource}: valid` : 'no config file: using the defaults (see docs/config.md)');
  });
  config.command('schema').description('print the config JSON Schema').action(() => {
    io.out(JSON.stringify(configJsonSchema(), null, 2));
  });

  program
    .command('demo')
    .description('run one small real experiment through every stage, in a temporary repository')
    .option('-y, --yes', 'approve the plan and the clean result without asking')
    .addOption(new Option('--record', 'record the scripted roles to the cassettes (maintainers)').hideHelp())
    .addOption(new Option('--cassettes <dir>', 'cassette folder (maintainers)').hideHelp())
    .action(async (opts: { yes?: boolean; record?: boolean; cassettes?: string }) => {
      const summary = await runDemo({
        yes: !!opts.yes || !(options.io?.ask ?? defaultIo.ask),
        out: (line) => io.out(line),
        env: options.env ?? process.env,
        ...(opts.record ? { record: true } : {}),
        ...(opts.cassettes ? { cassetteDir: opts.cassettes } : {}),
        ...((io.ask ?? defaultIo.ask) ? { ask: (io.ask ?? defaultIo.ask)! } : {}),
      });
      if (summary.status !== 'done') throw new EpmError('conflict', `the demo ended in ${summary.status}`, { hint: `look at it with: epm -C ${summary.repo} show 1` });
    });

  try {
    await program.parseAsync([...argv], { from: 'user' });
    return 0;
  } catch (error) {
    if (error instanceof CommanderError) return error.exitCode === 0 ? 0 : 2;
    if (isEpmError(error)) {
      io.err(`epm: ${error.toLine()}`);
      return error.exitCode;
    }
    io.err(`epm: unexpected error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    return 1;
  }
}

/** Is `identity` the signer or under it, on a path boundary (so `…/o/r` does not accept `…/o/r-evil/…`)? */
const underSigner = (identity: string, signer: string): boolean =>
  identity.startsWith(signer) && (identity.length === signer.length || signer.endsWith('/') || identity[signer.length] === '/' || identity[signer.length] === '@');

/** What `epm verify` asks of the signature. */
interface SignatureExpectations {
  /** The bundle's path; default `<manifest>.sigstore.json`. */
  bundle?: string;
  /** The signer's identity must start with this (e.g. https://github.com/owner/repo/.github/workflows/). */
  signer?: string;
  /** An unsigned statement fails. */
  required?: boolean;
  /** Sigstore trusted root(s) to verify the chain and transparency evidence against, offline. */
  trustedRoot?: string;
}

/**
 * A statement signed in GitHub Actions has a Sigstore bundle beside it
 * (`<manifest>.sigstore.json`). Offline, EPM checks that the bundle's signed
 * payload is exactly this statement and that the signature verifies with the
 * signing certificate's key, and reports who the certificate names. With
 * `--trusted-root` (Sigstore trusted roots, e.g. from `gh attestation
 * trusted-root`) it also verifies the certificate chain and the timestamp or
 * log entry, still offline. Unsigned statements verify by digest.
 */
async function checkSignature(manifest: string, text: string, expect: SignatureExpectations): Promise<{ status: 'unsigned' | 'signed' | 'mismatch'; detail: string; identity?: string; issuer?: string }> {
  const bundlePath = expect.bundle ?? bundlePathOf(manifest);
  const bundle = await readFile(bundlePath, 'utf8').catch(() => undefined);
  if (bundle === undefined) {
    if (expect.bundle) return { status: 'mismatch', detail: `cannot read the bundle ${bundlePath}` };
    return expect.required
      ? { status: 'mismatch', detail: `no signature (${bundlePath} is absent) and --require-signature was given` }
      : { status: 'unsigned', detail: 'none (unsigned statement: verified by the digests above)' };
  }
  const check = checkBundle(bundle, text);
  if (!check.ok) return { status: 'mismatch', detail: `${bundlePath}: ${check.reason}` };
  const { identity, issuer, validFrom, validTo } = check.facts;
  if (expect.signer && !underSigner(identity, expect.signer)) {
    return { status: 'mismatch', detail: `${bundlePath}: signed by ${identity}, which is not under the expected signer ${expect.signer}`, identity, issuer };
  }
  if (expect.trustedRoot) {
    // Loaded only here: @sigstore/verify is not needed by any other command.
    const { parseTrustedRoots, verifyAgainstRoots } = await import('../../adapters/sigstore/trusted-root.js');
    let roots;
    try {
      roots = parseTrustedRoots(await readFile(expect.trustedRoot, 'utf8'));
    } catch (error) {
      throw badInput(`cannot use the trusted root ${expect.trustedRoot}: ${(error as Error).message}`, { hint: 'write one with "gh attestation trusted-root > trusted_root.jsonl"' });
    }
    const trusted = verifyAgainstRoots(bundle, roots);
    if (!trusted.ok) return { status: 'mismatch', detail: `${bundlePath}: ${trusted.reason}`, identity, issuer };
    return {
      status: 'signed', identity, issuer,
      detail: `${bundlePath}: verified against ${expect.trustedRoot} — the certificate chains to a trusted authority, the ${trusted.evidence} verify, and the signature over this statement verifies; signed by ${identity} (issuer ${issuer})`,
    };
  }
  return {
    status: 'signed', identity, issuer,
    detail: `${bundlePath}: the signature over this statement verifies; signed by ${identity} (issuer ${issuer}; certificate valid ${validFrom} – ${validTo}; ${check.transparency}). The certificate chain and transparency evidence were not checked: pass --trusted-root (from "gh attestation trusted-root"), or run "gh attestation verify <subject> -R <owner>/<repo>"`,
  };
}

function requireText(value: string | undefined, flag: string): string {
  if (!value?.trim()) throw badInput(`${flag} needs text`, { hint: `pass ${flag} "<text>"` });
  return value.trim();
}

async function readBody(path: string): Promise<string> {
  try {
    return await readFile(path, 'utf8');
  } catch (error) {
    throw notFound(`cannot read body file ${path}: ${(error as Error).message}`, { hint: 'check the path given to --body-file' });
  }
}
