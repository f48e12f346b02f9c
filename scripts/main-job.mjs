// The main job of `npm start`: starts the emulator (the embedded default) and walks through the
// product as a user would, with the built `telephony` CLI: media regions, a SIP trace search, the
// ladder of one call in the terminal and as an HTML file, and a PCAP download with progress,
// verified as a capture. Then it stops the emulator and says where the files went.
import { spawn } from 'node:child_process';
import { closeSync, mkdirSync, mkdtempSync, openSync, readSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { root } from './ensure-install.mjs';

const { createEmulator } = await import(join(root, 'packages/emulator/dist/index.js'));
const bin = join(root, 'apps/cli/dist/bin.js');
const outDir = join(root, 'out');
mkdirSync(outDir, { recursive: true });

const emulator = await createEmulator({ seed: 42 });
// A private configuration directory: the walk-through neither reads nor changes your profiles.
const configDir = mkdtempSync(join(tmpdir(), 'telephony-start-'));
const env = {
  ...process.env,
  TELEPHONY_CONFIG_DIR: configDir,
  GENESYSCLOUD_OAUTHCLIENT_ID: emulator.credentials.demo.clientId,
  GENESYSCLOUD_OAUTHCLIENT_SECRET: emulator.credentials.demo.clientSecret,
  COLUMNS: process.env.COLUMNS ?? String(process.stdout.columns || 100),
};
for (const name of ['GENESYSCLOUD_REGION', 'GENESYSCLOUD_ACCESS_TOKEN', 'TELEPHONY_PROFILE'])
  delete env[name];

/**
 * Runs `telephony …args --base-url <emulator>` and shows the command line as a user would type it.
 * `capture` keeps stdout (for JSON the walk-through reads) instead of printing it; stderr (progress,
 * warnings) always goes to the terminal. Rejects when the command exits non-zero.
 */
function telephony(args, { capture = false } = {}) {
  console.log(`\n$ telephony ${args.join(' ')}`);
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [bin, ...args, '--base-url', emulator.url], {
      env,
      stdio: ['ignore', capture ? 'pipe' : 'inherit', 'inherit'],
    });
    let stdout = '';
    child.stdout?.setEncoding('utf8').on('data', (chunk) => {
      stdout += chunk;
    });
    child.once('error', reject);
    child.once('exit', (code) =>
      code === 0 ? resolve(stdout) : reject(new Error(`telephony ${args[0]} exited with ${code}`)),
    );
  });
}

function magicOf(file) {
  const fd = openSync(file, 'r');
  try {
    const head = Buffer.alloc(4);
    readSync(fd, head, 0, 4, 0);
    return head.toString('hex');
  } finally {
    closeSync(fd);
  }
}

try {
  console.log(
    `Telephony API emulator on ${emulator.url} (seed 42, demo client ${emulator.credentials.demo.clientId})`,
  );
  console.log(
    `Each command below also gets --base-url ${emulator.url}; the credentials come from GENESYSCLOUD_OAUTHCLIENT_ID/SECRET, as they would for a real org.`,
  );

  await telephony(['media-regions', '--output', 'table']);

  const traces = JSON.parse(
    await telephony(['sip', 'traces', '--since', '2h', '--json'], { capture: true }),
  );
  const records = Array.isArray(traces) ? traces : (traces.data ?? []);
  const dialogs = new Set(records.map((r) => r.callid));
  console.log(
    `  ${records.length} SIP messages in ${dialogs.size} dialogs (JSON on stdout when piped)`,
  );
  const invite = records.find((r) => r.conversationId && r.method === 'INVITE');
  if (!invite)
    throw new Error('the emulator returned no INVITE with a conversation in the last 2 hours');
  const conversation = invite.conversationId;

  await telephony(['sip', 'ladder', conversation, '--since', '2h']);
  const html = join(outDir, `${conversation}.html`);
  await telephony(['sip', 'ladder', conversation, '--since', '2h', '--format', 'html', '-o', html]);

  const pcap = join(outDir, `${conversation}.pcap`);
  await telephony([
    'pcap',
    'download',
    '--since',
    '2h',
    '--conversation',
    conversation,
    '-o',
    pcap,
    '--output',
    'table',
  ]);
  const magic = magicOf(pcap);
  if (!['d4c3b2a1', 'a1b2c3d4', '4d3cb2a1', 'a1b23c4d', '0a0d0d0a'].includes(magic))
    throw new Error(`${pcap} is not a capture (it starts with ${magic})`);
  console.log(`  verified: a libpcap capture (magic ${magic})`);

  console.log('\n▸ Summary');
  console.log(`  ladder: ${relative(process.cwd(), html)} (open it in a browser)`);
  console.log(
    `  capture: ${relative(process.cwd(), pcap)} (tshark -r ${relative(process.cwd(), pcap)} -Y sip)`,
  );
  console.log(`  requests the emulator served: ${emulator.requests.length}`);
} finally {
  await emulator.close();
  rmSync(configDir, { recursive: true, force: true });
}
