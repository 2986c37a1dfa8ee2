// Errors the knowledge layer reports to its callers; each carries a message fit to show a user.

/** Input broke the claim schema; `issues` has one line per problem, naming the field. Nothing was written. */
export class ValidationError extends Error {
  constructor(readonly issues: string[]) {
    super(issues.join('\n'));
    this.name = 'ValidationError';
  }
}

/** No claim with that id is visible from where the request came. */
export class ClaimNotFoundError extends Error {
  constructor(readonly claimId: string) {
    super(`No claim "${claimId}" in this server.`);
    this.name = 'ClaimNotFoundError';
  }
}

/** The claim exists but this caller may not change it (a curated claim, from Discord). */
export class ReadOnlyClaimError extends Error {
  constructor(readonly claimId: string) {
    super(`Claim "${claimId}" is part of the curated base and is read-only here.`);
    this.name = 'ReadOnlyClaimError';
  }
}

/**
 * Nothing could be written: another program held the database's write lock for longer than a write waits
 * (`busy`: an import, most likely; try again), or the database file was deleted or replaced while this process had
 * it open (`replaced`: whatever it wrote now would be lost, so it writes nothing until it is restarted).
 */
export class CannotWriteError extends Error {
  constructor(
    readonly reason: 'busy' | 'replaced',
    readonly databasePath: string,
  ) {
    super(
      reason === 'busy'
        ? `the database ${databasePath} was locked by another program for too long; nothing was written`
        : `the database file ${databasePath} was deleted or replaced while it was open; nothing is written until restart`,
    );
    this.name = 'CannotWriteError';
  }
}
