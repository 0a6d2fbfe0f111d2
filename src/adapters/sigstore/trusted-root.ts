/**
 * Full verification of a signed statement against Sigstore trust roots, with
 * no network: `@sigstore/verify` checks the signing certificate's chain to a
 * certificate authority of the trusted root (valid at the signing time), the
 * signed timestamp against its timestamp authority, the transparency log
 * entry (signed entry timestamp, inclusion proof) against its log key, and the
 * DSSE signature. The trusted root is a file: GitHub's `gh attestation
 * trusted-root > trusted_root.jsonl` writes one root per line (public-good
 * Sigstore and GitHub's instance); any root that verifies the bundle is enough.
 *
 * Thresholds follow what the bundle carries: each kind of evidence present
 * must verify, and one kind at least must be present. Signed certificate
 * timestamps (CT) are required when the root lists CT logs (public-good).
 */
import { bundleFromJSON } from '@sigstore/bundle';
import { TrustedRoot } from '@sigstore/protobuf-specs';
import { Verifier, toSignedEntity, toTrustMaterial } from '@sigstore/verify';
import { parseBundle, transparencyOf } from './bundle.js';

type TrustedCheck = { ok: true; evidence: string } | { ok: false; reason: string };

/** Reads a trusted root file: one JSON document, or one per line. */
export function parseTrustedRoots(text: string): TrustedRoot[] {
  const trimmed = text.trim();
  if (!trimmed) throw new Error('the trusted root file is empty');
  const docs: unknown[] = [];
  try {
    docs.push(JSON.parse(trimmed));
  } catch {
    for (const [i, line] of trimmed.split('\n').entries()) {
      if (!line.trim()) continue;
      try {
        docs.push(JSON.parse(line));
      } catch (error) {
        throw new Error(`line ${i + 1} of the trusted root file is not JSON: ${(error as Error).message}`, { cause: error });
      }
    }
  }
  return docs.map((doc, i) => {
    const mediaType = (doc as { mediaType?: unknown }).mediaType;
    if (typeof mediaType !== 'string' || !mediaType.startsWith('application/vnd.dev.sigstore.trustedroot')) {
      throw new Error(`document ${i + 1} of the trusted root file is not a Sigstore trusted root (mediaType ${JSON.stringify(mediaType)})`);
    }
    return TrustedRoot.fromJSON(doc);
  });
}

/** Verifies the bundle (already known to sign the statement) against any of the roots. */
export function verifyAgainstRoots(bundleText: string, roots: readonly TrustedRoot[]): TrustedCheck {
  let parsed;
  try {
    parsed = parseBundle(bundleText);
  } catch (error) {
    return { ok: false, reason: `unreadable bundle: ${(error as Error).message}` };
  }
  const tlogs = parsed.tlogEntries.length;
  const stamps = parsed.timestamps;
  if (tlogs === 0 && stamps === 0) return { ok: false, reason: 'the bundle carries neither a signed timestamp nor a transparency log entry' };
  let entity;
  try {
    entity = toSignedEntity(bundleFromJSON(JSON.parse(bundleText)));
  } catch (error) {
    return { ok: false, reason: `unreadable bundle: ${(error as Error).message}` };
  }
  const reasons: string[] = [];
  for (const root of roots) {
    try {
      const verifier = new Verifier(toTrustMaterial(root), {
        tlogThreshold: tlogs > 0 ? 1 : 0,
        tsaThreshold: stamps > 0 ? 1 : 0,
        ctlogThreshold: root.ctlogs.length > 0 ? 1 : 0,
      });
      verifier.verify(entity);
      return { ok: true, evidence: transparencyOf(parsed) };
    } catch (error) {
      const e = error as Error & { code?: string };
      reasons.push(`${e.code ? `${e.code}: ` : ''}${e.message}`);
    }
  }
  return { ok: false, reason: `no trusted root verifies it (${reasons.join('; ')})` };
}
