/** The unverified-email squatting scenarios on SQLite, PostgreSQL and MariaDB: the email's uniqueness is the database's. */
import { runUnverifiedEmailScenarios } from "../auth/testing/unverified-email-scenarios";
import { createPrismaStores } from "./index";
import { describeOnEachDatabase } from "./testing/each-database";

describeOnEachDatabase((provider, url) => runUnverifiedEmailScenarios(provider, () => createPrismaStores(url())));
