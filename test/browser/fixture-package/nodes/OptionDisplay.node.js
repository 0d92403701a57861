// Probe: does the editor's options dropdown honour `displayOptions` on single options? "Only Plain" carries
// show: { flavour: ['plain'] }, "Only Fancy" show: { flavour: ['fancy'] }, "Always" none.
class OptionDisplay {
	constructor() {
		this.description = {
			displayName: 'Fixture Option Display',
			name: 'optionDisplay',
			group: ['transform'],
			version: 1,
			description: 'Editor probe: option-level displayOptions',
			defaults: { name: 'Fixture Option Display' },
			inputs: ['main'],
			outputs: ['main'],
			properties: [
				{
					displayName: 'Flavour',
					name: 'flavour',
					type: 'options',
					noDataExpression: true,
					default: 'plain',
					options: [
						{ name: 'Plain', value: 'plain' },
						{ name: 'Fancy', value: 'fancy' },
					],
				},
				{
					displayName: 'Choice',
					name: 'choice',
					type: 'options',
					noDataExpression: true,
					default: 'always',
					options: [
						{ name: 'Always', value: 'always' },
						{ name: 'Only Plain', value: 'onlyPlain', displayOptions: { show: { flavour: ['plain'] } } },
						{ name: 'Only Fancy', value: 'onlyFancy', displayOptions: { show: { flavour: ['fancy'] } } },
					],
				},
			],
		};
	}
	async execute() {
		return [this.getInputData()];
	}
}
module.exports = { OptionDisplay };
