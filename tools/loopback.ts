/**
 * Whether a Host header names this machine's loopback interface (any port): 127.0.0.1, localhost
 * or [::1]. The local development servers (the Neon endpoint, the TikTok simulator) bind loopback
 * only, yet a web page can still make a browser reach them through DNS rebinding (its own host
 * name, re-pointed at 127.0.0.1): such requests name another host, and are refused.
 */
export function isLoopbackHost(host: string | undefined): boolean {
  if (!host) return false;
  const name = host.toLowerCase().replace(/:\d+$/, "");
  return name === "127.0.0.1" || name === "localhost" || name === "[::1]";
}
