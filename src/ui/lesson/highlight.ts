// What a lesson step's `highlight` points at, pane by pane: boxes in the pane's SVG coordinates, each with
// the words drawn beside it, so the highlight never rests on colour alone. Names are those the lesson
// schema accepts: log, snapshot-store, clients, az-a/b/c, a node id, primary, replica, or a pane by
// label or preset id (label first, as `expect` keys do).
import { paneMatches } from '../../lesson/conditions';
import { AZS, type AZ } from '../../sim/types';
import type { PaneView } from '../../sim/view';
import { HEIGHT, heightOf, laneBottom, laneX, nodePositions, storeY, stripRowY, stripTitleY, WIDTH, Y } from '../panes/layout';

export interface Mark {
  x: number;
  y: number;
  width: number;
  height: number;
  /** Short words drawn with the outline. */
  text: string;
}

const LANE_W = WIDTH / 3;

/** The words the lesson panel uses for a highlight name. */
export function describeHighlight(name: string, panes: readonly { label: string; presetId: string }[]): string {
  if (name === 'log') return 'the log: the transaction log in MemoryDB panes, the replication stream in cache-style ones';
  if (name === 'snapshot-store') return 'the regional snapshot store';
  if (name === 'clients') return 'the clients in each AZ';
  if (name === 'primary') return 'the primary node';
  if (name === 'replica') return 'the replicas';
  const az = /^az-([a-z])$/.exec(name);
  if (az) return `AZ ${az[1]}`;
  const pane = panes.find((p) => paneMatches(name, p, panes));
  if (pane) return `the pane "${pane.label}"`;
  return `node ${name}`;
}

/** The outlines to draw in one pane for a highlight name; empty when that pane has no such component. */
export function marksFor(
  name: string | undefined,
  pane: { label: string; presetId: string },
  panes: readonly { label: string; presetId: string }[],
  view: Pick<PaneView, 'nodes' | 'log'> & Partial<Pick<PaneView, 'fates'>>,
): Mark[] {
  if (!name) return [];
  // Cache-style panes have no log: their counterpart is the replication stream between the nodes.
  // Both are drawn as the strip of recent writes too, which is what a caption about them points at.
  if (name === 'log') {
    const family = view.log ? 'durable' : 'cache';
    const stripEnd = stripRowY(family, (view.fates?.rows.length ?? 3) - 1) + 12;
    const start = view.log ? Y.log - 14 : stripTitleY(family) - 10;
    return [{ x: 4, y: start, width: WIDTH - 8, height: stripEnd - start, text: view.log ? 'transaction log' : 'replication stream' }];
  }
  if (name === 'snapshot-store') {
    const y = storeY(view.log ? 'durable' : 'cache');
    return [{ x: WIDTH / 2 - 138, y: y - 13, width: 276, height: 26, text: 'snapshot store' }];
  }
  if (name === 'clients') return [{ x: 6, y: Y.clients - 12, width: WIDTH - 12, height: 36, text: 'clients' }];
  const az = /^az-([a-z])$/.exec(name);
  if (az && (AZS as readonly string[]).includes(az[1])) {
    return [{ x: laneX(az[1] as AZ) + 1, y: 0, width: LANE_W - 2, height: laneBottom(view.log ? 'durable' : 'cache') + 2, text: `AZ ${az[1]}` }];
  }
  if (panes.some((p) => p.label === name || p.presetId === name)) {
    return paneMatches(name, pane, panes) ? [{ x: 1, y: 1, width: WIDTH - 2, height: (view.fates ? heightOf({ fates: view.fates, family: view.log ? 'durable' : 'cache' }) : HEIGHT) - 2, text: 'this pane' }] : [];
  }
  const positions = nodePositions(view as PaneView);
  const picked = view.nodes.filter((n) => (name === 'primary' || name === 'replica' ? n.role === name : n.id === name));
  return picked.flatMap((n) => {
    const at = positions.get(n.id);
    return at ? [{ x: at.x - 27, y: at.y - 38, width: 54, height: 108, text: n.id }] : [];
  });
}
