import { exports } from "cloudflare:workers";
import { expect } from "vitest";
import { sql, waitForCount } from "./db";
import { ALL_SCOPES } from "./simulator";

/** A browser's cookie jar, as far as these flows need one. */
export class CookieJar {
  private readonly cookies = new Map<string, string>();
  store(res: Response) {
    for (const header of res.headers.getSetCookie()) {
      const [pair] = header.split(";");
      const at = (pair as string).indexOf("=");
      const name = (pair as string).slice(0, at);
      const value = (pair as string).slice(at + 1);
      if (/max-age=0/i.test(header) || value === "") this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
  }
  header(): string {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join("; ");
  }
  get(name: string) {
    return this.cookies.get(name);
  }
}

/** Calls the worker as the browser would: with the jar's cookies, keeping what it sets. */
export async function browse(jar: CookieJar, url: string, init: RequestInit = {}) {
  const res = await exports.default.fetch(url, {
    ...init,
    redirect: "manual",
    headers: { ...(init.headers as Record<string, string>), cookie: jar.header() },
  });
  jar.store(res);
  return res;
}

let seq = 0;
/** A new dashboard user, signed up through the API. */
export async function newUser(jar = new CookieJar()) {
  const email = `creator${++seq}-${Date.now()}@example.com`;
  const res = await browse(jar, "http://adam.test/api/v1/auth/signup", {
    method: "POST",
    headers: { "content-type": "application/json", "cf-connecting-ip": `192.0.2.${seq % 250}` },
    body: JSON.stringify({ email, password: "a long enough password" }),
  });
  expect(res.status).toBe(201);
  const body = (await res.json()) as { access_token: string; user: { id: string } };
  return { jar, email, token: body.access_token, userId: body.user.id };
}

/** The fields of the simulator's consent form: its action and every named input. */
export function consentForm(html: string) {
  const action = /<form method="post" action="([^"]+)"/.exec(html)?.[1];
  const fields: [string, string][] = [];
  for (const match of html.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)">/g)) {
    fields.push([
      match[1] as string,
      (match[2] as string).replace(/&#(\d+);/g, (_, c) => String.fromCharCode(Number(c))),
    ]);
  }
  return { action: action as string, fields };
}

/** What the creator does on TikTok's consent page. */
export interface Consent {
  creator: number;
  decision?: "allow" | "deny";
  grant?: string[];
}

/**
 * A consent flow as a browser follows it: Adam's start route → TikTok's consent page → the
 * user's choice → TikTok's redirect to Adam's callback → Adam's redirect to the dashboard.
 */
export async function consentThroughBrowser(
  jar: CookieJar,
  start: { url: string; token: string; scopes: string[] },
  consent: Consent,
) {
  const started = await browse(jar, start.url, { headers: { authorization: `Bearer ${start.token}` } });
  expect(started.status).toBe(302);
  const authorize = started.headers.get("location") as string;
  const page = await fetch(authorize);
  expect(page.status).toBe(200);
  const form = consentForm(await page.text());
  const body = new URLSearchParams(form.fields);
  body.set("creator", String(consent.creator));
  for (const scope of consent.grant ?? start.scopes) body.append("grant", scope);
  body.set("decision", consent.decision ?? "allow");
  const answered = await fetch(new URL(form.action, authorize), {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded" },
    body,
    redirect: "manual",
  });
  expect(answered.status).toBe(302);
  const callback = answered.headers.get("location") as string;
  const landed = await browse(jar, callback);
  expect(landed.status).toBe(302);
  return { authorize, callback, dashboard: new URL(landed.headers.get("location") as string) };
}

/** The Display API's connect flow (every scope but the basic one granted, unless `grant` says otherwise). */
export function connectThroughBrowser(user: { jar: CookieJar; token: string }, consent: Consent) {
  const scopes = ALL_SCOPES.filter((s) => s !== "user.info.basic");
  return consentThroughBrowser(
    user.jar,
    { url: "http://adam.test/api/v1/tiktok/connect", token: user.token, scopes },
    consent,
  );
}

/** A creator connected through the real flow by a new user, once its first snapshot is in. */
export async function connectedAccount(creator: number): Promise<{ id: string; openId: string }> {
  const { dashboard } = await connectThroughBrowser(await newUser(), { creator });
  const id = dashboard.searchParams.get("connected") as string;
  await waitForCount(
    () => sql`SELECT count(*)::int AS n FROM tiktok_ingest_logs WHERE account_id = ${id} AND status = 'ok'`,
    1,
  );
  const [row] = (await sql`SELECT open_id FROM tiktok_accounts WHERE id = ${id}`) as { open_id: string }[];
  return { id, openId: row!.open_id };
}
