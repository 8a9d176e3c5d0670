/**
 * Where Adam may send a webhook or a push message. In production: https only, on the default
 * port, to a public name or address: never loopback, private (RFC 1918, ULA), link-local,
 * carrier-grade NAT, multicast or reserved ranges, nor `localhost`, `.local`, `.internal` or a
 * bare single-label name. URLs are parsed as browsers parse them, so `0x7f.1`, `2130706433` and
 * `[::ffff:7f00:1]` are seen as the loopback addresses they are. (A public name that resolves to a
 * private address is no way in either: a Worker's fetch leaves from Cloudflare's network, which
 * does not route to private ranges.) Outside production, http and loopback are allowed, so the
 * local outbox sink can receive.
 */
const MAX_URL_LENGTH = 2048;

function ipv4(host: string): number[] | null {
  const m = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(host);
  return m ? m.slice(1).map(Number) : null;
}

function privateIpv4([a, b]: number[]): boolean {
  if (a === undefined || b === undefined) return true;
  return (
    a === 0 ||
    a === 10 ||
    a === 127 ||
    (a === 100 && b >= 64 && b <= 127) ||
    (a === 169 && b === 254) ||
    (a === 172 && b >= 16 && b <= 31) ||
    (a === 192 && b === 0) ||
    (a === 192 && b === 168) ||
    (a === 198 && (b === 18 || b === 19)) ||
    a >= 224
  );
}

function privateIpv6(host: string): boolean {
  const h = host.replace(/^\[|\]$/g, "").toLowerCase();
  if (h === "::" || h === "::1") return true;
  const mapped = /^::ffff:([0-9a-f]{1,4}):([0-9a-f]{1,4})$/.exec(h);
  if (mapped) {
    const hi = parseInt(mapped[1] as string, 16);
    const lo = parseInt(mapped[2] as string, 16);
    return privateIpv4([hi >> 8, hi & 255, lo >> 8, lo & 255]);
  }
  if (/^::ffff:\d/.test(h)) return true;
  const first = parseInt(h.split(":")[0] || "0", 16);
  return (
    (first & 0xfe00) === 0xfc00 || // unique local fc00::/7
    (first & 0xffc0) === 0xfe80 || // link-local fe80::/10
    (first & 0xff00) === 0xff00 || // multicast
    h.startsWith("64:ff9b:") || // NAT64 of any IPv4
    h.startsWith("2001:db8:") // documentation
  );
}

export function targetProblem(raw: string, publicOnly: boolean): string | null {
  if (raw.length > MAX_URL_LENGTH) return `must be at most ${MAX_URL_LENGTH} characters`;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return "is not a URL";
  }
  if (url.username || url.password) return "must not carry a user name or password";
  if (url.protocol !== "https:" && !(url.protocol === "http:" && !publicOnly)) {
    return publicOnly ? "must be an https:// URL" : "must be an http(s):// URL";
  }
  if (!publicOnly) return null;
  if (url.port !== "") return "must use the default https port";
  const host = url.hostname.toLowerCase().replace(/\.$/, "");
  const v4 = ipv4(host);
  if (v4) return privateIpv4(v4) ? "must not point at a private or loopback address" : null;
  if (host.startsWith("[")) return privateIpv6(host) ? "must not point at a private or loopback address" : null;
  if (
    !host.includes(".") ||
    host === "localhost" ||
    /\.(localhost|local|internal|intranet|lan|home\.arpa|localdomain)$/.test(host)
  ) {
    return "must name a public host";
  }
  return null;
}

export function webhookFormat(raw: string): "slack" | "discord" | "json" {
  const url = new URL(raw);
  if (url.hostname === "hooks.slack.com") return "slack";
  if (
    /^(discord|discordapp)\.com$/.test(url.hostname.replace(/^(ptb|canary)\./, "")) &&
    url.pathname.startsWith("/api/webhooks/")
  )
    return "discord";
  return "json";
}
