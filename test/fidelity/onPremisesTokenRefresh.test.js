// @ts-check
// On-Premises session tokens across n8n workers. Two n8n processes (queue-mode workers) share ONE stored
// credential (the database) but each has its own memory. When every token has expired, executions on both
// workers meet a 401 at the same time and each refreshes the credential: every execution must still succeed.
// Each "worker" here is n8n-core's engine with its own credentials helper over one shared store and its own,
// separately loaded copy of the credential's module (so module state is per process, as in n8n).
const { useSandbox } = require('../support/sandbox');
const { runNode, HarnessCredentialsHelper } = require('../harness');

const sb = useSandbox();

/** The credential type as a fresh process loads it: a module instance of its own. */
function credentialTypeOfAnotherProcess() {
	/** @type {any} */
	let type;
	jest.isolateModules(() => {
		const { WhatsAppOnPremisesApi } = require('../../credentials/WhatsAppOnPremisesApi.credentials');
		type = new WhatsAppOnPremisesApi();
	});
	return type;
}

/** One n8n worker: an engine whose credentials come from `store`. */
function worker(store) {
	return new HarnessCredentialsHelper(store, { credentialTypes: { whatsAppOnPremisesApi: credentialTypeOfAnotherProcess() } });
}

/** One execution of a contact check on a worker; its error message, or null when it succeeded. */
async function execution(credentialsHelper, n) {
	const r = await runNode({
		nodeType: 'whatsAppGateway',
		parameters: { provider: 'onPremises', authentication: 'login', resource: 'contact', operation: 'check', phoneNumbers: `+1 516 283 71${String(n).padStart(2, '1')}` },
		credentialsHelper,
	});
	if (r.error) return String(r.error.message);
	expect(r.items).toHaveLength(1);
	return null;
}

/** Rounds of: every token expires, then two executions on each worker at once; the failed ones. */
async function expiringRounds(a, b, rounds = 4) {
	const failures = [];
	for (let round = 1; round <= rounds; round++) {
		sb.expireTokens();
		const results = await Promise.all([execution(a, 1), execution(b, 2), execution(a, 3), execution(b, 4)]);
		results.forEach((message, i) => {
			if (message !== null) failures.push(`round ${round}, worker ${i % 2 === 0 ? 'A' : 'B'}: ${message}`);
		});
	}
	return failures;
}

test('after every token expired, concurrent executions on two workers sharing one credential all succeed', async () => {
	// The credentials table: one row, no session token yet.
	const store = { whatsAppOnPremisesApi: { ...sb.credentials.whatsAppOnPremisesApi } };
	expect(await expiringRounds(worker(store), worker(store))).toEqual([]);
	// Both workers used the one stored credential: the store holds a token the Webapp accepts.
	expect(sb.state.onPremises.tokens[store.whatsAppOnPremisesApi.sessionToken]).toMatchObject({ revoked: false });
});

test('control: two engines in ONE process (one credential module) sharing the credential all succeed', async () => {
	const store = { whatsAppOnPremisesApi: { ...sb.credentials.whatsAppOnPremisesApi } };
	const type = credentialTypeOfAnotherProcess();
	const engine = () => new HarnessCredentialsHelper(store, { credentialTypes: { whatsAppOnPremisesApi: type } });
	expect(await expiringRounds(engine(), engine())).toEqual([]);
});
