/**
 * Counts the features of a GeoJSON FeatureCollection from its bytes as they are read, without
 * parsing: the objects in the root object's `features` array. A file with more features than an
 * import may hold can then be refused before its text is decoded and parsed, which for 300,000
 * car parks takes most of the time and the memory. Only structure is read: brackets and quotes
 * are ASCII, and the bytes of a UTF-8 character never are. A key written with escapes
 * (`"feat\u0075res"`) is not recognised; such a file is counted after parsing as before.
 */
export class FeatureCounter {
  count = 0;
  private depth = 0;
  private inString = false;
  private escaped = false;
  /** The bytes of the string being read in the root object, while they may still spell a key. */
  private key: number[] | null = null;
  private lastKey = '';
  private inFeatures = false;

  add(bytes: Uint8Array): void {
    for (let i = 0; i < bytes.length; i++) {
      const c = bytes[i]!;
      if (this.inString) {
        if (this.escaped) this.escaped = false;
        else if (c === 0x5c) {
          this.escaped = true;
          this.key = null;
        } else if (c === 0x22) {
          this.inString = false;
          if (this.key) this.lastKey = String.fromCharCode(...this.key);
          this.key = null;
        } else if (this.key) {
          if (this.key.length < FEATURES.length) this.key.push(c);
          else this.key = null;
        }
      } else if (c === 0x22) {
        this.inString = true;
        this.lastKey = '';
        if (this.depth === 1) this.key = [];
      } else if (c === 0x7b || c === 0x5b) {
        this.depth++;
        if (this.depth === 2 && c === 0x5b) this.inFeatures = this.lastKey === FEATURES;
        else if (this.depth === 3 && c === 0x7b && this.inFeatures) this.count++;
      } else if (c === 0x7d || c === 0x5d) {
        if (this.depth === 2) this.inFeatures = false;
        this.depth--;
      }
    }
  }
}

const FEATURES = 'features';
