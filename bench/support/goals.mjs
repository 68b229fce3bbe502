/**
 * @module
 * How a benchmark states its goals, so that `npm run bench` (bench/run.mjs) can print every goal in one
 * table, measured in one run. A bench puts `goals: [atLeast(…) | atMost(…), …]` into the object it writes to
 * bench/results/<name>.json; each goal is a ratio (or a rate) with its limit, and says whether it holds.
 */

/**
 * @param {string} id       stable key, e.g. 'cache.home'
 * @param {string} label    what is measured, in words: 'home page, warm cache / bare Worker'
 * @param {number} measured the figure of this run
 * @param {number} limit    the goal
 * @param {string} [unit]   '×' for ratios (default), or e.g. 'rows/s'
 */
export function atLeast(id, label, measured, limit, unit = '×') {
  return { id, label, measured: round(measured), comparison: '≥', limit, unit, pass: measured >= limit };
}

/** Like `atLeast`, for figures that must stay small (growth ratios). */
export function atMost(id, label, measured, limit, unit = '×') {
  return { id, label, measured: round(measured), comparison: '≤', limit, unit, pass: measured <= limit };
}

function round(value) {
  // Three decimals below 10, so a ratio just under its limit never prints as equal to it.
  return Math.abs(value) >= 100 ? Math.round(value) : Number(value.toFixed(Math.abs(value) < 10 ? 3 : 2));
}

/** One line of the table: `PASS  0.78× ≥ 0.5×  home page, warm cache / bare Worker`. */
export function formatGoal(goal) {
  const figure = (value) => (goal.unit === '×' ? `${value}×` : `${value.toLocaleString('en')} ${goal.unit}`);
  return `${goal.pass ? 'PASS' : 'FAIL'}  ${`${figure(goal.measured)} ${goal.comparison} ${figure(goal.limit)}`.padEnd(28)}  ${goal.label}`;
}
