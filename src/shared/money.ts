import { ValidationError } from './errors.js';

/**
 * Money, exactly: integer minor units (`bigint`) of an ISO 4217 currency, with that currency's own
 * decimals (JPY 0, USD 2, BHD 3). No floating point anywhere — amounts come in as decimal text,
 * rates and percentages too, and every product is rounded once, at the minor unit, **half away
 * from zero** (2.5 cents → 3 cents, −2.5 → −3). A total is the sum of its rounded lines.
 */

/** Active ISO 4217 codes (no funds, metals or testing codes). */
const CODES = new Set(
  [
    'AED AFN ALL AMD ANG AOA ARS AUD AWG AZN BAM BBD BDT BGN BHD BIF BMD BND BOB BRL BSD BTN BWP BYN',
    'BZD CAD CDF CHF CLP CNY COP CRC CUC CUP CVE CZK DJF DKK DOP DZD EGP ERN ETB EUR FJD FKP GBP GEL',
    'GHS GIP GMD GNF GTQ GYD HKD HNL HRK HTG HUF IDR ILS INR IQD IRR ISK JMD JOD JPY KES KGS KHR KMF',
    'KPW KRW KWD KYD KZT LAK LBP LKR LRD LSL LYD MAD MDL MGA MKD MMK MNT MOP MRU MUR MVR MWK MXN MYR',
    'MZN NAD NGN NIO NOK NPR NZD OMR PAB PEN PGK PHP PKR PLN PYG QAR RON RSD RUB RWF SAR SBD SCR SDG',
    'SEK SGD SHP SLE SLL SOS SRD SSP STN SVC SYP SZL THB TJS TMT TND TOP TRY TTD TWD TZS UAH UGX USD',
    'UYU UZS VES VND VUV WST XAF XCD XCG XOF XPF YER ZAR ZMW ZWG ZWL',
  ]
    .join(' ')
    .split(' '),
);

/** ISO 4217 minor units where they are not 2. */
const DIGITS: Readonly<Record<string, number>> = {
  ...Object.fromEntries('BIF CLP DJF GNF ISK JPY KMF KRW PYG RWF UGX VND VUV XAF XOF XPF'.split(' ').map((c) => [c, 0])),
  ...Object.fromEntries('BHD IQD JOD KWD LYD OMR TND'.split(' ').map((c) => [c, 3])),
};

export const isCurrency = (code: string): boolean => CODES.has(code);

/** How many decimals the currency's minor unit has. */
export function currencyDigits(code: string): number {
  if (!CODES.has(code)) throw new Error(`not an ISO 4217 currency: ${code}`);
  return DIGITS[code] ?? 2;
}

/** The currency, or a ValidationError naming `field`. */
export function requireCurrency(code: string, field = 'currency'): string {
  if (!CODES.has(code))
    throw new ValidationError({ field, message: `"${code}" is not an ISO 4217 currency code such as "USD", "EUR" or "JPY"` });
  return code;
}

const DECIMAL = /^(-)?(\d{1,18})(?:\.(\d{1,12}))?$/;

/** A decimal written as text ("22.5", "-0.0825") as an integer and its scale: 225n, 1. */
export function parseDecimal(text: string, field: string): { units: bigint; scale: number } {
  const match = DECIMAL.exec(text.trim());
  if (!match) throw new ValidationError({ field, message: `"${text}" is not a decimal number such as "1250.50"` });
  const [, minus, whole, fraction = ''] = match;
  const units = BigInt(whole! + fraction) * (minus ? -1n : 1n);
  return { units, scale: fraction.length };
}

/** An amount written in the currency's units ("1250.50" USD) as minor units (125050n); more decimals than it has are refused. */
export function parseAmount(text: string, currency: string, field = 'amount'): bigint {
  const digits = currencyDigits(requireCurrency(currency, `${field}.currency`));
  const { units, scale } = parseDecimal(text, field);
  if (scale > digits)
    throw new ValidationError({
      field,
      message: `${currency} has ${digits === 0 ? 'no decimals' : `${digits} decimals`}: "${text}" has ${scale}`,
    });
  return units * 10n ** BigInt(digits - scale);
}

/** n / d rounded half away from zero (d > 0). */
export function divideRounded(n: bigint, d: bigint): bigint {
  if (d <= 0n) throw new Error('divide by a positive number');
  const q = n / d;
  const r = n % d;
  if (2n * (r < 0n ? -r : r) >= d) return q + (n < 0n ? -1n : 1n);
  return q;
}

/**
 * A percentage as decimal text from 0 to `max`, written with a column's `digits` decimals
 * ("3" → "3.00" for numeric(5, 2)), so that sending what is stored writes nothing.
 */
export function percentText(text: string, field: string, digits: number, max = 100): string {
  const { units, scale } = parseDecimal(text, field);
  if (scale > digits) throw new ValidationError({ field, message: `has at most ${digits} decimals` });
  const fixed = units * 10n ** BigInt(digits - scale);
  if (fixed < 0n || fixed > BigInt(max) * 10n ** BigInt(digits)) throw new ValidationError({ field, message: `must be from 0 to ${max}` });
  const whole = fixed.toString().padStart(digits + 1, '0');
  return `${whole.slice(0, -digits)}.${whole.slice(-digits)}`;
}

/** An exchange rate as decimal text, more than 0 (null and undefined pass through). */
export function rateText<T extends string | null | undefined>(text: T, field = 'rate'): T {
  if (text == null) return text;
  if (parseDecimal(text, field).units <= 0n) throw new ValidationError({ field, message: 'must be more than 0' });
  return text.trim() as T;
}

/** `percent` % of an amount ("7.5" → 7.5 %), rounded once. */
export function percentOf(minor: bigint, percent: string, field = 'percent'): bigint {
  const { units, scale } = parseDecimal(percent, field);
  return divideRounded(minor * units, 100n * 10n ** BigInt(scale));
}

/**
 * An amount in `from` converted to `to` at `rate` (units of `to` for one unit of `from`, as text:
 * "1.0845"), rounded once at `to`'s minor unit.
 */
export function convert(minor: bigint, from: string, to: string, rate: string, field = 'rate'): bigint {
  if (from === to) return minor;
  const { units, scale } = parseDecimal(rate, field);
  if (units <= 0n) throw new ValidationError({ field, message: 'must be more than 0' });
  const shift = currencyDigits(to) - currencyDigits(from);
  const numerator = minor * units * 10n ** BigInt(Math.max(shift, 0));
  return divideRounded(numerator, 10n ** BigInt(scale + Math.max(-shift, 0)));
}

/** Minor units as the currency's decimal text: 125050n USD → "1250.50"; JPY → "1250"; BHD 1250n → "1.250". */
export function formatAmount(minor: bigint, currency: string): string {
  const digits = currencyDigits(currency);
  const sign = minor < 0n ? '-' : '';
  const text = (minor < 0n ? -minor : minor).toString().padStart(digits + 1, '0');
  return digits === 0 ? sign + text : `${sign}${text.slice(0, -digits)}.${text.slice(-digits)}`;
}

/** For people: "USD 1,250.50", "JPY 1,250", "BHD 1.250". */
export function formatMoney(minor: bigint | number | string, currency: string): string {
  const [whole, fraction] = formatAmount(BigInt(minor), currency).split('.');
  const grouped = whole!.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return `${currency} ${fraction === undefined ? grouped : `${grouped}.${fraction}`}`;
}
