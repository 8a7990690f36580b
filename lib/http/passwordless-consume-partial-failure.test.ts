import { describe, expect, it } from "vitest";
import { createMemoryStores } from "../auth/testing/memory-stores";
import { withOutageSwitch } from "../auth/testing/outage-stores";
import { createPasswordlessEngine, linkPartsOf } from "../auth/testing/passwordless-fixtures";
import { createAuthClient } from "./testing/client";

const API = "/api/auth";

/** A passwordless engine whose session write fails once, while `failOnce` is set: the database going away mid-sign-in. */
function setup(config: Parameters<typeof createPasswordlessEngine>[0] = {}) {
  const { stores, outage } = withOutageSwitch(createMemoryStores());
  const failOnce = { value: false };
  const createSession = stores.sessions.createSession;
  stores.sessions = {
    ...stores.sessions,
    async createSession(...args) {
      outage.down = failOnce.value;
      failOnce.value = false;
      try {
        return await createSession(...args);
      } finally {
        outage.down = false;
      }
    },
  };
  const engine = createPasswordlessEngine(config, { stores });
  const client = createAuthClient(engine.ctx);
  const post = (path: string, body: unknown) => client.send("POST", `${API}${path}`, { body, headers: { rid: "passwordless" } });
  return { ...engine, post, failOnce };
}

/**
 * The device is deleted before the session is made (of concurrent consumers only the one whose
 * delete removed it goes on). A failure after that delete answered 503 with the code spent: the
 * retry the 503 asks for got RESTART_FLOW_ERROR, and the user had to have another code sent.
 */
describe("POST /signinup/code/consume failing half-way", () => {
  it("answers 503, and the same typed code then signs in", async () => {
    const s = setup();
    const started = await (await s.post("/signinup/code", { email: "zoe@example.com" })).json();
    const body = { deviceId: started.deviceId, preAuthSessionId: started.preAuthSessionId, userInputCode: s.lastEmail().userInputCode };
    s.failOnce.value = true;
    expect((await s.post("/signinup/code/consume", body)).status).toBe(503);
    expect(await (await s.post("/signinup/code/consume", body)).json()).toMatchObject({ status: "OK" });
    expect(await (await s.post("/signinup/code/consume", body)).json()).toEqual({ status: "RESTART_FLOW_ERROR" });
  });

  it("answers 503, and the same typed code then signs in when it was the last try the device allowed", async () => {
    const s = setup({ passwordless: { maxCodeAttempts: 2 } });
    const started = await (await s.post("/signinup/code", { email: "zoe@example.com" })).json();
    const device = { deviceId: started.deviceId, preAuthSessionId: started.preAuthSessionId };
    const typed = s.lastEmail().userInputCode!;
    const wrong = typed === "000000" ? "111111" : "000000";
    expect(await (await s.post("/signinup/code/consume", { ...device, userInputCode: wrong })).json()).toMatchObject({
      status: "INCORRECT_USER_INPUT_CODE_ERROR",
      failedCodeInputAttemptCount: 1,
    });
    s.failOnce.value = true;
    expect((await s.post("/signinup/code/consume", { ...device, userInputCode: typed })).status).toBe(503);
    expect(await (await s.post("/signinup/code/consume", { ...device, userInputCode: typed })).json()).toMatchObject({ status: "OK" });
  });

  it("answers 503, and the same magic link then signs in", async () => {
    const s = setup();
    await s.post("/signinup/code", { email: "zoe@example.com" });
    const body = linkPartsOf(s.lastEmail().link);
    s.failOnce.value = true;
    expect((await s.post("/signinup/code/consume", body)).status).toBe(503);
    expect(await (await s.post("/signinup/code/consume", body)).json()).toMatchObject({ status: "OK" });
  });
});
