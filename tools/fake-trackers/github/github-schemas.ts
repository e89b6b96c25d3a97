import { createHash } from 'node:crypto';
import Ajv, { type ErrorObject, type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import { operationSpec, webhookSpec, type OpenApiSchema, type OperationSpec } from './github-reference';
import { openApiToJsonSchema } from './openapi-to-json-schema';

/** GitHub's non-standard formats: documentation, not constraints. */
const FREE_FORMATS = ['uri-template', 'repo.nwo', 'int32', 'int64'];

/**
 * Sub-schemas at least this long (as JSON) are compiled once and shared by reference. GitHub's
 * document is fully dereferenced, so a user or repository schema is repeated hundreds of times;
 * compiling each copy anew made a single issue schema take ~300 ms and all of them ~4 s.
 */
const SHARE_AT_LENGTH = 800;

/** One problem with a value, as a path into it and a sentence. */
export interface SchemaProblem {
  /** JSON pointer into the value (`/labels/0`), '' for the value itself. */
  path: string;
  keyword: string;
  message: string;
  /** The property that is missing, for `required`. */
  missingProperty?: string;
}

function newAjv(options: { coerceTypes: boolean }): Ajv {
  const ajv = new Ajv({
    strict: false,
    allErrors: true,
    logger: false,
    inlineRefs: false,
    // The schemas are large and used a few times each: skipping the optimiser halves compile time.
    code: { optimize: false },
    coerceTypes: options.coerceTypes,
    useDefaults: options.coerceTypes,
  });
  addFormats(ajv);
  for (const format of FREE_FORMATS) ajv.addFormat(format, true);
  return ajv;
}

function problems(errors: ErrorObject[] | null | undefined): SchemaProblem[] {
  return (errors ?? []).map((e) => ({
    path: e.instancePath,
    keyword: e.keyword,
    message: `${e.instancePath || '(root)'} ${e.message ?? 'is invalid'}`,
    ...(e.keyword === 'required' ? { missingProperty: String((e.params as { missingProperty: string }).missingProperty) } : {}),
  }));
}

/**
 * Ajv validators for every schema in the reference data, compiled on first use and kept for the
 * life of the process (a test file's module registry under jest).
 */
class GitHubSchemas {
  private readonly payloads = newAjv({ coerceTypes: false });
  /** Parameters arrive as strings: coerced to the declared type, with defaults filled in. */
  private readonly parameterAjv = newAjv({ coerceTypes: true });
  private readonly shared = new Set<string>();
  private readonly cache = new Map<string, ValidateFunction>();

  /** Problems with a JSON request body; undefined when the operation takes none. */
  requestBody(operationId: string, body: unknown): SchemaProblem[] | undefined {
    const op = this.operation(operationId);
    const schema = op.requestBody?.content['application/json']?.schema;
    if (!schema) return undefined;
    const validate = this.compiled(`request ${operationId}`, () => this.payloads.compile(this.share(openApiToJsonSchema(schema))));
    return validate(body) ? [] : problems(validate.errors);
  }

  /**
   * Problems with an answer's body for one status. Undefined when the operation documents no body
   * of that content type for that status (204, 304, or a status GitHub sends everywhere such as 401
   * and 429).
   */
  response(operationId: string, status: number, body: unknown, contentType = 'application/json'): SchemaProblem[] | undefined {
    const op = this.operation(operationId);
    const schema = op.responses[String(status)]?.content?.[contentType]?.schema;
    if (!schema) return undefined;
    const validate = this.compiled(`response ${operationId} ${status} ${contentType}`, () => this.payloads.compile(this.share(openApiToJsonSchema(schema))));
    return validate(body) ? [] : problems(validate.errors);
  }

  /** Problems with a webhook payload, or undefined when the subset does not describe the event. */
  webhook(event: string, action: string, payload: unknown): SchemaProblem[] | undefined {
    const spec = webhookSpec(event, action);
    if (!spec) return undefined;
    const validate = this.compiled(`webhook ${spec.key}`, () => this.payloads.compile(this.share(openApiToJsonSchema(spec.schema))));
    return validate(payload) ? [] : problems(validate.errors);
  }

  /**
   * Checks the path or query parameters of a request, converting `values` in place to the declared
   * types (`'2'` → `2`) and adding declared defaults.
   */
  parameters(operationId: string, place: 'path' | 'query', values: Record<string, unknown>): SchemaProblem[] {
    const op = this.operation(operationId);
    const validate = this.compiled(`${place} ${operationId}`, () => {
      const declared = op.parameters.filter((p) => p.in === place);
      return this.parameterAjv.compile({
        type: 'object',
        properties: Object.fromEntries(declared.map((p) => [p.name, openApiToJsonSchema(p.schema)])),
        required: declared.filter((p) => p.required).map((p) => p.name),
      });
    });
    return validate(values) ? [] : problems(validate.errors);
  }

  private operation(operationId: string): OperationSpec {
    const op = operationSpec(operationId);
    if (!op) throw new Error(`no operation ${operationId} in the GitHub reference data`);
    return op;
  }

  private compiled(key: string, compile: () => ValidateFunction): ValidateFunction {
    let validate = this.cache.get(key);
    if (!validate) {
      validate = compile();
      this.cache.set(key, validate);
    }
    return validate;
  }

  /** Replaces large repeated sub-schemas by references to one registered copy (see SHARE_AT_LENGTH). */
  private share(node: OpenApiSchema): OpenApiSchema {
    return this.shareNode(node) as OpenApiSchema;
  }

  private shareNode(node: unknown): unknown {
    if (Array.isArray(node)) return node.map((n) => this.shareNode(n));
    if (node === null || typeof node !== 'object') return node;
    const out: OpenApiSchema = {};
    for (const [key, value] of Object.entries(node)) {
      if (key === 'properties') {
        out[key] = Object.fromEntries(Object.entries(value as OpenApiSchema).map(([name, sub]) => [name, this.shareNode(sub)]));
      } else if (key === 'enum' || key === 'const' || key === 'default' || key === 'required') {
        out[key] = value;
      } else {
        out[key] = this.shareNode(value);
      }
    }
    const text = JSON.stringify(out);
    if (text.length < SHARE_AT_LENGTH) return out;
    const id = `urn:fake-github:schema:${createHash('sha1').update(text).digest('hex')}`;
    if (!this.shared.has(id)) {
      this.payloads.addSchema({ ...out, $id: id });
      this.shared.add(id);
    }
    return { $ref: id };
  }
}

let instance: GitHubSchemas | undefined;

/** The process-wide validators (compiling is the slow part, so it happens once). */
export function githubSchemas(): GitHubSchemas {
  instance ??= new GitHubSchemas();
  return instance;
}

export type { GitHubSchemas };

/**
 * Why a body is not what GitHub documents for this operation and status, one line per problem;
 * [] when it validates. Throws when the operation documents no JSON body for the status, so a
 * test cannot pass by checking against nothing.
 */
export function responseProblems(operationId: string, status: number, body: unknown, contentType = 'application/json'): string[] {
  const found = githubSchemas().response(operationId, status, body, contentType);
  if (!found) throw new Error(`${operationId} documents no ${contentType} body for status ${status}`);
  return found.map((p) => p.message);
}

/**
 * Why a request body is not what GitHub accepts for this operation, one line per problem; [] when
 * it validates. For tests of the bot that want to check what it sent, beyond the fake's own 422.
 */
export function requestBodyProblems(operationId: string, body: unknown): string[] {
  const found = githubSchemas().requestBody(operationId, body);
  if (!found) throw new Error(`${operationId} takes no JSON body`);
  return found.map((p) => p.message);
}

/** Why a webhook payload is not what GitHub documents for the event and action; [] when it validates. */
export function webhookPayloadProblems(event: string, action: string, payload: unknown): string[] {
  const found = githubSchemas().webhook(event, action, payload);
  if (!found) throw new Error(`the reference data describes no ${event} ${action} webhook`);
  return found.map((p) => p.message);
}
