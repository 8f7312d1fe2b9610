// Paths and neighbourhoods as the panel lists them and the map highlights them. Pure.
import type { PathResult, WithinResult } from '../../../db/domain/analysis';
import { type GraphEdge, RELATIONSHIP_LABELS } from '../../../db/domain/model';
import { countLabel } from '../format';

/** What the map highlights: these stakeholders and relationships stand out, the rest fade. */
export interface Highlight {
  nodes: ReadonlySet<number>;
  edges: ReadonlySet<number>;
}

export interface PathStepView {
  id: number;
  name: string;
  /** The tie taken to arrive here (null for the start). */
  via: {
    relationshipId: number;
    /** "lobbies", "reports to"… */
    type: string;
    strength: number | null;
    /** True when the tie runs from the previous stakeholder to this one (false: walked against it). */
    forward: boolean;
    mutual: boolean;
  } | null;
}

/** A found path's steps with names and the relationship of each step. */
export function pathSteps(
  path: PathResult,
  edges: ReadonlyArray<GraphEdge>,
  names: ReadonlyMap<number, string>,
): PathStepView[] {
  if (!path.steps) return [];
  const byId = new Map(edges.map((e) => [e.id, e]));
  return path.steps.map((step, i) => {
    const name = names.get(step.stakeholderId) ?? `Stakeholder ${step.stakeholderId}`;
    if (step.relationshipId === null || i === 0) return { id: step.stakeholderId, name, via: null };
    const previous = path.steps?.[i - 1]?.stakeholderId;
    const edge = byId.get(step.relationshipId);
    return {
      id: step.stakeholderId,
      name,
      via: {
        relationshipId: step.relationshipId,
        type: edge ? (RELATIONSHIP_LABELS[edge.type] ?? edge.type) : 'tie',
        strength: edge?.strength ?? null,
        forward: edge ? edge.source === previous || edge.mutual : true,
        mutual: edge?.mutual ?? false,
      },
    };
  });
}

/** The stakeholders between the two ends, by name ("HM Treasury, DSIT"). */
export const intermediaries = (steps: readonly PathStepView[]): string[] => steps.slice(1, -1).map((s) => s.name);

/** One sentence for the path found (or not found). */
export function pathSummary(
  path: PathResult,
  steps: readonly PathStepView[],
  ends: { from: string; to: string },
  rules: { strongest: boolean; follow: boolean },
): string {
  if (!path.steps || path.length === null) {
    const hints = [
      rules.follow ? 'untick “Follow direction of ties”' : null,
      'clear the map’s filters',
      'or add the missing relationship',
    ].filter(Boolean);
    return `No path from ${ends.from} to ${ends.to}${rules.follow ? ' along the direction of ties' : ''}. To look further, ${hints.join(', ')}.`;
  }
  const middle = intermediaries(steps);
  const through = middle.length === 0 ? 'directly' : `through ${middle.join(', ')}`;
  const distance =
    rules.strongest && path.distance !== null ? ` (distance ${path.distance.toFixed(2)}: the sum of 1 / strength)` : '';
  return `${countLabel(path.length, 'step', 'steps')} from ${ends.from} to ${ends.to}, ${through}${distance}.`;
}

export const highlightOfPath = (path: PathResult): Highlight | null =>
  path.steps
    ? {
        nodes: new Set(path.steps.map((s) => s.stakeholderId)),
        edges: new Set(path.steps.flatMap((s) => (s.relationshipId === null ? [] : [s.relationshipId]))),
      }
    : null;

/** Everyone reached, and the ties between two reached stakeholders one step apart (how they were reached). */
export function highlightOfWithin(result: WithinResult, edges: ReadonlyArray<GraphEdge>, follow: boolean): Highlight {
  const stepOf = new Map(result.reached.map((r) => [r.stakeholderId, r.steps]));
  const lit = new Set<number>();
  for (const e of edges) {
    const s = stepOf.get(e.source);
    const t = stepOf.get(e.target);
    if (s === undefined || t === undefined) continue;
    const outward = t === s + 1 || ((!follow || e.mutual) && s === t + 1);
    if (outward) lit.add(e.id);
  }
  return { nodes: new Set(stepOf.keys()), edges: lit };
}

/** "8 stakeholders within 2 steps of X (3 at 1 step, 5 at 2)". The start itself is not counted. */
export function withinSummary(result: WithinResult, from: string, k: number): string {
  const others = result.reached.filter((r) => r.steps > 0);
  if (others.length === 0) return `No one is within ${countLabel(k, 'step', 'steps')} of ${from}.`;
  const byStep = new Map<number, number>();
  for (const r of others) byStep.set(r.steps, (byStep.get(r.steps) ?? 0) + 1);
  const parts = [...byStep.entries()]
    .sort((a, b) => a[0] - b[0])
    .map(([s, n], i) => `${n} at ${i === 0 ? countLabel(s, 'step', 'steps') : s}`);
  return `${countLabel(others.length, 'stakeholder', 'stakeholders')} within ${countLabel(k, 'step', 'steps')} of ${from}${byStep.size > 1 ? ` (${parts.join(', ')})` : ''}.`;
}
