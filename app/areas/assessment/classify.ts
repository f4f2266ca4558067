/**
 * The Bewertungsverfahren: from the scores on the three focus areas and the project's progress,
 * classify a project as Leuchtturm / auf Kurs / Nachzügler and say why in German words.
 * Pure: no I/O, so the rules are unit-tested in isolation.
 */

import { daysBetween } from "../../utils/calendar";
import { formatDate } from "../../utils/format";

export const FOCUS_AREAS = ["topics", "organisation", "technology"] as const;
export type FocusArea = (typeof FOCUS_AREAS)[number];

export const FOCUS_AREA_LABELS: Record<FocusArea, string> = {
  topics: "Digitale Themen",
  organisation: "Digitale Organisation",
  technology: "Digitale Technologien",
};

export const CLASSIFICATIONS = ["lighthouse", "onTrack", "laggard"] as const;
export type Classification = (typeof CLASSIFICATIONS)[number];

export const CLASSIFICATION_LABELS = {
  lighthouse: "Leuchtturm",
  onTrack: "auf Kurs",
  laggard: "Nachzügler",
} as const satisfies Record<Classification, string>;

export const MAX_SCORE = 4;

/** The thresholds of the rules, named so the docs and the reasons quote the same numbers. */
export const RULES = {
  /** Overall score (0–4) below which a project is a laggard. */
  laggardTotalBelow: 2,
  /** A single focus area below this makes a laggard, however good the rest is. */
  laggardFocusAreaBelow: 1.5,
  /** Overall score from which a project can be a lighthouse … */
  lighthouseTotalFrom: 3.2,
  /** … if no focus area is below this. */
  lighthouseFocusAreaFrom: 2.5,
  /** Overdue milestones from which a project is a laggard. */
  laggardOverdueMilestones: 2,
  /** Spending more than planned by this share makes a laggard (10 %). */
  budgetOverrunShare: 0.1,
  /** Spending ahead of elapsed time by more than this many points of the budget (25 %). */
  burnAheadShare: 0.25,
  /** Criteria scored at or below this are named as weak. */
  weakScoreAtMost: 2,
  /** How many weakest criteria a laggard names at most. */
  weakestCount: 3,
  /** A risk scored (likelihood × impact) from this is high (the red cells of the risk matrix). */
  highRiskFrom: 15,
  /** Open high risks from which a project is a laggard; one keeps it from being a lighthouse. */
  laggardHighRisks: 2,
} as const;

export interface CriterionScore {
  criterionId: number;
  focusArea: FocusArea;
  label: string;
  /** Relative weight within the focus area, > 0. */
  weight: number;
  /** 0–4 */
  score: number;
}

export interface ProjectProgress {
  today: string;
  startDate: string | null;
  endDate: string | null;
  /** Completed or cancelled projects are not judged on dates any more. */
  finished: boolean;
  overdueMilestones: number;
  plannedBudgetCents: number;
  spentBudgetCents: number;
  /** The project's open risks with a score from `RULES.highRiskFrom`. */
  highRisks?: { title: string; score: number }[];
  /** The projects this one depends on, with their planned end and state. */
  prerequisites?: { title: string; endDate: string | null; finished: boolean; classification: Classification | null }[];
  /** Open milestones dated after the planned project end. */
  milestonesAfterEnd?: { title: string; dueDate: string }[];
}

export interface ClassificationResult {
  classification: Classification;
  /** Weighted mean per focus area, 0–4; null if the area has no scored criterion. */
  focusScores: Record<FocusArea, number | null>;
  /** Mean of the scored focus areas, 0–4. */
  totalScore: number;
  needsSupport: boolean;
  /** The weakest criteria (laggards only), weakest first. */
  weakestCriteria: { criterionId: number; label: string; score: number }[];
  /** Each finding behind the result, as a German sentence fragment. */
  reasons: string[];
  /** The whole explanation as one German text. */
  reason: string;
}

// One formatter for all reasons: building an Intl formatter per call dominated a full reclassification.
const ONE_DECIMAL = new Intl.NumberFormat("de-DE", { minimumFractionDigits: 1, maximumFractionDigits: 1 });
const numberDe = (value: number) => ONE_DECIMAL.format(value);

const percent = (share: number) => `${Math.round(share * 100)} %`;

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

/** Weighted mean of the scores per focus area. */
export function focusAreaScores(scores: CriterionScore[]): Record<FocusArea, number | null> {
  const result = { topics: null, organisation: null, technology: null } as Record<FocusArea, number | null>;
  for (const area of FOCUS_AREAS) {
    const list = scores.filter((s) => s.focusArea === area && s.weight > 0);
    const weights = list.reduce((sum, s) => sum + s.weight, 0);
    if (weights > 0) result[area] = list.reduce((sum, s) => sum + s.score * s.weight, 0) / weights;
  }
  return result;
}

/** Share (0–1) of the planned project time that has passed; null without both dates. */
export function elapsedShare(progress: Pick<ProjectProgress, "today" | "startDate" | "endDate">): number | null {
  const { startDate, endDate, today } = progress;
  if (!startDate || !endDate) return null;
  const total = daysBetween(startDate, endDate);
  if (total <= 0) return today >= endDate ? 1 : 0;
  return Math.min(1, Math.max(0, daysBetween(startDate, today) / total));
}

/** Findings about progress that make a project a laggard, in German. */
export function progressProblems(progress: ProjectProgress): string[] {
  const problems: string[] = [];
  if (progress.overdueMilestones >= RULES.laggardOverdueMilestones) {
    problems.push(`${plural(progress.overdueMilestones, "Meilenstein ist", "Meilensteine sind")} überfällig`);
  }
  if (!progress.finished && progress.endDate && progress.today > progress.endDate) {
    problems.push("das geplante Projektende ist überschritten");
  }
  const planned = progress.plannedBudgetCents;
  if (planned > 0) {
    const spentShare = progress.spentBudgetCents / planned;
    const elapsed = elapsedShare(progress);
    if (spentShare > 1 + RULES.budgetOverrunShare) {
      problems.push(`das Budget ist um ${percent(spentShare - 1)} überschritten`);
    } else if (!progress.finished && elapsed !== null && spentShare - elapsed > RULES.burnAheadShare) {
      problems.push(`${percent(spentShare)} des Budgets sind verbraucht, aber erst ${percent(elapsed)} der Laufzeit vergangen`);
    }
  } else if (progress.spentBudgetCents > 0) {
    problems.push("es wurden Ausgaben ohne geplantes Budget gebucht");
  }
  return problems;
}

/** Findings that keep a project from being a lighthouse without making it a laggard. */
function progressCautions(progress: ProjectProgress): string[] {
  if (progress.overdueMilestones > 0 && progress.overdueMilestones < RULES.laggardOverdueMilestones) {
    return [`${plural(progress.overdueMilestones, "Meilenstein ist", "Meilensteine sind")} überfällig`];
  }
  return [];
}

/**
 * Risks and schedule conflicts of a running project: `problems` make it a laggard, `cautions` keep
 * it from being a lighthouse. The project forms show the same findings as warnings after saving.
 * A finished (completed or cancelled) project has none.
 */
export function scheduleFindings(progress: ProjectProgress): { problems: string[]; cautions: string[] } {
  const problems: string[] = [];
  const cautions: string[] = [];
  if (progress.finished) return { problems, cautions };
  const risks = [...(progress.highRisks ?? [])].sort((a, b) => b.score - a.score);
  const riskList = risks.map((r) => `„${r.title}“ (${r.score})`).join(", ");
  if (risks.length >= RULES.laggardHighRisks) problems.push(`${risks.length} hohe Risiken sind offen: ${riskList}`);
  else if (risks.length === 1) cautions.push(`ein hohes Risiko ist offen: ${riskList}`);
  const { startDate, endDate } = progress;
  for (const p of progress.prerequisites ?? []) {
    if (p.finished) continue;
    const ends = `„${p.title}“, von dem das Projekt abhängt, endet erst am ${formatDate(p.endDate)}`;
    if (p.endDate && endDate && p.endDate > endDate) problems.push(`${ends}, nach dem Projektende (${formatDate(endDate)})`);
    else if (p.endDate && startDate && p.endDate > startDate) cautions.push(`${ends}, nach dem Projektbeginn (${formatDate(startDate)})`);
    if (p.classification === "laggard") cautions.push(`das Projekt hängt vom Nachzügler „${p.title}“ ab`);
  }
  for (const m of progress.milestonesAfterEnd ?? []) {
    cautions.push(`der Meilenstein „${m.title}“ (${formatDate(m.dueDate)}) liegt nach dem Projektende (${formatDate(endDate)})`);
  }
  return { problems, cautions };
}

export function weakestCriteria(scores: CriterionScore[]): ClassificationResult["weakestCriteria"] {
  return scores
    .filter((s) => s.weight > 0 && s.score <= RULES.weakScoreAtMost)
    .sort((a, b) => a.score - b.score || b.weight - a.weight || a.label.localeCompare(b.label, "de"))
    .slice(0, RULES.weakestCount)
    .map(({ criterionId, label, score }) => ({ criterionId, label, score }));
}

/**
 * Classifies one assessed project. A laggard needs advice (Beratungsbedarf) and names its
 * weakest criteria; a lighthouse scores high in every focus area and has no progress problem.
 */
export function classifyProject(scores: CriterionScore[], progress: ProjectProgress): ClassificationResult {
  for (const s of scores) {
    if (!Number.isInteger(s.score) || s.score < 0 || s.score > MAX_SCORE) {
      throw new RangeError(`score ${s.score} of criterion ${s.criterionId} is outside 0..${MAX_SCORE}`);
    }
  }
  const focusScores = focusAreaScores(scores);
  const scored = FOCUS_AREAS.filter((a) => focusScores[a] !== null);
  const totalScore = scored.length ? scored.reduce((sum, a) => sum + focusScores[a]!, 0) / scored.length : 0;

  const scoreProblems: string[] = [];
  if (totalScore < RULES.laggardTotalBelow) {
    scoreProblems.push(`die Gesamtbewertung liegt mit ${numberDe(totalScore)} von 4 unter ${numberDe(RULES.laggardTotalBelow)}`);
  }
  for (const area of scored) {
    if (focusScores[area]! < RULES.laggardFocusAreaBelow) {
      scoreProblems.push(`„${FOCUS_AREA_LABELS[area]}“ ist mit ${numberDe(focusScores[area]!)} von 4 zu schwach`);
    }
  }
  const schedule = scheduleFindings(progress);
  const problems = [...scoreProblems, ...progressProblems(progress), ...schedule.problems];

  let classification: Classification;
  let reasons: string[];
  if (problems.length > 0) {
    classification = "laggard";
    // Risks and conflicts that alone would only cost the lighthouse are named too.
    reasons = [...problems, ...schedule.cautions];
  } else {
    const cautions = [...progressCautions(progress), ...schedule.cautions];
    const lowAreas = scored.filter((a) => focusScores[a]! < RULES.lighthouseFocusAreaFrom);
    const isLighthouse =
      scored.length === FOCUS_AREAS.length &&
      totalScore >= RULES.lighthouseTotalFrom &&
      lowAreas.length === 0 &&
      cautions.length === 0;
    classification = isLighthouse ? "lighthouse" : "onTrack";
    if (isLighthouse) {
      reasons = [
        `die Gesamtbewertung ist mit ${numberDe(totalScore)} von 4 hoch`,
        `alle Fokusbereiche erreichen mindestens ${numberDe(RULES.lighthouseFocusAreaFrom)}`,
        "Zeitplan und Budget sind eingehalten",
        "kein hohes Risiko ist offen",
      ];
    } else {
      reasons = [`die Gesamtbewertung liegt bei ${numberDe(totalScore)} von 4`];
      if (scored.length < FOCUS_AREAS.length) {
        const missing = FOCUS_AREAS.filter((a) => focusScores[a] === null).map((a) => `„${FOCUS_AREA_LABELS[a]}“`);
        reasons.push(`${missing.join(" und ")} ${missing.length === 1 ? "ist" : "sind"} noch nicht bewertet`);
      }
      for (const a of lowAreas) reasons.push(`„${FOCUS_AREA_LABELS[a]}“ erreicht ${numberDe(focusScores[a]!)} von 4`);
      reasons.push(...cautions);
      if (cautions.length === 0) reasons.push("Zeitplan und Budget sind eingehalten", "kein hohes Risiko ist offen");
    }
  }

  const weakest = classification === "laggard" ? weakestCriteria(scores) : [];
  const sentence = reasons.join("; ");
  let reason = `${CLASSIFICATION_LABELS[classification]}: ${sentence.charAt(0).toUpperCase()}${sentence.slice(1)}.`;
  if (weakest.length) {
    reason += ` Beratungsbedarf, schwächste Kriterien: ${weakest.map((w) => `${w.label} (${w.score})`).join(", ")}.`;
  } else if (classification === "laggard") {
    reason += " Beratungsbedarf.";
  }
  return {
    classification,
    focusScores,
    totalScore,
    needsSupport: classification === "laggard",
    weakestCriteria: weakest,
    reasons,
    reason,
  };
}

/** The default criteria a Kommune starts with; it may change labels, weights and add its own. */
export const DEFAULT_CRITERIA: { key: string; focusArea: FocusArea; label: string; description: string; weight: number }[] = [
  { key: "benefit", focusArea: "topics", label: "Nutzen für Bürgerschaft und Beschäftigte", description: "Spürbare Verbesserung für Bürgerinnen, Bürger, Unternehmen und Beschäftigte.", weight: 2 },
  { key: "goalFit", focusArea: "topics", label: "Beitrag zu den Zielen der Digitalagenda", description: "Wie direkt das Projekt auf Ziele der Digitalagenda einzahlt.", weight: 1 },
  { key: "staffing", focusArea: "organisation", label: "Personalausstattung", description: "Ausreichend Personal mit Zeit für das Projekt.", weight: 1 },
  { key: "cooperation", focusArea: "organisation", label: "Referatsübergreifende Zusammenarbeit", description: "Beteiligte Einheiten arbeiten als ein Team.", weight: 1 },
  { key: "training", focusArea: "organisation", label: "Qualifizierung der Betroffenen", description: "Die Beschäftigten sind für neue Abläufe geschult.", weight: 1 },
  { key: "changeManagement", focusArea: "organisation", label: "Veränderungsmanagement", description: "Kommunikation, Beteiligung und Begleitung der Veränderung.", weight: 1 },
  { key: "maturity", focusArea: "technology", label: "Technische Reife", description: "Erprobte, stabile Lösung statt Eigenentwicklung im Versuchsstadium.", weight: 1 },
  { key: "reuse", focusArea: "technology", label: "Nachnutzung / Einer für Alle", description: "Nutzt oder liefert eine nachnutzbare Lösung (EfA).", weight: 1 },
  { key: "interfaces", focusArea: "technology", label: "Schnittstellen und Medienbruchfreiheit", description: "Durchgängig digitale Prozesskette über offene Schnittstellen.", weight: 1 },
  { key: "itSecurity", focusArea: "technology", label: "IT-Sicherheit und Datenschutz", description: "Sicherheitskonzept, DSGVO-Konformität, BSI-Grundschutz.", weight: 1 },
];
