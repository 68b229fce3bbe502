/** @module Output rounding (SPEC §3): half away from zero, immune to binary floating-point representation error. */

/**
 * Rounds `value` to `decimals` places, half away from zero (1.005 → 1.01, −2.5 → −3).
 *
 * Why not `Math.round(x * 100) / 100`: the double nearest 1.005 is 1.00499999999999989…, so naive scaling rounds it
 * down, and `x * 100` itself adds error. Instead we first re-read the value at 15 significant digits
 * (`toPrecision(15)`). Every decimal with at most 15 significant digits survives a decimal → double → decimal round
 * trip (IEEE 754 guarantees DBL_DIG = 15), so this recovers the decimal the value stands for and drops the noise of
 * the binary representation and of a few arithmetic steps (their error is far below 1 unit in the 15th digit). The
 * half-away decision is then taken on exact decimal digits with BigInt, and the result is parsed from a decimal
 * string, which yields the double nearest to the intended decimal. Values needing more than 15 significant digits
 * to be distinguished from a tie are not produced by this application (scores are small integers).
 *
 * Where the exact rational is known (IKM and NRR from integer sums), prefer {@link roundRatio}, which needs no
 * such argument at all.
 */
export function roundHalfAwayFromZero(value: number, decimals: number): number {
  assertDecimals(decimals);
  if (!Number.isFinite(value) || value === 0) return value === 0 ? 0 : value;
  const negative = value < 0;
  const [mantissa, exponentText] = Math.abs(value).toPrecision(15).split('e');
  const [intPart, fracPart = ''] = (mantissa ?? '').split('.');
  // abs(value) = digits × 10^(−scale)
  const digits = BigInt(`${intPart}${fracPart}`);
  const scale = fracPart.length - Number(exponentText ?? '0');
  let scaled: bigint;
  if (scale <= decimals) {
    scaled = digits * 10n ** BigInt(decimals - scale);
  } else {
    const divisor = 10n ** BigInt(scale - decimals);
    const quotient = digits / divisor;
    scaled = 2n * (digits % divisor) >= divisor ? quotient + 1n : quotient;
  }
  return fromScaled(negative ? -scaled : scaled, decimals);
}

/**
 * Rounds the exact rational `numerator / denominator` (both integers, denominator ≠ 0) to `decimals` places, half away
 * from zero. Exact: the division is done in BigInt, so no floating-point error can move a tie.
 */
export function roundRatio(numerator: number | bigint, denominator: number | bigint, decimals: number): number {
  assertDecimals(decimals);
  let num = toBigInt(numerator);
  let den = toBigInt(denominator);
  if (den === 0n) throw new RangeError('roundRatio: denominator is zero');
  if (den < 0n) {
    num = -num;
    den = -den;
  }
  const negative = num < 0n;
  const absScaled = (negative ? -num : num) * 10n ** BigInt(decimals);
  const quotient = absScaled / den;
  const rounded = 2n * (absScaled % den) >= den ? quotient + 1n : quotient;
  return fromScaled(negative ? -rounded : rounded, decimals);
}

/** Turns an integer count of 10^(−decimals) units into the nearest double, via a decimal string (exactly rounded). */
function fromScaled(scaled: bigint, decimals: number): number {
  const result = Number(`${scaled}e-${decimals}`);
  return result === 0 ? 0 : result; // never return −0: it would print as "-0" in some formatters
}

function toBigInt(value: number | bigint): bigint {
  if (typeof value === 'bigint') return value;
  if (!Number.isSafeInteger(value)) throw new RangeError(`roundRatio: ${value} is not a safe integer`);
  return BigInt(value);
}

function assertDecimals(decimals: number): void {
  if (!Number.isInteger(decimals) || decimals < 0 || decimals > 20) {
    throw new RangeError(`decimals must be an integer in 0..20, got ${decimals}`);
  }
}
