// Facts: what the engine imports.
export { gatherFacts, gatherParsedFacts, type GatherOptions } from './gather.js';
export { ALL_COLLECTORS, collectFacts, hostFactsOf, parseFacts, parseFactsOutput, type ParsedFacts } from './collect.js';
export { parseOsRelease, pkgMgrOf } from './parse.js';
export { factsToVars, mergeFactVars, prefixFacts } from './vars.js';
export { factsScript } from './script.js';
export { filterFacts } from './filter.js';
export { resolveSubsets, subsetList, VALID_SUBSETS, type Collector } from './subsets.js';
