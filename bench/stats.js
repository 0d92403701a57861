// @ts-check
// Median with min–max over runs, and the few number formats the table and results.md use.

/** @param {number[]} values */
function summary(values) {
	const v = values.filter((x) => typeof x === 'number' && Number.isFinite(x)).sort((a, b) => a - b);
	if (v.length === 0) return { median: NaN, min: NaN, max: NaN, n: 0 };
	const mid = Math.floor(v.length / 2);
	const median = v.length % 2 ? v[mid] : (v[mid - 1] + v[mid]) / 2;
	return { median, min: v[0], max: v[v.length - 1], n: v.length };
}

/** @param {number} x @param {number} [digits] */
function num(x, digits = 0) {
	if (!Number.isFinite(x)) return '–';
	return x.toLocaleString('en-US', {
		minimumFractionDigits: digits,
		maximumFractionDigits: digits,
	});
}

/** "median (min–max)", or just the value when all runs agree. */
function fmt(values, digits = 0, unit = '') {
	const s = summary(values);
	if (s.n === 0) return '–';
	if (s.min === s.max) return `${num(s.median, digits)}${unit}`;
	return `${num(s.median, digits)}${unit} (${num(s.min, digits)}–${num(s.max, digits)})`;
}

module.exports = { summary, fmt, num };
