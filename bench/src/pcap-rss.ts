// Peak RSS while a padded PCAP (1 GiB by default) streams from the emulator to disk, for
// telephony-kit's exportPcapToFile beside a bare fetch → file pipeline, each in a fresh process.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startEmulator } from './emulator';

export interface PcapRssResult {
  mode: string;
  bytes: number;
  seconds: number;
  maxRssMb: number;
}

export async function measurePcapRss(bytes = 1024 ** 3): Promise<PcapRssResult[]> {
  const emulator = await startEmulator([
    '--rate-limit',
    'off',
    '--calls',
    '200',
    '--pcap-ready-after',
    '0',
    '--pcap-pad-bytes',
    String(bytes),
  ]);
  const dir = mkdtempSync(join(tmpdir(), 'pcap-rss-'));
  try {
    const child = fileURLToPath(new URL('./pcap-download-child.mjs', import.meta.url));
    const idle = spawnSync(
      process.execPath,
      ['-e', 'console.log(process.resourceUsage().maxRSS / 1024)'],
      {
        encoding: 'utf8',
      },
    );
    const baseline = {
      mode: 'node -e (idle)',
      bytes: 0,
      seconds: 0,
      maxRssMb: Number(idle.stdout),
    };
    const downloads = ['bare fetch', 'telephony-kit', 'telephony-kit, own fetch'].map((mode) => {
      const run = spawnSync(
        process.execPath,
        [child, mode, emulator.url, emulator.token, join(dir, 'capture.pcap')],
        { encoding: 'utf8', cwd: fileURLToPath(new URL('..', import.meta.url)) },
      );
      if (run.status !== 0) throw new Error(`${mode} download failed: ${run.stderr}`);
      return JSON.parse(run.stdout.trim().split('\n').pop() ?? '{}') as PcapRssResult;
    });
    return [baseline, ...downloads];
  } finally {
    rmSync(dir, { recursive: true, force: true });
    await emulator.stop();
  }
}
