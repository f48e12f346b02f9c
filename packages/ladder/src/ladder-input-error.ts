/** A Homer record that cannot be placed on the ladder: names the record and the missing field. */
export class LadderInputError extends Error {
  override readonly name = 'LadderInputError';
  /** The record's `id`, or null when it has none. */
  readonly recordId: string | null;
  /** Position of the record in the input array. */
  readonly position: number;
  /** The field that was missing or unusable. */
  readonly field: string;

  constructor(recordId: string | null, position: number, field: string, problem: string) {
    const which = recordId ? `HomerRecord id "${recordId}"` : 'HomerRecord without an id';
    super(
      `${which} (position ${position}) ${problem}, so it cannot be placed on the ladder. ` +
        `Fix or drop the record, or pass { invalid: 'skip' } to leave such records out with a warning.`,
    );
    this.recordId = recordId;
    this.position = position;
    this.field = field;
  }
}
