// @ts-check
// Meta's limits for reply buttons and lists, shared by the On-Premises client (which takes the same
// `interactive` object as the Cloud API, Meta "On-Premises API › Interactive messages"): body ≤ 1024, footer
// ≤ 60, 1–3 reply buttons with title ≤ 20 and id ≤ 256; lists: button ≤ 20, 1–10 sections, "up to 10 rows for
// all sections combined", section title ≤ 24, row title ≤ 24, description ≤ 72, id ≤ 200 (Meta spec
// `InteractiveObject`; Meta interactive list and reply-button message pages). The wording of the refusals is a GUESS.
const isObject = (v) => typeof v === 'object' && v !== null && !Array.isArray(v);
const tooLong = (label, v, max, min = 1) =>
	typeof v !== 'string' || [...v].length < min || [...v].length > max ? `${label} length invalid. Min length: ${min}, Max length: ${max}` : null;

/** The first rule `i` breaks, or null. */
function interactiveProblem(i) {
	if (!isObject(i)) return 'interactive is required';
	if (i.type !== 'button' && i.type !== 'list') return `Unsupported interactive type: ${String(i.type)}`;
	if (!isObject(i.body)) return 'interactive.body is required';
	const problems = [tooLong('Body text', i.body.text, 1024)];
	if (i.footer !== undefined) problems.push(isObject(i.footer) ? tooLong('Footer text', i.footer.text, 60) : 'interactive.footer must be an object');
	const a = i.action;
	if (!isObject(a)) return 'interactive.action is required';
	if (i.type === 'button') {
		if (!Array.isArray(a.buttons) || a.buttons.length < 1 || a.buttons.length > 3) return 'Invalid buttons count. Min allowed buttons: 1, Max allowed buttons: 3';
		for (const b of a.buttons) {
			if (!isObject(b) || b.type !== 'reply' || !isObject(b.reply)) return "Button type must be 'reply' with a reply object";
			problems.push(tooLong('Button title', b.reply.title, 20), tooLong('Button id', b.reply.id, 256));
		}
	} else {
		problems.push(tooLong('Button text', a.button, 20));
		if (!Array.isArray(a.sections) || a.sections.length < 1 || a.sections.length > 10) return 'Invalid sections count. Min allowed sections: 1, Max allowed sections: 10';
		let rows = 0;
		for (const s of a.sections) {
			if (!isObject(s) || !Array.isArray(s.rows) || s.rows.length === 0) return 'Each section needs at least one row';
			if (s.title !== undefined) problems.push(tooLong('Section title', s.title, 24));
			for (const r of s.rows) {
				rows += 1;
				if (!isObject(r)) return 'Row must be an object';
				problems.push(tooLong('Row title', r.title, 24), tooLong('Row id', r.id, 200));
				if (r.description !== undefined) problems.push(tooLong('Row description', r.description, 72, 0));
			}
		}
		if (rows > 10) return 'Invalid rows count. Min allowed rows: 1, Max allowed rows: 10';
	}
	return problems.find((p) => p !== null) ?? null;
}

module.exports = { interactiveProblem };
