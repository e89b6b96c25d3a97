import fs, { readFileSync } from 'node:fs';
import path from 'node:path';

/**
 * GitHub's own OpenAPI description of the REST operations and webhooks a GitHub Issues integration
 * uses, vendored unchanged under ./reference (see reference/README.md for where it came from). The
 * fake takes routes, parameters and every request and answer schema from here rather than from
 * memory, so it cannot drift into accepting calls GitHub would refuse or answering what GitHub would not.
 */
export const GITHUB_REFERENCE_DIR = (() => {
  // Compiled under dist/ (the demo), the JSON stays in the source tree: walk up to the checkout's root.
  let dir = __dirname;
  while (!fs.existsSync(path.join(dir, 'manifest.yml')) && path.dirname(dir) !== dir) dir = path.dirname(dir);
  return path.join(dir, 'tools', 'fake-trackers', 'github', 'reference');
})();

/** An OpenAPI 3.0 schema object, loosely typed: the reference data is the authority on its shape. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type OpenApiSchema = { [key: string]: any };

export interface ParameterSpec {
  name: string;
  in: 'path' | 'query' | 'header';
  required?: boolean;
  schema: OpenApiSchema;
  /** `{path}` and `{ref}` may hold `/` (`docs/postmortems/INC-7.md`, `heads/main`). */
  'x-multi-segment'?: boolean;
}

/** A schema with GitHub's named examples of it. */
export interface MediaTypeSpec {
  schema: OpenApiSchema;
  examples?: Record<string, { value: unknown }>;
}

export interface ResponseSpec {
  description: string;
  content?: Record<string, MediaTypeSpec>;
  headers?: Record<string, { schema: OpenApiSchema }>;
}

export interface OperationSpec {
  operationId: string;
  method: string;
  pathTemplate: string;
  summary: string;
  /** GitHub's documentation page for the operation, as its error bodies give it. */
  docsUrl: string;
  parameters: ParameterSpec[];
  requestBody?: { required?: boolean; content: Record<string, MediaTypeSpec> };
  responses: Record<string, ResponseSpec>;
}

export interface WebhookSpec {
  /** `issues-opened`, `issue-comment-created`, ... */
  key: string;
  parameters: ParameterSpec[];
  schema: OpenApiSchema;
}

const HTTP_METHODS = new Set(['get', 'put', 'post', 'delete', 'patch', 'head', 'options']);

let operations: Map<string, OperationSpec> | undefined;
let webhooks: Map<string, WebhookSpec> | undefined;

function readJson(file: string): OpenApiSchema {
  return JSON.parse(readFileSync(path.join(GITHUB_REFERENCE_DIR, file), 'utf8')) as OpenApiSchema;
}

function loadOperations(): Map<string, OperationSpec> {
  if (!operations) {
    const document = readJson('openapi-subset.json');
    operations = new Map();
    for (const [pathTemplate, item] of Object.entries(document.paths as Record<string, OpenApiSchema>)) {
      for (const [method, op] of Object.entries(item)) {
        if (!HTTP_METHODS.has(method)) continue;
        operations.set(op.operationId, {
          operationId: op.operationId,
          method: method.toUpperCase(),
          pathTemplate,
          summary: op.summary,
          docsUrl: op.externalDocs?.url ?? 'https://docs.github.com/rest',
          parameters: op.parameters ?? [],
          requestBody: op.requestBody,
          responses: op.responses,
        });
      }
    }
  }
  return operations;
}

function loadWebhooks(): Map<string, WebhookSpec> {
  if (!webhooks) {
    const document = readJson('webhooks-subset.json');
    webhooks = new Map();
    for (const [key, item] of Object.entries(document['x-webhooks'] as Record<string, OpenApiSchema>)) {
      webhooks.set(key, { key, parameters: item.post.parameters ?? [], schema: item.post.requestBody.content['application/json'].schema });
    }
  }
  return webhooks;
}

/** Every operation in the subset, in the document's order. */
export function allOperations(): OperationSpec[] {
  return [...loadOperations().values()];
}

export function operationSpec(operationId: string): OperationSpec | undefined {
  return loadOperations().get(operationId);
}

/** The webhook described for an event and action (`issues` + `closed` → `issues-closed`). */
export function webhookSpec(event: string, action: string): WebhookSpec | undefined {
  return loadWebhooks().get(`${event.replace(/_/g, '-')}-${action.replace(/_/g, '-')}`);
}

export function allWebhooks(): WebhookSpec[] {
  return [...loadWebhooks().values()];
}
