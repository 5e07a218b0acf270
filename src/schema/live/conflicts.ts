import { findConflicts, type Conflict } from '../../domain/live/conflicts.js';
import { builder } from '../builder.js';
import { reads } from '../selection.js';
import { EventRef, ProductionBlockRef, RoomRef, SessionRef, SpeakerRef } from '../refs.js';

const ConflictKind = builder.enumType('ConflictKind', {
  description: 'What a schedule warning is about.',
  values: {
    ROOM_DOUBLE_BOOKED: { description: 'Two sessions overlap in one room, or a production block overlaps a session or another block (a SHOW block runs with its sessions).' },
    REHEARSAL_SLOT_CLASH: { description: "A speaker's rehearsal slot overlaps another slot or a session in its room (back to back is fine). `speaker` is the slot's." },
    CHANGEOVER_TOO_SHORT: { description: "Less time between two sessions in a room than the room's changeover minutes." },
    SPEAKER_DOUBLE_BOOKED: { description: 'A speaker is in two sessions that overlap.' },
    SPEAKER_NOT_ARRIVED: { description: 'A speaker arrives after their session starts.' },
    CUE_NUMBER_OUT_OF_ORDER: {
      description: "A cue's number is not higher than the one before it in its department's running order (within the session, or the room's day when the event numbers per room and day). Its first session is the cue's.",
    },
    MIC_DOUBLE_BOOKED: { description: "One mic of a room is on two people at once (their sessions overlap, or they share one). `speaker` is the first of them." },
    HARD_START_AT_RISK: {
      description: "A hard-start session would not start on time: the session before it in its room (as planned, or as it is running) plus the changeover reaches past its start. Its first session is the hard start.",
    },
  },
});

const ConflictRef = builder.objectRef<Conflict & { eventId: string }>('Conflict').implement({
  description: 'A warning computed from the schedule. It never blocks a change, and disappears when the data is fixed.',
  authScopes: (c) => ({ onEvent: { table: 'event', id: c.eventId, actions: ['read'] } }),
  fields: (t) => ({
    kind: t.field({ type: ConflictKind, description: 'What it is about.', resolve: (c) => c.kind }),
    message: t.exposeString('message', { description: 'The warning in words.' }),
    sessions: t.field({ type: [SessionRef], description: 'The sessions involved.', resolve: (c) => c.sessionIds }),
    productionBlocks: t.field({ type: [ProductionBlockRef], description: 'The production blocks involved.', resolve: (c) => c.blockIds }),
    room: t.field({ type: RoomRef, nullable: true, description: 'The room, for room warnings.', resolve: (c) => c.roomId }),
    speaker: t.field({ type: SpeakerRef, nullable: true, description: 'The speaker, for speaker warnings.', resolve: (c) => c.speakerId }),
  }),
});

builder.objectFields(EventRef, (t) => ({
  conflicts: t.field({
    type: [ConflictRef],
    description: 'Schedule warnings: rooms double-booked (by sessions or production blocks), rehearsal slots clashing, changeovers too short, speakers in two places or not yet arrived, hard starts at risk, a mic on two people, cue numbers out of running order.',
    extensions: reads('event', 'id'),
    resolve: async (e, _args, ctx) => (await findConflicts(ctx.db, e.id)).map((c) => ({ ...c, eventId: e.id })),
  }),
}));
