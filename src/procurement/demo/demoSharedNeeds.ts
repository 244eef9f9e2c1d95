import type { Random } from "../../demo/index.js";
import type { SharedNeed } from "../methods/sharedServices.js";
import { sharedNeeds } from "../methods/sharedServices.js";
import type { DemoSupplier } from "./demoSuppliers.js";

/** One need a supplier of the register has posted to share with others. */
export interface DemoSharedNeedPost {
  /** The supplier's id in the register. */
  supplierId: string;
  /** What it wants to share. */
  need: SharedNeed;
  /** What it wrote, when it wrote something. */
  note?: string;
}

const totalPosts = 60;
const clusters = 9;

// What an SME might write beside its need, invented.
const notes: Readonly<Record<SharedNeed, readonly string[]>> = {
  hr: ["Could share an HR adviser one day a week", "Need help with contracts and policies"],
  accounts: ["Would share a bookkeeper and payroll", "Looking for shared year-end accounts"],
  export: ["First export orders; could share an export desk", "Need help with customs paperwork"],
  training: ["Want to run apprentice training with others", "Could share a trainer for tickets"],
  premises: ["Need a small workshop; could share a unit", "Spare desk space to share"],
  equipment: ["Could share a van two days a week", "Looking to share plant hire"],
  it: ["Want shared IT support and cyber security", "Could share a managed IT contract"],
  marketing: ["Could share a marketing assistant", "Want to share a stand at trade fairs"],
};

/**
 * About 60 needs posted by the register's SMEs: nine clusters of 3 to 5 suppliers of one
 * district posting the same need, which the shared-services method groups, and scattered posts
 * for the rest, most of which stay alone. A supplier posts a need at most once, as the store
 * requires; about 40% of posts carry a note.
 */
export function demoSharedNeeds(
  register: readonly DemoSupplier[],
  random: Random,
): DemoSharedNeedPost[] {
  const posts: DemoSharedNeedPost[] = [];
  const posted = new Set<string>();
  const post = (supplier: DemoSupplier, need: SharedNeed): void => {
    const key = `${supplier.supplierId}|${need}`;
    if (posted.has(key)) return;
    posted.add(key);
    posts.push({
      supplierId: supplier.supplierId,
      need,
      ...(random.next() < 0.4 ? { note: random.pick(notes[need]) } : {}),
    });
  };

  const byPlace = new Map<string, DemoSupplier[]>();
  for (const supplier of register) {
    const list = byPlace.get(supplier.placeCode!) ?? [];
    list.push(supplier);
    byPlace.set(supplier.placeCode!, list);
  }
  const crowded = [...byPlace.keys()].sort().filter((place) => byPlace.get(place)!.length >= 3);
  for (let cluster = 0; cluster < clusters && crowded.length > 0; cluster += 1) {
    const need = random.pick(sharedNeeds);
    const members = random.shuffle(byPlace.get(random.pick(crowded))!);
    for (const supplier of members.slice(0, random.integer(3, 5))) post(supplier, need);
  }
  for (let attempt = 0; posts.length < totalPosts && attempt < 1_000; attempt += 1) {
    post(random.pick(register), random.pick(sharedNeeds));
  }
  return posts;
}
