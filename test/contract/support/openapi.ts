/**
 * Jira's published OpenAPI description (`../shared/jira/openapi-v3.json`, Atlassian, Apache-2.0)
 * turned into validators: each recorded request (path, query, JSON body) and answer (status, body)
 * is checked against the operation it names. Ajv validates the spec's own component schemas; the
 * OpenAPI 3.0 dialect is bridged by rewriting `nullable` and component `$ref`s once, up front.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import Ajv, { type ValidateFunction } from 'ajv';

export const REPO_ROOT = path.resolve(__dirname, '..', '..', '..');
/**
 * Beside the repository, never copied into it (CI clones `shared/` next to the repo).
 * `JIRA_OPENAPI_SPEC` points elsewhere, e.g. from a git worktree that has no `shared/` beside it.
 */
export const JIRA_OPENAPI_PATH = process.env['JIRA_OPENAPI_SPEC'] ?? path.resolve(REPO_ROOT, '..', 'shared', 'jira', 'openapi-v3.json');

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type JsonObject = { [key: string]: Json };

interface Parameter {
  name: string;
  in: 'path' | 'query' | 'header' | 'cookie';
  required?: boolean;
  schema?: JsonObject;
}
interface Operation {
  parameters?: Parameter[];
  requestBody?: { required?: boolean; content?: Record<string, { schema?: JsonObject }> };
  responses: Record<string, { content?: Record<string, { schema?: JsonObject }> }>;
}

/** One request the app sent and the answer it got, as recorded on the wire. */
export interface RecordedPair {
  readonly method: string;
  /** Path and query as sent, e.g. `/rest/api/3/user?accountId=…`. */
  readonly url: string;
  /** The JSON request body as sent, if any. */
  readonly requestBody?: string;
  readonly status: number;
  readonly responseBody: string;
}

export interface PairVerdict {
  /** `METHOD /path/{template}`, or undefined when no operation matches. */
  readonly endpoint: string | undefined;
  /** Empty when both sides agree with the description. */
  readonly problems: string[];
}

const SCHEMA_ID = 'jira-openapi';

/** OpenAPI 3.0 → JSON Schema: `nullable: true` widens `type` (or adds a null branch), refs point into the registered document. */
function toJsonSchema(node: Json): Json {
  if (Array.isArray(node)) return node.map(toJsonSchema);
  if (node === null || typeof node !== 'object') return node;
  const out: JsonObject = {};
  for (const [key, value] of Object.entries(node)) {
    if (key === '$ref' && typeof value === 'string' && value.startsWith('#/')) out[key] = `${SCHEMA_ID}${value}`;
    else if (key === 'example' || key === 'nullable') continue;
    else out[key] = toJsonSchema(value);
  }
  if (node['nullable'] === true) {
    if (typeof out['type'] === 'string') out['type'] = [out['type'], 'null'];
    else return { anyOf: [out, { type: 'null' }] };
    if (Array.isArray(out['enum'])) out['enum'] = [...out['enum'], null];
  }
  return out;
}

export class JiraOpenApi {
  private readonly ajv = new Ajv({ strict: false, allErrors: true, logger: false });
  private readonly operations: { method: string; template: string; pattern: RegExp; operation: Operation }[] = [];
  private readonly validators = new Map<JsonObject, ValidateFunction>();

  constructor(spec: { paths: Record<string, Record<string, Operation>>; components: JsonObject }) {
    // Jira writes offsets without a colon (`+0000`), which RFC 3339 (Ajv's date-time) refuses; other formats are not checked.
    this.ajv.addFormat('date-time', /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,9})?(Z|[+-]\d{2}:?\d{2})$/);
    this.ajv.addFormat('date', /^\d{4}-\d{2}-\d{2}$/);
    this.ajv.addSchema({ $id: SCHEMA_ID, components: toJsonSchema(spec.components) } as object);
    for (const [template, item] of Object.entries(spec.paths)) {
      const source = template.replace(/[.*+?^$()|[\]\\]/g, '\\$&').replace(/\{[^}]+\}/g, '([^/]+)');
      for (const [method, operation] of Object.entries(item)) {
        if (!['get', 'put', 'post', 'delete', 'patch'].includes(method)) continue;
        this.operations.push({ method: method.toUpperCase(), template, pattern: new RegExp(`^${source}$`), operation });
      }
    }
    // A literal segment beats a parameter (`/issue/picker` over `/issue/{issueIdOrKey}`): fewer params first.
    this.operations.sort((a, b) => (a.template.match(/\{/g)?.length ?? 0) - (b.template.match(/\{/g)?.length ?? 0));
  }

  static load(file: string = JIRA_OPENAPI_PATH): JiraOpenApi {
    if (!existsSync(file)) {
      throw new Error(`Jira's OpenAPI description is missing: expected ${file} (shared/jira/openapi-v3.json beside the repository). The contract test cannot run without it.`);
    }
    return new JiraOpenApi(JSON.parse(readFileSync(file, 'utf8')) as ConstructorParameters<typeof JiraOpenApi>[0]);
  }

  private validator(schema: JsonObject): ValidateFunction {
    let validate = this.validators.get(schema);
    if (validate === undefined) {
      validate = this.ajv.compile(toJsonSchema(schema) as object);
      this.validators.set(schema, validate);
    }
    return validate;
  }

  private check(schema: JsonObject, value: unknown, where: string, problems: string[]): void {
    const validate = this.validator(schema);
    if (validate(value)) return;
    for (const error of (validate.errors ?? []).slice(0, 5)) {
      problems.push(`${where}${error.instancePath || '/'} ${error.message ?? 'invalid'}${error.params && 'additionalProperty' in error.params ? ` (${String(error.params.additionalProperty)})` : ''}`);
    }
  }

  private errorCollection(): JsonObject {
    return { $ref: '#/components/schemas/ErrorCollection' };
  }

  validatePair(pair: RecordedPair): PairVerdict {
    const url = new URL(pair.url, 'http://jira.invalid');
    const found = this.operations.find((candidate) => candidate.method === pair.method && candidate.pattern.test(url.pathname));
    if (found === undefined) return { endpoint: undefined, problems: [`no operation in the description for ${pair.method} ${url.pathname}`] };
    const { operation } = found;
    const endpoint = `${found.method} ${found.template}`;
    const problems: string[] = [];
    const parameters = operation.parameters ?? [];

    // (a) the request: path params, query names and values, body.
    const pathValues = (found.pattern.exec(url.pathname) ?? []).slice(1);
    if (pathValues.some((value) => decodeURIComponent(value) === '')) problems.push('request: an empty path parameter');
    const queryParams = parameters.filter((p) => p.in === 'query');
    for (const [name, value] of url.searchParams) {
      const declared = queryParams.find((p) => p.name === name);
      if (declared === undefined) problems.push(`request: query parameter "${name}" is not described`);
      else if (declared.schema !== undefined) this.check(declared.schema, coerceQueryValue(declared.schema, value), `request: query ${name}`, problems);
    }
    for (const required of queryParams.filter((p) => p.required === true)) {
      if (!url.searchParams.has(required.name)) problems.push(`request: required query parameter "${required.name}" is missing`);
    }
    const bodySchema = operation.requestBody?.content?.['application/json']?.schema;
    if (pair.requestBody !== undefined) {
      if (operation.requestBody === undefined) problems.push('request: a body is sent but the operation takes none');
      else if (bodySchema !== undefined) this.check(bodySchema, JSON.parse(pair.requestBody), 'request: body', problems);
    } else if (operation.requestBody?.required === true) problems.push('request: the required body is missing');

    // (b) the answer: a listed status, and its body against that status's schema (errors: ErrorCollection).
    const response = operation.responses[String(pair.status)] ?? operation.responses['default'];
    if (response === undefined) {
      problems.push(`response: status ${pair.status} is not listed (listed: ${Object.keys(operation.responses).join(', ')})`);
    } else {
      const declared = response.content?.['application/json']?.schema;
      const schema = declared !== undefined && Object.keys(declared).length > 0 ? declared : pair.status >= 400 ? this.errorCollection() : undefined;
      if (schema !== undefined) {
        let body: unknown;
        try {
          body = JSON.parse(pair.responseBody);
        } catch {
          problems.push(`response: the ${pair.status} body is not JSON`);
        }
        if (body !== undefined) this.check(schema, body, `response ${pair.status}: body`, problems);
      }
    }
    return { endpoint, problems };
  }
}

/** Query values travel as text: numbers and booleans are read back before checking their schema. */
function coerceQueryValue(schema: JsonObject, value: string): unknown {
  const type = schema['type'];
  if ((type === 'integer' || type === 'number') && value.trim() !== '' && !Number.isNaN(Number(value))) return Number(value);
  if (type === 'boolean' && (value === 'true' || value === 'false')) return value === 'true';
  if (type === 'array') return value.split(',');
  return value;
}
