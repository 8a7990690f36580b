import { createTestEngine } from "../auth/testing/test-engine";
import { describeRefreshMintFailureFlows } from "./testing/refresh-mint-failure-flows";

describeRefreshMintFailureFlows("a refresh that fails to issue its access token (in-memory stores)", async (config) => createTestEngine(config));
