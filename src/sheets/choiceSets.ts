import type { StringPool } from '../core/stringPool';
import { LIST_SEPARATOR } from './exportTable';

/**
 * One frozen choices array for the ballots written alike, as an export's cells or a 투표 선택 cell
 * give them (the import's candidates and the tally's keep a reference a ballot, where a million
 * ballots repeat a few hundred combinations). Several cells are looked up by the cells themselves,
 * a trie over them, so cells holding any character never collide. Bounded: past the bound, a
 * ballot gets an array of its own.
 */
export class ChoiceSets {
  private readonly lists = new Map<string, readonly string[]>();
  private readonly cells: ChoiceNode = { next: new Map(), choices: null };
  private nodes = 0;

  constructor(private readonly pool: StringPool) {}

  /** The choices of one cell listing them (`A01, A03`). */
  ofList(text: string): readonly string[] {
    const known = this.lists.get(text);
    if (known !== undefined) return known;
    const choices = Object.freeze(text.split(LIST_SEPARATOR).map((choice) => this.pool.get(choice)));
    if (this.lists.size < MAX_CHOICE_SETS) this.lists.set(text, choices);
    return choices;
  }

  /** The choices of one cell each (선택1, 선택2, …). */
  ofCells(written: readonly string[]): readonly string[] {
    let node = this.cells;
    for (const text of written) {
      let child = node.next.get(text);
      if (child === undefined) {
        if (this.nodes >= MAX_CHOICE_SETS) return Object.freeze(written.map((choice) => this.pool.get(choice)));
        child = { next: new Map(), choices: null };
        node.next.set(text, child);
        this.nodes++;
      }
      node = child;
    }
    node.choices ??= Object.freeze(written.map((choice) => this.pool.get(choice)));
    return node.choices;
  }
}

interface ChoiceNode {
  next: Map<string, ChoiceNode>;
  choices: readonly string[] | null;
}

const MAX_CHOICE_SETS = 10_000;
