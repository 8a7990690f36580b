import { createTestEngine } from "../auth/testing/test-engine";
import { describeAdminFlows } from "./testing/admin-flows";

describeAdminFlows("admin API (in-memory stores)", async (config) => createTestEngine(config));
