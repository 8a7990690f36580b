/**
 * The source database of an import behind a server that accepts the TCP connection and never
 * answers (a hung server, a firewall that swallows packets): pg waited for it without end, so
 * `gatehouse users import` hung with no word. It must fail within the URL's `connect_timeout`
 * (10 s when unset, as for the app's own connections), or on MySQL/MariaDB its `connectTimeout`.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CliError } from "../context";
import { openForeignDatabase } from "./foreign-database";
import { createSilentServer, within } from "../../testing/silent-peer";

describe("an import source on a database server that never answers", () => {
  const server = createSilentServer();
  let port = 0;
  beforeAll(async () => {
    port = await server.listen();
  });
  afterAll(() => server.close());

  /**
   * The error `url` fails to open with, or "still waiting" after 5 s. The drivers' timeout errors
   * do not name their bound, so the guard tells the URL's bound (at most 1 s here) from the
   * default 10 s: it gives up halfway to the default.
   */
  function failureOf(url: string): Promise<Error | "connected" | "still waiting"> {
    const opened = openForeignDatabase(url).then(
      () => "connected" as const,
      (error: Error) => error,
    );
    return within(opened, 5_000);
  }
  const outcomeOf = async (url: string) => {
    const failure = await failureOf(url);
    return typeof failure === "string" ? failure : failure.message;
  };

  it("fails with the connection timeout instead of waiting without end", async () => {
    expect(await outcomeOf(`postgresql://import@127.0.0.1:${port}/legacy?connect_timeout=1`)).toMatch(/timeout/i);
  });

  // On MySQL/MariaDB the source got 10 s whatever its URL said, though docs/mysql.md has the
  // URL's connectTimeout (ms) win, as it does for the migrator.
  it("on MySQL/MariaDB, fails within the URL's connectTimeout", async () => {
    expect(await outcomeOf(`mysql://import@127.0.0.1:${port}/legacy?connectTimeout=500`)).toMatch(/timeout/i);
  });

  // A typo there is the operator's --from, not DATABASE_URL (as pg's reading said), and on
  // MySQL/MariaDB it was no bound at all: the connector reads NaN as "wait without end".
  it.each([
    ["postgresql", "connect_timeout=soon", /^--from: connect_timeout must be 0 \(none\) to \d+ seconds; got "soon"\.$/],
    ["mysql", "connectTimeout=soon", /^--from: connectTimeout must be 0 \(none\) to \d+ ms; got "soon"\.$/],
    ["mysql", "connectTimeout=-1", /^--from: connectTimeout must be 0 \(none\) to \d+ ms; got "-1"\.$/],
  ])("refuses a %s source whose %s, as a usage error naming --from", async (scheme, parameter, message) => {
    const failure = await failureOf(`${scheme}://import@127.0.0.1:${port}/legacy?${parameter}`);
    expect(failure).toBeInstanceOf(CliError);
    expect(failure).toMatchObject({ exitCode: 2, message: expect.stringMatching(message) });
  });
});
