// Every response the integration suite receives through the API client is checked against
// the generated openapi.json: the status must be declared for the operation, the content
// type must be one it declares, and a JSON body (problem+json included) must validate
// against the schema for that status. A contract that drifts from what a route answers
// fails CI here. Validated with Ajv's draft 2020-12 build, the dialect of OpenAPI 3.1.
import Ajv2020, { type ValidateFunction } from 'ajv/dist/2020';
import { openApiDocument } from '../../lib/adapters/http/openapi';

type Content = Record<string, { schema?: Record<string, unknown> }>;
type Operation = { responses: Record<string, { content?: Content }> };

const document = openApiDocument();
const paths = document.paths as Record<string, Record<string, Operation>>;
// Formats (uuid, date-time) are documentation here; patterns and shapes are what is checked.
const ajv = new Ajv2020({ strict: false, validateFormats: false, allErrors: true });
const validators = new Map<string, ValidateFunction>();

function validator(key: string, schema: Record<string, unknown>): ValidateFunction {
  let validate = validators.get(key);
  if (!validate) {
    // References point at #/components/schemas/…: validate from a root that carries them.
    validate = ajv.compile({ components: document.components, allOf: [schema] });
    validators.set(key, validate);
  }
  return validate;
}

/** Throws when the response does not match what openapi.json promises for `method path`. */
export function checkResponse(method: string, path: string, status: number, contentType: string, json: unknown): void {
  const where = `${method} ${path} → ${status}`;
  const operation = paths[path]?.[method.toLowerCase()];
  if (!operation) throw new Error(`${method} ${path} is not in openapi.json`);
  const declared = operation.responses[String(status)];
  if (!declared)
    throw new Error(`${where}: status not declared in openapi.json (declared: ${Object.keys(operation.responses).join(', ')})`);
  if (!declared.content) return;
  const base = contentType.split(';')[0]?.trim() ?? '';
  const entry = Object.entries(declared.content).find(([type]) => type.split(';')[0]?.trim() === base);
  if (!entry) throw new Error(`${where}: content type "${contentType}" not declared (${Object.keys(declared.content).join(', ')})`);
  const [type, { schema }] = entry;
  if (!base.endsWith('json') || !schema) return;
  const validate = validator(`${where} ${type}`, schema);
  if (!validate(json)) {
    const errors = (validate.errors ?? []).map(
      (error) => `${error.instancePath || '(body)'} ${error.message ?? ''} ${JSON.stringify(error.params)}`,
    );
    throw new Error(`${where}: body does not match openapi.json:\n  ${errors.join('\n  ')}\n${JSON.stringify(json).slice(0, 500)}`);
  }
}
