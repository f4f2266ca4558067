import type { ReactNode } from "react";

/** A server-drawn chart, loaded as a cacheable image (see routes/diagramme.$name.$file.ts). */
export interface ChartImageProps {
  src: string;
  alt: string;
  width: number;
  height: number;
}

/**
 * One chart as a figure: the image with its German accessible name and a caption; the figures
 * themselves are in a table next to it. The image scales down on narrow screens.
 */
export function ChartFigure({ chart, caption, className }: { chart: ChartImageProps; caption: ReactNode; className?: string }) {
  return (
    <figure className={className}>
      <img src={chart.src} alt={chart.alt} width={chart.width} height={chart.height} className="h-auto max-w-full" decoding="async" />
      <figcaption className="mt-1 text-sm text-slate-700">{caption}</figcaption>
    </figure>
  );
}
