// Validates real responses against openapi/telephony.yaml: status declared for the operation,
// required headers present, declared headers well-typed, JSON bodies valid against their schemas
// (Ajv, JSON Schema 2020-12 as OpenAPI 3.1 uses), and no body where the contract declares none.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import { parse } from 'yaml';

// ajv-formats is CommonJS; under ESM its default export may be wrapped.
const addFormats = ((addFormatsModule as unknown as { default?: unknown }).default ??
  addFormatsModule) as (ajv: Ajv2020) => void;

interface Schema {
  $ref?: string;
  [key: string]: unknown;
}
interface HeaderObject {
  required?: boolean;
  schema?: Schema;
  $ref?: string;
}
interface ResponseObject {
  $ref?: string;
  headers?: Record<string, HeaderObject>;
  content?: Record<string, { schema: Schema }>;
}
interface OpenApiDoc {
  paths: Record<
    string,
    Record<string, { operationId: string; responses: Record<string, ResponseObject> }>
  >;
  components: {
    schemas: Record<string, Schema>;
    responses: Record<string, ResponseObject>;
    headers: Record<string, HeaderObject>;
  };
}

export interface CapturedResponse {
  operationId: string;
  status: number;
  headers: Headers;
  body: string;
}

const ROOT_ID = 'https://telephony-kit.invalid/openapi';

export function loadContractValidator() {
  const path = fileURLToPath(new URL('../../../../openapi/telephony.yaml', import.meta.url));
  const doc = parse(readFileSync(path, 'utf8')) as OpenApiDoc;
  const ajv = new Ajv2020({ strict: false, allErrors: true, validateSchema: false });
  addFormats(ajv);
  ajv.addSchema({ $id: ROOT_ID, components: { schemas: doc.components.schemas } });

  const local = <T>(ref: string): T => {
    const parts = ref.replace(/^#\//, '').split('/');
    let node: unknown = doc;
    for (const part of parts)
      node = (node as Record<string, unknown>)[part.replace(/~1/g, '/').replace(/~0/g, '~')];
    return node as T;
  };
  const deref = <T extends { $ref?: string }>(node: T): T =>
    node.$ref ? local<T>(node.$ref) : node;

  const cache = new Map<object, ValidateFunction>();
  const compile = (schema: Schema): ValidateFunction => {
    let fn = cache.get(schema);
    if (!fn) {
      fn = ajv.compile(schema.$ref ? { $ref: `${ROOT_ID}${schema.$ref}` } : schema);
      cache.set(schema, fn);
    }
    return fn;
  };

  const operations = new Map<string, Record<string, ResponseObject>>();
  for (const methods of Object.values(doc.paths)) {
    for (const operation of Object.values(methods))
      operations.set(operation.operationId, operation.responses);
  }

  /** The contract violations of one response (empty when it conforms). */
  return function validate(response: CapturedResponse): string[] {
    const where = `${response.operationId} ${response.status}`;
    const responses = operations.get(response.operationId);
    if (!responses) return [`${where}: unknown operation`];
    const declared = responses[String(response.status)];
    if (!declared) return [`${where}: status not declared by the contract`];
    const spec = deref(declared);
    const problems: string[] = [];

    for (const [name, raw] of Object.entries(spec.headers ?? {})) {
      const header = deref(raw);
      const value = response.headers.get(name);
      if (value === null) {
        if (header.required) problems.push(`${where}: required header ${name} missing`);
        continue;
      }
      const schema = header.schema ?? {};
      const typed =
        schema.type === 'integer' ? (/^-?\d+$/.test(value) ? Number(value) : value) : value;
      const fn = compile(schema);
      if (!fn(typed))
        problems.push(`${where}: header ${name}=${value}: ${ajv.errorsText(fn.errors)}`);
    }

    const json = spec.content?.['application/json'];
    if (!json) {
      if (response.body !== '')
        problems.push(`${where}: body sent where the contract declares none`);
      return problems;
    }
    const type = response.headers.get('content-type') ?? '';
    if (!type.startsWith('application/json')) problems.push(`${where}: content-type ${type}`);
    let body: unknown;
    try {
      body = JSON.parse(response.body);
    } catch {
      return [...problems, `${where}: body is not JSON`];
    }
    const fn = compile(json.schema);
    if (!fn(body)) problems.push(`${where}: ${ajv.errorsText(fn.errors)}`);
    return problems;
  };
}
