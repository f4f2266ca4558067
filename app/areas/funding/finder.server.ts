import { and, asc, eq, isNull } from "drizzle-orm";
import { fieldsOfAction, municipalities, projects } from "../../../db/schema";
import type { CostCategory } from "../../../db/schema/funding";
import { type DbOrTx, getDb } from "../../utils/db.server";
import { parseEuroToCents, todayIso } from "../../utils/format";
import { type Tenant, scoped } from "../../utils/tenant.server";
import { type FinderQuery, rankProgrammes } from "./finder";
import { COST_CATEGORY_KEYS } from "./labels";
import { listProgrammes } from "./programmes.server";

/** The finder page: the Kommune's projects, the chosen project and the ranked programmes. */
export function findProgrammes(tenant: Tenant, params: URLSearchParams, db: DbOrTx = getDb(), today = todayIso()) {
  const projectList = db
    .select({ id: projects.id, title: projects.title })
    .from(projects)
    .where(scoped(projects, tenant, isNull(projects.archivedAt)))
    .orderBy(asc(projects.title))
    .all();
  const projectId = Number(params.get("projekt"));
  const selected = Number.isSafeInteger(projectId) && projectId > 0
    ? db
        .select({ id: projects.id, title: projects.title, budgetPlannedCents: projects.budgetPlannedCents, fieldOfAction: fieldsOfAction.name })
        .from(projects)
        .innerJoin(fieldsOfAction, eq(fieldsOfAction.id, projects.fieldOfActionId))
        .where(and(scoped(projects, tenant, eq(projects.id, projectId))))
        .get()
    : undefined;
  const municipality = db.select().from(municipalities).where(eq(municipalities.id, tenant.municipalityId)).get()!;
  const categories = params.getAll("kostenart").filter((c): c is CostCategory => (COST_CATEGORY_KEYS as string[]).includes(c));
  const costs = parseEuroToCents(params.get("kosten") ?? "");
  const ownFunds = parseEuroToCents(params.get("eigenmittel") ?? "");
  const query: FinderQuery = {
    fieldOfAction: selected?.fieldOfAction ?? "",
    municipality: { kind: municipality.kind, state: municipality.state, population: municipality.population, financiallyWeak: municipality.financiallyWeak },
    plannedCostsCents: costs != null && costs > 0 ? costs : selected?.budgetPlannedCents ?? 0,
    costCategories: categories.length ? categories : ["externalServices", "materials"],
    availableOwnFundsCents: ownFunds != null && ownFunds >= 0 ? ownFunds : null,
    today,
  };
  return {
    projects: projectList,
    selected: selected ?? null,
    query,
    matches: selected ? rankProgrammes(listProgrammes(tenant, db), query) : [],
  };
}
