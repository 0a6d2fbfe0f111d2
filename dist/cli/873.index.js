export const id = 873;
export const ids = [873];
export const modules = {

/***/ 5873:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   parseTrustedRoots: () => (/* binding */ parseTrustedRoots),
/* harmony export */   verifyAgainstRoots: () => (/* binding */ verifyAgainstRoots)
/* harmony export */ });
/* harmony import */ var _sigstore_bundle__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(1040);
/* harmony import */ var _sigstore_protobuf_specs__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(9654);
/* harmony import */ var _sigstore_protobuf_specs__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__webpack_require__.n(_sigstore_protobuf_specs__WEBPACK_IMPORTED_MODULE_1__);
/* harmony import */ var _sigstore_verify__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(4187);
/* harmony import */ var _bundle_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(1823);
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




/** Reads a trusted root file: one JSON document, or one per line. */
function parseTrustedRoots(text) {
    const trimmed = text.trim();
    if (!trimmed)
        throw new Error('the trusted root file is empty');
    const docs = [];
    try {
        docs.push(JSON.parse(trimmed));
    }
    catch {
        for (const [i, line] of trimmed.split('\n').entries()) {
            if (!line.trim())
                continue;
            try {
                docs.push(JSON.parse(line));
            }
            catch (error) {
                throw new Error(`line ${i + 1} of the trusted root file is not JSON: ${error.message}`, { cause: error });
            }
        }
    }
    return docs.map((doc, i) => {
        const mediaType = doc.mediaType;
        if (typeof mediaType !== 'string' || !mediaType.startsWith('application/vnd.dev.sigstore.trustedroot')) {
            throw new Error(`document ${i + 1} of the trusted root file is not a Sigstore trusted root (mediaType ${JSON.stringify(mediaType)})`);
        }
        return _sigstore_protobuf_specs__WEBPACK_IMPORTED_MODULE_1__.TrustedRoot.fromJSON(doc);
    });
}
/** Verifies the bundle (already known to sign the statement) against any of the roots. */
function verifyAgainstRoots(bundleText, roots) {
    let parsed;
    try {
        parsed = (0,_bundle_js__WEBPACK_IMPORTED_MODULE_3__/* .parseBundle */ .QN)(bundleText);
    }
    catch (error) {
        return { ok: false, reason: `unreadable bundle: ${error.message}` };
    }
    const tlogs = parsed.tlogEntries.length;
    const stamps = parsed.timestamps;
    if (tlogs === 0 && stamps === 0)
        return { ok: false, reason: 'the bundle carries neither a signed timestamp nor a transparency log entry' };
    let entity;
    try {
        entity = (0,_sigstore_verify__WEBPACK_IMPORTED_MODULE_2__/* .toSignedEntity */ .DC)((0,_sigstore_bundle__WEBPACK_IMPORTED_MODULE_0__/* .bundleFromJSON */ .vw)(JSON.parse(bundleText)));
    }
    catch (error) {
        return { ok: false, reason: `unreadable bundle: ${error.message}` };
    }
    const reasons = [];
    for (const root of roots) {
        try {
            const verifier = new _sigstore_verify__WEBPACK_IMPORTED_MODULE_2__/* .Verifier */ .BL((0,_sigstore_verify__WEBPACK_IMPORTED_MODULE_2__/* .toTrustMaterial */ .jO)(root), {
                tlogThreshold: tlogs > 0 ? 1 : 0,
                tsaThreshold: stamps > 0 ? 1 : 0,
                ctlogThreshold: root.ctlogs.length > 0 ? 1 : 0,
            });
            verifier.verify(entity);
            return { ok: true, evidence: (0,_bundle_js__WEBPACK_IMPORTED_MODULE_3__/* .transparencyOf */ .kM)(parsed) };
        }
        catch (error) {
            const e = error;
            reasons.push(`${e.code ? `${e.code}: ` : ''}${e.message}`);
        }
    }
    return { ok: false, reason: `no trusted root verifies it (${reasons.join('; ')})` };
}


/***/ })

};
