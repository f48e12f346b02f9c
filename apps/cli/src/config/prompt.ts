// Questions on the terminal: the question goes to stderr (stdout carries data only), the answer is
// read from stdin in raw mode, so a secret is never echoed and never passes through a line editor's
// history. Without a terminal there is nobody to ask: the prompter refuses, and the command says
// which flag to pass instead.
import { ValidationError } from '@telephony-kit/client';
import { InterruptedError } from '../errors';

export interface Prompter {
  text(question: string, opts?: { default?: string }): Promise<string>;
  /** No echo. */
  secret(question: string): Promise<string>;
  confirm(question: string, opts?: { default?: boolean }): Promise<boolean>;
}

/** The stdin a prompter needs: a readable stream that may be a TTY. */
export type PromptInput = NodeJS.ReadableStream & {
  isTTY?: boolean;
  setRawMode?(mode: boolean): unknown;
  isRaw?: boolean;
};

export interface PromptIO {
  stdin: PromptInput;
  stderr: NodeJS.WritableStream;
  /**
   * Called on Ctrl-C (in raw mode the terminal sends no SIGINT). The question rejects with an
   * InterruptedError either way (exit 130).
   */
  onInterrupt?: () => void;
}

const CTRL_C = '\u0003';
const CTRL_D = '\u0004';
const CTRL_U = '\u0015';
const BACKSPACE = new Set(['\u007f', '\b']);

export function createPrompter(io: PromptIO): Prompter {
  const { stdin, stderr } = io;
  const { onInterrupt } = io;
  const ended = () =>
    new ValidationError('No answer: the input ended at a prompt.', { field: 'stdin' });
  // Keys typed ahead of a question (a paste with several lines) wait here for the next one.
  let typeahead = '';
  let busy = false;

  function read(question: string, shown: string, echo: boolean): Promise<string> {
    if (!stdin.isTTY || typeof stdin.setRawMode !== 'function')
      return Promise.reject(
        new ValidationError(
          `Cannot ask "${question}": stdin is not a terminal. Pass the value as an option instead (see --help).`,
          { field: 'stdin' },
        ),
      );
    if (busy) return Promise.reject(new Error('Prompter: one question at a time.'));
    busy = true;
    stderr.write(shown);
    const wasRaw = stdin.isRaw === true;
    stdin.setRawMode?.(true);
    return new Promise<string>((resolve, reject) => {
      let answer = '';
      const finish = (error?: Error) => {
        stdin.removeListener('data', onData);
        stdin.removeListener('end', onEnd);
        stdin.setRawMode?.(wasRaw);
        stdin.pause();
        stderr.write('\n');
        busy = false;
        if (error) reject(error);
        else resolve(answer);
      };
      const feed = (chunk: string) => {
        for (let i = 0; i < chunk.length; i++) {
          const char = chunk[i] as string;
          if (char === '\r' || char === '\n') {
            // \r\n from a paste is one Enter.
            const rest = chunk.slice(i + 1);
            typeahead = char === '\r' && rest.startsWith('\n') ? rest.slice(1) : rest;
            finish();
            return;
          }
          if (char === CTRL_C) {
            typeahead = '';
            finish(new InterruptedError());
            onInterrupt?.();
            return;
          }
          if (char === CTRL_D) {
            if (!answer) {
              typeahead = '';
              finish(ended());
              return;
            }
          } else if (BACKSPACE.has(char)) {
            if (answer) {
              // Whole code points: an emoji is two UTF-16 units.
              const points = [...answer];
              points.pop();
              answer = points.join('');
              if (echo) stderr.write('\b \b');
            }
          } else if (char === CTRL_U) {
            if (echo) stderr.write('\b \b'.repeat([...answer].length));
            answer = '';
          } else if (char === '\u001b') {
            // An escape sequence (arrow keys…): skip it, it is not part of an answer.
            const match = /^(\[[0-9;]*[A-Za-z~]|O[A-Za-z]|.)?/.exec(chunk.slice(i + 1));
            i += match?.[0].length ?? 0;
          } else if (char >= ' ') {
            answer += char;
            if (echo) stderr.write(char);
          }
        }
      };
      const onData = (data: Buffer | string) => feed(data.toString());
      const onEnd = () => finish(ended());
      stdin.on('data', onData);
      stdin.on('end', onEnd);
      stdin.resume();
      if (typeahead) {
        const pending = typeahead;
        typeahead = '';
        feed(pending);
      }
    });
  }

  return {
    async text(question, opts = {}) {
      const suffix = opts.default ? ` [${opts.default}]` : '';
      for (;;) {
        const answer = (await read(question, `${question}${suffix}: `, true)).trim();
        if (answer) return answer;
        if (opts.default !== undefined) return opts.default;
        stderr.write('An answer is required (Ctrl-C to stop).\n');
      }
    },
    async secret(question) {
      for (;;) {
        const answer = await read(question, `${question} (input hidden): `, false);
        if (answer.trim()) return answer.trim();
        stderr.write('An answer is required (Ctrl-C to stop).\n');
      }
    },
    async confirm(question, opts = {}) {
      const hint = opts.default === true ? 'Y/n' : opts.default === false ? 'y/N' : 'y/n';
      for (;;) {
        const answer = (await read(question, `${question} [${hint}] `, true)).trim().toLowerCase();
        if (!answer && opts.default !== undefined) return opts.default;
        if (answer === 'y' || answer === 'yes') return true;
        if (answer === 'n' || answer === 'no') return false;
        stderr.write('Please answer y or n.\n');
      }
    },
  };
}
