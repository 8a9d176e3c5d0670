import { z } from "zod";

/**
 * Messages on the `alerts` queue, validated on both sides: an alert to fan out to its holder's
 * channels, one delivery to make, one user's daily digest. Ids only: the rows are the truth, so
 * a message redelivered or sent twice by a sweep changes nothing.
 */
const id = z.string().regex(/^[1-9]\d{0,17}$/);

export const AlertMessageSchema = z.discriminatedUnion("kind", [
  z.object({ v: z.literal(1), kind: z.literal("alert"), alertId: id }),
  z.object({ v: z.literal(1), kind: z.literal("deliver"), deliveryId: id }),
  z.object({
    v: z.literal(1),
    kind: z.literal("digest"),
    userId: id,
    day: z.string().regex(/^\d{4}-\d\d-\d\d$/),
  }),
]);
export type AlertMessage = z.infer<typeof AlertMessageSchema>;

export const alertMessage = (alertId: string): AlertMessage => ({ v: 1, kind: "alert", alertId });
export const deliverMessage = (deliveryId: string): AlertMessage => ({ v: 1, kind: "deliver", deliveryId });
export const digestMessage = (userId: string, day: string): AlertMessage => ({ v: 1, kind: "digest", userId, day });

/** Queues may delay a message at most this long; a longer hold is finished by the sweep. */
export const MAX_DELAY_SECONDS = 12 * 3600;

/** Sends in calls of at most 100 messages (the Queues limit), each with its own delay. */
export async function sendAll(queue: Queue, messages: { body: AlertMessage; delaySeconds?: number }[]): Promise<void> {
  for (let i = 0; i < messages.length; i += 100) {
    await queue.sendBatch(
      messages.slice(i, i + 100).map((m) => ({
        body: m.body,
        contentType: "json" as const,
        ...(m.delaySeconds ? { delaySeconds: Math.min(MAX_DELAY_SECONDS, Math.ceil(m.delaySeconds)) } : {}),
      })),
    );
  }
}
