/**
 * The Attestor port: signs a run's provenance statement with the platform's
 * attestation service (in GitHub Actions: GitHub artifact attestations,
 * Sigstore underneath). Where no such service is available EPM has no
 * Attestor and the statement stays unsigned — it still verifies by digest.
 */
import type { Provenance } from '../domain/provenance.js';

/** What signing produced, as recorded in the provenance marker. */
export interface StatementSignature {
  /** The Sigstore bundle, written beside the statement (`<statement>.sigstore.json`). */
  bundlePath: string;
  bundleSha256: string;
  /** Who signed, from the signing certificate: the workflow's identity (its URI). */
  identity: string;
  /** The OIDC issuer that vouched for that identity. */
  issuer: string;
  /** Transparency evidence the bundle carries: a log index, or a signed timestamp. */
  transparency: string;
  /** Id of the attestation stored with the platform, when it was stored. */
  attestationId?: string;
}

/** Signs statements. */
export interface Attestor {
  /**
   * Signs the statement written at `statementPath` (whose parsed content is
   * `statement`) and stores the attestation. Signing the same statement twice
   * returns the first signature: a re-run after a crash does not attest twice.
   * Throws an `external` error when the service fails; nothing is recorded then.
   */
  sign(statementPath: string, statement: Provenance): Promise<StatementSignature>;
}
