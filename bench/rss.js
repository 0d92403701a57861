// @ts-check
// Peak resident memory of every process this bench started (n8n, its task runner), read from /proc while
// they run: the sum of VmRSS over the bench process's descendants, sampled on a timer.
const fs = require('node:fs');

/** @returns {Map<number, number[]>} parent pid → child pids */
function childrenMap() {
	/** @type {Map<number, number[]>} */
	const map = new Map();
	for (const name of fs.readdirSync('/proc')) {
		if (!/^\d+$/.test(name)) continue;
		let stat;
		try {
			stat = fs.readFileSync(`/proc/${name}/stat`, 'utf8');
		} catch {
			continue; // gone meanwhile
		}
		// Fields after the command name (which may hold spaces and parentheses): state, ppid, ...
		const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
		const list = map.get(ppid) ?? [];
		list.push(Number(name));
		map.set(ppid, list);
	}
	return map;
}

/** Every descendant of `root` (not `root` itself). */
function descendants(root = process.pid) {
	const map = childrenMap();
	const out = [];
	const queue = [...(map.get(root) ?? [])];
	while (queue.length > 0) {
		const pid = /** @type {number} */ (queue.shift());
		out.push(pid);
		queue.push(...(map.get(pid) ?? []));
	}
	return out;
}

function rssBytes(pid) {
	try {
		const m = /VmRSS:\s+(\d+)\s+kB/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'));
		return m ? Number(m[1]) * 1024 : 0;
	} catch {
		return 0;
	}
}

/** CPU time (user + system, ms) used so far by the live descendants of this process. */
function cpuMs(root = process.pid) {
	let ticks = 0;
	for (const pid of descendants(root)) {
		try {
			const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
			const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
			// After the name: state(0) ppid(1) ... utime(11) stime(12), in clock ticks of 10 ms on Linux.
			ticks += Number(fields[11]) + Number(fields[12]);
		} catch {
			// gone meanwhile
		}
	}
	return ticks * 10;
}

/** Starts sampling; `stop()` returns the highest total seen (bytes). */
function startRssSampler(intervalMs = 200) {
	let peak = 0;
	const sample = () => {
		const total = descendants().reduce((sum, pid) => sum + rssBytes(pid), 0);
		if (total > peak) peak = total;
	};
	sample();
	const timer = setInterval(sample, intervalMs);
	return {
		stop() {
			clearInterval(timer);
			sample();
			return peak;
		},
	};
}

module.exports = { startRssSampler, descendants, cpuMs };
