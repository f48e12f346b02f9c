// `--client-secret-stdin`: the secret arrives through a pipe, never through argv.
import { ValidationError } from '@telephony-kit/client';

/** Reads all of stdin and returns it without the trailing line break. */
export async function readSecretFromStdin(stdin: NodeJS.ReadableStream): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of stdin) chunks.push(Buffer.from(chunk as Buffer));
  const secret = Buffer.concat(chunks)
    .toString('utf8')
    .replace(/\r?\n$/, '')
    .trim();
  if (!secret)
    throw new ValidationError(
      '--client-secret-stdin read nothing: pipe the client secret to stdin (printf %s "$SECRET" | telephony login …).',
      { field: 'clientSecret' },
    );
  if (/[\r\n]/.test(secret))
    throw new ValidationError(
      '--client-secret-stdin read several lines: pipe only the client secret.',
      { field: 'clientSecret' },
    );
  return secret;
}
