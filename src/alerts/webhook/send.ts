import { KIND_LABELS, type AlertContent } from "../content";
import { send, type SendOutcome } from "../outcome";
import { signatureHeader } from "./signature";

/**
 * One webhook request: Slack's and Discord's incoming-webhook shapes for their URLs, Adam's own
 * JSON for any other; signed either way (README "Webhooks").
 */
export function webhookBody(format: "slack" | "discord" | "json", alert: AlertContent, deliveryId: string): string {
  if (format === "slack")
    return JSON.stringify({ text: `*${alert.title}*\n${alert.body}\n<${alert.url}|Open in Adam>` });
  if (format === "discord") {
    return JSON.stringify({
      content: `**${alert.title}**\n${alert.body}\n${alert.url}`,
      allowed_mentions: { parse: [] },
    });
  }
  return JSON.stringify({
    type: `alert.${alert.kind}`,
    delivery_id: deliveryId,
    alert: {
      id: alert.id,
      kind: alert.kind,
      label: KIND_LABELS[alert.kind],
      title: alert.title,
      body: alert.body,
      confidence: alert.confidence,
      account_id: alert.accountId,
      video_id: alert.videoId,
      observed_at: alert.observedAt,
      created_at: alert.createdAt,
      url: alert.url,
    },
  });
}

export async function sendWebhook(
  target: { url: string; format: "slack" | "discord" | "json"; secret: string },
  alert: AlertContent,
  deliveryId: string,
  nowSeconds: number,
): Promise<SendOutcome> {
  const body = webhookBody(target.format, alert, deliveryId);
  return send(target.url, {
    method: "POST",
    headers: {
      "content-type": "application/json",
      "user-agent": "Adam-Webhooks/1 (+https://adam.lenkostudio.com)",
      "adam-event": `alert.${alert.kind}`,
      "adam-delivery": deliveryId,
      "adam-signature": await signatureHeader(target.secret, body, nowSeconds),
    },
    body,
  });
}
