import type { Feature, Geometry } from 'geojson';
import {
  type CoverageInputs,
  type CoverageParameters,
  type ServedSchoolLevel,
  WHOLE_AREA_NAME,
  parkFacilities,
  schoolReaches,
} from '../coverage_report';
import { SUBDISTRICT_NAMES } from '../../data/layers';
import { type EdgeIndex, indexEdges } from './access';
import {
  DEFAULT_SAMPLE_SPACING_M,
  type NetworkFacility,
  type NetworkSamples,
  type NetworkUnitCoverage,
  networkCoverage,
  networkTotal,
  prepareNetworkSamples,
} from './coverage';
import { type NetworkEdges, areaProjection, graphFromFeatures } from './edges';

/** A network figure: residential land within the radius along the network, and its share. */
export interface NetworkFigure {
  covered_m2: number | null;
  share: number | null;
  /** Residential land that joins the network at all (within the leg limit), m². */
  reached_m2: number | null;
  /** reached_m2 as a share of the unit's residential land. */
  reached_share: number | null;
}

export const NETWORK_INDICATORS = [
  'parks',
  'kindergarten',
  'primary',
  'middle',
  'parking',
] as const;
export type NetworkIndicator = (typeof NETWORK_INDICATORS)[number];
export type NetworkFigures = Record<NetworkIndicator, NetworkFigure>;

/** The network and the residential samples joined to it, for one set of units. */
export interface PreparedNetworkCoverage {
  network: EdgeIndex;
  samples: NetworkSamples;
}

/** Units in the action plan's order, as the straight-line report orders them. */
function sortedUnits(units: Feature<Geometry, { name: string }>[]) {
  const rank = (f: Feature<Geometry, { name: string }>) => {
    const i = (SUBDISTRICT_NAMES as readonly string[]).indexOf(f.properties.name);
    return i < 0 ? SUBDISTRICT_NAMES.length : i;
  };
  return [...units].sort((a, b) => rank(a) - rank(b));
}

export function prepareNetworkCoverage(
  inputs: Pick<CoverageInputs, 'subdistricts' | 'residential'>,
  edges: NetworkEdges,
  spacingM = DEFAULT_SAMPLE_SPACING_M,
): PreparedNetworkCoverage {
  const units = sortedUnits(inputs.subdistricts.features as Feature<Geometry, { name: string }>[]);
  const network = indexEdges(graphFromFeatures(edges, areaProjection(units)));
  const samples = prepareNetworkSamples(units, inputs.residential.features, network, spacingM);
  return { network, samples };
}

/** Per unit then the whole area, for one indicator's facilities. */
export function networkIndicator(
  prepared: PreparedNetworkCoverage,
  facilities: NetworkFacility[],
): { rows: NetworkUnitCoverage[]; served: Uint8Array } {
  const result = networkCoverage(prepared.samples, prepared.network, facilities);
  return {
    rows: [...result.units, networkTotal(WHOLE_AREA_NAME, result.units)],
    served: result.served,
  };
}

/** A unit the network does not reach at all has no network figure (not 0%). */
const figure = (c: NetworkUnitCoverage): NetworkFigure => ({
  covered_m2: c.reachedM2 > 0 ? c.coveredM2 : null,
  share: c.reachedM2 > 0 ? c.share : null,
  reached_m2: c.reachedM2,
  reached_share: c.residentialAreaM2 > 0 ? c.reachedM2 / c.residentialAreaM2 : null,
});
const NO_FIGURE: NetworkFigure = {
  covered_m2: null,
  share: null,
  reached_m2: null,
  reached_share: null,
};

export function networkFacilities(
  inputs: CoverageInputs,
  p: CoverageParameters,
  indicator: NetworkIndicator,
): NetworkFacility[] {
  if (indicator === 'parks') return parkFacilities(inputs.parks, p, inputs.greenways);
  if (indicator === 'parking') {
    return (inputs.carParks?.features ?? []).map((c) => ({
      geometry: c.geometry,
      radiusM: p.parkingRadiusMeters,
    }));
  }
  return schoolReaches(inputs.schools, indicator as ServedSchoolLevel, p);
}

/**
 * The network figures per unit (then the whole area), in the straight-line report's row
 * order. Parking is measured only in the units whose car-park data allows it, like the
 * straight-line figure.
 */
export function networkReport(
  inputs: CoverageInputs,
  p: CoverageParameters,
  prepared: PreparedNetworkCoverage,
): NetworkFigures[] {
  const byIndicator = Object.fromEntries(
    NETWORK_INDICATORS.map((k) => [
      k,
      networkIndicator(prepared, networkFacilities(inputs, p, k)).rows,
    ]),
  ) as Record<NetworkIndicator, NetworkUnitCoverage[]>;
  const names = prepared.samples.unitNames;
  // Car-park data is known by whole units (imports); no extent recorded: known everywhere.
  const carParkExtent = inputs.knownExtents['car-parks'];
  const measured = new Set(
    (inputs.carParks?.features.length ?? 0) > 0 ? (carParkExtent?.units ?? names) : [],
  );
  const parkingUnits = byIndicator.parking.slice(0, names.length);
  const parkingWhole = parkingUnits.filter((u) => measured.has(u.name));
  return byIndicator.parks.map((_, i) => {
    const row = Object.fromEntries(
      NETWORK_INDICATORS.map((k) => [k, figure(byIndicator[k][i]!)]),
    ) as NetworkFigures;
    if (i < names.length)
      row.parking = measured.has(names[i]!) ? figure(parkingUnits[i]!) : NO_FIGURE;
    else
      row.parking =
        parkingWhole.length > 0 ? figure(networkTotal(WHOLE_AREA_NAME, parkingWhole)) : NO_FIGURE;
    return row;
  });
}
