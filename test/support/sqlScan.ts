// Finds SQL built from strings in TypeScript source, with the TypeScript parser (no type checking, so it is fast):
// - a call to `.prepare(…)`, or to `.exec(…)` / `.pragma(…)` on a database (a receiver named `db`), whose SQL is not
//   one string literal (a template with `${…}`, a concatenation, a variable…). A constant array of plain literals
//   indexed by a number (the migrations) is allowed;
// - anywhere, a template with `${…}` or a `+` concatenation whose text starts like SQL (an upper-case keyword, as
//   every statement here is written).
import ts from 'typescript';

export interface SqlFinding {
  file: string;
  line: number;
  text: string;
  why: string;
}

const SQL_START = /^\s*(SELECT|INSERT|UPDATE|DELETE|CREATE|DROP|ALTER|PRAGMA|WITH|BEGIN|REPLACE|ATTACH|VACUUM)\b/;
const SINKS = new Set(['prepare', 'exec', 'pragma']);

const isPlainLiteral = (node: ts.Node): boolean => ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node);

/** The text a literal-ish node starts with, for the SQL keyword check. */
function leadingText(node: ts.Node): string | undefined {
  if (isPlainLiteral(node)) return (node as ts.StringLiteral).text;
  if (ts.isTemplateExpression(node)) return node.head.text;
  if (ts.isBinaryExpression(node) && node.operatorToken.kind === ts.SyntaxKind.PlusToken) return leadingText(node.left);
  if (ts.isParenthesizedExpression(node)) return leadingText(node.expression);
  return undefined;
}

/** `const NAME = [literal, literal, …]` declared at the top level of the file. */
function literalArrays(source: ts.SourceFile): Set<string> {
  const names = new Set<string>();
  for (const statement of source.statements) {
    if (!ts.isVariableStatement(statement) || !(statement.declarationList.flags & ts.NodeFlags.Const)) continue;
    for (const d of statement.declarationList.declarations) {
      let init = d.initializer;
      while (init && (ts.isAsExpression(init) || ts.isSatisfiesExpression(init))) init = init.expression;
      if (ts.isIdentifier(d.name) && init && ts.isArrayLiteralExpression(init) && init.elements.every(isPlainLiteral)) names.add(d.name.text);
    }
  }
  return names;
}

export function findSqlBuiltFromStrings(file: string, text: string): SqlFinding[] {
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
  const constants = literalArrays(source);
  const findings: SqlFinding[] = [];
  const report = (node: ts.Node, why: string) =>
    findings.push({ file, line: source.getLineAndCharacterOfPosition(node.getStart()).line + 1, text: node.getText().slice(0, 120), why });

  const visit = (node: ts.Node): void => {
    if (ts.isCallExpression(node) && ts.isPropertyAccessExpression(node.expression) && SINKS.has(node.expression.name.text)) {
      const method = node.expression.name.text;
      const receiver = node.expression.expression.getText();
      const onDatabase = method === 'prepare' || /(^|\.)db$/i.test(receiver);
      const [sql] = node.arguments;
      if (onDatabase && sql) {
        let allowed = isPlainLiteral(sql);
        if (!allowed && ts.isNonNullExpression(sql) && ts.isElementAccessExpression(sql.expression)) {
          const target = sql.expression.expression;
          allowed = ts.isIdentifier(target) && constants.has(target.text);
        } else if (!allowed && ts.isElementAccessExpression(sql)) {
          allowed = ts.isIdentifier(sql.expression) && constants.has(sql.expression.text);
        }
        if (!allowed) report(node, `${receiver}.${method}() with SQL that is not a string literal`);
      }
    }
    if (ts.isTemplateExpression(node) || (ts.isBinaryExpression(node) && node.operatorToken.kind === ts.SyntaxKind.PlusToken)) {
      const start = leadingText(node);
      const parentIsConcat =
        ts.isBinaryExpression(node.parent) && node.parent.operatorToken.kind === ts.SyntaxKind.PlusToken && node.parent.left === node;
      if (start !== undefined && SQL_START.test(start) && !parentIsConcat) report(node, 'SQL text built with ${…} or +');
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return findings;
}
