// The trigger's Instance list: the same provider instance lists as the action node, through n8n-core's
// real LoadOptionsContext.
const { runListSearch } = require('../harness');
const { useSandbox } = require('../support/sandbox');

const sb = useSandbox({ reset: 'clearLog' });

test('WaAPI: every instance of the account, filterable by name', async () => {
	const creds = { waApiApi: sb.credentials.waApiApi };
	const all = await runListSearch({ nodeType: 'whatsAppGatewayTrigger', method: 'searchInstances', parameters: { provider: 'waapi' }, credentials: creds });
	expect(all.results.map((o) => o.value)).toEqual(sb.state.waapi.instances.map((i) => String(i.id)));
	expect(sb.log.map((e) => `${e.method} ${e.path}`)).toEqual(['GET /api/v1/instances']);
	const second = sb.state.waapi.instances[1];
	const filtered = await runListSearch({
		nodeType: 'whatsAppGatewayTrigger',
		method: 'searchInstances',
		parameters: { provider: 'waapi' },
		credentials: creds,
		filter: second.name.toUpperCase(),
	});
	expect(filtered.results.map((o) => o.value)).toEqual([String(second.id)]);
});

test('WSAPI hosted: the account instances, with the customer key and no instance header', async () => {
	const r = await runListSearch({
		nodeType: 'whatsAppGatewayTrigger',
		method: 'searchInstances',
		parameters: { provider: 'wsapi' },
		credentials: { wsApiApi: sb.credentials.wsApiApi },
	});
	expect(r.results.map((o) => o.value)).toEqual(sb.ids.wsapiInstances);
	expect(sb.log).toHaveLength(1);
	expect(sb.log[0].path).toBe('/account/instances');
	expect(sb.log[0].headers['x-api-key']).toBe(sb.credentials.wsApiApi.accountApiKey);
	expect(sb.log[0].headers['x-instance-id']).toBeUndefined();
});

test('Crisp has no instances: an empty list and no request', async () => {
	const r = await runListSearch({
		nodeType: 'whatsAppGatewayTrigger',
		method: 'searchInstances',
		parameters: { provider: 'crisp' },
		credentials: { crispWhatsAppApi: sb.credentials.crispWhatsAppApi },
	});
	expect(r.results).toEqual([]);
	expect(sb.log).toHaveLength(0);
});
