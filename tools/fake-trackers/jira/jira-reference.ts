import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import Ajv, { type ErrorObject, type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';

/**
 * Atlassian's OpenAPI description of the operations a Jira integration calls, vendored unchanged in
 * ./reference. The fake takes its routes, parameter and body rules and answer shapes from here, so
 * it cannot quietly accept a call Jira would refuse or answer in a shape Jira never sends.
 */
export const REFERENCE_DIR = (() => {
  // Found from the repository root, so the fake also runs when compiled under dist/.
  const inRepo = path.join('tools', 'fake-trackers', 'jira', 'reference');
  let dir = __dirname;
  while (!existsSync(path.join(dir, inRepo, 'openapi-subset.json')) && path.dirname(dir) !== dir) dir = path.dirname(dir);
  return path.join(dir, inRepo);
})();

type Json = Record<string, unknown>;

export interface Parameter {
  name: string;
  in: 'path' | 'query' | 'header';
  required: boolean;
  schema: Json;
}

export interface Operation {
  operationId: string;
  method: string;
  pathTemplate: string;
  deprecated: boolean;
  parameters: Parameter[];
  /** Whether the operation takes a JSON body, and must have one. */
  body: 'none' | 'optional' | 'required';
  /** Statuses the description lists, with the JSON schema of each answer body when it gives one. */
  responses: Map<number, Json | undefined>;
  pattern: RegExp;
  pathParamNames: string[];
}

const HTTP_METHODS = ['get', 'put', 'post', 'delete', 'patch'];

let document: Json | undefined;
let operations: Operation[] | undefined;

function loadDocument(): Json {
  document ??= JSON.parse(readFileSync(path.join(REFERENCE_DIR, 'openapi-subset.json'), 'utf8')) as Json;
  return document;
}

function templatePattern(template: string): { pattern: RegExp; names: string[] } {
  const names: string[] = [];
  const source = template
    .split(/(\{[^}]+\})/)
    .map((part) => {
      const name = /^\{([^}]+)\}$/.exec(part)?.[1];
      if (name === undefined) return part.replace(/[.*+?^$()|[\]\\]/g, '\\$&');
      names.push(name);
      return '([^/]+)';
    })
    .join('');
  return { pattern: new RegExp(`^${source}$`), names };
}

/** Every operation of the subset, in document order. */
export function allOperations(): Operation[] {
  if (operations) return operations;
  const paths = loadDocument().paths as Record<string, Record<string, Json>>;
  operations = Object.entries(paths).flatMap(([template, item]) =>
    HTTP_METHODS.flatMap((method) => {
      const op = item[method];
      if (!op) return [];
      const requestBody = op.requestBody as { required?: boolean; content?: Record<string, unknown> } | undefined;
      const responses = new Map<number, Json | undefined>();
      for (const [status, response] of Object.entries(op.responses as Record<string, { content?: Record<string, { schema?: Json }> }>)) {
        responses.set(Number(status), response.content?.['application/json']?.schema);
      }
      const { pattern, names } = templatePattern(template);
      const operation: Operation = {
        operationId: op.operationId as string,
        method: method.toUpperCase(),
        pathTemplate: template,
        deprecated: op.deprecated === true,
        parameters: ((op.parameters ?? []) as Json[]).map((p) => ({
          name: p.name as string,
          in: p.in as Parameter['in'],
          required: p.required === true,
          schema: (p.schema ?? {}) as Json,
        })),
        body: !requestBody?.content?.['application/json'] ? 'none' : requestBody.required ? 'required' : 'optional',
        responses,
        pattern,
        pathParamNames: names,
      };
      return [operation];
    }),
  );
  return operations;
}

export function operationById(operationId: string): Operation {
  const found = allOperations().find((op) => op.operationId === operationId);
  if (!found) throw new Error(`no operation ${operationId} in the Jira reference`);
  return found;
}

/** The operation a request is for, and its path parameters (decoded), or undefined. */
export function routeRequest(method: string, pathname: string): { operation: Operation; pathParams: Record<string, string> } | undefined {
  for (const operation of allOperations()) {
    if (operation.method !== method) continue;
    const match = operation.pattern.exec(pathname);
    if (!match) continue;
    const pathParams: Record<string, string> = {};
    operation.pathParamNames.forEach((name, i) => {
      pathParams[name] = decodeURIComponent(match[i + 1] ?? '');
    });
    return { operation, pathParams };
  }
  return undefined;
}

/**
 * Two compilers: parameters arrive as strings, so theirs coerces ("50" to 50, "a" to ["a"]) and
 * fills documented defaults; bodies and answers are JSON already and are checked as they are.
 */
function newAjv(forParameters: boolean): Ajv {
  // ownProperties: a changelog item's `toString` is a field, and an item without one must not be
  // judged by Object.prototype.toString.
  const ajv = new Ajv({ strict: false, allErrors: true, ownProperties: true, coerceTypes: forParameters ? 'array' : false, useDefaults: forParameters });
  addFormats(ajv);
  // OpenAPI's integer formats; ajv-formats knows neither.
  ajv.addFormat('int32', { type: 'number', validate: (n: number) => Number.isInteger(n) && n >= -(2 ** 31) && n < 2 ** 31 });
  ajv.addFormat('int64', { type: 'number', validate: (n: number) => Number.isInteger(n) });
  // The one schema left as a $ref (it contains itself), registered under the id its refs use.
  const shared = (loadDocument().components as { schemas?: Record<string, Json> }).schemas ?? {};
  for (const [name, schema] of Object.entries(shared)) ajv.addSchema(schema, `#/components/schemas/${name}`);
  return ajv;
}

let parameterAjv: Ajv | undefined;
let jsonAjv: Ajv | undefined;
const compiled = new Map<string, ValidateFunction>();

function compileOnce(key: string, forParameters: boolean, schema: () => Json): ValidateFunction {
  let validate = compiled.get(key);
  if (!validate) {
    const ajv = forParameters ? (parameterAjv ??= newAjv(true)) : (jsonAjv ??= newAjv(false));
    validate = ajv.compile(schema());
    compiled.set(key, validate);
  }
  return validate;
}

export function describeErrors(errors: ErrorObject[] | null | undefined): string[] {
  return (errors ?? []).map((e) => `${e.instancePath || '(root)'} ${e.message ?? 'is invalid'}${e.params && 'additionalProperty' in e.params ? ` (${String(e.params.additionalProperty)})` : ''}`);
}

/**
 * Path and query parameters, typed and defaulted by the operation's schemas. Array parameters may
 * repeat and may hold comma-separated lists (`fields=summary,status`), as Jira reads them.
 */
export function readParameters(
  operation: Operation,
  pathParams: Record<string, string>,
  query: URLSearchParams,
): { values: Record<string, unknown>; problems: string[] } {
  const values: Record<string, unknown> = {};
  const properties: Record<string, Json> = {};
  const required: string[] = [];
  for (const p of operation.parameters) {
    if (p.in === 'header') continue;
    properties[p.name] = p.schema;
    if (p.required) required.push(p.name);
    if (p.in === 'path') {
      if (pathParams[p.name] !== undefined) values[p.name] = pathParams[p.name];
    } else if (query.has(p.name)) {
      const all = query.getAll(p.name);
      values[p.name] = p.schema.type === 'array' ? all.flatMap((v) => v.split(',')).filter((v) => v !== '') : all[0];
    }
  }
  const validate = compileOnce(`${operation.operationId} parameters`, true, () => ({ type: 'object', properties, required }));
  validate(values);
  return { values, problems: describeErrors(validate.errors).map((p) => p.replace(/^\//, '')) };
}

/** Problems with a JSON body under the operation's request schema, with the failing path kept. */
export function checkRequestBody(operation: Operation, body: unknown): ErrorObject[] {
  const validate = compileOnce(`${operation.operationId} body`, false, () => {
    const doc = loadDocument().paths as Record<string, Record<string, Json>>;
    const op = doc[operation.pathTemplate]?.[operation.method.toLowerCase()] as { requestBody: { content: Record<string, { schema: Json }> } };
    return op.requestBody.content['application/json']?.schema ?? {};
  });
  return validate(body) ? [] : [...(validate.errors ?? [])];
}

/**
 * Problems with an answer: a status the description does not list for the operation, or a body
 * that its schema for that status refuses. A listed status without a schema accepts any body.
 */
export function checkResponse(operation: Operation, status: number, body: unknown): string[] {
  if (!operation.responses.has(status)) return [`${operation.operationId} answered ${status}, which the description does not list`];
  const schema = operation.responses.get(status);
  if (!schema || body === undefined) return [];
  const validate = compileOnce(`${operation.operationId} ${status}`, false, () => schema);
  return validate(body) ? [] : describeErrors(validate.errors).map((p) => `${operation.operationId} ${status}: ${p}`);
}

/** Atlassian's example answer for an operation and status, parsed (the file stores them as JSON strings). */
export function responseExample(operation: Operation, status: number): unknown {
  const doc = loadDocument().paths as Record<string, Record<string, Json>>;
  const op = doc[operation.pathTemplate]?.[operation.method.toLowerCase()] as {
    responses: Record<string, { content?: Record<string, { example?: unknown }> }>;
  };
  const example = op.responses[String(status)]?.content?.['application/json']?.example;
  return typeof example === 'string' ? JSON.parse(example) : example;
}

/** Atlassian's example request body for an operation, if the description gives one. */
export function requestExample(operation: Operation): unknown {
  const doc = loadDocument().paths as Record<string, Record<string, Json>>;
  const op = doc[operation.pathTemplate]?.[operation.method.toLowerCase()] as { requestBody?: { content?: Record<string, { example?: unknown }> } };
  const example = op.requestBody?.content?.['application/json']?.example;
  return typeof example === 'string' ? JSON.parse(example) : example;
}

/** Problems with a webhook body under the project's schema of `jira:issue_*` events. */
export function checkWebhookPayload(payload: unknown): string[] {
  const validate = compileOnce('webhook issue event', false, () => {
    const schema = JSON.parse(readFileSync(path.join(REFERENCE_DIR, 'webhook-issue-event.schema.json'), 'utf8')) as Json;
    // Its $id and $schema only name it; dropping them keeps one compiler for every schema here.
    delete schema.$id;
    delete schema.$schema;
    return schema;
  });
  return validate(payload) ? [] : describeErrors(validate.errors).map((p) => `webhook: ${p}`);
}
