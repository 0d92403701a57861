// The On-Premises Webapp root as the credential's Base URL gives it: `https://host:port`, with a trailing
// `/` or `/v1` tolerated. Every path the node and the credentials call is below it (`/v1/...`).
export function webappRoot(baseUrl: unknown): string {
	return String(baseUrl ?? '')
		.trim()
		.replace(/\/+$/, '')
		.replace(/\/v1$/i, '')
		.replace(/\/+$/, '');
}
