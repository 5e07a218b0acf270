import { z } from 'zod';
import { isCurrency } from '../shared/money.js';

/** Field rules shared by the domain and the GraphQL inputs, so both refuse the same things. */
/**
 * Control characters have no place in names and titles (PostgreSQL refuses NUL outright); longer
 * texts may hold tabs and line breaks, nothing else below the space.
 */
function hasControl(value: string, allowLineBreaks: boolean): boolean {
  for (let i = 0; i < value.length; i++) {
    const c = value.charCodeAt(i);
    if (c === 127 || (c < 32 && !(allowLineBreaks && (c === 9 || c === 10 || c === 13)))) return true;
  }
  return false;
}

export const text = (max: number) =>
  z
    .string()
    .trim()
    .min(1, 'must not be empty')
    .max(max, `must be at most ${max} characters`)
    .refine((s) => !hasControl(s, false), 'must not contain control characters');
export const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max, `must be at most ${max} characters`)
    .refine((s) => !hasControl(s, true), 'must not contain control characters other than tabs and line breaks');

export const name = text(200);
export const title = text(200);
export const longText = optionalText(10_000);
export const email = z.string().trim().max(320, 'must be at most 320 characters').email('must be an email address');

/** A phone number as people write it: digits, spaces, and + ( ) - . / ; at least five digits. */
export const phone = z
  .string()
  .trim()
  .max(40, 'must be at most 40 characters')
  .regex(/^\+?[0-9 ()\-./]+$/, 'may contain digits, spaces, a leading "+" and ( ) - . / only')
  .refine((s) => s.replace(/\D/g, '').length >= 5, 'must have at least five digits');

export function isTimeZone(value: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: value });
    return value.length <= 64 && value.trim() === value;
  } catch {
    return false;
  }
}
export const timeZone = z.string().refine(isTimeZone, 'must be an IANA time zone such as "Europe/Berlin" or "America/New_York"');

export const nonNegativeSeconds = z
  .number()
  .int('must be a whole number of seconds')
  .min(0, 'must not be negative')
  .max(7 * 24 * 3600, 'must be at most a week');
export const minutes = z
  .number()
  .int()
  .min(0, 'must not be negative')
  .max(24 * 60, 'must be at most a day');
/** An active ISO 4217 code (src/shared/money.ts knows each one's decimals). */
export const currency = z.string().trim().refine(isCurrency, 'must be an ISO 4217 currency code such as "USD", "EUR" or "JPY"');
export const capacity = z.number().int().min(0, 'must not be negative').max(1_000_000);
/** Days from an anchor: negative before it (T-30 is -30). */
export const offsetDays = z
  .number()
  .int('must be a whole number of days')
  .min(-1000, 'must be at least -1000')
  .max(1000, 'must be at most 1000');
export const cueNumber = z
  .string()
  .trim()
  .min(1, 'must not be empty')
  .max(20, 'must be at most 20 characters')
  .regex(/^[\p{L}\p{N} .\-/]+$/u, 'may contain letters, digits, spaces, ".", "-" and "/" only');

export { isUuid } from '../shared/ids.js';
