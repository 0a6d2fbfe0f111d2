/** EPM's version, recorded in every provenance statement; a test keeps it equal to package.json's. */
export const EPM_VERSION = '0.1.0';
