/**
 * Moved to src/scope.ts: what a caller may see and change is used by every module, so it sits below them (with the
 * caller itself, src/context.ts); kept there, access.service may validate memberships against facilities and areas
 * without a cycle. This re-export only keeps work started before the move compiling: import from src/scope.ts.
 */
export * from '../../scope.js';
