import { type ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';
import { ROOT } from '../../src/paths.ts';

export interface AppProcess {
  child: ChildProcess;
  output(): string;
  /** Resolves with the URL of the web chat once the process logged it (roles that serve HTTP). */
  started: Promise<string>;
  exited: Promise<number | null>;
}

/** Runs the program as a new user would (`src/main.ts` under tsx), with the given environment, in its own process. */
export function spawnApp(vars: Record<string, string>, args: string[] = []): AppProcess {
  const child = spawn(process.execPath, ['--import', 'tsx', join(ROOT, 'src/main.ts'), ...args], {
    cwd: ROOT,
    // Info level: the test reads the start-up lines (the web chat URL) from the log.
    env: { PATH: process.env.PATH, ...vars, LOG_LEVEL: 'info' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  const started = new Promise<string>((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const url = /web chat: (http:\/\/\S+?)\/chat\//.exec(output)?.[1];
      if (url) resolve(url);
      else if (/"msg":"mohalla started"/.test(output)) resolve('');
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    exited.then((code) => reject(new Error(`exited with ${code} before starting:\n${output}`)));
  });
  started.catch(() => {});
  // A process that never starts fails the test instead of hanging it.
  const timer = setTimeout(() => child.kill('SIGKILL'), 60_000);
  timer.unref();
  exited.then(() => clearTimeout(timer));
  // Once started it runs as long as its test (or the bench) needs it.
  started.then(
    () => clearTimeout(timer),
    () => {},
  );
  return { child, output: () => output, started, exited };
}
