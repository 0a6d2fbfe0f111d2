/**
 * The Attestor port: signs a run's provenance statement with the platform's
 * attestation service (in GitHub Actions: GitHub artifact attestations,
 * Sigstore underneath). Where no such service is available EPM has no
 * Attestor and the statement stays unsigned — it still verifies by digest.
 */
import type { StatementSignatureRecord } from '../domain/events.js';
import type { Provenance } from '../domain/provenance.js';

/** Signs statements. */
export interface Attestor {
  /**
   * Signs the statement written at `statementPath` (whose parsed content is
   * `statement`) and stores the attestation. Signing the same statement twice
   * returns the first signature: a re-run after a crash does not attest twice.
   * Throws an `external` error when the service fails; nothing is recorded then.
   */
  /** Returns what the provenance marker records: the bundle written beside the statement, the signer, the evidence. */
  sign(statementPath: string, statement: Provenance): Promise<StatementSignatureRecord>;
}
