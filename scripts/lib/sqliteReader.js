// @ts-check
// Runs under node 24 (node:sqlite), as a child of the test process (node 20 has no node:sqlite and cannot load
// n8n's sqlite3 build). Reads executions from n8n's SQLite file while n8n runs (WAL) and prints them as JSON.
// argv: <database.sqlite> <n8n node_modules> <JSON filter { workflowId?, afterId?, newest? }> (newest: only the last one)
const path = require('node:path');
const { DatabaseSync } = require('node:sqlite');

const [dbFile, n8nModules, filterJson] = process.argv.slice(2);
const { parse } = require(path.join(n8nModules, 'flatted'));
const filter = JSON.parse(filterJson || '{}');

const db = new DatabaseSync(dbFile, { readOnly: true });
const where = ['1 = 1'];
const params = [];
if (filter.workflowId) {
	where.push('e.workflowId = ?');
	params.push(String(filter.workflowId));
}
if (filter.afterId) {
	where.push('CAST(e.id AS INTEGER) > ?');
	params.push(Number(filter.afterId));
}
const rows = db
	.prepare(
		`SELECT e.id, e.workflowId, e.status, e.mode, e.finished, e.startedAt, e.stoppedAt, d.data
		 FROM execution_entity e LEFT JOIN execution_data d ON d.executionId = e.id
		 WHERE ${where.join(' AND ')} ORDER BY CAST(e.id AS INTEGER) ${filter.newest ? 'DESC LIMIT 1' : ''}`,
	)
	.all(...params);
db.close();
const executions = rows.map((row) => ({
	id: String(row.id),
	workflowId: row.workflowId,
	status: row.status,
	mode: row.mode,
	finished: Boolean(row.finished),
	startedAt: row.startedAt,
	stoppedAt: row.stoppedAt,
	data: typeof row.data === 'string' && row.data ? parse(row.data) : null,
}));
process.stdout.write(JSON.stringify(executions));
