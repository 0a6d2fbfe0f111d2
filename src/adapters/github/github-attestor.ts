/**
 * The Attestor on GitHub Actions: signs the provenance statement with
 * `@actions/attest` — a short-lived Fulcio certificate for the workflow's
 * OIDC identity, a signed timestamp (private repositories, GitHub's Sigstore)
 * or a Rekor entry (public repositories, public-good Sigstore) — and stores
 * it as one of the repository's artifact attestations, so
 * `gh attestation verify <output> -R owner/repo` finds it by any subject's digest.
 *
 * The bundle is written beside the statement (`<statement>.sigstore.json`)
 * before the attestation is stored, and a small record of the stored
 * attestation (`<statement>.attestation.json`) after it: a worker killed
 * anywhere in between neither signs nor stores twice. `@actions/attest` is
 * loaded only when a statement is signed.
 */
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { external } from '../../domain/errors.js';
import type { Provenance } from '../../domain/provenance.js';
import type { StatementSignatureRecord } from '../../domain/events.js';
import type { Attestor } from '../../ports/attestor.js';
import { writeAtomic } from '../local/atomic-file.js';
import { bundlePathOf, checkBundle } from '../sigstore/bundle.js';
import { statusOf, type GitHubClient, type RepoRef } from './octokit.js';

export interface GitHubAttestorOptions extends RepoRef {
  /** Stores and looks up the repository's attestations (needs `attestations: write`). */
  client: GitHubClient;
}

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

export class GitHubAttestor implements Attestor {
  constructor(private readonly options: GitHubAttestorOptions) {}

  /**
   * Three steps, each skipped when an interrupted run already did it: sign
   * (the bundle is written beside the statement before anything is stored),
   * store the attestation (unless GitHub already holds this very signature),
   * record its id (`<statement>.attestation.json`).
   */
  async sign(statementPath: string, statement: Provenance): Promise<StatementSignatureRecord> {
    const bundlePath = bundlePathOf(statementPath);
    const recordPath = `${statementPath}.attestation.json`;
    const statementText = await readFile(statementPath, 'utf8');

    let bundleText = await readFile(bundlePath, 'utf8').catch(() => undefined);
    let check = bundleText === undefined ? undefined : checkBundle(bundleText, statementText);
    if (bundleText === undefined || !check?.ok) {
      bundleText = await this.signNow(statement);
      check = checkBundle(bundleText, statementText);
      if (!check.ok) throw external(`the attestation service returned a bundle that does not sign this statement: ${check.reason}`);
      await writeAtomic(bundlePath, bundleText);
    }
    const bundleSha256 = sha256(bundleText);

    const record = await readFile(recordPath, 'utf8').then((t) => JSON.parse(t) as { bundleSha256?: string; attestationId?: string | null }).catch(() => undefined);
    let attestationId: string | undefined;
    if (record?.bundleSha256 === bundleSha256) attestationId = record.attestationId ?? undefined;
    else {
      attestationId = (await this.alreadyStored(statement, check.signature)) ? undefined : await this.store(JSON.parse(bundleText) as Record<string, unknown>);
      await writeAtomic(recordPath, `${JSON.stringify({ bundleSha256, attestationId: attestationId ?? null }, null, 2)}\n`);
    }
    return {
      bundle: bundlePath,
      sha256: bundleSha256,
      identity: check.facts.identity,
      issuer: check.facts.issuer,
      transparency: check.transparency,
      ...(attestationId ? { attestationId } : {}),
    };
  }

  /** Signs with `@actions/attest` (Fulcio certificate for the job's OIDC identity, timestamp or log entry); stores nothing. */
  private async signNow(statement: Provenance): Promise<string> {
    const { attest } = await import('@actions/attest');
    try {
      const result = await attest({
        subjects: statement.subject.map((s) => ({ name: s.name, digest: { sha256: s.digest.sha256 } })),
        predicateType: statement.predicateType,
        predicate: statement.predicate,
        token: '', // only used to store, which EPM does itself (skipWrite)
        skipWrite: true,
      });
      return `${JSON.stringify(result.bundle, null, 2)}\n`;
    } catch (error) {
      throw external(`signing the provenance statement failed: ${(error as Error).message}`, {
        hint: 'the worker job needs "permissions: id-token: write"; after a Sigstore outage the next run signs again (or set the input attest: never to publish unsigned)',
        cause: error,
      });
    }
  }

  /** Does GitHub already hold this signature (stored by a run that died before recording it)? */
  private async alreadyStored(statement: Provenance, signature: Buffer): Promise<boolean> {
    const first = statement.subject[0];
    if (!first) return false;
    try {
      const { data } = await this.options.client.request('GET /repos/{owner}/{repo}/attestations/{subject_digest}', {
        owner: this.options.owner, repo: this.options.repo, subject_digest: `sha256:${first.digest.sha256}`, per_page: 100,
      });
      const sig = signature.toString('base64');
      return (data.attestations ?? []).some((a) => (a.bundle as { dsseEnvelope?: { signatures?: { sig?: string }[] } } | undefined)?.dsseEnvelope?.signatures?.[0]?.sig === sig);
    } catch (error) {
      if (statusOf(error) === 404) return false;
      throw external(`looking up the repository's attestations failed: ${(error as Error).message}`, { hint: 'the next run looks again; the bundle is kept beside the statement', cause: error });
    }
  }

  private async store(bundle: Record<string, unknown>): Promise<string | undefined> {
    try {
      const { data } = await this.options.client.request('POST /repos/{owner}/{repo}/attestations', { owner: this.options.owner, repo: this.options.repo, bundle });
      return data.id === undefined ? undefined : String(data.id);
    } catch (error) {
      throw external(`storing the attestation failed: ${(error as Error).message}`, {
        hint: 'the worker job needs "permissions: attestations: write"; the bundle is kept beside the statement and the next run stores it',
        cause: error,
      });
    }
  }
}
