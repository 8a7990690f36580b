/**
 * The migrator (`npm start`, `npm run db:migrate`) against a PostgreSQL server that accepts the
 * TCP connection and never answers: without a bound its connect waited forever, so the start
 * neither failed nor went on, and said nothing.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { migrate } from "../db-migrate.mjs";
import { createSilentServer, within } from "../../lib/testing/silent-peer";

describe("migrator and a silent server", () => {
  const server = createSilentServer();
  let port = 0;

  beforeAll(async () => {
    port = await server.listen();
  });
  afterAll(() => server.close());

  it("gives up after the URL's connect_timeout with an error that says so", async () => {
    const opening = migrate(`postgresql://gatehouse@127.0.0.1:${port}/silent?connect_timeout=0.3`, { log: () => undefined });
    // pg's timeout error does not name its bound, so the guard tells the URL's 0.3 s from the
    // default 10 s: it gives up halfway to the default, 16 times the URL's bound.
    const outcome = await within(
      opening.then(
        () => "connected",
        (error: Error) => error.message,
      ),
      5_000,
    );
    expect(outcome).toMatch(/timeout/i);
  });

  it("refuses a connect_timeout that is not a number of seconds before connecting", async () => {
    await expect(migrate(`postgresql://gatehouse@127.0.0.1:${port}/silent?connect_timeout=soon`, { log: () => undefined })).rejects.toThrow(
      /connect_timeout/,
    );
  });
});
