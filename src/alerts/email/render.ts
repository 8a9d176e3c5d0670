import { escapeHtml, KIND_LABELS, type AlertContent } from "../content";

/** An alert's email and the daily digest, as text and as simple HTML (no images, no tracking). */
export function alertEmail(alert: AlertContent, unsubscribeUrl: string, settingsUrl: string) {
  const text = [
    alert.body,
    "",
    `Open it in Adam: ${alert.url}`,
    "",
    `You get this because alert emails are on in Adam. Change what you get: ${settingsUrl}`,
    `Stop alert emails with one click: ${unsubscribeUrl}`,
  ].join("\n");
  const html = `<!doctype html><html><body style="font-family:system-ui,sans-serif;color:#111;max-width:560px">
<p style="color:#555;margin:0">${escapeHtml(KIND_LABELS[alert.kind])}</p>
<h1 style="font-size:20px;margin:4px 0 12px">${escapeHtml(alert.title)}</h1>
<p>${escapeHtml(alert.body)}</p>
<p><a href="${escapeHtml(alert.url)}">Open it in Adam</a></p>
<p style="color:#666;font-size:12px">You get this because alert emails are on in Adam.
<a href="${escapeHtml(settingsUrl)}">Change what you get</a> or
<a href="${escapeHtml(unsubscribeUrl)}">stop alert emails</a>.</p></body></html>`;
  return { subject: alert.title, text, html };
}

export function digestEmail(alerts: readonly AlertContent[], day: string, unsubscribeUrl: string, settingsUrl: string) {
  const subject = `Your Adam digest for ${day}: ${alerts.length} alert${alerts.length === 1 ? "" : "s"}`;
  const text = [
    `What happened on your TikTok in the last day (${day}):`,
    "",
    ...alerts.flatMap((a) => [`• ${a.title}`, `  ${a.body}`, `  ${a.url}`, ""]),
    `Change what you get: ${settingsUrl}`,
    `Stop the digest with one click: ${unsubscribeUrl}`,
  ].join("\n");
  const items = alerts
    .map(
      (a) =>
        `<li style="margin-bottom:12px"><a href="${escapeHtml(a.url)}"><strong>${escapeHtml(a.title)}</strong></a><br>${escapeHtml(a.body)}</li>`,
    )
    .join("");
  const html = `<!doctype html><html><body style="font-family:system-ui,sans-serif;color:#111;max-width:560px">
<h1 style="font-size:20px">${escapeHtml(subject)}</h1><ul style="padding-left:18px">${items}</ul>
<p style="color:#666;font-size:12px"><a href="${escapeHtml(settingsUrl)}">Change what you get</a> or
<a href="${escapeHtml(unsubscribeUrl)}">stop the digest</a>.</p></body></html>`;
  return { subject, text, html };
}
