// Facts: what the engine imports.
export { gatherFacts, gatherParsedFacts } from './gather.js';
export { parseFacts, parseFactsOutput, parseOsRelease, pkgMgrOf, type ParsedFacts } from './parse.js';
export { factsToVars } from './vars.js';
export { FACTS_SCRIPT } from './script.js';
