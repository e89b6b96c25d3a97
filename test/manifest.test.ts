import fs from 'node:fs';
import path from 'node:path';
import Ajv from 'ajv';
import addFormats from 'ajv-formats';
import { COMMAND } from '../src/slack/ids';
import { webApiMethodsInSource } from './support/app-slack-usage';
import { ROOT, loadManifest } from '../tools/fake-slack/manifest';
import { scopeAppliesTo } from '../tools/fake-slack/methods/method-context';
import { eventScopes, scopesFor } from '../tools/fake-slack/slack-reference';

const REFERENCE = path.join(ROOT, 'tools', 'fake-slack', 'reference');

/** Each need is satisfied by any one scope of its set. */
interface Need {
  why: string;
  anyOf: string[];
}

/**
 * The kinds of conversation the bot works in: incident channels are public or private. Slack
 * grants conversation scopes per kind, so each kind is a need of its own.
 */
const CONVERSATION_KINDS = {
  public: { is_private: false, is_im: false, is_mpim: false },
  private: { is_private: true, is_im: false, is_mpim: false },
};

/** Methods the bot also uses in its DMs with people (a reminder interrupted by a crash is looked for there). */
const USED_IN_DMS = new Set(['conversations.history', 'conversations.open']);

function needs(): Need[] {
  const manifest = loadManifest();
  const list: Need[] = [];
  for (const [method, files] of webApiMethodsInSource()) {
    const scopes = scopesFor(method);
    if (!scopes) continue;
    const why = `${method} (${files[0]})`;
    if (!scopes.some((s) => /^(channels|groups|im|mpim):/.test(s))) {
      list.push({ why, anyOf: scopes });
      continue;
    }
    const kinds = Object.entries(CONVERSATION_KINDS);
    if (USED_IN_DMS.has(method)) kinds.push(['dm', { is_private: true, is_im: true, is_mpim: false }]);
    for (const [kind, conversation] of kinds) {
      const anyOf = scopes.filter((s) => scopeAppliesTo(s, conversation));
      if (anyOf.length > 0) list.push({ why: `${why} in ${kind} channels`, anyOf });
    }
  }
  for (const event of manifest.settings?.event_subscriptions?.bot_events ?? []) {
    const scopes = eventScopes(event);
    if (scopes.length > 0) list.push({ why: `event ${event}`, anyOf: scopes });
  }
  if ((manifest.features?.slash_commands ?? []).length > 0) list.push({ why: 'slash commands', anyOf: ['commands'] });
  // users.info leaves the profile's email out without this scope; the tracker finds owners' accounts by it.
  if (sourceReads(/profile\?\.email\b/)) list.push({ why: "users.info's profile.email (src/slack/web-api/user-directory.ts)", anyOf: ['users:read.email'] });
  return list;
}

/** Whether any file under src/ matches: a field read, not a method called, can need a scope too. */
function sourceReads(pattern: RegExp): boolean {
  const walk = (dir: string): boolean =>
    fs.readdirSync(dir, { withFileTypes: true }).some((entry) => {
      const full = path.join(dir, entry.name);
      return entry.isDirectory() ? walk(full) : entry.name.endsWith('.ts') && pattern.test(fs.readFileSync(full, 'utf8'));
    });
  return walk(path.join(ROOT, 'src'));
}

describe('manifest.yml', () => {
  const manifest = loadManifest();

  it("is valid against Slack's manifest JSON Schema", () => {
    const version = manifest._metadata?.major_version ?? 1;
    const schema = JSON.parse(fs.readFileSync(path.join(REFERENCE, `manifest.schema.${version}.0.0.json`), 'utf8'));
    const ajv = new Ajv({ strict: false, allErrors: true });
    addFormats(ajv);
    // Slack's schema spells some patterns with a non-standard `regex` keyword: enforce it too.
    ajv.addKeyword({
      keyword: 'regex',
      type: 'string',
      schemaType: 'string',
      validate: (pattern: string, data: string) => new RegExp(pattern).test(data),
    });
    const validate = ajv.compile(schema);
    const valid = validate(manifest);
    expect(validate.errors ?? []).toEqual([]);
    expect(valid).toBe(true);
  });

  it('declares the bot user, the slash command, App Home, interactivity and Socket Mode', () => {
    expect(manifest).toMatchObject({
      features: {
        bot_user: { display_name: expect.any(String) },
        app_home: { home_tab_enabled: true },
        slash_commands: [expect.objectContaining({ command: COMMAND })],
      },
      settings: { interactivity: { is_enabled: true }, socket_mode_enabled: true },
    });
  });

  it('does not invite people to type in its DM unless it answers messages there', () => {
    const answersDms = (manifest.settings?.event_subscriptions?.bot_events ?? []).includes('message.im');
    if (!answersDms) expect(manifest.features?.app_home?.messages_tab_read_only_enabled).toBe(true);
  });

  it('has every bot scope explained in the README, for the admin who reviews the install', () => {
    const readme = fs.readFileSync(path.join(ROOT, 'README.md'), 'utf8');
    const explained = new Set([...readme.matchAll(/^\| (`[^|]+`) \| [^|]+\|$/gm)].flatMap((m) => [...m[1]!.matchAll(/`([a-z:.]+)`/g)].map((s) => s[1])));
    for (const scope of manifest.oauth_config?.scopes?.bot ?? []) expect({ scope, explained: explained.has(scope) }).toEqual({ scope, explained: true });
  });

  it('grants every bot scope the code needs', () => {
    const granted = new Set(manifest.oauth_config?.scopes?.bot ?? []);
    const unmet = needs().filter((n) => !n.anyOf.some((s) => granted.has(s)));
    expect(unmet).toEqual([]);
  });

  it('grants no bot scope the code could do without', () => {
    const granted = manifest.oauth_config?.scopes?.bot ?? [];
    const all = needs();
    const unused = granted.filter((scope) => {
      const without = new Set(granted.filter((s) => s !== scope));
      return all.every((n) => n.anyOf.some((s) => without.has(s)));
    });
    expect(unused).toEqual([]);
  });

  it('finds the Web API calls in the source (the scan above is not vacuous)', () => {
    expect([...webApiMethodsInSource().keys()]).toContain('views.publish');
  });
});

describe('vendored Slack reference data', () => {
  const shared = path.resolve(ROOT, '..', 'shared', 'slack-reference');
  const run = fs.existsSync(shared) ? it : it.skip;

  run('is an unchanged copy of the shared reference', () => {
    const list = (dir: string): string[] =>
      fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
        e.isDirectory() ? list(path.join(dir, e.name)).map((f) => path.join(e.name, f)) : [e.name],
      );
    const files = list(shared).sort();
    expect(list(REFERENCE).sort()).toEqual(files);
    for (const file of files) {
      expect(fs.readFileSync(path.join(REFERENCE, file), 'utf8')).toBe(fs.readFileSync(path.join(shared, file), 'utf8'));
    }
  });
});
