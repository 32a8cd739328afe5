/**
 * `@dmx/executors/plan`: how a matrix's pair space is laid out and split into tiles of
 * whole rows. Pure functions without Node imports, safe in a browser (the docs playground
 * tiles its work with them). ARCHITECTURE.md, "Vocabulary", defines layout and tile.
 * @module
 */
export {
  type Layout,
  layoutSize,
  layouts,
  planTiles,
  rowCount,
  rowLength,
  rowOffset,
  splitTile,
  type Tile,
} from "./_layout.ts";
