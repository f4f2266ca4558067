import type {
  AttendanceStatus,
  ExternalTrainingStatus,
  RegistrationStatus,
  TrainingFormat,
  TrainingTopic,
} from "../../../db/schema/trainings";

export const TOPIC_LABELS: Record<TrainingTopic, string> = {
  digitalLiteracy: "Digitalkompetenz",
  eFile: "E-Akte",
  ozgProcesses: "OZG-Prozesse",
  itSecurity: "IT-Sicherheit",
  dataProtection: "Datenschutz",
  changeAgile: "Change / Agiles Arbeiten",
  specialistProcedures: "Fachverfahren",
  other: "Sonstiges",
};

export const FORMAT_LABELS: Record<TrainingFormat, string> = {
  presence: "Präsenz",
  online: "Online",
  hybrid: "Hybrid",
};

export const REGISTRATION_STATUS_LABELS: Record<RegistrationStatus, string> = {
  registered: "Angemeldet",
  waitlisted: "Warteliste",
  cancelled: "Abgemeldet",
};

export const ATTENDANCE_LABELS: Record<AttendanceStatus, string> = {
  present: "Anwesend",
  absent: "Abwesend",
  excused: "Entschuldigt",
};

export const EXTERNAL_STATUS_LABELS: Record<ExternalTrainingStatus, string> = {
  pending: "Wartet auf Bestätigung",
  confirmed: "Bestätigt",
  rejected: "Abgelehnt",
};

export const COMPLIANCE_LABELS = {
  compliant: "Aktuell",
  due: "Bald fällig",
  overdue: "Überfällig",
} as const;

/** 90 → "1,5 Std." */
export function formatHours(minutes: number): string {
  const hours = minutes / 60;
  return `${new Intl.NumberFormat("de-DE", { maximumFractionDigits: 2 }).format(hours)} Std.`;
}

/** Parses "1,5" / "2" hours into minutes; null when invalid or not positive. */
export function parseHoursToMinutes(input: string): number | null {
  const s = input.trim().replace(",", ".");
  if (!/^\d{1,3}(\.\d{1,2})?$/.test(s)) return null;
  const minutes = Math.round(Number(s) * 60);
  return minutes > 0 ? minutes : null;
}
