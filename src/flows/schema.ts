import { z } from 'zod';
import { COMMANDS } from '../engine/types.ts';

/** Locale keys and ids: lowercase words joined by hyphens, as used in `locales/*.ftl`. */
const key = z.string().regex(/^[a-z][a-z0-9-]*$/, 'must be a locale key (lowercase letters, digits, hyphens)');
const id = z.string().regex(/^[a-z0-9][a-z0-9-]*$/, 'must be lowercase letters, digits and hyphens');
const variable = z.string().regex(/^[a-z][a-z0-9_]*$/, 'must be a variable name (lowercase letters, digits, _)');

const gotoTarget = z.union([id, z.strictObject({ flow: id, step: id.optional() })]);

const ask = z
  .strictObject({
    type: z.enum(['text', 'choice', 'yesno', 'area', 'place', 'photo']),
    prompt: key,
    save: variable,
    hint: key.optional(),
    choices: z.array(z.strictObject({ id, label: key })).min(1).optional(),
    text: z.boolean().optional(),
    format: z.enum(['free', 'reference', 'pin', 'pin-or-reference']).optional(),
    min: z.int().min(0).optional(),
    max: z.int().min(1).optional(),
    optional: z.boolean().optional(),
    remember: z.boolean().optional(),
    detail: variable.optional(),
  })
  .superRefine((value, ctx) => {
    if (value.type === 'choice' && !value.choices) {
      ctx.addIssue({ code: 'custom', path: ['choices'], message: 'a choice question needs choices' });
    }
    if (value.type !== 'choice' && value.choices) {
      ctx.addIssue({ code: 'custom', path: ['choices'], message: `only choice questions have choices, not ${value.type}` });
    }
    if (value.type !== 'area' && value.detail) {
      ctx.addIssue({ code: 'custom', path: ['detail'], message: `only area questions keep a detail, not ${value.type}` });
    }
  });

const condition = z.strictObject({ var: variable, equals: z.union([z.string(), z.number(), z.boolean()]).optional() });

/** A step is a map with an `id` and exactly one kind key; each kind has its own schema. */
export const stepSchemas = {
  say: z.strictObject({ id, say: key }),
  ask: z.strictObject({ id, ask }),
  branch: z.strictObject({
    id,
    branch: z.array(z.strictObject({ when: condition, goto: gotoTarget })).min(1),
    otherwise: gotoTarget.optional(),
  }),
  action: z.strictObject({ id, action: z.string().regex(/^[a-z][a-z_]*$/, 'must be an action name') }),
  // `quiet`: back to a question already asked, waiting for the next answer without asking it again.
  goto: z.strictObject({ id, goto: gotoTarget, quiet: z.boolean().optional() }),
  end: z.strictObject({ id, end: z.literal(true) }),
};
export type StepKindName = keyof typeof stepSchemas;
export const STEP_KINDS = Object.keys(stepSchemas) as StepKindName[];

export const flowSchema = z.strictObject({
  id,
  // Commands that would end the flow once it holds answers: the yes/no question each asks first.
  confirm: z.partialRecord(z.enum(COMMANDS), key).optional(),
  timeout: key.optional(),
  // Flows this one, when the host starts it as an event, takes over at once instead of waiting for them to end.
  interrupts: z.array(id).optional(),
  steps: z.array(z.unknown()).min(1, 'a flow needs at least one step'),
});

const names = z.strictObject({ en: z.string().min(1), ur: z.string().min(1), sd: z.string().min(1) });
const spellings = z.array(z.string().min(1)).default([]);

/** Lists shown as choices stay within this many rows: WhatsApp lists allow no more. */
export const MAX_CHOICES = 10;

export const areasSchema = z.strictObject({
  districts: z
    .array(
      z.strictObject({
        id,
        names,
        aliases: spellings,
        ambiguous: spellings,
        // The district's own row ("other area in this district") comes after these.
        offered: z.array(id).min(3).max(MAX_CHOICES - 1),
      }),
    )
    .min(1),
  areas: z.array(z.strictObject({ id, district: id, names, aliases: spellings, ambiguous: spellings })).min(1),
});

export const keywordsSchema = z.strictObject({
  intents: z.record(z.string(), z.array(z.union([z.string(), z.number()]).transform(String))),
  choices: z.record(z.string(), z.array(z.union([z.string(), z.number()]).transform(String))),
});

export const emergencySchema = z.strictObject({
  numbers: z.record(variable, z.union([z.string(), z.number()]).transform(String)),
});
