/**
 * The part of inversify the core uses. The build replaces this module's compiled file with a bundle of
 * it (scripts/bundle-vendor.js): inversify ships some 250 ES modules, and loading them one by one was
 * a sixth of the CLI's start-up. Running from the sources, it is plain inversify.
 */
export { Container } from 'inversify';
