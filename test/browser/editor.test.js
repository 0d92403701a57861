// @ts-check
// The package in the REAL n8n 2.41.1 editor, driven in headless Chromium: what a user sees in the node picker,
// the node panel (Provider, Authentication, credential, resources and operations per provider), the lists the
// panel loads from the sandbox, the credentials modal's test, an example run from the editor, the AI-tool
// variant under an AI Agent, and the canvas subtitles. Expectations come from ./expected.js. One n8n server,
// one Chromium for the whole file; a failing test leaves a screenshot under test-results/browser/.
const path = require('node:path');
const { findChromium, INSTALL_HINT, launchBrowser, loginThroughUi, screenshot } = require('../../scripts/lib/browser');
const { DEMO_CREDENTIALS } = require('../../scripts/lib/demoData');
const { restSession } = require('../../scripts/lib/owner');
const { repoRoot } = require('../../scripts/lib/installPackage');
const { startStack } = require('./stack');
const ui = require('./editor');
const { PROVIDERS, TRIGGER_EVENTS, CREDENTIAL_TYPES, OPERATIONS, expectedActions, expectedPanel, expectedTriggerOptions } = require('./expected');
const flows = require('./workflows');

const MINUTE = 60_000;
const RESULTS = path.join(repoRoot, 'test-results', 'browser');
const ACTION = flows.ACTION;
const TRIGGER = 'n8n-nodes-whatsapp-gateway.whatsAppGatewayTrigger';
const DEMO_IDS = new Set(Object.values(DEMO_CREDENTIALS).map((c) => c.id));

const chromiumPath = findChromium();

if (!chromiumPath && !process.env.CI) {
	process.stderr.write(`[browser] skipped: Chromium not found (/usr/bin/chromium or chromium on PATH); ${INSTALL_HINT}\n`);
	test.skip('the n8n editor in headless Chromium (Chromium is missing)', () => {});
} else if (!chromiumPath) {
	test('Chromium is installed (CI runs the browser tests)', () => {
		throw new Error(`Chromium is missing and CI is set: ${INSTALL_HINT}`);
	});
} else {
	// Each UI step waits at most ui.WAIT (15-90 s); a test is a few dozen of them.
	jest.setTimeout(3 * MINUTE);

	/** @type {Awaited<ReturnType<typeof startStack>>} */ let stack;
	/** @type {Awaited<ReturnType<typeof launchBrowser>> | null} */ let chromium = null;

	/** The one page every test drives: the app loads once (at login) and the tests move within it. */
	/** @type {any} */ let page = null;

	// A cold runtime install (first run on a machine) takes 4-6 minutes on 2 cores; later runs start in ~45 s.
	beforeAll(async () => {
		stack = await startStack({ log: (m) => process.stdout.write(`${m}\n`), workflows: flows.all });
		chromium = await launchBrowser({ executablePath: chromiumPath });
		page = await chromium.context.newPage();
		page.setDefaultTimeout(ui.WAIT.ui);
		await withScreenshot('login', () => loginThroughUi(page, stack.url, stack.owner));
	}, 25 * MINUTE);

	afterAll(async () => {
		if (chromium) await chromium.close();
		if (stack) await stack.stop();
	}, 2 * MINUTE);

	/** Runs a step; on failure saves a screenshot named after it and names the file in the error. */
	async function withScreenshot(name, fn) {
		try {
			await fn();
		} catch (error) {
			const shot = page ? await screenshot(page, RESULTS, name) : null;
			if (shot && error instanceof Error) error.message += `\n(screenshot: ${path.relative(repoRoot, shot)})`;
			throw error;
		}
	}

	/** An example workflow as openWorkflow takes it. */
	function exampleRef(id) {
		const found = stack.examples.find((e) => e.workflow.id === id);
		if (!found) throw new Error(`example workflow ${id} is missing`);
		return { id, name: found.workflow.name };
	}

	/** A test of the page, with a screenshot on failure. */
	function uiTest(name, fn, timeout = 3 * MINUTE) {
		test(name, () => withScreenshot(name, () => fn(page)), timeout);
	}

	/** Adds a node that has no actions (the picker shows its details and an "Add to workflow" button). */
	async function addSingleNode(page, name) {
		await ui.openPickerEntry(page, name, name);
		await page.getByRole('button', { name: 'Add to workflow' }).click({ timeout: ui.WAIT.ui });
		await ui.waitForNdv(page);
	}

	/**
	 * n8n itself adds "Custom API Call" to every Resource and Operation list of a node whose credentials declare
	 * `authenticate` (n8n-io/n8n packages/cli/src/load-nodes-and-credentials.ts, injectCustomApiCallOption): it is
	 * n8n's HTTP Request escape hatch, not an operation of the node, so the per-provider lists leave it out.
	 */
	const withoutCustomApiCall = (names) => names.filter((n) => n !== 'Custom API Call');

	/**
	 * Chooses a provider in the open node panel and reads, per Authentication choice, what the panel offers:
	 * the credential selector's label and entries, every resource and each resource's operations.
	 */
	async function readProviderPanel(page, provider) {
		const parameters = await ui.visibleParameters(page);
		if (!parameters.includes('provider')) {
			return { providerSelector: `missing (the panel shows: ${parameters.join(', ')})` };
		}
		await ui.selectOption(page, ui.parameterInput(page, 'provider'), provider.name);
		const authInput = ui.parameterInputByLabel(page, 'Authentication');
		const hasAuth = await authInput.isVisible();
		let authentication = null;
		if (hasAuth) {
			const offered = await ui.openOptions(page, authInput);
			await ui.dismissDropdown(page);
			authentication = offered.map((name) => provider.auth.find((v) => v.authentication?.test(name))?.authentication?.source ?? name).sort();
		}
		const variants = [];
		for (const variant of provider.auth) {
			if (variant.authentication && hasAuth) await ui.selectOption(page, authInput, variant.authentication);
			const credentialLabel = await ui.credentialLabel(page);
			const listed = await ui.openCredentialList(page);
			const credentials = listed.map((c) => c.id).filter((c) => DEMO_IDS.has(c)).sort();
			const mine = DEMO_CREDENTIALS[variant.credential].id;
			if (credentials.includes(mine)) await ui.chooseCredential(page, mine);
			else await ui.dismissDropdown(page);
			const resourceNames = withoutCustomApiCall(await ui.openOptions(page, ui.parameterInput(page, 'resource')));
			await ui.dismissDropdown(page);
			/** @type {Record<string, string[]>} */
			const resources = {};
			for (const resource of resourceNames) {
				await ui.selectOption(page, ui.parameterInput(page, 'resource'), resource);
				const operations = withoutCustomApiCall(await ui.openOptions(page, ui.parameterInput(page, 'operation')));
				await ui.chooseOpenOption(page, operations[0]);
				resources[resource] = [...operations].sort();
			}
			variants.push({ credentialLabel, credentials, resources });
		}
		return { providerSelector: 'visible', authentication, variants };
	}

	function expectedProviderPanel(provider) {
		return {
			providerSelector: 'visible',
			authentication: provider.auth.length > 1 ? provider.auth.map((v) => v.authentication?.source).sort() : null,
			variants: provider.auth.map((variant) => {
				const panel = expectedPanel(variant);
				return {
					credentialLabel: `Credential for ${panel.credentialType}`,
					credentials: [DEMO_CREDENTIALS[variant.credential].id],
					resources: panel.resources,
				};
			}),
		};
	}

	/** The Provider dropdown's entries, matched against the expected providers. */
	async function readProviderChoices(page) {
		const parameters = await ui.visibleParameters(page);
		if (!parameters.includes('provider')) return { selector: `missing (the panel shows: ${parameters.join(', ')})` };
		const offered = await ui.openOptions(page, ui.parameterInput(page, 'provider'));
		await ui.dismissDropdown(page);
		return {
			selector: 'visible',
			providers: PROVIDERS.map((p) => offered.filter((name) => p.name.test(name)).length),
			count: offered.length,
			offered,
		};
	}

	const expectedProviderChoices = () => ({
		selector: 'visible',
		providers: PROVIDERS.map(() => 1),
		count: PROVIDERS.length,
		offered: expect.any(Array),
	});

	// -------------------------------------------------------------------------------------------------------
	describe('node picker: search "WhatsApp Gateway"', () => {
		/** @type {{ category: string, nodeType: string, name: string }[]} */ let rows = [];

		beforeAll(async () => {
			await withScreenshot('picker', async () => {
				await ui.openWorkflow(page, stack.url);
				await ui.openPickerEntry(page, 'WhatsApp Gateway', 'WhatsApp Gateway');
				rows = await ui.pickerRows(page);
				// n8n lists the trigger inside the action node's entry; should they ever be apart, read its own entry.
				if (!rows.some((r) => r.nodeType === TRIGGER)) {
					await ui.openWorkflow(page, stack.url);
					await ui.openPickerEntry(page, 'WhatsApp Gateway', 'WhatsApp Gateway Trigger');
					rows = rows.concat(await ui.pickerRows(page));
				}
			});
		}, 3 * MINUTE);

		const actions = () => rows.filter((r) => r.nodeType === ACTION).map((r) => r.name);

		test('the action node\'s actions are listed once each', () => {
			const names = actions();
			expect(names.length).toBeGreaterThan(0);
			expect(names.filter((n, i) => names.indexOf(n) !== i)).toEqual([]);
		});

		test('the actions are every operation of every provider, "Send a template message" among them', () => {
			expect([...new Set(actions())].sort()).toEqual(expectedActions());
			expect(actions()).toContain('Send a template message');
		});

		test('the trigger lists every event, "Template result" among them', () => {
			const events = rows.filter((r) => r.nodeType === TRIGGER).map((r) => r.name.toLowerCase());
			expect([...events].sort()).toEqual(TRIGGER_EVENTS.map((e) => `on ${e.toLowerCase()}`).sort());
		});
	});

	// -------------------------------------------------------------------------------------------------------
	describe('a fresh WhatsApp Gateway node (added from the picker)', () => {

		beforeAll(async () => {
			await withScreenshot('fresh-node', async () => {
				await ui.openWorkflow(page, stack.url);
				await ui.openPickerEntry(page, 'WhatsApp Gateway', 'WhatsApp Gateway');
				await ui.pickerRows(page); // expands the Actions list
				await page.locator('[data-test-id="node-creator-item-name"]').filter({ hasText: ui.exact('Send a text message') }).first().click();
				await ui.waitForNdv(page);
			});
		}, 3 * MINUTE);

		test('the Provider selector is visible and lists every provider', async () => {
			await withScreenshot('fresh-node-provider-selector', async () => {
				expect(await readProviderChoices(page)).toEqual(expectedProviderChoices());
			});
		});

		test.each(PROVIDERS.map((p) => [p.short, p]))(
			'%s: its credential selector, its Authentication choice where it has one, and only its resources and operations',
			async (short, provider) => {
				await withScreenshot(`fresh-node-${short}`, async () => {
					expect(await readProviderPanel(page, provider)).toEqual(expectedProviderPanel(provider));
				});
			},
		);

		test('Send Media shows its fields, and the URL source swaps the binary field for the URL (screenshot: send-media.png)', async () => {
			await withScreenshot('fresh-node-send-media', async () => {
				await ui.selectOption(page, ui.parameterInput(page, 'provider'), /^WhatsApp Cloud API$/);
				await ui.selectOption(page, ui.parameterInput(page, 'resource'), 'Message');
				await ui.selectOption(page, ui.parameterInput(page, 'operation'), 'Send Media');
				const binary = await ui.visibleParameters(page);
				expect(binary).toEqual(expect.arrayContaining(['to', 'mediaType', 'mediaSource', 'binaryPropertyName', 'caption']));
				expect(binary).not.toContain('mediaUrl');
				await screenshot(page, RESULTS, 'send-media');
				await ui.selectOption(page, ui.parameterInput(page, 'mediaSource'), 'URL');
				const url = await ui.visibleParameters(page);
				expect(url).toEqual(expect.arrayContaining(['mediaUrl']));
				expect(url).not.toContain('binaryPropertyName');
				await ui.selectOption(page, ui.parameterInput(page, 'operation'), 'Send Interactive');
				expect(await ui.visibleParameters(page)).toEqual(expect.arrayContaining(['interactiveType', 'text', 'footer']));
				await screenshot(page, RESULTS, 'send-interactive');
			});
		});
	});

	// -------------------------------------------------------------------------------------------------------
	describe('lists the panel loads from the sandbox', () => {
		const open = async (page, node) => {
			await ui.ensureOn(page, stack.url, flows.lists);
			await ui.openNode(page, node);
		};

		uiTest('WaAPI: Instance "From List" shows the account\'s instances', async (page) => {
			await open(page, 'WaAPI Send');
			const { items, error } = await ui.openResourceList(page, 'instanceId');
			const names = stack.sb.state.waapi.instances.map((i) => i.name);
			expect(names).toEqual(['Support line', 'Sales line']);
			expect({ items, error }).toEqual({ items: names.map((n) => expect.stringContaining(n)), error: '' });
		});

		uiTest('WSAPI: Instance "From List" shows the account\'s instances', async (page) => {
			await open(page, 'WSAPI Get');
			const { items, error } = await ui.openResourceList(page, 'instanceId');
			const names = stack.sb.state.wsapi.instances.map((i) => i.name);
			expect({ items, error }).toEqual({ items: names.map((n) => expect.stringContaining(n)), error: '' });
		});

		uiTest('Cloud API: Instance "From List" shows the business account\'s phone numbers', async (page) => {
			await open(page, 'Cloud Send');
			const { items, error } = await ui.openResourceList(page, 'instanceId');
			const names = stack.sb.state.cloud.numbers.map((n) => n.verified_name);
			expect(names.length).toBeGreaterThan(1);
			expect({ items, error }).toEqual({ items: names.map((n) => expect.stringContaining(n)), error: '' });
		});

		uiTest('Crisp: Message → Send Template, Template Name lists every approved template of every page', async (page) => {
			await open(page, 'Crisp Template');
			// Only approved templates can be sent, so only those are offered.
			const names = [...new Set(stack.sb.state.crisp.templates.filter((t) => t.status === 'APPROVED').map((t) => t.name))].sort();
			expect(names.length).toBeGreaterThan(40); // more than two of Crisp's pages of 20
			const offered = await ui.openOptions(page, ui.parameterInput(page, 'templateName'), { minOptions: names.length });
			expect(offered.map((o) => o.replace(/\s*\([^)]*\)$/, '')).sort()).toEqual(names);
		});
	});

	// -------------------------------------------------------------------------------------------------------
	describe('credentials modal: the connection test', () => {
		const modal = (page) => page.locator('[data-test-id="editCredential-modal"]');

		/** The credentials list with no modal open (loaded once). */
		async function credentialsPage(page) {
			// An open credential adds its id to the address: /home/credentials/<id>.
			if (!/^\/home\/credentials(\/|$)/.test(new URL(page.url()).pathname)) {
				await ui.settle(page);
				if (await ui.appLoaded(page, stack.url)) await ui.goHome(page, 'CredentialsView');
				else await page.goto(`${stack.url}/home/credentials`, { timeout: ui.WAIT.load });
				await page.locator('[data-test-id="add-resource-credential"]').waitFor({ state: 'visible', timeout: ui.WAIT.load });
			}
			if (await modal(page).isVisible()) {
				await page.keyboard.press('Escape');
				await modal(page).waitFor({ state: 'hidden', timeout: ui.WAIT.ui });
			}
		}

		for (const [type, ref] of Object.entries(DEMO_CREDENTIALS)) {
			uiTest(`${CREDENTIAL_TYPES[type]} with the sandbox secret: the test says OK, and again on Retry`, async (page) => {
				await credentialsPage(page);
				await page.getByText(ref.name, { exact: true }).first().click({ timeout: ui.WAIT.ui });
				await modal(page).waitFor({ state: 'visible', timeout: ui.WAIT.ui });
				const ok = modal(page).getByText('Connection tested successfully');
				await ok.waitFor({ state: 'visible', timeout: 30_000 });
				const tested = page.waitForResponse((r) => r.url().includes('/rest/credentials/test'), { timeout: 30_000 });
				await modal(page).getByRole('button', { name: 'Retry' }).click();
				expect((await tested).status()).toBe(200);
				await ok.waitFor({ state: 'visible', timeout: 30_000 });
				await expect(modal(page).getByText(/Couldn.t connect/).count()).resolves.toBe(0);
			});
		}

		uiTest('WaAPI API with a wrong token: saving tests it, the modal says it failed and gives WaAPI\'s reason', async (page) => {
			const rest = await restSession(stack.url, stack.owner);
			try {
				await credentialsPage(page);
				stack.sb.clearLog();
				await page.locator('[data-test-id="add-resource-credential"]').click({ timeout: ui.WAIT.ui });
				await page.locator('[data-test-id="new-credential-type-select"]').click();
				await page.keyboard.type('WaAPI API');
				await page.locator('[data-test-id="new-credential-type-select-option"]:visible').filter({ hasText: ui.exact('WaAPI API') }).first().click();
				await page.locator('[data-test-id="new-credential-type-button"]').click();
				await modal(page).waitFor({ state: 'visible' });
				await modal(page).locator('[data-test-id="parameter-input-apiToken"] input').fill('not-the-sandbox-token');
				await modal(page).locator('[data-test-id="parameter-input-baseUrl"] input').fill(stack.sb.credentials.waApiApi.baseUrl);
				await modal(page).locator('[data-test-id="credential-save-button"]').click();
				await modal(page).getByText(/Couldn.t connect with these settings/).waitFor({ state: 'visible', timeout: 30_000 });
				await modal(page).getByText('More details').click();
				await modal(page).getByText(/WaAPI refused the API token/).waitFor({ state: 'visible' });
				await expect(modal(page).getByText('Connection tested successfully').isVisible()).resolves.toBe(false);
				// The test really asked the sandbox, with the token typed in.
				const asked = stack.sb.requests('waapi', { method: 'GET', path: '/instances' });
				expect(asked.map((r) => r.headers.authorization)).toContain('Bearer not-the-sandbox-token');
			} finally {
				// The wrong credential must not become anyone's default in later tests.
				const all = await rest.call('GET', '/credentials');
				for (const c of all) if (!DEMO_IDS.has(c.id)) await rest.call('DELETE', `/credentials/${c.id}`);
			}
		});
	});

	// -------------------------------------------------------------------------------------------------------
	describe('an example workflow run from the editor', () => {
		uiTest('"point-instance-webhooks": Execute workflow, then each node\'s output panel shows its items', async (page) => {
			await ui.openWorkflow(page, stack.url, exampleRef('waExampleWebhooks'));
			await ui.executeWorkflow(page, ['Run Now', 'List Instances', 'Update Webhook']);
			await ui.openNode(page, 'List Instances');
			const listed = await ui.outputPanelText(page);
			expect(listed).toMatch(/\b2 items\b/);
			for (const instance of stack.sb.state.waapi.instances) expect(listed).toContain(instance.name);
			await ui.closeNdv(page);
			await ui.openNode(page, 'Update Webhook');
			const updated = await ui.outputPanelText(page);
			expect(updated).toMatch(/\b2 items\b/);
			expect(updated).toContain('https://hooks.example.com/whatsapp/incoming');
			for (const instance of stack.sb.state.waapi.instances) expect(instance.webhook_url).toBe('https://hooks.example.com/whatsapp/incoming');
		});
	});

	// -------------------------------------------------------------------------------------------------------
	describe('AI-tool mode: "WhatsApp Gateway Tool" under an AI Agent', () => {
		let toolName = '';


		test('the Agent\'s Tool picker offers it, and it is connected as the Agent\'s tool', async () => {
			await withScreenshot('tool-add', async () => {
				await ui.openWorkflow(page, stack.url);
				await ui.openPickerEntry(page, 'AI Agent', 'AI Agent');
				await ui.closeNdv(page).catch(() => {});
				const toolHandle = page.locator('[data-test-id="canvas-node-input-handle"][data-connection-type="ai_tool"][data-node-name="AI Agent"]');
				await toolHandle.locator('[data-test-id="canvas-handle-plus"]').click();
				await page.locator('[data-test-id="node-creator-search-bar"]').fill('WhatsApp Gateway');
				expect(await ui.pickerEntries(page, 'WhatsApp Gateway Tool')).toContain('WhatsApp Gateway Tool');
				await ui.pickerSearch(page, 'WhatsApp Gateway', 'WhatsApp Gateway Tool');
				const add = page.getByRole('button', { name: 'Add to workflow' });
				if (await add.isVisible().catch(() => false)) await add.click();
				await ui.waitForNdv(page);
				await ui.closeNdv(page);
				const tool = page.locator(`[data-test-id="canvas-node"][data-node-type="${flows.TOOL}"]`);
				await expect(tool.count()).resolves.toBe(1);
				toolName = String(await tool.getAttribute('data-node-name'));
				const edge = page.locator(`[data-test-id="edge"][data-source-node-name="${toolName}"][data-target-node-name="AI Agent"]`);
				await expect(edge.count()).resolves.toBe(1);
				await ui.openNode(page, toolName);
			});
		});

		test('its panel shows the Provider selector with every provider', async () => {
			await withScreenshot('tool-provider-selector', async () => {
				if (!toolName) throw new Error('the tool node was not added');
				if (!(await ui.ndv(page).isVisible())) await ui.openNode(page, toolName);
				expect(await readProviderChoices(page)).toEqual(expectedProviderChoices());
			});
		});

		test.each(PROVIDERS.map((p) => [p.short, p]))('%s: the tool\'s panel renders its credential, resources and operations', async (short, provider) => {
			await withScreenshot(`tool-${short}`, async () => {
				if (!toolName) throw new Error('the tool node was not added');
				if (!(await ui.ndv(page).isVisible())) await ui.openNode(page, toolName);
				expect(await readProviderPanel(page, provider)).toEqual(expectedProviderPanel(provider));
			});
		});

	});

	describe('AI-tool mode: the tools\' list modes', () => {
		for (const [node, provider] of [['WaAPI Tool', 'waapi'], ['WSAPI Tool', 'wsapi']]) {
			uiTest(`${node}: Instance "From List" loads the instances (no "Invalid URL")`, async (page) => {
				await ui.ensureOn(page, stack.url, flows.tools);
				await ui.openNode(page, node);
				const { items, error } = await ui.openResourceList(page, 'instanceId');
				const names = stack.sb.state[provider].instances.map((i) => i.name);
				expect({ items, error }).toEqual({ items: names.map((n) => expect.stringContaining(n)), error: '' });
				await expect(ui.ndv(page).getByText(/Invalid URL/).count()).resolves.toBe(0);
			});
		}
	});

	// -------------------------------------------------------------------------------------------------------
	describe('the trigger\'s options', () => {
		uiTest('Download Media and Max Media Size are offered where the provider serves files, not for Crisp', async (page) => {
			const seen = {};
			const wanted = {};
			for (const c of flows.TRIGGER_CASES) {
				await ui.ensureOn(page, stack.url, flows.triggers);
				await ui.openNode(page, c.node);
				seen[c.provider] = [...(await ui.collectionAddOptions(page))].sort();
				wanted[c.provider] = expectedTriggerOptions(c.provider);
			}
			expect(seen).toEqual(wanted);
		});
	});

	// -------------------------------------------------------------------------------------------------------
	describe('canvas subtitles', () => {
		uiTest('read "<Operation> · <Provider>" like n8n\'s own nodes, not raw parameter values', async (page) => {
			await ui.ensureOn(page, stack.url, flows.subtitles);
			const seen = {};
			const wanted = {};
			for (const c of flows.SUBTITLE_CASES) {
				const provider = PROVIDERS.find((p) => p.id === c.provider);
				if (!provider) throw new Error(`no expected provider ${c.provider}`);
				seen[c.node] = await ui.canvasSubtitle(page, c.node);
				const operation = OPERATIONS[c.resource][c.operation].name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
				wanted[c.node] = expect.stringMatching(new RegExp(`^${operation}\\b.* · ${provider.short}$`, 'i'));
			}
			expect(seen).toEqual(wanted);
		});
	});

	// -------------------------------------------------------------------------------------------------------
	describe('n8n 2.41.1 editor behaviour the node descriptions rely on (probe nodes of the fixture package)', () => {
		beforeAll(() => withScreenshot('probe-workflow', () => ui.openWorkflow(page, stack.url)), 2 * MINUTE);

		/** Adds the probe node to the describe's workflow (empty, then growing) and opens its panel. */
		async function addProbe(page, name) {
			await ui.settle(page);
			await addSingleNode(page, name);
		}

		uiTest('an options dropdown honours displayOptions on single options', async (page) => {
			await addProbe(page, 'Fixture Option Display');
			expect(await ui.openOptions(page, ui.parameterInput(page, 'choice'))).toEqual(['Always', 'Only Plain']);
			await ui.chooseOpenOption(page, 'Always');
			await ui.selectOption(page, ui.parameterInput(page, 'flavour'), 'Fancy');
			expect(await ui.openOptions(page, ui.parameterInput(page, 'choice'))).toEqual(['Always', 'Only Fancy']);
			await ui.chooseOpenOption(page, 'Always');
		});

		uiTest('credentials whose displayOptions name a field by plain values turn it into the hidden auth field', async (page) => {
			await addProbe(page, 'Fixture Provider Plain');
			expect(await ui.visibleParameters(page)).not.toContain('provider');
			expect(await ui.credentialLabel(page)).toBe('Credential');
		});

		uiTest('credentials whose displayOptions use conditions ({ _cnd: { eq } }) leave the fields visible, each choice with its credential', async (page) => {
			await addProbe(page, 'Fixture Provider Condition');
			const seen = [];
			const read = async () =>
				seen.push({
					parameters: (await ui.visibleParameters(page)).filter((p) => ['provider', 'authMethod'].includes(p)),
					credential: await ui.credentialLabel(page),
				});
			await read();
			await ui.selectOption(page, ui.parameterInput(page, 'provider'), 'Provider B');
			await read();
			await ui.selectOption(page, ui.parameterInput(page, 'authMethod'), 'Method Y');
			await read();
			expect(seen).toEqual([
				{ parameters: ['provider'], credential: 'Credential for Fixture A API' },
				{ parameters: ['provider', 'authMethod'], credential: 'Credential for Fixture B API' },
				{ parameters: ['provider', 'authMethod'], credential: 'Credential for Fixture C API' },
			]);
		});
	});
}
