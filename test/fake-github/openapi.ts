/**
 * Validates requests against GitHub's published OpenAPI description (@octokit/openapi), so the fake
 * server refuses anything the real API would not document: unknown method/path, unknown or malformed
 * query parameters, bodies that do not match the operation's JSON schema.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv, type ValidateFunction } from 'ajv';
import addFormatsModule from 'ajv-formats';
import { ROOT } from '../helpers/paths.js';

// ajv-formats is CommonJS; under ESM its default export may be wrapped once more.
const addFormats = ((addFormatsModule as unknown as { default?: unknown }).default ??
  addFormatsModule) as unknown as (ajv: Ajv) => Ajv;

export const SPEC_PATH = join(ROOT, 'node_modules/@octokit/openapi/generated/api.github.com.json');

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };
type JsonObject = { [k: string]: Json };

interface Parameter {
  name: string;
  in: 'path' | 'query' | 'header' | 'cookie';
  required?: boolean;
  schema?: JsonObject;
}

interface Operation {
  method: string;
  template: string;
  segments: string[];
  parameters: Parameter[];
  bodySchema: JsonObject | null;
  bodyRequired: boolean;
  raw: JsonObject;
}

export interface Matched {
  /** e.g. "POST /repos/{owner}/{repo}/issues" */
  route: string;
  params: Record<string, string>;
  query: Record<string, string>;
  violations: string[];
}

/**
 * OpenAPI 3.0 `nullable: true` is not JSON Schema: rewrite it as anyOf [schema, null] everywhere,
 * and point local refs at the spec registered in ajv under the id "gh".
 */
function toJsonSchema(node: Json): Json {
  if (Array.isArray(node)) return node.map(toJsonSchema);
  if (node === null || typeof node !== 'object') return node;
  const out: JsonObject = {};
  for (const [k, v] of Object.entries(node)) {
    if (k === 'nullable' || k === 'example' || k === 'examples' || k === 'discriminator') continue;
    if (k === '$ref' && typeof v === 'string' && v.startsWith('#/')) out[k] = 'gh' + v;
    else out[k] = toJsonSchema(v);
  }
  if ((node as JsonObject).nullable === true) return { anyOf: [out, { type: 'null' }] };
  return out;
}

function coerce(value: string, schema: JsonObject | undefined): unknown {
  const type = schema?.type;
  if (type === 'integer' || type === 'number') return value.trim() === '' ? value : Number(value);
  if (type === 'boolean') return value === 'true' ? true : value === 'false' ? false : value;
  if (type === 'array') return value.split(',');
  return value;
}

export class OpenApiValidator {
  private readonly operations: Operation[] = [];
  private readonly ajv: Ajv;
  private readonly spec: JsonObject;
  private readonly compiled = new Map<string, ValidateFunction>();

  constructor(specPath = SPEC_PATH) {
    this.spec = JSON.parse(readFileSync(specPath, 'utf8')) as JsonObject;
    this.ajv = new Ajv({ strict: false, allErrors: true, validateSchema: false, addUsedSchema: false });
    addFormats(this.ajv);
    const components = toJsonSchema((this.spec.components ?? {}) as Json) as JsonObject;
    this.ajv.addSchema({ $id: 'gh', components }, undefined, undefined, false);
    const paths = this.spec.paths as Record<string, Record<string, JsonObject>>;
    for (const [template, item] of Object.entries(paths)) {
      const shared = ((item.parameters as unknown as JsonObject[]) ?? []).map((p) => this.deref(p));
      for (const [method, op] of Object.entries(item)) {
        if (!['get', 'post', 'put', 'patch', 'delete', 'head'].includes(method)) continue;
        const own = ((op.parameters as unknown as JsonObject[]) ?? []).map((p) => this.deref(p));
        const body = op.requestBody ? (this.deref(op.requestBody as JsonObject) as JsonObject) : null;
        const content = body?.content as Record<string, JsonObject> | undefined;
        this.operations.push({
          method: method.toUpperCase(),
          template,
          segments: template.split('/').slice(1),
          parameters: [...shared, ...own] as unknown as Parameter[],
          bodySchema: (content?.['application/json']?.schema as JsonObject) ?? null,
          bodyRequired: body?.required === true,
          raw: op,
        });
      }
    }
  }

  private deref(node: JsonObject): JsonObject {
    let cur = node;
    for (let i = 0; i < 10 && typeof cur.$ref === 'string'; i++) {
      let target: Json = this.spec;
      for (const part of (cur.$ref as string).slice(2).split('/')) {
        target = (target as JsonObject)[part.replace(/~1/g, '/').replace(/~0/g, '~')];
      }
      cur = target as JsonObject;
    }
    return cur;
  }

  /** Finds the operation for a concrete path; literal segments beat parameters (…/issues/comments/{id}). */
  private find(method: string, pathname: string): { op: Operation; params: Record<string, string> } | null {
    const parts = pathname.split('/').slice(1).map(decodeURIComponent);
    let best: { op: Operation; params: Record<string, string>; score: number } | null = null;
    for (const op of this.operations) {
      if (op.method !== method || op.segments.length !== parts.length) continue;
      const params: Record<string, string> = {};
      let score = 0;
      let ok = true;
      for (let i = 0; i < parts.length && ok; i++) {
        const seg = op.segments[i];
        const m = /^\{([^}]+)\}$/.exec(seg);
        if (m) {
          if (parts[i] === '') ok = false;
          params[m[1]] = parts[i];
        } else if (seg === parts[i]) score += 1;
        else ok = false;
      }
      if (ok && (!best || score > best.score)) best = { op, params, score };
    }
    return best;
  }

  private validator(key: string, schema: JsonObject): ValidateFunction {
    let fn = this.compiled.get(key);
    if (!fn) {
      fn = this.ajv.compile(toJsonSchema(schema) as object);
      this.compiled.set(key, fn);
    }
    return fn;
  }

  /** The route and every way the request departs from the description (empty = valid). */
  validate(
    method: string,
    url: URL,
    body: unknown,
    hasBody: boolean,
  ): Matched | { route: null; violations: string[] } {
    const found = this.find(method, url.pathname);
    if (!found)
      return {
        route: null,
        violations: [`${method} ${url.pathname}: no such operation in the OpenAPI description`],
      };
    const { op, params } = found;
    const route = `${op.method} ${op.template}`;
    const violations: string[] = [];
    const query: Record<string, string> = {};
    for (const [k, v] of url.searchParams) query[k] = v;

    for (const p of op.parameters) {
      if (p.in !== 'path' && p.in !== 'query') continue;
      const raw = p.in === 'path' ? params[p.name] : query[p.name];
      if (raw === undefined) {
        if (p.required) violations.push(`${route}: missing required ${p.in} parameter '${p.name}'`);
        continue;
      }
      if (p.schema) {
        const fn = this.validator(`${route} param ${p.name}`, p.schema);
        if (!fn(coerce(raw, p.schema))) {
          violations.push(
            `${route}: ${p.in} parameter '${p.name}'='${raw}' ${this.ajv.errorsText(fn.errors)}`,
          );
        }
      }
    }
    const known = new Set(op.parameters.filter((p) => p.in === 'query').map((p) => p.name));
    for (const k of Object.keys(query)) {
      if (!known.has(k)) violations.push(`${route}: unknown query parameter '${k}'`);
    }

    if (hasBody && !op.bodySchema) violations.push(`${route}: takes no JSON body but got one`);
    if (!hasBody && op.bodyRequired) violations.push(`${route}: JSON body is required`);
    if (hasBody && op.bodySchema) {
      const fn = this.validator(`${route} body`, op.bodySchema);
      if (!fn(body)) violations.push(`${route}: body ${this.ajv.errorsText(fn.errors)}`);
    }
    return { route, params, query, violations };
  }

  /** Validates a JSON response our fake produces against the documented response schema (keeps the fake honest). */
  validateResponse(route: string, status: number, body: unknown): string[] {
    const [method, template] = route.split(' ');
    const op = this.operations.find((o) => o.method === method && o.template === template);
    if (!op) return [`${route}: unknown operation`];
    const responses = op.raw.responses as Record<string, JsonObject> | undefined;
    const resp = responses?.[String(status)] ? this.deref(responses[String(status)]) : null;
    const schema = (resp?.content as Record<string, JsonObject> | undefined)?.['application/json']?.schema as
      JsonObject | undefined;
    if (!schema) return [];
    const fn = this.validator(`${route} response ${status}`, schema);
    return fn(body) ? [] : [`${route} ${status} response: ${this.ajv.errorsText(fn.errors)}`];
  }
}

let shared: OpenApiValidator | null = null;
/** One validator per test file (the description is 13 MB). */
export function openApiValidator(): OpenApiValidator {
  shared ??= new OpenApiValidator();
  return shared;
}
