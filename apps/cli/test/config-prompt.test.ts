// The prompter, on a stand-in terminal: raw mode on and off, no echo for secrets, prompts on stderr.
import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createPrompter } from '../src/config/prompt';

function terminal() {
  const stdin = Object.assign(new PassThrough(), {
    isTTY: true,
    isRaw: false,
    modes: [] as boolean[],
    setRawMode(mode: boolean) {
      stdin.isRaw = mode;
      stdin.modes.push(mode);
      return stdin;
    },
  });
  const stderr = new PassThrough();
  let screen = '';
  stderr.on('data', (chunk) => {
    screen += chunk.toString();
  });
  const prompt = createPrompter({ stdin, stderr });
  // Types once the question is on screen, as a person would.
  const type = async (text: string) => {
    await new Promise((resolve) => setImmediate(resolve));
    stdin.write(text);
  };
  return { stdin, prompt, type, screen: () => screen };
}

describe('createPrompter', () => {
  it('reads a secret without echo, in raw mode, and restores the mode', async () => {
    const t = terminal();
    const answer = t.prompt.secret('Client secret');
    await t.type('hunter2x\u007f2\r');
    expect(await answer).toBe('hunter22');
    expect(t.screen()).toBe('Client secret (input hidden): \n');
    expect(t.stdin.modes).toEqual([true, false]);
  });

  it('echoes text, applies backspace and a default', async () => {
    const t = terminal();
    const region = t.prompt.text('Region', { default: 'us-east-1' });
    await t.type('eu-wesX\u007ft-1\r');
    expect(await region).toBe('eu-west-1');
    expect(t.screen()).toBe('Region [us-east-1]: eu-wesX\b \bt-1\n');
    const fallback = t.prompt.text('Region', { default: 'us-east-1' });
    await t.type('\r');
    expect(await fallback).toBe('us-east-1');
  });

  it('keeps keys typed ahead for the next question (a paste of two lines)', async () => {
    const t = terminal();
    const first = t.prompt.text('Client id');
    await t.type('abc\r\ns3cret\r');
    expect(await first).toBe('abc');
    expect(await t.prompt.secret('Client secret')).toBe('s3cret');
    expect(t.screen()).not.toContain('s3cret');
  });

  it('confirms with y/n and asks again otherwise', async () => {
    const t = terminal();
    const yes = t.prompt.confirm('Reboot?');
    await t.type('maybe\ry\r');
    expect(await yes).toBe(true);
    expect(t.screen()).toContain('Please answer y or n.');
    const no = t.prompt.confirm('Reboot?', { default: false });
    await t.type('\r');
    expect(await no).toBe(false);
    expect(t.screen()).toContain('[y/N]');
  });

  it('Ctrl-C rejects with InterruptedError and restores the terminal', async () => {
    const t = terminal();
    const answer = t.prompt.secret('Client secret');
    await t.type('abc\u0003');
    await expect(answer).rejects.toMatchObject({ name: 'InterruptedError' });
    expect(t.stdin.isRaw).toBe(false);
  });

  it('refuses to ask without a terminal', async () => {
    const prompt = createPrompter({ stdin: new PassThrough(), stderr: new PassThrough() });
    await expect(prompt.text('Region')).rejects.toThrow(
      'Cannot ask "Region": stdin is not a terminal. Pass the value as an option instead',
    );
  });

  it('input that ends is no answer', async () => {
    const t = terminal();
    const answer = t.prompt.text('Region');
    await t.type('eu');
    t.stdin.end();
    await expect(answer).rejects.toThrow('No answer: the input ended at a prompt.');
  });
});
