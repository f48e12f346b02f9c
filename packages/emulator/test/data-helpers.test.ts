import { describe, expect, it } from 'vitest';
import { normalizeHardwareId } from '../src/data/generate-dataset';
import { createRandom } from '../src/data/random';

describe('normalizeHardwareId', () => {
  it.each([
    '00:11:22:AA:BB:CC',
    '00:11:22:aa:bb:cc',
    '001122aabbcc',
    '001122AABBCC',
    '00-11-22-aa-bb-cc',
    '0011.22aa.bbcc',
    '  00-11-22-AA-BB-CC ',
  ])('reads the MAC %j as 12 lowercase hex digits', (input) => {
    expect(normalizeHardwareId(input)).toBe('001122aabbcc');
  });

  it('lowercases a softphone FQDN', () => {
    expect(normalizeHardwareId('WebRTC-1a2b3c4d.Softphone.Example.com')).toBe(
      'webrtc-1a2b3c4d.softphone.example.com',
    );
    expect(normalizeHardwareId('phone.example.com.')).toBe('phone.example.com');
  });

  it.each([
    '',
    'garbage',
    '00:11:22:aa:bb',
    '00:11:22:aa:bb:cc:dd',
    '00:11-22:aa:bb:cc',
    'zz:11:22:aa:bb:cc',
    '001122aabbc',
    '10.0.0.1',
    '-bad.example.com',
    'bad..example.com',
    'white space.example.com',
  ])('rejects %j', (input) => {
    expect(normalizeHardwareId(input)).toBeNull();
  });
});

describe('createRandom', () => {
  it('repeats its sequence for a seed and differs between seeds', () => {
    const a = createRandom(7);
    const b = createRandom(7);
    const c = createRandom(8);
    const seqA = Array.from({ length: 5 }, () => a.uint32());
    expect(Array.from({ length: 5 }, () => b.uint32())).toEqual(seqA);
    expect(Array.from({ length: 5 }, () => c.uint32())).not.toEqual(seqA);
  });

  it('makes v4-shaped UUIDs, hex of the asked length and integers in range', () => {
    const random = createRandom(1);
    for (let i = 0; i < 200; i++) {
      expect(random.uuid()).toMatch(
        /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
      );
      expect(random.hex(13)).toMatch(/^[0-9a-f]{13}$/);
      const n = random.int(3, 5);
      expect(n).toBeGreaterThanOrEqual(3);
      expect(n).toBeLessThanOrEqual(5);
    }
  });
});
