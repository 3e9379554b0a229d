import assert from 'node:assert/strict';
import { test } from 'node:test';
import { crashMidReport } from './helpers/crash-scenario.ts';
import { testEnv } from './helpers/env.ts';

test('the program killed with SIGKILL while residents are mid-report loses nothing and answers nothing twice after restart', async (t) => {
  const env = testEnv({ INBOUND_PARTITIONS: '4' });
  t.after(() => env.cleanup());
  const outcome = await crashMidReport(env.vars, 12);
  t.diagnostic(`last answer ${outcome.secondsToLastAnswer.toFixed(1)} s after the restart (${outcome.secondsAfterReady.toFixed(1)} s after it was ready)`);
  assert.deepEqual({ lost: outcome.lost, duplicated: outcome.duplicated, outOfOrder: outcome.outOfOrder }, { lost: 0, duplicated: 0, outOfOrder: 0 });
});
