import { describe, expect, it } from 'vitest';
import { buildImport, osmLayerOf, readImportFile } from '../../src/import';
import { createShippedContext, utf8 } from './context';

const context = createShippedContext();

describe('osmLayerOf', () => {
  it.each([
    [{ leisure: 'park' }, 'parks'],
    [{ leisure: 'garden' }, 'parks'],
    [{ leisure: 'playground' }, null],
    [{ leisure: 'nature_reserve' }, null],
    [{ amenity: 'school' }, 'schools'],
    [{ amenity: 'kindergarten' }, 'schools'],
    [{ amenity: 'parking' }, 'car-parks'],
    [{ amenity: 'parking', parking: 'underground' }, 'car-parks'],
    [{ amenity: 'parking', parking: 'multi-storey' }, 'car-parks'],
    [{ amenity: 'parking', access: 'private' }, null],
    [{ amenity: 'parking', parking: 'street_side' }, null],
    [{ amenity: 'hospital' }, 'healthcare'],
    [{ amenity: 'clinic' }, 'healthcare'],
    [{ amenity: 'doctors' }, 'healthcare'],
    [{ healthcare: 'centre' }, 'healthcare'],
    [{ landuse: 'residential' }, 'residential'],
    [{ highway: 'primary' }, null],
    [{}, null],
  ])('%j → %s', (tags, layer) => {
    expect(osmLayerOf(tags).layer).toBe(layer);
  });

  it('gives the reason a feature is skipped', () => {
    expect(osmLayerOf({ amenity: 'parking', access: 'private' })).toEqual({
      layer: null,
      reason: 'private-parking',
    });
    expect(osmLayerOf({ building: 'yes' })).toEqual({ layer: null, reason: 'no-layer-tag' });
  });
});

// Nodes near 回龙观 station; way 10 is a small school ground, way 11 an unmapped road.
const OSM_XML = `<?xml version="1.0" encoding="UTF-8"?>
<osm version="0.6" generator="test">
  <node id="1" lat="40.0700" lon="116.3300"/>
  <node id="2" lat="40.0700" lon="116.3310"/>
  <node id="3" lat="40.0707" lon="116.3310"/>
  <node id="4" lat="40.0707" lon="116.3300"/>
  <node id="5" lat="40.0695" lon="116.3297">
    <tag k="amenity" v="parking"/><tag k="parking" v="surface"/><tag k="capacity" v="150"/>
    <tag k="name" v="回龙观地铁站停车场"/>
  </node>
  <node id="6" lat="40.0690" lon="116.3290">
    <tag k="amenity" v="parking"/><tag k="access" v="private"/>
  </node>
  <node id="7" lat="40.0693" lon="116.3540"><tag k="amenity" v="clinic"/><tag k="name" v="霍营诊所"/></node>
  <way id="10">
    <nd ref="1"/><nd ref="2"/><nd ref="3"/><nd ref="4"/><nd ref="1"/>
    <tag k="amenity" v="school"/><tag k="name" v="回龙观第二小学"/>
  </way>
  <way id="11"><nd ref="1"/><nd ref="3"/><tag k="highway" v="residential"/></way>
</osm>`;

describe('OSM XML and Overpass JSON import', () => {
  it('sorts OSM XML into layers with osm-detect and counts what it skips', async () => {
    const read = await readImportFile(utf8(OSM_XML), 'area.osm');
    expect(read).toMatchObject({ ok: true, format: 'osm-xml' });
    const preview = buildImport(
      read,
      { target: 'osm-detect', crs: 'WGS-84', datasetId: 'o' },
      context,
    );
    if (!preview.ok) throw new Error('expected ok');
    expect(preview.layers['car-parks']!.map((f) => f.properties)).toMatchObject([
      { name: '回龙观地铁站停车场', spaces: 150, kind: 'car-park', original_id: 'node/5' },
    ]);
    expect(preview.layers.healthcare!.map((f) => f.properties.kind)).toEqual(['clinic']);
    expect(preview.layers.schools!.map((f) => f.properties)).toMatchObject([
      { name: '回龙观第二小学', level: 'primary', serves_levels: ['primary'], kind: 'school' },
    ]);
    expect(preview.layers.schools![0]!.geometry.type).toBe('Polygon');
    expect(preview.skipped).toEqual(
      expect.arrayContaining([
        { reason: 'private-parking', count: 1 },
        { reason: 'no-layer-tag', count: 1 },
      ]),
    );
    expect(preview.rejected).toEqual([]);
  });

  it('reads Overpass JSON, sniffed from its content', async () => {
    const overpass = {
      version: 0.6,
      generator: 'Overpass API',
      elements: [
        {
          type: 'node',
          id: 21,
          lat: 40.0696,
          lon: 116.3535,
          tags: { amenity: 'kindergarten', name: '霍营幼儿园' },
        },
        {
          type: 'node',
          id: 22,
          lat: 40.0736,
          lon: 116.4068,
          tags: { leisure: 'park', name: '天通苑小公园' },
        },
      ],
    };
    const read = await readImportFile(utf8(JSON.stringify(overpass)), 'interpreter');
    expect(read).toMatchObject({ ok: true, format: 'overpass-json' });
    const preview = buildImport(
      read,
      { target: 'osm-detect', crs: 'WGS-84', datasetId: 'j' },
      context,
    );
    if (!preview.ok) throw new Error('expected ok');
    expect(preview.layers.schools![0]!.properties).toMatchObject({
      level: 'kindergarten',
      name: '霍营幼儿园',
    });
    // A park given as a point has no area: rejected with a reason, not silently dropped.
    expect(preview.rejected).toEqual([
      { code: 'missing-area', featureIndex: 1, name: '天通苑小公园' },
    ]);
  });
});
