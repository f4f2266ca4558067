import { formatDate, formatEuro } from "../../utils/format";
import { type Ledger, type LedgerDrawdown, overrunFindings, reconciliation, unspentFundsCents } from "./money";

/**
 * „Prüfung vor Einreichung“: what a funding clerk would reject in a Verwendungsnachweis, in German.
 * Blocking points stop archiving the final report; information points are shown only.
 */
export interface CheckPoint {
  code: "sachbericht" | "unpaidReceipts" | "overrun" | "unspentFunds" | "reconciliation" | "ineligibleReceipts" | "pendingDrawdowns";
  blocking: boolean;
  message: string;
}

export interface SubmissionCheckInput {
  ledger: Ledger;
  /** The drawdowns that count (not cancelled), as the ledger read them. */
  drawdowns: readonly LedgerDrawdown[];
  drawdownWindowMonths: number;
  /** The saved Sachbericht of the final report ("" when none). */
  narrative: string;
  asOf: string;
}

const listed = (numbers: string[]) => (numbers.length > 5 ? `${numbers.slice(0, 5).join(", ")} und ${numbers.length - 5} weitere` : numbers.join(", "));

export function submissionCheck(input: SubmissionCheckInput): CheckPoint[] {
  const { ledger } = input;
  const points: CheckPoint[] = [];
  if (!input.narrative.trim()) {
    points.push({ code: "sachbericht", blocking: true, message: "Der Sachbericht fehlt (Berichte › Verwendungsnachweis: Sachbericht speichern)." });
  }
  const unpaid = ledger.lines.filter((l) => !l.paidOn);
  if (unpaid.length) {
    points.push({
      code: "unpaidReceipts",
      blocking: true,
      message: `${unpaid.length === 1 ? "1 Beleg hat" : `${unpaid.length} Belege haben`} kein Zahlungsdatum: ${listed(unpaid.map((l) => l.receiptNumber))}. Nachgewiesen werden nur bezahlte Ausgaben.`,
    });
  }
  for (const finding of overrunFindings(ledger)) points.push({ code: "overrun", blocking: true, message: finding.message });
  const unspent = unspentFundsCents(ledger, input.drawdowns, input.drawdownWindowMonths, input.asOf);
  // Late use cannot be undone before submission: the funder charges interest (§ 49a Abs. 4 VwVfG)
  // or reclaims what is left, which the VN's balance section states; so this point informs.
  for (const item of unspent.items) {
    points.push({
      code: "unspentFunds",
      blocking: false,
      message: `Vom Eingang am ${formatDate(item.receivedOn)} sind ${formatEuro(item.unspentCents)} nicht innerhalb von ${input.drawdownWindowMonths} Monaten (bis ${formatDate(item.windowEnds)}) verwendet worden; der Zuwendungsgeber kann dafür Zinsen verlangen oder den Betrag zurückfordern.`,
    });
  }
  for (const finding of reconciliation(ledger)) points.push({ code: "reconciliation", blocking: true, message: finding.message });
  const ineligible = ledger.lines.filter((l) => l.ineligibleReason);
  if (ineligible.length) {
    points.push({
      code: "ineligibleReceipts",
      blocking: false,
      message: `${ineligible.length === 1 ? "1 Beleg zählt" : `${ineligible.length} Belege zählen`} nicht als zuwendungsfähig (${formatEuro(ledger.ineligibleCents)}): ${listed(ineligible.map((l) => `${l.receiptNumber} – ${l.ineligibleReason}`))}`,
    });
  }
  if (ledger.pendingDrawdowns.length) {
    points.push({
      code: "pendingDrawdowns",
      blocking: false,
      message: `${formatEuro(ledger.pendingDrawdownCents)} sind abgerufen, aber noch nicht eingegangen; der Verwendungsnachweis führt sie gesondert auf.`,
    });
  }
  return points;
}

/** The German refusal when archiving a final Verwendungsnachweis with open blocking points. */
export function blockingMessage(points: readonly CheckPoint[]): string | null {
  const blocking = points.filter((p) => p.blocking);
  if (!blocking.length) return null;
  return `Der Verwendungsnachweis kann noch nicht archiviert werden. Offen (Prüfung vor Einreichung): ${blocking.map((p, i) => `${i + 1}. ${p.message}`).join(" ")}`;
}
