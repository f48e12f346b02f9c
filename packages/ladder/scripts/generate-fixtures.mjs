// Regenerates test/fixtures/*.json from the emulator's seeded data set (run `pnpm fixtures` after
// building @telephony-kit/emulator). The fixtures are committed so that the goldens stay stable
// even when the generator changes; rerun this only on purpose, then UPDATE_GOLDEN=1 the tests.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createEmulator, createManualClock } from '@telephony-kit/emulator';

const dir = join(import.meta.dirname, '../test/fixtures');
const emulator = await createEmulator({
  seed: 42,
  clock: createManualClock(Date.parse('2026-11-26T12:00:00Z')),
  dataset: { calls: 40 },
});
const { records, conversations } = emulator.dataset;
await emulator.close();

const recordsOf = (conversation) =>
  records.filter((r) => r.conversationId === conversation.conversationId);
const ephemeral = (rs) => rs.some((r) => Number(r.sourcePort) >= 49152);
const pick = (outcome, test = () => true) => {
  const found = conversations.find((c) => c.outcome === outcome && test(recordsOf(c)));
  if (!found) throw new Error(`no ${outcome} conversation in the data set`);
  return recordsOf(found);
};

// INVITE/100/180/200/ACK/BYE/200 on both legs of a B2BUA, the carrier on TLS from an ephemeral port.
const completed = pick(
  'completed',
  (rs) => rs.some((r) => r.method === '180') && rs.some((r) => r.callidAleg) && ephemeral(rs),
);
// CANCEL → 200 → 487 → ACK on both legs.
const cancelled = pick('cancelled', (rs) => rs.some((r) => r.method === '487'));
// 486 Busy Here relayed by the Edge, plus the same packets captured a second time by another Homer
// node a few microseconds later (ids after the data set's last one).
const busyRecords = pick('busy', ephemeral);
let nextId = Math.max(...records.map((r) => Number(r.id))) + 1;
const busy = [...busyRecords];
for (const original of busyRecords.filter((r) => r.method === '486' || r.method === 'INVITE')) {
  const microTs = BigInt(original.microTs) + 37n;
  const milliTs = microTs / 1000n;
  busy.push({
    ...original,
    id: String(nextId++),
    node: 'homer02',
    microTs: String(microTs),
    milliTs: String(milliTs),
    date: new Date(Number(milliTs)).toISOString(),
  });
}

const write = (name, data) => {
  writeFileSync(join(dir, name), `${JSON.stringify(data, null, 2)}\n`);
  console.log(`wrote test/fixtures/${name} (${data.length} records)`);
};
write('completed-call.json', completed);
write('cancelled-call.json', cancelled);
write('busy-call-duplicated.json', busy);
