import type { Session } from '../../db/types.js';
import { ValidationError } from '../../shared/errors.js';

/**
 * Cancelling is management's decision (a planning field): live timing and show calling must not
 * undo it by starting, running, ending or resetting the session.
 */
export function refuseCancelled(session: Pick<Session, 'status'>, doing: string): void {
  if (session.status === 'CANCELLED') {
    throw new ValidationError({
      field: 'sessionId',
      message: `the session is cancelled, so it cannot be ${doing}; management sets its status back to SCHEDULED first`,
    });
  }
}

/** While a session is rehearsed, its show's own timing waits: end the rehearsal first. */
export function refuseRehearsing(session: Pick<Session, 'rehearsal_id'>, doing: string): void {
  if (session.rehearsal_id) {
    throw new ValidationError({
      field: 'sessionId',
      message: `a rehearsal of the session is running, so the show cannot be ${doing}; end the rehearsal first`,
    });
  }
}
