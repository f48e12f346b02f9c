// Through a real pseudo-terminal (a private tmux server): `telephony login` asks for the region,
// client id and a hidden secret; the secret must never be on screen, in the process's argv, in what
// the process wrote to the terminal (its logs, with --verbose), nor in a file others can read.
// Then `telephony site reboot` asks for confirmation: "n" reboots nothing, "y" schedules it; and
// `telephony pcap download` draws its progress on the terminal while the capture goes to a file.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, open, readdir, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createEmulator } from '@telephony-kit/emulator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const here = dirname(fileURLToPath(import.meta.url));
const bin = join(here, '..', 'dist', 'bin.js');
const TMUX = '/usr/bin/tmux';
const SECRET = 'telephony-kit-demo-secret';

let emulator: Awaited<ReturnType<typeof createEmulator>>;
let dir: string;
let socket: string;
let configDir: string;
let paneLog: string;

const tmux = (...args: string[]) =>
  execFileSync(TMUX, ['-S', socket, ...args], { encoding: 'utf8', env: tmuxEnv() });
const tmuxEnv = (): NodeJS.ProcessEnv => ({
  PATH: process.env.PATH,
  HOME: dir,
  TERM: 'xterm-256color',
  TELEPHONY_CONFIG_DIR: configDir,
  NO_COLOR: '1',
  PS1: '$ ',
});
const screen = () => tmux('capture-pane', '-p', '-J', '-S', '-200', '-t', 'main');
const type = (text: string) => tmux('send-keys', '-t', 'main', '-l', text);
const enter = () => tmux('send-keys', '-t', 'main', 'Enter');

/** Polls the screen until `pattern` shows up (no fixed sleeps: the machine may be slow). */
async function waitFor(pattern: RegExp, timeoutMs = 60_000): Promise<string> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const text = screen();
    if (pattern.test(text)) return text;
    if (Date.now() > deadline)
      throw new Error(`Timed out waiting for ${pattern} on the terminal:\n${text}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** The pid of the process the pane's shell is running (the CLI while it waits at a prompt). */
function foregroundChild(): number {
  const shellPid = Number(tmux('display-message', '-p', '-t', 'main', '#{pane_pid}').trim());
  const children = execFileSync('cat', [`/proc/${shellPid}/task/${shellPid}/children`], {
    encoding: 'utf8',
  })
    .trim()
    .split(/\s+/)
    .filter(Boolean)
    .map(Number);
  expect(children).toHaveLength(1);
  return children[0] as number;
}

let runs = 0;
/** Types a command line; resolves to the pattern that matches its exit line once it has ended. */
const run = (command: string): RegExp => {
  runs += 1;
  type(`${command}; echo "EXIT-${runs}=$?"`);
  enter();
  return new RegExp(`^EXIT-${runs}=\\d+`, 'm');
};

describe.skipIf(!existsSync(TMUX))('on a terminal (tmux)', () => {
  beforeAll(async () => {
    emulator = await createEmulator();
    dir = await mkdtemp(join(tmpdir(), 'telephony-pty-'));
    socket = join(dir, 'tmux.sock');
    configDir = join(dir, 'config');
    paneLog = join(dir, 'pane.log');
    // The server outlives this call: it must not inherit (and hold open) pipes we wait on.
    execFileSync(
      TMUX,
      [
        '-S',
        socket,
        '-f',
        '/dev/null',
        'new-session',
        '-d',
        '-x',
        '200',
        '-y',
        '50',
        '-s',
        'main',
        'bash --norc --noprofile',
      ],
      { stdio: 'ignore', env: tmuxEnv() },
    );
    // Everything written to the terminal (prompts, --verbose logs, errors) also lands in pane.log.
    tmux('pipe-pane', '-o', '-t', 'main', `cat >> '${paneLog}'`);
    await waitFor(/[$#] *$/m);
  });

  afterAll(async () => {
    try {
      if (socket && existsSync(socket)) {
        tmux('pipe-pane', '-t', 'main'); // closes the pipe to pane.log
        tmux('kill-server');
      }
    } finally {
      await emulator?.close();
      // The server's last writes may still land while it exits.
      if (dir) await rm(dir, { recursive: true, force: true, maxRetries: 10 });
    }
  });

  it('login asks for region, client id and a hidden secret, which never leaks', async () => {
    const ended = run(`node '${bin}' login --verbose --profile pty`);
    await waitFor(/Region \(us-east-1, eu-west-1, …, or an emulator URL\): *$/m);
    type(emulator.url);
    enter();
    await waitFor(/OAuth client id: *$/m);
    type('telephony-kit-demo');
    enter();
    await waitFor(/OAuth client secret \(input hidden\): *$/m);

    // The secret is typed but not yet entered: the CLI holds it and waits.
    type(SECRET);
    const pid = foregroundChild();
    const cmdline = await readFile(`/proc/${pid}/cmdline`, 'utf8');
    expect(cmdline.split('\0')).toContain(bin);
    expect(cmdline).toContain('login');
    expect(cmdline).not.toContain(SECRET);
    expect(await readFile(`/proc/${pid}/environ`, 'utf8')).not.toContain(SECRET);
    expect(screen()).not.toContain(SECRET);
    expect(screen()).not.toMatch(/\*{5}/);

    enter();
    const done = await waitFor(ended);
    expect(done).toMatch(/^EXIT-\d+=0 *$/m);
    expect(done).toContain('Logged in: profile "pty" (client telephony-kit-demo');
    // --verbose logged the token request, redacted.
    expect(done).toContain(`checking the credentials at ${emulator.url}/oauth/token`);
    expect(done).not.toContain(SECRET);

    // What the process wrote to the terminal, byte for byte.
    const written = await readFile(paneLog, 'utf8');
    expect(written).toContain('OAuth client secret (input hidden): ');
    expect(written).not.toContain(SECRET);

    // Stored for later, protected: 0600 in a 0700 directory, no stray temp files.
    const configFile = join(configDir, 'config.toml');
    expect((await stat(configDir)).mode & 0o777).toBe(0o700);
    expect((await stat(configFile)).mode & 0o777).toBe(0o600);
    expect(await readFile(configFile, 'utf8')).toContain(`client_secret = "${SECRET}"`);
    expect((await stat(join(configDir, 'tokens', 'pty.json'))).mode & 0o777).toBe(0o600);
    expect((await readdir(configDir)).sort()).toEqual(['config.toml', 'tokens']);
    const tokens = emulator.requests.filter((r) => r.path === '/oauth/token');
    expect(tokens.map((r) => r.status)).toEqual([200]);
  });

  const rebootCommand = join(here, '..', 'src', 'commands', 'site-reboot.ts');
  it.skipIf(!existsSync(rebootCommand))(
    'site reboot asks for confirmation: n reboots nothing (exit 1), y schedules it (exit 0)',
    async () => {
      const siteId = emulator.dataset.sites[0]?.siteId as string;
      expect(siteId).toBeTruthy();
      emulator.reset();

      tmux('clear-history', '-t', 'main');
      const refusedEnd = run(`clear; node '${bin}' site reboot ${siteId}`);
      await waitFor(/Reboot every Edge of site .*\[y\/N\] *$/m);
      type('n');
      enter();
      const refused = await waitFor(refusedEnd);
      expect(refused).toContain('Not rebooted: not confirmed.');
      expect(refused).toMatch(/^EXIT-\d+=1 *$/m);
      expect(emulator.reboots).toHaveLength(0);

      tmux('clear-history', '-t', 'main');
      const acceptedEnd = run(`clear; node '${bin}' site reboot ${siteId}`);
      await waitFor(/Reboot every Edge of site .*\[y\/N\] *$/m);
      type('y');
      enter();
      const accepted = await waitFor(acceptedEnd);
      expect(accepted).toContain(`Reboot of site ${siteId} scheduled.`);
      expect(accepted).toMatch(/^EXIT-\d+=0 *$/m);
      expect(emulator.reboots.map((r) => r.siteId)).toEqual([siteId]);
      // The profile saved by login was used, with its cached token: no new login.
      expect(emulator.requests.filter((r) => r.path === '/oauth/token')).toHaveLength(0);
      expect(await readFile(paneLog, 'utf8')).not.toContain(SECRET);
    },
  );

  it('pcap download shows its progress on the terminal and writes only the capture to the file', async () => {
    const call = emulator.dataset.conversations.at(-1);
    expect(call).toBeTruthy();
    const file = join(dir, 'call.pcap');
    tmux('clear-history', '-t', 'main');
    const before = (await readFile(paneLog, 'utf8')).length;
    const ended = run(
      `clear; node '${bin}' pcap download --since 7d --conversation ${call?.conversationId} -o '${file}'`,
    );
    const done = await waitFor(ended);
    expect(done).toMatch(/^EXIT-\d+=0 *$/m);
    expect(done).toMatch(/Saved .*call\.pcap \([\d.]+ KiB, pcap\)/);
    // Everything the command drew, redraws included: the wait for the capture, then the bar.
    const drawn = (await readFile(paneLog, 'utf8')).slice(before);
    expect(drawn).toMatch(/PCAP [0-9a-f-]{36} (requested|is being prepared)/);
    expect(drawn).toMatch(/Downloading \[█+░*\] \d+% /);
    expect(drawn).toContain('100%');
    // The bar went to the terminal, not into the capture.
    const handle = await open(file, 'r');
    try {
      const { buffer } = await handle.read(Buffer.alloc(4), 0, 4, 0);
      expect(buffer.toString('hex')).toBe('d4c3b2a1');
    } finally {
      await handle.close();
    }
  });
});
