import { sql } from "drizzle-orm";
import {
  type AnySQLiteColumn,
  index,
  integer,
  sqliteTable,
  text,
  uniqueIndex,
} from "drizzle-orm/sqlite-core";

/** ISO timestamp of now, as the database default for created/updated columns. */
export const nowIso = sql`(strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))`;

export const ROLES = [
  "admin",
  "cdo",
  "projectLead",
  "finance",
  "staff",
  "viewer",
  "rollInManager",
] as const;
export type Role = (typeof ROLES)[number];

export const MUNICIPALITY_KINDS = ["stadt", "gemeinde", "landkreis", "amt"] as const;
export type MunicipalityKind = (typeof MUNICIPALITY_KINDS)[number];

export const UNIT_KINDS = ["department", "company"] as const;
export type UnitKind = (typeof UNIT_KINDS)[number];

/** A Kommune: the tenant. */
export const municipalities = sqliteTable("municipalities", {
  id: integer("id").primaryKey({ autoIncrement: true }),
  name: text("name").notNull(),
  slug: text("slug").notNull().unique(),
  kind: text("kind", { enum: MUNICIPALITY_KINDS }).notNull(),
  state: text("state").notNull().default("Brandenburg"),
  population: integer("population").notNull().default(0),
  financiallyWeak: integer("financially_weak", { mode: "boolean" }).notNull().default(false),
  createdAt: text("created_at").notNull().default(nowIso),
  version: integer("version").notNull().default(1),
});

/** Fachbereich/Amt/Referat (department, nestable) or municipal company. */
export const units = sqliteTable(
  "units",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    municipalityId: integer("municipality_id")
      .notNull()
      .references(() => municipalities.id),
    parentId: integer("parent_id").references((): AnySQLiteColumn => units.id),
    kind: text("kind", { enum: UNIT_KINDS }).notNull(),
    name: text("name").notNull(),
    shortName: text("short_name"),
    createdAt: text("created_at").notNull().default(nowIso),
    version: integer("version").notNull().default(1),
  },
  (t) => [index("units_municipality_idx").on(t.municipalityId)],
);

/** A person on the staff list; may or may not have a login. */
export const employees = sqliteTable(
  "employees",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    municipalityId: integer("municipality_id")
      .notNull()
      .references(() => municipalities.id),
    unitId: integer("unit_id")
      .notNull()
      .references(() => units.id),
    personnelNumber: text("personnel_number"),
    firstName: text("first_name").notNull(),
    lastName: text("last_name").notNull(),
    email: text("email"),
    jobTitle: text("job_title"),
    /** Supervisors confirm external trainings and see their units' people. */
    isSupervisor: integer("is_supervisor", { mode: "boolean" }).notNull().default(false),
    active: integer("active", { mode: "boolean" }).notNull().default(true),
    createdAt: text("created_at").notNull().default(nowIso),
    version: integer("version").notNull().default(1),
  },
  (t) => [
    index("employees_municipality_idx").on(t.municipalityId),
    index("employees_unit_idx").on(t.unitId),
  ],
);

/** Roll-in-Service: a Land-level organisation running project management for several Kommunen. */
export const serviceProviders = sqliteTable("service_providers", {
  id: integer("id").primaryKey({ autoIncrement: true }),
  name: text("name").notNull(),
  createdAt: text("created_at").notNull().default(nowIso),
});

/** Which Kommunen a provider (and its managers) may act for. */
export const providerAssignments = sqliteTable(
  "provider_assignments",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    serviceProviderId: integer("service_provider_id")
      .notNull()
      .references(() => serviceProviders.id),
    municipalityId: integer("municipality_id")
      .notNull()
      .references(() => municipalities.id),
    createdAt: text("created_at").notNull().default(nowIso),
  },
  (t) => [
    uniqueIndex("provider_assignments_unique").on(t.serviceProviderId, t.municipalityId),
    index("provider_assignments_municipality_idx").on(t.municipalityId),
  ],
);

/** A login. */
export const users = sqliteTable("users", {
  id: integer("id").primaryKey({ autoIncrement: true }),
  email: text("email").notNull().unique(),
  name: text("name").notNull(),
  passwordHash: text("password_hash").notNull(),
  /** Platform operators maintain shared data (e.g. the shared funding catalogue). */
  isPlatformAdmin: integer("is_platform_admin", { mode: "boolean" }).notNull().default(false),
  /** Set for Roll-in-Service managers: they act in the provider's assigned Kommunen. */
  serviceProviderId: integer("service_provider_id").references(() => serviceProviders.id),
  active: integer("active", { mode: "boolean" }).notNull().default(true),
  /** Secret token for the personal calendar feed. */
  calendarToken: text("calendar_token"),
  createdAt: text("created_at").notNull().default(nowIso),
  version: integer("version").notNull().default(1),
});

/** A user's role in one Kommune, optionally linked to the employee record there. */
export const memberships = sqliteTable(
  "memberships",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    userId: integer("user_id")
      .notNull()
      .references(() => users.id),
    municipalityId: integer("municipality_id")
      .notNull()
      .references(() => municipalities.id),
    role: text("role", { enum: ROLES }).notNull(),
    employeeId: integer("employee_id").references(() => employees.id),
    createdAt: text("created_at").notNull().default(nowIso),
    version: integer("version").notNull().default(1),
  },
  (t) => [
    uniqueIndex("memberships_user_municipality_unique").on(t.userId, t.municipalityId),
    index("memberships_municipality_idx").on(t.municipalityId),
  ],
);

/** Server-side sessions: the cookie holds only the random id. */
export const userSessions = sqliteTable(
  "user_sessions",
  {
    id: text("id").primaryKey(),
    userId: integer("user_id")
      .notNull()
      .references(() => users.id),
    municipalityId: integer("municipality_id").references(() => municipalities.id),
    createdAt: text("created_at").notNull().default(nowIso),
    lastSeenAt: integer("last_seen_at").notNull(),
  },
  (t) => [index("user_sessions_user_idx").on(t.userId)],
);

/** Failed login counters for rate limiting, keyed by account (`email:…`) or address (`ip:…`). */
export const loginThrottles = sqliteTable("login_throttles", {
  key: text("key").primaryKey(),
  failures: integer("failures").notNull(),
  windowStartedAt: integer("window_started_at").notNull(),
});
