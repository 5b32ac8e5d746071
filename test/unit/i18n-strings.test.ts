/**
 * Every visible string of the widget and the staff console comes from the catalogues
 * (web/src/i18n/locales): this test parses web/src and fails on text that would reach a person
 * without passing through `t()`. What counts as visible text:
 * - JSX text (`<p>Hello</p>`) and string literals in JSX (`{'Hello'}`);
 * - string values of the attributes people read or hear (aria-label, title, placeholder, alt...);
 * - any other string literal that reads as words: starting with a capital letter followed by a
 *   lower-case one ('Save', 'Could not save'), outside imports, types and `t()` arguments.
 * A line that must keep such a literal (a header name, a product name) says `i18n-ignore` in a
 * comment on that line or the one before. The catalogues themselves are checked too: every
 * language has only keys English has, with the same placeholders.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '../..');
const webSrc = join(root, 'web/src');
const localeDir = join(webSrc, 'i18n/locales');

const READ_ATTRS = new Set([
  'aria-label',
  'aria-description',
  'aria-placeholder',
  'aria-valuetext',
  'title',
  'placeholder',
  'alt',
  'label',
  'hint',
]);
// Attributes whose values are code, not words.
const CODE_ATTRS = new Set([
  'className',
  'type',
  'href',
  'role',
  'id',
  'name',
  'htmlFor',
  'key',
  'rel',
  'target',
  'src',
]);
const WORDS = /^[A-Z][a-z]/;
// Setting ids (Livechat_title), event names (LivechatSession) and product names are not words.
const NOT_WORDS = /_|[a-z][A-Z]|^(Omnihook|Rocket\.Chat)$/;
const reads = (s: string) => WORDS.test(s) && !NOT_WORDS.test(s);

function sourceFiles(dir: string, out: string[] = []): string[] {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, entry.name);
    if (entry.isDirectory()) {
      if (p !== join(webSrc, 'i18n')) sourceFiles(p, out);
    } else if (/\.(ts|tsx)$/.test(entry.name) && !/\.gen\.ts$/.test(entry.name) && !entry.name.endsWith('.d.ts')) {
      out.push(p);
    }
  }
  return out;
}

interface Finding {
  file: string;
  line: number;
  text: string;
}

function hasLetters(s: string): boolean {
  return /\p{L}/u.test(s);
}

function ignored(lines: string[], line: number): boolean {
  return /i18n-ignore/.test(lines[line] ?? '') || /i18n-ignore/.test(lines[line - 1] ?? '');
}

function insideTCall(node: ts.Node): boolean {
  for (let p = node.parent; p; p = p.parent) {
    if (ts.isCallExpression(p)) {
      const callee = p.expression.getText();
      return callee === 't' || callee === 'tn';
    }
    if (!ts.isBinaryExpression(p) && !ts.isConditionalExpression(p) && !ts.isParenthesizedExpression(p)) return false;
  }
  return false;
}

function findingsIn(file: string): Finding[] {
  const text = readFileSync(file, 'utf8');
  const lines = text.split('\n');
  const sf = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true, ts.ScriptKind.TSX);
  const out: Finding[] = [];
  const add = (node: ts.Node, value: string) => {
    const line = sf.getLineAndCharacterOfPosition(node.getStart(sf)).line;
    if (!ignored(lines, line))
      out.push({ file: relative(root, file), line: line + 1, text: value.trim().slice(0, 60) });
  };
  const visit = (node: ts.Node): void => {
    if (ts.isImportDeclaration(node) || ts.isExportDeclaration(node) || ts.isTypeNode(node)) return;
    if (ts.isJsxText(node)) {
      if (hasLetters(node.text) && !NOT_WORDS.test(node.text.trim())) add(node, node.text);
      return;
    }
    if (ts.isJsxAttribute(node)) {
      const name = node.name.getText(sf);
      const init = node.initializer;
      if (CODE_ATTRS.has(name) || name.startsWith('data-')) return;
      if (init && ts.isStringLiteral(init)) {
        if (READ_ATTRS.has(name) ? hasLetters(init.text) : reads(init.text)) add(init, init.text);
        return;
      }
    }
    if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) {
      const parent = node.parent;
      const inJsx = parent && ts.isJsxExpression(parent);
      const isKey =
        parent && (ts.isPropertyAssignment(parent) || ts.isPropertySignature(parent)) && parent.name === node;
      const isIndex = parent && ts.isElementAccessExpression(parent);
      // `e.key === 'Escape'`, `case 'Queued':` compare with data, they show nothing
      const compared =
        parent &&
        ((ts.isBinaryExpression(parent) &&
          [
            ts.SyntaxKind.EqualsEqualsEqualsToken,
            ts.SyntaxKind.ExclamationEqualsEqualsToken,
            ts.SyntaxKind.EqualsEqualsToken,
            ts.SyntaxKind.ExclamationEqualsToken,
          ].includes(parent.operatorToken.kind)) ||
          ts.isCaseClause(parent));
      if (compared) return;
      if (!isKey && !isIndex && !insideTCall(node) && (inJsx ? hasLetters(node.text) : reads(node.text)))
        add(node, node.text);
      return;
    }
    if (ts.isTemplateExpression(node)) {
      // `${name} is now a manager`: the words may follow a placeholder
      const literal = [node.head.text, ...node.templateSpans.map((s) => s.literal.text)].join(' ');
      if (!insideTCall(node) && (reads(node.head.text) || /[A-Za-z]{2,} [A-Za-z]{2,}/.test(literal)))
        add(node, literal);
    }
    ts.forEachChild(node, visit);
  };
  visit(sf);
  return out;
}

function placeholders(s: string): string[] {
  return [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1] ?? '').sort();
}

describe('UI strings come from the catalogues', () => {
  it('no hard-coded visible text in web/src', () => {
    const findings = sourceFiles(webSrc).flatMap(findingsIn);
    const report = findings.map((f) => `${f.file}:${f.line}  ${JSON.stringify(f.text)}`).join('\n');
    expect(findings.length, `hard-coded strings (use t() or mark the line i18n-ignore):\n${report}`).toBe(0);
  });

  it('every catalogue has only English keys, with the same placeholders', () => {
    const en = JSON.parse(readFileSync(join(localeDir, 'en.json'), 'utf8')) as Record<string, string>;
    const files = readdirSync(localeDir).filter((f) => f.endsWith('.json'));
    expect(files).toEqual(expect.arrayContaining(['en.json', 'de.json', 'es.json', 'fr.json', 'pt-BR.json']));
    for (const f of files) {
      const cat = JSON.parse(readFileSync(join(localeDir, f), 'utf8')) as Record<string, string>;
      const base = (k: string) => k.replace(/\.(zero|one|two|few|many|other)$/, '.other');
      for (const [key, value] of Object.entries(cat)) {
        expect(key in en || base(key) in en, `${f}: key ${key} is not in en.json`).toBe(true);
        const source = en[key] ?? en[base(key)] ?? '';
        expect(
          placeholders(value).filter((p) => p !== 'count'),
          `${f}: ${key} placeholders`,
        ).toEqual(placeholders(source).filter((p) => p !== 'count'));
      }
    }
  });

  it('the shipped languages translate every key', () => {
    const en = JSON.parse(readFileSync(join(localeDir, 'en.json'), 'utf8')) as Record<string, string>;
    for (const f of ['de.json', 'es.json', 'fr.json', 'pt-BR.json']) {
      const cat = JSON.parse(readFileSync(join(localeDir, f), 'utf8')) as Record<string, string>;
      const missing = Object.keys(en).filter((k) => !(k in cat));
      expect(missing, `${f} lacks translations`).toEqual([]);
    }
  });

  it('every English key is used somewhere in web/src', () => {
    const en = JSON.parse(readFileSync(join(localeDir, 'en.json'), 'utf8')) as Record<string, string>;
    const code = sourceFiles(webSrc)
      .map((f) => readFileSync(f, 'utf8'))
      .join('\n');
    const base = (k: string) => k.replace(/\.(zero|one|two|few|many|other)$/, '');
    const unused = Object.keys(en).filter((k) => !code.includes(`'${k}'`) && !code.includes(`'${base(k)}'`));
    expect(unused, 'keys no code uses (remove them from every catalogue)').toEqual([]);
  });
});
