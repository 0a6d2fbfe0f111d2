/**
 * Signed statements offline: `checkBundle` (what `epm verify` relies on) on
 * good and broken bundles, and the GitHub Attestor's crash recovery — a
 * bundle already beside the statement is not signed again, an attestation
 * GitHub already holds is not stored again — against the GitHub emulator.
 * (Signing itself, through `@actions/attest` and the Sigstore emulator, runs
 * in a child process: tests/emulators/sigstore-emulator.test.ts and the
 * action's end-to-end test.)
 */
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { generateKeyPairSync, sign as cryptoSign } from 'node:crypto';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { GitHubAttestor } from '../../src/adapters/github/github-attestor.js';
import { createGitHubClient } from '../../src/adapters/github/octokit.js';
import { certificateFacts, checkBundle, preAuthEncoding } from '../../src/adapters/sigstore/bundle.js';
import { parseTrustedRoots, verifyAgainstRoots } from '../../src/adapters/sigstore/trusted-root.js';
import { isEpmError } from '../../src/domain/errors.js';
import type { Provenance } from '../../src/domain/provenance.js';
import { startGitHubEmulator, type GitHubEmulator } from '../emulators/github/github-emulator.js';

const IDENTITY = 'https://github.com/lab/study/.github/workflows/epm-issues.yml@refs/heads/main';
const ISSUER = 'https://token.actions.githubusercontent.com';
const STATEMENT = {
  _type: 'https://in-toto.io/Statement/v1',
  subject: [{ name: 'outputs/metrics.json', digest: { sha256: 'b'.repeat(64) } }],
  predicateType: 'urn:epm:provenance:v1',
  predicate: { buildDefinition: { note: 'test' } },
} as unknown as Provenance;
const STATEMENT_TEXT = `${JSON.stringify(STATEMENT, null, 2)}\n`;

/** A Fulcio-like certificate for a fresh key (self-signed here), and a function that makes bundles with it. */
function signer(dir: string) {
  const key = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const keyFile = join(dir, 'key.pem');
  writeFileSync(keyFile, key.privateKey.export({ format: 'pem', type: 'pkcs8' }));
  const der = execFileSync('openssl', ['req', '-x509', '-key', keyFile, '-subj', '/O=sigstore.dev', '-days', '1', '-outform', 'DER',
    '-addext', `subjectAltName=critical,URI:${IDENTITY}`, '-addext', `1.3.6.1.4.1.57264.1.8=ASN1:UTF8String:${ISSUER}`, '-addext', 'extendedKeyUsage=codeSigning']);
  const bundle = (payloadText: string, options: { payloadType?: string; signWith?: typeof key.privateKey; signed?: string } = {}) => {
    const payload = Buffer.from(payloadText);
    const type = options.payloadType ?? 'application/vnd.in-toto+json';
    const sig = cryptoSign('sha256', preAuthEncoding(type, options.signed === undefined ? payload : Buffer.from(options.signed)), options.signWith ?? key.privateKey);
    return JSON.stringify({
      mediaType: 'application/vnd.dev.sigstore.bundle.v0.3+json',
      verificationMaterial: { certificate: { rawBytes: der.toString('base64') }, tlogEntries: [], timestampVerificationData: { rfc3161Timestamps: [{ signedTimestamp: 'MAA=' }] } },
      dsseEnvelope: { payload: payload.toString('base64'), payloadType: type, signatures: [{ sig: sig.toString('base64'), keyid: '' }] },
    });
  };
  return { der, bundle };
}

describe('checkBundle', () => {
  let dir: string;
  let s: ReturnType<typeof signer>;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'epm-bundle-'));
    s = signer(dir);
  });
  afterAll(async () => rm(dir, { recursive: true, force: true }));

  it('accepts a bundle that signs the statement, compact or byte for byte, and names the signer', () => {
    expect(checkBundle(s.bundle(JSON.stringify(STATEMENT)), STATEMENT_TEXT)).toEqual({
      ok: true, transparency: '1 signed timestamp(s)', signature: expect.any(Buffer),
      facts: { identity: IDENTITY, issuer: ISSUER, validFrom: expect.any(String), validTo: expect.any(String) },
    });
    expect(checkBundle(s.bundle(STATEMENT_TEXT), STATEMENT_TEXT)).toMatchObject({ ok: true });
    expect(certificateFacts(s.der)).toMatchObject({ identity: IDENTITY, issuer: ISSUER });
  });

  it('refuses each way a signature can fail, saying which', () => {
    const changed = STATEMENT_TEXT.replace('"test"', '"tset"');
    expect(checkBundle(s.bundle(JSON.stringify(STATEMENT)), changed)).toEqual({ ok: false, reason: expect.stringContaining('NOT this statement') });
    expect(checkBundle(s.bundle(JSON.stringify(STATEMENT), { payloadType: 'text/plain' }), STATEMENT_TEXT)).toEqual({ ok: false, reason: expect.stringContaining('payload type') });
    expect(checkBundle(s.bundle(JSON.stringify(STATEMENT), { signed: 'something else' }), STATEMENT_TEXT)).toEqual({ ok: false, reason: expect.stringContaining('does not verify') });
    const other = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    expect(checkBundle(s.bundle(JSON.stringify(STATEMENT), { signWith: other.privateKey }), STATEMENT_TEXT)).toEqual({ ok: false, reason: expect.stringContaining('does not verify') });
    expect(checkBundle('{"mediaType":"application/json"}', STATEMENT_TEXT)).toEqual({ ok: false, reason: expect.stringContaining('not a Sigstore bundle') });
    expect(checkBundle('nope', STATEMENT_TEXT)).toEqual({ ok: false, reason: expect.stringContaining('not JSON') });
    const noEnvelope = JSON.stringify({ mediaType: 'application/vnd.dev.sigstore.bundle.v0.3+json', messageSignature: {} });
    expect(checkBundle(noEnvelope, STATEMENT_TEXT)).toEqual({ ok: false, reason: expect.stringContaining('no DSSE envelope') });
  });
});

describe('parseTrustedRoots', () => {
  it('reads one root or one per line, and names what is wrong with a bad file', () => {
    const root = { mediaType: 'application/vnd.dev.sigstore.trustedroot+json;version=0.1', tlogs: [], ctlogs: [], certificateAuthorities: [], timestampAuthorities: [] };
    expect(parseTrustedRoots(JSON.stringify(root))).toHaveLength(1);
    expect(parseTrustedRoots(`${JSON.stringify(root)}\n\n${JSON.stringify(root)}\n`)).toHaveLength(2);
    expect(() => parseTrustedRoots('  ')).toThrow('the trusted root file is empty');
    expect(() => parseTrustedRoots(`${JSON.stringify(root)}\n{oops`)).toThrow(/line 2 of the trusted root file is not JSON/);
    expect(() => parseTrustedRoots('{"mediaType":"application/json"}')).toThrow(/document 1 of the trusted root file is not a Sigstore trusted root/);
  });

  it('a bundle with no timestamp and no log entry is refused whatever the roots', () => {
    expect(verifyAgainstRoots(JSON.stringify({ mediaType: 'application/vnd.dev.sigstore.bundle.v0.3+json', verificationMaterial: { certificate: { rawBytes: 'AA==' } }, dsseEnvelope: { payload: 'e30=', payloadType: 'application/vnd.in-toto+json', signatures: [{ sig: 'AA==' }] } }), []))
      .toEqual({ ok: false, reason: 'the bundle carries neither a signed timestamp nor a transparency log entry' });
  });
});

describe('the GitHub Attestor after a crash', () => {
  let dir: string;
  let gh: GitHubEmulator;
  let s: ReturnType<typeof signer>;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'epm-attestor-'));
    s = signer(dir);
    gh = await startGitHubEmulator({
      owner: 'lab', repo: 'study', tokens: { ghs_bot: 'github-actions[bot]' }, users: { 'github-actions[bot]': { permission: 'write', type: 'Bot' } },
      checkAttestation: () => undefined,
    });
  });
  afterAll(async () => {
    await gh.close();
    await rm(dir, { recursive: true, force: true });
  });

  const attestor = () => new GitHubAttestor({ client: createGitHubClient({ token: 'ghs_bot', baseUrl: gh.url, writeIntervalMs: 0, backoffUnitMs: 1 }), owner: 'lab', repo: 'study' });
  const POST = 'POST /repos/{owner}/{repo}/attestations';

  it('stores a bundle an interrupted run left, once; re-uses it and the record afterwards; never stores the same signature twice', async () => {
    const statement = join(dir, 'provenance.json');
    await writeFile(statement, STATEMENT_TEXT);
    await writeFile(`${statement}.sigstore.json`, s.bundle(JSON.stringify(STATEMENT)));

    const first = await attestor().sign(statement, STATEMENT);
    expect(first).toEqual({ bundle: `${statement}.sigstore.json`, sha256: expect.stringMatching(/^[0-9a-f]{64}$/), identity: IDENTITY, issuer: ISSUER, transparency: '1 signed timestamp(s)', attestationId: expect.stringMatching(/^\d+$/) });
    expect(gh.attestations()).toHaveLength(1);
    expect(JSON.parse(await readFile(`${statement}.attestation.json`, 'utf8'))).toEqual({ bundleSha256: first.sha256, attestationId: first.attestationId });

    gh.resetCounts();
    expect(await attestor().sign(statement, STATEMENT)).toEqual(first); // everything done: no request at all
    expect(gh.counts()).toEqual({});

    // Killed after storing, before recording: GitHub already holds this signature.
    await rm(`${statement}.attestation.json`);
    const again = await attestor().sign(statement, STATEMENT);
    expect(gh.counts()[POST]).toBeUndefined();
    expect(gh.attestations()).toHaveLength(1);
    expect(again).toEqual({ ...first, attestationId: undefined }); // the id of the earlier store is not known any more
    expect('attestationId' in again).toBe(false);
    expect(gh.violations).toEqual([]);
  });

  it('signs again when the bundle beside the statement does not sign it — and without an OIDC token that fails clearly, storing nothing', async () => {
    const statement = join(dir, 'changed.json');
    await writeFile(statement, STATEMENT_TEXT.replace('"test"', '"changed"'));
    await writeFile(`${statement}.sigstore.json`, s.bundle(JSON.stringify(STATEMENT)));
    const before = gh.attestations().length;
    const saved = { url: process.env['ACTIONS_ID_TOKEN_REQUEST_URL'], token: process.env['SIGSTORE_ID_TOKEN'] };
    delete process.env['ACTIONS_ID_TOKEN_REQUEST_URL'];
    delete process.env['SIGSTORE_ID_TOKEN'];
    try {
      const error = await attestor().sign(statement, STATEMENT).catch((e: unknown) => e);
      expect(isEpmError(error) && error.code).toBe('external');
      expect((error as Error).message).toMatch(/signing the provenance statement failed/);
      expect(isEpmError(error) && error.hint).toMatch(/id-token: write/);
    } finally {
      if (saved.url !== undefined) process.env['ACTIONS_ID_TOKEN_REQUEST_URL'] = saved.url;
      if (saved.token !== undefined) process.env['SIGSTORE_ID_TOKEN'] = saved.token;
    }
    expect(gh.attestations()).toHaveLength(before);
  });
});
