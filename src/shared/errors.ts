/** Expected failures. The GraphQL layer turns each into a typed result; anything else is masked. */
export abstract class DomainError extends Error {}

export class NotFoundError extends DomainError {
  constructor(
    readonly typename: string,
    readonly id: string,
  ) {
    super(`No ${typename} with id ${JSON.stringify(id)} exists.`);
    this.name = 'NotFoundError';
  }
}

export type FieldIssue = { field: string; message: string };

export class ValidationError extends DomainError {
  readonly issues: FieldIssue[];
  constructor(issues: FieldIssue[] | FieldIssue) {
    const list = Array.isArray(issues) ? issues : [issues];
    super(list.map((issue) => `${issue.field}: ${issue.message}`).join('; '));
    this.name = 'ValidationError';
    this.issues = list;
  }

  /** The first field named, for clients that show one message next to one input. */
  get field(): string {
    return this.issues[0]?.field ?? '';
  }
}

export class StaleVersionError extends DomainError {
  constructor(
    readonly typename: string,
    readonly expectedVersion: number,
    readonly currentVersion: number,
    /** The row as it is now, so the client can merge and retry. */
    readonly current: { id: string },
  ) {
    super(
      `${typename} was changed by someone else: you edited version ${expectedVersion}, the current version is ${currentVersion}. Reload it and apply your change again.`,
    );
    this.name = 'StaleVersionError';
  }
}

export class ForbiddenError extends DomainError {
  constructor(message: string) {
    super(message);
    this.name = 'ForbiddenError';
  }
}
