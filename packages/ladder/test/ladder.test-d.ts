import type { HomerRecord } from '@telephony-kit/models';
import { describe, expectTypeOf, it } from 'vitest';
import {
  type BuildLadderOptions,
  buildLadder,
  type LadderDialog,
  LadderInputError,
  type LadderMessage,
  type LadderModel,
  type LadderParticipant,
  type MessageClass,
  renderHtml,
  renderMermaid,
  renderSvg,
  renderText,
  shouldUseColor,
} from '../src/index';

declare const records: HomerRecord[];

describe('the public API', () => {
  it('builds a model from HomerRecords with the options the CLI passes', () => {
    expectTypeOf(buildLadder).parameter(0).toEqualTypeOf<HomerRecord[]>();
    const model = buildLadder(records, {
      mergeEphemeralPorts: true,
      aliases: { '10.0.0.1': 'pbx' },
    });
    expectTypeOf(model).toEqualTypeOf<LadderModel>();
    expectTypeOf(model.participants).toEqualTypeOf<LadderParticipant[]>();
    expectTypeOf(model.messages).toEqualTypeOf<LadderMessage[]>();
    expectTypeOf(model.dialogs).toEqualTypeOf<LadderDialog[]>();
    expectTypeOf(model.messages[0]!.class).toEqualTypeOf<MessageClass>();
    expectTypeOf(model.messages[0]!.status).toEqualTypeOf<number | null>();
    expectTypeOf(model.dialogs[0]!.aLegCallId).toEqualTypeOf<string | null>();
    expectTypeOf<BuildLadderOptions['invalid']>().toEqualTypeOf<'throw' | 'skip' | undefined>();
    expectTypeOf(new LadderInputError('1', 0, 'sourceIp', 'x').field).toEqualTypeOf<string>();

    // @ts-expect-error not an array of records
    buildLadder(records[0]);
    // @ts-expect-error an unknown option
    buildLadder(records, { mergePorts: true });
    // @ts-expect-error aliases map addresses to names
    buildLadder(records, { aliases: [['10.0.0.1', 'pbx']] });
    // @ts-expect-error only throw or skip
    buildLadder(records, { invalid: 'ignore' });
  });

  it('renders to strings with the documented options', () => {
    const model = buildLadder(records);
    expectTypeOf(
      renderText(model, { width: 100, color: true, ascii: false }),
    ).toEqualTypeOf<string>();
    expectTypeOf(renderSvg(model, { title: 'Call' })).toEqualTypeOf<string>();
    expectTypeOf(renderHtml(model, { title: 'Call' })).toEqualTypeOf<string>();
    expectTypeOf(renderMermaid(model)).toEqualTypeOf<string>();
    expectTypeOf(shouldUseColor(process.env, process.stdout.isTTY)).toEqualTypeOf<boolean>();

    // @ts-expect-error renderers take the model, not records
    renderText(records);
    // @ts-expect-error width is a number
    renderText(model, { width: '80' });
    // @ts-expect-error color is a boolean, decided by the caller
    renderText(model, { color: 'auto' });
    // @ts-expect-error title is a string
    renderSvg(model, { title: 1 });
    // @ts-expect-error isTTY is required (pass undefined when unknown)
    shouldUseColor(process.env);
  });
});
