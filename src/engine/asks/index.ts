import type { AskDef } from '../types.ts';
import { area } from './area.ts';
import { choice } from './choice.ts';
import type { AskKind } from './kind.ts';
import { photo } from './photo.ts';
import { place } from './place.ts';
import { text } from './text.ts';
import { yesno } from './yesno.ts';

export const ASKS: Record<AskDef['type'], AskKind> = { text, choice, yesno, area, place, photo };
