/**
 * Loaded first by the benchmarks (run with `node --require tsx/cjs`): Node tries require()
 * extensions in registration order, so `nodes/Vicidial/Vicidial.node` would resolve to the
 * codex file Vicidial.node.json before tsx's .ts. Moving .json to the end makes the TypeScript
 * source win, as it does in jest (moduleFileExtensions).
 */
import Module from 'node:module';

const extensions = (Module as unknown as { _extensions: Record<string, unknown> })._extensions;
const json = extensions['.json'];
delete extensions['.json'];
extensions['.json'] = json;
