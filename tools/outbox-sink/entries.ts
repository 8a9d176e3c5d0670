/**
 * What the sink keeps: every email, push message and webhook request it received, newest first,
 * in the shape `GET /__outbox` answers.
 */
export interface OutboxEntry {
  id: number;
  received_at: string;
  channel: "email" | "push" | "webhook";
  /** The email address, the push endpoint, or the webhook's URL. */
  recipient: string;
  /** Emails have a subject; push messages and webhooks a title. */
  subject?: string;
  title?: string;
  body: string;
  alert_id: string | null;
  /** The HTTP status the sink answered with (a target made to fail answers 410 or 503). */
  answered: number;
  /** Channel details: email headers (List-Unsubscribe), the webhook's signature and delivery id, the push urgency. */
  details: Record<string, unknown>;
}

/** The newest this many are kept (a benchmark sends 10,000 at once). */
const MAX_ENTRIES = 50_000;

export class Outbox {
  private entries: OutboxEntry[] = [];
  private next = 1;

  add(entry: Omit<OutboxEntry, "id" | "received_at">): OutboxEntry {
    const full = { id: this.next++, received_at: new Date().toISOString(), ...entry };
    this.entries.unshift(full);
    if (this.entries.length > MAX_ENTRIES) this.entries.pop();
    return full;
  }

  list(): OutboxEntry[] {
    return [...this.entries];
  }

  clear(): void {
    this.entries = [];
  }
}
