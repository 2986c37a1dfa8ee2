// The layers, as the import graph shows them (read with the TypeScript parser): outside src/knowledge, code reaches
// the knowledge layer through its front door (src/knowledge/index.ts) only; inside, nothing imports discord.js or
// anything outside the layer.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from './support/knowledge.js';

const KNOWLEDGE = join(PROJECT_ROOT, 'src/knowledge');
const FRONT_DOOR = join(KNOWLEDGE, 'index.ts');
/** White-box tests that may look behind the front door, and what at. */
const ALLOWED = new Map([['test/store.test.ts', ['src/knowledge/store/migrations.ts']]]);

const files = (dir: string): string[] =>
  readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? files(path) : /\.ts$/.test(name) ? [path] : [];
  });

/** Every module a file imports or re-exports (static and dynamic imports with a literal specifier). */
function specifiers(path: string): string[] {
  const source = ts.createSourceFile(path, readFileSync(path, 'utf8'), ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
  const found: string[] = [];
  const visit = (node: ts.Node): void => {
    if ((ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) && node.moduleSpecifier && ts.isStringLiteral(node.moduleSpecifier)) {
      found.push(node.moduleSpecifier.text);
    }
    if (
      ts.isCallExpression(node) &&
      node.expression.kind === ts.SyntaxKind.ImportKeyword &&
      node.arguments[0] &&
      ts.isStringLiteral(node.arguments[0])
    ) {
      found.push(node.arguments[0].text);
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

/** A relative specifier as the file it names (`./x.js` is `./x.ts` in the source tree); null for a package. */
function target(from: string, specifier: string): string | null {
  if (!specifier.startsWith('.')) return null;
  return resolve(dirname(from), specifier).replace(/\.js$/, '.ts');
}

const edges = ['src', 'bench', 'test'].flatMap((dir) =>
  files(join(PROJECT_ROOT, dir)).flatMap((from) => specifiers(from).map((specifier) => ({ from, specifier, to: target(from, specifier) }))),
);
const inKnowledge = (path: string) => path.startsWith(`${KNOWLEDGE}/`);
const shown = (path: string) => relative(PROJECT_ROOT, path);

describe('the import graph', () => {
  it('reaches the knowledge layer from outside only through src/knowledge/index.ts', () => {
    const intoKnowledge = edges.filter((e) => !inKnowledge(e.from) && e.to && inKnowledge(e.to));
    // The graph is really read: the faces, commands, benchmarks and tests all come in through the front door.
    expect(new Set(intoKnowledge.filter((e) => e.to === FRONT_DOOR).map((e) => shown(e.from).split('/')[0])).size).toBe(3);
    expect(intoKnowledge.filter((e) => e.to === FRONT_DOOR).length).toBeGreaterThan(30);
    const around = intoKnowledge.filter((e) => e.to !== FRONT_DOOR && !ALLOWED.get(shown(e.from))?.includes(shown(e.to!)));
    expect(around.map((e) => `${shown(e.from)} imports ${shown(e.to!)}`)).toEqual([]);
  });

  it('keeps discord.js, and everything outside the layer, out of src/knowledge', () => {
    const fromKnowledge = edges.filter((e) => inKnowledge(e.from));
    expect(fromKnowledge.length).toBeGreaterThan(30);
    const discord = fromKnowledge.filter((e) => /^(discord\.js|@discordjs\/|discord-api-types)/.test(e.specifier));
    expect(discord.map((e) => `${shown(e.from)} imports ${e.specifier}`)).toEqual([]);
    const outward = fromKnowledge.filter((e) => e.to && !inKnowledge(e.to));
    expect(outward.map((e) => `${shown(e.from)} imports ${shown(e.to!)}`)).toEqual([]);
  });
});
