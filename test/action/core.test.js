// @ts-check
// The node core: its description (what each provider offers, credentials, codex), the options defaults, the
// speed limiter's guarantee, and the unreliable-answer hint through the engine.
const { NodeHelpers } = require('n8n-workflow');
const { useSandbox } = require('../support/sandbox');
const { runNode, runLoadOptions } = require('../harness');
const { WhatsAppGateway } = require('../../nodes/WhatsAppGateway/WhatsAppGateway.node');
const { OPTION_DEFAULTS, readOptions } = require('../../nodes/shared/options');
const { createRateLimiter } = require('../../nodes/shared/rateLimiter');
const codex = require('../../nodes/WhatsAppGateway/WhatsAppGateway.node.json');

const node = new WhatsAppGateway();
const d = node.description;
const NODE = { typeVersion: 1 };

/** The parameters shown for `values` (n8n's own display rules). */
function shown(values) {
	return d.properties.filter((p) => NodeHelpers.displayParameter(values, p, NODE, d));
}
function single(values, name) {
	const list = shown(values).filter((p) => p.name === name);
	expect(list.length).toBeLessThanOrEqual(1);
	return list[0];
}
/** The options of a parameter the editor shows for `values` (options carry display conditions too). */
function shownOptions(values, name) {
	return single(values, name).options.filter((o) => !o.displayOptions || NodeHelpers.displayParameter(values, o, NODE, d)).map((o) => o.value);
}
/** Every resource.operation a provider (and authentication) offers in the UI. */
function offered(provider, authentication) {
	const base = { provider, ...(authentication ? { authentication } : {}) };
	const resources = shownOptions(base, 'resource');
	return resources.flatMap((resource) => single({ ...base, resource }, 'operation').options.map((o) => `${resource}.${o.value}`)).sort();
}

describe('description', () => {
	test('identity, tool use, icon, subtitle', () => {
		expect(d.name).toBe('whatsAppGateway');
		expect(d.displayName).toBe('WhatsApp Gateway');
		expect(d.usableAsTool).toBe(true);
		expect(d.icon).toEqual({ light: 'file:../../icons/whatsappGateway.svg', dark: 'file:../../icons/whatsappGateway.dark.svg' });
		expect(d.subtitle).toMatch(/\$parameter\["provider"\]/);
		expect(d.subtitle).toMatch(/\$parameter\["operation"\]/);
		expect(codex.node).toBe('n8n-nodes-whatsapp-gateway.whatsAppGateway');
		expect(codex.categories).toEqual(['Communication']);
	});

	test('each provider offers exactly its operations', () => {
		// WaAPI and WSAPI have no interactive messages; On-Premises has no reactions in its API.
		const rich = ['message.markRead', 'message.react', 'message.sendMedia'];
		expect(offered('waapi')).toEqual(['contact.check', 'instance.get', 'instance.list', 'instance.updateWebhook', 'media.download', ...rich, 'message.sendText']);
		expect(offered('wsapi')).toEqual(['contact.check', 'instance.get', 'instance.list', 'instance.updateWebhook', 'media.download', ...rich, 'message.sendText']);
		expect(offered('onPremises', 'login')).toEqual([
			'contact.check',
			'instance.get',
			'instance.updateWebhook',
			'media.download',
			'message.markRead',
			'message.sendInteractive',
			'message.sendMedia',
			'message.sendTemplate',
			'message.sendText',
		]);
		expect(offered('onPremises', 'apiKey')).toEqual(['instance.get']);
		expect(offered('crisp')).toEqual(['message.sendTemplate', 'template.list']);
	});

	test('the right credential shows for each provider', () => {
		const creds = (values) => d.credentials.filter((c) => NodeHelpers.displayParameter(values, c, NODE, d)).map((c) => c.name);
		expect(creds({ provider: 'waapi' })).toEqual(['waApiApi']);
		expect(creds({ provider: 'onPremises', authentication: 'login' })).toEqual(['whatsAppOnPremisesApi']);
		expect(creds({ provider: 'onPremises', authentication: 'apiKey' })).toEqual(['whatsAppOnPremisesApiKeyApi']);
		expect(creds({ provider: 'wsapi' })).toEqual(['wsApiApi']);
		expect(creds({ provider: 'crisp' })).toEqual(['crispWhatsAppApi']);
	});

	test('Crisp says where its webhook is set; the instance locator shows where an instance is needed', () => {
		expect(single({ provider: 'crisp', resource: 'message', operation: 'sendTemplate' }, 'crispNotice').displayName).toMatch(/Crisp dashboard/);
		const waapiSend = single({ provider: 'waapi', resource: 'message', operation: 'sendText' }, 'instanceId');
		expect(waapiSend).toMatchObject({ type: 'resourceLocator', required: true });
		expect(waapiSend.modes.map((m) => m.name)).toEqual(['list', 'id']);
		expect(waapiSend.modes[0].typeOptions.searchListMethod).toBe('searchInstances');
		expect(single({ provider: 'waapi', resource: 'instance', operation: 'list' }, 'instanceId')).toBeUndefined();
		expect(single({ provider: 'wsapi', resource: 'instance', operation: 'get' }, 'instanceId').required).toBeFalsy();
		expect(single({ provider: 'wsapi', resource: 'message', operation: 'sendText' }, 'instanceId')).toBeUndefined();
		expect(single({ provider: 'crisp', resource: 'message', operation: 'sendTemplate' }, 'templateName').typeOptions.loadOptionsMethod).toBe(
			'getTemplates',
		);
		expect(single({ provider: 'onPremises', authentication: 'login', resource: 'message', operation: 'sendTemplate' }, 'templateName').type).toBe(
			'string',
		);
	});

	test('provider, resource and operation take no expressions; every parameter has a description or is a notice', () => {
		for (const p of d.properties) {
			if (['provider', 'resource', 'operation', 'authentication'].includes(p.name)) expect(p.noDataExpression).toBe(true);
		}
		for (const p of d.properties.filter((x) => !['notice', 'options'].includes(x.type) || x.name === 'provider')) {
			expect(typeof p.description === 'string' && p.description.length > 10).toBe(true);
		}
	});

	test('the options defaults in the UI are the ones the node applies', () => {
		const options = d.properties.find((p) => p.name === 'options').options;
		const byName = Object.fromEntries(options.map((o) => [o.name, o.default]));
		expect(byName).toEqual({
			batchSize: OPTION_DEFAULTS.batchSize,
			concurrency: OPTION_DEFAULTS.concurrency,
			// Options of one provider: the defaults its adapter applies when they are not set.
			messageType: 'note',
			defaultCountryCode: OPTION_DEFAULTS.defaultCountryCode,
			includeRaw: OPTION_DEFAULTS.includeRaw,
			legacyHsm: false,
			maxRequestsPerSecond: OPTION_DEFAULTS.maxRequestsPerSecond,
			maxRetries: OPTION_DEFAULTS.maxRetries,
			newSession: false,
			retryPossibleDuplicates: OPTION_DEFAULTS.retryPossibleDuplicates,
			// Mark as Read reads it with bool(option, false).
			showTyping: false,
			timeout: OPTION_DEFAULTS.timeoutMs,
		});
		expect(readOptions({})).toEqual(OPTION_DEFAULTS);
		expect(readOptions({ concurrency: 0, maxRequestsPerSecond: '20', maxRetries: 99, includeRaw: 'true' })).toMatchObject({
			concurrency: 1,
			maxRequestsPerSecond: 20,
			maxRetries: 20,
			includeRaw: true,
		});
	});
});

describe('what n8n 2.41.1\'s editor makes of the description', () => {
	const { ADAPTERS } = require('../../nodes/providers');
	const { selectsExactly } = require('../../nodes/shared/displayScope');

	test('no parameter is taken for the authentication field (and hidden): credentials are shown by condition objects', () => {
		// The editor's getMainAuthField: a parameter named `authentication` among the keys of credentials' `show`,
		// else one whose every option value is among their plain values, is the authentication field.
		for (const c of d.credentials) {
			expect(Object.keys(c.displayOptions.show)).toEqual(['provider']);
			for (const v of c.displayOptions.show.provider) expect(v).toEqual({ _cnd: { eq: expect.any(String) } });
		}
	});

	test('the node picker lists every operation of every provider once, each preselecting a provider that offers it', () => {
		// The picker's rule (editor's node-creator actions): for each `resource` property of the default
		// version, for each of its options, the options of the first `operation` property whose
		// show.resource names it; the action preselects the first value of every `show` condition.
		const actions = [];
		for (const resourceProperty of d.properties.filter((p) => p.name === 'resource')) {
			for (const option of resourceProperty.options) {
				const operation = d.properties.find((p) => p.name === 'operation' && p.displayOptions?.show?.resource?.includes(option.value));
				for (const o of operation.options) {
					const preset = Object.fromEntries(Object.entries(operation.displayOptions.show).map(([k, v]) => [k, v[0]]));
					actions.push({ key: `${option.value}.${o.value}`, action: o.action, preset });
				}
			}
		}
		const keys = actions.map((a) => a.key);
		expect(new Set(keys).size).toBe(keys.length);
		const everyOffered = [...new Set(ADAPTERS.flatMap((a) => a.credentials.flatMap((c) => offered(a.id, c.authentication?.value))))].sort();
		expect([...keys].sort()).toEqual(everyOffered);
		expect(actions.map((a) => a.action)).toContain('Send a template message');
		// The node's other parameters take their defaults (the first Authentication option).
		const firstAuth = (id) => ADAPTERS.find((x) => x.id === id).credentials[0].authentication?.value;
		for (const a of actions) expect(offered(a.preset.provider, a.preset.authentication ?? firstAuth(a.preset.provider))).toContain(a.key);
	});

	test('the picker-only menus never show in the panel; the Resource menu offers only what the provider offers', () => {
		for (const adapter of ADAPTERS) {
			for (const c of adapter.credentials) {
				const values = { provider: adapter.id, ...(c.authentication ? { authentication: c.authentication.value } : {}) };
				const resources = shownOptions(values, 'resource');
				for (const resource of resources) {
					const menus = shown({ ...values, resource }).filter((p) => p.name === 'operation');
					expect([adapter.id, resource, menus.length]).toEqual([adapter.id, resource, 1]);
				}
			}
		}
		expect(shownOptions({ provider: 'waapi' }, 'resource')).toEqual(['contact', 'instance', 'media', 'message']);
		expect(shownOptions({ provider: 'crisp' }, 'resource')).toEqual(['message', 'template']);
		expect(shownOptions({ provider: 'onPremises', authentication: 'apiKey' }, 'resource')).toEqual(['instance']);
	});

	test('each Instance locator is shown for exactly the operations its adapter declares', () => {
		for (const adapter of ADAPTERS) {
			if (adapter.instance) expect(selectsExactly(adapter.instance.operations)).toBe(true);
		}
	});

	test('one display name per provider, in the Provider menu and the subtitle', () => {
		const menu = d.properties.find((p) => p.name === 'provider').options;
		for (const adapter of ADAPTERS) {
			expect(menu.find((o) => o.value === adapter.id).name).toBe(adapter.displayName);
			expect(d.subtitle).toContain(JSON.stringify(adapter.displayName));
		}
	});
});

describe('rate limiter', () => {
	test('no one-second window of arrivals holds more than the limit, whatever the delay between start and arrival', async () => {
		const limit = 50;
		const limiter = createRateLimiter(limit);
		const arrivals = [];
		let seed = 1;
		const random = () => ((seed = (seed * 16807) % 2147483647) / 2147483647);
		const wait = (ms) => new Promise((r) => setTimeout(r, ms));
		// 8 workers, 160 requests; each "arrives" somewhere between its start and its answer, unevenly.
		let left = 160;
		const worker = async () => {
			while (left-- > 0) {
				const release = await limiter.acquire();
				const before = random() * 30;
				await wait(before);
				arrivals.push(Date.now());
				await wait(random() * 30);
				release();
			}
		};
		await Promise.all(Array.from({ length: 8 }, worker));
		expect(arrivals).toHaveLength(160);
		expect(limiter.granted).toBe(160);
		arrivals.sort((a, b) => a - b);
		let peak = 0;
		for (let end = 0, start = 0; end < arrivals.length; end++) {
			while (arrivals[end] - arrivals[start] >= 1000) start++;
			peak = Math.max(peak, end - start + 1);
		}
		expect(peak).toBeLessThanOrEqual(limit);
		// It did limit: 160 requests at 50 per second cannot fit in one window.
		expect(arrivals[arrivals.length - 1] - arrivals[0]).toBeGreaterThanOrEqual(1000);
	});
});

describe('unreliable answers', () => {
	const sb = useSandbox({ reset: false });

	test('On-Premises from v2.43: every item says reliable: false and the run carries a warning hint', async () => {
		sb.configure('onPremises', { version: 'v2.45.1' });
		const r = await runNode({
			nodeType: 'whatsAppGateway',
			parameters: { provider: 'onPremises', authentication: 'login', resource: 'contact', operation: 'check', phoneNumbers: '+491512345678, +491512345670' },
			credentials: { whatsAppOnPremisesApi: sb.credentials.whatsAppOnPremisesApi },
		});
		expect(r.error).toBeUndefined();
		expect(r.items.map((i) => i.reliable)).toEqual([false, false]);
		expect(r.hints).toEqual([expect.objectContaining({ type: 'warning', message: expect.stringMatching(/^2 answer\(s\) are not a real check/) })]);
	});

	test('before v2.43 the answers are real and there is no hint', async () => {
		sb.reset();
		const r = await runNode({
			nodeType: 'whatsAppGateway',
			parameters: { provider: 'onPremises', authentication: 'login', resource: 'contact', operation: 'check', phoneNumbers: '+491512345678' },
			credentials: { whatsAppOnPremisesApi: sb.credentials.whatsAppOnPremisesApi },
		});
		expect(r.items.map((i) => i.reliable)).toEqual([true]);
		expect(r.hints ?? []).toEqual([]);
	});
});

describe('Crisp template picker', () => {
	const sb = useSandbox({ reset: false });

	test('every template page, one option per name with its languages; languages follow the chosen name', async () => {
		const credentials = { crispWhatsAppApi: sb.credentials.crispWhatsAppApi };
		const options = await runLoadOptions({ nodeType: 'whatsAppGateway', method: 'getTemplates', parameters: { provider: 'crisp' }, credentials });
		const byName = new Map();
		// Approved templates only: the others cannot be sent.
		for (const t of sb.state.crisp.templates.filter((x) => x.status === 'APPROVED')) byName.set(t.name, [...(byName.get(t.name) ?? []), t.language]);
		expect(options.map((o) => o.value)).toEqual([...byName.keys()].sort((a, b) => a.localeCompare(b)));
		for (const o of options) expect(o.name).toBe(`${o.value} (${byName.get(o.value).join(', ')})`);
		// More than one page was read.
		expect(sb.requests('crisp', { method: 'GET' }).length).toBeGreaterThan(1);

		const chosen = sb.state.crisp.templates.find((t) => t.language === 'de_DE').name;
		const languages = await runLoadOptions({
			nodeType: 'whatsAppGateway',
			method: 'getTemplateLanguages',
			parameters: { provider: 'crisp', templateName: chosen },
			credentials,
		});
		expect(languages.map((o) => o.value)).toEqual([...new Set(byName.get(chosen))].sort());
	});
});
