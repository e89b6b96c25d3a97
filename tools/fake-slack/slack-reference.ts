import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { ROOT } from './manifest';

/**
 * Slack's own description of its Web API methods and events, vendored unchanged under
 * tools/fake-slack/reference. The fake server takes required arguments, scopes and error codes from
 * here rather than from memory, so it cannot drift into accepting calls Slack would refuse.
 */
const referenceDir = path.join(ROOT, 'tools', 'fake-slack', 'reference');

export interface MethodArgSpec {
  type?: string;
  desc?: string;
  example?: unknown;
  [key: string]: unknown;
}

export interface MethodSpec {
  name: string;
  desc?: string;
  http_method?: string;
  scope?: { bot?: string[] | null; user?: string[] | null } | null;
  rate_limits?: string;
  json_input_supported?: boolean;
  args?: { type?: string; required?: string[]; properties?: Record<string, MethodArgSpec> };
  errors?: Record<string, { desc?: string }>;
  examples?: Record<string, unknown>;
}

export interface EventIndexEntry {
  name: string;
  description?: string;
  scopes?: string[];
  subtypes?: EventIndexEntry[];
  APIs?: string[];
}

let methods: Map<string, MethodSpec> | undefined;
let events: Map<string, EventIndexEntry> | undefined;

function loadMethods(): Map<string, MethodSpec> {
  if (!methods) {
    const dir = path.join(referenceDir, 'methods');
    methods = new Map();
    for (const file of readdirSync(dir).sort()) {
      if (!file.endsWith('.json')) continue;
      const name = file.slice(0, -'.json'.length);
      const spec = JSON.parse(readFileSync(path.join(dir, file), 'utf8')) as Omit<MethodSpec, 'name'>;
      methods.set(name, { ...spec, name });
    }
  }
  return methods;
}

function loadEvents(): Map<string, EventIndexEntry> {
  if (!events) {
    const list = JSON.parse(readFileSync(path.join(referenceDir, 'events', 'index.json'), 'utf8')) as EventIndexEntry[];
    events = new Map(list.map((entry) => [entry.name, entry]));
  }
  return events;
}

/** The vendored spec of a Web API method, or undefined when Slack has no such method in the data. */
export function methodSpec(name: string): MethodSpec | undefined {
  return loadMethods().get(name);
}

export function methodNames(): string[] {
  return [...loadMethods().keys()];
}

/** Bot scopes of which the method needs any one; null when the method needs no scope. */
export function scopesFor(method: string): string[] | null {
  const spec = methodSpec(method);
  if (!spec) throw new Error(`No Slack reference data for method ${method}`);
  const bot = spec.scope?.bot;
  return bot && bot.length > 0 ? [...bot] : null;
}

/** Arguments Slack refuses the call without; `token` is left out because it may travel in a header. */
export function requiredArgs(method: string): string[] {
  return (methodSpec(method)?.args?.required ?? []).filter((name) => name !== 'token');
}

/** Error codes Slack documents for the method. */
export function documentedErrors(method: string): string[] {
  return Object.keys(methodSpec(method)?.errors ?? {});
}

/**
 * Scopes an Events API subscription needs (any one of them). `message.channels` style names and
 * `message` subtypes such as `message_changed` are both accepted.
 */
export function eventScopes(eventName: string): string[] {
  const index = loadEvents();
  const direct = index.get(eventName);
  if (direct) return [...(direct.scopes ?? [])];
  const subtype = index.get('message')?.subtypes?.find((entry) => entry.name === eventName);
  if (subtype) return [...(subtype.scopes ?? [])];
  throw new Error(`No Slack reference data for event ${eventName}`);
}

export function eventNames(): string[] {
  return [...loadEvents().keys()];
}
