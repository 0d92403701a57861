// @ts-check
// Puts the built package where n8n's community-packages module scans (`<user folder>/.n8n/nodes/node_modules`),
// as npm would install it: package.json + dist/ and no node_modules, so `n8n-workflow` and `zod` resolve to n8n's
// own copies (a symlink to the repo would load the repo's dev copies instead). Node types are then
// `n8n-nodes-whatsapp-gateway.*`, exactly what users get.
const fs = require('node:fs');
const path = require('node:path');

const repoRoot = path.resolve(__dirname, '..', '..');
const packageJson = JSON.parse(fs.readFileSync(path.join(repoRoot, 'package.json'), 'utf8'));

/** @param {string} userFolder @returns {string} the installed package folder */
function installPackage(userFolder) {
	const dist = path.join(repoRoot, 'dist');
	if (!fs.existsSync(dist)) throw new Error('dist/ is missing: run `npm run build` first');
	for (const file of packageJson.n8n.nodes.concat(packageJson.n8n.credentials)) {
		if (!fs.existsSync(path.join(repoRoot, file))) throw new Error(`the build is incomplete: ${file} is missing`);
	}
	const target = path.join(userFolder, '.n8n', 'nodes', 'node_modules', packageJson.name);
	fs.rmSync(target, { recursive: true, force: true });
	fs.mkdirSync(target, { recursive: true });
	fs.copyFileSync(path.join(repoRoot, 'package.json'), path.join(target, 'package.json'));
	fs.cpSync(dist, path.join(target, 'dist'), { recursive: true });
	// What `npm install` leaves in the nodes folder: a manifest naming the package.
	const manifest = path.join(userFolder, '.n8n', 'nodes', 'package.json');
	fs.writeFileSync(
		manifest,
		JSON.stringify({ name: 'installed-nodes', private: true, dependencies: { [packageJson.name]: packageJson.version } }, null, 2),
	);
	return target;
}

module.exports = { installPackage, packageName: packageJson.name, repoRoot };
