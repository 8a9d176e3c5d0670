/** Where the site is mounted and which origin it comes from: the data every rewrite needs. */
export interface Mount {
  /** Public path prefix, without a trailing slash. */
  readonly prefix: string;
  /** The origin's `host` (with port when it has one), lower-case, e.g. `adam-site.pages.dev`. */
  readonly originHost: string;
  /** Scheme and host the visitor used, e.g. `https://lenkostudio.com`. */
  readonly publicOrigin: string;
}

export const PREFIX = "/adam";

export function createMount(origin: string, publicOrigin: string, prefix = PREFIX): Mount {
  return { prefix, originHost: new URL(origin).host, publicOrigin };
}

export type MountPath = { kind: "outside" } | { kind: "redirect" } | { kind: "inside"; originPath: string };

/**
 * Classifies a request path. Only `/adam` itself and `/adam/…` belong to the mount: `/adamant`
 * and `/adam.txt` share the prefix as a string but not as a path segment.
 */
export function matchMountPath(pathname: string, prefix = PREFIX): MountPath {
  if (pathname === prefix) return { kind: "redirect" };
  if (pathname.startsWith(`${prefix}/`)) return { kind: "inside", originPath: pathname.slice(prefix.length) };
  return { kind: "outside" };
}
