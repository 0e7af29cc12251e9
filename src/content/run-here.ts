/**
 * Runs just before content/bootstrap.js where the bootstrap must wake at once — read the settings,
 * listen, and scan where they say — rather than first check that the page is an article: on the
 * sites the reader listed (or on every site), and where the popup or the background injects it
 * (background/content-scripts.ts).
 */
import { contentGlobal, RUN_HERE } from './bootstrap-globals';

contentGlobal[RUN_HERE] = true;
