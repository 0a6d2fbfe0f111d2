/**
 * A local stand-in for what `@actions/attest` talks to when it signs in a
 * GitHub Actions job, on 127.0.0.1:
 *
 * - the job's OIDC token endpoint (`ACTIONS_ID_TOKEN_REQUEST_URL`): a JWT with
 *   GitHub's claims, signed ES256 by the emulator's issuer key;
 * - Fulcio (`POST /api/v2/signingCert`): checks the token's signature, audience
 *   and expiry and the proof of possession (the subject signed by the
 *   requested key), then issues a real X.509 code-signing certificate for that
 *   key with the workflow's identity as its URI SAN and Fulcio's issuer
 *   extension (1.3.6.1.4.1.57264.1.8), signed by the emulator's root;
 * - the timestamp authority (`POST /api/v1/timestamp`): a real RFC 3161
 *   response over the given hash, made by `openssl ts -reply` with a
 *   timeStamping certificate under the same root.
 *
 * - Rekor (`POST /api/v1/log/entries`, `GET /api/v1/log/entries/{uuid}`): checks
 *   the proposed DSSE entry's signature with its verifier certificate, appends
 *   the canonical entry to an RFC 6962 Merkle log and answers with the entry,
 *   its inclusion proof, a signed checkpoint and a signed entry timestamp
 *   (all signed by the emulator's log key).
 *
 * `@actions/attest` reaches Sigstore at fixed https hosts: GitHub's instance
 * (fulcio.githubapp.com + timestamp.githubapp.com) for private repositories,
 * the public-good one (fulcio.sigstore.dev + rekor.sigstore.dev) for public
 * ones. A child process is pointed here with `HTTPS_PROXY` (make-fetch-happen
 * honours it): the proxy accepts CONNECT only to those four hosts and
 * terminates TLS itself, with a server certificate under the emulator's root,
 * which the child trusts through `NODE_EXTRA_CA_CERTS`. Any other host is
 * refused and recorded as a violation, so nothing reaches the network.
 *
 * Every request body is checked against JSON Schemas generated from
 * `@sigstore/sign`'s declarations (`schemas.ts`), and Fulcio's answers too.
 * Certificates and timestamps are made with the `openssl` command line.
 */

import { X509Certificate, createHash, createPublicKey, generateKeyPairSync, randomBytes, sign as cryptoSign, verify as cryptoVerify, type KeyObject } from 'node:crypto';
import { execFile } from 'node:child_process';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createServer as createTlsHttpServer, type Server as HttpsServer } from 'node:https';
import type { Duplex } from 'node:stream';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { createSigstoreSchemaChecker, type SigstoreSchemaName } from './schemas.js';

const run = promisify(execFile);

/** The hosts `@actions/attest` uses for GitHub's Sigstore instance. */
export const FULCIO_HOST = 'fulcio.githubapp.com';
export const TSA_HOST = 'timestamp.githubapp.com';
export const FULCIO_PUBLIC_HOST = 'fulcio.sigstore.dev';
export const REKOR_HOST = 'rekor.sigstore.dev';
export const OIDC_ISSUER = 'https://token.actions.githubusercontent.com';
const EMULATED_HOSTS = [FULCIO_HOST, TSA_HOST, FULCIO_PUBLIC_HOST, REKOR_HOST];

export interface SigstoreEmulatorOptions {
  /** A folder for the emulator's keys and certificates. */
  dir: string;
  /** `owner/repo` the job runs in (the token's claims, the certificate's identity). */
  repository: string;
  /** Workflow file of the job; default `.github/workflows/epm-issues.yml`. */
  workflow?: string;
  /** Ref the workflow runs at; default `refs/heads/main`. */
  ref?: string;
}

/** A certificate Fulcio issued. */
export interface IssuedCertificate {
  pem: string;
  identity: string;
  publicKey: string;
}

/** A request as the emulator saw it. */
export interface SigstoreRequest {
  host: string;
  method: string;
  path: string;
  status: number;
}

export interface SigstoreEmulator {
  /** Environment a child process needs to sign through the emulator. */
  env(): Record<string, string>;
  /** PEM file of the emulator's root (TLS, Fulcio and TSA certificates chain to it). */
  readonly rootFile: string;
  readonly issued: IssuedCertificate[];
  readonly requests: SigstoreRequest[];
  /** Requests that broke the schemas or went to hosts that are not emulated. */
  readonly violations: string[];
  /** Rekor's log: the canonical entries in order, and the log's public key. */
  readonly log: { entries: Buffer[]; publicKey: KeyObject; logId: string };
  /**
   * The emulator's trust roots as `gh attestation trusted-root` writes the real
   * ones: one Sigstore TrustedRoot JSON per line, GitHub's instance (Fulcio CA +
   * timestamp authority) and the public-good one (Fulcio CA + Rekor log key).
   */
  trustedRoots(): string;
  /** Makes the next `times` Fulcio requests answer 503. */
  failFulcio(times: number): void;
  /** Why GitHub would refuse this bundle (not signed under this emulator's root, bad signature, no timestamp), or undefined. */
  checkBundle(bundle: Record<string, unknown>): string | undefined;
  /** Verifies an RFC 3161 response with openssl against the root; true when it covers sha256(`signature`). */
  verifyTimestamp(response: Buffer, signature: Buffer): Promise<boolean>;
  close(): Promise<void>;
}

const b64url = (data: Buffer | string) => Buffer.from(data).toString('base64url');

/** Reads a whole request body. */
async function bodyOf(request: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

const json = (response: ServerResponse, status: number, body: unknown) => {
  response.writeHead(status, { 'content-type': 'application/json' });
  response.end(JSON.stringify(body));
};

async function openssl(args: string[], cwd: string): Promise<void> {
  await run('openssl', args, { cwd });
}

/** Root, TLS and TSA keys and certificates, made once per emulator. */
async function makePki(dir: string): Promise<void> {
  await mkdir(dir, { recursive: true });
  const ec = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes'];
  await openssl(['req', '-x509', ...ec, '-keyout', 'root.key', '-out', 'root.pem', '-days', '2', '-subj', '/O=EPM test/CN=EPM test Sigstore root',
    '-addext', 'basicConstraints=critical,CA:TRUE', '-addext', 'keyUsage=critical,keyCertSign,cRLSign'], dir);
  await writeFile(join(dir, 'tls.ext'), `subjectAltName=${EMULATED_HOSTS.map((h) => `DNS:${h}`).join(',')}\nextendedKeyUsage=serverAuth\nbasicConstraints=CA:FALSE\n`);
  await openssl(['req', '-new', ...ec, '-keyout', 'tls.key', '-out', 'tls.csr', '-subj', `/CN=${FULCIO_HOST}`], dir);
  await openssl(['x509', '-req', '-in', 'tls.csr', '-CA', 'root.pem', '-CAkey', 'root.key', '-set_serial', '2', '-days', '2', '-extfile', 'tls.ext', '-out', 'tls.pem'], dir);
  await writeFile(join(dir, 'tsa.ext'), 'extendedKeyUsage=critical,timeStamping\nkeyUsage=critical,digitalSignature\nbasicConstraints=CA:FALSE\n');
  await openssl(['req', '-new', ...ec, '-keyout', 'tsa.key', '-out', 'tsa.csr', '-subj', '/O=EPM test/CN=EPM test timestamp authority'], dir);
  await openssl(['x509', '-req', '-in', 'tsa.csr', '-CA', 'root.pem', '-CAkey', 'root.key', '-set_serial', '3', '-days', '2', '-extfile', 'tsa.ext', '-out', 'tsa.pem'], dir);
  // Fulcio's certificates take the requester's key (-force_pubkey); the request itself only carries the (empty) subject.
  await openssl(['req', '-new', ...ec, '-keyout', 'leaf-template.key', '-out', 'leaf-template.csr', '-subj', '/O=sigstore.dev'], dir);
  await writeFile(join(dir, 'tsaserial'), '01\n');
  await writeFile(join(dir, 'tsa.cnf'), [
    '[ tsa ]', 'default_tsa = tsa_config', '[ tsa_config ]',
    `serial = ${join(dir, 'tsaserial')}`, 'crypto_device = builtin', 'signer_digest = sha256', 'default_policy = 1.3.6.1.4.1.57264.2',
    'digests = sha256, sha384, sha512', 'accuracy = secs:1', 'ordering = yes', 'tsa_name = yes', 'ess_cert_id_chain = no', 'ess_cert_id_alg = sha256', '',
  ].join('\n'));
}

export async function startSigstoreEmulator(options: SigstoreEmulatorOptions): Promise<SigstoreEmulator> {
  const dir = options.dir;
  await makePki(dir);
  const [rootPem, tlsKey, tlsCert, tsaPem] = await Promise.all(['root.pem', 'tls.key', 'tls.pem', 'tsa.pem'].map((f) => readFile(join(dir, f), 'utf8')));
  const root = new X509Certificate(rootPem!);
  const workflow = options.workflow ?? '.github/workflows/epm-issues.yml';
  const ref = options.ref ?? 'refs/heads/main';
  const issuer = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const requestToken = randomBytes(16).toString('hex');
  const check = createSigstoreSchemaChecker();
  const issued: IssuedCertificate[] = [];
  const requests: SigstoreRequest[] = [];
  const violations: string[] = [];
  let fulcioFaults = 0;
  let serial = 100;

  /** A request's JSON body when it parses and matches the client's declared schema; else the problem, recorded as a violation. */
  const readChecked = async (request: IncomingMessage, schema: SigstoreSchemaName, service: string): Promise<{ value: unknown } | { problem: string }> => {
    let value: unknown;
    try {
      value = JSON.parse((await bodyOf(request)).toString('utf8'));
    } catch {
      violations.push(`${service}: request body is not JSON`);
      return { problem: 'invalid JSON' };
    }
    const problems = check(schema, value);
    violations.push(...problems.map((p) => `${service} request: ${p}`));
    return problems.length ? { problem: problems.join('; ') } : { value };
  };

  const mintToken = (audience: string): string => {
    const now = Math.floor(Date.now() / 1000);
    const claims = {
      iss: OIDC_ISSUER, aud: audience, sub: `repo:${options.repository}:ref:${ref}`, iat: now, nbf: now, exp: now + 300,
      repository: options.repository, repository_owner: options.repository.split('/')[0], ref, sha: '0'.repeat(40),
      workflow_ref: `${options.repository}/${workflow}@${ref}`, job_workflow_ref: `${options.repository}/${workflow}@${ref}`,
      event_name: 'issue_comment', run_id: '1', run_attempt: '1', runner_environment: 'github-hosted',
    };
    const signingInput = `${b64url(JSON.stringify({ alg: 'ES256', typ: 'JWT', kid: 'epm-test' }))}.${b64url(JSON.stringify(claims))}`;
    const signature = cryptoSign('sha256', Buffer.from(signingInput), { key: issuer.privateKey, dsaEncoding: 'ieee-p1363' });
    return `${signingInput}.${b64url(signature)}`;
  };

  /** The token's claims when its signature, audience and expiry hold; else why not. */
  const readToken = (token: string, key: KeyObject): { claims: Record<string, unknown> } | { problem: string } => {
    const [header, payload, signature] = token.split('.');
    if (!header || !payload || !signature) return { problem: 'the identity token is not a JWT' };
    if (!cryptoVerify('sha256', Buffer.from(`${header}.${payload}`), { key, dsaEncoding: 'ieee-p1363' }, Buffer.from(signature, 'base64url'))) return { problem: 'the identity token\'s signature does not verify' };
    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as Record<string, unknown>;
    if (claims['aud'] !== 'sigstore') return { problem: `the identity token's audience is ${String(claims['aud'])}, not sigstore` };
    if (typeof claims['exp'] !== 'number' || claims['exp'] * 1000 < Date.now()) return { problem: 'the identity token has expired' };
    return { claims };
  };

  const issue = async (publicKeyPem: string, claims: Record<string, unknown>): Promise<string> => {
    const n = (serial += 1);
    const san = `https://github.com/${String(claims['job_workflow_ref'])}`;
    await writeFile(join(dir, `leaf-${n}.pub`), publicKeyPem);
    await writeFile(join(dir, `leaf-${n}.ext`), [
      'basicConstraints=critical,CA:FALSE', 'keyUsage=critical,digitalSignature', 'extendedKeyUsage=codeSigning',
      `subjectAltName=critical,URI:${san}`,
      // Fulcio's two issuer extensions: .1.1 holds the raw string (deprecated), .1.8 a DER UTF8String.
      `1.3.6.1.4.1.57264.1.1=DER:${Buffer.from(OIDC_ISSUER).toString('hex').replace(/(..)(?!$)/g, '$1:')}`,
      `1.3.6.1.4.1.57264.1.8=ASN1:UTF8String:${OIDC_ISSUER}`, '',
    ].join('\n'));
    await openssl(['x509', '-req', '-in', 'leaf-template.csr', '-force_pubkey', `leaf-${n}.pub`, '-CA', 'root.pem', '-CAkey', 'root.key',
      '-set_serial', String(n), '-days', '1', '-extfile', `leaf-${n}.ext`, '-out', `leaf-${n}.pem`], dir);
    const pem = await readFile(join(dir, `leaf-${n}.pem`), 'utf8');
    issued.push({ pem, identity: san, publicKey: publicKeyPem });
    return pem;
  };

  const fulcio = async (request: IncomingMessage, response: ServerResponse): Promise<number> => {
    if (request.method !== 'POST' || request.url !== '/api/v2/signingCert') return (json(response, 404, { code: 5, message: 'Not Found' }), 404);
    if (fulcioFaults > 0) {
      fulcioFaults -= 1;
      return (json(response, 503, { code: 14, message: 'unavailable' }), 503);
    }
    const body = await readChecked(request, 'SigningCertificateRequest', 'fulcio');
    if ('problem' in body) return (json(response, 400, { code: 3, message: body.problem }), 400);
    const req = body.value as { credentials: { oidcIdentityToken: string }; publicKeyRequest: { publicKey: { algorithm: string; content: string }; proofOfPossession: string } };
    const token = readToken(req.credentials.oidcIdentityToken, issuer.publicKey);
    if ('problem' in token) return (json(response, 401, { code: 16, message: token.problem }), 401);
    if (req.publicKeyRequest.publicKey.algorithm !== 'ECDSA') return (json(response, 400, { code: 3, message: 'unsupported key algorithm' }), 400);
    let key: KeyObject;
    try {
      key = createPublicKey(req.publicKeyRequest.publicKey.content);
    } catch {
      return (json(response, 400, { code: 3, message: 'the public key is not PEM' }), 400);
    }
    const proof = Buffer.from(req.publicKeyRequest.proofOfPossession, 'base64');
    if (!cryptoVerify('sha256', Buffer.from(String(token.claims['sub'])), key, proof)) {
      return (json(response, 400, { code: 3, message: 'the proof of possession does not verify with the public key' }), 400);
    }
    const pem = await issue(req.publicKeyRequest.publicKey.content, token.claims);
    const answer = { signedCertificateEmbeddedSct: { chain: { certificates: [pem, rootPem] } } };
    const answerProblems = check('SigningCertificateResponse', answer);
    if (answerProblems.length) violations.push(...answerProblems.map((p) => `fulcio answer: ${p}`));
    json(response, 201, answer);
    return 201;
  };

  const timestamp = async (request: IncomingMessage, response: ServerResponse): Promise<number> => {
    if (request.method !== 'POST' || request.url !== '/api/v1/timestamp') return (json(response, 404, { code: 404, message: 'Not Found' }), 404);
    const body = await readChecked(request, 'TimestampRequest', 'tsa');
    if ('problem' in body) return (json(response, 400, { message: body.problem }), 400);
    const req = body.value as { artifactHash: string; hashAlgorithm: string };
    if (req.hashAlgorithm !== 'sha256') return (json(response, 400, { message: `unsupported hash algorithm ${req.hashAlgorithm}` }), 400);
    const digest = Buffer.from(req.artifactHash, 'base64');
    if (digest.length !== 32) return (json(response, 400, { message: 'artifactHash is not a sha256 digest' }), 400);
    const n = (serial += 1);
    await openssl(['ts', '-query', '-digest', digest.toString('hex'), '-sha256', '-cert', '-no_nonce', '-out', `ts-${n}.tsq`], dir);
    await openssl(['ts', '-reply', '-config', 'tsa.cnf', '-queryfile', `ts-${n}.tsq`, '-signer', 'tsa.pem', '-inkey', 'tsa.key', '-chain', 'root.pem', '-out', `ts-${n}.tsr`], dir);
    response.writeHead(201, { 'content-type': 'application/timestamp-reply' });
    response.end(await readFile(join(dir, `ts-${n}.tsr`)));
    return 201;
  };

  // Rekor: an append-only RFC 6962 log of canonical entries.
  const logKey = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const logSpki = logKey.publicKey.export({ format: 'der', type: 'spki' });
  const log = { entries: [] as Buffer[], publicKey: logKey.publicKey, logId: createHash('sha256').update(logSpki).digest('hex') };
  const integrated = new Map<string, { index: number; time: number }>();
  const treeId = '1193050959916656506';

  const logEntry = (uuid: string) => {
    const at = integrated.get(uuid)!;
    const body = log.entries[at.index]!;
    const size = log.entries.length;
    const root = merkleRoot(log.entries);
    const note = `${REKOR_HOST} - ${treeId}\n${size}\n${root.toString('base64')}\n`;
    const noteSignature = cryptoSign('sha256', Buffer.from(note), logKey.privateKey);
    const checkpoint = `${note}\n\u2014 ${REKOR_HOST} ${Buffer.concat([Buffer.from(log.logId, 'hex').subarray(0, 4), noteSignature]).toString('base64')}\n`;
    const set = cryptoSign('sha256', Buffer.from(canonicalJson({ body: body.toString('base64'), integratedTime: at.time, logID: log.logId, logIndex: at.index })), logKey.privateKey);
    return {
      [uuid]: {
        body: body.toString('base64'), integratedTime: at.time, logID: log.logId, logIndex: at.index,
        verification: {
          inclusionProof: { logIndex: at.index, treeSize: size, rootHash: root.toString('hex'), hashes: auditPath(at.index, log.entries).map((h) => h.toString('hex')), checkpoint },
          signedEntryTimestamp: set.toString('base64'),
        },
      },
    };
  };

  const rekor = async (request: IncomingMessage, response: ServerResponse): Promise<number> => {
    const got = /^\/api\/v1\/log\/entries\/([0-9a-f]{64})$/.exec(request.url ?? '');
    if (request.method === 'GET' && got) {
      if (!integrated.has(got[1]!)) return (json(response, 404, { code: 404, message: 'entry not found' }), 404);
      json(response, 200, logEntry(got[1]!));
      return 200;
    }
    if (request.method !== 'POST' || request.url !== '/api/v1/log/entries') return (json(response, 404, { code: 404, message: 'Not Found' }), 404);
    const body = await readChecked(request, 'ProposedDSSEEntry', 'rekor');
    if ('problem' in body) return (json(response, 400, { code: 400, message: body.problem }), 400);
    const proposed = (body.value as { spec: { proposedContent?: { envelope: string; verifiers: string[] } } }).spec.proposedContent;
    if (!proposed) return (json(response, 400, { code: 400, message: 'a dsse entry needs proposedContent' }), 400);
    const envelope = JSON.parse(proposed.envelope) as { payload: string; payloadType: string; signatures: { sig: string }[] };
    const verifier = Buffer.from(proposed.verifiers[0]!, 'base64').toString('utf8');
    const payload = Buffer.from(envelope.payload, 'base64');
    const signature = envelope.signatures[0]?.sig ?? '';
    let key: KeyObject;
    try {
      key = new X509Certificate(verifier).publicKey;
    } catch {
      return (json(response, 400, { code: 400, message: 'the verifier is not a PEM certificate' }), 400);
    }
    if (!cryptoVerify('sha256', preAuth(envelope.payloadType, payload), key, Buffer.from(signature, 'base64'))) {
      return (json(response, 400, { code: 400, message: 'the envelope signature does not verify with its verifier' }), 400);
    }
    const entry = Buffer.from(canonicalJson({
      apiVersion: '0.0.1', kind: 'dsse',
      spec: {
        envelopeHash: { algorithm: 'sha256', value: createHash('sha256').update(canonicalJson(JSON.parse(proposed.envelope))).digest('hex') },
        payloadHash: { algorithm: 'sha256', value: createHash('sha256').update(payload).digest('hex') },
        signatures: [{ signature, verifier: proposed.verifiers[0]! }],
      },
    }));
    const uuid = leafHash(entry).toString('hex');
    if (integrated.has(uuid)) {
      response.writeHead(409, { 'content-type': 'application/json', location: `/api/v1/log/entries/${uuid}` });
      response.end(JSON.stringify({ code: 409, message: 'an equivalent entry already exists in the transparency log' }));
      return 409;
    }
    integrated.set(uuid, { index: log.entries.length, time: Math.floor(Date.now() / 1000) });
    log.entries.push(entry);
    const answer = logEntry(uuid);
    const answerProblems = check('LogEntry', answer);
    if (answerProblems.length) violations.push(...answerProblems.map((p) => `rekor answer: ${p}`));
    json(response, 201, answer);
    return 201;
  };

  // TLS side: requests arriving through CONNECT tunnels, routed by Host.
  const tls: HttpsServer = createTlsHttpServer({ key: tlsKey!, cert: tlsCert! }, (request, response) => {
    const host = (request.headers.host ?? '').replace(/:\d+$/, '');
    const handle = host === FULCIO_HOST || host === FULCIO_PUBLIC_HOST ? fulcio : host === TSA_HOST ? timestamp : host === REKOR_HOST ? rekor : undefined;
    const record = (status: number) => requests.push({ host, method: request.method ?? '', path: request.url ?? '', status });
    if (!handle) {
      violations.push(`request to ${host}, which is not emulated`);
      record(502);
      json(response, 502, { message: `${host} is not emulated` });
      return;
    }
    handle(request, response).then(record, (error: Error) => {
      violations.push(`${host}: ${error.message}`);
      record(500);
      if (!response.headersSent) json(response, 500, { message: error.message });
    });
  });

  // Plain side: the OIDC token endpoint and the proxy's CONNECT.
  const plain: Server = createServer((request, response) => {
    const url = new URL(request.url ?? '/', 'http://127.0.0.1');
    if (request.method === 'GET' && url.pathname === '/oidc/token') {
      const status = request.headers.authorization === `Bearer ${requestToken}` ? 200 : 401;
      requests.push({ host: '127.0.0.1', method: 'GET', path: url.pathname, status });
      if (status !== 200) return json(response, 401, { message: 'Bad credentials' });
      return json(response, 200, { value: mintToken(url.searchParams.get('audience') ?? '') });
    }
    requests.push({ host: '127.0.0.1', method: request.method ?? '', path: url.pathname, status: 404 });
    json(response, 404, { message: 'Not Found' });
  });
  plain.on('connect', (request: IncomingMessage, socket: Duplex, head: Buffer) => {
    const [host = '', port = ''] = (request.url ?? '').split(':');
    if (!EMULATED_HOSTS.includes(host) || port !== '443') {
      violations.push(`CONNECT to ${request.url ?? ''} refused: not an emulated host (no request may leave this machine)`);
      requests.push({ host, method: 'CONNECT', path: request.url ?? '', status: 403 });
      socket.end('HTTP/1.1 403 Forbidden\r\n\r\n');
      return;
    }
    socket.write('HTTP/1.1 200 Connection Established\r\n\r\n');
    if (head.length) socket.unshift(head);
    tls.emit('connection', socket);
  });
  await new Promise<void>((resolve) => plain.listen(0, '127.0.0.1', resolve));
  const port = (plain.address() as { port: number }).port;
  const rootFile = join(dir, 'root.pem');

  const issuedByUs = (der: Buffer): X509Certificate | undefined => {
    const cert = new X509Certificate(der);
    return cert.verify(root.publicKey) && issued.some((i) => new X509Certificate(i.pem).fingerprint256 === cert.fingerprint256) ? cert : undefined;
  };

  return {
    rootFile,
    log,
    issued,
    requests,
    violations,
    env: () => ({
      HTTPS_PROXY: `http://127.0.0.1:${port}`,
      NO_PROXY: '127.0.0.1,localhost',
      NODE_EXTRA_CA_CERTS: rootFile,
      ACTIONS_ID_TOKEN_REQUEST_URL: `http://127.0.0.1:${port}/oidc/token?api-version=2.0`,
      ACTIONS_ID_TOKEN_REQUEST_TOKEN: requestToken,
      GITHUB_SERVER_URL: 'https://github.com',
    }),
    trustedRoots: () => {
      const der = (pem: string) => new X509Certificate(pem).raw.toString('base64');
      const start = new Date(Date.now() - 3_600_000).toISOString();
      const ca = (uri: string) => ({ subject: { organization: 'EPM test', commonName: 'EPM test Sigstore root' }, uri, certChain: { certificates: [{ rawBytes: der(rootPem!) }] }, validFor: { start } });
      const github = {
        mediaType: 'application/vnd.dev.sigstore.trustedroot+json;version=0.1',
        tlogs: [], ctlogs: [],
        certificateAuthorities: [ca(`https://${FULCIO_HOST}`)],
        timestampAuthorities: [{ subject: { organization: 'EPM test', commonName: 'EPM test timestamp authority' }, uri: `https://${TSA_HOST}`, certChain: { certificates: [{ rawBytes: der(tsaPem!) }, { rawBytes: der(rootPem!) }] }, validFor: { start } }],
      };
      const publicGood = {
        mediaType: 'application/vnd.dev.sigstore.trustedroot+json;version=0.1',
        tlogs: [{ baseUrl: `https://${REKOR_HOST}`, hashAlgorithm: 'SHA2_256', publicKey: { rawBytes: logSpki.toString('base64'), keyDetails: 'PKIX_ECDSA_P256_SHA_256', validFor: { start } }, logId: { keyId: Buffer.from(log.logId, 'hex').toString('base64') } }],
        ctlogs: [],
        certificateAuthorities: [ca(`https://${FULCIO_PUBLIC_HOST}`)],
        timestampAuthorities: [],
      };
      return `${JSON.stringify(github)}\n${JSON.stringify(publicGood)}\n`;
    },
    failFulcio: (times) => {
      fulcioFaults = times;
    },
    checkBundle: (bundle) => {
      const envelope = bundle['dsseEnvelope'] as { payload?: string; payloadType?: string; signatures?: { sig?: string }[] } | undefined;
      const material = bundle['verificationMaterial'] as {
        certificate?: { rawBytes?: string };
        timestampVerificationData?: { rfc3161Timestamps?: unknown[] };
        tlogEntries?: { logIndex?: string; logId?: { keyId?: string }; integratedTime?: string; canonicalizedBody?: string; inclusionPromise?: { signedEntryTimestamp?: string } }[];
      } | undefined;
      if (!envelope?.payload || !envelope.payloadType || !envelope.signatures?.[0]?.sig) return 'the bundle holds no signed DSSE envelope';
      if (!material?.certificate?.rawBytes) return 'the bundle holds no signing certificate';
      const cert = issuedByUs(Buffer.from(material.certificate.rawBytes, 'base64'));
      if (!cert) return 'the signing certificate was not issued by a trusted Sigstore instance';
      const payload = Buffer.from(envelope.payload, 'base64');
        if (!cryptoVerify('sha256', preAuth(envelope.payloadType, payload), cert.publicKey, Buffer.from(envelope.signatures[0].sig, 'base64'))) return 'the signature does not verify';
      const stamps = (material.timestampVerificationData?.rfc3161Timestamps ?? []).length;
      const entries = material.tlogEntries ?? [];
      for (const e of entries) {
        const promise = Buffer.from(e.inclusionPromise?.signedEntryTimestamp ?? '', 'base64');
        // Protobuf's JSON form leaves out zero values: a missing logIndex is entry 0.
        const signed = canonicalJson({ body: e.canonicalizedBody ?? '', integratedTime: Number(e.integratedTime ?? 0), logID: Buffer.from(e.logId?.keyId ?? '', 'base64').toString('hex'), logIndex: Number(e.logIndex ?? 0) });
        if (!cryptoVerify('sha256', Buffer.from(signed), logKey.publicKey, promise)) return `the transparency log entry ${e.logIndex ?? '0'} carries no valid signed entry timestamp from the log`;
      }
      if (stamps === 0 && entries.length === 0) return 'the bundle carries neither a signed timestamp nor a transparency log entry';
      return undefined;
    },
    verifyTimestamp: async (response, signature) => {
      const n = (serial += 1);
      await writeFile(join(dir, `check-${n}.tsr`), response);
      const digest = createHash('sha256').update(signature).digest('hex');
      try {
        await openssl(['ts', '-verify', '-digest', digest, '-in', `check-${n}.tsr`, '-CAfile', 'root.pem', '-untrusted', 'tsa.pem'], dir);
        return true;
      } catch {
        return false;
      }
    },
    close: async () => {
      tls.close();
      plain.closeAllConnections();
      await new Promise<void>((resolve) => plain.close(() => resolve()));
    },
  };
}

/** DSSE pre-authentication encoding. */
function preAuth(payloadType: string, payload: Buffer): Buffer {
  const type = Buffer.from(payloadType);
  return Buffer.concat([Buffer.from(`DSSEv1 ${type.length} `), type, Buffer.from(` ${payload.length} `), payload]);
}

/** JSON with object keys sorted at every level (Rekor's canonical form, RFC 8785 for these values). */
function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value && typeof value === 'object') {
    return `{${Object.keys(value).sort().map((k) => `${JSON.stringify(k)}:${canonicalJson((value as Record<string, unknown>)[k])}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

const sha = (...parts: Buffer[]) => createHash('sha256').update(Buffer.concat(parts)).digest();
/** RFC 6962 leaf hash. */
export const leafHash = (data: Buffer): Buffer => sha(Buffer.from([0]), data);
const nodeHash = (left: Buffer, right: Buffer): Buffer => sha(Buffer.from([1]), left, right);
/** Largest power of two below n (n > 1). */
const split = (n: number): number => {
  let k = 1;
  while (k * 2 < n) k *= 2;
  return k;
};
/** RFC 6962 Merkle tree hash of the leaves. */
export function merkleRoot(leaves: readonly Buffer[]): Buffer {
  if (leaves.length === 0) return sha();
  if (leaves.length === 1) return leafHash(leaves[0]!);
  const k = split(leaves.length);
  return nodeHash(merkleRoot(leaves.slice(0, k)), merkleRoot(leaves.slice(k)));
}
/** RFC 6962 audit path of leaf `m`, bottom up. */
export function auditPath(m: number, leaves: readonly Buffer[]): Buffer[] {
  if (leaves.length <= 1) return [];
  const k = split(leaves.length);
  return m < k ? [...auditPath(m, leaves.slice(0, k)), merkleRoot(leaves.slice(k))] : [...auditPath(m - k, leaves.slice(k)), merkleRoot(leaves.slice(0, k))];
}
