/**
 * Transport-neutral errors. The HTTP layer maps them once to application/problem+json.
 * Never put personal data in a message: messages reach clients and logs.
 */
export interface FieldError {
  /** Field path, e.g. `variables.description`. */
  field: string;
  message: string;
}

/** Base class: every error we raise on purpose. */
export abstract class AppError extends Error {
  abstract readonly status: number;
  abstract readonly type: string;
  constructor(
    message: string,
    readonly errors: FieldError[] = [],
  ) {
    super(message);
    this.name = new.target.name;
  }
}

/** Bad input: nothing was changed. */
export class InputError extends AppError {
  readonly status = 400;
  readonly type = 'input-invalid';
}
/** No valid session. */
export class UnauthenticatedError extends AppError {
  readonly status = 401;
  readonly type = 'unauthenticated';
}
/** Authenticated, but not allowed. */
export class ForbiddenError extends AppError {
  readonly status = 403;
  readonly type = 'forbidden';
}
/** No such thing (or not visible to the caller). */
export class NotFoundError extends AppError {
  readonly status = 404;
  readonly type = 'not-found';
}
/** The thing exists but is not in a state that allows the command. */
export class ConflictError extends AppError {
  readonly status = 409;
  readonly type = 'conflict';
}
/** The request names something that is not there to refer to (a process or activity not on the map): nothing was changed. */
export class UnknownReferenceError extends AppError {
  readonly status = 422;
  readonly type = 'reference-unknown';
}
/** A form-js schema the product would not run (forms: its problems in `errors`). Nothing was changed. */
export class FormInvalidError extends AppError {
  readonly status = 422;
  readonly type = 'form-invalid';
}
/** A task claimed by someone else: only its assignee completes it or saves drafts of it (a manager takes it over first). Nothing was changed. */
export class TaskClaimedError extends AppError {
  readonly status = 409;
  readonly type = 'task-claimed';
}
/** The person a task is to be assigned to does not exist or holds none of its candidate roles at its unit or above: nothing was changed. */
export class AssigneeIneligibleError extends AppError {
  readonly status = 422;
  readonly type = 'assignee-ineligible';
}
/** An organisation change that would break the tree or names what the lists lack (a move under its own descendant, an unknown role, a CSV file's bad rows in `errors`): nothing was changed. */
export class OrgInvalidError extends AppError {
  readonly status = 422;
  readonly type = 'org-invalid';
}
/** Log-in refused for a while after too many failures (per account or per client address); `retryAfterSeconds` says when to try again. */
export class LoginLockedError extends AppError {
  readonly status = 429;
  readonly type = 'login-locked';
  constructor(
    message: string,
    readonly retryAfterSeconds: number,
  ) {
    super(message);
  }
}
