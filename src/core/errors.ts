/**
 * An input problem a person can fix (a missing tab, an unreadable setting). Hosts show its
 * message as one line and change nothing; anything else is a bug and may carry a stack trace.
 */
export class UserError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'UserError';
  }
}

export function isUserError(error: unknown): error is UserError {
  return error instanceof Error && error.name === 'UserError' && typeof (error as UserError).code === 'string';
}
