// End to end: pcap request | url | download, against an emulator whose PCAP jobs are ready at once
// (and one whose jobs never are).
import { spawn } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { useEmulator } from './helpers/emulator';
import { binPath, runCli, tempDir } from './helpers/run-cli';

const fx = useEmulator({ pcapReadyAfterMs: 0 });

const LIBPCAP_MAGIC = ['d4c3b2a1', 'a1b2c3d4'];
const magicOf = (bytes: Buffer) => bytes.subarray(0, 4).toString('hex');

/** A search that matches the traffic of one call that crossed the trunk. */
function aCallSearch(): string[] {
  const record = fx.emulator.dataset.records.find((r) => r.conversationId && r.callid)!;
  return ['--since', '4d', '--call-id', record.callid!];
}

describe('pcap request and pcap url', () => {
  it('prints the downloadId, then the signed URL of the prepared file', async () => {
    const requested = await runCli(['pcap', 'request', ...aCallSearch(), ...fx.base], {
      env: fx.demoEnv(),
    });
    expect(requested.code).toBe(0);
    const { downloadId } = JSON.parse(requested.stdout);
    expect(downloadId).toMatch(/^[0-9a-f-]{36}$/);

    const plain = await runCli(
      ['pcap', 'request', ...aCallSearch(), '--output', 'table', ...fx.base],
      { env: fx.demoEnv() },
    );
    expect(plain.stdout.trim()).toMatch(/^[0-9a-f-]{36}$/);

    const url = await runCli(['pcap', 'url', downloadId, ...fx.base], { env: fx.demoEnv() });
    expect(url.code).toBe(0);
    const signed = JSON.parse(url.stdout);
    expect(signed.url).toContain(`/__storage/pcap/${downloadId}.pcap?`);
    const file = Buffer.from(await (await fetch(signed.url)).arrayBuffer());
    expect(LIBPCAP_MAGIC).toContain(magicOf(file));
  });

  it('says when the PCAP is still being prepared (exit 1), pointing at pcap download', async () => {
    fx.emulator.setFaults([{ pcap: 'never-ready' }]);
    const requested = await runCli(['pcap', 'request', ...aCallSearch(), ...fx.base], {
      env: fx.demoEnv(),
    });
    const { downloadId } = JSON.parse(requested.stdout);
    const url = await runCli(['pcap', 'url', downloadId, ...fx.base], { env: fx.demoEnv() });
    expect(url.code).toBe(1);
    expect(url.stdout).toBe('');
    expect(url.stderr).toMatch(
      new RegExp(
        `PCAP ${downloadId} is still being prepared.*telephony pcap download --download-id ${downloadId}`,
      ),
    );
  });

  it('exits 4 for an unknown downloadId and 2 for a malformed one', async () => {
    const unknown = await runCli(
      ['pcap', 'url', '9f3c2b1a-7e6d-4c5b-8a9f-0e1d2c3b4a59', ...fx.base],
      {
        env: fx.demoEnv(),
      },
    );
    expect(unknown.code).toBe(4);
    fx.emulator.reset();
    const bad = await runCli(['pcap', 'url', '../../etc/passwd', ...fx.base], {
      env: fx.demoEnv(),
    });
    expect(bad.code).toBe(2);
    expect(fx.apiRequests()).toEqual([]);
  });
});

describe('pcap download', () => {
  it('writes a valid capture atomically and reports it', async () => {
    const dir = tempDir();
    const file = join(dir, 'call.pcap');
    const result = await runCli(['pcap', 'download', ...aCallSearch(), '-o', file, ...fx.base], {
      env: fx.demoEnv(),
    });
    expect(result.code).toBe(0);
    const bytes = readFileSync(file);
    expect(LIBPCAP_MAGIC).toContain(magicOf(bytes));
    expect(readdirSync(dir)).toEqual(['call.pcap']);
    const summary = JSON.parse(result.stdout);
    expect(summary).toMatchObject({ file, bytes: bytes.length, format: 'pcap' });
    // No progress bar without a terminal: only the one-line summary.
    expect(result.stderr).toBe(
      `telephony: Saved ${file} (${(bytes.length / 1024).toFixed(1)} KiB, pcap).\n`,
    );
  });

  it('streams the capture to stdout with -o -, and nothing else', async () => {
    const result = await runCli(['pcap', 'download', ...aCallSearch(), '-o', '-', ...fx.base], {
      env: fx.demoEnv(),
    });
    expect(result.code).toBe(0);
    expect(LIBPCAP_MAGIC).toContain(magicOf(result.stdoutBytes));
    expect(result.stdoutBytes.length).toBeGreaterThan(24);
    expect(result.stderr).toBe('');
    const job = fx.apiRequests().find((r) => r.operationId === 'postTelephonySiptracesDownload');
    expect(job?.status).toBe(200);
  });

  it('logs the signed URL with its signature redacted under --verbose', async () => {
    const file = join(tempDir(), 'verbose.pcap');
    const result = await runCli(
      ['pcap', 'download', ...aCallSearch(), '-o', file, '--verbose', ...fx.base],
      { env: fx.demoEnv() },
    );
    expect(result.code).toBe(0);
    expect(result.stderr).toMatch(
      /→ GET http:\/\/127\.0\.0\.1:\d+\/__storage\/pcap\/.*signature=REDACTED/,
    );
    expect(result.stderr).not.toMatch(/signature=(?!REDACTED)/);
    expect(LIBPCAP_MAGIC).toContain(magicOf(readFileSync(file)));
  });

  it('downloads an existing job with --download-id', async () => {
    const requested = await runCli(['pcap', 'request', ...aCallSearch(), ...fx.base], {
      env: fx.demoEnv(),
    });
    const { downloadId } = JSON.parse(requested.stdout);
    const file = join(tempDir(), 'again.pcap');
    const result = await runCli(
      ['pcap', 'download', '--download-id', downloadId, '-o', file, ...fx.base],
      {
        env: fx.demoEnv(),
      },
    );
    expect(result.code).toBe(0);
    expect(LIBPCAP_MAGIC).toContain(magicOf(readFileSync(file)));
    expect(JSON.parse(result.stdout).downloadId).toBe(downloadId);
    expect(
      fx.apiRequests().filter((r) => r.operationId === 'postTelephonySiptracesDownload'),
    ).toHaveLength(1);
  });

  it('streams an existing job to stdout with --download-id and -o -', async () => {
    const requested = await runCli(['pcap', 'request', ...aCallSearch(), ...fx.base], {
      env: fx.demoEnv(),
    });
    const { downloadId } = JSON.parse(requested.stdout);
    const result = await runCli(
      ['pcap', 'download', '--download-id', downloadId, '-o', '-', ...fx.base],
      { env: fx.demoEnv() },
    );
    expect(result.code).toBe(0);
    expect(LIBPCAP_MAGIC).toContain(magicOf(result.stdoutBytes));
    expect(result.stdoutBytes.length).toBeGreaterThan(24);
    expect(result.stderr).toBe('');
    expect(
      fx.apiRequests().filter((r) => r.operationId === 'postTelephonySiptracesDownload'),
    ).toHaveLength(1);
  });

  it('rejects bad input before any request', async () => {
    const dir = tempDir();
    const cases: [string[], RegExp][] = [
      [['--since', '2h'], /Say where the PCAP goes/],
      [['--since', '2h', '-o', join(dir, 'missing', 'x.pcap')], /does not exist/],
      [['--download-id', 'abc', '--since', '2h', '-o', join(dir, 'x.pcap')], /leave out --since/],
      [
        ['--since', '2h', '--participant', 'p-1', '-o', join(dir, 'x.pcap')],
        /participantId "p-1" is not a UUID/,
      ],
      [
        ['--since', '2h', '--wait', 'forever', '-o', join(dir, 'x.pcap')],
        /--wait "forever" is not a duration/,
      ],
    ];
    for (const [args, message] of cases) {
      const result = await runCli(['pcap', 'download', ...args, ...fx.base], { env: fx.demoEnv() });
      expect(result.code, args.join(' ')).toBe(2);
      expect(result.stderr).toMatch(message);
    }
    expect(fx.apiRequests()).toEqual([]);
    expect(readdirSync(dir)).toEqual([]);
  });

  it('times out clearly when the PCAP is never ready, leaving no file', async () => {
    fx.emulator.setFaults([{ pcap: 'never-ready' }]);
    const dir = tempDir();
    const file = join(dir, 'never.pcap');
    const result = await runCli(
      ['pcap', 'download', ...aCallSearch(), '--wait', '3s', '-o', file, ...fx.base],
      { env: fx.demoEnv() },
    );
    expect(result.code).toBe(1);
    const lines = result.stderr.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/was not ready after .*raise --wait/);
    expect(existsSync(file)).toBe(false);
    expect(readdirSync(dir)).toEqual([]);
    const polls = fx
      .apiRequests()
      .filter((r) => r.operationId === 'getTelephonySiptracesDownloadDownloadId');
    expect(polls.length).toBeGreaterThan(0);
    expect(polls.every((r) => r.status === 202)).toBe(true);
  });

  it('exits 1 naming telephony:pcap:add for a view-only client', async () => {
    const file = join(tempDir(), 'x.pcap');
    const result = await runCli(['pcap', 'download', ...aCallSearch(), '-o', file, ...fx.base], {
      env: fx.viewerEnv(),
    });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('telephony:pcap:add');
    expect(existsSync(file)).toBe(false);
  });

  it('keeps an existing file when the download fails', async () => {
    fx.emulator.setFaults([{ pcap: 'fail' }]);
    const file = join(tempDir(), 'keep.pcap');
    writeFileSync(file, 'previous');
    const result = await runCli(['pcap', 'download', ...aCallSearch(), '-o', file, ...fx.base], {
      env: fx.demoEnv(),
    });
    expect(result.code).toBe(1);
    expect(readFileSync(file, 'utf8')).toBe('previous');
  });

  it('stops on Ctrl-C with exit 130 and leaves no partial file', async () => {
    fx.emulator.setFaults([{ pcap: 'never-ready' }]);
    const dir = tempDir();
    const child = spawn(
      process.execPath,
      [
        binPath,
        'pcap',
        'download',
        ...aCallSearch(),
        '-o',
        join(dir, 'x.pcap'),
        '--verbose',
        ...fx.base,
      ],
      { env: { PATH: process.env.PATH, ...fx.demoEnv() }, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let stderr = '';
    const exited = new Promise<number | null>((resolve) => child.on('close', resolve));
    await new Promise<void>((resolve) => {
      child.stderr.on('data', (chunk: Buffer) => {
        stderr += chunk.toString();
        // Interrupt while it waits for the PCAP to be prepared.
        if (/not ready \(202\)/.test(stderr)) resolve();
      });
    });
    child.kill('SIGINT');
    expect(await exited).toBe(130);
    expect(stderr).toMatch(/telephony: Interrupted\.\n$/);
    expect(readdirSync(dir)).toEqual([]);
  });
});
