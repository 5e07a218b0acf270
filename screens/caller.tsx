import { Fragment } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import type { Connection } from './connection.js';
import {
  CallerStateDocument,
  EndSessionDocument,
  GoNextDocument,
  HoldDocument,
  ReleaseDocument,
  SkipDocument,
  StageMessageDocument,
  StartSegmentDocument,
  StartSessionDocument,
  WarnDocument,
  type CallerStateSubscription,
  type CueDepartment,
} from './gql.js';
import { isScreenLink, Page, useNow, useWatch } from './common.js';
import { CueRow, ErrorLine, useCommand } from './cues.js';
import { OperatorView } from './operator.js';
import { clock, overUnder, timeOf } from './format.js';

/**
 * The show caller's screen: the run-of-show by segment with front- and back-timing, the cues, and
 * GO. GO names the cue this screen shows as next, so a screen that is behind cannot fire another;
 * it is off while the page is not live and while a GO is on its way. With a department chosen it
 * is that operator's cue view, where standbys are acknowledged.
 */

type Session = CallerStateSubscription['showState']['session'];
const DEPARTMENTS: CueDepartment[] = ['STAGE_MANAGEMENT', 'LIGHTING', 'AUDIO', 'VIDEO', 'GRAPHICS', 'CAMERA', 'STAGING'];
/** How long after a GO another press is taken for the same one, as show-control consoles guard against double GOs. */
const DOUBLE_GO_GUARD_MS = 500;
const typing = (target: EventTarget | null) => target instanceof HTMLElement && /^(INPUT|TEXTAREA|SELECT|BUTTON)$/.test(target.tagName);

function Segments({ session, now, timeZone }: { session: Session; now: number; timeZone: string }) {
  if (!session.segments.nodes.length) return null;
  return (
    <table class="segments">
      <thead>
        <tr>
          <th>Segment</th>
          <th>Length</th>
          <th>Starts</th>
          <th>Must end by</th>
          <th>Allowance</th>
          <th>Over/under</th>
        </tr>
      </thead>
      <tbody>
        {session.segments.nodes.map((s) => (
          <tr key={s.id} class={`segment segment-${s.state.toLowerCase()}`} data-segment={s.title} data-state={s.state}>
            <td>
              {s.title}
              {s.presenter && !s.title.includes(s.presenter.speaker.name) && <span class="presenter"> · {s.presenter.speaker.name}</span>}
            </td>
            <td>{clock(s.plannedSeconds * 1000)}</td>
            <td>{timeOf(s.projectedStartAt, timeZone)}</td>
            <td>{timeOf(s.mustEndBy, timeZone, true)}</td>
            <td class={s.allowanceSeconds < s.plannedSeconds ? 'short' : ''}>
              {s.state === 'LIVE' ? clock(Date.parse(s.mustEndBy) - now) : clock(s.allowanceSeconds * 1000)}
            </td>
            <td>{overUnder(s.overUnderSeconds)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function StageMessageForm({ connection, roomId, run }: { connection: Connection; roomId: string; run: ReturnType<typeof useCommand>[1] }) {
  const [text, setText] = useState('');
  const send = (value: string | null) => run(() => connection.mutate(StageMessageDocument, { roomId, text: value, tone: 'NORMAL' }));
  return (
    <form
      class="stage-form"
      onSubmit={(e) => {
        e.preventDefault();
        void send(text.trim() || null).then((ok) => ok && setText(''));
      }}
    >
      <input
        placeholder="Message to the stage (“Wrap up”)"
        value={text}
        maxLength={280}
        onInput={(e) => setText((e.target as HTMLInputElement).value)}
      />
      <button type="submit">Send to stage</button>
      <button type="button" onClick={() => void send(null)}>
        Clear
      </button>
    </form>
  );
}

function CallerView({ connection, sessionId }: { connection: Connection; sessionId: string }) {
  const state = useWatch(connection, CallerStateDocument, { sessionId })?.showState;
  const now = useNow(connection, 250);
  const [error, run] = useCommand();
  /**
   * The cue a GO was sent for: GO stays off until the screen shows another next cue (or the GO
   * failed). Kept in a ref too, so a second key press before the page has redrawn sees it.
   */
  const [goneFor, setGoneFor] = useState<string | null>(null);
  const sent = useRef<{ cue: string | null; at: number }>({ cue: null, at: 0 });
  /** A press within the guard after a GO is the same press (a double press, a bounce): it fires nothing. */
  const [guarded, setGuarded] = useState(false);
  const session = state?.session;
  const nextId = session?.nextCue?.id ?? null;
  const live = connection.state === 'live';
  const readOnly = isScreenLink(connection.token);
  const canGo =
    !readOnly &&
    live &&
    !guarded &&
    !!session &&
    !!nextId &&
    goneFor !== nextId &&
    session.status !== 'ENDED' &&
    session.status !== 'CANCELLED';

  const go = () => {
    if (!canGo || !nextId || sent.current.cue === nextId || Date.now() - sent.current.at < DOUBLE_GO_GUARD_MS) return;
    sent.current = { cue: nextId, at: Date.now() };
    setGoneFor(nextId);
    setGuarded(true);
    setTimeout(() => setGuarded(false), DOUBLE_GO_GUARD_MS);
    void run(() => connection.mutate(GoNextDocument, { sessionId, expectedCueId: nextId })).then((ok) => {
      if (ok) return;
      sent.current = { cue: null, at: sent.current.at };
      setGoneFor(null);
    });
  };
  const goRef = useRef(go);
  goRef.current = go;
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.code !== 'Space' || e.repeat || typing(e.target)) return;
      e.preventDefault();
      goRef.current();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  if (!session) return <Page connection={connection}>{<main class="caller loading">Loading the run-of-show…</main>}</Page>;
  const timeZone = session.event.timezone;
  const cues = session.cues.nodes;
  const next = cues.find((c) => c.id === nextId);
  const current = cues.find((c) => c.id === session.currentCue?.id);
  const standby = cues.filter((c) => c.state === 'STANDBY');
  const liveSegment = session.segments.nodes.find((s) => s.id === session.liveSegment?.id);
  const hardOut = session.hardOutAt ?? session.endsAt;
  const segmentTitles = new Map(session.segments.nodes.map((s) => [s.id, s.title]));

  return (
    <Page connection={connection} timeZone={timeZone}>
      <main class="caller">
        <header class="caller-head">
          <div>
            <div class="crumbs">
              {session.event.name} · {session.room?.name ?? 'no room'}
            </div>
            <h1>
              {session.title} {readOnly && <span class="readonly">read-only screen link</span>}
            </h1>
          </div>
          <dl class="facts">
            <div>
              <dt>Status</dt>
              <dd data-status={session.status}>
                {session.status.toLowerCase()}
                {session.rehearsal && ' (rehearsal)'}
              </dd>
            </div>
            <div>
              <dt>Over/under</dt>
              <dd data-over-under={session.overUnderSeconds ?? ''}>{overUnder(session.overUnderSeconds)}</dd>
            </div>
            <div>
              <dt>Projected end</dt>
              <dd>{timeOf(session.projectedEndsAt, timeZone, true)}</dd>
            </div>
            <div>
              <dt>{session.hardOutAt ? 'Hard out' : 'Planned end'}</dt>
              <dd>
                {timeOf(hardOut, timeZone)} (
                {Date.parse(hardOut) >= now ? clock(Date.parse(hardOut) - now) : `+${clock(now - Date.parse(hardOut))}`})
              </dd>
            </div>
          </dl>
          <div class="session-buttons" hidden={readOnly}>
            {session.status !== 'LIVE' && session.status !== 'ENDED' && (
              <button onClick={() => void run(() => connection.mutate(StartSessionDocument, { sessionId }))} disabled={!live}>
                Start session
              </button>
            )}
            {session.status === 'LIVE' && (
              <button onClick={() => void run(() => connection.mutate(EndSessionDocument, { sessionId }))} disabled={!live}>
                End session
              </button>
            )}
            {session.currentHold ? (
              <button class="hold" onClick={() => void run(() => connection.mutate(ReleaseDocument, { sessionId }))} disabled={!live}>
                Release hold ({session.currentHold.reason})
              </button>
            ) : (
              session.status === 'LIVE' && (
                <button
                  onClick={() => {
                    const reason = prompt('Why hold?', 'Waiting for the speaker');
                    if (reason) void run(() => connection.mutate(HoldDocument, { sessionId, reason }));
                  }}
                  disabled={!live}
                >
                  Hold
                </button>
              )
            )}
            {session.nextSegment && (
              <button
                onClick={() =>
                  void run(() => connection.mutate(StartSegmentDocument, { sessionId, expectedSegmentId: session.nextSegment!.id }))
                }
                disabled={!live}
              >
                Start segment “{session.nextSegment.title}”
              </button>
            )}
          </div>
        </header>

        <section class="callbox">
          <div class="callbox-info">
            {liveSegment && (
              <div class="live-segment">
                Segment: <b>{liveSegment.title}</b> · ends by {timeOf(liveSegment.mustEndBy, timeZone, true)} (
                {clock(Math.max(0, Date.parse(liveSegment.mustEndBy) - now))} left)
              </div>
            )}
            <div class="current" data-current>
              Last: {current ? `${current.label} ${current.title}` : '—'}
            </div>
            <div class="standby" data-standby>
              Standing by: {standby.length ? standby.map((c) => `${c.label}${c.acknowledgedAt ? ' ✓' : ''}`).join(', ') : '—'}
            </div>
            <div class="next" data-next>
              Next: <b>{next ? `${next.label} — ${next.title}` : 'no more cues'}</b>
              {next?.notes && <div class="notes">{next.notes}</div>}
            </div>
          </div>
          <div class="callbox-buttons" hidden={readOnly}>
            <button class="go" data-go disabled={!canGo} onClick={go} title="Space bar">
              GO {next?.label ?? ''}
            </button>
            <button
              disabled={!live || !next || next.state === 'STANDBY'}
              onClick={() => next && void run(() => connection.mutate(WarnDocument, { cueId: next.id }))}
            >
              Standby
            </button>
            <button disabled={!live || !next} onClick={() => next && void run(() => connection.mutate(SkipDocument, { cueId: next.id }))}>
              Skip
            </button>
          </div>
        </section>
        <ErrorLine error={error} />

        <Segments session={session} now={now} timeZone={timeZone} />
        <table class="cues">
          <tbody>
            {cues.map((cue, i) => (
              <Fragment key={cue.id}>
                {cue.segment && cue.segment.id !== cues[i - 1]?.segment?.id && (
                  <tr class="segment-heading">
                    <td colSpan={6}>{segmentTitles.get(cue.segment.id)}</td>
                  </tr>
                )}
                <CueRow cue={cue} timeZone={timeZone} role={cue.id === nextId ? 'next' : cue.id === current?.id ? 'current' : ''} />
              </Fragment>
            ))}
          </tbody>
        </table>
        {session.cues.totalCount > cues.length && (
          <p class="hint">
            Showing the first {cues.length} of {session.cues.totalCount} cues.
          </p>
        )}
        {session.room && !readOnly && <StageMessageForm connection={connection} roomId={session.room.id} run={run} />}
      </main>
    </Page>
  );
}

export function CallerScreen({ connection, sessionId }: { connection: Connection; sessionId: string }) {
  const [department, setDepartment] = useState<CueDepartment | ''>(
    () => (new URLSearchParams(location.search).get('department') as CueDepartment) ?? '',
  );
  const choose = (value: CueDepartment | '') => {
    const url = new URL(location.href);
    if (value) url.searchParams.set('department', value);
    else url.searchParams.delete('department');
    history.replaceState(null, '', url);
    setDepartment(value);
  };
  return (
    <>
      <label class="department-filter">
        View:{' '}
        <select value={department} onChange={(e) => choose((e.target as HTMLSelectElement).value as CueDepartment | '')}>
          <option value="">Show caller (all cues)</option>
          {DEPARTMENTS.map((d) => (
            <option key={d} value={d}>
              {d.replace('_', ' ').toLowerCase()} operator
            </option>
          ))}
        </select>
      </label>
      {department ? (
        <OperatorView key={department} connection={connection} sessionId={sessionId} department={department} />
      ) : (
        <CallerView connection={connection} sessionId={sessionId} />
      )}
    </>
  );
}
