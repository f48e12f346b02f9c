// `telephony sip ladder <conversationId>`: the SIP call flow of a conversation as a ladder diagram
// (terminal text, SVG, one HTML file or Mermaid), from the API or from a saved traces file.
import { readFile } from 'node:fs/promises';
import { assertUuid, searchSipTraces } from '@telephony-kit/client';
import {
  buildLadder,
  type LadderModel,
  renderHtml,
  renderMermaid,
  renderSvg,
  renderText,
  shouldUseColor,
} from '@telephony-kit/ladder';
import type { HomerRecord } from '@telephony-kit/models';
import { type CommandDefinition, outFileOption, timeWindowOptions } from '../command';
import { CliError, UsageError } from '../errors';
import { ExitCode } from '../exit-codes';
import { windowInput } from '../sip-filters';
import { assertWritableTarget, writeOutputFile } from '../write-output-file';

const NAME = 'sip ladder';
const FORMATS = ['text', 'svg', 'html', 'mermaid'] as const;
type Format = (typeof FORMATS)[number];

/** Homer records from a saved file: `sip traces` JSON (the envelope), an array, or NDJSON. */
export function parseTracesFile(content: string, file: string): HomerRecord[] {
  const text = content.trim();
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    try {
      parsed = text
        .split('\n')
        .filter((line) => line.trim())
        .map((line) => JSON.parse(line));
    } catch {
      throw new UsageError(
        `--input ${file} is neither JSON nor NDJSON: save it with \`telephony sip traces … --json > ${file}\`.`,
        { command: NAME },
      );
    }
  }
  const records = Array.isArray(parsed)
    ? parsed
    : parsed && typeof parsed === 'object' && Array.isArray((parsed as { data?: unknown }).data)
      ? (parsed as { data: unknown[] }).data
      : undefined;
  if (!records?.every((r) => r && typeof r === 'object' && !Array.isArray(r))) {
    throw new UsageError(
      `--input ${file} holds no SIP trace records: expected the output of \`telephony sip traces --json\` (an object with "data"), an array of records, or NDJSON.`,
      { command: NAME },
    );
  }
  return records as HomerRecord[];
}

/** The records of a conversation, with the other records of its Call-IDs (both B2BUA legs). */
export function recordsOfConversation(
  records: HomerRecord[],
  conversationId: string,
): HomerRecord[] {
  const callIds = new Set<string>();
  for (const record of records) {
    if (record.conversationId !== conversationId) continue;
    if (record.callid) callIds.add(record.callid);
    if (record.callidAleg) callIds.add(record.callidAleg);
  }
  return records.filter(
    (r) =>
      r.conversationId === conversationId ||
      (r.callid !== undefined && callIds.has(r.callid)) ||
      (r.callidAleg !== undefined && callIds.has(r.callidAleg)),
  );
}

/** `--alias 10.10.1.11=IND-EDGE-01` (repeatable) → { '10.10.1.11': 'IND-EDGE-01' }. */
export function parseAliases(values: readonly string[]): Record<string, string> {
  const aliases: Record<string, string> = {};
  for (const value of values) {
    const at = value.indexOf('=');
    const address = value.slice(0, at).trim();
    const name = value.slice(at + 1).trim();
    if (at <= 0 || !name || !/^[0-9A-Za-z.:[\]-]+$/.test(address)) {
      throw new UsageError(
        `--alias "${value}" is not address=name: e.g. --alias 10.10.1.11=IND-EDGE-01 or --alias 203.0.113.10:5060=Carrier.`,
        { command: NAME },
      );
    }
    aliases[address] = name;
  }
  return aliases;
}

function render(
  model: LadderModel,
  format: Format,
  title: string,
  text: { width: number; color: boolean; ascii: boolean },
): string {
  switch (format) {
    case 'text':
      return renderText(model, text);
    case 'svg':
      return renderSvg(model, { title });
    case 'html':
      return renderHtml(model, { title });
    case 'mermaid':
      return renderMermaid(model);
  }
}

export const command: CommandDefinition = {
  summary: 'Draw the SIP call flow of a conversation (terminal, SVG, HTML or Mermaid)',
  usage:
    'sip ladder <conversationId> [--since 7d | --from <date> --to <date>] [--format text|svg|html|mermaid] [-o file]\n       telephony sip ladder [<conversationId>] --input traces.json [--format …] [-o file]',
  description:
    'Searches the SIP traces of the conversation (default: the last 7 days) and draws them, one column per host:port, both legs of a B2BUA correlated. --input reads a file saved with `telephony sip traces … --json > traces.json` instead of calling the API. The diagram is written as is (also when piped); --json or --output json|yaml prints the ladder model instead.',
  operationId: 'getTelephonySiptraces',
  positionals: [
    {
      name: 'conversationId',
      description: 'Conversation id (a UUID); optional with --input',
      required: false,
    },
  ],
  options: {
    ...timeWindowOptions,
    format: {
      type: 'string',
      valueName: 'format',
      choices: FORMATS,
      description: 'text (default), svg, html (one self-contained file) or mermaid',
    },
    ...outFileOption,
    input: {
      type: 'string',
      valueName: 'file',
      description: 'Read the records from a saved `sip traces --json` file instead of the API',
    },
    'merge-ports': {
      type: 'boolean',
      description: "One column per host: merge a host's ephemeral ports",
    },
    alias: {
      type: 'string',
      multiple: true,
      valueName: 'address=name',
      description: 'Name a column: --alias 10.10.1.11=IND-EDGE-01 (repeatable)',
    },
    width: {
      type: 'string',
      valueName: 'columns',
      description: 'Width of the text diagram (default: the terminal width, else 100)',
    },
    ascii: { type: 'boolean', description: 'ASCII lines and arrows instead of Unicode' },
  },
  examples: [
    'telephony sip ladder 6d1b2f4e-58a7-4c8e-9f0d-3b2a1c4d5e6f',
    'telephony sip ladder 6d1b2f4e-58a7-4c8e-9f0d-3b2a1c4d5e6f --format html -o call.html',
    'telephony sip ladder 6d1b2f4e-58a7-4c8e-9f0d-3b2a1c4d5e6f --format mermaid > call.mmd',
    'telephony sip traces --since 2h --call-id a84b4c76e66710@pbx --json > traces.json && telephony sip ladder --input traces.json --format svg -o call.svg',
  ],
  needsClient: true,
  async run(ctx, { positionals, options }) {
    const conversationId = positionals[0];
    const input = options.input as string | undefined;
    if (conversationId === undefined && input === undefined) {
      throw new UsageError('Give a <conversationId>, or --input with saved traces.', {
        command: NAME,
      });
    }
    if (conversationId !== undefined) assertUuid(conversationId, 'conversationId');
    if (input !== undefined && (options.since ?? options.from ?? options.to) !== undefined) {
      throw new UsageError('--input reads saved traces: leave out --since, --from and --to.', {
        command: NAME,
      });
    }
    const format = (options.format as Format | undefined) ?? 'text';
    const out = options.out as string | undefined;
    const aliases = parseAliases((options.alias as string[] | undefined) ?? []);
    let width = (ctx.stdout as { columns?: number }).columns ?? 100;
    if (options.width !== undefined) {
      width = Number(options.width);
      if (!Number.isInteger(width) || width < 40 || width > 1000) {
        throw new UsageError(`--width "${options.width}" must be a whole number from 40 to 1000.`, {
          command: NAME,
        });
      }
    }
    if (out !== undefined && out !== '-') await assertWritableTarget(out, NAME);

    let records: HomerRecord[];
    let where: string;
    if (input !== undefined) {
      let content: string;
      try {
        content = await readFile(input, 'utf8');
      } catch (error) {
        throw new UsageError(
          `Cannot read --input ${input}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}.`,
          { command: NAME },
        );
      }
      records = parseTracesFile(content, input);
      if (conversationId !== undefined) records = recordsOfConversation(records, conversationId);
      where = `in ${input}`;
    } else {
      const window = windowInput(options, NAME, '7d');
      const client = await ctx.client();
      const result = await searchSipTraces(
        client,
        { ...window, conversationId: conversationId as string },
        { signal: ctx.signal },
      );
      records = recordsOfConversation(result.data ?? [], conversationId as string);
      where =
        options.since === undefined && options.from === undefined
          ? 'in the last 7 days'
          : 'in that window';
    }
    if (records.length === 0) {
      throw new CliError(
        conversationId === undefined
          ? `No SIP trace records ${where}.`
          : `No SIP trace records of conversation ${conversationId} ${where}.${input === undefined ? ' Widen the window (--since 21d: traces are kept 21 days) or check the id.' : ''}`,
        ExitCode.notFound,
      );
    }
    const model = buildLadder(records, {
      mergeEphemeralPorts: options['merge-ports'] === true,
      aliases,
      invalid: 'skip',
    });
    for (const warning of model.warnings) {
      ctx.warn(`skipped record ${warning.recordId ?? `#${warning.position}`}: ${warning.message}`);
    }
    ctx.log(
      `${model.messages.length} message(s), ${model.participants.length} participant(s), ${model.dialogs.length} dialog(s)`,
    );
    if (ctx.globals.json || (ctx.globals.output && ctx.globals.output !== 'table')) return model;

    const title = conversationId ? `SIP ladder of conversation ${conversationId}` : `SIP ladder`;
    const toFile = out !== undefined && out !== '-';
    const color =
      format === 'text' &&
      !toFile &&
      !ctx.globals.noColor &&
      shouldUseColor(ctx.env, ctx.isTTY.stdout);
    const rendered = render(model, format, title, {
      width,
      color,
      ascii: options.ascii === true,
    });
    if (toFile) {
      await writeOutputFile(out, rendered);
      ctx.warn(`Saved ${out} (${format}, ${model.messages.length} messages).`);
      return undefined;
    }
    await new Promise<void>((resolve, reject) =>
      ctx.stdout.write(rendered, (error) => (error ? reject(error) : resolve())),
    );
    return undefined;
  },
};
