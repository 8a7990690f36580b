import { createTestEngine } from "../auth/testing/test-engine";
import { describeAuthFlows } from "./testing/auth-flows";
import { describeSessionFlows } from "./testing/session-flows";

describeAuthFlows("auth flows (in-memory stores)", async (config) => createTestEngine(config));
describeSessionFlows("session flows (in-memory stores)", async (config) => createTestEngine(config));
