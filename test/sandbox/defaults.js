// @ts-check
// Demo secrets and the initial provider state. Shared by startSandbox, `npm run sandbox` and `npm start`
// so every entry point uses the same (demo, printable) values.
const { CLOUD_DEMO, initialCloudState } = require('./cloudState');

const demoSecrets = Object.freeze({
	waapi: { apiToken: 'waapi-demo-token-7f3c9a' },
	onPremises: {
		username: 'admin',
		password: 'onprem-demo-Passw0rd!',
		apiKey: 'onprem-demo-api-key-0123456789',
	},
	wsapi: {
		instanceKeys: { 'ins_demo1': 'wsapi-demo-instance-key-1', 'ins_demo2': 'wsapi-demo-instance-key-2' },
		customerKey: 'wsapi-demo-customer-key',
		adminKey: 'wsapi-demo-admin-key',
		signingSecret: 'wsapi-demo-signing-secret',
	},
	crisp: {
		identifier: 'crisp-demo-identifier',
		key: 'crisp-demo-key-5b8e1d',
		websiteId: '8c842203-7ed8-4e29-a608-7cf78a7d2fcc',
	},
	cloud: { accessToken: CLOUD_DEMO.accessToken, noScopeToken: CLOUD_DEMO.noScopeToken, appSecret: CLOUD_DEMO.appSecret },
});

const demoIds = Object.freeze({
	waapiInstances: ['101', '102'],
	wsapiInstanceId: 'ins_demo1',
	wsapiInstances: ['ins_demo1', 'ins_demo2'],
	crispWebsiteId: demoSecrets.crisp.websiteId,
	cloudWabaId: CLOUD_DEMO.wabaId,
	cloudAppId: CLOUD_DEMO.appId,
	cloudPhoneNumberIds: CLOUD_DEMO.phoneNumberIds,
});

const defaultKnobs = Object.freeze({
	latencyMs: 0,
	rateLimit: null,
	faults: [],
	tokenLifetimeMs: 7 * 24 * 3600 * 1000,
	version: 'v2.41.2',
	paired: true,
	connected: true,
	callbackUrl: null,
	callbackOutcome: 'success',
	callbackDelayMs: 50,
	// Cloud API: media URLs live 5 minutes (Meta spec retrieveMediaUrl), the customer-service window 24 hours
	mediaUrlLifetimeMs: 5 * 60 * 1000,
	serviceWindowMs: 24 * 3600 * 1000,
	fileSizeAsString: false,
	// WSAPI: the server's WSAPI_MEDIA_MAX_FILE_SIZE (default 100MB, internal/config/config.go)
	mediaMaxBytes: 100 * 1024 * 1024,
	// WaAPI: whether the account has webhook subscriptions (true; 'forbidden' or false: see waapi.js).
	subscriptions: true,
	// WSAPI self-hosted: the server's WSAPI_DEFAULT_* settings, applied to what a config update leaves out
	// ({ apiKey, webhookUrl, signingSecret, eventFilters, historySync }; see wsapi.js).
	instanceDefaults: {},
	// On-Premises: false answers without the `meta` object (see onPremises.js); `version: null` leaves out meta.version.
	meta: true,
});

const CREATED = '2025-01-15T10:00:00Z';

/** The templates the Crisp website has: 45 approved (3 pages of 20) plus 3 that are not approved. */
function demoTemplates() {
	const templates = [];
	const fixed = [
		{ name: 'hello_world', category: 'UTILITY', body: 'Hello {{1}}, welcome!' },
		{ name: 'sample_issue_resolution', category: 'UTILITY', body: 'Hi {{1}}, was your issue resolved?' },
		{ name: 'order_confirmation', category: 'UTILITY', body: 'Order {{1}} confirmed, total {{2}}.' },
	];
	for (let i = 0; i < 45; i++) {
		const base = fixed[i] ?? {
			name: `demo_template_${String(i + 1).padStart(2, '0')}`,
			category: i % 3 === 0 ? 'MARKETING' : 'UTILITY',
			body: `Demo template ${i + 1} for {{1}}.`,
		};
		templates.push(template(i + 1, base.name, i % 7 === 6 ? 'de_DE' : 'en_US', base.category, 'APPROVED', base.body));
	}
	templates.push(template(46, 'pending_promo', 'en_US', 'MARKETING', 'PENDING', 'Promo {{1}}'));
	templates.push(template(47, 'rejected_offer', 'en_US', 'MARKETING', 'REJECTED', 'Offer {{1}}'));
	templates.push(template(48, 'paused_reminder', 'en_US', 'UTILITY', 'PAUSED', 'Reminder {{1}}'));
	return templates;
}

function template(n, name, language, category, status, body) {
	return {
		id: String(1000000000000000 + n),
		name,
		language,
		category,
		status,
		quality_score: { score: 'GREEN' },
		components: [
			{ type: 'HEADER', format: 'TEXT', text: name.replace(/_/g, ' ') },
			{ type: 'BODY', text: body },
			{ type: 'FOOTER', text: 'Sent via Crisp' },
		],
	};
}

/** A fresh copy of every provider's live state. */
function initialState() {
	return {
		waapi: {
			token: demoSecrets.waapi.apiToken,
			me: '4915199999999',
			instances: [
				{ id: 101, name: 'Support line', owner: 'demo@example.com', webhook_url: null, webhook_events: [], is_trial: false, me: '4915199999999', subscriptions: [] },
				{ id: 102, name: 'Sales line', owner: 'demo@example.com', webhook_url: null, webhook_events: [], is_trial: true, me: '4915188888888', subscriptions: [] },
			],
			nextSubscriptionId: 0,
			/** every send-message the instances carried out: { instanceId, chatId, message, messageId, delivered } */
			sent: [],
		},
		onPremises: {
			username: demoSecrets.onPremises.username,
			password: demoSecrets.onPremises.password,
			apiKey: demoSecrets.onPremises.apiKey,
			tokens: {},
			gatewayStatus: 'connected',
			settings: {
				callback_backoff_delay_ms: 3000,
				max_callback_backoff_delay_ms: 900000,
				callback_persist: true,
				media: { auto_download: [] },
				pass_through: true,
				sent_status: false,
				unhealthy_interval: 30,
				heartbeat_interval: 5,
				webhooks: { url: null, max_concurrent_requests: 6, message: { sent: false, delivered: false, read: false } },
				wa_id: '15550001111',
			},
		},
		wsapi: {
			customerKey: demoSecrets.wsapi.customerKey,
			adminKey: demoSecrets.wsapi.adminKey,
			instances: demoIds.wsapiInstances.map((id, i) => ({
				id,
				name: i === 0 ? 'Main number' : 'Second number',
				created: CREATED,
				apiKey: demoSecrets.wsapi.instanceKeys[id],
				phone: i === 0 ? '4915177777777' : '4915166666666',
				deviceId: i === 0 ? '4915177777777:12@s.whatsapp.net' : '4915166666666:3@s.whatsapp.net',
				webhookUrl: null,
				signingSecret: i === 0 ? demoSecrets.wsapi.signingSecret : null,
				eventFilters: [],
				historySync: false,
				pullMode: false,
				useCustomDefaults: false,
			})),
			/** every accepted POST /messages/text: { instanceId, to, jid, text, id } */
			sent: [],
		},
		crisp: {
			identifier: demoSecrets.crisp.identifier,
			key: demoSecrets.crisp.key,
			websiteId: demoSecrets.crisp.websiteId,
			templates: demoTemplates(),
			callbackUrl: null,
			requests: [],
			callbacks: [],
		},
		cloud: initialCloudState(),
		/** bytes of received media the providers serve (inboundMedia.js), by provider and id */
		inboundMedia: { waapi: {}, onPremises: {}, wsapi: {} },
	};
}

module.exports = { demoSecrets, demoIds, defaultKnobs, initialState };
