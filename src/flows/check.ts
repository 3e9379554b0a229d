import { loadContent } from '../app.ts';

/** `npm run flows:check`: validates flows, data and locales exactly as a start would, without starting. */
try {
  const { flows, catalog } = loadContent();
  const steps = [...flows.flows.values()].reduce((n, f) => n + f.steps.length, 0);
  process.stdout.write(
    `flows OK: ${flows.flows.size} flows, ${steps} steps, ${flows.areas.length} areas, ${catalog.keys('en').length} locale keys in each of ur, sd, en\n`,
  );
} catch (error) {
  process.stderr.write(`${(error as Error).message}\n`);
  process.exit(1);
}
