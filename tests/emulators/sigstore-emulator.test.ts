/**
 * The Sigstore emulator with the real client: a child process (which trusts
 * the emulator's root through NODE_EXTRA_CA_CERTS and reaches Sigstore's
 * hosts through its proxy) signs a statement with `@actions/attest` and
 * stores it through the GitHub emulator's attestations API. Then the
 * emulator's refusals: foreign hosts, a forged token, a key the requester does
 * not hold, a body that breaks the client's declared schema.
 */
import { execFile } from 'node:child_process';
import { X509Certificate, createHash, generateKeyPairSync, sign as cryptoSign, verify as cryptoVerify } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { request as httpRequest } from 'node:http';
import type { Socket } from 'node:net';
import { request as httpsRequest } from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { connect as tlsConnect } from 'node:tls';
import { pathToFileURL } from 'node:url';
import { readFileSync } from 'node:fs';
import { certificateFacts, checkBundle, parseBundle } from '../../src/adapters/sigstore/bundle.js';
import { parseTrustedRoots, verifyAgainstRoots } from '../../src/adapters/sigstore/trusted-root.js';
import { startGitHubEmulator, type GitHubEmulator } from './github/github-emulator.js';
import { ATTEST_DIR, generateSigstoreSchemas, readCommittedSigstoreSchemas, writeSigstoreSchemas } from './sigstore/schemas.js';
import { FULCIO_HOST, FULCIO_PUBLIC_HOST, OIDC_ISSUER, REKOR_HOST, TSA_HOST, startSigstoreEmulator, type SigstoreEmulator } from './sigstore/sigstore-emulator.js';

const OWNER = 'lab';
const REPO = 'study';
const BOT = 'github-actions[bot]';
const TOKEN = 'ghs_bot';
const STATEMENT = {
  _type: 'https://in-toto.io/Statement/v1',
  subject: [{ name: 'outputs/metrics.json', digest: { sha256: 'a'.repeat(64) } }],
  predicateType: 'urn:epm:provenance:v1',
  predicate: { note: 'a test predicate' },
};

/** A script the child runs: sign STATEMENT with @actions/attest, print the result as JSON. */
const SCRIPT = `
const { attest } = await import(${JSON.stringify(pathToFileURL(join(ATTEST_DIR, 'lib', 'index.js')).href)});
const statement = JSON.parse(process.env.STATEMENT);
try {
  const result = await attest({ subjects: statement.subject, predicateType: statement.predicateType, predicate: statement.predicate, token: process.env.TOKEN });
  process.stdout.write(JSON.stringify(result));
} catch (error) {
  process.stdout.write(JSON.stringify({ error: String(error && error.message || error) }));
}
`;

/** Runs SCRIPT in a child process that signs through the emulators, as a job in a repository of the given visibility. */
async function signInChild(dir: string, sig: SigstoreEmulator, gh: GitHubEmulator, visibility: 'public' | 'private'): Promise<{ bundle?: unknown; attestationID?: number; error?: string }> {
  const event = join(dir, `event-${visibility}.json`);
  await writeFile(event, JSON.stringify({ repository: { full_name: `${OWNER}/${REPO}`, visibility } }));
  const script = join(dir, 'sign.mjs');
  await writeFile(script, SCRIPT);
  const out = await new Promise<string>((resolve, reject) => {
    execFile(process.execPath, [script], {
      env: {
        PATH: process.env['PATH'] ?? '', ...sig.env(), STATEMENT: JSON.stringify(STATEMENT), TOKEN,
        GITHUB_REPOSITORY: `${OWNER}/${REPO}`, GITHUB_EVENT_PATH: event, GITHUB_API_URL: gh.url,
      },
    }, (error, stdout, stderr) => (error ? reject(new Error(`${error.message}\n${stderr}`)) : resolve(stdout)));
  });
  return JSON.parse(out) as { bundle?: unknown; attestationID?: number; error?: string };
}

/** RFC 9162 §2.1.3.2: does `path` prove leaf `index` of a tree of `size` leaves with this root? */
function inclusionHolds(leaf: Buffer, index: number, size: number, path: Buffer[], root: Buffer): boolean {
  const h = (...parts: Buffer[]) => createHash('sha256').update(Buffer.concat(parts)).digest();
  let fn = index;
  let sn = size - 1;
  let r = h(Buffer.from([0]), leaf);
  for (const p of path) {
    if (sn === 0) return false;
    if (fn % 2 === 1 || fn === sn) {
      r = h(Buffer.from([1]), p, r);
      while (fn % 2 === 0 && fn !== 0) {
        fn >>= 1;
        sn >>= 1;
      }
    } else {
      r = h(Buffer.from([1]), r, p);
    }
    fn >>= 1;
    sn >>= 1;
  }
  return sn === 0 && r.equals(root);
}

/** POST through the emulator's proxy to an emulated https host, trusting only the emulator's root. */
async function viaProxy(sig: SigstoreEmulator, host: string, path: string, body: unknown): Promise<{ status: number; text: string }> {
  const proxy = new URL(sig.env()['HTTPS_PROXY']!);
  const socket = await new Promise<Socket>((resolve, reject) => {
    const connect = httpRequest({ host: proxy.hostname, port: proxy.port, method: 'CONNECT', path: `${host}:443` });
    connect.on('connect', (response, s) => (response.statusCode === 200 ? resolve(s) : reject(new Error(`CONNECT ${response.statusCode}`))));
    connect.on('error', reject);
    connect.end();
  });
  const tls = tlsConnect({ socket, servername: host, ca: readFileSync(sig.rootFile, 'utf8') });
  return new Promise((resolve, reject) => {
    const data = Buffer.from(JSON.stringify(body));
    const req = httpsRequest({ host, path, method: 'POST', createConnection: () => tls, headers: { 'content-type': 'application/json', 'content-length': data.length } }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (c: Buffer) => chunks.push(c));
      response.on('end', () => resolve({ status: response.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8') }));
    });
    req.on('error', reject);
    req.end(data);
  });
}

// Rewritten before the emulator starts: it checks traffic against the committed files.
if (process.env['EPM_WRITE_SIGSTORE_SCHEMAS'] === '1') writeSigstoreSchemas(generateSigstoreSchemas());

describe('the Sigstore emulator', () => {
  let dir: string;
  let sig: SigstoreEmulator;
  let gh: GitHubEmulator;
  /** Another Sigstore (other root, other log key): its trust roots must not verify what `sig` signed. */
  let other: SigstoreEmulator;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'epm-sigstore-'));
    sig = await startSigstoreEmulator({ dir: join(dir, 'pki'), repository: `${OWNER}/${REPO}` });
    other = await startSigstoreEmulator({ dir: join(dir, 'other-pki'), repository: `${OWNER}/${REPO}` });
    gh = await startGitHubEmulator({
      owner: OWNER, repo: REPO, tokens: { [TOKEN]: BOT }, users: { [BOT]: { permission: 'write', type: 'Bot' } },
      visibility: 'private', checkAttestation: (bundle) => sig.checkBundle(bundle),
    });
  });
  afterAll(async () => {
    await gh?.close();
    await sig?.close();
    await other?.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('schemas: the committed ones are those generated from @sigstore/sign', () => {
    const generated = generateSigstoreSchemas();
    expect(readCommittedSigstoreSchemas()).toEqual(generated);
    expect(Object.keys(generated)).toEqual(['SigningCertificateRequest', 'SigningCertificateResponse', 'TimestampRequest', 'ProposedDSSEEntry', 'LogEntry']);
  });

  it('signs a statement through @actions/attest (private repository: GitHub\'s instance): a Fulcio certificate for the workflow, a real RFC 3161 timestamp, the attestation stored', async () => {
    const result = await signInChild(dir, sig, gh, 'private');
    expect(result.error).toBeUndefined();
    const bundleText = JSON.stringify(result.bundle);

    // The bundle signs exactly this statement, with the certificate Fulcio issued to the workflow.
    const check = checkBundle(bundleText, `${JSON.stringify(STATEMENT, null, 2)}\n`);
    expect(check).toEqual({ ok: true, facts: expect.objectContaining({ identity: `https://github.com/${OWNER}/${REPO}/.github/workflows/epm-issues.yml@refs/heads/main`, issuer: OIDC_ISSUER }), transparency: '1 signed timestamp(s)', signature: expect.any(Buffer) });
    const parsed = parseBundle(bundleText);
    expect(new X509Certificate(parsed.certificate).verify(new X509Certificate(readFileSync(sig.rootFile)).publicKey)).toBe(true);
    expect(sig.issued).toHaveLength(1);

    // Fully verified offline against the emulator's trust roots (chain, RFC 3161 timestamp, signature) — and not against another's.
    expect(verifyAgainstRoots(bundleText, parseTrustedRoots(sig.trustedRoots()))).toMatchObject({ ok: true, evidence: '1 signed timestamp(s)' });
    expect(verifyAgainstRoots(bundleText, parseTrustedRoots(other.trustedRoots()))).toEqual({ ok: false, reason: expect.stringContaining('no trusted root verifies it') });

    // The timestamp is a real RFC 3161 response over the signature, from the emulator's authority.
    const stamp = (result.bundle as { verificationMaterial: { timestampVerificationData: { rfc3161Timestamps: { signedTimestamp: string }[] } } })
      .verificationMaterial.timestampVerificationData.rfc3161Timestamps[0]!.signedTimestamp;
    expect(await sig.verifyTimestamp(Buffer.from(stamp, 'base64'), parsed.signature)).toBe(true);
    expect(await sig.verifyTimestamp(Buffer.from(stamp, 'base64'), Buffer.from('another signature'))).toBe(false);

    // Stored on GitHub, findable by the subject's digest.
    expect(result.attestationID).toEqual(expect.any(Number));
    const found = await fetch(`${gh.url}/repos/${OWNER}/${REPO}/attestations/sha256:${'a'.repeat(64)}`, { headers: { authorization: `token ${TOKEN}` } });
    expect(found.status).toBe(200);
    expect(((await found.json()) as { attestations: unknown[] }).attestations).toHaveLength(1);

    expect(sig.requests.map((r) => `${r.method} ${r.host}${r.path} ${r.status}`)).toEqual([
      'GET 127.0.0.1/oidc/token 200',
      `POST ${FULCIO_HOST}/api/v2/signingCert 201`,
      `POST ${TSA_HOST}/api/v1/timestamp 201`,
    ]);
    expect(sig.violations).toEqual([]);
    expect(gh.violations).toEqual([]);
  }, 60_000);

  it('signs through the public-good instance for a public repository: a Rekor entry with a valid inclusion proof, checkpoint and signed entry timestamp', async () => {
    const requestsBefore = sig.requests.length;
    const first = await signInChild(dir, sig, gh, 'public');
    const second = await signInChild(dir, sig, gh, 'public');
    expect([first.error, second.error]).toEqual([undefined, undefined]);
    expect(sig.requests.slice(requestsBefore).map((r) => `${r.method} ${r.host}${r.path} ${r.status}`)).toEqual([
      'GET 127.0.0.1/oidc/token 200', `POST ${FULCIO_PUBLIC_HOST}/api/v2/signingCert 201`, `POST ${REKOR_HOST}/api/v1/log/entries 201`,
      'GET 127.0.0.1/oidc/token 200', `POST ${FULCIO_PUBLIC_HOST}/api/v2/signingCert 201`, `POST ${REKOR_HOST}/api/v1/log/entries 201`,
    ]);
    const bundleText = JSON.stringify(second.bundle);
    expect(checkBundle(bundleText, JSON.stringify(STATEMENT))).toMatchObject({ ok: true, transparency: 'transparency log entry 1' });
    expect(sig.checkBundle(second.bundle as Record<string, unknown>)).toBeUndefined(); // GitHub's check: SET signed by the log
    expect(verifyAgainstRoots(bundleText, parseTrustedRoots(sig.trustedRoots()))).toMatchObject({ ok: true, evidence: 'transparency log entry 1' });
    expect(verifyAgainstRoots(bundleText, parseTrustedRoots(other.trustedRoots())).ok).toBe(false);
    const entry = (second.bundle as { verificationMaterial: { tlogEntries: { logIndex: string; canonicalizedBody: string; inclusionProof: { treeSize: string; rootHash: string; hashes: string[]; checkpoint: { envelope: string } } }[] } }).verificationMaterial.tlogEntries[0]!;
    const body = Buffer.from(entry.canonicalizedBody, 'base64');
    expect(JSON.parse(body.toString('utf8'))).toMatchObject({ apiVersion: '0.0.1', kind: 'dsse', spec: { payloadHash: { value: createHash('sha256').update(JSON.stringify(STATEMENT)).digest('hex') } } });
    const proof = entry.inclusionProof;
    expect(proof.treeSize).toBe('2');
    expect(inclusionHolds(body, Number(entry.logIndex), 2, proof.hashes.map((x) => Buffer.from(x, 'base64')), Buffer.from(proof.rootHash, 'base64'))).toBe(true);
    expect(inclusionHolds(Buffer.from('another entry'), Number(entry.logIndex), 2, proof.hashes.map((x) => Buffer.from(x, 'base64')), Buffer.from(proof.rootHash, 'base64'))).toBe(false);
    // The checkpoint names the same root and is signed by the log.
    const [note, signatureLine] = proof.checkpoint.envelope.split('\n\n');
    expect(note!.split('\n')[2]).toBe(proof.rootHash);
    const signature = Buffer.from(signatureLine!.trim().split(' ').pop()!, 'base64').subarray(4);
    expect(cryptoVerify('sha256', Buffer.from(`${note}\n`), sig.log.publicKey, signature)).toBe(true);
    expect(sig.violations).toEqual([]);
    expect(gh.violations).toEqual([]);
  }, 60_000);

  it('GitHub refuses a bundle whose signature does not verify, or that no trusted instance issued', () => {
    const key = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    const payload = Buffer.from(JSON.stringify(STATEMENT)).toString('base64');
    const foreign = {
      mediaType: 'application/vnd.dev.sigstore.bundle.v0.3+json',
      verificationMaterial: { certificate: { rawBytes: new X509Certificate(readFileSync(sig.rootFile)).raw.toString('base64') }, timestampVerificationData: { rfc3161Timestamps: [{ signedTimestamp: 'AA==' }] } },
      dsseEnvelope: { payload, payloadType: 'application/vnd.in-toto+json', signatures: [{ sig: cryptoSign('sha256', Buffer.from('x'), key.privateKey).toString('base64'), keyid: '' }] },
    };
    expect(sig.checkBundle(foreign)).toMatch(/not issued by a trusted Sigstore instance/);
    expect(sig.checkBundle({ mediaType: 'x' })).toMatch(/no signed DSSE envelope/);
  });

  it('refuses to tunnel to any host it does not emulate, and records it', async () => {
    const proxy = new URL(sig.env()['HTTPS_PROXY']!);
    const status = await new Promise<number>((resolve, reject) => {
      const connect = httpRequest({ host: proxy.hostname, port: proxy.port, method: 'CONNECT', path: 'oauth2.sigstore.dev:443' });
      connect.on('connect', (response, socket) => {
        socket.destroy();
        resolve(response.statusCode ?? 0);
      });
      connect.on('error', reject);
      connect.end();
    });
    expect(status).toBe(403);
    expect(sig.violations.pop()).toMatch(/CONNECT to oauth2\.sigstore\.dev:443 refused/);
  });

  it('Fulcio checks the token, the proof of possession and the request schema', async () => {
    const tokenResponse = await fetch(sig.env()['ACTIONS_ID_TOKEN_REQUEST_URL']! + '&audience=sigstore', { headers: { authorization: `Bearer ${sig.env()['ACTIONS_ID_TOKEN_REQUEST_TOKEN']}` } });
    const { value: token } = (await tokenResponse.json()) as { value: string };
    expect((await fetch(sig.env()['ACTIONS_ID_TOKEN_REQUEST_URL']!, { headers: { authorization: 'Bearer wrong' } })).status).toBe(401);
    const sub = (JSON.parse(Buffer.from(token.split('.')[1]!, 'base64url').toString('utf8')) as { sub: string }).sub;
    const key = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    const pem = key.publicKey.export({ format: 'pem', type: 'spki' }).toString();
    const request = (oidcIdentityToken: string, proof: Buffer) => ({
      credentials: { oidcIdentityToken },
      publicKeyRequest: { publicKey: { algorithm: 'ECDSA', content: pem }, proofOfPossession: proof.toString('base64') },
    });
    const good = await viaProxy(sig, FULCIO_HOST, '/api/v2/signingCert', request(token, cryptoSign('sha256', Buffer.from(sub), key.privateKey)));
    expect(good.status).toBe(201);
    const leaf = new X509Certificate((JSON.parse(good.text) as { signedCertificateEmbeddedSct: { chain: { certificates: string[] } } }).signedCertificateEmbeddedSct.chain.certificates[0]!);
    expect(certificateFacts(leaf.raw)).toMatchObject({ identity: expect.stringContaining(`${OWNER}/${REPO}/.github/workflows/`), issuer: OIDC_ISSUER });
    expect(leaf.publicKey.export({ format: 'pem', type: 'spki' }).toString()).toBe(pem);

    const otherKey = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    const stolen = await viaProxy(sig, FULCIO_HOST, '/api/v2/signingCert', request(token, cryptoSign('sha256', Buffer.from(sub), otherKey.privateKey)));
    expect(stolen).toEqual({ status: 400, text: expect.stringContaining('proof of possession') });
    const [h, p] = token.split('.');
    const forged = `${h}.${Buffer.from(JSON.stringify({ ...(JSON.parse(Buffer.from(p!, 'base64url').toString()) as object), sub: 'repo:mallory/x:ref:refs/heads/main' })).toString('base64url')}.${token.split('.')[2]}`;
    expect((await viaProxy(sig, FULCIO_HOST, '/api/v2/signingCert', request(forged, cryptoSign('sha256', Buffer.from('repo:mallory/x:ref:refs/heads/main'), key.privateKey)))).status).toBe(401);

    const before = sig.violations.length;
    expect((await viaProxy(sig, FULCIO_HOST, '/api/v2/signingCert', { credentials: { oidcIdentityToken: token } })).status).toBe(400);
    expect(sig.violations.slice(before).join('\n')).toMatch(/SigningCertificateRequest.*publicKeyRequest/);
    sig.violations.splice(before);
  }, 30_000);
});
