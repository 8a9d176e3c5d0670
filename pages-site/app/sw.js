/*
 * Adam's service worker: shows an alert pushed by the API (RFC 8291-encrypted; the browser has
 * already decrypted it) and opens the dashboard page it points to when clicked. Registered only
 * after the creator turns push on in Settings.
 */
self.addEventListener("push", (event) => {
  let alert = { title: "Adam", body: "Something happened on your TikTok.", url: "./#/notifications" };
  try {
    alert = { ...alert, ...event.data.json() };
  } catch {
    // not JSON: the defaults
  }
  event.waitUntil(
    self.registration.showNotification(alert.title, {
      body: alert.body,
      tag: alert.alert_id ? `alert-${alert.alert_id}` : undefined,
      icon: "../img/favicon.svg",
      data: { url: alert.url },
    }),
  );
});

self.addEventListener("notificationclick", (event) => {
  event.notification.close();
  const url = new URL(event.notification.data?.url ?? "./#/notifications", self.registration.scope).href;
  event.waitUntil(
    self.clients.matchAll({ type: "window", includeUncontrolled: true }).then((windows) => {
      const open = windows.find((w) => w.url.startsWith(self.registration.scope));
      if (open) return open.focus().then(() => open.navigate(url));
      return self.clients.openWindow(url);
    }),
  );
});
