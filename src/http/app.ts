import { requestId } from "hono/request-id";
import { secureHeaders } from "hono/secure-headers";
import { cors } from "./middleware/cors";
import { notFound, onError } from "./middleware/errors";
import { services } from "./middleware/services";
import { createRouter } from "./router";
import { accountRoutes } from "./routes/accounts";
import { alertSettingsRoutes } from "./routes/alert-settings";
import { alertRoutes } from "./routes/alerts";
import { authRoutes } from "./routes/auth";
import { coachRoutes } from "./routes/coach";
import { registerDocs } from "./routes/docs";
import { healthRoutes } from "./routes/health";
import { insightRoutes } from "./routes/insights";
import { meRoutes } from "./routes/me";
import { screenRoutes } from "./routes/screens";
import { tiktokRoutes } from "./routes/tiktok";
import { unsubscribeRoutes } from "./routes/unsubscribe";
import { videoRoutes } from "./routes/videos";
import { watchRoutes } from "./routes/watch";

export function createApp() {
  const app = createRouter();
  app.use(requestId({ headerName: "X-Request-Id" }));
  app.use(secureHeaders());
  app.use(services);
  app.use("/api/*", cors);

  app.route("/", healthRoutes);
  app.route("/", authRoutes);
  app.route("/", meRoutes);
  app.route("/", accountRoutes);
  app.route("/", screenRoutes);
  app.route("/", videoRoutes);
  app.route("/", watchRoutes);
  app.route("/", insightRoutes);
  app.route("/", coachRoutes);
  app.route("/", tiktokRoutes);
  app.route("/", alertRoutes);
  app.route("/", alertSettingsRoutes);
  app.route("/", unsubscribeRoutes);
  registerDocs(app);

  app.notFound(notFound(app.routes));
  app.onError(onError);
  return app;
}
