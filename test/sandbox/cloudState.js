// @ts-check
// Meta WhatsApp Cloud API: the demo account (one WABA, three business numbers, one app), its message templates,
// the Graph API version table and Meta's error titles. Sources are cited beside each fact; "GUESS" marks what
// the public sources do not state.

/** Demo identifiers and secrets (printable, not real). */
const CLOUD_DEMO = Object.freeze({
	// WABA id of the Meta spec's webhook examples (facebook/openapi business-messaging-api_v23.0.yaml, /whatsapp/webhooks)
	wabaId: '102290129340398',
	appId: '987654321098765',
	appName: 'Gateway Demo App',
	accessToken: 'EAAGcloud-demo-access-token-3f9c1a',
	// a valid token that carries no WhatsApp permission: Meta answers code 200/10 (HTTP 403)
	noScopeToken: 'EAAGcloud-demo-no-scope-token-7d2e4b',
	appSecret: 'cloud-demo-app-secret-9b1f0c',
	phoneNumberIds: ['106540352242922', '106540352242933', '106540352242944'],
});

// Permissions: `whatsapp_business_messaging` (send, media) and `whatsapp_business_management` (templates, phone
// numbers, subscribed_apps) (Meta spec prerequisites of each path).
const SCOPES = { messaging: 'whatsapp_business_messaging', management: 'whatsapp_business_management' };

/**
 * Graph API versions and the day each stops being served (Graph API changelog,
 * https://developers.facebook.com/docs/graph-api/changelog). The version after v26.0 was released on 2026-11-04
 * without its number on the English page: GUESS v27.0.
 */
const GRAPH_VERSIONS = [
	{ version: 'v20.0', released: '2024-05-21', availableUntil: '2026-09-24' },
	{ version: 'v21.0', released: '2024-10-02', availableUntil: '2027-01-21' },
	{ version: 'v22.0', released: '2025-01-21', availableUntil: '2027-05-20' },
	{ version: 'v23.0', released: '2025-05-29', availableUntil: '2027-10-08' },
	{ version: 'v24.0', released: '2025-10-08', availableUntil: '2028-02-18' },
	{ version: 'v25.0', released: '2026-02-18', availableUntil: '2028-07-29' },
	{ version: 'v26.0', released: '2026-07-29', availableUntil: null },
	{ version: 'v27.0', released: '2026-11-04', availableUntil: null },
];

const versionNumber = (v) => {
	const m = /^v(\d+)\.(\d+)$/.exec(String(v));
	return m ? Number(m[1]) * 1000 + Number(m[2]) : NaN;
};

/** The versions served at `now`: released and not yet past their "available until" day. */
function liveVersions(now = Date.now()) {
	return GRAPH_VERSIONS.filter((v) => Date.parse(v.released) <= now && (v.availableUntil === null || Date.parse(v.availableUntil) > now));
}

/**
 * Which version answers a call to `requested`. "Once a version is no longer usable, any calls made to it will be
 * defaulted to the next oldest usable version" (https://developers.facebook.com/docs/graph-api/guides/versioning),
 * so an expired version (e.g. n8n's hard-coded v13.0) is served by the oldest live one. A number that was never
 * released (newer than the newest, or between two releases like v22.5) is refused (null); what Graph answers
 * then is a GUESS.
 */
function servedVersion(requested, now = Date.now()) {
	const live = liveVersions(now);
	const n = versionNumber(requested);
	if (Number.isNaN(n) || live.length === 0) return null;
	if (n < versionNumber(live[0].version)) return live[0].version;
	const exact = live.find((v) => versionNumber(v.version) === n);
	return exact ? exact.version : null;
}

/**
 * Titles (Meta error codes table, https://developers.facebook.com/documentation/business-messaging/whatsapp/support/error-codes)
 * and details (the descriptions in pywa `pywa/errors.py`) of the codes the sandbox answers. Titles of the Graph
 * codes 2/4/100/104/190/200/803 are the messages of the Meta spec's response examples; 10's is a GUESS.
 */
const ERRORS = {
	2: { title: 'An unexpected error occurred. Please retry your request', type: 'GraphMethodException' },
	4: { title: 'Application request limit reached' },
	10: { title: 'Application does not have permission for this action', details: 'Permission is either not granted or has been removed.' },
	100: { title: 'Invalid parameter' },
	104: { title: 'An access token is required to request this resource' },
	190: { title: 'Invalid OAuth access token' },
	200: { title: 'Requires whatsapp_business_messaging or whatsapp_business_management permission', details: 'Permission is either not granted or has been removed.' },
	368: { title: 'Temporarily blocked for policies violations', details: 'The WhatsApp Business Account associated with the app has been restricted or disabled for violating a platform policy.' },
	803: { title: 'Object not found', type: 'GraphMethodException' },
	2200: { title: 'Callback verification failed' },
	80007: { title: 'Rate limit issues', details: 'The WhatsApp Business Account has reached its rate limit.' },
	130429: { title: 'Rate limit hit', details: 'Cloud API message throughput has been reached.' },
	131000: { title: 'Something went wrong', details: 'Message failed to send due to an unknown error.' },
	131005: { title: 'Access denied', details: 'Permission is either not granted or has been removed.' },
	131008: { title: 'Required parameter is missing', details: 'You must provide a value for the required parameter.' },
	131009: { title: 'Parameter value is not valid', details: 'The parameter you passed is invalid.' },
	131016: { title: 'Service unavailable', details: 'A service is temporarily unavailable.' },
	131021: { title: 'Recipient cannot be sender', details: 'Sender and recipient phone number is the same.' },
	131026: { title: 'Message undeliverable', details: 'Unable to deliver message. Reasons can include: the recipient phone number is not a WhatsApp phone number; the recipient has not accepted the new Terms of Service; the recipient uses an old WhatsApp version.' },
	131030: { title: 'Recipient phone number not in allowed list', details: 'When using test numbers, you can add up to 5 numbers that can receive messages.' },
	131031: { title: 'Account has been locked', details: 'The WhatsApp Business Account associated with the app has been restricted or disabled for violating a platform policy.' },
	// details as Meta's table words it (pywa: "More than 24 hours have passed since the recipient last replied")
	131047: { title: 'Re-engagement message', details: 'Message failed to send because more than 24 hours have passed since the customer last replied to this number.' },
	131048: { title: 'Spam rate limit hit', details: 'Message failed to send because there are restrictions on how many messages can be sent from this phone number.' },
	131049: { title: 'This message was not delivered to maintain healthy ecosystem engagement.', details: 'This message was not delivered to maintain healthy ecosystem engagement.' },
	131050: { title: 'User has stopped marketing messages', details: 'User has stopped marketing messages from the business account.' },
	131051: { title: 'Unsupported message type', details: 'The message type is not supported.' },
	131052: { title: 'Media download error', details: 'Unable to download the media sent by the user.' },
	131053: { title: 'Media upload error', details: 'Unable to upload the media used in the message.' },
	131056: { title: '(Business Account, Consumer Account) pair rate limit hit', details: 'Too many messages sent from the sender phone number to the same recipient phone number in a short period of time.' },
	131057: { title: 'Account in maintenance mode', details: 'Business Account is in maintenance mode' },
	131062: { title: 'Business-scoped User ID recipients are not supported for this message', details: 'Business-scoped User ID (BSUID) recipients are not supported for this message.' },
	132000: { title: 'Number of parameters does not match the expected number of params', details: 'The number of variable parameter values included in the request did not match the number of variable parameters defined in the template.' },
	132001: { title: 'Template name does not exist in the translation', details: 'The template does not exist in the specified language or the template has not been approved.' },
	132005: { title: 'Translated text too long', details: 'The template text is too long.' },
	132007: { title: 'Template format character policy violated', details: 'The template content violates a WhatsApp policy.' },
	132008: { title: 'Template parameter format mismatch', details: 'Variable parameter values formatted incorrectly.' },
	132012: { title: 'Template parameter format mismatch', details: 'Variable parameter values formatted incorrectly.' },
	132015: { title: 'Template is paused', details: 'Template is paused due to low quality so it cannot be sent in a template message.' },
	132016: { title: 'Template is disabled', details: 'Template has been paused too many times due to low quality and is now permanently disabled.' },
	135000: { title: 'Generic user error', details: 'Generic error.' },
};

/** Default Meta code for an HTTP status, when a fault names only the status (Meta spec response examples). */
const CODE_FOR_STATUS = { 400: 100, 401: 190, 403: 200, 404: 803, 429: 4, 500: 2, 502: 2, 503: 2 };

const NOW_CREATED = 1735689600; // 2025-01-01T00:00:00Z, a fixed creation time for stable answers

/**
 * Business phone numbers. Fields from the Meta spec (`PhoneNumberInfo`, GET /{WABA-ID}/phone_numbers example) and
 * pywa's phone example (`platform_type`, `throughput`).
 */
function demoNumbers() {
	const base = (id, display, name, quality, extra = {}) => ({
		id,
		display_phone_number: display,
		verified_name: name,
		quality_rating: quality,
		code_verification_status: 'VERIFIED',
		name_status: 'APPROVED',
		status: 'CONNECTED',
		platform_type: 'CLOUD_API',
		throughput: { level: 'STANDARD' },
		messaging_limit_tier: 'TIER_1K',
		account_mode: 'LIVE',
		is_official_business_account: false,
		...extra,
	});
	return [
		base(CLOUD_DEMO.phoneNumberIds[0], '+1 555-078-3881', 'Jaspers Market', 'GREEN'),
		base(CLOUD_DEMO.phoneNumberIds[1], '+1 555-078-3882', 'Jaspers Support', 'YELLOW'),
		base(CLOUD_DEMO.phoneNumberIds[2], '+44 7700 900123', 'Jaspers UK', 'NA', { code_verification_status: 'NOT_VERIFIED', name_status: 'PENDING_REVIEW', status: 'PENDING', messaging_limit_tier: 'TIER_50', account_mode: 'SANDBOX' }),
	];
}

/**
 * Message templates (shape: Meta spec GET /{WABA-ID}/message_templates examples; Meta Template management page).
 * Thirteen, so small page sizes give several pages; some not APPROVED, some NAMED (pywa `types/templates.py`:
 * `parameter_format`), headers TEXT/IMAGE/VIDEO/DOCUMENT, buttons QUICK_REPLY/URL/COPY_CODE.
 */
function demoTemplates() {
	const t = (n, name, language, category, status, components, parameterFormat = 'POSITIONAL') => ({
		id: String(1192339204654400 + n),
		name,
		language,
		status,
		category,
		parameter_format: parameterFormat,
		components,
	});
	const footer = { type: 'FOOTER', text: 'Jaspers Market' };
	return [
		t(1, 'hello_world', 'en_US', 'UTILITY', 'APPROVED', [
			{ type: 'HEADER', format: 'TEXT', text: 'Hello World' },
			{ type: 'BODY', text: 'Welcome and congratulations!! This message demonstrates your ability to send a message notification from WhatsApp Business Platform’s Cloud API.' },
			{ type: 'FOOTER', text: 'WhatsApp Business API Team' },
		]),
		t(2, 'hello_world', 'de_DE', 'UTILITY', 'APPROVED', [
			{ type: 'HEADER', format: 'TEXT', text: 'Hallo Welt' },
			{ type: 'BODY', text: 'Willkommen! Diese Nachricht kommt über die Cloud API.' },
		]),
		t(3, 'order_update', 'en_US', 'UTILITY', 'APPROVED', [
			{ type: 'HEADER', format: 'IMAGE', example: { header_handle: ['4::aW1hZ2UvanBlZw==:ARb1demo'] } },
			{ type: 'BODY', text: 'Hi {{1}}, your order {{2}} ships on {{3}}.', example: { body_text: [['Mark', 'A-1042', 'Monday']] } },
			footer,
			{ type: 'BUTTONS', buttons: [
				{ type: 'QUICK_REPLY', text: 'Stop promotions' },
				{ type: 'URL', text: 'Track order', url: 'https://example.com/track/{{1}}', example: ['https://example.com/track/A-1042'] },
			] },
		]),
		t(4, 'appointment_reminder', 'en_US', 'UTILITY', 'APPROVED', [
			{ type: 'HEADER', format: 'TEXT', text: 'Reminder for {{customer_name}}', example: { header_text_named_params: [{ param_name: 'customer_name', example: 'Mark' }] } },
			{ type: 'BODY', text: 'Hi {{customer_name}}, see you on {{appointment_date}} at {{location}}.', example: { body_text_named_params: [
				{ param_name: 'customer_name', example: 'Mark' },
				{ param_name: 'appointment_date', example: 'June 3' },
				{ param_name: 'location', example: 'Main Street' },
			] } },
			{ type: 'BUTTONS', buttons: [{ type: 'QUICK_REPLY', text: 'Confirm' }, { type: 'QUICK_REPLY', text: 'Reschedule' }] },
		], 'NAMED'),
		t(5, 'coupon_offer', 'en_US', 'MARKETING', 'APPROVED', [
			{ type: 'HEADER', format: 'TEXT', text: 'Our Fall Sale is on!' },
			{ type: 'BODY', text: 'Hi {{1}}, use code {{2}} for 25% off every order.', example: { body_text: [['Mark', 'FALL25']] } },
			{ type: 'BUTTONS', buttons: [
				{ type: 'COPY_CODE', example: 'FALL25' },
				{ type: 'QUICK_REPLY', text: 'Stop promotions' },
			] },
		]),
		// Meta stores the OTP copy-code button of an authentication template as type URL (Meta copy-code
		// authentication-templates page; cloud-api notes §3)
		t(6, 'verification_code', 'en_US', 'AUTHENTICATION', 'APPROVED', [
			{ type: 'BODY', text: '*{{1}}* is your verification code.', add_security_recommendation: true, example: { body_text: [['123456']] } },
			{ type: 'BUTTONS', buttons: [{ type: 'URL', text: 'Copy code', url: 'https://www.whatsapp.com/otp/code/?otp_type=COPY_CODE&code=otp{{1}}', example: ['https://www.whatsapp.com/otp/code/?otp_type=COPY_CODE&code=otp123456'] }] },
		]),
		t(7, 'shipping_update', 'es_ES', 'UTILITY', 'APPROVED', [
			{ type: 'BODY', text: 'Hola {{1}}, tu pedido ya está en camino.', example: { body_text: [['Marta']] } },
		]),
		t(8, 'welcome_video', 'en_US', 'MARKETING', 'APPROVED', [
			{ type: 'HEADER', format: 'VIDEO', example: { header_handle: ['4::dmlkZW8vbXA0:ARb2demo'] } },
			{ type: 'BODY', text: 'Welcome to Jaspers, {{1}}!', example: { body_text: [['Mark']] } },
		]),
		t(9, 'invoice_ready', 'en_US', 'UTILITY', 'APPROVED', [
			{ type: 'HEADER', format: 'DOCUMENT', example: { header_handle: ['4::YXBwbGljYXRpb24vcGRm:ARb3demo'] } },
			{ type: 'BODY', text: 'Your invoice {{1}} is attached.', example: { body_text: [['INV-7']] } },
			footer,
		]),
		t(10, 'spring_sale', 'en_US', 'MARKETING', 'PENDING', [{ type: 'BODY', text: 'Spring sale: {{1}} off!', example: { body_text: [['20%']] } }]),
		t(11, '2023_april_promo', 'en_US', 'MARKETING', 'REJECTED', [
			{ type: 'HEADER', format: 'TEXT', text: 'Fall Sale' },
			{ type: 'BODY', text: 'Hi {{1}}, our Fall Sale is on! Use promo code {{2}} Get an extra 25% off every order above $350!', example: { body_text: [['Mark', 'FALL25']] } },
			{ type: 'FOOTER', text: 'Not interested in any of our sales? Tap Stop Promotions' },
			{ type: 'BUTTONS', buttons: [{ type: 'QUICK_REPLY', text: 'Stop promotions' }] },
		]),
		t(12, 'paused_reminder', 'en_US', 'UTILITY', 'PAUSED', [{ type: 'BODY', text: 'Reminder: {{1}}', example: { body_text: [['pay today']] } }]),
		t(13, 'disabled_notice', 'en_US', 'UTILITY', 'DISABLED', [{ type: 'BODY', text: 'Notice: {{1}}', example: { body_text: [['closed']] } }]),
	];
}

/** The live Cloud state. Media bytes are kept off the enumerable state so GET /state stays small. */
function initialCloudState() {
	return {
		wabaId: CLOUD_DEMO.wabaId,
		wabaName: 'Jaspers Market WABA',
		appId: CLOUD_DEMO.appId,
		appName: CLOUD_DEMO.appName,
		appSecret: CLOUD_DEMO.appSecret,
		tokens: {
			[CLOUD_DEMO.accessToken]: { scopes: [SCOPES.messaging, SCOPES.management], expired: false },
			[CLOUD_DEMO.noScopeToken]: { scopes: [], expired: false },
		},
		numbers: demoNumbers(),
		templates: demoTemplates(),
		/** is the app subscribed to the WABA (POST/DELETE /{waba}/subscribed_apps) */
		subscribed: true,
		/** WABA-level override {url, verifyToken}; per-number overrides sit in `numberOverrides[id]` */
		wabaOverride: null,
		numberOverrides: {},
		/** media id → {id, mimeType, sha256, fileSize, filename, phoneNumberId, source, createdAt, expiresAt, deleted}; bytes non-enumerable */
		media: {},
		/** phone_number_id → user (wa_id or BSUID) → ms of the user's last message, for the 24-hour window */
		lastInbound: {},
		/** accepted sends: {id, phoneNumberId, to, type, at} */
		sent: [],
		/** GET handshakes the sandbox performed: {url, challenge, status, body, ok, error, at} */
		handshakes: [],
		/** webhooks the sandbox delivered on its own (asynchronous statuses): {url, reason, body, status, error} */
		deliveries: [],
		createdAt: NOW_CREATED,
	};
}

module.exports = { CLOUD_DEMO, SCOPES, GRAPH_VERSIONS, ERRORS, CODE_FOR_STATUS, liveVersions, servedVersion, versionNumber, initialCloudState };
