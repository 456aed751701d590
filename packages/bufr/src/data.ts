// Section 4: walks the descriptors of section 3 (expanding table D sequences and replications as the data
// dictates) and reads one value per element descriptor, applying the operators of table C that surface
// data uses. Every loop is bounded: by the input's length, by the nesting depth, and by a budget of values.
import { f, formatDescriptor, isLocal, x, y } from './descriptors.js';
import { BufrError } from './errors.js';
import type { ValueSource } from './sources.js';
import type { ElementDefinition, WmoTables } from './tables/index.js';

export type Value = number | string | null;

/** The field that operator 2 04 YYY adds before an element: raw bits, with the meaning 0 31 021 gave. */
export interface AssociatedField {
  width: number;
  /** Code table 0 31 021 (null when missing). */
  significance: number | null;
  value: number;
}

/**
 * One decoded value with its table B entry. `scale`, `reference` and `width` are the ones the value was
 * read with, after operators 2 01 to 2 08. Numbers are in `unit`; code and flag table values are their
 * code figures; text is trimmed of its padding; null is missing.
 */
export interface DataItem extends ElementDefinition {
  value: Value;
  associatedField?: AssociatedField;
}

/** Values of one element for every subset read at once. */
export interface Column {
  definition: ElementDefinition;
  values: Value[];
  associated?: { width: number; significance: (number | null)[]; values: number[] };
}

export interface Budget {
  /** Values still allowed (each value of each subset counts). */
  remaining: number;
  readonly maxDepth: number;
}

const REPLICATION_FACTORS = new Set([31000, 31001, 31002, 31011, 31012]);
const REPETITION_FACTORS = new Set([31011, 31012]);
const DATA_PRESENT_INDICATOR = 31031;
const ASSOCIATED_FIELD_SIGNIFICANCE = 31021;

const scaled = (raw: number, reference: number, scale: number): number => {
  const value = raw + reference;
  // Dividing by an exact power of ten gives the double nearest to the decimal value.
  return scale > 0 ? value / 10 ** scale : scale < 0 ? value * 10 ** -scale : value;
};

const isTable = (unit: string): boolean => unit === 'CODE TABLE' || unit === 'FLAG TABLE';

const textDefinition = (descriptor: number, characters: number): ElementDefinition => ({
  descriptor: formatDescriptor(descriptor),
  key: 'characterInformation',
  name: 'CHARACTERS SIGNIFIED BY OPERATOR 2 05',
  unit: 'CCITT IA5',
  scale: 0,
  reference: 0,
  width: characters * 8,
});

/** Decodes the descriptors of one subset (or of all subsets at once when compressed) into columns. */
export class DataWalker {
  readonly columns: Column[] = [];

  // Table C operators in force.
  private widthChange = 0; // 2 01
  private scaleChange = 0; // 2 02
  private referenceDefinitionWidth = 0; // 2 03 YYY while new reference values follow
  private readonly newReferences = new Map<number, number>(); // 2 03
  private readonly associatedWidths: number[] = []; // 2 04, nested
  private associatedSignificance: (number | null)[] = [];
  private localWidth: number | null = null; // 2 06
  private increase = 0; // 2 07
  private characterWidth = 0; // 2 08
  private notPresent = 0; // 2 21

  // Quality information, substituted values and statistics (2 22 to 2 37): the elements a bit-map may refer
  // back to, the bit-map being read, and the elements the marker operators (2 YY 255) take in turn.
  private readonly dataElements: Column[] = [];
  private backReferenceStart = 0;
  private operatorAt: number | null = null;
  private bitmap: number[] = [];
  private defineForReuse = false;
  private storedReferences: Column[] | null = null;
  private referenced: Column[] = [];
  private nextReferenced = 0;

  constructor(
    private readonly tables: WmoTables,
    private readonly source: ValueSource,
    private readonly budget: Budget,
  ) {}

  private fail(message: string): never {
    throw new BufrError(message, this.source.offset);
  }

  walk(descriptors: readonly number[], depth: number): void {
    if (depth > this.budget.maxDepth)
      this.fail(`descriptors nest deeper than ${this.budget.maxDepth} levels`);
    for (let i = 0; i < descriptors.length; i++) {
      const d = descriptors[i]!;
      this.budget.remaining -= this.source.count;
      if (this.budget.remaining < 0) this.fail('the message expands to more values than the decoder allows');
      switch (f(d)) {
        case 0:
          this.element(d);
          break;
        case 1:
          i = this.replicate(descriptors, i, depth);
          break;
        case 2:
          this.operator(d);
          break;
        default: {
          const members = this.tables.sequence(d);
          if (!members) this.unknown(d, 'table D');
          this.walk(members, depth + 1);
        }
      }
    }
  }

  private unknown(d: number, table: string): never {
    const name = formatDescriptor(d);
    if (isLocal(d)) {
      this.fail(`descriptor ${name} is a local descriptor; local tables are not supported`);
    }
    this.fail(`descriptor ${name} is not in WMO ${table} version ${this.tables.version}`);
  }

  /** Reads the replication at `at`; returns the index of its last descriptor. */
  private replicate(descriptors: readonly number[], at: number, depth: number): number {
    const d = descriptors[at]!;
    const count = x(d);
    let times = y(d);
    let first = at + 1;
    let repetition = false;
    if (times === 0) {
      const factor = descriptors[at + 1];
      if (factor === undefined || !REPLICATION_FACTORS.has(factor)) {
        this.fail(`delayed replication ${formatDescriptor(d)} is not followed by a replication factor`);
      }
      times = this.uniform(this.element(factor)?.values, 'replication factor');
      repetition = REPETITION_FACTORS.has(factor);
      first = at + 2;
    }
    const group = descriptors.slice(first, first + count);
    if (group.length < count) {
      this.fail(`replication ${formatDescriptor(d)} needs ${count} descriptors, ${group.length} follow`);
    }
    if (repetition && times > 0) {
      // Delayed repetition: the values are in the data once and stand for every repetition.
      const start = this.columns.length;
      this.walk(group, depth + 1);
      const once = this.columns.slice(start);
      for (let k = 1; k < times; k++) this.columns.push(...once);
    } else {
      for (let k = 0; k < times; k++) this.walk(group, depth + 1);
    }
    return first + count - 1;
  }

  /** The value that every subset shares (a replication factor, a bit of a bit-map). */
  private uniform(values: readonly Value[] | undefined, what: string): number {
    const value = values?.[0];
    if (typeof value !== 'number') this.fail(`${what} is missing`);
    if (values!.some((v) => v !== value)) this.fail(`${what} differs between compressed subsets`);
    return value;
  }

  private operator(d: number): void {
    const operand = y(d);
    switch (x(d)) {
      case 1:
        this.widthChange = operand === 0 ? 0 : operand - 128;
        return;
      case 2:
        this.scaleChange = operand === 0 ? 0 : operand - 128;
        return;
      case 3:
        if (operand === 0) this.newReferences.clear();
        this.referenceDefinitionWidth = operand === 0 || operand === 255 ? 0 : operand;
        return;
      case 4:
        if (operand === 0) this.associatedWidths.pop();
        else this.associatedWidths.push(operand);
        return;
      case 5: {
        const definition = textDefinition(d, operand);
        this.columns.push({
          definition,
          values: this.source.strings(definition.width, 'operator 2 05 text'),
        });
        return;
      }
      case 6:
        this.localWidth = operand;
        return;
      case 7:
        this.increase = operand;
        return;
      case 8:
        this.characterWidth = operand;
        return;
      case 21:
        this.notPresent = operand;
        return;
      case 22:
      case 23:
      case 24:
      case 25:
      case 32:
        if (operand === 0) {
          this.operatorAt = this.dataElements.length;
          this.bitmap = [];
        } else if (operand === 255 && x(d) !== 22) this.marker(d);
        else this.fail(`operator ${formatDescriptor(d)} is not defined`);
        return;
      case 35:
        this.backReferenceStart = this.dataElements.length;
        return;
      case 36:
        this.defineForReuse = true;
        return;
      case 37:
        if (operand === 255) this.storedReferences = null;
        else {
          if (!this.storedReferences) this.fail('operator 2 37 000 re-uses a bit-map that was never defined');
          this.referenced = this.storedReferences;
          this.nextReferenced = 0;
          this.operatorAt = null;
        }
        return;
      default:
        this.fail(`operator ${formatDescriptor(d)} is not supported`);
    }
  }

  /** 2 23 255, 2 24 255, 2 25 255, 2 32 255: a value of the next element the bit-map marks. */
  private marker(d: number): void {
    this.finishBitmap();
    const target = this.referenced[this.nextReferenced++];
    if (!target) this.fail(`marker ${formatDescriptor(d)} has no element left in its bit-map`);
    const of = target.definition;
    // Difference statistics (2 25) have one bit more and a reference that centres them on zero.
    const difference = x(d) === 25;
    const definition: ElementDefinition = {
      ...of,
      descriptor: formatDescriptor(d),
      width: difference ? of.width + 1 : of.width,
      reference: difference ? -(2 ** of.width) : of.reference,
    };
    this.read(definition, 0);
  }

  /** Ends a bit-map being read: the elements it marks (bit 0) are counted back from its operator. */
  private finishBitmap(): void {
    if (this.operatorAt === null || this.bitmap.length === 0) return;
    const first = this.operatorAt - this.bitmap.length;
    if (first < this.backReferenceStart) {
      this.fail(`a bit-map of ${this.bitmap.length} bits refers back beyond the data`);
    }
    this.referenced = [];
    this.bitmap.forEach((bit, i) => {
      if (bit === 0) this.referenced.push(this.dataElements[first + i]!);
    });
    this.nextReferenced = 0;
    if (this.defineForReuse) this.storedReferences = this.referenced;
    this.defineForReuse = false;
    this.operatorAt = null;
    this.bitmap = [];
  }

  private element(d: number): Column | undefined {
    const classOf = x(d);
    const definition = this.tables.element(d);
    if (this.localWidth !== null) {
      const width = this.localWidth;
      this.localWidth = null;
      // 2 06 YYY announces the width of a descriptor this decoder may not know: skip it when unknown.
      if (!definition) {
        this.source.numbers(width, false, `local descriptor ${formatDescriptor(d)}`);
        return undefined;
      }
    }
    if (!definition) this.unknown(d, 'table B');
    if (this.referenceDefinitionWidth > 0) {
      this.defineReference(d);
      return undefined;
    }
    if (this.notPresent > 0) {
      this.notPresent--;
      // 2 21: no data for the following elements, except for classes 1 to 9 and 31.
      if (classOf > 9 && classOf !== 31) return undefined;
    }
    if (classOf !== 31 && this.bitmap.length > 0) this.finishBitmap();
    const column = this.read(this.effective(d, definition), classOf);
    if (classOf !== 31) this.dataElements.push(column);
    else if (d === DATA_PRESENT_INDICATOR && this.operatorAt !== null) {
      this.bitmap.push(this.uniform(column.values, 'data present indicator'));
    } else if (d === ASSOCIATED_FIELD_SIGNIFICANCE) {
      this.associatedSignificance = column.values as (number | null)[];
    }
    return column;
  }

  /** 2 03 YYY: a new reference value of YYY bits, its first bit the sign. */
  private defineReference(d: number): void {
    const width = this.referenceDefinitionWidth;
    const raw = this.uniform(this.source.numbers(width, false, 'new reference value'), 'new reference value');
    const magnitude = raw % 2 ** (width - 1);
    this.newReferences.set(d, raw >= 2 ** (width - 1) ? -magnitude : magnitude);
  }

  /** The table B entry as operators 2 01, 2 02, 2 03, 2 07 and 2 08 change it. */
  private effective(d: number, definition: ElementDefinition): ElementDefinition {
    if (definition.unit === 'CCITT IA5') {
      return this.characterWidth === 0 ? definition : { ...definition, width: this.characterWidth * 8 };
    }
    const newReference = this.newReferences.get(d);
    if (isTable(definition.unit) || x(d) === 31) {
      return newReference === undefined ? definition : { ...definition, reference: newReference };
    }
    if (
      this.widthChange === 0 &&
      this.scaleChange === 0 &&
      this.increase === 0 &&
      newReference === undefined
    ) {
      return definition;
    }
    const increase = this.increase;
    return {
      ...definition,
      width: definition.width + this.widthChange + Math.floor((10 * increase + 2) / 3),
      scale: definition.scale + this.scaleChange + increase,
      reference: newReference ?? definition.reference * 10 ** increase,
    };
  }

  private read(definition: ElementDefinition, classOf: number): Column {
    const what = `element ${definition.descriptor}`;
    if (definition.width <= 0) this.fail(`${what} has a width of ${definition.width} bits after operators`);
    const associatedWidth = classOf === 31 ? 0 : this.associatedWidths.reduce((a, b) => a + b, 0);
    const associated =
      associatedWidth > 0
        ? {
            width: associatedWidth,
            significance: this.associatedSignificance,
            values: this.source.numbers(associatedWidth, false, `associated field of ${what}`) as number[],
          }
        : undefined;
    let values: Value[];
    if (definition.unit === 'CCITT IA5') values = this.source.strings(definition.width, what);
    else {
      const { reference, scale } = definition;
      // Class 31 (replication factors, bit-maps) has no missing value: all bits set is a count.
      const raws = this.source.numbers(definition.width, classOf !== 31, what);
      values = raws.map((raw) => (raw === null ? null : scaled(raw, reference, scale)));
    }
    const column: Column = associated ? { definition, values, associated } : { definition, values };
    this.columns.push(column);
    return column;
  }
}
