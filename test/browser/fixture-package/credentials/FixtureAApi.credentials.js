// A credential with one field and no test: only its display name matters to the editor probes.
class FixtureAApi {
	constructor() {
		this.name = 'fixtureAApi';
		this.displayName = 'Fixture A API';
		this.properties = [{ displayName: 'Key', name: 'key', type: 'string', typeOptions: { password: true }, default: '' }];
	}
}
module.exports = { FixtureAApi };
