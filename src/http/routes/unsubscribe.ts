import { createRoute, z } from "@hono/zod-openapi";
import { verifyUnsubscribeToken } from "../../alerts/links";
import { unsubscribe } from "../../db/queries/alert-settings";
import { log } from "../../log";
import { ApiError } from "../errors";
import { limitBody } from "../middleware/body-limit";
import { createRouter } from "../router";
import { errorResponse } from "../schemas";

/**
 * One-click unsubscribe (RFC 8058) from every alert email's `List-Unsubscribe` link. A mail
 * client POSTs `List-Unsubscribe=One-Click` to it; a person who opens the link gets a page with
 * one button (a GET changes nothing: link scanners open links). The link is signed for one user
 * and one list; an unsigned, altered or forged link is refused with 403 and changes nothing.
 */
const Token = z
  .object({ token: z.string().max(200).openapi({ description: "The signed token from the email's link" }) })
  .strict();

const page = (title: string, body: string) =>
  `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">` +
  `<title>${title}</title></head><body style="font-family:system-ui,sans-serif;max-width:32rem;margin:3rem auto;padding:0 1rem">` +
  `${body}</body></html>`;

// The page's only style is inline, and its form posts to itself: nothing else is allowed.
const PAGE_CSP =
  "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

const LISTS = { email: "alert emails", digest: "the daily digest" } as const;

const getRoute = createRoute({
  method: "get",
  path: "/alerts/unsubscribe",
  tags: ["alerts"],
  summary: "The unsubscribe page of an email's link: one button, nothing changed yet",
  request: { query: Token },
  responses: {
    200: { description: "A page with one button", content: { "text/html": { schema: z.string() } } },
    403: errorResponse("The link is not signed by Adam"),
  },
});

const postRoute = createRoute({
  method: "post",
  path: "/alerts/unsubscribe",
  tags: ["alerts"],
  summary: "One-click unsubscribe (RFC 8058): turns the link's list off",
  middleware: [limitBody(1024)],
  request: { query: Token },
  responses: {
    200: { description: "Unsubscribed", content: { "text/html": { schema: z.string() } } },
    403: errorResponse("The link is not signed by Adam"),
    404: errorResponse("The user no longer exists"),
  },
});

async function verified(secret: string, token: string) {
  const claim = await verifyUnsubscribeToken(secret, token);
  if (!claim) {
    log("warn", "unsubscribe_refused", {});
    throw new ApiError("forbidden", "This unsubscribe link is not valid.");
  }
  return claim;
}

export const unsubscribeRoutes = createRouter()
  .openapi(getRoute, async (c) => {
    const { token } = c.req.valid("query");
    const claim = await verified(c.var.config.alerts.secret, token);
    const html = page(
      "Unsubscribe",
      `<h1>Stop ${LISTS[claim.scope]}?</h1><p>Adam will stop sending ${LISTS[claim.scope]} to this address. ` +
        `You can turn them on again in Settings.</p>` +
        `<form method="post" action="?token=${encodeURIComponent(token)}"><button type="submit">Unsubscribe</button></form>`,
    );
    return c.html(html, 200, { "content-security-policy": PAGE_CSP, "cache-control": "no-store" }) as never;
  })
  .openapi(postRoute, async (c) => {
    const claim = await verified(c.var.config.alerts.secret, c.req.valid("query").token);
    if (!(await unsubscribe(c.var.services.usersDb, claim.userId, claim.scope))) {
      throw new ApiError("not_found", "This user no longer exists.");
    }
    log("info", "unsubscribed", { userId: claim.userId, list: claim.scope });
    const html = page("Unsubscribed", `<h1>Done</h1><p>You will get no more ${LISTS[claim.scope]} from Adam.</p>`);
    return c.html(html, 200, { "content-security-policy": PAGE_CSP, "cache-control": "no-store" }) as never;
  });
