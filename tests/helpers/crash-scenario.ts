import { setTimeout as sleep } from 'node:timers/promises';
import { loadConfig } from '../../src/config.ts';
import { ChatClient } from './chat-client.ts';
import { spawnApp } from './process.ts';
import { followsReport, REPORT_SCRIPT } from './report-script.ts';

export interface CrashOutcome {
  /** From starting the new process to the last waiting resident's answer. */
  secondsToLastAnswer: number;
  /** From the new process saying it started to that answer. */
  secondsAfterReady: number;
  /** Residents missing a reply, and replies beyond one per message, once every report is finished. */
  lost: number;
  duplicated: number;
  /** Transcripts whose replies do not follow the report's questions in order. */
  outOfOrder: number;
}

/**
 * The whole program killed with SIGKILL while residents are in the middle of a report: each has just sent
 * its next answer (accepted, not yet answered) when the process dies. A new process starts; the residents
 * wait for their answers, then finish their reports. Every message must be answered exactly once, in order.
 */
export async function crashMidReport(vars: Record<string, string>, residents: number, answeredBeforeKill = 5): Promise<CrashOutcome> {
  const first = spawnApp(vars);
  try {
    const url = await first.started;
    const clients = Array.from({ length: residents }, (_, i) => new ChatClient(url, `crash-resident-${i}`));
    await Promise.all(
      clients.map(async (c) => {
        for (const turn of REPORT_SCRIPT.slice(0, answeredBeforeKill)) await c.say(turn);
      }),
    );
    // Every resident's next answer is accepted (HTTP 202), then the process dies at once.
    await Promise.all(clients.map((c) => c.send(REPORT_SCRIPT[answeredBeforeKill] ?? {})));
    first.child.kill('SIGKILL');
    await first.exited;

    const spawnedAt = Date.now();
    const second = spawnApp(vars);
    try {
      const restarted = await second.started;
      const readyAt = Date.now();
      for (const c of clients) c.baseUrl = restarted;
      const answeredAt = await Promise.all(clients.map(async (c) => (await c.next(60_000)) && Date.now()));
      const last = Math.max(...answeredAt);
      await Promise.all(
        clients.map(async (c) => {
          for (const turn of REPORT_SCRIPT.slice(answeredBeforeKill + 1)) await c.say(turn);
        }),
      );
      // A duplicate, if any, would come from a job handed on after its lock lapsed: give it the time to show.
      await sleep(loadConfig(vars).JOB_LOCK_SECONDS * 1000 + 1000);
      const transcripts = await Promise.all(clients.map((c) => c.all()));
      const expected = REPORT_SCRIPT.length;
      return {
        secondsToLastAnswer: (last - spawnedAt) / 1000,
        secondsAfterReady: (last - readyAt) / 1000,
        lost: transcripts.reduce((n, t) => n + Math.max(0, expected - t.length), 0),
        duplicated: transcripts.reduce((n, t) => n + Math.max(0, t.length - expected), 0),
        outOfOrder: transcripts.filter((t) => !followsReport(t.map((m) => m.text))).length,
      };
    } finally {
      second.child.kill('SIGTERM');
      await second.exited;
    }
  } finally {
    first.child.kill('SIGKILL');
  }
}
