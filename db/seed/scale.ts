import { registerAll } from "../../app/areas/registrations.server";
import { type Db, getSqlite } from "../../app/utils/db.server";
import { withoutTenantGuard } from "../../app/utils/tenant-guard.server";
import { SYSTEM_ACTOR, writeAudit } from "../../app/utils/audit.server";
import type { MunicipalityKind, Role } from "../schema/org";
import { FIRST_NAMES, LAST_NAMES, pick, rng } from "./names";
import { seedFundingScale } from "./funding-scale";
import { seedPortfolioScale } from "./portfolio-scale";
import { seedRollinScale } from "./rollin-scale";
import { seedTrainingsScale } from "./trainings-scale";

/**
 * Land-scale synthetic data for benchmarks: "Scale-Kommune 001…N" with units, employees and one
 * login per employee, added next to whatever the database already holds (normally the demo data,
 * so benchmarks can still sign in as the demo users). Inserts use prepared statements in large
 * transactions and one shared password hash (the demo password).
 */
export interface ScaleMunicipality {
  id: number;
  name: string;
  slug: string;
  kind: MunicipalityKind;
  population: number;
  unitIds: number[];
  employeeIds: number[];
  /** Logins, in the order of employeeIds (every employee has one). */
  userIds: number[];
  /** One login per leading role, e.g. to act as the Kommune's CDO in a later step. */
  roleUserIds: Record<"admin" | "cdo" | "finance" | "projectLead", number>;
}

export interface ScaleContext {
  municipalities: ScaleMunicipality[];
  /** Deterministic, so two runs with the same seed produce the same data. */
  random: () => number;
}

/**
 * Area steps after the organisation core, each run in its own transaction, in this order.
 * Areas append theirs (projects ~50 per Kommune, trainings, funding …).
 */
export const SCALE_SEEDS: { name: string; run(db: Db, ctx: ScaleContext): void }[] = [
  { name: "projects", run: (db, ctx) => seedPortfolioScale(db, ctx) },
  // Funding uses the Kommunen's projects, so it stays after the projects step.
  { name: "funding", run: (db, ctx) => void seedFundingScale(db, ctx) },
  // Trainings: catalogue, mandatory trainings and ~200,000 attendance records for 400 Kommunen.
  { name: "trainings", run: (db, ctx) => void seedTrainingsScale(db, ctx) },
  // A Roll-in-Service for 211 Kommunen with a 10-step programme rolled into all of them.
  { name: "rollin", run: (db, ctx) => seedRollinScale(db, ctx) },
];

export const SCALE_SLUG_PREFIX = "scale-";

/** Employees per Kommune on average, so 400 Kommunen give about 16,000 employees. */
const EMPLOYEES_PER_MUNICIPALITY = 40;

const DEPARTMENTS = [
  "Hauptamt", "Kämmerei", "Ordnungsamt", "Bürgeramt", "Bauamt", "Schulamt", "Sozialamt", "Personalamt",
  "Fachbereich IT", "Standesamt", "Umweltamt", "Jugendamt", "Kulturamt", "Liegenschaften", "Bauhof",
];
const COMPANIES = ["Stadtwerke", "Abfallwirtschaft", "Wohnungsbaugesellschaft", "Bäderbetrieb", "Verkehrsbetrieb"];

function kindFor(i: number): MunicipalityKind {
  if (i % 29 === 0) return "landkreis";
  if (i % 11 === 0) return "stadt";
  if (i % 7 === 0) return "amt";
  return "gemeinde";
}

/** Log-uniform populations per kind, roughly like a German Land. */
function populationFor(kind: MunicipalityKind, random: () => number): number {
  const [lo, hi] = {
    gemeinde: [600, 15_000],
    amt: [4_000, 20_000],
    stadt: [15_000, 180_000],
    landkreis: [80_000, 220_000],
  }[kind];
  return Math.round(Math.exp(Math.log(lo) + random() * (Math.log(hi) - Math.log(lo))) / 10) * 10;
}

function asciiSlug(s: string): string {
  return s.toLowerCase().replace(/ä/g, "ae").replace(/ö/g, "oe").replace(/ü/g, "ue").replace(/ß/g, "ss").replace(/ı/g, "i");
}

interface UnitPlan {
  name: string;
  kind: "department" | "company";
  children: UnitPlan[];
}

/** Small Kommunen get a flat administration; larger ones Dezernate with Ämter and companies. */
function unitPlan(employeeCount: number, random: () => number, placeName: string): UnitPlan[] {
  const shuffled = [...DEPARTMENTS].sort(() => random() - 0.5);
  if (employeeCount < 25) return shuffled.slice(0, 3).map((name) => ({ name, kind: "department", children: [] }));
  const amtCount = employeeCount < 80 ? 5 : Math.min(DEPARTMENTS.length, 8 + Math.floor(employeeCount / 150));
  const aemter = shuffled.slice(0, amtCount);
  const dezernate = employeeCount < 80 ? 1 : 3;
  const plan: UnitPlan[] = [];
  for (let d = 0; d < dezernate; d++) {
    plan.push({
      name: dezernate === 1 ? "Verwaltungsleitung" : `Dezernat ${["I", "II", "III"][d]}`,
      kind: "department",
      children: aemter.filter((_, i) => i % dezernate === d).map((name) => ({ name, kind: "department", children: [] })),
    });
  }
  const companyCount = employeeCount < 80 ? 1 : 2;
  for (const c of COMPANIES.slice(0, companyCount)) plan.push({ name: `${c} ${placeName}`, kind: "company", children: [] });
  return plan;
}

const LEADING_ROLES = [
  ["admin", "admin"],
  ["cdo", "cdo"],
  ["finance", "kaemmerei"],
  ["projectLead", "projektleitung"],
] as const;

export interface ScaleOptions {
  municipalities: number;
  seed?: number;
  passwordHash: string;
  /** Called after each phase with its duration, for the CLI's timing output. */
  onPhase?: (name: string, ms: number) => void;
}

/**
 * Creates the Kommunen, units, employees and logins, then runs every SCALE_SEEDS step. `db` is the
 * process connection (getDb()); the bulk inserts use prepared statements on the same connection.
 */
export function seedScale(db: Db, options: ScaleOptions): ScaleContext {
  // The roll-in step starts project workflows, so the subjects must be registered.
  registerAll();
  return withoutTenantGuard("seed", () => seedScaleData(db, options));
}

function seedScaleData(db: Db, options: ScaleOptions): ScaleContext {
  const sqlite = getSqlite();
  const exists = sqlite.prepare("SELECT 1 FROM municipalities WHERE slug LIKE ? LIMIT 1").get(`${SCALE_SLUG_PREFIX}%`);
  if (exists) {
    throw new Error("Die Datenbank enthält bereits Scale-Kommunen; bitte eine neue DATABASE_PATH verwenden.");
  }
  const random = rng(options.seed ?? 42);
  const ctx: ScaleContext = { municipalities: [], random };
  const started = Date.now();

  const insertMunicipality = sqlite.prepare(
    "INSERT INTO municipalities (name, slug, kind, state, population, financially_weak) VALUES (?, ?, ?, 'Brandenburg', ?, ?)",
  );
  const insertUnit = sqlite.prepare(
    "INSERT INTO units (municipality_id, parent_id, kind, name, short_name) VALUES (?, ?, ?, ?, NULL)",
  );
  const insertEmployee = sqlite.prepare(
    `INSERT INTO employees (municipality_id, unit_id, personnel_number, first_name, last_name, email, job_title, is_supervisor)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const insertUser = sqlite.prepare("INSERT INTO users (email, name, password_hash) VALUES (?, ?, ?)");
  const insertMembership = sqlite.prepare(
    "INSERT INTO memberships (user_id, municipality_id, role, employee_id) VALUES (?, ?, ?, ?)",
  );
  const insertProvider = sqlite.prepare("INSERT INTO service_providers (name) VALUES (?)");
  const insertAssignment = sqlite.prepare(
    "INSERT INTO provider_assignments (service_provider_id, municipality_id) VALUES (?, ?)",
  );

  const specs = Array.from({ length: options.municipalities }, (_, index) => {
    const n = index + 1;
    const kind = kindFor(n);
    return { n, kind, population: populationFor(kind, random) };
  });
  const totalPopulation = specs.reduce((sum, s) => sum + s.population, 0);
  const staffPerResident = (EMPLOYEES_PER_MUNICIPALITY * specs.length) / Math.max(1, totalPopulation);

  db.transaction(
    () => {
      for (const spec of specs) {
        const number = String(spec.n).padStart(3, "0");
        const name = `Scale-Kommune ${number}`;
        const slug = `${SCALE_SLUG_PREFIX}${number}`;
        const id = Number(
          insertMunicipality.run(name, slug, spec.kind, spec.population, random() < 0.25 ? 1 : 0).lastInsertRowid,
        );
        const employeeCount = Math.max(4, Math.round(spec.population * staffPerResident));
        const unitIds: number[] = [];
        const leafUnits: number[] = [];
        const addUnits = (plans: UnitPlan[], parentId: number | null) => {
          for (const p of plans) {
            const unitId = Number(insertUnit.run(id, parentId, p.kind, p.name).lastInsertRowid);
            unitIds.push(unitId);
            if (p.children.length) addUnits(p.children, unitId);
            else leafUnits.push(unitId);
          }
        };
        addUnits(unitPlan(employeeCount, random, name), null);

        const m: ScaleMunicipality = {
          id,
          name,
          slug,
          kind: spec.kind,
          population: spec.population,
          unitIds,
          employeeIds: [],
          userIds: [],
          roleUserIds: { admin: 0, cdo: 0, finance: 0, projectLead: 0 },
        };
        for (let i = 0; i < employeeCount; i++) {
          const firstName = pick(random, FIRST_NAMES);
          const lastName = pick(random, LAST_NAMES);
          const unitId = leafUnits[i % leafUnits.length];
          const leading = LEADING_ROLES[i];
          const email = leading
            ? `${leading[1]}@${slug}.example`
            : asciiSlug(`${firstName}.${lastName}.${i + 1}@${slug}.example`);
          const employeeId = Number(
            insertEmployee.run(
              id,
              unitId,
              String(10_000 + i),
              firstName,
              lastName,
              email,
              i < leafUnits.length ? "Leitung" : "Sachbearbeitung",
              i < leafUnits.length ? 1 : 0,
            ).lastInsertRowid,
          );
          const userId = Number(insertUser.run(email, `${firstName} ${lastName}`, options.passwordHash).lastInsertRowid);
          const role: Role = leading ? leading[0] : random() < 0.05 ? "viewer" : "staff";
          insertMembership.run(userId, id, role, employeeId);
          if (leading) m.roleUserIds[leading[0]] = userId;
          m.employeeIds.push(employeeId);
          m.userIds.push(userId);
        }
        ctx.municipalities.push(m);
      }

      // A Roll-in-Service for the smallest Gemeinden, as in Brandenburg.
      const providerId = Number(insertProvider.run("Landesdienst Scale – Roll-in-Service").lastInsertRowid);
      for (const m of ctx.municipalities.filter((x) => x.kind === "gemeinde" && x.population < 2_000)) {
        insertAssignment.run(providerId, m.id);
      }
      const rollIn = sqlite
        .prepare("INSERT INTO users (email, name, password_hash, service_provider_id) VALUES (?, ?, ?, ?)")
        .run("rollin@scale.example", "Roll-in Scale", options.passwordHash, providerId);
      writeAudit(db, {
        actor: SYSTEM_ACTOR,
        municipalityId: null,
        entity: "seed",
        action: "seed_scale",
        details: {
          municipalities: ctx.municipalities.length,
          employees: ctx.municipalities.reduce((s, x) => s + x.employeeIds.length, 0),
          rollInUserId: Number(rollIn.lastInsertRowid),
        },
      });
    },
    { behavior: "immediate" },
  );
  options.onPhase?.("organisation", Date.now() - started);

  for (const step of SCALE_SEEDS) {
    const t0 = Date.now();
    db.transaction((tx) => step.run(tx as unknown as Db, ctx), { behavior: "immediate" });
    options.onPhase?.(step.name, Date.now() - t0);
  }
  return ctx;
}
