import { fileURLToPath } from 'node:url';

/** The project folder: flows/, locales/ and data/ are read from here, wherever the process was started. */
export const ROOT = fileURLToPath(new URL('..', import.meta.url));
