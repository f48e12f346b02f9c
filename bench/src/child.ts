// Starts a benchmark helper process that prints a URL on its first line; stops it by PID.
import { type ChildProcess, spawn } from 'node:child_process';
import { createInterface } from 'node:readline';

export interface Started {
  url: string;
  child: ChildProcess;
  stop(): Promise<void>;
}

const running = new Set<ChildProcess>();
// A benchmark that throws must not leave its servers behind.
process.on('exit', () => {
  for (const child of running) child.kill('SIGTERM');
});

/** Starts `node [--import tsx] script …`; TypeScript scripts run through tsx. */
export function startProcess(args: string[], env: NodeJS.ProcessEnv = {}): Promise<Started> {
  const loader = args[0]?.endsWith('.ts') ? ['--import', 'tsx'] : [];
  const child = spawn(process.execPath, [...loader, ...args], {
    stdio: ['ignore', 'pipe', 'inherit'],
    env: { ...process.env, ...env },
  });
  running.add(child);
  child.once('exit', () => running.delete(child));
  return new Promise((resolve, reject) => {
    const lines = createInterface({ input: child.stdout });
    child.once('exit', (code) => reject(new Error(`${args.join(' ')} exited with ${code}`)));
    lines.once('line', (line) => {
      const url = line.match(/https?:\/\/\S+/)?.[0];
      if (!url) return reject(new Error(`no URL in first line: ${line}`));
      child.removeAllListeners('exit');
      resolve({
        url,
        child,
        stop: () =>
          new Promise((done) => {
            if (child.exitCode !== null) return done();
            child.once('exit', () => done());
            child.kill('SIGTERM');
          }),
      });
    });
  });
}
