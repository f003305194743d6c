/**
 * Broken invariants and refusals, thrown by the domain. Routes map them to HTTP statuses; workers to
 * retry (transient) or UnrecoverableError. `code` is a stable key whose message is translated.
 */
export class DomainError extends Error {
  constructor(
    readonly code: string,
    readonly status: 400 | 401 | 403 | 404 | 409 | 422 | 429,
    message?: string,
  ) {
    super(message ?? code);
    this.name = 'DomainError';
  }
}

export class NotFoundError extends DomainError {
  constructor(what: string) {
    super(`${what}.not-found`, 404);
    this.name = 'NotFoundError';
  }
}

export class ForbiddenError extends DomainError {
  constructor(code = 'forbidden') {
    super(code, 403);
    this.name = 'ForbiddenError';
  }
}

export class ValidationError extends DomainError {
  constructor(
    code: string,
    readonly fields: Record<string, string> = {},
  ) {
    super(code, 422);
    this.name = 'ValidationError';
  }
}
