import { requestId } from "hono/request-id";
import { secureHeaders } from "hono/secure-headers";
import { notFound, onError } from "./middleware/errors";
import { services } from "./middleware/services";
import { healthRoutes } from "./routes/health";
import { createRouter } from "./router";

export function createApp() {
  const app = createRouter();
  app.use(requestId({ headerName: "X-Request-Id" }));
  app.use(secureHeaders());
  app.use(services);

  app.route("/", healthRoutes);

  app.notFound(notFound);
  app.onError(onError);
  return app;
}
