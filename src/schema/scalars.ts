import { GraphQLError, Kind } from 'graphql';
import { builder } from './builder.js';

const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/;
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

function parseInstant(value: unknown): Date {
  if (typeof value === 'string' && ISO_INSTANT.test(value)) {
    const date = new Date(value);
    if (!Number.isNaN(date.getTime())) return date;
  }
  throw new GraphQLError(`DateTime must be an ISO 8601 instant with an offset, such as "2026-03-10T09:00:00-07:00"; got ${JSON.stringify(value)?.slice(0, 60)}.`);
}

function parseDay(value: unknown): string {
  const match = typeof value === 'string' ? ISO_DATE.exec(value) : null;
  if (match) {
    const [y, m, d] = [Number(match[1]), Number(match[2]), Number(match[3])];
    const date = new Date(Date.UTC(y, m - 1, d));
    if (date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d) return value as string;
  }
  throw new GraphQLError(`Date must be a calendar day as YYYY-MM-DD, such as "2026-03-10"; got ${JSON.stringify(value)?.slice(0, 60)}.`);
}

builder.scalarType('DateTime', {
  description: 'An instant in time, as ISO 8601 with an offset ("2026-03-10T16:00:00.000Z"). Inputs must carry an offset.',
  serialize: (value) => (value instanceof Date ? value.toISOString() : new Date(value as string).toISOString()),
  parseValue: parseInstant,
  parseLiteral: (ast) => parseInstant(ast.kind === Kind.STRING ? ast.value : undefined),
});

builder.scalarType('Date', {
  description: 'A calendar day, YYYY-MM-DD, in the time zone of the event it belongs to.',
  serialize: (value) => value,
  parseValue: parseDay,
  parseLiteral: (ast) => parseDay(ast.kind === Kind.STRING ? ast.value : undefined),
});

const LOCAL_DATE_TIME = /^(\d{4}-\d{2}-\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?$/;

function parseLocal(value: unknown): string {
  const match = typeof value === 'string' ? LOCAL_DATE_TIME.exec(value) : null;
  if (match) {
    const [hh, mm, ss] = [Number(match[2]), Number(match[3]), Number(match[4] ?? 0)];
    try {
      if (hh < 24 && mm < 60 && ss < 60) return `${parseDay(match[1])}T${match[2]}:${match[3]}:${match[4] ?? '00'}`;
    } catch {
      // not a calendar day: the message below
    }
  }
  throw new GraphQLError(`LocalDateTime must be a wall-clock date and time without an offset, such as "2026-03-10T09:00"; got ${JSON.stringify(value)?.slice(0, 60)}.`);
}

builder.scalarType('LocalDateTime', {
  description:
    "A wall-clock date and time in the event's time zone, without an offset (\"2027-01-26T09:00:00\"). As an input, seconds may be left out; a time a DST change skips is taken as the hour after it, a repeated one as its first occurrence.",
  serialize: (value) => value,
  parseValue: parseLocal,
  parseLiteral: (ast) => parseLocal(ast.kind === Kind.STRING ? ast.value : undefined),
});

builder.scalarType('JSON', {
  description: 'Any JSON value; used for the fields of a change, before and after.',
  serialize: (value) => value,
  parseValue: (value) => value,
});
