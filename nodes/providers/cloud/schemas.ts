// zod schemas for Meta's Graph answers (Meta's OpenAPI spec facebook/openapi
// business-messaging-api_v23.0.yaml; pywa `pywa/api.py`). Fields Meta may leave out are optional; ids come
// as strings but are accepted as numbers too.
import { z } from 'zod';

const idLike = z.union([z.string().min(1), z.number()]).transform(String);

/** Graph cursor paging: `paging.cursors.{before,after}`, `next` only while more pages follow. */
const pagingSchema = z
	.object({
		cursors: z
			.object({ before: z.string().nullish(), after: z.string().nullish() })
			.passthrough()
			.nullish(),
		next: z.string().nullish(),
	})
	.passthrough()
	.nullish();

export function pageSchema<S extends z.ZodTypeAny>(item: S) {
	return z.object({ data: z.array(item), paging: pagingSchema }).passthrough();
}

/**
 * A number's webhook layers as `?fields=webhook_configuration` reads them: the number's own override, the
 * WABA's and the app's callback, each present once set (Meta's webhook-overrides page; public clients).
 */
export const webhookConfigurationSchema = z
	.object({
		phone_number: z.string().nullish(),
		whatsapp_business_account: z.string().nullish(),
		application: z.string().nullish(),
	})
	.passthrough();

export const phoneNumberSchema = z
	.object({
		id: idLike,
		display_phone_number: z.string().nullish(),
		verified_name: z.string().nullish(),
		quality_rating: z.string().nullish(),
		status: z.string().nullish(),
		code_verification_status: z.string().nullish(),
		webhook_configuration: webhookConfigurationSchema.nullish(),
	})
	.passthrough();

export type PhoneNumber = z.infer<typeof phoneNumberSchema>;

export const templateSchema = z
	.object({
		id: idLike.nullish(),
		name: z.string().min(1),
		language: z.string().nullish(),
		status: z.string().nullish(),
		category: z.string().nullish(),
		parameter_format: z.string().nullish(),
		components: z.array(z.unknown()).nullish(),
	})
	.passthrough();

/** POST /{phone-number-id}/messages (Meta spec `MessageResponsePayload`). */
export const sentSchema = z
	.object({
		messaging_product: z.string().nullish(),
		contacts: z
			.array(
				z
					.object({
						input: z.string().nullish(),
						wa_id: z.string().nullish(),
						user_id: z.string().nullish(),
					})
					.passthrough(),
			)
			.nullish(),
		messages: z
			.array(
				z.object({ id: z.string().min(1), message_status: z.string().nullish() }).passthrough(),
			)
			.min(1),
	})
	.passthrough();

/** `{"success":true}`: POST /{phone-number-id} and /{waba}/subscribed_apps. */
export const successSchema = z.object({ success: z.boolean() }).passthrough();

/** GET /{waba}/subscribed_apps. */
export const subscribedAppsSchema = z
	.object({
		data: z.array(
			z
				.object({
					whatsapp_business_api_data: z
						.object({ id: idLike.nullish(), name: z.string().nullish() })
						.passthrough()
						.nullish(),
					override_callback_uri: z.string().nullish(),
				})
				.passthrough(),
		),
	})
	.passthrough();

/**
 * Meta's error envelope (Meta spec `GraphAPIError`; pywa `WhatsAppError.from_dict` reads
 * `error_data.details`, which template APIs may send as plain text).
 */
export const errorEnvelopeSchema = z
	.object({
		error: z
			.object({
				message: z.string().nullish(),
				type: z.string().nullish(),
				code: z.union([z.number(), z.string()]).nullish(),
				error_subcode: z.union([z.number(), z.string()]).nullish(),
				error_data: z
					.union([z.object({ details: z.string().nullish() }).passthrough(), z.string()])
					.nullish(),
				error_user_title: z.string().nullish(),
				error_user_msg: z.string().nullish(),
				fbtrace_id: z.string().nullish(),
			})
			.passthrough(),
	})
	.passthrough();
