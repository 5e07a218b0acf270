import pg from 'pg';

/** pg's own parser, kept for the unusual forms (taken before client.ts replaces it). */
const pgParse = pg.types.getTypeParser(pg.types.builtins.TIMESTAMPTZ) as (text: string) => Date;

const digit = (text: string, i: number) => text.charCodeAt(i) - 48;
const two = (text: string, i: number) => digit(text, i) * 10 + digit(text, i + 1);

/**
 * A `timestamptz` as PostgreSQL writes it ("2027-09-15 07:00:00.123456+02", offset in the session's
 * time zone), read without regular expressions: a dashboard reads thousands of them per request.
 * Anything unusual (BC, infinity, years before 100, seconds in the offset) goes to pg's own parser,
 * whose result this one matches, truncated to milliseconds like this one.
 */
export function parseTimestamptz(text: string): Date {
  const n = text.length;
  if (n < 22 || text.charCodeAt(4) !== 45 || text.charCodeAt(10) !== 32 || text.charCodeAt(13) !== 58) return fallback(text);
  const year = two(text, 0) * 100 + two(text, 2);
  if (year < 100) return fallback(text);
  let i = 19;
  let ms = 0;
  if (text.charCodeAt(i) === 46) {
    i++;
    for (let scale = 100; i < n; i++, scale /= 10) {
      const d = digit(text, i);
      if (d < 0 || d > 9) break;
      if (scale >= 1) ms += d * scale;
    }
  }
  const sign = text.charCodeAt(i);
  if ((sign !== 43 && sign !== 45) || (i + 3 !== n && !(i + 6 === n && text.charCodeAt(i + 3) === 58))) return fallback(text);
  const offsetMinutes = two(text, i + 1) * 60 + (i + 6 === n ? two(text, i + 4) : 0);
  const utc = Date.UTC(year, two(text, 5) - 1, two(text, 8), two(text, 11), two(text, 14), two(text, 17), ms);
  return new Date(utc - (sign === 43 ? 1 : -1) * offsetMinutes * 60_000);
}

function fallback(text: string): Date {
  return pgParse(text);
}
