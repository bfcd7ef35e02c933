/** "Did you mean" hints live in the engine (policy findings use them too); authoring re-exports them. */
export { closest, didYouMean } from '../engine/suggest';
