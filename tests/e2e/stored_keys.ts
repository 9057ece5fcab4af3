import type { Page } from 'playwright-core';

/** The keys of the app's stored records, read from IndexedDB as a fresh page would. */
export function storedKeys(page: Page): Promise<string[]> {
  return page.evaluate(
    () =>
      new Promise<string[]>((resolve, reject) => {
        const open = indexedDB.open('huitian-map');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const all = open.result.transaction('saved-work').objectStore('saved-work').getAllKeys();
          all.onsuccess = () => {
            open.result.close();
            resolve(all.result.map(String));
          };
          all.onerror = () => reject(all.error);
        };
      }),
  );
}
