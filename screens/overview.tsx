import type { Connection } from './connection.js';
import { OverviewDocument, type OverviewSessionFragment, type OverviewSubscription } from './gql.js';
import { Page, useNow, useWatch } from './common.js';
import { overUnder, timeOf, whenOf } from './format.js';

/**
 * Now and next in every room, for the production office and the registration desk: what is live,
 * how late each room runs, holds, and the schedule's conflicts. Between messages the clock alone
 * moves a room on (a planned start passing), from the upcoming sessions the message carried.
 */

type Room = OverviewSubscription['liveOverview']['rooms'][number];

/** Now and next at `now`: the message's, or derived again from `upcoming` once `changesAt` has passed (as the server derives them). */
export function nowAndNext(room: Room, now: number): { now: OverviewSessionFragment | null; next: OverviewSessionFragment | null } {
  if (!room.changesAt || now < Date.parse(room.changesAt)) return { now: room.now, next: room.next };
  const live = room.now?.status === 'LIVE' ? room.now : null;
  const current = live ?? room.upcoming.find((s) => Date.parse(s.startsAt) <= now && Date.parse(s.endsAt) > now) ?? null;
  const after = current ? Date.parse(current.startsAt) : now;
  const next = room.upcoming.find((s) => s.id !== current?.id && Date.parse(s.startsAt) >= after) ?? null;
  return { now: current, next };
}

function Delay({ seconds }: { seconds: number | null }) {
  if (seconds == null) return null;
  const tone = seconds > 60 ? 'late' : seconds < -60 ? 'early' : 'ontime';
  return (
    <span class={`delay delay-${tone}`} data-over-under={seconds}>
      {overUnder(seconds)}
    </span>
  );
}

/** Sign-ups against what they may fill: "87/100 seats · 12 waiting"; nothing for a session nobody signs up for. */
function Seats({ session }: { session: OverviewSessionFragment }) {
  if (session.seatLimit === null && session.seatsTaken === 0) return null;
  const full = session.seatLimit !== null && session.seatsTaken >= session.seatLimit;
  return (
    <span class={`seats${full ? ' seats-full' : ''}`} data-seats={session.seatsTaken} data-waiting={session.waitlistCount}>
      {session.seatsTaken}
      {session.seatLimit !== null && `/${session.seatLimit}`} seats{session.waitlistCount > 0 && ` · ${session.waitlistCount} waiting`}
    </span>
  );
}

function RoomCard({ room, now, timeZone }: { room: Room; now: number; timeZone: string }) {
  const { now: current, next } = nowAndNext(room, now);
  return (
    <section class={`room${current?.status === 'LIVE' ? ' room-live' : ''}`} data-room={room.room.name}>
      <h2>{room.room.name}</h2>
      <div class="room-now" data-now>
        <span class="label">Now</span>
        {current ? (
          <>
            <span class="title">{current.title}</span>
            {current.status === 'LIVE' && <span class="badge live">LIVE</span>}
            {current.currentHold && <span class="badge hold">HOLD: {current.currentHold.reason}</span>}
            <span class="times">
              {timeOf(current.projectedStartsAt, timeZone)}–{timeOf(current.projectedEndsAt, timeZone)}
            </span>
            <Delay seconds={current.overUnderSeconds} />
            <Seats session={current} />
          </>
        ) : (
          <span class="empty">—</span>
        )}
      </div>
      <div class="room-next" data-next>
        <span class="label">Next</span>
        {next ? (
          <>
            <span class="title">{next.title}</span>
            <span class="times">{whenOf(next.projectedStartsAt, timeZone, now)}</span>
            {Date.parse(next.projectedStartsAt) - Date.parse(next.startsAt) > 60_000 && (
              <Delay seconds={Math.round((Date.parse(next.projectedStartsAt) - Date.parse(next.startsAt)) / 1000)} />
            )}
            <Seats session={next} />
          </>
        ) : (
          <span class="empty">—</span>
        )}
      </div>
    </section>
  );
}

export function OverviewScreen({ connection, eventId }: { connection: Connection; eventId: string }) {
  const data = useWatch(connection, OverviewDocument, { eventId })?.liveOverview;
  const now = useNow(connection, 1000);
  const timeZone = data?.event.timezone ?? 'UTC';
  const live = data?.rooms.filter((r) => nowAndNext(r, now).now?.status === 'LIVE').length ?? 0;
  return (
    <Page connection={connection} timeZone={timeZone}>
      <main class="overview">
        <header>
          <h1>{data?.event.name ?? '…'}</h1>
          <span class="summary" data-live-count={live}>
            {live} live · {data?.rooms.length ?? 0} rooms
          </span>
        </header>
        <div class="rooms">
          {data?.rooms.map((room) => (
            <RoomCard key={room.room.id} room={room} now={now} timeZone={timeZone} />
          ))}
        </div>
        {data && data.event.conflicts.length > 0 && (
          <section class="conflicts" data-conflicts>
            <h2>Conflicts ({data.event.conflicts.length})</h2>
            <ul>
              {data.event.conflicts.map((c, i) => (
                <li key={i} class={`conflict conflict-${c.kind}`}>
                  <b>{c.kind.replace(/_/g, ' ').toLowerCase()}</b> {c.message}
                </li>
              ))}
            </ul>
          </section>
        )}
      </main>
    </Page>
  );
}
