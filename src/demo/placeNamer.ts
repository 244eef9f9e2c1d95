import type { Random } from "./random.js";

// Invented first elements, chosen so that joined with the endings below they read as English
// place names without being the names of real places.
const stems = [
  "Ansel",
  "Bexel",
  "Brask",
  "Brevel",
  "Brennick",
  "Caddow",
  "Cindle",
  "Corvel",
  "Demmer",
  "Drummel",
  "Fennick",
  "Elsk",
  "Frayle",
  "Grell",
  "Harrel",
  "Hebber",
  "Illow",
  "Jorrel",
  "Lorrel",
  "Lusket",
  "Nessel",
  "Norrow",
  "Orrin",
  "Ossel",
  "Pallin",
  "Pellow",
  "Quarle",
  "Rennick",
  "Sallick",
  "Sorrick",
  "Tamber",
  "Tessel",
  "Threnn",
  "Vell",
  "Vesper",
  "Wexel",
  "Yarrel",
  "Zennel",
];

const townEndings = [
  "ley",
  "ton",
  "worth",
  "by",
  "ham",
  "field",
  "wick",
  "stead",
  "thorpe",
  "borough",
  "combe",
  "bridge",
  "well",
  "hurst",
  "den",
  "stow",
];
const cityEndings = ["chester", "minster", "bury", "ford"];
const portEndings = ["mouth", "haven", "port"];
const regionEndings = ["shire", "land"];
const ruralForms = ["Vale", "Wolds", "Dales", "Moors", "Fells"];
const compassPoints = ["North", "South", "East", "West"];
const neighbourhoodQualifiers = [
  "Green",
  "Park",
  "Hill",
  "End",
  "Common",
  "Heath",
  "Cross",
  "Fields",
  "Gate",
  "Row",
  "Bank",
  "Moor",
  "Wood",
  "Rise",
  "Marsh",
  "Lanes",
  "Village",
  "Town",
];

/**
 * Makes fictional English place names from invented stems and ordinary endings, never giving
 * the same name twice. The region and the districts never share a stem, so that no two of them
 * sound alike.
 */
export class PlaceNamer {
  readonly #random: Random;
  readonly #taken = new Set<string>();
  readonly #usedStems = new Set<string>();

  /** @param random the seeded generator to draw names from. */
  constructor(random: Random) {
    this.#random = random;
  }

  /** A region name such as "Tambershire". */
  region(): string {
    return this.#withFreshStem((stem) => join(stem, this.#random.pick(regionEndings)));
  }

  /**
   * A district name in the given style: a city ("Orrinchester"), a port ("Vellmouth"), a town
   * ("Harrelworth") or a rural district ("Lorrel Vale", or a compass point and the region's
   * name, "North Tambershire").
   */
  district(style: "city" | "port" | "town" | "rural", regionName: string): string {
    if (style === "rural" && this.#random.next() < 0.3) {
      const name = `${this.#random.pick(compassPoints)} ${regionName}`;
      if (!this.#taken.has(name)) return this.#take(name);
    }
    return this.#withFreshStem((stem) => {
      if (style === "city") return join(stem, this.#random.pick(cityEndings));
      if (style === "port") return join(stem, this.#random.pick(portEndings));
      if (style === "rural") return `${stem} ${this.#random.pick(ruralForms)}`;
      return join(stem, this.#random.pick(townEndings));
    });
  }

  /**
   * A neighbourhood name: a village-like name ("Corvelstead"), a stem and a qualifier ("Ossel
   * Green"), or a part of its district ("Orrinchester North").
   */
  neighbourhood(districtName: string): string {
    for (let attempt = 0; attempt < 1000; attempt += 1) {
      const draw = this.#random.next();
      let name: string | undefined;
      if (draw < 0.12 && !districtName.includes(" ")) {
        name = `${districtName} ${this.#random.pick([...compassPoints, "Central"])}`;
      } else if (draw < 0.55) {
        name = `${this.#random.pick(stems)} ${this.#random.pick(neighbourhoodQualifiers)}`;
      } else {
        name = join(this.#random.pick(stems), this.#random.pick(townEndings));
      }
      if (name !== undefined && !this.#taken.has(name)) return this.#take(name);
    }
    throw new Error("PlaceNamer: ran out of neighbourhood names");
  }

  // Draws a stem no region or district has used, and a name from it, until the name is new.
  #withFreshStem(makeName: (stem: string) => string | undefined): string {
    for (let attempt = 0; attempt < 100; attempt += 1) {
      const stem = this.#random.pick(stems.filter((candidate) => !this.#usedStems.has(candidate)));
      const name = makeName(stem);
      if (name === undefined || this.#taken.has(name)) continue;
      this.#usedStems.add(stem);
      return this.#take(name);
    }
    throw new Error("PlaceNamer: ran out of names");
  }

  #take(name: string): string {
    this.#taken.add(name);
    return name;
  }
}

// Joins a stem and an ending, dropping a doubled letter where the stem ends with the letter the
// ending starts with ("Caddow" and "worth" make "Caddoworth"). Returns undefined for joins that
// read badly ("Cindleley").
function join(stem: string, ending: string): string | undefined {
  const joined = stem.slice(-1) === ending.slice(0, 1) ? stem + ending.slice(1) : stem + ending;
  return joined.includes("lel") ? undefined : joined;
}
