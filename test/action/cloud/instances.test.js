// @ts-check
// Cloud API numbers, webhook overrides and templates through the real engine: every page of the WABA's
// numbers and templates (the `next` link is never followed: Graph writes the token into it), a number with
// its override, Update Webhook (Meta's handshake against the URL, an empty URL removes the override), the
// instance list of the locator and the template pickers, and what the description offers for Cloud.
const { NodeHelpers } = require('n8n-workflow');
const { startSandbox } = require('../../sandbox');
const { runListSearch, runLoadOptions } = require('../../harness');
const { WhatsAppGateway } = require('../../../nodes/WhatsAppGateway/WhatsAppGateway.node');
const { rl, runner, graph, startEndpoint } = require('./helpers');

/** @type {any} */
let sb;
/** @type {ReturnType<typeof runner>} */
let run;
/** @type {string} */
let pid;

beforeAll(async () => {
	sb = await startSandbox();
	run = runner(sb);
	pid = sb.ids.cloudPhoneNumberIds[0];
});
afterAll(async () => {
	await sb.close();
});
beforeEach(() => sb.reset());

const credentials = () => ({ whatsAppGatewayCloudApi: sb.credentials.whatsAppGatewayCloudApi });

/** Adds numbers to the WABA so that listing them takes several pages. */
function addNumbers(count) {
	const template = sb.state.cloud.numbers[0];
	for (let i = 0; i < count; i++) {
		const id = String(200000000000000 + i);
		sb.state.cloud.numbers.push({ ...structuredClone(template), id, display_phone_number: `+1 555-100-${String(i).padStart(4, '0')}`, verified_name: `Branch ${i}` });
	}
}

function addTemplates(count) {
	for (let i = 0; i < count; i++) {
		sb.state.cloud.templates.push({
			id: String(3000000000000 + i),
			name: `bulk_template_${String(i).padStart(3, '0')}`,
			language: i % 2 ? 'de_DE' : 'en_US',
			status: 'APPROVED',
			category: 'UTILITY',
			parameter_format: 'POSITIONAL',
			components: [{ type: 'BODY', text: `Bulk ${i}` }],
		});
	}
}

describe('instance.list', () => {
	test('every page of the WABA\'s numbers, one item each with its override; the token never in a query', async () => {
		addNumbers(247);
		sb.state.cloud.numberOverrides[pid] = { url: 'https://hooks.example.com/cloud', verifyToken: 'x' };
		const r = await run({ resource: 'instance', operation: 'list' });
		expect(r.error).toBeUndefined();
		expect(r.items).toHaveLength(250);
		expect(r.items.map((i) => i.id)).toEqual(sb.state.cloud.numbers.map((n) => n.id));
		expect(r.items[0]).toEqual({
			provider: 'cloud',
			id: pid,
			name: '+1 555-078-3881 - Jaspers Market',
			status: 'CONNECTED',
			webhookUrl: 'https://hooks.example.com/cloud',
			webhookEvents: [],
		});
		expect(r.items[2]).toMatchObject({ id: sb.ids.cloudPhoneNumberIds[2], status: 'PENDING', webhookUrl: null });
		const pages = sb.requests('cloud', { method: 'GET', path: graph(`/${sb.ids.cloudWabaId}/phone_numbers`) });
		expect(pages).toHaveLength(3);
		expect(pages[0].query.after).toBeUndefined();
		expect(pages[1].query.after).toEqual(expect.any(String));
		expect(pages.map((p) => p.query.limit)).toEqual(['100', '100', '100']);
		for (const p of pages) expect(p.query.access_token).toBeUndefined();
		for (const p of pages) expect(p.query.fields).toContain('webhook_configuration');
	});

	test('includeRaw keeps Meta\'s number object', async () => {
		const r = await run({ resource: 'instance', operation: 'list', options: { includeRaw: true } });
		expect(r.items[0].raw).toMatchObject({ id: pid, verified_name: 'Jaspers Market', quality_rating: 'GREEN', platform_type: 'CLOUD_API' });
	});

	test('the Instance locator lists every number, searchable', async () => {
		addNumbers(120);
		const all = await runListSearch({ nodeType: 'whatsAppGateway', method: 'searchInstances', parameters: { provider: 'cloud' }, credentials: credentials() });
		expect(all.results).toHaveLength(123);
		expect(all.results[0]).toEqual({ name: `+1 555-078-3881 - Jaspers Market (${pid}) · CONNECTED`, value: pid });
		const uk = await runListSearch({ nodeType: 'whatsAppGateway', method: 'searchInstances', parameters: { provider: 'cloud' }, credentials: credentials(), filter: 'uk' });
		expect(uk.results.map((x) => x.value)).toEqual([sb.ids.cloudPhoneNumberIds[2]]);
	});
});

describe('instance.get', () => {
	test('the number with its own webhook override (the WABA\'s and the app\'s are not it)', async () => {
		sb.state.cloud.numberOverrides[pid] = { url: 'https://hooks.example.com/n8n', verifyToken: 'x' };
		sb.configure('cloud', { callbackUrl: 'https://app.example.com/meta' });
		const r = await run({ resource: 'instance', operation: 'get', instanceId: rl(pid), options: { includeRaw: true } });
		expect(r.error).toBeUndefined();
		expect(r.items[0]).toMatchObject({ provider: 'cloud', id: pid, name: '+1 555-078-3881 - Jaspers Market', status: 'CONNECTED', webhookUrl: 'https://hooks.example.com/n8n', webhookEvents: [] });
		expect(r.items[0].raw.webhook_configuration).toEqual({ phone_number: 'https://hooks.example.com/n8n', application: 'https://app.example.com/meta' });
		const [get] = sb.requests('cloud', { method: 'GET', path: graph(`/${pid}`) });
		expect(get.query.fields.split(',')).toEqual(expect.arrayContaining(['webhook_configuration', 'verified_name', 'status']));

		const other = await run({ resource: 'instance', operation: 'get', instanceId: rl(sb.ids.cloudPhoneNumberIds[1]) });
		expect(other.items[0].webhookUrl).toBeNull();
	});
});

describe('instance.updateWebhook', () => {
	test('sets the number override after Meta\'s handshake with the verify token; an empty URL removes it', async () => {
		const endpoint = await startEndpoint({ verifyToken: 'my-verify-token' });
		try {
			const r = await run({ resource: 'instance', operation: 'updateWebhook', instanceId: rl(pid), webhookUrl: endpoint.url, verifyToken: 'my-verify-token' });
			expect(r.error).toBeUndefined();
			expect(r.items).toEqual([{ provider: 'cloud', instanceId: pid, webhookUrl: endpoint.url, webhookEvents: [] }]);
			expect(sb.state.cloud.numberOverrides[pid]).toEqual({ url: endpoint.url, verifyToken: 'my-verify-token' });
			expect(endpoint.gets).toEqual([expect.objectContaining({ 'hub.mode': 'subscribe', 'hub.verify_token': 'my-verify-token' })]);
			const [post] = sb.requests('cloud', { method: 'POST', path: graph(`/${pid}`) });
			expect(post.body).toEqual({ webhook_configuration: { override_callback_uri: endpoint.url, verify_token: 'my-verify-token' } });

			const removed = await run({ resource: 'instance', operation: 'updateWebhook', instanceId: rl(pid), webhookUrl: '' });
			expect(removed.error).toBeUndefined();
			expect(removed.items[0]).toMatchObject({ instanceId: pid, webhookUrl: null });
			expect(sb.state.cloud.numberOverrides[pid]).toBeUndefined();
			expect(sb.requests('cloud', { method: 'POST', path: graph(`/${pid}`) })[1].body).toEqual({ webhook_configuration: { override_callback_uri: '' } });
		} finally {
			await endpoint.close();
		}
	});

	test('a URL without a verify token is refused before any request', async () => {
		const r = await run({ resource: 'instance', operation: 'updateWebhook', instanceId: rl(pid), webhookUrl: 'https://hooks.example.com/x', verifyToken: '' });
		expect(r.error.message).toMatch(/set the phone number's webhook override \(item 0\): the Verify Token is empty/);
		expect(sb.log).toHaveLength(0);
	});

	test('an endpoint that does not answer the handshake: Meta\'s 2200 with the hint, nothing set', async () => {
		const endpoint = await startEndpoint({ verifyToken: 'another-token' });
		try {
			const r = await run({ resource: 'instance', operation: 'updateWebhook', instanceId: rl(pid), webhookUrl: endpoint.url, verifyToken: 'my-verify-token' });
			expect(r.error.message).toMatch(/Callback verification failed .*HTTP Status Code = 403.*\[HTTP 400, code 2200\]$/);
			expect(r.error.description).toMatch(/answer Meta's GET/);
			expect(sb.state.cloud.numberOverrides[pid]).toBeUndefined();
		} finally {
			await endpoint.close();
		}
	});
});

describe('template.list and the template pickers', () => {
	test('every page of templates, with the contract fields', async () => {
		addTemplates(190);
		const r = await run({ resource: 'template', operation: 'list' });
		expect(r.error).toBeUndefined();
		expect(r.items).toHaveLength(203);
		expect(r.items[0]).toEqual({
			provider: 'cloud',
			id: sb.state.cloud.templates[0].id,
			name: 'hello_world',
			language: 'en_US',
			category: 'UTILITY',
			status: 'APPROVED',
			components: sb.state.cloud.templates[0].components,
		});
		expect(r.items.map((t) => t.status)).toEqual(expect.arrayContaining(['PENDING', 'REJECTED', 'PAUSED', 'DISABLED']));
		const pages = sb.requests('cloud', { method: 'GET', path: graph(`/${sb.ids.cloudWabaId}/message_templates`) });
		expect(pages).toHaveLength(3);
		for (const p of pages) expect(p.query.access_token).toBeUndefined();
	});

	test('the pickers read every page: names with their languages, languages of the chosen name', async () => {
		addTemplates(150);
		const options = await runLoadOptions({ nodeType: 'whatsAppGateway', method: 'getTemplates', parameters: { provider: 'cloud' }, credentials: credentials() });
		expect(options.find((o) => o.value === 'hello_world')).toEqual({ name: 'hello_world (en_US, de_DE)', value: 'hello_world', description: 'UTILITY · APPROVED' });
		expect(options.find((o) => o.value === 'bulk_template_149')).toBeDefined();
		const languages = await runLoadOptions({ nodeType: 'whatsAppGateway', method: 'getTemplateLanguages', parameters: { provider: 'cloud', templateName: 'hello_world' }, credentials: credentials() });
		expect(languages.map((l) => l.value)).toEqual(['de_DE', 'en_US']);
	});
});

describe('the description for Cloud', () => {
	const d = new WhatsAppGateway().description;
	const NODE = { typeVersion: 1 };
	const shown = (values) => d.properties.filter((p) => NodeHelpers.displayParameter(values, p, NODE, d));
	const names = (values) => shown(values).map((p) => p.name);

	test('the operations the adapter declares, no contact check; the credential for Cloud only', () => {
		const values = { provider: 'cloud' };
		// The Resource menu offers only the resources the provider has (its options carry display conditions).
		const resources = shown(values)
			.find((p) => p.name === 'resource')
			.options.filter((o) => !o.displayOptions || NodeHelpers.displayParameter(values, o, NODE, d))
			.map((o) => o.value);
		expect(resources).not.toContain('contact');
		const offered = resources.flatMap((resource) => shown({ provider: 'cloud', resource }).find((p) => p.name === 'operation')?.options.map((o) => `${resource}.${o.value}`) ?? []);
		expect(offered.sort()).toEqual(['instance.get', 'instance.list', 'instance.updateWebhook', 'media.download', 'message.markRead', 'message.react', 'message.sendInteractive', 'message.sendMedia', 'message.sendTemplate', 'message.sendText', 'template.list']);
		const creds = d.credentials.filter((c) => NodeHelpers.displayParameter({ provider: 'cloud' }, c, NODE, d)).map((c) => c.name);
		expect(creds).toEqual(['whatsAppGatewayCloudApi']);
		expect(d.credentials.filter((c) => NodeHelpers.displayParameter({ provider: 'waapi' }, c, NODE, d)).map((c) => c.name)).toEqual(['waApiApi']);
	});

	test('Send Template shows the pickers and the Cloud-only fields; other providers never see them', () => {
		const values = { provider: 'cloud', resource: 'message', operation: 'sendTemplate', templateHeaderType: 'document' };
		const here = shown(values);
		expect(here.find((p) => p.name === 'templateName').typeOptions.loadOptionsMethod).toBe('getTemplates');
		expect(names(values)).toEqual(expect.arrayContaining(['instanceId', 'to', 'templateLanguage', 'bodyParameters', 'namedBodyParameters', 'templateButtons', 'templateHeaderMedia', 'templateHeaderFileName']));
		expect(names({ ...values, templateHeaderType: 'text' })).toEqual(expect.arrayContaining(['templateHeaderText', 'templateHeaderParameterName']));
		expect(names({ ...values, templateHeaderType: 'none' })).not.toContain('templateHeaderMedia');
		const crisp = names({ provider: 'crisp', resource: 'message', operation: 'sendTemplate', templateHeaderType: 'document' });
		for (const own of ['namedBodyParameters', 'templateButtons', 'templateHeaderType', 'templateHeaderMedia', 'verifyToken']) expect(crisp).not.toContain(own);
		expect(names({ provider: 'cloud', resource: 'instance', operation: 'updateWebhook' })).toEqual(expect.arrayContaining(['instanceId', 'webhookUrl', 'verifyToken']));
		expect(names({ provider: 'waapi', resource: 'instance', operation: 'updateWebhook' })).not.toContain('verifyToken');
		expect(shown({ provider: 'cloud', resource: 'instance', operation: 'list' }).find((p) => p.name === 'instanceId')).toBeUndefined();
	});
});
