import type { StateKind } from "./state-kinds";

/** A laid-out state diagram, ready to draw as SVG (computed on the server, drawn by the panel). */
export interface DiagramData {
  width: number;
  height: number;
  nodes: { name: string; label: string; kind: StateKind; x: number; y: number; width: number; height: number }[];
  edges: { id: string; from: string; to: string; label: string; path: string; labelX: number; labelY: number }[];
}
