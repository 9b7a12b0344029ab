// Entry of a PDF render thread (lib/adapters/pdf/render-pool.ts). Worker threads do not inherit
// tsx's loader, so register it here, then load the TypeScript thread body.
require('tsx/cjs/api').register();
require('./render-thread.ts');
