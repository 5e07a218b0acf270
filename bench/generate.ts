import type { Database } from '../src/db/client.js';
import type { CueDepartment, SessionKind } from '../src/db/types.js';

export const BENCH_EVENT = 'Benchmark Summit (generated)';

/** What a dashboard asks for: one day of the event, sessions with room, speakers and cues. */
export const DASHBOARD = `query Day($id: ID!, $day: Date!) {
  node(id: $id) { ... on Event { name sessions(first: 100, day: $day) { totalCount nodes {
    id title kind startsAt endsAt room { name } speakers(first: 10) { nodes { role speaker { name company } } }
    cues(first: 100) { nodes { id number department title state offsetSeconds } }
  } } } }
}`;

export type Size = { days: number; rooms: number; sessionsPerRoomPerDay: number; speakers: number; cuesPerSession: number };
export const FULL: Size = { days: 3, rooms: 12, sessionsPerRoomPerDay: 7, speakers: 400, cuesPerSession: 50 };

const DEPARTMENTS: CueDepartment[] = ['STAGE_MANAGEMENT', 'LIGHTING', 'AUDIO', 'VIDEO', 'GRAPHICS', 'CAMERA', 'STAGING'];

/**
 * The large event the benchmark measures against, made once and reused: ~240 sessions, ~400
 * speakers, ~12,000 cues. Written in bulk (the benchmark measures reads and fan-out, not the
 * write path), with the members and tokens the benchmark uses.
 */
export async function ensureBenchEvent(db: Database, size: Size = FULL): Promise<{ eventId: string; days: string[] }> {
  const days = Array.from({ length: size.days }, (_, i) => `2027-09-${String(14 + i).padStart(2, '0')}`);
  const existing = await db.selectFrom('event').select('id').where('name', '=', BENCH_EVENT).executeTakeFirst();
  if (existing) return { eventId: existing.id, days };

  return db.transaction().execute(async (tx) => {
    const event = await tx
      .insertInto('event')
      .values({ name: BENCH_EVENT, timezone: 'Europe/Berlin', start_date: days[0]!, end_date: days.at(-1)!, status: 'CONFIRMED' })
      .returning('id')
      .executeTakeFirstOrThrow();
    const orgs = await tx
      .insertInto('organization')
      .values([
        { name: 'Bench Management', kind: 'MANAGEMENT_AGENCY' },
        { name: 'Bench Production', kind: 'PRODUCTION_AGENCY' },
      ])
      .returning(['id', 'kind'])
      .execute();
    await tx
      .insertInto('event_member')
      .values(
        orgs.map((o) => ({
          event_id: event.id,
          organization_id: o.id,
          role: o.kind === 'MANAGEMENT_AGENCY' ? ('MANAGEMENT' as const) : ('PRODUCTION' as const),
        })),
      )
      .execute();
    await tx
      .insertInto('app_user')
      .values(orgs.map((o) => ({ organization_id: o.id, name: `Bench ${o.kind}`, email: `bench.${o.kind.toLowerCase()}@bench.example` })))
      .execute();
    const venue = await tx
      .insertInto('venue')
      .values({ event_id: event.id, name: 'Bench Convention Centre' })
      .returning('id')
      .executeTakeFirstOrThrow();
    const rooms = await tx
      .insertInto('room')
      .values(
        Array.from({ length: size.rooms }, (_, r) => ({
          event_id: event.id,
          venue_id: venue.id,
          name: `Hall ${String(r + 1).padStart(2, '0')}`,
          kind: r === 0 ? ('GENERAL_SESSION' as const) : ('BREAKOUT' as const),
          capacity: 200 + r * 50,
          changeover_minutes: 15,
        })),
      )
      .returning('id')
      .execute();
    const speakers = await tx
      .insertInto('speaker')
      .values(
        Array.from({ length: size.speakers }, (_, i) => ({
          event_id: event.id,
          name: `Speaker ${String(i + 1).padStart(3, '0')}`,
          company: `Company ${i % 60}`,
          job_title: 'Director',
        })),
      )
      .returning('id')
      .execute();
    const sessions: { id: string }[] = [];
    for (const [d, day] of days.entries()) {
      const values = rooms.flatMap((room, r) =>
        Array.from({ length: size.sessionsPerRoomPerDay }, (_, k) => {
          const start = new Date(`${day}T${String(9 + k).padStart(2, '0')}:00:00+02:00`);
          return {
            event_id: event.id,
            room_id: room.id,
            title: `Session ${d + 1}.${r + 1}.${k + 1}`,
            kind: (r === 0 ? 'GENERAL_SESSION' : 'BREAKOUT') as SessionKind,
            track: `Track ${(r % 5) + 1}`,
            starts_at: start,
            ends_at: new Date(start.getTime() + 45 * 60_000),
            presentation_format: 'SLIDES' as const,
          };
        }),
      );
      sessions.push(...(await tx.insertInto('session').values(values).returning('id').execute()));
    }
    const assignments = sessions.flatMap((s, i) =>
      [0, 1].map((k) => ({
        event_id: event.id,
        session_id: s.id,
        speaker_id: speakers[(i * 2 + k) % speakers.length]!.id,
        role: k === 0 ? ('PRESENTER' as const) : ('MODERATOR' as const),
        position: k,
      })),
    );
    await tx.insertInto('session_speaker').values(assignments).execute();
    for (let i = 0; i < sessions.length; i += 20) {
      const cues = sessions.slice(i, i + 20).flatMap((s) =>
        Array.from({ length: size.cuesPerSession }, (_, c) => ({
          event_id: event.id,
          session_id: s.id,
          position: c + 1,
          number: String(c + 1),
          department: DEPARTMENTS[c % DEPARTMENTS.length]!,
          title: `Cue ${c + 1}: ${['House to half', 'Walk-in music', 'Roll video', 'Lower third', 'Camera 2 wide', 'Podium special', 'Riser in'][c % 7]}`,
          offset_seconds: c * 50,
        })),
      );
      await tx.insertInto('cue').values(cues).execute();
    }
    return { eventId: event.id, days };
  });
}
