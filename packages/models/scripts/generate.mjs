// Generates src/generated/ from openapi/telephony.yaml: the openapi-typescript types, one alias per
// schema, and the operation table that the emulator, the CLI's help and the docs read.
// `--check` regenerates in memory and fails when a committed file differs.

import { existsSync, readFileSync } from 'node:fs';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { fileURLToPath, pathToFileURL } from 'node:url';
import openapiTS, { astToString } from 'openapi-typescript';
import { parse } from 'yaml';

const contractUrl = new URL('../../../openapi/telephony.yaml', import.meta.url);
const outFlag = process.argv.indexOf('--out');
// `--out DIR` points at another copy of src/generated (used by the freshness check's own test).
const outDir =
  outFlag > 0
    ? pathToFileURL(`${process.argv[outFlag + 1]}/`)
    : new URL('../src/generated/', import.meta.url);
const HEADER =
  '// Generated from openapi/telephony.yaml by packages/models/scripts/generate.mjs.\n' +
  '// Do not edit: change the contract and run `pnpm generate`.\n\n';
const METHODS = ['get', 'put', 'post', 'delete', 'patch', 'head', 'options'];

function resolve(document, node) {
  let current = node;
  while (current && typeof current.$ref === 'string') {
    if (!current.$ref.startsWith('#/'))
      throw new Error(`Unsupported external $ref ${current.$ref}`);
    current = current.$ref
      .slice(2)
      .split('/')
      .reduce((value, key) => value?.[key.replace(/~1/g, '/').replace(/~0/g, '~')], document);
    if (current === undefined) throw new Error(`Unresolvable $ref ${node.$ref}`);
  }
  return current;
}

function schemaName(schema) {
  return schema?.$ref?.startsWith('#/components/schemas/')
    ? schema.$ref.slice('#/components/schemas/'.length)
    : null;
}

function describeParameter(document, raw) {
  const parameter = resolve(document, raw);
  const schema = resolve(document, parameter.schema ?? {});
  const array = schema.type === 'array';
  const item = array ? resolve(document, schema.items ?? {}) : schema;
  return {
    name: parameter.name,
    in: parameter.in,
    required: parameter.required === true,
    type: item.type ?? 'string',
    ...(item.format ? { format: item.format } : {}),
    array,
    ...(item.enum ? { enum: item.enum } : {}),
    description: parameter.description ?? '',
  };
}

function describeOperation(document, path, method, pathItem, operation) {
  const security = operation.security ?? document.security ?? [];
  const requires = operation['x-inin-requires-permissions'];
  const parameters = [...(pathItem.parameters ?? []), ...(operation.parameters ?? [])].map((p) =>
    describeParameter(document, p),
  );
  const body = operation.requestBody ? resolve(document, operation.requestBody) : null;
  const [contentType, media] = body ? (Object.entries(body.content ?? {})[0] ?? []) : [];
  const responses = Object.entries(operation.responses ?? {}).map(([status, raw]) => {
    const response = resolve(document, raw);
    const json = response.content?.['application/json'];
    return { status: Number(status), schema: json ? (schemaName(json.schema) ?? 'object') : null };
  });
  const success = responses.filter((r) => r.status >= 200 && r.status < 300);
  return {
    info: {
      operationId: operation.operationId,
      method,
      path,
      summary: operation.summary ?? '',
      permissions: requires ? { type: requires.type, permissions: requires.permissions } : null,
      visibility: operation['x-genesys-visibility'] ?? 'public',
      requiresToken: security.length > 0 && security.some((entry) => Object.keys(entry).length > 0),
      success,
    },
    details: {
      description: operation.description ?? '',
      parameters,
      requestBody: body
        ? {
            schema: schemaName(media?.schema) ?? 'object',
            contentType,
            required: body.required === true,
          }
        : null,
      responses,
    },
  };
}

export async function render() {
  const source = await readFile(contractUrl, 'utf8');
  const document = parse(source);

  const types = HEADER + astToString(await openapiTS(contractUrl, { alphabetize: false }));

  const schemaNames = Object.keys(document.components?.schemas ?? {});
  const schemas =
    HEADER +
    "import type { components } from './telephony';\n\n" +
    schemaNames
      .map((name) => {
        const description = document.components.schemas[name].description;
        const doc = description ? `/** ${description.trim().split('\n')[0]} */\n` : '';
        return `${doc}export type ${name} = components['schemas']['${name}'];\n`;
      })
      .join('');

  const table = {};
  const details = {};
  for (const [path, pathItem] of Object.entries(document.paths ?? {})) {
    for (const method of METHODS) {
      const operation = pathItem[method];
      if (!operation) continue;
      if (!operation.operationId)
        throw new Error(`${method.toUpperCase()} ${path} has no operationId`);
      const described = describeOperation(document, path, method, pathItem, operation);
      table[operation.operationId] = described.info;
      details[operation.operationId] = described.details;
    }
  }
  const tableHeader = (type) =>
    `${HEADER}import type { operations } from './telephony';\n` +
    `import type { ${type} } from '../operation-info';\n\n`;
  // Two tables, so that a browser bundle that needs routes and permissions does not carry the
  // descriptions and parameter docs that the CLI's help and the emulator read.
  const operationTable =
    `${tableHeader('OperationInfo')}/** One entry per operation of the contract: method, path, permissions, visibility, token. */\n` +
    `export const operationTable = ${JSON.stringify(table, null, 2)} as const satisfies Record<keyof operations, OperationInfo>;\n`;
  const operationDetails =
    `${tableHeader('OperationDetails')}/** Per operation: description, parameters, request body and every response. */\n` +
    `export const operationDetails = ${JSON.stringify(details, null, 2)} as const satisfies Record<keyof operations, OperationDetails>;\n`;

  // The same facts as one line per operation, for code that must stay small (browser bundles):
  // `method path token(+/-) TYPE=permission,…` with paths under /api/v2/telephony.
  const routes = Object.values(table)
    .map((op) =>
      [
        op.method,
        op.path.replace(/^\/api\/v2\/telephony/, ''),
        op.requiresToken ? '+' : '-',
        op.permissions ? `${op.permissions.type}=${op.permissions.permissions.join(',')}` : '-',
      ].join(' '),
    )
    .join('\n');
  const operationRoutes =
    HEADER +
    '/**\n' +
    ' * `operationTable` in one line per operation, for code that must stay small (browser bundles):\n' +
    ' * `method path token(+ or -) TYPE=permission,…` (or `-`), paths under `/api/v2/telephony`.\n' +
    ' */\n' +
    `export const operationRoutes = ${JSON.stringify(routes)};\n`;

  return {
    'telephony.ts': types,
    'operation-routes.ts': operationRoutes,
    'schemas.ts': schemas,
    'operation-table.ts': operationTable,
    'operation-details.ts': operationDetails,
  };
}

async function writeAtomically(url, text) {
  const temp = new URL(`${url.href}.${process.pid}.tmp`);
  await writeFile(temp, text);
  await rename(temp, url);
}

async function main() {
  const check = process.argv.includes('--check');
  const files = await render();
  const stale = [];
  await mkdir(outDir, { recursive: true });
  for (const [name, text] of Object.entries(files)) {
    const url = new URL(name, outDir);
    if (check) {
      if (!existsSync(url) || readFileSync(url, 'utf8') !== text) stale.push(name);
    } else {
      await writeAtomically(url, text);
    }
  }
  if (stale.length > 0) {
    console.error(
      `packages/models/src/generated/{${stale.join(',')}} is stale: openapi/telephony.yaml changed ` +
        'since it was generated. Run `pnpm generate` (or `npm run generate`) and commit the result.',
    );
    process.exit(1);
  }
  console.log(check ? 'generated models are fresh' : `generated ${Object.keys(files).join(', ')}`);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await main();
