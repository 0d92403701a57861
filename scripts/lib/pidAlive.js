// @ts-check
// Whether a process still runs: signal 0 checks without sending anything.
/** @param {number} pid */
function pidAlive(pid) {
	try {
		process.kill(pid, 0);
		return true;
	} catch {
		return false;
	}
}

module.exports = { pidAlive };
