import type { Selectable } from 'kysely';
import type { DB } from './types.js';

/** The tables of an event's editable rows, and the GraphQL type each one is. */
export const TYPENAMES = {
  event: 'Event',
  event_member: 'EventMember',
  venue: 'Venue',
  room: 'Room',
  session: 'Session',
  speaker: 'Speaker',
  session_speaker: 'SessionSpeaker',
  cue: 'Cue',
} as const;

export type EditableTable = keyof typeof TYPENAMES;
export type Row<T extends EditableTable> = Selectable<DB[T]>;
