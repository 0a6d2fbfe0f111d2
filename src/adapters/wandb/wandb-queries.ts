/**
 * The GraphQL documents EPM sends to W&B. Field names follow W&B's public
 * API (see docs/wandb.md for where each comes from); the W&B emulator in
 * tests validates every one of them against the schema subset in
 * tests/emulators/wandb/schema.graphql.
 */

/** Artifact versions asked for per page. A run rarely logs more; more pages are fetched when it does. */
export const ARTIFACTS_PER_PAGE = 50;
/** Files asked for per artifact per page; the server may cap it lower, which `hasNextPage` reveals. */
export const FILES_PER_PAGE = 100;

const FILE_PAGE_FRAGMENT = `fragment EpmFilePage on FileConnection {
  pageInfo {
    hasNextPage
    endCursor
  }
  edges {
    node {
      displayName
      digest
      sizeBytes
    }
  }
}`;

const ARTIFACT_PAGE_FRAGMENT = `fragment EpmArtifactPage on ArtifactConnection {
  pageInfo {
    hasNextPage
    endCursor
  }
  edges {
    node {
      id
      digest
      versionIndex
      artifactSequence {
        name
      }
      artifactType {
        name
      }
      files(first: $filesPerPage) {
        ...EpmFilePage
      }
    }
  }
}`;

/**
 * The run with its first page of output artifacts (and each artifact's first
 * page of files): one request for nearly every run.
 * Variables: entity, project, runId, artifactsPerPage, filesPerPage.
 */
export const RUN_QUERY = `query EpmRun($entity: String!, $project: String!, $runId: String!, $artifactsPerPage: Int!, $filesPerPage: Int!) {
  project(name: $project, entityName: $entity) {
    run(name: $runId) {
      name
      state
      commit
      config
      summaryMetrics
      historyKeys
      outputArtifacts(first: $artifactsPerPage) {
        ...EpmArtifactPage
      }
    }
  }
}

${ARTIFACT_PAGE_FRAGMENT}

${FILE_PAGE_FRAGMENT}
`;

/**
 * A further page of the run's output artifacts, after `cursor`.
 * Variables: entity, project, runId, cursor, artifactsPerPage, filesPerPage.
 */
export const RUN_ARTIFACTS_PAGE_QUERY = `query EpmRunArtifactsPage($entity: String!, $project: String!, $runId: String!, $cursor: String!, $artifactsPerPage: Int!, $filesPerPage: Int!) {
  project(name: $project, entityName: $entity) {
    run(name: $runId) {
      outputArtifacts(after: $cursor, first: $artifactsPerPage) {
        ...EpmArtifactPage
      }
    }
  }
}

${ARTIFACT_PAGE_FRAGMENT}

${FILE_PAGE_FRAGMENT}
`;

/**
 * A further page of one artifact version's files, after `cursor`.
 * Variables: artifactId, cursor, filesPerPage.
 */
export const ARTIFACT_FILES_PAGE_QUERY = `query EpmArtifactFilesPage($artifactId: ID!, $cursor: String!, $filesPerPage: Int!) {
  artifact(id: $artifactId) {
    files(after: $cursor, first: $filesPerPage) {
      ...EpmFilePage
    }
  }
}

${FILE_PAGE_FRAGMENT}
`;
