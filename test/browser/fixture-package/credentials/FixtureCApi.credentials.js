// A credential with one field and no test: only its display name matters to the editor probes.
class FixtureCApi {
	constructor() {
		this.name = 'fixtureCApi';
		this.displayName = 'Fixture C API';
		this.properties = [{ displayName: 'Key', name: 'key', type: 'string', typeOptions: { password: true }, default: '' }];
	}
}
module.exports = { FixtureCApi };
