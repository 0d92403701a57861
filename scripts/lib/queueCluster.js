// @ts-check
// n8n in queue mode on one machine: Redis and PostgreSQL of our own (redisServer.js, postgresServer.js), then a
// main process, webhook processes and workers, each with its own user folder holding the package (webhook
// processes and workers load community packages from their own folder), its own hostname, one encryption key,
// and N8N_WEBHOOK_URL naming the first webhook process (what main registers at the providers). Credentials and
// workflows are imported once, by the CLI from a folder of its own, before anything starts. stop() stops every
// process it started, by pid, in reverse order, also after a failed start.
const fs = require('node:fs');
const path = require('node:path');
const crypto = require('node:crypto');
const { installPackage } = require('./installPackage');
const { importCredentials, importWorkflows } = require('./n8nCli');
const { startN8n } = require('./n8nServer');
const { freePorts } = require('./ports');
const { startRedis, findRedisServer } = require('./redisServer');
const { startPostgres, findPostgres } = require('./postgresServer');

/** What queue mode needs from the system and is missing, with how to install it (empty: nothing). */
function missingQueueServices() {
	const missing = [];
	if (!findRedisServer()) missing.push('redis-server');
	if (!findPostgres()) missing.push('postgresql');
	return missing;
}

const INSTALL_HINT = 'apt-get install redis-server postgresql';

/**
 * @param {{ runtime: any, dir: string, webhooks?: number, workers?: number, workerConcurrency?: number,
 *   owner: { email: string, firstName: string, lastName: string, passwordHash: string },
 *   credentials?: object[] | ((services: { redisPort: number }) => object[]), workflows?: object[], mainPort?: number, webhookPort?: number,
 *   log?: (m: string) => void, extraEnv?: Record<string, string> }} o
 */
async function startQueueCluster(o) {
	const log = o.log || (() => {});
	const webhookCount = o.webhooks ?? 2;
	const workerCount = o.workers ?? 2;
	const started = [];
	/** @type {any} */
	const cluster = { webhooks: [], workers: [], main: null, redis: null, postgres: null, stop };

	async function stop() {
		// Webhook processes and workers first (they wait for their running executions), then main, then the stores.
		const processes = [...cluster.webhooks, ...cluster.workers].map((p) => p.server);
		await Promise.all(processes.map((s) => s.stop().catch(() => {})));
		if (cluster.main) await cluster.main.server.stop().catch(() => {});
		if (cluster.redis) await cluster.redis.stop().catch(() => {});
		if (cluster.postgres) await cluster.postgres.stop().catch(() => {});
		started.length = 0;
	}

	try {
		const t0 = Date.now();
		cluster.redis = await startRedis({ dir: path.join(o.dir, 'redis') });
		cluster.postgres = await startPostgres({ dir: path.join(o.dir, 'pg') });
		log(`redis on ${cluster.redis.port}, postgres ${cluster.postgres.major} on ${cluster.postgres.port} (${Date.now() - t0} ms)`);
		if (cluster.postgres.major < 16) {
			log(`PostgreSQL ${cluster.postgres.major}: n8n 2.41 warns (it supports 16 and newer) and runs`);
		}

		const [mainFree, cliBroker, mainBroker, ...rest] = await freePorts(3 + 2 * webhookCount + 2 * workerCount);
		const mainPort = o.mainPort ?? mainFree;
		const webhookPorts = o.webhookPort
			? Array.from({ length: webhookCount }, (_, i) => /** @type {number} */ (o.webhookPort) + i)
			: rest.slice(0, webhookCount);
		const webhookBrokers = rest.slice(webhookCount, 2 * webhookCount);
		const workerPorts = rest.slice(2 * webhookCount);
		const encryptionKey = crypto.randomBytes(24).toString('hex');
		const webhookUrl = `http://127.0.0.1:${webhookPorts[0]}/`;
		const shared = {
			EXECUTIONS_MODE: 'queue',
			QUEUE_BULL_REDIS_HOST: '127.0.0.1',
			QUEUE_BULL_REDIS_PORT: String(cluster.redis.port),
			DB_TYPE: 'postgresdb',
			DB_POSTGRESDB_HOST: '127.0.0.1',
			DB_POSTGRESDB_PORT: String(cluster.postgres.port),
			DB_POSTGRESDB_DATABASE: cluster.postgres.database,
			DB_POSTGRESDB_USER: cluster.postgres.user,
			DB_POSTGRESDB_PASSWORD: '',
			N8N_WEBHOOK_URL: webhookUrl,
			// Production webhooks are served by the webhook processes only; main keeps the editor and test webhooks.
			N8N_DISABLE_PRODUCTION_MAIN_PROCESS: 'true',
			N8N_WORKER_SERVER_ADDRESS: '127.0.0.1',
			N8N_EDITOR_BASE_URL: `http://127.0.0.1:${mainPort}/`,
			...(o.extraEnv || {}),
		};
		cluster.encryptionKey = encryptionKey;
		cluster.webhookUrl = webhookUrl;
		cluster.postgresTarget = { port: cluster.postgres.port, user: cluster.postgres.user, database: cluster.postgres.database };

		const folder = (name) => {
			const dir = path.join(o.dir, 'n8n', name);
			fs.mkdirSync(dir, { recursive: true });
			installPackage(dir);
			return dir;
		};
		const cli = { runtime: o.runtime, userFolder: folder('cli'), encryptionKey, port: mainPort, brokerPort: cliBroker, extraEnv: shared };
		const t1 = Date.now();
		// The first command runs every migration on the empty database.
		const credentials = typeof o.credentials === 'function' ? o.credentials({ redisPort: cluster.redis.port }) : o.credentials || [];
		await importCredentials(cli, credentials);
		if (o.workflows && o.workflows.length > 0) await importWorkflows(cli, o.workflows);
		log(`imported ${credentials.length} credential(s) and ${o.workflows?.length ?? 0} workflow(s) (${Date.now() - t1} ms)`);

		const spawnOne = (name, command, port, brokerPort, extra = {}, readyUrl = undefined, owner = undefined) => {
			const userFolder = folder(name);
			const logFile = path.join(o.dir, `${name}.log`);
			const server = startN8n({
				runtime: o.runtime,
				userFolder,
				port,
				brokerPort,
				encryptionKey,
				owner,
				logFile,
				command,
				hostname: `qm-${name}`,
				readyUrl,
				extraEnv: { ...shared, ...extra },
			});
			started.push(server);
			return { name, server, url: server.url, port, logFile, userFolder };
		};

		const t2 = Date.now();
		cluster.main = spawnOne('main', ['start'], mainPort, mainBroker, {}, undefined, o.owner);
		await cluster.main.server.waitReady();
		log(`main ready on ${mainPort} (${Date.now() - t2} ms)`);
		const t3 = Date.now();
		for (let i = 0; i < webhookCount; i++) {
			cluster.webhooks.push(spawnOne(`webhook${i + 1}`, ['webhook'], webhookPorts[i], webhookBrokers[i]));
		}
		for (let i = 0; i < workerCount; i++) {
			const health = workerPorts[2 * i];
			const worker = spawnOne(
				`worker${i + 1}`,
				['worker', `--concurrency=${o.workerConcurrency ?? 10}`],
				health,
				workerPorts[2 * i + 1],
				{ QUEUE_HEALTH_CHECK_ACTIVE: 'true', QUEUE_HEALTH_CHECK_PORT: String(health) },
				`http://127.0.0.1:${health}/healthz/readiness`,
			);
			cluster.workers.push(worker);
		}
		await Promise.all([...cluster.webhooks, ...cluster.workers].map((p) => p.server.waitReady()));
		log(`${webhookCount} webhook process(es) on ${webhookPorts.join(', ')} and ${workerCount} worker(s) ready (${Date.now() - t3} ms)`);
		return cluster;
	} catch (error) {
		await stop();
		throw error;
	}
}

/** The execution ids a worker's log says it finished ("Worker finished execution N"). @param {{ logFile: string }} worker */
function executionsFinishedBy(worker) {
	const text = fs.existsSync(worker.logFile) ? fs.readFileSync(worker.logFile, 'utf8') : '';
	return new Set([...text.matchAll(/Worker finished execution (\d+)/g)].map((m) => m[1]));
}

module.exports = { startQueueCluster, missingQueueServices, executionsFinishedBy, INSTALL_HINT };
