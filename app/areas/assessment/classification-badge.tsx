import { CLASSIFICATION_LABELS, type Classification } from "./classify";

const STYLES: Record<Classification, string> = {
  lighthouse: "bg-blue-100 text-blue-900 border border-blue-300",
  onTrack: "bg-green-100 text-green-900 border border-green-300",
  laggard: "bg-red-100 text-red-900 border border-red-300",
};

const ICONS: Record<Classification, string> = { lighthouse: "◆", onTrack: "●", laggard: "▼" };

/** The classification as a badge: colour plus symbol plus word, never colour alone. */
export function ClassificationBadge({ classification, needsSupport }: { classification: Classification | null; needsSupport?: boolean }) {
  if (!classification) return <span className="badge border border-slate-300 bg-slate-100 text-slate-800">nicht bewertet</span>;
  return (
    <span className="inline-flex flex-wrap gap-1">
      <span className={`badge ${STYLES[classification]}`}>
        <span aria-hidden="true">{ICONS[classification]} </span>
        {CLASSIFICATION_LABELS[classification]}
      </span>
      {needsSupport ? <span className="badge border border-amber-400 bg-amber-50 text-amber-900">Beratungsbedarf</span> : null}
    </span>
  );
}
