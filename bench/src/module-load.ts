// Wall time to start Node and load a module, against a bare `node -e 0`, interleaved and taken as
// the median of many runs.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const cwd = fileURLToPath(new URL('..', import.meta.url));

export interface LoadCase {
  name: string;
  args: string[];
}

export const loadCases: LoadCase[] = [
  { name: 'node -e 0', args: ['-e', '0'] },
  {
    name: 'telephony-kit client (ESM import)',
    args: ['--input-type=module', '-e', "import '@telephony-kit/client'"],
  },
  { name: 'telephony-kit client (require)', args: ['-e', "require('@telephony-kit/client')"] },
  { name: 'official SDK (require)', args: ['-e', "require('purecloud-platform-client-v2')"] },
];

function timeOnce(args: string[]): number {
  const start = process.hrtime.bigint();
  const result = spawnSync(process.execPath, args, { cwd, stdio: ['ignore', 'ignore', 'inherit'] });
  if (result.status !== 0) throw new Error(`node ${args.join(' ')} failed`);
  return Number(process.hrtime.bigint() - start) / 1e6;
}

export interface LoadResult {
  name: string;
  medianMs: number;
  ratioToNode: number;
}

export function measureModuleLoad(cases: LoadCase[] = loadCases, runs = 25): LoadResult[] {
  const samples = cases.map(() => [] as number[]);
  for (const c of cases) timeOnce(c.args); // warm the file system cache
  for (let run = 0; run < runs; run += 1) {
    for (const [i, c] of cases.entries()) samples[i]?.push(timeOnce(c.args));
  }
  const medians = samples.map((s) => [...s].sort((a, b) => a - b)[Math.floor(s.length / 2)] ?? 0);
  const base = medians[0] ?? 1;
  return cases.map((c, i) => ({
    name: c.name,
    medianMs: medians[i] ?? 0,
    ratioToNode: (medians[i] ?? 0) / base,
  }));
}
