// A credential with one field and no test: only its display name matters to the editor probes.
class FixtureBApi {
	constructor() {
		this.name = 'fixtureBApi';
		this.displayName = 'Fixture B API';
		this.properties = [{ displayName: 'Key', name: 'key', type: 'string', typeOptions: { password: true }, default: '' }];
	}
}
module.exports = { FixtureBApi };
