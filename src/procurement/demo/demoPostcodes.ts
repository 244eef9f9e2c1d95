import type { Random } from "../../demo/index.js";

/**
 * The postcode area of the demo region. BV is not a postcode area of the UK or the Crown
 * Dependencies (the areas run … BS Bristol, BT Belfast, CA Carlisle …), nor a non-geographic
 * one (BF, BX, XX), so a demo postcode can never be a real address.
 */
export const demoPostcodeArea = "BV";

/**
 * The first letter of the postcodes of suppliers outside the region. Royal Mail never uses Q, V
 * or X as the first letter of a postcode, so these cannot be real either, and they are plainly
 * not in the BV area.
 */
export const elsewherePostcodeLetter = "Q";

// The letters of the inward code's last two characters: Royal Mail leaves out C, I, K, M, O and V.
const inwardLetters = "ABDEFGHJLNPQRSTUWXYZ";
// Second letters of the invented outside areas: neither I, J nor Z, which UK areas never use there.
const elsewhereSecondLetters = "ABDEFGHLMNPRSTUWY";

/** The outward code of the district at an index (from 0) of the districts given: BV1, BV2, … */
export function districtOutcode(index: number): string {
  return `${demoPostcodeArea}${index + 1}`;
}

/** Draws fictional postcodes, never one already in `used`. */
export class DemoPostcodes {
  readonly #random: Random;
  readonly #used: Set<string>;

  /**
   * @param random the generator to draw from.
   * @param used the postcodes already given out, shared between the drawers of one demo; each
   *   postcode drawn is added to it.
   */
  constructor(random: Random, used: Set<string> = new Set()) {
    this.#random = random;
    this.#used = used;
  }

  /** A postcode in the district of an outward code ("BV3 4AB"). */
  inDistrict(outcode: string): string {
    for (;;) {
      const postcode = `${outcode} ${this.#inward()}`;
      if (!this.#used.has(postcode)) {
        this.#used.add(postcode);
        return postcode;
      }
    }
  }

  /** A postcode outside the region, in an area that cannot exist ("QT12 5LW"). */
  elsewhere(): string {
    for (;;) {
      const area = elsewherePostcodeLetter + this.#random.pick([...elsewhereSecondLetters]);
      const postcode = `${area}${this.#random.integer(1, 29)} ${this.#inward()}`;
      if (!this.#used.has(postcode)) {
        this.#used.add(postcode);
        return postcode;
      }
    }
  }

  #inward(): string {
    const letters = [...inwardLetters];
    return `${this.#random.integer(1, 9)}${this.#random.pick(letters)}${this.#random.pick(letters)}`;
  }
}
