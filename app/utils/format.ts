/**
 * The one de-DE formatting module: dates in Europe/Berlin, euro amounts from integer cents.
 * Views format through here only.
 */
const TIME_ZONE = "Europe/Berlin";

const dateFormat = new Intl.DateTimeFormat("de-DE", {
  day: "2-digit",
  month: "2-digit",
  year: "numeric",
  timeZone: TIME_ZONE,
});
const dateTimeFormat = new Intl.DateTimeFormat("de-DE", {
  day: "2-digit",
  month: "2-digit",
  year: "numeric",
  hour: "2-digit",
  minute: "2-digit",
  timeZone: TIME_ZONE,
});
const euroFormat = new Intl.NumberFormat("de-DE", { style: "currency", currency: "EUR" });
const numberFormat = new Intl.NumberFormat("de-DE");

/** A date-only ISO string (YYYY-MM-DD) is a calendar date and is shown as is. */
const DATE_ONLY = /^(\d{4})-(\d{2})-(\d{2})$/;

export function formatDate(value: string | Date | null | undefined): string {
  if (value == null || value === "") return "–";
  if (typeof value === "string") {
    const m = DATE_ONLY.exec(value);
    if (m) return `${m[3]}.${m[2]}.${m[1]}`;
  }
  return dateFormat.format(new Date(value));
}

export function formatDateTime(value: string | Date | null | undefined): string {
  if (value == null || value === "") return "–";
  return dateTimeFormat.format(new Date(value)).replace(",", "");
}

export function formatEuro(cents: number | null | undefined): string {
  if (cents == null) return "–";
  // Intl puts a no-break space before the euro sign; keep it so amounts never wrap.
  return euroFormat.format(cents / 100);
}

export function formatNumber(value: number | null | undefined, fractionDigits?: number): string {
  if (value == null) return "–";
  if (fractionDigits === undefined) return numberFormat.format(value);
  return new Intl.NumberFormat("de-DE", {
    minimumFractionDigits: fractionDigits,
    maximumFractionDigits: fractionDigits,
  }).format(value);
}

const percentFormat = new Intl.NumberFormat("de-DE", { maximumFractionDigits: 2 });

/** Basis points as a percentage: 6500 → "65 %", 6550 → "65,5 %". */
export function formatPercentBp(bp: number | null | undefined): string {
  if (bp == null) return "–";
  return `${percentFormat.format(bp / 100)} %`;
}

/** A share 0..1 as a percentage with no decimals. */
export function formatShare(share: number | null | undefined): string {
  if (share == null || Number.isNaN(share)) return "–";
  return `${Math.round(share * 100)} %`;
}

/**
 * Parses a German amount ("1.234,56", "1234,5", "1.234 €") into integer cents; null when invalid.
 * A lone dot followed by exactly three digits is a thousands separator.
 */
export function parseEuroToCents(input: string): number | null {
  const s = input.replace(/\s|€|\u00a0/g, "");
  if (!/^-?(\d{1,3}(\.\d{3})+|\d+)(,\d{1,2})?$/.test(s)) return null;
  const negative = s.startsWith("-");
  const [intPart, fracPart = ""] = s.replace("-", "").split(",");
  const cents = Number(intPart.replace(/\./g, "")) * 100 + Number(fracPart.padEnd(2, "0"));
  if (!Number.isSafeInteger(cents)) return null;
  return negative ? -cents : cents;
}

/** Cents as an editable German amount without currency sign: 123456 → "1.234,56". */
export function centsToInput(cents: number | null | undefined): string {
  if (cents == null) return "";
  return new Intl.NumberFormat("de-DE", { minimumFractionDigits: 2, maximumFractionDigits: 2 }).format(
    cents / 100,
  );
}

/** Parses "23.11.2026" or "2026-11-23" into an ISO date string; null when invalid. */
export function parseGermanDate(input: string): string | null {
  const s = input.trim();
  let y: number, m: number, d: number;
  const de = /^(\d{1,2})\.(\d{1,2})\.(\d{4})$/.exec(s);
  const iso = DATE_ONLY.exec(s);
  if (de) [d, m, y] = [Number(de[1]), Number(de[2]), Number(de[3])];
  else if (iso) [y, m, d] = [Number(iso[1]), Number(iso[2]), Number(iso[3])];
  else return null;
  const date = new Date(Date.UTC(y, m - 1, d));
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d) return null;
  return `${String(y).padStart(4, "0")}-${String(m).padStart(2, "0")}-${String(d).padStart(2, "0")}`;
}

/** "Today" lives in the calendar module; re-exported here because most views format next to it. */
export { todayIso } from "./calendar";

