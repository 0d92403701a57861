// @ts-check
// A tiny test node (a fixture, not our code) that sends one request per item through
// this.helpers.httpRequestWithAuthentication, so the credential types can be exercised as a node uses them.
const { NodeApiError } = require('n8n-workflow');

class CredentialProbe {
	static credentialTypes = ['waApiApi', 'whatsAppOnPremisesApi', 'whatsAppOnPremisesApiKeyApi', 'wsApiApi', 'crispWhatsAppApi'];

	description = {
		displayName: 'Credential Probe',
		name: 'credentialProbe',
		group: ['output'],
		version: 1,
		defaults: { name: 'Credential Probe' },
		inputs: ['main'],
		outputs: ['main'],
		credentials: CredentialProbe.credentialTypes.map((name) => ({ name, required: false })),
		properties: [
			{ displayName: 'Credential Type', name: 'credentialType', type: 'string', default: '' },
			{ displayName: 'URL', name: 'url', type: 'string', default: '' },
			{ displayName: 'Method', name: 'method', type: 'string', default: 'GET' },
			{ displayName: 'Headers', name: 'headers', type: 'json', default: '{}' },
		],
	};

	/** @this {import('n8n-workflow').IExecuteFunctions} */
	async execute() {
		const items = this.getInputData();
		const out = [];
		for (let i = 0; i < items.length; i++) {
			const type = /** @type {string} */ (this.getNodeParameter('credentialType', i));
			const headers = this.getNodeParameter('headers', i);
			try {
				const answer = await this.helpers.httpRequestWithAuthentication.call(this, type, {
					method: /** @type {any} */ (this.getNodeParameter('method', i)),
					url: /** @type {string} */ (this.getNodeParameter('url', i)),
					headers: typeof headers === 'string' ? JSON.parse(headers) : headers,
					json: true,
					returnFullResponse: true,
				});
				out.push({ json: { statusCode: answer.statusCode, body: answer.body }, pairedItem: { item: i } });
			} catch (error) {
				if (error instanceof NodeApiError) throw error;
				throw new NodeApiError(this.getNode(), error, { itemIndex: i });
			}
		}
		return [out];
	}
}

module.exports = { CredentialProbe };
