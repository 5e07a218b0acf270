import { describe, expect, it } from 'vitest';
import { convert, divideRounded, formatAmount, formatMoney, parseAmount, percentOf, requireCurrency } from '../src/shared/money.js';

/**
 * Money is exact (#19): integer minor units of ISO 4217 currencies with their own decimals, rates
 * and percentages as decimal text, one rounding per product — half away from zero.
 */
describe('money', () => {
  it('reads amounts in each currency’s own decimals, and refuses more', () => {
    expect(parseAmount('1250.50', 'USD')).toBe(125_050n);
    expect(parseAmount('1250.5', 'USD')).toBe(125_050n);
    expect(parseAmount('1250', 'JPY')).toBe(1_250n);
    expect(parseAmount('1.250', 'BHD')).toBe(1_250n);
    expect(parseAmount('-0.01', 'EUR')).toBe(-1n);
    expect(() => parseAmount('12.5', 'JPY')).toThrow('amount: JPY has no decimals: "12.5" has 1');
    expect(() => parseAmount('1.0005', 'BHD')).toThrow('amount: BHD has 3 decimals: "1.0005" has 4');
    expect(() => parseAmount('1,250.00', 'USD')).toThrow('amount: "1,250.00" is not a decimal number such as "1250.50"');
    expect(() => parseAmount('1e3', 'USD')).toThrow('is not a decimal number');
    expect(() => requireCurrency('usd')).toThrow('currency: "usd" is not an ISO 4217 currency code');
    expect(() => requireCurrency('XAU')).toThrow('is not an ISO 4217 currency code');
  });

  it('writes them back the same way, and for people with thousands grouped', () => {
    expect(formatAmount(125_050n, 'USD')).toBe('1250.50');
    expect(formatAmount(5n, 'USD')).toBe('0.05');
    expect(formatAmount(-5n, 'BHD')).toBe('-0.005');
    expect(formatMoney(123_456_789n, 'USD')).toBe('USD 1,234,567.89');
    expect(formatMoney(1_250n, 'JPY')).toBe('JPY 1,250');
    expect(formatMoney(1_250n, 'BHD')).toBe('BHD 1.250');
    // Past what a double holds exactly: 2^53 + 1 cents.
    expect(formatMoney(9_007_199_254_740_993n, 'USD')).toBe('USD 90,071,992,547,409.93');
  });

  it('rounds each product once, half away from zero', () => {
    expect(divideRounded(5n, 2n)).toBe(3n);
    expect(divideRounded(-5n, 2n)).toBe(-3n);
    expect(divideRounded(4n, 3n)).toBe(1n);
    // 22 % service charge on 48.75: 10.725 → 10.73; 8.875 % tax on 10.00: 0.8875 → 0.89.
    expect(percentOf(4_875n, '22')).toBe(1_073n);
    expect(percentOf(1_000n, '8.875')).toBe(89n);
    expect(percentOf(-4_875n, '22')).toBe(-1_073n);
    expect(() => percentOf(100n, '7,5')).toThrow('percent: "7,5" is not a decimal number');
  });

  it('converts at a written rate into the other currency’s decimals', () => {
    // 100.00 EUR at 161.23 JPY per EUR; 1,000 JPY at 0.0025 BHD per JPY; 1.234 KWD at 3.2571 USD.
    expect(convert(10_000n, 'EUR', 'JPY', '161.23')).toBe(16_123n);
    expect(convert(1_000n, 'JPY', 'BHD', '0.0025')).toBe(2_500n);
    expect(convert(1_234n, 'KWD', 'USD', '3.2571')).toBe(402n);
    expect(convert(999n, 'USD', 'USD', '1.1')).toBe(999n);
    expect(() => convert(1n, 'USD', 'EUR', '0')).toThrow('rate: must be more than 0');
  });

  it('adds ten thousand ten-cent lines to exactly 1,000.00, where floating point does not', () => {
    let exact = 0n;
    let float = 0;
    for (let i = 0; i < 10_000; i++) {
      exact += parseAmount('0.10', 'USD');
      float += 0.1;
    }
    expect(formatAmount(exact, 'USD')).toBe('1000.00');
    expect(float).not.toBe(1000);
  });
});
