// `telephony completion bash|zsh|fish`: the scripts printed by the built binary, loaded into the
// real shells, complete commands, subcommands, options, option values and profile names.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { completionModel } from '../src/commands/completion';
import { saveConfig } from '../src/config/profile-store';
import { registry } from '../src/registry';

const bin = join(dirname(fileURLToPath(import.meta.url)), '..', 'dist', 'bin.js');
const has = (shell: string) => spawnSync('sh', ['-c', `command -v ${shell}`]).status === 0;

let dir: string;
let env: NodeJS.ProcessEnv;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'telephony-completion-'));
  env = { PATH: process.env.PATH, HOME: dir, TELEPHONY_CONFIG_DIR: join(dir, 'cfg') };
  await saveConfig(
    {
      default: 'prod',
      profiles: {
        prod: { name: 'prod', region: 'eu-west-1', clientId: 'a', clientSecret: 'never-completed' },
        lab: { name: 'lab', baseUrl: 'http://127.0.0.1:8787', clientId: 'b', clientSecret: 'x' },
      },
    },
    { env },
  );
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

function script(shell: string): string {
  const result = spawnSync(process.execPath, [bin, 'completion', shell], { env, encoding: 'utf8' });
  expect(result.stderr).toBe('');
  expect(result.status).toBe(0);
  return result.stdout;
}

const nouns = [...new Set(registry.map((entry) => entry.name.split(' ')[0]))].sort();
const subcommandsOf = (noun: string) =>
  registry
    .filter((entry) => entry.name.startsWith(`${noun} `))
    .map((entry) => entry.name.split(' ')[1])
    .sort();
const words = (line: string) => line.split(/\s+/).filter(Boolean).sort();

/** Each case: the words typed (the last one being completed) and what must be offered. */
const cases: { typed: string[]; expected: () => Promise<string[]> | string[] }[] = [
  { typed: [''], expected: () => nouns as string[] },
  { typed: ['sip', ''], expected: () => subcommandsOf('sip') as string[] },
  {
    typed: ['--profile', 'lab', 'profiles', ''],
    expected: () => subcommandsOf('profiles') as string[],
  },
  { typed: ['--output', ''], expected: () => ['json', 'ndjson', 'table', 'yaml'] },
  { typed: ['profiles', 'use', ''], expected: () => ['lab', 'prod'] },
  { typed: ['media-regions', '--profile', ''], expected: () => ['lab', 'prod'] },
  { typed: ['completion', ''], expected: () => ['bash', 'fish', 'zsh'] },
  { typed: ['--region', 'eu-c'], expected: () => ['eu-central-1', 'eu-central-2'] },
];

describe('telephony completion', () => {
  it('refuses an unknown shell', () => {
    const result = spawnSync(process.execPath, [bin, 'completion', 'tcsh'], {
      env,
      encoding: 'utf8',
    });
    expect(result.status).toBe(2);
    expect(result.stderr).toContain('Unknown shell "tcsh": use bash, zsh or fish.');
  });

  it('bash: completes commands, options, values and profiles', async () => {
    const file = join(dir, 'telephony.bash');
    await writeFile(file, script('bash'));
    const complete = (typed: string[]) => {
      const argv = ['telephony', ...typed].map((w) => `'${w}'`).join(' ');
      return execFileSync(
        'bash',
        [
          '--norc',
          '-c',
          `source '${file}'; COMP_WORDS=(${argv}); COMP_CWORD=$((\${#COMP_WORDS[@]} - 1)); _telephony; printf '%s\\n' "\${COMPREPLY[@]}"`,
        ],
        { env, encoding: 'utf8' },
      );
    };
    for (const { typed, expected } of cases) {
      expect(words(complete(typed)), typed.join(' ')).toEqual(await expected());
    }
    // Options of a command, and the choices of every option that declares some.
    const model = await completionModel();
    for (const command of model.commands) {
      const offered = words(complete([...command.name.split(' '), '--']));
      for (const option of command.options) expect(offered).toContain(`--${option.long}`);
      expect(offered).toContain('--verbose');
      for (const option of command.options) {
        if (option.value?.kind !== 'choices') continue;
        expect(words(complete([...command.name.split(' '), `--${option.long}`, '']))).toEqual(
          [...option.value.choices].sort(),
        );
      }
    }
    expect(complete(['profiles', 'use', ''])).not.toContain('never-completed');
  });

  it.skipIf(!has('zsh'))(
    'zsh: the script loads and completes (compadd/_describe recorded)',
    async () => {
      const file = join(dir, '_telephony');
      await writeFile(file, script('zsh'));
      expect(spawnSync('zsh', ['-n', file]).status).toBe(0);
      const complete = (typed: string[]) => {
        const argv = ['telephony', ...typed].map((w) => `'${w}'`).join(' ');
        return execFileSync(
          'zsh',
          [
            '-f',
            '-c',
            [
              'compdef() { :; }',
              // What the completion system would offer: compadd's words, _describe's names.
              'compadd() { while [[ $1 == -* && $1 != -- ]]; do shift; done; [[ $1 == -- ]] && shift; print -rl -- "$@"; }',
              `_describe() { print -rl -- \${\${(P)4}%%:*}; }`,
              `source '${file}'`,
              `words=(${argv}); CURRENT=\${#words}; _telephony`,
            ].join('\n'),
          ],
          { env, encoding: 'utf8' },
        );
      };
      for (const { typed, expected } of cases) {
        const offered = words(complete(typed));
        const prefix = typed.at(-1) ?? '';
        // zsh filters by the typed prefix itself: compare what matches it.
        expect(
          offered.filter((w) => w.startsWith(prefix)),
          typed.join(' '),
        ).toEqual(await expected());
      }
    },
  );

  it.skipIf(!has('fish'))('fish: complete -C offers the same', async () => {
    const file = join(dir, 'telephony.fish');
    await writeFile(file, script('fish'));
    const complete = (typed: string[]) =>
      execFileSync(
        'fish',
        [
          '--no-config',
          '-c',
          `source '${file}'; complete -C'${['telephony', ...typed].join(' ')}' | string replace -r '\\t.*' ''; true`,
        ],
        { env, encoding: 'utf8' },
      );
    for (const { typed, expected } of cases) {
      expect(words(complete(typed)), typed.join(' ')).toEqual(await expected());
    }
    const traces = words(complete(['sip', 'traces', '--s']));
    expect(traces).toContain('--since');
  });
});
