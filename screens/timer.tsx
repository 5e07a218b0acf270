import type { Connection } from './connection.js';
import { StageScreenDocument, type StageScreenSubscription } from './gql.js';
import { Page, useNow, useWatch } from './common.js';
import { clock, ms, timeOf, whenOf } from './format.js';

/**
 * A room's stage timer, read from across a stage: the live segment's (or session's) time with its
 * warning and danger colours, the control room's message, or black. Counted locally from the
 * instants the server sends against its clock; nothing arrives every second.
 */

type Timer = NonNullable<NonNullable<StageScreenSubscription['stageOutput']['stageOutput']>['timer']>;

/** What the timer reads at `now`, and in which colour. */
export function reading(timer: Timer, now: number, timeZone: string): { text: string; tone: 'normal' | 'warning' | 'danger' | 'over' } {
  const at = timer.pausedAt ? Date.parse(timer.pausedAt) : now;
  const ends = Date.parse(timer.endsAt);
  if (timer.type === 'TIME_OF_DAY') return { text: timeOf(now, timeZone, true), tone: 'normal' };
  const tone =
    at >= ends
      ? 'over'
      : at >= (ms(timer.dangerAt) ?? Infinity)
        ? 'danger'
        : at >= (ms(timer.warningAt) ?? Infinity)
          ? 'warning'
          : 'normal';
  if (timer.type === 'COUNT_UP') return { text: clock(at - Date.parse(timer.startedAt)), tone };
  return { text: at >= ends ? `+${clock(at - ends)}` : clock(ends - at + 999), tone };
}

export function TimerScreen({ connection, roomId }: { connection: Connection; roomId: string }) {
  const data = useWatch(connection, StageScreenDocument, { roomId })?.stageOutput;
  const now = useNow(connection);
  const stage = data?.stageOutput;
  const timeZone = data?.timezone ?? 'UTC';
  if (stage?.blackout)
    return (
      <Page connection={connection} quiet>
        <div class="stage blackout" data-blackout />
      </Page>
    );
  const timer = stage?.timer;
  const read = timer && reading(timer, now, timeZone);
  return (
    <Page connection={connection} quiet>
      <main class="stage">
        {timer && read ? (
          <section class={`stage-timer tone-${read.tone}`} data-tone={read.tone}>
            <div class="stage-title">{timer.title}</div>
            <div class="stage-digits" data-timer>
              {read.text}
            </div>
            {timer.pausedAt && <div class="stage-paused">paused</div>}
          </section>
        ) : (
          <section class="stage-idle">
            <div class="stage-clock" data-clock>
              {timeOf(now, timeZone)}
            </div>
            {data?.next && (
              <div class="stage-next" data-next>
                Next: {data.next.title} · {whenOf(data.next.startsAt, timeZone, now)}
              </div>
            )}
          </section>
        )}
        {stage?.message && (
          <div class={`stage-message tone-${stage.message.tone.toLowerCase()}${stage.message.blink ? ' blink' : ''}`} data-message>
            {stage.message.text}
          </div>
        )}
      </main>
    </Page>
  );
}
