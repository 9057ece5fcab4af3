import { useEffect, useId, useMemo, useState } from 'react';
import { searchPlaces } from '../../analysis/place_search';
import type { LayerData } from '../../data/load';
import { isInArea, zoomForRadius } from '../../state/inspection_settings';
import { useAppStore } from '../../state/store';
import { useText } from '../use_text';
import { facilityFacts } from './facility_facts';
import { type PinyinPlaces, placesOf, placesWithPinyin } from './inspection_data';

/**
 * Find a home or a place by name (partial Chinese input works); choosing one places the
 * inspected point there. Arrow keys move through the results, Enter chooses, Escape closes.
 */
export function SearchBox({ data }: { data: LayerData }) {
  const t = useText();
  const id = useId();
  const inspectAt = useAppStore((s) => s.inspectAt);
  const flyTo = useAppStore((s) => s.flyTo);
  const [query, setQuery] = useState('');
  const [active, setActive] = useState(0);
  const [open, setOpen] = useState(false);
  const [locating, setLocating] = useState<'idle' | 'busy' | 'denied' | 'outside'>('idle');
  const [pinyin, setPinyin] = useState<PinyinPlaces | null>(null);
  // Pinyin serves Latin queries and ranks same-sounding typos (龙越苑 → 龙跃苑) first.
  const needsPinyin = /[a-z]/i.test(query) || query.trim().length >= 3;
  useEffect(() => {
    if (needsPinyin && !pinyin) void placesWithPinyin(data).then(setPinyin);
  }, [data, needsPinyin, pinyin]);
  // No query, no index: building it over a large import takes long, so only a search does.
  const results = useMemo(
    () =>
      query.trim() === ''
        ? []
        : pinyin
          ? searchPlaces(pinyin.places, query, 10, pinyin.syllables(query).join(''))
          : searchPlaces(placesOf(data), query),
    [data, pinyin, query],
  );

  const choose = (index: number) => {
    const place = results[index];
    if (!place) return;
    setQuery(place.name);
    setOpen(false);
    inspectAt(place.lonLat);
    flyTo(place.lonLat, zoomForRadius(useAppStore.getState().inspection.radiusM));
  };

  const locate = () => {
    if (!navigator.geolocation) {
      setLocating('denied');
      return;
    }
    setLocating('busy');
    navigator.geolocation.getCurrentPosition(
      ({ coords }) => {
        const lonLat: [number, number] = [coords.longitude, coords.latitude];
        if (!isInArea(lonLat)) {
          setLocating('outside');
          return;
        }
        setLocating('idle');
        inspectAt(lonLat);
        flyTo(lonLat, zoomForRadius(useAppStore.getState().inspection.radiusM));
      },
      () => setLocating('denied'),
      { timeout: 10_000 },
    );
  };

  return (
    <section className="search" aria-label={t('search.label')}>
      <div className="search-row">
        <input
          type="search"
          role="combobox"
          aria-expanded={open && query.length > 0}
          aria-controls={`${id}-results`}
          aria-activedescendant={open && results[active] ? `${id}-${active}` : undefined}
          aria-label={t('search.label')}
          placeholder={t('search.placeholder')}
          value={query}
          data-testid="place-search"
          onChange={(event) => {
            setQuery(event.target.value);
            setActive(0);
            setOpen(true);
          }}
          onFocus={() => setOpen(true)}
          onKeyDown={(event) => {
            if (event.key === 'ArrowDown') {
              event.preventDefault();
              setOpen(true);
              setActive((a) => Math.min(a + 1, results.length - 1));
            } else if (event.key === 'ArrowUp') {
              event.preventDefault();
              setActive((a) => Math.max(a - 1, 0));
            } else if (event.key === 'Enter') {
              event.preventDefault();
              choose(active);
            } else if (event.key === 'Escape') {
              setOpen(false);
            }
          }}
        />
        <button type="button" className="locate" data-testid="my-location" onClick={locate}>
          {locating === 'busy' ? t('search.locating') : t('search.myLocation')}
        </button>
      </div>
      {(locating === 'denied' || locating === 'outside') && (
        <p className="parameter-problem" role="alert" data-testid="location-message">
          {t(locating === 'denied' ? 'search.locationDenied' : 'search.locationOutside')}
        </p>
      )}
      {open && query.trim().length > 0 && (
        <ul
          className="search-results"
          id={`${id}-results`}
          role="listbox"
          data-testid="search-results"
        >
          {results.length === 0 && <li className="empty">{t('search.none')}</li>}
          {results.map((place, i) => (
            <li
              key={`${place.kind}-${place.id}`}
              id={`${id}-${i}`}
              role="option"
              aria-selected={i === active}
              data-testid="search-result"
              onMouseDown={(event) => {
                event.preventDefault();
                choose(i);
              }}
              onMouseEnter={() => setActive(i)}
            >
              <span className="result-name">{place.name}</span>
              {place.englishOnlyName && (
                <span className="name-note" data-testid="english-only-name">
                  {t('facility.englishOnlyMark')}
                </span>
              )}
              <small>
                {place.unnamedIn ? t('search.unnamedCompound') : t(`kind.${place.kind}`)}
                {facilityFacts(place, t) ? ` · ${facilityFacts(place, t)}` : ''}
                {place.subdistrict ? ` · ${place.subdistrict}` : ''}
              </small>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
