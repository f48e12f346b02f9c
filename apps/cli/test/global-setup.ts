// Installs the Debian packages that the terminal tests drive when they are missing: tmux (the
// pseudo-terminal of pty.test.ts) and zsh and fish (completion.test.ts; bash is always there).
// Where they cannot be installed, those tests skip and this prints why.
import { ensureDebianPackage } from '../../../scripts/ensure-debian-package.mjs';

export default function setup() {
  for (const [name, binary] of [
    ['tmux', '/usr/bin/tmux'],
    ['zsh', '/usr/bin/zsh'],
    ['fish', '/usr/bin/fish'],
  ] as const) {
    const result = ensureDebianPackage(name, binary);
    if (!result.ok) console.warn(`test set-up: ${result.reason}; its tests are skipped.`);
  }
}
