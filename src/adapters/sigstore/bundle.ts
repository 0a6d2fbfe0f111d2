/**
 * Sigstore bundles of signed provenance statements, read and checked offline.
 *
 * A bundle (v0.1–v0.3, JSON) holds a DSSE envelope — the signed statement and
 * its signature — and the verification material: the signing certificate
 * (issued by Fulcio to the workflow's identity) plus transparency evidence (a
 * Rekor log entry or an RFC 3161 timestamp). What can be checked without the
 * network, and is checked here: that the signed payload is this statement,
 * that the signature over it verifies with the certificate's key, and who the
 * certificate names. What needs Sigstore's trust roots — the certificate chain
 * to Fulcio's root, the log inclusion proof, the timestamp's authority — is
 * left to `gh attestation verify`, and the report says so.
 */
import { X509Certificate, verify as verifySignature } from 'node:crypto';

/** The parts of a bundle EPM reads. */
export interface ParsedBundle {
  mediaType: string;
  payload: Buffer;
  payloadType: string;
  signature: Buffer;
  /** DER of the signing (leaf) certificate. */
  certificate: Buffer;
  tlogEntries: { logIndex: string }[];
  timestamps: number;
}

/** Who the certificate names and when it was valid. */
export interface CertificateFacts {
  /** The subject alternative name: a URI (a workflow) or an email. */
  identity: string;
  /** The OIDC issuer from Fulcio's certificate extension, or "unknown". */
  issuer: string;
  validFrom: string;
  validTo: string;
}

/** Outcome of checking a bundle against a statement. */
export type BundleCheck =
  | { ok: true; facts: CertificateFacts; transparency: string; /** The DSSE signature, to recognise the same signing elsewhere. */ signature: Buffer }
  | { ok: false; reason: string };

/** Where a statement's Sigstore bundle lives: beside it, `<statement>.sigstore.json` (also the release asset's name). */
export const bundlePathOf = (statementPath: string): string => `${statementPath}.sigstore.json`;

const IN_TOTO_PAYLOAD_TYPE = 'application/vnd.in-toto+json';

const b64 = (value: unknown, what: string): Buffer => {
  if (typeof value !== 'string' || !value) throw new Error(`${what} is missing`);
  return Buffer.from(value, 'base64');
};

/** Reads a bundle's JSON; throws with what is missing. */
export function parseBundle(text: string): ParsedBundle {
  let json: Record<string, unknown>;
  try {
    json = JSON.parse(text) as Record<string, unknown>;
  } catch (error) {
    throw new Error(`not JSON: ${(error as Error).message}`, { cause: error });
  }
  const mediaType = typeof json['mediaType'] === 'string' ? json['mediaType'] : '';
  if (!mediaType.startsWith('application/vnd.dev.sigstore.bundle')) throw new Error(`not a Sigstore bundle (mediaType "${mediaType}")`);
  const envelope = json['dsseEnvelope'] as { payload?: unknown; payloadType?: unknown; signatures?: { sig?: unknown }[] } | undefined;
  if (!envelope) throw new Error('the bundle holds no DSSE envelope (a message signature cannot sign a statement)');
  const material = (json['verificationMaterial'] ?? {}) as {
    certificate?: { rawBytes?: unknown };
    x509CertificateChain?: { certificates?: { rawBytes?: unknown }[] };
    tlogEntries?: { logIndex?: unknown }[];
    timestampVerificationData?: { rfc3161Timestamps?: unknown[] };
  };
  const certificate = b64(material.certificate?.rawBytes ?? material.x509CertificateChain?.certificates?.[0]?.rawBytes, 'the signing certificate');
  if ((envelope.signatures ?? []).length !== 1) throw new Error(`the envelope holds ${(envelope.signatures ?? []).length} signatures (expected 1)`);
  return {
    mediaType,
    payload: b64(envelope.payload, 'the envelope payload'),
    payloadType: typeof envelope.payloadType === 'string' ? envelope.payloadType : '',
    signature: b64(envelope.signatures?.[0]?.sig, 'the signature'),
    certificate,
    // Protobuf's JSON form leaves out zero values: a missing logIndex is entry 0.
    tlogEntries: (material.tlogEntries ?? []).map((e) => ({ logIndex: String(e.logIndex ?? '0') })),
    timestamps: (material.timestampVerificationData?.rfc3161Timestamps ?? []).length,
  };
}

/** DSSE pre-authentication encoding: what the signature covers. */
export function preAuthEncoding(payloadType: string, payload: Buffer): Buffer {
  const type = Buffer.from(payloadType, 'utf8');
  return Buffer.concat([Buffer.from(`DSSEv1 ${type.length} `), type, Buffer.from(` ${payload.length} `), payload]);
}

/** The statement as `@actions/attest` serialises it before signing: compact JSON, same key order. */
const compactStatement = (text: string): string => JSON.stringify(JSON.parse(text));

/** Is the signed payload this statement (byte for byte, or as compact JSON)? */
function payloadIsStatement(payload: Buffer, statementText: string): boolean {
  if (payload.equals(Buffer.from(statementText))) return true;
  try {
    return payload.equals(Buffer.from(compactStatement(statementText)));
  } catch {
    return false;
  }
}

// Fulcio's certificate extensions: 1.3.6.1.4.1.57264.1.8 (issuer, DER UTF8String) and .1.1 (issuer, raw; deprecated).
const FULCIO_ISSUER_V2 = Buffer.from([0x06, 0x0a, 0x2b, 0x06, 0x01, 0x04, 0x01, 0x83, 0xbf, 0x30, 0x01, 0x08]);
const FULCIO_ISSUER_V1 = Buffer.from([0x06, 0x0a, 0x2b, 0x06, 0x01, 0x04, 0x01, 0x83, 0xbf, 0x30, 0x01, 0x01]);

/** Reads a DER length at `at`; returns [length, offset of the value]. */
function derLength(der: Buffer, at: number): [number, number] {
  const first = der[at] ?? 0;
  if (first < 0x80) return [first, at + 1];
  const bytes = first & 0x7f;
  let length = 0;
  for (let i = 1; i <= bytes; i += 1) length = length * 256 + (der[at + i] ?? 0);
  return [length, at + 1 + bytes];
}

/** The value (OCTET STRING content) of the extension whose OID TLV is `oid`, if present. */
function extensionValue(der: Buffer, oid: Buffer): Buffer | undefined {
  const at = der.indexOf(oid);
  if (at < 0) return undefined;
  let p = at + oid.length;
  if (der[p] === 0x01) p += 3; // critical flag
  if (der[p] !== 0x04) return undefined;
  const [length, start] = derLength(der, p + 1);
  return der.subarray(start, start + length);
}

/** Who a Fulcio certificate names, and its validity window. */
export function certificateFacts(der: Buffer, cert = new X509Certificate(der)): CertificateFacts {
  const san = (cert.subjectAltName ?? '').split(', ').map((s) => s.replace(/^(URI|email):/, ''))[0] ?? '';
  let issuer = 'unknown';
  const v2 = extensionValue(der, FULCIO_ISSUER_V2);
  if (v2 && v2[0] === 0x0c) {
    const [length, start] = derLength(v2, 1);
    issuer = v2.subarray(start, start + length).toString('utf8');
  } else {
    const v1 = extensionValue(der, FULCIO_ISSUER_V1);
    if (v1) issuer = v1.toString('utf8');
  }
  return { identity: san || cert.subject, issuer, validFrom: new Date(cert.validFrom).toISOString(), validTo: new Date(cert.validTo).toISOString() };
}

/** What transparency evidence a bundle carries, in words. */
export function transparencyOf(bundle: ParsedBundle): string {
  const parts = [
    ...bundle.tlogEntries.map((e) => `transparency log entry ${e.logIndex}`),
    ...(bundle.timestamps ? [`${bundle.timestamps} signed timestamp(s)`] : []),
  ];
  return parts.join(', ') || 'none';
}

/**
 * Checks, offline, that `bundleText` signs `statementText`: the payload is the
 * statement, the payload type is in-toto, and the signature verifies with the
 * certificate's public key.
 */
export function checkBundle(bundleText: string, statementText: string): BundleCheck {
  let bundle: ParsedBundle;
  try {
    bundle = parseBundle(bundleText);
  } catch (error) {
    return { ok: false, reason: `unreadable bundle: ${(error as Error).message}` };
  }
  if (bundle.payloadType !== IN_TOTO_PAYLOAD_TYPE) return { ok: false, reason: `the signed payload type is "${bundle.payloadType}", not ${IN_TOTO_PAYLOAD_TYPE}` };
  if (!payloadIsStatement(bundle.payload, statementText)) return { ok: false, reason: 'the signed payload is NOT this statement — it was changed after signing' };
  let facts: CertificateFacts;
  let good: boolean;
  try {
    const cert = new X509Certificate(bundle.certificate);
    good = verifySignature('sha256', preAuthEncoding(bundle.payloadType, bundle.payload), cert.publicKey, bundle.signature);
    facts = certificateFacts(bundle.certificate, cert);
  } catch (error) {
    return { ok: false, reason: `the signing certificate cannot be read: ${(error as Error).message}` };
  }
  if (!good) return { ok: false, reason: 'the signature does not verify with the signing certificate\'s key' };
  return { ok: true, facts, transparency: transparencyOf(bundle), signature: bundle.signature };
}
