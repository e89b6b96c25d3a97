import type { OpenApiSchema } from './github-reference';

/** Documentation-only keywords of OpenAPI 3.0 that mean nothing to a JSON Schema validator. */
const DOCUMENTATION_KEYWORDS = new Set(['example', 'examples', 'externalDocs', 'xml', 'discriminator', 'readOnly', 'writeOnly', 'deprecated']);

/** Keywords whose values are data, not schemas, and must be copied as they are. */
const DATA_KEYWORDS = new Set(['enum', 'const', 'default', 'required']);

/**
 * Turns an OpenAPI 3.0 schema into plain JSON Schema. The one keyword that matters is `nullable`:
 * Ajv understands `nullable: true` only next to `type`, and refuses the schema outright when it sits
 * next to `anyOf`/`oneOf`/`allOf` (9 of GitHub's operation schemas and 6 of its webhook schemas do
 * that). Here `nullable` becomes `type: [t, 'null']` (adding `null` to an `enum`), or, without a
 * `type`, an `anyOf` with `{ type: 'null' }`. This is what `@openapi-contrib/openapi-schema-to-json-schema`
 * does, in a few lines, so the fake needs no package beyond ajv.
 */
export function openApiToJsonSchema(schema: OpenApiSchema): OpenApiSchema {
  return convert(schema) as OpenApiSchema;
}

function convert(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(convert);
  if (node === null || typeof node !== 'object') return node;
  const source = node as OpenApiSchema;
  const out: OpenApiSchema = {};
  for (const [key, value] of Object.entries(source)) {
    if (key === 'nullable' || DOCUMENTATION_KEYWORDS.has(key) || key.startsWith('x-')) continue;
    if (key === 'properties' || key === 'patternProperties') {
      out[key] = Object.fromEntries(Object.entries(value as OpenApiSchema).map(([name, sub]) => [name, convert(sub)]));
    } else if (DATA_KEYWORDS.has(key)) {
      out[key] = value;
    } else {
      out[key] = convert(value);
    }
  }
  if (source.nullable !== true) return out;
  if (typeof out.type === 'string') {
    out.type = [out.type, 'null'];
    if (Array.isArray(out.enum) && !out.enum.includes(null)) out.enum = [...out.enum, null];
    return out;
  }
  if (out.type === undefined) return { anyOf: [out, { type: 'null' }] };
  return out;
}
