// @ts-check
// The figures behind the fault matrix. Silent by default (tests stay side-effect free); with
// FAULT_MATRIX_FILE set, each measured cell is appended to that file as one JSON line.
const fs = require('node:fs');

/**
 * @param {string} fault @param {'bulk'|'send'|'trigger'} operation @param {string} subject @param {Record<string, unknown>} figures
 */
function record(fault, operation, subject, figures) {
	const file = process.env.FAULT_MATRIX_FILE;
	if (!file) return;
	fs.appendFileSync(file, `${JSON.stringify({ fault, operation, subject, ...figures })}\n`);
}

module.exports = { record };
