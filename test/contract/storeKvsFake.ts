/**
 * An in-memory stand-in for `kvs` from @forge/kvs, enough for the Forge store adapter: plain
 * get/set/delete, one custom entity with get/set (keyPolicy)/delete/query on a declared index, and
 * transactions with conditions. It enforces what Forge enforces and the adapter must respect: the
 * key alphabet and length, the value size, declared attribute types, 1..100 per query page, 25 ops
 * per transaction. A failed condition refuses the whole transaction, as Forge does.
 *
 * Conditions arrive as the real `Filter` builders of @forge/kvs and are read through `filters()` /
 * `operator()`, the same calls the real SDK makes to build its request.
 */
import { ForgeKvsAPIError } from '@forge/kvs/out/errors';
import type { BaseFilter } from '@forge/kvs/out/entity-query';

export interface FakeEntityDeclaration {
  readonly name: string;
  readonly attributes: Readonly<Record<string, { readonly type: 'string' | 'integer' | 'float' | 'boolean' | 'any' }>>;
  readonly indexes: readonly { readonly name: string; readonly partition: readonly string[]; readonly range: readonly string[] }[];
}

interface Condition {
  readonly property: string;
  readonly condition: string;
  readonly values: readonly unknown[];
}
interface RecordedConditions {
  readonly operator: 'and' | 'or';
  readonly items: readonly Condition[];
}
export interface RecordedOperation {
  readonly op: 'set' | 'delete' | 'check';
  readonly key: string;
  readonly entityName?: string;
  readonly conditions?: RecordedConditions;
}
interface EntityOptions {
  entityName: string;
  conditions?: BaseFilter<unknown>;
}
type Item = Record<string, unknown>;

const KEY_PATTERN = /^(?!\s+$)[a-zA-Z0-9:._\s\-#]+$/;
const MAX_KEY_LENGTH = 500;
const MAX_VALUE_BYTES = 240 * 1024;

function apiError(status: number, code: string, message: string): ForgeKvsAPIError {
  return new ForgeKvsAPIError({ status, statusText: code }, { code, message });
}

/** Lets concurrent calls interleave the way remote calls do. */
const remoteCall = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

const utf8 = (text: string): Buffer => Buffer.from(text, 'utf8');

export class FakeKvs {
  readonly values = new Map<string, string>();
  readonly entities = new Map<string, Map<string, string>>();
  /** Every transaction executed (or refused), in order. */
  readonly transactions: RecordedOperation[][] = [];
  /** Every entity set with its options, in order. */
  readonly entitySets: { entityName: string; key: string; options?: unknown }[] = [];
  /** Every `batchGet`, as the items it asked for, in order. */
  readonly batchGets: { key: string; entityName?: string }[][] = [];
  private readonly declarations = new Map<string, FakeEntityDeclaration>();
  private failures: ForgeKvsAPIError[] = [];
  /** Per-key failures the next `batchGet` reports in `failedKeys` (storage key → error code). */
  private batchGetKeyFailures = new Map<string, string>();

  declare(entity: FakeEntityDeclaration): void {
    this.declarations.set(entity.name, entity);
  }

  reset(): void {
    this.values.clear();
    this.entities.clear();
    this.transactions.length = 0;
    this.entitySets.length = 0;
    this.batchGets.length = 0;
    this.failures = [];
    this.batchGetKeyFailures = new Map();
  }

  /** The next `batchGet` reports this key as failed with `code` (e.g. a per-key rate limit). */
  failKeyInNextBatchGet(key: string, code: string): void {
    this.batchGetKeyFailures.set(key, code);
  }

  /**
   * `kvs.batchGet`: 1 to 25 items, each key (plus entity) once, else the whole call fails. A found
   * item is in `successfulKeys`, a missing one in `failedKeys` as KEY_NOT_FOUND. Successes come back
   * in reverse order: Forge promises none, so callers must match answers by key.
   */
  async batchGet(items: { key: string; entityName?: string }[]): Promise<{
    successfulKeys: { key: string; entityName?: string; value: unknown }[];
    failedKeys: { key: string; entityName?: string; error: { code: string; message: string } }[];
  }> {
    await remoteCall();
    this.batchGets.push(items.map(({ key, entityName }) => (entityName === undefined ? { key } : { key, entityName })));
    const keyFailures = this.batchGetKeyFailures;
    this.batchGetKeyFailures = new Map();
    if (items.length === 0 || items.length > 25) throw apiError(400, 'INVALID_BATCH', 'A batch holds 1 to 25 keys');
    if (new Set(items.map((item) => `${item.entityName ?? ''}/${item.key}`)).size !== items.length) {
      throw apiError(400, 'INVALID_BATCH', 'Each key can only be used once in a batch');
    }
    const successfulKeys: { key: string; entityName?: string; value: unknown }[] = [];
    const failedKeys: { key: string; entityName?: string; error: { code: string; message: string } }[] = [];
    for (const { key, entityName } of items) {
      this.checkKey(key);
      if (entityName !== undefined) this.declarationOf(entityName);
      const json = (entityName === undefined ? this.values : this.itemsOf(entityName)).get(key);
      const failure = keyFailures.get(key) ?? (json === undefined ? 'KEY_NOT_FOUND' : undefined);
      if (failure !== undefined) failedKeys.push({ key, entityName, error: { code: failure, message: `Injected or missing: ${failure}` } });
      else successfulKeys.push({ key, entityName, value: JSON.parse(json as string) });
    }
    return { successfulKeys: successfulKeys.reverse(), failedKeys };
  }

  /** The next write (set, delete, transaction) fails with this error instead of running. */
  failNextWrite(code: string, status = 429): void {
    this.failures.push(apiError(status, code, `Injected ${code}`));
  }

  async get(key: string): Promise<unknown> {
    await remoteCall();
    this.checkKey(key);
    const json = this.values.get(key);
    return json === undefined ? undefined : JSON.parse(json);
  }

  async set(key: string, value: unknown): Promise<void> {
    await remoteCall();
    this.takeFailure();
    this.checkKey(key);
    this.values.set(key, this.checkValue(value));
  }

  async delete(key: string): Promise<void> {
    await remoteCall();
    this.takeFailure();
    this.checkKey(key);
    this.values.delete(key);
  }

  entity(entityName: string) {
        const declaration = this.declarationOf(entityName);
    return {
      get: async (key: string): Promise<unknown> => {
        await remoteCall();
        this.checkKey(key);
        const json = this.itemsOf(entityName).get(key);
        return json === undefined ? undefined : JSON.parse(json);
      },
      set: async (key: string, value: unknown, options?: { keyPolicy?: 'OVERRIDE' | 'FAIL_IF_EXISTS' }): Promise<void> => {
        await remoteCall();
        this.entitySets.push({ entityName, key, options });
        this.takeFailure();
        this.checkKey(key);
        const json = this.checkItem(declaration, value);
        const items = this.itemsOf(entityName);
        if (options?.keyPolicy === 'FAIL_IF_EXISTS' && items.has(key)) throw apiError(409, 'KEY_ALREADY_EXISTS', 'The key already exists');
        items.set(key, json);
      },
      delete: async (key: string): Promise<void> => {
        await remoteCall();
        this.takeFailure();
        this.checkKey(key);
        this.itemsOf(entityName).delete(key);
      },
      query: () => ({
        index: (indexName: string, indexOptions?: { partition?: unknown[] }) => this.queryBuilder(declaration, indexName, indexOptions?.partition ?? []),
      }),
    };
  }

  transact() {
        const sets: { key: string; value: unknown; entity?: EntityOptions }[] = [];
    const deletes: { key: string; entity?: EntityOptions }[] = [];
    const builder = {
      set: (key: string, value: unknown, entity?: EntityOptions) => {
        sets.push({ key, value, entity });
        return builder;
      },
      delete: (key: string, entity?: EntityOptions) => {
        deletes.push({ key, entity });
        return builder;
      },
      execute: async (): Promise<void> => {
        await remoteCall();
        const recorded: RecordedOperation[] = [
          ...sets.map(({ key, entity }) => this.record('set', key, entity)),
          ...deletes.map(({ key, entity }) => this.record('delete', key, entity)),
        ];
        this.transactions.push(recorded);
        this.takeFailure();
        if (recorded.length === 0 || recorded.length > 25) throw apiError(400, 'INVALID_TRANSACTION', 'A transaction holds 1 to 25 operations');
        if (new Set(recorded.map((op) => `${op.entityName ?? ''}/${op.key}`)).size !== recorded.length) {
          throw apiError(400, 'INVALID_TRANSACTION', 'Each key can only be used once in a transaction');
        }
        const prepared = sets.map(({ key, value, entity }) => {
          this.checkKey(key);
          return { key, entity, json: entity ? this.checkItem(this.declarationOf(entity.entityName), value) : this.checkValue(value) };
        });
        deletes.forEach(({ key }) => this.checkKey(key));
        // All conditions are checked against the state before any write, then all writes apply.
        for (const op of recorded) {
          if (op.conditions && !this.conditionsHold(op.entityName, op.key, op.conditions)) {
            throw apiError(409, 'CONDITION_FAILED', 'Transaction cancelled: a condition was not met');
          }
        }
        for (const { key, entity, json } of prepared) (entity ? this.itemsOf(entity.entityName) : this.values).set(key, json);
        for (const { key, entity } of deletes) (entity ? this.itemsOf(entity.entityName) : this.values).delete(key);
      },
    };
    return builder;
  }

  private queryBuilder(declaration: FakeEntityDeclaration, indexName: string, partition: readonly unknown[]) {
        const index = declaration.indexes.find((candidate) => candidate.name === indexName);
    if (index === undefined) throw new Error(`Fake KVS: ${declaration.name} declares no index ${indexName}`);
    const rangeAttribute = index.range[0] ?? '';
    const state: { range?: Condition; sort: 'ASC' | 'DESC'; cursor?: string; limit: number } = { sort: 'ASC', limit: 10 };
    const builder = {
      where: (condition: { condition: string; values: unknown[] }) => {
        state.range = { property: rangeAttribute, ...condition };
        return builder;
      },
      sort: (sort: 'ASC' | 'DESC') => {
        state.sort = sort;
        return builder;
      },
      cursor: (cursor: string) => {
        state.cursor = cursor;
        return builder;
      },
      limit: (limit: number) => {
        state.limit = limit;
        return builder;
      },
      getMany: async (): Promise<{ results: { key: string; value: unknown }[]; nextCursor?: string }> => {
        await remoteCall();
        if (!Number.isInteger(state.limit) || state.limit < 1 || state.limit > 100) {
          throw apiError(400, 'COMPLEX_QUERY_PAGE_LIMIT_NOT_IN_RANGE', 'The page limit must be set between 1 and 100');
        }
        if (partition.length !== index.partition.length) throw apiError(400, 'INVALID_PARTITION', 'The partition does not match the index');
        const rows = [...this.itemsOf(declaration.name)]
          .map(([key, json]) => ({ key, value: JSON.parse(json) as Item }))
          .filter(({ value }) => index.partition.every((attribute, i) => value[attribute] === partition[i]))
          .filter(({ value }) => state.range === undefined || holds(state.range, value))
          .sort((a, b) => Buffer.compare(utf8(String(a.value[rangeAttribute])), utf8(String(b.value[rangeAttribute]))) || Buffer.compare(utf8(a.key), utf8(b.key)));
        if (state.sort === 'DESC') rows.reverse();
        const start = state.cursor === undefined ? 0 : Number.parseInt(Buffer.from(state.cursor, 'base64').toString('utf8'), 10);
        if (!Number.isInteger(start) || start < 0) throw apiError(400, 'INVALID_CURSOR', 'The cursor is invalid');
        const page = rows.slice(start, start + state.limit);
        const end = start + page.length;
        return end < rows.length ? { results: page, nextCursor: Buffer.from(String(end), 'utf8').toString('base64') } : { results: page };
      },
    };
    return builder;
  }

  private record(op: 'set' | 'delete', key: string, entity: EntityOptions | undefined): RecordedOperation {
    const conditions = entity?.conditions
      ? { operator: entity.conditions.operator(), items: entity.conditions.filters().map((item) => ({ ...item, property: String(item.property) })) }
      : undefined;
    return { op, key, entityName: entity?.entityName, conditions };
  }

  private conditionsHold(entityName: string | undefined, key: string, conditions: RecordedConditions): boolean {
    const json = (entityName === undefined ? this.values : this.itemsOf(entityName)).get(key);
    const item: Item = json === undefined ? {} : (JSON.parse(json) as Item);
    const results = conditions.items.map((condition) => holds(condition, item));
    return conditions.operator === 'and' ? results.every(Boolean) : results.some(Boolean);
  }

  private itemsOf(entityName: string): Map<string, string> {
    let items = this.entities.get(entityName);
    if (items === undefined) {
      items = new Map();
      this.entities.set(entityName, items);
    }
    return items;
  }

  private declarationOf(entityName: string): FakeEntityDeclaration {
    const declaration = this.declarations.get(entityName);
    if (declaration === undefined) throw apiError(400, 'INVALID_ENTITY_TYPE', `No custom entity ${entityName} is declared`);
    return declaration;
  }

  private takeFailure(): void {
    const failure = this.failures.shift();
    if (failure) throw failure;
  }

  private checkKey(key: string): void {
    if (key.length === 0) throw apiError(400, 'EMPTY_KEY', 'Key cannot be empty');
    if (key.length > MAX_KEY_LENGTH) throw apiError(400, 'KEY_TOO_LONG', 'The provided key has exceeded the maximum 500 characters');
    if (!KEY_PATTERN.test(key)) throw apiError(400, 'INVALID_KEY', `The key ${key} does not match ${KEY_PATTERN}`);
  }

  private checkValue(value: unknown): string {
    const json = JSON.stringify(value);
    if (json === undefined) throw apiError(400, 'INVALID_VALUE', 'The value is not JSON');
    if (Buffer.byteLength(json, 'utf8') > MAX_VALUE_BYTES) throw apiError(400, 'MAX_SIZE', 'The provided value has exceeded the maximum size limit');
    return json;
  }

  private checkItem(declaration: FakeEntityDeclaration, value: unknown): string {
    const json = this.checkValue(value);
    const item = JSON.parse(json) as unknown;
    if (typeof item !== 'object' || item === null || Array.isArray(item)) throw apiError(400, 'INVALID_ENTITY_VALUE', 'An entity value is an object');
    for (const [attribute, attributeValue] of Object.entries(item)) {
      const type = declaration.attributes[attribute]?.type;
      const valid =
        type === 'any' ||
        (type === 'string' && typeof attributeValue === 'string') ||
        (type === 'integer' && Number.isInteger(attributeValue)) ||
        (type === 'float' && typeof attributeValue === 'number') ||
        (type === 'boolean' && typeof attributeValue === 'boolean');
      if (!valid) throw apiError(400, 'INVALID_ENTITY_VALUE', `${attribute} does not match the declared attributes of ${declaration.name}`);
    }
    return json;
  }
}

/** One condition against an item; a missing attribute only satisfies NOT_EXISTS and NOT_EQUAL_TO. */
function holds(condition: Condition, item: Item): boolean {
  const actual = item[condition.property];
  const [first, second] = condition.values;
  const compare = (a: unknown, b: unknown): number =>
    typeof a === 'number' && typeof b === 'number' ? a - b : Buffer.compare(utf8(String(a)), utf8(String(b)));
  switch (condition.condition) {
    case 'EXISTS':
      return actual !== undefined;
    case 'NOT_EXISTS':
      return actual === undefined;
    case 'EQUAL_TO':
      return actual === first;
    case 'NOT_EQUAL_TO':
      return actual !== first;
    case 'BEGINS_WITH':
      return typeof actual === 'string' && actual.startsWith(String(first));
    case 'GREATER_THAN':
      return actual !== undefined && compare(actual, first) > 0;
    case 'GREATER_THAN_EQUAL_TO':
      return actual !== undefined && compare(actual, first) >= 0;
    case 'LESS_THAN':
      return actual !== undefined && compare(actual, first) < 0;
    case 'LESS_THAN_EQUAL_TO':
      return actual !== undefined && compare(actual, first) <= 0;
    case 'BETWEEN':
      return actual !== undefined && compare(actual, first) >= 0 && compare(actual, second) <= 0;
    default:
      throw new Error(`Fake KVS: condition ${condition.condition} is not implemented`);
  }
}

/** The one fake the mocked module hands out; tests reset it between cases. */
export const fakeKvs = new FakeKvs();
