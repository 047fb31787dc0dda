/** One field-level problem: `field` is a path such as `body.provinceId` or `row 12: kind`. */
export interface FieldError {
  field: string;
  message: string;
}

/** An error the API turns into an RFC 9457 problem response. */
export class AppError extends Error {
  constructor(
    readonly status: number,
    readonly title: string,
    message: string,
    readonly errors: FieldError[] = [],
  ) {
    super(message);
    this.name = 'AppError';
  }
}

export class NotFoundError extends AppError {
  constructor(what: string, id: number | string) {
    super(404, 'Not found', `No ${what} with id ${id}`);
  }
}

export class ValidationError extends AppError {
  constructor(message: string, errors: FieldError[]) {
    super(400, 'Invalid request', message, errors);
  }
}

export class ConflictError extends AppError {
  constructor(message: string, errors: FieldError[] = []) {
    super(409, 'Conflict', message, errors);
  }
}

/** One open next step of a workflow, as listed in a refused transition's 409 answer. */
export interface AllowedWorkflowStep {
  action: string;
  to: string;
  roles: readonly string[];
  reasonRequired: boolean;
}

/**
 * A workflow transition that is not possible from the record's state (or not for the
 * caller's role, or without a reason): 409 with the current state and the allowed next steps.
 */
export class WorkflowTransitionError extends AppError {
  constructor(
    message: string,
    readonly state: string,
    readonly allowed: readonly AllowedWorkflowStep[],
  ) {
    super(409, 'Transition not allowed', message, [{ field: 'body.action', message }]);
  }
}

const camel = (column: string) => column.replace(/_(\w)/g, (_, c: string) => c.toUpperCase());

/**
 * Messages for table-level CHECK constraints, by the name PostgreSQL gives them
 * (`<table>_check`, `<table>_check1`, ...) in migrations/0001_registry.sql.
 */
const checkMessages: Record<string, FieldError> = {
  programme_check: { field: 'endDate', message: 'must not be before startDate' },
  programme_phase_check: { field: 'endDate', message: 'must not be before startDate' },
  complex_check: { field: 'hubId', message: 'a complex cannot be its own hub' },
  complex_check1: { field: 'hubId', message: 'a hub complex cannot itself be connected to a hub' },
  region_member_check: {
    field: 'memberRegionId',
    message: 'give exactly one of memberRegionId and memberComplexId',
  },
  region_member_check1: { field: 'memberRegionId', message: 'a region cannot contain itself' },
  participation_check: { field: 'leftOn', message: 'must not be before joined' },
  mini_cluster_check: { field: 'ended', message: 'must not be before started' },
  organisation_check: { field: 'sizeClass', message: 'a size class applies to companies only' },
  membership_check: { field: 'leftOn', message: 'must not be before joined' },
};

interface PgErrorLike {
  code?: string;
  detail?: string;
  constraint?: string;
  table?: string;
  message: string;
}

function isPgError(error: unknown): error is PgErrorLike {
  return (
    typeof error === 'object' &&
    error !== null &&
    typeof (error as PgErrorLike).code === 'string' &&
    /^[0-9A-Z]{5}$/.test((error as PgErrorLike).code ?? '')
  );
}

/**
 * Turns a PostgreSQL constraint violation into an AppError that names the field, so a
 * duplicate name or a dangling reference reads as a user mistake and not a server fault.
 * `prefix` is where the fields live (`body` for the API, `row 12` for an import).
 */
export function translateDbError(error: unknown, prefix = 'body'): unknown {
  if (!isPgError(error)) return error;
  const at = (field: string) => (prefix ? `${prefix}.${field}` : field);
  const keyMatch = /Key \(([^)]+)\)=\(([^)]*)\)/.exec(error.detail ?? '');
  const columns = keyMatch?.[1]?.split(', ').map(camel) ?? [];
  const values = keyMatch?.[2] ?? '';
  switch (error.code) {
    case '23505':
      return new ConflictError(
        `Another row already has ${columns.join(', ')} = ${values}`,
        columns.map((c) => ({ field: at(c), message: `already used: ${values}` })),
      );
    case '23001':
    case '23503': {
      const referenced = /table "(\w+)"/.exec(error.detail ?? '')?.[1];
      // PostgreSQL 15 reports ON DELETE RESTRICT as 23503 "still referenced", 17 as 23001.
      if (/is (still )?referenced/.test(error.detail ?? '')) {
        return new ConflictError(
          `This row is still referenced by ${referenced ?? 'other'} rows; remove or reassign them first.`,
        );
      }
      const field = columns[0] ?? 'id';
      return new ValidationError(`No ${referenced ?? 'row'} with id ${values}`, [
        { field: at(field), message: `no ${referenced ?? 'row'} with id ${values}` },
      ]);
    }
    case '23514': {
      const known = checkMessages[error.constraint ?? ''];
      const column = new RegExp(`^${error.table ?? ''}_(\\w+)_check$`).exec(
        error.constraint ?? '',
      )?.[1];
      const fieldError = known ?? {
        field: column ? camel(column) : (error.constraint ?? 'row'),
        message: 'value not allowed',
      };
      return new ValidationError(`${fieldError.field}: ${fieldError.message}`, [
        { field: at(fieldError.field), message: fieldError.message },
      ]);
    }
    case '23502': {
      const column = /column "(\w+)"/.exec(error.message)?.[1] ?? 'field';
      return new ValidationError(`${camel(column)} is required`, [
        { field: at(camel(column)), message: 'is required' },
      ]);
    }
    case '22P02':
    case '22007':
    case '22008':
    case '22003':
      return new ValidationError(error.message, []);
    default:
      return error;
  }
}
