import { describe, expect, it } from 'vitest';
import { buildImport, readImportFile } from '../../src/import';
import { createShippedContext, STATIONS, utf8 } from './context';

const context = createShippedContext();

const KML = `<?xml version="1.0" encoding="UTF-8"?>
<kml xmlns="http://www.opengis.net/kml/2.2">
  <Document>
    <Placemark>
      <name>回龙观站东侧停车场</name>
      <ExtendedData><Data name="泊位"><value>60</value></Data></ExtendedData>
      <Point><coordinates>${STATIONS.回龙观.join(',')},0</coordinates></Point>
    </Placemark>
    <Placemark>
      <name>育知路停车场</name>
      <Polygon><outerBoundaryIs><LinearRing><coordinates>
        116.3200,40.0860 116.3210,40.0860 116.3210,40.0866 116.3200,40.0866 116.3200,40.0860
      </coordinates></LinearRing></outerBoundaryIs></Polygon>
    </Placemark>
  </Document>
</kml>`;

describe('KML import', () => {
  it('reads placemarks with xmldom and maps them', async () => {
    const read = await readImportFile(utf8(KML), 'parking.kml');
    expect(read).toMatchObject({ ok: true, format: 'kml' });
    const preview = buildImport(
      read,
      { target: 'car-parks', crs: 'WGS-84', datasetId: 'k' },
      context,
    );
    if (!preview.ok) throw new Error('expected ok');
    const [point, polygon] = preview.layers['car-parks']!;
    expect(point!.properties).toMatchObject({ name: '回龙观站东侧停车场', spaces: 60 });
    // The altitude is dropped: the app's positions are 2-D.
    expect(point!.geometry).toEqual({ type: 'Point', coordinates: [...STATIONS.回龙观] });
    expect(polygon!.geometry.type).toBe('Polygon');
    expect(polygon!.properties.subdistrict).toBe('龙泽园街道');
  });

  it('finds KML by its content when the name says nothing', async () => {
    const read = await readImportFile(utf8(KML), 'download');
    expect(read).toMatchObject({ ok: true, format: 'kml' });
  });

  it('reports a broken document as unparseable', async () => {
    const read = await readImportFile(utf8('<kml><Document><Placemark>'), 'broken.kml');
    expect(read).toMatchObject({ ok: false, error: { code: 'parse-failed' } });
  });
});
