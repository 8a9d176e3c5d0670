import type { OutboxEntry } from "./entries.ts";

const escape = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** The sink's page: every message, newest first, refreshed every five seconds. */
export function outboxPage(entries: readonly OutboxEntry[]): string {
  const rows = entries
    .map(
      (e) => `<article class="${e.channel}${e.answered >= 300 ? " refused" : ""}">
  <header><span class="channel">${e.channel}</span> <time>${escape(e.received_at)}</time>
  ${e.alert_id ? `<span>alert ${escape(e.alert_id)}</span>` : ""} <span>→ ${escape(e.recipient)}</span>
  ${e.answered >= 300 ? `<strong>answered ${e.answered}</strong>` : ""}</header>
  <h2>${escape(e.subject ?? e.title ?? "")}</h2><pre>${escape(e.body)}</pre></article>`,
    )
    .join("\n");
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta http-equiv="refresh" content="5">
<meta name="viewport" content="width=device-width,initial-scale=1"><title>Adam outbox (${entries.length})</title>
<style>body{font-family:system-ui,sans-serif;margin:1.5rem auto;max-width:52rem;padding:0 1rem;background:#0b1020;color:#e6e9f2}
article{border:1px solid #2a3352;border-radius:8px;padding:.75rem 1rem;margin:.75rem 0;background:#121a33}
article.refused{opacity:.6}header{font-size:.85rem;color:#9aa6c8;display:flex;gap:.75rem;flex-wrap:wrap}
.channel{font-weight:700;text-transform:uppercase;color:#5ad1ff}h2{font-size:1.05rem;margin:.4rem 0}
pre{white-space:pre-wrap;font-family:inherit;margin:0;color:#cfd6ea}</style></head><body>
<h1>Adam outbox</h1><p>Every email, push and webhook the local stack sent: newest first (JSON: <a href="/__outbox" style="color:#5ad1ff">/__outbox</a>).</p>
${rows || '<p>Nothing yet. Make a video spike: <code>curl -d \'{"kind":"spike","factor":8}\' 127.0.0.1:8790/__sim/events</code>, then <code>npm run ingest:now</code>.</p>'}
</body></html>`;
}
