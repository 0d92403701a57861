// @ts-check
// Headless Chromium for browser tests of the real n8n editor: the system's Chromium (Debian's /usr/bin/chromium or
// `chromium` on PATH) driven by playwright-core, never a downloaded browser. A fresh profile per launch, closed
// with its whole process group; a login helper; screenshots on failure.
const fs = require('node:fs');
const path = require('node:path');

const CHROMIUM_FLAGS = [
	'--headless=new',
	'--no-sandbox',
	'--disable-gpu',
	'--disable-quic',
	'--no-first-run',
	'--disable-background-networking',
	'--disable-component-update',
	'--disable-sync',
];

const INSTALL_HINT = 'install Chromium with `apt-get install chromium` (Debian/Ubuntu) to run the browser tests';

/** The Chromium binary to use, or null: $CHROMIUM_PATH, /usr/bin/chromium, then `chromium`/`chromium-browser` on PATH. */
function findChromium() {
	const candidates = [process.env.CHROMIUM_PATH, '/usr/bin/chromium'].filter(Boolean);
	for (const dir of (process.env.PATH || '').split(path.delimiter).filter(Boolean)) {
		candidates.push(path.join(dir, 'chromium'), path.join(dir, 'chromium-browser'));
	}
	for (const candidate of candidates) {
		try {
			fs.accessSync(/** @type {string} */ (candidate), fs.constants.X_OK);
			return /** @type {string} */ (candidate);
		} catch {
			// not there
		}
	}
	return null;
}

/**
 * Launches headless Chromium (playwright makes a fresh temporary profile and removes it on close) and connects to
 * it. `close()` closes the browser, then kills Chromium's process group by the pid it was started with.
 * @param {{ executablePath?: string, viewport?: { width: number, height: number } }} [o]
 */
async function launchBrowser(o = {}) {
	const { chromium } = require('playwright-core');
	const executablePath = o.executablePath || findChromium();
	if (!executablePath) throw new Error(`Chromium is missing: ${INSTALL_HINT}`);
	const server = await chromium.launchServer({ executablePath, args: CHROMIUM_FLAGS, headless: true, timeout: 60_000 });
	const pid = server.process().pid;
	const browser = await chromium.connect(server.wsEndpoint(), { timeout: 60_000 });
	const context = await browser.newContext({ viewport: o.viewport || { width: 1600, height: 1000 } });
	async function close() {
		let timer;
		const timeout = new Promise((r) => (timer = setTimeout(r, 15_000)));
		try {
			await Promise.race([browser.close().then(() => server.close()), timeout]);
		} catch {
			// already gone
		}
		clearTimeout(timer);
		// playwright starts Chromium in its own process group: nothing of it may outlive the test.
		await server.kill().catch(() => {});
	}
	return { browser, context, close, executablePath, pid };
}

/**
 * Signs in through n8n's own sign-in page and waits for the editor's home (workflows list).
 * @param {import('playwright-core').Page} page @param {string} baseUrl @param {{ email: string, password: string }} owner
 */
async function loginThroughUi(page, baseUrl, owner, timeoutMs = 60_000) {
	await page.goto(`${baseUrl}/signin`, { timeout: timeoutMs });
	const email = page.locator('input[name="emailOrLdapLoginId"], input[type="email"]').first();
	await email.waitFor({ state: 'visible', timeout: timeoutMs });
	await email.fill(owner.email);
	await page.locator('input[name="password"], input[type="password"]').first().fill(owner.password);
	await page.locator('[data-test-id="form-submit-button"], button:has-text("Sign in")').first().click({ timeout: timeoutMs });
	await page.waitForURL((u) => !u.pathname.startsWith('/signin'), { timeout: timeoutMs });
}

/**
 * Saves a full-page screenshot under `dir/<name>.png` and returns its path (null when the page is gone).
 * @param {import('playwright-core').Page} page @param {string} dir @param {string} name
 */
async function screenshot(page, dir, name) {
	fs.mkdirSync(dir, { recursive: true });
	const file = path.join(dir, `${name.replace(/[^a-zA-Z0-9._-]+/g, '-').slice(0, 120)}.png`);
	try {
		await page.screenshot({ path: file, fullPage: false, timeout: 10_000 });
		return file;
	} catch {
		return null;
	}
}

module.exports = { CHROMIUM_FLAGS, INSTALL_HINT, findChromium, launchBrowser, loginThroughUi, screenshot };
