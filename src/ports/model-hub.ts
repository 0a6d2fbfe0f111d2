/**
 * The ModelHub port: where checkpoints and adapters are published (Hugging
 * Face Hub; a local artifact store in local mode). EPM uploads through it and
 * verifies every declared file at the recorded revision.
 */

/** One file of a repository at a revision. */
export interface HubFile {
  path: string;
  size: number;
  /** sha256 of the content for LFS files (the hub's `lfs.oid`); undefined for small files stored in git. */
  lfsSha256?: string;
  /** The git blob id. */
  gitOid: string;
}

/** A file to upload. */
export interface HubUpload {
  /** Path inside the repository. */
  path: string;
  /** Local file to read. */
  localPath: string;
}

/** Publishes and reads model repositories. */
export interface ModelHub {
  /** The commit a revision (branch, tag or commit) resolves to, or undefined when the repo or revision does not exist. */
  resolveRevision(repo: string, revision: string): Promise<string | undefined>;
  /** Every file of the repo at `revision` (a commit), or undefined when the repo or revision does not exist. */
  listFiles(repo: string, revision: string): Promise<HubFile[] | undefined>;
  /** Creates the repo if needed, uploads the files in one commit, and returns that commit. */
  upload(repo: string, files: readonly HubUpload[], message: string): Promise<{ revision: string }>;
  /** Browser URL of a repo at a revision, for links. */
  urlOf(repo: string, revision: string): string;
  /** Publishes the model card (README.md) carrying the run's provenance, as its own commit; returns that commit. */
  publishCard(repo: string, card: ModelCardFacts): Promise<{ revision: string }>;
}

/** What the model card says about where the uploaded files come from. */
export interface ModelCardFacts {
  title: string;
  /** sha256 of the provenance statement. */
  statementSha256: string;
  issue: number;
  commit: string;
  runTag: string;
  command: string;
  wandbUrl?: string;
}
