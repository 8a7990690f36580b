// Two app processes on one database, started cold, asked for keys at the same moment: they
// agree on one signing key (the rotation slot's kid is the primary key, so one insert wins).
import { expect, test } from "@playwright/test";
import Database from "better-sqlite3";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { startOwnServer, type OwnServer } from "./own-server";

const PORTS = [Number(process.env.E2E_INSTANCE_A_PORT ?? 3213), Number(process.env.E2E_INSTANCE_B_PORT ?? 3214)];
const dir = fs.mkdtempSync(path.join(os.tmpdir(), "gatehouse-e2e-two-"));
const dbFile = path.join(dir, "shared.db");
let servers: OwnServer[] = [];

test.beforeAll(async () => {
  // Started together, so both are cold when the test asks them for keys.
  servers = await Promise.all(PORTS.map((port) => startOwnServer(port, { E2E_DATABASE_URL: `file:${dbFile}` })));
});

test.afterAll(async () => {
  await Promise.all(servers.map((s) => s.stop()));
  fs.rmSync(dir, { recursive: true, force: true });
});

test("two cold instances make one signing key between them", async () => {
  const db = new Database(dbFile, { readonly: true });
  expect(db.prepare("SELECT COUNT(*) AS n FROM signing_keys").get()).toEqual({ n: 0 });
  const answers = await Promise.all(
    PORTS.flatMap((port) => [0, 1].map(() => fetch(`http://localhost:${port}/.well-known/jwks.json`).then((r) => r.json()))),
  );
  const kids = new Set(answers.flatMap((a: { keys: { kid: string }[] }) => a.keys.map((k) => k.kid)));
  expect(kids.size).toBe(1);
  expect(db.prepare("SELECT COUNT(*) AS n FROM signing_keys").get()).toEqual({ n: 1 });
  db.close();
});
