import type { ProgrammeDefinition } from "./programme-template";

/**
 * Two example templates a provider starts from (marked as examples in the UI, never a binding
 * procedure): the connection of an EfA online service in three phases, and a short onboarding.
 */
export const EXAMPLE_TEMPLATES: { name: string; description: string; definition: ProgrammeDefinition }[] = [
  {
    name: "Beispiel: Anbindung einer EfA-Online-Leistung",
    description: "Beispielvorlage: Interesse und technische Vorbereitung, Aktivierung zum Stichtag über den Anbindungsfragebogen, optionaler Produktivtest und Bekanntmachung.",
    definition: {
      phases: [
        {
          name: "Interesse und technische Vorbereitung",
          steps: [
            { key: "interesse", title: "Interesse bekunden und Ansprechpersonen benennen", dueInDays: 7, responsibleRole: "projectLead", optional: false, checklist: ["Projektleitung benannt", "Technische Ansprechperson benannt", "Fachliche Ansprechperson benannt"], trainings: [], documents: ["Interessenbekundung"] },
            { key: "technik", title: "Technische Voraussetzungen prüfen (Servicekonto, Postfach)", dueInDays: 21, responsibleRole: "technicalContact", optional: false, checklist: ["Servicekonto angebunden", "Behördenpostfach eingerichtet"], trainings: ["Einführung Antragsmanagement"], documents: [] },
            { key: "datenschutz", title: "Datenschutz: Verarbeitungsverzeichnis ergänzen", dueInDays: 28, responsibleRole: "dataProtection", optional: false, checklist: ["Eintrag im Verarbeitungsverzeichnis"], trainings: [], documents: ["Auftragsverarbeitungsvertrag"] },
          ],
        },
        {
          name: "Aktivierung zum Stichtag",
          steps: [
            { key: "fragebogen", title: "Anbindungsfragebogen ausfüllen", dueInDays: 42, responsibleRole: "subjectContact", optional: false, checklist: ["Zuständigkeit (LeiKa) eingetragen", "Gebühren hinterlegt", "Bankverbindung hinterlegt"], trainings: [], documents: ["Anbindungsfragebogen"] },
            { key: "aktivierung", title: "Leistung zum Stichtag aktivieren", dueInDays: 56, responsibleRole: "technicalContact", optional: false, checklist: [], trainings: [], documents: [] },
          ],
        },
        {
          name: "Produktivtest und Bekanntmachung",
          steps: [
            { key: "produktivtest", title: "Produktivtest (optional)", dueInDays: 63, responsibleRole: "subjectContact", optional: true, checklist: ["Testantrag gestellt", "Testantrag im Fachverfahren angekommen"], trainings: [], documents: [] },
            { key: "bekanntmachung", title: "Bekanntmachung auf der Website der Kommune", dueInDays: 70, responsibleRole: "projectLead", optional: false, checklist: ["Link auf der Website"], trainings: [], documents: [] },
          ],
        },
      ],
    },
  },
  {
    name: "Beispiel: Einstieg in den Roll-in-Service",
    description: "Beispielvorlage: Auftaktgespräch, Bestandsaufnahme und erste Schulung.",
    definition: {
      phases: [
        {
          name: "Auftakt",
          steps: [
            { key: "auftakt", title: "Auftaktgespräch mit der Verwaltungsleitung", dueInDays: 10, responsibleRole: "projectLead", optional: false, checklist: ["Termin gehalten", "Protokoll versandt"], trainings: [], documents: ["Protokoll"] },
            { key: "bestand", title: "Bestandsaufnahme der Online-Leistungen", dueInDays: 30, responsibleRole: "subjectContact", optional: false, checklist: [], trainings: [], documents: [] },
          ],
        },
        {
          name: "Qualifizierung",
          steps: [{ key: "schulung", title: "Erste Schulung der Beschäftigten", dueInDays: 60, responsibleRole: "projectLead", optional: false, checklist: [], trainings: ["Digitale Grundlagen"], documents: [] }],
        },
      ],
    },
  },
];
