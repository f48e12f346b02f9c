// Test set-up: installs a Debian package that a test needs (tshark, chromium) when it is missing.
// Tests skip with the returned reason only where it cannot be installed (not root, no apt, no
// network). Concurrent test processes take turns through flock.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const PRESEED = {
  // Answer wireshark-common's question instead of hanging on it: no setuid dumpcap.
  tshark: 'wireshark-common wireshark-common/install-setuid boolean false',
};

/**
 * @param {string} name the Debian package
 * @param {string} binary the file it installs that the test runs
 * @returns {{ ok: true, binary: string } | { ok: false, reason: string }}
 */
export function ensureDebianPackage(name, binary) {
  if (existsSync(binary)) return { ok: true, binary };
  if (process.platform !== 'linux' || !existsSync('/usr/bin/apt-get')) {
    return {
      ok: false,
      reason: `${binary} is missing and this is not a Debian system with apt-get`,
    };
  }
  if (process.getuid?.() !== 0) {
    return {
      ok: false,
      reason: `${binary} is missing; install it with: sudo apt-get install ${name}`,
    };
  }
  const preseed = PRESEED[name] ? `echo '${PRESEED[name]}' | debconf-set-selections && ` : '';
  const script =
    `${preseed}(apt-get install -y -qq --no-install-recommends ${name} || ` +
    `(apt-get update -qq && apt-get install -y -qq --no-install-recommends ${name}))`;
  console.error(`test set-up: installing Debian package ${name} for ${binary}…`);
  const result = spawnSync('flock', ['/tmp/telephony-kit-apt.lock', 'sh', '-c', script], {
    env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
    encoding: 'utf8',
    timeout: 600_000,
  });
  if (existsSync(binary)) return { ok: true, binary };
  const output = `${result.stderr ?? ''}${result.stdout ?? ''}`
    .trim()
    .split('\n')
    .slice(-3)
    .join(' ');
  return {
    ok: false,
    reason: `apt-get install ${name} failed: ${output || result.error?.message}`,
  };
}

/** The first line of `binary --version`, for test titles and logs. */
export function versionOf(binary) {
  return execFileSync(binary, ['--version'], { encoding: 'utf8' }).split('\n')[0] ?? '';
}
