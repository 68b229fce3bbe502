/**
 * @module Linear spans of 0/1 vectors over a prime field: which sums can be computed from published sums
 * (docs/method.md, "Complementary suppression"). Outside the span modulo p means outside it over the rationals,
 * so a "no" here is always a true no; a rare false "yes" only withholds one more figure.
 */

/** A prime below 2^26: the product of two residues stays exact in a double. */
const PRIME = 67_108_859;

function mul(a: number, b: number): number {
  return (a * b) % PRIME;
}

function inverse(a: number): number {
  // Fermat: a^(p-2) mod p.
  let result = 1;
  let base = a % PRIME;
  for (let exponent = PRIME - 2; exponent > 0; exponent = Math.floor(exponent / 2)) {
    if (exponent % 2 === 1) result = mul(result, base);
    base = mul(base, base);
  }
  return result;
}

/** Columns at or after the pivot, ascending, with their nonzero values; the pivot's value is 1. */
interface PivotRow {
  cols: number[];
  vals: number[];
}

/** An echelon basis of 0/1 rows over `width` columns. */
export class SpanBasis {
  private readonly pivots = new Map<number, PivotRow>();
  private readonly dense: Float64Array;

  constructor(private readonly width: number) {
    this.dense = new Float64Array(width);
  }

  /** Adds the row with 1 in `cols`. */
  add(cols: readonly number[]): void {
    const free = this.reduce(cols);
    if (free < 0) return;
    const dense = this.dense;
    const scale = inverse(dense[free] ?? 1);
    const row: PivotRow = { cols: [], vals: [] };
    for (let c = free; c < this.width; c++) {
      const value = dense[c] ?? 0;
      if (value !== 0) {
        row.cols.push(c);
        row.vals.push(mul(value, scale));
        dense[c] = 0;
      }
    }
    this.pivots.set(free, row);
  }

  /** The column where the row with 1 in `cols` would take its pivot if added, or -1 if it is in the span already. */
  pivotOf(cols: readonly number[]): number {
    const free = this.reduce(cols);
    this.dense.fill(0);
    return free;
  }

  /** Whether the 0/1 vector with 1 in `cols` is a combination of the added rows. */
  contains(cols: readonly number[]): boolean {
    const free = this.reduce(cols);
    this.dense.fill(0);
    return free < 0;
  }

  /**
   * Loads the vector into the scratch row and subtracts basis rows until its first nonzero column has no pivot;
   * returns that column, or -1 when the vector vanished. Later subtractions only touch later columns, so a nonzero
   * without a pivot stays: the vector is outside the span.
   */
  private reduce(cols: readonly number[]): number {
    const dense = this.dense;
    let first = this.width;
    for (const c of cols) {
      dense[c] = 1;
      if (c < first) first = c;
    }
    for (let c = first; c < this.width; c++) {
      const value = dense[c] ?? 0;
      if (value === 0) continue;
      const pivot = this.pivots.get(c);
      if (!pivot) return c;
      const factor = PRIME - value;
      for (let i = 0; i < pivot.cols.length; i++) {
        const col = pivot.cols[i] ?? 0;
        dense[col] = ((dense[col] ?? 0) + mul(pivot.vals[i] ?? 0, factor)) % PRIME;
      }
    }
    return -1;
  }
}
