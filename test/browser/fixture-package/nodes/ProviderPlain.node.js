// Probe: a "Provider" options field that only the credentials' displayOptions depend on (plain values: show: { provider: ['a'] }).
// Does the editor show the Provider field, and does each provider show its own credential?
class ProviderPlain {
	constructor() {
		const when = (v) => ([v]);
		this.description = {
			displayName: 'Fixture Provider Plain',
			name: 'providerPlain',
			group: ['transform'],
			version: 1,
			description: 'Editor probe: a provider field keyed by the credentials',
			defaults: { name: 'Fixture Provider Plain' },
			inputs: ['main'],
			outputs: ['main'],
			credentials: [
				{ name: 'fixtureAApi', required: true, displayOptions: { show: { provider: when('a') } } },
				{ name: 'fixtureBApi', required: true, displayOptions: { show: { provider: when('b') } } },
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
				{ displayName: 'Note', name: 'note', type: 'string', default: '' },
			],
		};
	}
	async execute() {
		return [this.getInputData()];
	}
}
module.exports = { ProviderPlain };
