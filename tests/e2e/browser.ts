/** The browser session helpers live with the scripts that also drive the built app. */
export * from '../../scripts/lib/browser';
