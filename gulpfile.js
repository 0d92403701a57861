// The build's last step (after `n8n-node build` compiled TypeScript and copied icons):
// 1. copy each node's codex file (`*.node.json`: category, docs links) next to its compiled node;
// 2. check that the package n8n will load is whole: every path in package.json `n8n` exists in dist/,
//    exports one class, and every icon that class names was copied. A broken manifest fails here,
//    not when a user installs the package.
const { src, dest, series } = require('gulp');
const fs = require('node:fs');
const path = require('node:path');

function copyCodexFiles() {
	return src('nodes/**/*.node.json', { base: '.' }).pipe(dest('dist'));
}

function iconFiles(icon, baseDir) {
	if (!icon) return [];
	const variants = typeof icon === 'string' ? [icon] : [icon.light, icon.dark];
	return variants
		.filter((v) => typeof v === 'string' && v.startsWith('file:'))
		.map((v) => path.resolve(baseDir, v.slice('file:'.length)));
}

async function verifyManifest() {
	const pkg = JSON.parse(fs.readFileSync('package.json', 'utf8'));
	const problems = [];
	const entries = [...pkg.n8n.credentials, ...pkg.n8n.nodes];
	if (pkg.n8n.nodes.length === 0 || pkg.n8n.credentials.length === 0) {
		problems.push('package.json lists no nodes or no credentials');
	}
	for (const entry of entries) {
		const file = path.resolve(entry);
		if (!fs.existsSync(file)) {
			problems.push(`${entry} is listed in package.json but was not built`);
			continue;
		}
		delete require.cache[file];
		const exported = Object.values(require(file)).filter((v) => typeof v === 'function');
		if (exported.length !== 1) {
			problems.push(`${entry} should export exactly one class, exports ${exported.length}`);
			continue;
		}
		const instance = new exported[0]();
		const icon = instance.description ? instance.description.icon : instance.icon;
		for (const iconFile of iconFiles(icon, path.dirname(file))) {
			if (!fs.existsSync(iconFile)) problems.push(`${entry}: icon ${path.relative('.', iconFile)} missing`);
		}
		if (entry.endsWith('.node.js') && !fs.existsSync(file.replace(/\.js$/, '.json'))) {
			problems.push(`${entry}: codex file missing`);
		}
	}
	if (problems.length) throw new Error(`dist/ is not a loadable package:\n- ${problems.join('\n- ')}`);
}

exports.copyCodexFiles = copyCodexFiles;
exports.verifyManifest = verifyManifest;
exports.default = series(copyCodexFiles, verifyManifest);
