import type { AreaDef } from '../engine/types.ts';

/** Who an alert is for: the whole city, or districts and areas of data/areas.yaml. */
export type Target = { city: true } | { city?: false; districts: string[]; areas: string[] };

export class TargetError extends Error {}

/**
 * The area ids whose subscribers get the alert (null: every subscriber). A district reaches its own subscribers
 * and those of each of its areas; an area reaches its subscribers and those of its district, who asked for
 * alerts anywhere in it.
 */
export function targetAreaIds(target: Target, areas: AreaDef[]): string[] | null {
  if (target.city) return null;
  const byId = new Map(areas.map((a) => [a.id, a]));
  const unknown = [...target.districts.filter((id) => byId.get(id)?.kind !== 'district'), ...target.areas.filter((id) => byId.get(id)?.kind !== 'area')];
  if (unknown.length > 0) throw new TargetError(`unknown ${unknown.length === 1 ? 'area or district' : 'areas or districts'}: ${unknown.join(', ')} (ids of data/areas.yaml)`);
  if (target.districts.length === 0 && target.areas.length === 0) throw new TargetError('choose districts, areas or the whole city');
  const ids = new Set<string>();
  for (const district of target.districts) {
    ids.add(district);
    for (const area of areas) if (area.district === district) ids.add(area.id);
  }
  for (const id of target.areas) {
    ids.add(id);
    const district = byId.get(id)?.district;
    if (district) ids.add(district);
  }
  return [...ids].sort();
}

/**
 * The area a resident's answer to an alert is filed under, so that the liaison officers of the place it is about
 * see it: of the resident's areas (the one they last named first, then their subscriptions), one the alert
 * names; one inside a district the alert names; or the alert's area inside a district they subscribed to. A
 * city-wide alert goes by the resident's own area; failing everything, the alert's first area.
 */
export function answerArea(target: Target, residentAreas: string[], areas: AreaDef[]): string {
  if (target.city) return residentAreas[0] ?? 'unknown';
  const districtOf = (id: string) => areas.find((a) => a.id === id)?.district ?? null;
  for (const id of residentAreas) {
    if (target.areas.includes(id) || target.districts.includes(id)) return id;
    const district = districtOf(id);
    if (district && target.districts.includes(district)) return id;
    const inside = target.areas.find((area) => districtOf(area) === id);
    if (inside) return inside;
  }
  return target.areas[0] ?? target.districts[0] ?? residentAreas[0] ?? 'unknown';
}
