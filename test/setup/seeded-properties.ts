import fc from 'fast-check';

/** Property tests are seeded like everything else in the suite: a failure reproduces on every run. */
fc.configureGlobal({ seed: 20261127 });
