import { addDays, addMonths, format } from "date-fns";
import { and, eq } from "drizzle-orm";
import type { ProjectEditor } from "../../app/areas/projects/access.server";
import { insertProject } from "../../app/areas/projects/write.server";
import type { RiskCategory } from "../../app/areas/projects/projects";
import type { Db, Tx } from "../../app/utils/db.server";
import { todayIso } from "../../app/utils/format";
import { fireTransition } from "../../app/workflow/index.server";
import * as s from "../schema";
import type { FocusArea } from "../schema/agenda";
import type { SeededMunicipality, SeededOrganisation } from "./organisation";

/**
 * Demo Digitalagenda and project portfolio. Dates are relative to the day the seed runs, so the
 * demo always shows running projects, due milestones and a few overdue items.
 */

type GoalSpec = {
  key: string;
  title: string;
  indicator: string;
  unit: string;
  baseline: number;
  targetValue: number;
  targetInMonths: number;
  /** [months ago, value] */
  values: [number, number][];
};
type FieldSpec = { name: string; focusArea: FocusArea; description: string; goals: GoalSpec[] };

const MUSTERSTADT_FIELDS: FieldSpec[] = [
  {
    name: "Bürgerservice und Verwaltungsleistungen",
    focusArea: "topics",
    description: "Verwaltungsleistungen online, medienbruchfrei und barrierefrei anbieten (OZG).",
    goals: [
      { key: "ozg", title: "Verwaltungsleistungen online anbieten", indicator: "Anteil online beantragbarer Leistungen", unit: "%", baseline: 22, targetValue: 90, targetInMonths: 36, values: [[18, 28], [12, 41], [6, 52], [1, 58]] },
      { key: "wait", title: "Wartezeit im Bürgeramt senken", indicator: "Durchschnittliche Wartezeit auf einen Termin", unit: "Tage", baseline: 21, targetValue: 5, targetInMonths: 18, values: [[12, 18], [6, 14], [1, 11]] },
    ],
  },
  {
    name: "Bildung",
    focusArea: "topics",
    description: "Schulen digital ausstatten und digitale Lernangebote verlässlich betreiben.",
    goals: [
      { key: "classrooms", title: "Klassenräume digital ausstatten", indicator: "Anteil Klassenräume mit digitaler Präsentationstechnik", unit: "%", baseline: 35, targetValue: 100, targetInMonths: 20, values: [[10, 48], [3, 63]] },
      { key: "platform", title: "Lernplattform an allen Schulen", indicator: "Schulen mit Lernplattform", unit: "Anzahl", baseline: 2, targetValue: 14, targetInMonths: 24, values: [[8, 5], [2, 9]] },
    ],
  },
  {
    name: "Mobilität",
    focusArea: "topics",
    description: "Verkehr mit Daten steuern: Parken, ÖPNV-Echtzeitdaten, Radverkehr.",
    goals: [
      { key: "parking", title: "Parkraum digital steuern", indicator: "Parkplätze mit Belegungssensoren", unit: "Anzahl", baseline: 0, targetValue: 800, targetInMonths: 24, values: [[4, 120]] },
      { key: "realtime", title: "Echtzeitinformation im ÖPNV", indicator: "Haltestellen mit Echtzeitanzeige", unit: "%", baseline: 10, targetValue: 75, targetInMonths: 30, values: [] },
    ],
  },
  {
    name: "Energie und Umwelt",
    focusArea: "topics",
    description: "Energieverbrauch kommunaler Anlagen senken und Umweltdaten offen bereitstellen.",
    goals: [
      { key: "lighting", title: "Straßenbeleuchtung intelligent steuern", indicator: "Anteil ferngesteuerter LED-Leuchten", unit: "%", baseline: 15, targetValue: 80, targetInMonths: 30, values: [[12, 25], [2, 38]] },
    ],
  },
  {
    name: "Personal und Kompetenzen",
    focusArea: "organisation",
    description: "Alle Beschäftigten mitnehmen: Schulungen, Digitallotsen in jedem Amt, ein Team statt Silos.",
    goals: [
      { key: "trained", title: "Beschäftigte digital qualifizieren", indicator: "Anteil geschulter Beschäftigter", unit: "%", baseline: 20, targetValue: 80, targetInMonths: 24, values: [[9, 31], [3, 46]] },
      { key: "pilots", title: "Digitallotsen in allen Ämtern", indicator: "Ämter mit benannter Digitallotsin bzw. benanntem Digitallotsen", unit: "Anzahl", baseline: 1, targetValue: 12, targetInMonths: 12, values: [[6, 4], [1, 7]] },
    ],
  },
  {
    name: "Infrastruktur und IT-Sicherheit",
    focusArea: "technology",
    description: "E-Akte, leistungsfähige Netze und Informationssicherheit nach BSI-Grundschutz.",
    goals: [
      { key: "eakte", title: "E-Akte flächendeckend einführen", indicator: "Arbeitsplätze mit E-Akte", unit: "%", baseline: 5, targetValue: 100, targetInMonths: 36, values: [[12, 12], [4, 30]] },
      { key: "security", title: "Informationssicherheit stärken", indicator: "Umgesetzte BSI-Grundschutz-Bausteine", unit: "%", baseline: 40, targetValue: 95, targetInMonths: 24, values: [[5, 52]] },
    ],
  },
];

type TargetState = "idea" | "assessment" | "planned" | "inProgress" | "completed" | "onHold" | "cancelled";

/** The transitions (with a comment where the definition requires one) that lead from Idee to each state. */
const PATHS: Record<TargetState, [string, string?][]> = {
  idea: [],
  assessment: [["submitForAssessment"]],
  planned: [["submitForAssessment"], ["approvePlan"]],
  inProgress: [["submitForAssessment"], ["approvePlan"], ["startImplementation"]],
  completed: [["submitForAssessment"], ["approvePlan"], ["startImplementation"], ["complete"]],
  onHold: [["submitForAssessment"], ["approvePlan"], ["putOnHold", "Zurückgestellt bis zur Haushaltsfreigabe im nächsten Jahr."]],
  cancelled: [["submitForAssessment"], ["cancel", "Das Land stellt eine EfA-Lösung bereit; ein eigenes Projekt ist nicht mehr nötig."]],
};

interface ProjectSpec {
  title: string;
  description: string;
  field: string;
  lead: string;
  involved: string[];
  leadEmail?: string;
  /** months from today (negative = in the past) */
  start: number;
  months: number;
  budget: number;
  spentShare: number;
  ozg?: boolean;
  efa?: boolean;
  goals: string[];
  state: TargetState;
  /** [title, days from today, done] */
  milestones: [string, number, boolean][];
  /** category, title, likelihood, impact, mitigation, and for a closed risk the days since it was closed. */
  risks: [RiskCategory, string, number, number, string, number?][];
}

const PROJECTS: ProjectSpec[] = [
  {
    title: "Online-Terminvergabe Bürgeramt",
    description: "Termine für Ausweis, Meldebescheinigung und Kfz online buchen, mit Erinnerung per E-Mail.",
    field: "Bürgerservice und Verwaltungsleistungen", lead: "Bürgeramt", involved: ["Fachbereich IT", "Hauptamt"],
    leadEmail: "projektleitung@musterstadt.example", start: -14, months: 12, budget: 85_000, spentShare: 1.0, ozg: true, goals: ["wait"], state: "completed",
    milestones: [["Ausschreibung abgeschlossen", -360, true], ["Pilotbetrieb Meldewesen", -200, true], ["Alle Leistungen buchbar", -60, true]],
    risks: [
      ["acceptance", "Ältere Menschen nutzen das Angebot kaum", 3, 2, "Telefonische Buchung bleibt; Infoblatt in der Zeitung"],
      // averted before go-live: closed, so it no longer counts
      ["technologySecurity", "Lastspitzen bei der Freischaltung", 4, 4, "Lasttest bestanden, Warteschlange vor dem Buchungssystem", 120],
    ],
  },
  {
    title: "Digitaler Bauantrag",
    description: "Bauanträge vollständig digital einreichen und bearbeiten (EfA-Lösung des Landes).",
    field: "Bürgerservice und Verwaltungsleistungen", lead: "Bauamt", involved: ["Fachbereich IT", "Ordnungsamt"],
    leadEmail: "projektleitung@musterstadt.example", start: -8, months: 14, budget: 240_000, spentShare: 0.55, ozg: true, efa: true, goals: ["ozg"], state: "inProgress",
    milestones: [["Anbindung an das Landesportal", -120, true], ["Schulung der Sachbearbeitung", -20, false], ["Echtbetrieb", 90, false]],
    risks: [
      ["qualification", "Sachbearbeitung noch nicht mit dem Fachverfahren vertraut", 4, 4, "Schulungsreihe mit dem Hersteller, Digitallotse im Bauamt"],
      ["technologySecurity", "Schnittstelle zum Fachverfahren instabil", 3, 4, "Testumgebung und Wartungsvertrag mit Reaktionszeiten"],
    ],
  },
  {
    title: "Wohngeld online",
    description: "Wohngeldanträge über das Landesportal annehmen und medienbruchfrei in das Fachverfahren übernehmen.",
    field: "Bürgerservice und Verwaltungsleistungen", lead: "Sozialamt", involved: ["Fachbereich IT"],
    start: -5, months: 10, budget: 60_000, spentShare: 0.4, ozg: true, efa: true, goals: ["ozg"], state: "inProgress",
    milestones: [["Formular freigeschaltet", -30, true], ["Automatische Übernahme ins Fachverfahren", 45, false]],
    risks: [["staffShortage", "Zwei Stellen in der Wohngeldstelle unbesetzt", 4, 3, "Befristete Unterstützung durch das Hauptamt"]],
  },
  {
    title: "Chatbot für Bürgeranfragen",
    description: "Ein Chatbot beantwortet häufige Fragen rund um die Uhr und leitet an die zuständige Stelle weiter.",
    field: "Bürgerservice und Verwaltungsleistungen", lead: "Hauptamt", involved: ["Bürgeramt", "Stabsstelle Digitalisierung"],
    start: 4, months: 8, budget: 45_000, spentShare: 0, goals: ["wait"], state: "idea",
    milestones: [], risks: [],
  },
  {
    title: "Gewerbeanmeldung digital",
    description: "Gewerbean-, -um- und -abmeldung online mit Weiterleitung an Kammern und Finanzamt.",
    field: "Bürgerservice und Verwaltungsleistungen", lead: "Ordnungsamt", involved: ["Fachbereich IT"],
    start: 2, months: 9, budget: 35_000, spentShare: 0, ozg: true, efa: true, goals: ["ozg"], state: "planned",
    milestones: [["Fachkonzept abgestimmt", 30, false]], risks: [],
  },
  {
    title: "Digitale Schule 2027",
    description: "Präsentationstechnik und WLAN für alle Klassenräume der städtischen Schulen (DigitalPakt).",
    field: "Bildung", lead: "Schulamt", involved: ["Fachbereich IT", "Bauamt"],
    leadEmail: "projektleitung@musterstadt.example", start: -10, months: 20, budget: 1_250_000, spentShare: 0.62, goals: ["classrooms"], state: "inProgress",
    milestones: [["Grundschulen ausgestattet", -90, true], ["Oberschulen ausgestattet", -15, false], ["Gymnasium ausgestattet", 120, false]],
    risks: [
      ["fundingProcedure", "Mittelabruf im Förderprogramm verzögert sich", 3, 4, "Abrufplan mit der Kämmerei, Zwischennachweis rechtzeitig"],
      ["unforeseenEvents", "Lieferengpässe bei Displays", 2, 3, "Rahmenvertrag mit zwei Lieferanten"],
    ],
  },
  {
    title: "Lernplattform für alle Schulen",
    description: "Gemeinsame Lernplattform mit Single Sign-on für Lehrkräfte, Schülerinnen und Schüler.",
    field: "Bildung", lead: "Schulamt", involved: ["Fachbereich IT"],
    start: -3, months: 12, budget: 90_000, spentShare: 0.2, efa: true, goals: ["platform"], state: "inProgress",
    milestones: [["Pilotschulen angebunden", -10, true], ["Alle Grundschulen angebunden", 60, false]],
    risks: [["acceptance", "Lehrkräfte nutzen weiter eigene Lösungen", 3, 3, "Fortbildungen und Ansprechpersonen an jeder Schule"]],
  },
  {
    title: "Tablet-Ausleihe Stadtbibliothek",
    description: "Tablets mit Lern-Apps zur Ausleihe für Familien ohne eigene Geräte.",
    field: "Bildung", lead: "Schulamt", involved: ["Sozialamt"],
    start: 3, months: 6, budget: 18_000, spentShare: 0, goals: [], state: "assessment",
    milestones: [], risks: [["acceptance", "Geringe Nachfrage", 2, 2, "Gemeinsame Aktion mit Schulen und Familienzentren"]],
  },
  {
    title: "Smart Parking Innenstadt",
    description: "Belegungssensoren auf 800 Stellplätzen, freie Plätze in der Stadt-App und auf Anzeigetafeln.",
    field: "Mobilität", lead: "Ordnungsamt", involved: ["Stadtwerke Musterstadt GmbH", "Fachbereich IT"],
    start: -6, months: 18, budget: 420_000, spentShare: 0.25, goals: ["parking"], state: "inProgress",
    milestones: [["Sensoren Parkhaus Markt", -40, false], ["Anzeige in der Stadt-App", 30, false]],
    risks: [
      ["politicalHeadwind", "Gegenwind im Rat wegen Kosten", 3, 4, "Wirtschaftlichkeitsbetrachtung im Ausschuss vorstellen"],
      ["crossUnitCooperation", "Zuständigkeiten zwischen Ordnungsamt und Stadtwerken unklar", 4, 3, "Kooperationsvereinbarung und gemeinsames Projektteam"],
    ],
  },
  {
    title: "Echtzeitdaten ÖPNV",
    description: "Fahrgastinformation in Echtzeit an den wichtigsten Haltestellen und als offene Daten.",
    field: "Mobilität", lead: "Stadtwerke Musterstadt GmbH", involved: ["Stabsstelle Digitalisierung"],
    start: 2, months: 15, budget: 310_000, spentShare: 0, goals: ["realtime"], state: "planned",
    milestones: [["Förderantrag eingereicht", 20, false]],
    risks: [["fundingProcedure", "Förderzusage offen", 3, 5, "Umsetzung in Ausbaustufen planen"]],
  },
  {
    title: "Radverkehrszählung mit Sensoren",
    description: "Automatische Zählstellen für den Radverkehr als Grundlage für die Radverkehrsplanung.",
    field: "Mobilität", lead: "Bauamt", involved: [],
    start: 5, months: 6, budget: 25_000, spentShare: 0, goals: [], state: "idea",
    milestones: [], risks: [],
  },
  {
    title: "Intelligente Straßenbeleuchtung",
    description: "LED-Leuchten mit Fernsteuerung und bedarfsgerechter Dimmung.",
    field: "Energie und Umwelt", lead: "Stadtwerke Musterstadt GmbH", involved: ["Bauamt"],
    start: -12, months: 24, budget: 680_000, spentShare: 0.48, goals: ["lighting"], state: "inProgress",
    milestones: [["Bauabschnitt Nord", -150, true], ["Bauabschnitt Mitte", -5, false], ["Bauabschnitt Süd", 200, false]],
    risks: [["unforeseenEvents", "Preissteigerungen bei Leuchten", 3, 3, "Preisgleitklausel, Bauabschnitte priorisieren"]],
  },
  {
    title: "Energiemonitoring kommunaler Gebäude",
    description: "Verbrauchsdaten aller städtischen Gebäude automatisch erfassen und auswerten.",
    field: "Energie und Umwelt", lead: "Bauamt", involved: ["Stadtwerke Musterstadt GmbH", "Kämmerei"],
    start: 3, months: 12, budget: 150_000, spentShare: 0, goals: ["lighting"], state: "assessment",
    milestones: [], risks: [["technologySecurity", "Alte Gebäudeleittechnik ohne Schnittstellen", 4, 3, "Nachrüstung mit Funkzählern"]],
  },
  {
    title: "Umweltsensoren Luftqualität",
    description: "Messnetz für Feinstaub und Stickoxide mit offenen Daten.",
    field: "Energie und Umwelt", lead: "Ordnungsamt", involved: ["Stadtwerke Musterstadt GmbH"],
    start: -4, months: 8, budget: 40_000, spentShare: 0.1, goals: [], state: "cancelled",
    milestones: [], risks: [],
  },
  {
    title: "Schulungsoffensive Digitale Verwaltung",
    description: "Grundlagenschulungen für alle Beschäftigten, danach fachbezogene Workshops je Amt.",
    field: "Personal und Kompetenzen", lead: "Personalamt", involved: ["Stabsstelle Digitalisierung", "Hauptamt", "Bürgeramt", "Bauamt"],
    leadEmail: "cdo@musterstadt.example", start: -9, months: 18, budget: 120_000, spentShare: 0.5, goals: ["trained"], state: "inProgress",
    milestones: [["Grundlagenschulung für alle Ämter", -30, false], ["Fachworkshops Bauamt und Bürgeramt", 60, false]],
    risks: [
      ["qualification", "Strategische Kompetenzen der Führungskräfte fehlen", 4, 4, "Führungskräfte-Workshop vorziehen"],
      ["staffShortage", "Keine Zeit für Schulungen im Tagesgeschäft", 5, 3, "Feste Schulungstage, Vertretungsregelung"],
    ],
  },
  {
    title: "Digitallotsen-Netzwerk",
    description: "In jedem Amt eine Digitallotsin oder ein Digitallotse als Ansprechperson, monatlicher Austausch.",
    field: "Personal und Kompetenzen", lead: "Stabsstelle Digitalisierung", involved: ["Personalamt", "Hauptamt", "Schulamt", "Sozialamt"],
    leadEmail: "cdo@musterstadt.example", start: -7, months: 12, budget: 15_000, spentShare: 0.45, goals: ["pilots"], state: "inProgress",
    milestones: [["Lotsen in allen Dezernaten benannt", -45, true], ["Lotsen in allen Ämtern benannt", 40, false]],
    risks: [["crossUnitCooperation", "Ämter geben keine Zeitanteile frei", 3, 3, "Vereinbarung mit der Dezernentenkonferenz"]],
  },
  {
    title: "Change-Management Digitalisierung",
    description: "Kommunikation, Beteiligung und Begleitung der Veränderung in der Verwaltung.",
    field: "Personal und Kompetenzen", lead: "Hauptamt", involved: ["Personalamt", "Stabsstelle Digitalisierung"],
    start: 1, months: 12, budget: 50_000, spentShare: 0, goals: ["trained"], state: "planned",
    milestones: [["Beteiligungsworkshop mit dem Personalrat", 25, false]], risks: [],
  },
  {
    title: "Mobiles Arbeiten",
    description: "Ausstattung und Regeln für mobiles Arbeiten, Dienstvereinbarung mit dem Personalrat.",
    field: "Personal und Kompetenzen", lead: "Personalamt", involved: ["Fachbereich IT"],
    start: -2, months: 8, budget: 210_000, spentShare: 0.15, goals: [], state: "onHold",
    milestones: [["Dienstvereinbarung unterzeichnet", -25, false]],
    risks: [["politicalHeadwind", "Haushaltssperre", 4, 4, "Projekt in zwei Stufen teilen"]],
  },
  {
    title: "E-Akte Einführung",
    description: "Einführung der elektronischen Akte in allen Ämtern, beginnend mit Hauptamt und Personalamt.",
    field: "Infrastruktur und IT-Sicherheit", lead: "Fachbereich IT", involved: ["Hauptamt", "Personalamt", "Kämmerei", "Bürgeramt"],
    leadEmail: "projektleitung@musterstadt.example", start: -11, months: 30, budget: 890_000, spentShare: 0.35, goals: ["eakte"], state: "inProgress",
    milestones: [["Pilot Hauptamt", -200, true], ["Personalamt umgestellt", -60, false], ["Kämmerei umgestellt", 100, false]],
    risks: [
      ["qualification", "Beschäftigte scheuen die Umstellung", 4, 3, "Schulungen und Lotsen vor Ort"],
      ["crossUnitCooperation", "Aktenpläne in den Ämtern uneinheitlich", 3, 4, "Gemeinsamer Aktenplan, Abstimmung im Lenkungskreis"],
    ],
  },
  {
    title: "Glasfaseranbindung Verwaltungsstandorte",
    description: "Alle Außenstellen, Schulen und Kitas mit Glasfaser an das städtische Netz anbinden.",
    field: "Infrastruktur und IT-Sicherheit", lead: "Fachbereich IT", involved: ["Stadtwerke Musterstadt GmbH", "Schulamt"],
    start: -24, months: 20, budget: 1_600_000, spentShare: 0.97, goals: [], state: "completed",
    milestones: [["Schulen angebunden", -300, true], ["Außenstellen angebunden", -120, true]], risks: [],
  },
  {
    title: "Informationssicherheit nach BSI-Grundschutz",
    description: "Informationssicherheitsmanagement aufbauen, Basis-Absicherung nach IT-Grundschutz umsetzen.",
    field: "Infrastruktur und IT-Sicherheit", lead: "Fachbereich IT", involved: ["Hauptamt"],
    start: -6, months: 18, budget: 180_000, spentShare: 0.3, goals: ["security"], state: "inProgress",
    milestones: [["Strukturanalyse abgeschlossen", -50, true], ["Notfallhandbuch", -10, false]],
    risks: [["technologySecurity", "Ransomware-Angriff vor Abschluss der Absicherung", 2, 5, "Offline-Backups, Übung des Wiederanlaufs"]],
  },
  {
    title: "Rechenzentrumskooperation mit dem Landkreis",
    description: "Gemeinsamer Betrieb der Server mit dem Landkreis statt eigenem Serverraum.",
    field: "Infrastruktur und IT-Sicherheit", lead: "Fachbereich IT", involved: ["Kämmerei"],
    start: 6, months: 24, budget: 500_000, spentShare: 0, efa: true, goals: ["security"], state: "assessment",
    milestones: [], risks: [["politicalHeadwind", "Vorbehalte gegen Abgabe von Zuständigkeiten", 3, 3, "Zweckvereinbarung mit klaren Rechten"]],
  },
  {
    title: "Mieterportal Wohnungsbaugesellschaft",
    description: "Schadensmeldungen und Dokumente für Mieterinnen und Mieter online.",
    field: "Bürgerservice und Verwaltungsleistungen", lead: "Wohnungsbaugesellschaft Musterstadt mbH", involved: ["Fachbereich IT"],
    start: 1, months: 9, budget: 75_000, spentShare: 0, goals: [], state: "planned",
    milestones: [["Anbieterauswahl", 35, false]], risks: [],
  },
  {
    title: "Open-Data-Portal",
    description: "Offene Daten der Stadt und ihrer Unternehmen an einem Ort, maschinenlesbar.",
    field: "Infrastruktur und IT-Sicherheit", lead: "Stabsstelle Digitalisierung", involved: ["Stadtwerke Musterstadt GmbH", "Fachbereich IT"],
    start: 4, months: 10, budget: 30_000, spentShare: 0, efa: true, goals: [], state: "idea",
    milestones: [], risks: [],
  },
  {
    title: "Digitale Ratsarbeit",
    description: "Ratsinformationssystem mit App, papierlose Sitzungen.",
    field: "Bürgerservice und Verwaltungsleistungen", lead: "Hauptamt", involved: [],
    start: 6, months: 6, budget: 40_000, spentShare: 0, goals: [], state: "idea",
    milestones: [], risks: [],
  },
  {
    title: "Digitale Rechnungsbearbeitung",
    description: "E-Rechnungen (XRechnung) empfangen, prüfen und freigeben ohne Papier.",
    field: "Infrastruktur und IT-Sicherheit", lead: "Kämmerei", involved: ["Fachbereich IT"],
    start: 2, months: 8, budget: 65_000, spentShare: 0, goals: ["eakte"], state: "assessment",
    milestones: [], risks: [["qualification", "Kenntnisse zu XRechnung fehlen", 3, 2, "Schulung durch den Anbieter"]],
  },
];

/** [project, needs] by title */
const DEPENDENCIES: [string, string][] = [
  ["Digitaler Bauantrag", "E-Akte Einführung"],
  ["Digitale Rechnungsbearbeitung", "E-Akte Einführung"],
  ["E-Akte Einführung", "Glasfaseranbindung Verwaltungsstandorte"],
  ["Lernplattform für alle Schulen", "Digitale Schule 2027"],
  ["Echtzeitdaten ÖPNV", "Open-Data-Portal"],
  ["Change-Management Digitalisierung", "Digitallotsen-Netzwerk"],
];

const VISION = `Musterstadt 2030: Eine Verwaltung, die für ihre Bürgerinnen und Bürger rund um die Uhr erreichbar ist.
Alle Verwaltungsleistungen sind online, medienbruchfrei und barrierefrei nutzbar; die Beschäftigten arbeiten mit der E-Akte und sind für die digitale Arbeit qualifiziert.
Verwaltung und städtische Unternehmen arbeiten als ein Team: Daten werden einmal erfasst, gemeinsam genutzt und – wo möglich – offen bereitgestellt.`;

function iso(date: Date): string {
  return format(date, "yyyy-MM-dd");
}

function seedFields(db: Db, municipalityId: number, specs: FieldSpec[], today: Date) {
  const fieldIds = new Map<string, number>();
  const goalIds = new Map<string, number>();
  specs.forEach((f, index) => {
    const field = db
      .insert(s.fieldsOfAction)
      .values({ municipalityId, name: f.name, focusArea: f.focusArea, description: f.description, sortOrder: index + 1 })
      .returning({ id: s.fieldsOfAction.id })
      .get();
    fieldIds.set(f.name, field.id);
    for (const g of f.goals) {
      const goal = db
        .insert(s.goals)
        .values({
          municipalityId,
          fieldOfActionId: field.id,
          title: g.title,
          indicator: g.indicator,
          unit: g.unit,
          baseline: g.baseline,
          targetValue: g.targetValue,
          targetDate: iso(addMonths(today, g.targetInMonths)),
        })
        .returning({ id: s.goals.id })
        .get();
      goalIds.set(g.key, goal.id);
      for (const [monthsAgo, value] of g.values) {
        db.insert(s.goalValues).values({ municipalityId, goalId: goal.id, recordedOn: iso(addMonths(today, -monthsAgo)), value }).run();
      }
    }
  });
  return { fieldIds, goalIds };
}

function employeeByEmail(db: Db, municipalityId: number, email: string): number | null {
  return (
    db
      .select({ id: s.employees.id })
      .from(s.employees)
      .where(and(eq(s.employees.municipalityId, municipalityId), eq(s.employees.email, email)))
      .get()?.id ?? null
  );
}

function seedProjects(db: Db, m: SeededMunicipality, editor: ProjectEditor, specs: ProjectSpec[], ids: ReturnType<typeof seedFields>, today: Date) {
  const tx = db as unknown as Tx;
  const projectIds = new Map<string, number>();
  specs.forEach((p, index) => {
    const start = addMonths(today, p.start);
    const id = insertProject(tx, editor, {
      title: p.title,
      description: p.description,
      fieldOfActionId: ids.fieldIds.get(p.field)!,
      leadUnitId: m.units.get(p.lead)!,
      involvedUnitIds: p.involved.map((u) => m.units.get(u)!),
      goalIds: p.goals.map((g) => ids.goalIds.get(g)!),
      projectLeadEmployeeId: p.leadEmail ? employeeByEmail(db, m.id, p.leadEmail) : m.employeeIds[(index * 7) % m.employeeIds.length],
      startDate: iso(start),
      endDate: iso(addMonths(start, p.months)),
      budgetPlannedCents: p.budget * 100,
      budgetSpentCents: Math.round(p.budget * p.spentShare) * 100,
      ozgRelevant: p.ozg ?? false,
      efaReuse: p.efa ?? false,
    });
    projectIds.set(p.title, id);
    for (const [title, days, done] of p.milestones) {
      const due = addDays(today, days);
      db.insert(s.milestones).values({ municipalityId: m.id, projectId: id, title, dueDate: iso(due), doneAt: done ? iso(addDays(due, -3)) : null }).run();
    }
    p.risks.forEach(([category, title, likelihood, impact, mitigation, closedDaysAgo], r) => {
      const closedAt = closedDaysAgo === undefined ? null : `${iso(addDays(today, -closedDaysAgo))}T09:00:00.000Z`;
      db.insert(s.risks)
        .values({ municipalityId: m.id, projectId: id, category, title, likelihood, impact, mitigation, closedAt, ownerEmployeeId: m.employeeIds[(index * 5 + r * 3) % m.employeeIds.length] })
        .run();
    });
    for (const [transition, comment] of PATHS[p.state]) {
      const instance = db
        .select({ id: s.workflowInstances.id, version: s.workflowInstances.version })
        .from(s.workflowInstances)
        .where(and(eq(s.workflowInstances.municipalityId, m.id), eq(s.workflowInstances.subjectType, "project"), eq(s.workflowInstances.subjectId, id)))
        .get()!;
      fireTransition(tx, editor, { instanceId: instance.id, transition, expectedVersion: instance.version, comment });
    }
  });
  return projectIds;
}

/** Musterstadt's agenda and ~25 projects, and a small agenda with two projects for Kleinhausen. */
export function seedAgendaProjects(db: Db, org: SeededOrganisation): void {
  const today = new Date(`${todayIso()}T12:00:00Z`);
  const m = org.musterstadt;
  db.insert(s.agendas).values({ municipalityId: m.id, title: "Digitalagenda", vision: VISION, trainingCoverageTargetBp: 8000 }).run();
  const ids = seedFields(db, m.id, MUSTERSTADT_FIELDS, today);
  const cdo: ProjectEditor = {
    municipalityId: m.id,
    actor: { userId: m.users.get("cdo@musterstadt.example")!, label: "cdo@musterstadt.example" },
    role: "cdo",
  };
  const projectIds = seedProjects(db, m, cdo, PROJECTS, ids, today);
  for (const [project, needs] of DEPENDENCIES) {
    db.insert(s.projectDependencies).values({ municipalityId: m.id, projectId: projectIds.get(project)!, dependsOnProjectId: projectIds.get(needs)! }).run();
  }

  const k = org.kleinhausen;
  db.insert(s.agendas)
    .values({ municipalityId: k.id, title: "Digitalstrategie", vision: "Kleinhausen digital: gemeinsam mit dem Roll-in-Service des Landes und Nachbargemeinden.", trainingCoverageTargetBp: 6000 })
    .run();
  const kIds = seedFields(
    db,
    k.id,
    [
      { name: "Verwaltung", focusArea: "topics", description: "Online-Dienste der Gemeinde", goals: [{ key: "k-ozg", title: "Leistungen online", indicator: "Online-Leistungen", unit: "Anzahl", baseline: 3, targetValue: 25, targetInMonths: 24, values: [[3, 7]] }] },
      { name: "Organisation", focusArea: "organisation", description: "Kooperation und Qualifizierung", goals: [] },
    ],
    today,
  );
  const kCdo: ProjectEditor = {
    municipalityId: k.id,
    actor: { userId: k.users.get("cdo@kleinhausen.example")!, label: "cdo@kleinhausen.example" },
    role: "cdo",
  };
  seedProjects(
    db,
    k,
    kCdo,
    [
      {
        title: "Kleinhausen: EfA-Leistungen übernehmen", description: "Online-Dienste des Landes für die Gemeinde freischalten.",
        field: "Verwaltung", lead: "Hauptverwaltung", involved: ["Finanzverwaltung"], start: -2, months: 10, budget: 20_000, spentShare: 0.2, ozg: true, efa: true,
        goals: ["k-ozg"], state: "inProgress", milestones: [["Erste fünf Leistungen freigeschaltet", -10, false]],
        risks: [["staffShortage", "Nur eine Person für alle IT-Themen", 5, 4, "Roll-in-Service übernimmt das Projektmanagement"]],
      },
      {
        title: "Kleinhausen: Bauhof-App", description: "Mängelmelder für Bürgerinnen und Bürger.",
        field: "Organisation", lead: "Bauhof", involved: [], start: 3, months: 6, budget: 8_000, spentShare: 0, goals: [], state: "idea", milestones: [], risks: [],
      },
    ],
    kIds,
    today,
  );
}

/** Project ids of a Kommune by title: later seed steps (assessments, teams) attach to the demo projects through this. */
export function projectsByTitle(db: Db, municipalityId: number): Map<string, number> {
  return new Map(
    db
      .select({ id: s.projects.id, title: s.projects.title })
      .from(s.projects)
      .where(eq(s.projects.municipalityId, municipalityId))
      .all()
      .map((p) => [p.title, p.id]),
  );
}

export const DEMO_PROJECT_TITLES = PROJECTS.map((p) => p.title);
