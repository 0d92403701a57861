// @ts-check
// What n8n would write to its log while a test runs: n8n-core's own Logger (the one its contexts hand to nodes
// as this.logger, and the one LoggerProxy and the ErrorReporter forward to) is switched from the tests' silent
// level to debug, with a transport in n8n's own JSON format (the format of N8N_LOG_FORMAT=json and of its
// log file), so every line is captured exactly as n8n would serialise it, errors and their causes included.
const path = require('node:path');
const { Writable } = require('node:stream');

// n8n-core's own copies of its dependencies, not whatever the test tree would resolve first.
const corePath = require.resolve('n8n-core');
const fromCore = (id) => require(require.resolve(id, { paths: [corePath] }));
const { Container } = fromCore('@n8n/di');
const { Logger } = fromCore('@n8n/backend-common');
const winston = require(require.resolve('winston', { paths: [path.dirname(require.resolve('@n8n/backend-common', { paths: [corePath] }))] }));

/**
 * Starts capturing. `stop()` detaches the transport and restores the level; `text()` is every line so far.
 * @returns {{ lines: string[], text: () => string, stop: () => void }}
 */
function captureN8nLog() {
	const logger = Container.get(Logger);
	const internal = logger.getInternalLogger();
	/** @type {string[]} */
	const lines = [];
	const sink = new Writable({
		write(chunk, _encoding, done) {
			lines.push(...String(chunk).split('\n').filter((l) => l !== ''));
			done();
		},
	});
	const transport = new winston.transports.Stream({ stream: sink, format: logger.jsonConsoleFormat() });
	const before = { silent: internal.silent, level: internal.level };
	internal.silent = false;
	internal.level = 'debug';
	internal.add(transport);
	return {
		lines,
		text: () => lines.join('\n'),
		stop() {
			internal.remove(transport);
			internal.silent = before.silent;
			internal.level = before.level;
		},
	};
}

module.exports = { captureN8nLog };
