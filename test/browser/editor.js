// @ts-check
// The n8n 2.41.1 editor as a user drives it, by the `data-test-id` attributes and visible texts it renders:
// the canvas, the node picker (node creator), the node panel (NDV) with its dropdowns, credential selector and
// resource locators, and the credentials modal. Every wait is bounded.

/** @typedef {import('playwright-core').Page} Page @typedef {import('playwright-core').Locator} Locator */

const WAIT = Object.freeze({ ui: 15_000, load: 60_000, run: 90_000 });

const id = (testId) => `[data-test-id="${testId}"]`;
const escapeRe = (s) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const exact = (s) => new RegExp(`^\\s*${escapeRe(s)}\\s*$`);
const clean = (s) => s.replace(/\s+/g, ' ').trim();

/** Answers n8n's "Save changes before leaving?" with "Leave without saving" when it comes up. */
async function leaveWithoutSaving(page) {
	const leave = page.getByRole('button', { name: 'Leave without saving' });
	await leave.waitFor({ state: 'visible', timeout: 1_500 }).then(() => leave.click(), () => {});
}

/** Closes what a previous step may have left open: a dropdown, a modal, the picker, a node panel. */
async function settle(page) {
	await page.keyboard.press('Escape').catch(() => {});
	const panel = page.locator(id('ndv'));
	if (await panel.isVisible().catch(() => false)) {
		await panel.locator(id('ndv-close-button')).click({ timeout: WAIT.ui }).catch(() => {});
		await panel.waitFor({ state: 'hidden', timeout: WAIT.ui }).catch(() => {});
	}
}

/** Whether the editor app is loaded in the page (so it can move within it instead of reloading). */
async function appLoaded(page, baseUrl) {
	return page.url().startsWith(baseUrl) && (await page.locator(id('project-home-menu-item')).isVisible().catch(() => false));
}

/** Goes to the home page's list of workflows or credentials inside the app, as a user does from the sidebar. */
async function goHome(page, tab = 'WorkflowsView') {
	await page.locator(id('project-home-menu-item')).click({ timeout: WAIT.ui });
	await leaveWithoutSaving(page);
	await page.locator(id(`tab-${tab}`)).click({ timeout: WAIT.ui });
}

/**
 * Opens a workflow (`'new'` for an empty one, or `{ id, name }`) and waits until the canvas can be used. Inside
 * a loaded app it navigates as a user does (home → the workflow's card; "+" → New workflow), about 3 s instead
 * of a 10 s reload; otherwise, or should that fail, it loads the address.
 * @param {Page} page @param {string} baseUrl @param {'new' | { id: string, name: string }} target
 */
async function openWorkflow(page, baseUrl, target = 'new') {
	const ready = async () => {
		await page.locator(id('node-creator-plus-button')).waitFor({ state: 'visible', timeout: WAIT.load });
		if (target !== 'new') await page.locator(id('canvas-node')).first().waitFor({ state: 'visible', timeout: WAIT.load });
	};
	if (await appLoaded(page, baseUrl)) {
		try {
			await settle(page);
			if (target === 'new') {
				await page.locator(id('universal-add')).click({ timeout: WAIT.ui });
				await page.getByText('New workflow', { exact: true }).click({ timeout: WAIT.ui });
				await leaveWithoutSaving(page);
			} else {
				await goHome(page);
				await page.locator(id('workflow-card-name')).filter({ hasText: exact(target.name) }).first().click({ timeout: WAIT.ui });
				await page.waitForURL(new RegExp(`/workflow/${escapeRe(target.id)}(/|\\?|$)`), { timeout: WAIT.ui });
			}
			await ready();
			return;
		} catch {
			// fall back to loading the address
		}
	}
	await page.goto(`${baseUrl}/workflow/${target === 'new' ? 'new' : target.id}`, { timeout: WAIT.load });
	await ready();
}

// ---------------------------------------------------------------------------------------------------------------
// Node picker

/** Opens the picker with the canvas "+" button, searches, and opens the entry named `entry`. */
async function openPickerEntry(page, search, entry) {
	await page.locator(id('node-creator-plus-button')).click({ timeout: WAIT.ui });
	await pickerSearch(page, search, entry);
}

/** In an open picker: types the search and opens the entry named `entry`. */
async function pickerSearch(page, search, entry) {
	const creator = page.locator(id('node-creator'));
	await creator.locator(id('node-creator-search-bar')).fill(search, { timeout: WAIT.ui });
	await creator.locator(id('node-creator-item-name')).filter({ hasText: exact(entry) }).first().click({ timeout: WAIT.ui });
}

/**
 * The names of the entries the picker lists, once the search has filtered them: waits (bounded) for an entry
 * named `expected` and returns the list either way.
 */
async function pickerEntries(page, expected) {
	const names = page.locator(`${id('node-creator')} ${id('node-creator-item-name')}`);
	await names.first().waitFor({ state: 'visible', timeout: WAIT.ui });
	await names.filter({ hasText: exact(expected) }).first().waitFor({ state: 'visible', timeout: WAIT.ui }).catch(() => {});
	return (await names.allInnerTexts()).map(clean);
}

/**
 * Every row of an opened picker entry, with every category expanded: `{ category, nodeType, name }` in the
 * order shown (category rows read "Triggers (5)", "Actions (15)").
 */
async function pickerRows(page) {
	const creator = page.locator(id('node-creator'));
	await creator.locator(id('node-creator-category-item')).first().waitFor({ state: 'visible', timeout: WAIT.ui });
	const categories = creator.locator(id('node-creator-category-item'));
	for (let i = 0; i < (await categories.count()); i++) {
		const collapsed = await categories.nth(i).evaluate((el) => el.closest('[data-category-collapsed]')?.getAttribute('data-category-collapsed'));
		if (collapsed === 'true') await categories.nth(i).click({ timeout: WAIT.ui });
	}
	await page.waitForTimeout(300); // the expanded list renders in the next frame
	return creator.locator('[data-keyboard-nav-type]').evaluateAll((els) => {
		const rows = [];
		let category = '';
		for (const el of els) {
			const text = (/** @type {HTMLElement} */ (el).innerText || '').replace(/\s+/g, ' ').trim();
			if (el.getAttribute('data-keyboard-nav-type') === 'category') category = text.replace(/\s*\(\d+\)$/, '');
			else if (el.getAttribute('data-keyboard-nav-type') === 'action') {
				const nodeType = (el.getAttribute('data-keyboard-nav-id') || '').replace(/-[0-9a-f]{8}-[0-9a-f-]{27}$/, '');
				rows.push({ category, nodeType, name: text });
			}
		}
		return rows;
	});
}

// ---------------------------------------------------------------------------------------------------------------
// Node panel (NDV)

const ndv = (page) => page.locator(id('ndv'));

/** Waits for the node panel to be open. */
async function waitForNdv(page) {
	await ndv(page).locator(id('node-parameters')).waitFor({ state: 'visible', timeout: WAIT.ui });
}

/** Opens a canvas node's panel by double-clicking it. */
async function openNode(page, nodeName) {
	await page.locator(`${id('canvas-node')}[data-node-name="${nodeName}"]`).dblclick({ timeout: WAIT.ui });
	await waitForNdv(page);
}

async function closeNdv(page) {
	if (await ndv(page).isVisible()) await ndv(page).locator(id('ndv-close-button')).click({ timeout: WAIT.ui });
	await ndv(page).waitFor({ state: 'hidden', timeout: WAIT.ui });
}

/**
 * Puts the page on a workflow with no node panel or dropdown open; moves only when it is elsewhere.
 * @param {Page} page @param {string} baseUrl @param {{ id: string, name: string }} target
 */
async function ensureOn(page, baseUrl, target) {
	// With a node panel open the address is /workflow/<id>/<node id>.
	const pathname = new URL(page.url() === 'about:blank' ? 'http://x/' : page.url()).pathname;
	if (!new RegExp(`^/workflow/${escapeRe(target.id)}(/|$)`).test(pathname)) {
		if (await ndv(page).isVisible()) await closeNdv(page).catch(() => {});
		await openWorkflow(page, baseUrl, target);
		return;
	}
	await page.keyboard.press('Escape').catch(() => {}); // closes a dropdown left open by a failed test
	if (await ndv(page).isVisible()) await closeNdv(page);
}

/** The names of the node parameters the panel shows (its `parameter-input-<name>` fields, not the settings). */
async function visibleParameters(page) {
	const testIds = await ndv(page)
		.locator(`${id('node-parameters')} [data-test-id^="parameter-input-"]`)
		.evaluateAll((els) => els.filter((e) => /** @type {HTMLElement} */ (e).offsetParent !== null).map((e) => e.getAttribute('data-test-id') || ''));
	return [...new Set(testIds.map((t) => t.replace(/^parameter-input-/, '')).filter((n) => !['field', 'item'].includes(n)))];
}

/** A parameter's input by the parameter's name. */
const parameterInput = (page, name) => ndv(page).locator(id(`parameter-input-${name}`));

/** A parameter's input by the label the panel shows above it. */
function parameterInputByLabel(page, label) {
	const item = ndv(page)
		.locator(id('parameter-item'))
		.filter({ has: page.locator(id('input-label'), { hasText: new RegExp(`^\\s*${escapeRe(label)}\\b`) }) })
		.first();
	return item.locator('[data-test-id^="parameter-input-"]').first();
}

/** The dropdown list that is open now (n8n renders every list in a body-level popper). */
const openList = (page) => page.locator('.el-select-dropdown:visible, .el-popper:visible').last();

/** Opens an options parameter's dropdown and returns the option names (headlines) it offers. */
async function openOptions(page, input, { minOptions = 1, timeout = WAIT.ui } = {}) {
	await input.locator('input').first().click({ timeout: WAIT.ui });
	const items = page.locator(`${id('parameter-input-item')}:visible`);
	const deadline = Date.now() + timeout;
	// Remote options (loadOptions) arrive after the dropdown opens.
	while ((await items.count()) < minOptions && Date.now() < deadline) await page.waitForTimeout(200);
	const names = await items.evaluateAll((els) =>
		els.map((e) => ((e.querySelector('.option-headline') || e).textContent || '').replace(/\s+/g, ' ').trim()),
	);
	return names;
}

/** Clicks the option of the open dropdown whose name matches. */
async function chooseOpenOption(page, name) {
	const pattern = typeof name === 'string' ? exact(name) : name;
	const items = page.locator(`${id('parameter-input-item')}:visible`);
	const count = await items.count();
	for (let i = 0; i < count; i++) {
		const text = await items.nth(i).evaluate((e) => ((e.querySelector('.option-headline') || e).textContent || '').replace(/\s+/g, ' ').trim());
		if (pattern.test(text)) {
			await items.nth(i).click({ timeout: WAIT.ui });
			// The list closes with an animation; the next dropdown must not read this one's options.
			const deadline = Date.now() + WAIT.ui;
			while ((await items.count()) > 0 && Date.now() < deadline) await page.waitForTimeout(100);
			await page.waitForTimeout(150); // the panel re-renders the fields that depend on the choice
			return;
		}
	}
	throw new Error(`no option matches ${pattern} in the open dropdown`);
}

/** Opens an options parameter, chooses `name`, and returns what the dropdown offered. */
async function selectOption(page, input, name) {
	const offered = await openOptions(page, input);
	await chooseOpenOption(page, name);
	return offered;
}

/** The credential selector's label, e.g. "Credential for WaAPI API". */
async function credentialLabel(page) {
	const label = ndv(page).locator(id('credentials-label'));
	await label.first().waitFor({ state: 'visible', timeout: WAIT.ui });
	return clean((await label.first().innerText()).split('\n')[0]);
}

/**
 * Opens the credential selector and returns its entries `{ id, text }` (the credential's id from the entry's
 * test id, its visible text: name and type), without "Create new credential".
 */
async function openCredentialList(page) {
	const items = page.locator('[data-test-id^="node-credentials-select-item-"]:visible');
	// Right after another dropdown of the panel was used, n8n's editor takes the first click on the credential
	// selector for closing that one (seen in 2.41.1 after a Provider change); a user clicks again, and so does this.
	for (let attempt = 0; attempt < 3; attempt++) {
		await ndv(page).locator(id('node-credentials-select')).click({ timeout: WAIT.ui });
		if (await items.first().waitFor({ state: 'visible', timeout: 2000 }).then(() => true, () => false)) break;
	}
	await items.first().waitFor({ state: 'visible', timeout: WAIT.ui });
	const all = await items.evaluateAll((els) =>
		els.map((e) => ({ id: (e.getAttribute('data-test-id') || '').replace('node-credentials-select-item-', ''), text: (e.textContent || '').replace(/\s+/g, ' ').trim() })),
	);
	return all.filter((e) => e.id !== 'new');
}

/** Chooses a credential in the open credential selector by its id. */
async function chooseCredential(page, credentialId) {
	await page.locator(`${id(`node-credentials-select-item-${credentialId}`)}:visible`).click({ timeout: WAIT.ui });
	await page.waitForTimeout(250);
}

/**
 * Opens a resource locator's "From List" list and returns the entries it loaded (and any error text shown).
 * @returns {Promise<{ items: string[], error: string }>}
 */
async function openResourceList(page, name, { timeout = WAIT.ui } = {}) {
	const locator = ndv(page).locator(id(`resource-locator-${name}`));
	await locator.waitFor({ state: 'visible', timeout: WAIT.ui });
	const mode = locator.locator(`${id('rlc-mode-selector')} input`).first();
	if (!/list/i.test(await mode.inputValue())) {
		await mode.click({ timeout: WAIT.ui });
		await page.locator(`${id('mode-list')}:visible`).click({ timeout: WAIT.ui });
	}
	await locator.locator(id('rlc-input')).click({ timeout: WAIT.ui });
	const items = page.locator(`${id('rlc-item')}:visible`);
	const deadline = Date.now() + timeout;
	let error = '';
	while (Date.now() < deadline) {
		if ((await items.count()) > 0) break;
		error = await page.evaluate(() => {
			const el = [...document.querySelectorAll('[data-test-id*="rlc"], .el-popper')].find((e) => /** @type {HTMLElement} */ (e).offsetParent !== null && /error|invalid|could not|failed/i.test(e.textContent || ''));
			return el ? (el.textContent || '').replace(/\s+/g, ' ').trim() : '';
		});
		if (error) break;
		await page.waitForTimeout(200);
	}
	return { items: (await items.allInnerTexts()).map(clean), error };
}

/**
 * The option names a collection's "Add option" control offers (the panel's first collection). n8n 2.41 renders
 * either a select (`collection-parameter-add`, entries `collection-parameter-option`) or a dropdown menu
 * (`collection-parameter-add-dropdown`), depending on a feature flag: both are read.
 */
async function collectionAddOptions(page) {
	const select = ndv(page).locator(id('collection-parameter-add')).first();
	const menu = ndv(page).locator(id('collection-parameter-add-dropdown')).first();
	await select.or(menu).first().waitFor({ state: 'visible', timeout: WAIT.ui });
	let entries;
	if (await select.isVisible()) {
		await select.click({ timeout: WAIT.ui });
		entries = page.locator(`${id('collection-parameter-option')}:visible`);
	} else {
		await menu.locator('button').first().click({ timeout: WAIT.ui });
		entries = page.locator('[role="menuitem"]:visible');
	}
	await entries.first().waitFor({ state: 'visible', timeout: WAIT.ui });
	const names = (await entries.allInnerTexts()).map(clean).filter((n) => n !== '');
	await dismissDropdown(page);
	return names;
}

/** Closes whatever dropdown is open by clicking the panel's title bar (Escape would close the whole panel). */
async function dismissDropdown(page) {
	const title = ndv(page).locator(id('node-title-container')).first();
	if (await title.isVisible()) await title.click({ position: { x: 5, y: 5 }, timeout: WAIT.ui }).catch(() => {});
	await page.waitForTimeout(150);
}

// ---------------------------------------------------------------------------------------------------------------
// Canvas

/** The subtitle a canvas node shows under its name ('' when none). */
async function canvasSubtitle(page, nodeName) {
	const node = page.locator(`${id('canvas-node')}[data-node-name="${nodeName}"]`);
	await node.waitFor({ state: 'visible', timeout: WAIT.ui });
	const subtitle = node.locator('[class*="subtitle"]').first();
	if (!(await subtitle.count())) return '';
	// A long subtitle is cut with an ellipsis on screen; its title attribute or full text holds all of it.
	return clean((await subtitle.getAttribute('title')) || (await subtitle.textContent()) || '');
}

/** Runs the workflow with the canvas's "Execute workflow" button and waits for each named node's success mark. */
async function executeWorkflow(page, nodeNames) {
	await page.locator(id('execute-workflow-button')).click({ timeout: WAIT.ui });
	for (const name of nodeNames) {
		await page
			.locator(`${id('canvas-node')}[data-node-name="${name}"] ${id('canvas-node-status-success')}`)
			.waitFor({ state: 'visible', timeout: WAIT.run });
	}
}

/** The text of the node panel's output side. */
async function outputPanelText(page) {
	const out = ndv(page).locator(id('output-panel'));
	await out.waitFor({ state: 'visible', timeout: WAIT.ui });
	return out.innerText();
}

module.exports = {
	WAIT,
	exact,
	leaveWithoutSaving,
	settle,
	appLoaded,
	goHome,
	openWorkflow,
	openPickerEntry,
	pickerSearch,
	pickerEntries,
	pickerRows,
	ndv,
	waitForNdv,
	openNode,
	closeNdv,
	ensureOn,
	visibleParameters,
	collectionAddOptions,
	parameterInput,
	parameterInputByLabel,
	openList,
	openOptions,
	chooseOpenOption,
	selectOption,
	credentialLabel,
	openCredentialList,
	chooseCredential,
	openResourceList,
	dismissDropdown,
	canvasSubtitle,
	executeWorkflow,
	outputPanelText,
};
