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
