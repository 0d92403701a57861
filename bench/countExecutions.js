// @ts-check
// Runs under node 24 (node:sqlite) as a child of the bench: counts the executions n8n stored, per workflow and
// status, without loading their data (scripts/lib/sqliteReader.js reads whole executions, too slow for 5,000).
// argv: <database.sqlite> <JSON array of workflow ids> [since: only executions started at or after, as n8n stores
// it: `YYYY-MM-DD HH:MM:SS.SSS` UTC]
// @ts-ignore -- node:sqlite is in node 24, which runs this file; @types/node here is 20's
const { DatabaseSync } = require('node:sqlite');

const [dbFile, idsJson, since] = process.argv.slice(2);
const ids = JSON.parse(idsJson || '[]');
const db = new DatabaseSync(dbFile, { readOnly: true });
/** @type {Record<string, { total: number, finished: number, success: number, lastStoppedAt: string | null, firstStartedAt: string | null }>} */
const out = {};
for (const id of ids) {
	const row = db
		.prepare(
			`SELECT COUNT(*) AS total, SUM(CASE WHEN stoppedAt IS NOT NULL THEN 1 ELSE 0 END) AS finished,
			 SUM(CASE WHEN status = 'success' THEN 1 ELSE 0 END) AS success, MAX(stoppedAt) AS lastStoppedAt,
			 MIN(startedAt) AS firstStartedAt FROM execution_entity WHERE workflowId = ? AND startedAt >= ?`,
		)
		.get(String(id), since || '');
	out[id] = {
		total: Number(row?.total ?? 0),
		finished: Number(row?.finished ?? 0),
		success: Number(row?.success ?? 0),
		lastStoppedAt: row?.lastStoppedAt == null ? null : String(row.lastStoppedAt),
		firstStartedAt: row?.firstStartedAt == null ? null : String(row.firstStartedAt),
	};
}
db.close();
process.stdout.write(JSON.stringify(out));
