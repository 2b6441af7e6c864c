// One parsed `iptables -L` rule line → its options in iptables-save order: -s -d -i -o -p -f, the matches,
// -j/-g TARGET, the target's options.
import { addAddress, addFragment, addInterface, addProtocol, type OptionList } from "./listing-columns.ts";
import type { ListingRow } from "./listing-parser.ts";
import { addSegments } from "./listing-segments.ts";

/** Adds every option a rule line carries to the list (notes say what could not be read back exactly). */
export function addRowColumns(list: OptionList, row: ListingRow): void {
  addAddress(list, "-s", row.source);
  addAddress(list, "-d", row.destination);
  addInterface(list, "-i", row.inIface);
  addInterface(list, "-o", row.outIface);
  addProtocol(list, row.prot);
  addFragment(list, row.opt);
  addSegments(list, row.segments, row.target, row.goto);
}
