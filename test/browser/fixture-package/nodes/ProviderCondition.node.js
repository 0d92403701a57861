// Probe: a "Provider" field and, for provider B only, an "Auth Method" field (x: credential B, y: credential C),
// where the credentials' displayOptions use conditions (show: { provider: [{ _cnd: { eq: 'a' } }] }) instead of
// plain values. Does the editor show both fields, and does each choice show its own credential?
class ProviderCondition {
	constructor() {
		const is = (v) => [{ _cnd: { eq: v } }];
		this.description = {
			displayName: 'Fixture Provider Condition',
			name: 'providerCondition',
			group: ['transform'],
			version: 1,
			description: 'Editor probe: provider and auth fields named by credential conditions',
			defaults: { name: 'Fixture Provider Condition' },
			inputs: ['main'],
			outputs: ['main'],
			credentials: [
				{ name: 'fixtureAApi', required: true, displayOptions: { show: { provider: is('a') } } },
				{ name: 'fixtureBApi', required: true, displayOptions: { show: { provider: is('b'), authMethod: is('x') } } },
				{ name: 'fixtureCApi', required: true, displayOptions: { show: { provider: is('b'), authMethod: is('y') } } },
			],
			properties: [
				{
					displayName: 'Provider',
					name: 'provider',
					type: 'options',
					noDataExpression: true,
					default: 'a',
					options: [
						{ name: 'Provider A', value: 'a' },
						{ name: 'Provider B', value: 'b' },
					],
				},
				{
					displayName: 'Auth Method',
					name: 'authMethod',
					type: 'options',
					noDataExpression: true,
					default: 'x',
					displayOptions: { show: { provider: ['b'] } },
					options: [
						{ name: 'Method X', value: 'x' },
						{ name: 'Method Y', value: 'y' },
					],
				},
				{ displayName: 'Note', name: 'note', type: 'string', default: '' },
			],
		};
	}
	async execute() {
		return [this.getInputData()];
	}
}
module.exports = { ProviderCondition };
