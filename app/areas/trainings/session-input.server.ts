import { eq } from "drizzle-orm";
import { employees, units } from "../../../db/schema";
import { getDb } from "../../utils/db.server";
import { type Tenant, scoped } from "../../utils/tenant.server";
import type { z } from "zod";
import type { SessionSchema } from "./schemas";
import type { SessionInput } from "./sessions.server";

export function toSessionInput(v: z.infer<typeof SessionSchema>): SessionInput {
  return {
    courseId: v.courseId,
    date: v.date,
    startTime: v.startTime,
    endTime: v.endTime,
    location: v.location || null,
    onlineUrl: v.onlineUrl || null,
    trainerEmployeeId: v.trainerEmployeeId ?? null,
    trainerName: v.trainerName || null,
    capacity: v.capacity,
    registrationDeadline: v.registrationDeadline,
  };
}

/** Internal trainers to choose from: active employees of the Kommune, with their unit. */
export function trainerOptions(tenant: Tenant) {
  return getDb()
    .select({ id: employees.id, firstName: employees.firstName, lastName: employees.lastName, unit: units.name })
    .from(employees)
    .innerJoin(units, eq(units.id, employees.unitId))
    .where(scoped(employees, tenant, eq(employees.active, true)))
    .orderBy(employees.lastName, employees.firstName)
    .all()
    .map((e) => ({ id: e.id, label: `${e.lastName}, ${e.firstName} (${e.unit})` }));
}
