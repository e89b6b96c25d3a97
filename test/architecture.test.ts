import { existsSync, mkdtempSync, mkdirSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, posix, relative, sep } from 'node:path';
import ts from 'typescript';

/**
 * The shape `src/` must keep: no import cycles, a domain that knows nothing of Slack, features
 * that reach each other's tables only through service functions, and a renderer that does not
 * depend on the Slack surface it feeds. Each rule is a plain function over the import graph, so
 * the same function is run on the real tree and on small trees built to break it.
 */

/** One import of a file, as written and, for relative ones, the file it names. */
interface Import {
  specifier: string;
  /** The imported file relative to the root (posix separators); undefined for packages. */
  target?: string;
  /** `import type`, `export type` or only `type` names: erased at run time. */
  typeOnly: boolean;
}

/** Files relative to the root (posix separators) and what each imports. */
type ImportGraph = Map<string, Import[]>;

/** The folders that hold the product's rules and words; Slack is only their edge. */
const DOMAIN_FOLDERS = ['incidents', 'timeline', 'postmortems', 'action-items', 'home', 'render', 'mrkdwn', 'search', 'insights'];

/** Folders that assemble features (the database's table list, the wiring) and may name any repository. */
const ASSEMBLY_FOLDERS = ['db', 'wiring'];

/**
 * Repository imports from outside their feature that are known and waiting for a service
 * function, as `importer -> repository`. Each should go; none may be added.
 */
const KNOWN_REPOSITORY_IMPORTS = new Set<string>();

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return /\.tsx?$/.test(name) && !name.endsWith('.d.ts') ? [path] : [];
  });
}

const toPosix = (path: string) => path.split(sep).join(posix.sep);

function resolveRelative(root: string, fromFile: string, specifier: string): string | undefined {
  const base = join(dirname(fromFile), specifier.replace(/\.js$/, ''));
  const found = [`${base}.ts`, `${base}.tsx`, join(base, 'index.ts')].find((p) => existsSync(p));
  return found ? toPosix(relative(root, found)) : undefined;
}

/** Every static import and re-export, plus `import()` and `require()` with a literal name. */
function importsOf(root: string, file: string): Import[] {
  const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true);
  const found: Import[] = [];
  const add = (specifier: string, typeOnly: boolean) => {
    const target = specifier.startsWith('.') ? resolveRelative(root, file, specifier) : undefined;
    if (specifier.startsWith('.') && !target) throw new Error(`${relative(root, file)}: cannot resolve ${specifier}`);
    found.push({ specifier, target, typeOnly });
  };
  const visit = (node: ts.Node) => {
    if (ts.isImportDeclaration(node) && ts.isStringLiteral(node.moduleSpecifier)) {
      const clause = node.importClause;
      const bindings = clause?.namedBindings;
      // `import { type A, type B }` is erased just like `import type { A, B }`.
      const onlyTypeNames =
        clause !== undefined &&
        !clause.name &&
        bindings !== undefined &&
        ts.isNamedImports(bindings) &&
        bindings.elements.length > 0 &&
        bindings.elements.every((e) => e.isTypeOnly);
      add(node.moduleSpecifier.text, Boolean(clause?.isTypeOnly) || onlyTypeNames);
    } else if (ts.isExportDeclaration(node) && node.moduleSpecifier && ts.isStringLiteral(node.moduleSpecifier)) {
      const clause = node.exportClause;
      const onlyTypeNames =
        clause !== undefined && ts.isNamedExports(clause) && clause.elements.length > 0 && clause.elements.every((e) => e.isTypeOnly);
      add(node.moduleSpecifier.text, node.isTypeOnly || onlyTypeNames);
    } else if (ts.isCallExpression(node) && node.arguments.length === 1) {
      const [argument] = node.arguments;
      const isImport = node.expression.kind === ts.SyntaxKind.ImportKeyword;
      const isRequire = ts.isIdentifier(node.expression) && node.expression.text === 'require';
      if ((isImport || isRequire) && argument && ts.isStringLiteralLike(argument)) add(argument.text, false);
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

function importGraph(root: string): ImportGraph {
  return new Map(sourceFiles(root).map((file) => [toPosix(relative(root, file)), importsOf(root, file)]));
}

/** The top folder a file sits in (`incidents` for `incidents/x.ts`), or '' for a file at the root. */
const topFolder = (file: string) => (file.includes('/') ? file.slice(0, file.indexOf('/')) : '');
const isUnder = (file: string, folder: string) => file.startsWith(`${folder}/`);

/** Groups of files that import each other round in a circle at run time (type imports are erased). */
function importCycles(graph: ImportGraph): string[][] {
  // Tarjan's strongly connected components: every component of more than one file, or a file
  // importing itself, is a cycle.
  let counter = 0;
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const cycles: string[][] = [];
  const next = (file: string) => (graph.get(file) ?? []).flatMap((i) => (!i.typeOnly && i.target ? [i.target] : []));
  const connect = (file: string) => {
    index.set(file, counter);
    low.set(file, counter);
    counter += 1;
    stack.push(file);
    onStack.add(file);
    for (const target of next(file)) {
      if (!index.has(target)) {
        connect(target);
        low.set(file, Math.min(low.get(file) ?? 0, low.get(target) ?? 0));
      } else if (onStack.has(target)) {
        low.set(file, Math.min(low.get(file) ?? 0, index.get(target) ?? 0));
      }
    }
    if (low.get(file) !== index.get(file)) return;
    const component: string[] = [];
    let member: string | undefined;
    do {
      member = stack.pop();
      if (member === undefined) break;
      onStack.delete(member);
      component.push(member);
    } while (member !== file);
    if (component.length > 1 || next(file).includes(file)) cycles.push(component.sort());
  };
  for (const file of graph.keys()) if (!index.has(file)) connect(file);
  return cycles.sort();
}

/** Domain files that import a Slack package or anything of the Slack surface. */
function slackInDomain(graph: ImportGraph): string[] {
  const problems: string[] = [];
  for (const [file, imports] of graph) {
    if (!DOMAIN_FOLDERS.includes(topFolder(file))) continue;
    for (const i of imports) {
      // Block Kit's types describe the renderer's output; they bring no Slack code along.
      const blockKitTypes = isUnder(file, 'render') && i.typeOnly && i.specifier === '@slack/types';
      if (i.specifier.startsWith('@slack/') && !blockKitTypes) problems.push(`${file} imports ${i.specifier}`);
      if (i.target && isUnder(i.target, 'slack')) problems.push(`${file} imports ${i.target}`);
    }
  }
  return problems.sort();
}

/** Imports of a `*.repository` file from outside the folder that owns it. */
function repositoriesReachedFromOutside(graph: ImportGraph, known: ReadonlySet<string> = new Set()): string[] {
  const problems: string[] = [];
  for (const [file, imports] of graph) {
    if (ASSEMBLY_FOLDERS.includes(topFolder(file))) continue;
    for (const { target } of imports) {
      if (!target || !/\.repository\.tsx?$/.test(target)) continue;
      const owner = posix.dirname(target);
      if (isUnder(file, owner)) continue;
      const edge = `${file} -> ${target}`;
      if (!known.has(edge)) problems.push(edge);
    }
  }
  return problems.sort();
}

/** Renderer files that import the Slack surface: the surface uses the renderer, never the reverse. */
function renderReachesSlack(graph: ImportGraph): string[] {
  const problems = [...graph].flatMap(([file, imports]) =>
    isUnder(file, 'render') ? imports.flatMap((i) => (i.target && isUnder(i.target, 'slack') ? [`${file} imports ${i.target}`] : [])) : [],
  );
  return problems.sort();
}

describe('the shape of src/', () => {
  const graph = importGraph(join(__dirname, '..', 'src'));

  it('reads the whole tree', () => {
    // Guards against a walk that silently finds nothing and so passes every rule.
    expect(graph.has('incidents/change-incident.ts')).toBe(true);
    expect(graph.size).toBeGreaterThan(100);
  });

  it('has no import cycle', () => {
    expect(importCycles(graph)).toEqual([]);
  });

  it('keeps Slack out of the domain', () => {
    expect(slackInDomain(graph)).toEqual([]);
  });

  it('lets each feature alone read and write its tables', () => {
    expect(repositoriesReachedFromOutside(graph, KNOWN_REPOSITORY_IMPORTS)).toEqual([]);
  });

  it('still has every known exception to the table rule', () => {
    // A known exception that was fixed must leave the list, so it cannot come back unnoticed.
    const edges = new Set(repositoriesReachedFromOutside(graph));
    expect([...KNOWN_REPOSITORY_IMPORTS].filter((edge) => !edges.has(edge))).toEqual([]);
  });

  it('keeps the renderer independent of the Slack surface', () => {
    expect(renderReachesSlack(graph)).toEqual([]);
  });
});

describe('the rules catch what they forbid', () => {
  let root: string;
  const tree = (files: Record<string, string>): ImportGraph => {
    for (const [path, text] of Object.entries(files)) {
      mkdirSync(dirname(join(root, path)), { recursive: true });
      writeFileSync(join(root, path), text);
    }
    return importGraph(root);
  };

  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), 'shape-'));
  });
  afterEach(() => {
    rmSync(root, { recursive: true, force: true });
  });

  it('finds a cycle through a value import, and not one closed only by a type import', () => {
    const graph = tree({
      'a.ts': "import { b } from './b';\nexport const a = b;",
      'b.ts': "import { c } from './c';\nexport const b = c;",
      'c.ts': "import { a } from './a';\nexport const c = () => a;",
      'd.ts': "import type { E } from './e';\nexport type D = E;",
      'e.ts': "import { type D } from './d';\nexport type E = D;",
      'f.ts': "export { g } from './g';\nexport const f = 1;",
      'g.ts': "export const g = async () => (await import('./f')).f;",
    });
    expect(importCycles(graph)).toEqual([
      ['a.ts', 'b.ts', 'c.ts'],
      ['f.ts', 'g.ts'],
    ]);
  });

  it('finds Slack in the domain, allowing only Block Kit types in the renderer', () => {
    const graph = tree({
      'slack/ids.ts': "export const ID = 'x';",
      'incidents/a.ts': "import { WebClient } from '@slack/web-api';\nexport const a = WebClient;",
      'timeline/b.ts': "import type { ID } from '../slack/ids';\nexport type B = typeof ID;",
      'render/c.ts': "import type { KnownBlock } from '@slack/types';\nexport type C = KnownBlock;",
      'render/d.ts': "import { type Block } from '@slack/bolt';\nexport type D = Block;",
      'slack/e.ts': "import { WebClient } from '@slack/web-api';\nexport const e = WebClient;",
    });
    expect(slackInDomain(graph)).toEqual(['incidents/a.ts imports @slack/web-api', 'render/d.ts imports @slack/bolt', 'timeline/b.ts imports slack/ids.ts']);
  });

  it('finds a repository read from another feature, type imports included', () => {
    const graph = tree({
      'incidents/incidents.repository.ts': 'export const findIncident = () => undefined;',
      'incidents/load.ts': "import { findIncident } from './incidents.repository';\nexport const load = findIncident;",
      'home/my-work.ts': "import { findIncident } from '../incidents/incidents.repository';\nexport const w = findIncident;",
      'postmortems/p.ts': "export type { findIncident } from '../incidents/incidents.repository';",
      'slack/inbox/inbox.repository.ts': 'export const prune = () => undefined;',
      'slack/inbox/inbox.ts': "import { prune } from './inbox.repository';\nexport const inbox = prune;",
      'db/database.ts': "import type { findIncident } from '../incidents/incidents.repository';\nexport type Db = typeof findIncident;",
      'start-bot.ts': "import { prune } from './slack/inbox/inbox.repository';\nexport const start = prune;",
    });
    expect(repositoriesReachedFromOutside(graph)).toEqual([
      'home/my-work.ts -> incidents/incidents.repository.ts',
      'postmortems/p.ts -> incidents/incidents.repository.ts',
      'start-bot.ts -> slack/inbox/inbox.repository.ts',
    ]);
    expect(repositoriesReachedFromOutside(graph, new Set(['start-bot.ts -> slack/inbox/inbox.repository.ts']))).toHaveLength(2);
  });

  it('finds the renderer importing the Slack surface', () => {
    const graph = tree({
      'slack/blocks/section.ts': 'export const section = () => ({});',
      'render/blocks.ts': "import { section } from '../slack/blocks/section';\nexport const blocks = section;",
      'render/markdown.ts': "import { blocks } from './blocks';\nexport const md = blocks;",
    });
    expect(renderReachesSlack(graph)).toEqual(['render/blocks.ts imports slack/blocks/section.ts']);
  });
});
