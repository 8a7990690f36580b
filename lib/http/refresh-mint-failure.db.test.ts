/** A refresh that fails to issue its access token leaves its refresh token live, on each database: the undo is a store write. */
import { createTestEngine } from "../auth/testing/test-engine";
import { createPrismaStores } from "../store";
import { describeOnEachDatabase } from "../store/testing/each-database";
import { describeRefreshMintFailureFlows } from "./testing/refresh-mint-failure-flows";

describeOnEachDatabase((provider, url) => {
  describeRefreshMintFailureFlows(`a refresh that fails to issue its access token (${provider})`, async (config) =>
    createTestEngine(config, { stores: createPrismaStores(url()) }),
  );
});
