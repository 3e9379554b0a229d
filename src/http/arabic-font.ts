import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';

/** The font's files and its stylesheet, none of the rest of its package. */
const FONT_FILE = /^\/(400\.css|files\/[\w.-]+\.woff2?)$/;

/**
 * A font with every Urdu and Sindhi letter (ٻ ڄ ڃ ڪ ۾ …) under `prefix`, so a page does not depend on what the
 * device has.
 */
export async function serveArabicFont(app: FastifyInstance, prefix: string): Promise<void> {
  await app.register(fastifyStatic, {
    root: dirname(createRequire(import.meta.url).resolve('@fontsource/noto-naskh-arabic/400.css')),
    prefix,
    decorateReply: false,
    allowedPath: (path) => FONT_FILE.test(path),
  });
}
