import type { MunicipalityKind } from "../../../db/schema/org";
import type { CostCategory } from "../../../db/schema/funding";
import { formatDate, formatEuro, formatNumber } from "../../utils/format";
import { type ProgrammeTerms, computeFinancing, isCategoryEligible } from "./calc";
import { COST_CATEGORY_LABELS, MUNICIPALITY_KIND_LABELS } from "./labels";

export interface FinderProgramme extends ProgrammeTerms {
  id: number;
  name: string;
  funder: string;
  fieldsOfAction: readonly string[];
  applicantKinds: readonly MunicipalityKind[];
  applicantState: string | null;
  minPopulation: number | null;
  maxPopulation: number | null;
  windowOpens: string | null;
  windowCloses: string | null;
  outlineFirst: boolean;
  outlineDeadline: string | null;
}

export interface FinderQuery {
  fieldOfAction: string;
  municipality: { kind: MunicipalityKind; state: string; population: number; financiallyWeak: boolean };
  plannedCostsCents: number;
  costCategories: readonly CostCategory[];
  /** Own funds the Kommune can provide; null = not stated. */
  availableOwnFundsCents: number | null;
  today: string;
}

export interface Criterion {
  fits: boolean;
  /** Hard criteria exclude the programme; soft ones only lower the rank. */
  hard: boolean;
  text: string;
}

/** One verdict for badge and explanation: both are derived from the same criteria. */
export interface FinderVerdict {
  /** No hard criterion fails: the application may be started. */
  fits: boolean;
  badge: "passt" | "passt mit Einschränkungen" | "passt nicht";
}

export function finderVerdict(criteria: readonly Criterion[]): FinderVerdict {
  if (criteria.some((c) => !c.fits && c.hard)) return { fits: false, badge: "passt nicht" };
  if (criteria.some((c) => !c.fits)) return { fits: true, badge: "passt mit Einschränkungen" };
  return { fits: true, badge: "passt" };
}

/**
 * The finance plan the finder's estimate assumes, and "Antrag starten" creates: the entered costs
 * spread evenly over the entered cost types, in the budget year of the application (never earlier)
 * or of the project start if that is later.
 */
export function finderPlanItems(
  input: { plannedCostsCents: number; costCategories: readonly CostCategory[]; today: string; projectStart?: string | null },
): { costCategory: CostCategory; plannedCents: number; budgetYear: number }[] {
  if (input.plannedCostsCents <= 0) return [];
  const categories = input.costCategories.length ? [...new Set(input.costCategories)] : (["other"] as CostCategory[]);
  const per = Math.floor(input.plannedCostsCents / categories.length);
  const year = Math.max(Number(input.today.slice(0, 4)), input.projectStart ? Number(input.projectStart.slice(0, 4)) : 0);
  return categories.map((c, i) => ({
    costCategory: c,
    plannedCents: i === 0 ? input.plannedCostsCents - per * (categories.length - 1) : per,
    budgetYear: year,
  }));
}

export interface FinderMatch {
  programmeId: number;
  name: string;
  funder: string;
  fits: boolean;
  badge: FinderVerdict["badge"];
  score: number;
  estimatedGrantCents: number;
  ownContributionCents: number;
  criteria: Criterion[];
}

function yes(text: string, hard = true): Criterion {
  return { fits: true, hard, text: `passt: ${text}` };
}
function no(text: string, hard = true): Criterion {
  return { fits: false, hard, text: `passt nicht: ${text}` };
}

/**
 * Kommunen name their Handlungsfelder freely ("Bürgerservice und Verwaltungsleistungen"), programmes
 * name broad areas ("Verwaltung"): a field matches when one name contains the other.
 */
export function fieldMatches(programmeField: string, projectField: string): boolean {
  const a = programmeField.trim().toLowerCase();
  const b = projectField.trim().toLowerCase();
  return a.length > 0 && b.length > 0 && (a.includes(b) || b.includes(a));
}

/** Evaluates one programme against a project, criterion by criterion, in German. */
export function evaluateProgramme(p: FinderProgramme, q: FinderQuery): FinderMatch {
  const criteria: Criterion[] = [];
  if (p.fieldsOfAction.length === 0) criteria.push(yes("fördert alle Handlungsfelder"));
  else if (p.fieldsOfAction.some((f) => fieldMatches(f, q.fieldOfAction))) {
    criteria.push(yes(`Handlungsfeld „${q.fieldOfAction}“ wird gefördert`));
  } else {
    criteria.push(no(`Handlungsfeld „${q.fieldOfAction}“ wird nicht gefördert (gefördert: ${p.fieldsOfAction.join(", ")})`));
  }

  const kindLabel = MUNICIPALITY_KIND_LABELS[q.municipality.kind];
  if (p.applicantKinds.length === 0 || p.applicantKinds.includes(q.municipality.kind)) {
    criteria.push(yes(`antragsberechtigt sind ${p.applicantKinds.length ? p.applicantKinds.map((k) => MUNICIPALITY_KIND_LABELS[k]).join(", ") : "alle Kommunen"}`));
  } else {
    criteria.push(no(`${kindLabel} sind nicht antragsberechtigt (nur ${p.applicantKinds.map((k) => MUNICIPALITY_KIND_LABELS[k]).join(", ")})`));
  }
  if (p.applicantState) {
    criteria.push(
      p.applicantState === q.municipality.state
        ? yes(`Landesprogramm ${p.applicantState}`)
        : no(`nur für Kommunen in ${p.applicantState}`),
    );
  }
  const pop = q.municipality.population;
  if (p.maxPopulation != null && pop > p.maxPopulation) {
    criteria.push(no(`nur für Kommunen bis ${formatNumber(p.maxPopulation)} Einwohner (Ihre Kommune: ${formatNumber(pop)})`));
  } else if (p.minPopulation != null && pop < p.minPopulation) {
    criteria.push(no(`nur für Kommunen ab ${formatNumber(p.minPopulation)} Einwohner (Ihre Kommune: ${formatNumber(pop)})`));
  } else if (p.maxPopulation != null || p.minPopulation != null) {
    criteria.push(yes(`Größe der Kommune (${formatNumber(pop)} Einwohner) liegt im Rahmen`));
  }

  const deadline = p.outlineFirst && p.outlineDeadline ? p.outlineDeadline : p.windowCloses;
  const deadlineName = p.outlineFirst && p.outlineDeadline ? "Frist für die Projektskizze" : "Antragsfrist";
  if (p.windowOpens && q.today < p.windowOpens) {
    criteria.push(no(`Antragsfenster öffnet erst am ${formatDate(p.windowOpens)}`, false));
  } else if (deadline && q.today > deadline) {
    criteria.push(no(`${deadlineName} abgelaufen am ${formatDate(deadline)}`));
  } else if (deadline) {
    criteria.push(yes(`${deadlineName} läuft bis ${formatDate(deadline)}${p.outlineFirst ? " (zweistufiges Verfahren: zuerst Projektskizze)" : ""}`));
  } else {
    criteria.push(yes(`Anträge jederzeit möglich${p.outlineFirst ? " (zweistufiges Verfahren: zuerst Projektskizze)" : ""}`));
  }

  const ineligible = q.costCategories.filter((c) => !isCategoryEligible(p, c));
  if (q.costCategories.length && ineligible.length === q.costCategories.length) {
    criteria.push(no(`keine der geplanten Kostenarten ist förderfähig (${ineligible.map((c) => COST_CATEGORY_LABELS[c]).join(", ")})`));
  } else if (ineligible.length) {
    criteria.push(no(`nicht förderfähig: ${ineligible.map((c) => COST_CATEGORY_LABELS[c]).join(", ")}`, false));
  } else if (q.costCategories.length) {
    criteria.push(yes(`alle geplanten Kostenarten sind förderfähig`));
  }

  const items = finderPlanItems({ plannedCostsCents: q.plannedCostsCents, costCategories: q.costCategories, today: q.today }).map((i) => ({ ...i, eligible: true }));
  const financing = computeFinancing(p, items, { financiallyWeak: q.municipality.financiallyWeak });
  if (financing.belowMin) {
    criteria.push(no(`die erwartete Zuwendung von ${formatEuro(financing.grantCents)} liegt unter der Mindestzuwendung von ${formatEuro(p.minGrantCents)}`));
  }
  if (q.availableOwnFundsCents != null) {
    criteria.push(
      financing.ownContributionCents <= q.availableOwnFundsCents
        ? yes(`Eigenanteil von ${formatEuro(financing.ownContributionCents)} ist mit den verfügbaren Eigenmitteln von ${formatEuro(q.availableOwnFundsCents)} gedeckt`, false)
        : no(`Eigenanteil von ${formatEuro(financing.ownContributionCents)} übersteigt die verfügbaren Eigenmittel von ${formatEuro(q.availableOwnFundsCents)}`, false),
    );
  }
  const { fits, badge } = finderVerdict(criteria);
  const score = criteria.reduce((s, c) => s + (c.fits ? 1 : c.hard ? -10 : -2), 0);
  return {
    programmeId: p.id,
    name: p.name,
    funder: p.funder,
    fits,
    badge,
    score,
    estimatedGrantCents: financing.grantCents,
    ownContributionCents: financing.ownContributionCents,
    criteria,
  };
}

/** All programmes ranked: fitting ones first, then by score, then by expected grant. */
export function rankProgrammes(programmes: readonly FinderProgramme[], query: FinderQuery): FinderMatch[] {
  return programmes
    .map((p) => evaluateProgramme(p, query))
    .sort(
      (a, b) =>
        Number(b.fits) - Number(a.fits) ||
        b.score - a.score ||
        b.estimatedGrantCents - a.estimatedGrantCents ||
        a.name.localeCompare(b.name, "de"),
    );
}
