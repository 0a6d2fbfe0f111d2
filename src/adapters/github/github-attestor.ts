/**
 * The Attestor on GitHub Actions: signs the provenance statement with
 * `@actions/attest` — a short-lived Fulcio certificate for the workflow's
 * OIDC identity, a signed timestamp (private repositories, GitHub's Sigstore)
 * or a Rekor entry (public repositories, public-good Sigstore) — and stores
 * it as one of the repository's artifact attestations, so
 * `gh attestation verify <output> -R owner/repo` finds it by any subject's digest.
 *
 * The bundle is written beside the statement (`<statement>.sigstore.json`),
 * with a small record of the attestation (`<statement>.attestation.json`)
 * written after it: a worker killed after signing re-uses both instead of
 * attesting twice. `@actions/attest` is loaded only when a statement is signed.
 */
import { createHash } from 'node:crypto';
import { readFile, rename, writeFile } from 'node:fs/promises';
import { external } from '../../domain/errors.js';
import type { Provenance } from '../../domain/provenance.js';
import type { Attestor, StatementSignature } from '../../ports/attestor.js';
import { checkBundle } from '../sigstore/bundle.js';

export interface GitHubAttestorOptions {
  /** Token with `attestations: write` (the workflow's GITHUB_TOKEN). */
  token: string;
  /** Which Sigstore instance; default: by the repository's visibility, as `@actions/attest` decides. */
  sigstore?: 'public-good' | 'github';
}

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

async function writeAtomic(path: string, text: string): Promise<void> {
  const temp = `${path}.tmp-${process.pid}`;
  await writeFile(temp, text);
  await rename(temp, path);
}

export class GitHubAttestor implements Attestor {
  constructor(private readonly options: GitHubAttestorOptions) {}

  async sign(statementPath: string, statement: Provenance): Promise<StatementSignature> {
    const bundlePath = `${statementPath}.sigstore.json`;
    const recordPath = `${statementPath}.attestation.json`;
    const statementText = await readFile(statementPath, 'utf8');
    const earlier = await this.earlier(bundlePath, recordPath, statementText);
    if (earlier) return earlier;

    const { attest } = await import('@actions/attest');
    let result: Awaited<ReturnType<typeof attest>>;
    try {
      result = await attest({
        subjects: statement.subject.map((s) => ({ name: s.name, digest: { sha256: s.digest.sha256 } })),
        predicateType: statement.predicateType,
        predicate: statement.predicate,
        token: this.options.token,
        ...(this.options.sigstore ? { sigstore: this.options.sigstore } : {}),
      });
    } catch (error) {
      throw external(`signing the provenance statement failed: ${(error as Error).message}`, {
        hint: 'the workflow needs "permissions: id-token: write, attestations: write"; a Sigstore outage passes — the next run signs again (or set the input attest: never to publish unsigned)',
        cause: error,
      });
    }
    const bundleText = `${JSON.stringify(result.bundle, null, 2)}\n`;
    const check = checkBundle(bundleText, statementText);
    if (!check.ok) throw external(`the attestation service returned a bundle that does not sign this statement: ${check.reason}`);
    await writeAtomic(bundlePath, bundleText);
    const signature: StatementSignature = {
      bundlePath,
      bundleSha256: sha256(bundleText),
      identity: check.facts.identity,
      issuer: check.facts.issuer,
      transparency: check.transparency,
      ...(result.attestationID ? { attestationId: String(result.attestationID) } : {}),
    };
    await writeAtomic(recordPath, `${JSON.stringify({ attestationId: signature.attestationId ?? null, bundleSha256: signature.bundleSha256 }, null, 2)}\n`);
    return signature;
  }

  /** The signature made by an earlier, interrupted run for this same statement, if any. */
  private async earlier(bundlePath: string, recordPath: string, statementText: string): Promise<StatementSignature | undefined> {
    const [bundleText, recordText] = await Promise.all([readFile(bundlePath, 'utf8').catch(() => undefined), readFile(recordPath, 'utf8').catch(() => undefined)]);
    if (bundleText === undefined || recordText === undefined) return undefined;
    const check = checkBundle(bundleText, statementText);
    let record: { attestationId?: string | null; bundleSha256?: string };
    try {
      record = JSON.parse(recordText) as typeof record;
    } catch {
      return undefined;
    }
    if (!check.ok || record.bundleSha256 !== sha256(bundleText)) return undefined;
    return {
      bundlePath,
      bundleSha256: record.bundleSha256,
      identity: check.facts.identity,
      issuer: check.facts.issuer,
      transparency: check.transparency,
      ...(record.attestationId ? { attestationId: record.attestationId } : {}),
    };
  }
}
