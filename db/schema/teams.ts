import { index, integer, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";
import { employees, municipalities, nowIso } from "./org";
import { projects } from "./projects";

export const TEAM_KINDS = ["projectTeam", "taskForce", "workingGroup", "digitalPilotNetwork"] as const;
export type TeamKind = (typeof TEAM_KINDS)[number];

export const TEAM_ROLES = ["lead", "member", "digitalPilot"] as const;
export type TeamRole = (typeof TEAM_ROLES)[number];

/** A team across departments: Projektteam, Task Force, Arbeitsgruppe or Digitallotsen-Netzwerk. */
export const teams = sqliteTable(
  "teams",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    municipalityId: integer("municipality_id")
      .notNull()
      .references(() => municipalities.id),
    name: text("name").notNull(),
    kind: text("kind", { enum: TEAM_KINDS }).notNull(),
    description: text("description").notNull().default(""),
    createdAt: text("created_at").notNull().default(nowIso),
    updatedAt: text("updated_at").notNull().default(nowIso),
    version: integer("version").notNull().default(1),
  },
  (t) => [
    uniqueIndex("teams_name_unique").on(t.municipalityId, t.name),
    index("teams_municipality_idx").on(t.municipalityId),
  ],
);

/** Teammitglied: an employee in a team with a team role. */
export const teamMembers = sqliteTable(
  "team_members",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    municipalityId: integer("municipality_id")
      .notNull()
      .references(() => municipalities.id),
    teamId: integer("team_id")
      .notNull()
      .references(() => teams.id, { onDelete: "cascade" }),
    employeeId: integer("employee_id")
      .notNull()
      .references(() => employees.id),
    teamRole: text("team_role", { enum: TEAM_ROLES }).notNull().default("member"),
    createdAt: text("created_at").notNull().default(nowIso),
  },
  (t) => [
    uniqueIndex("team_members_unique").on(t.teamId, t.employeeId),
    index("team_members_municipality_idx").on(t.municipalityId, t.employeeId),
  ],
);

/** The projects a team works on. */
export const teamProjects = sqliteTable(
  "team_projects",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    municipalityId: integer("municipality_id")
      .notNull()
      .references(() => municipalities.id),
    teamId: integer("team_id")
      .notNull()
      .references(() => teams.id, { onDelete: "cascade" }),
    projectId: integer("project_id")
      .notNull()
      .references(() => projects.id, { onDelete: "cascade" }),
  },
  (t) => [
    uniqueIndex("team_projects_unique").on(t.teamId, t.projectId),
    index("team_projects_municipality_idx").on(t.municipalityId, t.projectId),
  ],
);
