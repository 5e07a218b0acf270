import type { Context } from '../context.js';
import { instantToLocal } from '../domain/time.js';
import { EventRef } from './refs.js';

/** An instant on the wall clock of its event's time zone (the event through its loader); null stays null. */
export async function onEventClock(ctx: Context, eventId: string, instant: Date): Promise<string>;
export async function onEventClock(ctx: Context, eventId: string, instant: Date | null): Promise<string | null>;
export async function onEventClock(ctx: Context, eventId: string, instant: Date | null): Promise<string | null> {
  if (!instant) return null;
  return instantToLocal(instant, (await EventRef.getDataloader(ctx).load(eventId)).timezone);
}
