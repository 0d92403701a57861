// @ts-check
// The node as an AI agent's tool ("WhatsApp Gateway Tool"): n8n builds the tool's input schema from the
// $fromAI(...) placeholders in its parameters and resolves them from the arguments the model gives, which
// reach the node as its input item. Run through n8n-core's engine against the sandbox: the tool sends what
// the node sends and outputs the same items; its description and the parameters a model fills say what
// to pass in one sentence.
const { NodeHelpers } = require('n8n-workflow');
const { getSchema } = require('n8n-core/dist/execution-engine/node-execution-context/utils/create-node-as-tool');
const { useSandbox } = require('../support/sandbox');
const { runNode } = require('../harness');
const { WhatsAppGateway } = require('../../nodes/WhatsAppGateway/WhatsAppGateway.node');
const { ADAPTERS } = require('../../nodes/providers');

const nodeType = new WhatsAppGateway();
const d = nodeType.description;

const sb = useSandbox();

const fromAi = {
	provider: 'waapi',
	resource: 'message',
	operation: 'sendText',
	instanceId: { __rl: true, mode: 'id', value: "={{ $fromAI('instance', 'The WaAPI instance ID to send from', 'string') }}" },
	to: "={{ $fromAI('to', 'The recipient phone number with country code', 'string') }}",
	text: "={{ $fromAI('text', 'The message to send', 'string') }}",
};
const toolArgs = { instance: '101', to: '+49 151 2345 6781', text: 'Your order has shipped' };

test('the tool asks the model for exactly the $fromAI placeholders, as strings', () => {
	const schema = getSchema({ id: 't', name: 'WhatsApp Gateway', type: 'x', typeVersion: 1, position: [0, 0], parameters: fromAi });
	expect(Object.keys(schema.shape).sort()).toEqual(['instance', 'text', 'to']);
	expect(schema.safeParse(toolArgs).success).toBe(true);
	expect(schema.safeParse({ ...toolArgs, to: 491512345 }).success).toBe(false);
});

test('the tool sends what the node sends and outputs the same item', async () => {
	const viaTool = await runNode({ nodeType: 'whatsAppGateway', parameters: fromAi, credentials: { waApiApi: sb.credentials.waApiApi }, input: [{ json: toolArgs }] });
	expect(viaTool.error).toBeUndefined();
	const toolSend = sb.requests('waapi', { method: 'POST', path: '/instances/101/client/action/send-message' });
	sb.clearLog();
	const direct = await runNode({
		nodeType: 'whatsAppGateway',
		parameters: { ...fromAi, instanceId: { __rl: true, mode: 'id', value: '101' }, to: toolArgs.to, text: toolArgs.text },
		credentials: { waApiApi: sb.credentials.waApiApi },
	});
	const directSend = sb.requests('waapi', { method: 'POST', path: '/instances/101/client/action/send-message' });
	expect(toolSend.map((r) => r.body)).toEqual([{ chatId: '4915123456781@c.us', message: 'Your order has shipped' }]);
	expect(directSend.map((r) => r.body)).toEqual(toolSend.map((r) => r.body));
	const withoutId = ({ messageId, ...rest }) => rest;
	expect(viaTool.items.map(withoutId)).toEqual(direct.items.map(withoutId));
	expect(viaTool.items[0]).toMatchObject({ provider: 'waapi', to: '4915123456781', status: 'sent', messageId: expect.any(String) });
});

test("the tool's default description is the operation's sentence", () => {
	const node = { id: 't', name: 'WhatsApp Gateway', type: 'x', typeVersion: 1, position: [0, 0], parameters: fromAi };
	expect(NodeHelpers.getToolDescriptionForNode(node, nodeType)).toBe('Send a text message in WhatsApp Gateway');
	expect(d.description).not.toMatch(/\.\s+[A-Z]/);
});

test('every parameter a model fills says what to pass in one sentence', () => {
	const modelFilled = ['to', 'text', 'phoneNumbers', 'instanceId', 'webhookUrl', 'templateName', 'templateLanguage', 'fromNumber', 'templateNamespace'];
	const properties = [...d.properties, ...ADAPTERS.flatMap((a) => a.properties ?? [])].filter((p) => modelFilled.includes(p.name));
	expect(properties.length).toBeGreaterThanOrEqual(modelFilled.length);
	for (const p of properties) {
		expect(typeof p.description).toBe('string');
		// One sentence: no full stop followed by another sentence.
		expect([p.name, /\.\s+[A-Z]/.test(p.description)]).toEqual([p.name, false]);
	}
});
