import { createTestEngine } from "../auth/testing/test-engine";
import { describeAuthFlows } from "./testing/auth-flows";

describeAuthFlows("auth flows (in-memory stores)", async (config) => createTestEngine(config));
