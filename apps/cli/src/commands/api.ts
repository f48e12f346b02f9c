// `telephony api <METHOD> <path>`: any Telephony operation, checked against the contract's
// operation table (method, path, path ids, query names, body) before anything is sent.
import { readFile } from 'node:fs/promises';
import { assertUuid } from '@telephony-kit/client';
import {
  type HttpMethod,
  type OperationId,
  operationDetails,
  operationIds,
  operationTable,
} from '@telephony-kit/models';
import { closest } from '../closest';
import type { CommandDefinition, Context } from '../command';
import { UsageError } from '../errors';
import { parseHardwareId, parsePathId } from '../validate';

const NAME = 'api';
const METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS'];
const UUID_PARAMETERS = new Set(['conversationId', 'phoneId', 'siteId', 'participantId']);

export interface ResolvedOperation {
  operationId: OperationId;
  /** Path parameters, validated. */
  path: Record<string, string>;
}

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** The operations whose path template matches `path`, with the path parameters they capture. */
function matchPath(path: string): { operationId: OperationId; params: Record<string, string> }[] {
  const matches: { operationId: OperationId; params: Record<string, string> }[] = [];
  for (const operationId of operationIds) {
    const template = operationTable[operationId].path;
    const names: string[] = [];
    const pattern = template
      .split(/(\{[^}]+\})/)
      .map((part) => {
        const name = /^\{([^}]+)\}$/.exec(part)?.[1];
        if (!name) return escapeRegExp(part);
        names.push(name);
        return '([^/]+)';
      })
      .join('');
    const match = new RegExp(`^${pattern}/?$`).exec(path);
    if (!match) continue;
    const params: Record<string, string> = {};
    names.forEach((name, i) => {
      params[name] = decodeURIComponent(match[i + 1] as string);
    });
    matches.push({ operationId, params });
  }
  // A literal segment beats a parameter: …/download (POST) over …/download/{downloadId}.
  return matches.sort((a, b) => Object.keys(a.params).length - Object.keys(b.params).length);
}

/** Finds the operation of METHOD + path, or throws a UsageError that lists the closest paths. */
export function resolveOperation(methodArg: string, rawPath: string): ResolvedOperation {
  const method = methodArg.toUpperCase();
  if (!METHODS.includes(method)) {
    throw new UsageError(`"${methodArg}" is not an HTTP method: use GET or POST.`, {
      command: NAME,
    });
  }
  const path = rawPath.startsWith('/') ? rawPath : `/${rawPath}`;
  const candidates = matchPath(path);
  if (candidates.length === 0) {
    const known = [...new Set(operationIds.map((id) => operationTable[id].path))];
    const nearest = closest(path, known, 3);
    throw new UsageError(
      `${path} is not a Telephony API path. Closest known paths: ${nearest.join(', ')}.`,
      { command: NAME },
    );
  }
  const found = candidates.find(
    (c) => operationTable[c.operationId].method === (method.toLowerCase() as HttpMethod),
  );
  if (!found) {
    const allowed = candidates
      .map((c) => operationTable[c.operationId].method.toUpperCase())
      .join(' or ');
    throw new UsageError(`${method} is not allowed on ${path}: use ${allowed}.`, {
      command: NAME,
    });
  }
  for (const [name, value] of Object.entries(found.params)) {
    if (UUID_PARAMETERS.has(name)) assertUuid(value, name);
    else
      found.params[name] =
        name === 'hardwareId' ? parseHardwareId(value, NAME) : parsePathId(value, name, NAME);
  }
  return { operationId: found.operationId, path: found.params };
}

/** `--query k=v` pairs (and a `?k=v` in the path), checked against the operation's parameters. */
export function resolveQuery(
  operationId: OperationId,
  pairs: readonly string[],
): Record<string, string | string[]> {
  const parameters = operationDetails[operationId].parameters.filter((p) => p.in === 'query');
  const query: Record<string, string | string[]> = {};
  for (const pair of pairs) {
    const at = pair.indexOf('=');
    if (at <= 0) {
      throw new UsageError(`--query "${pair}" is not key=value, e.g. --query dateStart=2h.`, {
        command: NAME,
      });
    }
    const key = pair.slice(0, at);
    const value = pair.slice(at + 1);
    const parameter = parameters.find((p) => p.name === key);
    if (!parameter) {
      throw new UsageError(
        parameters.length
          ? `${operationId} has no query parameter "${key}": use ${parameters.map((p) => p.name).join(', ')}.`
          : `${operationId} takes no query parameters.`,
        { command: NAME },
      );
    }
    if (parameter.array) {
      const list = value.split(',').filter(Boolean);
      query[key] = [...((query[key] as string[] | undefined) ?? []), ...list];
    } else query[key] = value;
  }
  const missing = parameters.filter((p) => p.required && query[p.name] === undefined);
  if (missing.length) {
    throw new UsageError(
      `${operationId} needs ${missing.map((p) => `--query ${p.name}=…`).join(' and ')}.`,
      { command: NAME },
    );
  }
  return query;
}

async function readBody(source: string, ctx: Context): Promise<unknown> {
  let textBody: string;
  if (source === '-') {
    if (ctx.isTTY.stdin) {
      throw new UsageError('--body - reads JSON from a pipe: … | telephony api POST … --body -.', {
        command: NAME,
      });
    }
    const chunks: Buffer[] = [];
    for await (const chunk of ctx.stdin) chunks.push(Buffer.from(chunk as Buffer));
    textBody = Buffer.concat(chunks).toString('utf8');
  } else {
    try {
      textBody = await readFile(source, 'utf8');
    } catch (error) {
      throw new UsageError(
        `Cannot read --body ${source}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}.`,
        { command: NAME },
      );
    }
  }
  try {
    return JSON.parse(textBody);
  } catch (error) {
    throw new UsageError(
      `--body ${source === '-' ? '(stdin)' : source} is not valid JSON: ${(error as Error).message}.`,
      { command: NAME },
    );
  }
}

export const command: CommandDefinition = {
  summary: 'Call any Telephony API operation by method and path',
  usage: 'api <METHOD> <path> [--query key=value]… [--body file.json|-]',
  description:
    'The method and path are checked against the contract (paths with ids are accepted as /api/v2/telephony/phone/<id>/settings), as are query names and the body. The response is printed as by every command: JSON when piped.',
  positionals: [
    { name: 'METHOD', description: 'GET or POST', required: true },
    {
      name: 'path',
      description: 'An API path, e.g. /api/v2/telephony/mediaregions',
      required: true,
    },
  ],
  options: {
    query: {
      type: 'string',
      multiple: true,
      valueName: 'key=value',
      description: 'A query parameter (repeatable)',
    },
    body: {
      type: 'string',
      valueName: 'file|-',
      description: 'JSON request body from a file, or - for stdin',
    },
  },
  examples: [
    'telephony api GET /api/v2/telephony/mediaregions',
    'telephony api GET /api/v2/telephony/siptraces --query dateStart=2026-11-26T10:00:00Z --query dateEnd=2026-11-26T11:00:00Z',
    'telephony api GET /api/v2/telephony/sipmessages/conversations/6d1b2f4e-58a7-4c8e-9f0d-3b2a1c4d5e6f/headers --query keys=ruri,to',
    'echo \'{"dateStart":"2026-11-26T10:00:00Z","dateEnd":"2026-11-26T11:00:00Z"}\' | telephony api POST /api/v2/telephony/siptraces/download --body -',
  ],
  needsClient: true,
  async run(ctx, { positionals, options }) {
    const [methodArg, rawTarget] = positionals as [string, string];
    const [rawPath, search] = rawTarget.split('?', 2) as [string, string | undefined];
    const { operationId, path } = resolveOperation(methodArg, rawPath);
    const pairs = [
      ...(search ? search.split('&').filter(Boolean).map(decodeURIComponent) : []),
      ...((options.query as string[] | undefined) ?? []),
    ];
    const query = resolveQuery(operationId, pairs);
    const requestBody = operationDetails[operationId].requestBody;
    const bodySource = options.body as string | undefined;
    if (bodySource !== undefined && !requestBody) {
      throw new UsageError(`${operationId} takes no request body: leave out --body.`, {
        command: NAME,
      });
    }
    if (bodySource === undefined && requestBody?.required) {
      throw new UsageError(
        `${operationId} needs a JSON body (${requestBody.schema}): --body file.json, or --body - to read stdin.`,
        { command: NAME },
      );
    }
    if (bodySource === '-' && ctx.globals.clientSecretStdin) {
      throw new UsageError(
        'stdin cannot carry both the body and the secret: use --body file.json with --client-secret-stdin.',
        { command: NAME },
      );
    }
    const body = bodySource === undefined ? undefined : await readBody(bodySource, ctx);
    const operation = operationTable[operationId];
    const client = await ctx.client();
    ctx.log(`${operationId}: ${operation.method.toUpperCase()} ${operation.path}`);
    // The operation was found at run time, so its types are too: the call is checked above.
    const request = client.request as unknown as (
      method: string,
      url: string,
      init: Record<string, unknown>,
    ) => Promise<{ data?: unknown; error?: unknown; response: Response }>;
    const result = await request(operation.method, operation.path, {
      params: { path, query },
      ...(body !== undefined ? { body } : {}),
      signal: ctx.signal,
    });
    const data = await client.unwrap(result);
    return data === undefined || data === null ? { status: result.response.status } : data;
  },
};
