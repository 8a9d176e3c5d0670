import { createServer } from "node:net";

/** The local ports of `npm run dev` (DESIGN section 8). */
export const PORTS = { api: 8787, pages: 8788, mount: 8789, tiktok: 8790, outbox: 8791, neon: 5480 } as const;

/** A TCP port on loopback that is free now (the OS picks it), for stacks and tests on free ports. */
export function freePort(): Promise<number> {
  return new Promise((done, fail) => {
    const probe = createServer();
    probe.once("error", fail);
    probe.listen(0, "127.0.0.1", () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => done(port));
    });
  });
}
