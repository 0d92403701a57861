// @ts-check
// Reads what n8n stored in PostgreSQL (queue mode): executions (data decoded with n8n's own `flatted`) and a
// workflow's static data. Uses n8n's own `pg` client from the runtime; one short connection a call.
const path = require('node:path');

/**
 * @typedef {{ n8nModules: string, port: number, user: string, database: string }} PgTarget
 * @param {PgTarget} db @param {(client: any) => Promise<any>} fn
 */
async function withClient(db, fn) {
	const { Client } = require(path.join(db.n8nModules, 'pg'));
	const client = new Client({ host: '127.0.0.1', port: db.port, user: db.user, database: db.database });
	await client.connect();
	try {
		return await fn(client);
	} finally {
		await client.end();
	}
}

/** Executions in id order, as executions.js returns them. @param {PgTarget} db @param {{ workflowId?: string, afterId?: string | number, newest?: boolean }} [filter] (newest: only the last one) */
function readPgExecutions(db, filter = {}) {
	const { parse } = require(path.join(db.n8nModules, 'flatted'));
	const where = ['1 = 1'];
	const params = [];
	if (filter.workflowId) {
		params.push(String(filter.workflowId));
		where.push(`e."workflowId" = $${params.length}`);
	}
	if (filter.afterId) {
		params.push(Number(filter.afterId));
		where.push(`e.id > $${params.length}`);
	}
	return withClient(db, async (client) => {
		const { rows } = await client.query(
			`SELECT e.id, e."workflowId", e.status, e.mode, e.finished, e."startedAt", e."stoppedAt", d.data
			 FROM execution_entity e LEFT JOIN execution_data d ON d."executionId" = e.id
			 WHERE ${where.join(' AND ')} ORDER BY e.id ${filter.newest ? 'DESC LIMIT 1' : ''}`,
			params,
		);
		return rows.map((row) => ({
			id: String(row.id),
			workflowId: row.workflowId,
			status: row.status,
			mode: row.mode,
			finished: Boolean(row.finished),
			startedAt: row.startedAt && new Date(row.startedAt).toISOString(),
			stoppedAt: row.stoppedAt && new Date(row.stoppedAt).toISOString(),
			data: typeof row.data === 'string' && row.data ? parse(row.data) : null,
		}));
	});
}

/** The workflow's static data as stored (what the trigger's webhook calls saved). @param {PgTarget} db @param {string} workflowId */
function readStaticData(db, workflowId) {
	return withClient(db, async (client) => {
		const { rows } = await client.query('SELECT "staticData" FROM workflow_entity WHERE id = $1', [workflowId]);
		const value = rows[0]?.staticData ?? null;
		return typeof value === 'string' ? JSON.parse(value) : value;
	});
}

module.exports = { readPgExecutions, readStaticData };
