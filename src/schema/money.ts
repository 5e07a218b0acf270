import { formatAmount, formatMoney } from '../shared/money.js';
import { builder } from './builder.js';

/** An amount as the domain keeps it: integer minor units (a bigint, or pg's text for one) and its currency. */
export type MoneyValue = { minor: bigint; currency: string };

/** The amount, or null when either half is missing (or withheld). */
export function money(minor: bigint | number | string | null | undefined, currency: string | null | undefined): MoneyValue | null {
  return minor == null || currency == null ? null : { minor: BigInt(minor), currency };
}

export const MoneyRef = builder.objectRef<MoneyValue>('Money').implement({
  description:
    "An exact amount: integer minor units of an ISO 4217 currency, with that currency's own decimals (JPY 0, USD 2, BHD 3). Computed amounts are rounded once, at the minor unit, half away from zero.",
  fields: (t) => ({
    currency: t.string({ description: 'The ISO 4217 code.', resolve: (m) => m.currency }),
    amount: t.string({
      description: 'The amount in the currency\'s units as decimal text with exactly its decimals: "1250.50" USD, "1250" JPY, "1.250" BHD.',
      resolve: (m) => formatAmount(m.minor, m.currency),
    }),
    minor: t.string({
      description: 'The amount in minor units as an integer in text ("125050"): exact past what GraphQL\'s Int (32 bits) or a double holds.',
      resolve: (m) => m.minor.toString(),
    }),
    formatted: t.string({ description: 'For people: "USD 1,250.50".', resolve: (m) => formatMoney(m.minor, m.currency) }),
  }),
});
