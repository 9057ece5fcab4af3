import type { Feature, Geometry } from 'geojson';
import {
  type CoverageInputs,
  type CoverageParameters,
  WHOLE_AREA_NAME,
  sortedUnits,
} from '../coverage_report';
import { INDICATORS, type Indicator, indicatorKnownExtent, servingFacilities } from '../indicators';
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

export type NetworkFigures = Record<Indicator, NetworkFigure>;

/** The network and the residential samples joined to it, for one set of units. */
export interface PreparedNetworkCoverage {
  network: EdgeIndex;
  samples: NetworkSamples;
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

/** The facilities serving an indicator: the definition the straight-line figures use. */
export const networkFacilities = servingFacilities;

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
    INDICATORS.map((k) => [k, networkIndicator(prepared, servingFacilities(inputs, p, k)).rows]),
  ) as Record<Indicator, NetworkUnitCoverage[]>;
  const names = prepared.samples.unitNames;
  // Car-park data is known by whole units (imports); no extent recorded: known everywhere.
  const carParkExtent = indicatorKnownExtent(inputs, 'parking');
  const measured = new Set(carParkExtent ? carParkExtent.units : names);
  const parkingUnits = byIndicator.parking.slice(0, names.length);
  const parkingWhole = parkingUnits.filter((u) => measured.has(u.name));
  return byIndicator.parks.map((_, i) => {
    const row = Object.fromEntries(
      INDICATORS.map((k) => [k, figure(byIndicator[k][i]!)]),
    ) as NetworkFigures;
    if (i < names.length)
      row.parking = measured.has(names[i]!) ? figure(parkingUnits[i]!) : NO_FIGURE;
    else
      row.parking =
        parkingWhole.length > 0 ? figure(networkTotal(WHOLE_AREA_NAME, parkingWhole)) : NO_FIGURE;
    return row;
  });
}
