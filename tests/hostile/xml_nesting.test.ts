import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { xmlNestingDepth } from '../../src/data/xml_nesting';
import { problemMessage, readImportFile } from '../../src/import';
import { nestedFoldersKml, nestedOsmXml } from './inputs';

const bytes = (text: string) => new TextEncoder().encode(text);

describe(
  'deeply nested XML ends in a message naming the nesting limit',
  { timeout: 60_000 },
  () => {
    it('refuses a KML with 100,000 nested folders before parsing it', async () => {
      const read = await readImportFile(bytes(nestedFoldersKml(100_000)), 'deep.kml');
      if (read.ok) throw new Error('expected a refusal');
      expect(read.error).toMatchObject({ code: 'over-limit', limit: { limit: 'xmlNestingDepth' } });
      expect(problemMessage(read.error, 'zh')).toBe(
        'XML 嵌套层数超过上限 64（此文件：至少 65）；请拆分或简化后再导入',
      );
      expect(problemMessage(read.error, 'en')).toBe(
        'XML nesting depth over the limit of 64 (this file: at least 65). Split or simplify it and import again',
      );
    });

    it('refuses a deeply nested OSM extract the same way', async () => {
      const read = await readImportFile(bytes(nestedOsmXml(100_000)), 'deep.osm');
      if (read.ok) throw new Error('expected a refusal');
      expect(read.error.limit).toEqual({ limit: 'xmlNestingDepth', found: 65, stoppedEarly: true });
    });

    it('reads a KML with folders nested a few dozen levels deep', async () => {
      const read = await readImportFile(bytes(nestedFoldersKml(40)), 'folders.kml');
      if (!read.ok || read.kind !== 'features') throw new Error('expected features');
      expect(read.features).toHaveLength(1);
      expect(read.features[0]!.properties?.name).toBe('p');
    });

    it('counts elements only: comments, CDATA, declarations and quoted ">" count for nothing', () => {
      // <a> <b/> <c> <d> … : depth 3 (a, c, d); everything else would add levels if counted.
      const text = [
        '<?xml version="1.0"?>',
        '<!DOCTYPE a [ <!ENTITY e "<x><y><z>"> <!-- ] > <p><q> --> ]>',
        '<a title="<b><c>" other=\'/>\'>',
        '<!-- <e><f><g> -->',
        '<![CDATA[<h><i><j>]]>',
        '<b/><b attr="x" />',
        '<c><d>text</d></c>',
        '</a>',
      ].join('\n');
      expect(xmlNestingDepth(text)).toBe(3);
      expect(xmlNestingDepth('<a>'.repeat(10) + '</a>'.repeat(10))).toBe(10);
      // Stops counting once past the limit it is given.
      expect(xmlNestingDepth('<a>'.repeat(1000), 5)).toBe(6);
    });

    it('gives the report CLI one line and exit 2 for a nested --network file', () => {
      const dir = mkdtempSync(join(tmpdir(), 'deep-xml-'));
      const file = join(dir, 'deep.osm');
      writeFileSync(file, nestedOsmXml(100_000));
      const run = spawnSync(
        process.execPath,
        ['--import', 'tsx', 'scripts/report.ts', '--network', file],
        { encoding: 'utf8' },
      );
      expect(run.status).toBe(2);
      expect(run.stderr.trim()).toBe(
        `report: ${file}: XML 嵌套层数超过上限 64（此文件：至少 65） / XML nesting depth over the limit of 64 (this file: at least 65)`,
      );
    });
  },
);
