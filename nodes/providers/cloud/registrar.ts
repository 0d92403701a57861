// The trigger's automatic setup on the Cloud API: the number's own webhook override, so several workflows
// (one per number) share one Meta app. Meta delivers no webhooks of a WABA to an app that is not
// subscribed to it (`/{waba}/subscribed_apps`), so the app is subscribed first where it is not. Meta
// never returns verify tokens, so an override that points elsewhere cannot be put back: it is refused
// unless Overwrite Existing Webhook is on, and then replaced for good (the note names what it replaced).
// Deactivation removes the override only while it is still ours, and never fails because of it.
import type { RegisterRequest, Registered, WebhookRegistrar } from '../../shared/adapter';
import { ProviderError, SetupError } from '../../shared/errors';
import { withoutQuery } from '../../shared/registration';
import { credentialField } from '../../shared/transport';
import type { Transport, WebhookConfigApi } from '../../shared/types';
import { wabaPath } from './api';
import { subscribedAppsSchema, successSchema } from './schemas';

async function ensureSubscribed(t: Transport): Promise<string | undefined> {
	const action = 'read the apps subscribed to the WhatsApp Business Account';
	const path = `${wabaPath(t, action)}/subscribed_apps`;
	const apps = await t.request(
		{ method: 'GET', path, idempotent: true, action },
		subscribedAppsSchema,
	);
	const appId = credentialField(t, 'appId').trim();
	// Without the app's ID any subscribed app counts: the token's own app is the likely one.
	const subscribed = appId
		? apps.data.some((a) => a.whatsapp_business_api_data?.id === appId)
		: apps.data.length > 0;
	if (subscribed) return undefined;
	// A bare POST subscribes the token's app. It is sent only when needed: it also clears a WABA-level
	// override (pywa `delete_waba_alternate_callback_url` does exactly this).
	const answer = await t.request(
		{
			method: 'POST',
			path,
			idempotent: true,
			action: 'subscribe the app to the WhatsApp Business Account',
		},
		successSchema,
	);
	if (!answer.success) {
		t.fail({
			action: 'subscribe the app to the WhatsApp Business Account',
			httpStatus: 200,
			message: 'Meta answered success: false',
		});
	}
	const waba = credentialField(t, 'businessAccountId').trim();
	return `subscribed the Meta app${appId ? ` ${appId}` : ''} to the WhatsApp Business Account ${waba}: it was not, and Meta sends a WABA's webhooks only to subscribed apps`;
}

function errorMessage(error: unknown): string {
	if (error instanceof ProviderError) return error.failure.message;
	return error instanceof Error ? error.message : String(error);
}

export function cloudRegistrar(api: WebhookConfigApi): WebhookRegistrar {
	return {
		async register(t, request: RegisterRequest): Promise<Registered> {
			const { instanceId } = request;
			const current = await api.read(t, instanceId);
			const pointsHere =
				current.url !== null && withoutQuery(current.url) === withoutQuery(request.webhookUrl);
			const foreign = current.url !== null && !pointsHere ? withoutQuery(current.url) : null;
			if (foreign !== null && !request.overwrite) {
				throw new SetupError(
					`The WhatsApp Cloud API number ${instanceId} already sends its webhooks to ${foreign}`,
					'Another workflow or system receives its events. Point it elsewhere first, or turn on the option Overwrite Existing Webhook: Meta never returns the verify token of an override, so the one replaced cannot be put back on deactivation.',
				);
			}
			if (!request.verifyToken) {
				throw new SetupError(
					'No verify token for the webhook override',
					'Meta verifies the URL with a GET carrying a verify token; set the App Secret in the credential, from which the trigger derives it.',
				);
			}
			const notes: string[] = [];
			const subscribed = await ensureSubscribed(t);
			if (subscribed) notes.push(subscribed);
			await api.write(t, instanceId, {
				url: request.url,
				events: [],
				verifyToken: request.verifyToken,
			});
			if (foreign !== null) {
				notes.push(
					`took over the webhook override of number ${instanceId} from ${foreign}; Meta never returns verify tokens, so it cannot be put back on deactivation`,
				);
			}
			return { state: { replaced: foreign, subscribedApp: subscribed !== undefined }, notes };
		},

		async isRegistered(t, record) {
			const current = await api.read(t, record.instanceId);
			return current.url === record.url;
		},

		async unregister(t, record) {
			try {
				const current = await api.read(t, record.instanceId);
				// Someone pointed the number elsewhere since: that is theirs now, leave it.
				if (current.url !== record.url) return { warnings: [] };
				await api.write(t, record.instanceId, { url: null, events: [] });
				return { warnings: [] };
			} catch (error) {
				return {
					warnings: [
						`could not remove the webhook override of number ${record.instanceId} (${errorMessage(error)}); Meta sends its events to ${withoutQuery(record.url)} until it is removed (Instance → Update Webhook with an empty URL)`,
					],
				};
			}
		},
	};
}
