import type { Context } from '../context.js';
import { instantToLocal } from '../domain/time.js';
import type { ColumnOf, DB } from '../db/types.js';
import { EventRef } from './refs.js';
import { reads } from './selection.js';

/** An instant on the wall clock of its event's time zone (the event through its loader); null stays null. */
export async function onEventClock(ctx: Context, eventId: string, instant: Date): Promise<string>;
export async function onEventClock(ctx: Context, eventId: string, instant: Date | null): Promise<string | null>;
export async function onEventClock(ctx: Context, eventId: string, instant: Date | null): Promise<string | null> {
  if (!instant) return null;
  return instantToLocal(instant, (await EventRef.getDataloader(ctx).load(eventId)).timezone);
}

/**
 * A `…Local` field: the instant in `column` on the event's wall clock, e.g.
 * `onSiteFromLocal: t.field(wallClock('event_contact', 'on_site_from', '…'))`; null stays null.
 */
export function wallClock<T extends keyof DB, C extends ColumnOf<T>>(table: T, column: C, description: string) {
  return {
    type: 'LocalDateTime' as const,
    nullable: true as const,
    description,
    extensions: reads(table, 'event_id' as ColumnOf<T>, column),
    resolve: (row: { event_id: string } & Record<C, Date | null>, _args: unknown, ctx: Context) => onEventClock(ctx, row.event_id, row[column]),
  };
}

/** `wallClock` for a column that always holds an instant. */
export function requiredWallClock<T extends keyof DB, C extends ColumnOf<T>>(table: T, column: C, description: string) {
  return {
    ...wallClock(table, column, description),
    nullable: false as const,
    resolve: (row: { event_id: string } & Record<C, Date>, _args: unknown, ctx: Context) => onEventClock(ctx, row.event_id, row[column]),
  };
}
