import type { AreaDef } from '../engine/types.ts';
import type { Sql } from '../store/db.ts';
import { type AreaFigures, areaFigures } from '../store/figures.ts';

/** The period the public figures cover. */
export const FIGURES_DAYS = 7;

export interface PublicFigures {
  /** Fewer reports than the threshold: no figure is shown, so that none points to a person or an event. */
  enough: boolean;
  figures: AreaFigures | null;
  minReports: number;
}

/** The area and, for a district, every area in it. */
export function areaAndParts(areaId: string, areas: AreaDef[]): string[] {
  return [areaId, ...areas.filter((a) => a.district === areaId).map((a) => a.id)];
}

/** An area's figures for the last week, or none when it had fewer reports than `minReports`. */
export async function publicFigures(sql: Sql, areaId: string, areas: AreaDef[], minReports: number): Promise<PublicFigures> {
  const figures = await areaFigures(sql, areaAndParts(areaId, areas), FIGURES_DAYS);
  const enough = figures.received >= minReports;
  return { enough, figures: enough ? figures : null, minReports };
}
