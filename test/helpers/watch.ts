import { expect } from "vitest";
import { browse, connectThroughBrowser, consentForm, newUser } from "./connect";
import { BUSINESS_SCOPES } from "./simulator";
import { bearer, tokenFor } from "./tokens";

/** A user holding one connected creator, with a token that lists the account. */
export async function creatorWithAccount(creator: number) {
  const user = await newUser();
  const { dashboard } = await connectThroughBrowser(user, { creator });
  const id = dashboard.searchParams.get("connected") as string;
  const token = await tokenFor({ sub: user.userId, tiktokAccountIds: [id] });
  return { ...user, id, token };
}

/** Adam's watch connect route → TikTok's consent page for the Accounts API app → Adam's watch callback. */
export async function addWatchThroughBrowser(
  user: Awaited<ReturnType<typeof creatorWithAccount>>,
  options: { creator: number; decision?: "allow" | "deny"; grant?: string[] },
) {
  const start = await browse(user.jar, `http://adam.test/api/v1/accounts/${user.id}/watch/connect`, {
    headers: bearer(user.token),
  });
  expect(start.status).toBe(302);
  const authorize = start.headers.get("location") as string;
  const page = await fetch(authorize);
  expect(page.status).toBe(200);
  const form = consentForm(await page.text());
  const body = new URLSearchParams(form.fields);
  body.set("creator", String(options.creator));
  for (const scope of options.grant ?? BUSINESS_SCOPES) body.append("grant", scope);
  body.set("decision", options.decision ?? "allow");
  const consent = await fetch(new URL(form.action, authorize), {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded" },
    body,
    redirect: "manual",
  });
  expect(consent.status).toBe(302);
  const callback = consent.headers.get("location") as string;
  const landed = await browse(user.jar, callback);
  expect(landed.status).toBe(302);
  return { authorize, callback, dashboard: new URL(landed.headers.get("location") as string) };
}
