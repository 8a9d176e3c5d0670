import { send, type SendOutcome } from "../outcome";

/**
 * Email through Resend's HTTP API (`POST /emails`): one JSON request from a Worker, no SMTP, no
 * SDK. Chosen because it is a plain fetch with a bearer key (nothing Node-only), takes our own
 * headers (List-Unsubscribe), and honours an `Idempotency-Key` for 24 hours: the delivery's key
 * goes there, so even a retry after a lost answer sends one email. Locally EMAIL_API_BASE points
 * at the outbox sink, which speaks the same API.
 */
export interface EmailSender {
  apiBase: string;
  apiKey: string;
  from: string;
}

export interface Email {
  to: string;
  subject: string;
  text: string;
  html: string;
  unsubscribeUrl: string;
  /** The delivery's key: Resend's idempotency key, and a tag the sink lists. */
  idempotencyKey: string;
  alertId: string | null;
}

export async function sendEmail(sender: EmailSender, email: Email): Promise<SendOutcome> {
  const body = {
    from: sender.from,
    to: [email.to],
    subject: email.subject,
    text: email.text,
    html: email.html,
    headers: {
      // RFC 2369 and RFC 8058: mail clients show an "Unsubscribe" button that POSTs here
      "List-Unsubscribe": `<${email.unsubscribeUrl}>`,
      "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
    },
    tags: [
      { name: "category", value: email.alertId ? "alert" : "digest" },
      ...(email.alertId ? [{ name: "alert_id", value: email.alertId }] : []),
    ],
  };
  return send(
    `${sender.apiBase}/emails`,
    {
      method: "POST",
      headers: {
        authorization: `Bearer ${sender.apiKey}`,
        "content-type": "application/json",
        "idempotency-key": email.idempotencyKey.slice(0, 256),
      },
      body: JSON.stringify(body),
    },
    async (res) => ((await res.json()) as { id?: string }).id ?? null,
  );
}
