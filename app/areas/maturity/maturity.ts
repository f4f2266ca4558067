/**
 * The figures of a self-assessment, pure so the rules are unit-tested: per field of action and
 * item current against target, the gaps ranked, the proposals a gap triggers, and the anonymised
 * benchmark against a cohort (no figure from fewer than MIN_COHORT Kommunen).
 */
import type { MaturityArea } from "../../../db/schema/maturity";
import { MATURITY_AREA_LABELS } from "./catalogue";

export interface ItemInfo {
  id: number;
  code: string;
  area: MaturityArea;
  title: string;
  recommendations: readonly { minGap: number; text: string }[];
}

export interface Rating {
  itemId: number;
  currentLevel: number;
  targetLevel: number;
}

export interface AreaSummary {
  area: MaturityArea;
  label: string;
  rated: number;
  items: number;
  /** Averages in hundredths of a level (2,25 → 225), null while nothing is rated. */
  current: number | null;
  target: number | null;
}

const AREA_ORDER = Object.keys(MATURITY_AREA_LABELS) as MaturityArea[];

/** Average of levels in hundredths, rounded half up; null for no values. */
export function averageHundredths(levels: readonly number[]): number | null {
  if (!levels.length) return null;
  return Math.round((levels.reduce((a, b) => a + b, 0) * 100) / levels.length);
}

export function summariseAreas(items: readonly ItemInfo[], ratings: readonly Rating[]): AreaSummary[] {
  const byItem = new Map(ratings.map((r) => [r.itemId, r]));
  return AREA_ORDER.filter((area) => items.some((i) => i.area === area)).map((area) => {
    const areaItems = items.filter((i) => i.area === area);
    const rated = areaItems.map((i) => byItem.get(i.id)).filter((r): r is Rating => !!r);
    return {
      area,
      label: MATURITY_AREA_LABELS[area],
      rated: rated.length,
      items: areaItems.length,
      current: averageHundredths(rated.map((r) => r.currentLevel)),
      target: averageHundredths(rated.map((r) => r.targetLevel)),
    };
  });
}

export interface Gap<T extends ItemInfo = ItemInfo> {
  item: T;
  currentLevel: number;
  targetLevel: number;
  gap: number;
  /** The proposal with the largest `minGap` the gap reaches. */
  proposal: string | null;
}

export function proposalFor(item: ItemInfo, gap: number): string | null {
  const fitting = item.recommendations.filter((r) => r.minGap <= gap).sort((a, b) => b.minGap - a.minGap);
  return fitting[0]?.text ?? null;
}

/** Items whose target is above the current level, largest gap first, then catalogue order. */
export function rankGaps<T extends ItemInfo>(items: readonly T[], ratings: readonly Rating[]): Gap<T>[] {
  const order = new Map(items.map((i, index) => [i.id, index]));
  const byId = new Map(items.map((i) => [i.id, i]));
  return ratings
    .filter((r) => r.targetLevel > r.currentLevel && byId.has(r.itemId))
    .map((r) => {
      const item = byId.get(r.itemId)!;
      const gap = r.targetLevel - r.currentLevel;
      return { item, currentLevel: r.currentLevel, targetLevel: r.targetLevel, gap, proposal: proposalFor(item, gap) };
    })
    .sort((a, b) => b.gap - a.gap || a.currentLevel - b.currentLevel || order.get(a.item.id)! - order.get(b.item.id)!);
}

// ---------------------------------------------------------------------------------------------
// Benchmark

/** Whom a Kommune compares itself with. */
export const COHORTS = ["platform", "provider"] as const;
export type Cohort = (typeof COHORTS)[number];

export const COHORT_LABELS: Record<Cohort, string> = {
  platform: "alle Kommunen, die ihre Werte für den Vergleich freigeben",
  provider: "alle Kommunen Ihres Roll-in-Service",
};

/** A figure of the cohort is shown only when at least this many Kommunen contributed to it. */
export const MIN_COHORT = 5;

/** One participant's ratings, keyed by item code (catalogue versions share codes). No name. */
export type Participant = ReadonlyMap<string, number>;

export type Position = "above" | "equal" | "below";

export type CohortFigure<T> = { shown: true; contributors: number; value: T } | { shown: false; contributors: number };

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

export interface ItemBenchmark {
  code: string;
  own: number | null;
  /** Median level of the cohort (may be x,5) and where the Kommune stands against it. */
  figure: CohortFigure<{ median: number; position: Position | null }>;
}

export interface AreaBenchmark {
  area: MaturityArea;
  label: string;
  ownAverage: number | null;
  /** Normalised score in the cohort: best Kommune 100, worst 0 (all equal: 100). */
  figure: CohortFigure<{ score: number | null }>;
}

function position(own: number, reference: number): Position {
  return own > reference ? "above" : own < reference ? "below" : "equal";
}

/**
 * Benchmarks the Kommune (`own`, which is part of `cohort` when it shares its figures, otherwise
 * added here) against the cohort. Only aggregates leave this function: counts, medians, the own
 * position and score; never another participant's value.
 */
export function benchmark(
  items: readonly Pick<ItemInfo, "code" | "area">[],
  own: Participant,
  others: readonly Participant[],
): { items: ItemBenchmark[]; areas: AreaBenchmark[] } {
  const everyone = [own, ...others];
  const itemResults = items.map((item): ItemBenchmark => {
    const values = everyone.map((p) => p.get(item.code)).filter((v): v is number => v !== undefined);
    const ownValue = own.get(item.code) ?? null;
    if (values.length < MIN_COHORT) return { code: item.code, own: ownValue, figure: { shown: false, contributors: values.length } };
    const m = median(values);
    return {
      code: item.code,
      own: ownValue,
      figure: { shown: true, contributors: values.length, value: { median: m, position: ownValue === null ? null : position(ownValue, m) } },
    };
  });
  const areaResults = AREA_ORDER.filter((area) => items.some((i) => i.area === area)).map((area): AreaBenchmark => {
    const codes = items.filter((i) => i.area === area).map((i) => i.code);
    const averageOf = (p: Participant) => averageHundredths(codes.map((c) => p.get(c)).filter((v): v is number => v !== undefined));
    const ownAverage = averageOf(own);
    const averages = everyone.map(averageOf).filter((v): v is number => v !== null);
    if (averages.length < MIN_COHORT) return { area, label: MATURITY_AREA_LABELS[area], ownAverage, figure: { shown: false, contributors: averages.length } };
    const best = Math.max(...averages);
    const worst = Math.min(...averages);
    const score = ownAverage === null ? null : best === worst ? 100 : Math.round(((ownAverage - worst) * 100) / (best - worst));
    return { area, label: MATURITY_AREA_LABELS[area], ownAverage, figure: { shown: true, contributors: averages.length, value: { score } } };
  });
  return { items: itemResults, areas: areaResults };
}

// ---------------------------------------------------------------------------------------------
// Matching offers

export interface ProgrammeEligibility {
  fieldsOfAction: readonly string[];
  applicantKinds: readonly string[];
  applicantState: string | null;
  minPopulation: number | null;
  maxPopulation: number | null;
  windowCloses: string | null;
}

/**
 * A programme matches an item when it funds the item's purpose (its fields of action name the tag,
 * or it funds all) and the Kommune is eligible (kind, Land, population) while the window is open.
 */
export function programmeFitsPurpose(
  p: ProgrammeEligibility,
  purposeTag: string,
  municipality: { kind: string; state: string; population: number },
  today: string,
): boolean {
  const tag = purposeTag.trim().toLowerCase();
  const funds = p.fieldsOfAction.length === 0 || p.fieldsOfAction.some((f) => {
    const field = f.trim().toLowerCase();
    return field.length > 0 && (field.includes(tag) || tag.includes(field));
  });
  if (!funds) return false;
  if (p.applicantKinds.length && !p.applicantKinds.includes(municipality.kind)) return false;
  if (p.applicantState && p.applicantState !== municipality.state) return false;
  if (p.minPopulation != null && municipality.population < p.minPopulation) return false;
  if (p.maxPopulation != null && municipality.population > p.maxPopulation) return false;
  return p.windowCloses === null || p.windowCloses >= today;
}
