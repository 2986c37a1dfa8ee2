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
