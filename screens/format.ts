/** How the screens write times: durations as a clock does, instants in the event's zone. */

/** 754_000 → "12:34"; 3_754_000 → "1:02:34". Whole seconds, rounded towards zero. */
export function clock(ms: number): string {
  const total = Math.floor(Math.abs(ms) / 1000);
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  const two = (n: number) => String(n).padStart(2, '0');
  return h ? `${h}:${two(m)}:${two(s)}` : `${two(m)}:${two(s)}`;
}

/** Over/under in seconds: "+2:05" late, "−0:40" early, "on time". */
export function overUnder(seconds: number | null | undefined): string {
  if (seconds == null) return '—';
  if (seconds === 0) return 'on time';
  return `${seconds > 0 ? '+' : '−'}${clock(seconds * 1000)}`;
}

const formats = new Map<string, Intl.DateTimeFormat>();

/** "14:05" in `timeZone` (24-hour, as production schedules are written). */
export function timeOf(at: string | number | null | undefined, timeZone: string, seconds = false): string {
  if (at == null) return '—';
  const key = `${timeZone}|${seconds}`;
  let format = formats.get(key);
  if (!format) {
    format = new Intl.DateTimeFormat('en-GB', {
      timeZone,
      hour: '2-digit',
      minute: '2-digit',
      ...(seconds ? { second: '2-digit' } : {}),
      hourCycle: 'h23',
    });
    formats.set(key, format);
  }
  return format.format(typeof at === 'number' ? at : Date.parse(at));
}

const days = new Map<string, Intl.DateTimeFormat>();

/** "13:15" when it is on the same day as `now` in `timeZone`, else "Wed 13:15". */
export function whenOf(at: string, timeZone: string, now: number): string {
  let day = days.get(timeZone);
  if (!day) {
    day = new Intl.DateTimeFormat('en-GB', { timeZone, weekday: 'short', day: 'numeric', month: 'short' });
    days.set(timeZone, day);
  }
  const on = day.format(Date.parse(at));
  return on === day.format(now) ? timeOf(at, timeZone) : `${on.split(' ')[0]?.replace(',', '')} ${timeOf(at, timeZone)}`;
}

export const ms = (at: string | null | undefined): number | null => (at ? Date.parse(at) : null);
