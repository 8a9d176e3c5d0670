import type { OpenAPIHono } from "@hono/zod-openapi";
import { createMiddleware } from "hono/factory";
import { html, raw } from "hono/html";
import { ApiError } from "../errors";
import type { AppEnv } from "../types";

/**
 * The OpenAPI document, generated from the same zod schemas that validate requests, and a
 * readable page rendered from it on the server (no script, no CDN: it works offline and without
 * JavaScript).
 */
export const OPENAPI_PATH = "/api/v1/openapi.json";

const INFO = {
  title: "Adam API",
  version: "1.0.0",
  description:
    "The edge API behind Adam's dashboard. Data routes need `Authorization: Bearer <access token>`; " +
    'errors are always `{"error":{"code","message","request_id"}}`. Free accounts get 10 requests/minute ' +
    "and data up to 15 minutes old; paid accounts 100/minute and data up to 1 minute old.",
};

interface Operation {
  summary?: string;
  description?: string;
  parameters?: {
    name: string;
    in: string;
    required?: boolean;
    description?: string;
    schema?: { type?: string; enum?: string[]; default?: unknown; minimum?: number; maximum?: number };
  }[];
  responses?: Record<string, { description?: string }>;
  security?: unknown[];
  tags?: string[];
}

const escape = (text: string) =>
  text.replace(
    /[&<>"']/g,
    (ch) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[ch] as string,
  );

function renderOperation(method: string, path: string, op: Operation): string {
  const params = (op.parameters ?? [])
    .map((p) => {
      const s = p.schema ?? {};
      const range = s.minimum !== undefined ? ` ${s.minimum}–${s.maximum}` : "";
      const values = s.enum ? ` one of ${s.enum.join(", ")}` : "";
      const fallback = s.default !== undefined ? ` (default ${String(s.default)})` : "";
      return `<li><code>${escape(p.name)}</code> <em>${escape(p.in)}${p.required ? ", required" : ""}</em>${escape(range + values + fallback)}${p.description ? ` — ${escape(p.description)}` : ""}</li>`;
    })
    .join("");
  const responses = Object.entries(op.responses ?? {})
    .map(([status, r]) => `<li><code>${escape(status)}</code> ${escape(r.description ?? "")}</li>`)
    .join("");
  return `<section><h3><span class="m">${method.toUpperCase()}</span> <code>${escape(path)}</code>${op.security?.length ? ' <span class="lock">bearer token</span>' : ""}</h3>
<p>${escape(op.summary ?? "")}</p>${params ? `<h4>Parameters</h4><ul>${params}</ul>` : ""}<h4>Responses</h4><ul>${responses}</ul></section>`;
}

type Document = ReturnType<OpenAPIHono<AppEnv>["getOpenAPI31Document"]>;

/**
 * What standard tools (code generators, `redocly lint`) expect beyond what the routes declare:
 * the server the document was read from, a license, an explicit `security: []` on public
 * operations (no security means "not stated", not "public"), and an operationId on each,
 * derived from its method and path (`GET /api/v1/videos/{videoId}/snapshots` →
 * `getVideosVideoIdSnapshots`) unless the route names one.
 */
function forTools(doc: Document, origin: string): Document {
  const word = (part: string) =>
    part.replace(/[{}]/g, "").replace(/(?:^|[_-])(\w)/g, (_, ch: string) => ch.toUpperCase());
  for (const [path, item] of Object.entries(doc.paths ?? {})) {
    for (const [method, op] of Object.entries(item as Record<string, Operation & { operationId?: string }>)) {
      op.security ??= [];
      op.operationId ??=
        method +
        path
          .replace(/^\/api\/v1\//, "/")
          .split("/")
          .filter(Boolean)
          .map(word)
          .join("");
    }
  }
  stripRegexFlags(doc.components);
  stripRegexFlags(doc.paths);
  return {
    ...doc,
    info: { ...doc.info, license: { name: "Proprietary", identifier: "LicenseRef-Adam-Proprietary" } },
    servers: [{ url: origin, description: "This API (the origin the document was read from)" }],
  };
}

/** The generator writes a Unicode regex's source with its flags (`^…$/u`); JSON Schema wants the bare pattern. */
function stripRegexFlags(node: unknown): void {
  if (!node || typeof node !== "object") return;
  const o = node as Record<string, unknown>;
  if (typeof o.pattern === "string" && /^\^.*\$\/[dgimsuvy]+$/.test(o.pattern))
    o.pattern = o.pattern.replace(/\/[dgimsuvy]+$/, "");
  for (const value of Object.values(o)) stripRegexFlags(value);
}

/** These two take no query either (as every route's strict schema says for the others). */
const noQuery = createMiddleware<AppEnv>(async function noQuery(c, next) {
  if (new URL(c.req.url).search) throw new ApiError("invalid_request", "This route takes no query parameters.");
  await next();
});

export function registerDocs(app: OpenAPIHono<AppEnv>) {
  app.openAPIRegistry.registerComponent("securitySchemes", "bearerAuth", {
    type: "http",
    scheme: "bearer",
    bearerFormat: "JWT",
  });
  const document = (origin: string) => forTools(app.getOpenAPI31Document({ openapi: "3.1.0", info: INFO }), origin);

  app.get(OPENAPI_PATH, noQuery, (c) => c.json(document(new URL(c.req.url).origin)));
  app.get("/api/v1/docs", noQuery, (c) => {
    const doc = document(new URL(c.req.url).origin);
    const sections = Object.entries(doc.paths ?? {})
      .flatMap(([path, item]) =>
        Object.entries(item as Record<string, Operation>).map(([method, op]) => renderOperation(method, path, op)),
      )
      .join("\n");
    return c.html(
      html`<!doctype html>
        <html lang="en">
          <head>
            <meta charset="utf-8" />
            <meta name="viewport" content="width=device-width, initial-scale=1" />
            <title>${INFO.title}</title>
            <style>
              body {
                font:
                  16px/1.5 system-ui,
                  sans-serif;
                max-width: 56rem;
                margin: 2rem auto;
                padding: 0 1rem;
                color: #e6edf7;
                background: #0b1020;
              }
              a {
                color: #5cd6ff;
              }
              code {
                background: #16203a;
                padding: 0 0.25rem;
                border-radius: 3px;
              }
              section {
                border-top: 1px solid #26324f;
                padding: 0.5rem 0;
              }
              .m {
                color: #5cd6ff;
                font-weight: 700;
              }
              .lock {
                font-size: 0.8rem;
                color: #9fb0d0;
                border: 1px solid #26324f;
                border-radius: 3px;
                padding: 0 0.3rem;
              }
            </style>
          </head>
          <body>
            <h1>${INFO.title} <small>${INFO.version}</small></h1>
            <p>${INFO.description}</p>
            <p>Machine-readable: <a href="${OPENAPI_PATH}">${OPENAPI_PATH}</a> (OpenAPI 3.1).</p>
            ${raw(sections)}
          </body>
        </html>`,
    );
  });
}
