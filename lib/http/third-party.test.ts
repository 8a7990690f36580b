import { createTestEngine } from "../auth/testing/test-engine";
import { describeThirdPartyFlows } from "./testing/third-party-flows";
import { realClock } from "./testing/third-party-harness";
import { describeThirdPartyRejections } from "./testing/third-party-rejections";

const makeEngine = async (config: Parameters<typeof createTestEngine>[0]) => createTestEngine(config, { clock: realClock() });
describeThirdPartyFlows("third-party sign-in (in-memory stores, real OpenID Provider)", makeEngine);
describeThirdPartyRejections("third-party rejections (in-memory stores, real OpenID Provider)", makeEngine);
