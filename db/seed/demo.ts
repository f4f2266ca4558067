import { registerAll } from "../../app/areas/registrations.server";
import { hashPassword } from "../../app/areas/auth/password.server";
import { writeAudit, SYSTEM_ACTOR } from "../../app/utils/audit.server";
import type { Db } from "../../app/utils/db.server";
import { withoutTenantGuard } from "../../app/utils/tenant-guard.server";
import { DEMO_PASSWORD, type SeededOrganisation, seedOrganisation } from "./organisation";
import { seedAgendaProjects } from "./agenda-projects";
import { seedPortfolio } from "./portfolio";
import { seedFunding } from "./funding";
import { seedTrainings } from "./trainings";
import { seedWorkflow } from "./workflow";
import { seedMaturity } from "./maturity";
import { seedAccessibility } from "./accessibility";
import { seedRollin } from "./rollin";
import { seedJointProjects } from "./joint-projects";
import { seedEfa } from "./efa";
import { seedMultiMember } from "./members";

/**
 * Area seeds run after the organisation, in dependency order, inside the same transaction.
 * Each area adds its own step here.
 */
const AREA_SEEDS: { name: string; run: (db: Db, org: SeededOrganisation) => void }[] = [
  { name: "agenda-projects", run: seedAgendaProjects },
  { name: "portfolio", run: seedPortfolio },
  { name: "funding", run: seedFunding },
  { name: "trainings", run: seedTrainings },
  { name: "workflow", run: seedWorkflow },
  { name: "maturity", run: seedMaturity },
  { name: "accessibility", run: seedAccessibility },
  { name: "rollin", run: seedRollin },
  { name: "joint-projects", run: seedJointProjects },
  { name: "efa", run: seedEfa },
  { name: "members", run: seedMultiMember },
];

/** Seeds the demo Kommunen; the caller checks that the database is empty. */
export function seedDemo(db: Db): Promise<SeededOrganisation> {
  // The seeds start workflows and fire transitions, so the subjects must be registered.
  registerAll();
  return withoutTenantGuard("seed", () => seedDemoData(db));
}

async function seedDemoData(db: Db): Promise<SeededOrganisation> {
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  return db.transaction(
    (tx) => {
      const org = seedOrganisation(tx as unknown as Db, passwordHash);
      for (const step of AREA_SEEDS) step.run(tx as unknown as Db, org);
      writeAudit(tx, {
        actor: SYSTEM_ACTOR,
        municipalityId: null,
        entity: "seed",
        action: "seed_demo",
        details: { municipalities: [org.musterstadt.name, org.kleinhausen.name, ...org.others.map((o) => o.name)] },
      });
      return org;
    },
    { behavior: "immediate" },
  );
}
