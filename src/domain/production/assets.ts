import type { Database, Executor } from '../../db/client.js';
import type { Asset, AssetKind } from '../../db/types.js';
import type { Actor } from '../../db/write.js';
import { ForbiddenError, ValidationError } from '../../shared/errors.js';
import { createEntity, updateEntity } from '../entities.js';
import { requireInEvent } from '../venue/venue.js';

/**
 * Assets and approvals: the files a session needs, as metadata (the files live where `location`
 * says). Requested with a due date, received version by version, reviewed. An approval belongs to
 * one version — receiving a new one voids it. The client signs off stage designs and LED content;
 * production reviews everything else. Slides lock `slide_lock_minutes` before their session: after
 * that a new version is refused (the show machine is loaded).
 */

export const CLIENT_SIGNS_OFF: readonly AssetKind[] = ['STAGE_DESIGN', 'LED_CONTENT'];

export function createAsset(
  db: Database,
  actor: Actor,
  eventId: string,
  input: { sessionId?: string | null; name: string; kind: AssetKind; dueAt?: Date | null },
) {
  return createEntity(db, actor, 'asset', eventId, async (tx) => {
    if (input.sessionId) await requireInEvent(tx, 'session', input.sessionId, eventId, 'sessionId');
    return { session_id: input.sessionId ?? null, name: input.name, kind: input.kind, due_at: input.dueAt ?? null };
  });
}

/** When slides for each session lock (its start less the event's `slide_lock_minutes`), in one statement. */
export async function slideLocks(db: Executor, sessionIds: readonly string[]): Promise<(Date | null)[]> {
  const rows = await db
    .selectFrom('session')
    .innerJoin('event', 'event.id', 'session.event_id')
    .select(['session.id', 'session.starts_at', 'event.slide_lock_minutes'])
    .where('session.id', 'in', sessionIds)
    .execute();
  return sessionIds.map((id) => {
    const row = rows.find((r) => r.id === id);
    return row ? new Date(new Date(row.starts_at).getTime() - row.slide_lock_minutes * 60_000) : null;
  });
}

/** When an asset's slides lock, or null when the asset does not lock. */
export async function slidesLockAt(db: Executor, asset: Pick<Asset, 'kind' | 'session_id'>): Promise<Date | null> {
  return asset.kind === 'SLIDES' && asset.session_id ? (await slideLocks(db, [asset.session_id]))[0]! : null;
}

export type VersionInput = { sizeBytes: number; checksum: string; location: string };

/** A new version of the file arrives: the version number goes up, and any approval is void. */
export function receiveAssetVersion(
  db: Database,
  actor: Actor,
  id: string,
  expectedVersion: number | null | undefined,
  input: VersionInput,
  now = new Date(),
) {
  return updateEntity(db, actor, 'asset', id, expectedVersion, { checksum: input.checksum }, async (tx, _next, before) => {
    const lock = await slidesLockAt(tx, before);
    if (lock && now >= lock)
      throw new ValidationError({
        field: 'id',
        message: `the slides locked at ${lock.toISOString()} (the event's slideLockMinutes before the session): the show machine has them`,
      });
    return {
      current_version: before.current_version + 1,
      size_bytes: input.sizeBytes,
      location: input.location,
      status: 'RECEIVED' as const,
      review_note: null,
    };
  });
}

export type ReviewDecision = 'IN_REVIEW' | 'CHANGES_REQUESTED' | 'APPROVED';

/**
 * A review of the current version. Stage designs and LED content are the client's to sign off;
 * the rest production's. Approving names the version it is for.
 */
export async function reviewAsset(
  db: Database,
  actor: Actor,
  id: string,
  expectedVersion: number,
  decision: ReviewDecision,
  note: string | null,
  role: string | null,
) {
  return updateEntity(db, actor, 'asset', id, expectedVersion, { status: decision, review_note: note }, (_tx, _next, before) => {
    const clients = CLIENT_SIGNS_OFF.includes(before.kind);
    if (!actor.isPlatformAdmin && (clients ? role !== 'CLIENT' : role !== 'PRODUCTION'))
      throw new ForbiddenError(
        clients
          ? `The client signs off ${before.kind}; your organization is ${role}.`
          : `Production reviews ${before.kind}; your organization is ${role}.`,
      );
    if (before.current_version === 0)
      throw new ValidationError({ field: 'decision', message: 'nothing has been received yet: there is no version to review' });
    return decision === 'APPROVED' ? { approved_version: before.current_version, approved_at: new Date() } : undefined;
  });
}

/** Approved, and for the version that is there now. */
export const isApproved = (a: Pick<Asset, 'status' | 'approved_version' | 'current_version'>) =>
  a.status === 'APPROVED' && a.approved_version === a.current_version;
