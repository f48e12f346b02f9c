// `telephony completion bash|zsh|fish`: a completion script generated from the command registry
// (every command's names, options and option choices), so it never drifts from the commands.
import { regions } from '@telephony-kit/client';
import { globalOptions } from '../cli';
import type { CommandDefinition, OptionSpec } from '../command';
import { UsageError } from '../errors';
import { nounOf, type RegistryEntry, registry } from '../registry';

export const shells = ['bash', 'zsh', 'fish'] as const;
export type Shell = (typeof shells)[number];

export interface CompletionOption {
  long: string;
  short?: string;
  description: string;
  /** What its value completes to; undefined for a boolean flag. */
  value?: { kind: 'choices'; choices: readonly string[] } | { kind: 'file' | 'profile' | 'free' };
}

export interface CompletionCommand {
  name: string;
  summary: string;
  options: CompletionOption[];
  /** What the first positional argument completes to. */
  positional?: { kind: 'choices'; choices: readonly string[] } | { kind: 'profile' };
}

export interface CompletionModel {
  commands: CompletionCommand[];
  globals: CompletionOption[];
}

function toOption(name: string, spec: OptionSpec): CompletionOption {
  const option: CompletionOption = { long: name, description: spec.description };
  if (spec.short) option.short = spec.short;
  if (spec.type === 'string') {
    if (spec.choices?.length) option.value = { kind: 'choices', choices: spec.choices };
    else if (name === 'profile') option.value = { kind: 'profile' };
    else if (name === 'region') option.value = { kind: 'choices', choices: Object.keys(regions) };
    else if (/\b(file|path|dir)\b/.test(spec.valueName ?? '')) option.value = { kind: 'file' };
    else option.value = { kind: 'free' };
  }
  return option;
}

const POSITIONALS: Record<string, CompletionCommand['positional']> = {
  completion: { kind: 'choices', choices: shells },
  'profiles use': { kind: 'profile' },
  'profiles remove': { kind: 'profile' },
};

/** Loads every command's metadata (not its behaviour: modules export plain definitions). */
export async function completionModel(
  entries: readonly RegistryEntry[] = registry,
): Promise<CompletionModel> {
  const commands = await Promise.all(
    entries.map(async (entry): Promise<CompletionCommand> => {
      const { command } = await entry.load();
      const positional = POSITIONALS[entry.name];
      return {
        name: entry.name,
        summary: command.summary,
        options: Object.entries(command.options ?? {}).map(([name, spec]) => toOption(name, spec)),
        ...(positional ? { positional } : {}),
      };
    }),
  );
  const globals = Object.entries(globalOptions).map(([name, spec]) =>
    toOption(name, spec as OptionSpec),
  );
  globals.push({ long: 'version', short: 'V', description: 'Print the version' });
  return { commands, globals };
}

// ---------------------------------------------------------------------------------------------
// Shared pieces

const flagsOf = (option: CompletionOption) => [
  `--${option.long}`,
  ...(option.short ? [`-${option.short}`] : []),
];

/** Every option that takes a value (any command): words after them are values, not commands. */
const valueFlags = (model: CompletionModel) => [
  ...new Set(
    [...model.globals, ...model.commands.flatMap((c) => c.options)]
      .filter((o) => o.value)
      .flatMap(flagsOf),
  ),
];

/** The first words (nouns), each with a description. */
function nouns(model: CompletionModel): { word: string; description: string }[] {
  const groups = new Map<string, CompletionCommand[]>();
  for (const command of model.commands) {
    const noun = nounOf(command.name);
    groups.set(noun, [...(groups.get(noun) ?? []), command]);
  }
  return [...groups].map(([word, commands]) => ({
    word,
    description:
      commands.length === 1 && commands[0]?.name === word
        ? (commands[0]?.summary ?? '')
        : `${commands.map((c) => c.name.split(' ')[1]).join(', ')}`,
  }));
}

const subcommands = (model: CompletionModel, noun: string) =>
  model.commands.filter((c) => c.name.includes(' ') && nounOf(c.name) === noun);

const singleQuote = (s: string) => `'${s.replace(/'/g, `'\\''`)}'`;
const oneLine = (s: string) => s.replace(/\s+/g, ' ').trim();

/** The shell snippet that prints the profile names of config.toml (no secrets: names only). */
const profilesBody = (indent: string) =>
  [
    `local dir="\${TELEPHONY_CONFIG_DIR:-}"`,
    'if [[ -z $dir ]]; then',
    `  if [[ -n \${XDG_CONFIG_HOME:-} ]]; then dir="$XDG_CONFIG_HOME/telephony-kit"`,
    '  elif [[ $(uname -s 2>/dev/null) == Darwin ]]; then dir="$HOME/Library/Preferences/telephony-kit"',
    '  else dir="$HOME/.config/telephony-kit"; fi',
    'fi',
    `[[ -r $dir/config.toml ]] && sed -n 's/^[[:space:]]*\\[profiles\\.\\([A-Za-z0-9_.-]*\\)\\][[:space:]]*$/\\1/p' "$dir/config.toml"`,
    'return 0',
  ]
    .map((line) => indent + line)
    .join('\n');

// ---------------------------------------------------------------------------------------------
// bash (also what zsh's bashcompinit could use; zsh gets its own below)

function bashValueCases(model: CompletionModel, quote: (s: string) => string): string[] {
  const cases: { pattern: string; action: string }[] = [];
  const add = (cmd: string | undefined, option: CompletionOption) => {
    const value = option.value;
    if (!value) return;
    const pattern = flagsOf(option)
      .map((flag) => (cmd === undefined ? `*"|${flag}"` : `"${cmd}|${flag}"`))
      .join('|');
    const action =
      value.kind === 'choices'
        ? `COMPREPLY=($(compgen -W ${quote(value.choices.join(' '))} -- "$cur"))`
        : value.kind === 'profile'
          ? 'COMPREPLY=($(compgen -W "$(_telephony_profiles)" -- "$cur"))'
          : value.kind === 'file'
            ? 'compopt -o filenames 2>/dev/null; COMPREPLY=($(compgen -f -- "$cur"))'
            : 'COMPREPLY=()';
    cases.push({ pattern, action });
  };
  // Command-specific options first: a case statement takes the first match.
  for (const command of model.commands) for (const o of command.options) add(command.name, o);
  for (const o of model.globals) add(undefined, o);
  return cases.map(({ pattern, action }) => `    ${pattern}) ${action}; return 0 ;;`);
}

export function bashScript(model: CompletionModel): string {
  const two = model.commands.filter((c) => c.name.includes(' ')).map((c) => `"${c.name}"`);
  const one = model.commands.filter((c) => !c.name.includes(' ')).map((c) => c.name);
  const optionWords = (options: CompletionOption[]) =>
    singleQuote([...options, ...model.globals].flatMap(flagsOf).join(' '));
  return `# bash completion for telephony, generated by \`telephony completion bash\`.
# Install: telephony completion bash > ~/.local/share/bash-completion/completions/telephony
#      or: echo 'source <(telephony completion bash)' >> ~/.bashrc

_telephony_profiles() {
${profilesBody('  ')}
}

_telephony() {
  local cur="\${COMP_WORDS[COMP_CWORD]}" prev="\${COMP_WORDS[COMP_CWORD-1]}"
  # --option=value: bash splits it at "=".
  if [[ $cur == "=" ]]; then cur=""; fi
  if [[ $prev == "=" ]]; then prev="\${COMP_WORDS[COMP_CWORD-2]}"; fi
  local -a args=()
  local i w
  for ((i = 1; i < COMP_CWORD; i++)); do
    w="\${COMP_WORDS[i]}"
    case "$w" in
      ${valueFlags(model).join('|')})
        if [[ "\${COMP_WORDS[i+1]}" == "=" ]]; then ((i += 2)); else ((i += 1)); fi ;;
      -*) ;;
      *) args+=("$w") ;;
    esac
  done
  local cmd="" npos=0
  if ((\${#args[@]} >= 2)); then
    case "\${args[0]} \${args[1]}" in
      ${two.join('|') || '"-"'}) cmd="\${args[0]} \${args[1]}"; npos=$((\${#args[@]} - 2)) ;;
    esac
  fi
  if [[ -z $cmd ]] && ((\${#args[@]} >= 1)); then
    case "\${args[0]}" in
      ${one.join('|') || '"-"'}) cmd="\${args[0]}"; npos=$((\${#args[@]} - 1)) ;;
    esac
  fi

  # The value of an option.
  case "$cmd|$prev" in
${bashValueCases(model, singleQuote).join('\n')}
  esac

  if [[ $cur == -* ]]; then
    case "$cmd" in
${model.commands
  .map(
    (c) =>
      `      ${c.name.includes(' ') ? `"${c.name}"` : c.name}) COMPREPLY=($(compgen -W ${optionWords(c.options)} -- "$cur")) ;;`,
  )
  .join('\n')}
      *) COMPREPLY=($(compgen -W ${optionWords([])} -- "$cur")) ;;
    esac
    return 0
  fi

  if [[ -z $cmd ]]; then
    if ((\${#args[@]} == 0)); then
      COMPREPLY=($(compgen -W ${singleQuote(
        nouns(model)
          .map((n) => n.word)
          .join(' '),
      )} -- "$cur"))
    elif ((\${#args[@]} == 1)); then
      case "\${args[0]}" in
${nouns(model)
  .filter((n) => subcommands(model, n.word).length)
  .map(
    (n) =>
      `        ${n.word}) COMPREPLY=($(compgen -W ${singleQuote(
        subcommands(model, n.word)
          .map((c) => c.name.split(' ')[1])
          .join(' '),
      )} -- "$cur")) ;;`,
  )
  .join('\n')}
      esac
    fi
    return 0
  fi

  # The first argument of a command.
  if ((npos == 0)); then
    case "$cmd" in
${model.commands
  .filter((c) => c.positional)
  .map((c) => {
    const p = c.positional as NonNullable<CompletionCommand['positional']>;
    const words =
      p.kind === 'profile' ? '"$(_telephony_profiles)"' : singleQuote(p.choices.join(' '));
    return `      ${c.name.includes(' ') ? `"${c.name}"` : c.name}) COMPREPLY=($(compgen -W ${words} -- "$cur")) ;;`;
  })
  .join('\n')}
    esac
  fi
  return 0
}

complete -F _telephony telephony
`;
}

// ---------------------------------------------------------------------------------------------
// zsh

export function zshScript(model: CompletionModel): string {
  const described = (pairs: { word: string; description: string }[]) =>
    pairs
      .map((p) => singleQuote(`${p.word.replace(/:/g, '\\:')}:${oneLine(p.description)}`))
      .join(' ');
  const optionPairs = (options: CompletionOption[]) =>
    described(
      options.flatMap((o) =>
        flagsOf(o).map((flag) => ({ word: flag, description: o.description })),
      ),
    );
  const valueCases: string[] = [];
  const add = (cmd: string | undefined, option: CompletionOption) => {
    const value = option.value;
    if (!value) return;
    const pattern = flagsOf(option)
      .map((flag) => (cmd === undefined ? `*"|${flag}"` : `"${cmd}|${flag}"`))
      .join('|');
    const action =
      value.kind === 'choices'
        ? `compadd -- ${value.choices.map(singleQuote).join(' ')}`
        : value.kind === 'profile'
          ? `compadd -- \${(f)"$(_telephony_profiles)"}`
          : value.kind === 'file'
            ? '_files'
            : ':';
    valueCases.push(`    (${pattern}) ${action}; return ;;`);
  };
  for (const command of model.commands) for (const o of command.options) add(command.name, o);
  for (const o of model.globals) add(undefined, o);
  const two = model.commands.filter((c) => c.name.includes(' ')).map((c) => `"${c.name}"`);
  const one = model.commands.filter((c) => !c.name.includes(' ')).map((c) => c.name);

  return `#compdef telephony
# zsh completion for telephony, generated by \`telephony completion zsh\`.
# Install: telephony completion zsh > ~/.zsh/completions/_telephony   (a directory in $fpath,
#          added before compinit in ~/.zshrc: fpath=(~/.zsh/completions $fpath); restart zsh)
#      or: echo 'source <(telephony completion zsh)' >> ~/.zshrc   (after compinit)

_telephony_profiles() {
${profilesBody('  ')}
}

_telephony() {
  local cur=\${words[CURRENT]} prev=\${words[CURRENT-1]}
  local -a args
  local i w
  for ((i = 2; i < CURRENT; i++)); do
    w=\${words[i]}
    case $w in
      (${valueFlags(model).join('|')}) ((i++)) ;;
      (-*) ;;
      (*) args+=("$w") ;;
    esac
  done
  local cmd="" npos=0
  if (( \${#args} >= 2 )); then
    case "\${args[1]} \${args[2]}" in
      (${two.join('|') || '"-"'}) cmd="\${args[1]} \${args[2]}"; npos=$(( \${#args} - 2 )) ;;
    esac
  fi
  if [[ -z $cmd ]] && (( \${#args} >= 1 )); then
    case "\${args[1]}" in
      (${one.join('|') || '"-"'}) cmd="\${args[1]}"; npos=$(( \${#args} - 1 )) ;;
    esac
  fi

  # The value of an option.
  case "$cmd|$prev" in
${valueCases.join('\n')}
  esac

  if [[ $cur == -* ]]; then
    local -a opts
    opts=(${optionPairs(model.globals)})
    case "$cmd" in
${model.commands
  .filter((c) => c.options.length)
  .map(
    (c) =>
      `      (${c.name.includes(' ') ? `"${c.name}"` : c.name}) opts+=(${optionPairs(c.options)}) ;;`,
  )
  .join('\n')}
    esac
    _describe -t options option opts
    return
  fi

  if [[ -z $cmd ]]; then
    local -a choices
    if (( \${#args} == 0 )); then
      choices=(${described(nouns(model))})
      _describe -t commands command choices
    elif (( \${#args} == 1 )); then
      case "\${args[1]}" in
${nouns(model)
  .filter((n) => subcommands(model, n.word).length)
  .map(
    (n) =>
      `        (${n.word}) choices=(${described(
        subcommands(model, n.word).map((c) => ({
          word: c.name.split(' ')[1] as string,
          description: c.summary,
        })),
      )}) ;;`,
  )
  .join('\n')}
      esac
      (( \${#choices} )) && _describe -t commands subcommand choices
    fi
    return
  fi

  # The first argument of a command.
  if (( npos == 0 )); then
    case "$cmd" in
${model.commands
  .filter((c) => c.positional)
  .map((c) => {
    const p = c.positional as NonNullable<CompletionCommand['positional']>;
    const action =
      p.kind === 'profile'
        ? `compadd -- \${(f)"$(_telephony_profiles)"}`
        : `compadd -- ${p.choices.map(singleQuote).join(' ')}`;
    return `      (${c.name.includes(' ') ? `"${c.name}"` : c.name}) ${action} ;;`;
  })
  .join('\n')}
    esac
  fi
}

if [[ \${zsh_eval_context[-1]} == loadautofunc ]]; then
  _telephony "$@"
else
  compdef _telephony telephony
fi
`;
}

// ---------------------------------------------------------------------------------------------
// fish

const fishQuote = (s: string) => `'${s.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;

export function fishScript(model: CompletionModel): string {
  const two = model.commands.filter((c) => c.name.includes(' ')).map((c) => fishQuote(c.name));
  const one = model.commands.filter((c) => !c.name.includes(' ')).map((c) => fishQuote(c.name));
  const optionLine = (option: CompletionOption, condition?: string) => {
    const parts = ['complete -c telephony'];
    if (condition) parts.push(`-n ${fishQuote(condition)}`);
    if (option.short) parts.push(`-s ${option.short}`);
    parts.push(`-l ${option.long}`);
    const value = option.value;
    if (value?.kind === 'choices') parts.push(`-x -a ${fishQuote(value.choices.join(' '))}`);
    else if (value?.kind === 'profile') parts.push(`-x -a '(__telephony_profiles)'`);
    else if (value?.kind === 'file') parts.push('-r -F');
    else if (value?.kind === 'free') parts.push('-x');
    parts.push(`-d ${fishQuote(oneLine(option.description))}`);
    return parts.join(' ');
  };
  const lines: string[] = [];
  for (const noun of nouns(model))
    lines.push(
      `complete -c telephony -n __telephony_needs_command -a ${fishQuote(noun.word)} -d ${fishQuote(oneLine(noun.description))}`,
    );
  for (const noun of nouns(model))
    for (const sub of subcommands(model, noun.word))
      lines.push(
        `complete -c telephony -n ${fishQuote(`__telephony_needs_subcommand ${noun.word}`)} -a ${fishQuote(sub.name.split(' ')[1] as string)} -d ${fishQuote(oneLine(sub.summary))}`,
      );
  for (const option of model.globals) lines.push(optionLine(option));
  for (const command of model.commands) {
    for (const option of command.options)
      lines.push(optionLine(option, `__telephony_is ${fishQuote(command.name)}`));
    const p = command.positional;
    if (p)
      lines.push(
        `complete -c telephony -n ${fishQuote(`__telephony_at ${fishQuote(command.name)} 0`)} -a ${
          p.kind === 'profile' ? `'(__telephony_profiles)'` : fishQuote(p.choices.join(' '))
        }`,
      );
  }

  return `# fish completion for telephony, generated by \`telephony completion fish\`.
# Install: telephony completion fish > ~/.config/fish/completions/telephony.fish

function __telephony_args --description 'The words of the command line that are not options or their values'
    set -l tokens (commandline -opc)
    set -e tokens[1]
    set -l skip 0
    for t in $tokens
        if test $skip -eq 1
            set skip 0
            continue
        end
        switch $t
            case ${valueFlags(model).map(fishQuote).join(' ')}
                set skip 1
            case '-*'
            case '*'
                printf '%s\\n' $t
        end
    end
end

function __telephony_command --description 'The command being typed, and how many arguments follow it'
    set -l args (__telephony_args)
    if test (count $args) -ge 2
        switch "$args[1] $args[2]"
            case ${two.join(' ') || "''"}
                echo "$args[1] $args[2]"
                math (count $args) - 2
                return
        end
    end
    if test (count $args) -ge 1
        switch $args[1]
            case ${one.join(' ') || "''"}
                echo $args[1]
                math (count $args) - 1
                return
        end
    end
end

function __telephony_is
    set -l found (__telephony_command)
    test "$found[1]" = "$argv[1]"
end

function __telephony_at
    set -l found (__telephony_command)
    test "$found[1]" = "$argv[1]" -a "$found[2]" = "$argv[2]"
end

function __telephony_needs_command
    set -l args (__telephony_args)
    test (count $args) -eq 0
end

function __telephony_needs_subcommand
    set -l args (__telephony_args)
    test (count $args) -eq 1 -a "$args[1]" = "$argv[1]"
end

function __telephony_profiles --description 'Profile names from config.toml'
    set -l dir $TELEPHONY_CONFIG_DIR
    if test -z "$dir"
        if test -n "$XDG_CONFIG_HOME"
            set dir $XDG_CONFIG_HOME/telephony-kit
        else if test (uname -s 2>/dev/null) = Darwin
            set dir $HOME/Library/Preferences/telephony-kit
        else
            set dir $HOME/.config/telephony-kit
        end
    end
    test -r $dir/config.toml; and sed -n 's/^[[:space:]]*\\[profiles\\.\\([A-Za-z0-9_.-]*\\)\\][[:space:]]*$/\\1/p' $dir/config.toml
end

complete -c telephony -f
${lines.join('\n')}
`;
}

export const command: CommandDefinition = {
  summary: 'Print a shell completion script (bash, zsh or fish)',
  usage: 'completion <bash|zsh|fish>',
  description: [
    'Prints a script that completes commands, options, option values (output formats, regions,',
    'profile names, files) and arguments. Install it once:',
    '  bash: telephony completion bash > ~/.local/share/bash-completion/completions/telephony',
    '  zsh:  telephony completion zsh > ~/.zsh/completions/_telephony',
    '        (with fpath=(~/.zsh/completions $fpath) before compinit in ~/.zshrc; restart zsh)',
    '  fish: telephony completion fish > ~/.config/fish/completions/telephony.fish',
  ].join('\n'),
  positionals: [{ name: 'shell', description: 'bash, zsh or fish', required: true }],
  examples: [
    'telephony completion bash > ~/.local/share/bash-completion/completions/telephony',
    'source <(telephony completion zsh)',
    'telephony completion fish > ~/.config/fish/completions/telephony.fish',
  ],
  async run(ctx, { positionals }) {
    const shell = positionals[0] as string;
    if (!(shells as readonly string[]).includes(shell))
      throw new UsageError(`Unknown shell "${shell}": use bash, zsh or fish.`, {
        command: 'completion',
      });
    const model = await completionModel();
    const script =
      shell === 'bash' ? bashScript(model) : shell === 'zsh' ? zshScript(model) : fishScript(model);
    ctx.stdout.write(script);
    return undefined;
  },
};
