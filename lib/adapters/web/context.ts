// The web process's one AppContext. Next.js gives route handlers, pages and server actions
// no entry point of their own, so the context is built on first use and kept on
// globalThis (Next.js may load a module once per server layer; globalThis is shared).
// Lazily, because `next build` imports every route module without any database.
import { appContextOptionsFromEnv, createAppContext, type AppContext } from '../../context';

const holder = globalThis as unknown as { closebookAppContext?: AppContext };

export function webContext(): AppContext {
  holder.closebookAppContext ??= createAppContext(appContextOptionsFromEnv());
  return holder.closebookAppContext;
}

/**
 * Runs the web layer in-process on a context built elsewhere (the integration tests' own
 * databases); `undefined` forgets it. The caller keeps ownership and closes it.
 */
export function setWebContext(context: AppContext | undefined): void {
  holder.closebookAppContext = context;
}
