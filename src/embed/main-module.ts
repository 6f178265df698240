// Entry of the element as an ES module (the package's `durability-lab/element`): importing it defines
// <durability-lab>; the class is exported for pages that want to check for it or extend it.
import { defineDurabilityLab } from './element';

export { DurabilityLabElement, TAG, defineDurabilityLab } from './element';

defineDurabilityLab();
