import { createRequire } from "node:module";
import type { ElkExtendedEdge, ElkNode } from "elkjs/lib/elk-api";
import type { WorkflowDefinition } from "./definition";
import type { DiagramData } from "./diagram";
import { BoundedCache } from "../utils/bounded-cache";

const require = createRequire(import.meta.url);

interface ElkDispatchWorker {
  onmessage: (event: { data: { id: number; data?: ElkNode; error?: unknown } }) => void;
  dispatcher: { saveDispatch(event: { data: unknown }): void };
}

let worker: ElkDispatchWorker | undefined;

/**
 * Runs the ELK layered layout synchronously. elkjs's public API is promise-based only because it
 * may run in a Web Worker; its in-process worker dispatches synchronously, so loaders can build a
 * diagram without turning every data function async. Results are cached per definition.
 */
function layoutSync(graph: ElkNode): ElkNode {
  if (!worker) {
    const { Worker } = require("elkjs/lib/elk-worker.js") as { Worker: new () => ElkDispatchWorker };
    worker = new Worker();
    worker.onmessage = () => undefined;
    worker.dispatcher.saveDispatch({ data: { id: 0, cmd: "register", algorithms: ["layered"] } });
  }
  let result: { data?: ElkNode; error?: unknown } | undefined;
  worker.onmessage = (event) => {
    result = event.data;
  };
  worker.dispatcher.saveDispatch({ data: { id: 0, cmd: "layout", graph, layoutOptions: {}, options: {} } });
  if (!result || result.error || !result.data) throw new Error(`ELK layout failed: ${String(result?.error)}`);
  return result.data;
}

const CHAR_WIDTH = 7.4;
const LABEL_CHAR_WIDTH = 6.2;

// Bounded like every module-level cache: deployed definitions accumulate versions over the years.
const cache = new BoundedCache<string, DiagramData>(200);

/** Lays out a definition's states and transitions with ELK (layered, top to bottom). */
export function diagramFor(def: WorkflowDefinition): DiagramData {
  const cacheKey = JSON.stringify([def.states.map((s) => [s.name, s.label, s.kind]), def.transitions.map((t) => [t.name, t.label, t.from, t.to])]);
  const cached = cache.get(cacheKey);
  if (cached) return cached;
  const edges: ElkExtendedEdge[] = def.transitions.flatMap((t) =>
    t.from.map((from) => ({
      id: `${t.name}__${from}`,
      sources: [from],
      targets: [t.to],
      labels: [{ text: t.label, width: Math.ceil(t.label.length * LABEL_CHAR_WIDTH) + 8, height: 16 }],
    })),
  );
  const graph: ElkNode = {
    id: "root",
    layoutOptions: {
      "elk.algorithm": "layered",
      "elk.direction": "DOWN",
      "elk.edgeRouting": "ORTHOGONAL",
      "elk.layered.spacing.nodeNodeBetweenLayers": "48",
      "elk.spacing.nodeNode": "36",
      "elk.spacing.edgeLabel": "4",
      "elk.edgeLabels.inline": "false",
      "elk.layered.considerModelOrder.strategy": "NODES_AND_EDGES",
      // Read the process top-down in definition order: edges back to earlier states are the ones reversed.
      "elk.layered.cycleBreaking.strategy": "MODEL_ORDER",
      "elk.padding": "[top=12,left=12,bottom=12,right=12]",
    },
    children: def.states.map((s) => ({ id: s.name, width: Math.ceil(s.label.length * CHAR_WIDTH) + 32, height: 40 })),
    edges,
  };
  const laid = layoutSync(graph);
  const byName = new Map(def.states.map((s) => [s.name, s]));
  const data: DiagramData = {
    width: Math.ceil(laid.width ?? 0),
    height: Math.ceil(laid.height ?? 0),
    nodes: (laid.children ?? []).map((n) => {
      const s = byName.get(n.id)!;
      return { name: s.name, label: s.label, kind: s.kind, x: n.x ?? 0, y: n.y ?? 0, width: n.width ?? 0, height: n.height ?? 0 };
    }),
    edges: ((laid.edges ?? []) as ElkExtendedEdge[]).map((e) => {
      const points = (e.sections ?? []).flatMap((sec) => [sec.startPoint, ...(sec.bendPoints ?? []), sec.endPoint]);
      const label = e.labels?.[0];
      return {
        id: e.id,
        from: e.sources[0],
        to: e.targets[0],
        label: label?.text ?? "",
        path: points.map((p, i) => `${i === 0 ? "M" : "L"}${p.x.toFixed(1)},${p.y.toFixed(1)}`).join(" "),
        labelX: (label?.x ?? 0) + (label?.width ?? 0) / 2,
        labelY: (label?.y ?? 0) + (label?.height ?? 0) / 2,
      };
    }),
  };
  cache.set(cacheKey, data);
  return data;
}
