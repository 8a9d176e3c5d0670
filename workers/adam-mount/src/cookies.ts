import type { Mount } from "./mount";
import { mountUrl } from "./urls";

/**
 * Scopes one `Set-Cookie` value to the mount: `Path=/x` becomes `Path=/adam/x` (`Path=/` becomes
 * `Path=/adam`), and a `Domain` naming the origin host is dropped, because the browser would
 * reject a cookie for a domain it is not visiting. A cookie without `Path` already defaults to
 * the request's directory, which is under the mount.
 */
export function mountSetCookie(cookie: string, mount: Mount): string {
  const [nameValue, ...attributes] = cookie.split(";");
  const kept: string[] = [nameValue!];
  for (const attribute of attributes) {
    const eq = attribute.indexOf("=");
    const name = (eq < 0 ? attribute : attribute.slice(0, eq)).trim().toLowerCase();
    const value = eq < 0 ? "" : attribute.slice(eq + 1).trim();
    if (name === "domain" && value.replace(/^\./, "").toLowerCase() === mount.originHostname) continue;
    if (name === "path" && value.startsWith("/")) {
      kept.push(` Path=${value === "/" ? mount.prefix : mountUrl(value, mount)}`);
      continue;
    }
    kept.push(attribute);
  }
  return kept.join(";");
}
