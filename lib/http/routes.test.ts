import { createTestEngine } from "../auth/testing/test-engine";
import { describeAuthFlows } from "./testing/auth-flows";
import { describeRoleFlows } from "./testing/role-flows";
import { describeSessionFlows } from "./testing/session-flows";

describeAuthFlows("auth flows (in-memory stores)", async (config) => createTestEngine(config));
describeSessionFlows("session flows (in-memory stores)", async (config) => createTestEngine(config));
describeRoleFlows("role flows (in-memory stores)", async (config) => createTestEngine(config));
