import { eq } from "drizzle-orm";
import type { Db } from "../../app/utils/db.server";
import * as s from "../schema";
import type { Role } from "../schema/org";
import { FIRST_NAMES, LAST_NAMES, pick, rng } from "./names";

/** Demo staff have been on record for years, so no grace period for new staff applies to them. */
const STAFF_RECORDED_SINCE = "2020-01-01T08:00:00.000Z";

export const DEMO_PASSWORD = "Fahrplan-Demo-2026";

export interface SeededMunicipality {
  id: number;
  name: string;
  /** unit name → id */
  units: Map<string, number>;
  employeeIds: number[];
  /** e-mail → user id for the demo logins of this Kommune */
  users: Map<string, number>;
}

export interface SeededOrganisation {
  musterstadt: SeededMunicipality;
  kleinhausen: SeededMunicipality;
  others: SeededMunicipality[];
  providerId: number;
  /** e-mail → user id for every demo login */
  users: Map<string, number>;
}

type UnitSpec = { name: string; shortName?: string; kind: "department" | "company"; children?: UnitSpec[]; staff: number };

const MUSTERSTADT_UNITS: UnitSpec[] = [
  { name: "Stabsstelle Digitalisierung", shortName: "CDO", kind: "department", staff: 3 },
  {
    name: "Dezernat I – Allgemeine Verwaltung", shortName: "Dez. I", kind: "department", staff: 1,
    children: [
      { name: "Hauptamt", shortName: "10", kind: "department", staff: 6 },
      { name: "Personalamt", shortName: "11", kind: "department", staff: 4 },
      { name: "Fachbereich IT", shortName: "IT", kind: "department", staff: 6 },
    ],
  },
  {
    name: "Dezernat II – Finanzen und Ordnung", shortName: "Dez. II", kind: "department", staff: 1,
    children: [
      { name: "Kämmerei", shortName: "20", kind: "department", staff: 5 },
      { name: "Ordnungsamt", shortName: "32", kind: "department", staff: 5 },
      { name: "Bürgeramt", shortName: "33", kind: "department", staff: 6 },
    ],
  },
  {
    name: "Dezernat III – Bauen, Bildung, Soziales", shortName: "Dez. III", kind: "department", staff: 1,
    children: [
      { name: "Bauamt", shortName: "60", kind: "department", staff: 5 },
      { name: "Schulamt", shortName: "40", kind: "department", staff: 4 },
      { name: "Sozialamt", shortName: "50", kind: "department", staff: 4 },
    ],
  },
  { name: "Stadtwerke Musterstadt GmbH", shortName: "SWM", kind: "company", staff: 6 },
  { name: "Wohnungsbaugesellschaft Musterstadt mbH", shortName: "WBM", kind: "company", staff: 3 },
];

const SMALL_UNITS: UnitSpec[] = [
  { name: "Hauptverwaltung", kind: "department", staff: 4 },
  { name: "Finanzverwaltung", kind: "department", staff: 2 },
  { name: "Bauhof", kind: "department", staff: 3 },
];

function insertMunicipality(
  db: Db,
  spec: { name: string; slug: string; kind: "stadt" | "gemeinde"; population: number; financiallyWeak?: boolean },
  unitSpecs: UnitSpec[],
  seed: number,
): SeededMunicipality {
  const random = rng(seed);
  const municipality = db.insert(s.municipalities).values(spec).returning().get();
  const unitIds = new Map<string, number>();
  const employeeIds: number[] = [];
  let personnel = 1000;
  const addUnits = (list: UnitSpec[], parentId: number | null) => {
    for (const u of list) {
      const unit = db
        .insert(s.units)
        .values({ municipalityId: municipality.id, parentId, kind: u.kind, name: u.name, shortName: u.shortName ?? null })
        .returning({ id: s.units.id })
        .get();
      unitIds.set(u.name, unit.id);
      for (let i = 0; i < u.staff; i++) {
        const firstName = pick(random, FIRST_NAMES);
        const lastName = pick(random, LAST_NAMES);
        const e = db
          .insert(s.employees)
          .values({
            municipalityId: municipality.id,
            unitId: unit.id,
            personnelNumber: String(personnel++),
            firstName,
            lastName,
            email: `${firstName}.${lastName}.${personnel}@${spec.slug}.example`
              .toLowerCase()
              .replace(/ä/g, "ae").replace(/ö/g, "oe").replace(/ü/g, "ue").replace(/ß/g, "ss").replace(/ı/g, "i"),
            jobTitle: i === 0 ? "Leitung" : "Sachbearbeitung",
            isSupervisor: i === 0,
            createdAt: STAFF_RECORDED_SINCE,
          })
          .returning({ id: s.employees.id })
          .get();
        employeeIds.push(e.id);
      }
      if (u.children) addUnits(u.children, unit.id);
    }
  };
  addUnits(unitSpecs, null);
  return { id: municipality.id, name: municipality.name, units: unitIds, employeeIds, users: new Map() };
}

/** A named person with a login, linked to an employee record in the given unit. */
function addLogin(
  db: Db,
  m: SeededMunicipality,
  passwordHash: string,
  login: { email: string; name: string; role: Role; unit: string; isPlatformAdmin?: boolean },
): number {
  // The last word is the surname; an academic title stays in front of the first name, so lists read
  // "Digital, Dr. Carla" and the full name "Dr. Carla Digital" (not "Carla Digital, Dr.").
  const words = login.name.split(" ");
  const lastName = words.pop()!;
  const firstName = words.join(" ");
  const employee = db
    .insert(s.employees)
    .values({
      municipalityId: m.id,
      unitId: m.units.get(login.unit)!,
      firstName,
      lastName,
      email: login.email,
      jobTitle: login.role === "cdo" ? "Chief Digital Officer" : "Sachbearbeitung",
      isSupervisor: login.role === "cdo" || login.role === "projectLead",
      createdAt: STAFF_RECORDED_SINCE,
    })
    .returning({ id: s.employees.id })
    .get();
  m.employeeIds.push(employee.id);
  const user = db
    .insert(s.users)
    .values({ email: login.email, name: login.name, passwordHash, isPlatformAdmin: login.isPlatformAdmin ?? false })
    .returning({ id: s.users.id })
    .get();
  db.insert(s.memberships).values({ userId: user.id, municipalityId: m.id, role: login.role, employeeId: employee.id }).run();
  m.users.set(login.email, user.id);
  return user.id;
}

/** Musterstadt, Kleinhausen, two more small Gemeinden, the Roll-in-Service provider and all demo logins. */
export function seedOrganisation(db: Db, passwordHash: string): SeededOrganisation {
  const musterstadt = insertMunicipality(
    db,
    { name: "Musterstadt", slug: "musterstadt", kind: "stadt", population: 84_500 },
    MUSTERSTADT_UNITS,
    1,
  );
  const kleinhausen = insertMunicipality(
    db,
    { name: "Kleinhausen", slug: "kleinhausen", kind: "gemeinde", population: 4_200, financiallyWeak: true },
    SMALL_UNITS,
    2,
  );
  const others = [
    insertMunicipality(db, { name: "Eichenbrück", slug: "eichenbrueck", kind: "gemeinde", population: 3_100 }, SMALL_UNITS, 3),
    insertMunicipality(db, { name: "Wiesengrund", slug: "wiesengrund", kind: "gemeinde", population: 6_800 }, SMALL_UNITS, 4),
  ];

  const all = new Map<string, number>();
  const logins: [SeededMunicipality, Parameters<typeof addLogin>[3]][] = [
    [musterstadt, { email: "admin@fahrplan.example", name: "Alex Admin", role: "admin", unit: "Fachbereich IT", isPlatformAdmin: true }],
    [musterstadt, { email: "cdo@musterstadt.example", name: "Dr. Carla Digital", role: "cdo", unit: "Stabsstelle Digitalisierung" }],
    [musterstadt, { email: "kaemmerei@musterstadt.example", name: "Klaus Kämmerer", role: "finance", unit: "Kämmerei" }],
    [musterstadt, { email: "mitarbeiter@musterstadt.example", name: "Mia Mitarbeiterin", role: "staff", unit: "Bürgeramt" }],
    [musterstadt, { email: "projektleitung@musterstadt.example", name: "Peter Projekt", role: "projectLead", unit: "Fachbereich IT" }],
    [musterstadt, { email: "rat@musterstadt.example", name: "Rita Ratsmitglied", role: "viewer", unit: "Hauptamt" }],
    [kleinhausen, { email: "cdo@kleinhausen.example", name: "Karl Kleinschmidt", role: "cdo", unit: "Hauptverwaltung" }],
  ];
  for (const [m, login] of logins) all.set(login.email, addLogin(db, m, passwordHash, login));
  // The platform admin also administers Kleinhausen, so the switcher is visible to them.
  db.insert(s.memberships)
    .values({ userId: all.get("admin@fahrplan.example")!, municipalityId: kleinhausen.id, role: "admin" })
    .run();

  const provider = db
    .insert(s.serviceProviders)
    .values({ name: "Landesdienst Digitalisierung – Roll-in-Service" })
    .returning({ id: s.serviceProviders.id })
    .get();
  for (const m of [kleinhausen, ...others]) {
    db.insert(s.providerAssignments).values({ serviceProviderId: provider.id, municipalityId: m.id }).run();
  }
  const rollIn = db
    .insert(s.users)
    .values({ email: "rollin@landesdienst.example", name: "Robin Roll-in", passwordHash, serviceProviderId: provider.id })
    .returning({ id: s.users.id })
    .get();
  all.set("rollin@landesdienst.example", rollIn.id);
  return { musterstadt, kleinhausen, others, providerId: provider.id, users: all };
}

export function isDatabaseEmpty(db: Db): boolean {
  return !db.select({ id: s.municipalities.id }).from(s.municipalities).limit(1).get();
}

export function municipalityIdBySlug(db: Db, slug: string): number | undefined {
  return db.select({ id: s.municipalities.id }).from(s.municipalities).where(eq(s.municipalities.slug, slug)).get()?.id;
}
