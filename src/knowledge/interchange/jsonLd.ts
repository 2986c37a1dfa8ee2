// JSON-LD documents as fact-checkers publish them, and the ClaimReview nodes in them: a single record, an array of
// records, a page's `@graph` with other node types mixed in (WebPage, Organization, BreadcrumbList, …), the
// schema.org DataFeed form of fact-check feeds (`dataFeedElement` → DataFeedItem → `item`), or any mix of these.
// A node that refers to another by `{"@id": …}` alone (a page's graph names its publisher once) gets that node in
// its place, so a record stands on its own once read.
import { printable } from '../text.js';

export type JsonObject = Record<string, unknown>;

/** A ClaimReview node of a file, with where it was (`@graph.3`, `dataFeedElement.0.item`; empty for the file itself). */
export interface FoundReview {
  node: JsonObject;
  at: string;
}

export interface FoundReviews {
  reviews: FoundReview[];
  /** Elements that cannot be a ClaimReview node (a value that is no object, an object with no @type), by where. */
  problems: Array<{ at: string; message: string }>;
  /** Nodes of other types that were passed over, counted by type. */
  ignored: Map<string, number>;
}

/** Deeper than this, nothing is looked into (a document is a few levels deep; a hostile one may be thousands). */
const MAX_DEPTH = 32;
/** Nodes with more than this many references followed, in total, keep the rest as references. */
const MAX_RESOLVED = 10_000;

const isObject = (v: unknown): v is JsonObject => typeof v === 'object' && v !== null && !Array.isArray(v);
const join = (at: string, key: string | number) => (at ? `${at}.${key}` : String(key));

/** A node's types without a schema.org prefix: `"ClaimReview"`, `["ClaimReview"]`, `"schema:ClaimReview"`, `"https://schema.org/ClaimReview"`. */
export function typesOf(node: JsonObject): string[] {
  const raw = node['@type'];
  const list = Array.isArray(raw) ? raw : raw === undefined ? [] : [raw];
  return list.filter((t): t is string => typeof t === 'string').map((t) => t.replace(/^(?:https?:\/\/schema\.org\/|schema:)/, ''));
}

/** The ClaimReview nodes of a parsed JSON file, in document order. */
export function findClaimReviews(document: unknown): FoundReviews {
  const found: FoundReviews = { reviews: [], problems: [], ignored: new Map() };
  const ids = new Map<string, JsonObject>();
  collectIds(document, ids, 0);
  const resolver = new Resolver(ids);

  const visit = (value: unknown, at: string, depth: number, strict: boolean): void => {
    if (depth > MAX_DEPTH) return;
    if (Array.isArray(value)) {
      value.forEach((element, i) => visit(element, join(at, i), depth + 1, strict));
      return;
    }
    if (!isObject(value)) {
      if (strict) found.problems.push({ at, message: 'must be a ClaimReview object' });
      return;
    }
    const types = typesOf(value);
    if (types.includes('ClaimReview')) {
      found.reviews.push({ node: resolver.resolve(value), at });
      return;
    }
    if (Array.isArray(value['@graph']) || isObject(value['@graph'])) {
      visit(value['@graph'], join(at, '@graph'), depth + 1, false);
      return;
    }
    if (types.includes('DataFeed')) {
      visit(value.dataFeedElement, join(at, 'dataFeedElement'), depth + 1, false);
      return;
    }
    if (types.includes('DataFeedItem')) {
      visit(value.item, join(at, 'item'), depth + 1, false);
      return;
    }
    if (!types.length) {
      // An untyped object where a record belongs (the file, or an element of its array) is not a ClaimReview: most
      // likely a claim file of ours, read with the wrong --format.
      if (strict) found.problems.push({ at, message: '@type: missing; not a ClaimReview record' });
      return;
    }
    for (const type of types) found.ignored.set(type, (found.ignored.get(type) ?? 0) + 1);
    // A page may carry its review inside another node (a WebPage's mainEntity, an article's review).
    for (const [key, inner] of Object.entries(value)) {
      if (key !== '@id' && (isObject(inner) || Array.isArray(inner))) visitNested(inner, join(at, key), depth + 1);
    }
  };

  /** Only ClaimReview nodes are taken from inside another node; anything else there is its own business. */
  const visitNested = (value: unknown, at: string, depth: number): void => {
    if (depth > MAX_DEPTH) return;
    if (Array.isArray(value)) value.forEach((element, i) => visitNested(element, join(at, i), depth + 1));
    else if (isObject(value) && typesOf(value).includes('ClaimReview')) found.reviews.push({ node: resolver.resolve(value), at });
  };

  visit(document, '', 0, true);
  return found;
}

/** Every node that has an `@id` and says more than that, by id (the first one wins). */
function collectIds(value: unknown, ids: Map<string, JsonObject>, depth: number): void {
  if (depth > MAX_DEPTH) return;
  if (Array.isArray(value)) {
    for (const element of value) collectIds(element, ids, depth + 1);
  } else if (isObject(value)) {
    const id = value['@id'];
    if (typeof id === 'string' && Object.keys(value).length > 1 && !ids.has(id)) ids.set(id, value);
    for (const inner of Object.values(value)) collectIds(inner, ids, depth + 1);
  }
}

/** Replaces references (`{"@id": …}` and nothing else) with the node they name, copying; cycles stay references. */
class Resolver {
  private followed = 0;

  constructor(private readonly ids: Map<string, JsonObject>) {}

  resolve(node: JsonObject): JsonObject {
    return this.copy(node, new Set(), 0) as JsonObject;
  }

  private copy(value: unknown, open: Set<string>, depth: number): unknown {
    if (depth > MAX_DEPTH) return value;
    if (Array.isArray(value)) return value.map((v) => this.copy(v, open, depth + 1));
    if (!isObject(value)) return value;
    const id = value['@id'];
    const keys = Object.keys(value);
    if (typeof id === 'string' && keys.length === 1) {
      const target = this.ids.get(id);
      if (!target || open.has(id) || this.followed >= MAX_RESOLVED) return value;
      this.followed++;
      return this.copy(target, new Set(open).add(id), depth + 1);
    }
    const inner = typeof id === 'string' ? new Set(open).add(id) : open;
    return Object.fromEntries(keys.map((key) => [key, this.copy(value[key], inner, depth + 1)]));
  }
}

/** Whether a value nests deeper than `limit` levels of arrays and objects (counted without recursion). */
export function nestsDeeperThan(value: unknown, limit: number): boolean {
  const stack: Array<[unknown, number]> = [[value, 0]];
  while (stack.length) {
    const [v, depth] = stack.pop()!;
    if (typeof v !== 'object' || v === null) continue;
    if (depth >= limit) return true;
    for (const inner of Object.values(v)) stack.push([inner, depth + 1]);
  }
  return false;
}

/** "WebPage ×2, Organization" for a line saying what was passed over. */
export function describeIgnored(ignored: Map<string, number>): string {
  return [...ignored.entries()]
    .slice(0, 5)
    .map(([type, n]) => `${printable(type, 40)}${n > 1 ? ` ×${n}` : ''}`)
    .join(', ')
    .concat(ignored.size > 5 ? ` and ${ignored.size - 5} more types` : '');
}
