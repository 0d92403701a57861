// zod schemas for Meta's Graph answers (Meta's OpenAPI spec facebook/openapi
// business-messaging-api_v23.0.yaml; pywa `pywa/api.py`). Fields Meta may leave out are optional; ids come
// as strings but are accepted as numbers too.
import { z } from 'zod/v4';

const idLike = z.union([z.string().min(1), z.number()]).transform(String);

/** Graph cursor paging: `paging.cursors.{before,after}`, `next` only while more pages follow. */
const pagingSchema = z
	.looseObject({
		cursors: z.looseObject({ before: z.string().nullish(), after: z.string().nullish() }).nullish(),
		next: z.string().nullish(),
	})
	.nullish();

export function pageSchema<S extends z.ZodType>(item: S) {
	return z.looseObject({ data: z.array(item), paging: pagingSchema });
}

/**
 * A number's webhook layers as `?fields=webhook_configuration` reads them: the number's own override, the
 * WABA's and the app's callback, each present once set (Meta's webhook-overrides page; public clients).
 */
export const webhookConfigurationSchema = z.looseObject({
	phone_number: z.string().nullish(),
	whatsapp_business_account: z.string().nullish(),
	application: z.string().nullish(),
});

export const phoneNumberSchema = z.looseObject({
	id: idLike,
	display_phone_number: z.string().nullish(),
	verified_name: z.string().nullish(),
	quality_rating: z.string().nullish(),
	status: z.string().nullish(),
	code_verification_status: z.string().nullish(),
	webhook_configuration: webhookConfigurationSchema.nullish(),
});

export type PhoneNumber = z.infer<typeof phoneNumberSchema>;

export const templateSchema = z.looseObject({
	id: idLike.nullish(),
	name: z.string().min(1),
	language: z.string().nullish(),
	status: z.string().nullish(),
	category: z.string().nullish(),
	parameter_format: z.string().nullish(),
	components: z.array(z.unknown()).nullish(),
});

/** POST /{phone-number-id}/messages (Meta spec `MessageResponsePayload`). */
export const sentSchema = z.looseObject({
	messaging_product: z.string().nullish(),
	contacts: z
		.array(
			z.looseObject({
				input: z.string().nullish(),
				wa_id: z.string().nullish(),
				user_id: z.string().nullish(),
			}),
		)
		.nullish(),
	messages: z
		.array(z.looseObject({ id: z.string().min(1), message_status: z.string().nullish() }))
		.min(1),
});

/** `{"success":true}`: POST /{phone-number-id} and /{waba}/subscribed_apps. */
export const successSchema = z.looseObject({ success: z.boolean() });

/** GET /{waba}/subscribed_apps. */
export const subscribedAppsSchema = z.looseObject({
	data: z.array(
		z.looseObject({
			whatsapp_business_api_data: z
				.looseObject({ id: idLike.nullish(), name: z.string().nullish() })
				.nullish(),
			override_callback_uri: z.string().nullish(),
		}),
	),
});

/**
 * Meta's error envelope (Meta spec `GraphAPIError`; pywa `WhatsAppError.from_dict` reads
 * `error_data.details`, which template APIs may send as plain text).
 */
export const errorEnvelopeSchema = z.looseObject({
	error: z.looseObject({
		message: z.string().nullish(),
		type: z.string().nullish(),
		code: z.union([z.number(), z.string()]).nullish(),
		error_subcode: z.union([z.number(), z.string()]).nullish(),
		error_data: z.union([z.looseObject({ details: z.string().nullish() }), z.string()]).nullish(),
		error_user_title: z.string().nullish(),
		error_user_msg: z.string().nullish(),
		fbtrace_id: z.string().nullish(),
	}),
});
