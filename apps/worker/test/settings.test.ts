// Settings from flags and environment, the maintenance window's time arithmetic, and the data
// directory's lock file (stale locks are taken over, live ones refused).
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DatabaseLockedError, lockDataDir } from '../src/database';
import { defaultDataDir, parseDuration, parseSettings, SettingsError } from '../src/env';
import { windowStatus, zonedEpoch } from '../src/jobs/site-reboot';
import { tempDir } from './helpers';

const creds = {
  GENESYSCLOUD_OAUTHCLIENT_ID: 'id',
  GENESYSCLOUD_OAUTHCLIENT_SECRET: 'secret-value',
  HOME: '/home/someone',
};

describe('parseSettings', () => {
  it('reads flags and the environment, with defaults', () => {
    const settings = parseSettings(['--region', 'eu-west-1'], creds);
    expect(settings).toMatchObject({
      region: 'eu-west-1',
      credentials: { kind: 'client-credentials', clientId: 'id', clientSecret: 'secret-value' },
      dataDir: '/home/someone/.local/share/telephony-kit/worker',
      outputDir: '/home/someone/.local/share/telephony-kit/worker/pcaps',
      concurrency: 4,
      requestsPerMinute: 300,
      host: '127.0.0.1',
      port: 8377,
      pretty: false,
      archiveCron: '*/15 * * * *',
    });
    expect(settings.databaseUrl).toBeUndefined();
    const env = {
      GENESYSCLOUD_ACCESS_TOKEN: 'tok',
      GENESYSCLOUD_REGION: 'us-east-1',
      DATABASE_URL: 'postgres://u:p@db:5432/worker',
      TELEPHONY_WORKER_DATA_DIR: '/var/lib/tw',
      TELEPHONY_WORKER_TOKEN: 'x'.repeat(32),
    };
    const other = parseSettings(
      ['--requests-per-minute', '0', '--host', '0.0.0.0', '--pretty', '--concurrency', '16'],
      env,
    );
    expect(other).toMatchObject({
      region: 'us-east-1',
      credentials: { kind: 'token', token: 'tok' },
      databaseUrl: 'postgres://u:p@db:5432/worker',
      dataDir: '/var/lib/tw',
      requestsPerMinute: 0,
      host: '0.0.0.0',
      pretty: true,
      concurrency: 16,
    });
  });

  it('says what is wrong, without repeating secrets', () => {
    const wrong = (argv: string[], env: NodeJS.ProcessEnv = creds) => {
      try {
        parseSettings(argv, env);
      } catch (error) {
        expect(error).toBeInstanceOf(SettingsError);
        return (error as Error).message;
      }
      throw new Error('no error');
    };
    expect(wrong([])).toMatch(/GENESYSCLOUD_REGION .*--base-url/);
    expect(wrong(['--region', 'x', '--base-url', 'http://127.0.0.1:1'])).toMatch(/not both/);
    expect(wrong(['--region', 'x'], { HOME: '/h' })).toMatch(/No credentials/);
    expect(wrong(['--region', 'x'], { GENESYSCLOUD_OAUTHCLIENT_ID: 'id' })).toMatch(
      /GENESYSCLOUD_OAUTHCLIENT_SECRET is missing/,
    );
    expect(wrong(['--region', 'x', '--concurrency', '0'])).toMatch(/--concurrency "0" must be/);
    expect(wrong(['--region', 'x', '--host', '0.0.0.0'])).toMatch(/TELEPHONY_WORKER_TOKEN/);
    expect(wrong(['--region', 'x', '--pcap-ready-timeout', 'soon'])).toMatch(/not a duration/);
    expect(wrong(['--region', 'x', '--archive-cron', 'hourly'])).toMatch(/cron expression/);
    expect(wrong(['--region', 'x', '--heartbeat-timeout', '1s'])).toMatch(/at least 2s/);
    expect(wrong(['--region', 'x', '--bogus'])).toMatch(/Unknown option '--bogus'/);
    const secret = wrong(['--region', 'x'], { ...creds, DATABASE_URL: 'mysql://u:hunter2@h/db' });
    expect(secret).toMatch(/postgres:\/\//);
    expect(secret).not.toContain('hunter2');
  });

  it('parses durations and finds the user data directory', () => {
    expect(parseDuration('1500', 'x')).toBe(1500);
    expect(parseDuration('30s', 'x')).toBe(30_000);
    expect(parseDuration('1.5m', 'x')).toBe(90_000);
    expect(parseDuration('2h', 'x')).toBe(7_200_000);
    expect(defaultDataDir({ XDG_DATA_HOME: '/xdg' }, 'linux')).toBe('/xdg/telephony-kit/worker');
  });
});

describe('the maintenance window', () => {
  it('converts local times of a time zone', () => {
    // Paris is UTC+1 in November, UTC+2 in July.
    expect(
      new Date(
        zonedEpoch(
          { year: 2026, month: 11, day: 28, hour: 2, minute: 0, second: 0 },
          'Europe/Paris',
        ),
      ).toISOString(),
    ).toBe('2026-11-28T01:00:00.000Z');
    expect(
      new Date(
        zonedEpoch({ year: 2026, month: 7, day: 1, hour: 2, minute: 0, second: 0 }, 'Europe/Paris'),
      ).toISOString(),
    ).toBe('2026-07-01T00:00:00.000Z');
  });

  it('knows whether now is inside a daily window, across midnight', () => {
    const window = { start: '22:00', end: '02:00', timezone: 'America/New_York' };
    // 23:30 in New York (UTC-5 in November) is inside.
    expect(windowStatus(window, Date.parse('2026-11-27T04:30:00Z'))).toEqual({ inside: true });
    expect(windowStatus(window, Date.parse('2026-11-27T06:59:00Z'))).toEqual({ inside: true });
    // 12:00 in New York: outside; the next start is 22:00 the same day.
    expect(windowStatus(window, Date.parse('2026-11-27T17:00:00Z'))).toEqual({
      inside: false,
      nextStart: Date.parse('2026-11-28T03:00:00Z'),
    });
    // 02:30: just after the end; the next start is that evening.
    expect(windowStatus(window, Date.parse('2026-11-27T07:30:00Z')).nextStart).toBe(
      Date.parse('2026-11-28T03:00:00Z'),
    );
  });

  it('handles a window of local date-times, and one that has passed', () => {
    const window = { start: '2026-11-28T02:00', end: '2026-11-28T04:00', timezone: 'Asia/Tokyo' };
    expect(windowStatus(window, Date.parse('2026-11-27T16:00:00Z'))).toEqual({
      inside: false,
      nextStart: Date.parse('2026-11-27T17:00:00Z'),
    });
    expect(windowStatus(window, Date.parse('2026-11-27T18:00:00Z'))).toEqual({ inside: true });
    expect(windowStatus(window, Date.parse('2026-11-27T19:00:00Z'))).toEqual({ inside: false });
  });
});

describe('the data directory lock', () => {
  it('is exclusive, names its owner, and is taken over when its process is gone', () => {
    const dir = tempDir('lock');
    const release = lockDataDir(dir);
    const file = join(dir, 'worker.lock');
    expect(JSON.parse(readFileSync(file, 'utf8')).pid).toBe(process.pid);
    release();
    expect(existsSync(file)).toBe(false);

    // A live owner (the test runner's parent process) is refused, by PID.
    writeFileSync(
      file,
      JSON.stringify({ pid: process.ppid, hostname: hostname(), startedAt: 'x' }),
    );
    expect(() => lockDataDir(dir)).toThrow(DatabaseLockedError);
    expect(() => lockDataDir(dir)).toThrow(`in use by worker process ${process.ppid}`);

    // A dead owner's lock is stale: taken over.
    writeFileSync(
      file,
      JSON.stringify({ pid: 2 ** 22 + 12345, hostname: hostname(), startedAt: 'x' }),
    );
    const again = lockDataDir(dir);
    expect(JSON.parse(readFileSync(file, 'utf8')).pid).toBe(process.pid);
    again();
  });
});

describe('handleShutdown', () => {
  it('stops gracefully on the first signal and exits at once on the second', async () => {
    const { handleShutdown } = await import('../src/shutdown');
    const exits: number[] = [];
    let finish: () => void = () => {};
    const stopped = new Promise<void>((resolve) => {
      finish = resolve;
    });
    const calls: string[] = [];
    const shutdown = handleShutdown({
      signals: ['SIGUSR2'],
      onSignal: async (signal) => {
        calls.push(signal);
        await stopped;
      },
      onForce: (signal) => calls.push(`force ${signal}`),
      exit: (code) => exits.push(code),
    });
    process.emit('SIGUSR2', 'SIGUSR2');
    expect(calls).toEqual(['SIGUSR2']);
    expect(exits).toEqual([]);
    process.emit('SIGUSR2', 'SIGUSR2');
    expect(calls).toEqual(['SIGUSR2', 'force SIGUSR2']);
    expect(exits).toEqual([1]);
    finish();
    await expect(shutdown.done).resolves.toBe('SIGUSR2');
    shutdown.dispose();
    expect(process.listenerCount('SIGUSR2')).toBe(0);
  });
});
